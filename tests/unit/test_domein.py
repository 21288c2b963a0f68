"""Domain objects are validated at construction, with errors that name field and value."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import meldcode
from meldcode import (
    Besluit,
    Casus,
    Consultatie,
    Kind,
    OngeldigeInvoer,
    Oordeel,
    Protocol,
    Signaal,
    SoortSignaal,
    Weging,
)
from meldcode.domain._validatie import toon
from meldcode.rules import kies_protocol


def test_an_invalid_oordeel_names_the_field_and_the_value() -> None:
    """A string where an Oordeel belongs is refused with field and value."""
    with pytest.raises(OngeldigeInvoer) as fout:
        Weging(vermoeden="misschien")  # type: ignore[arg-type]

    assert fout.value.veld == "Weging.vermoeden"
    assert fout.value.waarde == "'misschien'"
    assert "must be one of 'ja', 'nee', 'twijfel' or null" in str(fout.value)


def test_an_error_is_a_value_error_and_a_meldcode_error() -> None:
    """Callers can catch the builtin branch or the library's root."""
    with pytest.raises(ValueError, match=r"Kind\.leeftijd"):
        Kind(leeftijd=-1)
    with pytest.raises(meldcode.MeldcodeError):
        Kind(leeftijd=True)  # type: ignore[arg-type]


@pytest.mark.parametrize("waarde", [0, 1, "false", None])
def test_booleans_accept_only_true_and_false(waarde: object) -> None:
    """0, 1 and "false" are not booleans: a silent truthiness would change decisions."""
    with pytest.raises(OngeldigeInvoer, match="must be true or false"):
        Kind(ongeboren=waarde)  # type: ignore[arg-type]


def test_free_text_never_appears_in_an_error() -> None:
    """A signal's description may describe a child: an error shows its type, not its text."""
    with pytest.raises(OngeldigeInvoer) as fout:
        Signaal(soort=SoortSignaal.VERWAARLOZING, omschrijving=["Jan heeft honger"])  # type: ignore[arg-type]

    assert "Jan" not in str(fout.value)
    assert fout.value.waarde == "<list>"


def test_a_description_is_not_shown_in_the_repr() -> None:
    """repr() of a signal, as it may end up in a log, leaves the free text out."""
    signaal = Signaal(soort=SoortSignaal.VERWAARLOZING, omschrijving="Jan heeft honger")

    assert "Jan" not in repr(signaal)


def test_a_name_is_refused_as_referentie() -> None:
    """Identifiers are pseudonymous: a value with spaces (a name) is refused, and not echoed."""
    with pytest.raises(OngeldigeInvoer) as fout:
        Casus(referentie="Jan Jansen")

    assert "Jan" not in str(fout.value)
    assert Casus(referentie="casus-2026-0042").referentie == "casus-2026-0042"


def test_collections_must_hold_the_right_objects() -> None:
    """A tuple of signals may hold only signals; the index is named."""
    with pytest.raises(OngeldigeInvoer, match=r"Casus\.consultaties\[1\]"):
        Casus(consultaties=(Consultatie(met=meldcode.Partij.COLLEGA), "collega"))  # type: ignore[arg-type]


def test_a_datetime_is_not_a_date() -> None:
    """Dates are calendar dates; a datetime would smuggle in a clock."""
    with pytest.raises(OngeldigeInvoer, match="YYYY-MM-DD"):
        Casus(datum=dt.datetime(2026, 3, 14, 12, 0))


@pytest.mark.parametrize(
    ("datum", "verwacht"),
    [
        (dt.date(2014, 6, 1), Protocol.P2013),
        (dt.date(2018, 12, 31), Protocol.P2013),
        (dt.date(2019, 1, 1), Protocol.P2019),
        (None, Protocol.P2019),
    ],
)
def test_the_protocol_follows_the_date_of_the_weighing(
    datum: dt.date | None, verwacht: Protocol
) -> None:
    """Before 1 January 2019 the 2013 code applies; without a date, the current one."""
    assert verwacht == kies_protocol(Casus(datum=datum))


def test_an_explicit_protocol_wins_over_the_date_and_a_call_wins_over_the_case() -> None:
    """The case's own protocol beats its date; ``beslis(protocol=...)`` beats both."""
    casus = Casus(protocol=Protocol.P2019, datum=dt.date(2014, 1, 1))

    assert kies_protocol(casus) is Protocol.P2019
    assert kies_protocol(casus, Protocol.P2013) is Protocol.P2013
    assert meldcode.beslis(casus, "2013").protocol is Protocol.P2013


def test_an_unknown_protocol_is_refused_by_name() -> None:
    """``beslis(protocol="2020")`` names the parameter and the value."""
    with pytest.raises(OngeldigeInvoer, match=r"protocol must be '2013' or '2019' \(got '2020'\)"):
        meldcode.beslis(Casus(), "2020")


def test_beslis_refuses_something_that_is_not_a_case() -> None:
    """A dict is not a Casus: read it with ``casus_uit_dict`` first."""
    with pytest.raises(OngeldigeInvoer, match="casus must be a Casus"):
        meldcode.beslis({"weging": {}})  # type: ignore[arg-type]


def test_besluit_reports_whether_it_is_complete() -> None:
    """``volledig`` is true exactly when there is no next question."""
    besluit = meldcode.beslis(Casus(weging=Weging(vermoeden=Oordeel.NEE)))

    assert besluit.volledig
    assert not meldcode.beslis(Casus()).volledig
    assert isinstance(besluit, Besluit)


_SCHEIDING = st.sampled_from(["", "-", " ", ".", "/"])


@given(
    cijfers=st.text(alphabet="0123456789", min_size=9, max_size=12),
    scheiding=_SCHEIDING,
    plus=st.booleans(),
)
def test_a_number_of_nine_or_more_digits_is_never_shown(
    cijfers: str, scheiding: str, plus: bool
) -> None:
    """A citizen service number, a phone or an account number typed where a value belongs.

    As text (with or without separators, ``06-12345678``, ``+31 6 1234 5678``) or as a
    number, an error shows its kind only.
    """
    tekst = ("+" if plus else "") + scheiding.join([cijfers[:2], cijfers[2:6], cijfers[6:]])
    getal = int(cijfers)

    assert toon(tekst) == "<str>"
    if getal >= 10**8:  # as a number: leading zeros are lost, nine digits or more remain
        assert toon(getal) == "<int>"
        assert toon(float(getal)) == "<float>"
    else:
        assert toon(getal) == repr(getal)


@pytest.mark.parametrize(
    ("waarde", "getoond"),
    [
        ("9", "'9'"),
        ("-1", "'-1'"),
        ("2019", "'2019'"),
        ("14-03-2026", "'14-03-2026'"),
        ("2019/03/01", "'2019/03/01'"),
        ("misschien", "'misschien'"),
        (31, "31"),
        (20260314, "20260314"),
        (9.5, "9.5"),
        ("123456782", "<str>"),
        ("06-12345678", "<str>"),
        ("+31 6 1234 5678", "<str>"),
        (612345678, "<int>"),
        (612345678.0, "<float>"),
        ("Jan de Vries", "<str>"),
    ],
)
def test_what_an_error_shows_of_a_value(waarde: object, getoond: str) -> None:
    """Ages, years, dates and keys are shown; names and personal numbers are not."""
    assert toon(waarde) == getoond
