"""Dates are exactly ``YYYY-MM-DD``: every other form that Python could read is refused.

``datetime.date.fromisoformat`` also reads ISO week dates (``2018-W10-1``, ``2018W10``) and the
basic format (``20180305``); a looser check than a full match of ASCII digits would also let
other scripts' digits and a trailing newline through. A case's ``datum`` picks the protocol, so
a date read from another form can change the decision: each such form is refused, at every date
field of a case and of every dossier event, by the Python readers and by the command line, and
the error names the field. Dates in the contract's form still read and write back unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldcode import OngeldigeInvoer, casus_naar_dict, casus_uit_dict, casus_uit_json
from meldcode.adapters.json.dossier import gebeurtenis_naar_dict, gebeurtenis_uit_json
from tests.invoer.corpus import bladeren, casus_data, gebeurtenis_data, schrijf, vervang
from tests.invoer.draai import draai, problemen

CONTRACT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""The contract's one form of a date (used with ``fullmatch``)."""
LOS = re.compile(r"^\d{4}-\d{2}-\d{2}$")
"""A check that looks right and is not: ``\\d`` takes any script's digits, ``$`` a newline."""
MELDING = "must be a date YYYY-MM-DD"

# years of four digits whose ISO week-numbering year has four digits too
DATUMS = st.dates(min_value=dt.date(1000, 1, 5), max_value=dt.date(9998, 12, 1))
# the zero of other scripts' decimal digits (Unicode category Nd)
NULLEN = ("\u0660", "\u06f0", "\u0966", "\u09e6", "\u0e50", "\uff10", "\U0001d7ce")


@st.composite
def andere_vormen(draw: st.DrawFn) -> str:
    """A date in a form that ``date.fromisoformat`` reads and the contract does not allow."""
    d = draw(DATUMS)
    jaar, week, dag = d.isocalendar()
    return draw(
        st.sampled_from(
            [
                f"{jaar:04d}-W{week:02d}-{dag}",  # week date
                f"{jaar:04d}-W{week:02d}",  # week date without a day: its Monday
                f"{jaar:04d}W{week:02d}{dag}",  # week date, basic format
                f"{jaar:04d}W{week:02d}",
                f"{d.year:04d}{d.month:02d}{d.day:02d}",  # basic format
            ]
        )
    )


@st.composite
def lijkt_op_een_datum(draw: st.DrawFn) -> str:
    """``YYYY-MM-DD`` as a loose check accepts it: other digits, or a trailing newline."""
    tekst = draw(DATUMS).isoformat()
    if draw(st.booleans()):
        return tekst + "\n"
    nul = draw(st.sampled_from(NULLEN))
    plekken = [i for i, c in enumerate(tekst) if c.isdigit()]
    vervangen = draw(st.sets(st.sampled_from(plekken), min_size=1))
    return "".join(chr(ord(nul) + int(c)) if i in vervangen else c for i, c in enumerate(tekst))


GEEN_CONTRACTDATUM = st.one_of(
    andere_vormen(),
    lijkt_op_een_datum(),
    st.text(max_size=12).filter(lambda s: not CONTRACT.fullmatch(s)),
)
"""Text that is not a date of the contract: the forms above, and any other text."""


def gedateerd(data: Any) -> Any:
    """``data`` with every date left out (``null``) filled in: each date field is then tested."""
    for pad, sleutel, waarde in list(bladeren(data)):
        if sleutel in {"datum", "termijn"} and waarde is None:
            data = vervang(data, pad, "2026-03-05")
    return data


def datumvelden(data: Any) -> list[str]:
    """The paths of every date in ``data`` (each written as ``YYYY-MM-DD``)."""
    return [p for p, _k, v in bladeren(data) if isinstance(v, str) and CONTRACT.fullmatch(v)]


CASUS = gedateerd(casus_data())
CASUSDATUMS = datumvelden(CASUS)
EVENTS = [gedateerd(g) for g in gebeurtenis_data()]
GEBEURTENISSEN = [(g, veld) for g in EVENTS for veld in datumvelden(g)]


def test_the_generators_make_what_they_claim() -> None:
    """Every date field is covered, and each form is one the standard library reads."""
    assert set(CASUSDATUMS) == {"datum", "signalen[0].datum", "consultaties[0].datum"}
    velden = {veld for _g, veld in GEBEURTENISSEN}
    assert {"datum", "termijn", "vervanging.datum", "signaal.datum", "consultatie.datum"} <= velden


@settings(max_examples=200)
@given(waarde=andere_vormen())
def test_each_other_form_is_read_by_fromisoformat_and_is_not_the_contract_s(waarde: str) -> None:
    dt.date.fromisoformat(waarde)  # the reader's old check took every one of these
    assert not CONTRACT.fullmatch(waarde)


@settings(max_examples=100)
@given(waarde=lijkt_op_een_datum())
def test_each_lookalike_passes_a_loose_check_and_is_not_the_contract_s(waarde: str) -> None:
    assert LOS.match(waarde)
    assert not CONTRACT.fullmatch(waarde)


def test_the_reported_week_date_is_refused_rather_than_decided_under_2013() -> None:
    tekst = (
        '{"datum":"2018-W10-1","weging":{"vermoeden":"ja","acute_onveiligheid":"nee",'
        '"structurele_onveiligheid":"nee"}}'
    )

    with pytest.raises(OngeldigeInvoer) as fout:
        casus_uit_json(tekst)

    assert [(f.veld, f.melding) for f in fout.value.fouten] == [
        ("datum", "datum must be a date YYYY-MM-DD (got <str>)")
    ]


@settings(max_examples=200)
@given(veld=st.sampled_from(CASUSDATUMS), waarde=GEEN_CONTRACTDATUM)
def test_a_case_refuses_every_other_form_at_every_date_field(veld: str, waarde: str) -> None:
    data = vervang(CASUS, veld, waarde)

    for lees in (lambda: casus_uit_dict(data), lambda: casus_uit_json(json.dumps(data))):
        with pytest.raises(OngeldigeInvoer) as fout:
            lees()
        assert [f.veld for f in fout.value.fouten] == [veld]
        assert f"{veld} {MELDING}" in fout.value.fouten[0].melding


@settings(max_examples=200)
@given(gekozen=st.sampled_from(GEBEURTENISSEN), waarde=GEEN_CONTRACTDATUM)
def test_a_dossier_event_refuses_every_other_form_at_every_date_field(
    gekozen: tuple[dict[str, Any], str], waarde: str
) -> None:
    gebeurtenis, veld = gekozen

    with pytest.raises(OngeldigeInvoer) as fout:
        gebeurtenis_uit_json(schrijf(vervang(gebeurtenis, veld, waarde)))

    assert [f.veld for f in fout.value.fouten] == [veld]
    assert f"{veld} {MELDING}" in fout.value.fouten[0].melding


@settings(max_examples=40)
@given(veld=st.sampled_from(CASUSDATUMS), waarde=st.one_of(andere_vormen(), lijkt_op_een_datum()))
def test_the_command_line_refuses_every_other_form_naming_the_field(veld: str, waarde: str) -> None:
    regel = schrijf(vervang(CASUS, veld, waarde))

    status, uit, err = draai(["beslis", "-"], regel + b"\n")

    assert problemen(status, uit, err, {1}) == []
    fout = json.loads(uit)["fout"]
    assert [f["veld"] for f in fout["fouten"]] == [veld]
    assert MELDING in fout["melding"]


@settings(max_examples=20)
@given(veld=st.sampled_from(CASUSDATUMS), waarde=andere_vormen())
def test_a_case_file_with_another_form_is_refused_by_beslis(
    tmp_path_factory: pytest.TempPathFactory, veld: str, waarde: str
) -> None:
    pad = tmp_path_factory.mktemp("datum") / "casus.json"
    pad.write_bytes(schrijf(vervang(CASUS, veld, waarde)))

    status, uit, err = draai(["beslis", str(pad)])

    assert problemen(status, uit, err, {1}) == []
    assert f"{veld} {MELDING}" in err
    assert uit == ""


@settings(max_examples=200)
@given(datums=st.lists(st.dates(), min_size=3, max_size=3))
def test_a_date_in_the_contract_s_form_is_read_and_written_back(datums: list[dt.date]) -> None:
    data = CASUS
    for veld, datum in zip(CASUSDATUMS, datums, strict=True):
        data = vervang(data, veld, datum.isoformat())

    casus = casus_uit_json(json.dumps(data))

    assert casus.datum == datums[CASUSDATUMS.index("datum")]
    assert casus_naar_dict(casus) == data


@settings(max_examples=100)
@given(gebeurtenis=st.sampled_from(EVENTS), datum=st.dates())
def test_an_event_s_dates_in_the_contract_s_form_are_read_and_written_back(
    gebeurtenis: dict[str, Any], datum: dt.date
) -> None:
    data = gebeurtenis
    for veld in datumvelden(gebeurtenis):  # one date for all: a help term is not before its day
        data = vervang(data, veld, datum.isoformat())

    assert gebeurtenis_naar_dict(gebeurtenis_uit_json(schrijf(data))) == data
