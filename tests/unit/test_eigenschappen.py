"""Property tests of the protocol's invariants on whole random cases (Hypothesis)."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from meldcode import (
    Casus,
    Oordeel,
    Protocol,
    Signaal,
    SoortSignaal,
    Vraag,
    beslis,
    casus_naar_dict,
    casus_uit_dict,
)
from meldcode.testing.strategies import casussen
from tests import invarianten


@given(casussen())
def test_every_invariant_holds_for_random_whole_cases(casus: Casus) -> None:
    """Signals, circumstances, consultations and weging at random: all invariants hold."""
    invarianten.controleer(casus)


@given(
    casussen(protocol="2019"),
    st.sampled_from(["acute_onveiligheid", "structurele_onveiligheid"]),
    st.sampled_from([Oordeel.JA, Oordeel.TWIJFEL]),
)
def test_acute_or_structural_unsafety_is_always_reported_once_afweging_2_is_reached(
    casus: Casus, vraag: str, vermoeden: Oordeel
) -> None:
    """Whatever else the case says, ja or twijfel on afweging 2 means: report.

    003 §1.5.1 "In alle gevallen van (vermoeden van) acute en/of structurele onveiligheid", at
    step 5: reached when afweging 1 is not answered nee (Figuur 2, 1B "Ga verder naar afweging
    2").
    """
    for antwoord in (Oordeel.JA, Oordeel.TWIJFEL):
        weging = attrs.evolve(casus.weging, vermoeden=vermoeden, **{vraag: antwoord})
        onveilig = attrs.evolve(casus, weging=weging)

        assert beslis(onveilig).melden


@given(casussen(protocol="2019"), st.sampled_from(["ernstig_letsel", "levensgevaar"]))
def test_a_weighed_away_suspicion_is_never_reported_even_beside_a_grave_signal(
    casus: Casus, kenmerk: str
) -> None:
    """Afweging 1 nee ends the route at 1A; only the emergency stands apart from the weging.

    003 Figuur 2, 1A "geen actie nodig: dossier vastleggen en sluiten"; Noodsituaties "Bij
    signalen die wijzen op acuut of zodanig ernstig geweld ... neemt de school direct contact op
    met Veilig Thuis."
    """
    signaal = Signaal(soort=SoortSignaal.LICHAMELIJK_GEWELD, **{kenmerk: True})
    weging = attrs.evolve(casus.weging, vermoeden=Oordeel.NEE)
    besluit = beslis(attrs.evolve(casus, signalen=(*casus.signalen, signaal), weging=weging))

    assert not besluit.melden
    assert besluit.dossier_sluiten
    assert besluit.veilig_thuis_raadplegen
    assert f"tegenstrijdig.vermoeden-nee-{kenmerk.replace('_', '-')}" in {
        w.code for w in besluit.waarschuwingen
    }
    if kenmerk == "levensgevaar":
        assert besluit.spoed


@given(casussen())
def test_a_report_always_has_grounds_that_quote_the_source(casus: Casus) -> None:
    """No report without grounds: each ground names a source file, a section and a quote."""
    besluit = beslis(casus)

    if besluit.melden:
        assert besluit.gronden
    for grond in besluit.gronden:
        assert grond.bestand.endswith(".txt")
        assert grond.sectie
        assert grond.citaat


@given(casussen())
def test_the_decision_is_deterministic(casus: Casus) -> None:
    """The same case always gives the same Besluit."""
    assert beslis(casus) == beslis(attrs.evolve(casus))


@given(casussen())
def test_a_closed_dossier_is_a_report_only_where_5b_closes_the_help_after_one(
    casus: Casus,
) -> None:
    """``dossier_sluiten`` and ``melden`` go together only under 2019, at afweging 5B.

    003 §1.5 "Twee beslissingen"; 2B "De afwegingen hierna worden samen met Veilig Thuis
    doorlopen"; 5B "Hulp afsluiten met vastgelegde afspraken over het monitoren van de
    veiligheid van alle betrokkenen." Under 2013 stap 5a *or* 5b holds.
    """
    besluit = beslis(casus)

    if besluit.dossier_sluiten and besluit.melden:
        assert besluit.protocol == Protocol.P2019
        assert casus.weging.hulp_resultaat is Oordeel.JA


@given(casussen(protocol="2019"))
def test_after_a_report_the_help_is_still_organised_and_closed_at_5b(casus: Casus) -> None:
    """A report at afweging 2B does not end the help track: 3-5 are asked with Veilig Thuis."""
    ja = Oordeel.JA
    weging = attrs.evolve(
        casus.weging, vermoeden=ja, acute_onveiligheid=ja, hulp_mogelijk=ja, hulp_aanvaard=ja
    )
    lopend = attrs.evolve(casus, weging=attrs.evolve(weging, hulp_resultaat=None))
    klaar = attrs.evolve(casus, weging=attrs.evolve(weging, hulp_resultaat=ja))

    assert (beslis(lopend).melden, beslis(lopend).hulp_organiseren) == (True, True)
    assert beslis(lopend).volgende_vraag is Vraag.HULP_RESULTAAT
    assert (beslis(klaar).melden, beslis(klaar).dossier_sluiten) == (True, True)
    assert not beslis(klaar).hulp_organiseren


@given(casussen(protocol="2013"))
def test_under_2013_help_and_report_exclude_each_other(casus: Casus) -> None:
    """Stap 5a *or* 5b: under 2013 the school organises help or reports, not both."""
    besluit = beslis(casus)

    assert not (besluit.melden and besluit.hulp_organiseren)


@given(casussen())
def test_case_to_json_to_case_is_the_identity(casus: Casus) -> None:
    """The JSON contract loses nothing."""
    assert casus_uit_dict(casus_naar_dict(casus)) == casus


@given(casussen(volledig=True))
def test_a_complete_weging_gives_a_complete_decision(casus: Casus) -> None:
    """When every question the route reaches is answered, nothing is left to ask."""
    assert beslis(casus).volgende_vraag is None


@given(casussen())
def test_the_next_question_is_open(casus: Casus) -> None:
    """``volgende_vraag`` only ever names an unanswered question of the chosen protocol."""
    besluit = beslis(casus)

    if besluit.volgende_vraag is not None:
        assert casus.weging.antwoord(besluit.volgende_vraag) is None
        if besluit.protocol == Protocol.P2013:
            assert besluit.volgende_vraag.value in ("vermoeden", "kan_beschermen")
