"""One calendar for every deadline: the Algemene termijnenwet's holidays, weekends, days off."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meldcode import Casus, Oordeel, Signaal, SoortSignaal, Weging, beslis
from meldcode.domain.dossier import Dossier, MeldingGedaan, SignaalVastgelegd, Uitzondering
from meldcode.rules.dossier import TermijnSoort, vouw
from meldcode.rules.kalender import (
    NEDERLAND,
    MetVrijeDagen,
    WeekendKalender,
    feestdagen,
    pasen,
    plus_werkdagen,
)
from meldcode.rules.normen import VEILIG_THUIS_BESLUIT_WERKDAGEN

datums = st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))


@pytest.mark.parametrize(
    ("jaar", "verwacht"),
    [(2019, dt.date(2019, 4, 21)), (2024, dt.date(2024, 3, 31)), (2026, dt.date(2026, 4, 5))],
)
def test_easter_is_computed(jaar: int, verwacht: dt.date) -> None:
    """The Gregorian computus gives the published dates of Easter Sunday."""
    assert pasen(jaar) == verwacht


@pytest.mark.parametrize("jaar", range(2000, 2041))
def test_the_holidays_agree_with_the_holidays_library_where_the_act_and_it_agree(jaar: int) -> None:
    """Against ``holidays.NL``: the same days, less Goede Vrijdag and the Sundays it lists.

    The Algemene termijnenwet (art. 3) lists 5 May every year and not Goede Vrijdag; the
    library lists Bevrijdingsdag only in lustrum years and adds Goede Vrijdag. Weekend days do
    not count either way.
    """
    holidays = pytest.importorskip("holidays")
    bibliotheek = {d for d, naam in holidays.country_holidays("NL", years=jaar).items()}
    goede_vrijdag = pasen(jaar) - dt.timedelta(days=2)
    weekdagen = {d for d in bibliotheek if d.weekday() < 5} - {goede_vrijdag}
    eigen = {d for d in feestdagen(jaar) if d.weekday() < 5}

    assert weekdagen - {dt.date(jaar, 5, 5)} == eigen - {dt.date(jaar, 5, 5)}
    if jaar % 5 == 0:
        assert (dt.date(jaar, 5, 5) in weekdagen) == (dt.date(jaar, 5, 5) in eigen)


@given(datums, st.integers(0, 60))
def test_plus_working_days_is_the_day_by_day_count_of_the_calendar(datum: dt.date, n: int) -> None:
    """The result is the n-th day after ``datum`` that the calendar counts, and lands on one."""
    uit = plus_werkdagen(NEDERLAND, datum, n)
    tussen = [datum + dt.timedelta(days=i) for i in range(1, (uit - datum).days + 1)]

    assert sum(NEDERLAND.is_werkdag(d) for d in tussen) == n
    assert n == 0 or NEDERLAND.is_werkdag(uit)


@given(datums, st.integers(1, 30))
def test_a_day_off_pushes_a_deadline_one_working_day_further(datum: dt.date, n: int) -> None:
    """Taking the first counted day out moves the deadline to the next working day."""
    uit = plus_werkdagen(NEDERLAND, datum, n)
    eerste = plus_werkdagen(NEDERLAND, datum, 1)
    later = plus_werkdagen(MetVrijeDagen(NEDERLAND, {eerste}), datum, n)

    assert later == plus_werkdagen(NEDERLAND, uit, 1)


def test_the_weekend_calendar_knows_no_holidays() -> None:
    """Christmas on a Friday is a working day for ``WeekendKalender`` only."""
    kerst = dt.date(2026, 12, 25)
    assert WeekendKalender().is_werkdag(kerst)
    assert not NEDERLAND.is_werkdag(kerst)


@given(datums)
def test_a_besluit_s_follow_up_and_the_dossier_s_deadline_fall_on_the_same_day(
    datum: dt.date,
) -> None:
    """The report of the same day: the Besluit's Veilig Thuis date is the dossier's deadline."""
    casus = Casus(datum=datum, weging=Weging(vermoeden=Oordeel.JA, acute_onveiligheid=Oordeel.JA))
    (opvolging,) = beslis(casus, "2019").opvolging
    dossier = (
        Dossier(id="d-1")
        .voeg_toe(SignaalVastgelegd(datum=datum, signaal=Signaal(soort=SoortSignaal.VERWAARLOZING)))
        .voeg_toe(MeldingGedaan(datum=datum, spoed=True, uitzondering=Uitzondering.VEILIGHEID))
    )
    (termijn,) = (
        t for t in vouw(dossier, op=datum).termijnen if t.soort is TermijnSoort.VEILIG_THUIS_BESLUIT
    )

    assert opvolging.werkdagen == VEILIG_THUIS_BESLUIT_WERKDAGEN.waarde
    assert opvolging.datum == termijn.uiterlijk
