"""The rule base on durable_rules: the same rule objects compiled to a rete ruleset.

This is the only module that imports ``durable``. It compiles a ``Regelbasis`` (a protocol's
rules, plus any profile rules) into one durable_rules ruleset, walking the condition trees: there
is no second, hand-written copy of the rules. durable decides which rules fire; this module
posts validated facts and reads the firings back into a ``Besluit``. It also runs a monitoring
session (``Bewaker``) on durable's timer pattern, from the cited ``meldcode.rules.bewaking``.

How the three-valued semantics of the pure engine (``meldcode.rules.evaluatie``) fit a rete
engine, which only knows "matches": every condition becomes a *node* with three outcomes (true,
false, unknown), each a durable expression; negations are pushed down to the comparisons (De
Morgan), so *unknown*, "neither true nor false", is an expression too. Rules, their exceptions
(``tenzij``), decisions read by other rules (``Beslist``) and the next question are nodes as
well. A node is evaluated in the stratum after the nodes it reads; each stratum is one fact
posted to durable, and for every node exactly one outcome must fire, or ``DurableFout`` is
raised instead of a (least protective) default.

durable's quirks, and how they are fenced here (the full list is in ``docs/durable.md``):

- durable's ``Host`` starts two timer threads that drive the C ruleset between the calls of an
  action on the caller's thread (the segmentation fault). ``Host`` is not used: ``_Ruleset``
  drives the C engine from the caller's thread only, under a lock; timers are pulsed by the
  caller.
- a missing or mistyped field matches nothing, and ``"false" == False``, ``0 == False`` match:
  every fact is built from validated domain objects and type-checked before it is posted.
- ``$iall`` never matches an empty list or an ``$or``: list items are facts of their own.
- ``delete_state`` aborted the interpreter in the stress scenario: cases are emptied and their
  ids reused instead, which also keeps below the 1024 live case ids of the C engine.
- errors raised in actions are swallowed into the case state: there are no Python actions
  inside durable here, only the record of which rule fired.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import threading
import uuid
import weakref
from collections.abc import Collection, Iterator, Mapping
from typing import Any, TypeAlias

import attrs
from attrs import frozen
from durable import engine as _durable

from meldcode.domain._validatie import PSEUDONIEM
from meldcode.domain.besluit import Besluit, Grond
from meldcode.domain.casus import Casus, Kind, Omstandigheden, Signaal, Weging
from meldcode.domain.dossier import (
    SOORTEN,
    Correctie,
    DossierGesloten,
    WeekendKalender,
    Werkdagkalender,
    plus_werkdagen,
)
from meldcode.domain.dossier import Gebeurtenis as _Gebeurtenis
from meldcode.domain.waarden import (
    Beslispunt,
    Oordeel,
    Partij,
    Protocol,
    SignaalBron,
    SoortSignaal,
    Vraag,
)
from meldcode.errors import Fout, MeldcodeError, OngeldigeInvoer, OngeldigeRegelbasis
from meldcode.rules import evaluatie
from meldcode.rules.beslis import kies_regelbasis
from meldcode.rules.bewaking import BEWAKINGEN, Bewaking, Signalering, Termijnsoort
from meldcode.rules.evaluatie import Evaluatie, Waarheid
from meldcode.rules.model import (
    Alle,
    Antwoord,
    Beslist,
    Conditie,
    EenVan,
    ErIsSignaal,
    KindLeeftijdVanaf,
    KindOngeboren,
    Niet,
    Omstandigheid,
    Regel,
    Regelbasis,
)

__all__ = [
    "PER_RULESET",
    "Bewaker",
    "DurableFout",
    "DurableRegelbasis",
    "beslis",
    "compileer",
    "evalueer_casus",
]


class DurableFout(MeldcodeError, RuntimeError):
    """durable_rules did something the adapter does not accept; the case was not decided.

    Raised when a rule got no outcome or more than one (durable silently mis-matched), when
    durable raised inside a post, or when an action failed. The message names the ruleset, the
    rule or message kind, and durable's own error class; never data from the case.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)


# --- expressions over one fact ------------------------------------------------------------------
#
# A small algebra of durable's single-message expressions, so that negation can be pushed down
# to the comparisons and constants folded away before anything reaches durable.


@frozen
class _Constante:
    waarde: bool


@frozen
class _Vergelijking:
    """``veld op waarde``; ``op`` is one of ``==``, ``!=``, ``>=``, ``<``."""

    veld: str
    op: str
    waarde: str | bool | int


@frozen
class _En:
    delen: tuple[_Expr, ...]


@frozen
class _Of:
    delen: tuple[_Expr, ...]


@frozen
class _Item:
    """Some item of list ``lijst`` matches ``binnen`` (``bestaat``), or none does.

    Items are facts of their own, joined to the case's fact (``$not`` for "none"): durable's
    ``$iall`` never matches an empty list and never matches an ``$or`` inside it. Only a
    top-level part of a node's outcome.
    """

    lijst: str
    binnen: _Expr
    bestaat: bool


_Expr: TypeAlias = _Constante | _Vergelijking | _En | _Of | _Item
WAAR = _Constante(True)
ONWAAR = _Constante(False)
_TEGENDEEL = {"==": "!=", "!=": "==", ">=": "<", "<": ">="}
_OPERATOR = {"!=": "$neq", ">=": "$gte", "<": "$lt"}


def _en(*delen: _Expr) -> _Expr:
    platte: list[_Expr] = []
    for deel in delen:
        if deel == ONWAAR:
            return ONWAAR
        if deel == WAAR:
            continue
        for d in deel.delen if isinstance(deel, _En) else (deel,):
            if d not in platte:
                platte.append(d)
    if not platte:
        return WAAR
    return platte[0] if len(platte) == 1 else _En(tuple(platte))


def _of(*delen: _Expr) -> _Expr:
    platte: list[_Expr] = []
    for deel in delen:
        if deel == WAAR:
            return WAAR
        if deel == ONWAAR:
            continue
        for d in deel.delen if isinstance(deel, _Of) else (deel,):
            if d not in platte:
                platte.append(d)
    if not platte:
        return ONWAAR
    return platte[0] if len(platte) == 1 else _Of(tuple(platte))


def _niet(e: _Expr) -> _Expr:
    if isinstance(e, _Constante):
        return _Constante(not e.waarde)
    if isinstance(e, _Vergelijking):
        return _Vergelijking(e.veld, _TEGENDEEL[e.op], e.waarde)
    if isinstance(e, _En):
        return _of(*(_niet(d) for d in e.delen))
    if isinstance(e, _Of):
        return _en(*(_niet(d) for d in e.delen))
    return _Item(e.lijst, e.binnen, not e.bestaat)


def _is(veld: str, waarde: str | bool | int) -> _Expr:
    return _Vergelijking(veld, "==", waarde)


def _json(e: _Expr) -> dict[str, Any]:
    """Durable's JSON for an expression; constants must have been folded away."""
    if isinstance(e, _Vergelijking):
        if e.op == "==":
            return {e.veld: e.waarde}
        return {_OPERATOR[e.op]: {e.veld: e.waarde}}
    if isinstance(e, _En):
        return {"$and": [_json(d) for d in e.delen]}
    if isinstance(e, _Of):
        return {"$or": [_json(d) for d in e.delen]}
    raise AssertionError(f"{e!r} cannot be part of one fact's pattern")  # pragma: no cover


# --- the fact a case becomes ---------------------------------------------------------------------

ONBEANTWOORD = "-"
SIGNAALKENMERKEN: tuple[str, ...] = tuple(
    a.name for a in attrs.fields(Signaal) if a.type in ("bool", bool)
)
OMSTANDIGHEDEN: tuple[str, ...] = tuple(a.name for a in attrs.fields(Omstandigheden))


def _antwoordveld(vraag: Vraag) -> str:
    return f"w_{vraag.value}"


def _statusveld(index: int) -> str:
    return f"s_{index}"


def _valideer_casus(casus: object) -> Casus:
    """Run every validator of the case again: a frozen object can still be forced."""
    if not isinstance(casus, Casus):
        raise OngeldigeInvoer([Fout("casus", f"<{type(casus).__name__}>", "casus must be a Casus")])
    for deel, soort, veld in (
        (casus.kind, Kind, "kind"),
        (casus.omstandigheden, Omstandigheden, "omstandigheden"),
        (casus.weging, Weging, "weging"),
    ):
        if not isinstance(deel, soort):
            raise OngeldigeInvoer(
                [Fout(veld, f"<{type(deel).__name__}>", f"{veld} must be a {soort.__name__}")]
            )
        attrs.validate(deel)
    for i, signaal in enumerate(casus.signalen):
        if not isinstance(signaal, Signaal):
            raise OngeldigeInvoer(
                [
                    Fout(
                        f"signalen[{i}]",
                        f"<{type(signaal).__name__}>",
                        f"signalen[{i}] must be a Signaal",
                    )
                ]
            )
        attrs.validate(signaal)
    attrs.validate(casus)
    return casus


def _items(casus: Casus) -> list[dict[str, Any]]:
    """The signals and consultations, one fact each; free text (``omschrijving``) never goes in."""
    signalen = [
        {
            "feit": "signalen",
            "soort": s.soort.value,
            "bron": s.bron.value if s.bron is not None else ONBEANTWOORD,
            **{k: getattr(s, k) for k in SIGNAALKENMERKEN},
        }
        for s in casus.signalen
    ]
    consultaties = [{"feit": "consultaties", "met": c.met.value} for c in casus.consultaties]
    return signalen + consultaties


def _casusvelden(casus: Casus) -> dict[str, Any]:
    """The case as flat, typed fields (its signals and consultations are facts of their own)."""
    velden: dict[str, Any] = {
        _antwoordveld(v): (a.value if (a := casus.weging.antwoord(v)) is not None else ONBEANTWOORD)
        for v in Vraag
    }
    for naam in OMSTANDIGHEDEN:
        velden[f"o_{naam}"] = getattr(casus.omstandigheden, naam)
    leeftijd = casus.kind.leeftijd
    velden["kind_leeftijd_bekend"] = leeftijd is not None
    velden["kind_leeftijd"] = leeftijd if leeftijd is not None else 0
    velden["kind_ongeboren"] = casus.kind.ongeboren
    return velden


def _controleer(veld: str, waarde: object, soort: type, waarden: Collection[str] = ()) -> None:
    # ``type() is`` and not isinstance: a bool is an int, and durable matches 0 == False
    if type(waarde) is not soort:
        raise OngeldigeInvoer(
            [
                Fout(
                    veld,
                    f"<{type(waarde).__name__}>",
                    f"{veld} must be a {soort.__name__} before it reaches durable",
                )
            ]
        )
    if waarden and waarde not in waarden:
        raise OngeldigeInvoer([Fout(veld, repr(waarde), f"{veld} is not one of its values")])


def _controleer_casusvelden(velden: Mapping[str, Any]) -> None:
    """Check every field's exact type and value set: durable would match anything silently."""
    antwoorden = {o.value for o in Oordeel} | {ONBEANTWOORD}
    for v in Vraag:
        _controleer(_antwoordveld(v), velden.get(_antwoordveld(v)), str, antwoorden)
    for naam in OMSTANDIGHEDEN:
        _controleer(f"o_{naam}", velden.get(f"o_{naam}"), bool)
    _controleer("kind_leeftijd_bekend", velden.get("kind_leeftijd_bekend"), bool)
    _controleer("kind_leeftijd", velden.get("kind_leeftijd"), int)
    _controleer("kind_ongeboren", velden.get("kind_ongeboren"), bool)


def _controleer_items(items: list[dict[str, Any]]) -> None:
    """Check the signal and consultation facts like the case's own fields."""
    soorten = {s.value for s in SoortSignaal}
    bronnen = {b.value for b in SignaalBron} | {ONBEANTWOORD}
    partijen = {p.value for p in Partij}
    for i, item in enumerate(items):
        lijst = item.get("feit")
        if lijst == "signalen":
            _controleer(f"signalen[{i}].soort", item.get("soort"), str, soorten)
            _controleer(f"signalen[{i}].bron", item.get("bron"), str, bronnen)
            for k in SIGNAALKENMERKEN:
                _controleer(f"signalen[{i}].{k}", item.get(k), bool)
        else:
            _controleer(f"consultaties[{i}].met", item.get("met"), str, partijen)


# --- compiling: conditions become a graph of nodes ----------------------------------------------
#
# durable evaluates one fact against single-message expressions, and accepts at most 32 and/or
# steps per rule (``MAX_SEQUENCE_EXPRESSIONS``). So the compiler names sub-results: a *node* is
# a small set of outcomes, each with an expression over the case's fields and the outcomes of
# earlier nodes. Rules, the conditions with parts, the reach of a question, and whatever else
# grows too large become nodes; a node is evaluated in the stratum after every node it reads.
# Each stratum is one fact posted to durable; for every node exactly one outcome must fire.

_DRIE = ("waar", "onwaar", "onbekend")
_TWEE = ("ja", "nee")
_WAARHEID: dict[str, Waarheid] = {"waar": True, "onwaar": False, "onbekend": None}
#: and/or steps allowed in one durable rule; durable's own limit is 15 (32 sequence entries)
_MAX_STAPPEN = 10


def _stappen(e: _Expr) -> int:
    if isinstance(e, _En | _Of):
        return 1 + sum(_stappen(d) for d in e.delen)
    if isinstance(e, _Item):
        return _stappen(e.binnen)
    return 0


def _velden(e: _Expr) -> Iterator[str]:
    if isinstance(e, _Vergelijking):
        yield e.veld
    elif isinstance(e, _En | _Of):
        for d in e.delen:
            yield from _velden(d)


@frozen
class _Knoop:
    """One named result: ``veld`` takes one of ``uitkomsten``; ``wat`` names it in errors."""

    veld: str
    wat: str
    uitkomsten: tuple[tuple[str, tuple[_Expr, ...]], ...]
    stratum: int


@frozen
class _Drie:
    """The three outcomes of a condition, as expressions (inline, or a node's field)."""

    waar: _Expr
    onwaar: _Expr
    onbekend: _Expr


class _Bouwer:
    """Compile a rule base into nodes; every condition type of ``model.py`` is handled."""

    def __init__(self, basis: Regelbasis) -> None:
        self.basis = basis
        self.knopen: list[_Knoop] = []
        self._stratum: dict[str, int] = {}
        self._condities: dict[Conditie, _Drie] = {}
        self._hulp: dict[_Expr, _Expr] = {}
        self._wacht: dict[tuple[Conditie, Vraag], _Expr] = {}
        self.concluderen: dict[Beslispunt, list[int]] = {}
        for i, regel in enumerate(basis.regels):
            for punt in regel.dan.beslissingen:
                self.concluderen.setdefault(punt, []).append(i)
        self.regels: list[_Knoop] = []
        self.bereik: dict[Vraag, _Knoop] = {}
        self.genomen: dict[Beslispunt, _Knoop] = {}
        self.vragen: dict[Vraag, _Knoop] = {}
        self._bouw()

    # -- nodes ----------------------------------------------------------------------------------

    def knoop(self, wat: str, uitkomsten: Mapping[str, _Expr]) -> _Knoop:
        """Add a node; its stratum follows from the nodes its expressions read."""
        delen = {u: self._disjuncten(e) for u, e in uitkomsten.items()}  # may add helper nodes
        veld = f"k{len(self.knopen)}"
        gelezen = [
            self._stratum[v]
            for ds in delen.values()
            for d in ds
            for v in _velden(d)
            if v in self._stratum
        ]
        stratum = 1 + max(gelezen) if gelezen else 0
        knoop = _Knoop(veld=veld, wat=wat, uitkomsten=tuple(delen.items()), stratum=stratum)
        self.knopen.append(knoop)
        self._stratum[veld] = stratum
        return knoop

    def _disjuncten(self, e: _Expr) -> tuple[_Expr, ...]:
        """``e`` as the disjuncts that become one durable rule each, every one small enough.

        durable fires once for every rule (and every ``$or`` branch) that matches, so one
        outcome may fire more than once; the caller counts distinct outcomes.
        """
        if e == ONWAAR:
            return ()
        if not isinstance(e, _Of):
            return (self._klein(e),)
        # a branch that holds only when no earlier comparison held fires once: negating a
        # comparison is one comparison, so the rule stays as small as it was
        delen = sorted(e.delen, key=_stappen)
        eerder = [_niet(d) for d in delen if isinstance(d, _Vergelijking)]
        return tuple(
            self._klein(_en(*eerder[: min(i, len(eerder))], d)) for i, d in enumerate(delen)
        )

    def _klein(self, e: _Expr) -> _Expr:
        """``e``, with parts named as helper nodes until durable accepts its size."""
        if _stappen(e) <= _MAX_STAPPEN or not isinstance(e, _En | _Of):
            return e
        delen = [d if _stappen(d) == 0 else self._hulpknoop(d) for d in e.delen]
        return _en(*delen) if isinstance(e, _En) else _of(*delen)

    def _hulpknoop(self, e: _Expr) -> _Expr:
        if e not in self._hulp:
            knoop = self.knoop("a part of a condition", {"ja": e, "nee": _niet(e)})
            self._hulp[e] = _is(knoop.veld, "ja")
        return self._hulp[e]

    @property
    def velden(self) -> Mapping[str, int]:
        """The field of every node, with its stratum."""
        return self._stratum

    @staticmethod
    def _drie(knoop: _Knoop) -> _Drie:
        return _Drie(*(_is(knoop.veld, u) for u in _DRIE))

    # -- conditions -----------------------------------------------------------------------------

    def conditie(self, c: Conditie) -> _Drie:
        """The three outcomes of ``c``; conditions with parts become nodes."""
        if c not in self._condities:
            self._condities[c] = self._conditie(c)
        return self._condities[c]

    def _conditie(self, c: Conditie) -> _Drie:
        # dispatch on the type's name: a type added to model.py that is not handled here is
        # refused when the rule base is compiled, never silently mis-compiled
        compileer = getattr(self, f"_c_{type(c).__name__}", None)
        if compileer is None or type(c).__module__ != Regel.__module__:
            raise _onbekende_conditie(c)
        drie: _Drie = compileer(c)
        return drie

    def _c_Antwoord(self, c: Antwoord) -> _Drie:
        veld = _antwoordveld(c.vraag)
        anders = [o for o in Oordeel if o not in c.waarden]
        voorbij = self.bereikbaar(c.vraag).onwaar
        open_ = _is(veld, ONBEANTWOORD)
        return _Drie(
            waar=_of(*(_is(veld, o.value) for o in Oordeel if o in c.waarden)),
            # unanswered: unknown while the route can reach it, false once it passed it by
            onwaar=_of(*(_is(veld, o.value) for o in anders), _en(open_, voorbij)),
            onbekend=_en(open_, _niet(voorbij)),
        )

    def _c_Omstandigheid(self, c: Omstandigheid) -> _Drie:
        return _Drie(_is(f"o_{c.naam}", True), _is(f"o_{c.naam}", False), ONWAAR)

    def _c_ErIsSignaal(self, c: ErIsSignaal) -> _Drie:
        soort = _of(*(_is("soort", s.value) for s in sorted(c.soorten, key=_waarde)))
        kenmerk = WAAR if c.kenmerk is None else _is(c.kenmerk, True)
        return self._lijst("signalen", _en(soort if c.soorten else WAAR, kenmerk))

    def _c_SignaalVan(self, c: Any) -> _Drie:
        bronnen = sorted(c.bronnen, key=_waarde)
        return self._lijst("signalen", _of(*(_is("bron", b.value) for b in bronnen)))

    def _c_Geconsulteerd(self, c: Any) -> _Drie:
        return self._lijst("consultaties", _is("met", c.partij.value))

    def _lijst(self, lijst: str, past: _Expr) -> _Drie:
        """Some signal (consultation) matches ``past``: a join with the item facts."""
        if past == ONWAAR:
            return _Drie(ONWAAR, WAAR, ONWAAR)
        binnen = _is("feit", lijst) if past == WAAR else _en(_is("feit", lijst), past)
        return self._drie(
            self.knoop(
                f"a condition on the {lijst}",
                {"waar": _Item(lijst, binnen, True), "onwaar": _Item(lijst, binnen, False)},
            )
        )

    def _c_KindLeeftijdVanaf(self, c: KindLeeftijdVanaf) -> _Drie:
        bekend = _is("kind_leeftijd_bekend", True)
        return _Drie(
            waar=_en(bekend, _Vergelijking("kind_leeftijd", ">=", c.jaren)),
            onwaar=_of(_niet(bekend), _Vergelijking("kind_leeftijd", "<", c.jaren)),
            onbekend=ONWAAR,
        )

    def _c_KindLeeftijdTot(self, c: Any) -> _Drie:
        bekend = _is("kind_leeftijd_bekend", True)
        return _Drie(
            waar=_en(bekend, _Vergelijking("kind_leeftijd", "<", c.jaren)),
            onwaar=_of(_niet(bekend), _Vergelijking("kind_leeftijd", ">=", c.jaren)),
            onbekend=ONWAAR,
        )

    def _c_KindOngeboren(self, c: KindOngeboren) -> _Drie:
        return _Drie(_is("kind_ongeboren", True), _is("kind_ongeboren", False), ONWAAR)

    def _c_Beslist(self, c: Beslist) -> _Drie:
        return self._drie(self.beslist(c.punt))

    def _c_Alle(self, c: Alle) -> _Drie:
        d = [self.conditie(x) for x in c.delen]
        waar = _en(*(x.waar for x in d))
        onwaar = _of(*(x.onwaar for x in d))
        onbekend = _en(*(_niet(x.onwaar) for x in d), _of(*(x.onbekend for x in d)))
        return self._drie(
            self.knoop("a condition (Alle)", {"waar": waar, "onwaar": onwaar, "onbekend": onbekend})
        )

    def _c_EenVan(self, c: EenVan) -> _Drie:
        d = [self.conditie(x) for x in c.delen]
        waar = _of(*(x.waar for x in d))
        onwaar = _en(*(x.onwaar for x in d))
        onbekend = _en(*(_niet(x.waar) for x in d), _of(*(x.onbekend for x in d)))
        return self._drie(
            self.knoop(
                "a condition (EenVan)", {"waar": waar, "onwaar": onwaar, "onbekend": onbekend}
            )
        )

    def _c_Niet(self, c: Niet) -> _Drie:
        d = self.conditie(c.deel)
        return _Drie(waar=d.onwaar, onwaar=d.waar, onbekend=d.onbekend)

    def bereikbaar(self, vraag: Vraag) -> _Drie:
        """Whether the route reaches ``vraag``: its ``voorwaarde``, always a node to read out."""
        if vraag in self.bereik:
            return self._drie(self.bereik[vraag])
        afweging = next((a for a in self.basis.vragen if a.vraag is vraag), None)
        if afweging is None:  # not asked: unknown, as in the pure engine
            return _Drie(ONWAAR, ONWAAR, WAAR)
        if afweging.voorwaarde is None:
            return _Drie(WAAR, ONWAAR, ONWAAR)
        d = self.conditie(afweging.voorwaarde)
        knoop = self.knoop(
            f"the reach of question {vraag.value!r}",
            {"waar": d.waar, "onwaar": d.onwaar, "onbekend": d.onbekend},
        )
        self.bereik[vraag] = knoop
        return self._drie(knoop)

    def beslist(self, punt: Beslispunt) -> _Knoop:
        """Whether decision ``punt`` is taken: true if a rule concluding it fired (three-valued)."""
        if punt not in self.genomen:
            door = [self.regels[i] for i in self.concluderen.get(punt, [])]
            assert all(r.veld for r in door), "rules are compiled in dependency order"
            waar = _of(*(_is(r.veld, "waar") for r in door))
            onwaar = _en(*(_is(r.veld, "onwaar") for r in door))
            self.genomen[punt] = self.knoop(
                f"decision {punt.value!r}",
                {"waar": waar, "onwaar": onwaar, "onbekend": _en(_niet(waar), _niet(onwaar))},
            )
        return self.genomen[punt]

    def wacht_op(self, c: Conditie, vraag: Vraag) -> _Expr:
        """Holds when ``vraag`` is among the unanswered questions that keep ``c`` unknown."""
        sleutel = (c, vraag)
        if sleutel not in self._wacht:
            self._wacht[sleutel] = self._wacht_op(c, vraag)
        return self._wacht[sleutel]

    def _wacht_op(self, c: Conditie, vraag: Vraag) -> _Expr:
        if isinstance(c, Antwoord):
            if not any(a.vraag is c.vraag for a in self.basis.vragen):
                return ONWAAR
            open_ = _is(_antwoordveld(c.vraag), ONBEANTWOORD)
            voorwaarde = next(a.voorwaarde for a in self.basis.vragen if a.vraag is c.vraag)
            if voorwaarde is None:
                return open_ if c.vraag is vraag else ONWAAR
            reik = self.bereikbaar(c.vraag)
            direct = reik.waar if c.vraag is vraag else ONWAAR
            return _en(open_, _of(direct, _en(reik.onbekend, self.wacht_op(voorwaarde, vraag))))
        if isinstance(c, Alle | EenVan):
            return _of(*(_en(self.conditie(d).onbekend, self.wacht_op(d, vraag)) for d in c.delen))
        if isinstance(c, Niet):
            return self.wacht_op(c.deel, vraag)
        self.conditie(c)  # refuses a type it does not know
        return ONWAAR  # a leaf that reads no question waits for none

    # -- the rule base --------------------------------------------------------------------------

    def _bouw(self) -> None:
        basis = self.basis
        for afweging in basis.vragen:
            self.bereikbaar(afweging.vraag)
        index = {r.id: i for i, r in enumerate(basis.regels)}
        knopen: dict[int, _Knoop] = {}
        self.regels = []
        for regel in basis.volgorde:  # the rules a rule reads come first
            i = index[regel.id]
            self.regels = [knopen.get(j, _LEEG) for j in range(len(basis.regels))]
            uit = [self._drie(self.beslist(p)).waar for p in sorted(regel.tenzij, key=_waarde)]
            uitgezonderd = _of(*uit)
            als = self.conditie(regel.als)
            knopen[i] = self.knoop(
                f"rule {regel.id!r}",
                {
                    # default logic: the rule holds unless an exception is established
                    "waar": _en(_niet(uitgezonderd), als.waar),
                    "onwaar": _of(uitgezonderd, als.onwaar),
                    "onbekend": _en(_niet(uitgezonderd), als.onbekend),
                },
            )
        self.regels = [knopen[i] for i in range(len(basis.regels))]
        for afweging in basis.vragen:
            wachtend = []
            for i, regel in enumerate(basis.regels):
                wacht = self.wacht_op(regel.als, afweging.vraag)
                if wacht != ONWAAR:
                    status = _is(self.regels[i].veld, "onbekend")
                    wachtend.append(_en(status, self._nieuw(regel), wacht))
            ja = _of(*wachtend)
            self.vragen[afweging.vraag] = self.knoop(
                f"the next question {afweging.vraag.value!r}", {"ja": ja, "nee": _niet(ja)}
            )

    def _nieuw(self, regel: Regel) -> _Expr:
        """The rule could still add a decision not yet taken, or a party not yet contacted."""
        regels = self.basis.regels
        ontbrekend = [
            self._niet_gevuurd([i for i, r in enumerate(regels) if p in r.dan.beslissingen])
            for p in sorted(regel.dan.beslissingen, key=_waarde)
        ]
        ontbrekend += [
            self._niet_gevuurd([i for i, r in enumerate(regels) if p in r.dan.contacten])
            for p in regel.dan.contacten
        ]
        return _of(*ontbrekend)

    def _niet_gevuurd(self, regels: list[int]) -> _Expr:
        return _en(*(_niet(_is(self.regels[i].veld, "waar")) for i in regels))


_LEEG = _Knoop(veld="", wat="", uitkomsten=(), stratum=0)


def _waarde(x: Beslispunt | Partij | Vraag | Any) -> str:
    return str(x.value)


def _onbekende_conditie(c: object) -> OngeldigeRegelbasis:
    return OngeldigeRegelbasis(
        f"the durable compiler does not know the condition type {type(c).__name__!r}; "
        "teach meldcode.adapters.durable.engine to compile it before using this rule base there"
    )


# --- the compiled ruleset ------------------------------------------------------------------------


#: durable's C engine (``durable.engine`` imports it as ``durable_rules_engine``)
_engine: Any = _durable.durable_rules_engine

# durable's result codes (``rules.h``); ``durable.engine`` turns 1 and 2 into
# ``MessageNotHandledException`` and ``MessageObservedException``
_AFGEHANDELD = 0
_NIET_AFGEHANDELD = 1
_AL_GEZIEN = 2
_UITGESTELD = 3


def _verwijder_ruleset(handle: int) -> None:
    """Free a ruleset's C memory (on ``close`` and when the object is collected)."""
    try:
        _engine.delete_ruleset(handle)
    except Exception:  # already gone, or the interpreter is shutting down
        return


class _Ruleset:
    """One durable ruleset, driven from the caller's thread only.

    This does what ``durable.engine.Host``/``Ruleset`` do for a post, without their Python
    layer. ``Host.__init__`` starts two self-rescheduling ``threading.Timer`` chains that call
    ``start_action`` (any case with a pending result) and ``assert_timers`` (a ``$pulse`` into
    every case) on the same C ruleset every 0.2 s. An action there is a sequence of C calls
    (``start_action_for_state``, the Python action, ``update_state``,
    ``complete_and_start_action``) that the C engine guards only against a second
    ``start_action`` (a 30 s lease), not against a pulse or a message into the same case; a
    timer thread that runs between the calls changes the frames the running action points at,
    and ``complete_and_start_action`` then walks freed memory: the segmentation fault in
    ``action_callback``. Here there are no threads: a post asserts the message and runs the
    firings to completion before it returns, under a lock; timers are pulsed by the caller. An
    "action" only records which rule fired, so nothing can fail inside durable and be swallowed
    into the case state.
    """

    def __init__(self, voorvoegsel: str, regels: Mapping[str, Any]) -> None:
        self.naam = f"{voorvoegsel}_{uuid.uuid4().hex}"
        self.slot = threading.RLock()
        try:
            self._handle: int = _engine.create_ruleset(self.naam, json.dumps(regels))
        except Exception as exc:  # durable raises bare Exceptions with an error code
            raise OngeldigeRegelbasis(
                f"durable rejected the compiled ruleset {self.naam} "
                f"({type(exc).__name__}: {str(exc)[:200]})"
            ) from None
        self.open = True
        self._finalizer = weakref.finalize(self, _verwijder_ruleset, self._handle)

    def post(self, bericht: Mapping[str, Any], soort: str, *, feit: bool = True) -> list[str]:
        """Assert a fact (or post an event) and return the rules that fired, in firing order.

        "No rule matched" is not an error here: the caller knows what must fire.
        """
        tekst = json.dumps(bericht)
        with self.slot:
            if not self.open:
                raise DurableFout(f"durable ruleset {self.naam} is closed")
            try:
                if feit:
                    code, staat = _engine.assert_fact(self._handle, tekst)
                else:
                    code, staat = _engine.assert_event(self._handle, tekst)
            except MemoryError:
                raise DurableFout(
                    f"durable ruleset {self.naam}: out of case ids (durable keeps at most "
                    f"{MAX_LEVENDE_CASUSSEN} live cases; retire finished ones)"
                ) from None
            except Exception as exc:
                raise self._fout(soort, exc) from None
            if code == _AL_GEZIEN:
                raise DurableFout(
                    f"durable ruleset {self.naam}: a {soort} message with the same id was "
                    "already observed (durable's MessageObservedException)"
                )
            if code == _NIET_AFGEHANDELD:
                return []
            if code != _AFGEHANDELD:
                raise DurableFout(f"durable ruleset {self.naam}: unexpected result code {code}")
            return self._vuur(staat, soort)

    def _vuur(self, staat: int, soort: str) -> list[str]:
        gevuurd: list[str] = []
        try:
            resultaat = _engine.start_action_for_state(self._handle, staat)
            berichten = None if resultaat is None else resultaat[1]
            while berichten is not None:
                # '{"<rule name>": ...}': the rule names are ours, plain ASCII without quotes
                gevuurd.append(berichten[2 : berichten.index('"', 2)])
                berichten = _engine.complete_and_start_action(self._handle, staat)
        except Exception as exc:
            with contextlib.suppress(Exception):
                _engine.abandon_action(self._handle, staat)
            raise self._fout(soort, exc) from None
        return gevuurd

    def _fout(self, soort: str, exc: BaseException) -> DurableFout:
        return DurableFout(
            f"durable ruleset {self.naam} failed on a {soort} message "
            f"({type(exc).__name__}: {str(exc)[:200]})"
        )

    def leeg(self, sid: str, ids: list[str]) -> bool:
        """Retract the facts ``ids`` of case ``sid``; ``True`` when the case holds no fact now.

        Reusing an emptied case id saves durable building a fresh case state for every case.
        """
        try:
            self.trek_terug(sid, list(reversed(ids)), "opruimen")
            with self.slot:
                feiten = json.loads(_engine.get_facts(self._handle, sid))
        except (MeldcodeError, ValueError):
            return False
        # only durable's own state fact ("sid-<id>") may remain
        return all(str(f.get("id", "")).startswith("sid-") for f in feiten)

    def trek_terug(self, sid: str, ids: list[str], soort: str) -> None:
        """Retract the facts ``ids`` of case ``sid`` (an unknown id is no error)."""
        with self.slot:
            if not self.open:
                raise DurableFout(f"durable ruleset {self.naam} is closed")
            for i in ids:
                try:
                    code, staat = _engine.retract_fact(
                        self._handle, json.dumps({"sid": sid, "id": i})
                    )
                except Exception as exc:
                    raise self._fout(soort, exc) from None
                if code == _AFGEHANDELD and self._vuur(staat, soort):
                    raise DurableFout(f"durable ruleset {self.naam} fired on a retraction")

    def close(self) -> None:
        """Free the C ruleset."""
        with self.slot:
            self.open = False
            self._finalizer()


#: durable's C engine holds at most this many live case ids per ruleset (MAX_STATE_INDEX_LENGTH)
MAX_LEVENDE_CASUSSEN = 1024
_SOORTEN = frozenset(SOORTEN.values())
_volgnummer = iter(range(1, 1 << 62))
_volgnummer_slot = threading.Lock()


def _uniek(voorvoegsel: str) -> str:
    with _volgnummer_slot:
        return f"{voorvoegsel}{next(_volgnummer)}"


def _patroon(stap: int, deel: _Expr) -> dict[str, Any]:
    """One durable rule: the stratum's fact matching ``deel``, joined with an item if asked."""
    delen = deel.delen if isinstance(deel, _En) else (() if deel == WAAR else (deel,))
    patroon: list[Any] = [{"feit": "stand"}, {"stap": stap}]
    items = []
    for d in delen:
        if isinstance(d, _Item):
            items.append({("s" if d.bestaat else "s$not"): _json(d.binnen)})
        else:
            patroon.append(_json(d))
    if len(items) > 1:  # pragma: no cover - list conditions are nodes of their own
        raise AssertionError("one item join per durable rule")
    return {"all": [{"m": {"$and": patroon}}, *items]}


class DurableRegelbasis:
    """A ``Regelbasis`` compiled to one durable_rules ruleset, with a unique name.

    Build one with ``compileer(basis)``. ``evalueer``/``beslis`` take a ``Casus`` and return
    exactly what the pure engine returns. Each evaluation runs under a lock on the caller's
    thread in a durable case that holds no fact: every fact it posts is retracted afterwards
    (checked), or the case id is not used again, so nothing of one case is seen by the next.
    ``close()`` frees the C ruleset (also done when the object is garbage collected).
    """

    def __init__(self, basis: Regelbasis) -> None:
        if not isinstance(basis, Regelbasis):
            raise OngeldigeRegelbasis(
                f"compileer needs a Regelbasis (got <{type(basis).__name__}>)"
            )
        self.basis = basis
        self._bouwer = b = _Bouwer(basis)
        self.strata = 1 + max(k.stratum for k in b.knopen)
        regels: dict[str, Any] = {}
        self._per_stratum: list[list[_Knoop]] = [[] for _ in range(self.strata)]
        self._lezen: list[set[str]] = [set() for _ in range(self.strata)]
        for knoop in b.knopen:
            self._per_stratum[knoop.stratum].append(knoop)
            for uitkomst, delen in knoop.uitkomsten:
                for n, deel in enumerate(delen):
                    self._lezen[knoop.stratum].update(v for v in _velden(deel) if v in b.velden)
                    regels[f"{knoop.veld}={uitkomst}#{n}"] = _patroon(knoop.stratum, deel)
        self._ruleset = _Ruleset(f"meldcode_{basis.protocol.value}", regels)
        self._sid: str | None = None  # a case id without facts, ready for the next case
        self.naam = self._ruleset.naam

    def evalueer(self, casus: Casus) -> Evaluatie:
        """Evaluate ``casus`` with durable: the same ``Evaluatie`` as the pure engine gives.

        Raises ``OngeldigeInvoer`` when the case does not validate and ``DurableFout`` when
        durable fails or matches inconsistently (no outcome, or two, for some node).
        """
        casus = _valideer_casus(casus)
        velden = _casusvelden(casus)
        _controleer_casusvelden(velden)
        items = _items(casus)
        _controleer_items(items)
        return self._evaluatie(casus, self._evalueer(velden, items))

    def _evalueer(self, velden: Mapping[str, Any], items: list[dict[str, Any]]) -> dict[str, str]:
        """Post the items and one fact per stratum; return every node's single outcome."""
        uitkomst: dict[str, str] = {}
        with self._ruleset.slot:
            sid, self._sid = self._sid or _uniek("casus-"), None
            gepost: list[str] = []
            klaar = False
            try:
                for i, item in enumerate(items):
                    gepost.append(f"item-{i}")
                    if self._ruleset.post({"sid": sid, "id": gepost[-1], **item}, "item"):
                        raise DurableFout(f"durable ruleset {self.naam} fired on an item alone")
                for stap, knopen in enumerate(self._per_stratum):
                    gepost.append(f"stand-{stap}")
                    feit = {
                        "sid": sid,
                        "id": gepost[-1],
                        "feit": "stand",
                        "stap": stap,
                        **velden,
                        **{v: uitkomst[v] for v in sorted(self._lezen[stap])},
                    }
                    gezien: dict[str, set[str]] = {}
                    for regel in self._ruleset.post(feit, f"stand-{stap}"):
                        veld, waarde = regel.split("#")[0].split("=")
                        gezien.setdefault(veld, set()).add(waarde)
                    for knoop in knopen:
                        waarden = gezien.pop(knoop.veld, set())
                        if len(waarden) != 1:
                            raise DurableFout(
                                f"durable ruleset {self.naam} gave {len(waarden)} outcomes "
                                f"({', '.join(sorted(waarden)) or 'none'}) for {knoop.wat}; "
                                "expected exactly one"
                            )
                        uitkomst[knoop.veld] = waarden.pop()
                    if gezien:
                        raise DurableFout(
                            f"durable ruleset {self.naam} fired out of turn in stratum {stap}"
                        )
                klaar = True
            finally:
                # keep the case id for the next case only when every fact is gone again
                # delete_state is avoided: it crashed the interpreter in the stress scenario;
                # a case id that could not be emptied is simply not used again
                if klaar and self._ruleset.leeg(sid, gepost):
                    self._sid = sid
        return uitkomst

    def _evaluatie(self, casus: Casus, uitkomst: Mapping[str, str]) -> Evaluatie:
        """Assemble the ``Besluit`` from durable's outcomes, as the pure engine assembles it."""
        b = self._bouwer
        basis = self.basis
        index = {r.id: i for i, r in enumerate(basis.regels)}
        status = {r.id: _WAARHEID[uitkomst[b.regels[index[r.id]].veld]] for r in basis.volgorde}
        bereikbaar: dict[Vraag, Waarheid] = {
            a.vraag: (_WAARHEID[uitkomst[b.bereik[a.vraag].veld]] if a.vraag in b.bereik else True)
            for a in basis.vragen
        }
        gevuurd = [r for r in basis.regels if status[r.id] is True]
        genomen: dict[str, Any] = {
            p.value: any(p in r.dan.beslissingen for r in gevuurd) for p in Beslispunt
        }
        contacten = {p for r in gevuurd for p in r.dan.contacten}
        geordend = tuple(p for p in basis.contactvolgorde if p in contacten)
        besluit = Besluit(
            protocol=basis.protocol,
            volgende_vraag=next(
                (a.vraag for a in basis.vragen if uitkomst[b.vragen[a.vraag].veld] == "ja"), None
            ),
            contacten=geordend,
            gronden=tuple(_grond(r) for r in gevuurd),
            referentie=casus.referentie,
            **genomen,
            **_routegegevens(casus, basis, gevuurd, geordend),
        )
        return Evaluatie(besluit=besluit, status=status, bereikbaar=bereikbaar)

    def beslis(self, casus: Casus) -> Besluit:
        """Decide ``casus``: exactly the pure engine's ``Besluit`` (see ``evalueer``)."""
        return self.evalueer(casus).besluit

    def close(self) -> None:
        """Free the C ruleset; the object cannot evaluate afterwards."""
        self._ruleset.close()

    def __enter__(self) -> DurableRegelbasis:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"DurableRegelbasis(protocol={self.basis.protocol.value!r}, naam={self.naam!r})"


def _routegegevens(
    casus: Casus, basis: Regelbasis, gevuurd: list[Regel], contacten: tuple[Partij, ...]
) -> dict[str, Any]:
    """The parts of a ``Besluit`` derived from the fired rules by the core's own helper."""
    helper = getattr(evaluatie, "routegegevens", None)
    if helper is None:  # a core without dated follow-ups and actions
        return {}
    acties, opvolging, ontbrekend, details = helper(
        casus, basis, {r.id for r in gevuurd}, contacten
    )
    uit: dict[str, Any] = {
        "acties": acties,
        "opvolging": opvolging,
        "ontbrekende_consultaties": ontbrekend,
        "contacten_details": details,
    }
    waarschuwingen = getattr(evaluatie, "waarschuwingen_van", None)
    if waarschuwingen is not None:
        uit["waarschuwingen"] = waarschuwingen(basis, {r.id for r in gevuurd})
    return uit


def _grond(regel: Regel) -> Grond:
    return Grond(
        regel=regel.id,
        bestand=regel.bron.bestand,
        sectie=regel.bron.sectie,
        citaat=regel.citaat,
        toelichting=regel.toelichting,
    )


def compileer(basis: Regelbasis) -> DurableRegelbasis:
    """Compile ``basis`` into a new durable ruleset with a unique name.

    Raises ``OngeldigeRegelbasis`` when a condition has a type the compiler does not know, or
    when durable rejects the compiled ruleset.
    """
    return DurableRegelbasis(basis)


_CACHE_GROOTTE = 8
_cache: dict[int, DurableRegelbasis] = {}
_cache_slot = threading.Lock()


def _gecompileerd(basis: Regelbasis) -> DurableRegelbasis:
    """The compiled form of ``basis``, reused for the same rule base (a few at most)."""
    with _cache_slot:
        # keyed by identity: hashing a whole rule base costs more than a case
        gevonden = _cache.pop(id(basis), None)
        if gevonden is None or gevonden.basis is not basis:
            gevonden = compileer(basis)
            while len(_cache) >= _CACHE_GROOTTE:
                _cache.pop(next(iter(_cache))).close()
        _cache[id(basis)] = gevonden
        return gevonden


def evalueer_casus(
    casus: Casus, protocol: Protocol | str | None = None, *, basis: Regelbasis | None = None
) -> Evaluatie:
    """Like ``meldcode.rules.evalueer_casus``, with durable_rules doing the rule matching."""
    casus = _valideer_casus(casus)
    basis = kies_regelbasis(casus, protocol, basis=basis)
    return _gecompileerd(basis).evalueer(casus)


def beslis(
    casus: Casus, protocol: Protocol | str | None = None, *, basis: Regelbasis | None = None
) -> Besluit:
    """Decide ``casus`` with durable_rules: exactly what ``meldcode.beslis`` decides.

    Same signature as ``meldcode.beslis``, so ``--engine durable`` can use it.
    """
    return evalueer_casus(casus, protocol, basis=basis).besluit


# --- monitoring: a long-lived session on durable's timers ---------------------------------------

#: live dossiers per durable ruleset; the C engine refuses the 1025th live case id, so a session
#: spreads its dossiers over as many rulesets as it needs
PER_RULESET = 1000


def _bewakingsregels(bewakingen: tuple[Bewaking, ...]) -> dict[str, Any]:
    """The durable rules of the monitor, from the ``Bewaking`` definitions."""

    def soort_in(soorten: tuple[str, ...]) -> dict[str, Any]:
        delen = [{"soort": s} for s in soorten]
        return delen[0] if len(delen) == 1 else {"$or": delen}

    def loopt(naam: str) -> dict[str, Any]:
        return {"l": {"$and": [{"feit": "loopt"}, {"naam": naam}]}}

    regels: dict[str, Any] = {}
    for b in bewakingen:
        k = b.soort.value
        gebeurtenis: list[Any] = [{"feit": "gebeurtenis"}, soort_in(b.start)]
        if b.alleen_als is not None:
            gebeurtenis.append({b.alleen_als: True})
        if b.termijn is Termijnsoort.DIRECT:
            if b.tijdens is None:
                regels[f"melding:{k}"] = {"all": [{"m": {"$and": gebeurtenis}}]}
            else:
                regels[f"melding:{k}"] = {
                    "all": [loopt(b.tijdens.value), {"m": {"$and": gebeurtenis}}]
                }
            continue
        regels[f"start:{k}"] = {"all": [{"m": {"$and": gebeurtenis}}]}
        if b.stop:
            regels[f"stop:{k}"] = {
                "all": [loopt(k), {"m": {"$and": [{"feit": "gebeurtenis"}, soort_in(b.stop)]}}]
            }
        # durable's own timer pattern (``durable.lang.timeout``), exactly: a timer fact joined
        # with a pulse whose ``$time`` has reached the timer's ``$baseTime``. Wrapping the
        # comparison in an ``$and`` makes durable's C engine crash when it is false
        regels[f"verlopen:{k}"] = {
            "all": [
                {"base": {"$timerName": k}},
                {"timeout": {"$gte": {"$time": {"base": "$baseTime"}}}},
            ]
        }
    return regels


class Bewaker:
    """A monitoring session: dossier events in, follow-ups (``Signalering``) out.

    ``verwerk(dossier, gebeurtenis)`` takes each event as it is recorded; ``tik(op)`` moves the
    session's clock to the date ``op`` and returns the follow-ups whose deadline has passed.
    Time is whatever the caller says (``tik``), so tests run in milliseconds; a partner calls
    ``tik(date.today())`` from a daily job. Deadlines count working days on ``kalender``
    (weekends only by default; pass ``meldcode.adapters.kalender.NederlandseWerkdagen()`` for
    the Dutch holidays).

    The rules are durable rules compiled from ``meldcode.rules.bewaking.BEWAKINGEN``; the
    deadlines are durable timer facts fired by the rete when a pulse reaches them. Each dossier
    is a durable case of its own (no cross-talk); a closed dossier is retired from durable.
    Everything runs on the caller's thread, under a lock. A bad event raises ``OngeldigeInvoer``
    and changes nothing: the session keeps running.
    """

    def __init__(
        self,
        *,
        kalender: Werkdagkalender | None = None,
        bewakingen: tuple[Bewaking, ...] = BEWAKINGEN,
        per_ruleset: int = PER_RULESET,
    ) -> None:
        if not 1 <= per_ruleset <= PER_RULESET:
            raise OngeldigeInvoer(
                [
                    Fout(
                        "per_ruleset",
                        repr(per_ruleset),
                        f"per_ruleset must be between 1 and {PER_RULESET} (got {per_ruleset})",
                    )
                ]
            )
        self._kalender: Werkdagkalender = kalender if kalender is not None else WeekendKalender()
        self._bewakingen = {b.soort.value: b for b in bewakingen}
        self._regels = _bewakingsregels(bewakingen)
        self._per_ruleset = per_ruleset
        self._shards: list[_Ruleset] = []
        self._levend: list[int] = []  # live dossiers per shard
        self._vrij: list[list[str]] = []  # per shard: case ids free for the next dossier
        self._hashes: list[set[int]] = []  # per shard: the FNV-1a hashes of its case ids
        self._shard: dict[str, tuple[int, str]] = {}  # dossier -> (shard, case id)
        self._timers: dict[str, dict[str, dt.date]] = {}  # dossier -> running deadlines
        self._slot = threading.RLock()
        self._teller = 0
        self.nu: dt.date | None = None

    # -- public ---------------------------------------------------------------------------------

    @property
    def open_dossiers(self) -> int:
        """How many dossiers the session holds in durable now."""
        return len(self._shard)

    @property
    def rulesets(self) -> int:
        """How many durable rulesets the session uses (one per ``per_ruleset`` dossiers)."""
        return len(self._shards)

    def verwerk(self, dossier: str, gebeurtenis: object) -> tuple[Signalering, ...]:
        """Take one dossier event; return the follow-ups it raises at once.

        Raises ``OngeldigeInvoer`` (naming the field) for an unknown dossier id format, an
        object that is not a dossier event, or an event that does not validate; the session
        is unchanged and keeps running.
        """
        _valideer_dossier(dossier)
        feit = self._feit(gebeurtenis)
        if feit is None:
            return ()
        assert isinstance(gebeurtenis, _Gebeurtenis)
        with self._slot:
            ruleset, sid = self._ruleset_voor(dossier)
            self._teller += 1
            feit = {"sid": sid, "id": f"g{self._teller}", **feit}
            uit: list[Signalering] = []
            try:
                for naam in self._uniek(ruleset.post(feit, gebeurtenis.soort)):
                    uit += self._voer_uit(ruleset, dossier, sid, naam, gebeurtenis)
            finally:
                ruleset.trek_terug(sid, [feit["id"]], "gebeurtenis")
            if gebeurtenis.soort == DossierGesloten.soort:
                self.sluit(dossier)
            return tuple(uit)

    def tik(self, op: object) -> tuple[Signalering, ...]:
        """Move the clock to ``op``; return the follow-ups whose deadline passed by then.

        Each deadline fires once. The clock may not go back (``OngeldigeInvoer``).
        """
        if not isinstance(op, dt.date) or isinstance(op, dt.datetime):
            raise OngeldigeInvoer([Fout("op", f"<{type(op).__name__}>", "op must be a date")])
        with self._slot:
            if self.nu is not None and op < self.nu:
                raise OngeldigeInvoer(
                    [
                        Fout(
                            "op",
                            op.isoformat(),
                            f"the clock cannot go back from {self.nu.isoformat()} "
                            f"(got {op.isoformat()})",
                        )
                    ]
                )
            self.nu = op
            uit: list[Signalering] = []
            for dossier in [d for d, t in self._timers.items() if t]:
                shard, sid = self._shard[dossier]
                ruleset = self._shards[shard]
                self._teller += 1
                puls = {"sid": sid, "id": f"puls{self._teller}", "feit": "puls"}
                try:
                    gevuurd = ruleset.post({**puls, "$time": op.toordinal()}, "puls")
                    for naam in self._uniek(gevuurd):
                        uit += self._voer_uit(ruleset, dossier, sid, naam, None)
                finally:
                    ruleset.trek_terug(sid, [puls["id"]], "puls")
            return tuple(uit)

    def sluit(self, dossier: str) -> None:
        """Retire a dossier: its facts and timers are retracted, its case id is reused.

        durable's ``delete_state`` is not used: it crashed the interpreter (``free(): invalid
        pointer``) in the stress scenario. The case ids of closed dossiers are handed to new
        ones instead, so the number of durable cases stays at the number of open dossiers.
        """
        with self._slot:
            plaats = self._shard.pop(dossier, None)
            self._timers.pop(dossier, None)
            if plaats is None:
                return
            shard, sid = plaats
            ids = [f"{soort}-{k}" for k in self._bewakingen for soort in ("loopt", "timer")]
            self._shards[shard].trek_terug(sid, ids, "sluiten")
            self._levend[shard] -= 1
            self._vrij[shard].append(sid)

    def close(self) -> None:
        """Free every durable ruleset of the session."""
        with self._slot:
            for ruleset in self._shards:
                ruleset.close()
            self._shards.clear()
            self._levend.clear()
            self._vrij.clear()
            self._hashes.clear()
            self._shard.clear()
            self._timers.clear()

    def __enter__(self) -> Bewaker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals ------------------------------------------------------------------------------

    def _feit(self, gebeurtenis: object) -> dict[str, Any] | None:
        """The event as a fact, validated; ``None`` for a correction (not monitored)."""
        if not isinstance(gebeurtenis, _Gebeurtenis) or type(gebeurtenis) not in _SOORTEN:
            raise OngeldigeInvoer(
                [
                    Fout(
                        "gebeurtenis",
                        f"<{type(gebeurtenis).__name__}>",
                        "gebeurtenis must be a dossier event (meldcode.domain.dossier)",
                    )
                ]
            )
        attrs.validate(gebeurtenis)
        if isinstance(gebeurtenis, Correctie):
            return None
        feit: dict[str, Any] = {"feit": "gebeurtenis", "soort": gebeurtenis.soort}
        for b in self._bewakingen.values():
            if b.alleen_als is not None and b.alleen_als in attrs.fields_dict(type(gebeurtenis)):
                waarde = getattr(gebeurtenis, b.alleen_als)
                _controleer(f"{gebeurtenis.soort}.{b.alleen_als}", waarde, bool)
                feit[b.alleen_als] = waarde
        return feit

    def _ruleset_voor(self, dossier: str) -> tuple[_Ruleset, str]:
        if dossier in self._shard:
            shard, sid = self._shard[dossier]
            return self._shards[shard], sid
        vrij = [i for i, n in enumerate(self._levend) if n < self._per_ruleset]
        if vrij:
            i = vrij[0]
        else:
            self._shards.append(_Ruleset("meldcode_bewaking", self._regels))
            self._levend.append(0)
            self._vrij.append([])
            self._hashes.append(set())
            i = len(self._shards) - 1
        if self._vrij[i]:
            sid = self._vrij[i].pop()
        else:
            # durable finds a case by the 32-bit FNV-1a hash of its id alone: two ids with the
            # same hash would share one case, so an id whose hash is taken is skipped
            while True:
                self._teller += 1
                sid = f"c{self._teller}"
                if _fnv1a(sid) not in self._hashes[i]:
                    break
            self._hashes[i].add(_fnv1a(sid))
        self._levend[i] += 1
        self._shard[dossier] = (i, sid)
        self._timers[dossier] = {}
        return self._shards[i], sid

    @staticmethod
    def _uniek(namen: list[str]) -> list[str]:
        # a join may fire once per matching pair; each action is taken once
        return list(dict.fromkeys(namen))

    def _voer_uit(
        self,
        ruleset: _Ruleset,
        dossier: str,
        sid: str,
        naam: str,
        gebeurtenis: _Gebeurtenis | None,
    ) -> list[Signalering]:
        """Carry out what a durable rule decided: start, stop or fire a bewaking."""
        actie, k = naam.split(":")
        b = self._bewakingen[k]
        if actie == "melding":
            assert gebeurtenis is not None
            return [self._signalering(dossier, b, gebeurtenis.datum, None)]
        if actie == "start":
            assert gebeurtenis is not None
            uiterlijk = self._uiterlijk(b, gebeurtenis)
            ruleset.trek_terug(sid, [f"loopt-{k}", f"timer-{k}"], "timer")  # a restart
            for feit in (
                {"id": f"loopt-{k}", "feit": "loopt", "naam": k},
                {
                    "id": f"timer-{k}",
                    "feit": "timer",
                    "$timerName": k,
                    "$baseTime": (uiterlijk + dt.timedelta(days=1)).toordinal(),
                },
            ):
                if ruleset.post({"sid": sid, **feit}, "timer"):
                    raise DurableFout(f"durable ruleset {ruleset.naam} fired on a timer start")
            self._timers[dossier][k] = uiterlijk
            return []
        if actie == "stop":
            ruleset.trek_terug(sid, [f"loopt-{k}", f"timer-{k}"], "timer")
            self._timers[dossier].pop(k, None)
            return []
        # verlopen: the deadline passed; the watch stays open until its stop event
        uiterlijk = self._timers[dossier].pop(k)
        ruleset.trek_terug(sid, [f"timer-{k}"], "timer")
        assert self.nu is not None
        return [self._signalering(dossier, b, self.nu, uiterlijk)]

    def _uiterlijk(self, b: Bewaking, gebeurtenis: _Gebeurtenis) -> dt.date:
        if b.termijn is Termijnsoort.AFGESPROKEN:
            termijn = getattr(gebeurtenis, "termijn", None)
            if not isinstance(termijn, dt.date):
                raise OngeldigeInvoer(
                    [Fout(f"{gebeurtenis.soort}.termijn", "<missing>", "an agreed term is needed")]
                )
            return termijn
        return plus_werkdagen(self._kalender, gebeurtenis.datum, b.werkdagen)

    @staticmethod
    def _signalering(
        dossier: str, b: Bewaking, sinds: dt.date, uiterlijk: dt.date | None
    ) -> Signalering:
        return Signalering(
            dossier=dossier,
            soort=b.soort,
            sinds=sinds,
            uiterlijk=uiterlijk,
            bron=str(b.bron),
            citaat=b.citaat,
        )


def _fnv1a(tekst: str) -> int:
    """The 32-bit FNV-1a hash durable uses to find a case (``fnv1Hash32`` in ``state.c``)."""
    h = 2166136261
    for byte in tekst.encode():
        h = ((h ^ byte) * 16777619) & 0xFFFFFFFF
    return h


def _valideer_dossier(dossier: object) -> None:
    if not isinstance(dossier, str) or not PSEUDONIEM.match(dossier):
        shown = f"<{type(dossier).__name__}>" if not isinstance(dossier, str) else "<text>"
        raise OngeldigeInvoer(
            [
                Fout(
                    "dossier",
                    shown,
                    "dossier must be a pseudonymous id (letters, digits, '_', '.', ':', '-')",
                )
            ]
        )
