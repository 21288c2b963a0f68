"""Shared helpers of the route tests: the route vignettes and deciding them with a profile."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from meldcode.adapters.json.casus import besluit_naar_dict, casus_uit_dict
from meldcode.adapters.profiel import laad_profiel
from meldcode.rules import beslis, kies_protocol

DATA = Path(__file__).resolve().parent / "data"


def route_vignetten() -> list[dict[str, Any]]:
    """The route vignettes: a case, an optional profile, and what the decision must contain."""
    data: list[dict[str, Any]] = json.loads((DATA / "vignetten.json").read_text(encoding="utf-8"))
    return data


def beslis_vignet(vignet: dict[str, Any]) -> dict[str, Any]:
    """Decide a vignet through the API (with its profile) and return the contract dict."""
    casus = casus_uit_dict(vignet["casus"])
    basis = None
    if vignet.get("profiel"):
        basis = laad_profiel(vignet["profiel"]).regelbasis(kies_protocol(casus))
    return besluit_naar_dict(beslis(casus, basis=basis))
