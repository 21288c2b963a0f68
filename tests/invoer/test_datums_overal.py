"""Every date the user gives is exactly ``YYYY-MM-DD``, not only a case's and an event's.

``datetime.date.fromisoformat`` also reads ISO week dates (``2018-W10-1``, ``2018W10``) and the
basic form (``20180305``): each is another text for a date that the contract does not allow.
The JSON reader refuses them (``tests/invoer/test_datums.py``); so does every other place a
date is read from what a user typed: ``--op`` of every command, a line of ``meldcode evaluatie
--besluiten``, the ``datum`` column of a frame of decisions, the leaving dates of ``meldcode
privacy --uitschrijvingen``, a stored tombstone, and the access export's rendering of a date.
Each refusal names the option or field; the value is shown only as ``toon`` shows it. Dates in
the contract's form still work at each of these places.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meldcode.adapters.cli.dossier import datum_argument
from meldcode.adapters.cli.privacy import lees_uitschrijvingen
from meldcode.adapters.inzage import _MAANDEN, _datum_nl
from meldcode.adapters.opslag.wissing import (
    GRAFSTEEN,
    Wisgrond,
    Wissing,
    grafsteen_naar_dict,
    grafsteen_uit_dict,
)
from meldcode.domain._validatie import toon
from meldcode.errors import OngeldigeInvoer
from meldcode.rules.evaluatiecijfers import periodesleutel
from tests.invoer.draai import draai, problemen
from tests.invoer.test_datums import CONTRACT, DATUMS, GEEN_CONTRACTDATUM, andere_vormen

ROOT = Path(__file__).resolve().parents[2]
STAPPEN = sorted((ROOT / "examples" / "dossier").glob("*.json"))
PROFIEL = str(ROOT / "examples" / "privacy" / "school.toml")
MELDING = "must be a date YYYY-MM-DD"

PYTHON_LEEST = andere_vormen()
"""A date in a form ``date.fromisoformat`` reads and the contract does not allow."""
NIET_CONTRACT = st.one_of(PYTHON_LEEST, GEEN_CONTRACTDATUM)
"""Those, and any other text that is not ``YYYY-MM-DD``."""

OP_OPDRACHTEN = (
    ["dossier", "toon", "lln-0042"],
    ["exporteer", "lln-0042"],
    ["evaluatie"],
    ["privacy", "verlopen", "--profiel", PROFIEL],
    ["privacy", "opschonen", "--profiel", PROFIEL],
    ["privacy", "wis", "lln-0042", "--bevestig"],
    ["privacy", "inzage", "lln-0042", "--voor", "ouder"],
)
"""Every command with ``--op`` (``datum_argument``)."""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store with the example dossier ``lln-0042``."""
    pad = str(tmp_path_factory.mktemp("datums") / "dossiers.sqlite3")
    for stap in STAPPEN:
        assert draai(["dossier", "toevoegen", "lln-0042", str(stap), "--db", pad])[0] == 0
    return pad


@settings(max_examples=200)
@given(waarde=PYTHON_LEEST)
def test_the_forms_are_read_by_python_and_are_not_the_contract_s(waarde: str) -> None:
    dt.date.fromisoformat(waarde)  # what each of these places read before
    assert not CONTRACT.fullmatch(waarde)


# --- --op ------------------------------------------------------------------------------------


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(opdracht=st.sampled_from(OP_OPDRACHTEN), waarde=NIET_CONTRACT)
def test_op_refuses_every_other_form_naming_the_option(
    tmp_path: Path, opdracht: list[str], waarde: str
) -> None:
    status, uit, err = draai([*opdracht, f"--op={waarde}", "--db", str(tmp_path / "geen.sqlite3")])

    assert problemen(status, uit, err, {2}) == []
    assert err.splitlines()[-1].endswith(
        f": error: argument --op: a date YYYY-MM-DD is expected (got {toon(waarde)})"
    )
    assert not (tmp_path / "geen.sqlite3").exists()


@settings(max_examples=200)
@given(waarde=NIET_CONTRACT)
def test_datum_argument_refuses_every_other_form(waarde: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError) as fout:
        datum_argument(waarde)

    assert str(fout.value) == f"a date YYYY-MM-DD is expected (got {toon(waarde)})"


@settings(max_examples=200)
@given(datum=st.dates())
def test_datum_argument_reads_every_date_in_the_contract_s_form(datum: dt.date) -> None:
    assert datum_argument(datum.isoformat()) == datum


@settings(max_examples=15, deadline=None)
@given(datum=st.dates(dt.date(2026, 6, 1), dt.date(2099, 12, 31)))
def test_op_in_the_contract_s_form_still_runs_the_command(db: str, datum: dt.date) -> None:
    status, uit, err = draai(["dossier", "toon", "lln-0042", "--db", db, "--op", datum.isoformat()])

    assert problemen(status, uit, err, {0}) == []
    assert "lln-0042" in uit


# --- a line of meldcode evaluatie --besluiten ---------------------------------------------------


def _regel(datum: object) -> bytes:
    return json.dumps({"datum": datum, "besluit": {"protocol": "2019"}}).encode() + b"\n"


@settings(max_examples=100, deadline=None)
@given(waarde=NIET_CONTRACT)
def test_an_evaluation_line_with_another_form_is_not_counted_and_named(waarde: str) -> None:
    status, uit, err = draai(["evaluatie", "--besluiten", "-", "--json"], _regel(waarde))

    assert problemen(status, uit, err, {1}) == []
    data = json.loads(uit)
    assert data["totaal"]["gevallen"] == 0
    assert [(p["lijn"], p["veld"]) for p in data["overgeslagen"]] == [(1, "datum")]
    assert f"datum {MELDING}" in data["overgeslagen"][0]["melding"]


@settings(max_examples=100, deadline=None)
@given(datum=DATUMS)
def test_an_evaluation_line_in_the_contract_s_form_is_counted_in_its_period(
    datum: dt.date,
) -> None:
    status, uit, err = draai(
        ["evaluatie", "--besluiten", "-", "--json", "--periode", "maand"],
        _regel(datum.isoformat()),
    )

    assert problemen(status, uit, err, {0}) == []
    data = json.loads(uit)
    assert [(p["periode"], p["gevallen"]) for p in data["perioden"] if p["gevallen"]] == [
        (periodesleutel(datum, "maand"), 1)
    ]


# --- the datum column of a frame of decisions -----------------------------------------------


def _frame(datum: object) -> Any:
    pl = pytest.importorskip("polars")
    from meldcode.adapters.dataframe.evaluatiecijfers import BESLISSINGEN

    return pl.DataFrame(
        {"datum": [datum], **{f"besluit.{b}": [False] for b in BESLISSINGEN}},
        schema_overrides={"datum": pl.String},
    )


@settings(max_examples=100, deadline=None)
@given(waarde=NIET_CONTRACT)
def test_a_frame_row_with_another_form_is_not_counted_and_named(waarde: str) -> None:
    from meldcode.adapters.dataframe.evaluatiecijfers import evaluatiecijfers_uit_frame

    cijfers = evaluatiecijfers_uit_frame(_frame(waarde), "jaar")

    assert cijfers.totaal.gevallen == 0
    [overgeslagen] = cijfers.overgeslagen
    assert [f.veld for f in overgeslagen.fouten] == ["datum"]
    assert f"datum {MELDING}" in overgeslagen.fouten[0].melding


@settings(max_examples=100, deadline=None)
@given(datum=DATUMS)
def test_a_frame_row_in_the_contract_s_form_is_counted_in_its_period(datum: dt.date) -> None:
    from meldcode.adapters.dataframe.evaluatiecijfers import evaluatiecijfers_uit_frame

    cijfers = evaluatiecijfers_uit_frame(_frame(datum.isoformat()), "maand")

    assert cijfers.overgeslagen == ()
    assert [(p.periode, p.gevallen) for p in cijfers.perioden if p.gevallen] == [
        (periodesleutel(datum, "maand"), 1)
    ]


# --- meldcode privacy --uitschrijvingen -------------------------------------------------------


def _uitschrijvingen(tmp_path: Path, waarde: object) -> str:
    pad = tmp_path / "uitschrijvingen.json"
    pad.write_text(json.dumps({"lln-0042": waarde}), encoding="utf-8")
    return str(pad)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(waarde=NIET_CONTRACT)
def test_a_leaving_date_in_another_form_is_refused_naming_its_dossier(
    tmp_path: Path, waarde: str
) -> None:
    with pytest.raises(OngeldigeInvoer) as fout:
        lees_uitschrijvingen(_uitschrijvingen(tmp_path, waarde))

    assert [(f.veld, f.waarde) for f in fout.value.fouten] == [
        ("uitschrijvingen.lln-0042", toon(waarde))
    ]
    assert f"uitschrijvingen.lln-0042 {MELDING}" in fout.value.fouten[0].melding


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(waarde=PYTHON_LEEST)
def test_privacy_verlopen_refuses_a_leaving_date_in_another_form(
    db: str, tmp_path: Path, waarde: str
) -> None:
    pad = _uitschrijvingen(tmp_path, waarde)

    status, uit, err = draai(
        ["privacy", "verlopen", "--profiel", PROFIEL, "--db", db, "--uitschrijvingen", pad]
    )

    assert problemen(status, uit, err, {1}) == []
    assert f"uitschrijvingen.lln-0042 {MELDING}" in err


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(datum=st.dates())
def test_a_leaving_date_in_the_contract_s_form_is_read(tmp_path: Path, datum: dt.date) -> None:
    assert lees_uitschrijvingen(_uitschrijvingen(tmp_path, datum.isoformat())) == {
        "lln-0042": datum
    }


# --- a stored tombstone ---------------------------------------------------------------------


def _grafsteen(datum: dt.date) -> dict[str, Any]:
    wissing = Wissing(
        dossier="lln-0042",
        datum=datum,
        grond=Wisgrond.VERZOEK,
        gewist=((1, "a" * 64),),
        volgnummer=2,
    )
    return grafsteen_naar_dict(wissing)


@settings(max_examples=200)
@given(waarde=NIET_CONTRACT)
def test_a_tombstone_with_another_form_of_date_is_refused_naming_the_field(waarde: str) -> None:
    data = {**_grafsteen(dt.date(2026, 7, 1)), "datum": waarde}

    with pytest.raises(OngeldigeInvoer) as fout:
        grafsteen_uit_dict(data, dossier="lln-0042", volgnummer=2)

    assert [(f.veld, f.waarde) for f in fout.value.fouten] == [("datum", "<value>")]
    assert f"tombstone: datum {MELDING}" in fout.value.fouten[0].melding


@settings(max_examples=200)
@given(datum=st.dates())
def test_a_tombstone_s_date_in_the_contract_s_form_is_read(datum: dt.date) -> None:
    data = _grafsteen(datum)

    wissing = grafsteen_uit_dict(data, dossier="lln-0042", volgnummer=2)

    assert data["soort"] == GRAFSTEEN
    assert wissing.datum == datum
    assert grafsteen_naar_dict(wissing) == data


# --- the access export's dates ----------------------------------------------------------------


@settings(max_examples=200)
@given(waarde=NIET_CONTRACT)
def test_the_access_export_reads_no_other_form_as_a_date(waarde: str) -> None:
    """Shown as it is stored, never turned into the words of the date Python reads in it."""
    assert _datum_nl(waarde) == waarde


@settings(max_examples=200)
@given(datum=st.dates())
def test_the_access_export_writes_a_date_in_dutch_words(datum: dt.date) -> None:
    assert _datum_nl(datum.isoformat()) == f"{datum.day} {_MAANDEN[datum.month - 1]} {datum.year}"
