"""Rails (``meldcode.adapters.dataframe.vertaling``) as column expressions: polars or narwhals.

Both speak the same expression language (narwhals copies polars'), so one translator serves
both: ``ns`` is the ``polars`` or the ``narwhals`` module. A polars frame gets polars'
own expressions, kept per rule base, frame schema and requested columns, so that a call costs
no more than running them; every other frame (pandas through narwhals, Dask, ...) gets
narwhals expressions.

Nulls: a leaf reads a column that may hold nulls (an unanswered question, an empty flag cell).
On polars, a null stands for false where it does not matter: Kleene's ``and`` and ``or`` keep
"null means false" (``null & false`` is false, ``null | true`` is true), so a null is filled
only before a negation and at an output; narwhals fills at the leaves, the same on every
backend. A node read by more than one output or node becomes an intermediate column when
``delen`` is set, so that it is computed once per row.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from typing import Any

from attrs import frozen

from meldcode.adapters.dataframe.vertaling import (
    ANTWOORD,
    BEANTWOORD,
    EN,
    GROEP,
    GROEPEN_PER_WOORD,
    LEEFTIJD,
    NIET,
    OF,
    VLAG,
    Eerste,
    Lijst,
    Rails,
    Ref,
    Tekst,
    Uit,
    Waar,
    groepteksten,
    oordelen,
)
from meldcode.domain.waarden import Vraag

__all__ = ["Expressies", "Kolommen", "Opzoeking", "kies"]


@frozen
class Kolommen:
    """Where a frame holds the leaves: the column of each answer, the columns of each flag.

    ``vlaggen[pad]`` are the boolean columns whose ``or`` is the flag (its own column, or the
    more specific flags where the frame has none, or columns decoded from JSON); absent: false.
    ``leeftijd`` is the age column. ``codes`` names the answer columns held as codes (an Arrow
    dictionary's indices, read without converting them), with the answer each code stands for.
    Hashable: part of the key of a kept translation.
    """

    antwoorden: tuple[tuple[Vraag, str], ...]
    vlaggen: tuple[tuple[str, tuple[str, ...]], ...]
    leeftijd: str | None
    codes: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def labels(self, naam: str) -> tuple[str, ...] | None:
        """The answer of each code of the column ``naam`` (``None``: it holds the answers)."""
        for n, labels in self.codes:
            if n == naam:
                return labels
        return None

    def antwoord(self, vraag: Vraag) -> str | None:
        """The column of ``vraag``'s answer (``None``: every row unanswered)."""
        for v, naam in self.antwoorden:
            if v is vraag:
                return naam
        return None

    def vlag(self, pad: str) -> tuple[str, ...]:
        """The columns whose ``or`` is the flag ``pad`` (none: false)."""
        for p, namen in self.vlaggen:
            if p == pad:
                return namen
        return ()


@frozen
class Opzoeking:
    """polars: a long list column made once per distinct row, then joined to every row.

    ``sleutels`` are the key columns (name, expression): the list's groups of eight parts as
    bits, eight groups to a 64-bit number. ``tekst`` computes the text from the key columns,
    evaluated on the distinct keys only; the join names it ``kolom``.
    """

    sleutels: tuple[tuple[str, Any], ...]
    tekst: Any
    kolom: str


class Expressies:
    """Translate rails into expressions of ``ns`` (``polars`` or ``narwhals``) over a frame."""

    def __init__(
        self,
        ns: Any,
        rails: Rails,
        kolommen: Kolommen,
        *,
        polars: bool,
        naam: str,
        delen: bool,
        wortels: Sequence[Ref],
    ) -> None:
        self.ns = ns
        self.rails = rails
        self.kolommen = kolommen
        self.polars = polars
        self.naam = naam
        self._gebruik = rails.gebruik(wortels) if delen else {}
        self._klaar: dict[int, tuple[Any, bool, int]] = {}
        #: intermediate columns per stage (a stage reads only columns of earlier stages)
        self.stadia: list[list[Any]] = []
        self.tussen: list[str] = []
        #: long list columns made per distinct row (polars; see ``Opzoeking``)
        self.opzoekingen: list[Opzoeking] = []

    # --- rails ------------------------------------------------------------------------------

    def rail(self, ref: Ref) -> tuple[Any, bool, int]:
        """``(expression, may be null meaning false, stage it needs)`` of a rail."""
        if isinstance(ref, bool):
            return self.ns.lit(ref), False, 0
        klaar = self._klaar.get(ref)
        if klaar is None:
            klaar = self._maak(ref)
            if self._gebruik.get(ref, 0) > 1 and not self._kolom(ref):
                expr, nul, stadium = klaar
                kolom = f"{self.naam}r{ref}"
                while len(self.stadia) <= stadium:
                    self.stadia.append([])
                self.stadia[stadium].append(expr.alias(kolom))
                self.tussen.append(kolom)
                klaar = (self.ns.col(kolom), nul, stadium + 1)
            self._klaar[ref] = klaar
        return klaar

    def _kolom(self, ref: int) -> bool:
        """Whether a rail is a column as it is (a flag read from one column): nothing to keep."""
        k = self.rails.knopen[ref]
        return k[0] == VLAG and len(self.kolommen.vlag(k[1])) <= 1

    def _maak(self, i: int) -> tuple[Any, bool, int]:
        k = self.rails.knopen[i]
        soort = k[0]
        ns = self.ns
        if soort in (EN, OF):
            delen = [self.rail(d) for d in k[1]]
            exprs = [e for e, _, _ in delen]
            nul = any(n for _, n, _ in delen)
            stadium = max(s for _, _, s in delen)
            if len(exprs) > 2:
                horizontaal = ns.all_horizontal if soort == EN else ns.any_horizontal
                expr = (
                    horizontaal(*exprs) if self.polars else horizontaal(*exprs, ignore_nulls=True)
                )
            else:
                expr = exprs[0] & exprs[1] if soort == EN else exprs[0] | exprs[1]
            return expr, nul, stadium
        if soort == NIET:
            expr, nul, stadium = self.rail(k[1])
            return ~(expr.fill_null(False) if nul else expr), False, stadium
        return (*self._blad(k), 0)

    def _blad(self, k: tuple[Any, ...]) -> tuple[Any, bool]:
        ns = self.ns
        soort = k[0]
        if soort == VLAG:
            namen = self.kolommen.vlag(k[1])
            if not namen:
                return ns.lit(False), False
            kolommen = [ns.col(n) for n in namen]
            if not self.polars:
                kolommen = [c.fill_null(False) for c in kolommen]
            if len(kolommen) == 1:
                return kolommen[0], self.polars
            if self.polars:
                return ns.any_horizontal(*kolommen), True
            return ns.any_horizontal(*kolommen, ignore_nulls=True), False
        if soort == LEEFTIJD:
            naam = self.kolommen.leeftijd
            if naam is None:
                return ns.lit(False), False
            col = ns.col(naam)
            _, vanaf, tot = k
            delen = [
                *(() if vanaf is None else (col >= vanaf,)),
                *(() if tot is None else (col < tot,)),
            ]
            if not delen:  # pragma: no cover - an age range always has a bound
                delen = [~col.is_null()]
            expr = delen[0] if len(delen) == 1 else delen[0] & delen[1]
            return (expr, True) if self.polars else (expr.fill_null(False), False)
        naam = self.kolommen.antwoord(k[1])
        if naam is None:
            return ns.lit(False), False
        col = ns.col(naam)
        if soort == BEANTWOORD:
            return ~col.is_null(), False
        assert soort == ANTWOORD
        waarden = oordelen(k[2])
        if len(waarden) == 3:
            return ~col.is_null(), False
        labels = self.kolommen.labels(naam)
        if labels is not None:  # codes: each answer's code, where the column has one
            gezocht: list[Any] = [labels.index(w) for w in waarden if w in labels]
            if not gezocht:
                return ns.lit(False), False
        else:
            gezocht = list(waarden)
        if self.polars:  # null-safe equality: an unanswered question equals no answer
            vergelijkingen = [col.eq_missing(w) for w in gezocht]
        else:
            vergelijkingen = [col == w for w in gezocht]
        expr = vergelijkingen[0]
        for v in vergelijkingen[1:]:
            expr = expr | v
        return (expr, False) if self.polars else (expr.fill_null(False), False)

    # --- outputs ----------------------------------------------------------------------------

    def bool(self, ref: Ref) -> Any:
        """A boolean output without nulls."""
        expr, nul, _ = self.rail(ref)
        return expr.fill_null(False) if nul else expr

    def uit(self, u: Uit) -> Any:
        """The expression of one output."""
        ns = self.ns
        if isinstance(u, Tekst):
            return ns.lit(u.tekst, dtype=ns.String)
        if isinstance(u, Waar):
            return self.bool(u.rail)
        if isinstance(u, Eerste):
            delen = [(label, ref) for label, ref in u.delen if ref is not False]
            if self.polars and len(delen) > 1:
                return self._vast(self._eerste_polars(delen))
            expr = ns.lit(None, dtype=ns.String)
            for label, ref in reversed(delen):
                if ref is True:
                    expr = ns.lit(label, dtype=ns.String)
                else:
                    expr = ns.when(self.rail(ref)[0]).then(ns.lit(label)).otherwise(expr)
            return expr
        assert isinstance(u, Lijst)
        delen = [(label, ref) for label, ref in u.delen if ref is not False]
        if not delen:
            return ns.lit("", dtype=ns.String)
        if self.polars:
            return self._vast(self._lijst_polars(delen))
        stukken = [
            ns.lit(label) if ref is True else ns.when(self.rail(ref)[0]).then(ns.lit(label))
            for label, ref in delen
        ]
        return ns.concat_str(stukken, separator=",", ignore_nulls=True)

    def _vast(self, expr: Any) -> Any:
        """polars: a text that reads no column, as one value, so that it fits any frame.

        A table looked up at a constant place is a series of one row, which polars spreads
        over any frame but one without rows; the value itself fits that one too.
        """
        pl = self.ns
        if expr.meta.root_names():
            return expr
        return pl.lit(pl.select(expr).item(), dtype=pl.String)

    def _groepcodes(self, delen: Sequence[tuple[str, Ref]]) -> list[tuple[int, Any]]:
        """polars: per group of eight parts, where it starts and which of them hold (bits)."""
        pl = self.ns
        uit = []
        for begin in range(0, len(delen), GROEP):
            groep = delen[begin : begin + GROEP]
            bits = [
                pl.lit(1 << j, dtype=pl.UInt8)
                if ref is True
                else pl.when(self.rail(ref)[0])
                .then(pl.lit(1 << j, dtype=pl.UInt8))
                .otherwise(pl.lit(0, dtype=pl.UInt8))
                for j, (_, ref) in enumerate(groep)
            ]
            # ``+`` rather than ``sum_horizontal``: polars 2.2's measured ten times slower on
            # eight columns of bytes (7.8 against 0.8 ms at 10^6 rows)
            uit.append((begin, functools.reduce(operator.add, bits)))
        return uit

    def _eerste_polars(self, delen: Sequence[tuple[str, Ref]]) -> Any:
        """polars: which parts hold as bits, a table gives the first, then its label.

        Numbers and one table lookup per group instead of a text per part.
        """
        pl = self.ns
        eersten = []
        for begin, code in self._groepcodes(delen):
            breedte = min(GROEP, len(delen) - begin)
            tabel = [
                next((begin + j for j in range(breedte) if c >> j & 1), None)
                for c in range(1 << breedte)
            ]
            eersten.append(pl.lit(pl.Series(tabel, dtype=pl.UInt16)).gather(code))
        eerste = eersten[0] if len(eersten) == 1 else pl.coalesce(*eersten)
        labels = pl.Series([label for label, _ in delen], dtype=pl.String)
        return pl.lit(labels).gather(eerste)

    def _lijst_polars(self, delen: Sequence[tuple[str, Ref]]) -> Any:
        """polars: the parts in groups of eight, each group's subset a number, then its text.

        A group's number picks its comma-separated labels from a table of 256 (null for none),
        and the groups' texts are joined; a string per group instead of one per part. A long
        list (more than ``_LANG`` groups: the rules that fired) is made once per distinct row
        and joined to every row (``Opzoeking``): joining its text per row cost the most of all
        columns, and a population has few distinct sets of fired rules.
        """
        pl = self.ns
        codes = self._groepcodes(delen)
        tabellen = [
            pl.lit(pl.Series(tabel, dtype=pl.String))
            for tabel in groepteksten(tuple(label for label, _ in delen))
        ]
        if len(codes) == 1:
            return tabellen[0].gather(codes[0][1]).fill_null("")
        if len(codes) <= _LANG:
            groepen = [t.gather(code) for t, (_, code) in zip(tabellen, codes, strict=True)]
            return pl.concat_str(groepen, separator=",", ignore_nulls=True)
        nr = len(self.opzoekingen)
        sleutels = []
        teksten = []
        for w, eerste in enumerate(range(0, len(codes), GROEPEN_PER_WOORD)):
            naam = f"{self.naam}l{nr}.{w}"
            stuk = codes[eerste : eerste + GROEPEN_PER_WOORD]
            sleutels.append(
                (
                    naam,
                    functools.reduce(
                        operator.add,
                        [
                            code.cast(pl.UInt64) * pl.lit(1 << (GROEP * j), dtype=pl.UInt64)
                            for j, (_, code) in enumerate(stuk)
                        ],
                    ),
                )
            )
            for j in range(len(stuk)):
                deel = pl.col(naam) // pl.lit(1 << (GROEP * j), dtype=pl.UInt64) % (1 << GROEP)
                teksten.append(tabellen[eerste + j].gather(deel.cast(pl.UInt32)))
        kolom = f"{self.naam}l{nr}"
        tekst = pl.concat_str(teksten, separator=",", ignore_nulls=True)
        self.opzoekingen.append(Opzoeking(tuple(sleutels), tekst, kolom))
        self.tussen += [kolom, *(naam for naam, _ in sleutels)]
        return pl.col(kolom)


#: a list of more groups than this is made per distinct row (``Opzoeking``): a join costs
#: about as much as joining the texts of four groups per row
_LANG = 4


def kies(ns: Any, keuzes: Sequence[tuple[Any, Any]], anders: Any) -> Any:
    """The ``waarde`` of the first ``(voorwaarde, waarde)`` that holds, else ``anders``."""
    uit = anders
    for voorwaarde, waarde in reversed(keuzes):
        uit = ns.when(voorwaarde).then(waarde).otherwise(uit)
    return uit
