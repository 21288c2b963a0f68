"""The compiled engine: the rule base's ``Schakeling`` evaluated per case, with a bounded memo.

``besluit_van`` (what ``beslis`` calls) gives exactly ``evalueer(...).besluit``. It translates
the circuit of ``meldcode.rules.semantiek`` into a flat program once per rule base, reads a
case as its *projection* — the answers to the protocol's questions, the facts the rules read
(``meldcode.domain.feiten``) and which age conditions hold — evaluates the program for it, and
assembles the ``Besluit`` with ``meldcode.rules.samenstellen`` (the assembly every engine shares).

Decisions are kept, bounded, per projection, without ``referentie`` and with their follow-ups
undated: nothing of any one case. A case whose projection was decided before gets that decision
with its own ``referentie`` and its follow-ups dated from its own ``datum``. Pure: what is kept
is derived from the rule base and projections, and never changes a result.
"""

from __future__ import annotations

import datetime as dt
import operator
import threading
from collections.abc import Callable, Collection, Hashable
from itertools import compress
from typing import Any

import attrs

from meldcode.domain.besluit import Besluit
from meldcode.domain.casus import Casus, Signaal
from meldcode.domain.feiten import OMSTANDIGHEDEN, signaalvlaggen
from meldcode.domain.waarden import Oordeel, Partij, Vraag
from meldcode.rules.kalender import Werkdagkalender, kalender_met
from meldcode.rules.model import Regelbasis
from meldcode.rules.samenstellen import besluit_uit, gedateerd
from meldcode.rules.semantiek import Op, Schakeling, Waarheid, schakeling

__all__ = ["besluit_van", "programma"]

#: projections kept per rule base with their outcome (a few hundred bytes each: some 20 MB full)
_PROJECTIES = 1 << 16
#: decisions kept per rule base, one per distinct outcome (far fewer than projections)
_BESLUITEN = 4096


class _Begrensd:
    """A memo of at most ``grootte`` entries; the oldest makes room. Thread-safe."""

    __slots__ = ("_data", "_slot", "get", "grootte")

    def __init__(self, grootte: int) -> None:
        self.grootte = grootte
        self._data: dict[Hashable, Any] = {}
        self._slot = threading.Lock()
        #: the value kept for a key, or ``None`` (the dict's own ``get``: no lock needed)
        self.get: Callable[[Hashable], Any] = self._data.get

    def bewaar(self, sleutel: Hashable, waarde: Any) -> None:
        with self._slot:
            data = self._data
            while len(data) >= self.grootte:
                del data[next(iter(data))]
            data.setdefault(sleutel, waarde)  # one lookup; a value kept before stays

    def __len__(self) -> int:
        return len(self._data)


def _lezer(namen: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function that reads the attributes ``namen`` of an object as one tuple."""
    if not namen:
        return lambda _: ()
    if len(namen) == 1:
        naam = namen[0]
        return lambda obj: (getattr(obj, naam),)
    lezer: Callable[[Any], tuple[Any, ...]] = operator.attrgetter(*namen)
    return lezer


# Values in the program: Kleene's logic on 0 (false) < 1 (unknown) < 2 (true), where ``EN`` is
# the minimum, ``OF`` the maximum and ``NIET`` is ``2 - x`` (the same three values as
# ``semantiek``'s False, None, True).
_ONWAAR, _ONBEKEND, _WAAR = 0, 1, 2
_DRIE: dict[Waarheid, int] = {False: _ONWAAR, None: _ONBEKEND, True: _WAAR}
_Sleutel = tuple[tuple[Oordeel | None, ...], int]  # (the answers, the true facts as bits)


class Programma:
    """A rule base's ``Schakeling`` as a flat program, and the memo of its decisions.

    A case is read as its projection: the answers, and one integer whose bits are the facts the
    circuit reads (flags, and which of its age conditions hold). The program computes every
    node, in order; the nodes only the next question needs run only when some rule is unknown.
    """

    def __init__(self, basis: Regelbasis) -> None:
        self.basis = basis
        s: Schakeling = schakeling(basis)
        self.schakeling = s
        self.vragen = s.vragen
        self.lees_antwoorden = _lezer(tuple(v.value for v in s.vragen))
        vraagindex = {v: i for i, v in enumerate(s.vragen)}
        # the bits of the facts: each flag read, then each age condition
        self.bit: dict[str, int] = {p: 1 << i for i, p in enumerate(s.vlaggen)}
        leeftijdbit = {lt: 1 << (len(s.vlaggen) + i) for i, lt in enumerate(s.leeftijden)}
        omstandigheden = [n for n in OMSTANDIGHEDEN if f"omstandigheden.{n}" in self.bit]
        self.lees_omstandigheden = _lezer(tuple(omstandigheden))
        self.omstandigheid_bits = tuple(self.bit[f"omstandigheden.{n}"] for n in omstandigheden)
        self.ongeboren_bit = self.bit.get("kind.ongeboren", 0)
        self.leeftijden = tuple(
            (vanaf, tot, leeftijdbit[(vanaf, tot)]) for vanaf, tot in s.leeftijden
        )
        self.leest_lijsten = any(p.startswith(("signaal.", "consultatie.")) for p in s.vlaggen)
        self._signaalbits: dict[tuple[Any, ...], int] = {}
        self.consultatiebits = {
            partij: self.bit.get(f"consultatie.{partij.value}", 0) for partij in Partij
        }
        self.status = tuple((r.id, s.status[r.id]) for r in basis.regels)
        self.bereken = _vertaal(s, [i for _, i in self.status], vraagindex, leeftijdbit)
        self.projecties = _Begrensd(_PROJECTIES)
        self.besluiten = _Begrensd(_BESLUITEN)

    def signaalbits(self, s: Signaal) -> int:
        """The bits of the flags one signal makes true (kept per kind of signal, never its text)."""
        soort = (
            s.soort,
            s.bron,
            s.ernstig_letsel,
            s.levensgevaar,
            s.pleger_is_medewerker,
            s.hypothese,
        )
        bits = self._signaalbits.get(soort)
        if bits is None:
            bits = sum(self.bit.get(p, 0) for p in signaalvlaggen(s))
            self._signaalbits[soort] = bits
        return bits

    def sleutel(self, casus: Casus) -> _Sleutel:
        """The projection of ``casus``: its answers, and the facts the circuit reads as bits."""
        bits: int = sum(
            compress(self.omstandigheid_bits, self.lees_omstandigheden(casus.omstandigheden))
        )
        kind = casus.kind
        if kind.ongeboren:
            bits |= self.ongeboren_bit
        if self.leest_lijsten:
            for s in casus.signalen:
                bits |= self.signaalbits(s)
            for c in casus.consultaties:
                bits |= self.consultatiebits[c.met]
        leeftijd = kind.leeftijd
        if leeftijd is not None:
            for vanaf, tot, bit in self.leeftijden:
                if (vanaf is None or leeftijd >= vanaf) and (tot is None or leeftijd < tot):
                    bits |= bit
        return self.lees_antwoorden(casus.weging), bits

    def uitkomst(self, sleutel: _Sleutel) -> tuple[frozenset[str], Vraag | None]:
        """The rules that fire and the next question, for the projection ``sleutel``."""
        statussen, kandidaten = self.bereken(*sleutel)
        gevuurd = frozenset(r for (r, _), w in zip(self.status, statussen, strict=True) if w == 2)
        volgende = next((v for v, w in zip(self.vragen, kandidaten, strict=False) if w == 2), None)
        return gevuurd, volgende

    def besluit(self, sleutel: _Sleutel) -> Besluit:
        """The ``Besluit`` of the projection ``sleutel``: undated, without ``referentie``."""
        uitkomst = self.projecties.get(sleutel)
        if uitkomst is None:
            uitkomst = self.uitkomst(sleutel)
            self.projecties.bewaar(sleutel, uitkomst)
        sjabloon: Besluit | None = self.besluiten.get(uitkomst)
        if sjabloon is None:
            sjabloon = besluit_uit(self.basis, uitkomst[0], uitkomst[1])
            self.besluiten.bewaar(uitkomst, sjabloon)
        return sjabloon


def _voorgangers(s: Schakeling, uitvoer: list[int]) -> set[int]:
    """The nodes that ``uitvoer`` are computed from (themselves included)."""
    gezien: set[int] = set()
    open_ = list(uitvoer)
    while open_:
        i = open_.pop()
        if i in gezien:
            continue
        gezien.add(i)
        k = s.knopen[i]
        if k.op in (Op.EN, Op.OF, Op.NIET, Op.ZEKER, Op.ONBEKEND):
            open_.extend(k.args)
    return gezien


_Berekening = Callable[[tuple[Oordeel | None, ...], int], tuple[tuple[int, ...], tuple[int, ...]]]


def _vertaal(
    s: Schakeling,
    status: list[int],
    vraagindex: dict[Vraag, int],
    leeftijdbit: dict[tuple[int | None, int | None], int],
) -> _Berekening:
    """The circuit as one Python function of the projection (answers, fact bits).

    Like attrs' generated ``__init__``, the function is generated source compiled once: one
    line per node, in the circuit's order, holding only node numbers, bit masks and fixed
    operators — never text from a rule or a case (the value sets of answers are passed as
    objects). It returns each rule's status and, only when some rule is unknown, the value of
    each question's ``kandidaat``.
    """
    namen: dict[str, object] = {}
    regels = ["def bereken(a, b):"]
    regels += [f"    a{j} = a[{j}]" for j in range(len(s.vragen))]

    def regel(i: int) -> str:
        k = s.knopen[i]
        op, args = k.op, k.args
        if op is Op.CONST:
            return f"n{i} = {_DRIE[args[0]]}"
        if op is Op.VLAG:
            return f"n{i} = 2 if b & {1 << s.vlaggen.index(args[0])} else 0"
        if op is Op.LEEFTIJD:
            return f"n{i} = 2 if b & {leeftijdbit[args]} else 0"
        if op is Op.ANTWOORD:
            naam = f"w{len(namen)}"
            namen[naam] = args[1]
            return f"n{i} = 2 if a{vraagindex[args[0]]} in {naam} else 0"
        if op is Op.BEANTWOORD:
            return f"n{i} = 0 if a{vraagindex[args[0]]} is None else 2"
        if op is Op.EN:
            return f"n{i} = min({', '.join(f'n{d}' for d in args)})"
        if op is Op.OF:
            return f"n{i} = max({', '.join(f'n{d}' for d in args)})"
        if op is Op.NIET:
            return f"n{i} = 2 - n{args[0]}"
        if op is Op.ZEKER:
            return f"n{i} = 2 if n{args[0]} == 2 else 0"
        return f"n{i} = 2 if n{args[0]} == 1 else 0"  # ONBEKEND

    besluit = _voorgangers(s, status)
    statussen = ", ".join(f"n{i}" for i in status)
    regels += [f"    {regel(i)}" for i in range(len(s.knopen)) if i in besluit]
    regels.append(f"    s = ({statussen},)")
    regels.append("    if 1 not in s:")
    regels.append("        return s, ()")
    vraag = _voorgangers(s, list(s.kandidaat)) - besluit
    regels += [f"    {regel(i)}" for i in range(len(s.knopen)) if i in vraag]
    regels.append(f"    return s, ({', '.join(f'n{i}' for i in s.kandidaat)},)")
    exec(compile("\n".join(regels), f"<meldcode circuit {id(s):x}>", "exec"), namen)
    functie: _Berekening = namen["bereken"]  # type: ignore[assignment]
    return functie


def programma(basis: Regelbasis) -> Programma:
    """The compiled form of ``basis``, made on first use and kept with the rule base."""
    return basis.afgeleid("programma", lambda: Programma(basis))


def besluit_van(
    casus: Casus,
    basis: Regelbasis,
    vrije_dagen: Collection[dt.date] = (),
    *,
    kalender: Werkdagkalender | None = None,
) -> Besluit:
    """``evalueer(casus, basis, ...).besluit``, from the compiled rule base and its memo.

    Follow-ups are dated in working days of ``kalender`` (default: the Dutch calendar) less
    ``vrije_dagen``.
    """
    p = programma(basis)
    sjabloon = p.besluit(p.sleutel(casus))
    datum = casus.datum
    referentie = casus.referentie
    if referentie is None and (datum is None or not sjabloon.opvolging):
        return sjabloon
    opvolging = sjabloon.opvolging
    if opvolging and datum is not None:
        opvolging = gedateerd(opvolging, datum, kalender_met(kalender, vrije_dagen))
    return attrs.evolve(sjabloon, referentie=referentie, opvolging=opvolging)
