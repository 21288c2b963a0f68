"""Property tests of the protocol's invariants on whole random cases (Hypothesis)."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from meldcode import Casus, Oordeel, Protocol, beslis, casus_naar_dict, casus_uit_dict
from meldcode.testing.strategies import casussen
from tests import invarianten


@given(casussen())
def test_every_invariant_holds_for_random_whole_cases(casus: Casus) -> None:
    """Signals, circumstances, consultations and weging at random: all invariants hold."""
    invarianten.controleer(casus)


@given(
    casussen(protocol="2019"), st.sampled_from(["acute_onveiligheid", "structurele_onveiligheid"])
)
def test_acute_or_structural_unsafety_is_always_reported(casus: Casus, vraag: str) -> None:
    """Whatever else the case says, ja or twijfel on afweging 2 means: report."""
    for antwoord in (Oordeel.JA, Oordeel.TWIJFEL):
        onveilig = attrs.evolve(casus, weging=attrs.evolve(casus.weging, **{vraag: antwoord}))

        assert beslis(onveilig).melden


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
def test_a_closed_dossier_is_never_also_a_report(casus: Casus) -> None:
    """``dossier_sluiten`` and ``melden`` exclude each other."""
    besluit = beslis(casus)

    assert not (besluit.dossier_sluiten and besluit.melden)


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
        if besluit.protocol is Protocol.P2013:
            assert besluit.volgende_vraag.value in ("vermoeden", "kan_beschermen")
