"""The JSON Schema of a dossier event says what the reader accepts: no more, no less."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meldcode.adapters.cli.main import main
from meldcode.adapters.json.dossier import gebeurtenis_naar_dict, gebeurtenis_uit_dict
from meldcode.adapters.json.schema import gebeurtenis_schema
from meldcode.domain.dossier import SOORTEN, Correctie
from meldcode.errors import OngeldigeInvoer
from meldcode.testing.dossier import datums, inhoud, volledig_voorbeeld

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = json.loads(
    resources.files("meldcode").joinpath("schema/gebeurtenis.schema.json").read_text("utf-8")
)
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def _geldig(data: Any) -> bool:
    return VALIDATOR.is_valid(data)


def test_the_schema_is_a_valid_draft_2020_12_schema_with_one_branch_per_kind() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)

    soorten = {
        SCHEMA["$defs"][t["$ref"].split("/")[-1]]["properties"]["soort"]["const"]
        for t in SCHEMA["oneOf"]
    }

    assert soorten == set(SOORTEN)


@given(inhoud)
def test_every_event_the_writer_writes_fits_the_schema(gebeurtenis: Any) -> None:
    assert _geldig(gebeurtenis_naar_dict(gebeurtenis))


@given(inhoud, datums)
def test_a_correction_fits_the_schema(vervanging: Any, datum: Any) -> None:
    correctie = Correctie(datum=datum, verwijst_naar=1, vervanging=vervanging)

    assert _geldig(gebeurtenis_naar_dict(correctie))


@given(inhoud, st.sampled_from(["soort", "datum"]))
def test_an_event_without_its_tag_or_date_fits_no_branch_and_is_refused(
    gebeurtenis: Any, veld: str
) -> None:
    data = gebeurtenis_naar_dict(gebeurtenis)
    del data[veld]

    assert not _geldig(data)
    with pytest.raises(OngeldigeInvoer):
        gebeurtenis_uit_dict(data)


@given(inhoud)
def test_an_unknown_kind_or_key_is_refused_by_schema_and_reader_alike(gebeurtenis: Any) -> None:
    data = gebeurtenis_naar_dict(gebeurtenis)
    onbekende_soort = {**data, "soort": "gerucht"}
    extra_sleutel = {**data, "naam_van_het_kind": "x"}

    for slecht in (onbekende_soort, extra_sleutel):
        assert not _geldig(slecht)
        with pytest.raises(OngeldigeInvoer):
            gebeurtenis_uit_dict(slecht)


def test_meldcode_schema_gebeurtenis_prints_the_shipped_schema(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema", "--gebeurtenis"]) == 0
    geprint = json.loads(capsys.readouterr().out)

    assert geprint == SCHEMA == gebeurtenis_schema()  # the shipped file is not stale
    for g in volledig_voorbeeld():
        assert _geldig(gebeurtenis_naar_dict(g))
