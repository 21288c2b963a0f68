"""The screenshots of the walk-through in the docs (``docs/walkthrough/``).

One fixed walk; for each main page its PNG and the SHA-256 of its HTML.

A PNG depends on the Chromium version and its fonts; the HTML the server sends does not. So the
staleness check (``tests/browser/test_schermafdrukken.py``) compares the HTML digests, and
``scripts/screenshots.py`` writes both.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from meldcode.adapters.web.routes import WebInstellingen
from tests.browser.server import start_server
from tests.browser.wandelaar import ROOT, Wandelaar, html_digest, start_browser

MAP = ROOT / "docs" / "walkthrough"
VANDAAG = dt.date(2026, 3, 16)
PAGINAS = (
    "inloggen",
    "profiel",
    "overzicht",
    "signalen",
    "omstandigheden",
    "weging",
    "besluit",
    "samenvatting",
    "noodsituatie",
)


def maak(*, schrijf: bool, browser: Browser | None = None) -> dict[str, str]:
    """Walk the fixed route; the digest of each page's HTML (and its PNG when ``schrijf``).

    ``browser``: a running Chromium to use (else one is started here).
    """
    if browser is None:
        with sync_playwright() as p:
            eigen = start_browser(p)
            try:
                return maak(schrijf=schrijf, browser=eigen)
            finally:
                eigen.close()
    digests: dict[str, str] = {}
    with (
        tempfile.TemporaryDirectory() as tmp,
        start_server(
            Path(tmp), ("basisschool-de-linde",), web=WebInstellingen(vandaag=lambda: VANDAAG)
        ) as server,
    ):
        w = Wandelaar(browser, server.adres, axe=False)

        def vast(naam: str, *, afdruk: bool = False) -> None:
            digests[naam] = html_digest(w.html())
            if schrijf:
                MAP.mkdir(parents=True, exist_ok=True)
                if afdruk:
                    w.page.emulate_media(media="print")
                w.page.screenshot(path=str(MAP / f"{naam}.png"), full_page=True)
                w.page.emulate_media(media="screen")

        w.ga_naar("/wandeling/")
        vast("inloggen")
        w.page.get_by_label("API-sleutel van de organisatie").fill(
            server.sleutels["basisschool-de-linde"]
        )
        w.klik("Inloggen")
        vast("profiel")
        w.kies_profiel("fedra")
        vast("overzicht")
        w.nieuwe_casus("lln-0042")
        vast("signalen")
        w.signaal("verwaarlozing", "2026-03-02")
        w.consultatie("intern_begeleider", "2026-03-03")
        w.oudergesprek("2026-03-04")
        vast("omstandigheden")
        w.omstandigheden("2026-03-05", leeftijd=9)
        vast("weging")
        w.beantwoord(
            {
                "vermoeden": "ja",
                "acute_onveiligheid": "nee",
                "structurele_onveiligheid": "ja",
                "hulp_mogelijk": "ja",
                "hulp_aanvaard": "ja",
                "hulp_resultaat": "nee",
            }
        )
        vast("besluit")
        w.ga_naar("/wandeling/samenvatting")
        vast("samenvatting", afdruk=True)
        w.ga_naar("/wandeling/")
        w.nieuwe_casus("lln-0043")
        w.signaal("lichamelijk_geweld", "2026-03-16", kenmerken=("levensgevaar",))
        vast("noodsituatie")
        w.sluit()
    return digests


def opgeslagen() -> dict[str, str]:
    """The digests in the docs."""
    return {
        naam: (MAP / f"{naam}.html.sha256").read_text(encoding="utf-8").strip()
        for naam in PAGINAS
        if (MAP / f"{naam}.html.sha256").is_file()
    }


def schrijf_digests(digests: dict[str, str]) -> None:
    """Write each page's digest beside its PNG."""
    for naam, digest in digests.items():
        (MAP / f"{naam}.html.sha256").write_text(digest + "\n", encoding="utf-8")
