"""The invariants on the whole finite space of weging answers, for both protocols."""

from __future__ import annotations

import attrs
import pytest

from meldcode import Casus, Protocol
from meldcode.rules import evalueer_casus, regelbasis
from tests import invarianten
from tests.ruimte import varianten, wegingen


@pytest.mark.slow
@pytest.mark.parametrize("protocol", list(Protocol), ids=lambda p: p.value)
def test_invariants_hold_on_the_whole_weging_space(protocol: Protocol) -> None:
    """Every combination of answers (ja/nee/twijfel/open) satisfies every invariant."""
    aantal = 0
    for weging in wegingen(protocol):
        invarianten.controleer(Casus(protocol=protocol, weging=weging))
        aantal += 1

    assert aantal == 4 ** len(regelbasis(protocol).vragen)


@pytest.mark.slow
@pytest.mark.parametrize("protocol", list(Protocol), ids=lambda p: p.value)
def test_every_rule_fires_somewhere_and_no_case_gets_conflicting_conclusions(
    protocol: Protocol,
) -> None:
    """No dead rules; and no conflicting or ungrounded decision in any variant of the space.

    Every circumstance, signal and child variant is combined with the whole weging space.
    """
    gevuurd: set[str] = set()
    for variant in varianten():
        for weging in wegingen(protocol):
            casus = attrs.evolve(variant, protocol=protocol, weging=weging)
            evaluatie = evalueer_casus(casus)
            gevuurd.update(evaluatie.gevuurd)
            besluit = evaluatie.besluit
            invarianten.geen_tegenstrijdige_conclusies(casus, besluit)
            invarianten.geen_besluit_zonder_grond(casus, besluit)
            invarianten.acute_of_structurele_onveiligheid_wordt_gemeld(casus, besluit)
            invarianten.noodsituatie_staat_los_van_de_weging(casus, besluit)
            invarianten.afweging_1_nee_meldt_niet(casus, besluit)
            invarianten.tegenstrijdigheid_wordt_gemeld(casus, besluit)
            invarianten.oudergesprek_2013_vervalt_alleen_voor_een_melding(casus, besluit)

    assert {r.id for r in regelbasis(protocol).regels} - gevuurd == set()
