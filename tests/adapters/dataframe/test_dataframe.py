"""A table of cases decides exactly what beslis decides, row by row, on pandas and on polars."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldcode import Beslispunt, Casus, OngeldigeInvoer, Protocol, beslis, casus_naar_dict
from meldcode.testing.strategies import casussen

nw = pytest.importorskip("narwhals", reason="needs the dataframe extra")
pd = pytest.importorskip("pandas", reason="pandas is in the dev extra")
pl = pytest.importorskip("polars", reason="polars is in the dev extra")

from meldcode.adapters.dataframe.beslis import BESLUIT_KOLOMMEN, beslis_frame  # noqa: E402
from tests.adapters.dataframe.uitlezen import kolom  # noqa: E402

BIBLIOTHEKEN = {"pandas": pd.DataFrame, "polars": pl.DataFrame}


def plat(casus: Casus) -> dict[str, Any]:
    """A case as one flat row: dotted columns, lists as JSON text."""
    data = casus_naar_dict(casus)
    rij: dict[str, Any] = {k: data.get(k) for k in ("protocol", "datum", "referentie")}
    for obj in ("kind", "omstandigheden", "weging"):
        for k, v in data[obj].items():
            rij[f"{obj}.{k}"] = v
    for lijst in ("signalen", "consultaties"):
        rij[lijst] = json.dumps(data[lijst])
    return rij


def frame(bibliotheek: str, rijen: list[dict[str, Any]]) -> Any:
    kolommen = {k: [r.get(k) for r in rijen] for k in rijen[0]}
    return BIBLIOTHEKEN[bibliotheek](kolommen)


@pytest.mark.parametrize("bibliotheek", sorted(BIBLIOTHEKEN))
@settings(max_examples=25)
@given(
    casussen=st.lists(casussen(), min_size=1, max_size=8),
    protocol=st.sampled_from([None, *Protocol]),
)
def test_a_frame_decides_what_beslis_decides(
    bibliotheek: str, casussen: list[Casus], protocol: Protocol | None
) -> None:
    """Every decision column equals the core's decision on the same row."""
    df = beslis_frame(frame(bibliotheek, [plat(c) for c in casussen]), protocol)

    besluiten = [beslis(c, protocol) for c in casussen]
    for punt in Beslispunt:
        assert [b.beslist(punt) for b in besluiten] == kolom(df, f"besluit.{punt.value}")
    assert [b.protocol.value for b in besluiten] == kolom(df, "besluit.protocol")
    assert [",".join(g.regel for g in b.gronden) for b in besluiten] == kolom(df, "besluit.regels")
    assert [None] * len(casussen) == kolom(df, "besluit.fout")


@pytest.mark.parametrize("bibliotheek", sorted(BIBLIOTHEKEN))
def test_a_bad_row_names_field_and_value_while_good_rows_are_decided(bibliotheek: str) -> None:
    """One typo in one row: that row has an error and no decision, the others are decided."""
    df = frame(
        bibliotheek,
        [
            {"referentie": "r-1", "vermoeden": "ja", "acute_onveiligheid": "ja", "leeftijd": 9},
            {
                "referentie": "r-2",
                "vermoeden": "misschien",
                "acute_onveiligheid": None,
                "leeftijd": 9,
            },
        ],
    )

    out = beslis_frame(df, "2019")

    assert kolom(out, "besluit.melden") == [True, None]
    fout = kolom(out, "besluit.fout")
    assert fout[0] is None
    assert "weging.vermoeden" in fout[1]
    assert "'misschien'" in fout[1]


@pytest.mark.parametrize("bibliotheek", sorted(BIBLIOTHEKEN))
def test_other_columns_are_carried_along(bibliotheek: str) -> None:
    """An analyst's own columns (a region) stay; the decision columns are added after them."""
    df = frame(bibliotheek, [{"regio": "noord", "weging.vermoeden": "nee"}])

    out = nw.from_native(beslis_frame(df))

    assert ["regio", "weging.vermoeden", *(f"besluit.{k}" for k in BESLUIT_KOLOMMEN)] == out.columns
    assert out["regio"].to_list() == ["noord"]


def test_a_misspelled_contract_column_is_refused() -> None:
    """weging.vermoden must not silently become 'not answered'."""
    with pytest.raises(OngeldigeInvoer, match=r"weging\.vermoden"):
        beslis_frame(pl.DataFrame({"weging.vermoden": ["ja"]}))


@pytest.mark.parametrize("lijst", [["[]"], [[{"soort": "verwaarlozing"}]]], ids=["json", "structs"])
def test_list_columns_need_an_eager_frame(lijst: list[Any]) -> None:
    """A lazy frame cannot decode a list per row: the error says to use flag columns."""
    lazy = pl.DataFrame({"vermoeden": ["ja"], "signalen": lijst}).lazy()
    with pytest.raises(OngeldigeInvoer, match=r"flag columns"):
        beslis_frame(lazy)
    assert beslis_frame(lazy.collect())["besluit.fout"].to_list() == [None]


def test_pandas_dates_and_integer_gaps_are_read_as_the_contract_says() -> None:
    """A pandas Timestamp is a date; an age column with a gap (float) is still whole years."""
    df = pd.DataFrame(
        {
            "datum": pd.to_datetime(["2016-05-01", "2020-05-01"]),
            "leeftijd": [13, None],
            "vermoeden": ["ja", "ja"],
            "kan_beschermen": ["nee", None],
        }
    )

    out = beslis_frame(df)

    assert kolom(out, "besluit.protocol") == ["2013", "2019"]
    # 000 stap 5b: from 12 the report may be discussed with the pupil too (an advised action)
    leerling = "2013.stap-5b.melding-bespreken-met-leerling"
    assert [leerling in r.split(",") for r in kolom(out, "besluit.regels")] == [True, False]


def test_the_rules_and_the_domain_do_not_import_dataframe_libraries() -> None:
    """Imports flow adapters -> rules -> domain: the core stays free of pandas and polars."""
    code = (
        "import sys, meldcode, meldcode.rules, meldcode.domain; "
        "print(sorted({'narwhals', 'pandas', 'polars'} & set(sys.modules)))"
    )

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert out.stdout.strip() == "[]"
