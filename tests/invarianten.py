"""The protocol's invariants, each a check on one case; used exhaustively and by Hypothesis."""

from __future__ import annotations

import functools

import attrs

from meldcode import Beslispunt, Besluit, Casus, Oordeel, Protocol, beslis
from meldcode.rules import evalueer_casus, kies_protocol, regelbasis
from tests.ruimte import RISICO_OPLOPEND

BESLISPUNTEN = tuple(Beslispunt)


def beslissingen(besluit: Besluit) -> tuple[bool, ...]:
    """The yes/no decisions of a Besluit, in contract order."""
    return tuple(besluit.beslist(p) for p in BESLISPUNTEN)


def acute_of_structurele_onveiligheid_wordt_gemeld(casus: Casus, besluit: Besluit) -> None:
    """2019: (a suspicion of) acute or structural unsafety is always reported."""
    if besluit.protocol is not Protocol.P2019:
        return
    risico = {Oordeel.JA, Oordeel.TWIJFEL}
    w = casus.weging
    if w.acute_onveiligheid in risico or w.structurele_onveiligheid in risico:
        assert besluit.melden, f"unsafety not reported: {w}"
    if any(s.ernstig_letsel or s.levensgevaar for s in casus.signalen):
        assert besluit.melden, "serious injury or life danger not reported"


@functools.cache
def _concluderend(protocol: Protocol) -> dict[Beslispunt, frozenset[str]]:
    basis = regelbasis(protocol)
    return {
        p: frozenset(r.id for r in basis.regels if p in r.dan.beslissingen) for p in BESLISPUNTEN
    }


def geen_besluit_zonder_grond(casus: Casus, besluit: Besluit) -> None:
    """Every decision taken is carried by a ground from a rule that concludes it."""
    basis = regelbasis(besluit.protocol)
    concluderend = _concluderend(besluit.protocol)
    gronden = {g.regel for g in besluit.gronden}
    for p in BESLISPUNTEN:
        if besluit.beslist(p):
            assert gronden & concluderend[p], f"{p.value} without grounds"
    for partij in besluit.contacten:
        assert any(partij in basis.regel(g).dan.contacten for g in gronden), partij


def geen_tegenstrijdige_conclusies(casus: Casus, besluit: Besluit) -> None:
    """Decisions the protocol declares incompatible are never taken together."""
    for paar in regelbasis(besluit.protocol).onverenigbaar:
        assert not all(besluit.beslist(p) for p in paar), sorted(p.value for p in paar)
    assert not (besluit.dossier_sluiten and besluit.melden)


def volgende_vraag_is_open_en_bereikbaar(casus: Casus, besluit: Besluit) -> None:
    """``volgende_vraag`` names an unanswered question that the route has reached."""
    if besluit.volgende_vraag is None:
        return
    evaluatie = evalueer_casus(casus)
    assert casus.weging.antwoord(besluit.volgende_vraag) is None
    assert evaluatie.bereikbaar[besluit.volgende_vraag] is True


def raadt_niet(casus: Casus, besluit: Besluit) -> None:
    """A complete decision does not change whatever the open reachable questions are answered."""
    if besluit.volgende_vraag is not None:
        return
    evaluatie = evalueer_casus(casus)
    for vraag, bereikbaar in evaluatie.bereikbaar.items():
        if bereikbaar is not True or casus.weging.antwoord(vraag) is not None:
            continue
        for antwoord in Oordeel:
            anders = attrs.evolve(
                casus, weging=attrs.evolve(casus.weging, **{vraag.value: antwoord})
            )
            assert beslissingen(beslis(anders)) == beslissingen(besluit), (
                f"answering {vraag.value}={antwoord.value} changes a complete decision"
            )


def meer_risico_maakt_van_melden_nooit_niet_melden(casus: Casus, besluit: Besluit) -> None:
    """Raising the risk of any one answer or circumstance never withdraws a report."""
    if not besluit.melden:
        return
    protocol = kies_protocol(casus)
    for vraag in (a.vraag for a in regelbasis(protocol).vragen):
        antwoord = casus.weging.antwoord(vraag)
        if antwoord is None:
            continue
        volgorde = RISICO_OPLOPEND[vraag]
        for hoger in volgorde[volgorde.index(antwoord) + 1 :]:
            riskanter = attrs.evolve(
                casus, weging=attrs.evolve(casus.weging, **{vraag.value: hoger})
            )
            assert beslis(riskanter).melden, f"{vraag.value} {antwoord.value}->{hoger.value}"
    for naam in (
        "veiligheid_in_geding",
        "onveiligheid_herhaalt_zich",
        "ouders_weigeren_toestemming",
    ):
        if not getattr(casus.omstandigheden, naam):
            riskanter = attrs.evolve(
                casus, omstandigheden=attrs.evolve(casus.omstandigheden, **{naam: True})
            )
            assert beslis(riskanter).melden, naam


ALLE = (
    acute_of_structurele_onveiligheid_wordt_gemeld,
    geen_besluit_zonder_grond,
    geen_tegenstrijdige_conclusies,
    volgende_vraag_is_open_en_bereikbaar,
    raadt_niet,
    meer_risico_maakt_van_melden_nooit_niet_melden,
)


def controleer(casus: Casus) -> Besluit:
    """Decide ``casus`` and check every invariant; returns the decision."""
    besluit = beslis(casus)
    for invariant in ALLE:
        invariant(casus, besluit)
    return besluit


__all__ = ["ALLE", "beslissingen", "controleer"]
