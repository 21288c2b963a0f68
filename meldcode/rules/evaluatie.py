"""The pure engine: evaluate a rule base against a case and derive the ``Besluit``.

Evaluation is three-valued (true, false, unknown). A rule whose condition is unknown cannot fire;
if it could still add a decision, the questions it waits for are candidates for
``volgende_vraag``, and the first of them in the afwegingskader's order is asked. Nothing is
guessed: an unknown decision is reported as not (yet) taken, together with the question that can
settle it.

``evalueer`` walks every condition tree, every time: the reference, with the full trace.
``besluit_van`` (what ``beslis`` calls) gives the same ``Besluit`` from the rule base compiled
once into bit tables, and keeps a bounded memo of decisions with the rule base; see the comment
above ``_Programma``. Both are pure: what is compiled and kept is derived from the rule base and
the decision-relevant facts of cases, and never changes a result.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
import threading
from collections.abc import Callable, Collection, Hashable, Mapping
from itertools import compress
from types import MappingProxyType
from typing import Any

from attrs import frozen

from meldcode.domain.besluit import (
    Actie,
    Besluit,
    Contactgegevens,
    Grond,
    Opvolging,
    Waarschuwing,
    _besluit_met,
    _besluit_uit,
    _opvolging_op,
    _velden,
)
from meldcode.domain.casus import MAX_LEEFTIJD, Casus, Kind, Signaal, Weging
from meldcode.domain.waarden import (
    Beslispunt,
    Oordeel,
    Partij,
    Protocol,
    SignaalBron,
    SoortSignaal,
    Taak,
    Vraag,
)
from meldcode.rules.model import (
    Alle,
    Antwoord,
    Beslist,
    Conditie,
    EenVan,
    ErIsSignaal,
    Geconsulteerd,
    KindLeeftijdTot,
    KindLeeftijdVanaf,
    KindOngeboren,
    Niet,
    Omstandigheid,
    Regel,
    Regelbasis,
    SignaalVan,
)

__all__ = [
    "HUIDIG_PROTOCOL",
    "INGANG_2019",
    "Evaluatie",
    "besluit_van",
    "evalueer",
    "kies_protocol",
    "routegegevens",
    "waarschuwingen_van",
    "werkdagen_na",
]

Waarheid = bool | None  # None: unknown
INGANG_2019 = dt.date(2019, 1, 1)
HUIDIG_PROTOCOL = Protocol.P2019


def kies_protocol(casus: Casus, protocol: Protocol | None = None) -> Protocol:
    """The protocol that decides: given, else the case's, else by date, else the current one.

    A weighing dated before 1 January 2019 falls under the 2013 code.
    """
    if protocol is not None:
        return protocol
    if casus.protocol is not None:
        return casus.protocol
    if casus.datum is not None:
        return Protocol.P2013 if casus.datum < INGANG_2019 else Protocol.P2019
    return HUIDIG_PROTOCOL


@frozen(kw_only=True)
class Evaluatie:
    """The full trace of one evaluation: each rule's outcome, the questions' reach, the Besluit."""

    besluit: Besluit
    status: Mapping[str, Waarheid]
    bereikbaar: Mapping[Vraag, Waarheid]

    @property
    def gevuurd(self) -> tuple[str, ...]:
        """Ids of the rules that fired, in rule base order."""
        return tuple(i for i, s in self.status.items() if s is True)


def _niet(w: Waarheid) -> Waarheid:
    return None if w is None else not w


_GEEN = object()  # "not evaluated yet" (``None`` is a value: unknown)


class _Context:
    """One evaluation: the answers of the case, the questions' reach, each condition's value."""

    __slots__ = ("_memo", "antwoord", "basis", "bereikbaar", "beslist", "casus")

    def __init__(self, casus: Casus, basis: Regelbasis) -> None:
        self.casus = casus
        self.basis = basis
        weging = casus.weging
        self.antwoord: dict[Vraag, Oordeel | None] = {
            a.vraag: weging.antwoord(a.vraag) for a in basis.vragen
        }
        # each decision as taken so far (Kleene's or of the rules concluding it); complete for a
        # decision before any rule reads it (the rule base's ``volgorde``)
        self.beslist: dict[Beslispunt, Waarheid] = {}
        self.bereikbaar: dict[Vraag, Waarheid] = {}
        # Conditions are shared between rules; each is evaluated once per case. This is sound
        # because a condition that reads a decision (``Beslist``) is only evaluated after every
        # rule concluding that decision (the rule base's ``volgorde``), and ``voorwaarde``s
        # never read decisions (checked when the rule base is built).
        self._memo: dict[int, Waarheid] = {}
        for afweging in basis.vragen:
            v = afweging.voorwaarde
            self.bereikbaar[afweging.vraag] = True if v is None else self.waar(v)

    def waar(self, c: Conditie) -> Waarheid:
        """The value of ``c`` for this case: true, false or unknown (``None``)."""
        sleutel = id(c)
        waarde = self._memo.get(sleutel, _GEEN)
        if waarde is _GEEN:
            functie = _FUNCTIES.get(type(c))
            waarde = functie(self, c) if functie is not None else self._waar(c)
            self._memo[sleutel] = waarde
        return waarde  # type: ignore[return-value]

    def _waar(self, c: Conditie) -> Waarheid:
        """The general case (subclasses of the condition types included)."""
        match c:
            case Antwoord():
                return _antwoord(self, c)
            case Omstandigheid():
                return _omstandigheid(self, c)
            case ErIsSignaal() | SignaalVan():
                return _er_is_signaal(self, c)
            case KindLeeftijdVanaf() | KindLeeftijdTot() | KindOngeboren():
                return _kind(self, c)
            case Geconsulteerd():
                return _geconsulteerd(self, c)
            case Beslist():
                return _beslist(self, c)
            case Alle():
                return _alle(self, c)
            case EenVan():
                return _een_van(self, c)
            case Niet():
                return _niet_deel(self, c)
        raise AssertionError(f"unknown condition {c!r}")  # pragma: no cover


def _antwoord(ctx: _Context, c: Antwoord) -> Waarheid:
    antwoord = ctx.antwoord[c.vraag]
    if antwoord is not None:
        return antwoord in c.waarden
    # unanswered: unknown while the route can reach it, not applicable once passed by
    return None if ctx.bereikbaar.get(c.vraag) is not False else False


def _omstandigheid(ctx: _Context, c: Omstandigheid) -> Waarheid:
    return bool(getattr(ctx.casus.omstandigheden, c.naam))


# The facts of a case are read here only: a condition on the child, one signal or one
# consultation. The compiled form (``_Programma``) tabulates these same functions.


def _kind_past(c: KindLeeftijdVanaf | KindLeeftijdTot | KindOngeboren, kind: Kind) -> bool:
    if isinstance(c, KindOngeboren):
        return kind.ongeboren
    leeftijd = kind.leeftijd
    if leeftijd is None:
        return False
    return leeftijd >= c.jaren if isinstance(c, KindLeeftijdVanaf) else leeftijd < c.jaren


def _signaal_past(c: ErIsSignaal | SignaalVan, s: Signaal) -> bool:
    if isinstance(c, SignaalVan):
        return s.bron in c.bronnen
    if c.soorten and s.soort not in c.soorten:
        return False
    return c.kenmerk is None or bool(getattr(s, c.kenmerk))


def _er_is_signaal(ctx: _Context, c: ErIsSignaal | SignaalVan) -> Waarheid:
    return any(_signaal_past(c, s) for s in ctx.casus.signalen)


def _kind(ctx: _Context, c: KindLeeftijdVanaf | KindLeeftijdTot | KindOngeboren) -> Waarheid:
    return _kind_past(c, ctx.casus.kind)


def _geconsulteerd(ctx: _Context, c: Geconsulteerd) -> Waarheid:
    return any(k.met is c.partij for k in ctx.casus.consultaties)


def _beslist(ctx: _Context, c: Beslist) -> Waarheid:
    return ctx.beslist.get(c.punt, False)


def _alle(ctx: _Context, c: Alle) -> Waarheid:
    uitkomst: Waarheid = True
    for deel in c.delen:
        w = ctx.waar(deel)
        if w is False:
            return False  # false wins an Alle
        if w is None:
            uitkomst = None
    return uitkomst


def _een_van(ctx: _Context, c: EenVan) -> Waarheid:
    uitkomst: Waarheid = False
    for deel in c.delen:
        w = ctx.waar(deel)
        if w is True:
            return True  # true wins an EenVan
        if w is None:
            uitkomst = None
    return uitkomst


def _niet_deel(ctx: _Context, c: Niet) -> Waarheid:
    return _niet(ctx.waar(c.deel))


#: the value of each condition type, by exact type (``_Context._waar`` handles subclasses)
_FUNCTIES: Mapping[type, Callable[[_Context, Any], Waarheid]] = MappingProxyType(
    {
        Antwoord: _antwoord,
        Omstandigheid: _omstandigheid,
        ErIsSignaal: _er_is_signaal,
        KindLeeftijdVanaf: _kind,
        KindLeeftijdTot: _kind,
        KindOngeboren: _kind,
        SignaalVan: _er_is_signaal,
        Geconsulteerd: _geconsulteerd,
        Beslist: _beslist,
        Alle: _alle,
        EenVan: _een_van,
        Niet: _niet_deel,
    }
)


def _open_vragen(c: Conditie, ctx: _Context) -> set[Vraag]:
    """Unanswered questions that keep ``c`` unknown, with what must be asked to reach them."""
    if isinstance(c, Antwoord):
        if ctx.antwoord[c.vraag] is not None:
            return set()
        reach = ctx.bereikbaar.get(c.vraag)
        if reach is True:
            return {c.vraag}
        if reach is None:
            voorwaarde = ctx.basis.afweging(c.vraag).voorwaarde
            return _open_vragen(voorwaarde, ctx) if voorwaarde is not None else set()
        return set()
    if isinstance(c, Alle | EenVan):
        return set().union(*(_open_vragen(d, ctx) for d in c.delen if ctx.waar(d) is None))
    if isinstance(c, Niet):
        return _open_vragen(c.deel, ctx)
    return set()


def werkdagen_na(datum: dt.date, werkdagen: int, vrije_dagen: Collection[dt.date] = ()) -> dt.date:
    """The date ``werkdagen`` working days after ``datum``.

    A working day is Monday to Friday and not in ``vrije_dagen``. Public holidays are *not*
    known to the core (it has no calendar): pass them as ``vrije_dagen`` to skip them.

    >>> werkdagen_na(dt.date(2026, 3, 13), 5)  # a Friday: the next Friday
    datetime.date(2026, 3, 20)
    """
    if werkdagen <= 0:
        return datum
    if not vrije_dagen:
        # Monday to Friday only: whole weeks, then the rest (a weekend counts from its Friday)
        weekdag = datum.weekday()
        if weekdag > 4:
            datum -= dt.timedelta(days=weekdag - 4)
            weekdag = 4
        weken, rest = divmod(werkdagen, 5)
        weekend = 2 if weekdag + rest > 4 else 0
        return datum + dt.timedelta(days=7 * weken + rest + weekend)
    dag = datum
    over = werkdagen
    while over > 0:
        dag += dt.timedelta(days=1)
        if dag.weekday() < 5 and dag not in vrije_dagen:
            over -= 1
    return dag


#: the tasks in their order of urgency (``Taak``'s own order)
_TAAKRANG: Mapping[Taak, int] = MappingProxyType({t: i for i, t in enumerate(Taak)})


def waarschuwingen_van(basis: Regelbasis, gevuurd: Collection[str]) -> tuple[Waarschuwing, ...]:
    """The warnings of the fired rules ``gevuurd`` (ids), each code once, in rule base order."""
    uit: dict[str, Waarschuwing] = {}
    for r in basis.regels:
        if r.id in gevuurd:
            for w in basis.waarschuwingen[r.id]:
                uit.setdefault(w.code, w)
    return tuple(uit.values())


def routegegevens(
    casus: Casus,
    basis: Regelbasis,
    gevuurd: Collection[str],
    contacten: tuple[Partij, ...],
    vrije_dagen: Collection[dt.date] = (),
) -> tuple[
    tuple[Actie, ...], tuple[Opvolging, ...], tuple[Partij, ...], tuple[Contactgegevens, ...]
]:
    """The route keys of a ``Besluit`` from the ids of the rules that fired.

    Engine-independent: any engine that knows which rules fired derives the same ``acties``
    (most urgent task first, each once), ``opvolging`` (dated from the case's ``datum``),
    ``ontbrekende_consultaties`` (in urgency order) and ``contacten_details`` (the sociale kaart
    entries of ``contacten``, in their order).
    """
    regels = [r for r in basis.regels if r.id in gevuurd]
    return _route(regels, basis, contacten, casus.datum, vrije_dagen)


def _route(
    regels: list[Regel],
    basis: Regelbasis,
    contacten: tuple[Partij, ...],
    datum: dt.date | None,
    vrije_dagen: Collection[dt.date],
) -> tuple[
    tuple[Actie, ...], tuple[Opvolging, ...], tuple[Partij, ...], tuple[Contactgegevens, ...]
]:
    """``routegegevens`` from the fired rules themselves, in rule base order."""
    acties: dict[tuple[object, ...], Actie] = {}
    opvolging: dict[tuple[object, ...], Opvolging] = {}
    ontbrekend: set[Partij] = set()
    for r in regels:
        for a in basis.acties[r.id]:
            sleutel = (a.taak, a.rol, a.partij)
            bestaand = acties.get(sleutel)
            if bestaand is None or (bestaand.advies and not a.advies):
                acties[sleutel] = a
        dan = r.dan
        for t in dan.opvolging:
            termijn = (t.taak, t.partij, t.werkdagen)
            if termijn not in opvolging:
                opvolging[termijn] = Opvolging(
                    taak=t.taak,
                    werkdagen=t.werkdagen,
                    datum=werkdagen_na(datum, t.werkdagen, vrije_dagen) if datum else None,
                    partij=t.partij,
                    regel=r.id,
                )
        ontbrekend.update(dan.ontbrekende_consultaties)
    geordend = list(acties.values())
    if len(geordend) > 1:
        rang = {p: i for i, p in enumerate(basis.contactvolgorde)}
        geordend.sort(
            key=lambda a: (
                a.advies,
                _TAAKRANG[a.taak],
                rang.get(a.partij, -1) if a.partij else -1,
                a.rol.value,
            )
        )
    gedateerd = list(opvolging.values())
    if len(gedateerd) > 1:
        gedateerd.sort(key=lambda o: (o.werkdagen, _TAAKRANG[o.taak]))
    details = (
        tuple(k for p in contacten for k in basis.sociale_kaart if k.partij is p)
        if basis.sociale_kaart
        else ()
    )
    return (
        tuple(geordend),
        tuple(gedateerd),
        tuple(p for p in basis.contactvolgorde if p in ontbrekend) if ontbrekend else (),
        details,
    )


def _status(regel: Regel, ctx: _Context) -> Waarheid:
    """The outcome of ``regel``; its decisions are added to ``ctx.beslist`` (Kleene's or)."""
    beslist = ctx.beslist
    # default logic: a rule holds unless one of its exceptions is established
    if regel.tenzij and any(beslist.get(p, False) is True for p in regel.tenzij):
        return False
    s = ctx.waar(regel.als)
    if s is not False:
        for punt in regel.dan.beslissingen:
            if s is True:
                beslist[punt] = True
            elif punt not in beslist:
                beslist[punt] = None
    return s


def evalueer(
    casus: Casus, basis: Regelbasis, *, vrije_dagen: Collection[dt.date] = ()
) -> Evaluatie:
    """Evaluate every rule of ``basis`` against ``casus``; pure and deterministic.

    ``vrije_dagen`` are days that do not count as working days for dated follow-ups (public
    holidays); the core knows no calendar of its own. This is the full evaluation, every time;
    ``besluit_van`` gives the same ``Besluit`` through the rule base's memo.
    """
    ctx = _Context(casus, basis)
    beslist = ctx.beslist
    status = {regel.id: _status(regel, ctx) for regel in basis.volgorde}

    genomen = {p: beslist.get(p, False) is True for p in Beslispunt}
    gevuurd = [r for r in basis.regels if status[r.id] is True]
    contacten = {p for r in gevuurd for p in r.dan.contacten}

    kandidaten: set[Vraag] = set()
    for regel in basis.regels:
        if status[regel.id] is not None:
            continue
        nieuw = any(not genomen[p] for p in regel.dan.beslissingen) or any(
            p not in contacten for p in regel.dan.contacten
        )
        if nieuw:
            # an exception that is still unknown is settled by the rules concluding it
            kandidaten |= _open_vragen(regel.als, ctx)
    volgende = next((a.vraag for a in basis.vragen if a.vraag in kandidaten), None)

    geordende_contacten = tuple(p for p in basis.contactvolgorde if p in contacten)
    acties, opvolging, ontbrekend, details = routegegevens(
        casus, basis, {r.id for r in gevuurd}, geordende_contacten, vrije_dagen
    )
    besluit = Besluit(
        protocol=basis.protocol,
        volgende_vraag=volgende,
        contacten=geordende_contacten,
        acties=acties,
        opvolging=opvolging,
        ontbrekende_consultaties=ontbrekend,
        contacten_details=details,
        gronden=tuple(basis.gronden[r.id] for r in gevuurd),
        referentie=casus.referentie,
        melden=genomen[Beslispunt.MELDEN],
        hulp_organiseren=genomen[Beslispunt.HULP_ORGANISEREN],
        dossier_sluiten=genomen[Beslispunt.DOSSIER_SLUITEN],
        veilig_thuis_raadplegen=genomen[Beslispunt.VEILIG_THUIS_RAADPLEGEN],
        spoed=genomen[Beslispunt.SPOED],
        oudergesprek_overslaan=genomen[Beslispunt.OUDERGESPREK_OVERSLAAN],
        bespreken_met_kind=genomen[Beslispunt.BESPREKEN_MET_KIND],
        waarschuwingen=waarschuwingen_van(basis, {r.id for r in gevuurd}),
    )
    return Evaluatie(besluit=besluit, status=status, bereikbaar=dict(ctx.bereikbaar))


# --- the compiled form, and the memo ---------------------------------------------------------
#
# ``besluit_van`` gives exactly ``evalueer(...).besluit``, faster. On first use a rule base is
# compiled once into bit tables (``_Programma``, kept in ``basis.geheugen``):
#
# - Every leaf condition (atom) gets a bit. A case is read as its *projection*: the answers to
#   the protocol's questions, and one integer whose bits are its true facts (circumstances,
#   child, signals, consultations). Facts are two-valued, and tabulated over their small
#   domains with the evaluator's own functions above (``_kind_past``, ``_signaal_past``). The
#   value of each answer atom (true, false, or unknown while the route can still reach the
#   question) depends on the answers alone: computed once per combination of answers.
# - Each rule's condition is put in disjunctive normal form: a term is a pair of masks (atoms
#   that must be true, atoms that must be false). Kleene's logic keeps every law used to get
#   there (distribution, De Morgan, double negation; no term is dropped), so the normal form
#   has the condition's three-valued value. A term is false when one of its atoms has the
#   wrong value, unknown when none has and one is unknown, else true.
# - The rules are evaluated in strata: a rule comes after every rule concluding a decision it
#   reads (in its condition or as an exception). Within a stratum all terms are tested at once:
#   for each 8 atoms a table gives the terms that their values make false or unknown.
# - The ``Besluit`` is assembled from the fired rules exactly as ``evalueer`` assembles it, but
#   without ``referentie`` and with its ``opvolging`` undated: neither is part of a projection.
#   It is kept, bounded, per projection; each case gets it with its own ``referentie`` and its
#   ``opvolging`` dated from its own ``datum``. So the memo holds nothing of any one case.
#
# A rule base with a condition the compiler does not know (a type of its own, or one with very
# many terms in normal form) is evaluated in full each time.

_MAX_TERMEN = 64  # a condition with more terms in normal form is not compiled
_PUNTEN: tuple[Beslispunt, ...] = tuple(Beslispunt)
_EERSTE = operator.itemgetter(0)
#: the decisions of a Besluit (in ``_PUNTEN``'s order) for each set of bits 0-7
_BESLISSINGEN: tuple[tuple[bool, ...], ...] = tuple(
    tuple(bool(bits >> j & 1) for j in range(len(_PUNTEN))) for bits in range(256)
)
_Sleutel = tuple[tuple[Oordeel | None, ...], int]  # (the answers, the true facts)
# a condition as nested tuples: (_ATOOM, bit, question index or -1), (_ALLE | _EEN_VAN, parts),
# (_NIET, part)
_Boom = tuple[Any, ...]
_ATOOM, _ALLE, _EEN_VAN, _NIET = range(4)
_Routes = tuple[
    tuple[Partij, ...],
    tuple[Actie, ...],
    tuple[Opvolging, ...],
    tuple[Partij, ...],
    tuple[Contactgegevens, ...],
]


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


def _bits(masker: int) -> list[int]:
    """The positions of the set bits of ``masker``, lowest first."""
    uit = []
    while masker:
        laag = masker & -masker
        uit.append(laag.bit_length() - 1)
        masker ^= laag
    return uit


def _per_acht(waarden: list[int]) -> list[tuple[int, ...]]:
    """For each 8 positions, the OR of ``waarden`` over every subset of them (a 256-table)."""
    tabellen = []
    for begin in range(0, len(waarden), 8):
        deel = waarden[begin : begin + 8]
        tabel = [0] * 256
        for byte in range(1, 256):
            laag = byte & -byte
            j = laag.bit_length() - 1
            tabel[byte] = tabel[byte ^ laag] | (deel[j] if j < len(deel) else 0)
        tabellen.append(tuple(tabel))
    return tabellen


@frozen
class _Antwoorden:
    """What a combination of answers makes of the answer atoms and the questions' reach."""

    waar: int  # answer atoms that are true
    open: int  # answer atoms that are unknown (unanswered and still reachable)
    bereikbaar: tuple[Waarheid, ...]  # per question of the rule base
    nee: int  # the terms these answers make false
    onzeker: int  # the terms these answers make unknown (if not false)


@frozen
class _Laag:
    """One stratum of rules: its terms, its exceptions, the decisions complete after it."""

    termen: int
    #: (the terms of a rule, the decisions that override it)
    uitzonderingen: tuple[tuple[int, int], ...]
    #: (the terms of the rules concluding a decision, the decision's bit), for each decision
    #: whose rules are all in this stratum or before
    publiceer: tuple[tuple[int, int], ...]


class _Programma:
    """A rule base compiled for ``besluit_van``; see the comment above."""

    def __init__(self, basis: Regelbasis) -> None:
        self.basis = basis
        self.bruikbaar = True
        self.atomen: dict[Conditie, int] = {}  # atom -> bit
        regels = basis.regels
        self.regels = regels
        self.vragen = tuple(a.vraag for a in basis.vragen)
        self.lees_antwoorden: Callable[[Weging], tuple[Oordeel | None, ...]] = _lezer(
            tuple(v.value for v in self.vragen)
        )
        # the decision atoms are bits 0-7 (one table), the other atoms follow
        for j, p in enumerate(_PUNTEN):
            self.atomen[Beslist(p)] = j
        self._vrij = 8
        for afweging in basis.vragen:
            if afweging.voorwaarde is not None:
                self._registreer(afweging.voorwaarde)
        for r in regels:
            self._registreer(r.als)
        # renumber: the answer atoms from bit 8, then the facts from a multiple of 8, so that
        # the answers' tables and the facts' tables are apart
        antwoorden = [a for a in self.atomen if isinstance(a, Antwoord)]
        feiten = [a for a in self.atomen if not isinstance(a, Antwoord | Beslist)]
        self.atomen = {Beslist(p): j for j, p in enumerate(_PUNTEN)}
        for k, antwoord in enumerate(antwoorden):
            self.atomen[antwoord] = 8 + k
        self._feiten_vanaf = 8 * -(-(8 + len(antwoorden)) // 8)
        for k, feit in enumerate(feiten):
            self.atomen[feit] = self._feiten_vanaf + k
        self._vrij = self._feiten_vanaf + len(feiten)
        termen = [self._termen(r.als) for r in regels] if self.bruikbaar else []
        if any(len(t) > _MAX_TERMEN for t in termen):
            self.bruikbaar = False
        if len(set(basis.contactvolgorde)) != len(basis.contactvolgorde) or len(_PUNTEN) > 8:
            self.bruikbaar = False
        if not self.bruikbaar:
            return
        self._feiten()
        self._antwoordatomen()
        self._lagen(termen)
        self.bomen = tuple(self._boom(r.als) for r in regels)
        # the atoms each rule reads, its voorwaarden's included (for ``_volgende_vraag``)
        self.atoommasker = tuple(self._gelezen(r.als) for r in regels)
        self.voorwaarden = tuple(
            None if a.voorwaarde is None else self._boom(a.voorwaarde) for a in basis.vragen
        )
        # what each rule adds to a Besluit, per 8 rules
        rang = {p: j for j, p in enumerate(basis.contactvolgorde)}
        self.contactmasker = tuple(sum(1 << rang[p] for p in set(r.dan.contacten)) for r in regels)
        self.puntmasker = tuple(
            sum(1 << _PUNTEN.index(p) for p in r.dan.beslissingen) for r in regels
        )
        gronden = [basis.gronden[r.id] for r in regels]
        self.per_acht: list[tuple[tuple[tuple[Grond, ...], ...], tuple[int, ...]]] = []
        for begin in range(0, len(regels), 8):
            g = tuple(
                tuple(
                    gronden[begin + j]
                    for j in range(8)
                    if byte >> j & 1 and begin + j < len(regels)
                )
                for byte in range(256)
            )
            self.per_acht.append((g, _per_acht(list(self.contactmasker[begin : begin + 8]))[0]))
        self.routeregels = sum(
            1 << i
            for i, r in enumerate(regels)
            if r.dan.acties or r.dan.opvolging or r.dan.ontbrekende_consultaties
        )
        self._routedelen()
        self.waarschuwende_regels = sum(
            1 << i for i, r in enumerate(regels) if r.dan.waarschuwingen
        )
        self.routes = _Begrensd(4096)
        self.volgende_vragen = _Begrensd(4096)
        self.antwoorden = _Begrensd(4096)
        self.besluiten = _Begrensd(_GEHEUGEN)

    def _registreer(self, c: Conditie) -> None:
        """Give every atom of ``c`` a bit; note a condition type not known exactly."""
        if type(c) not in _FUNCTIES:  # a subclass may read more than its base
            self.bruikbaar = False
        elif isinstance(c, Alle | EenVan):
            for d in c.delen:
                self._registreer(d)
        elif isinstance(c, Niet):
            self._registreer(c.deel)
        elif c not in self.atomen:
            self.atomen[c] = self._vrij
            self._vrij += 1

    def _termen(self, c: Conditie, negatief: bool = False) -> list[tuple[int, int]]:
        """``c`` in disjunctive normal form: (atoms that must be true, that must be false)."""
        if isinstance(c, Niet):
            return self._termen(c.deel, not negatief)
        if isinstance(c, Alle | EenVan):
            delen = [self._termen(d, negatief) for d in c.delen]
            if isinstance(c, Alle) != negatief:  # a conjunction: distribute
                uit = [(0, 0)]
                for termen in delen:
                    uit = [(p1 | p2, n1 | n2) for p1, n1 in uit for p2, n2 in termen]
                    if len(uit) > _MAX_TERMEN:
                        return uit
                return uit
            return [t for termen in delen for t in termen]
        b = 1 << self.atomen[c]
        return [(0, b)] if negatief else [(b, 0)]

    def _gelezen(self, c: Conditie) -> int:
        """The atoms ``c`` reads, with those of the voorwaarden of the questions it reads."""
        if isinstance(c, Alle | EenVan):
            masker = 0
            for d in c.delen:
                masker |= self._gelezen(d)
            return masker
        if isinstance(c, Niet):
            return self._gelezen(c.deel)
        masker = 1 << self.atomen[c]
        if isinstance(c, Antwoord):
            voorwaarde = self.basis.vragen[self.vragen.index(c.vraag)].voorwaarde
            if voorwaarde is not None:
                masker |= self._gelezen(voorwaarde)
        return masker

    def _boom(self, c: Conditie) -> _Boom:
        """``c`` as nested tuples with its atoms' bits, for ``_waarde`` and ``_wacht_op``."""
        if isinstance(c, Alle):
            return (_ALLE, tuple(self._boom(d) for d in c.delen))
        if isinstance(c, EenVan):
            return (_EEN_VAN, tuple(self._boom(d) for d in c.delen))
        if isinstance(c, Niet):
            return (_NIET, self._boom(c.deel))
        vraag = self.vragen.index(c.vraag) if isinstance(c, Antwoord) else -1
        return (_ATOOM, 1 << self.atomen[c], vraag)

    def _feiten(self) -> None:
        """Tables from the facts of a case to the bits of the fact atoms they make true."""
        bit = self.atomen
        omstandigheden: list[str] = []
        kind: list[KindLeeftijdVanaf | KindLeeftijdTot | KindOngeboren] = []
        signaal: list[ErIsSignaal | SignaalVan] = []
        consultatie: list[Geconsulteerd] = []
        for atoom in bit:
            # every atom has one of the known types exactly (``_registreer``)
            if isinstance(atoom, Omstandigheid):
                omstandigheden.append(atoom.naam)
            elif isinstance(atoom, KindLeeftijdVanaf | KindLeeftijdTot | KindOngeboren):
                kind.append(atoom)
            elif isinstance(atoom, ErIsSignaal | SignaalVan):
                signaal.append(atoom)
            elif isinstance(atoom, Geconsulteerd):
                consultatie.append(atoom)
        omstandigheden.sort()
        self.lees_omstandigheden = _lezer(tuple(omstandigheden))
        self.omstandigheid_bits = tuple(1 << bit[Omstandigheid(n)] for n in omstandigheden)
        # ongeboren -> leeftijd -> the child's atoms that are true
        self.kindtabel: tuple[dict[int | None, int], ...] = ()
        if kind:
            self.kindtabel = ({}, {})
            for ongeboren in (False, True):
                for leeftijd in (None, *range(MAX_LEEFTIJD + 1)):
                    k = Kind(leeftijd=leeftijd, ongeboren=ongeboren)
                    masker = 0
                    for ck in kind:
                        if _kind_past(ck, k):
                            masker |= 1 << bit[ck]
                    self.kindtabel[ongeboren][leeftijd] = masker
        kenmerken = sorted(
            {a.kenmerk for a in signaal if isinstance(a, ErIsSignaal) and a.kenmerk is not None}
        )
        # what the conditions read of a signal: its soort (by its value: a string hashes
        # faster than an enum member), its bron, its kenmerken; only what some condition reads
        gelezen: list[str] = []
        if any(isinstance(a, ErIsSignaal) and a.soorten for a in signaal):
            gelezen.append("soort._value_")
        if any(isinstance(a, SignaalVan) for a in signaal):
            gelezen.append("bron")
        self.lees_signaal = _lezer((*gelezen, *kenmerken))
        self.signaaltabel: dict[tuple[Any, ...], int] = {}
        if signaal:
            for soort in SoortSignaal:
                for bron in (None, *SignaalBron):
                    for waarden in itertools.product((False, True), repeat=len(kenmerken)):
                        velden: dict[str, Any] = dict(zip(kenmerken, waarden, strict=True))
                        s = Signaal(soort=soort, bron=bron, **velden)
                        masker = 0
                        for cs in signaal:
                            if _signaal_past(cs, s):
                                masker |= 1 << bit[cs]
                        self.signaaltabel[self.lees_signaal(s)] = masker
        self.consultatietabel: dict[Partij, int] = {}
        if consultatie:
            self.consultatietabel = {p: 0 for p in Partij}
            for cc in consultatie:
                self.consultatietabel[cc.partij] |= 1 << bit[cc]
        self.alle_atomen = (1 << self._vrij) - 1

    def _antwoordatomen(self) -> None:
        """Per question: every answer atom on it, and those each answer makes true."""
        self.vraagmasker: list[int] = [0] * len(self.vragen)
        self.antwoordmasker: list[dict[Oordeel, int]] = [
            {o: 0 for o in Oordeel} for _ in self.vragen
        ]
        for atoom, i in self.atomen.items():
            if isinstance(atoom, Antwoord):
                q = self.vragen.index(atoom.vraag)
                self.vraagmasker[q] |= 1 << i
                for o in atoom.waarden:
                    self.antwoordmasker[q][o] |= 1 << i

    def _lagen(self, termen: list[list[tuple[int, int]]]) -> None:
        """The terms of every rule as bits, the tables over them, and the strata."""
        regels = self.regels
        aantal = len(regels)
        # every term gets a bit: the first term of rule i bit i, the others bits from ``aantal``
        termbits: list[int] = []  # rule -> its terms
        extra: list[int] = []  # further term -> its rule
        onwaar_als_onwaar = [0] * self._vrij  # atom -> the terms it makes false when false
        onwaar_als_waar = [0] * self._vrij  # ... when true
        open_als_open = [0] * self._vrij  # ... unknown when unknown
        for i, t in enumerate(termen):
            mijn = 0
            for k, (positief, negatief) in enumerate(t):
                tb = i if k == 0 else aantal + len(extra)
                if k:
                    extra.append(1 << i)
                mijn |= 1 << tb
                for a in _bits(positief):
                    onwaar_als_onwaar[a] |= 1 << tb
                    open_als_open[a] |= 1 << tb
                for a in _bits(negatief):
                    onwaar_als_waar[a] |= 1 << tb
                    open_als_open[a] |= 1 << tb
            termbits.append(mijn)
        self.aantal = aantal
        self.extra = tuple(_per_acht(extra))
        tabellen = list(
            zip(
                range(0, self._vrij, 8),
                _per_acht(onwaar_als_onwaar),
                _per_acht(onwaar_als_waar),
                _per_acht(open_als_open),
                strict=True,
            )
        )
        # chunk 0 holds the decision atoms: looked up again after each stratum
        _, self.beslist_onwaar, self.beslist_waar, self.beslist_open = tabellen[0]
        # the answer atoms: their terms depend on the answers alone (``_antwoorden``)
        self.antwoordtabellen = tuple(
            t for t in tabellen[1:] if t[0] < self._feiten_vanaf and any(t[3])
        )
        # the facts are true or false, never unknown: one table from the true ones
        self.feittabellen = tuple(
            (begin, tuple(f[255 & ~byte] | w[byte] for byte in range(256)))
            for begin, f, w, o in tabellen[1:]
            if begin >= self._feiten_vanaf and any(o)
        )
        # strata: every rule after the rules concluding a decision it reads
        concludeert: dict[Beslispunt, list[int]] = {}
        for i, r in enumerate(regels):
            for p in r.dan.beslissingen:
                concludeert.setdefault(p, []).append(i)
        laag_van = {i: self.basis.niveaus[r.id] for i, r in enumerate(regels)}
        lagen = []
        for nummer in range(max(laag_van.values(), default=-1) + 1):
            in_laag = [i for i in range(aantal) if laag_van[i] == nummer]
            publiceer = tuple(
                (sum(termbits[i] for i in concluderend), 1 << _PUNTEN.index(p))
                for p, concluderend in concludeert.items()
                if max(laag_van[i] for i in concluderend) == nummer
            )
            lagen.append(
                _Laag(
                    termen=sum(termbits[i] for i in in_laag),
                    uitzonderingen=tuple(
                        (termbits[i], sum(1 << _PUNTEN.index(p) for p in regels[i].tenzij))
                        for i in in_laag
                        if regels[i].tenzij
                    ),
                    publiceer=publiceer,
                )
            )
        self.lagen = tuple(lagen)
        self.lagen_kort = tuple((la.termen, la.uitzonderingen, la.publiceer) for la in lagen)

    def _regels(self, termen: int) -> int:
        """The rules with one of ``termen``."""
        regels = termen & ((1 << self.aantal) - 1)
        rest = termen >> self.aantal
        for tabel in self.extra:
            if not rest:
                break
            regels |= tabel[rest & 255]
            rest >>= 8
        return regels

    def sleutel(self, casus: Casus) -> _Sleutel | None:
        """The projection of ``casus``: its answers and its true facts (``None``: not tabulated)."""
        feiten: int = sum(
            compress(self.omstandigheid_bits, self.lees_omstandigheden(casus.omstandigheden))
        )
        signaaltabel = self.signaaltabel
        if signaaltabel:
            lees = self.lees_signaal
            for s in casus.signalen:
                m = signaaltabel.get(lees(s))
                if m is None:
                    return None
                feiten |= m
        if self.kindtabel:
            kind = casus.kind
            m = self.kindtabel[kind.ongeboren].get(kind.leeftijd)
            if m is None:
                return None
            feiten |= m
        consultatietabel = self.consultatietabel
        if consultatietabel:
            for k in casus.consultaties:
                feiten |= consultatietabel[k.met]
        return self.lees_antwoorden(casus.weging), feiten

    def _antwoorden(self, antwoorden: tuple[Oordeel | None, ...]) -> _Antwoorden:
        """The answer atoms and the reach of each question, for one combination of answers."""
        uit: _Antwoorden | None = self.antwoorden.get(antwoorden)
        if uit is not None:
            return uit
        waar = open_ = 0
        bereikbaar: list[Waarheid] = []
        for q, v in enumerate(self.voorwaarden):
            # a voorwaarde reads earlier answers only (checked when the rule base is built)
            bereik = True if v is None else self._waarde(v, waar, open_)
            bereikbaar.append(bereik)
            antwoord = antwoorden[q]
            if antwoord is not None:
                waar |= self.antwoordmasker[q][antwoord]
            elif bereik is not False:
                open_ |= self.vraagmasker[q]
        onwaar = self.alle_atomen & ~(waar | open_)
        nee = onzeker = 0
        for begin, f, w, o in self.antwoordtabellen:
            nee |= f[(onwaar >> begin) & 255] | w[(waar >> begin) & 255]
            onzeker |= o[(open_ >> begin) & 255]
        uit = _Antwoorden(
            waar=waar, open=open_, bereikbaar=tuple(bereikbaar), nee=nee, onzeker=onzeker
        )
        self.antwoorden.bewaar(antwoorden, uit)
        return uit

    def besluit(self, sleutel: _Sleutel) -> Besluit:
        """The ``Besluit`` of every case with the projection ``sleutel``, assembled anew.

        Without ``referentie`` and with its ``opvolging`` undated: neither is part of a
        projection, ``besluit_van`` adds them for each case.
        """
        antwoorden = self._antwoorden(sleutel[0])
        feiten = sleutel[1]
        waar = antwoorden.waar | feiten
        open_ = antwoorden.open
        # terms made false, terms touched by an unknown atom (an answer; later a decision)
        nee, onzeker = antwoorden.nee, antwoorden.onzeker
        for begin, tabel in self.feittabellen:
            nee |= tabel[(feiten >> begin) & 255]
        ja = misschien = 0  # true terms, unknown terms
        genomen = twijfel = 0  # decisions taken, decisions unknown (bits 0-7)
        beslist_onwaar, beslist_waar, beslist_open = (
            self.beslist_onwaar,
            self.beslist_waar,
            self.beslist_open,
        )
        for laag_termen, uitzonderingen, publiceer in self.lagen_kort:
            # a decision not complete yet is read by no rule of this stratum
            termen = laag_termen & ~(
                nee | beslist_onwaar[255 & ~(genomen | twijfel)] | beslist_waar[genomen]
            )
            for eigen, tenzij in uitzonderingen:
                if tenzij & genomen:  # an established exception
                    termen &= ~eigen
            open_hier = onzeker | beslist_open[twijfel]
            ja |= termen & ~open_hier
            misschien |= termen & open_hier
            for concluderend, punt in publiceer:
                if ja & concluderend:
                    genomen |= punt
                elif misschien & concluderend:
                    twijfel |= punt
        gevuurd = self._regels(ja)
        onbekend = self._regels(misschien) & ~gevuurd
        waar |= genomen
        open_ |= twijfel
        gronden: tuple[Grond, ...] = ()
        contactmasker = 0
        rest = gevuurd
        for per_grond, per_contact in self.per_acht:
            if not rest:
                break
            byte = rest & 255
            if byte:
                gronden += per_grond[byte]
                contactmasker |= per_contact[byte]
            rest >>= 8
        routesleutel = (gevuurd & self.routeregels, contactmasker)
        route: _Routes | None = self.routes.get(routesleutel)
        if route is None:
            route = self._routes(*routesleutel)
            self.routes.bewaar(routesleutel, route)
        contacten, acties, opvolging, ontbrekend, details = route
        volgende = None
        if onbekend:
            # the unknown rules that could still add a decision or a contact, and their atoms
            nieuw = leest = 0
            for i in _bits(onbekend):
                if self.puntmasker[i] & ~genomen or self.contactmasker[i] & ~contactmasker:
                    nieuw |= 1 << i
                    leest |= self.atoommasker[i]
            if nieuw:
                # the questions they wait for depend on the answers and those atoms alone
                vraagsleutel = (sleutel[0], nieuw, waar & leest, open_ & leest)
                gevonden = self.volgende_vragen.get(vraagsleutel)
                if gevonden is None:
                    gevonden = self._volgende_vraag(nieuw, sleutel[0], antwoorden, waar, open_)
                    self.volgende_vragen.bewaar(vraagsleutel, gevonden)
                volgende = gevonden[0]
        # every value comes from a validated object (the rule base's) or is an enum member
        return _besluit_uit(
            self.basis.protocol,
            _BESLISSINGEN[genomen],
            volgende,
            contacten,
            gronden,
            None,
            acties,
            opvolging,
            ontbrekend,
            details,
            self._waarschuwingen(gevuurd),
        )

    def _waarschuwingen(self, gevuurd: int) -> tuple[Waarschuwing, ...]:
        """The warnings of the fired rules ``gevuurd`` (a mask), as ``waarschuwingen_van``."""
        if not gevuurd & self.waarschuwende_regels:
            return ()
        return waarschuwingen_van(self.basis, {self.regels[i].id for i in _bits(gevuurd)})

    def _routes(self, regelmasker: int, contactmasker: int) -> _Routes:
        """What the fired rules ``regelmasker`` add besides grounds (``opvolging`` undated).

        ``_route``'s result, from what each rule adds, sorted and keyed when compiled.
        """
        contacten = tuple(self.basis.contactvolgorde[j] for j in _bits(contactmasker))
        acties: dict[int, tuple[tuple[Any, ...], Actie]] = {}
        opvolging: dict[int, tuple[tuple[int, int], Opvolging]] = {}
        ontbrekend = 0
        for i in _bits(regelmasker):
            for soort, sorteer, actie in self.route_acties[i]:
                bestaand = acties.get(soort)
                # the same task, role and party once: required wins over advised
                if bestaand is None or (bestaand[1].advies and not actie.advies):
                    acties[soort] = (sorteer, actie)
            for soort, volgorde, termijn in self.route_opvolging[i]:
                if soort not in opvolging:
                    opvolging[soort] = (volgorde, termijn)
            ontbrekend |= self.route_ontbrekend[i]
        return (
            contacten,
            tuple(a for _, a in sorted(acties.values(), key=_EERSTE)),
            tuple(o for _, o in sorted(opvolging.values(), key=_EERSTE)),
            tuple(self.basis.contactvolgorde[j] for j in _bits(ontbrekend)),
            tuple(k for j in _bits(contactmasker) for k in self.kaart[j]),
        )

    def _routedelen(self) -> None:
        """Per rule, what ``_routes`` needs: its actions and follow-ups keyed and ordered."""
        basis = self.basis
        rang = {p: j for j, p in enumerate(basis.contactvolgorde)}
        soorten: dict[tuple[object, ...], int] = {}
        acties = []
        opvolging = []
        for r in self.regels:
            acties.append(
                tuple(
                    (
                        soorten.setdefault((a.taak, a.rol, a.partij), len(soorten)),
                        (
                            a.advies,
                            _TAAKRANG[a.taak],
                            rang.get(a.partij, -1) if a.partij else -1,
                            a.rol.value,
                        ),
                        a,
                    )
                    for a in basis.acties[r.id]
                )
            )
            opvolging.append(
                tuple(
                    (
                        soorten.setdefault((t.taak, t.partij, t.werkdagen), len(soorten)),
                        (t.werkdagen, _TAAKRANG[t.taak]),
                        Opvolging(
                            taak=t.taak,
                            werkdagen=t.werkdagen,
                            datum=None,
                            partij=t.partij,
                            regel=r.id,
                        ),
                    )
                    for t in r.dan.opvolging
                )
            )
        self.route_acties = tuple(acties)
        self.route_opvolging = tuple(opvolging)
        self.route_ontbrekend = tuple(
            sum(1 << rang[p] for p in set(r.dan.ontbrekende_consultaties)) for r in self.regels
        )
        self.kaart = tuple(
            tuple(k for k in basis.sociale_kaart if k.partij is p) for p in basis.contactvolgorde
        )

    def _volgende_vraag(
        self,
        nieuw: int,
        antwoorden: tuple[Oordeel | None, ...],
        toestand: _Antwoorden,
        waar: int,
        open_: int,
    ) -> tuple[Vraag | None]:
        """The first question, in the rule base's order, that the rules ``nieuw`` wait for."""
        kandidaten: set[Vraag] = set()
        for i in _bits(nieuw):
            kandidaten |= self._wacht_op(self.bomen[i], antwoorden, toestand, waar, open_)
        return (next((v for v in self.vragen if v in kandidaten), None),)

    def _waarde(self, boom: _Boom, waar: int, open_: int) -> Waarheid:
        """The value of a condition from the atoms' bits (Kleene's logic)."""
        soort = boom[0]
        if soort == _ATOOM:
            b = boom[1]
            return True if waar & b else (None if open_ & b else False)
        if soort == _NIET:
            return _niet(self._waarde(boom[1], waar, open_))
        beslist = soort == _EEN_VAN  # the value that decides an EenVan (true), an Alle (false)
        uit: Waarheid = not beslist
        for deel in boom[1]:
            w = self._waarde(deel, waar, open_)
            if w is beslist:
                return beslist
            if w is None:
                uit = None
        return uit

    def _wacht_op(
        self,
        boom: _Boom,
        antwoorden: tuple[Oordeel | None, ...],
        toestand: _Antwoorden,
        waar: int,
        open_: int,
    ) -> set[Vraag]:
        """``_open_vragen``, from the atoms' bits."""
        soort = boom[0]
        if soort == _ATOOM:
            q = boom[2]
            if q < 0 or antwoorden[q] is not None:
                return set()
            bereik = toestand.bereikbaar[q]
            if bereik is True:
                return {self.vragen[q]}
            voorwaarde = self.voorwaarden[q]
            if bereik is None and voorwaarde is not None:
                return self._wacht_op(voorwaarde, antwoorden, toestand, waar, open_)
            return set()
        if soort == _NIET:
            return self._wacht_op(boom[1], antwoorden, toestand, waar, open_)
        uit: set[Vraag] = set()
        for deel in boom[1]:
            if self._waarde(deel, waar, open_) is None:
                uit |= self._wacht_op(deel, antwoorden, toestand, waar, open_)
        return uit


#: decisions ``besluit_van`` keeps per rule base (about a kilobyte each: some 15 MB when full)
_GEHEUGEN = 16384


def _lezer(namen: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function that reads the attributes ``namen`` of an object as one tuple."""
    if not namen:
        return lambda _: ()
    if len(namen) == 1:
        naam = namen[0]
        return lambda obj: (getattr(obj, naam),)
    lezer: Callable[[Any], tuple[Any, ...]] = operator.attrgetter(*namen)
    return lezer


def _programma(basis: Regelbasis) -> _Programma:
    """The compiled form of ``basis``, made on first use and kept in ``basis.geheugen``."""
    inhoud = basis.geheugen.inhoud
    if isinstance(inhoud, _Programma):
        return inhoud
    return basis.geheugen.vul(lambda: _Programma(basis))


def besluit_van(casus: Casus, basis: Regelbasis, vrije_dagen: Collection[dt.date] = ()) -> Besluit:
    """``evalueer(casus, basis, vrije_dagen=vrije_dagen).besluit``, from the compiled rule base.

    The rule base is compiled once (kept in ``basis.geheugen``), and a bounded number of
    decisions are kept there, each under the *projection* of its case: the answers and the
    facts the rules read. A case with a projection decided before gets that decision with its
    own ``referentie`` and its ``opvolging`` dated from its own ``datum`` and ``vrije_dagen``:
    the ``Besluit`` a full evaluation gives. See the comment above ``_Programma``.
    """
    programma = basis.geheugen.inhoud
    if not isinstance(programma, _Programma):
        programma = _programma(basis)
    if not programma.bruikbaar:
        return evalueer(casus, basis, vrije_dagen=vrije_dagen).besluit
    sleutel = programma.sleutel(casus)
    if sleutel is None:
        return evalueer(casus, basis, vrije_dagen=vrije_dagen).besluit
    bewaard: tuple[Besluit, tuple[Any, ...]] | None = programma.besluiten.get(sleutel)
    if bewaard is None:
        # kept: the Besluit of the projection, no referentie, no date (nothing of one case)
        sjabloon = programma.besluit(sleutel)
        bewaard = (sjabloon, _velden(sjabloon))
        programma.besluiten.bewaar(sleutel, bewaard)
    sjabloon, velden = bewaard
    opvolging = sjabloon.opvolging
    datum = casus.datum
    if opvolging and datum is not None:
        opvolging = tuple([_gedateerd(o, datum, vrije_dagen) for o in opvolging])
    referentie = casus.referentie
    if referentie is None and opvolging is sjabloon.opvolging:
        return sjabloon
    return _besluit_met(velden, referentie, opvolging)


def _gedateerd(o: Opvolging, datum: dt.date, vrije_dagen: Collection[dt.date]) -> Opvolging:
    """``o`` dated ``o.werkdagen`` working days after ``datum``."""
    return _opvolging_op(o, werkdagen_na(datum, o.werkdagen, vrije_dagen))
