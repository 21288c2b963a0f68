"""An Arrow table is decided by polars, and gives exactly what narwhals' path gives.

``beslis_frame`` hands a ``pyarrow.Table`` to polars (read without a copy) where polars is
installed, and appends the decision columns to the table itself. These tests decide the same
tables both ways (``_POLARS_VOOR_ARROW`` off is the narwhals path every other library takes)
and hold the two to the same table, the same types and the same errors: bad rows of every
kind, the caller's own columns, a generated population, and names that are refused.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldcode import OngeldigeInvoer

pa = pytest.importorskip("pyarrow", reason="pyarrow is in the dev extra")
pl = pytest.importorskip("polars", reason="polars is in the dev extra")

from meldcode.adapters.dataframe import beslis as frames  # noqa: E402
from meldcode.adapters.dataframe.beslis import beslis_frame  # noqa: E402
from meldcode.adapters.dataframe.evaluatiecijfers import evaluatiecijfers_uit_frame  # noqa: E402
from meldcode.adapters.dataframe.populatie import (  # noqa: E402
    casussen_uit_populatie,
    genereer_populatie,
)
from tests.adapters.dataframe.test_rijfouten import _polars, _rij  # noqa: E402


def _langs_narwhals(tabel: Any, **opties: Any) -> Any:
    """The table decided the way every other eager library is: narwhals' expressions."""
    frames._POLARS_VOOR_ARROW = False
    try:
        return beslis_frame(tabel, "2019", **opties)
    finally:
        frames._POLARS_VOOR_ARROW = True


def _beide(tabel: Any, **opties: Any) -> tuple[Any, Any]:
    return beslis_frame(tabel, "2019", **opties), _langs_narwhals(tabel, **opties)


@settings(max_examples=40, deadline=None)
@given(
    rijen=st.lists(_rij(), min_size=1, max_size=12),
    eigen=st.lists(st.text(max_size=12) | st.none(), min_size=12, max_size=12),
    uitvoer=st.sampled_from([None, ("melden",), ("melden", "regels", "fout")]),
)
def test_a_table_with_bad_rows_is_decided_as_narwhals_decides_it(
    rijen: list[dict[str, Any]], eigen: list[str | None], uitvoer: tuple[str, ...] | None
) -> None:
    """Ages out of range, unborn children with an age, bad answers; and a column of one's own."""
    tabel = (
        _polars(rijen).with_columns(pl.Series("regio", eigen[: len(rijen)], pl.String)).to_arrow()
    )

    snel, langzaam = _beide(tabel, uitvoer=uitvoer)

    assert snel.schema == langzaam.schema
    assert snel.equals(langzaam)
    assert snel.column("regio") == tabel.column("regio")  # the caller's own, untouched


def test_a_population_as_an_arrow_table_is_decided_as_narwhals_decides_it() -> None:
    """Answers as dictionaries (polars' Enum), flags, ages with gaps: every column."""
    tabel = genereer_populatie(2_000, seed=7).to_arrow()

    snel, langzaam = _beide(tabel)

    assert snel.equals(langzaam)
    assert snel.column_names[: tabel.num_columns] == tabel.column_names


@pytest.mark.parametrize(
    "kolommen",
    [
        {"vermoedn": ["ja"]},  # a near miss
        {"\ufeffweging.vermoeden": ["ja"]},  # only looks like one
        {"weging": ['{"vermoeden": "ja"}']},  # an object nested
        {"weging.vermoeden": [3]},  # an answer column of numbers
        {"weging.vermoeden": ["ja"], "besluit.melden": [True]},  # decided before
    ],
)
def test_a_table_that_is_refused_is_refused_in_the_same_words(kolommen: dict[str, Any]) -> None:
    """The names are checked before anything is read; the types as narwhals checks them."""
    tabel = pa.table(kolommen)

    with pytest.raises(OngeldigeInvoer) as snel:
        beslis_frame(tabel, "2019")
    with pytest.raises(OngeldigeInvoer) as langzaam:
        _langs_narwhals(tabel)

    assert str(snel.value) == str(langzaam.value)


@pytest.mark.parametrize("lezer", ["beslis_frame", "casussen_uit_populatie", "evaluatiecijfers"])
@pytest.mark.parametrize("naam", ["regio", "weging.vermoeden", "Jan de Vries"])
def test_a_table_with_two_columns_of_one_name_is_refused_naming_it(lezer: str, naam: str) -> None:
    """A name used twice: an ``OngeldigeInvoer`` naming it; a person's name is not shown.

    An Arrow table's ``columns`` are its data: reading its names there raised ``TypeError``.
    """
    tabel = pa.Table.from_arrays([pa.array(["ja"]), pa.array(["nee"])], names=[naam, naam])
    lezen = {
        "beslis_frame": lambda t: beslis_frame(t, "2019"),
        "casussen_uit_populatie": casussen_uit_populatie,
        "evaluatiecijfers": evaluatiecijfers_uit_frame,
    }[lezer]

    with pytest.raises(OngeldigeInvoer) as fout:
        lezen(tabel)

    assert "appears 2 times" in str(fout.value)
    assert (naam in str(fout.value)) == (naam != "Jan de Vries")
