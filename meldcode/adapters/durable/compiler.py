"""The rule base's ``Schakeling`` translated into durable_rules' patterns, node by node.

durable only knows "matches". The three values of the circuit (``meldcode.rules.semantiek``)
are carried as *outcomes*: every circuit node that must be named becomes a durable *knoop* with
the outcomes ``waar``, ``onwaar`` and (when it can be unknown) ``onbekend``, each an expression
over the case's fields and the outcomes of earlier knopen. Other circuit nodes are inlined into
their readers: a negation swaps outcomes, ``ZEKER``/``ONBEKEND`` read one outcome, a leaf is a
comparison of a field. For every knoop exactly one outcome must fire.

durable evaluates one fact against single-message expressions and accepts a limited number of
and/or steps per rule, so a knoop is evaluated in the *stratum* after every knoop it reads (one
fact posted per stratum), and a part too large for one rule becomes a helper knoop.

The case is posted as flat, typed fields (see ``Feiten``): each question's answer
(``w_<vraag>``, ``-`` when unanswered), each flag the circuit reads (``v<n>``), and the child's
age (``kind_leeftijd_bekend``, ``kind_leeftijd``). There is no per-condition code here: a new
kind of condition reaches durable through the circuit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import frozen

from meldcode.adapters.durable.expressies import (
    ONWAAR,
    WAAR,
    En,
    Expr,
    Of,
    Vergelijking,
    en,
    is_,
    json_van,
    niet,
    of,
    stappen,
    velden,
)
from meldcode.domain.waarden import Oordeel, Vraag
from meldcode.rules.model import Regelbasis
from meldcode.rules.semantiek import Knoop, Op, Schakeling, schakeling

__all__ = ["ONBEANTWOORD", "Bouwer", "Drie", "DurableKnoop", "antwoordveld", "patroon"]

#: the value of a question's answer field (``w_<vraag>``) when the question is unanswered
ONBEANTWOORD = "-"
#: and/or steps allowed in one durable rule; durable's own limit is 15 (32 sequence entries)
_MAX_STAPPEN = 10
_DRIE = ("waar", "onwaar", "onbekend")


def antwoordveld(vraag: Vraag) -> str:
    """The field of a question's answer in the posted fact."""
    return f"w_{vraag.value}"


@frozen
class DurableKnoop:
    """One named result: ``veld`` takes one of ``uitkomsten``; ``wat`` names it in errors."""

    veld: str
    wat: str
    uitkomsten: tuple[tuple[str, tuple[Expr, ...]], ...]
    stratum: int


@frozen
class Drie:
    """The three outcomes of a circuit node, as expressions (inline, or a knoop's field)."""

    waar: Expr
    onwaar: Expr
    onbekend: Expr


class Bouwer:
    """Translate one rule base's ``Schakeling`` into durable knopen."""

    def __init__(self, basis: Regelbasis) -> None:
        self.basis = basis
        s: Schakeling = schakeling(basis)
        self.schakeling = s
        self.knopen: list[DurableKnoop] = []
        self._stratum: dict[str, int] = {}
        self._hulp: dict[Expr, Expr] = {}
        #: the field of each flag the circuit reads
        self.vlagvelden: dict[str, str] = {p: f"v{i}" for i, p in enumerate(s.vlaggen)}
        uitvoer = {
            *s.bereik,
            *s.kandidaat,
            *s.status.values(),
            *s.beslist.values(),
            *s.contact.values(),
        }
        namen = self._namen(s)
        self.drie: list[Drie] = []
        self.knoop_van: dict[int, DurableKnoop] = {}
        for i, k in enumerate(s.knopen):
            d = self._vertaal(k)
            if i in uitvoer or k.op in (Op.EN, Op.OF):
                knoop = self.knoop(
                    namen.get(i, f"a part of a condition ({k.op.name})"),
                    dict(zip(_DRIE, (d.waar, d.onwaar, d.onbekend), strict=True)),
                )
                self.knoop_van[i] = knoop
                d = Drie(*(is_(knoop.veld, u) for u in _DRIE))
            self.drie.append(d)

    @staticmethod
    def _namen(s: Schakeling) -> dict[int, str]:
        namen: dict[int, str] = {}
        for regel, i in s.status.items():
            namen.setdefault(i, f"rule {regel!r}")
        for punt, i in s.beslist.items():
            namen.setdefault(i, f"decision {punt.value!r}")
        for vraag, i in zip(s.vragen, s.bereik, strict=True):
            namen.setdefault(i, f"the reach of question {vraag.value!r}")
        for vraag, i in zip(s.vragen, s.kandidaat, strict=True):
            namen.setdefault(i, f"the next question {vraag.value!r}")
        for partij, i in s.contact.items():
            namen.setdefault(i, f"contact {partij.value!r}")
        return namen

    def _vertaal(self, k: Knoop) -> Drie:
        """The outcomes of one circuit node, from the outcomes of its arguments."""
        op, args = k.op, k.args
        if op is Op.CONST:
            waarde = args[0]
            return Drie(
                WAAR if waarde is True else ONWAAR,
                WAAR if waarde is False else ONWAAR,
                WAAR if waarde is None else ONWAAR,
            )
        if op is Op.VLAG:
            veld = self.vlagvelden[args[0]]
            return Drie(is_(veld, True), is_(veld, False), ONWAAR)
        if op is Op.LEEFTIJD:
            vanaf, tot = args
            waar = en(
                is_("kind_leeftijd_bekend", True),
                WAAR if vanaf is None else Vergelijking("kind_leeftijd", ">=", vanaf),
                WAAR if tot is None else Vergelijking("kind_leeftijd", "<", tot),
            )
            return Drie(waar, niet(waar), ONWAAR)
        if op is Op.ANTWOORD:
            veld = antwoordveld(args[0])
            waar = of(*(is_(veld, o.value) for o in Oordeel if o in args[1]))
            return Drie(waar, niet(waar), ONWAAR)
        if op is Op.BEANTWOORD:
            open_ = is_(antwoordveld(args[0]), ONBEANTWOORD)
            return Drie(niet(open_), open_, ONWAAR)
        if op is Op.NIET:
            d = self.drie[args[0]]
            return Drie(d.onwaar, d.waar, d.onbekend)
        if op is Op.ZEKER:
            d = self.drie[args[0]]
            return Drie(d.waar, niet(d.waar), ONWAAR)
        if op is Op.ONBEKEND:
            d = self.drie[args[0]]
            return Drie(d.onbekend, niet(d.onbekend), ONWAAR)
        delen = [self.drie[i] for i in args]
        if op is Op.EN:
            onwaar = of(*(x.onwaar for x in delen))
            return Drie(
                en(*(x.waar for x in delen)),
                onwaar,
                en(niet(onwaar), of(*(x.onbekend for x in delen))),
            )
        waar = of(*(x.waar for x in delen))  # OF
        return Drie(
            waar,
            en(*(x.onwaar for x in delen)),
            en(niet(waar), of(*(x.onbekend for x in delen))),
        )

    # -- knopen ---------------------------------------------------------------------------------

    def knoop(self, wat: str, uitkomsten: Mapping[str, Expr]) -> DurableKnoop:
        """Add a knoop; its stratum follows from the knopen its expressions read."""
        delen = {u: self._disjuncten(e) for u, e in uitkomsten.items()}  # may add helper knopen
        delen = {u: d for u, d in delen.items() if d}
        veld = f"k{len(self.knopen)}"
        gelezen = [
            self._stratum[v]
            for ds in delen.values()
            for d in ds
            for v in velden(d)
            if v in self._stratum
        ]
        stratum = 1 + max(gelezen) if gelezen else 0
        knoop = DurableKnoop(veld=veld, wat=wat, uitkomsten=tuple(delen.items()), stratum=stratum)
        self.knopen.append(knoop)
        self._stratum[veld] = stratum
        return knoop

    def _disjuncten(self, e: Expr) -> tuple[Expr, ...]:
        """``e`` as the disjuncts that become one durable rule each, every one small enough.

        durable fires once for every rule (and every ``$or`` branch) that matches, so one
        outcome may fire more than once; the caller counts distinct outcomes.
        """
        if e == ONWAAR:
            return ()
        if not isinstance(e, Of):
            return (self._klein(e),)
        # a branch that holds only when no earlier comparison held fires once: negating a
        # comparison is one comparison, so the rule stays as small as it was
        delen = sorted(e.delen, key=stappen)
        eerder = [niet(d) for d in delen if isinstance(d, Vergelijking)]
        return tuple(
            self._klein(en(*eerder[: min(i, len(eerder))], d)) for i, d in enumerate(delen)
        )

    def _klein(self, e: Expr) -> Expr:
        """``e``, with parts named as helper knopen until durable accepts its size."""
        if stappen(e) <= _MAX_STAPPEN or not isinstance(e, En | Of):
            return e
        delen = [d if stappen(d) == 0 else self._hulpknoop(d) for d in e.delen]
        return en(*delen) if isinstance(e, En) else of(*delen)

    def _hulpknoop(self, e: Expr) -> Expr:
        if e not in self._hulp:
            knoop = self.knoop("a part of a condition", {"ja": e, "nee": niet(e)})
            self._hulp[e] = is_(knoop.veld, "ja")
        return self._hulp[e]

    @property
    def velden(self) -> Mapping[str, int]:
        """The field of every knoop, with its stratum."""
        return self._stratum


def patroon(stap: int, deel: Expr) -> dict[str, Any]:
    """One durable rule: the stratum's fact matching ``deel``."""
    delen = deel.delen if isinstance(deel, En) else (() if deel == WAAR else (deel,))
    return {"all": [{"m": {"$and": [{"feit": "stand"}, {"stap": stap}, *map(json_van, delen)]}}]}
