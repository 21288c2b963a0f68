"""Edge cases of a frame's shape: nested JSON, a frame decided before, time zones, empty columns.

Each is a class of input that once went wrong silently (every row "not answered", stale
decisions beside fresh ones) or crashed deep inside a dataframe library; each is held to the
engine's own decision or to ``OngeldigeInvoer`` naming the column, on every backend.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import warnings
import zoneinfo
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meldcode import OngeldigeInvoer, beslis, besluit_naar_dict, casus_naar_dict, casus_uit_dict
from meldcode.domain.casus import Casus
from meldcode.testing.strategies import casussen

pd = pytest.importorskip("pandas", reason="pandas is in the dev extra")
pl = pytest.importorskip("polars", reason="polars is in the dev extra")

from meldcode.adapters.dataframe.beslis import (  # noqa: E402
    BESLUIT_KOLOMMEN,
    beslis_frame,
    frame_uit_casussen,
)
from meldcode.adapters.dataframe.plat import GENEST, kolommen, rij_uit_casus  # noqa: E402
from meldcode.adapters.dataframe.populatie import (  # noqa: E402
    casussen_uit_populatie,
    genereer_populatie,
)
from tests.adapters.dataframe.uitlezen import kolom  # noqa: E402


def _dask(pdf: Any) -> Any:
    dd = pytest.importorskip("dask.dataframe", reason="dask is in the dev extra")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return dd.from_pandas(pdf, npartitions=2)


#: a polars frame as each backend holds it
BACKENDS: dict[str, Callable[[Any], Any]] = {
    "polars": lambda df: df,
    "polars-lazy": lambda df: df.lazy(),
    "pandas": lambda df: df.to_pandas(),
    "dask": lambda df: _dask(df.to_pandas()),
}


def _beslis(frame: Any, *args: Any, **kwargs: Any) -> Any:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*Dask support is moving.*")
        return beslis_frame(frame, *args, **kwargs)


# --- 1. nested JSON ---------------------------------------------------------------------------

ZAKEN = [
    {
        "referentie": "A-1",
        "weging": {"vermoeden": "ja", "acute_onveiligheid": "ja"},
        "kind": {"leeftijd": 9},
    },
    {"referentie": "A-2", "weging": {"vermoeden": "nee"}, "kind": {"ongeboren": True}},
    {
        "referentie": "A-3",
        "weging": {"vermoeden": "twijfel", "acute_onveiligheid": "nee"},
        "omstandigheden": {"veiligheid_in_geding": True},
    },
]
REGELS = "".join(json.dumps(z) + "\n" for z in ZAKEN)


def _genest(backend: str) -> Any:
    """The JSON Lines read as each library reads them: struct columns, or columns of dicts."""
    if backend.startswith("polars"):
        df = pl.read_ndjson(io.StringIO(REGELS))
        return df.lazy() if backend == "polars-lazy" else df
    pdf = pd.read_json(io.StringIO(REGELS), lines=True)
    return _dask(pdf) if backend == "dask" else pdf


def test_the_nested_objects_are_the_contract_s_objects_with_flat_columns() -> None:
    """``GENEST`` follows from the contract: each key of a case that holds an attrs object."""
    velden = attrs.fields_dict(attrs.resolve_types(Casus))
    objecten = {naam for naam, a in velden.items() if attrs.has(a.type)}

    assert set(GENEST) == objecten == {"weging", "kind", "omstandigheden"}
    for obj, paden in GENEST.items():
        assert paden == tuple(f"{obj}.{a.name}" for a in attrs.fields(velden[obj].type))


@pytest.mark.parametrize("backend", list(BACKENDS))
def test_a_frame_of_nested_json_is_refused_naming_each_nested_column(backend: str) -> None:
    """``pl.read_ndjson`` / ``pd.read_json`` of contract JSON: never decided as unanswered."""
    with pytest.raises(OngeldigeInvoer) as exc:
        _beslis(_genest(backend))

    assert [f.veld for f in exc.value.fouten] == ["weging", "kind", "omstandigheden"]
    melding = str(exc.value)
    assert "unnest('weging', separator='.')" in melding
    assert "json_normalize" in melding


@pytest.mark.parametrize("backend", ["polars", "polars-lazy", "pandas"])
def test_a_flattened_frame_of_nested_json_is_decided_as_the_engine_decides(backend: str) -> None:
    """Flattened as the message says, each row is decided as ``beslis`` decides its JSON."""
    if backend == "pandas":
        frame = pd.json_normalize([json.loads(regel) for regel in REGELS.splitlines()])
    else:
        frame = _genest(backend).unnest("weging", "kind", "omstandigheden", separator=".")

    uit = _beslis(frame, "2019")

    besluiten = [beslis(casus_uit_dict(z), "2019") for z in ZAKEN]
    assert kolom(uit, "besluit.melden") == [b.melden for b in besluiten]
    assert kolom(uit, "besluit.volgende_vraag") == [
        b.volgende_vraag.value if b.volgende_vraag else None for b in besluiten
    ]


@settings(max_examples=30, deadline=None)
@given(
    obj=st.sampled_from(sorted(GENEST)),
    waarden=st.sampled_from(
        [
            [None, None],
            ["ja", None],
            [1, 2],
            [True, False],
            [{"vermoeden": "ja"}, None],
            ['{"vermoeden": "ja"}', None],
        ]
    ),
    backend=st.sampled_from(["polars", "polars-lazy", "pandas"]),
)
def test_a_column_named_after_a_contract_object_is_refused_whatever_it_holds(
    obj: str, waarden: list[Any], backend: str
) -> None:
    """Text, numbers, nulls, structs: ``weging`` is never a flat column; ``extra`` keeps it."""
    df = pl.DataFrame({"vermoeden": ["ja", "nee"], obj: waarden}, strict=False)
    frame = BACKENDS[backend](df)

    with pytest.raises(OngeldigeInvoer) as exc:
        _beslis(frame, "2019")
    assert exc.value.veld == obj
    assert f"extra=[{obj!r}]" in str(exc.value)

    uit = _beslis(frame, "2019", extra=[obj])
    assert kolom(uit, "besluit.melden") == kolom(
        _beslis(BACKENDS[backend](df.drop(obj)), "2019"), "besluit.melden"
    )


#: the keys of a list element that may be left out of a JSON line (they have a default)
WEGLAATBAAR = {
    "signalen": (
        "omschrijving",
        "datum",
        "bron",
        "hypothese",
        "ernstig_letsel",
        "levensgevaar",
        "pleger_is_medewerker",
    ),
    "consultaties": ("datum", "anoniem"),
}


@st.composite
def _regels_met_lijsten(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Cases as JSON objects whose list elements each leave out keys of their own choosing."""
    uit = []
    for casus in draw(st.lists(casussen(), min_size=1, max_size=6)):
        data = casus_naar_dict(casus)
        for lijst, sleutels in WEGLAATBAAR.items():
            data[lijst] = [
                {k: v for k, v in element.items() if k not in weg}
                for element in data[lijst]
                for weg in [draw(st.sets(st.sampled_from(sleutels)))]
            ]
        uit.append(data)
    return uit


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(zaken=_regels_met_lijsten(), backend=st.sampled_from(["polars", "pandas"]))
def test_lists_read_from_json_lines_are_decided_as_their_json(
    zaken: list[dict[str, Any]], backend: str
) -> None:
    """A list read from JSON Lines is decided as its line: a null struct field is an absent key.

    ``pl.read_ndjson`` gives every element of ``signalen`` every field of the column, null where
    its JSON left the key out; ``pd.json_normalize`` keeps the elements as they are.
    """
    regels = "".join(json.dumps(z) + "\n" for z in zaken)
    if backend == "polars":
        frame = pl.read_ndjson(io.StringIO(regels)).unnest(*GENEST, separator=".")
    else:
        frame = pd.json_normalize([json.loads(regel) for regel in regels.splitlines()])

    uit = _beslis(frame, "2019")

    besluiten = [beslis(casus_uit_dict(z), "2019") for z in zaken]
    assert kolom(uit, "besluit.fout") == [None] * len(zaken)
    for naam in UITVOER_LIJST:
        assert kolom(uit, f"besluit.{naam}") == [besluit_naar_dict(b)[naam] for b in besluiten], (
            naam
        )
    assert kolom(uit, "besluit.regels") == [",".join(g.regel for g in b.gronden) for b in besluiten]


#: decision columns that hold one value of the ``Besluit``'s JSON as it is
UITVOER_LIJST = ("melden", "veilig_thuis_raadplegen", "oudergesprek_overslaan", "protocol")


def test_a_population_with_a_nested_column_is_refused() -> None:
    """``casussen_uit_populatie`` names the nested column too."""
    with pytest.raises(OngeldigeInvoer) as exc:
        casussen_uit_populatie(pl.read_ndjson(io.StringIO(REGELS)))

    assert exc.value.veld == "weging"
    assert "unnest" in str(exc.value)


# --- 2. a frame decided before ----------------------------------------------------------------

UITVOER = [u for u in BESLUIT_KOLOMMEN if u != "fout"]


@settings(max_examples=25, deadline=None)
@given(
    eerst=st.lists(st.sampled_from(UITVOER), unique=True, max_size=3) | st.none(),
    dan=st.lists(st.sampled_from(UITVOER), min_size=1, unique=True, max_size=3),
    prefix=st.sampled_from(["besluit.", "uitkomst.", "beslissing_"]),
    backend=st.sampled_from(["polars", "polars-lazy", "pandas"]),
)
def test_a_frame_decided_before_is_refused_naming_its_decision_columns(
    eerst: list[str] | None, dan: list[str], prefix: str, backend: str
) -> None:
    """Old decision columns never stand beside new ones: refused, naming them, however asked."""
    frame = BACKENDS[backend](pl.DataFrame({"vermoeden": ["ja"], "acute_onveiligheid": ["ja"]}))
    beslist = _beslis(frame, "2013", prefix=prefix, uitvoer=eerst)

    with pytest.raises(OngeldigeInvoer) as exc:
        _beslis(beslist, "2019", prefix=prefix, uitvoer=dan)

    gegeven = [u for u in BESLUIT_KOLOMMEN if eerst is None or u in eerst or u == "fout"]
    assert [f.veld for f in exc.value.fouten] == [f"{prefix}{gegeven[0]}"]
    for naam in gegeven[:3]:
        assert repr(f"{prefix}{naam}") in str(exc.value)
    assert "drop" in str(exc.value)
    assert "prefix" in str(exc.value)
    # another prefix, or the old columns dropped: decided
    ander = _beslis(beslist, "2019", prefix="nieuw.", uitvoer=dan)
    assert kolom(ander, "nieuw.fout") == [None]


@pytest.mark.parametrize("backend", list(BACKENDS))
def test_a_frame_decided_before_is_decided_again_once_its_columns_are_dropped(
    backend: str,
) -> None:
    """The example of the report: 2013 first, then 2019 for melden alone, without stale columns."""
    o1 = _beslis(
        BACKENDS[backend](pl.DataFrame({"vermoeden": ["ja"], "acute_onveiligheid": ["ja"]})),
        "2013",
    )
    with pytest.raises(OngeldigeInvoer, match=r"besluit\.protocol"):
        _beslis(o1, "2019", uitvoer=("melden",))

    if backend.startswith("polars"):
        schoon = o1.drop(pl.selectors.starts_with("besluit."))
    else:
        schoon = o1.loc[:, ~o1.columns.str.startswith("besluit.")]
    o2 = _beslis(schoon, "2019", uitvoer=("melden",))
    namen = o2.collect_schema().names() if backend == "polars-lazy" else list(o2.columns)
    assert [n for n in namen if n.startswith("besluit.")] == ["besluit.melden", "besluit.fout"]


@settings(max_examples=40, deadline=None)
@given(
    eerst=st.from_regex(r"[a-z][a-z0-9]{0,6}[._]", fullmatch=True),
    uitvoer=st.lists(st.sampled_from(UITVOER), unique=True, max_size=3) | st.none(),
    backend=st.sampled_from(["polars", "polars-lazy", "pandas"]),
)
def test_decisions_kept_under_another_prefix_are_carried_along(
    eerst: str, uitvoer: list[str] | None, backend: str
) -> None:
    """2013 under ``p13.``, then 2019 under the default: the first call's columns are carried.

    Whatever the prefix: short ones (``x.``) resembled ``protocol`` and were refused.
    """
    frame = BACKENDS[backend](pl.DataFrame({"vermoeden": ["ja"], "acute_onveiligheid": ["ja"]}))
    beslist = _beslis(frame, "2013", prefix=eerst, uitvoer=uitvoer)

    opnieuw = _beslis(beslist, "2019", uitvoer=("melden",))

    assert kolom(opnieuw, "besluit.melden") == [True]
    assert kolom(opnieuw, f"{eerst}fout") == kolom(beslist, f"{eerst}fout")
    if uitvoer is None or "melden" in uitvoer:
        assert kolom(opnieuw, f"{eerst}melden") == [False]  # 2013 waits for kan_beschermen


def test_a_column_of_the_caller_s_with_the_prefix_is_carried_along() -> None:
    """Only the columns the call would add are refused: ``besluit.notitie`` is the caller's."""
    df = pl.DataFrame({"vermoeden": ["ja"], "acute_onveiligheid": ["ja"], "besluit.notitie": ["x"]})

    uit = _beslis(df, "2019", uitvoer=("melden",))

    assert uit["besluit.notitie"].to_list() == ["x"]
    assert uit["besluit.melden"].to_list() == [True]


def test_a_prefix_that_begins_a_contract_column_does_not_hide_it() -> None:
    """``prefix="weging."``: ``weging.vermoeden`` is still read (once it was skipped)."""
    df = pl.DataFrame({"weging.vermoeden": ["ja"], "weging.acute_onveiligheid": ["ja"]})

    assert _beslis(df, "2019", prefix="weging.")["weging.melden"].to_list() == [True]


# --- 3. time zones ----------------------------------------------------------------------------

ZONES = ["UTC", "Europe/Amsterdam", "America/Sao_Paulo", "Pacific/Kiritimati", "Etc/GMT+12"]


def _met_zone(momenten: list[dt.datetime | None], zone: str) -> Any:
    return pl.DataFrame(
        {
            "vermoeden": ["ja"] * len(momenten),
            "acute_onveiligheid": ["ja"] * len(momenten),
            "datum": pl.Series(momenten, dtype=pl.Datetime("us")),
        }
    ).with_columns(pl.col("datum").dt.replace_time_zone(zone))


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("backend", list(BACKENDS))
def test_a_timestamp_with_a_time_zone_counts_by_its_local_date(zone: str, backend: str) -> None:
    """Around midnight of 2019-01-01, local time: the local date chooses the version."""
    momenten = [
        dt.datetime(2018, 12, 31, 23, 59, 59),
        dt.datetime(2019, 1, 1, 0, 0),
        dt.datetime(2019, 1, 1, 0, 30),
        dt.datetime(2019, 1, 1, 23, 30),
        None,
    ]

    # (Dask builds the graph of every decision slowly: the columns the date decides suffice)
    uit = _beslis(BACKENDS[backend](_met_zone(momenten, zone)), uitvoer=("protocol", "melden"))

    assert kolom(uit, "besluit.protocol") == ["2013", "2019", "2019", "2019", "2019"]
    basis = casus_uit_dict({"weging": {"vermoeden": "ja", "acute_onveiligheid": "ja"}})
    datums = [None if m is None else m.date() for m in momenten]
    assert kolom(uit, "besluit.melden") == [
        beslis(attrs.evolve(basis, datum=d)).melden for d in datums
    ]
    assert kolom(uit, "besluit.fout") == [None] * len(momenten)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    momenten=st.lists(
        st.datetimes(
            min_value=dt.datetime(2010, 1, 1),
            max_value=dt.datetime(2030, 1, 1),
            timezones=st.sampled_from([zoneinfo.ZoneInfo(z) for z in ZONES]),
        ),
        min_size=1,
        max_size=6,
    ),
    zone=st.sampled_from(ZONES),
    backend=st.sampled_from(["polars", "polars-lazy", "pandas"]),
)
def test_the_version_of_an_aware_timestamp_is_the_engine_s_for_its_local_date(
    momenten: list[dt.datetime], zone: str, backend: str
) -> None:
    """Any instant, shown in any zone: the row is decided as ``beslis`` decides its local date."""
    tz = zoneinfo.ZoneInfo(zone)
    lokaal = [m.astimezone(tz) for m in momenten]
    utc = [m.astimezone(dt.UTC).replace(tzinfo=None) for m in momenten]
    frame = _met_zone(utc, "UTC").with_columns(pl.col("datum").dt.convert_time_zone(zone))

    uit = _beslis(BACKENDS[backend](frame))

    basis = casus_uit_dict({"weging": {"vermoeden": "ja", "acute_onveiligheid": "ja"}})
    verwacht = [beslis(attrs.evolve(basis, datum=m.date())).protocol.value for m in lokaal]
    assert kolom(uit, "besluit.protocol") == verwacht


# --- 4. empty columns -------------------------------------------------------------------------

#: every contract column of a flat row (a flag, an answer, the age, the date, ...)
KOLOMMEN = sorted(n for n in kolommen() if "." in n or n in ("protocol", "datum"))


@settings(max_examples=60, deadline=None)
@given(
    naam=st.sampled_from(KOLOMMEN),
    leeg=st.sampled_from(["float64", "object", "Int64", "datetime64[ns]", "string", "Float64"]),
)
def test_a_pandas_column_without_a_value_counts_as_absent_whatever_its_dtype(
    naam: str, leeg: str
) -> None:
    """All-NaN float64 (``pd.read_csv`` of an empty column) and every other empty dtype."""
    basis = pd.DataFrame({"vermoeden": ["ja", "nee"], "acute_onveiligheid": ["ja", None]})
    if naam in basis.columns or naam.removeprefix("weging.") in basis.columns:
        return
    frame = basis.assign(**{naam: pd.Series([None, None], dtype=leeg)})

    uit = _beslis(frame, "2019")

    zonder = _beslis(basis, "2019")
    for k in ("melden", "volgende_vraag", "fout"):
        assert kolom(uit, f"besluit.{k}") == kolom(zonder, f"besluit.{k}")


@pytest.mark.parametrize("lezer", ["pandas", "polars"])
def test_a_csv_with_empty_columns_is_decided_on_both_libraries(lezer: str) -> None:
    """The CSV of the report: empty answer and flag columns, as each library reads them."""
    tekst = (
        "vermoeden,acute_onveiligheid,weging.hulp_resultaat,kind.ongeboren,datum\n"
        "ja,ja,,,\nja,nee,,,\n"
    )
    frame = (pd if lezer == "pandas" else pl).read_csv(io.StringIO(tekst))

    uit = _beslis(frame, "2019")

    assert kolom(uit, "besluit.melden") == [True, False]
    assert kolom(uit, "besluit.fout") == [None, None]


def test_a_flag_column_of_numbers_with_a_value_is_still_refused() -> None:
    """Only an empty column counts as absent: ``1.0`` in a flag column names the column."""
    frame = pd.DataFrame({"vermoeden": ["ja"], "kind.ongeboren": [1.0]})

    with pytest.raises(OngeldigeInvoer) as exc:
        _beslis(frame, "2019")

    assert exc.value.veld == "kind.ongeboren"


# --- 5. frames from cases ---------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(lijst=st.lists(casussen(), min_size=1, max_size=4))
def test_frame_uit_casussen_reads_contract_dicts_with_the_json_reader(lijst: list[Casus]) -> None:
    """A case as a dict (the exchange format) gives the row its ``Casus`` gives."""
    from meldcode.adapters.json.casus import casus_naar_dict

    uit = frame_uit_casussen([casus_naar_dict(c) for c in lijst])

    assert uit.to_dicts() == [rij_uit_casus(c) for c in lijst]
    assert uit.equals(frame_uit_casussen(lijst))


def test_frame_uit_casussen_names_every_bad_item_under_its_index() -> None:
    """Each bad dict's own errors, as ``casus_uit_dict`` gives them, under ``[i]``."""
    goed = {"weging": {"vermoeden": "ja"}}
    slecht = {"weging": {"vermoeden": "misschien"}, "kind": {"leeftijd": -1}}

    with pytest.raises(OngeldigeInvoer) as exc:
        frame_uit_casussen([goed, slecht, 5])

    with pytest.raises(OngeldigeInvoer) as eigen:
        casus_uit_dict(slecht)
    verwacht = [f"[1].{f.veld}" for f in eigen.value.fouten]
    assert [f.veld for f in exc.value.fouten] == [*verwacht, "[2]"]
    assert exc.value.fouten[0].melding.startswith("[1].")


@pytest.mark.parametrize("backend", ["foo", "dask", "duckdb", 3, None])
def test_frame_uit_casussen_refuses_a_backend_it_cannot_build(backend: Any) -> None:
    """No narwhals error: ``OngeldigeInvoer`` naming ``backend``."""
    with pytest.raises(OngeldigeInvoer) as exc:
        frame_uit_casussen([{"weging": {"vermoeden": "ja"}}], backend=backend)

    assert exc.value.veld == "backend"


@pytest.mark.parametrize("backend", ["polars", "pandas", "pyarrow"])
def test_frame_uit_casussen_builds_every_eager_backend(backend: str) -> None:
    """polars, pandas and pyarrow: one row per case, decided as the engine decides."""
    pytest.importorskip(backend)
    zaak = {"weging": {"vermoeden": "ja", "acute_onveiligheid": "ja"}}

    uit = _beslis(frame_uit_casussen([zaak], backend=backend), "2019")

    assert kolom(uit, "besluit.melden") == [True]


@pytest.mark.parametrize("casussen_", [{"weging": {}}, "abc", 5])
def test_frame_uit_casussen_refuses_one_case_for_a_list(casussen_: Any) -> None:
    """One dict is not a list of cases (iterating it would read its keys as cases)."""
    with pytest.raises(OngeldigeInvoer) as exc:
        frame_uit_casussen(casussen_)

    assert exc.value.veld == "casussen"


@pytest.mark.parametrize("backend", ["polars-lazy", "dask"])
def test_casussen_uit_populatie_asks_a_lazy_frame_to_be_collected(backend: str) -> None:
    """A lazy population: ``OngeldigeInvoer`` naming the frame, saying to collect it."""
    pop = genereer_populatie(3, seed=1)

    with pytest.raises(OngeldigeInvoer, match="collect") as exc:
        casussen_uit_populatie(BACKENDS[backend](pop))

    assert exc.value.veld == "frame"
    assert len(casussen_uit_populatie(pop)) == 3


def test_casussen_uit_populatie_refuses_what_is_no_frame() -> None:
    """A list is named as what it is, never shown."""
    with pytest.raises(OngeldigeInvoer) as exc:
        casussen_uit_populatie([{"weging": {"vermoeden": "ja"}}])

    assert exc.value.veld == "frame"
    assert "<list>" in str(exc.value)
