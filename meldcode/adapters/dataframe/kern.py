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

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from meldcode.adapters.dataframe.expressies import Kolommen
from meldcode.adapters.dataframe.vertaling import (
    ANTWOORD,
    BEANTWOORD,
    EN,
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
    oordelen,
)

__all__ = ["Kern", "Tekstkolom"]

Bools = npt.NDArray[np.bool_]


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
    """The rails of one rule base over one pandas frame, computed with NumPy."""

    def __init__(self, frame: Any, rails: Rails, kolommen: Kolommen) -> None:
        self.frame = frame
        self.n = len(frame)
        self.rails = rails
        self.kolommen = kolommen
        self._klaar: dict[int, Bools] = {}
        self._codes: dict[str, tuple[npt.NDArray[Any], list[str]] | None] = {}

    def rail(self, ref: Ref) -> Bools | bool:
        """Where the rail holds (a constant stays a ``bool``)."""
        if isinstance(ref, bool):
            return ref
        klaar = self._klaar.get(ref)
        if klaar is None:
            klaar = self._maak(self.rails.knopen[ref])
            self._klaar[ref] = klaar
        return klaar

    def _vol(self, ref: Ref) -> Bools:
        waarde = self.rail(ref)
        if isinstance(waarde, bool):
            return np.full(self.n, waarde)
        return waarde

    def _maak(self, k: tuple[Any, ...]) -> Bools:
        soort = k[0]
        if soort == EN or soort == OF:
            delen = [self._vol(d) for d in k[1]]
            uit = delen[0] & delen[1] if soort == EN else delen[0] | delen[1]
            for d in delen[2:]:
                if soort == EN:
                    uit &= d
                else:
                    uit |= d
            return uit
        if soort == NIET:
            return ~self._vol(k[1])
        if soort == VLAG:
            namen = self.kolommen.vlag(k[1])
            if not namen:
                return np.zeros(self.n, dtype=bool)
            uit = self._bools(namen[0]).copy() if len(namen) > 1 else self._bools(namen[0])
            for naam in namen[1:]:
                uit |= self._bools(naam)
            return uit
        if soort == LEEFTIJD:
            return self._leeftijd(k[1], k[2])
        naam = self.kolommen.antwoord(k[1])
        if naam is None:
            return np.zeros(self.n, dtype=bool)
        codes = self._categorie(naam)
        if soort == BEANTWOORD:
            if codes is not None:
                return codes[0] >= 0
            return np.asarray(self.frame[naam].notna().to_numpy(), dtype=bool)
        assert soort == ANTWOORD
        waarden = oordelen(k[2])
        if codes is None:
            return self.frame[naam].isin(waarden).to_numpy(dtype=bool, na_value=False)  # type: ignore[no-any-return]
        getallen, categorieen = codes
        gezocht = [categorieen.index(w) for w in waarden if w in categorieen]
        if not gezocht:
            return np.zeros(self.n, dtype=bool)
        uit = getallen == gezocht[0]
        for c in gezocht[1:]:
            uit |= getallen == c
        return uit

    def _categorie(self, naam: str) -> tuple[npt.NDArray[Any], list[str]] | None:
        """A categorical column's codes and categories (``None``: not categorical)."""
        if naam not in self._codes:
            kolom = self.frame[naam]
            if getattr(kolom.dtype, "name", "") == "category":
                self._codes[naam] = (
                    kolom.cat.codes.to_numpy(),
                    [str(c) for c in kolom.cat.categories],
                )
            else:
                self._codes[naam] = None
        return self._codes[naam]

    def _bools(self, naam: str) -> Bools:
        kolom = self.frame[naam]
        if kolom.dtype == np.bool_:
            return kolom.to_numpy()  # type: ignore[no-any-return]
        return kolom.to_numpy(dtype=bool, na_value=False)  # type: ignore[no-any-return]

    def _leeftijd(self, vanaf: int | None, tot: int | None) -> Bools:
        naam = self.kolommen.leeftijd
        if naam is None:
            return np.zeros(self.n, dtype=bool)
        kolom = self.frame[naam]
        if kolom.dtype.kind in "iu":
            jaren = kolom.to_numpy()
        else:  # with gaps: floats with NaN, or a nullable integer
            jaren = kolom.to_numpy(dtype=float, na_value=np.nan)
        uit = np.ones(self.n, dtype=bool) if vanaf is None else jaren >= vanaf
        if tot is not None:
            uit &= jaren < tot
        return uit

    # --- outputs ----------------------------------------------------------------------------

    def uit(self, u: Uit) -> Bools | Tekstkolom:
        """The values of one output."""
        if isinstance(u, Waar):
            return self._vol(u.rail)
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
        tekst = np.full(self.n, "", dtype=object)
        for label, ref in u.delen:
            waarde = self.rail(ref)
            if waarde is False:
                continue
            rijen = np.ones(self.n, dtype=bool) if waarde is True else waarde
            if not rijen.any():
                continue
            oud = tekst[rijen]
            tekst[rijen] = np.where(oud == "", label, oud + ("," + label))
        return Tekstkolom(waarden=tekst)
