"""A person walking through the pages: Playwright driving Debian's Chromium, axe-core on each page.

``Wandelaar`` fills in the forms as a person would (labels, buttons by their visible names, or
only the keyboard) and checks every page it sees with axe-core against the WCAG 2.1 A and AA
rules. Shared by the browser tests and ``scripts/screenshots.py``.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, Playwright, Response

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("MELDCODE_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium() -> str | None:
    """Debian's chromium, installed by the project's script when absent (``None``: impossible)."""
    if not Path(CHROMIUM).is_file():
        script = ROOT / "scripts" / "install-chromium"
        if shutil.which("bash") and script.is_file():
            subprocess.run(["bash", str(script)], check=False, capture_output=True)
    return CHROMIUM if Path(CHROMIUM).is_file() else None


def start_browser(p: Playwright) -> Browser:
    """Chromium from the system, never a downloaded build."""
    return p.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def html_digest(html: str) -> str:
    """A page's HTML without what changes per session (CSRF tokens), as SHA-256."""
    vast = re.sub(r'name="csrf" value="[^"]*"', 'name="csrf" value="-"', html)
    return hashlib.sha256(vast.encode("utf-8")).hexdigest()


class Wandelaar:
    """One person in one browser context, walking the pages of one server."""

    def __init__(self, browser: Browser, adres: str, *, axe: bool = True) -> None:
        self.context = browser.new_context(viewport={"width": 1000, "height": 900}, locale="nl-NL")
        self.page: Page = self.context.new_page()
        self.adres = adres
        self.axe = axe
        self.bezocht: list[str] = []
        self.profielen: list[str] = []
        self.schendingen: list[tuple[str, str, list[str]]] = []
        self.laatste: Response | None = None
        self.page.on("response", self._antwoord)

    def _antwoord(self, r: Response) -> None:
        if r.request.resource_type == "document" and r.status < 300:
            self.laatste = r

    def sluit(self) -> None:
        self.context.close()

    # --- checking every page ------------------------------------------------------------

    def controleer(self) -> None:
        """axe-core on the page now shown: every WCAG 2.1 A/AA violation is kept."""
        self.page.wait_for_load_state("load")
        pad = self.page.url.removeprefix(self.adres)
        self.bezocht.append(pad)
        profiel = self.page.locator("[data-test=profiel]")
        if profiel.count():
            self.profielen.append(profiel.inner_text())
        if not self.axe:
            return
        from axe_playwright_python.sync_playwright import Axe

        resultaat = Axe().run(self.page, options={"runOnly": {"type": "tag", "values": WCAG}})
        for v in resultaat.response["violations"]:
            doelen = [str(n.get("target")) for n in v.get("nodes", [])]
            self.schendingen.append((pad, v["id"], doelen))

    def html(self) -> str:
        """The HTML the server sent for the page now shown."""
        assert self.laatste is not None
        return self.laatste.text()

    def klik(self, naam: str) -> None:
        self.page.get_by_role("button", name=naam, exact=True).click()
        self.controleer()

    def ga_naar(self, pad: str) -> None:
        self.page.goto(self.adres + pad)
        self.controleer()

    # --- the steps ------------------------------------------------------------------------

    def log_in(self, sleutel: str) -> None:
        self.ga_naar("/wandeling/")
        self.page.get_by_label("API-sleutel van de organisatie").fill(sleutel)
        self.klik("Inloggen")

    def kies_profiel(self, naam: str | None) -> None:
        if naam is None:
            self.page.get_by_label("Geen profiel: alleen de landelijke meldcode").check()
        else:
            self.page.locator(f"#veld-profiel-{naam}").check()
        self.klik("Profiel vastleggen")

    def nieuwe_casus(self, referentie: str) -> None:
        self.page.get_by_label("Referentie (pseudoniem)").fill(referentie)
        self.klik("Casus beginnen")

    def signaal(self, soort: str, datum: str, *, kenmerken: tuple[str, ...] = ()) -> None:
        self.page.get_by_label("Soort signaal").select_option(soort)
        self.page.get_by_label("Datum", exact=True).fill(datum)
        for k in kenmerken:
            self.page.locator(f"#veld-{k}").check()
        self.page.get_by_label("Wat zag of hoorde u?").fill("Vrije tekst die nooit in een URL komt")
        self.klik("Signaal vastleggen en verder")

    def consultatie(self, met: str, datum: str) -> None:
        self.page.get_by_label("Met wie is overlegd?").select_option(met)
        self.page.get_by_label("Datum", exact=True).fill(datum)
        self.klik("Consultatie vastleggen en verder")

    def oudergesprek(self, datum: str) -> None:
        self.page.get_by_label("Met wie is het gesprek gevoerd?").select_option("ouders")
        self.page.get_by_label("Datum", exact=True).fill(datum)
        self.klik("Gesprek vastleggen en verder")

    def omstandigheden(
        self, datum: str, *, leeftijd: int | None, protocol: str = "", aan: tuple[str, ...] = ()
    ) -> None:
        for naam in aan:
            self.page.locator(f"#veld-{naam}").check()
        if leeftijd is not None:
            self.page.get_by_label("Leeftijd van het kind in jaren").fill(str(leeftijd))
        self.page.get_by_label("Welke meldcode geldt?").select_option(protocol)
        self.page.get_by_label("Datum van de weging").fill(datum)
        self.klik("Vastleggen en verder naar de afwegingen")

    def gevraagd(self) -> str | None:
        """The question the page asks now (``None``: not on the weging page)."""
        vraag = self.page.locator("[data-vraag]")
        return vraag.get_attribute("data-vraag") if vraag.count() else None

    def beantwoord(self, antwoorden: dict[str, str]) -> list[str]:
        """Answer what the page asks, from ``antwoorden``, until it asks no more; the questions."""
        gevraagd: list[str] = []
        while (vraag := self.gevraagd()) is not None:
            assert vraag in antwoorden, f"the page asks {vraag}, which the walk does not answer"
            assert vraag not in gevraagd, f"{vraag} asked twice"
            gevraagd.append(vraag)
            label = {"ja": "Ja", "nee": "Nee", "twijfel": "Twijfel"}[antwoorden[vraag]]
            self.page.get_by_label(label, exact=True).check()
            self.klik("Antwoord vastleggen")
        return gevraagd

    # --- reading the decision page ----------------------------------------------------------

    def besluit(self) -> dict[str, bool]:
        uit: dict[str, bool] = {}
        for li in self.page.locator("[data-besluit]").all():
            punt = li.get_attribute("data-besluit")
            assert punt is not None
            uit[punt] = li.get_attribute("data-genomen") == "ja"
        return uit

    def contacten(self) -> list[str]:
        lijst = self.page.locator("main [data-test=contacten]").first
        if not lijst.count():
            return []
        return [str(li.get_attribute("data-partij")) for li in lijst.locator("li").all()]

    def waarschuwingen(self) -> list[str]:
        """The codes of the warnings the decision page shows, in order."""
        return [
            str(li.get_attribute("data-code"))
            for li in self.page.locator("[data-test=waarschuwingen] li").all()
        ]

    def gronden(self) -> set[str]:
        return {str(f.get_attribute("data-regel")) for f in self.page.locator(".grond").all()}

    def tekst(self, selector: str) -> str:
        return self.page.locator(selector).first.inner_text()

    def info(self) -> dict[str, Any]:
        return {"url": self.page.url, "bezocht": self.bezocht}
