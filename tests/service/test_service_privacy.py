"""The service and privacy: erased dossiers, logged exports, and figures without free text."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from meldcode.adapters.opslag.archief import Archief, open_opslag
from meldcode.adapters.opslag.wissing import Wisgrond
from tests.service.conftest import Dienst
from tests.service.hulp import vul


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
