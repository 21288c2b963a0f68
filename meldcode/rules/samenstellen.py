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
from collections.abc import Collection, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

from meldcode.domain.besluit import Actie, Besluit, Contactgegevens, Grond, Opvolging, Waarschuwing
from meldcode.domain.waarden import Beslispunt, Partij, Rol, Taak, Vraag
from meldcode.rules.kalender import NEDERLAND, Werkdagkalender, plus_werkdagen
from meldcode.rules.model import Regel, Regelbasis

__all__ = ["Samenstelling", "besluit_uit", "gedateerd", "samenstelling"]

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


class Samenstelling:
    """``besluit_uit`` for one rule base as tables, for an engine that has the fired rules as bits.

    Bit ``i`` of ``gevuurd`` is the ``i``-th rule of ``basis.regels``. Every rule's decisions,
    contacts and missing consultations are bit masks here, its actions and follow-ups carry
    their keys and ranks as small integers, and its undated follow-ups are built: all made once
    per rule base, so that assembling a decision hashes no enum member (an enum's hash is a
    Python-level call). ``besluit_uit`` stays the readable statement of the assembly; the tests
    hold this one to it on every outcome of every rule base and on random sets of fired rules.
    """

    __slots__ = ("_delen", "_details", "_namen", "_regels", "_volgorde", "basis")

    def __init__(self, basis: Regelbasis) -> None:
        self.basis = basis
        volgorde = basis.contactvolgorde
        rang = {p: i for i, p in enumerate(volgorde)}
        rollen = {r: i for i, r in enumerate(Rol)}
        punten = {p: i for i, p in enumerate(Beslispunt)}
        partijen = {p: i for i, p in enumerate(Partij)}

        def masker(partijen: Collection[Partij]) -> int:
            return sum(1 << rang[p] for p in set(partijen) if p in rang)

        def plek(partij: Partij | None) -> int:  # as ``_acties`` ranks a party: -1 when none
            return rang.get(partij, -1) if partij else -1

        def wie(partij: Partij | None) -> int:  # a party in a key: -1 when none
            return -1 if partij is None else partijen[partij]

        self._volgorde = volgorde
        self._details = tuple(
            tuple(k for k in basis.sociale_kaart if k.partij is p) for p in volgorde
        )
        self._namen = tuple(p.value for p in Beslispunt)
        #: each rule as what it gives on its own (the shape of a group's part, ``_Deel``)
        self._regels: tuple[_Deel, ...] = tuple(
            (
                sum(1 << punten[p] for p in set(r.dan.beslissingen)),
                masker(r.dan.contacten),
                masker(r.dan.ontbrekende_consultaties),
                (basis.gronden[r.id],),
                tuple(
                    (
                        (_TAAKRANG[a.taak], rollen[a.rol], wie(a.partij)),
                        ((a.advies, _TAAKRANG[a.taak], plek(a.partij), a.rol.value), a),
                    )
                    for a in basis.acties[r.id]
                ),
                tuple(
                    (
                        (_TAAKRANG[t.taak], wie(t.partij), t.werkdagen),
                        (
                            (t.werkdagen, _TAAKRANG[t.taak]),
                            Opvolging(
                                taak=t.taak, werkdagen=t.werkdagen, partij=t.partij, regel=r.id
                            ),
                        ),
                    )
                    for t in r.dan.opvolging
                ),
                basis.waarschuwingen[r.id],
            )
            for r in basis.regels
        )
        #: per group of eight rules (rule base order): what each subset of the group gives,
        #: made on first use (at most 256 a group)
        self._delen: tuple[dict[int, _Deel], ...] = tuple(
            {} for _ in range(0, len(self._regels), _GROEP)
        )

    def vergeet(self) -> None:
        """Forget what the groups of rules gave (made again on use: a decision from scratch)."""
        for delen in self._delen:
            delen.clear()

    def _deel(self, groep: int, byte: int) -> _Deel:
        """What the rules of group ``groep`` whose bits are set in ``byte`` give, in rule order."""
        regels = self._regels
        genomen, contacten, ontbrekend, gronden, acties, opvolging, waarschuwingen = _samen(
            regels[_GROEP * groep + i] for i in range(_GROEP) if byte >> i & 1
        )
        return (
            genomen,
            contacten,
            ontbrekend,
            tuple(gronden),
            tuple(acties.items()),
            tuple(opvolging.items()),
            tuple(waarschuwingen.values()),
        )

    def _delen_van(self, gevuurd: int) -> Iterator[_Deel]:
        """What each group of rules with a bit set in ``gevuurd`` gives, kept per subset."""
        for groep, delen in enumerate(self._delen):
            byte = gevuurd >> (_GROEP * groep) & _BYTE
            if byte:
                deel = delen.get(byte)
                if deel is None:
                    deel = self._deel(groep, byte)
                    delen[byte] = deel
                yield deel

    def besluit(
        self,
        gevuurd: int,
        volgende_vraag: Vraag | None,
        *,
        referentie: str | None = None,
        datum: dt.date | None = None,
        kalender: Werkdagkalender = NEDERLAND,
    ) -> Besluit:
        """``besluit_uit(basis, ...)`` of the rules whose bits are set in ``gevuurd``."""
        genomen, contacten, ontbrekend, gronden, acties, opvolging, waarschuwingen = _samen(
            self._delen_van(gevuurd)
        )
        volgorde = self._volgorde
        details: tuple[Contactgegevens, ...] = ()
        geordend: list[Partij] = []
        j = 0
        while contacten >> j:
            if contacten >> j & 1:
                geordend.append(volgorde[j])
                details += self._details[j]
            j += 1
        termijnen = tuple(o for _, o in sorted(opvolging.values(), key=_eerste))
        if datum is not None:
            termijnen = gedateerd(termijnen, datum, kalender)
        return Besluit(
            protocol=self.basis.protocol,
            volgende_vraag=volgende_vraag,
            contacten=tuple(geordend),
            gronden=tuple(gronden),
            referentie=referentie,
            acties=tuple(a for _, a in sorted(acties.values(), key=_eerste)),
            opvolging=termijnen,
            ontbrekende_consultaties=tuple(
                p for j, p in enumerate(volgorde) if ontbrekend >> j & 1
            ),
            contacten_details=details,
            waarschuwingen=tuple(waarschuwingen.values()),
            **{naam: bool(genomen >> i & 1) for i, naam in enumerate(self._namen)},
        )


#: what one rule, or a subset of one group of rules, gives: decisions, contacts and missing
#: consultations (bit masks), grounds, actions and follow-ups (key, (rank, object)), warnings
_Deel = tuple[
    int,
    int,
    int,
    tuple[Grond, ...],
    tuple[tuple[tuple[int, int, int], tuple[tuple[object, ...], Actie]], ...],
    tuple[tuple[tuple[int, int, int], tuple[tuple[int, int], Opvolging]], ...],
    tuple[Waarschuwing, ...],
]
#: rules a group: one byte of the bits of the rules that fired
_GROEP = 8
_BYTE = (1 << _GROEP) - 1


def _samen(
    delen: Iterable[_Deel],
) -> tuple[
    int,
    int,
    int,
    list[Grond],
    dict[tuple[int, int, int], tuple[tuple[object, ...], Actie]],
    dict[tuple[int, int, int], tuple[tuple[int, int], Opvolging]],
    dict[str, Waarschuwing],
]:
    """What ``delen`` give together, merged in their order as ``besluit_uit`` merges rules.

    A required action replaces an advised one of the same task, role and party in its place;
    the first follow-up of a task, party and term stays, and the first warning of a code. The
    same merge joins the rules of a group and the groups of a decision, so merging the groups
    in their order gives what merging every rule in its order gives.
    """
    genomen = contacten = ontbrekend = 0
    gronden: list[Grond] = []
    acties: dict[tuple[int, int, int], tuple[tuple[object, ...], Actie]] = {}
    opvolging: dict[tuple[int, int, int], tuple[tuple[int, int], Opvolging]] = {}
    waarschuwingen: dict[str, Waarschuwing] = {}
    for punten, contact, mist, d_gronden, d_acties, d_opvolging, d_waarschuwingen in delen:
        genomen |= punten
        contacten |= contact
        ontbrekend |= mist
        gronden += d_gronden
        for sleutel, paar in d_acties:
            bestaand = acties.get(sleutel)
            if bestaand is None or (bestaand[1].advies and not paar[1].advies):
                acties[sleutel] = paar
        for sleutel, termijn in d_opvolging:
            opvolging.setdefault(sleutel, termijn)
        for w in d_waarschuwingen:
            waarschuwingen.setdefault(w.code, w)
    return genomen, contacten, ontbrekend, gronden, acties, opvolging, waarschuwingen


def _eerste(paar: tuple[Any, Any]) -> Any:
    return paar[0]


def samenstelling(basis: Regelbasis) -> Samenstelling:
    """The ``Samenstelling`` of ``basis``, made on first use and kept with the rule base."""
    return basis.afgeleid("samenstelling", lambda: Samenstelling(basis))
