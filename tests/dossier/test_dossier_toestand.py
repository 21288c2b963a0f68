"""The fold: step, outstanding items, the latest decision, deadlines due and overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from meldcode.domain.dossier import Dossier, Stap
from meldcode.rules.dossier import TermijnSoort, TermijnStatus, toestand, vouw
from meldcode.rules.kalender import NEDERLAND, WeekendKalender, plus_werkdagen
from meldcode.testing.dossier import volledig_voorbeeld, voorbeeld_dossier

D = dt.date
NL = NEDERLAND


def deel(n: int) -> Dossier:
    d = Dossier(id="lln-0042")
    for g in volledig_voorbeeld()[:n]:
        d = d.voeg_toe(g)
    return d


def test_an_empty_dossier_has_no_step_and_nothing_outstanding() -> None:
    """Nothing recorded, nothing derived."""
    t = toestand(Dossier(id="lln-1"), op=D(2026, 3, 2), kalender=NL)

    assert (t.stap, t.openstaand, t.termijnen, t.besluit) == (None, (), (), None)


def test_after_a_signal_steps_2_to_4_are_outstanding() -> None:
    """Consultation, parent conversation and weighing are asked for."""
    t = toestand(deel(1), op=D(2026, 3, 2), kalender=NL)

    assert t.stap is Stap.SIGNALEREN
    assert [o.code for o in t.openstaand] == ["consultatie", "oudergesprek", "weging"]
    assert t.besluit is not None
    assert t.besluit.volgende_vraag is not None


def test_after_the_weighing_the_decision_is_outstanding_and_the_engine_decides() -> None:
    """The latest Besluit comes from the rule base on the dossier's case."""
    t = toestand(deel(4), op=D(2026, 3, 12), kalender=NL)

    assert t.stap is Stap.WEGEN
    assert [o.code for o in t.openstaand] == ["besluit", "afweging.hulp_resultaat"]
    assert t.besluit is not None
    assert t.besluit.hulp_organiseren


def test_the_agreed_term_for_help_is_due_then_overdue_then_met() -> None:
    """Afweging 4D/5: the term agreed for the effect of the help."""
    d = deel(6)

    voor = toestand(d, op=D(2026, 5, 15), kalender=NL)
    na = toestand(d, op=D(2026, 5, 18), kalender=NL)
    klaar = toestand(deel(7), op=D(2026, 5, 18), kalender=NL)

    assert [t.soort for t in voor.te_doen] == [TermijnSoort.HULP_RESULTAAT]
    assert [t.uiterlijk for t in na.verlopen] == [D(2026, 5, 15)]
    assert klaar.termijnen[0].status(klaar.op) is TermijnStatus.VOLDAAN


def test_a_failed_evaluation_makes_the_report_outstanding() -> None:
    """Afweging 5A: no result within the term means reporting to Veilig Thuis."""
    t = toestand(deel(8), op=D(2026, 5, 15), kalender=NL)

    assert t.besluit is not None
    assert t.besluit.melden
    assert "melding" in [o.code for o in t.openstaand]


def test_veilig_thuis_has_five_working_days_after_a_report() -> None:
    """Report on Tuesday 19 May 2026: weekend and Pinkstermaandag 25 May do not count."""
    t = toestand(deel(10), op=D(2026, 5, 27), kalender=NL)

    (termijn,) = [x for x in t.termijnen if x.soort is TermijnSoort.VEILIG_THUIS_BESLUIT]
    assert termijn.uiterlijk == D(2026, 5, 27)
    assert termijn.status(t.op) is TermijnStatus.LOPEND
    assert toestand(deel(10), op=D(2026, 5, 28), kalender=NL).verlopen == (termijn,)
    assert toestand(deel(11), op=D(2026, 5, 28), kalender=NL).verlopen == ()


def test_the_weekend_calendar_knows_no_holidays() -> None:
    """The same report with weekends only is due a day earlier."""
    t = toestand(deel(10), op=D(2026, 5, 27), kalender=WeekendKalender())

    assert [x.uiterlijk for x in t.termijnen][-1] == D(2026, 5, 26)


@pytest.mark.parametrize(
    ("datum", "verwacht"),
    [
        (D(2026, 4, 2), D(2026, 4, 10)),  # Paasmaandag (Goede Vrijdag is not in the act)
        (D(2026, 4, 24), D(2026, 5, 4)),  # Koningsdag
        (D(2026, 12, 28), D(2027, 1, 5)),  # Nieuwjaarsdag
        (D(2025, 5, 1), D(2025, 5, 9)),  # Bevrijdingsdag 2025 (a lustrum year)
        (D(2026, 5, 1), D(2026, 5, 11)),  # 5 mei counts every year in the act
    ],
)
def test_dutch_national_holidays_are_not_working_days(datum: dt.date, verwacht: dt.date) -> None:
    """Five working days after ``datum`` on the Dutch calendar (Algemene termijnenwet, art. 3)."""
    assert plus_werkdagen(NL, datum, 5) == verwacht


def test_a_closed_dossier_has_nothing_outstanding() -> None:
    """After closure only what was recorded remains; the deadlines stay visible."""
    t = toestand(voorbeeld_dossier(), op=D(2026, 6, 1), kalender=NL)

    assert t.gesloten
    assert t.openstaand == ()
    assert t.stap is Stap.BESLISSEN
    assert t.verlopen == ()


def test_without_a_decide_function_the_fold_has_no_decision() -> None:
    """The domain fold itself needs no rule base."""
    t = vouw(deel(4), op=D(2026, 3, 12), kalender=NL)

    assert t.besluit is None
    assert [o.code for o in t.openstaand] == ["besluit"]


def test_the_fold_wants_a_date_not_a_datetime() -> None:
    """The core has no clock: the date is an input, and it must be a date."""
    from meldcode.errors import OngeldigeInvoer

    with pytest.raises(OngeldigeInvoer):
        vouw(deel(1), op=dt.datetime(2026, 3, 2, 12, 0), kalender=NL)  # type: ignore[arg-type]
