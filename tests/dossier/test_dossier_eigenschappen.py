"""Properties over random valid dossiers: the fold agrees with replaying the events."""

from __future__ import annotations

import datetime as dt

from hypothesis import Phase, find, given, settings

from meldcode.adapters.json.dossier import (
    canoniek,
    gebeurtenis_naar_dict,
    gebeurtenis_uit_json,
    toestand_naar_dict,
)
from meldcode.adapters.opslag.archief import Archief
from meldcode.domain.dossier import (
    ConsultatieGehouden,
    Dossier,
    DossierGesloten,
    HulpAfgesproken,
    MeldingGedaan,
    SignaalVastgelegd,
)
from meldcode.rules.beslis import beslis
from meldcode.rules.dossier import TermijnSoort, TermijnStatus, casus_uit_dossier, toestand
from meldcode.rules.kalender import WeekendKalender, plus_werkdagen
from meldcode.testing.dossier import datums, geldige_dossiers
from tests.adapters.storage.fake import GeheugenOpslag

KALENDER = WeekendKalender()


def replay(dossier: Dossier) -> Dossier:
    opnieuw = Dossier(id=dossier.id)
    for g in dossier.gebeurtenissen:
        opnieuw = opnieuw.voeg_toe(g)
    return opnieuw


@given(geldige_dossiers(), datums)
def test_the_fold_equals_the_fold_of_the_replayed_events(dossier: Dossier, op: dt.date) -> None:
    """Replaying the events one by one accepts every one and folds to the same state."""
    assert toestand(replay(dossier), op=op, kalender=KALENDER) == toestand(
        dossier, op=op, kalender=KALENDER
    )


@given(geldige_dossiers(), datums)
def test_the_state_is_what_the_effective_events_say(dossier: Dossier, op: dt.date) -> None:
    """Signals, consultations, step, deadlines and decision follow from the effective events."""
    t = toestand(dossier, op=op, kalender=KALENDER)
    geldend = [g for _, g in dossier.geldend()]

    assert t.aantal == len(dossier.gebeurtenissen)
    assert t.casus.signalen == tuple(g.signaal for g in geldend if isinstance(g, SignaalVastgelegd))
    assert t.casus.consultaties == tuple(
        g.consultatie for g in geldend if isinstance(g, ConsultatieGehouden)
    )
    assert t.stap == (max(g.stap for g in geldend) if geldend else None)
    assert len(t.termijnen) == len(
        [g for g in geldend if isinstance(g, MeldingGedaan | HulpAfgesproken)]
    )
    assert t.besluit == (beslis(casus_uit_dossier(dossier)) if geldend else None)
    sluitingen = [i for i, g in enumerate(geldend) if isinstance(g, DossierGesloten)]
    signalen = [i for i, g in enumerate(geldend) if isinstance(g, SignaalVastgelegd)]
    assert t.gesloten == bool(sluitingen and (not signalen or signalen[-1] < sluitingen[-1]))
    if t.gesloten:
        assert t.openstaand == ()


@given(geldige_dossiers(), datums)
def test_veilig_thuis_deadlines_are_five_working_days_later(dossier: Dossier, op: dt.date) -> None:
    """Every report gets a deadline on the fifth working day after it."""
    t = toestand(dossier, op=op, kalender=KALENDER)

    for termijn in t.termijnen:
        assert termijn.uiterlijk >= termijn.vanaf
        assert (termijn.status(op) is TermijnStatus.VERLOPEN) == (
            termijn.voldaan_op is None and op > termijn.uiterlijk
        )
        if termijn.soort is TermijnSoort.VEILIG_THUIS_BESLUIT:
            assert KALENDER.is_werkdag(termijn.uiterlijk)
            assert termijn.uiterlijk == plus_werkdagen(KALENDER, termijn.vanaf, 5)


@given(geldige_dossiers(), datums, datums)
def test_the_date_only_moves_deadline_statuses(
    dossier: Dossier, op: dt.date, ander: dt.date
) -> None:
    """Outstanding items and the decision do not depend on the date asked about."""
    a = toestand(dossier, op=op, kalender=KALENDER)
    b = toestand(dossier, op=ander, kalender=KALENDER)

    assert (a.openstaand, a.besluit, a.termijnen, a.stap) == (
        b.openstaand,
        b.besluit,
        b.termijnen,
        b.stap,
    )


@given(geldige_dossiers())
def test_every_event_survives_the_json_round_trip(dossier: Dossier) -> None:
    """What is stored reads back equal."""
    for g in dossier.gebeurtenissen:
        assert gebeurtenis_uit_json(canoniek(gebeurtenis_naar_dict(g))) == g


@given(geldige_dossiers(), datums)
def test_a_stored_dossier_reads_back_equal_and_folds_the_same(
    dossier: Dossier, op: dt.date
) -> None:
    """Storing through the port and reading back changes nothing, the state's JSON included."""
    archief = Archief(GeheugenOpslag())
    for g in dossier.gebeurtenissen:
        archief.voeg_toe(dossier.id, g)

    if dossier.gebeurtenissen:
        terug = archief.lees(dossier.id)
        assert terug == dossier
        assert archief.controleer_keten(dossier.id) == ()
        assert toestand_naar_dict(toestand(terug, op=op, kalender=KALENDER)) == toestand_naar_dict(
            toestand(dossier, op=op, kalender=KALENDER)
        )


def test_random_dossiers_reach_step_5_and_closure() -> None:
    """The strategy reaches agreed help, reports and closure (the properties are not vacuous)."""
    for soort in (HulpAfgesproken, MeldingGedaan, DossierGesloten):
        find(
            geldige_dossiers(),
            lambda d, soort=soort: any(isinstance(g, soort) for g in d.gebeurtenissen),
            settings=settings(max_examples=2000, database=None, phases=[Phase.generate]),
        )


@given(geldige_dossiers())
def test_a_dossier_grown_by_voeg_toe_has_no_order_problems(dossier: Dossier) -> None:
    """Replaying a valid history refuses nothing."""
    from meldcode.domain.dossier import volgordefouten

    assert volgordefouten(dossier) == ()
