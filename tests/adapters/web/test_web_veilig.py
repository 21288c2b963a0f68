"""The walk-through's safety, without a browser (Starlette's test client).

Sessions, cookies, CSRF, the idle time-out, tenants, no case data in URLs or logs, and bad input
named by its field.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="meldcode[web] not installed")

from fastapi.testclient import TestClient

from meldcode.adapters.opslag.archief import Archief, open_opslag
from meldcode.adapters.opslag.toegang import maak_sleutel
from meldcode.adapters.web.routes import WebInstellingen
from tests.web_app import web_app

GEHEIM = "Jantje-de-Vries-woont-op-nummer-7"


class Klok:
    def __init__(self) -> None:
        self.nu = 1000.0

    def __call__(self) -> float:
        return self.nu


@pytest.fixture
def omgeving(tmp_path: Path) -> tuple[str, dict[str, str], Klok]:
    db = str(tmp_path / "d.sqlite3")
    opslag = open_opslag(db)
    sleutels = {o: maak_sleutel(opslag, o, op=dt.datetime.now(dt.UTC))[0] for o in ("a", "b")}
    opslag.sluit()
    return db, sleutels, Klok()


def _client(db: str, klok: Klok, stil: float = 900) -> TestClient:
    app = web_app(db, WebInstellingen(stil=stil, klok=klok, vandaag=lambda: dt.date(2026, 3, 16)))
    return TestClient(app, base_url="https://testserver", follow_redirects=True)


def _csrf(html: str) -> str:
    gevonden = re.search(r'name="csrf" value="([^"]+)"', html)
    assert gevonden is not None
    return gevonden.group(1)


def _in(c: TestClient, sleutel: str, profiel: str = "") -> str:
    r = c.get("/wandeling/")
    r = c.post("/wandeling/inloggen", data={"csrf": _csrf(r.text), "sleutel": sleutel})
    assert r.url.path in ("/wandeling/profiel", "/wandeling/")
    if r.url.path == "/wandeling/profiel":
        r = c.post("/wandeling/profiel", data={"csrf": _csrf(r.text), "profiel": profiel})
    return r.text


def _casus(c: TestClient, html: str, ref: str) -> str:
    r = c.post("/wandeling/open", data={"csrf": _csrf(html), "referentie": ref, "nieuw": "ja"})
    r = c.post(
        "/wandeling/stap/signalen",
        data={
            "csrf": _csrf(r.text),
            "soort": "verwaarlozing",
            "datum": "2026-03-02",
            "omschrijving": GEHEIM,
            "actie": "opslaan",
        },
    )
    assert r.status_code == 200
    return r.text


def test_the_session_cookie_is_secure_http_only_same_site_and_changes_at_login(
    omgeving: tuple[str, dict[str, str], Klok],
) -> None:
    db, sleutels, klok = omgeving
    c = _client(db, klok)
    r = c.get("/wandeling/inloggen")
    cookie = r.headers["set-cookie"].lower()
    for vlag in ("httponly", "secure", "samesite=strict", "path=/wandeling"):
        assert vlag in cookie
    voor = c.cookies.get("meldcode_sessie")
    _in(c, sleutels["a"])
    assert c.cookies.get("meldcode_sessie") != voor  # no session fixation
    csp = r.headers["content-security-policy"]
    assert "script-src" not in csp
    assert "default-src 'none'" in csp
    assert r.headers["cache-control"] == "no-store"


def test_every_form_needs_the_session_s_csrf_token(
    omgeving: tuple[str, dict[str, str], Klok],
) -> None:
    db, sleutels, klok = omgeving
    c = _client(db, klok)
    html = _in(c, sleutels["a"])
    for pad, data in (
        ("/wandeling/open", {"referentie": "lln-1", "nieuw": "ja"}),
        ("/wandeling/profiel", {"profiel": "vcog"}),
        ("/wandeling/uitloggen", {}),
    ):
        for token in (None, "vals", _csrf(html) + "x"):
            body = dict(data) if token is None else {**data, "csrf": token}
            r = c.post(pad, data=body)
            assert r.status_code == 403, (pad, token)
    # a login form from elsewhere is refused too
    anders = _client(db, klok)
    r = anders.post("/wandeling/inloggen", data={"csrf": "vals", "sleutel": sleutels["a"]})
    assert r.status_code == 403
    html = _casus(c, html, "lln-1")
    r = c.post(
        "/wandeling/stap/consultatie",
        data={"csrf": "vals", "met": "collega", "datum": "2026-03-03"},
    )
    assert r.status_code == 403
    opslag = open_opslag(db)
    assert len(Archief(opslag, organisatie="a").lees("lln-1").gebeurtenissen) == 1
    opslag.sluit()


def test_an_idle_session_is_logged_out(omgeving: tuple[str, dict[str, str], Klok]) -> None:
    db, sleutels, klok = omgeving
    c = _client(db, klok, stil=600)
    _in(c, sleutels["a"])
    klok.nu += 599
    assert c.get("/wandeling/").url.path == "/wandeling/"
    klok.nu += 601
    r = c.get("/wandeling/")
    assert r.url.path == "/wandeling/inloggen"
    assert "automatisch uitgelogd na 10 minuten" in r.text


def test_a_bad_or_revoked_key_gets_no_session(omgeving: tuple[str, dict[str, str], Klok]) -> None:
    db, sleutels, klok = omgeving
    c = _client(db, klok)
    r = c.get("/wandeling/inloggen")
    for fout in ("", "mc_000000000000_" + "x" * 40, sleutels["a"] + "x"):
        r = c.post("/wandeling/inloggen", data={"csrf": _csrf(r.text), "sleutel": fout})
        assert r.status_code == 401
        assert "onbekend of ingetrokken" in r.text
    assert c.get("/wandeling/").url.path == "/wandeling/inloggen"


def test_one_organisation_never_sees_another_s_cases(
    omgeving: tuple[str, dict[str, str], Klok],
) -> None:
    db, sleutels, klok = omgeving
    a, b = _client(db, klok), _client(db, klok)
    _casus(a, _in(a, sleutels["a"]), "lln-geheim")
    html = _in(b, sleutels["b"])
    assert "lln-geheim" not in html
    r = b.post("/wandeling/open", data={"csrf": _csrf(html), "referentie": "lln-geheim"})
    assert r.status_code == 400
    assert "bestaat niet" in r.text
    assert GEHEIM not in r.text
    # b may use the same reference for a case of its own: a's stays untouched
    _casus(b, r.text, "lln-geheim")
    opslag = open_opslag(db)
    assert len(Archief(opslag, organisatie="a").lees("lln-geheim").gebeurtenissen) == 1
    assert len(Archief(opslag, organisatie="b").lees("lln-geheim").gebeurtenissen) == 1
    opslag.sluit()


def test_no_case_data_in_urls_or_logs(
    omgeving: tuple[str, dict[str, str], Klok], caplog: pytest.LogCaptureFixture
) -> None:
    db, sleutels, klok = omgeving
    c = _client(db, klok)
    caplog.set_level(logging.DEBUG)
    adressen: list[str] = []
    c.event_hooks["response"] = [lambda r: adressen.append(str(r.request.url))]
    html = _casus(c, _in(c, sleutels["a"]), "lln-0042")
    c.post(
        "/wandeling/stap/consultatie",
        data={"csrf": _csrf(html), "met": "collega", "datum": "2026-03-03", "actie": "opslaan"},
    )
    c.get("/wandeling/samenvatting")
    assert adressen
    for adres in adressen:
        assert "lln-0042" not in adres
        assert "Jantje" not in adres
    for record in caplog.records:
        assert "lln-0042" not in record.getMessage()
        assert "Jantje" not in record.getMessage()


def test_bad_input_names_the_field_on_the_page(omgeving: tuple[str, dict[str, str], Klok]) -> None:
    db, sleutels, klok = omgeving
    c = _client(db, klok)
    html = _in(c, sleutels["a"])
    r = c.post(
        "/wandeling/open", data={"csrf": _csrf(html), "referentie": "Jan Jansen", "nieuw": "ja"}
    )
    assert r.status_code == 400
    assert 'href="#veld-referentie"' in r.text
    assert "Jan Jansen" not in r.text  # a name typed by mistake is not echoed
    r = c.post(
        "/wandeling/open", data={"csrf": _csrf(r.text), "referentie": "lln-9", "nieuw": "ja"}
    )
    r = c.post(
        "/wandeling/stap/signalen",
        data={
            "csrf": _csrf(r.text),
            "soort": "verwaarlozing",
            "datum": "2026-02-30",
            "actie": "opslaan",
        },
    )
    assert r.status_code == 400
    assert 'href="#veld-datum"' in r.text
    assert 'aria-invalid="true"' in r.text
    r = c.post(
        "/wandeling/stap/signalen",
        data={"csrf": _csrf(r.text), "soort": "iets", "datum": "2026-02-03", "actie": "opslaan"},
    )
    assert r.status_code == 400
    assert 'href="#veld-soort"' in r.text


def test_the_dossier_refuses_a_step_out_of_order_in_dutch(
    omgeving: tuple[str, dict[str, str], Klok],
) -> None:
    db, sleutels, klok = omgeving
    c = _client(db, klok)
    html = _casus(c, _in(c, sleutels["a"]), "lln-5")
    r = c.post(
        "/wandeling/stap/opvolging",
        data={"csrf": _csrf(html), "soort": "melding", "datum": "2026-03-03"},
    )
    assert r.status_code == 409
    assert "Dit kan nog niet worden vastgelegd" in r.text


def test_the_access_log_names_who_wrote_which_event(
    omgeving: tuple[str, dict[str, str], Klok],
) -> None:
    db, sleutels, klok = omgeving
    c = _client(db, klok)
    _casus(c, _in(c, sleutels["a"]), "lln-7")
    opslag = open_opslag(db)
    rijen = opslag.toegangen(organisatie="a", dossier="lln-7")
    opslag.sluit()
    assert [(t.handeling, t.volgnummer) for t in rijen] == [("schrijven", 1)]
