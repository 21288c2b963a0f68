"""The walk-through's sessions live in the store: shared by every connection, minimal, expiring.

Two connections to one store stand for two worker processes of the service (the test against
a real server with two workers is ``tests/service/test_service_wandeling.py``).
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="meldcode[web] not installed")

from fastapi.testclient import TestClient

from meldcode.adapters.opslag.archief import open_opslag
from meldcode.adapters.opslag.toegang import maak_sleutel
from meldcode.adapters.web.routes import WebInstellingen
from meldcode.adapters.web.sessies import Sessies, sessie_hash
from tests.web_app import web_app

GEHEIM = "Jantje-de-Vries-woont-op-nummer-7"


class Klok:
    def __init__(self) -> None:
        self.nu = 1_000_000.0

    def __call__(self) -> float:
        return self.nu


@pytest.fixture
def twee(tmp_path: Path) -> Any:
    """Two connections to one store: two workers."""
    db = tmp_path / "d.sqlite3"
    een, ander = open_opslag(db), open_opslag(db)
    yield een, ander
    een.sluit()
    ander.sluit()


def test_a_session_made_by_one_worker_is_known_to_another(twee: Any) -> None:
    een, ander = twee
    sessies = Sessies(stil=600, klok=Klok())

    nieuw = sessies.log_in(een, sessies.nieuw(een), "school-a", "0123456789ab")
    nieuw.dossier = "lln-1"
    nieuw.melding = "Vastgelegd in het dossier: signaal vastgelegd."
    sessies.bewaar(een, nieuw)
    gevonden, verlopen = sessies.vind(ander, nieuw.id)

    assert not verlopen
    assert gevonden is not None
    assert (gevonden.organisatie, gevonden.sleutel_id, gevonden.dossier, gevonden.melding) == (
        "school-a",
        "0123456789ab",
        "lln-1",
        "Vastgelegd in het dossier: signaal vastgelegd.",
    )
    assert gevonden.csrf == nieuw.csrf
    sessies.beeindig(ander, gevonden)
    assert sessies.vind(een, nieuw.id) == (None, True)


def test_the_idle_time_out_holds_across_workers(twee: Any) -> None:
    """Used through one worker restarts the clock for the other; idle too long ends it."""
    een, ander = twee
    klok = Klok()
    sessies = Sessies(stil=600, klok=klok)
    sessie = sessies.log_in(een, sessies.nieuw(een), "school-a", "0123456789ab")

    klok.nu += 599
    assert sessies.vind(ander, sessie.id)[0] is not None
    klok.nu += 599
    assert sessies.vind(een, sessie.id)[0] is not None
    klok.nu += 601
    assert sessies.vind(ander, sessie.id) == (None, True)
    assert sessies.vind(een, sessie.id) == (None, True)


def test_expired_sessions_are_deleted_and_the_number_is_bounded(twee: Any) -> None:
    een, ander = twee
    klok = Klok()
    sessies = Sessies(stil=600, klok=klok, max_aantal=5)
    oud = [sessies.nieuw(een) for _ in range(3)]
    klok.nu += 601
    jong = [sessies.nieuw(ander) for _ in range(7)]

    rijen = {r[0] for r in een._conn.execute("SELECT sessie_hash FROM web_sessies")}

    assert not rijen & {sessie_hash(s.id) for s in oud}  # expired: gone
    assert rijen == {sessie_hash(s.id) for s in jong[-5:]}  # the bound drops the oldest


def _csrf(html: str) -> str:
    gevonden = re.search(r'name="csrf" value="([^"]+)"', html)
    assert gevonden is not None
    return gevonden.group(1)


def test_a_session_row_holds_no_id_no_token_and_nothing_typed_about_a_case(
    tmp_path: Path,
) -> None:
    """The hash of the id, the organisation, the key's id, the case's pseudonym, a notice."""
    db = str(tmp_path / "d.sqlite3")
    opslag = open_opslag(db)
    sleutel = maak_sleutel(opslag, "school-a", op=dt.datetime.now(dt.UTC))[0]
    opslag.sluit()
    app = web_app(db, WebInstellingen(vandaag=lambda: dt.date(2026, 3, 16)))
    c = TestClient(app, base_url="https://testserver", follow_redirects=True)
    r = c.get("/wandeling/")
    r = c.post("/wandeling/inloggen", data={"csrf": _csrf(r.text), "sleutel": sleutel})
    r = c.post("/wandeling/profiel", data={"csrf": _csrf(r.text), "profiel": ""})
    r = c.post(
        "/wandeling/open", data={"csrf": _csrf(r.text), "referentie": "lln-7", "nieuw": "ja"}
    )
    token = _csrf(r.text)
    r = c.post(
        "/wandeling/stap/signalen",
        data={
            "csrf": token,
            "soort": "verwaarlozing",
            "datum": "2026-03-02",
            "omschrijving": GEHEIM,
            "situatie": GEHEIM,
            "actie": "opslaan",
        },
    )
    assert r.status_code == 200
    cookie = c.cookies.get("meldcode_sessie")
    assert cookie

    with sqlite3.connect(db) as conn:
        rijen = conn.execute("SELECT * FROM web_sessies").fetchall()
        kolommen = [k[1] for k in conn.execute("PRAGMA table_info(web_sessies)")]

    assert kolommen == [
        "sessie_hash",
        "organisatie",
        "sleutel_id",
        "dossier_id",
        "melding",
        "laatst",
    ]
    (rij,) = [r for r in rijen if r[0] == sessie_hash(cookie)]
    assert rij[1:4] == ("school-a", sleutel.split("_")[1], "lln-7")
    tekst = repr(rijen)
    for geheim in (GEHEIM, cookie, token, sleutel):
        assert geheim not in tekst


def test_a_revoked_key_ends_its_sessions(tmp_path: Path) -> None:
    db = str(tmp_path / "d.sqlite3")
    opslag: Any = open_opslag(db)
    sleutel, record = maak_sleutel(opslag, "school-a", op=dt.datetime.now(dt.UTC))
    c = TestClient(web_app(db, WebInstellingen()), base_url="https://testserver")
    r = c.get("/wandeling/", follow_redirects=True)
    r = c.post(
        "/wandeling/inloggen",
        data={"csrf": _csrf(r.text), "sleutel": sleutel},
        follow_redirects=True,
    )
    assert r.url.path == "/wandeling/profiel"

    opslag.trek_sleutel_in(record.sleutel_id, op=dt.datetime.now(dt.UTC))
    opslag.sluit()
    r = c.get("/wandeling/profiel", follow_redirects=True)

    assert r.url.path == "/wandeling/inloggen"
    assert "ingetrokken" in r.text


def test_a_server_without_the_text_key_shows_a_dutch_503_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An encrypted case and no key: the server's fault, said in Dutch, nothing of the case."""
    import attrs

    from meldcode.adapters.opslag.archief import Archief
    from meldcode.adapters.opslag.versleuteling import SLEUTEL_OMGEVING, Tekstsleutel
    from meldcode.domain.dossier import SignaalVastgelegd
    from meldcode.testing.dossier import volledig_voorbeeld

    monkeypatch.delenv(SLEUTEL_OMGEVING, raising=False)
    monkeypatch.delenv(f"{SLEUTEL_OMGEVING}BESTAND", raising=False)
    db = str(tmp_path / "d.sqlite3")
    opslag: Any = open_opslag(db)
    sleutel = maak_sleutel(opslag, "school-a", op=dt.datetime.now(dt.UTC))[0]
    archief = Archief(opslag, organisatie="school-a", sleutel=Tekstsleutel.nieuw())
    eerste = volledig_voorbeeld()[0]
    assert isinstance(eerste, SignaalVastgelegd)
    archief.voeg_toe(
        "lln-8", attrs.evolve(eerste, signaal=attrs.evolve(eerste.signaal, omschrijving=GEHEIM))
    )
    archief.sluit()
    app = web_app(db, WebInstellingen(vandaag=lambda: dt.date(2026, 3, 16)))
    c = TestClient(app, base_url="https://testserver", follow_redirects=True)
    r = c.get("/wandeling/")
    r = c.post("/wandeling/inloggen", data={"csrf": _csrf(r.text), "sleutel": sleutel})
    r = c.post("/wandeling/profiel", data={"csrf": _csrf(r.text), "profiel": ""})
    geopend = c.post("/wandeling/open", data={"csrf": _csrf(r.text), "referentie": "lln-8"})
    samenvatting = c.get("/wandeling/samenvatting")

    for antwoord in (geopend, samenvatting):
        assert antwoord.status_code == 503
        assert antwoord.headers["content-type"].startswith("text/html")
        assert "De server is niet goed ingesteld" in antwoord.text
        assert 'lang="nl"' in antwoord.text
        assert antwoord.headers["Cache-Control"] == "no-store"
        assert GEHEIM not in antwoord.text
        assert "Traceback" not in antwoord.text
        assert "SleutelFout" not in antwoord.text
