"""Compile a rule base into dataframe expressions: the same rule objects, a column at a time.

The pure engine evaluates each condition three-valued (true, false, unknown) for one case. Here
every condition becomes *two* boolean expressions over a whole frame — a dual-rail encoding:
``waar`` (the condition is true) and ``onwaar`` (it is false); a row where both are false is
unknown. Both rails are plain booleans without nulls, so they mean the same on every backend
narwhals supports (pandas, polars, Dask, ...), and the three-valued logic of the engine follows
from two identities: ``waar(Alle) = all waar``, ``onwaar(Alle) = any onwaar``, and the mirror for
``EenVan`` and ``Niet``.

Only what an output needs is built: asking for ``melden`` alone compiles the ``waar`` rails of
the rules that conclude it and nothing else. Constants fold (an absent flag column is ``False``
and disappears from the expression). A rule's status becomes an intermediate column, computed
after the rules whose decisions it reads (the rule base's dependency levels), so a shared rule is
evaluated once per row.

There is no second copy of the logic: the rules, their exceptions (``tenzij``), the questions'
reach and the choice of ``volgende_vraag`` are read from the same ``Regelbasis`` the engine uses,
and a property test checks the frame against ``beslis`` row by row.
"""

from __future__ import annotations

import enum
import functools
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeAlias, TypeVar

import narwhals as nw

from meldcode.domain.waarden import Beslispunt, Oordeel, Partij, SignaalBron, SoortSignaal, Vraag
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

__all__ = ["Uitdrukking", "Vertaler", "en", "niet", "of"]

_E = TypeVar("_E", bound=enum.Enum)

Uitdrukking: TypeAlias = nw.Expr | bool
"""A boolean column expression, or a constant that has been folded away."""


def en(*delen: Uitdrukking) -> Uitdrukking:
    """Conjunction with constant folding (``True`` parts vanish, one ``False`` decides)."""
    if any(d is False for d in delen):
        return False
    rest = [d for d in delen if not isinstance(d, bool)]
    if len(rest) > 2:  # one node for many parts: cheaper to translate than a chain of pairs
        return nw.all_horizontal(*rest, ignore_nulls=True)
    return functools.reduce(operator.and_, rest) if rest else True


def of(*delen: Uitdrukking) -> Uitdrukking:
    """Disjunction with constant folding (``False`` parts vanish, one ``True`` decides)."""
    if any(d is True for d in delen):
        return True
    rest = [d for d in delen if not isinstance(d, bool)]
    if len(rest) > 2:
        return nw.any_horizontal(*rest, ignore_nulls=True)
    return functools.reduce(operator.or_, rest) if rest else False


def niet(deel: Uitdrukking) -> Uitdrukking:
    """Negation with constant folding."""
    return (not deel) if isinstance(deel, bool) else ~deel


def expr(waarde: Uitdrukking) -> nw.Expr:
    """A column expression for ``waarde`` (a folded constant becomes a literal)."""
    return nw.lit(waarde) if isinstance(waarde, bool) else waarde


class Vertaler:
    """Translates one rule base into expressions over one frame's columns.

    ``antwoord(vraag)`` gives the column of an answer (``None``: the frame has no such column,
    every row unanswered), ``feit(pad)`` a boolean fact (an omstandigheid, ``kind.ongeboren``
    or a flag column; ``False`` when absent), and ``leeftijd()`` the child's age column.
    ``naam`` prefixes the intermediate columns, so that two rule bases can share one frame.
    """

    def __init__(
        self,
        basis: Regelbasis,
        *,
        antwoord: Callable[[Vraag], nw.Expr | None],
        feit: Callable[[str], Uitdrukking],
        leeftijd: Callable[[], nw.Expr | None],
        naam: str,
        heeft: Callable[[str], bool] = lambda _: True,
        inline: frozenset[tuple[str, bool]] = frozenset(),
    ) -> None:
        self.basis = basis
        self._inline = inline
        #: how often each rule status was asked for: (rule id, rail) -> count
        self.verwijzingen: dict[tuple[str, bool], int] = {}
        self._antwoord = antwoord
        self._feit = feit
        self._heeft = heeft
        self._leeftijd = leeftijd
        self.naam = naam
        self._rails: dict[tuple[int, bool], Uitdrukking] = {}
        self._open: dict[tuple[int, Vraag], Uitdrukking] = {}
        self._bereik: dict[tuple[Vraag, bool], Uitdrukking] = {}
        #: the intermediate columns that outputs refer to: name -> (level, expression); the
        #: reach of the questions comes first (negative levels, in the afwegingskader's order),
        #: then the rule statuses by dependency level
        self.tussenkolommen: dict[str, tuple[int, nw.Expr]] = {}
        self._status: dict[tuple[str, bool], Uitdrukking] = {}
        self._concluderen: dict[Beslispunt, list[Regel]] = {}
        for r in basis.regels:
            for p in r.dan.beslissingen:
                self._concluderen.setdefault(p, []).append(r)

    # --- conditions -----------------------------------------------------------------------------

    def rail(self, c: Conditie, waar: bool) -> Uitdrukking:
        """``waar=True``: where ``c`` is true; ``waar=False``: where ``c`` is false."""
        sleutel = (id(c), waar)
        if sleutel not in self._rails:
            self._rails[sleutel] = self._vertaal(c, waar)
        return self._rails[sleutel]

    def onbekend(self, c: Conditie) -> Uitdrukking:
        """Where ``c`` is unknown (neither true nor false)."""
        return en(niet(self.rail(c, True)), niet(self.rail(c, False)))

    def _vertaal(self, c: Conditie, waar: bool) -> Uitdrukking:
        match c:
            case Alle(delen):
                rails = [self.rail(d, waar) for d in delen]
                return en(*rails) if waar else of(*rails)
            case EenVan(delen):
                rails = [self.rail(d, waar) for d in delen]
                return of(*rails) if waar else en(*rails)
            case Niet(deel):
                return self.rail(deel, not waar)
            case Antwoord(vraag, waarden):
                return self._antwoord_rail(vraag, waarden, waar)
            case Beslist(punt):
                statussen = [self.status(r, waar) for r in self._concluderen.get(punt, [])]
                return of(*statussen) if waar else en(*statussen)
        feit = self._feit_van(c)
        return feit if waar else niet(feit)

    def _feit_van(self, c: Conditie) -> Uitdrukking:
        """A two-valued leaf: a circumstance, the child, a signal or consultation flag."""
        match c:
            case Omstandigheid(naam):
                return self._feit(f"omstandigheden.{naam}")
            case KindOngeboren():
                return self._feit("kind.ongeboren")
            case KindLeeftijdVanaf(jaren):
                leeftijd = self._leeftijd()
                return False if leeftijd is None else (leeftijd >= jaren).fill_null(False)
            case KindLeeftijdTot(jaren):
                leeftijd = self._leeftijd()
                return False if leeftijd is None else (leeftijd < jaren).fill_null(False)
            case ErIsSignaal(soorten, kenmerk):
                return self._signaal(soorten, kenmerk)
            case SignaalVan(bronnen):
                return of(*(self._feit(f"signaal.bron.{b.value}") for b in sorted_enum(bronnen)))
            case Geconsulteerd(partij):
                return self._feit(f"consultatie.{partij.value}")
        raise AssertionError(f"unknown condition {c!r}")  # pragma: no cover

    def _algemeen(self, algemeen: str, specifiek: Iterable[str]) -> Uitdrukking:
        """A general flag: its own column where the frame has one, else the specific flags."""
        if self._heeft(algemeen):
            return self._feit(algemeen)
        return of(*(self._feit(v) for v in specifiek))

    def _signaal(self, soorten: frozenset[SoortSignaal], kenmerk: str | None) -> Uitdrukking:
        """``ErIsSignaal`` over the flag columns.

        A flag column answers its own question; the more specific flags answer it where the
        frame has no column for it (``signaal.<soort>.<kenmerk>`` implies ``signaal.<soort>``
        and ``signaal.<kenmerk>``).
        """
        from meldcode.adapters.dataframe.plat import KENMERKEN

        def soort(s: SoortSignaal) -> Uitdrukking:
            return self._algemeen(
                f"signaal.{s.value}", (f"signaal.{s.value}.{k}" for k in KENMERKEN)
            )

        def met(k: str) -> Uitdrukking:
            return self._algemeen(f"signaal.{k}", (f"signaal.{s.value}.{k}" for s in SoortSignaal))

        if kenmerk is None and not soorten:  # any signal at all
            return of(
                *(soort(s) for s in SoortSignaal),
                *(met(k) for k in KENMERKEN),
                *(self._feit(f"signaal.bron.{b.value}") for b in SignaalBron),
            )
        if kenmerk is None:
            return of(*(soort(s) for s in sorted_enum(soorten)))
        if not soorten:
            return met(kenmerk)
        return of(*(self._feit(f"signaal.{s.value}.{kenmerk}") for s in sorted_enum(soorten)))

    def _antwoord_rail(self, vraag: Vraag, waarden: frozenset[Oordeel], waar: bool) -> Uitdrukking:
        kolom = self._antwoord(vraag)
        if waar:
            return False if kolom is None else _in(kolom, waarden)
        anders = frozenset(Oordeel) - waarden
        # unanswered: false only where the route has passed the question by (never a guess)
        voorbij = self.bereik(vraag, False)
        if kolom is None:
            return voorbij
        beantwoord_anders: Uitdrukking = _in(kolom, anders) if anders else False
        return of(beantwoord_anders, en(kolom.is_null(), voorbij))

    def bereik(self, vraag: Vraag, waar: bool) -> Uitdrukking:
        """Where the route reaches ``vraag`` (``waar``) or has passed it by (not ``waar``)."""
        sleutel = (vraag, waar)
        if sleutel not in self._bereik:
            voorwaarde = self.basis.afweging(vraag).voorwaarde
            waarde = waar if voorwaarde is None else self.rail(voorwaarde, waar)
            if not isinstance(waarde, bool):
                # a column of its own: the reach is read by every rule that reads the question
                kolom = f"{self.naam}bereik.{vraag.value}.{'waar' if waar else 'onwaar'}"
                plaats = [a.vraag for a in self.basis.vragen].index(vraag)
                self.tussenkolommen[kolom] = (plaats - len(self.basis.vragen), waarde)
                waarde = nw.col(kolom)
            self._bereik[sleutel] = waarde
        return self._bereik[sleutel]

    # --- rules ------------------------------------------------------------------------------------

    def status(self, regel: Regel, waar: bool) -> Uitdrukking:
        """Where ``regel`` fires (``waar``) or certainly does not (not ``waar``).

        A rule holds unless one of its exceptions (``tenzij``) is established. The result is an
        intermediate column, or the expression itself for a status in ``inline`` (asked for once,
        so a column would not save work), or a folded constant.
        """
        sleutel = (regel.id, waar)
        self.verwijzingen[sleutel] = self.verwijzingen.get(sleutel, 0) + 1
        if sleutel not in self._status:
            uitgezonderd = of(*(self.beslist(p) for p in sorted_enum(regel.tenzij)))
            if waar:
                waarde = en(niet(uitgezonderd), self.rail(regel.als, True))
            else:
                waarde = of(uitgezonderd, self.rail(regel.als, False))
            if isinstance(waarde, bool) or sleutel in self._inline:
                self._status[sleutel] = waarde
            else:
                kolom = f"{self.naam}{regel.id}.{'waar' if waar else 'onwaar'}"
                self.tussenkolommen[kolom] = (self.basis.niveaus[regel.id], waarde)
                self._status[sleutel] = nw.col(kolom)
        return self._status[sleutel]

    def beslist(self, punt: Beslispunt) -> Uitdrukking:
        """Where the decision ``punt`` is taken (some rule concluding it fires)."""
        return of(*(self.status(r, True) for r in self._concluderen.get(punt, [])))

    def contact(self, partij: Partij) -> Uitdrukking:
        """Where ``partij`` is among the contacts (some rule listing it fires)."""
        return of(*(self.status(r, True) for r in self.basis.regels if partij in r.dan.contacten))

    # --- outputs ----------------------------------------------------------------------------------

    def _open_vraag(self, c: Conditie, vraag: Vraag) -> Uitdrukking:
        """Where ``vraag`` is one of the unanswered questions that keep ``c`` unknown."""
        sleutel = (id(c), vraag)
        if sleutel in self._open:
            return self._open[sleutel]
        uit: Uitdrukking = False
        if isinstance(c, Antwoord):
            kolom = self._antwoord(c.vraag)
            onbeantwoord: Uitdrukking = True if kolom is None else kolom.is_null()
            hier = self.bereik(c.vraag, True) if c.vraag is vraag else False
            voorwaarde = self.basis.afweging(c.vraag).voorwaarde
            verder: Uitdrukking = False
            if voorwaarde is not None:
                onzeker = en(niet(self.bereik(c.vraag, True)), niet(self.bereik(c.vraag, False)))
                verder = en(onzeker, self._open_vraag(voorwaarde, vraag))
            uit = en(onbeantwoord, of(hier, verder))
        elif isinstance(c, Alle | EenVan):
            uit = of(*(en(self.onbekend(d), self._open_vraag(d, vraag)) for d in c.delen))
        elif isinstance(c, Niet):
            uit = self._open_vraag(c.deel, vraag)
        self._open[sleutel] = uit
        return uit

    def volgende_vraag(
        self, genomen: Mapping[Beslispunt, Uitdrukking], contacten: Mapping[Partij, Uitdrukking]
    ) -> nw.Expr:
        """The first question, in the afwegingskader's order, that can still add a decision.

        ``genomen`` and ``contacten`` are the (already computed) decisions and contacts.
        """
        kandidaten: dict[Vraag, list[Uitdrukking]] = {}
        for regel in self.basis.regels:
            if not (regel.dan.beslissingen or regel.dan.contacten):
                continue
            nieuw = of(
                *(niet(genomen[p]) for p in sorted_enum(regel.dan.beslissingen)),
                *(niet(contacten[p]) for p in regel.dan.contacten),
            )
            onzeker = en(niet(self.status(regel, True)), niet(self.status(regel, False)), nieuw)
            if onzeker is False:
                continue
            for afweging in self.basis.vragen:
                kandidaten.setdefault(afweging.vraag, []).append(
                    en(onzeker, self._open_vraag(regel.als, afweging.vraag))
                )
        uit: nw.Expr = nw.lit(None, dtype=nw.String)
        for afweging in reversed(self.basis.vragen):
            kandidaat = of(*kandidaten.get(afweging.vraag, []))
            if kandidaat is False:
                continue
            if kandidaat is True:
                uit = nw.lit(afweging.vraag.value, dtype=nw.String)
            else:
                uit = nw.when(kandidaat).then(nw.lit(afweging.vraag.value)).otherwise(uit)
        return uit

    def eerste_regel(self, regels: Sequence[Regel]) -> nw.Expr:
        """The id of the first of ``regels`` (in rule base order) that fires, else null."""
        uit: nw.Expr = nw.lit(None, dtype=nw.String)
        for regel in reversed(regels):
            vuurt = self.status(regel, True)
            if vuurt is False:
                continue
            if vuurt is True:
                uit = nw.lit(regel.id, dtype=nw.String)
            else:
                uit = nw.when(vuurt).then(nw.lit(regel.id)).otherwise(uit)
        return uit

    def lijst(self, delen: Iterable[tuple[str, Uitdrukking]]) -> nw.Expr:
        """A comma-separated text of the names whose expression holds ("" when none does)."""
        stukken = [
            nw.lit(naam) if waarde is True else nw.when(waarde).then(nw.lit(naam))
            for naam, waarde in delen
            if waarde is not False
        ]
        if not stukken:
            return nw.lit("", dtype=nw.String)
        return nw.concat_str(stukken, separator=",", ignore_nulls=True)


def _in(kolom: nw.Expr, waarden: frozenset[Oordeel]) -> nw.Expr:
    """Where the answer is one of ``waarden`` (never null: an unanswered question is not).

    Comparisons rather than ``is_in``: on a categorical column (what pandas keeps answers in)
    an equality compares codes, while ``is_in`` decodes the column first.
    """
    vergelijkingen = [kolom == w.value for w in sorted(waarden, key=lambda w: w.value)]
    return functools.reduce(operator.or_, vergelijkingen).fill_null(False)


def sorted_enum(waarden: Iterable[_E]) -> list[_E]:
    """Enum members in a stable order (by value), so the compiled expressions are reproducible."""
    return sorted(waarden, key=lambda w: str(w.value))
