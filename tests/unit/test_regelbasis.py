"""The rule base checks itself when built, and evaluation does not depend on rule order."""

from __future__ import annotations

import attrs
import pytest

from meldcode import (
    Beslispunt,
    Casus,
    OngeldigeRegelbasis,
    Oordeel,
    Partij,
    Protocol,
    Vraag,
    Weging,
)
from meldcode.rules import (
    Antwoord,
    Beslist,
    Bron,
    Conclusie,
    Omstandigheid,
    Regel,
    Regelbasis,
    evalueer,
    maak_regelbasis,
    regelbasis,
)
from meldcode.rules.regels import VRAGEN
from tests.ruimte import wegingen

BRON = Bron("003_4961db14b56be6cc.txt", "Figuur 2, afweging 1A")
JA = frozenset({Oordeel.JA})


def regel(regel_id: str, **kwargs: object) -> Regel:
    defaults: dict[str, object] = {
        "protocollen": frozenset({Protocol.P2019}),
        "bron": BRON,
        "citaat": "Ja.",
        "als": Omstandigheid("veiligheid_in_geding"),
        "dan": Conclusie(beslissingen=frozenset({Beslispunt.SPOED})),
    }
    defaults.update(kwargs)
    return Regel(id=regel_id, **defaults)  # type: ignore[arg-type]


def bouw(*regels: Regel) -> Regelbasis:
    return Regelbasis(
        protocol=Protocol.P2019,
        regels=regels,
        vragen=VRAGEN[Protocol.P2019],
        onverenigbaar=frozenset({frozenset({Beslispunt.MELDEN, Beslispunt.DOSSIER_SLUITEN})}),
    )


def test_duplicate_rule_ids_are_rejected() -> None:
    """Two rules with one id make the rule base invalid."""
    with pytest.raises(OngeldigeRegelbasis, match=r"duplicate rule ids: 2019\.x\.a"):
        bouw(regel("2019.x.a"), regel("2019.x.a"))


def test_an_unknown_circumstance_is_rejected() -> None:
    """A condition on a circumstance the domain does not have is a build error."""
    with pytest.raises(OngeldigeRegelbasis, match=r"unknown fact 'omstandigheden\.ouders_boos'"):
        bouw(regel("2019.x.a", als=Omstandigheid("ouders_boos")))


def test_a_question_the_protocol_does_not_ask_is_rejected() -> None:
    """A 2019 rule may not read the 2013 question kan_beschermen."""
    with pytest.raises(OngeldigeRegelbasis, match="kan_beschermen"):
        bouw(regel("2019.x.a", als=Antwoord(Vraag.KAN_BESCHERMEN, JA)))


def test_a_cycle_between_rules_is_rejected() -> None:
    """A rule that (indirectly) reads its own conclusion cannot be ordered."""
    a = regel(
        "2019.x.a",
        als=Beslist(Beslispunt.SPOED),
        dan=Conclusie(beslissingen=frozenset({Beslispunt.MELDEN})),
    )
    b = regel("2019.x.b", als=Beslist(Beslispunt.MELDEN))
    with pytest.raises(OngeldigeRegelbasis, match="cycle between rules"):
        bouw(a, b)


def test_incompatible_conclusions_need_a_declared_exception() -> None:
    """Two rules that can report and close at once are rejected until one is an exception."""
    melden = regel("2019.x.melden", dan=Conclusie(beslissingen=frozenset({Beslispunt.MELDEN})))
    sluiten = regel(
        "2019.x.sluiten", dan=Conclusie(beslissingen=frozenset({Beslispunt.DOSSIER_SLUITEN}))
    )
    with pytest.raises(OngeldigeRegelbasis, match="declare one an exception"):
        bouw(melden, sluiten)

    basis = bouw(melden, attrs.evolve(sluiten, tenzij=frozenset({Beslispunt.MELDEN})))
    assert [r.id for r in basis.volgorde] == ["2019.x.melden", "2019.x.sluiten"]


def test_a_rule_of_the_other_protocol_is_rejected() -> None:
    """A 2013 rule cannot be added to the 2019 rule base."""
    with pytest.raises(OngeldigeRegelbasis, match="does not belong"):
        bouw(regel("2013.x.a", protocollen=frozenset({Protocol.P2013})))


def test_a_contact_without_urgency_rank_is_rejected() -> None:
    """Every party a rule contacts must have a place in the urgency order."""
    with pytest.raises(OngeldigeRegelbasis, match="urgency"):
        Regelbasis(
            protocol=Protocol.P2019,
            regels=(regel("2019.x.a", dan=Conclusie(contacten=(Partij.LEERPLICHT,))),),
            vragen=VRAGEN[Protocol.P2019],
            contactvolgorde=(Partij.VEILIG_THUIS,),
        )


def test_extra_rules_extend_the_national_rule_base() -> None:
    """``maak_regelbasis`` adds rules of the protocol and ignores those of the other one."""
    extra = regel("2019.profiel.test", dan=Conclusie(contacten=(Partij.DIRECTIE,)))
    basis = maak_regelbasis(Protocol.P2019, (extra,))

    assert basis.regel("2019.profiel.test") == extra
    assert len(basis.regels) == len(regelbasis(Protocol.P2019).regels) + 1


@pytest.mark.parametrize("protocol", list(Protocol), ids=lambda p: p.value)
def test_decisions_do_not_depend_on_the_order_of_the_rules(protocol: Protocol) -> None:
    """Reversing the rules gives the same decisions, contacts and grounds (as sets)."""
    gewoon = regelbasis(protocol)
    omgekeerd = attrs.evolve(gewoon, regels=tuple(reversed(gewoon.regels)))
    for weging in wegingen(protocol):
        casus = Casus(protocol=protocol, weging=weging)
        a = evalueer(casus, gewoon).besluit
        b = evalueer(casus, omgekeerd).besluit

        assert attrs.evolve(a, gronden=()) == attrs.evolve(b, gronden=())
        assert set(a.gronden) == set(b.gronden)


def test_evaluation_is_deterministic_and_does_not_change_the_case() -> None:
    """The same case gives the same Besluit, and the case is unchanged (it is frozen)."""
    casus = Casus(weging=Weging(vermoeden=Oordeel.JA, structurele_onveiligheid=Oordeel.TWIJFEL))
    kopie = attrs.evolve(casus)

    assert evalueer(casus, regelbasis(Protocol.P2019)) == evalueer(
        casus, regelbasis(Protocol.P2019)
    )
    assert casus == kopie
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        casus.weging = Weging()  # type: ignore[misc]
