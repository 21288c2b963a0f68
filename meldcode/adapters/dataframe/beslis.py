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
``Kind Leeftijd``), are refused, naming the column and the key it resembles. A column of your
own that happens to resemble a key is declared with ``extra=["..."]``: declared columns are
carried along unchecked.

A bad row does not stop the frame: its decision columns are empty and ``besluit.fout`` names the
field and the value, in the words of the JSON reader.

Requires narwhals (``pip install meldcode[dataframe]``).
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs
import narwhals as nw
from attrs import frozen

from meldcode.adapters.dataframe.plat import (
    KENMERKEN,
    LIJSTEN,
    OBJECTEN,
    VLAGKOLOMMEN,
    kolommen,
    leeg,
    rij_uit_casus,
    vlaggen,
)
from meldcode.adapters.dataframe.vertaling import Uitdrukking, Vertaler, en, expr, of
from meldcode.adapters.json.casus import casus_uit_dict
from meldcode.adapters.json.lezen import laad_json
from meldcode.adapters.json.sleutels import naaste
from meldcode.domain._validatie import toon
from meldcode.domain.casus import MAX_LEEFTIJD, Casus
from meldcode.domain.waarden import Beslispunt, Oordeel, Partij, Protocol, Vraag
from meldcode.errors import Fout, OngeldigeInvoer
from meldcode.rules.basis import regelbasis
from meldcode.rules.beslis import lees_protocol
from meldcode.rules.model import Regelbasis
from meldcode.rules.versies import INGANG_2019, PROTOCOLLEN

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

#: the decision columns, in order (each prefixed, ``besluit.melden`` by default);
#: ``<beslispunt>_regel`` for another decision than melden can be asked for with ``uitvoer``
BESLUIT_KOLOMMEN: tuple[str, ...] = (
    "protocol",
    *(p.value for p in Beslispunt),
    "volgende_vraag",
    "contacten",
    "melden_regel",
    "regels",
    "fout",
)
_REGELKOLOMMEN = {f"{p.value}_regel": p for p in Beslispunt}
_MOGELIJK = tuple(dict.fromkeys((*BESLUIT_KOLOMMEN, *_REGELKOLOMMEN)))
_INTERN = "__meldcode."
_VERGELIJK = "__vergelijk."
_SLEUTEL = r"^[a-z0-9_]{1,40}$"
_DATUM = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_OORDELEN = ", ".join(repr(o.value) for o in Oordeel)


def _kaart(namen: Sequence[object], prefix: str, extra: frozenset[str]) -> dict[str, str]:
    """Which column feeds which contract path or flag; refuse typos and double spellings.

    A column in ``extra`` is the caller's own, carried along unchecked.
    """
    bekend = kolommen()
    kaart: dict[str, str] = {}
    fouten: list[Fout] = []
    for naam in namen:
        if not isinstance(naam, str) or naam in extra:
            continue  # not a name the contract could mean, or declared as the caller's own
        if naam.startswith((prefix, _INTERN, _VERGELIJK)):
            continue  # an earlier decision in the same frame
        if naam in bekend:
            pad = bekend[naam]
            if pad in kaart.values():
                fouten.append(Fout(naam, repr(naam), f"column {naam!r} repeats {pad!r}"))
            kaart[naam] = pad
            continue
        bedoeld = naaste(naam, bekend)
        onbekend_veld = "." in naam and naam.split(".", 1)[0] in (
            *OBJECTEN,
            "signaal",
            "consultatie",
        )
        if bedoeld is None and not onbekend_veld:
            continue  # the caller's own column (a region, a school)
        hint = f"; did you mean {bedoeld!r}?" if bedoeld else ""
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


def _kolomfout(kolom: str, dtype: object, verwacht: str) -> OngeldigeInvoer:
    return OngeldigeInvoer(
        [Fout(kolom, str(dtype), f"column {kolom!r} must hold {verwacht} (got dtype {dtype})")]
    )


def _getoond(kolom: nw.Expr) -> nw.Expr:
    """A text value as an error may show it: itself if it looks like a key, else ``<str>``."""
    tekst = kolom.cast(nw.String)
    return (
        nw.when(tekst.str.contains(_SLEUTEL).fill_null(False))
        .then(nw.concat_str(nw.lit("'"), tekst, nw.lit("'")))
        .otherwise(nw.lit("<str>"))
    )


def _melding(pad: str, wat: str, getoond: nw.Expr) -> nw.Expr:
    """The JSON reader's wording: ``<pad> must be <wat> (got <value>) @ $.<pad>``."""
    return nw.concat_str(
        nw.lit(f"{pad} must be {wat} (got "), getoond, nw.lit(f") @ $.{pad}"), ignore_nulls=False
    )


@frozen
class _Controle:
    """One row check: where ``fout`` holds, the row is bad and ``melding`` says why."""

    fout: Uitdrukking
    melding: nw.Expr


class _Invoer:
    """The frame's columns as the compiler reads them, with the row checks on the way in."""

    def __init__(self, df: Any, kaart: Mapping[str, str], schema: Mapping[str, Any]) -> None:
        self.kolom: dict[str, str] = {pad: naam for naam, pad in kaart.items()}
        self.schema = schema
        self.controles: list[_Controle] = []
        self.voorbereiding: list[Any] = []  # series decoded in Python (eager frames only)
        self.extra_vlaggen: dict[str, list[str]] = {}
        self._df = df
        self._lege_kolommen()
        self._lijsten()
        self._controleer()

    def _lege_kolommen(self) -> None:
        """An eager column without a single value says nothing: it counts as absent.

        (pandas gives such a column the ``object`` dtype, whatever it was meant to hold.)
        """
        if isinstance(self._df, nw.LazyFrame):
            return
        leeg = [
            pad
            for pad, naam in self.kolom.items()
            if isinstance(self.schema[naam], nw.Object | nw.Unknown | nw.String)
            and self._df[naam].null_count() == len(self._df)
        ]
        for pad in leeg:
            del self.kolom[pad]

    # --- what the compiler reads ----------------------------------------------------------

    def antwoord(self, vraag: Vraag) -> nw.Expr | None:
        naam = self.kolom.get(f"weging.{vraag.value}")
        return None if naam is None else nw.col(naam)

    def leeftijd(self) -> nw.Expr | None:
        naam = self.kolom.get("kind.leeftijd")
        return None if naam is None else nw.col(naam)

    def heeft(self, pad: str) -> bool:
        """Whether the frame says anything about the flag ``pad`` (a column, or decoded JSON)."""
        return pad in self.kolom or pad in self.extra_vlaggen

    def feit(self, pad: str) -> Uitdrukking:
        delen: list[Uitdrukking] = [nw.col(n) for n in self.extra_vlaggen.get(pad, [])]
        naam = self.kolom.get(pad)
        if naam is not None:
            delen.append(nw.col(naam).fill_null(False))
        return of(*delen)

    # --- checks -----------------------------------------------------------------------------

    def _controleer(self) -> None:
        # ``referentie`` is carried along like any other column of the analyst's: the frame's
        # decisions do not echo it, so it is not checked
        for pad in ("protocol", "datum"):
            if pad in self.kolom:
                getattr(self, f"_controleer_{pad}")(self.kolom[pad])
        for obj, cls in OBJECTEN.items():
            for a in attrs.fields(cls):
                pad = f"{obj}.{a.name}"
                naam = self.kolom.get(pad)
                if naam is None:
                    continue
                if obj == "weging":
                    self._controleer_oordeel(naam, pad)
                elif a.name == "leeftijd":
                    self._controleer_leeftijd(naam, pad)
                else:
                    self._controleer_bool(naam)
        for vlag in VLAGKOLOMMEN:
            if vlag in self.kolom:
                self._controleer_bool(self.kolom[vlag])
        self._controleer_ongeboren()
        self.schema = {**self.schema, **{s.name: nw.Boolean() for s in self.voorbereiding}}

    def _controleer_ongeboren(self) -> None:
        """An unborn child has no age: both in one row contradict each other, as in JSON."""
        leeftijd = self.kolom.get("kind.leeftijd")
        ongeboren = self.kolom.get("kind.ongeboren")
        if leeftijd is None or ongeboren is None:
            return
        kolom = nw.col(leeftijd)
        fout = nw.col(ongeboren).fill_null(False) & ~kolom.is_null()
        getoond = kolom.cast(nw.String).str.replace(r"\.0$", "", literal=False)
        melding = nw.concat_str(
            nw.lit(
                "kind.leeftijd must be null when ongeboren is true: an unborn child has no age "
                "(got "
            ),
            getoond,
            nw.lit(") @ $.kind.leeftijd"),
        )
        self.controles.append(_Controle(fout, melding))

    def _controleer_oordeel(self, naam: str, pad: str) -> None:
        dtype = self.schema[naam]
        if isinstance(dtype, nw.Enum):
            if set(dtype.categories) <= {o.value for o in Oordeel}:
                return  # the dtype already guarantees a valid answer
        elif not isinstance(dtype, nw.String | nw.Categorical | nw.Enum):
            raise _kolomfout(naam, dtype, "the answers 'ja', 'nee', 'twijfel' (text) or nulls")
        if not isinstance(self._df, nw.LazyFrame):
            waarden = self._df[naam].drop_nulls().unique().cast(nw.String).to_list()
            if set(waarden) <= {o.value for o in Oordeel}:
                return  # every value is a valid answer: no row needs checking
        kolom = nw.col(naam).cast(nw.String)
        fout = ~kolom.is_null() & ~kolom.is_in([o.value for o in Oordeel]).fill_null(False)
        self.controles.append(
            _Controle(fout, _melding(pad, f"one of {_OORDELEN}", _getoond(kolom)))
        )

    def _controleer_bool(self, naam: str) -> None:
        dtype = self.schema[naam]
        if isinstance(dtype, nw.Boolean):
            return
        if not isinstance(dtype, nw.Object) or isinstance(self._df, nw.LazyFrame):
            raise _kolomfout(naam, dtype, "booleans (true, false or empty)")
        # pandas keeps booleans with gaps as objects: check them one by one
        pad = next(p for p, n in self.kolom.items() if n == naam)
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
                getoond = (
                    repr(waarde)
                    if isinstance(waarde, int | float)
                    else f"<{type(waarde).__name__}>"
                )
                fouten.append(f"{pad} must be true or false (got {getoond}) @ $.{pad}")
        ns = nw.get_native_namespace(self._df)
        nieuw = f"{_INTERN}bool.{naam}"
        self.voorbereiding.append(_reeks(nieuw, waarden, nw.Boolean, self._df, ns))
        self.kolom[pad] = nieuw
        if any(f is not None for f in fouten):
            foutnaam = f"{_INTERN}bool.{naam}.fout"
            self.voorbereiding.append(_reeks(foutnaam, fouten, nw.String, self._df, ns))
            self.controles.append(_Controle(~nw.col(foutnaam).is_null(), nw.col(foutnaam)))

    def _controleer_leeftijd(self, naam: str, pad: str) -> None:
        dtype = self.schema[naam]
        if not dtype.is_numeric():
            raise _kolomfout(naam, dtype, "whole numbers")
        if dtype.is_integer() and not isinstance(self._df, nw.LazyFrame):
            reeks = self._df[naam]
            if reeks.null_count() == len(reeks) or (
                reeks.min() >= 0 and reeks.max() <= MAX_LEEFTIJD
            ):
                return  # every age is in range: no row needs checking
        kolom = nw.col(naam)
        goed = (kolom >= 0) & (kolom <= MAX_LEEFTIJD)
        getoond = kolom.cast(nw.String)
        if dtype.is_float():  # pandas keeps whole numbers with gaps as floats
            heel = kolom == kolom.round(0)
            goed = goed & heel
            getoond = getoond.str.replace(r"\.0$", "", literal=False)
        fout = ~kolom.is_null() & ~goed.fill_null(False)
        self.controles.append(
            _Controle(fout, _melding(pad, f"a whole number from 0 to {MAX_LEEFTIJD}", getoond))
        )

    def _controleer_protocol(self, naam: str) -> None:
        dtype = self.schema[naam]
        if not isinstance(dtype, nw.String | nw.Categorical | nw.Enum):
            raise _kolomfout(naam, dtype, "the protocols '2013', '2019' (text) or nulls")
        kolom = nw.col(naam).cast(nw.String)
        fout = ~kolom.is_null() & ~kolom.is_in([p.value for p in PROTOCOLLEN]).fill_null(False)
        toegestaan = ", ".join(repr(p.value) for p in PROTOCOLLEN)
        self.controles.append(
            _Controle(fout, _melding("protocol", f"one of {toegestaan}", _getoond(kolom)))
        )

    def _controleer_datum(self, naam: str) -> None:
        dtype = self.schema[naam]
        if isinstance(dtype, nw.Date | nw.Datetime):
            return
        if not isinstance(dtype, nw.String):
            raise _kolomfout(naam, dtype, "dates (a date type or 'YYYY-MM-DD' text)")
        kolom = nw.col(naam)
        fout = ~kolom.is_null() & ~kolom.str.contains(_DATUM).fill_null(False)
        self.controles.append(
            _Controle(fout, _melding("datum", "a date 'YYYY-MM-DD'", nw.lit("<str>")))
        )

    def is_2013(self) -> Uitdrukking:
        """Where a row asks for protocol 2013: its ``protocol``, else a ``datum`` before 2019."""
        naam = self.kolom.get("protocol")
        eigen: Uitdrukking = False
        geen_eigen: Uitdrukking = True
        if naam is not None:
            eigen = (nw.col(naam).cast(nw.String) == Protocol.P2013.value).fill_null(False)
            geen_eigen = nw.col(naam).is_null()
        datum = self.kolom.get("datum")
        voor_2019: Uitdrukking = False
        if datum is not None:
            dtype = self.schema[datum]
            if isinstance(dtype, nw.String):
                voor_2019 = (nw.col(datum) < INGANG_2019.isoformat()).fill_null(False)
            elif isinstance(dtype, nw.Datetime):
                grens = dt.datetime.combine(INGANG_2019, dt.time())
                voor_2019 = (nw.col(datum) < nw.lit(grens)).fill_null(False)
            else:
                voor_2019 = (nw.col(datum) < nw.lit(INGANG_2019)).fill_null(False)
        return of(eigen, en(geen_eigen, voor_2019))

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
                        f"column {naam!r} holds JSON text, which a lazy frame cannot decode: "
                        "use the flag columns (signaal.*, consultatie.*) instead",
                    )
                ]
            )
        fouten: list[str | None] = []
        rijen: list[dict[str, bool]] = []
        for rij in self._df.select(*(self.kolom[p] for p in aanwezig)).iter_rows(named=True):
            data: dict[str, Any] = {}
            try:
                for pad in aanwezig:
                    waarde = rij[self.kolom[pad]]
                    if leeg(waarde):
                        continue
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
            self.voorbereiding.append(_reeks(naam, waarden, nw.Boolean, self._df, ns))
            self.extra_vlaggen.setdefault(vlag, []).append(naam)
        if any(f is not None for f in fouten):
            naam = f"{_INTERN}lijst.fout"
            self.voorbereiding.append(_reeks(naam, fouten, nw.String, self._df, ns))
            self.controles.insert(0, _Controle(~nw.col(naam).is_null(), nw.col(naam)))


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


def _namen(argument: str, waarde: object) -> tuple[str, ...]:
    """An argument that names columns: an iterable of text, not one text (its letters)."""
    if isinstance(waarde, str) or not isinstance(waarde, Iterable):
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
        if not isinstance(naam, str):
            getoond = toon(naam)
            raise OngeldigeInvoer(
                [Fout(argument, getoond, f"{argument} must hold column names (got {getoond})")]
            )
    return namen


def _extra(extra: Iterable[str]) -> frozenset[str]:
    return frozenset(_namen("extra", extra))


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


_K = TypeVar("_K")


class _Lui(dict[_K, Uitdrukking]):
    """A mapping that computes (once) what is asked of it, so only what is needed gets built."""

    def __init__(self, maak: Callable[[_K], Uitdrukking]) -> None:
        super().__init__()
        self._maak = maak

    def __missing__(self, sleutel: _K) -> Uitdrukking:
        waarde = self._maak(sleutel)
        self[sleutel] = waarde
        return waarde


class _Uitkomsten:
    """The outputs of one rule base: the expressions, and the stages they need first."""

    def __init__(self, basis: Regelbasis, invoer: _Invoer, uitvoer: Sequence[str], nr: int) -> None:
        # built twice: the first pass counts how often each rule status is read, the second
        # inlines the statuses read once (a column of their own would only cost a pass)
        telling = self._bouw(basis, invoer, uitvoer, nr, frozenset())
        eenmalig = frozenset(k for k, n in telling.verwijzingen.items() if n == 1)
        self.vertaler = self._bouw(basis, invoer, uitvoer, nr, eenmalig)

    def _bouw(
        self,
        basis: Regelbasis,
        invoer: _Invoer,
        uitvoer: Sequence[str],
        nr: int,
        inline: frozenset[tuple[str, bool]],
    ) -> Vertaler:
        naam = f"{_INTERN}{nr}."
        v = Vertaler(
            basis,
            antwoord=invoer.antwoord,
            feit=invoer.feit,
            heeft=invoer.heeft,
            leeftijd=invoer.leeftijd,
            naam=naam,
            inline=inline,
        )
        # decisions and contacts become columns of their own when volgende_vraag reads them
        self.tussen: dict[str, nw.Expr] = {}
        als_kolom = "volgende_vraag" in uitvoer
        genomen: _Lui[Beslispunt] = _Lui(
            lambda p: self._kolom(naam, p.value, v.beslist(p), als_kolom)
        )
        contacten: _Lui[Partij] = _Lui(
            lambda p: self._kolom(naam, f"contact.{p.value}", v.contact(p), als_kolom)
        )
        self.uit: dict[str, nw.Expr] = {}
        for sleutel in uitvoer:
            if sleutel == "protocol":
                self.uit[sleutel] = nw.lit(basis.protocol.value, dtype=nw.String)
            elif sleutel in {p.value for p in Beslispunt}:
                self.uit[sleutel] = expr(genomen[Beslispunt(sleutel)])
            elif sleutel == "volgende_vraag":
                self.uit[sleutel] = v.volgende_vraag(genomen, contacten)
            elif sleutel == "contacten":
                self.uit[sleutel] = v.lijst(
                    (p.value, contacten[p]) for p in basis.contactvolgorde if p in contacten
                )
            elif sleutel == "regels":
                self.uit[sleutel] = v.lijst((r.id, v.status(r, True)) for r in basis.regels)
            elif sleutel in _REGELKOLOMMEN:
                punt = _REGELKOLOMMEN[sleutel]
                self.uit[sleutel] = v.eerste_regel(
                    [r for r in basis.regels if punt in r.dan.beslissingen]
                )
        return v

    def _kolom(self, naam: str, sleutel: str, waarde: Uitdrukking, als_kolom: bool) -> Uitdrukking:
        if isinstance(waarde, bool) or not als_kolom:
            return waarde
        self.tussen[f"{naam}{sleutel}"] = waarde
        return nw.col(f"{naam}{sleutel}")

    def niveaus(self) -> list[list[nw.Expr]]:
        """The intermediate status columns, grouped by level (each after the ones it reads)."""
        per: dict[int, list[nw.Expr]] = {}
        for kolom, (niveau, waarde) in self.vertaler.tussenkolommen.items():
            per.setdefault(niveau, []).append(waarde.alias(kolom))
        return [per[n] for n in sorted(per)]


def _met_kolommen(df: Any, kolommen: Sequence[nw.Expr]) -> Any:
    return df.with_columns(*kolommen) if kolommen else df


def beslis_frame(
    frame: FrameT,
    protocol: Protocol | str | None = None,
    *,
    basis: Regelbasis | None = None,
    prefix: str = "besluit.",
    uitvoer: Iterable[str] | None = None,
    extra: Iterable[str] = (),
) -> FrameT:
    """Decide every row of ``frame``; return the same kind of frame with decision columns added.

    ``frame`` is any eager or lazy frame narwhals supports (pandas, polars, a polars
    ``LazyFrame``, a Dask frame, ...); a lazy frame comes back lazy. ``protocol`` decides every
    row under that version; by default each row's ``protocol`` or ``datum`` chooses, as in
    ``meldcode.beslis``. ``basis`` decides with another rule base (an organisation profile, a
    switch). ``uitvoer`` restricts the added columns to those named (``("melden",)`` compiles
    only what ``melden`` needs); by default all of ``BESLUIT_KOLOMMEN`` are added, each with
    ``prefix``: ``protocol``; the decisions (booleans); ``volgende_vraag``; ``contacten`` and
    ``regels`` (comma-separated, in the ``Besluit``'s order); ``melden_regel``, the first rule
    that decided melden; and ``fout``, empty for a decided row and otherwise the row's first
    problem, naming its field and value.

    ``extra`` names columns of the caller's own that are carried along unchecked: declare one
    whose name resembles a contract column (otherwise it is refused as a likely typo).

    Raises ``OngeldigeInvoer`` for something that is not a frame, for a column that misspells a
    contract key, a column of the wrong type (an answer column of numbers), an unknown
    ``uitvoer`` or ``protocol``.
    """
    gevraagd = _uitvoer(uitvoer)
    eigen = _extra(extra)
    if not isinstance(prefix, str) or not prefix:  # type: ignore[redundant-expr]  # untyped callers
        raise OngeldigeInvoer(
            [Fout("prefix", toon(prefix), f"prefix must be non-empty text (got {toon(prefix)})")]
        )
    enige = _basis_van(protocol, basis)
    native: Any = frame
    with warnings.catch_warnings():
        # narwhals announces that its Dask support moves to a separate package; it still works
        warnings.filterwarnings("ignore", message=".*Dask support is moving.*")
        df = _frame(native)
        lazy = isinstance(df, nw.LazyFrame)
        schema = dict(df.collect_schema() if lazy else df.schema)
        kaart = _kaart(list(schema), prefix, eigen)
        invoer = _Invoer(df, kaart, schema)

        if enige is not None:
            keuze: Uitdrukking = enige.protocol is Protocol.P2013
            bases = {enige.protocol: enige}
        else:
            keuze = invoer.is_2013()
            bases = {
                p: regelbasis(p)
                for p in PROTOCOLLEN
                if (keuze is not False or p is Protocol.P2019)
                and (keuze is not True or p is Protocol.P2013)
            }
        uitkomsten = {
            p: _Uitkomsten(b, invoer, gevraagd, i) for i, (p, b) in enumerate(bases.items())
        }

        df = _met_kolommen(df, invoer.voorbereiding)
        gemaakt: list[str] = [reeks.name for reeks in invoer.voorbereiding]
        # polars: one lazy query, so its optimiser sees every stage at once
        polars_eager = not lazy and nw.dependencies.is_polars_dataframe(df.to_native())
        if polars_eager:
            df = df.lazy()
        fout: nw.Expr = nw.lit(None, dtype=nw.String)
        for controle in reversed(invoer.controles):
            if controle.fout is True:
                fout = controle.melding
            elif controle.fout is not False:
                fout = nw.when(controle.fout).then(controle.melding).otherwise(fout)
        foutkolom = f"{_INTERN}fout"
        goed: Uitdrukking = True
        if invoer.controles:
            df = df.with_columns(fout.alias(foutkolom))
            gemaakt.append(foutkolom)
            goed = nw.col(foutkolom).is_null()

        for u in uitkomsten.values():
            for niveau in u.niveaus():
                df = df.with_columns(*niveau)
            df = _met_kolommen(df, [w.alias(k) for k, w in u.tussen.items()])
            gemaakt += [*u.vertaler.tussenkolommen, *u.tussen]

        nieuw: list[nw.Expr] = []
        for sleutel in gevraagd:
            if sleutel == "fout":
                bron = nw.col(foutkolom) if invoer.controles else fout
                nieuw.append(bron.alias(f"{prefix}fout"))
                continue
            if len(uitkomsten) == 1:
                (enkel,) = uitkomsten.values()
                waarde = enkel.uit[sleutel]
            else:
                waarde = (
                    nw.when(expr(keuze))
                    .then(uitkomsten[Protocol.P2013].uit[sleutel])
                    .otherwise(uitkomsten[Protocol.P2019].uit[sleutel])
                )
            if goed is not True:
                waarde = nw.when(expr(goed)).then(waarde)
            nieuw.append(waarde.alias(f"{prefix}{sleutel}"))
        df = df.with_columns(*nieuw)
        intern = [k for k in gemaakt if k.startswith(_INTERN)]
        if intern:
            df = df.drop(*intern)
        if polars_eager:
            df = df.collect()
        resultaat: Any = df.to_native()
    if not lazy:
        resultaat = _nullable_bools(resultaat, [f"{prefix}{s}" for s in gevraagd])
    uit: FrameT = resultaat
    return uit


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


def frame_uit_casussen(casussen: Iterable[Casus], backend: str = "polars") -> Any:
    """A frame (``backend``: "polars", "pandas", ...) with one flat row per case.

    Every column of ``plat.rij_uit_casus``: the contract's scalars under their dotted names and
    every flag column. Useful to decide cases kept as JSON with ``beslis_frame``.
    """
    rijen = [rij_uit_casus(c) for c in casussen]
    if not rijen:
        raise OngeldigeInvoer([Fout("casussen", "[]", "casussen must hold at least one case")])
    namen = list(rijen[0])
    kolommen_: dict[str, Any] = {n: [r[n] for r in rijen] for n in namen}
    soort = {n: _soort(n) for n in namen}
    if backend == "pandas":
        import pandas as pd  # type: ignore[import-untyped]  # nullable dtypes for pandas

        pandas_dtype = {"tekst": "string", "datum": "datetime64[ns]", "getal": "Int64"}
        return pd.DataFrame(
            {
                n: pd.Series(w, dtype=pandas_dtype.get(soort[n], "boolean"))
                for n, w in kolommen_.items()
            }
        )
    dtypes = {"tekst": nw.String(), "datum": nw.Date(), "getal": nw.Int64()}
    schema = {n: dtypes.get(soort[n], nw.Boolean()) for n in namen}
    bibliotheek: Any = backend
    return nw.from_dict(kolommen_, schema=schema, backend=bibliotheek).to_native()


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
    """

    a: str
    b: str
    beslissing: str
    kruistabel: Any
    verschillen: Any


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
    extra: Iterable[str] = (),
) -> Vergelijking:
    """Decide ``frame`` under two protocols or profiles and cross-tabulate ``beslissing``.

    Each of ``protocollen`` is a protocol (``"2013"``), a ``Regelbasis`` (an organisation
    profile, a switch turned on) or a ``(label, Regelbasis)`` pair. Rows with an error under
    either side are counted under an empty decision. ``extra`` declares columns of the caller's
    own, as for ``beslis_frame``. For example: how many more reports does the 2019
    afwegingskader give than the 2013 code, and through which rules?
    """
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
    uitvoer = (beslissing, f"{beslissing}_regel")
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
    )
