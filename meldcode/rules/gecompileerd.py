"""The compiled engine: the rule base's ``Schakeling`` evaluated per case, with a bounded memo.

``besluit_van`` (what ``beslis`` calls) gives exactly ``evalueer(...).besluit``. It translates
the circuit of ``meldcode.rules.semantiek`` into generated Python functions once per rule
base: one reads a case as its *projection*, a single integer of the answers to the protocol's
questions, the facts the rules read (``meldcode.domain.feiten``) and which age conditions hold;
the other evaluates the circuit for a projection (with a third for the nodes that read only
answers, whose values it keeps per combination of answers). The ``Besluit`` is assembled with
``meldcode.rules.samenstellen`` (the assembly every engine shares).

Decisions are kept, bounded, in two levels: projection -> outcome (the rules that fired and
the next question) -> ``Besluit``, without ``referentie`` and with their follow-ups undated:
nothing of any one case. A case whose projection was decided before gets that decision; with a
``referentie`` or a ``datum`` of its own it gets a copy with those (``Besluit.met``: the new
fields validated, the rest as validated when the kept one was built). A decision is assembled
from per-rule tables (``meldcode.rules.samenstellen.Samenstelling``), held to ``besluit_uit``.
Pure: what is kept is derived from the rule base and projections, and never changes a result.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Collection, Hashable
from typing import Any

from meldcode.domain.besluit import Besluit
from meldcode.domain.casus import Casus
from meldcode.domain.feiten import KENMERKEN, OMSTANDIGHEDEN
from meldcode.domain.waarden import Oordeel, Partij, SignaalBron, SoortSignaal, Vraag
from meldcode.rules.kalender import Werkdagkalender, kalender_met
from meldcode.rules.model import Regelbasis
from meldcode.rules.samenstellen import gedateerd, samenstelling
from meldcode.rules.semantiek import SAMENGESTELD, Op, Schakeling, Waarheid, schakeling

__all__ = ["besluit_van", "programma"]

#: projections kept per rule base with their outcome (a few hundred bytes each: some 20 MB full)
_PROJECTIES = 1 << 16
#: decisions kept per rule base, one per distinct outcome (fewer than projections: 100 000
#: synthetic cases give some 27 000 projections and 9 000 outcomes); under 1 kB each
_BESLUITEN = 1 << 14


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

    def wis(self) -> None:
        """Forget every entry (the bound stays)."""
        with self._slot:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)


# Values in the program. A two-valued node is a Python truth value (``and``, ``or``, ``not``
# short-circuit); a node that can be unknown is 0 (false) < 1 (unknown) < 2 (true), where
# ``EN`` is the minimum, ``OF`` the maximum and ``NIET`` is ``2 - x`` (the same three values as
# ``semantiek``'s False, None, True).
_DRIE: dict[Waarheid, str] = {False: "False", None: "1", True: "True"}
#: an answer's code in the projection (two bits a question; 0: unanswered)
_CODE: dict[Oordeel | None, int] = {None: 0, Oordeel.JA: 1, Oordeel.NEE: 2, Oordeel.TWIJFEL: 3}


class Programma:
    """A rule base's ``Schakeling`` as generated functions, and the memo of its decisions.

    ``sleutel`` reads a case as its projection, one integer: two bits per question of the
    protocol (the answer's code), then one bit per fact the circuit reads (a flag, or one of
    its age conditions). ``bereken`` evaluates the circuit for a projection and returns the
    rules that fire (as bits, in rule base order) and the number of the next question (-1:
    none); the nodes only the next question needs run only when some rule is unknown.

    The memo has two levels: projection -> outcome (rules fired, next question) -> decision;
    the second level is small (one entry per distinct outcome) and shares ``Besluit`` objects.
    ``bereken`` keeps the values of the nodes that read only answers per combination of
    answers (``antwoorddelen``), and the assembly what each group of rules gives; ``vergeet``
    empties all of them.
    """

    def __init__(self, basis: Regelbasis) -> None:
        self.basis = basis
        s: Schakeling = schakeling(basis)
        self.schakeling = s
        self.vragen = s.vragen
        verschuiving = 2 * len(s.vragen)
        self.bit: dict[str, int] = {p: 1 << (verschuiving + i) for i, p in enumerate(s.vlaggen)}
        self.leeftijdbit = {
            lt: 1 << (verschuiving + len(s.vlaggen) + i) for i, lt in enumerate(s.leeftijden)
        }
        self.regels = tuple(r.id for r in basis.regels)
        self.sleutel: Callable[[Casus], int] = _lezer(s, self.bit, self.leeftijdbit)
        #: the values of the circuit's answer nodes per combination of answers (bounded)
        self.antwoorddelen: dict[int, tuple[Any, ...]] = {}
        self.bereken: Callable[[int], tuple[int, int]] = _vertaal(
            s, self.regels, self.bit, self.leeftijdbit, self.antwoorddelen
        )
        self.samenstelling = samenstelling(basis)
        self.projecties = _Begrensd(_PROJECTIES)
        self.besluiten = _Begrensd(_BESLUITEN)

    def uitkomst(self, sleutel: int) -> tuple[frozenset[str], Vraag | None]:
        """The rules that fire and the next question, for the projection ``sleutel``."""
        gevuurd, volgende = self.bereken(sleutel)
        regels = frozenset(r for i, r in enumerate(self.regels) if gevuurd >> i & 1)
        return regels, (None if volgende < 0 else self.vragen[volgende])

    def besluit(self, sleutel: int) -> Besluit:
        """The ``Besluit`` of the projection ``sleutel``: undated, without ``referentie``."""
        besluit: Besluit | None = self.projecties.get(sleutel)
        if besluit is None:
            uitkomst = self.bereken(sleutel)
            besluit = self.besluiten.get(uitkomst)
            if besluit is None:
                gevuurd, volgende = uitkomst
                besluit = self.samenstelling.besluit(
                    gevuurd, None if volgende < 0 else self.vragen[volgende]
                )
                self.besluiten.bewaar(uitkomst, besluit)
            self.projecties.bewaar(sleutel, besluit)
        return besluit

    def vergeet(self) -> None:
        """Empty the memo; the compiled functions stay (a decision without the memo)."""
        self.projecties.wis()
        self.besluiten.wis()
        self.antwoorddelen.clear()
        self.samenstelling.vergeet()

    def beslis(
        self,
        casus: Casus,
        vrije_dagen: Collection[dt.date] = (),
        kalender: Werkdagkalender | None = None,
    ) -> Besluit:
        """``casus``'s ``Besluit``: see ``besluit_van``."""
        besluit = self.besluit(self.sleutel(casus))
        datum = casus.datum
        if datum is None or not besluit.opvolging:
            referentie = casus.referentie
            return besluit if referentie is None else besluit.met(referentie=referentie)
        opvolging = gedateerd(besluit.opvolging, datum, kalender_met(kalender, vrije_dagen))
        return besluit.met(referentie=casus.referentie, opvolging=opvolging)


def _naam(naam: str) -> str:
    """An attribute name for generated code: an identifier of the domain's own classes."""
    if not naam.isidentifier():  # pragma: no cover - field names of attrs classes
        raise ValueError(f"not an identifier: {naam!r}")
    return naam


def _lezer(
    s: Schakeling, bit: dict[str, int], leeftijdbit: dict[tuple[int | None, int | None], int]
) -> Callable[[Casus], int]:
    """The projection of a case as one generated function (see ``Programma``).

    Answers and enum members are looked up by identity (``id``): an enum member's own hash is
    a Python-level call, an ``id`` is not. Generated like attrs' ``__init__``: attribute names
    of the domain's classes, bit masks and fixed operators, never text of a rule or a case.
    """
    namen: dict[str, Any] = {
        "C": {id(o): c for o, c in _CODE.items()},
        "I": id,
    }
    regels = ["def sleutel(casus):", "    w = casus.weging"]
    delen = [f"C[I(w.{_naam(v.value)})] << {2 * j}" for j, v in enumerate(s.vragen)]
    regels.append(f"    k = {' | '.join(delen) or '0'}")
    omstandigheden = [n for n in OMSTANDIGHEDEN if f"omstandigheden.{n}" in bit]
    if omstandigheden:
        regels.append("    o = casus.omstandigheden")
        regels += [
            f"    if o.{_naam(n)}: k |= {bit[f'omstandigheden.{n}']}" for n in omstandigheden
        ]
    if "kind.ongeboren" in bit or leeftijdbit:
        regels.append("    kind = casus.kind")
    if "kind.ongeboren" in bit:
        regels.append(f"    if kind.ongeboren: k |= {bit['kind.ongeboren']}")
    if leeftijdbit:
        regels += ["    j = kind.leeftijd", "    if j is not None:"]
        for (vanaf, tot), b in leeftijdbit.items():
            voorwaarden = [
                *(() if vanaf is None else (f"j >= {int(vanaf)}",)),
                *(() if tot is None else (f"j < {int(tot)}",)),
            ]
            regels.append(f"        if {' and '.join(voorwaarden) or 'True'}: k |= {b}")
    soortbit = {id(x): bit.get(f"signaal.{x.value}", 0) for x in SoortSignaal}
    bronbit = {id(x): bit.get(f"signaal.bron.{x.value}", 0) for x in SignaalBron}
    bronbit[id(None)] = 0
    kenmerken = {
        k: {
            id(x): bit.get(f"signaal.{k}", 0) | bit.get(f"signaal.{x.value}.{k}", 0)
            for x in SoortSignaal
        }
        for k in KENMERKEN
    }
    kenmerken = {k: t for k, t in kenmerken.items() if any(t.values())}
    if any(soortbit.values()) or any(bronbit.values()) or kenmerken:
        namen["SOORT"], namen["BRON"] = soortbit, bronbit
        regels += [
            "    for s in casus.signalen:",
            "        i = I(s.soort)",
            "        k |= SOORT[i] | BRON[I(s.bron)]",
        ]
        for nr, (k, tabel) in enumerate(kenmerken.items()):
            namen[f"K{nr}"] = tabel
            regels.append(f"        if s.{_naam(k)}: k |= K{nr}[i]")
    consultatiebit = {id(x): bit.get(f"consultatie.{x.value}", 0) for x in Partij}
    if any(consultatiebit.values()):
        namen["CONSULT"] = consultatiebit
        regels += ["    for c in casus.consultaties:", "        k |= CONSULT[I(c.met)]"]
    regels.append("    return k")
    exec(compile("\n".join(regels), f"<meldcode projection {id(s):x}>", "exec"), namen)
    lezer: Callable[[Casus], int] = namen["sleutel"]
    return lezer


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
        if k.op in SAMENGESTELD:
            open_.extend(k.args)
    return gezien


class _Generator:
    """The circuit as Python source: a node read once is inlined (short-circuit), others named."""

    def __init__(
        self,
        s: Schakeling,
        bit: dict[str, int],
        leeftijdbit: dict[tuple[int | None, int | None], int],
        gebruik: dict[int, int],
    ) -> None:
        self.s = s
        self.bit = bit
        self.leeftijdbit = leeftijdbit
        self.gebruik = gebruik
        self.vraagindex = {v: i for i, v in enumerate(s.vragen)}
        self.benoemd: set[int] = set()

    def drie(self, i: int) -> bool:
        """Whether node ``i`` can be unknown (an int 0/1/2) rather than a truth value."""
        return not self.s.tweewaardig[i]

    def naam(self, i: int) -> str:
        """Node ``i`` as an expression: its variable, or its own expression inlined."""
        if i in self.benoemd:
            return f"n{i}"
        return f"({self.expressie(i)})"

    def als_drie(self, i: int) -> str:
        """Node ``i`` as 0/1/2."""
        return self.naam(i) if self.drie(i) else f"(2 if {self.naam(i)} else 0)"

    def expressie(self, i: int) -> str:
        k = self.s.knopen[i]
        op, args = k.op, k.args
        if op is Op.CONST:
            return _DRIE[args[0]]
        if op is Op.VLAG:
            return f"k & {self.bit[args[0]]}"
        if op is Op.LEEFTIJD:
            return f"k & {self.leeftijdbit[args]}"
        if op is Op.ANTWOORD:
            masker = sum(1 << _CODE[o] for o in args[1])
            return f"{masker} >> (k >> {2 * self.vraagindex[args[0]]} & 3) & 1"
        if op is Op.BEANTWOORD:
            return f"k >> {2 * self.vraagindex[args[0]]} & 3"
        if op is Op.NIET:
            return (
                f"2 - {self.naam(args[0])}" if self.drie(args[0]) else f"not {self.naam(args[0])}"
            )
        if op is Op.ZEKER:
            return f"{self.naam(args[0])} == 2"
        if op is Op.ONBEKEND:
            return f"{self.naam(args[0])} == 1"
        twee = [self.naam(a) for a in args if not self.drie(a)]
        drie = [self.naam(a) for a in args if self.drie(a)]
        if op is Op.EN:
            if not drie:
                return " and ".join(twee)
            laagste = drie[0] if len(drie) == 1 else f"min({', '.join(drie)})"
            return f"{laagste} if ({' and '.join(twee)}) else 0" if twee else laagste
        if not drie:  # OF
            return " or ".join(twee)
        hoogste = drie[0] if len(drie) == 1 else f"max({', '.join(drie)})"
        return f"2 if ({' or '.join(twee)}) else {hoogste}" if twee else hoogste

    def regels(self, knopen: list[int], inspringen: str) -> list[str]:
        """Lines naming every node of ``knopen`` that is read more than once, in order."""
        uit = []
        for i in knopen:
            if self.gebruik.get(i, 0) > 1 and self.s.knopen[i].op is not Op.CONST:
                uit.append(f"{inspringen}n{i} = {self.expressie(i)}")
                self.benoemd.add(i)
        return uit


#: answer parts kept per rule base with the values of their nodes (a few hundred bytes each;
#: a protocol of six questions has 4 096 at most)
_ANTWOORDDELEN = 1 << 14


def _alleen_antwoorden(s: Schakeling) -> list[bool]:
    """Per node: whether it reads the answers and nothing else (no flag, no age, not constant)."""
    soort: list[tuple[bool, bool]] = []  # (reads an answer, reads a fact)
    for k in s.knopen:
        if k.op in (Op.ANTWOORD, Op.BEANTWOORD):
            soort.append((True, False))
        elif k.op in (Op.VLAG, Op.LEEFTIJD):
            soort.append((False, True))
        elif k.op is Op.CONST:
            soort.append((False, False))
        else:
            delen = [soort[a] for a in k.args]
            soort.append((any(d[0] for d in delen), any(d[1] for d in delen)))
    return [antwoord and not feit for antwoord, feit in soort]


def _vertaal(
    s: Schakeling,
    regels: tuple[str, ...],
    bit: dict[str, int],
    leeftijdbit: dict[tuple[int | None, int | None], int],
    antwoorddelen: dict[int, tuple[Any, ...]],
) -> Callable[[int], tuple[int, int]]:
    """The circuit as one Python function of the projection: (rules fired as bits, question).

    Like attrs' generated ``__init__``, the function is generated source compiled once: one
    expression per node that is read more than once, nodes read once inlined into their reader
    (so that ``and``/``or`` skip what cannot change the result), holding only node numbers, bit
    masks and fixed operators — never text from a rule or a case.

    Most of the circuit reads the answers alone (the route through the afwegingen), and a
    protocol has few combinations of answers (4 096 for six questions) against many of facts.
    Those nodes are a second generated function of the answers' bits, whose values the first
    keeps in ``antwoorddelen`` per combination of answers (at most ``_ANTWOORDDELEN``; past
    that, new ones are computed and not kept): a new projection with answers seen before
    evaluates only the nodes that read a fact.
    """
    status = [s.status[r] for r in regels]
    uitvoer = {*status, *s.kandidaat}
    alleen = _alleen_antwoorden(s)
    nodig = _voorgangers(s, [*status, *s.kandidaat])
    # the answer nodes the rest reads (or that are outputs): their values come from the table
    binnen = {i for i in nodig if alleen[i] and s.knopen[i].op in SAMENGESTELD}
    gelezen = {
        a
        for j in nodig
        if j not in binnen and s.knopen[j].op in SAMENGESTELD
        for a in s.knopen[j].args
    }
    grens = sorted(i for i in binnen if i in uitvoer or i in gelezen)
    namen: dict[str, object] = {}
    code = ["def bereken(k):"]
    if grens:
        namen["ANTWOORDEN"] = _antwoordfunctie(s, bit, leeftijdbit, grens)
        namen["T"], namen["GRENS"] = antwoorddelen, _ANTWOORDDELEN
        code += [
            f"    a = k & {(1 << 2 * len(s.vragen)) - 1}",
            "    t = T.get(a)",
            "    if t is None:",
            "        t = ANTWOORDEN(a)",
            "        if len(T) < GRENS: T[a] = t",
            f"    {', '.join(f'n{i}' for i in grens)}, = t",
        ]
    gebruik: dict[int, int] = {}
    for i, k in enumerate(s.knopen):
        if k.op in SAMENGESTELD and i not in binnen:
            for a in k.args:
                gebruik[a] = gebruik.get(a, 0) + 1
    for i in uitvoer:
        gebruik[i] = gebruik.get(i, 0) + 2  # an output is named
    g = _Generator(s, bit, leeftijdbit, gebruik)
    g.benoemd.update(grens)
    besluit = _voorgangers(s, status) - binnen
    code += g.regels([i for i in range(len(s.knopen)) if i in besluit], "    ")
    code.append("    g = 0")
    onzeker = []
    for nr, i in enumerate(status):
        if s.knopen[i].op is Op.CONST:
            if s.knopen[i].args[0] is True:
                code.append(f"    g |= {1 << nr}")
            continue
        if g.drie(i):
            code.append(f"    if {g.naam(i)} == 2: g |= {1 << nr}")
            onzeker.append(f"{g.naam(i)} == 1")
        else:
            code.append(f"    if {g.naam(i)}: g |= {1 << nr}")
    if not onzeker:
        code.append("    return g, -1")
    else:
        code.append(f"    if not ({' or '.join(onzeker)}):")
        code.append("        return g, -1")
        vraag = _voorgangers(s, list(s.kandidaat)) - besluit - binnen
        code += g.regels([i for i in range(len(s.knopen)) if i in vraag], "    ")
        for nr, i in enumerate(s.kandidaat):
            if s.knopen[i].op is Op.CONST:
                if s.knopen[i].args[0] is True:
                    code.append(f"    return g, {nr}")
                    break
                continue
            code.append(f"    if {g.naam(i)}: return g, {nr}")
        else:
            code.append("    return g, -1")
    exec(compile("\n".join(code), f"<meldcode circuit {id(s):x}>", "exec"), namen)
    functie: Callable[[int], tuple[int, int]] = namen["bereken"]  # type: ignore[assignment]
    return functie


def _antwoordfunctie(
    s: Schakeling,
    bit: dict[str, int],
    leeftijdbit: dict[tuple[int | None, int | None], int],
    grens: list[int],
) -> Callable[[int], tuple[Any, ...]]:
    """The values of the answer nodes ``grens`` for the answers' bits, as one generated function."""
    knopen = _voorgangers(s, grens)
    gebruik: dict[int, int] = {}
    for i in knopen:
        if s.knopen[i].op in SAMENGESTELD:
            for a in s.knopen[i].args:
                gebruik[a] = gebruik.get(a, 0) + 1
    for i in grens:
        gebruik[i] = gebruik.get(i, 0) + 2  # returned: named
    g = _Generator(s, bit, leeftijdbit, gebruik)
    code = ["def antwoorden(k):"]
    code += g.regels([i for i in range(len(s.knopen)) if i in knopen], "    ")
    code.append(f"    return ({', '.join(f'n{i}' for i in grens)},)")
    namen: dict[str, object] = {}
    exec(compile("\n".join(code), f"<meldcode answers {id(s):x}>", "exec"), namen)
    functie: Callable[[int], tuple[Any, ...]] = namen["antwoorden"]  # type: ignore[assignment]
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
    ``vrije_dagen``. A case with its own ``referentie`` or dates gets a ``Besluit`` of its own
    (``Besluit.met``: a new object, its replaced fields validated by their own validators);
    the kept decision is never changed.
    """
    return programma(basis).beslis(casus, vrije_dagen, kalender)
