"""Rails (``meldcode.adapters.dataframe.vertaling``) as a NumPy kernel over a pandas frame.

pandas evaluates an expression one operation at a time, each with its own bookkeeping; NumPy on
the columns' own arrays does the same work without it. A categorical answer column is read as
its codes (``codes == k`` for each answer a leaf accepts; -1, unanswered, equals none), a
boolean column as its values (an empty cell is false), the age as numbers (an empty cell is no
age). Every rail is computed once, in the circuit's order, and kept while the frame is decided.

The kernel computes columns of values; ``meldcode.adapters.dataframe.beslis`` puts them into
the frame (a decision as pandas' nullable ``boolean``, text as pandas' text dtype).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import numpy as np
import numpy.typing as npt

from meldcode.adapters.dataframe.expressies import Kolommen
from meldcode.adapters.dataframe.vertaling import (
    ANTWOORD,
    ANTWOORDEN,
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

__all__ = [
    "ANTWOORDEN",
    "Kern",
    "Tekstkolom",
    "alle_antwoorden",
    "antwoordcodes",
    "een_index_per_kolom",
]

Bools = npt.NDArray[np.bool_]
Bits = npt.NDArray[np.uint8]


#: during one call (``een_index_per_kolom``): each column's ``index_in``, by its Arrow data
_INDEXEN: ContextVar[dict[tuple[Any, ...], tuple[Any, tuple[Any, int]]] | None] = ContextVar(
    "meldcode_indexen", default=None
)


@contextmanager
def een_index_per_kolom() -> Iterator[None]:
    """Within the block, each text column's ``index_in`` is computed once.

    The probe of a kept analysis (``alle_antwoorden``) and the kernel (``antwoordcodes``) read
    the same columns in one call: about 10 ms per column of 10^6 rows each. Nothing is kept
    after the block.
    """
    token = _INDEXEN.set({})
    try:
        yield
    finally:
        _INDEXEN.reset(token)


def _sleutel(waarden: Any) -> tuple[Any, ...]:
    """Where an Arrow array's data lies: its type, and each chunk's buffers, offset and length.

    Arrow's buffers never change; while both arrays are alive (within one call), two arrays
    with the same key hold the same values.
    """
    stukken = getattr(waarden, "chunks", [waarden])
    return (
        str(waarden.type),
        *(
            (s.offset, len(s), *(b.address if b is not None else None for b in s.buffers()))
            for s in stukken
        ),
    )


def _antwoordindex(kolom: Any) -> tuple[Any, int] | None:
    """Arrow's ``index_in`` of a pandas text column held by Arrow, and the column's gaps."""
    dtype = kolom.dtype
    pijl = getattr(dtype, "storage", None) == "pyarrow" or type(dtype).__name__ == "ArrowDtype"
    if not pijl:
        return None
    try:
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
        import pyarrow.compute as pc  # type: ignore[import-untyped,unused-ignore]
    except ImportError:  # pragma: no cover - pandas holds Arrow text only with pyarrow
        return None
    waarden = pa.array(kolom.array)  # Arrow's own (chunked) array: no copy
    if not (pa.types.is_string(waarden.type) or pa.types.is_large_string(waarden.type)):
        return None
    gezien = _INDEXEN.get()
    sleutel = _sleutel(waarden) if gezien is not None else ()
    if gezien is not None and sleutel in gezien:
        return gezien[sleutel][1]
    index = pc.index_in(waarden, value_set=pa.array(ANTWOORDEN, type=waarden.type))
    uitkomst = (index, waarden.null_count)
    if gezien is not None:
        gezien[sleutel] = (waarden, uitkomst)  # the array kept: its buffers stay its own
    return uitkomst


def antwoordcodes(kolom: Any) -> npt.NDArray[np.int32] | None:
    """A pandas text column held by Arrow as codes into ``ANTWOORDEN`` (-1: another or none).

    One pass of Arrow's ``index_in`` gives what the kernel reads of an answer column, as it
    reads a categorical's codes; pandas' own text comparisons (``isin``, one per leaf) cost two
    to three times as much. ``None`` for anything else (objects, text held by Python, no
    pyarrow): such a column is compared by pandas.
    """
    gevonden = _antwoordindex(kolom)
    if gevonden is None:
        return None
    index, _ = gevonden
    stukken = getattr(index, "chunks", [index])  # a chunked column: each chunk's codes
    return np.concatenate([_codes(stuk) for stuk in stukken]) if stukken else _GEEN


#: the codes of a column without rows
_GEEN: npt.NDArray[np.int32] = np.empty(0, dtype=np.int32)


def _codes(index: Any) -> npt.NDArray[np.int32]:
    """One Arrow array of ``index_in`` as codes, -1 for a gap.

    Its values and its validity bitmap as NumPy reads them: Arrow's own ``fill_null`` took
    11 ms per 10^6 rows.
    """
    n = len(index)
    geldig_buffer, data = index.buffers()
    if data is None:  # pragma: no cover - an array of nothing but gaps may keep no values
        return np.full(n, -1, dtype=np.int32)
    codes = np.frombuffer(data, dtype=np.int32, count=n, offset=index.offset * 4).copy()
    if index.null_count:
        geldig = np.unpackbits(
            np.frombuffer(geldig_buffer, dtype=np.uint8),
            count=index.offset + n,
            bitorder="little",
        )[index.offset :].view(bool)
        codes[~geldig] = -1
    return codes


def alle_antwoorden(kolom: Any) -> bool | None:
    """Whether every value of a pandas text column held by Arrow is an answer.

    ``None``: not such a column. ``index_in`` has a gap exactly where the column has one or a
    value that is no answer: the two counts of gaps say it, without reading a row again.
    """
    gevonden = _antwoordindex(kolom)
    if gevonden is None:
        return None
    index, gaten = gevonden
    return bool(index.null_count == gaten)


class Tekstkolom:
    """A text column as codes into ``labels`` (-1: empty), or as ready strings (``waarden``)."""

    __slots__ = ("codes", "labels", "waarden")

    def __init__(
        self,
        codes: npt.NDArray[np.int32] | None = None,
        labels: Sequence[str] = (),
        waarden: npt.NDArray[np.object_] | None = None,
    ) -> None:
        self.codes = codes
        self.labels = tuple(labels)
        self.waarden = waarden

    def objecten(self) -> npt.NDArray[np.object_]:
        """The column as Python strings (``None``: empty)."""
        if self.waarden is not None:
            return self.waarden
        assert self.codes is not None
        tabel = np.array([*self.labels, None], dtype=object)
        return tabel[self.codes]  # -1 picks the last entry: None


class Kern:
    """The rails of one rule base over one pandas frame, computed with NumPy on packed bits.

    A rail is kept as ``np.packbits`` of its column: eight rows a byte, so that every ``and``,
    ``or`` and ``not`` touches an eighth of the memory (and a column of a million rows fits
    the allocator's reusable blocks instead of fresh pages for every node). A leaf is computed
    into one scratch column and packed; an output is unpacked once. ``gebruik`` says how often
    each rail will be read (``Rails.gebruik`` of the outputs): a rail is let go after its last
    reader.
    """

    def __init__(
        self, frame: Any, rails: Rails, kolommen: Kolommen, gebruik: dict[int, int]
    ) -> None:
        self.frame = frame
        self.n = len(frame)
        self.rails = rails
        self.kolommen = kolommen
        self._open = dict(gebruik)
        self._klaar: dict[int, Bits] = {}
        self._codes: dict[str, tuple[npt.NDArray[Any], list[str]] | None] = {}
        self._kladblok = np.empty(self.n, dtype=bool)
        self._rest = self.n % 8  # bits past the last row: kept zero

    # --- packed rails ------------------------------------------------------------------------

    def _waarde(self, ref: int) -> Bits:
        klaar = self._klaar.get(ref)
        if klaar is None:
            klaar = self._maak(self.rails.knopen[ref])
            self._klaar[ref] = klaar
        return klaar

    def _los(self, ref: Ref) -> None:
        """One reader fewer; the last one lets the rail go."""
        if isinstance(ref, bool):
            return
        open_ = self._open.get(ref, 0) - 1
        self._open[ref] = open_
        if open_ <= 0:
            self._klaar.pop(ref, None)

    def _pak(self, waarden: Bools) -> Bits:
        return np.packbits(waarden)

    def rail(self, ref: Ref) -> Bools | bool:
        """Where the rail holds, one value a row (a constant stays a ``bool``); read once."""
        if isinstance(ref, bool):
            return ref
        bits = self._waarde(ref)
        self._los(ref)
        return np.unpackbits(bits, count=self.n).view(bool)

    def _maak(self, k: tuple[Any, ...]) -> Bits:
        soort = k[0]
        if soort in (EN, OF):
            delen = [self._waarde(d) for d in k[1]]
            ufunc = np.bitwise_and if soort == EN else np.bitwise_or
            uit = ufunc(delen[0], delen[1])
            for d in delen[2:]:
                ufunc(uit, d, out=uit)
            for d in k[1]:
                self._los(d)
            return uit
        if soort == NIET:
            uit = np.invert(self._waarde(k[1]))
            self._los(k[1])
            if self._rest:
                uit[-1] &= np.uint8(0xFF << (8 - self._rest) & 0xFF)
            return uit
        return self._pak(self._blad(k))

    # --- leaves (in the scratch column) -------------------------------------------------------

    def _blad(self, k: tuple[Any, ...]) -> Bools:
        soort = k[0]
        uit = self._kladblok
        if soort == VLAG:
            namen = self.kolommen.vlag(k[1])
            if not namen:
                uit[:] = False
                return uit
            np.copyto(uit, self._bools(namen[0]))
            for naam in namen[1:]:
                np.bitwise_or(uit, self._bools(naam), out=uit)
            return uit
        if soort == LEEFTIJD:
            return self._leeftijd(k[1], k[2], uit)
        vraagkolom = self.kolommen.antwoord(k[1])
        if vraagkolom is None:
            uit[:] = False
            return uit
        naam = vraagkolom
        codes = self._categorie(naam)
        if soort == BEANTWOORD:
            if codes is not None:
                np.greater_equal(codes[0], 0, out=uit)
                return uit
            np.copyto(uit, self.frame[naam].notna().to_numpy())
            return uit
        assert soort == ANTWOORD
        waarden = oordelen(k[2])
        if codes is None:
            np.copyto(uit, self.frame[naam].isin(waarden).to_numpy(dtype=bool, na_value=False))
            return uit
        getallen, categorieen = codes
        gezocht = [categorieen.index(w) for w in waarden if w in categorieen]
        if not gezocht:
            uit[:] = False
            return uit
        np.equal(getallen, gezocht[0], out=uit)
        for c in gezocht[1:]:
            uit |= getallen == c
        return uit

    def _categorie(self, naam: str) -> tuple[npt.NDArray[Any], list[str]] | None:
        """A categorical column's codes and categories (``None``: not categorical)."""
        if naam not in self._codes:
            kolom = self.frame[naam]
            if getattr(kolom.dtype, "name", "") == "category":
                categorisch = kolom.array  # a ``pd.Categorical``: its codes without a Series
                self._codes[naam] = (
                    categorisch.codes,
                    [str(c) for c in categorisch.categories.tolist()],
                )
            else:
                codes = antwoordcodes(kolom)
                self._codes[naam] = None if codes is None else (codes, list(ANTWOORDEN))
        return self._codes[naam]

    def _bools(self, naam: str) -> Bools:
        kolom = self.frame[naam]
        if kolom.dtype == np.bool_:
            return kolom.to_numpy()  # type: ignore[no-any-return]
        return kolom.to_numpy(dtype=bool, na_value=False)  # type: ignore[no-any-return]

    def _leeftijd(self, vanaf: int | None, tot: int | None, uit: Bools) -> Bools:
        naam = self.kolommen.leeftijd
        if naam is None:
            uit[:] = False
            return uit
        kolom = self.frame[naam]
        if kolom.dtype.kind in "iu":
            jaren = kolom.to_numpy()
        else:  # with gaps: floats with NaN, or a nullable integer
            jaren = kolom.to_numpy(dtype=float, na_value=np.nan)
        if vanaf is None:
            uit[:] = True
        else:
            np.greater_equal(jaren, vanaf, out=uit)
        if tot is not None:
            uit &= jaren < tot
        return uit

    # --- outputs ----------------------------------------------------------------------------

    def uit(self, u: Uit) -> Bools | Tekstkolom:
        """The values of one output."""
        if isinstance(u, Waar):
            waarde = self.rail(u.rail)  # unpacked anew: the caller's own
            return np.full(self.n, waarde) if isinstance(waarde, bool) else waarde
        if isinstance(u, Tekst):
            return Tekstkolom(np.zeros(self.n, dtype=np.int32), (u.tekst,))
        if isinstance(u, Eerste):
            codes = np.full(self.n, -1, dtype=np.int32)
            labels: list[str] = []
            for label, ref in reversed(u.delen):
                waarde = self.rail(ref)
                if waarde is False:
                    continue
                labels.append(label)
                if waarde is True:
                    codes[:] = len(labels) - 1
                else:
                    np.putmask(codes, waarde, len(labels) - 1)
            return Tekstkolom(codes, labels)
        assert isinstance(u, Lijst)
        delen = [(label, ref) for label, ref in u.delen if ref is not False]
        if not delen:
            return Tekstkolom(np.zeros(self.n, dtype=np.int32), ("",))
        # each row's subset of the parts: eight parts a byte (part ``j`` of a group is bit
        # ``j``, as ``groepteksten`` reads it), eight bytes a 64-bit word; each distinct
        # subset's text made once
        groepen: list[npt.NDArray[np.uint8]] = []
        kladblok = np.empty(self.n, dtype=np.uint8)
        for begin in range(0, len(delen), GROEP):  # a group's subset fits one byte
            byte = np.zeros(self.n, dtype=np.uint8)
            for k, (_, ref) in enumerate(delen[begin : begin + GROEP]):
                waarde = self.rail(ref)
                gewicht = np.uint8(1 << k)
                if waarde is True:
                    byte |= gewicht
                elif waarde is not False:
                    np.multiply(waarde.view(np.uint8), gewicht, out=kladblok)
                    byte |= kladblok
            groepen.append(byte)
        woorden = []
        for begin in range(0, len(groepen), GROEPEN_PER_WOORD):
            woord = np.zeros(self.n, dtype=np.uint64)
            for k, byte in enumerate(groepen[begin : begin + GROEPEN_PER_WOORD]):
                woord |= byte.astype(np.uint64) << np.uint64(GROEP * k)
            woorden.append(woord)
        codes_ = _nummers(woorden[0])
        for volgende_woord in woorden[1:]:
            volgende = _nummers(volgende_woord)
            # (a frame without rows has no greatest number: any width will do)
            breedte = np.int64(volgende.max() + 1) if self.n else np.int64(1)
            codes_ = _nummers(codes_ * breedte + volgende)
        eerste = np.full(int(codes_.max()) + 1 if self.n else 0, -1, dtype=np.int64)
        eerste[codes_[::-1]] = np.arange(self.n - 1, -1, -1)  # a row of each subset
        # a subset's text from its bytes: each byte's part looked up (eight labels at a time)
        tabellen = groepteksten(tuple(label for label, _ in delen))
        teksten = []
        for rij in np.stack([g[eerste] for g in groepen], axis=1).tolist():
            teksten.append(
                ",".join([t for tabel, b in zip(tabellen, rij, strict=True) if (t := tabel[b])])
            )
        return Tekstkolom(codes_.astype(np.int32), teksten)


def _nummers(waarden: npt.NDArray[Any]) -> npt.NDArray[np.int64]:
    """Each value's number among the distinct values (pandas' hash-based factorize)."""
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]  # pandas frames only

    codes, _ = pd.factorize(waarden, sort=False)
    return codes.astype(np.int64)  # type: ignore[no-any-return]
