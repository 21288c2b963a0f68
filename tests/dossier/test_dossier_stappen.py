"""Step progression: what may follow what, and the exceptions the sources allow.

Refusals name the missing step.
"""

from __future__ import annotations

import datetime as dt

import pytest

from meldcode.domain import Consultatie, Oordeel, Partij, Signaal, SoortSignaal, Weging
from meldcode.domain.dossier import (
    BesluitGenomen,
    ConsultatieGehouden,
    Correctie,
    Dossier,
    DossierGesloten,
    EvaluatieGehouden,
    Gebeurtenis,
    GesprekGevoerd,
    Gesprekspartner,
    HulpAfgesproken,
    MeldingGedaan,
    SignaalVastgelegd,
    TerugkoppelingVeiligThuis,
    Uitzondering,
    WegingVastgelegd,
)
from meldcode.errors import OngeldigeInvoer, StapOntbreekt

D = dt.date(2026, 3, 2)
SIGNAAL = SignaalVastgelegd(datum=D, signaal=Signaal(soort=SoortSignaal.VERWAARLOZING))
CONSULTATIE = ConsultatieGehouden(datum=D, consultatie=Consultatie(met=Partij.INTERN_BEGELEIDER))
OUDERGESPREK = GesprekGevoerd(datum=D, met=Gesprekspartner.OUDERS)
WEGING = WegingVastgelegd(datum=D, weging=Weging(vermoeden=Oordeel.JA))
BESLUIT = BesluitGenomen(datum=D, melden=True, hulp_organiseren=False)
HULP = HulpAfgesproken(datum=D, termijn=dt.date(2026, 5, 1))


def dossier(*gebeurtenissen: Gebeurtenis) -> Dossier:
    d = Dossier(id="lln-1")
    for g in gebeurtenissen:
        d = d.voeg_toe(g)
    return d


@pytest.mark.parametrize(
    ("eerder", "nieuw", "ontbreekt"),
    [
        ((), CONSULTATIE, "stap 1"),
        ((), MeldingGedaan(datum=D, spoed=True, uitzondering=Uitzondering.VEILIGHEID), "stap 1"),
        ((SIGNAAL,), BESLUIT, "stap 4"),
        ((SIGNAAL, CONSULTATIE, OUDERGESPREK), BESLUIT, "stap 4"),
        ((SIGNAAL,), HULP, "stap 4"),
        ((SIGNAAL, OUDERGESPREK), MeldingGedaan(datum=D), "stap 4"),
        ((SIGNAAL, WEGING, BESLUIT), MeldingGedaan(datum=D), "stap 3"),
        (
            (SIGNAAL, OUDERGESPREK, WEGING, BESLUIT),
            MeldingGedaan(datum=D),
            "gesprek_gevoerd.over_melding",
        ),
        (
            (SIGNAAL, WEGING),
            EvaluatieGehouden(datum=D, hulp_resultaat=Oordeel.JA),
            "hulp_afgesproken",
        ),
        ((SIGNAAL, WEGING), TerugkoppelingVeiligThuis(datum=D), "melding_gedaan"),
        ((SIGNAAL, CONSULTATIE), DossierGesloten(datum=D), "stap 3"),
        ((SIGNAAL, OUDERGESPREK, DossierGesloten(datum=D)), CONSULTATIE, "signaal_vastgelegd"),
    ],
)
def test_an_event_that_may_not_follow_yet_is_refused_naming_the_missing_step(
    eerder: tuple[Gebeurtenis, ...], nieuw: Gebeurtenis, ontbreekt: str
) -> None:
    """The refusal names the step that must come first; the dossier is unchanged."""
    d = dossier(*eerder)

    with pytest.raises(StapOntbreekt) as info:
        d.voeg_toe(nieuw)

    assert info.value.ontbreekt == ontbreekt
    assert info.value.gebeurtenis == nieuw.soort
    assert ontbreekt in str(info.value)
    assert len(d) == len(eerder)


@pytest.mark.parametrize("uitzondering", list(Uitzondering))
def test_a_report_without_a_parent_conversation_is_allowed_with_a_recorded_exception(
    uitzondering: Uitzondering,
) -> None:
    """003 §1.5.1: safety at risk, or parents expected to break off contact."""
    d = dossier(SIGNAAL, WEGING, BESLUIT)

    d = d.voeg_toe(MeldingGedaan(datum=D, uitzondering=uitzondering))

    assert isinstance(d.gebeurtenissen[-1], MeldingGedaan)


def test_a_report_discussed_with_the_parents_beforehand_is_allowed() -> None:
    """000/001 stap 5b: discuss the intended report with the parents first."""
    over_melding = GesprekGevoerd(datum=D, met=Gesprekspartner.OUDERS, over_melding=True)

    d = dossier(SIGNAAL, WEGING, BESLUIT, over_melding, MeldingGedaan(datum=D))

    assert len(d) == 5


def test_an_exception_recorded_with_the_decision_also_allows_the_report() -> None:
    """The exception may be recorded with the step 5 decision instead of with the report."""
    besluit = BesluitGenomen(
        datum=D, melden=True, hulp_organiseren=False, uitzondering=Uitzondering.CONTACT_VERBREKEN
    )

    d = dossier(SIGNAAL, WEGING, besluit, MeldingGedaan(datum=D))

    assert len(d) == 4


def test_an_emergency_report_needs_no_weighing() -> None:
    """Noodsituaties: report at once; the parent conversation exception is still recorded."""
    d = dossier(SIGNAAL, MeldingGedaan(datum=D, spoed=True, uitzondering=Uitzondering.VEILIGHEID))

    assert len(d) == 2


def test_closing_after_the_parent_conversation_is_allowed() -> None:
    """000/001 stap 3: the concerns turned out to have another cause."""
    d = dossier(SIGNAAL, CONSULTATIE, OUDERGESPREK, DossierGesloten(datum=D))

    assert len(d) == 4


def test_a_new_signal_reopens_a_closed_dossier() -> None:
    """000 stap 5a: act again when the violence does not stop or begins again."""
    d = dossier(SIGNAAL, OUDERGESPREK, DossierGesloten(datum=D), SIGNAAL, CONSULTATIE)

    assert len(d) == 5


def test_a_correction_replaces_an_event_with_one_of_the_same_kind() -> None:
    """The original stays; the effective view shows the replacement."""
    beter = SignaalVastgelegd(datum=D, signaal=Signaal(soort=SoortSignaal.PSYCHISCH_GEWELD))
    d = dossier(SIGNAAL, Correctie(datum=D, verwijst_naar=1, vervanging=beter))

    assert d.gebeurtenissen[0] == SIGNAAL
    assert d.geldend() == ((1, beter),)


@pytest.mark.parametrize(
    ("correctie", "veld"),
    [
        (Correctie(datum=D, verwijst_naar=2, vervanging=SIGNAAL), "Correctie.verwijst_naar"),
        (Correctie(datum=D, verwijst_naar=1, vervanging=CONSULTATIE), "Correctie.vervanging"),
    ],
)
def test_a_correction_must_refer_to_an_earlier_event_of_its_kind(
    correctie: Correctie, veld: str
) -> None:
    """Unknown numbers and a different kind of event are refused, naming the field."""
    with pytest.raises(OngeldigeInvoer) as info:
        dossier(SIGNAAL).voeg_toe(correctie)

    assert info.value.veld == veld


def test_a_correction_of_a_correction_is_refused() -> None:
    """Corrections always refer to the original event."""
    d = dossier(SIGNAAL, Correctie(datum=D, verwijst_naar=1, vervanging=SIGNAAL))

    with pytest.raises(OngeldigeInvoer, match="original event"):
        d.voeg_toe(Correctie(datum=D, verwijst_naar=2, vervanging=SIGNAAL))


def test_help_with_a_term_before_its_date_is_refused() -> None:
    """The agreed term cannot lie before the day help was agreed."""
    with pytest.raises(OngeldigeInvoer) as info:
        HulpAfgesproken(datum=D, termijn=dt.date(2026, 3, 1))

    assert info.value.veld == "HulpAfgesproken.termijn"


def test_free_text_never_appears_in_the_repr() -> None:
    """Descriptions of a child stay out of logs that print events."""
    g = SignaalVastgelegd(
        datum=D,
        signaal=Signaal(soort=SoortSignaal.VERWAARLOZING, omschrijving="geheim-1"),
        situatie="geheim-2",
        plaats="geheim-3",
        interpretatie="geheim-4",
    )

    assert "geheim" not in repr(g)
    assert "geheim" not in repr(dossier(g))


def test_a_history_written_by_other_means_is_replayed_and_its_refusals_listed() -> None:
    """``volgordefouten`` names each event the progression would refuse now."""
    from meldcode.domain.dossier import volgordefouten

    d = Dossier(id="lln-1", gebeurtenissen=(SIGNAAL, BESLUIT, WEGING))

    fouten = volgordefouten(d)

    assert [(n, f.ontbreekt) for n, f in fouten] == [(2, "stap 4")]  # type: ignore[union-attr]


def test_a_correction_that_would_leave_a_later_event_without_its_step_is_refused() -> None:
    """Turning the parent conversation into one with the child would orphan the report."""
    met_kind = GesprekGevoerd(datum=D, met=Gesprekspartner.KIND)
    over_melding = GesprekGevoerd(datum=D, met=Gesprekspartner.OUDERS, over_melding=True)
    d = dossier(SIGNAAL, WEGING, BESLUIT, over_melding, MeldingGedaan(datum=D))

    with pytest.raises(StapOntbreekt) as info:
        d.voeg_toe(Correctie(datum=D, verwijst_naar=4, vervanging=met_kind))

    assert info.value.ontbreekt == "stap 3"
    assert "event 5" in str(info.value)
