"""The server starts, answers its health check, decides a case, and wants a key for it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from meldcode import beslis, besluit_naar_dict, casus_uit_json

ROOT = Path(__file__).resolve().parents[2]
VOORBEELDEN = sorted((ROOT / "examples" / "casussen").glob("*.json"))


def test_the_health_check_needs_no_key(anoniem: Any) -> None:
    antwoord = anoniem.get("/gezondheid")

    assert antwoord.status_code == 200
    assert antwoord.json() == {"status": "ok"}


@pytest.mark.parametrize("pad", VOORBEELDEN, ids=lambda p: p.stem)
def test_a_decision_over_http_is_the_librarys(a: Any, pad: Path) -> None:
    """The same reader, the same engine, the same writer: byte for byte the same JSON."""
    tekst = pad.read_text(encoding="utf-8")

    antwoord = a.post("/besluiten", content=tekst, headers={"Content-Type": "application/json"})

    assert antwoord.status_code == 200, antwoord.text
    assert antwoord.json() == besluit_naar_dict(beslis(casus_uit_json(tekst)))


def test_deciding_without_a_key_is_401(anoniem: Any) -> None:
    antwoord = anoniem.post("/besluiten", json={})

    assert antwoord.status_code == 401
    assert antwoord.headers["content-type"] == "application/problem+json"
    assert antwoord.headers["www-authenticate"].startswith("Bearer")
    assert json.loads(antwoord.text)["status"] == 401
