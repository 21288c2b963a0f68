"""The rule base's circuit translated for whole columns: two boolean rails per three values.

A rule base means what its ``Schakeling`` (``meldcode.rules.semantiek``) computes. A column can
hold true and false but has no third value that every backend treats alike, so every circuit node
is translated into *two* two-valued functions of a row, its rails: ``waar`` (the node is true)
and ``onwaar`` (the node is false); a row where both are false is unknown. Node by node:

- a leaf (``VLAG``, ``LEEFTIJD``, ``ANTWOORD``, ``BEANTWOORD``) is two-valued: ``waar`` is the
  leaf, ``onwaar`` its negation; a ``CONST`` folds away;
- ``EN``: ``waar`` is the ``and`` of the parts' ``waar``, ``onwaar`` the ``or`` of their
  ``onwaar`` (Kleene); ``OF`` the mirror image; ``NIET`` swaps the rails;
- ``ZEKER x``: ``waar(x)`` and its negation; ``ONBEKEND x``: neither rail of ``x``, and its
  negation. A two-valued node's ``onwaar`` is its ``waar``'s negation.

The rails are built as ``Rails``: a small hash-consed graph of and/or/not over the primitive
leaves, with constants folded, so an output compiles only what it reads (asking for ``melden``
alone builds the ``waar`` rails of what ``melden`` depends on) and a shared part is one node.
``uitvoer`` names, per output column, what to compute from the rails (a boolean, the first of
a list that holds, a comma-separated list). Backends turn the rails into their own operations:
``meldcode.adapters.dataframe.expressies`` into polars or narwhals expressions,
``meldcode.adapters.dataframe.kern`` into NumPy over pandas' columns. None of them knows a
condition type of the rule language: only these primitives.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeAlias

from attrs import frozen

from meldcode.domain.waarden import Beslispunt, Oordeel
from meldcode.rules.model import Regelbasis
from meldcode.rules.semantiek import Op, Schakeling, schakeling

__all__ = [
    "ANTWOORD",
    "ANTWOORDEN",
    "BEANTWOORD",
    "BOOLEAANS",
    "EN",
    "GROEP",
    "GROEPEN_PER_WOORD",
    "LEEFTIJD",
    "NIET",
    "OF",
    "VLAG",
    "Eerste",
    "Lijst",
    "Rails",
    "Ref",
    "Tekst",
    "Uit",
    "Vertaling",
    "Waar",
    "groepteksten",
    "oordelen",
    "uitvoer",
    "vertaling",
    "wortels",
]

Ref: TypeAlias = int | bool
"""A node of ``Rails``, or a constant that has been folded away."""

#: node kinds of ``Rails``: leaves, then operations
ANTWOORD, BEANTWOORD, VLAG, LEEFTIJD, EN, OF, NIET = "A", "B", "V", "L", "EN", "OF", "NIET"


class Rails:
    """A graph of two-valued operations over the primitive leaves, each distinct node once.

    ``knopen[i]`` is a tuple: ``(ANTWOORD, vraag, waarden)`` the question is answered with one
    of ``waarden``; ``(BEANTWOORD, vraag)`` it is answered; ``(VLAG, pad)`` the fact holds;
    ``(LEEFTIJD, vanaf, tot)`` the age is known and in ``[vanaf, tot)``; ``(EN, ids)``,
    ``(OF, ids)``, ``(NIET, id)``. Constants fold (``True``/``False`` are never nodes).
    """

    def __init__(self) -> None:
        self.knopen: list[tuple[Any, ...]] = []
        self._index: dict[tuple[Any, ...], int] = {}

    def _nieuw(self, knoop: tuple[Any, ...]) -> int:
        i = self._index.get(knoop)
        if i is None:
            i = len(self.knopen)
            self.knopen.append(knoop)
            self._index[knoop] = i
        return i

    def blad(self, *knoop: Any) -> int:
        """A leaf node."""
        return self._nieuw(knoop)

    def en(self, delen: Iterable[Ref]) -> Ref:
        """``and``, folded and flattened."""
        return self._verbind(EN, delen, True)

    def of(self, delen: Iterable[Ref]) -> Ref:
        """``or``, folded and flattened."""
        return self._verbind(OF, delen, False)

    def _verbind(self, op: str, delen: Iterable[Ref], neutraal: bool) -> Ref:
        uit: list[int] = []
        for d in delen:
            if d is neutraal:
                continue
            if d is (not neutraal):
                return not neutraal
            assert not isinstance(d, bool)
            k = self.knopen[d]
            for e in k[1] if k[0] == op else (d,):
                if e not in uit:
                    uit.append(e)
        if not uit:
            return neutraal
        if len(uit) == 1:
            return uit[0]
        return self._nieuw((op, tuple(uit)))

    def niet(self, deel: Ref) -> Ref:
        """``not``, folded (``not not x`` is ``x``)."""
        if isinstance(deel, bool):
            return not deel
        k = self.knopen[deel]
        if k[0] == NIET:
            return int(k[1])
        return self._nieuw((NIET, deel))

    def gebruik(self, wortels: Iterable[Ref]) -> dict[int, int]:
        """How often each node reachable from ``wortels`` is read (by a node or a root)."""
        tel: dict[int, int] = {}
        open_ = [w for w in wortels if not isinstance(w, bool)]
        while open_:
            i = open_.pop()
            tel[i] = tel.get(i, 0) + 1
            if tel[i] > 1:
                continue
            k = self.knopen[i]
            if k[0] in (EN, OF):
                open_.extend(k[1])
            elif k[0] == NIET:
                open_.append(k[1])
        return tel


class Vertaling:
    """One rule base's circuit as rails: ``waar(i)`` and ``onwaar(i)`` of circuit node ``i``."""

    def __init__(self, basis: Regelbasis) -> None:
        self.basis = basis
        self.schakeling: Schakeling = schakeling(basis)
        self.rails = Rails()
        self._waar: dict[int, Ref] = {}
        self._onwaar: dict[int, Ref] = {}

    def waar(self, i: int) -> Ref:
        """Where circuit node ``i`` is true."""
        r = self._waar.get(i)
        if r is None:
            r = self._vertaal(i, True)
            self._waar[i] = r
        return r

    def onwaar(self, i: int) -> Ref:
        """Where circuit node ``i`` is false."""
        r = self._onwaar.get(i)
        if r is None:
            if self.schakeling.tweewaardig[i]:
                r = self.rails.niet(self.waar(i))
            else:
                r = self._vertaal(i, False)
            self._onwaar[i] = r
        return r

    def _vertaal(self, i: int, waar: bool) -> Ref:
        k = self.schakeling.knopen[i]
        op, args = k.op, k.args
        r = self.rails
        if op is Op.CONST:
            return args[0] is waar
        if op in (Op.VLAG, Op.LEEFTIJD, Op.ANTWOORD, Op.BEANTWOORD):
            blad = r.blad(*_BLAD[op](args))
            return blad if waar else r.niet(blad)
        if op is Op.EN:
            delen = [self.waar(a) if waar else self.onwaar(a) for a in args]
            return r.en(delen) if waar else r.of(delen)
        if op is Op.OF:
            delen = [self.waar(a) if waar else self.onwaar(a) for a in args]
            return r.of(delen) if waar else r.en(delen)
        if op is Op.NIET:
            return self.onwaar(args[0]) if waar else self.waar(args[0])
        if op is Op.ZEKER:
            return self.waar(args[0]) if waar else r.niet(self.waar(args[0]))
        # ONBEKEND: neither rail of its argument
        bekend = r.of([self.waar(args[0]), self.onwaar(args[0])])
        return r.niet(bekend) if waar else bekend


_BLAD: dict[Op, Callable[[tuple[Any, ...]], tuple[Any, ...]]] = {
    Op.VLAG: lambda a: (VLAG, a[0]),
    Op.LEEFTIJD: lambda a: (LEEFTIJD, a[0], a[1]),
    Op.ANTWOORD: lambda a: (ANTWOORD, a[0], frozenset(a[1])),
    Op.BEANTWOORD: lambda a: (BEANTWOORD, a[0]),
}


def vertaling(basis: Regelbasis) -> Vertaling:
    """The rails of ``basis`` (kept with the rule base: built once, extended on demand)."""
    return basis.afgeleid("dataframe.vertaling", lambda: Vertaling(basis))


# --- outputs ---------------------------------------------------------------------------------


@frozen
class Waar:
    """A boolean column: where ``rail`` holds."""

    rail: Ref


@frozen
class Eerste:
    """A text column: the label of the first of ``delen`` whose rail holds (else empty)."""

    delen: tuple[tuple[str, Ref], ...]


@frozen
class Lijst:
    """A text column: the labels of ``delen`` whose rails hold, comma-separated ("" for none)."""

    delen: tuple[tuple[str, Ref], ...]


@frozen
class Tekst:
    """A text column of one value."""

    tekst: str


#: what one output column computes from the rails: a boolean, the first label that
#: holds, the labels that hold, or a fixed text
Uit: TypeAlias = Waar | Eerste | Lijst | Tekst

#: the outputs that are booleans (decisions)
BOOLEAANS = frozenset(p.value for p in Beslispunt)


def uitvoer(basis: Regelbasis, gevraagd: Sequence[str]) -> dict[str, Uit]:
    """What each requested output column computes, from the circuit of ``basis``.

    ``gevraagd`` names outputs: ``protocol``; a decision (``melden``, ...); ``volgende_vraag``;
    ``contacten``, ``regels`` and ``waarschuwingen`` (in the ``Besluit``'s order);
    ``<beslispunt>_regel``, the first rule in the rule base's order that takes that decision.
    (``fout`` is the frame's own.)
    """
    v = vertaling(basis)
    s = v.schakeling
    uit: dict[str, Uit] = {}
    for naam in gevraagd:
        if naam == "protocol":
            uit[naam] = Tekst(basis.protocol.value)
        elif naam in BOOLEAANS:
            uit[naam] = Waar(v.waar(s.beslist[Beslispunt(naam)]))
        elif naam == "volgende_vraag":
            uit[naam] = Eerste(
                tuple((q.value, v.waar(k)) for q, k in zip(s.vragen, s.kandidaat, strict=True))
            )
        elif naam == "contacten":
            uit[naam] = Lijst(tuple((p.value, v.waar(s.contact[p])) for p in s.contact))
        elif naam == "regels":
            uit[naam] = Lijst(tuple((r.id, v.waar(s.status[r.id])) for r in basis.regels))
        elif naam == "waarschuwingen":
            uit[naam] = Lijst(_waarschuwingen(basis, v))
        elif naam.endswith("_regel") and naam.removesuffix("_regel") in BOOLEAANS:
            punt = Beslispunt(naam.removesuffix("_regel"))
            uit[naam] = Eerste(
                tuple(
                    (r.id, v.waar(s.status[r.id]))
                    for r in basis.regels
                    if punt in r.dan.beslissingen
                )
            )
        else:  # pragma: no cover - the caller checks the names
            raise ValueError(naam)
    return uit


def _waarschuwingen(basis: Regelbasis, v: Vertaling) -> tuple[tuple[str, Ref], ...]:
    """Each warning's code where the first rule (in rule base order) that raises it fires.

    The ``Besluit`` lists each code once, in the order of the first fired rule raising it; a
    code is listed at rule ``r`` where ``r`` fires and no earlier rule raising it fired.
    """
    s, r = v.schakeling, v.rails
    eerder: dict[str, list[Ref]] = {}
    delen: list[tuple[str, Ref]] = []
    for regel in basis.regels:
        vuurt = v.waar(s.status[regel.id])
        for w in basis.waarschuwingen[regel.id]:
            voor = eerder.setdefault(w.code, [])
            rail = r.en([vuurt, r.niet(r.of(voor))])
            if rail is not False:
                delen.append((w.code, rail))
            voor.append(vuurt)
    return tuple(delen)


def wortels(uit: Mapping[str, Uit]) -> list[Ref]:
    """The rails the outputs read."""
    rails: list[Ref] = []
    for u in uit.values():
        if isinstance(u, Waar):
            rails.append(u.rail)
        elif isinstance(u, Eerste | Lijst):
            rails.extend(rail for _, rail in u.delen)
    return rails


#: the answers as the frame's text, in the order of their codes (a code is an index here)
ANTWOORDEN: tuple[str, ...] = tuple(o.value for o in Oordeel)


def oordelen(waarden: frozenset[Oordeel]) -> list[str]:
    """The answers of an ``ANTWOORD`` leaf as the frame's text, in a stable order."""
    return [o.value for o in Oordeel if o in waarden]


#: parts per group of a list output: a group's subset is one byte
GROEP = 8
#: groups' bytes per 64-bit key of a row's subset (the polars join, the NumPy kernel)
GROEPEN_PER_WOORD = 8


@functools.lru_cache(maxsize=64)
def groepteksten(labels: tuple[str, ...]) -> tuple[tuple[str | None, ...], ...]:
    """A list output's labels in groups of ``GROEP``: per group, the text of each subset.

    A subset is a number whose bit ``j`` says that the group's ``j``-th label holds; its text is
    those labels joined with commas, ``None`` for none. Every engine that builds a list column
    from such numbers (the polars expressions, the NumPy kernel) reads these tables.
    """
    tabellen = []
    for begin in range(0, len(labels), GROEP):
        groep = labels[begin : begin + GROEP]
        tabellen.append(
            tuple(
                ",".join(label for j, label in enumerate(groep) if c >> j & 1) or None
                for c in range(1 << len(groep))
            )
        )
    return tuple(tabellen)
