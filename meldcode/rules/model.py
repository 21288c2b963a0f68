"""The rule language: conditions as data, rules with their source beside them, and the rule base.

A condition is a small tree of frozen objects (never a string that gets evaluated), so the same
rule base can be evaluated here, compiled to a rete engine, or turned into dataframe expressions.
A ``Regelbasis`` checks itself when it is built and raises ``OngeldigeRegelbasis`` on duplicate
ids, unknown references, cycles, or two rules that can conclude incompatible decisions without a
declared exception (``tenzij``).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import TypeAlias, TypeVar, cast

from attrs import field, frozen

from meldcode.domain.besluit import Actie, Contactgegevens, Grond, Waarschuwing
from meldcode.domain.casus import MAX_LEEFTIJD
from meldcode.domain.feiten import VLAGGEN
from meldcode.domain.waarden import (
    Beslispunt,
    Oordeel,
    Partij,
    Protocol,
    Rol,
    SignaalBron,
    SoortSignaal,
    Taak,
    Vraag,
)
from meldcode.errors import OngeldigeInvoer, OngeldigeRegelbasis

__all__ = [
    "AFGELEID",
    "Afgeleid",
    "Afweging",
    "Alle",
    "Antwoord",
    "Atoom",
    "Beslist",
    "Bron",
    "Conclusie",
    "Conditie",
    "EenVan",
    "ErIsSignaal",
    "Geconsulteerd",
    "Geheugen",
    "KindLeeftijdTot",
    "KindLeeftijdVanaf",
    "KindOngeboren",
    "Leeftijd",
    "Niet",
    "Omstandigheid",
    "Opdracht",
    "Opvolgtermijn",
    "Primitief",
    "Regel",
    "Regelbasis",
    "SignaalVan",
    "Vlag",
    "Waarschuwt",
    "antwoorden",
    "beslispunten_in",
    "verlaagd",
    "vragen_in",
]

_T = TypeVar("_T")
_BESTAND = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")
_ID = re.compile(r"^[a-z0-9+-]+(\.[a-z0-9-]+)+$")
_VLAGGEN = frozenset(VLAGGEN)


# --- conditions -----------------------------------------------------------------------------
#
# The primitive leaves are ``Antwoord`` (an answer, three-valued: see there), ``Vlag`` (a named
# boolean fact of the case, ``meldcode.domain.feiten``), ``Leeftijd`` (the child's age) and
# ``Beslist`` (another decision). Every other leaf says something in the sources' own terms
# and *lowers* itself to primitives (``verlaag``); the engines only ever see primitives, so a
# new kind of leaf is one class here with its ``verlaag`` (and, if it reads a new fact of a
# case, that fact's flag in ``meldcode.domain.feiten``).


@frozen
class Antwoord:
    """True when ``vraag`` is answered with one of ``waarden``.

    An unanswered question is *unknown* while the afwegingskader can still reach it, and false
    once the route has passed it by (its ``voorwaarde`` is false): the engine never guesses.
    """

    vraag: Vraag
    waarden: frozenset[Oordeel]


@frozen
class Vlag:
    """True when the named fact of the case holds (a name of ``meldcode.domain.feiten.VLAGGEN``)."""

    pad: str


@frozen
class Leeftijd:
    """True when the child's age is known and at least ``vanaf`` and below ``tot`` (if given)."""

    vanaf: int | None = None
    tot: int | None = None


@frozen
class Omstandigheid:
    """True when the named boolean of ``Omstandigheden`` is set."""

    naam: str

    def verlaag(self) -> Conditie:
        """The same condition in primitives."""
        return Vlag(f"omstandigheden.{self.naam}")


@frozen
class ErIsSignaal:
    """True when a signal has one of ``soorten`` (any if empty) and, if given, ``kenmerk``."""

    soorten: frozenset[SoortSignaal] = frozenset()
    kenmerk: str | None = None

    def verlaag(self) -> Conditie:
        """The same condition in primitives (one flag per soort, in a stable order)."""
        soorten = sorted(self.soorten, key=lambda s: s.value)
        if self.kenmerk is None:
            return EenVan(tuple(Vlag(f"signaal.{s.value}") for s in soorten or SoortSignaal))
        if not soorten:
            return Vlag(f"signaal.{self.kenmerk}")
        return EenVan(tuple(Vlag(f"signaal.{s.value}.{self.kenmerk}") for s in soorten))


@frozen
class KindLeeftijdVanaf:
    """True when the child's age is known and at least ``jaren``."""

    jaren: int

    def verlaag(self) -> Conditie:
        """The same condition in primitives."""
        return Leeftijd(vanaf=self.jaren)


@frozen
class KindOngeboren:
    """True when the child is not yet born."""

    def verlaag(self) -> Conditie:
        """The same condition in primitives."""
        return Vlag("kind.ongeboren")


@frozen
class KindLeeftijdTot:
    """True when the child's age is known and below ``jaren`` (``KindLeeftijdTot(1)``: newborn)."""

    jaren: int

    def verlaag(self) -> Conditie:
        """The same condition in primitives."""
        return Leeftijd(tot=self.jaren)


@frozen
class SignaalVan:
    """True when a signal's information comes from one of ``bronnen`` (e.g. the child itself)."""

    bronnen: frozenset[SignaalBron]

    def verlaag(self) -> Conditie:
        """The same condition in primitives (one flag per bron, in a stable order)."""
        bronnen = sorted(self.bronnen, key=lambda b: b.value)
        return EenVan(tuple(Vlag(f"signaal.bron.{b.value}") for b in bronnen))


@frozen
class Geconsulteerd:
    """True when the case records a consultation with ``partij`` (anonymous or not)."""

    partij: Partij

    def verlaag(self) -> Conditie:
        """The same condition in primitives."""
        return Vlag(f"consultatie.{self.partij.value}")


@frozen
class Beslist:
    """True when another decision of the same ``Besluit`` is taken (rules may build on rules)."""

    punt: Beslispunt


@frozen
class Alle:
    """True when all parts are true (three-valued: unknown if none is false and one unknown)."""

    delen: tuple[Conditie, ...]


@frozen
class EenVan:
    """True when one of the parts is true (three-valued)."""

    delen: tuple[Conditie, ...]


@frozen
class Niet:
    """True when the part is false (three-valued)."""

    deel: Conditie


Primitief: TypeAlias = Antwoord | Vlag | Leeftijd | Beslist
"""A leaf the engines read directly."""

Afgeleid: TypeAlias = (
    Omstandigheid
    | ErIsSignaal
    | KindLeeftijdVanaf
    | KindLeeftijdTot
    | KindOngeboren
    | SignaalVan
    | Geconsulteerd
)
"""A leaf in the sources' own terms, that lowers itself to primitives (``verlaag``)."""

Atoom: TypeAlias = Primitief | Afgeleid
"""A leaf condition: one fact of the case (or one decision); the one list of leaf types."""

#: a rule's condition (three-valued): a leaf (``Atoom``) or ``Alle``, ``EenVan`` or ``Niet``
#: of conditions
Conditie: TypeAlias = Atoom | Alle | EenVan | Niet

#: the leaf types in the sources' own terms (each has ``verlaag``)
AFGELEID: tuple[type, ...] = (
    Omstandigheid,
    ErIsSignaal,
    KindLeeftijdVanaf,
    KindLeeftijdTot,
    KindOngeboren,
    SignaalVan,
    Geconsulteerd,
)


def verlaagd(conditie: Conditie) -> Conditie:
    """``conditie`` with every leaf in the sources' terms replaced by its primitives."""
    if isinstance(conditie, Alle):
        return Alle(tuple(verlaagd(d) for d in conditie.delen))
    if isinstance(conditie, EenVan):
        return EenVan(tuple(verlaagd(d) for d in conditie.delen))
    if isinstance(conditie, Niet):
        return Niet(verlaagd(conditie.deel))
    if isinstance(conditie, Antwoord | Vlag | Leeftijd | Beslist):
        return conditie
    return verlaagd(conditie.verlaag())


def antwoorden(vraag: Vraag, *waarden: str) -> Antwoord:
    """Shorthand: ``antwoorden(Vraag.VERMOEDEN, "ja", "twijfel")``."""
    return Antwoord(vraag, frozenset(Oordeel(w) for w in waarden))


def _delen(conditie: Conditie) -> Iterator[Conditie]:
    yield conditie
    if isinstance(conditie, Alle | EenVan):
        for deel in conditie.delen:
            yield from _delen(deel)
    elif isinstance(conditie, Niet):
        yield from _delen(conditie.deel)


def vragen_in(conditie: Conditie) -> frozenset[Vraag]:
    """Every question a condition looks at."""
    return frozenset(d.vraag for d in _delen(conditie) if isinstance(d, Antwoord))


def beslispunten_in(conditie: Conditie) -> frozenset[Beslispunt]:
    """Every decision a condition builds on."""
    return frozenset(d.punt for d in _delen(conditie) if isinstance(d, Beslist))


def _conjuncten(conditie: Conditie) -> Iterator[Conditie]:
    if isinstance(conditie, Alle):
        for deel in conditie.delen:
            yield from _conjuncten(deel)
    else:
        yield conditie


def _disjunct(a: Conditie, b: Conditie) -> bool:
    """Tell, conservatively, whether ``a`` and ``b`` can never hold together.

    True when both require an answer to the same question from disjoint sets of values.
    """
    eisen_a = {c.vraag: c.waarden for c in _conjuncten(a) if isinstance(c, Antwoord)}
    for c in _conjuncten(b):
        if isinstance(c, Antwoord) and c.vraag in eisen_a and not (eisen_a[c.vraag] & c.waarden):
            return True
    return False


# --- rules ----------------------------------------------------------------------------------


@frozen
class Bron:
    """Where a rule comes from: a file of ``shared/sources`` and the section within it."""

    bestand: str
    sectie: str

    def __str__(self) -> str:
        return f"{self.bestand}, {self.sectie}"


@frozen(kw_only=True)
class Opdracht:
    """An action a rule assigns: the task, the role that carries it out, the party concerned."""

    taak: Taak
    rol: Rol
    partij: Partij | None = None
    advies: bool = False


@frozen(kw_only=True)
class Opvolgtermijn:
    """A follow-up a rule sets: the task and the number of working days it must take at most."""

    taak: Taak
    werkdagen: int
    partij: Partij | None = None


@frozen(kw_only=True)
class Waarschuwt:
    """A warning a rule raises: the case contradicts itself. A stable code and a Dutch text."""

    code: str
    tekst: str


@frozen(kw_only=True)
class Conclusie:
    """What a rule concludes: decisions that become true, parties to contact, and more.

    ``acties`` assign tasks to roles, ``opvolging`` sets dated follow-ups,
    ``ontbrekende_consultaties`` names consultations that are required but not recorded, and
    ``waarschuwingen`` say what in the case contradicts itself.
    """

    beslissingen: frozenset[Beslispunt] = frozenset()
    contacten: tuple[Partij, ...] = ()
    acties: tuple[Opdracht, ...] = ()
    opvolging: tuple[Opvolgtermijn, ...] = ()
    ontbrekende_consultaties: tuple[Partij, ...] = ()
    waarschuwingen: tuple[Waarschuwt, ...] = ()


@frozen(kw_only=True)
class Regel:
    """One instruction of the sources, as data.

    ``id`` is stable (it appears in every ``Besluit``'s grounds). ``citaat`` is the source's own
    words, verbatim. ``tenzij`` names decisions that, when taken, override this rule (the
    declared exception of default logic). ``toelichting`` is the Dutch explanation shown to
    professionals.
    """

    id: str
    protocollen: frozenset[Protocol]
    bron: Bron
    citaat: str
    als: Conditie
    dan: Conclusie
    tenzij: frozenset[Beslispunt] = frozenset()
    toelichting: str = ""

    @property
    def afhankelijk_van(self) -> frozenset[Beslispunt]:
        """The decisions this rule reads (in its condition or as exceptions)."""
        return beslispunten_in(self.als) | self.tenzij


@frozen(kw_only=True)
class Afweging:
    """A question of the weging, in the afwegingskader's order.

    ``voorwaarde`` says when the route reaches the question (``None``: always). A question whose
    ``voorwaarde`` is false is not asked, and counts as not applicable.
    """

    vraag: Vraag
    naam: str
    tekst: str
    voorwaarde: Conditie | None = None


# --- room for what the engine derives from a rule base ------------------------------------


class Geheugen:
    """Room, per rule base, for the forms derived from it and what the engines remember.

    Filled on first use (``vul``) with, by name, the rule base's circuit
    (``meldcode.rules.semantiek``), the compiled engine's program and bounded memo of
    decisions (``meldcode.rules.gecompileerd``), the count of cases ``beslis`` evaluated in
    full before compiling (``meldcode.rules.beslis.VOOR_COMPILATIE``), and adapters'
    translations. It is never part of
    the rule base's value (equality, hash, repr), holds no case (only projections of cases and
    the decisions they get), and a copy or a pickle of it starts empty. Safe to use from
    several threads.
    """

    __slots__ = ("_inhoud", "_slot")

    def __init__(self) -> None:
        self._inhoud: dict[str, object] = {}
        self._slot = threading.RLock()  # one derived form may be made from another

    def vul(self, naam: str, maak: Callable[[], _T]) -> _T:
        """The content named ``naam``, made by ``maak`` on first use (once, also in a race)."""
        inhoud = self._inhoud.get(naam)
        if inhoud is None:
            with self._slot:
                inhoud = self._inhoud.get(naam)
                if inhoud is None:
                    inhoud = maak()
                    self._inhoud[naam] = inhoud
        return cast(_T, inhoud)

    def heeft(self, naam: str) -> bool:
        """Whether the content named ``naam`` has been made (without making it)."""
        return naam in self._inhoud

    def lees(self, naam: str) -> object | None:
        """The content named ``naam`` if it has been made, else ``None`` (it is not made)."""
        return self._inhoud.get(naam)

    @property
    def leeg(self) -> bool:
        """``True`` when nothing has been derived yet (or everything was forgotten)."""
        return not self._inhoud

    def wis(self) -> None:
        """Forget everything: the next decision derives it again (a cold start, for benchmarks)."""
        with self._slot:
            self._inhoud.clear()

    def __reduce__(self) -> tuple[type[Geheugen], tuple[()]]:
        return (Geheugen, ())

    def __repr__(self) -> str:
        return f"Geheugen({', '.join(sorted(self._inhoud)) or 'leeg'})"


# --- the rule base --------------------------------------------------------------------------


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise OngeldigeRegelbasis(message)


@frozen(kw_only=True)
class Regelbasis:
    """The rules and questions of one protocol, checked when built.

    ``onverenigbaar`` lists pairs of decisions that may never both be true; ``contactvolgorde``
    orders ``contacten`` by urgency. ``volgorde`` (derived) is an evaluation order in which
    every rule comes after the rules whose decisions it reads; ``afhankelijkheden`` (derived)
    maps each rule id to the decisions it reads; ``niveaus`` (derived) maps each rule id to its
    stratum: 0 for a rule that reads no decision, else one more than the highest stratum of the
    rules concluding a decision it reads (an engine may evaluate a whole stratum at once).

    Derived once when the rule base is built, so that an evaluation only looks them up:
    ``gronden`` (each rule's ``Grond``), ``acties`` (each rule's ``Actie``s) and
    ``waarschuwingen`` (each rule's ``Waarschuwing``s). ``geheugen``
    is room for what the engine derives from this rule base on first use and the bounded memo
    of decisions it keeps (see ``Geheugen`` and ``meldcode.rules.gecompileerd``).

    An organisation profile adds its ``profiel`` name, its ``sociale_kaart`` (to resolve
    ``contacten`` to phone numbers) and its ``rolnamen`` (e.g. the aandachtsfunctionaris is the
    zorgcoördinator).
    """

    protocol: Protocol
    regels: tuple[Regel, ...]
    vragen: tuple[Afweging, ...]
    onverenigbaar: frozenset[frozenset[Beslispunt]] = frozenset()
    contactvolgorde: tuple[Partij, ...] = tuple(Partij)
    profiel: str | None = None
    sociale_kaart: tuple[Contactgegevens, ...] = ()
    rolnamen: tuple[tuple[Rol, str], ...] = ()
    volgorde: tuple[Regel, ...] = field(init=False, eq=False, repr=False)
    afhankelijkheden: Mapping[str, frozenset[Beslispunt]] = field(init=False, eq=False, repr=False)
    niveaus: Mapping[str, int] = field(init=False, eq=False, repr=False)
    gronden: Mapping[str, Grond] = field(init=False, eq=False, repr=False)
    acties: Mapping[str, tuple[Actie, ...]] = field(init=False, eq=False, repr=False)
    waarschuwingen: Mapping[str, tuple[Waarschuwing, ...]] = field(init=False, eq=False, repr=False)
    geheugen: Geheugen = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        self._check_vragen()
        for regel in self.regels:
            self._check_regel(regel)
        ids = [r.id for r in self.regels]
        dubbel = sorted({i for i in ids if ids.count(i) > 1})
        _check(not dubbel, f"duplicate rule ids: {', '.join(dubbel)}")
        self._check_onverenigbaar()
        self._check_profiel()
        object.__setattr__(self, "volgorde", self._sorteer())
        # derived once here, so that an evaluation does not walk every condition tree again
        object.__setattr__(self, "afhankelijkheden", {r.id: r.afhankelijk_van for r in self.regels})
        object.__setattr__(self, "niveaus", self._niveaus())
        gronden: dict[str, Grond] = {}
        acties: dict[str, tuple[Actie, ...]] = {}
        waarschuwingen: dict[str, tuple[Waarschuwing, ...]] = {}
        for r in self.regels:
            try:
                gronden[r.id] = Grond(
                    regel=r.id,
                    bestand=r.bron.bestand,
                    sectie=r.bron.sectie,
                    citaat=r.citaat,
                    toelichting=r.toelichting,
                )
                acties[r.id] = tuple(
                    Actie(taak=o.taak, rol=o.rol, partij=o.partij, advies=o.advies, regel=r.id)
                    for o in r.dan.acties
                )
                waarschuwingen[r.id] = tuple(
                    Waarschuwing(code=w.code, tekst=w.tekst, regel=r.id)
                    for w in r.dan.waarschuwingen
                )
            except OngeldigeInvoer as exc:
                raise OngeldigeRegelbasis(f"rule {r.id!r}: {exc}") from None
        object.__setattr__(self, "gronden", gronden)
        object.__setattr__(self, "acties", acties)
        object.__setattr__(self, "waarschuwingen", waarschuwingen)
        object.__setattr__(self, "geheugen", Geheugen())

    def afgeleid(self, naam: str, maak: Callable[[], _T]) -> _T:
        """A form derived from this rule base, made by ``maak`` once and kept (``geheugen``)."""
        return self.geheugen.vul(naam, maak)

    def regel(self, regel_id: str) -> Regel:
        """The rule with this id; ``KeyError`` when there is none."""
        for r in self.regels:
            if r.id == regel_id:
                return r
        raise KeyError(regel_id)

    def afweging(self, vraag: Vraag) -> Afweging:
        """The question entry for ``vraag``; ``KeyError`` when this protocol does not ask it."""
        for a in self.vragen:
            if a.vraag is vraag:
                return a
        raise KeyError(vraag)

    def _check_vragen(self) -> None:
        gezien: list[Vraag] = []
        for a in self.vragen:
            _check(a.vraag not in gezien, f"question {a.vraag.value!r} listed twice")
            if a.voorwaarde is not None:
                later = vragen_in(a.voorwaarde) - set(gezien)
                _check(
                    not later,
                    f"the voorwaarde of {a.vraag.value!r} reads a question that is not asked "
                    f"before it: {sorted(v.value for v in later)}",
                )
                _check(
                    not beslispunten_in(a.voorwaarde),
                    f"the voorwaarde of {a.vraag.value!r} may only read earlier answers",
                )
            gezien.append(a.vraag)

    def _check_regel(self, regel: Regel) -> None:
        where = f"rule {regel.id!r}"
        _check(bool(_ID.match(regel.id)), f"{where}: id must look like 'protocol.step.name'")
        _check(self.protocol in regel.protocollen, f"{where} does not belong to {self.protocol}")
        _check(bool(_BESTAND.match(regel.bron.bestand)), f"{where}: unknown source file name")
        _check(bool(regel.bron.sectie.strip()), f"{where}: the bron has no section")
        _check(bool(regel.citaat.strip()), f"{where}: the citaat is empty")
        gevraagd = {a.vraag for a in self.vragen}
        onbekend = vragen_in(regel.als) - gevraagd
        _check(
            not onbekend,
            f"{where} reads questions this protocol does not ask: "
            f"{sorted(v.value for v in onbekend)}",
        )
        self._check_conditie(regel.als, where)
        for partij in regel.dan.contacten:
            _check(partij in self.contactvolgorde, f"{where}: {partij.value} has no urgency rank")
        for partij in regel.dan.ontbrekende_consultaties:
            _check(partij in self.contactvolgorde, f"{where}: {partij.value} has no urgency rank")
        for termijn in regel.dan.opvolging:
            _check(
                1 <= termijn.werkdagen <= 366,
                f"{where}: a termijn must be 1 to 366 working days (got {termijn.werkdagen!r})",
            )

    def _check_conditie(self, conditie: Conditie, where: str) -> None:
        """Every leaf lowers to primitives the engines can read, with facts a case has."""
        for deel in _delen(conditie):
            _check(
                isinstance(deel, Alle | EenVan | Niet | Antwoord | Vlag | Leeftijd | Beslist)
                or callable(getattr(deel, "verlaag", None)),
                f"{where}: a condition of unknown type {type(deel).__name__!r} "
                "(a leaf must be a primitive or say what it means in primitives: 'verlaag')",
            )
        primitief = verlaagd(conditie)
        for deel in _delen(primitief):
            if isinstance(deel, Vlag):
                _check(deel.pad in _VLAGGEN, f"{where}: unknown fact {deel.pad!r}")
            elif isinstance(deel, Leeftijd):
                for jaren in (deel.vanaf, deel.tot):
                    _check(
                        jaren is None or 0 <= jaren <= MAX_LEEFTIJD,
                        f"{where}: an age must be 0 to {MAX_LEEFTIJD} years (got {jaren!r})",
                    )
            elif isinstance(deel, Alle | EenVan):
                _check(bool(deel.delen), f"{where}: an empty Alle or EenVan")

    def rolnaam(self, rol: Rol) -> str | None:
        """The organisation's own name for ``rol`` (``None``: the profile does not name it)."""
        return dict(self.rolnamen).get(rol)

    def _check_profiel(self) -> None:
        # a party may have several entries (e.g. one Sociaal Team per area); all are listed
        for k in self.sociale_kaart:
            _check(
                k.partij in self.contactvolgorde,
                f"the sociale kaart lists {k.partij.value!r}, which has no urgency rank",
            )
        rollen = [r for r, _ in self.rolnamen]
        _check(len(rollen) == len(set(rollen)), "a role is named twice in rolnamen")

    def _check_onverenigbaar(self) -> None:
        regels = self.regels
        for i, a in enumerate(regels):
            for b in regels[i + 1 :]:
                for pa in a.dan.beslissingen:
                    for pb in b.dan.beslissingen:
                        if frozenset((pa, pb)) not in self.onverenigbaar:
                            continue
                        gedekt = pb in a.tenzij or pa in b.tenzij or _disjunct(a.als, b.als)
                        _check(
                            gedekt,
                            f"rules {a.id!r} and {b.id!r} can conclude the incompatible "
                            f"decisions {pa.value!r} and {pb.value!r}: declare one an exception "
                            "(tenzij) of the other",
                        )

    def _niveaus(self) -> dict[str, int]:
        """Each rule's stratum, from ``volgorde`` (every rule after the rules it reads)."""
        niveau: dict[str, int] = {}
        concluderen: dict[Beslispunt, list[str]] = {}
        for r in self.volgorde:
            niveau[r.id] = max(
                (
                    niveau[i] + 1
                    for p in self.afhankelijkheden[r.id]
                    for i in concluderen.get(p, [])
                ),
                default=0,
            )
            for p in r.dan.beslissingen:
                concluderen.setdefault(p, []).append(r.id)
        return niveau

    def _sorteer(self) -> tuple[Regel, ...]:
        """Order the rules so that each comes after the rules that conclude what it reads."""
        concluderen: dict[Beslispunt, list[Regel]] = {}
        for r in self.regels:
            for p in r.dan.beslissingen:
                concluderen.setdefault(p, []).append(r)
        klaar: list[Regel] = []
        gedaan: set[str] = set()
        bezig: set[str] = set()

        def bezoek(r: Regel, pad: tuple[str, ...]) -> None:
            if r.id in gedaan:
                return
            _check(r.id not in bezig, f"cycle between rules: {' -> '.join((*pad, r.id))}")
            bezig.add(r.id)
            for p in sorted(r.afhankelijk_van, key=lambda b: b.value):
                for voor in concluderen.get(p, []):
                    bezoek(voor, (*pad, r.id))
            bezig.discard(r.id)
            gedaan.add(r.id)
            klaar.append(r)

        for r in self.regels:
            bezoek(r, ())
        return tuple(klaar)
