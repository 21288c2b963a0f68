"""Decide a whole frame of cases at once: pandas, polars, Dask or any frame narwhals supports.

For policy analysts: one row per case, flat columns (see
``meldcode.adapters.dataframe.plat``), and the
decisions come back as columns beside the input. The rule base is compiled into dataframe
expressions (``meldcode.adapters.dataframe.vertaling``) and a frame is decided in one pass, eager or
lazy: a lazy frame (polars ``LazyFrame``, Dask) stays lazy and is decided where it lives.

Columns are named after the contract's keys, with or without their object's prefix
(``weging.vermoeden`` or ``vermoeden``), plus the flag columns of ``plat.VLAGKOLOMMEN`` for
what the rules read of the signals and consultations. Eager frames may instead carry
``signalen`` and ``consultaties`` as JSON text (decoded row by row, the slow part). Other
columns (a region, a school) are carried along untouched. A typo must never silently become
"not answered": a column with a known prefix but an unknown key (``weging.vermoden``), and a
column whose name is a near miss of a contract column (``vermoedn``, ``acute_onveilighied``,
``Kind Leeftijd``) or only looks like one (a byte-order mark, an invisible, accented or
full-width character, ``weging/vermoeden``, a pandas tuple ``("weging", "vermoeden")``), are
refused, naming the column and the key it resembles. A column of your
own that happens to resemble a key is declared with ``extra=["..."]``: declared columns are
carried along unchecked. Refused as well: a column named after a contract object (``weging``,
as ``pl.read_ndjson`` or ``pd.read_json`` keep it nested: flatten it first), and a frame that
holds the decision columns a call would add (decided before: old and new would mix). An eager
column without a value counts as absent, whatever its dtype; a timestamp with a time zone
counts by its calendar date in that zone.

A bad row does not stop the frame: its decision columns are empty and ``besluit.fout`` names the
field and the value, in the words of the JSON reader.

Requires narwhals (``pip install meldcode[dataframe]``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import sys
import threading
import types
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs
import narwhals as nw
from attrs import frozen

from meldcode.adapters.dataframe.expressies import Expressies, Kolommen, Opzoeking, kies
from meldcode.adapters.dataframe.plat import (
    GENEST,
    KENMERKEN,
    LIJSTEN,
    OBJECTEN,
    VLAGKOLOMMEN,
    dubbele_kolommen,
    geneste_kolom,
    kolommen,
    leeg,
    lijkt_op,
    naam_geen_tekst,
    rij_uit_casus,
    schijn,
    uiterlijk,
    vlaggen,
)
from meldcode.adapters.dataframe.vertaling import ANTWOORDEN, BOOLEAANS, Uit, vertaling, wortels
from meldcode.adapters.dataframe.vertaling import uitvoer as vertaling_uitvoer
from meldcode.adapters.json.casus import casus_uit_dict
from meldcode.adapters.json.lezen import laad_json
from meldcode.adapters.json.sleutels import naaste
from meldcode.domain._validatie import toon
from meldcode.domain.casus import MAX_LEEFTIJD, Casus
from meldcode.domain.feiten import VLAGGEN
from meldcode.domain.waarden import Beslispunt, Oordeel, Protocol, SoortSignaal, Vraag
from meldcode.errors import Fout, OngeldigeInvoer
from meldcode.rules.basis import regelbasis
from meldcode.rules.beslis import lees_protocol
from meldcode.rules.model import Regelbasis
from meldcode.rules.versies import PROTOCOLLEN, VERSIES, Protocolversie

__all__ = [
    "BESLUIT_KOLOMMEN",
    "KENMERKEN",
    "VLAGKOLOMMEN",
    "Vergelijking",
    "beslis_frame",
    "frame_uit_casussen",
    "kolommen",
    "vergelijk",
]

FrameT = TypeVar("FrameT")
#: a column's name as ``extra`` takes it: text, or a pandas label that is a tuple (a
#: ``MultiIndex``) or bytes
Kolomnaam = str | tuple[Any, ...] | bytes

#: the decision columns, in order (each prefixed, ``besluit.melden`` by default);
#: ``<beslispunt>_regel`` for another decision than melden can be asked for with ``uitvoer``
BESLUIT_KOLOMMEN: tuple[str, ...] = (
    "protocol",
    *(p.value for p in Beslispunt),
    "volgende_vraag",
    "contacten",
    "melden_regel",
    "regels",
    "waarschuwingen",
    "fout",
)
_REGELKOLOMMEN = {f"{p.value}_regel": p for p in Beslispunt}
_MOGELIJK = tuple(dict.fromkeys((*BESLUIT_KOLOMMEN, *_REGELKOLOMMEN)))
_INTERN = "__meldcode."
_VERGELIJK = "__vergelijk."
#: a text in quotes that ``toon`` does not show as a key (1 to 40 of a-z, 0-9, _): empty, too
#: long, another sign, or more than eight digits (a citizen service or phone number)
_GEEN_SLEUTEL = r"(?s)^'(?:|.{41,}|.*[^a-z0-9_].*|(?:[^0-9]*[0-9]){9}.*)'$"
#: text followed by a quote that ``toon`` shows: empty, a key, or a number or a date
#: (``_validatie.SLEUTELACHTIG``, ``GETALACHTIG``; the quote is the end: Python's ``$`` alone
#: also matches before a final newline)
_TOONBAAR = r"^(?:|[a-z0-9_]{1,40}|[+-]?[0-9][0-9 .,:/+-]{0,24})'$"
#: nine digits or more anywhere: ``toon`` does not show such text
_NEGEN_CIJFERS = r"[0-9](?:[^0-9]*[0-9]){8}"
_DATUM = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
#: every month and day of a year as ``MM-DD``, the leap day included
_DAGEN: tuple[str, ...] = tuple(
    (dt.date(2000, 1, 1) + dt.timedelta(days=i)).strftime("%m-%d") for i in range(366)
)
#: two digits that make a number divisible by four (a year's last two: ``yy % 4 == 0``)
_VIERVOUDEN: tuple[str, ...] = tuple(f"{i:02d}" for i in range(0, 100, 4))
#: from this size on ``toon`` shows a number by its type (a BSN has nine digits)
_GROOT = 10**8
_GROOTSTE_FLOAT = 1.7976931348623157e308
#: every valid answer, as text
_ANTWOORDEN: frozenset[str] = frozenset(ANTWOORDEN)
_OORDELEN = ", ".join(repr(o.value) for o in Oordeel)
#: the specific flags that answer for a general one where a frame has no column for it
_SPECIFIEK: dict[str, tuple[str, ...]] = {
    **{
        f"signaal.{s.value}": tuple(f"signaal.{s.value}.{k}" for k in KENMERKEN)
        for s in SoortSignaal
    },
    **{f"signaal.{k}": tuple(f"signaal.{s.value}.{k}" for s in SoortSignaal) for k in KENMERKEN},
}


@functools.lru_cache(maxsize=256)
def _kaart(namen: tuple[object, ...], prefix: str, extra: frozenset[object]) -> dict[str, str]:
    """Which column feeds which contract path or flag; refuse typos and double spellings.

    Refused too: a column named after a contract object (``weging``: the object nested, not
    its flat columns), a column this call would add (``besluit.melden``: the frame was
    decided before, and deciding it again would mix old and new decision columns), a column
    whose name only looks like a contract column (a byte-order mark, an invisible, accented or
    full-width character, another separator: ``plat.uiterlijk``), and a column named by a
    tuple (pandas' ``MultiIndex``) or by bytes that looks like one. A column in ``extra`` is
    the caller's own, carried along unchecked (a decision column never is). Kept per column
    names (a frame of the same shape is mapped once); callers do not change the mapping they
    get.
    """
    bekend = _bekend()
    kaart: dict[str, str] = {}
    fouten: list[Fout] = []
    besluiten = [
        n
        for n in namen
        if isinstance(n, str) and n.startswith(prefix) and n[len(prefix) :] in _UITVOER
    ]
    if besluiten:
        fouten.append(_al_beslist(besluiten, prefix))
    # an earlier call's decisions under another prefix (``prefix="p13."``): every call adds
    # ``<prefix>fout``, so its prefix is known, and its columns are carried along
    eerdere = {n[: -len("fout")] for n in namen if isinstance(n, str) and n.endswith("fout")}
    eerdere.discard("")
    eerder = {
        n
        for n in namen
        if isinstance(n, str) and any(n.startswith(p) and n[len(p) :] in _UITVOER for p in eerdere)
    }
    for naam in namen:
        if naam in extra or naam in besluiten or naam in eerder:
            continue  # declared as the caller's own, or an earlier decision's
        if not isinstance(naam, str):
            fout = naam_geen_tekst(
                naam, bekend, eigen="a column of your own is declared with extra=[{kolom}]"
            )
            if fout is not None:
                fouten.append(fout)
            continue  # not a name the contract could mean
        if naam.startswith((_INTERN, _VERGELIJK)):
            continue  # ``vergelijk``'s decisions in the same frame
        if naam in GENEST:
            fouten.append(geneste_kolom(naam, extra=True))
            continue
        if naam in bekend:
            pad = bekend[naam]
            if pad in kaart.values():
                fouten.append(Fout(naam, repr(naam), f"column {naam!r} repeats {pad!r}"))
            kaart[naam] = pad
            continue
        bedoeld = naaste(naam, bekend)
        schijnbaar = bedoeld is None and uiterlijk(naam) != naam
        if schijnbaar:
            bedoeld = lijkt_op(naam, bekend)
        onbekend_veld = "." in naam and naam.split(".", 1)[0] in (
            *OBJECTEN,
            "signaal",
            "consultatie",
        )
        if bedoeld is None and not onbekend_veld:
            continue  # the caller's own column (a region, a school, an earlier decision's)
        hint = f"; did you mean {bedoeld!r}?" if bedoeld else ""
        if schijnbaar and bedoeld:
            hint += f" Its name only looks like it: {schijn(naam)}"
        fouten.append(
            Fout(
                naam,
                repr(naam),
                f"column {naam!r} is not a column of the contract{hint} (a column of your own "
                f"that resembles one is declared with extra=[{naam!r}])",
            )
        )
    if fouten:
        raise OngeldigeInvoer(fouten)
    return kaart


@functools.cache
def _bekend() -> dict[str, str]:
    return kolommen()


#: the names of the columns ``beslis_frame`` adds, without their prefix
_UITVOER: frozenset[str] = frozenset(_MOGELIJK)


def _al_beslist(namen: Sequence[str], prefix: str) -> Fout:
    """The problem of a frame that holds decision columns already: never mix old and new."""
    getoond = ", ".join(repr(n) for n in namen[:3])
    if len(namen) > 3:
        getoond += f", ... ({len(namen)} in all)"
    return Fout(
        namen[0],
        repr(namen[0]),
        f"the frame holds decision columns already ({getoond}): deciding it again would set "
        f"new decisions beside old ones. Drop them first (polars: "
        f"df.drop(pl.selectors.starts_with({prefix!r})); pandas: "
        f"df.loc[:, ~df.columns.str.startswith({prefix!r})]) or choose another prefix than "
        f"{prefix!r}",
    )


def _kolomfout(kolom: str, dtype: object, verwacht: str) -> OngeldigeInvoer:
    return OngeldigeInvoer(
        [Fout(kolom, str(dtype), f"column {kolom!r} must hold {verwacht} (got dtype {dtype})")]
    )


def _getoond(ns: Any, kolom: Any) -> Any:
    """A text value as an error may show it: itself, quoted, if it looks like a key, else ``<str>``.

    As the JSON reader shows a value that is not one of a value set's: a key of more than
    eight digits is ``<str>`` too (it may be a citizen service number). One chain, no part of
    it used twice: polars then builds the text only when some row fails the check, instead of
    for every row beforehand (see ``_Controle``).
    """
    tekst = ns.concat_str(ns.lit("'"), kolom.cast(ns.String), ns.lit("'"))
    return tekst.str.replace(_GEEN_SLEUTEL, "<str>", literal=False)


def _getoond_tekst(ns: Any, kolom: Any) -> Any:
    """A text value as ``toon`` shows it, as the JSON reader shows a bad date.

    Quoted when it is empty, a key, or a number or a date of at most eight digits
    (``'2018-02-30'``); else ``<str>``. Every part is used once (see ``_Controle``).
    """
    toonbaar = ns.concat_str(kolom, ns.lit("'")).str.contains(_TOONBAAR) & ~kolom.str.contains(
        _NEGEN_CIJFERS
    )
    getoond = ns.concat_str(ns.lit("'"), kolom, ns.lit("'"))
    return ns.when(toonbaar).then(getoond).otherwise(ns.lit("<str>"))


def _geen_datum(ns: Any, kolom: Any, *, polars: bool) -> Any:
    """Where a text column holds something else than a date of the contract, as an expression.

    A date is exactly ``YYYY-MM-DD`` in ASCII digits and a day that exists
    (``json.casus.datum_uit_tekst``): ``2018-13-01``, ``2018-02-30``, ``2019-02-29`` and
    ``0000-01-01`` have the form but are no day. Read from the text itself (its month and day
    among the year's, the leap day only in a leap year), so that no library's date parser
    decides what a date is, and a lazy frame checks it in its query.
    """
    tekst = kolom
    vorm = kolom.str.contains(_DATUM)
    if not polars:
        # pandas: no gaps in the parts (its kinds of booleans do not combine where one has a
        # gap), and Python's ``$`` also matches before a final newline
        tekst = kolom.fill_null("")
        vorm = tekst.str.contains(_DATUM) & (tekst.str.len_chars() == 10)
    dag = tekst.str.slice(5, 5)
    jaar = tekst.str.slice(2, 2)
    # a leap year: divisible by 4, and by 400 when it ends in 00
    schrikkel = ((jaar != "00") & jaar.is_in(_VIERVOUDEN)) | (
        (jaar == "00") & tekst.str.slice(0, 2).is_in(_VIERVOUDEN)
    )
    echt = (
        vorm
        & dag.is_in(_DAGEN)
        & ((dag != "02-29") | schrikkel)
        & (tekst.str.slice(0, 4) != "0000")
    )
    return ~kolom.is_null() & ~echt.fill_null(False)


def _getoond_leeftijd(ns: Any, kolom: Any, dtype: Any) -> Any:
    """An age as the JSON reader shows the same number, for an error (``toon``).

    A whole number as one (``5.0`` and a decimal ``5.00`` as ``5``), another as JSON writes
    the number (a decimal ``9.50`` as ``9.5``); a number of more than eight digits by its type
    (``<int>``, or ``<float>`` when it is not whole: it may be a citizen service number or a
    phone number). Every part is used once (see ``_Controle``).
    """
    if dtype.is_integer():
        tekst = kolom.cast(ns.String)
        if isinstance(dtype, nw.Int8 | nw.Int16 | nw.UInt8 | nw.UInt16):
            return tekst  # never as large as that
        groot = kolom >= _GROOT
        if dtype.is_signed_integer():
            groot = groot | (kolom <= -_GROOT)
        return ns.when(groot).then(ns.lit("<int>")).otherwise(tekst)
    schaal = getattr(dtype, "scale", None)
    if dtype.is_float() or not isinstance(schaal, int):
        tekst = kolom.cast(ns.String).str.replace(r"\.0$", "", literal=False)
        tekst = tekst.str.replace("NaN", "nan", literal=True)
    elif schaal:  # a decimal's own digits (as a float, Arrow shows 7.30 as 7.300000000000001)
        tekst = kolom.cast(ns.String).str.replace("0+$", "", literal=False)
        tekst = tekst.str.replace(r"\.$", "", literal=False)
    else:
        tekst = kolom.cast(ns.String)
    if dtype.is_float():  # NaN and infinity are shown as they are
        groot = kolom.abs().is_between(_GROOT, _GROOTSTE_FLOAT)
    else:
        groot = (kolom >= _GROOT) | (kolom <= -_GROOT)
    soort = ns.when(kolom == kolom.round(0)).then(ns.lit("<int>")).otherwise(ns.lit("<float>"))
    return ns.when(groot).then(soort).otherwise(tekst)


def _melding(ns: Any, pad: str, wat: str, getoond: Any) -> Any:
    """The JSON reader's wording: ``<pad> must be <wat> (got <value>) @ $.<pad>``."""
    return ns.concat_str(
        ns.lit(f"{pad} must be {wat} (got "), getoond, ns.lit(f") @ $.{pad}"), ignore_nulls=False
    )


@frozen
class _Controle:
    """One row check: where ``fout`` holds, the row is bad and ``melding`` says why.

    A message is built only where it is needed: polars does not evaluate a ``when`` branch
    that no row takes (measured: a frame without a bad row costs no text), unless a part of the
    branch also occurs elsewhere in the same query; such a part polars computes once, for every
    row, before any condition is known. So no two checks' messages share a part: the age, shown
    by two messages, is one check (``_Invoer._controleer_leeftijd``).
    """

    fout: Any  # a boolean column expression (narwhals or polars), or a constant
    melding: Any


def _soorten() -> dict[str, str]:
    """What each column of the contract is checked as: an answer, the age, or a flag.

    The age comes after the child's flags: its unborn check reads ``kind.ongeboren`` as its own
    check has decoded it. (Its check then takes the place of the child's first field, as the
    JSON reader reads ``leeftijd`` first: see ``_Invoer._controleer``.)
    """
    uit: dict[str, str] = {}
    for obj, cls in OBJECTEN.items():
        namen = sorted((a.name for a in attrs.fields(cls)), key=lambda n: n == "leeftijd")
        for naam in namen:
            soort = "leeftijd" if naam == "leeftijd" else "vlag"
            uit[f"{obj}.{naam}"] = "oordeel" if obj == "weging" else soort
    for vlag in VLAGKOLOMMEN:
        uit.setdefault(vlag, "vlag")
    return uit


#: every checked column of the contract, in the order its checks run, and what it is checked as
_SOORTEN: Mapping[str, str] = _soorten()


def _past(pad: str, dtype: Any) -> bool:
    """Whether ``dtype`` is one the column of the contract path ``pad`` may have, by type alone.

    An answer or a protocol is text (or a categorical, an enum), a flag a boolean, the age a
    number, the date a date, a timestamp or text; the rest (``referentie``, the JSON lists) is
    read as it is.
    """
    soort = _SOORTEN.get(pad)
    if soort == "oordeel" or pad == "protocol":
        return isinstance(dtype, nw.String | nw.Categorical | nw.Enum)
    if soort == "vlag":
        return isinstance(dtype, nw.Boolean)
    if soort == "leeftijd":
        return bool(dtype.is_numeric())
    if pad == "datum":
        return isinstance(dtype, nw.Date | nw.Datetime | nw.String)
    return True


class _Invoer:
    """The frame's columns as the compiler reads them, with the row checks on the way in."""

    def __init__(
        self,
        df: Any,
        kaart: Mapping[str, str],
        schema: Mapping[str, Any],
        protocollen: Sequence[Protocol] = PROTOCOLLEN,
        ns: Any = nw,
    ) -> None:
        #: where the checks' expressions come from: narwhals, or polars itself for a polars
        #: frame (narwhals' translation of them cost about 1.5 ms a call)
        self.ns = ns
        self.protocollen = tuple(dict.fromkeys((*PROTOCOLLEN, *protocollen)))
        self.kolom: dict[str, str] = {pad: naam for naam, pad in kaart.items()}
        self.schema = schema
        self.controles: list[_Controle] = []
        self.voorbereiding: list[Any] = []  # series decoded in Python (eager frames only)
        self.extra_vlaggen: dict[str, list[str]] = {}
        #: polars: an answer column of text read as codes into ``ANTWOORDEN`` (its code
        #: column's name and expression), computed before the checks, which read it
        self.codes: dict[str, tuple[str, Any]] = {}
        #: what was read of the rows to build the checks, in order: (probe, its arguments,
        #: its answer); with the schema they settle everything else (see ``_invoer``)
        self.peilingen: list[tuple[Callable[..., bool], tuple[Any, ...], bool]] = []
        #: ``False`` once a column was decoded in Python (``voorbereiding``): such an analysis
        #: holds the rows' values and is never kept
        self.vast = True
        self._eerste: dict[bool, list[Any]] = {}
        self._kolommen: Kolommen | None = None
        self._df = df
        self._lege_kolommen()
        self._lijsten()
        self._controleer()

    def _lege_kolommen(self) -> None:
        """An eager column without a single value says nothing: it counts as absent.

        Whatever its dtype: pandas gives such a column the ``object`` dtype, or ``float64``
        when read from a CSV file (its cells ``NaN``), whatever it was meant to hold. Only a
        column of text or objects, or of another dtype than its contract field is read as, is
        counted (``_past``): a column of the right dtype is read as it is.
        """
        if isinstance(self._df, nw.LazyFrame):
            return
        leeg = [
            pad
            for pad, naam in self.kolom.items()
            if (
                isinstance(self.schema[naam], nw.Object | nw.Unknown | nw.String)
                or not _past(pad, self.schema[naam])
            )
            and self._peil(_zonder_waarde, naam)
        ]
        for pad in leeg:
            del self.kolom[pad]

    def eerste_kolommen(self, meer_versies: bool) -> list[Any]:
        """The first stage's expressions: the row's first problem, and its version if asked.

        Made once per analysis (a kept one serves many frames): ``_INTERN + "fout"`` when
        there are checks, ``_INTERN + "versie"`` when ``meer_versies``.
        """
        gemaakt: list[Any] | None = self._eerste.get(meer_versies)
        if gemaakt is None:
            gemaakt = []
            if self.controles:
                gemaakt.append(_vouw(self.ns, self.controles).alias(f"{_INTERN}fout"))
            if meer_versies:
                gemaakt.append(self.versie(VERSIES).alias(f"{_INTERN}versie"))
            self._eerste[meer_versies] = gemaakt
        return gemaakt

    def laat_los(self) -> None:
        """Keep nothing of the frame: what was built from it stays (an analysis to reuse)."""
        self._df = None

    def _peil(self, peiling: Callable[..., bool], *args: Any) -> bool:
        """``peiling(df, *args)``, an answer about the rows, noted in ``peilingen``."""
        uitkomst = bool(peiling(self._df, *args))
        self.peilingen.append((peiling, args, uitkomst))
        return uitkomst

    def _bereid(self, reeks: Any) -> None:
        """A column decoded in Python joins the frame: this analysis holds row values now."""
        self.voorbereiding.append(reeks)
        self.vast = False

    # --- what the translation reads -------------------------------------------------------

    def kolommen(self) -> Kolommen:
        """Where this frame holds each leaf of the circuit.

        A flag column answers for itself; a general signal flag the frame has no column for is
        the ``or`` of the more specific flags it has (``signaal.<soort>.<kenmerk>`` implies
        ``signaal.<soort>`` and ``signaal.<kenmerk>``); a flag with neither is false.
        """
        if self._kolommen is None:
            self._kolommen = self._lees_kolommen()
        return self._kolommen

    def _lees_kolommen(self) -> Kolommen:
        eigen: dict[str, tuple[str, ...]] = {}
        for pad in VLAGGEN:
            gelezen = [*self.extra_vlaggen.get(pad, ())]
            if pad in self.kolom:
                gelezen.append(self.kolom[pad])
            if gelezen:
                eigen[pad] = tuple(gelezen)
        vlaggen = dict(eigen)
        for pad, specifiek in _SPECIFIEK.items():
            if pad not in eigen:
                namen = tuple(n for s in specifiek for n in eigen.get(s, ()))
                if namen:
                    vlaggen[pad] = namen
        antwoorden = tuple(
            (v, self.kolom[f"weging.{v.value}"]) for v in Vraag if f"weging.{v.value}" in self.kolom
        )
        return Kolommen(
            antwoorden=tuple(
                (v, self.codes[naam][0] if naam in self.codes else naam) for v, naam in antwoorden
            ),
            vlaggen=tuple(vlaggen.items()),
            leeftijd=self.kolom.get("kind.leeftijd"),
            codes=tuple((code, ANTWOORDEN) for code, _ in self.codes.values()),
        )

    def codekolommen(self) -> list[Any]:
        """The code columns of the answers read as codes (``codes``), named."""
        return [expr.alias(naam) for naam, expr in self.codes.values()]

    # --- checks -----------------------------------------------------------------------------

    def _controleer(self) -> None:
        # ``referentie`` is carried along like any other column of the analyst's: the frame's
        # decisions do not echo it, so it is not checked
        for pad in ("protocol", "datum"):
            if pad in self.kolom:
                getattr(self, f"_controleer_{pad}")(self.kolom[pad])
        kind: int | None = None  # where the child's checks begin
        for pad, soort in _SOORTEN.items():
            naam = self.kolom.get(pad)
            if naam is None:
                continue
            if kind is None and pad.startswith("kind."):
                kind = len(self.controles)
            if soort == "oordeel":
                self._controleer_oordeel(naam, pad)
            elif soort == "leeftijd":
                voor = len(self.controles)
                self._controleer_leeftijd(naam, pad)
                if kind is not None and len(self.controles) > voor:
                    # the JSON reader checks the age's range as it reads ``leeftijd``, the
                    # child's first field: a row with a bad age and a bad flag names the age.
                    # (The unborn child's age never fails beside a bad flag: it reads the flag
                    # as decoded, empty where the flag is bad.)
                    self.controles.insert(kind, self.controles.pop())
            elif not isinstance(self.schema[naam], nw.Boolean):  # a boolean column is right
                self._controleer_bool(naam)
        self.schema = {**self.schema, **{s.name: nw.Boolean() for s in self.voorbereiding}}

    def _ongeboren(self, leeftijd: str) -> Any | None:
        """Where an unborn child has an age: they contradict each other, as in JSON.

        ``None`` when no row can: no ``kind.ongeboren`` column, or, in an eager frame, no row
        with both.
        """
        ongeboren = self.kolom.get("kind.ongeboren")
        if ongeboren is None:
            return None
        eager = not isinstance(self._df, nw.LazyFrame)
        eigen = {leeftijd, ongeboren} <= set(self._df.columns) if eager else False
        if eigen and not self._peil(_beide, ongeboren, leeftijd):
            return None  # no row has both: no row needs checking
        return self.ns.col(ongeboren).fill_null(False) & ~self.ns.col(leeftijd).is_null()

    def _controleer_oordeel(self, naam: str, pad: str) -> None:
        dtype = self.schema[naam]
        if isinstance(dtype, nw.Enum):
            if set(dtype.categories) <= _ANTWOORDEN:
                return  # the dtype already guarantees a valid answer
        elif not isinstance(dtype, nw.String | nw.Categorical | nw.Enum):
            raise _kolomfout(naam, dtype, "the answers 'ja', 'nee', 'twijfel' (text) or nulls")
        # polars text: the rows are checked in the query itself, by the comparisons the rules
        # make of the column anyway (polars computes each once): probing every text first
        # cost 10-14 ms per column of 10^6 rows (``pl.read_csv``'s), more than the decision
        tekst_in_query = self.ns is not nw and isinstance(dtype, nw.String)
        if (
            not tekst_in_query
            and not isinstance(self._df, nw.LazyFrame)
            and self._peil(_alle_antwoorden, naam)
        ):
            return  # every value is a valid answer: no row needs checking
        # the condition reads the column as it is (a categorical compares by its categories):
        # as text, polars would cast every row, the message's cast with it
        kolom = self.ns.col(naam)
        if tekst_in_query:
            # each row's code, null for a gap or another text: three comparisons of text once,
            # where the check and every leaf of the rules would each compare text again
            # (measured: ``melden`` on 10^6 rows of ``pl.read_csv``'s 76 against 35 ms)
            pl = self.ns
            code: Any = pl.lit(None, pl.UInt8)
            for i, antwoord in reversed(list(enumerate(ANTWOORDEN))):
                code = pl.when(kolom.eq_missing(antwoord)).then(pl.lit(i, pl.UInt8)).otherwise(code)
            codenaam = f"{_INTERN}code.{naam}"
            self.codes[naam] = (codenaam, code)
            fout = ~kolom.is_null() & pl.col(codenaam).is_null()
        else:
            fout = ~kolom.is_null() & ~kolom.is_in([o.value for o in Oordeel]).fill_null(False)
        self.controles.append(
            _Controle(fout, _melding(self.ns, pad, f"one of {_OORDELEN}", _getoond(self.ns, kolom)))
        )

    def _controleer_bool(self, naam: str) -> None:
        dtype = self.schema[naam]
        if isinstance(dtype, nw.Boolean):
            return
        if not isinstance(dtype, nw.Object) or isinstance(self._df, nw.LazyFrame):
            raise _kolomfout(naam, dtype, "booleans (true, false or empty)")
        # pandas keeps booleans with gaps as objects: check them one by one
        pad = next(p for p, n in self.kolom.items() if n == naam)
        snel = _booleans_met_gaten(self._df.to_native()[naam])
        if snel is not None:
            nieuw = f"{_INTERN}bool.{naam}"
            self._bereid(nw.new_series(nieuw, snel, backend=nw.get_native_namespace(self._df)))
            self.kolom[pad] = nieuw
            return
        waarden: list[bool | None] = []
        fouten: list[str | None] = []
        for waarde in self._df[naam].to_list():
            if leeg(waarde):
                waarden.append(None)
                fouten.append(None)
            elif type(waarde).__name__ in ("bool", "bool_"):
                waarden.append(bool(waarde))
                fouten.append(None)
            else:
                waarden.append(None)
                # as the JSON reader shows it: a number, or text only when it looks like a key
                fouten.append(f"{pad} must be true or false (got {toon(waarde)}) @ $.{pad}")
        ns = nw.get_native_namespace(self._df)
        nieuw = f"{_INTERN}bool.{naam}"
        self._bereid(_reeks(nieuw, waarden, nw.Boolean, self._df, ns))
        self.kolom[pad] = nieuw
        if any(f is not None for f in fouten):
            foutnaam = f"{_INTERN}bool.{naam}.fout"
            self._bereid(_reeks(foutnaam, fouten, nw.String, self._df, ns))
            self.controles.append(
                _Controle(~self.ns.col(foutnaam).is_null(), self.ns.col(foutnaam))
            )

    def _controleer_leeftijd(self, naam: str, pad: str) -> None:
        """The age: a whole number, in range, and none for an unborn child; one check.

        In the JSON reader's order and words: a number that is not whole (``9.5``, a decimal
        ``9.50``, ``inf``) first, then the range, then the unborn child's age. Every message
        shows the age as the JSON reader does (``_getoond_leeftijd``); as one check, the text is
        built in one branch (see ``_Controle``), and a row with several problems and a bad
        answer names the age first, as the JSON reader does.
        """
        dtype = self.schema[naam]
        if not dtype.is_numeric():
            raise _kolomfout(naam, dtype, "whole numbers")
        eager = not isinstance(self._df, nw.LazyFrame)
        ns = self.ns
        kolom = ns.col(naam)
        geheel = dtype.is_integer()
        #: where the age is bad: out of range, or (floats, decimals) not a whole number
        bereik: Any | None = None
        peiling = _in_bereik if geheel else _heel_in_bereik
        if not (eager and self._peil(peiling, naam, 0, MAX_LEEFTIJD)):
            if geheel:  # never NaN: out of range is below 0 or above the maximum
                bereik = ((kolom < 0) | (kolom > MAX_LEEFTIJD)).fill_null(False)
            else:
                # floats (pandas keeps whole numbers with gaps as floats) and decimals: 9.0
                # and a decimal 9.00 are the whole number 9, as 9.0 is in JSON; 9.5 is none
                goed = (kolom >= 0) & (kolom <= MAX_LEEFTIJD) & (kolom == kolom.round(0))
                bereik = ~kolom.is_null() & ~goed.fill_null(False)
        ongeboren = self._ongeboren(naam)
        if bereik is None and ongeboren is None:
            return  # every age is in range and no unborn child has one: no row needs checking
        buiten = ns.lit(f"{pad} must be a whole number from 0 to {MAX_LEEFTIJD} (got ")
        ongeboren_tekst = ns.lit(
            f"{pad} must be null when ongeboren is true: an unborn child has no age (got "
        )
        if ongeboren is None:
            fout, begin = bereik, buiten
        elif bereik is None:
            fout, begin = ongeboren, ongeboren_tekst
        else:
            fout = bereik | ongeboren
            begin = ns.when(bereik).then(buiten).otherwise(ongeboren_tekst)
        if not geheel:  # ``bereik`` is set: a number that is not whole is named so first
            heel = kolom == kolom.round(0)
            if dtype.is_float():
                heel = heel & kolom.is_finite()  # NaN and infinity are no whole number
            geen_geheel = ns.lit(f"{pad} must be a whole number (got ")
            begin = ns.when(~heel).then(geen_geheel).otherwise(begin)
        getoond = _getoond_leeftijd(ns, kolom, dtype)
        melding = ns.concat_str(begin, getoond, ns.lit(f") @ $.{pad}"))
        self.controles.append(_Controle(fout, melding))

    def _controleer_protocol(self, naam: str) -> None:
        dtype = self.schema[naam]
        if not isinstance(dtype, nw.String | nw.Categorical | nw.Enum):
            raise _kolomfout(naam, dtype, "the protocols '2013', '2019' (text) or nulls")
        kolom = self.ns.col(naam)  # as it is, as for the answers
        namen = [p.value for p in self.protocollen]
        fout = ~kolom.is_null() & ~kolom.is_in(namen).fill_null(False)
        toegestaan = ", ".join(repr(n) for n in namen)
        self.controles.append(
            _Controle(
                fout,
                _melding(self.ns, "protocol", f"one of {toegestaan}", _getoond(self.ns, kolom)),
            )
        )

    def _controleer_datum(self, naam: str) -> None:
        dtype = self.schema[naam]
        if isinstance(dtype, nw.Date | nw.Datetime):
            # a date type may hold years no date of the contract has (``+10000-01-01``,
            # ``-0005-01-01`` in polars): a bad row, as that text is in JSON
            if not isinstance(self._df, nw.LazyFrame) and self._peil(_jaren_in_bereik, naam):
                return
            ns = self.ns
            dag = self._datumkolom(naam)
            jaar = dag.dt.year()
            # a timestamp's day as text (pandas cannot make a Python date of such a year)
            tekst = (
                dag.dt.to_string("%Y-%m-%d")
                if isinstance(dtype, nw.Datetime)
                else dag.cast(ns.String)
            )
            # as the JSON reader shows the date's text: ``'-0005-01-01'`` (eight digits) quoted,
            # ``+10000-01-01`` and ``-10000-01-01`` as ``<str>`` (the text cast only in the
            # branch of a bad row)
            getoond = (
                ns.when((jaar >= -9999) & (jaar <= 0))
                .then(ns.concat_str(ns.lit("'"), tekst, ns.lit("'")))
                .otherwise(ns.lit("<str>"))
            )
            self.controles.append(
                _Controle(
                    ((jaar < 1) | (jaar > _LAATSTE_JAAR)).fill_null(False),
                    _melding(self.ns, "datum", "a date YYYY-MM-DD", getoond),
                )
            )
            return
        if not isinstance(dtype, nw.String):
            raise _kolomfout(naam, dtype, "dates (a date type or 'YYYY-MM-DD' text)")
        if not isinstance(self._df, nw.LazyFrame) and self._peil(_echte_datums, naam):
            return  # every text is a date of the contract: no row needs checking
        kolom = self.ns.col(naam)
        fout = _geen_datum(self.ns, kolom, polars=self.ns is not nw)
        self.controles.append(
            _Controle(
                fout,
                _melding(self.ns, "datum", "a date YYYY-MM-DD", _getoond_tekst(self.ns, kolom)),
            )
        )

    def versie(self, versies: Sequence[Protocolversie]) -> Any:
        """The index in ``versies`` of the version that decides each row, as ``beslis`` chooses.

        A row's own ``protocol``; else the latest version whose ``ingang`` is on or before its
        ``datum``; else (no date, or a date before every version) the version in force.
        """
        huidig = versies.index(max(versies, key=lambda v: v.ingang or dt.date.min))
        uit: Any = self.ns.lit(huidig)
        datum = self.kolom.get("datum")
        if datum is not None:
            dag = self._datumkolom(datum)
            vanaf_begin = [i for i, v in enumerate(versies) if v.ingang is None]
            op_datum: Any = self.ns.lit(vanaf_begin[-1] if vanaf_begin else huidig)
            for i, v in sorted(
                ((i, v) for i, v in enumerate(versies) if v.ingang is not None),
                key=lambda iv: iv[1].ingang or dt.date.min,
            ):
                assert v.ingang is not None
                grens = self._datumwaarde(datum, v.ingang)
                op_datum = self.ns.when(dag >= grens).then(self.ns.lit(i)).otherwise(op_datum)
            uit = self.ns.when(self.ns.col(datum).is_null()).then(uit).otherwise(op_datum)
        naam = self.kolom.get("protocol")
        if naam is not None:
            protocol = self.ns.col(naam).cast(self.ns.String)
            for i, v in reversed(list(enumerate(versies))):
                uit = self.ns.when(protocol == v.protocol.value).then(self.ns.lit(i)).otherwise(uit)
        return uit.cast(self.ns.Int8)

    def _datumkolom(self, naam: str) -> Any:
        """The column ``naam`` as the rows' dates are compared: a timestamp as its local time.

        A timestamp with a time zone (``Datetime('us', 'Europe/Amsterdam')``) counts by its
        calendar date in its own time zone, as ``Casus.datum`` is read from it: its wall-clock
        time, without the zone, is on or after midnight of a version's date exactly when that
        local date is. A column without a zone is read as it is.
        """
        kolom = self.ns.col(naam)
        dtype = self.schema[naam]
        if isinstance(dtype, nw.Datetime) and dtype.time_zone is not None:
            return kolom.dt.replace_time_zone(None)
        return kolom

    def _datumwaarde(self, naam: str, datum: dt.date) -> Any:
        """``datum`` as a value to compare the column ``naam`` with (text, date or datetime)."""
        dtype = self.schema[naam]
        if isinstance(dtype, nw.String):
            return self.ns.lit(datum.isoformat())
        if isinstance(dtype, nw.Datetime):
            return self.ns.lit(dt.datetime.combine(datum, dt.time()))
        return self.ns.lit(datum)

    # --- JSON list columns ------------------------------------------------------------------

    def _lijsten(self) -> None:
        """Decode ``signalen`` / ``consultaties`` JSON text into flag columns (eager frames)."""
        aanwezig = [pad for pad in LIJSTEN if pad in self.kolom]
        if not aanwezig:
            return
        if isinstance(self._df, nw.LazyFrame):
            naam = self.kolom[aanwezig[0]]
            raise OngeldigeInvoer(
                [
                    Fout(
                        naam,
                        repr(naam),
                        f"column {naam!r} holds a list per row (JSON text or structs), which "
                        "a lazy frame cannot decode: use the flag columns (signaal.*, "
                        "consultatie.*) instead, or collect the frame first",
                    )
                ]
            )
        self.vast = False  # what the rows hold decides which columns follow
        schema = self._df.schema
        # a list of structs (``pl.read_ndjson``) gives every element every field of the column,
        # null where that element has none: a null field is an absent key, as in the JSON line
        structs = {
            pad
            for pad in aanwezig
            if isinstance(dtype := schema[self.kolom[pad]], nw.List)
            and isinstance(dtype.inner, nw.Struct)
        }
        fouten: list[str | None] = []
        rijen: list[dict[str, bool]] = []
        for rij in self._df.select(*(self.kolom[p] for p in aanwezig)).iter_rows(named=True):
            data: dict[str, Any] = {}
            try:
                for pad in aanwezig:
                    waarde = rij[self.kolom[pad]]
                    if leeg(waarde):
                        continue
                    if pad in structs:
                        waarde = [_zonder_nulls(element) for element in waarde]
                    try:
                        data[pad] = laad_json(waarde) if isinstance(waarde, str) else waarde
                    except OngeldigeInvoer:
                        raise OngeldigeInvoer(
                            [Fout(pad, "<text>", f"{pad} must be a JSON list (got <text>)")]
                        ) from None
                rijen.append(vlaggen(casus_uit_dict(data)))
                fouten.append(None)
            except OngeldigeInvoer as exc:
                rijen.append(dict.fromkeys(VLAGKOLOMMEN, False))
                fouten.append(str(exc))
        ns = nw.get_native_namespace(self._df)
        for vlag in VLAGKOLOMMEN:
            if not any(r[vlag] for r in rijen):
                continue
            naam = f"{_INTERN}lijst.{vlag}"
            waarden = [r[vlag] for r in rijen]
            self._bereid(_reeks(naam, waarden, nw.Boolean, self._df, ns))
            self.extra_vlaggen.setdefault(vlag, []).append(naam)
        if any(f is not None for f in fouten):
            naam = f"{_INTERN}lijst.fout"
            self._bereid(_reeks(naam, fouten, nw.String, self._df, ns))
            self.controles.insert(0, _Controle(~self.ns.col(naam).is_null(), self.ns.col(naam)))


def _zonder_nulls(element: object) -> object:
    """An element of a list of structs without its null fields (an absent key in JSON)."""
    if isinstance(element, dict):
        return {sleutel: waarde for sleutel, waarde in element.items() if waarde is not None}
    return element


def _vouw(ns: Any, controles: Sequence[_Controle]) -> Any:
    """The message of the first of ``controles`` a row fails, else null (``ns``: nw or polars)."""
    fout: Any = ns.lit(None, dtype=ns.String)
    for controle in reversed(controles):
        if controle.fout is True:
            fout = controle.melding
        elif controle.fout is not False:
            fout = ns.when(controle.fout).then(controle.melding).otherwise(fout)
    return fout


class _Rijen:
    """The frame as given, and its narwhals view, made only when something asks for it.

    polars and pandas frames are read natively wherever that is enough (the probes, the
    kernel, polars' own expressions); narwhals' view of a pandas frame costs about 0.2 ms a
    call (it checks the column names one by one). Any other object goes through narwhals at
    once, so that something that is not a frame is refused first. A probe takes this object
    as it takes a narwhals frame (``to_native``, a column by name).
    """

    __slots__ = ("_nw", "lazy", "native", "pandas", "polars")

    def __init__(self, native: Any) -> None:
        self.native = native
        self._nw: Any = None
        eager = nw.dependencies.is_polars_dataframe(native)
        self.lazy = not eager and nw.dependencies.is_polars_lazyframe(native)
        self.polars = eager or self.lazy
        self.pandas = not self.polars and nw.dependencies.is_pandas_dataframe(native)
        if not (self.polars or self.pandas):
            self._nw = _frame(native)
            self.lazy = isinstance(self._nw, nw.LazyFrame)

    @property
    def nw(self) -> Any:
        """The narwhals frame of ``native`` (made on first use)."""
        if self._nw is None:
            self._nw = _frame(self.native)
        return self._nw

    def to_native(self) -> Any:
        """The frame as given."""
        return self.native

    def __getitem__(self, naam: str) -> Any:
        return self.nw[naam]


#: analyses of frames kept per schema (and mapping, protocols, namespace), a few per key, each
#: with the probes of the rows it was built on; the oldest key makes room
_INVOEREN: dict[tuple[Any, ...], list[_Invoer]] = {}
_INVOEREN_PER_SLEUTEL = 4


def _invoer(
    rijen: _Rijen,
    kaart: Mapping[str, str],
    schema: Mapping[str, Any],
    schemasleutel: tuple[Any, ...] | None,
    protocollen: Sequence[Protocol],
    ns: Any,
) -> _Invoer:
    """The analysis of the frame ``rijen``: kept per schema, reused where the rows answer alike.

    What ``_Invoer`` builds (which columns it reads, its row checks as expressions) follows
    from the schema and from a few answers about the rows (``peilingen``: is every age in
    range, has an unborn child an age, ...). An analysis built before on a frame of the same
    schema is reused when each of its probes, asked again of these rows, answers the same:
    then building anew would give the same. One that decoded a column in Python
    (``vast`` false) holds row values and is never kept; a kept one keeps no frame.
    """
    if schemasleutel is None:
        return _Invoer(rijen.nw, kaart, schema, protocollen, ns)
    # a lazy frame's analysis probes nothing
    sleutel = (schemasleutel, rijen.lazy, tuple(kaart.items()), tuple(protocollen), ns is nw)
    for bekend in list(_INVOEREN.get(sleutel, ())):
        if all(peiling(rijen, *args) == uitkomst for peiling, args, uitkomst in bekend.peilingen):
            return bekend
    invoer = _Invoer(rijen.nw, kaart, schema, protocollen, ns)
    if invoer.vast:
        invoer.laat_los()
        with _BOUW:
            lijst = _INVOEREN.setdefault(sleutel, [])
            if len(lijst) >= _INVOEREN_PER_SLEUTEL:
                del lijst[0]
            lijst.append(invoer)
            while len(_INVOEREN) > _PLANNEN:
                del _INVOEREN[next(iter(_INVOEREN))]
    return invoer


def _alle_antwoorden(df: Any, naam: str) -> bool:
    """Whether every value of the eager frame's answer column ``naam`` is a valid answer."""
    native = df.to_native()
    if (
        nw.dependencies.is_pandas_dataframe(native)
        and getattr(native[naam].dtype, "name", "") == "category"
    ):
        # a pandas categorical holds nothing but its categories: read those, not the rows
        categorieen = native[naam].array.categories.tolist()
        if {str(c) for c in categorieen} <= _ANTWOORDEN:
            return True
    if nw.dependencies.is_pandas_dataframe(native):
        from meldcode.adapters.dataframe.kern import alle_antwoorden

        door_arrow = alle_antwoorden(native[naam])  # text held by Arrow: one pass
        if door_arrow is not None:
            return door_arrow
    waarden = df[naam].drop_nulls().unique().cast(nw.String).to_list()
    return set(waarden) <= _ANTWOORDEN


def _echte_datums(df: Any, naam: str) -> bool:
    """Whether every text of the eager frame's column ``naam`` (gaps aside) is a real date.

    The row check itself (``_geen_datum``), asked of the whole column at once: when no row
    fails it, the query carries no check for the dates.
    """
    native = df.to_native()
    if nw.dependencies.is_polars_dataframe(native):  # polars' own expressions, no dispatch
        import polars as pl

        return not native.select(_geen_datum(pl, pl.col(naam), polars=True).any()).item()
    frame = nw.from_native(native, eager_only=True)
    return not frame.select(_geen_datum(nw, nw.col(naam), polars=False).any()).item()


#: the last year a date of the contract (``YYYY-MM-DD``) can name; the first is 1
_LAATSTE_JAAR = 9999


def _jaren_in_bereik(df: Any, naam: str) -> bool:
    """Whether every date of an eager date column (gaps aside) has a year from 1 to 9999.

    Read in a timestamp's own time zone, as ``Casus.datum`` is.
    """
    jaren = df[naam].dt.year()
    if jaren.null_count() == len(jaren):
        return True
    return bool(jaren.min() >= 1 and jaren.max() <= _LAATSTE_JAAR)


def _zonder_waarde(df: Any, naam: str) -> bool:
    """Whether the eager frame's column ``naam`` holds no value at all (every cell empty)."""
    native = df.to_native()
    if nw.dependencies.is_polars_dataframe(native):  # polars keeps the count: no dispatch
        return bool(native[naam].null_count() == native.height)
    if nw.dependencies.is_pandas_dataframe(native):  # pandas counts its gaps; no count needed
        import pandas as pd  # type: ignore[import-untyped,unused-ignore]  # a pandas frame

        kolom = native[naam]
        if len(kolom):  # a first cell with a value settles it without reading the rest
            try:
                eerste_leeg = bool(pd.isna(kolom.iat[0]))
            except (TypeError, ValueError):  # a list or an array in an object cell: a value
                eerste_leeg = False
            if not eerste_leeg:
                return False
        return bool(kolom.isna().all())
    reeks = df[naam]
    return bool(reeks.null_count() == len(reeks))


def _in_bereik(df: Any, naam: str, laag: int, hoog: int) -> bool:
    """Whether every value of an integer column (gaps aside) lies in ``[laag, hoog]``.

    A series of gaps only has no value out of range.

    pandas' reductions over its nullable integers are slow (they first copy the values that
    are not gaps). Its values array, gaps included (whatever a gap holds), is read directly
    first: when even those all lie in range, so do the values. Only otherwise the gaps are
    filled with ``laag`` and the values go through NumPy.
    """
    frame = df.to_native()
    if nw.dependencies.is_polars_dataframe(frame):  # polars' own series, no dispatch
        reeks = frame[naam]
        if laag == 0 and _waarden_tot(reeks, hoog):
            return True
        # (polars' ``reinterpret`` copies the column: its least and greatest value instead)
        laagste: Any = reeks.min()
        hoogste: Any = reeks.max()
        return laagste is None or bool(laagste >= laag and hoogste <= hoog)
    if nw.dependencies.is_pandas_dataframe(frame):
        import numpy as np  # pandas' own dependency

        onder = getattr(frame[naam].array, "_data", None)  # a masked array's values and gaps
        if isinstance(onder, np.ndarray) and onder.dtype.kind in "iu" and len(onder):
            if laag == 0 and onder.dtype.kind == "i":
                # read as unsigned, a negative number is above every signed one: one reduction
                if onder.view(onder.dtype.str.replace("i", "u")).max() <= hoog:
                    return True
            elif onder.min() >= laag and onder.max() <= hoog:
                return True
        waarden = df[naam].fill_null(laag).to_numpy()
        return not len(waarden) or bool(waarden.min() >= laag and waarden.max() <= hoog)
    reeks = df[naam]
    laagste, hoogste = reeks.min(), reeks.max()
    if laagste is None or hoogste is None:
        return True  # no value at all
    return bool(laagste >= laag and hoogste <= hoog)


def _arrow_van(reeks: Any) -> Any | None:
    """A polars series of one chunk as Arrow data, without a copy, when pyarrow is loaded.

    Only when something loaded pyarrow already (pandas 3 does, for its text): loading it for
    a probe would cost a process some 100 ms and 17 MiB once, more than the probes save in a
    session of few frames. ``None`` otherwise, and the caller asks polars.
    """
    if reeks.n_chunks() != 1 or "pyarrow" not in sys.modules:
        return None
    return reeks.to_arrow()


def _waarden_tot(reeks: Any, hoog: int) -> bool:
    """Whether every value of a polars integer series, gaps included, lies in ``[0, hoog]``.

    Read from its Arrow values buffer as unsigned numbers with NumPy, one reduction (a
    negative number is above every signed one): 14 against 80 us for polars' least and
    greatest value at 10^6 rows. A gap holds some value of its own; when even those lie in
    range, so do the values. ``False`` says nothing: the caller then asks polars.
    """
    import numpy as np  # the dataframe extra's

    if not reeks.dtype.is_integer():
        return False
    pijl = _arrow_van(reeks)
    if pijl is None or len(pijl) == 0:
        return pijl is not None
    breedte = pijl.type.bit_width // 8
    waarden = np.frombuffer(
        pijl.buffers()[1], dtype=f"u{breedte}", count=len(pijl), offset=pijl.offset * breedte
    )
    return bool(waarden.max() <= hoog)


def _bitmaps_beide(vlag: Any, kolom: Any) -> bool | None:
    """Whether some row has the polars flag true and a value in ``kolom``, on Arrow's bitmaps.

    The flag's values, its validity and the column's validity, and-ed eight rows a byte with
    NumPy (18 against 58 us at 10^6 rows). ``None`` when the bitmaps are not so at hand (more
    than one chunk, an offset inside a byte, no pyarrow): the caller then asks polars.
    """
    import numpy as np  # the dataframe extra's
    import polars as pl

    if vlag.dtype != pl.Boolean:
        return None
    v, k = _arrow_van(vlag), _arrow_van(kolom)
    if v is None or k is None or v.offset % 8 or k.offset % 8:
        return None
    n = len(v)
    if n == 0 or k.null_count == n:
        return False
    grootte = (n + 7) // 8
    uit = np.frombuffer(v.buffers()[1], np.uint8, count=grootte, offset=v.offset // 8).copy()
    for geldig, verschuiving in ((v.buffers()[0], v.offset), (k.buffers()[0], k.offset)):
        if geldig is not None:  # no buffer: no gap
            uit &= np.frombuffer(geldig, np.uint8, count=grootte, offset=verschuiving // 8)
    if n % 8:  # the bits past the last row are no rows
        uit[-1] &= (1 << (n % 8)) - 1
    return bool(uit.any())


def _heel_in_bereik(df: Any, naam: str, laag: int, hoog: int) -> bool:
    """Whether every value of a float or decimal column (gaps aside) is a whole number in range.

    pandas keeps whole numbers with gaps as floats (``NaN`` for a gap): a frame converted from
    polars, or read from a CSV file, has its ages so. Without this probe every row of such a
    frame would get its age checked, its message built, in pandas (which evaluates both
    branches of a condition): about a second per 10^6 rows. Only a floating-point column of
    pandas or polars, or a polars decimal one, is read; for anything else the answer is
    ``False`` and the rows are checked one by one, as before. ``NaN`` in a polars column is a
    value, not a gap, and no whole number.
    """
    frame = df.to_native()
    if nw.dependencies.is_polars_dataframe(frame):
        import polars as pl

        reeks = frame[naam]
        if not (reeks.dtype.is_float() or isinstance(reeks.dtype, pl.Decimal)):
            return False
        if reeks.null_count() == len(reeks):
            return True
        if reeks.dtype.is_float() and reeks.is_nan().any():
            return False
        # the gaps are left out of each reduction; an infinity is out of range
        laagste: Any = reeks.min()
        hoogste: Any = reeks.max()
        return bool(laagste >= laag and hoogste <= hoog and not (reeks != reeks.round(0)).any())
    if nw.dependencies.is_pandas_dataframe(frame):
        import numpy as np  # pandas' own dependency

        reeks = frame[naam]
        if getattr(reeks.dtype, "kind", "") != "f":
            return False
        # the gaps as the row checks see them (``isna``: NaN in NumPy's floats; the mask of a
        # ``Float64`` or an Arrow double, where pandas 2 keeps a NaN as a value apart), the
        # values as floats, a NaN among them no whole number
        gat = reeks.isna().to_numpy(dtype=bool)
        waarden = reeks.to_numpy(dtype="float64", na_value=np.nan)[~gat]
        with np.errstate(invalid="ignore"):
            goed = (waarden >= laag) & (waarden <= hoog) & (waarden == np.floor(waarden))
        return bool(goed.all())
    return False


def _beide(df: Any, vlag: str, kolom: str) -> bool:
    """Whether some row has the flag ``vlag`` true and a value in ``kolom`` (eager frames)."""
    native = df.to_native()
    if nw.dependencies.is_polars_dataframe(native):  # polars' own series, no dispatch
        snel = _bitmaps_beide(native[vlag], native[kolom])
        if snel is not None:
            return snel
        # a row with the flag and a value (a null flag is no flag: ``any`` passes over the
        # nulls ``&`` gives it); on bitmaps, a third faster than filtering the values
        return bool((native[vlag] & native[kolom].is_not_null()).any())
    if nw.dependencies.is_pandas_dataframe(native):  # NumPy on pandas' values, no dispatch
        import numpy as np  # pandas' own dependency

        reeks = native[vlag]
        waar = reeks.to_numpy() if reeks.dtype == bool else reeks.to_numpy(bool, na_value=False)
        waarden = native[kolom].array
        leeg = getattr(waarden, "_mask", None)  # a masked array's gaps, read without a copy
        if not (isinstance(leeg, np.ndarray) and leeg.dtype == bool and leeg.shape == waar.shape):
            leeg = np.asarray(waarden.isna(), dtype=bool)
        heel = len(waar) - len(waar) % 8  # eight rows a 64-bit word: a true flag, no gap
        if (
            heel
            and np.bitwise_and(
                np.ascontiguousarray(waar[:heel]).view(np.uint64),
                ~np.ascontiguousarray(leeg[:heel]).view(np.uint64),
            ).any()
        ):
            return True
        return bool(np.greater(waar[heel:], leeg[heel:]).any())  # true, and not empty
    return bool((df[vlag] & ~df[kolom].is_null()).any())  # a null flag is not true


def _booleans_met_gaten(reeks: Any) -> Any | None:
    """A pandas object column of booleans and gaps as pandas' ``boolean`` array, else ``None``.

    What reading the column value by value (``_Invoer._controleer_bool``) accepts, found
    without a Python step per row: every value that is no gap is a ``bool`` (or NumPy's), and
    every gap is one that ``leeg`` calls empty (``None``, a float ``NaN``, ``NA``, ``NaT``).
    pandas' ``read_csv`` gives a flag column with an empty cell so; read one by one, such a
    column took about 0.8 s per 10^6 rows. ``None`` sends anything else (a ``1``, a text, a
    ``Decimal('NaN')``) to the reading value by value, which names the bad rows.
    """
    import numpy as np  # pandas' own dependency
    from pandas.api.types import infer_dtype  # type: ignore[import-untyped,unused-ignore]

    gat = reeks.isna().to_numpy(dtype=bool)
    waarden = reeks.to_numpy()
    if infer_dtype(waarden[~gat], skipna=False) not in ("boolean", "empty"):
        return None
    typen = set(map(type, waarden[gat]))
    if not all(
        t is type(None) or issubclass(t, float) or t.__name__ in ("NAType", "NaTType")
        for t in typen
    ):
        return None
    uit = np.zeros(len(waarden), dtype=bool)
    uit[~gat] = waarden[~gat].astype(bool)
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

    return pd.arrays.BooleanArray(uit, gat)


def _reeks(naam: str, waarden: list[Any], dtype: Any, df: Any, ns: Any) -> Any:
    if dtype == nw.Boolean and nw.dependencies.is_pandas_dataframe(df.to_native()):
        return nw.new_series(naam, ns.array(waarden, dtype="boolean"), backend=ns)
    return nw.new_series(naam, waarden, dtype, backend=ns)


def _basis_van(protocol: Protocol | str | None, basis: Regelbasis | None) -> Regelbasis | None:
    """The one rule base for every row, or ``None`` when each row's own protocol chooses."""
    gekozen = None if protocol is None else _protocol(protocol)
    if basis is not None:
        if gekozen is not None and gekozen is not basis.protocol:
            raise OngeldigeInvoer(
                [
                    Fout(
                        "protocol",
                        repr(gekozen.value),
                        f"the rule base is for protocol {basis.protocol.value!r}, "
                        f"the call asks for {gekozen.value!r}",
                    )
                ]
            )
        return basis
    return None if gekozen is None else regelbasis(gekozen)


def _protocol(protocol: Protocol | str) -> Protocol:
    gekozen = lees_protocol(protocol)
    assert gekozen is not None  # only None gives None
    return gekozen


def _frame(native: Any) -> Any:
    """``native`` as a narwhals frame; ``OngeldigeInvoer`` naming ``frame`` when it is not one."""
    try:
        df = nw.from_native(native, allow_series=False)
    except TypeError:
        df = None
    except nw.exceptions.DuplicateError:
        raise dubbele_kolommen(native) from None
    if not isinstance(df, nw.DataFrame | nw.LazyFrame):
        waarde = f"<{type(native).__name__}>"
        raise OngeldigeInvoer(
            [
                Fout(
                    "frame",
                    waarde,
                    "frame must be a dataframe narwhals supports (pandas, polars, a polars "
                    f"LazyFrame, Dask, ...) (got {waarde}); for a list of cases use "
                    "frame_uit_casussen",
                )
            ]
        )
    return df


def _namen(argument: str, waarde: object, *, labels: bool = False) -> tuple[Any, ...]:
    """An argument that names columns: an iterable of text, not one text (its letters).

    ``labels``: a pandas label that is a tuple (a ``MultiIndex``) or bytes names a column too.
    """
    if isinstance(waarde, str | bytes) or not isinstance(waarde, Iterable):
        getoond = toon(waarde)
        raise OngeldigeInvoer(
            [
                Fout(
                    argument,
                    getoond,
                    f"{argument} must be a list of column names (got {getoond})",
                )
            ]
        )
    namen = tuple(waarde)
    for naam in namen:
        if not (isinstance(naam, str) or (labels and _pandas_label(naam))):
            getoond = toon(naam)
            raise OngeldigeInvoer(
                [Fout(argument, getoond, f"{argument} must hold column names (got {getoond})")]
            )
    return namen


def _pandas_label(naam: object) -> bool:
    """Whether ``naam`` is a pandas column label of bytes, or a tuple of labels (hashable)."""
    if isinstance(naam, bytes):
        return True
    if not isinstance(naam, tuple):
        return False
    try:
        hash(naam)
    except TypeError:
        return False
    return True


def _extra(extra: Iterable[Kolomnaam]) -> frozenset[object]:
    """The caller's own columns: names, and pandas' labels that are tuples or bytes."""
    return frozenset(_namen("extra", extra, labels=True))


def _uitvoer(uitvoer: Iterable[str] | None) -> tuple[str, ...]:
    if uitvoer is None:
        return BESLUIT_KOLOMMEN
    gevraagd = _namen("uitvoer", uitvoer)
    onbekend = [u for u in gevraagd if u not in _MOGELIJK]
    if onbekend:
        raise OngeldigeInvoer(
            [
                Fout("uitvoer", repr(u), f"uitvoer {u!r} is not one of {', '.join(_MOGELIJK)}")
                for u in onbekend
            ]
        )
    return tuple(u for u in _MOGELIJK if u in gevraagd or u == "fout")


class _Plan:
    """What is kept per rule base, frame schema and requested columns: the translation.

    ``stadia`` are the intermediate columns in stages, ``uit`` the output columns (named with
    the prefix), ``tussen`` the intermediate names to drop, ``opzoekingen`` the long list
    columns made per distinct row (polars); for a pandas frame, ``rails`` and ``uitvoer`` per
    rule base, for the NumPy kernel.
    """

    __slots__ = ("opzoekingen", "rails", "stadia", "tussen", "uit", "uitvoer")

    def __init__(self) -> None:
        self.stadia: list[list[Any]] = []
        self.uit: list[Any] = []
        self.tussen: list[str] = []
        self.opzoekingen: list[Opzoeking] = []
        self.rails: list[Any] = []
        self.uitvoer: list[dict[str, Uit]] = []


#: translations kept per rule base (by frame schema, columns asked for, ...); the oldest make room
_PLANNEN = 64
_BOUW = threading.Lock()


def _plan(
    bases: Sequence[Regelbasis],
    sleutel: tuple[Any, ...],
    maak: Callable[[], _Plan],
) -> _Plan:
    """The plan kept under ``sleutel`` with the first rule base, made by ``maak`` on first use."""
    plannen: dict[tuple[Any, ...], _Plan] = bases[0].afgeleid("dataframe.plannen", dict)
    plan = plannen.get(sleutel)
    if plan is None:
        with _BOUW:
            plan = plannen.get(sleutel)
            if plan is None:
                plan = maak()
                while len(plannen) >= _PLANNEN:
                    del plannen[next(iter(plannen))]
                plannen[sleutel] = plan
    return plan


def _expressieplan(
    ns: Any,
    bases: Sequence[Regelbasis],
    kolommen: Kolommen,
    gevraagd: Sequence[str],
    prefix: str,
    foutkolom: str | None,
    versiekolom: str | None,
) -> _Plan:
    """Every output as one expression of ``ns`` (polars or narwhals), per rule base chosen."""
    polars = ns.__name__ == "polars"
    plan = _Plan()
    per_basis: list[dict[str, Any]] = []
    for nr, basis in enumerate(bases):
        uitvoer = vertaling_uitvoer(basis, [g for g in gevraagd if g != "fout"])
        rails = vertaling(basis).rails
        e = Expressies(
            ns,
            rails,
            kolommen,
            polars=polars,
            naam=f"{_INTERN}{nr}.",
            delen=not polars or _gedeeld(rails, wortels(uitvoer)) > _CSE,
            wortels=wortels(uitvoer),
        )
        per_basis.append({naam: e.uit(u) for naam, u in uitvoer.items()})
        for i, stadium in enumerate(e.stadia):
            while len(plan.stadia) <= i:
                plan.stadia.append([])
            plan.stadia[i].extend(stadium)
        plan.tussen += e.tussen
        plan.opzoekingen += e.opzoekingen
    for naam in gevraagd:
        if naam == "fout":
            waarde = ns.col(foutkolom) if foutkolom else ns.lit(None, dtype=ns.String)
        else:
            waarde = per_basis[-1][naam]
            if versiekolom is not None:
                waarde = kies(
                    ns,
                    [(ns.col(versiekolom) == i, w[naam]) for i, w in enumerate(per_basis[:-1])],
                    waarde,
                )
            if foutkolom is not None:
                waarde = ns.when(ns.col(foutkolom).is_null()).then(waarde)
        plan.uit.append(waarde.alias(f"{prefix}{naam}"))
    return plan


#: polars shares up to this many repeated parts itself (common-subexpression elimination in
#: one ``with_columns``); more become intermediate columns, in stages
_CSE = 16


def _gedeeld(rails: Any, wortels_: Sequence[Any]) -> int:
    """How many parts of the rails the outputs read more than once."""
    return sum(1 for n in rails.gebruik(wortels_).values() if n > 1)


def _kernplan(bases: Sequence[Regelbasis], gevraagd: Sequence[str]) -> _Plan:
    """The rails and outputs of each rule base, for the NumPy kernel."""
    plan = _Plan()
    for basis in bases:
        plan.uitvoer.append(vertaling_uitvoer(basis, [g for g in gevraagd if g != "fout"]))
        plan.rails.append(vertaling(basis).rails)
    return plan


def beslis_frame(
    frame: FrameT,
    protocol: Protocol | str | None = None,
    *,
    basis: Regelbasis | None = None,
    prefix: str = "besluit.",
    uitvoer: Iterable[str] | None = None,
    extra: Iterable[Kolomnaam] = (),
) -> FrameT:
    """Decide every row of ``frame``; return the same kind of frame with decision columns added.

    ``frame`` is any eager or lazy frame narwhals supports (pandas, polars, a polars
    ``LazyFrame``, a Dask frame, ...); a lazy frame comes back lazy. ``protocol`` decides every
    row under that version; by default each row's ``protocol`` or ``datum`` chooses, as in
    ``meldcode.beslis`` (by the versions' dates of entry, ``meldcode.rules.versies``).
    ``basis`` decides with another rule base (an organisation profile, a switch, a version of
    the caller's own). ``uitvoer`` restricts the added columns to those named (``("melden",)``
    computes only what ``melden`` needs); by default all of ``BESLUIT_KOLOMMEN`` are added, each
    with ``prefix``: ``protocol``; the decisions (booleans); ``volgende_vraag``; ``contacten``,
    ``regels`` and ``waarschuwingen`` (comma-separated, in the ``Besluit``'s order: parties,
    rule ids, warning codes); ``melden_regel``, the first rule that decided melden; and
    ``fout``, empty for a decided row and otherwise the row's first problem, naming its field
    and value.

    The translation of the rule base is kept with it per frame schema and requested columns,
    so deciding many frames of one shape pays for it once.

    ``extra`` names columns of the caller's own that are carried along unchecked: declare one
    whose name resembles a contract column (otherwise it is refused as a likely typo).

    Raises ``OngeldigeInvoer`` for something that is not a frame, for a column that misspells a
    contract key or only looks like one (a pandas tuple or bytes label too), a column that
    holds a contract object nested (``weging``: flatten it), a column of the wrong type (an
    answer column of numbers; a column without any value counts as absent, whatever its type),
    a frame that holds the decision columns this call adds (drop them or choose another
    ``prefix``), an unknown ``uitvoer`` or ``protocol``. A ``datum`` timestamp with a time zone
    counts by its calendar date in that zone.
    """
    gevraagd = _uitvoer(uitvoer)
    eigen = _extra(extra)
    if not isinstance(prefix, str) or not prefix:  # type: ignore[redundant-expr]  # untyped callers
        raise OngeldigeInvoer(
            [Fout("prefix", toon(prefix), f"prefix must be non-empty text (got {toon(prefix)})")]
        )
    enige = _basis_van(protocol, basis)
    if nw.dependencies.is_dask_dataframe(frame):
        uit_dask: FrameT = _dask(
            frame, protocol, basis=basis, prefix=prefix, uitvoer=gevraagd, extra=eigen
        )
        return uit_dask
    if _POLARS_VOOR_ARROW and nw.dependencies.is_pyarrow_table(frame):
        uit_arrow: FrameT | None = _arrow(
            frame, protocol, basis=basis, prefix=prefix, uitvoer=gevraagd, extra=eigen
        )
        if uit_arrow is not None:
            return uit_arrow
    if nw.dependencies.is_pandas_dataframe(frame):
        als_tekst = _pandas_tekst_als_string(frame)
        if als_tekst:
            kopie = frame.copy(deep=False)
            for naam, kolom in als_tekst.items():
                kopie[naam] = kolom
            besloten_pandas = _beslis_frame(kopie, enige, gevraagd, eigen, prefix)
            for naam in als_tekst:  # the caller's own columns, as they were
                besloten_pandas[naam] = frame[naam]
            return besloten_pandas  # type: ignore[no-any-return]
    if nw.dependencies.is_pyarrow_table(frame):
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]  # the table's own

        besloten = _beslis_frame(_woordenboeken_als_tekst(frame), enige, gevraagd, eigen, prefix)
        uit_tabel: Any = frame  # the table's own columns as they were
        for naam in besloten.column_names[frame.num_columns :]:
            uit_tabel = uit_tabel.append_column(naam, _als_string(pa, besloten.column(naam)))
        return uit_tabel  # type: ignore[no-any-return]
    uit: FrameT = _beslis_frame(frame, enige, gevraagd, eigen, prefix)
    return uit


def _een_index_per_kolom(native: Any) -> contextlib.AbstractContextManager[None]:
    """For a pandas frame: each text column's answer codes read once in the call (``kern``)."""
    if not nw.dependencies.is_pandas_dataframe(native):
        return contextlib.nullcontext()
    from meldcode.adapters.dataframe.kern import een_index_per_kolom

    return een_index_per_kolom()


def _woordenboeken_als_tekst(tabel: Any, tekst: Any = None) -> Any:
    """The Arrow table with each column of a dictionary of texts as those texts.

    pyarrow's compute functions, which narwhals' path uses, fail on some dictionaries that
    Arrow allows: of ``string_view`` texts (no ``array_take`` kernel), or chunks with
    dictionaries of their own that hold a gap ("cannot yet unify dictionaries with nulls").
    As text the values are the same (a code that points at a gap is a gap), of Arrow's type
    ``tekst`` (``large_string`` by default). A column of ``string_view`` text is cast so too:
    pyarrow has no ``is_in`` for it. The table itself when it has no such column.
    """
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]  # an Arrow table's own

    tekst = pa.large_string() if tekst is None else tekst
    for i, veld in enumerate(tabel.schema):
        soort = veld.type
        if pa.types.is_string_view(soort):
            kolom = tabel.column(i).cast(tekst)
        elif pa.types.is_dictionary(soort) and _is_tekst(pa, soort.value_type):
            kolom = pa.chunked_array(
                [stuk.dictionary.cast(tekst).take(stuk.indices) for stuk in tabel.column(i).chunks],
                tekst,
            )
        else:
            continue
        tabel = tabel.set_column(i, veld.with_type(kolom.type), kolom)
    return tabel


def _pandas_tekst_als_string(frame: Any) -> dict[Any, Any]:
    """A pandas frame's Arrow columns that pyarrow's compute functions cannot take, as text.

    As ``_woordenboeken_als_tekst`` for an Arrow table: a column of Arrow dictionaries of texts
    (``pd.ArrowDtype``), some of which pyarrow cannot compute on; a contract column of
    ``string_view`` text (no kernel of pyarrow's ``is_in``); and under pandas 2 one of
    ``large_string`` text (``large_string[pyarrow]``, as ``read_parquet`` gives a file polars
    wrote), whose values pandas 2 cannot join to a text of Arrow's ``string`` in a bad row's
    message. Each as Arrow ``string`` on the frame's index; none when the frame has no such
    column.
    """
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]  # a pandas frame's own

    pandas_2 = int(pd.__version__.split(".")[0]) < 3
    uit: dict[Any, Any] = {}
    for naam, dtype in frame.dtypes.items():
        if not isinstance(dtype, pd.ArrowDtype):
            continue
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]  # ArrowDtype's own

        soort = dtype.pyarrow_dtype
        kolom = frame[naam].array.__arrow_array__()
        if pa.types.is_dictionary(soort) and _is_tekst(pa, soort.value_type):
            tekst = _woordenboeken_als_tekst(pa.table({"x": kolom}), pa.string()).column(0)
        elif (naam in _SOORTEN or naam in ("protocol", "datum")) and (
            pa.types.is_string_view(soort) or (pandas_2 and pa.types.is_large_string(soort))
        ):
            tekst = kolom.cast(pa.string())
        else:
            continue
        uit[naam] = pd.Series(pd.arrays.ArrowExtensionArray(tekst), index=frame.index, name=naam)
    return uit


def _als_string(pa: Any, kolom: Any) -> Any:
    """An Arrow column of text as Arrow's ``string``, whatever text type it was made as.

    The decision columns appended to an Arrow table have one type, on either path.
    """
    if pa.types.is_large_string(kolom.type) or pa.types.is_string_view(kolom.type):
        return kolom.cast(pa.string())
    return kolom


def _is_tekst(pa: Any, soort: Any) -> bool:
    """Whether the Arrow type ``soort`` is text (``string``, ``large_string``, ``string_view``)."""
    return bool(
        pa.types.is_string(soort)
        or pa.types.is_large_string(soort)
        or pa.types.is_string_view(soort)
    )


def _beslis_frame(
    native: Any,
    enige: Regelbasis | None,
    gevraagd: tuple[str, ...],
    eigen: frozenset[object],
    prefix: str,
    codes: Mapping[str, tuple[str, ...]] | None = None,
) -> Any:
    """``beslis_frame`` of a frame of a library narwhals reads (its arguments checked).

    ``codes`` names answer columns held as codes (``_arrow``: an Arrow dictionary's indices)
    with the answer of each code: the analysis reads such a column as an enum of those answers,
    the translation compares codes.
    """
    with warnings.catch_warnings(), _een_index_per_kolom(native):
        # narwhals announces that its Dask support moves to a separate package; it still works
        warnings.filterwarnings("ignore", message=".*Dask support is moving.*")
        rijen = _Rijen(native)
        lazy = rijen.lazy
        schema, schemasleutel = _schema(rijen, native, lazy)
        if codes:
            schema = {n: nw.Enum(codes[n]) if n in codes else d for n, d in schema.items()}
            if schemasleutel is not None:
                schemasleutel = (*schemasleutel, "codes", *sorted(codes.items()))
        kaart = _kaart(tuple(schema), prefix, eigen)
        ns: Any = nw
        polars = rijen.polars
        if polars:
            import polars as ns
        if enige is not None:
            bases: list[Regelbasis] = [enige]
            protocollen: tuple[Protocol, ...] = (enige.protocol,)
        else:
            bases = [regelbasis(v.protocol) for v in VERSIES]
            protocollen = PROTOCOLLEN
        invoer = _invoer(rijen, kaart, schema, schemasleutel, protocollen, ns)
        kolommen_ = invoer.kolommen()
        if codes:
            antwoorden = {naam for _, naam in kolommen_.antwoorden}
            kolommen_ = attrs.evolve(
                kolommen_,
                codes=(
                    *kolommen_.codes,
                    *((n, codes[n]) for n in sorted(codes) if n in antwoorden),
                ),
            )

        # stage one: decoded columns (in narwhals), the row checks, each row's version (in
        # polars' own expressions for a polars frame)
        voor: list[Any] = []
        intern: list[str] = [reeks.name for reeks in invoer.voorbereiding]
        df: Any = rijen.nw if invoer.voorbereiding else None
        if invoer.voorbereiding:
            df = df.with_columns(*invoer.voorbereiding)
        foutkolom = f"{_INTERN}fout" if invoer.controles else None
        versiekolom = f"{_INTERN}versie" if len(bases) > 1 else None
        voor += invoer.eerste_kolommen(len(bases) > 1)
        # polars: the answers read as codes, then the checks and versions, as the query's
        # first stages (an eager frame's ``with_columns`` of its own cost up to 7 ms a call
        # on a frame of many chunks, as ``pl.read_csv`` gives)
        vooraf = [s for s in (invoer.codekolommen(), voor) if s] if polars else []
        intern += [naam for naam, _ in invoer.codes.values()]
        eerste: Any
        if polars:
            eerste = native if df is None else df.to_native()
        elif rijen.pandas and df is None and not voor:
            eerste = None  # nothing to add in narwhals: the kernel reads the frame itself
        else:
            eerste = rijen.nw if df is None else df
        if voor and not polars:
            eerste = eerste.with_columns(*voor)
        intern += [k for k in (foutkolom, versiekolom) if k is not None]

        if polars:
            native = eerste
        elif eerste is not None:
            df = eerste
            native = df.to_native()
        sleutel = (
            tuple(b.protocol for b in bases),
            kolommen_,
            gevraagd,
            prefix,
            foutkolom,
            versiekolom,
        )
        if nw.dependencies.is_polars_dataframe(native) or nw.dependencies.is_polars_lazyframe(
            native
        ):
            import polars as pl

            plan = _plan(
                bases,
                ("polars", *sleutel),
                lambda: _expressieplan(
                    pl, bases, kolommen_, gevraagd, prefix, foutkolom, versiekolom
                ),
            )
            resultaat: Any = _polars(native, plan, intern, vooraf)
        elif nw.dependencies.is_pandas_dataframe(native):
            plan = _plan(bases, ("kern", *sleutel), lambda: _kernplan(bases, gevraagd))
            resultaat = _pandas(native, plan, kolommen_, gevraagd, prefix, foutkolom, versiekolom)
            resultaat = resultaat.drop(columns=intern) if intern else resultaat
        else:
            plan = _plan(
                bases,
                ("narwhals", *sleutel),
                lambda: _expressieplan(
                    nw, bases, kolommen_, gevraagd, prefix, foutkolom, versiekolom
                ),
            )
            for stadium in plan.stadia:
                df = df.with_columns(*stadium)
            df = df.with_columns(*plan.uit)
            if intern or plan.tussen:
                df = df.drop(*intern, *plan.tussen)
            resultaat = df.to_native()
            if not lazy:
                resultaat = _nullable_bools(resultaat, [f"{prefix}{s}" for s in gevraagd])
    return resultaat


#: an Arrow table is decided by polars where polars is installed (see ``_arrow``)
_POLARS_VOOR_ARROW = True


def _arrow(tabel: Any, protocol: Protocol | str | None, **opties: Any) -> Any | None:
    """An Arrow table decided by polars, its decision columns added to the table itself.

    polars reads an Arrow table without copying it (``pl.from_arrow``) and decides it as any
    polars frame, a hundred times faster than narwhals' expressions on the table (measured:
    0.6 ms against 63 ms for ``melden`` on 10^5 rows); the table's own columns are left as they
    are and the decision columns are appended, text as Arrow's ``string``, as the narwhals path
    gives them. ``None`` when polars is not installed or cannot read the table (a type it has
    no equivalent for, two columns of one name): the narwhals path then decides it, or names
    what is wrong.
    """
    try:
        import polars as pl
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        return None
    namen = tabel.column_names
    if len(set(namen)) != len(namen):
        return None  # the other path names a name used twice, as for every other library
    # only the contract's columns are read: the others (the caller's own, an earlier call's
    # decisions) go to polars by name alone, as columns of nulls, which costs nothing to
    # convert (a column of text the caller carries cost 8 ms per 10^6 rows), and keep their
    # names for every check of the names
    gelezen = _kaart(tuple(namen), opties["prefix"], opties["extra"])
    schema = tabel.schema
    # an answer column of a dictionary (Parquet's, DuckDB's, polars' own enums) goes to polars
    # as its indices, which it reads without a copy, and is decided by comparing codes:
    # polars' conversion of a dictionary to its own categories costs 3-4 ms per column of
    # 10^6 rows, most of the call
    codes: dict[str, tuple[str, ...]] = {}
    kolommen: list[Any] = []
    velden: list[Any] = []
    for i, naam in enumerate(namen):
        # ``referentie`` as well: no decision reads it, nor checks it (a column of text costs
        # polars 5 ms per 10^6 rows to convert)
        if gelezen.get(naam, "referentie") == "referentie":
            kolommen.append(pa.nulls(tabel.num_rows))
            velden.append(pa.field(naam, pa.null()))
            continue
        kolom, veld = tabel.column(i), schema.field(i)
        labels = _woordenboek(pa, kolom) if _SOORTEN.get(gelezen[naam]) == "oordeel" else None
        if labels is not None:
            codes[naam] = labels
            kolom = pa.chunked_array([c.indices for c in kolom.chunks], kolom.type.index_type)
            veld = pa.field(naam, kolom.type)
        kolommen.append(kolom)
        velden.append(veld)
    # the table's metadata: what polars wrote of its own types (an Enum's)
    licht = pa.Table.from_arrays(kolommen, schema=pa.schema(velden, metadata=schema.metadata))
    try:
        als_polars = pl.from_arrow(licht, rechunk=False)
    except Exception:  # any table polars cannot read is read the other way
        return None
    if not isinstance(als_polars, pl.DataFrame) or als_polars.columns != namen:
        return None
    besloten = _beslis_frame(
        als_polars,
        _basis_van(protocol, opties["basis"]),
        opties["uitvoer"],
        opties["extra"],
        opties["prefix"],
        codes,
    )
    oud = set(namen)
    uit = tabel
    for reeks in besloten.get_columns():
        if reeks.name in oud:
            continue
        if reeks.dtype == pl.String and reeks.null_count() == len(reeks):
            # an empty text column (``fout`` of a frame without a bad row): polars would
            # convert it value by value, 2-4 ms per 10^6 rows
            kolom = pa.nulls(len(reeks), pa.string())
        else:
            kolom = _als_string(pa, reeks.to_arrow())  # without a frame's conversion
        uit = uit.append_column(reeks.name, kolom)
    return uit


def _woordenboek(pa: Any, kolom: Any) -> tuple[str, ...] | None:
    """The answers an Arrow dictionary column's codes stand for, if it can be read as codes.

    Only a dictionary of text whose chunks share one dictionary of distinct answers, without a
    gap among them; ``None`` for anything else (the column is then converted by polars, and a
    value that is no answer is named by the row checks).
    """
    soort = kolom.type
    if not pa.types.is_dictionary(soort) or not kolom.num_chunks:
        return None
    if not _is_tekst(pa, soort.value_type):
        return None
    eerste = kolom.chunk(0).dictionary
    if any(not c.dictionary.equals(eerste) for c in kolom.chunks[1:]):
        return None
    labels = tuple(eerste.to_pylist())
    if len(set(labels)) != len(labels) or not set(labels) <= _ANTWOORDEN:
        return None
    return labels


def _dask(ddf: Any, protocol: Protocol | str | None, **opties: Any) -> Any:
    """A Dask frame decided where it lives: each partition (a pandas frame) by the NumPy kernel.

    Dask's own expressions for every node of the rule base make a graph that Dask's optimiser
    walks recursively, past Python's limit for every column of the contract; a partition is a
    pandas frame, decided as one. The partitions' empty frame (Dask's ``_meta``) is decided at
    once: it is the result's schema, and a frame-level error (a misspelt column) is raised by
    this call, not when the result is computed.
    """

    def beslis_deel(deel: Any) -> Any:
        return beslis_frame(deel, protocol, **opties)

    return ddf.map_partitions(beslis_deel, meta=beslis_deel(ddf._meta))


#: an eager polars frame of at least this many rows is decided as a query collected at once:
#: polars' planning costs about 0.4 ms a call, the parts shared once pay for it from here on
#: (measured: 0.36 against 0.80 ms at 10^3 rows, 1.2 against 1.0 ms at 3 x 10^5, 3.5 against
#: 3.0 ms at 10^6)
_QUERY_VANAF = 200_000


def _polars(
    native: Any, plan: _Plan, intern: Sequence[str], vooraf: Sequence[Sequence[Any]] = ()
) -> Any:
    """Run a polars plan: a lazy frame gets the stages as a query; a large eager one too.

    An eager frame of ``_QUERY_VANAF`` rows or more is decided as a query collected at once
    (the frame's columns shared, not copied): polars then computes the parts the decisions
    share once (its common-subexpression elimination, which its eager ``with_columns`` leaves
    out). A smaller one gets eager ``with_columns``. A lazy frame stays lazy. ``vooraf`` are the
    stages of the frame's own analysis (the answers' codes, the row checks, each row's version),
    before the plan's.
    """
    weg = [*intern, *plan.tussen]
    eager = not hasattr(native, "collect")
    query = eager and native.height >= _QUERY_VANAF
    uit = native.lazy() if query else native
    for stadium in [*vooraf, *plan.stadia]:
        uit = uit.with_columns(stadium)
    if plan.opzoekingen:
        import polars as pl

        uit = uit.with_columns(
            [expr.alias(naam) for o in plan.opzoekingen for naam, expr in o.sleutels]
        )
        # each text is joined to the keys alone and set beside the frame: a join of the whole
        # frame would copy every column to keep the rows' order. An eager frame's keys are
        # computed first and joined eagerly (polars' lazy join of the same took three times as
        # long); a lazy frame stays one query.
        bron = uit.collect() if query else uit
        teksten = []
        for o in plan.opzoekingen:
            namen = [naam for naam, _ in o.sleutels]
            sleutels = bron.select(namen)
            tabel = sleutels.unique().with_columns(o.tekst.alias(o.kolom))
            # every key is in the table, so an inner join keeps every row, in order; polars 2.2
            # joins so about a third faster than ``how="left"`` (measured: 19 against 26 ms)
            gekoppeld = sleutels.join(tabel, on=namen, how="inner", maintain_order="left")
            teksten.append(gekoppeld.select(o.kolom))
        with warnings.catch_warnings():
            # polars 1.42-1.x warns that a horizontal concatenation will require equal heights:
            # these are equal, the keys being the frame's own rows
            warnings.filterwarnings("ignore", "the default behavior of `how='horizontal'`")
            uit = pl.concat([bron, *teksten], how="horizontal")
        uit = uit.lazy() if query else uit
    uit = uit.with_columns(plan.uit)
    if weg:
        uit = uit.drop(weg)
    return uit.collect() if query else uit


def _pandas(
    native: Any,
    plan: _Plan,
    kolommen_: Kolommen,
    gevraagd: Sequence[str],
    prefix: str,
    foutkolom: str | None,
    versiekolom: str | None,
) -> Any:
    """Decide a pandas frame with the NumPy kernel; the columns go into a shallow copy."""
    import numpy as np
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

    from meldcode.adapters.dataframe.kern import Kern, Tekstkolom

    n = len(native)
    leeg = None if foutkolom is None else native[foutkolom].notna().to_numpy()
    versie = None if versiekolom is None else native[versiekolom].to_numpy()
    kernen = [
        Kern(native, rails, kolommen_, rails.gebruik(wortels(uitvoer)))
        for rails, uitvoer in zip(plan.rails, plan.uitvoer, strict=True)
    ]
    nieuw: dict[str, Any] = {}
    for naam in gevraagd:
        kolom = f"{prefix}{naam}"
        if naam == "fout":
            nieuw[kolom] = (
                _leeg_tekst(pd, n) if foutkolom is None else _fouttekst(pd, native[foutkolom])
            )
            continue
        waarden: list[Any] = [k.uit(u[naam]) for k, u in zip(kernen, plan.uitvoer, strict=True)]
        if naam in BOOLEAANS:
            waarde = waarden[-1]
            if versie is not None:
                waarde = np.select(
                    [versie == i for i in range(len(waarden) - 1)], waarden[:-1], waarde
                )
            masker = np.zeros(n, dtype=bool) if leeg is None else leeg.copy()
            nieuw[kolom] = pd.arrays.BooleanArray(np.asarray(waarde, dtype=bool), masker)
            continue
        teksten = [w for w in waarden if isinstance(w, Tekstkolom)]
        if versie is None and leeg is None:
            nieuw[kolom] = _tekst(pd, teksten[0], n)
            continue
        objecten: Any = teksten[-1].objecten()
        if versie is not None:
            objecten = np.select(
                [versie == i for i in range(len(teksten) - 1)],
                [t.objecten() for t in teksten[:-1]],
                objecten,
            )
        if leeg is not None:
            objecten = np.where(leeg, None, objecten)
        nieuw[kolom] = _tekst(pd, Tekstkolom(waarden=objecten), n)
    # the columns' arrays (a series of ours has its own index: its array needs no aligning)
    toegevoegd = {k: w.array if isinstance(w, pd.Series) else w for k, w in nieuw.items()}
    # (the input holds none of these columns: ``_kaart`` refuses a frame decided before)
    # a new frame; the input's columns are shared, not copied (concatenated: ``assign`` inserts
    # one column at a time into pandas' text index, about a fifth slower), with the input's
    # ``attrs`` and flags as ``assign`` keeps them
    # ``copy=False``: every array is this call's own (the shared empty text is Arrow data,
    # which pandas copies before writing)
    nieuw_ = pd.DataFrame(toegevoegd, index=native.index, copy=False)
    return pd.concat([native, nieuw_], axis=1).__finalize__(native)


@functools.cache
def _TEKST(pd: Any) -> Any:
    """Pandas' own text dtype (``str`` since pandas 3, ``object`` before)."""
    return pd.Series(["x"]).dtype


_SCHEMAS: dict[tuple[Any, ...], tuple[dict[str, Any], tuple[Any, ...]]] = {}


def _schema(
    rijen: _Rijen, native: Any, lazy: bool
) -> tuple[dict[str, Any], tuple[Any, ...] | None]:
    """The frame's narwhals schema, and the key it is kept under (``None``: not kept).

    Kept per native schema where that decides it alone.

    (narwhals inspects a pandas ``object`` column's values: such a frame is not kept.) A pandas
    frame's dtypes are keyed by identity: hashing a categorical dtype hashes its categories,
    every call. The entry keeps the dtypes themselves, so an id in a key is never another
    object's while the entry lives.
    """
    sleutel: tuple[Any, ...] | None = None
    vast: tuple[Any, ...] = ()
    try:
        if nw.dependencies.is_polars_dataframe(native):
            sleutel = ("polars", tuple(native.columns), *map(_polars_type, native.dtypes))
        elif nw.dependencies.is_polars_lazyframe(native):
            polars_schema = native.collect_schema()
            sleutel = (
                "polars",
                tuple(polars_schema.names()),
                *map(_polars_type, polars_schema.dtypes()),
            )
        elif nw.dependencies.is_pandas_dataframe(native):
            import numpy as np  # pandas' own dependency

            vast = tuple(native.dtypes.tolist())  # twice as fast as iterating the Series
            # NumPy's object dtype (not a categorical's, nor pandas' text: those say their kind)
            if not any(isinstance(d, np.dtype) and d.kind == "O" for d in vast):
                # the names as a list first: iterating pandas' (Arrow) index is ten times slower
                sleutel = ("pandas", tuple(native.columns.tolist()), tuple(map(id, vast)))
        if sleutel is not None:
            hash(sleutel)
    except TypeError:  # pragma: no cover - an unhashable column name or dtype
        sleutel = None
    if sleutel is not None:
        bekend = _SCHEMAS.get(sleutel)
        if bekend is not None:
            return dict(bekend[0]), sleutel
    df = rijen.nw
    schema = dict(df.collect_schema() if lazy else df.schema)
    if not rijen.polars and any(isinstance(d, nw.Unknown) for d in schema.values()):
        _tijdzones(native, schema)
    if sleutel is not None:
        while len(_SCHEMAS) >= _PLANNEN:
            del _SCHEMAS[next(iter(_SCHEMAS))]
        _SCHEMAS[sleutel] = (schema, vast)
    return dict(schema), sleutel


def _tijdzones(native: Any, schema: dict[str, Any]) -> None:
    """A pandas (or Dask) timestamp column with a time zone that narwhals reads as ``Unknown``.

    narwhals recognises a zone by its name's letters and slashes: ``America/Sao_Paulo`` or
    ``Etc/GMT+1`` leave the column ``Unknown``. Its own dtype says the unit and the zone.
    """
    dtypes = getattr(native, "dtypes", None)
    for naam, dtype in schema.items():
        if not isinstance(dtype, nw.Unknown):
            continue
        try:
            eigen = dtypes[naam]  # type: ignore[index]
        except (KeyError, TypeError, IndexError):  # pragma: no cover - not a pandas-like frame
            continue
        zone, eenheid = getattr(eigen, "tz", None), getattr(eigen, "unit", None)
        if zone is not None and eenheid in ("s", "ms", "us", "ns"):
            schema[naam] = nw.Datetime(eenheid, str(zone))


def _polars_type(dtype: Any) -> Any:
    """A polars dtype as a key: by its class, an enum's categories as a tuple, or itself.

    A dtype without parameters is its class; one with other parameters is itself. (polars
    hashes and compares a dtype in Python, and an enum walks its categories one by one: a key
    of 91 columns cost some 0.1 ms to find, every call. A class is hashed by identity.)
    """
    soort = type(dtype)
    if soort in _polars_zonder_parameters():
        return soort
    categorieen = getattr(dtype, "categories", None)
    if categorieen is not None and hasattr(categorieen, "to_list"):
        return (soort, tuple(categorieen.to_list()))
    return dtype


@functools.cache
def _polars_zonder_parameters() -> frozenset[type]:
    """The polars dtypes whose class says everything (no time unit, inner type, categories)."""
    import polars as pl

    namen = [
        "Boolean",
        "Int8",
        "Int16",
        "Int32",
        "Int64",
        "Int128",
        "UInt8",
        "UInt16",
        "UInt32",
        "UInt64",
        "Float32",
        "Float64",
        "String",
        "Date",
        "Time",
        "Null",
        "Binary",
    ]
    return frozenset(getattr(pl, n) for n in namen if isinstance(getattr(pl, n, None), type))


def _fouttekst(pd: Any, fouten: Any) -> Any:
    """The rows' problems in pandas' own text dtype, an empty cell as in the other text columns.

    pandas 2 keeps text as objects, where the checks leave ``NaN`` in a good row and the other
    text columns ``None``: ``None`` everywhere, so that a good row's ``fout`` is the same value
    whether or not another row of the frame is bad. (pandas 3's text has one empty value.)
    """
    tekst = fouten.astype(_TEKST(pd))
    if tekst.dtype == object:
        tekst = tekst.where(tekst.notna(), None)
    return tekst


def _leeg_tekst(pd: Any, n: int) -> Any:
    """An empty text column of ``n`` rows, in pandas' own text dtype."""
    dtype = _TEKST(pd)
    if getattr(dtype, "storage", None) == "pyarrow":
        try:
            waarden = _arrow_leeg(n)
            return pd.Series(pd.arrays.ArrowStringArray(waarden, dtype=dtype), copy=False)
        except (ImportError, TypeError, ValueError):  # pragma: no cover - older pandas
            pass
    return pd.Series([None] * n, dtype=dtype)


@functools.lru_cache(maxsize=2)
def _arrow_leeg(n: int) -> Any:
    """``n`` empty texts as Arrow data, kept for the next frame of the same length.

    Arrow data cannot be changed (pandas copies before writing), so one array serves every
    frame of that length; making it anew zeroed 8 bytes of offsets a row, every call.
    """
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    return pa.chunked_array([pa.nulls(n, pa.large_string())])


def _tekst(pd: Any, kolom: Any, n: int) -> Any:
    """A text column from the kernel's codes or strings, in pandas' own text dtype."""
    import numpy as np

    dtype = _TEKST(pd)
    if kolom.codes is not None and getattr(dtype, "storage", None) == "pyarrow":
        try:
            import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

            codes = kolom.codes
            labels = pa.array(kolom.labels or [""], pa.large_string())
            gekozen = labels.take(pa.array(np.maximum(codes, 0), mask=codes < 0))
            waarden = pa.chunked_array([gekozen])
            return pd.Series(pd.arrays.ArrowStringArray(waarden, dtype=dtype), copy=False)
        except (ImportError, TypeError, ValueError):  # pragma: no cover - older pandas
            pass
    return pd.Series(kolom.objecten(), dtype=dtype)


def _nullable_bools(native: Any, namen: Sequence[str]) -> Any:
    """pandas: a decision column with an empty cell gets the nullable ``boolean`` dtype."""
    if not nw.dependencies.is_pandas_dataframe(native):
        return native
    besluiten = [n for n in namen if n.rsplit(".", 1)[-1] in {p.value for p in Beslispunt}]
    if not besluiten:
        return native
    native = native.copy(deep=False)
    for naam in besluiten:
        native[naam] = native[naam].astype("boolean")
    return native


# --- frames from cases ----------------------------------------------------------------------


def frame_uit_casussen(
    casussen: Iterable[Casus | Mapping[str, Any]], backend: str = "polars"
) -> Any:
    """A frame (``backend``: "polars", "pandas", ...) with one flat row per case.

    Each case is a ``Casus`` or a case in the exchange format (a decoded JSON object, read by
    ``casus_uit_dict``, the JSON reader). Every column of ``plat.rij_uit_casus``: the
    contract's scalars under their dotted names and every flag column. Useful to decide cases
    kept as JSON with ``beslis_frame``.

    Raises ``OngeldigeInvoer`` for no cases, an item that is no case (every bad item at once,
    each path under its index: ``[2].weging.vermoeden``), and a ``backend`` that is not an
    installed eager frame library (a lazy frame: call ``.lazy()`` on the result).
    """
    implementatie = _backend(backend)
    if isinstance(casussen, Casus | Mapping | str | bytes) or not isinstance(casussen, Iterable):
        getoond = toon(casussen) if not isinstance(casussen, Casus) else "<Casus>"
        raise OngeldigeInvoer(
            [
                Fout(
                    "casussen",
                    getoond,
                    f"casussen must be a list of cases (got {getoond}): one case is [casus]",
                )
            ]
        )
    rijen: list[dict[str, Any]] = []
    fouten: list[Fout] = []
    for i, item in enumerate(casussen):
        try:
            rijen.append(rij_uit_casus(_casus(item)))
        except OngeldigeInvoer as exc:  # the next items are read too: every error at once
            fouten.extend(f.onder(f"[{i}]") for f in exc.fouten)
    if fouten:
        raise OngeldigeInvoer(fouten)
    if not rijen:
        raise OngeldigeInvoer([Fout("casussen", "[]", "casussen must hold at least one case")])
    namen = list(rijen[0])
    kolommen_: dict[str, Any] = {n: [r[n] for r in rijen] for n in namen}
    soort = {n: _soort(n) for n in namen}
    if implementatie is nw.Implementation.PANDAS:
        import pandas as pd  # type: ignore[import-untyped,unused-ignore]  # nullable dtypes

        pandas_dtype = {"tekst": "string", "datum": "datetime64[ns]", "getal": "Int64"}
        return pd.DataFrame(
            {
                n: pd.Series(w, dtype=pandas_dtype.get(soort[n], "boolean"))
                for n, w in kolommen_.items()
            }
        )
    dtypes = {"tekst": nw.String(), "datum": nw.Date(), "getal": nw.Int64()}
    schema = {n: dtypes.get(soort[n], nw.Boolean()) for n in namen}
    bibliotheek: Any = implementatie  # an eager one (``_backend``)
    return nw.from_dict(kolommen_, schema=schema, backend=bibliotheek).to_native()


#: the frame libraries ``frame_uit_casussen`` builds a frame with (narwhals' eager ones)
_EAGER = ("polars", "pandas", "pyarrow", "modin", "cudf")


def _backend(backend: object) -> nw.Implementation:
    """``backend`` as narwhals' implementation: an installed eager frame library, else refused."""
    gegeven: Any = backend  # narwhals names its backends in a Literal: checked below
    implementatie = (
        nw.Implementation.from_backend(gegeven)
        if isinstance(backend, str | types.ModuleType)
        else None
    )
    namen = ", ".join(repr(n) for n in _EAGER)
    getoond = toon(backend)
    if implementatie is None or implementatie.value not in _EAGER:
        lazy = implementatie is not None and implementatie is not nw.Implementation.UNKNOWN
        hint = " (a lazy frame: call .lazy() on an eager one)" if lazy else ""
        raise OngeldigeInvoer(
            [
                Fout(
                    "backend",
                    getoond,
                    f"backend must be an eager frame library, one of {namen} (got {getoond}){hint}",
                )
            ]
        )
    try:
        implementatie.to_native_namespace()
    except ImportError:
        raise OngeldigeInvoer(
            [Fout("backend", getoond, f"backend {getoond} is not installed")]
        ) from None
    return implementatie


def _casus(item: object) -> Casus:
    """One item of ``frame_uit_casussen``: a ``Casus``, or a dict read by the JSON reader."""
    if isinstance(item, Casus):
        return item
    if isinstance(item, Mapping):
        return casus_uit_dict(dict(item))
    getoond = toon(item)
    raise OngeldigeInvoer(
        [
            Fout(
                "",
                getoond,
                f"a case must be a Casus or a case in the exchange format (a dict) (got {getoond})",
            )
        ]
    )


def _soort(naam: str) -> str:
    if naam.startswith(("weging.", "referentie", "protocol")):
        return "tekst"
    if naam == "datum":
        return "datum"
    return "getal" if naam == "kind.leeftijd" else "bool"


# --- comparing protocols and profiles -------------------------------------------------------


@frozen
class Vergelijking:
    """The same cases decided under two rule bases: the cross-table and what makes the difference.

    ``kruistabel`` has a row per combination of the decision under ``a`` and under ``b``
    (columns named after the labels), with ``aantal`` and ``aandeel`` (share of all cases).
    ``verschillen`` has the rows where the two differ, split by the rule that decided it on
    either side (``regel_<label>``, empty where that side did not decide it), most frequent
    first. Both are frames of the input's kind (collected when the input was lazy).

    A case that still waits for an answer under a side (its ``volgende_vraag``) has the decision
    not taken there, so it counts under ``false`` although that side has not decided it yet:
    ``open`` gives, per label, how many of the counted cases that is (the decision not taken,
    an answer still missing), and ``vergelijk(..., volledig=True)`` counts only the cases
    complete under both sides (``volledig`` says which was done).
    """

    a: str
    b: str
    beslissing: str
    kruistabel: Any
    verschillen: Any
    open: dict[str, int] = attrs.field(factory=dict)
    volledig: bool = False


def _label(item: Protocol | str | Regelbasis | tuple[str, Regelbasis]) -> tuple[str, Regelbasis]:
    if isinstance(item, tuple):
        label, basis = item
        return label, basis
    if isinstance(item, Regelbasis):
        naam = (
            item.protocol.value if item.profiel is None else f"{item.protocol.value}-{item.profiel}"
        )
        return naam, item
    p = _protocol(item)
    return p.value, regelbasis(p)


def vergelijk(
    frame: Any,
    protocollen: Sequence[Protocol | str | Regelbasis | tuple[str, Regelbasis]],
    *,
    beslissing: str = "melden",
    extra: Iterable[Kolomnaam] = (),
    volledig: bool = False,
) -> Vergelijking:
    """Decide ``frame`` under two protocols or profiles and cross-tabulate ``beslissing``.

    Each of ``protocollen`` is a protocol (``"2013"``), a ``Regelbasis`` (an organisation
    profile, a switch turned on) or a ``(label, Regelbasis)`` pair. Rows with an error under
    either side are counted under an empty decision. ``extra`` declares columns of the caller's
    own, as for ``beslis_frame``. For example: how many more reports does the 2019
    afwegingskader give than the 2013 code, and through which rules?

    A case that waits for an answer under a side is counted with the decision not taken there
    (``Vergelijking.open`` counts them per side); ``volledig=True`` counts only the cases
    complete under both sides, so that "2019 reports, 2013 does not" means 2013 decided not to.
    """
    if not isinstance(volledig, bool):
        raise OngeldigeInvoer(
            [
                Fout(
                    "volledig",
                    toon(volledig),
                    f"volledig must be true or false (got {toon(volledig)})",
                )
            ]
        )
    if len(protocollen) != 2:
        raise OngeldigeInvoer(
            [Fout("protocollen", str(len(protocollen)), "vergelijk takes exactly two protocollen")]
        )
    if beslissing not in {p.value for p in Beslispunt}:
        raise OngeldigeInvoer(
            [Fout("beslissing", repr(beslissing), f"beslissing {beslissing!r} is not a decision")]
        )
    (a, basis_a), (b, basis_b) = (_label(p) for p in protocollen)
    if a == b:
        raise OngeldigeInvoer([Fout("protocollen", repr(a), "the two labels must differ")])
    uitvoer = (beslissing, f"{beslissing}_regel", "volgende_vraag")
    df: Any = frame
    df = beslis_frame(df, basis=basis_a, prefix=f"{_VERGELIJK}a.", uitvoer=uitvoer, extra=extra)
    df = beslis_frame(df, basis=basis_b, prefix=f"{_VERGELIJK}b.", uitvoer=uitvoer, extra=extra)
    nwdf = nw.from_native(df)
    if isinstance(nwdf, nw.LazyFrame):
        nwdf = nwdf.collect()
    kolommen_ = {
        a: nw.col(f"{_VERGELIJK}a.{beslissing}"),
        b: nw.col(f"{_VERGELIJK}b.{beslissing}"),
        f"regel_{a}": nw.col(f"{_VERGELIJK}a.{beslissing}_regel"),
        f"regel_{b}": nw.col(f"{_VERGELIJK}b.{beslissing}_regel"),
    }
    wacht = {
        label: nw.col(f"{_VERGELIJK}{kant}.volgende_vraag").is_null()
        for label, kant in ((a, "a"), (b, "b"))
    }
    if volledig:
        nwdf = nwdf.filter(wacht[a] & wacht[b])
    # the decision not taken while the case still waits for an answer (an error row: neither)
    open_ = nwdf.select(
        *(
            (~wacht[label] & ~nw.col(f"{_VERGELIJK}{kant}.{beslissing}").fill_null(True))
            .sum()
            .alias(label)
            for label, kant in ((a, "a"), (b, "b"))
        )
    ).row(0)
    paren = nwdf.select(*(w.alias(k) for k, w in kolommen_.items()))
    totaal = len(paren)

    def tel(df_: Any, op: list[str]) -> Any:
        geteld = df_.group_by(op, drop_null_keys=False).agg(nw.len().alias("aantal"))
        geteld = geteld.with_columns((nw.col("aantal") / max(totaal, 1)).alias("aandeel"))
        return geteld.sort(
            ["aantal", *op], descending=[True, *([False] * len(op))], nulls_last=True
        )

    kruistabel = tel(paren.select(a, b), [a, b])
    verschil = paren.filter(nw.col(a).fill_null(False) != nw.col(b).fill_null(False))
    verschillen = tel(verschil, [a, b, f"regel_{a}", f"regel_{b}"])
    return Vergelijking(
        a=a,
        b=b,
        beslissing=beslissing,
        kruistabel=kruistabel.to_native(),
        verschillen=verschillen.to_native(),
        open={a: int(open_[0]), b: int(open_[1])},
        volledig=volledig,
    )
