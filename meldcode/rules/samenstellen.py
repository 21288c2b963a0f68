"""A ``Besluit`` from the rules that fired: the one assembly every engine shares.

An engine only has to say which rules fired and which question comes next; everything a
``Besluit`` holds follows from the fired rules, the same way for every engine: the decisions
(a decision is taken when a rule concluding it fired), the contacts in the order of urgency, the
grounds in rule base order, who does what (each task, role and party once, required over
advised, most urgent first), the dated follow-ups, the consultations still missing, the sociale
kaart entries of the contacts, and the warnings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from types import MappingProxyType

from meldcode.domain.besluit import Actie, Besluit, Opvolging, Waarschuwing
from meldcode.domain.waarden import Beslispunt, Taak, Vraag
from meldcode.rules.kalender import NEDERLAND, Werkdagkalender, plus_werkdagen
from meldcode.rules.model import Regel, Regelbasis

__all__ = ["besluit_uit", "gedateerd"]

#: the tasks in their order of urgency (``Taak``'s own order)
_TAAKRANG: Mapping[Taak, int] = MappingProxyType({t: i for i, t in enumerate(Taak)})


def besluit_uit(
    basis: Regelbasis,
    gevuurd: Collection[str],
    volgende_vraag: Vraag | None,
    *,
    referentie: str | None = None,
    datum: dt.date | None = None,
    kalender: Werkdagkalender = NEDERLAND,
) -> Besluit:
    """The ``Besluit`` of ``basis`` when the rules ``gevuurd`` (ids) fired.

    ``datum`` (the case's) dates the follow-ups in working days of ``kalender``; ``referentie``
    is the case's pseudonym, echoed.
    """
    regels = [r for r in basis.regels if r.id in gevuurd]
    genomen = {p for r in regels for p in r.dan.beslissingen}
    contacten = {p for r in regels for p in r.dan.contacten}
    geordend = tuple(p for p in basis.contactvolgorde if p in contacten)
    ontbrekend = {p for r in regels for p in r.dan.ontbrekende_consultaties}
    return Besluit(
        protocol=basis.protocol,
        volgende_vraag=volgende_vraag,
        contacten=geordend,
        gronden=tuple(basis.gronden[r.id] for r in regels),
        referentie=referentie,
        acties=_acties(regels, basis),
        opvolging=_opvolging(regels, datum, kalender),
        ontbrekende_consultaties=tuple(p for p in basis.contactvolgorde if p in ontbrekend),
        contacten_details=tuple(k for p in geordend for k in basis.sociale_kaart if k.partij is p),
        waarschuwingen=_waarschuwingen(regels, basis),
        **{p.value: p in genomen for p in Beslispunt},
    )


def _acties(regels: list[Regel], basis: Regelbasis) -> tuple[Actie, ...]:
    acties: dict[tuple[object, ...], Actie] = {}
    for r in regels:
        for a in basis.acties[r.id]:
            sleutel = (a.taak, a.rol, a.partij)
            bestaand = acties.get(sleutel)
            if bestaand is None or (bestaand.advies and not a.advies):
                acties[sleutel] = a
    rang = {p: i for i, p in enumerate(basis.contactvolgorde)}
    return tuple(
        sorted(
            acties.values(),
            key=lambda a: (
                a.advies,
                _TAAKRANG[a.taak],
                rang.get(a.partij, -1) if a.partij else -1,
                a.rol.value,
            ),
        )
    )


def _opvolging(
    regels: list[Regel], datum: dt.date | None, kalender: Werkdagkalender
) -> tuple[Opvolging, ...]:
    opvolging: dict[tuple[object, ...], Opvolging] = {}
    for r in regels:
        for t in r.dan.opvolging:
            sleutel = (t.taak, t.partij, t.werkdagen)
            if sleutel not in opvolging:
                opvolging[sleutel] = Opvolging(
                    taak=t.taak,
                    werkdagen=t.werkdagen,
                    datum=plus_werkdagen(kalender, datum, t.werkdagen) if datum else None,
                    partij=t.partij,
                    regel=r.id,
                )
    return tuple(sorted(opvolging.values(), key=lambda o: (o.werkdagen, _TAAKRANG[o.taak])))


def _waarschuwingen(regels: list[Regel], basis: Regelbasis) -> tuple[Waarschuwing, ...]:
    uit: dict[str, Waarschuwing] = {}
    for r in regels:
        for w in basis.waarschuwingen[r.id]:
            uit.setdefault(w.code, w)
    return tuple(uit.values())


def gedateerd(
    opvolging: tuple[Opvolging, ...], datum: dt.date | None, kalender: Werkdagkalender
) -> tuple[Opvolging, ...]:
    """``opvolging`` dated from ``datum`` (undated when ``datum`` is ``None``)."""
    return tuple(
        Opvolging(
            taak=o.taak,
            werkdagen=o.werkdagen,
            datum=plus_werkdagen(kalender, datum, o.werkdagen) if datum else None,
            partij=o.partij,
            regel=o.regel,
        )
        for o in opvolging
    )
