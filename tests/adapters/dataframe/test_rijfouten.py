"""A bad row's error is the same text on every path: eager and lazy polars, pandas, JSON.

The frame's row checks are written so that a frame without a bad row does not pay for the
messages (see ``_Controle``); these tests pin the messages themselves, so that making them
cheap never changes what a bad row says.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldcode import OngeldigeInvoer
from meldcode.adapters.json.casus import casus_uit_dict
from meldcode.domain.casus import MAX_LEEFTIJD

pd = pytest.importorskip("pandas", reason="pandas is in the dev extra")
pl = pytest.importorskip("polars", reason="polars is in the dev extra")

from meldcode.adapters.dataframe.beslis import beslis_frame  # noqa: E402

GOED = {"weging.vermoeden": "ja", "weging.acute_onveiligheid": "nee"}
#: answers that are not answers: key-like words (shown) and free text (never shown)
ONZIN = ["misschien", "JA", "Jan Jansen", "ja nee", "x" * 41, "bel 06-12345678"]


def _rij() -> st.SearchStrategy[dict[str, Any]]:
    """A row with at most one problem: unborn with an age, an age out of range, a bad answer."""
    goed = st.builds(
        lambda leeftijd, ongeboren: {
            **GOED,
            "kind.leeftijd": None if ongeboren else leeftijd,
            "kind.ongeboren": ongeboren,
        },
        st.none() | st.integers(0, MAX_LEEFTIJD),
        st.booleans() | st.none(),
    )
    ongeboren_met_leeftijd = st.builds(
        lambda leeftijd: {**GOED, "kind.leeftijd": leeftijd, "kind.ongeboren": True},
        st.integers(0, MAX_LEEFTIJD),
    )
    buiten_bereik = st.builds(
        lambda leeftijd, ongeboren: {
            **GOED,
            "kind.leeftijd": leeftijd,
            "kind.ongeboren": ongeboren,
        },
        st.integers(-1000, -1) | st.integers(MAX_LEEFTIJD + 1, 1000),
        st.booleans() | st.none(),
    )
    fout_antwoord = st.builds(
        lambda waarde: {
            **GOED,
            "weging.vermoeden": waarde,
            "kind.leeftijd": None,
            "kind.ongeboren": None,
        },
        st.sampled_from(ONZIN),
    )
    return goed | ongeboren_met_leeftijd | buiten_bereik | fout_antwoord


def _json(rij: dict[str, Any]) -> str | None:
    """What the JSON reader says of the same row, or None when it reads it."""
    data: dict[str, dict[str, Any]] = {}
    for sleutel, waarde in rij.items():
        obj, veld = sleutel.split(".", 1)
        if waarde is not None:
            data.setdefault(obj, {})[veld] = waarde
    return _json_casus(data)


def _eerste(fout: str | None) -> str | None:
    """The JSON reader's first problem: its message less "(and N more)"."""
    return None if fout is None else re.sub(r" \(and \d+ more\)$", "", fout)


def _polars(rijen: list[dict[str, Any]]) -> Any:
    return pl.DataFrame(
        rijen,
        schema={
            "weging.vermoeden": pl.String,
            "weging.acute_onveiligheid": pl.String,
            "kind.leeftijd": pl.Int64,
            "kind.ongeboren": pl.Boolean,
        },
    )


def _pandas(rijen: list[dict[str, Any]]) -> Any:
    kolommen = {k: [r[k] for r in rijen] for k in rijen[0]}
    return pd.DataFrame(
        {
            "weging.vermoeden": pd.array(kolommen["weging.vermoeden"], dtype="string"),
            "weging.acute_onveiligheid": pd.array(
                kolommen["weging.acute_onveiligheid"], dtype="string"
            ),
            "kind.leeftijd": pd.array(kolommen["kind.leeftijd"], dtype="Int64"),
            "kind.ongeboren": pd.array(kolommen["kind.ongeboren"], dtype="boolean"),
        }
    )


def _fouten(frame: Any) -> list[str | None]:
    uit = beslis_frame(frame, "2019", uitvoer=("melden",))
    if isinstance(uit, pl.LazyFrame):
        uit = uit.collect()
    if isinstance(uit, pl.DataFrame):
        return list(uit["besluit.fout"].to_list())
    return [None if pd.isna(w) else w for w in uit["besluit.fout"].tolist()]


@settings(max_examples=40, deadline=None)
@given(rijen=st.lists(_rij(), min_size=1, max_size=12))
def test_every_path_gives_a_bad_row_the_json_readers_error(rijen: list[dict[str, Any]]) -> None:
    """Per row: eager polars, lazy polars and pandas say what the JSON reader says, or nothing."""
    verwacht = [_json(r) for r in rijen]

    assert _fouten(_polars(rijen)) == verwacht
    assert _fouten(_polars(rijen).lazy()) == verwacht
    assert _fouten(_pandas(rijen)) == verwacht


def _rij_met_problemen() -> st.SearchStrategy[dict[str, Any]]:
    """A row with any number of problems at once: the age, the unborn child, the answers."""
    return st.fixed_dictionaries(
        {
            "weging.vermoeden": st.sampled_from(["ja", "nee", *ONZIN]),
            "weging.acute_onveiligheid": st.sampled_from(["nee", "twijfel", *ONZIN]),
            "kind.leeftijd": st.none() | st.integers(-5, MAX_LEEFTIJD + 5),
            "kind.ongeboren": st.booleans() | st.none(),
        }
    )


@settings(max_examples=60, deadline=None)
@given(rijen=st.lists(_rij_met_problemen(), min_size=1, max_size=12))
def test_a_row_with_several_problems_names_the_first_the_json_reader_names(
    rijen: list[dict[str, Any]],
) -> None:
    """The frame keeps a row's first problem: the same one the JSON reader puts first."""
    verwacht = [_eerste(_json(r)) for r in rijen]

    assert _fouten(_polars(rijen)) == verwacht
    assert _fouten(_polars(rijen).lazy()) == verwacht
    assert _fouten(_pandas(rijen)) == verwacht


@pytest.mark.parametrize("lazy", [False, True])
def test_an_unborn_child_with_an_age_is_named_with_that_age(lazy: bool) -> None:
    """The message names the field and says what is wrong, with the age, in eager and lazy."""
    rijen = [
        {**GOED, "kind.leeftijd": None, "kind.ongeboren": True},
        {**GOED, "kind.leeftijd": 7, "kind.ongeboren": True},
        {**GOED, "kind.leeftijd": 40, "kind.ongeboren": True},  # the age's range comes first
        {**GOED, "kind.leeftijd": 7, "kind.ongeboren": False},
    ]
    frame = _polars(rijen)

    fouten = _fouten(frame.lazy() if lazy else frame)

    assert fouten == [
        None,
        "kind.leeftijd must be null when ongeboren is true: an unborn child has no age "
        "(got 7) @ $.kind.leeftijd",
        f"kind.leeftijd must be a whole number from 0 to {MAX_LEEFTIJD} (got 40) @ $.kind.leeftijd",
        None,
    ]


@pytest.mark.parametrize(
    "dtype", [pl.Int8, pl.UInt8, pl.Int64, pl.Float64], ids=["int8", "uint8", "int64", "float"]
)
def test_an_age_of_any_numeric_dtype_is_shown_as_a_whole_number(dtype: Any) -> None:
    """Ages kept as floats (5.0) or small integers show as the JSON reader shows them (5)."""
    frame = pl.DataFrame(
        {
            "weging.vermoeden": ["ja", "ja", "ja"],
            "kind.leeftijd": pl.Series([5, None, 100], dtype=dtype),
            "kind.ongeboren": [True, True, False],
        }
    )

    for invoer in (frame, frame.lazy()):
        assert _fouten(invoer) == [
            "kind.leeftijd must be null when ongeboren is true: an unborn child has no age "
            "(got 5) @ $.kind.leeftijd",
            None,
            f"kind.leeftijd must be a whole number from 0 to {MAX_LEEFTIJD} (got 100) "
            "@ $.kind.leeftijd",
        ]


@pytest.mark.parametrize("dtype", [pl.String, pl.Categorical], ids=["text", "categorical"])
def test_a_bad_answer_reads_the_same_eager_and_lazy_and_never_shows_free_text(dtype: Any) -> None:
    frame = pl.DataFrame(
        {"weging.vermoeden": pl.Series(["ja", "misschien", "Jan Jansen", None], dtype=dtype)}
    )

    eager, lazy = _fouten(frame), _fouten(frame.lazy())

    assert eager == lazy
    assert eager == [
        None,
        "weging.vermoeden must be one of 'ja', 'nee', 'twijfel' (got 'misschien') "
        "@ $.weging.vermoeden",
        "weging.vermoeden must be one of 'ja', 'nee', 'twijfel' (got <str>) @ $.weging.vermoeden",
        None,
    ]


@settings(max_examples=60, deadline=None)
@given(tekst=st.text(max_size=50) | st.from_regex(r"[a-z0-9_]{1,45}", fullmatch=True))
def test_an_answer_is_shown_only_when_it_looks_like_a_key(tekst: str) -> None:
    """Any answer text: the same message on every path, the text shown only if it is a key.

    A key is 1 to 40 of a-z, 0-9 and _ with at most eight digits; anything else may be free text
    or a personal number and is never shown.
    """
    rijen = [{**GOED, "weging.vermoeden": tekst, "kind.leeftijd": None, "kind.ongeboren": None}]
    polars = _polars(rijen)

    fouten = {
        "eager": _fouten(polars),
        "lazy": _fouten(polars.lazy()),
        "categorical": _fouten(
            polars.lazy().with_columns(pl.col("weging.vermoeden").cast(pl.Categorical))
        ),
        "pandas": _fouten(_pandas(rijen)),
    }

    if tekst in ("ja", "nee", "twijfel"):
        assert set(map(tuple, fouten.values())) == {(None,)}
        return
    # (and not a personal number: more than eight digits are never shown, as in JSON)
    sleutel = (
        re.fullmatch(r"[a-z0-9_]{1,40}", tekst) is not None and sum(c.isdigit() for c in tekst) <= 8
    )
    getoond = f"'{tekst}'" if sleutel else "<str>"
    verwacht = (
        f"weging.vermoeden must be one of 'ja', 'nee', 'twijfel' (got {getoond}) "
        "@ $.weging.vermoeden"
    )
    assert fouten == {pad: [verwacht] for pad in fouten}


@pytest.mark.parametrize("dtype", [pl.String, pl.Categorical, pl.Enum(["2013", "2019", "2020"])])
def test_a_bad_protocol_reads_the_same_eager_and_lazy(dtype: Any) -> None:
    frame = pl.DataFrame(
        {
            "protocol": pl.Series(["2019", "2020", None], dtype=dtype),
            "weging.vermoeden": ["ja", "ja", "ja"],
        }
    )

    for invoer in (frame, frame.lazy()):
        uit = beslis_frame(invoer, uitvoer=("melden",))
        uit = uit.collect() if isinstance(uit, pl.LazyFrame) else uit
        assert uit["besluit.fout"].to_list() == [
            None,
            "protocol must be one of '2013', '2019' (got '2020') @ $.protocol",
            None,
        ]


@settings(max_examples=60, deadline=None)
@given(
    leeftijden=st.lists(st.none() | st.integers(-200, 200), min_size=1, max_size=12),
    verborgen=st.lists(st.integers(-128, 127), min_size=12, max_size=12),
    dtype=st.sampled_from(["Int8", "Int16", "Int64", "UInt8"]),
)
def test_what_a_pandas_gap_hides_never_changes_the_age_check(
    leeftijden: list[int | None], verborgen: list[int], dtype: str
) -> None:
    """A nullable pandas column keeps some value under each gap; it never counts as an age.

    The range check reads those hidden values first (a cheap proof that nothing is out of
    range): any value may hide under a gap, and the verdict per row stays the JSON reader's.
    """
    import numpy as np

    numpy_dtype = pd.api.types.pandas_dtype(dtype).numpy_dtype
    info = np.iinfo(numpy_dtype)
    leeftijden = [None if w is None or not info.min <= w <= info.max else w for w in leeftijden]
    gaten = np.array([w is None for w in leeftijden])
    waarden = np.array(
        [
            int(np.clip(v, info.min, info.max)) if w is None else w
            for w, v in zip(leeftijden, verborgen, strict=False)
        ],
        dtype=numpy_dtype,
    )
    rijen = [{**GOED, "kind.leeftijd": w, "kind.ongeboren": None} for w in leeftijden]
    frame = _pandas(rijen)
    frame["kind.leeftijd"] = pd.arrays.IntegerArray(waarden, gaten)

    assert _fouten(frame) == [_json(r) for r in rijen]


def test_a_pandas_frame_of_the_same_shape_with_other_categories_is_checked_anew() -> None:
    """What is kept per frame shape never lets a later frame's bad answers through."""
    goed = pd.DataFrame(
        {"weging.vermoeden": pd.Categorical(["ja", "nee"]), "weging.acute_onveiligheid": "nee"}
    )
    slecht = pd.DataFrame(
        {"weging.vermoeden": pd.Categorical(["ja", "wie"]), "weging.acute_onveiligheid": "nee"}
    )

    assert _fouten(goed) == [None, None]
    assert _fouten(goed) == [None, None]
    fouten = _fouten(slecht)
    assert fouten[0] is None
    assert fouten[1] is not None
    assert "weging.vermoeden" in fouten[1]


@settings(max_examples=40, deadline=None)
@given(antwoorden=st.lists(st.sampled_from([None, "ja", "nee", "twijfel"]), min_size=1, max_size=8))
def test_a_pandas_answer_column_with_gaps_anywhere_is_read_cell_by_cell(
    antwoorden: list[str | None],
) -> None:
    """Only a column without a single value counts as absent; an empty first cell does not.

    (Whether a column holds no value is settled by its first cell when that holds one.)
    """
    from meldcode import beslis

    frame = pd.DataFrame(
        {
            "weging.vermoeden": pd.Series(antwoorden, dtype=object),
            "weging.acute_onveiligheid": ["nee"] * len(antwoorden),
        }
    )
    uit = beslis_frame(frame, "2019", uitvoer=("melden", "volgende_vraag"))
    verwacht = [
        beslis(
            casus_uit_dict(
                {"weging": {"acute_onveiligheid": "nee", **({"vermoeden": a} if a else {})}}
            ),
            "2019",
        )
        for a in antwoorden
    ]

    assert [bool(m) for m in uit["besluit.melden"]] == [b.melden for b in verwacht]
    assert [None if pd.isna(v) else v for v in uit["besluit.volgende_vraag"]] == [
        b.volgende_vraag.value if b.volgende_vraag else None for b in verwacht
    ]


@settings(max_examples=60, deadline=None)
@given(
    rijen=st.lists(
        st.tuples(
            st.none() | st.integers(-3, MAX_LEEFTIJD + 3),
            st.sampled_from([True, False, None, "yes", "Jan Jansen", 1, 2.5]),
        ),
        min_size=1,
        max_size=10,
    )
)
def test_a_pandas_flag_column_of_objects_is_named_as_the_json_reader_names_it(
    rijen: list[tuple[int | None, object]],
) -> None:
    """Flags with gaps are objects in pandas: a bad one is named as the JSON reader names it.

    The reader checks each field as it reads it, in the contract's order: the age's range comes
    before an unborn flag that is no boolean, and the unborn child's age (which needs both) last;
    an age is checked against the flag as decoded, never as the raw object. (A row with
    ``False`` keeps the column one of objects: a column of text alone is refused as a whole,
    naming the column.)
    """
    rijen = [*rijen, (None, False)]
    frame = pd.DataFrame(
        {
            "weging.vermoeden": ["ja"] * len(rijen),
            "kind.leeftijd": pd.array([a for a, _ in rijen], dtype="Int64"),
            "kind.ongeboren": pd.Series([o for _, o in rijen], dtype=object),
        }
    )
    verwacht = []
    for leeftijd, ongeboren in rijen:
        kind = {
            k: v for k, v in {"leeftijd": leeftijd, "ongeboren": ongeboren}.items() if v is not None
        }
        verwacht.append(_eerste(_json_casus({"weging": {"vermoeden": "ja"}, "kind": kind})))

    assert _fouten(frame) == verwacht


def _json_casus(data: dict[str, Any]) -> str | None:
    try:
        casus_uit_dict(data)
    except OngeldigeInvoer as exc:
        return str(exc)
    return None
