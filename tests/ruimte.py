"""The finite input space of the weging, and case variants that exercise every condition."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import attrs

from meldcode import (
    Casus,
    Consultatie,
    Kind,
    Omstandigheden,
    Oordeel,
    Partij,
    Protocol,
    Signaal,
    SoortSignaal,
    Vraag,
    Weging,
)
from meldcode.rules import regelbasis

ANTWOORDEN: tuple[Oordeel | None, ...] = (None, Oordeel.JA, Oordeel.NEE, Oordeel.TWIJFEL)
KENMERKEN = ("ernstig_letsel", "levensgevaar", "pleger_is_medewerker", "hypothese")


def vragen(protocol: Protocol) -> tuple[Vraag, ...]:
    """The questions this protocol asks, in the afwegingskader's order."""
    return tuple(a.vraag for a in regelbasis(protocol).vragen)


def wegingen(protocol: Protocol) -> Iterator[Weging]:
    """Every combination of answers to the protocol's questions (4 ** n wegingen)."""
    qs = vragen(protocol)
    for combo in itertools.product(ANTWOORDEN, repeat=len(qs)):
        yield Weging(**{q.value: a for q, a in zip(qs, combo, strict=True)})


def varianten() -> list[Casus]:
    """Cases without a weging that switch on one input each (circumstance, signal, child)."""
    basis = Casus(
        kind=Kind(leeftijd=9),
        signalen=(Signaal(soort=SoortSignaal.LICHAMELIJK_GEWELD),),
    )
    out = [basis]
    for a in attrs.fields(Omstandigheden):
        out.append(attrs.evolve(basis, omstandigheden=Omstandigheden(**{a.name: True})))
    for kenmerk in KENMERKEN:
        signaal = Signaal(soort=SoortSignaal.LICHAMELIJK_GEWELD, **{kenmerk: True})
        out.append(attrs.evolve(basis, signalen=(signaal,)))
    for soort in SoortSignaal:
        out.append(attrs.evolve(basis, signalen=(Signaal(soort=soort),)))
    # the statutory duty for sexual offences by staff needs the kind and the kenmerk together
    zeden = Signaal(soort=SoortSignaal.SEKSUEEL_GEWELD, pleger_is_medewerker=True)
    out.append(attrs.evolve(basis, signalen=(zeden,)))
    out.append(attrs.evolve(basis, kind=Kind(leeftijd=14)))
    out.append(attrs.evolve(basis, kind=Kind(ongeboren=True)))
    out.append(attrs.evolve(basis, kind=Kind()))
    out.append(attrs.evolve(basis, consultaties=tuple(Consultatie(met=p) for p in Partij)))
    return out


RISICO_OPLOPEND: dict[Vraag, tuple[Oordeel, ...]] = {
    Vraag.VERMOEDEN: (Oordeel.NEE, Oordeel.TWIJFEL, Oordeel.JA),
    Vraag.ACUTE_ONVEILIGHEID: (Oordeel.NEE, Oordeel.TWIJFEL, Oordeel.JA),
    Vraag.STRUCTURELE_ONVEILIGHEID: (Oordeel.NEE, Oordeel.TWIJFEL, Oordeel.JA),
    Vraag.HULP_MOGELIJK: (Oordeel.JA, Oordeel.TWIJFEL, Oordeel.NEE),
    Vraag.HULP_AANVAARD: (Oordeel.JA, Oordeel.TWIJFEL, Oordeel.NEE),
    Vraag.HULP_RESULTAAT: (Oordeel.JA, Oordeel.TWIJFEL, Oordeel.NEE),
    Vraag.KAN_BESCHERMEN: (Oordeel.JA, Oordeel.TWIJFEL, Oordeel.NEE),
}
"""For each question, its answers from least to most risk for the child."""
