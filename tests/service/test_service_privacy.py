"""The service and privacy: erased dossiers, logged exports, figures without free text, text keys.

A missing or wrong text key and a damaged store are the server's faults: a 503 that says so
and nothing more. An erased dossier is a 404, like one that never was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from meldcode.adapters.opslag.archief import Archief, open_opslag
from meldcode.adapters.opslag.toegang import maak_sleutel
from meldcode.adapters.opslag.versleuteling import SLEUTEL_OMGEVING, Tekstsleutel
from meldcode.adapters.opslag.wissing import Wisgrond
from meldcode.domain.dossier import SignaalVastgelegd
from meldcode.testing.dossier import volledig_voorbeeld
from tests.service.conftest import Dienst, start_dienst
from tests.service.hulp import JSON, gebeurtenissen, vul


def _archief(dienst: Dienst) -> Archief:
    return Archief(open_opslag(dienst.db), organisatie="bestuur-a")


def test_an_erased_dossier_over_http(dienst: Dienst, a: Any) -> None:
    """The check says when and why it was erased; the state is gone; the figures still count."""
    vul(a, "prv-weg", 12)
    vul(a, "prv-blijft", 3)
    archief = _archief(dienst)
    try:
        archief.wis("prv-weg", grond=Wisgrond.VERZOEK, op=dt.date(2026, 7, 1))
    finally:
        archief.sluit()

    controle = a.get("/dossiers/prv-weg/controle")
    assert controle.status_code == 200, controle.text
    assert controle.json()["keten"]["intact"] is True
    assert controle.json()["gewist"]["grond"] == "verzoek"
    assert a.get("/dossiers/prv-weg").status_code == 404
    figuren = a.get("/evaluatiecijfers", params={"periode": "jaar"})
    assert figuren.status_code == 200, figuren.text
    assert "blauwe plekken" not in figuren.text


def test_an_export_over_http_is_logged(dienst: Dienst, a: Any) -> None:
    """One row in the store's export log, with the SHA-256 of the export's canonical JSON."""
    vul(a, "prv-export", 3)

    antwoord = a.get("/dossiers/prv-export/export")

    assert antwoord.status_code == 200, antwoord.text
    canoniek = json.dumps(
        antwoord.json(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    archief = _archief(dienst)
    try:
        (regel,) = archief.inzagelog("prv-export")
    finally:
        archief.sluit()
    assert regel.aanvrager == "volledig"
    assert regel.document_hash == hashlib.sha256(canoniek.encode()).hexdigest()


# --- the server without the text key, or with another one: its fault, not the client's --------

GEHEIM = "Jantje zat onder de blauwe plekken"
_VERRADERS = ("MELDCODE", "TEKSTSLEUTEL", "omschrijving", "signaal.", "sleutel", "key id", "/")


def _versleuteld_dossier(db: str, organisatie: str, dossier: str) -> Tekstsleutel:
    """A dossier of the example's first events, its free text encrypted with a fresh key."""
    sleutel = Tekstsleutel.nieuw()
    archief = Archief(open_opslag(db), organisatie=organisatie, sleutel=sleutel)
    try:
        eerste, *rest = volledig_voorbeeld()[:3]
        assert isinstance(eerste, SignaalVastgelegd)
        signaal = attrs.evolve(eerste.signaal, omschrijving=GEHEIM)
        for g in (attrs.evolve(eerste, signaal=signaal), *rest):
            archief.voeg_toe(dossier, g)
    finally:
        archief.sluit()
    return sleutel


def _verkeerd_ingesteld(antwoord: Any, *geheimen: str) -> None:
    """A 503 problem that says the server is misconfigured, and nothing an attacker could use."""
    assert antwoord.status_code == 503, antwoord.text
    assert antwoord.headers["content-type"] == "application/problem+json"
    probleem = antwoord.json()
    assert probleem["code"] == "verkeerd_ingesteld"
    assert "misconfigured" in probleem["detail"]
    assert set(probleem) == {"type", "title", "status", "detail", "code"}
    for woord in (*_VERRADERS, *geheimen):
        assert woord not in probleem["detail"]
    assert GEHEIM not in antwoord.text


def test_a_server_without_the_text_key_says_it_is_misconfigured(dienst: Dienst, a: Any) -> None:
    """Not a 400: the request was fine. What needs no text still works."""
    sleutel = _versleuteld_dossier(dienst.db, "bestuur-a", "prv-zonder-sleutel")
    volgende = gebeurtenissen()[3]

    export = a.get("/dossiers/prv-zonder-sleutel/export")
    toevoegen = a.post(
        "/dossiers/prv-zonder-sleutel/gebeurtenissen",
        params={"na": 3},
        content=volgende,
        headers=JSON,
    )
    stand = a.get("/dossiers/prv-zonder-sleutel")
    controle = a.get("/dossiers/prv-zonder-sleutel/controle")

    _verkeerd_ingesteld(export, "prv-zonder-sleutel", sleutel.kenmerk, dienst.db)
    _verkeerd_ingesteld(toevoegen, "prv-zonder-sleutel", sleutel.kenmerk, dienst.db)
    assert stand.status_code == 200, stand.text  # text hidden, structure shown
    assert stand.json()["aantal"] == 3
    assert controle.status_code == 200
    assert GEHEIM not in stand.text + controle.text


@pytest.fixture(scope="module")
def dienst_andere_sleutel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dienst]:
    """A server whose text key is not the one its store's dossier was encrypted with."""
    db = str(tmp_path_factory.mktemp("andere-sleutel") / "dossiers.sqlite3")
    _versleuteld_dossier(db, "bestuur-a", "prv-andere-sleutel")
    yield from start_dienst(db, omgeving={SLEUTEL_OMGEVING: Tekstsleutel.nieuw().tekst()})


def test_a_server_with_another_text_key_says_it_is_misconfigured(
    dienst_andere_sleutel: Dienst,
) -> None:
    with dienst_andere_sleutel.client("bestuur-a") as a:
        stand = a.get("/dossiers/prv-andere-sleutel")
        export = a.get("/dossiers/prv-andere-sleutel/export")
        toevoegen = a.post(
            "/dossiers/prv-andere-sleutel/gebeurtenissen",
            params={"na": 3},
            content=gebeurtenissen()[3],
            headers=JSON,
        )
        onbekend = a.get("/dossiers/prv-bestaat-niet")

    for antwoord in (stand, export, toevoegen):
        _verkeerd_ingesteld(antwoord, "prv-andere-sleutel", dienst_andere_sleutel.db)
    assert onbekend.status_code == 404  # the key matters only where there is encrypted text


def test_a_malformed_text_key_stops_the_server_before_it_listens(tmp_path: Path) -> None:
    """Every worker would fail on it: ``meldcode serve`` says so at once, naming the variable."""
    proces = subprocess.run(
        [
            sys.executable,
            "-m",
            "meldcode",
            "serve",
            "--port",
            "0",
            "--db",
            str(tmp_path / "d.sqlite3"),
        ],
        env={**os.environ, SLEUTEL_OMGEVING: "geen-sleutel-GeHeIm"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert proces.returncode == 1
    assert "meldcode serve:" not in proces.stdout  # it never listened
    assert f"${SLEUTEL_OMGEVING}" in proces.stderr
    assert "GeHeIm" not in proces.stderr


def test_an_erased_dossier_stays_404_like_one_that_never_was(dienst: Dienst, a: Any) -> None:
    """404, not 410 Gone: the answer does not tell whether a dossier ever existed under an id.

    docs/service.md says why; the organisation's own check (``/controle``) shows the erasure.
    """
    vul(a, "prv-gewist", 3)
    archief = _archief(dienst)
    try:
        archief.wis("prv-gewist", grond=Wisgrond.VERZOEK, op=dt.date(2026, 7, 1))
    finally:
        archief.sluit()

    antwoorden = [
        a.get("/dossiers/prv-gewist"),
        a.post(
            "/dossiers/prv-gewist/gebeurtenissen",
            params={"na": 4},
            content=gebeurtenissen()[3],
            headers=JSON,
        ),
    ]
    nooit = a.get("/dossiers/prv-nooit-geweest")

    for antwoord in antwoorden:
        assert antwoord.status_code == 404, antwoord.text
        assert antwoord.headers["content-type"] == "application/problem+json"
        assert antwoord.json()["code"] == nooit.json()["code"] == "dossier_niet_gevonden"
    assert a.get("/dossiers/prv-gewist/controle").json()["gewist"]["grond"] == "verzoek"


def test_a_damaged_store_is_a_503_without_its_path(tmp_path: Path) -> None:
    """The server's fault again: the client is not told where the store is or what broke."""
    from fastapi.testclient import TestClient

    from meldcode.adapters.http import Instellingen, maak_app

    db = tmp_path / "dossiers.sqlite3"
    opslag: Any = open_opslag(db)
    sleutel, _ = maak_sleutel(opslag, "bestuur-a", op=dt.datetime.now(dt.UTC))
    opslag.sluit()
    with TestClient(maak_app(Instellingen(db=str(db)))) as client:
        db.write_bytes(b"dit is geen database " * 400)
        for pad in (tmp_path / "dossiers.sqlite3-wal", tmp_path / "dossiers.sqlite3-shm"):
            pad.unlink(missing_ok=True)
        antwoord = client.get("/v1/dossiers", headers={"Authorization": f"Bearer {sleutel}"})

    assert antwoord.status_code == 503, antwoord.text
    assert antwoord.json()["code"] == "opslag_niet_beschikbaar"
    assert str(tmp_path) not in antwoord.text
    assert "sqlite" not in antwoord.text.lower()
