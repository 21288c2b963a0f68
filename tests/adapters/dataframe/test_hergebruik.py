"""A frame's analysis is kept per schema and reused only where the rows answer alike.

``beslis_frame`` keeps what it builds from a frame's schema and a few answers about its rows
(is every age in range, has an unborn child an age, is every answer an answer). A frame of the
same schema reuses it only when each of those answers is the same for its own rows: these
tests decide frames one after the other, with every kind of bad row coming and going, and hold
each result to the result of an analysis built anew.
"""

from __future__ import annotations

import io
import math
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldcode.adapters.dataframe.plat import leeg

pd = pytest.importorskip("pandas", reason="pandas is in the dev extra")
pl = pytest.importorskip("polars", reason="polars is in the dev extra")
np = pytest.importorskip("numpy", reason="numpy comes with pandas")

from meldcode.adapters.dataframe import beslis as frames  # noqa: E402
from meldcode.adapters.dataframe.beslis import beslis_frame  # noqa: E402
from meldcode.adapters.dataframe.populatie import genereer_populatie  # noqa: E402
from tests.adapters.dataframe.test_rijfouten import _json, _pandas, _polars, _rij  # noqa: E402

UIT = ("melden", "veilig_thuis_raadplegen", "volgende_vraag", "fout")
#: a good row, of the columns the test frames of ``test_rijfouten`` have
_RIJ = {
    "weging.vermoeden": "ja",
    "weging.acute_onveiligheid": "nee",
    "kind.leeftijd": 7,
    "kind.ongeboren": False,
}


def _besluiten(frame: Any) -> dict[str, list[Any]]:
    uit = beslis_frame(frame, "2019", uitvoer=UIT)
    if isinstance(uit, pl.LazyFrame):
        uit = uit.collect()
    if isinstance(uit, pl.DataFrame):
        return {k: uit[f"besluit.{k}"].to_list() for k in UIT}
    return {k: [None if pd.isna(w) else w for w in uit[f"besluit.{k}"].tolist()] for k in UIT}


def _vers(frame: Any) -> dict[str, list[Any]]:
    """The result of an analysis built anew: nothing kept before."""
    frames._INVOEREN.clear()
    return _besluiten(frame)


@settings(max_examples=30, deadline=None)
@given(
    reeks=st.lists(st.lists(_rij(), min_size=1, max_size=8), min_size=2, max_size=6),
    maak=st.sampled_from([_polars, _pandas, lambda r: _polars(r).lazy()]),
)
def test_frames_of_one_schema_in_a_row_decide_as_if_each_were_the_first(
    reeks: list[list[dict[str, Any]]], maak: Any
) -> None:
    """Bad ages, unborn children with an age and bad answers come and go between frames."""
    frames._INVOEREN.clear()
    gekregen = [_besluiten(maak(rijen)) for rijen in reeks]

    verwacht = [_vers(maak(rijen)) for rijen in reeks]
    assert gekregen == verwacht
    for rijen, besluiten in zip(reeks, gekregen, strict=True):
        assert besluiten["fout"] == [_json(r) for r in rijen]


def test_a_clean_frame_after_a_bad_one_and_back_reuses_the_analysis_of_its_kind() -> None:
    """The same answers about the rows: the kept analysis itself, no second one."""
    frames._INVOEREN.clear()
    goed = [_RIJ]
    slecht = [{**goed[0], "kind.leeftijd": 31}]

    assert _besluiten(_polars(goed))["fout"] == [None]
    assert _besluiten(_polars(slecht))["fout"] == [_json(slecht[0])]
    assert _besluiten(_polars(goed * 3))["fout"] == [None] * 3
    (bewaard,) = frames._INVOEREN.values()
    assert len(bewaard) == 2  # one per set of answers, reused for the third frame


def test_a_kept_analysis_holds_no_row_and_no_frame() -> None:
    """What is kept is built from the schema and yes/no answers: never a value of a row."""
    frames._INVOEREN.clear()
    rijen = [{**_RIJ, "weging.acute_onveiligheid": "bel 06-12345678", "kind.leeftijd": 40}]
    _besluiten(_polars(rijen))
    _besluiten(_pandas(rijen))

    bewaard = [i for lijst in frames._INVOEREN.values() for i in lijst]
    assert len(bewaard) == 2
    for invoer in bewaard:
        assert invoer._df is None
        assert invoer.voorbereiding == []
        assert all(isinstance(u, bool) for _, _, u in invoer.peilingen)
        assert "06-12345678" not in repr(vars(invoer))


def test_a_frame_with_columns_decoded_in_python_is_never_kept() -> None:
    """JSON text in ``signalen`` is decoded row by row: that analysis holds row values."""
    frames._INVOEREN.clear()
    frame = pl.DataFrame(
        {
            "weging.vermoeden": ["ja", "ja"],
            "signalen": ['[{"soort": "verwaarlozing", "levensgevaar": true}]', None],
        }
    )
    uit = beslis_frame(frame, "2019", uitvoer=("melden",))

    assert uit["besluit.melden"].to_list() == [True, False]
    assert not frames._INVOEREN


@pytest.mark.parametrize(
    ("eerst", "dan", "waarde"),
    [
        (pl.Int64, pl.Float64, 5.5),
        (pl.Int8, pl.Int16, 300),
        (pl.Int64, pl.String, "vijf"),
    ],
)
def test_the_same_columns_of_another_type_are_analysed_anew(
    eerst: Any, dan: Any, waarde: object
) -> None:
    """The schema's key tells the types apart, so a kept analysis never reads another type."""
    frames._INVOEREN.clear()
    rij = {"weging.vermoeden": ["ja"], "weging.acute_onveiligheid": ["nee"]}
    goed = pl.DataFrame({**rij, "kind.leeftijd": [7]}, schema_overrides={"kind.leeftijd": eerst})
    assert _besluiten(goed)["fout"] == [None]

    ander = pl.DataFrame(
        {**rij, "kind.leeftijd": [waarde]}, schema_overrides={"kind.leeftijd": dan}
    )
    if dan == pl.String:  # a column of text is no age at all: the frame is refused
        with pytest.raises(frames.OngeldigeInvoer, match=r"kind\.leeftijd"):
            _besluiten(ander)
        return
    fout = _besluiten(ander)["fout"][0]
    assert fout is not None
    assert "kind.leeftijd" in fout


def test_a_dtype_with_parameters_is_its_own_key() -> None:
    """A time unit, an inner type or categories are part of the key, not only the class."""
    sleutel = frames._polars_type
    assert sleutel(pl.Datetime("us")) != sleutel(pl.Datetime("ms"))
    assert sleutel(pl.List(pl.Int8)) != sleutel(pl.List(pl.String))
    assert sleutel(pl.Enum(["ja"])) != sleutel(pl.Enum(["ja", "nee"]))
    assert sleutel(pl.Int8()) == sleutel(pl.Int8) != sleutel(pl.Int16)


def test_a_pandas_frame_keeps_its_index_attrs_and_columns_and_is_not_changed() -> None:
    """Decisions after the frame's own columns; index, ``attrs`` and the input itself kept.

    The index may repeat labels; the input frame is not changed.
    """
    frame = pd.DataFrame(
        {"weging.vermoeden": ["ja", "nee", "ja"], "eigen": [1, 2, 3]},
        index=pd.Index(["b", "a", "b"], name="leerling"),
    )
    frame.attrs["bron"] = "export-2026"
    voor = frame.copy()

    uit = beslis_frame(frame, "2019", uitvoer=("melden",), extra=("eigen",))

    assert list(uit.columns) == ["weging.vermoeden", "eigen", "besluit.melden", "besluit.fout"]
    assert uit.index.equals(frame.index)
    assert uit.index.name == "leerling"
    assert uit.attrs == {"bron": "export-2026"}
    assert uit["besluit.melden"].tolist() == [False, False, False]
    pd.testing.assert_frame_equal(frame, voor)


@settings(max_examples=150, deadline=None)
@given(
    data=st.data(),
    n=st.integers(0, 40),
    dtype=st.sampled_from(["Int8", "Int16", "Int64", "UInt8", "float64"]),
    backend=st.sampled_from(["pandas", "polars"]),
)
def test_the_probes_answer_as_a_plain_reading_of_the_rows(
    data: st.DataObject, n: int, dtype: str, backend: str
) -> None:
    """The probes a kept analysis rests on say what reading the rows one by one says.

    Whatever the length (words of eight rows and a rest), the gaps and the signs.
    """
    laag = 0 if dtype.startswith("U") else -40
    leeftijden = data.draw(st.lists(st.none() | st.integers(laag, 40), min_size=n, max_size=n))
    vlaggen = data.draw(st.lists(st.none() | st.booleans(), min_size=n, max_size=n))
    if backend == "pandas":
        frame = pd.DataFrame(
            {
                "kind.leeftijd": pd.array(
                    leeftijden, dtype=dtype if dtype != "float64" else "Float64"
                ),
                "kind.ongeboren": pd.array(vlaggen, dtype="boolean"),
            }
        )
    else:
        soort = {"Int8": pl.Int8, "Int16": pl.Int16, "Int64": pl.Int64, "UInt8": pl.UInt8}
        schema = {"kind.leeftijd": soort.get(dtype, pl.Float64), "kind.ongeboren": pl.Boolean}
        # whole, from the middle on (an offset, maybe inside a byte of a bitmap), in two chunks
        vorm = data.draw(st.sampled_from(["heel", "snede", "stukken"]))
        k = data.draw(st.sampled_from([0, 8, 16, 3]) | st.integers(0, 40))
        if vorm == "snede":
            # rows cut off before: an unborn child with an age in range, which no probe of the
            # rows after them may see
            voor = pl.DataFrame(
                {"kind.leeftijd": [5] * k, "kind.ongeboren": [True] * k}, schema=schema
            )
            frame = pl.concat(
                [
                    voor,
                    pl.DataFrame(
                        {"kind.leeftijd": leeftijden, "kind.ongeboren": vlaggen}, schema=schema
                    ),
                ],
                rechunk=True,
            ).slice(k)
        elif vorm == "stukken":
            delen = [
                pl.DataFrame(
                    {"kind.leeftijd": leeftijden[a:b], "kind.ongeboren": vlaggen[a:b]},
                    schema=schema,
                )
                for a, b in ((0, min(k, n)), (min(k, n), n))
            ]
            frame = pl.concat(delen, rechunk=False)
        else:
            frame = pl.DataFrame(
                {"kind.leeftijd": leeftijden, "kind.ongeboren": vlaggen}, schema=schema
            )
    rijen = frames._Rijen(frame)

    assert frames._beide(rijen, "kind.ongeboren", "kind.leeftijd") == any(
        v is True and w is not None for v, w in zip(vlaggen, leeftijden, strict=True)
    )
    if dtype != "float64":
        assert frames._in_bereik(rijen, "kind.leeftijd", 0, 30) == all(
            w is None or 0 <= w <= 30 for w in leeftijden
        )


_GETALLEN = st.sampled_from([0.0, -0.0, 7.0, 30.0, 30.5, 31.0, -1.0, 0.5, 1e30])
_BIJZONDER = st.sampled_from([math.nan, math.inf, -math.inf])


@settings(max_examples=150, deadline=None)
@given(
    leeftijden=st.lists(st.none() | _GETALLEN | _BIJZONDER, max_size=20),
    soort=st.sampled_from(
        [
            "pandas float64",
            "pandas float32",
            "pandas Float64",
            "pandas double[pyarrow]",
            "polars Float64",
            "polars Float32",
        ]
    ),
)
def test_the_probe_of_ages_as_floats_answers_as_a_plain_reading_of_the_rows(
    leeftijden: list[float | None], soort: str
) -> None:
    """Whole numbers in range, gaps aside: pandas' NaN is a gap, polars' NaN is a value.

    pandas keeps whole numbers with gaps as floats (a frame converted from polars, or read
    from CSV): the probe spares such a frame a check of every row.
    """
    bibliotheek, dtype = soort.split()
    if bibliotheek == "pandas":
        frame: Any = pd.DataFrame({"kind.leeftijd": pd.array(leeftijden, dtype="float64")})
        frame = frame.astype(dtype)
        # a gap is what pandas calls missing (in pandas 2 a Float64 may keep NaN as a value)
        leeg = frame["kind.leeftijd"].isna().tolist()
    else:
        frame = pl.DataFrame(
            {"kind.leeftijd": leeftijden}, schema={"kind.leeftijd": getattr(pl, dtype)}
        )
        leeg = [w is None for w in leeftijden]
    waarden = frame["kind.leeftijd"].to_list()

    assert frames._heel_in_bereik(frames._Rijen(frame), "kind.leeftijd", 0, 30) == all(
        gat or (w is not None and math.isfinite(w) and w == int(w) and 0 <= w <= 30)
        for gat, w in zip(leeg, waarden, strict=True)
    )


@settings(max_examples=30, deadline=None)
@given(
    reeks=st.lists(st.lists(_rij(), min_size=1, max_size=8), min_size=2, max_size=6),
    bibliotheek=st.sampled_from(["pandas", "pandas Float64", "polars"]),
)
def test_frames_with_ages_as_floats_in_a_row_decide_as_if_each_were_the_first(
    reeks: list[list[dict[str, Any]]], bibliotheek: str
) -> None:
    """The same as for whole-number columns, with the ages as floats (NaN for a gap in pandas)."""

    def maak(rijen: list[dict[str, Any]]) -> Any:
        if bibliotheek.startswith("pandas"):
            dtype = "Float64" if bibliotheek.endswith("Float64") else "float64"
            return _pandas(rijen).astype({"kind.leeftijd": dtype})
        return _polars(rijen).with_columns(pl.col("kind.leeftijd").cast(pl.Float64))

    frames._INVOEREN.clear()
    gekregen = [_besluiten(maak(rijen)) for rijen in reeks]

    verwacht = [_vers(maak(rijen)) for rijen in reeks]
    assert gekregen == verwacht
    for rijen, besluiten in zip(reeks, gekregen, strict=True):
        assert [f is None for f in besluiten["fout"]] == [_json(r) is None for r in rijen]


def test_a_frame_converted_to_pandas_is_decided_without_a_check_of_every_row() -> None:
    """A polars frame's ``to_pandas`` makes ages with gaps floats: no row check when clean."""
    frame = _polars([_RIJ, {**_RIJ, "kind.leeftijd": None}]).to_pandas()
    assert frame["kind.leeftijd"].dtype == "float64"
    # pandas 2 gives text as objects, whose analysis is never kept: answers as categories
    frame = frame.astype({k: "category" for k in frame.columns if frame[k].dtype == object})
    frames._INVOEREN.clear()

    assert _besluiten(frame)["fout"] == [None, None]
    (bewaard,) = frames._INVOEREN.values()
    (invoer,) = bewaard
    assert not invoer.controles


def test_writing_into_a_result_changes_neither_the_input_nor_the_next_result() -> None:
    """The decision columns are the result's own: what a caller writes stays in that frame."""
    frame = pd.DataFrame({"weging.vermoeden": ["ja", "nee"], "weging.acute_onveiligheid": "ja"})
    voor = frame.copy()
    eerste = beslis_frame(frame, "2019", uitvoer=("melden",))

    eerste.loc[0, "besluit.fout"] = "aangepast"
    eerste.loc[1, "besluit.melden"] = pd.NA
    eerste.loc[0, "weging.vermoeden"] = "twijfel"
    tweede = beslis_frame(frame, "2019", uitvoer=("melden",))

    pd.testing.assert_frame_equal(frame, voor)
    assert tweede["besluit.fout"].isna().all()
    assert tweede["besluit.melden"].tolist() == [True, False]


#: what a pandas object column of flags may hold: booleans, gaps of every kind, and values that
#: are neither (each of which the value-by-value reading names as a bad row)
_CELLEN = st.sampled_from(
    [
        True,
        False,
        np.True_,
        np.False_,
        None,
        math.nan,
        np.float64("nan"),
        pd.NA,
        pd.NaT,
        np.float32("nan"),
        Decimal("NaN"),
        np.datetime64("NaT"),
        1,
        0,
        1.0,
        "true",
        "",
    ]
)


@settings(max_examples=200, deadline=None)
@given(cellen=st.lists(_CELLEN, max_size=30))
def test_an_object_column_of_flags_is_read_at_once_exactly_when_one_by_one_reads_it(
    cellen: list[Any],
) -> None:
    """The fast reading of a flag column with gaps (``read_csv``'s) accepts what the slow one does.

    Every value a ``bool`` and every gap one that ``leeg`` calls empty: read at once, each row
    as reading it alone gives; anything else is left to the reading value by value, which
    names the bad rows.
    """
    reeks = pd.Series(cellen, dtype=object)
    gelezen = frames._booleans_met_gaten(reeks)

    per_waarde = all(leeg(c) or type(c).__name__ in ("bool", "bool_") for c in cellen)
    assert (gelezen is not None) == per_waarde
    if gelezen is not None:
        assert [None if w is pd.NA else bool(w) for w in gelezen] == [
            None if leeg(c) else bool(c) for c in cellen
        ]


def test_a_flag_column_with_a_gap_from_read_csv_is_decided_as_its_cases() -> None:
    """``read_csv`` makes a flag column with an empty cell objects: decided as booleans."""
    tekst = "weging.vermoeden,signaal.levensgevaar\nja,True\nja,\nja,False\n"
    frame = pd.read_csv(io.StringIO(tekst))
    assert frame["signaal.levensgevaar"].dtype == object

    uit = beslis_frame(frame, "2019", uitvoer=("melden", "fout"))

    assert uit["besluit.melden"].tolist() == [True, False, False]
    assert uit["besluit.fout"].isna().all()


@settings(max_examples=100, deadline=None)
@given(
    waarden=st.lists(
        st.none() | st.sampled_from(["ja", "nee", "twijfel", "Ja", "ja ", "", "misschien"]),
        max_size=30,
    ),
    dtype=st.sampled_from(
        ["str", "string[pyarrow]", "large_string[pyarrow]", "string[python]", "chunks", "slice"]
    ),
    snede=st.integers(0, 30),
)
def test_text_held_by_arrow_is_read_as_the_codes_of_the_answers(
    waarden: list[str | None], dtype: str, snede: int
) -> None:
    """One pass of Arrow gives each value's answer code; text held by Python is left to pandas.

    In one piece or in chunks (as ``read_csv`` leaves a column); the probe of the column's
    answers agrees with reading the values one by one.
    """
    import pyarrow as pa

    from meldcode.adapters.dataframe.kern import ANTWOORDEN, antwoordcodes

    if dtype == "chunks":
        stukken = pa.chunked_array([waarden[:snede], waarden[snede:]], type=pa.string())
        reeks = pd.Series(pd.arrays.ArrowExtensionArray(stukken))
    elif dtype == "slice":  # a frame's rows from the middle on: Arrow keeps an offset
        reeks = pd.Series(["ja", None, "x", *waarden], dtype="string[pyarrow]").iloc[3:]
        reeks = reeks.iloc[snede % 2 :]
        waarden = waarden[snede % 2 :]
    else:
        reeks = pd.Series(waarden, dtype=dtype)
    codes = antwoordcodes(reeks)

    # pandas 2 reads "str" as objects; "string[python]" is text held by Python
    door_arrow = getattr(reeks.dtype, "storage", None) == "pyarrow" or isinstance(
        reeks.dtype, pd.ArrowDtype
    )
    if not door_arrow:
        assert codes is None
    else:
        assert codes is not None
        assert codes.tolist() == [ANTWOORDEN.index(w) if w in ANTWOORDEN else -1 for w in waarden]
    frame = pd.DataFrame({"weging.vermoeden": reeks})
    assert frames._alle_antwoorden(frames._Rijen(frame), "weging.vermoeden") == all(
        w is None or w in ANTWOORDEN for w in waarden
    )


@settings(max_examples=30, deadline=None)
@given(rijen=st.lists(_rij(), min_size=1, max_size=12), snede=st.integers(0, 12))
def test_a_slice_of_a_frame_with_arrow_text_is_decided_as_its_rows_are_in_the_whole(
    rijen: list[dict[str, Any]], snede: int
) -> None:
    """Rows from the middle on (Arrow keeps an offset): each decided as in the whole frame."""
    geheel = _pandas(rijen).astype(
        {"weging.vermoeden": "string[pyarrow]", "weging.acute_onveiligheid": "string[pyarrow]"}
    )
    deel = geheel.iloc[snede:]

    uit_geheel = beslis_frame(geheel, "2019", uitvoer=UIT).iloc[snede:]
    uit_deel = beslis_frame(deel, "2019", uitvoer=UIT)

    for k in UIT:
        kolom = f"besluit.{k}"
        assert uit_deel[kolom].tolist() == uit_geheel[kolom].tolist(), k


@pytest.mark.parametrize("k", [0, 3, 8, 16, 24])
@pytest.mark.parametrize(
    ("na", "beide"),
    [
        ({"kind.leeftijd": [3, None], "kind.ongeboren": [False, True]}, False),
        ({"kind.leeftijd": [3, None, 4], "kind.ongeboren": [None, False, True]}, True),
        ({"kind.leeftijd": [31, 2], "kind.ongeboren": [False, None]}, False),
    ],
)
def test_the_probes_of_a_polars_frame_cut_after_rows_see_only_its_own_rows(
    k: int, na: dict[str, list[Any]], beide: bool
) -> None:
    """Read from Arrow's buffers at the frame's offset: the rows cut off are not its rows.

    Those rows hold an unborn child with an age in range, so reading them instead would say
    the opposite of what the frame's own rows say. (The buffers are read once pyarrow is
    loaded, as here.)
    """
    pytest.importorskip("pyarrow", reason="the probes read Arrow's buffers once it is loaded")
    schema = {"kind.leeftijd": pl.Int8, "kind.ongeboren": pl.Boolean}
    voor = pl.DataFrame({"kind.leeftijd": [5] * k, "kind.ongeboren": [True] * k}, schema=schema)
    frame = pl.concat([voor, pl.DataFrame(na, schema=schema)], rechunk=True).slice(k)
    rijen = frames._Rijen(frame)

    assert frames._beide(rijen, "kind.ongeboren", "kind.leeftijd") is beide
    assert frames._in_bereik(rijen, "kind.leeftijd", 0, 30) is all(
        w is None or w <= 30 for w in na["kind.leeftijd"]
    )


@settings(max_examples=60, deadline=None)
@given(
    waarden=st.lists(
        st.none() | st.sampled_from(["ja", "nee", "twijfel", "Ja", "misschien"]),
        min_size=4,
        max_size=20,
    ),
    verschuiving=st.integers(0, 3),
)
def test_columns_on_one_arrow_buffer_are_each_read_as_their_own_codes(
    waarden: list[str | None], verschuiving: int
) -> None:
    """Within one call a column's answer codes are read once, by where its data lies.

    Two columns cut from one Arrow array share its buffers at other offsets: each keeps its own
    codes, and the frame is decided as the same rows in buffers of their own are.
    """
    import pyarrow as pa

    from meldcode.adapters.dataframe.kern import ANTWOORDEN, antwoordcodes, een_index_per_kolom

    basis = pa.array(waarden, pa.large_string())
    lengte = len(waarden) - 3
    a, b = basis.slice(0, lengte), basis.slice(verschuiving, lengte)
    frame = pd.DataFrame(
        {
            "weging.vermoeden": pd.arrays.ArrowExtensionArray(a),
            "weging.acute_onveiligheid": pd.arrays.ArrowExtensionArray(b),
        }
    )
    with een_index_per_kolom():
        for naam, deel in (("weging.vermoeden", a), ("weging.acute_onveiligheid", b)):
            codes = antwoordcodes(frame[naam])
            assert codes is not None
            assert codes.tolist() == [
                ANTWOORDEN.index(w) if w in ANTWOORDEN else -1 for w in deel.to_pylist()
            ]
    eigen = frame.apply(lambda k: pd.Series(k.tolist(), dtype="string[pyarrow]", index=k.index))
    pd.testing.assert_frame_equal(
        beslis_frame(frame, "2019"), beslis_frame(eigen, "2019"), check_dtype=False
    )


def test_a_pandas_frame_reads_each_text_column_once_a_call(monkeypatch: pytest.MonkeyPatch) -> None:
    """The kept analysis' probe and the kernel share each column's ``index_in``; nothing stays."""
    import pyarrow.compute as pc

    from meldcode.adapters.dataframe import kern

    frame = genereer_populatie(300, seed=5, backend="pandas")
    frame = frame.astype({k: "string[pyarrow]" for k in frame.columns if k.startswith("weging.")})
    beslis_frame(frame, "2019", uitvoer=("melden",))  # the analysis kept
    oproepen: list[int] = []
    index_in = pc.index_in

    def tel(waarden: Any, **opties: Any) -> Any:
        oproepen.append(len(waarden))
        return index_in(waarden, **opties)

    monkeypatch.setattr(pc, "index_in", tel)
    beslis_frame(frame, "2019", uitvoer=("melden",))

    gelezen = [k for k in frame.columns if k.startswith("weging.")]
    assert len(oproepen) == len(gelezen)
    assert kern._INDEXEN.get() is None
