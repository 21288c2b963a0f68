"""The vignettes shipped with the package are the project's vignettes, and meldcode meets them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from meldcode import Protocol, beslis
from meldcode.testing.vignetten import Vignet, parameters, vignetten

DATA = Path(__file__).resolve().parents[1] / "data"


def test_the_shipped_vignettes_are_the_test_data() -> None:
    """meldcode/testing/vignetten.json is a copy of tests/data/scenarios.json; keep them equal."""
    expected = json.loads((DATA / "scenarios.json").read_text(encoding="utf-8"))

    actual = [
        {"id": v.id, "why": v.why, "casus": v.casus_json, "verwacht": v.verwacht}
        for v in vignetten()
    ]
    assert expected == actual, "copy it with: .venv/bin/python scripts/generate.py"


@pytest.mark.parametrize("vignet", parameters())
def test_meldcode_meets_every_shipped_vignette(vignet: Vignet) -> None:
    """Each vignette's expectation holds for meldcode's own decision."""
    assert vignet.afwijkingen(beslis(vignet.casus)) == []


def test_vignettes_can_be_chosen_by_protocol() -> None:
    """vignetten("2013") holds exactly the vignettes decided under 2013."""
    alle = vignetten()

    assert {v.id for v in alle} == {v.id for p in Protocol for v in vignetten(p)}
    assert all(v.protocol is Protocol.P2013 for v in vignetten("2013"))


def test_a_deviation_names_the_vignette_the_key_and_both_values() -> None:
    """Afwijkingen explains a disagreement in one line."""
    vignet = next(v for v in vignetten() if v.verwacht.get("melden") is True)

    actual = vignet.afwijkingen({"melden": False})

    assert f"{vignet.id}: melden is False, expected True" in actual
