"""The monitor raises each follow-up on injected time, keeps cases apart, and survives bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meldcode import Oordeel, Signaal, SoortSignaal
from meldcode.domain.dossier import (
    BesluitGenomen,
    DossierGesloten,
    EvaluatieGehouden,
    HulpAfgesproken,
    MeldingGedaan,
    SignaalVastgelegd,
    TerugkoppelingVeiligThuis,
)
from meldcode.errors import OngeldigeInvoer
from meldcode.rules.bewaking import BEWAKINGEN, Opvolgsoort, Signalering
from meldcode.rules.kalender import WeekendKalender, plus_werkdagen

pytest.importorskip(
    "durable_rules_engine",
    reason="durable-rules is not installed (pip install 'meldcode[durable]'; Python < 3.13)",
)

from meldcode.adapters.durable import Bewaker

MA = dt.date(2026, 3, 2)  # a Monday
SIGNAAL = Signaal(soort=SoortSignaal.VERWAARLOZING)


def dag(n: int) -> dt.date:
    return MA + dt.timedelta(days=n)


def soorten(signaleringen: tuple[Signalering, ...]) -> list[Opvolgsoort]:
    return [s.soort for s in signaleringen]


def test_no_feedback_from_veilig_thuis_within_five_working_days_raises_a_follow_up() -> None:
    """003 afweging 3A: a report on Monday is due back by the next Monday."""
    with Bewaker() as b:
        b.verwerk("d-1", MeldingGedaan(datum=MA))

        assert b.tik(dag(7)) == ()  # the fifth working day: still in time
        (gevolg,) = b.tik(dag(8))
        assert gevolg.soort is Opvolgsoort.TERUGKOPPELING_VEILIG_THUIS_UITGEBLEVEN
        assert gevolg.uiterlijk == dag(7)
        assert gevolg.sinds == dag(8)
        assert "vijf werkdagen" in gevolg.citaat
        assert b.tik(dag(20)) == ()  # each deadline fires once


def test_feedback_from_veilig_thuis_in_time_raises_nothing() -> None:
    """The follow-up is cancelled by the feedback."""
    with Bewaker() as b:
        b.verwerk("d-1", MeldingGedaan(datum=MA))
        b.verwerk("d-1", TerugkoppelingVeiligThuis(datum=dag(3)))

        assert b.tik(dag(30)) == ()


def test_the_agreed_term_of_help_passing_without_the_result_question_raises_a_follow_up() -> None:
    """003 afweging 5 is due when the term agreed in afweging 4D has passed."""
    with Bewaker() as b:
        b.verwerk("d-1", HulpAfgesproken(datum=MA, termijn=dag(28)))

        assert b.tik(dag(28)) == ()
        assert soorten(b.tik(dag(29))) == [Opvolgsoort.HULPRESULTAAT_NIET_BEOORDEELD]


def test_answering_the_result_question_in_time_raises_nothing() -> None:
    """The evaluation (afweging 5) stops the watch."""
    with Bewaker() as b:
        b.verwerk("d-1", HulpAfgesproken(datum=MA, termijn=dag(28)))
        b.verwerk("d-1", EvaluatieGehouden(datum=dag(27), hulp_resultaat=Oordeel.JA))

        assert b.tik(dag(60)) == ()


def test_a_new_signal_while_help_runs_asks_to_weigh_again() -> None:
    """003 §1.5.1: unsafety that repeats despite help means reporting (2019)."""
    with Bewaker() as b:
        b.verwerk("d-1", HulpAfgesproken(datum=MA, termijn=dag(28)))
        (gevolg,) = b.verwerk("d-1", SignaalVastgelegd(datum=dag(10), signaal=SIGNAAL))

        assert gevolg.soort is Opvolgsoort.OPNIEUW_WEGEN
        assert gevolg.sinds == dag(10)
        assert gevolg.uiterlijk is None


def test_a_new_signal_without_help_running_raises_nothing() -> None:
    """Before help is agreed, and after it was evaluated, a signal is ordinary."""
    with Bewaker() as b:
        assert b.verwerk("d-1", SignaalVastgelegd(datum=MA, signaal=SIGNAAL)) == ()
        b.verwerk("d-1", HulpAfgesproken(datum=MA, termijn=dag(28)))
        b.verwerk("d-1", EvaluatieGehouden(datum=dag(27), hulp_resultaat=Oordeel.JA))

        assert b.verwerk("d-1", SignaalVastgelegd(datum=dag(40), signaal=SIGNAAL)) == ()


def test_a_decision_to_report_that_is_not_carried_out_raises_a_follow_up() -> None:
    """A decision to report (melden) without the report by the next working day."""
    with Bewaker() as b:
        b.verwerk("d-1", BesluitGenomen(datum=MA, melden=True, hulp_organiseren=False))

        assert b.tik(dag(1)) == ()
        assert soorten(b.tik(dag(2))) == [Opvolgsoort.MELDING_NIET_GEDAAN]


def test_a_decision_not_to_report_is_not_watched() -> None:
    """Only a decision to report starts the watch."""
    with Bewaker() as b:
        b.verwerk("d-1", BesluitGenomen(datum=MA, melden=False, hulp_organiseren=True))

        assert b.tik(dag(30)) == ()


def test_a_closed_dossier_is_retired_and_its_watches_end() -> None:
    """Closing a dossier cancels its deadlines and deletes its durable state."""
    with Bewaker() as b:
        b.verwerk("d-1", MeldingGedaan(datum=MA))
        b.verwerk("d-1", DossierGesloten(datum=dag(1)))

        assert b.open_dossiers == 0
        assert b.tik(dag(30)) == ()


def test_working_days_skip_the_holidays_of_the_calendar() -> None:
    """Deadlines count working days on the injected calendar (here: Easter Monday 2026)."""

    class MetPaasmaandag(WeekendKalender):
        def is_werkdag(self, datum: dt.date) -> bool:
            return super().is_werkdag(datum) and datum != dt.date(2026, 4, 6)

    with Bewaker(kalender=MetPaasmaandag()) as b:
        b.verwerk("d-1", MeldingGedaan(datum=dt.date(2026, 4, 3)))

        assert b.tik(dt.date(2026, 4, 13)) == ()
        assert soorten(b.tik(dt.date(2026, 4, 14))) == [
            Opvolgsoort.TERUGKOPPELING_VEILIG_THUIS_UITGEBLEVEN
        ]


@pytest.mark.parametrize(
    ("dossier", "gebeurtenis", "veld"),
    [
        ("d-1", "melding_gedaan", "gebeurtenis"),
        ("d-1", SIGNAAL, "gebeurtenis"),
        ("naam met spaties", MeldingGedaan(datum=MA), "dossier"),
        (42, MeldingGedaan(datum=MA), "dossier"),
    ],
)
def test_a_bad_event_is_rejected_with_its_field_and_the_session_keeps_running(
    dossier: object, gebeurtenis: object, veld: str
) -> None:
    """Bad input raises ``OngeldigeInvoer`` naming the field; later events work as before."""
    with Bewaker() as b:
        with pytest.raises(OngeldigeInvoer) as fout:
            b.verwerk(dossier, gebeurtenis)  # type: ignore[arg-type]
        b.verwerk("d-2", MeldingGedaan(datum=MA))

        assert fout.value.veld == veld
        assert soorten(b.tik(dag(8))) == [Opvolgsoort.TERUGKOPPELING_VEILIG_THUIS_UITGEBLEVEN]


def test_a_forced_invalid_event_is_rejected_before_it_reaches_durable() -> None:
    """A frozen event forced to a wrong type (``0`` for ``False``) is caught by validation."""
    besluit = BesluitGenomen(datum=MA, melden=True, hulp_organiseren=False)
    object.__setattr__(besluit, "melden", 1)
    with Bewaker() as b, pytest.raises(OngeldigeInvoer):
        b.verwerk("d-1", besluit)


def test_the_clock_cannot_go_back() -> None:
    """Time only moves forward."""
    with Bewaker() as b:
        b.tik(dag(5))
        with pytest.raises(OngeldigeInvoer):
            b.tik(dag(4))


def test_more_dossiers_than_one_durable_ruleset_holds_are_spread_over_rulesets() -> None:
    """Durable refuses the 1025th live case id; the session opens another ruleset instead."""
    with Bewaker(per_ruleset=10) as b:
        for i in range(25):
            b.verwerk(f"d-{i}", MeldingGedaan(datum=MA))

        assert b.rulesets == 3
        assert len(b.tik(dag(8))) == 25


def test_every_bewaking_is_cited_from_a_source_file() -> None:
    """Each follow-up carries its source file, section and quote, like the rules."""
    for bewaking in BEWAKINGEN:
        assert bewaking.bron.bestand.endswith(".txt")
        assert bewaking.citaat.strip()


# --- many cases in one session ------------------------------------------------------------------

_GEBEURTENISSEN = st.sampled_from(
    [
        lambda d: MeldingGedaan(datum=d),
        lambda d: TerugkoppelingVeiligThuis(datum=d),
        lambda d: HulpAfgesproken(datum=d, termijn=d + dt.timedelta(days=14)),
        lambda d: EvaluatieGehouden(datum=d, hulp_resultaat=Oordeel.NEE),
        lambda d: SignaalVastgelegd(datum=d, signaal=SIGNAAL),
        lambda d: BesluitGenomen(datum=d, melden=True, hulp_organiseren=True),
        lambda d: BesluitGenomen(datum=d, melden=False, hulp_organiseren=True),
    ]
)
#: one case: events on days 0..39, in order
_VERLOOP = st.lists(st.tuples(st.integers(0, 39), _GEBEURTENISSEN), max_size=8).map(
    lambda xs: sorted(xs, key=lambda x: x[0])
)


def _draai(verlopen: dict[str, list[tuple[int, object]]], volgorde: list[str]) -> dict[str, list]:
    """Feed the events day by day, interleaving the cases in ``volgorde``; collect per case."""
    uit: dict[str, list] = {d: [] for d in verlopen}
    with Bewaker() as b:
        for n in range(60):
            for gevolg in b.tik(dag(n)):
                uit[gevolg.dossier].append(gevolg)
            for dossier in volgorde:
                for d, maak in verlopen[dossier]:
                    if d == n:
                        uit[dossier] += b.verwerk(dossier, maak(dag(d)))  # type: ignore[operator]
    return uit


@given(st.lists(_VERLOOP, min_size=1, max_size=6), st.randoms(use_true_random=False))
def test_interleaving_the_events_of_many_cases_gives_each_case_what_it_gets_alone(
    verlopen: list[list[tuple[int, object]]], toeval: object
) -> None:
    """No cross-talk: each case's follow-ups do not depend on the other cases in the session."""
    per_dossier = {f"d-{i}": v for i, v in enumerate(verlopen)}
    volgorde = list(per_dossier)
    toeval.shuffle(volgorde)  # type: ignore[attr-defined]

    samen = _draai(per_dossier, volgorde)

    for dossier, verloop in per_dossier.items():
        assert _draai({dossier: verloop}, [dossier])[dossier] == samen[dossier]


def test_a_deadline_counts_working_days_from_the_event_date() -> None:
    """The deadline is the dossier core's ``plus_werkdagen`` of the event's date."""
    with Bewaker() as b:
        b.verwerk("d-1", MeldingGedaan(datum=dag(4)))  # a Friday
        (gevolg,) = b.tik(dag(30))

        assert gevolg.uiterlijk == plus_werkdagen(WeekendKalender(), dag(4), 5)


def test_the_timer_rules_use_durables_own_timeout_pattern_exactly() -> None:
    """Wrapping the ``$gte`` against the timer in an ``$and`` crashes durable's C engine.

    Minimal reproduction (durable-rules 2.0.28): a ruleset with ``{"timeout": {"$and":
    [{"feit": "puls"}, {"$gte": {"$time": {"base": "$baseTime"}}}]}}``, one timer fact, then a
    pulse whose ``$time`` is below ``$baseTime``: segmentation fault. Keep the pattern as
    ``durable.lang.timeout`` writes it.
    """
    from meldcode.adapters.durable.bewaker import _bewakingsregels

    regels = _bewakingsregels(BEWAKINGEN)
    verlopen = {naam: regel for naam, regel in regels.items() if naam.startswith("verlopen:")}

    assert len(verlopen) == 3
    for naam, regel in verlopen.items():
        k = naam.split(":")[1]
        assert regel == {
            "all": [
                {"base": {"$timerName": k}},
                {"timeout": {"$gte": {"$time": {"base": "$baseTime"}}}},
            ]
        }
