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


def benoemde_varianten() -> list[tuple[str, Casus]]:
    """Cases without a weging that switch on one input each, named by what they switch on.

    The first is the base (``basis``): a child of nine with a signal of physical violence.
    """
    basis = Casus(
        kind=Kind(leeftijd=9),
        signalen=(Signaal(soort=SoortSignaal.LICHAMELIJK_GEWELD),),
    )
    out = [("basis", basis)]
    for a in attrs.fields(Omstandigheden):
        omstandigheden = Omstandigheden(**{a.name: True})
        out.append((f"omstandigheden.{a.name}", attrs.evolve(basis, omstandigheden=omstandigheden)))
    for kenmerk in KENMERKEN:
        signaal = Signaal(soort=SoortSignaal.LICHAMELIJK_GEWELD, **{kenmerk: True})
        out.append((f"signaal.{kenmerk}", attrs.evolve(basis, signalen=(signaal,))))
    for soort in SoortSignaal:
        out.append(
            (f"signaal.{soort.value}", attrs.evolve(basis, signalen=(Signaal(soort=soort),)))
        )
    # the statutory duty for sexual offences by staff needs the kind and the kenmerk together
    zeden = Signaal(soort=SoortSignaal.SEKSUEEL_GEWELD, pleger_is_medewerker=True)
    out.append(
        ("signaal.seksueel_geweld.pleger_is_medewerker", attrs.evolve(basis, signalen=(zeden,)))
    )
    out.append(("kind.leeftijd=14", attrs.evolve(basis, kind=Kind(leeftijd=14))))
    out.append(("kind.ongeboren", attrs.evolve(basis, kind=Kind(ongeboren=True))))
    out.append(("kind.leeftijd=onbekend", attrs.evolve(basis, kind=Kind())))
    alle = tuple(Consultatie(met=p) for p in Partij)
    out.append(("consultaties.alle", attrs.evolve(basis, consultaties=alle)))
    return out


def varianten() -> list[Casus]:
    """Cases without a weging that switch on one input each (circumstance, signal, child)."""
    return [casus for _, casus in benoemde_varianten()]


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
