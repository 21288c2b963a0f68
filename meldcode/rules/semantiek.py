"""The meaning of a rule base, defined once: a circuit over the facts of a case.

Every engine decides from this one form, as Catala lowers its default calculus for every
back-end. A ``Regelbasis`` (rules in the sources' own terms) is lowered in two steps:

1. every leaf condition to primitives (``Regel.als`` -> ``verlaagd``, see ``meldcode.rules.model``):
   answers, named flags of the case (``meldcode.domain.feiten``), the child's age, decisions;
2. the rules, their exceptions, the reach of the questions and the choice of the next question
   to a ``Schakeling``: a directed acyclic graph of nodes over the leaves a case offers, with
   named outputs. Each output is a function of the case alone.

The engines translate the schakeling node by node: the compiled engine
(``meldcode.rules.gecompileerd``) evaluates it per case, the dataframe adapter turns each node
into column expressions, the durable adapter into rete rules. ``meldcode.rules.referentie``
(``evalueer``) walks the rules' own trees instead: the readable reference, and the trace; tests
hold every engine to it.

Values are three-valued: true, false, *unknown* (``None``). The meaning:

- Leaves (two-valued unless said otherwise): ``VLAG`` a fact of the case; ``LEEFTIJD`` the
  child's age is known and in range; ``ANTWOORD`` a question is answered with one of a set of
  values; ``BEANTWOORD`` a question is answered; ``CONST`` a constant (possibly unknown).
- ``EN``, ``OF``, ``NIET``: Kleene's logic (false wins an ``EN``, true wins an ``OF``, else an
  unknown part makes the whole unknown). ``ZEKER`` (``x`` is true) and ``ONBEKEND`` (``x`` is
  unknown) observe a three-valued value and are two-valued.
- The reach of a question (``bereik``) is its ``voorwaarde``'s value (true without one).
- An answer condition ``Antwoord(vraag, waarden)`` is true when answered with one of
  ``waarden``; false when answered otherwise, or unanswered where the route has passed the
  question by; *unknown* when unanswered and still reachable. The engine never guesses.
- A rule's ``status`` is false when one of its exceptions (``tenzij``) is *established*
  (true); otherwise it is its condition's value. A decision (``beslist``) is the ``OF`` of the
  statuses of the rules concluding it, and taken when that is true. ``Beslist`` in a condition
  reads that ``OF``; the rule base's strata make sure it is complete before it is read.
- A party is a ``contact`` when a rule listing it fires.
- A question is a ``kandidaat`` for the next question when an unknown rule that could still add
  a decision or contact waits for it: the question is unanswered in the rule's condition, in an
  unknown part of it, and reachable — or its reach is unknown and it waits for a question its
  ``voorwaarde`` waits for. ``volgende_vraag`` is the first candidate in the protocol's order.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeAlias

from attrs import frozen

from meldcode.domain.waarden import Beslispunt, Oordeel, Partij, Vraag
from meldcode.rules.model import (
    Alle,
    Antwoord,
    Beslist,
    Conditie,
    EenVan,
    Leeftijd,
    Niet,
    Regelbasis,
    Vlag,
    verlaagd,
)

__all__ = [
    "SAMENGESTELD",
    "Knoop",
    "Op",
    "Schakeling",
    "Waarheid",
    "schakeling",
]

Waarheid: TypeAlias = bool | None
"""A three-valued value: true, false or unknown (``None``)."""


class Op(enum.IntEnum):
    """The operation of a node; see the module's docstring for each one's meaning."""

    CONST = 0  # args: (value,)            three-valued constant
    VLAG = 1  # args: (pad,)               two-valued leaf
    LEEFTIJD = 2  # args: (vanaf, tot)     two-valued leaf
    ANTWOORD = 3  # args: (vraag, waarden) two-valued leaf: answered with one of waarden
    BEANTWOORD = 4  # args: (vraag,)       two-valued leaf: answered at all
    EN = 5  # args: node ids               Kleene
    OF = 6  # args: node ids               Kleene
    NIET = 7  # args: (node id,)           Kleene
    ZEKER = 8  # args: (node id,)          two-valued: the node is true
    ONBEKEND = 9  # args: (node id,)       two-valued: the node is unknown


@frozen
class Knoop:
    """One node of a ``Schakeling``: an operation and its arguments (leaf data or node ids)."""

    op: Op
    args: tuple[Any, ...]


@frozen(kw_only=True)
class Schakeling:
    """A rule base lowered to one circuit: nodes in evaluation order and the named outputs.

    ``knopen`` are in topological order (a node's arguments come before it); ``tweewaardig``
    says per node whether it can only be true or false. Outputs are node ids: ``bereik`` and
    ``kandidaat`` per question of ``vragen`` (in the protocol's order), ``status`` per rule id,
    ``beslist`` per decision (three-valued: taken when true), ``contact`` per party (two-valued).
    ``vlaggen`` and ``leeftijden`` are the leaves a case must offer.
    """

    knopen: tuple[Knoop, ...]
    tweewaardig: tuple[bool, ...]
    vragen: tuple[Vraag, ...]
    bereik: tuple[int, ...]
    kandidaat: tuple[int, ...]
    status: Mapping[str, int]
    beslist: Mapping[Beslispunt, int]
    contact: Mapping[Partij, int]
    vlaggen: tuple[str, ...]
    leeftijden: tuple[tuple[int | None, int | None], ...]

    def gebruik(self) -> tuple[int, ...]:
        """How often each node is an argument of another node or an output."""
        tel = [0] * len(self.knopen)
        for k in self.knopen:
            if k.op in SAMENGESTELD:
                for i in k.args:
                    tel[i] += 1
        for i in (
            *self.bereik,
            *self.kandidaat,
            *self.status.values(),
            *self.beslist.values(),
            *self.contact.values(),
        ):
            tel[i] += 1
        return tuple(tel)


#: the operations whose arguments are nodes (the others are leaves: they read the case)
SAMENGESTELD = frozenset({Op.EN, Op.OF, Op.NIET, Op.ZEKER, Op.ONBEKEND})
_TWEEWAARDIG = frozenset({Op.VLAG, Op.LEEFTIJD, Op.ANTWOORD, Op.BEANTWOORD, Op.ZEKER, Op.ONBEKEND})


class _Bouwer:
    """Builds the nodes: each distinct node once, constants folded."""

    def __init__(self) -> None:
        self.knopen: list[Knoop] = []
        self.tweewaardig: list[bool] = []
        self._index: dict[Knoop, int] = {}
        self.waar = self._nieuw(Knoop(Op.CONST, (True,)))
        self.onwaar = self._nieuw(Knoop(Op.CONST, (False,)))
        self.onbekend_ = self._nieuw(Knoop(Op.CONST, (None,)))

    def _nieuw(self, knoop: Knoop) -> int:
        i = self._index.get(knoop)
        if i is None:
            i = len(self.knopen)
            self.knopen.append(knoop)
            if knoop.op is Op.CONST:
                tweewaardig = knoop.args[0] is not None
            elif knoop.op in _TWEEWAARDIG:
                tweewaardig = True
            else:
                tweewaardig = all(self.tweewaardig[a] for a in knoop.args)
            self.tweewaardig.append(tweewaardig)
            self._index[knoop] = i
        return i

    def constante(self, i: int) -> Waarheid | str:
        """The constant value of node ``i``, or ``"-"`` when it is not a constant."""
        k = self.knopen[i]
        return k.args[0] if k.op is Op.CONST else "-"

    def blad(self, op: Op, *args: Any) -> int:
        """A leaf node."""
        return self._nieuw(Knoop(op, args))

    def en(self, delen: Sequence[int]) -> int:
        """Kleene's and, folded: true parts vanish, a false part decides."""
        return self._verbind(Op.EN, delen, self.waar, self.onwaar)

    def of(self, delen: Sequence[int]) -> int:
        """Kleene's or, folded: false parts vanish, a true part decides."""
        return self._verbind(Op.OF, delen, self.onwaar, self.waar)

    def _verbind(self, op: Op, delen: Sequence[int], neutraal: int, beslissend: int) -> int:
        uit: list[int] = []
        for d in delen:
            if d == beslissend:
                return beslissend
            if d == neutraal:
                continue
            k = self.knopen[d]
            for e in k.args if k.op is op else (d,):  # flatten: and/or are associative
                if e not in uit:
                    uit.append(e)
        if not uit:
            return neutraal
        if len(uit) == 1:
            return uit[0]
        return self._nieuw(Knoop(op, tuple(uit)))

    def niet(self, deel: int) -> int:
        """Kleene's not, folded (``NIET NIET x`` is ``x``)."""
        c = self.constante(deel)
        if c != "-":
            return self.onbekend_ if c is None else (self.onwaar if c else self.waar)
        k = self.knopen[deel]
        if k.op is Op.NIET:
            return int(k.args[0])
        return self._nieuw(Knoop(Op.NIET, (deel,)))

    def zeker(self, deel: int) -> int:
        """Two-valued: ``deel`` is true (a two-valued node is its own ``ZEKER``)."""
        c = self.constante(deel)
        if c != "-":
            return self.waar if c is True else self.onwaar
        if self.tweewaardig[deel]:
            return deel
        return self._nieuw(Knoop(Op.ZEKER, (deel,)))

    def is_onbekend(self, deel: int) -> int:
        """Two-valued: ``deel`` is unknown (never, for a two-valued node)."""
        c = self.constante(deel)
        if c != "-":
            return self.waar if c is None else self.onwaar
        if self.tweewaardig[deel]:
            return self.onwaar
        return self._nieuw(Knoop(Op.ONBEKEND, (deel,)))


class _Lager:
    """Lowers one rule base to a ``Schakeling`` (the definitions of the module's docstring)."""

    def __init__(self, basis: Regelbasis) -> None:
        self.basis = basis
        self.b = _Bouwer()
        self.vragen = tuple(a.vraag for a in basis.vragen)
        self.voorwaarde: dict[Vraag, Conditie | None] = {
            a.vraag: None if a.voorwaarde is None else verlaagd(a.voorwaarde) for a in basis.vragen
        }
        self.bereik: dict[Vraag, int] = {}
        self.status: dict[str, int] = {}
        self.beslist: dict[Beslispunt, int] = {}
        self.concluderen: dict[Beslispunt, list[str]] = {}
        for r in basis.regels:
            for p in r.dan.beslissingen:
                self.concluderen.setdefault(p, []).append(r.id)
        self.als = {r.id: verlaagd(r.als) for r in basis.regels}
        self._waarde: dict[int, int] = {}  # id(condition) -> node, per lowered tree object
        self._open: dict[tuple[int, Vraag], int] = {}

    def waarde(self, c: Conditie) -> int:
        """The node of a (lowered) condition's value."""
        sleutel = id(c)
        if sleutel not in self._waarde:
            self._waarde[sleutel] = self._maak(c)
        return self._waarde[sleutel]

    def _maak(self, c: Conditie) -> int:
        b = self.b
        if isinstance(c, Alle):
            return b.en([self.waarde(d) for d in c.delen])
        if isinstance(c, EenVan):
            return b.of([self.waarde(d) for d in c.delen])
        if isinstance(c, Niet):
            return b.niet(self.waarde(c.deel))
        if isinstance(c, Vlag):
            return b.blad(Op.VLAG, c.pad)
        if isinstance(c, Leeftijd):
            return b.blad(Op.LEEFTIJD, c.vanaf, c.tot)
        if isinstance(c, Beslist):
            return self.besluit(c.punt)
        if isinstance(c, Antwoord):
            return self.antwoord(c.vraag, c.waarden)
        raise AssertionError(f"not a primitive condition: {c!r}")  # pragma: no cover

    def antwoord(self, vraag: Vraag, waarden: frozenset[Oordeel]) -> int:
        """True if answered in ``waarden``; unknown if unanswered and not passed by; else false."""
        b = self.b
        gegeven = b.blad(Op.ANTWOORD, vraag, _waarden(waarden))
        open_ = b.en(
            [
                b.niet(b.blad(Op.BEANTWOORD, vraag)),
                b.niet(b.zeker(b.niet(self.bereik[vraag]))),
                b.onbekend_,
            ]
        )
        return b.of([gegeven, open_])

    def besluit(self, punt: Beslispunt) -> int:
        """The ``OF`` of the statuses of the rules concluding ``punt`` (all built by now)."""
        if punt not in self.beslist:
            self.beslist[punt] = self.b.of([self.status[i] for i in self.concluderen.get(punt, [])])
        return self.beslist[punt]

    def open(self, c: Conditie, vraag: Vraag) -> int:
        """Two-valued: ``vraag`` is one of the unanswered questions that keep ``c`` unknown."""
        sleutel = (id(c), vraag)
        if sleutel in self._open:
            return self._open[sleutel]
        b = self.b
        uit = b.onwaar
        if isinstance(c, Antwoord):
            hier = b.zeker(self.bereik[c.vraag]) if c.vraag is vraag else b.onwaar
            voorwaarde = self.voorwaarde[c.vraag]
            verder = (
                b.onwaar
                if voorwaarde is None
                else b.en([b.is_onbekend(self.bereik[c.vraag]), self.open(voorwaarde, vraag)])
            )
            uit = b.en([b.niet(b.blad(Op.BEANTWOORD, c.vraag)), b.of([hier, verder])])
        elif isinstance(c, Alle | EenVan):
            uit = b.of(
                [b.en([b.is_onbekend(self.waarde(d)), self.open(d, vraag)]) for d in c.delen]
            )
        elif isinstance(c, Niet):
            uit = self.open(c.deel, vraag)
        self._open[sleutel] = uit
        return uit

    def bouw(self) -> Schakeling:
        b = self.b
        basis = self.basis
        for vraag in self.vragen:  # a voorwaarde reads earlier answers only (checked)
            v = self.voorwaarde[vraag]
            self.bereik[vraag] = b.waar if v is None else self.waarde(v)
        for r in basis.volgorde:  # every rule after the rules concluding what it reads
            uitgezonderd = b.of([b.zeker(self.besluit(p)) for p in _punten(r.tenzij)])
            self.status[r.id] = b.en([b.niet(uitgezonderd), self.waarde(self.als[r.id])])
        beslist = {p: self.besluit(p) for p in Beslispunt}
        contact = {
            p: b.of([b.zeker(self.status[r.id]) for r in basis.regels if p in r.dan.contacten])
            for p in basis.contactvolgorde
        }
        kandidaat = []
        for vraag in self.vragen:
            delen = []
            for r in basis.regels:
                if not (r.dan.beslissingen or r.dan.contacten):
                    continue
                nieuw = b.of(
                    [
                        *(b.niet(b.zeker(beslist[p])) for p in _punten(r.dan.beslissingen)),
                        *(b.niet(contact[p]) for p in r.dan.contacten),
                    ]
                )
                status = self.status[r.id]
                delen.append(b.en([b.is_onbekend(status), nieuw, self.open(self.als[r.id], vraag)]))
            kandidaat.append(b.of(delen))
        vlaggen: list[str] = []
        leeftijden: list[tuple[int | None, int | None]] = []
        for k in b.knopen:
            if k.op is Op.VLAG and k.args[0] not in vlaggen:
                vlaggen.append(k.args[0])
            elif k.op is Op.LEEFTIJD and k.args not in leeftijden:
                leeftijden.append(k.args)
        return Schakeling(
            knopen=tuple(b.knopen),
            tweewaardig=tuple(b.tweewaardig),
            vragen=self.vragen,
            bereik=tuple(self.bereik[v] for v in self.vragen),
            kandidaat=tuple(kandidaat),
            status=dict(self.status),
            beslist=beslist,
            contact=contact,
            vlaggen=tuple(vlaggen),
            leeftijden=tuple(leeftijden),
        )


def _punten(punten: frozenset[Beslispunt]) -> list[Beslispunt]:
    """Decisions in the contract's order (so that the circuit is reproducible)."""
    return [p for p in Beslispunt if p in punten]


def _waarden(waarden: frozenset[Oordeel]) -> frozenset[Oordeel]:
    return frozenset(waarden)


def schakeling(basis: Regelbasis) -> Schakeling:
    """The ``Schakeling`` of ``basis``: built once, kept with the rule base.

    Pure: the same rule base always gives the same circuit (kept in ``basis.geheugen``'s room
    for derived forms, never part of the rule base's value).
    """
    return basis.afgeleid("schakeling", lambda: _Lager(basis).bouw())


def evalueer_knopen(
    s: Schakeling,
    *,
    antwoord: Callable[[Vraag], Oordeel | None],
    vlaggen: frozenset[str],
    leeftijd: int | None,
) -> list[Waarheid]:
    """Every node's value for one case: the plainest translation, for tests and tracing.

    ``antwoord`` gives a question's answer (``None``: unanswered), ``vlaggen`` the true facts,
    ``leeftijd`` the child's age (``None``: unknown).
    """
    waarden: list[Waarheid] = []
    for k in s.knopen:
        waarden.append(_knoopwaarde(k, waarden, antwoord, vlaggen, leeftijd))
    return waarden


def _knoopwaarde(
    k: Knoop,
    w: list[Waarheid],
    antwoord: Callable[[Vraag], Oordeel | None],
    vlaggen: frozenset[str],
    leeftijd: int | None,
) -> Waarheid:
    op, args = k.op, k.args
    if op is Op.CONST:
        return args[0]  # type: ignore[no-any-return]
    if op is Op.VLAG:
        return args[0] in vlaggen
    if op is Op.LEEFTIJD:
        return _in_leeftijd(leeftijd, args[0], args[1])
    if op is Op.ANTWOORD:
        return antwoord(args[0]) in args[1]
    if op is Op.BEANTWOORD:
        return antwoord(args[0]) is not None
    if op is Op.EN:
        return _en(w[i] for i in args)
    if op is Op.OF:
        return _of(w[i] for i in args)
    if op is Op.NIET:
        x = w[args[0]]
        return None if x is None else not x
    if op is Op.ZEKER:
        return w[args[0]] is True
    return w[args[0]] is None  # ONBEKEND


def _in_leeftijd(leeftijd: int | None, vanaf: int | None, tot: int | None) -> bool:
    """The ``LEEFTIJD`` leaf: the age is known and in ``[vanaf, tot)``."""
    if leeftijd is None:
        return False
    return (vanaf is None or leeftijd >= vanaf) and (tot is None or leeftijd < tot)


def _en(waarden: Iterator[Waarheid]) -> Waarheid:
    uit: Waarheid = True
    for x in waarden:
        if x is False:
            return False
        if x is None:
            uit = None
    return uit


def _of(waarden: Iterator[Waarheid]) -> Waarheid:
    uit: Waarheid = False
    for x in waarden:
        if x is True:
            return True
        if x is None:
            uit = None
    return uit
