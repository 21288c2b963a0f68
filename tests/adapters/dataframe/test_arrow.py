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


# --- answers as Arrow dictionaries (Parquet's, DuckDB's, polars' enums) ------------------------
#
# An answer column of a dictionary is handed to polars as its codes and decided by comparing
# codes, when its dictionary holds nothing but distinct answers shared by every chunk; any other
# dictionary is converted by polars, as before. Either way the table is decided as narwhals
# decides it.

_VRAGEN = (
    "weging.vermoeden",
    "weging.acute_onveiligheid",
    "weging.structurele_onveiligheid",
    "weging.hulp_mogelijk",
    "weging.hulp_aanvaard",
    "weging.hulp_resultaat",
)
_ANTWOORD = st.sampled_from(["ja", "nee", "twijfel", None])


@st.composite
def _woordenboekkolom(draw: Any, waarden: list[str | None]) -> Any:
    """``waarden`` as a dictionary column of any shape.

    Labels in any order, unused labels (answers or not), a gap among the labels, any index
    type and text type, in chunks that share one dictionary or not.
    """
    gebruikt = sorted({w for w in waarden if w is not None})
    extra = draw(st.lists(st.sampled_from(["ja", "nee", "twijfel", "misschien"]), max_size=2))
    labels = draw(st.permutations(list(dict.fromkeys([*gebruikt, *extra]))))
    met_gat = draw(st.booleans())
    index_type = draw(st.sampled_from([pa.int8(), pa.uint8(), pa.int16(), pa.int32(), pa.uint32()]))
    tekst_type = draw(st.sampled_from([pa.string(), pa.large_string(), pa.string_view()]))
    grenzen = sorted(draw(st.sets(st.integers(1, max(1, len(waarden) - 1)), max_size=2)))
    stukken = []
    for begin, eind in zip([0, *grenzen], [*grenzen, len(waarden)], strict=True):
        eigen = labels if draw(st.booleans()) else draw(st.permutations(labels))
        woordenboek = [*eigen, None] if met_gat else list(eigen)
        deel = waarden[begin:eind]
        codes = [
            (len(eigen) if met_gat and draw(st.booleans()) else None)
            if w is None
            else eigen.index(w)
            for w in deel
        ]
        stukken.append(
            pa.DictionaryArray.from_arrays(
                pa.array(codes, index_type), pa.array(woordenboek, tekst_type)
            )
        )
    return pa.chunked_array(stukken)


@st.composite
def _tabel_met_woordenboeken(draw: Any) -> Any:
    n = draw(st.integers(1, 10))
    kolommen = {}
    for vraag in draw(st.lists(st.sampled_from(_VRAGEN), unique=True, min_size=1)):
        waarden = draw(st.lists(_ANTWOORD, min_size=n, max_size=n))
        kolommen[vraag] = draw(_woordenboekkolom(waarden))
    letsel = draw(st.lists(st.booleans() | st.none(), min_size=n, max_size=n))
    kolommen["signaal.ernstig_letsel"] = pa.chunked_array([pa.array(letsel, pa.bool_())])
    kolommen["referentie"] = pa.chunked_array([pa.array([f"R{i}" for i in range(n)])])
    return pa.table(kolommen)


@settings(max_examples=80, deadline=None)
@given(tabel=_tabel_met_woordenboeken(), uitvoer=st.sampled_from([None, ("melden", "fout")]))
def test_answers_as_dictionaries_of_any_shape_are_decided_as_narwhals_decides_them(
    tabel: Any, uitvoer: tuple[str, ...] | None
) -> None:
    """Codes compared, or a dictionary converted: the same decisions, the same bad rows."""
    snel, langzaam = _beide(tabel, uitvoer=uitvoer)

    assert snel.schema == langzaam.schema
    assert snel.equals(langzaam)
    assert snel.column_names[: tabel.num_columns] == tabel.column_names
    assert snel.select(tabel.column_names).equals(tabel)  # the table's own columns untouched


def test_a_dictionary_of_answers_reaches_polars_as_its_codes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Neither a dictionary of answers nor ``referentie`` is handed to polars.

    polars converts a dictionary at 3-4 ms per column of 10^6 rows, and text at about 5 ms;
    no decision reads ``referentie``.
    """
    tabel = genereer_populatie(500, seed=11).to_arrow()
    gegeven: list[Any] = []
    van_arrow = pl.from_arrow

    def onthoud(data: Any, **opties: Any) -> Any:
        gegeven.append(data)
        return van_arrow(data, **opties)

    monkeypatch.setattr(pl, "from_arrow", onthoud)
    uit = beslis_frame(tabel, "2019")

    assert [t.schema.field("weging.vermoeden").type for t in gegeven] == [pa.uint8()]
    assert not any(pa.types.is_dictionary(f.type) for f in gegeven[0].schema)
    assert gegeven[0].schema.field("referentie").type == pa.null()
    assert uit.column("referentie").equals(tabel.column("referentie"))
    assert uit.num_rows == 500


@settings(max_examples=60, deadline=None)
@given(tabel=_tabel_met_woordenboeken())
def test_a_pandas_frame_of_arrow_dictionaries_is_decided_as_its_texts_are(tabel: Any) -> None:
    """An Arrow dictionary held by pandas (``pd.ArrowDtype``) is decided as its texts are.

    The same decisions and errors as the same answers as text, and the frame's own columns come
    back as they were.
    """
    pd = pytest.importorskip("pandas", reason="pandas is in the dev extra")
    woordenboeken = pd.DataFrame(
        {
            naam: pd.Series(pd.arrays.ArrowExtensionArray(tabel.column(naam)))
            for naam in tabel.column_names
        }
    )
    teksten = pd.DataFrame(
        {
            naam: pd.Series(tabel.column(naam).to_pylist(), dtype="string[pyarrow]")
            if pa.types.is_dictionary(tabel.schema.field(naam).type)
            else woordenboeken[naam]
            for naam in tabel.column_names
        }
    )

    uit = beslis_frame(woordenboeken, "2019")
    verwacht = beslis_frame(teksten, "2019")

    nieuw = [k for k in uit.columns if k not in tabel.column_names]
    assert nieuw == [k for k in verwacht.columns if k not in tabel.column_names]
    for naam in nieuw:
        assert uit[naam].tolist() == verwacht[naam].tolist(), naam
    for naam in tabel.column_names:  # Arrow's own data (pandas cannot compare every dictionary)
        assert uit[naam].dtype == woordenboeken[naam].dtype
        assert uit[naam].array.__arrow_array__().equals(tabel.column(naam))


_TEKSTEN = {
    "weging.vermoeden": ["ja", "nee", "twijfel", "Ja", "misschien", ""],
    "protocol": ["2013", "2019", "2020", "x"],
    "datum": ["2019-03-01", "2012-12-31", "2019-02-30", "gisteren"],
}
#: rows of answers, protocols and dates as text, good and bad ones, gaps among them
_TEKSTRIJEN = st.lists(
    st.fixed_dictionaries(
        {naam: st.none() | st.sampled_from(waarden) for naam, waarden in _TEKSTEN.items()}
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=60, deadline=None)
@given(
    rijen=_TEKSTRIJEN,
    soort=st.sampled_from(["string", "large_string", "string_view", "dictionary"]),
)
def test_text_columns_of_any_arrow_type_held_by_pandas_read_as_text(
    rijen: list[dict[str, str | None]], soort: str
) -> None:
    """Answers, a protocol and a date as any Arrow text held by pandas: as ``string[pyarrow]``.

    pandas 2 cannot join a ``large_string`` value to a text of Arrow's ``string`` (a bad row's
    message raised ``AttributeError``), and pyarrow has no kernels for every dictionary.
    """
    pd = pytest.importorskip("pandas", reason="pandas is in the dev extra")

    def kolom(waarden: list[str | None]) -> Any:
        if soort == "dictionary":
            arrow = pa.array(waarden, pa.string()).dictionary_encode()
        else:
            arrow = pa.array(waarden, getattr(pa, soort)())
        return pd.Series(pd.arrays.ArrowExtensionArray(arrow))

    waarden = {naam: [r[naam] for r in rijen] for naam in _TEKSTEN}
    frame = pd.DataFrame({naam: kolom(w) for naam, w in waarden.items()})
    tekst = pd.DataFrame(
        {naam: pd.Series(w, dtype="string[pyarrow]") for naam, w in waarden.items()}
    )

    uit, verwacht = (
        beslis_frame(frame, uitvoer=("melden", "fout")),
        beslis_frame(tekst, uitvoer=("melden", "fout")),
    )

    for naam in ("besluit.melden", "besluit.fout"):
        assert uit[naam].tolist() == verwacht[naam].tolist(), naam
    for naam in _TEKSTEN:  # the frame's own columns, as they were
        assert uit[naam].dtype == frame[naam].dtype


@settings(max_examples=40, deadline=None)
@given(
    rijen=_TEKSTRIJEN,
    soort=st.sampled_from(["string", "large_string", "string_view"]),
)
def test_text_columns_of_any_arrow_type_in_a_table_are_decided_as_narwhals_decides_them(
    rijen: list[dict[str, str | None]], soort: str
) -> None:
    """Answers, a protocol and a date as any Arrow text, bad ones among them: both paths agree.

    (pyarrow has no ``is_in`` for ``string_view``: narwhals' path reads it as other text.)
    """
    tabel = pa.table(
        {naam: pa.array([r[naam] for r in rijen], getattr(pa, soort)()) for naam in _TEKSTEN}
    )

    snel, langzaam = _beide(tabel, uitvoer=("melden", "fout"))

    assert snel.select(["besluit.melden", "besluit.fout"]).equals(
        langzaam.select(["besluit.melden", "besluit.fout"])
    )
    assert snel.select(tabel.column_names).equals(tabel)
    assert langzaam.select(tabel.column_names).equals(tabel)
