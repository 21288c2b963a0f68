"""The public vignettes (shared/cases/scenarios.json, copied into tests/data) through the API."""

from __future__ import annotations

from typing import Any

import pytest

from meldcode import beslis, besluit_naar_dict, casus_uit_dict, regelbasis
from tests.conftest import vignetten

VIGNETTEN = vignetten()


def controleer_verwachting(verwacht: dict[str, Any], besluit: dict[str, Any]) -> None:
    """Assert every key a vignette expects; ``contacten_bevat`` is a subset check."""
    for sleutel, waarde in verwacht.items():
        if sleutel == "contacten_bevat":
            assert set(waarde) <= set(besluit["contacten"]), (sleutel, besluit["contacten"])
        else:
            assert waarde == besluit[sleutel], sleutel


@pytest.mark.parametrize("vignet", VIGNETTEN, ids=[v["id"] for v in VIGNETTEN])
def test_vignette_is_decided_as_expected_with_grounds(vignet: dict[str, Any]) -> None:
    """Each vignette gets its expected decision, and every ground cites a rule of its protocol."""
    besluit = beslis(casus_uit_dict(vignet["casus"]))

    data = besluit_naar_dict(besluit)
    controleer_verwachting(vignet["verwacht"], data)
    assert data["gronden"], "a decision without grounds"
    ids = {r.id for r in regelbasis(besluit.protocol).regels}
    assert {g["regel"] for g in data["gronden"]} <= ids


def test_there_are_vignettes_for_both_protocols() -> None:
    """The copied vignettes cover 2013 and 2019 (and the date-based choice)."""
    protocollen = {v["casus"].get("protocol") for v in VIGNETTEN}

    assert {"2013", "2019", None} <= protocollen
