"""The shipped JSON Schemas accept every example case, every vignette and every decision."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from meldcode import Casus, beslis, besluit_naar_dict, casus_naar_dict, casus_uit_dict
from meldcode.testing.strategies import casussen
from meldcode.testing.vignetten import Vignet, parameters

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the dev extra")

ROOT = Path(__file__).resolve().parents[2]
VOORBEELDEN = sorted((ROOT / "examples" / "casussen").glob("*.json"))


def _schema(naam: str) -> Any:
    tekst = resources.files("meldcode").joinpath(f"schema/{naam}.schema.json").read_text("utf-8")
    validator = jsonschema.Draft202012Validator
    schema = json.loads(tekst)
    validator.check_schema(schema)
    return validator(schema, format_checker=validator.FORMAT_CHECKER)


CASUS = _schema("casus")
BESLUIT = _schema("besluit")


def test_there_are_example_cases_for_both_protocols() -> None:
    """examples/casussen covers 2013 and 2019."""
    protocollen = {
        beslis(casus_uit_dict(json.loads(p.read_text("utf-8")))).protocol for p in VOORBEELDEN
    }

    assert len(protocollen) == 2


@pytest.mark.parametrize("pad", VOORBEELDEN, ids=lambda p: p.name)
def test_every_example_case_and_its_decision_validate(pad: Path) -> None:
    """An example case fits the case schema, and meldcode's decision the decision schema."""
    data = json.loads(pad.read_text(encoding="utf-8"))

    CASUS.validate(data)
    BESLUIT.validate(besluit_naar_dict(beslis(casus_uit_dict(data))))


@pytest.mark.parametrize("vignet", parameters())
def test_every_vignette_and_its_decision_validate(vignet: Vignet) -> None:
    """The public vignettes speak the published format."""
    CASUS.validate(dict(vignet.casus_json))
    BESLUIT.validate(besluit_naar_dict(beslis(vignet.casus)))


@given(casussen())
def test_every_case_the_library_writes_fits_the_schema(casus: Casus) -> None:
    """What casus_naar_dict writes, another language's validator accepts."""
    CASUS.validate(casus_naar_dict(casus))
    BESLUIT.validate(besluit_naar_dict(beslis(casus)))


@pytest.mark.parametrize("geschreven", [9.0, 16.0])
def test_a_whole_number_written_with_a_point_is_that_number(geschreven: float) -> None:
    """JSON has one kind of number, and JSON Schema's ``integer`` takes 9.0: so does the reader."""
    data = {"weging": {}, "kind": {"leeftijd": geschreven}}

    assert CASUS.is_valid(data)
    assert casus_uit_dict(data).kind.leeftijd == int(geschreven)


@pytest.mark.parametrize("geschreven", [9.5, float("nan"), float("inf")])
def test_a_number_with_a_fraction_is_refused_naming_the_field(geschreven: float) -> None:
    from meldcode.errors import OngeldigeInvoer

    data = {"weging": {}, "kind": {"leeftijd": geschreven}}

    with pytest.raises(OngeldigeInvoer) as fout:
        casus_uit_dict(data)
    assert [f.veld for f in fout.value.fouten] == ["kind.leeftijd"]
