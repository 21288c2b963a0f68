"""Helpers for the service tests: events as JSON, appending them over HTTP."""

from __future__ import annotations

import json
from typing import Any

from meldcode.adapters.json.dossier import gebeurtenis_naar_dict
from meldcode.testing.dossier import volledig_voorbeeld

JSON = {"Content-Type": "application/json"}


def gebeurtenissen() -> list[str]:
    """The twelve events of the example dossier, as JSON text."""
    return [json.dumps(gebeurtenis_naar_dict(g)) for g in volledig_voorbeeld()]


def vul(client: Any, dossier: str, aantal: int = 3) -> None:
    """Append the first ``aantal`` example events to ``dossier`` (which must be new)."""
    for na, tekst in enumerate(gebeurtenissen()[:aantal]):
        antwoord = client.post(
            f"/dossiers/{dossier}/gebeurtenissen", params={"na": na}, content=tekst, headers=JSON
        )
        assert antwoord.status_code == 201, antwoord.text
