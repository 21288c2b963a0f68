"""The figures of a frame of decisions are those of the pure function, on pandas and polars."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldcode import Casus, beslis
from meldcode.domain import Besluit, Oordeel, Weging
from meldcode.errors import OngeldigeInvoer
from meldcode.rules.evaluatiecijfers import Evaluatiecijfers, evaluatiecijfers_uit_besluiten
from meldcode.testing.strategies import besluiten, datums, oordelen

pd = pytest.importorskip("pandas", reason="pandas is in the dev extra")
pl = pytest.importorskip("polars", reason="polars is in the dev extra")
pytest.importorskip("narwhals", reason="needs the dataframe extra")

from meldcode.adapters.dataframe.evaluatiecijfers import (  # noqa: E402
    BESLISSINGEN,
    evaluatiecijfers_uit_frame,
)

BIBLIOTHEKEN = ("pandas", "polars")


def frame(bibliotheek: str, paren: list[tuple[Any, Besluit | None]]) -> Any:
    """One row per decision: ``datum`` and the decision columns (empty for ``None``)."""
    kolommen: dict[str, list[Any]] = {"datum": [d for d, _ in paren]}
    for naam in BESLISSINGEN:
        kolommen[f"besluit.{naam}"] = [None if b is None else getattr(b, naam) for _, b in paren]
    if bibliotheek == "polars":
        return pl.DataFrame(
            kolommen,
            schema={
                "datum": pl.Date,
                **dict.fromkeys((f"besluit.{n}" for n in BESLISSINGEN), pl.Boolean),
            },
        )
    df = pd.DataFrame(kolommen, index=[7 * i + 3 for i in range(len(paren))])  # not 0..n-1
    return df.astype({f"besluit.{n}": "boolean" for n in BESLISSINGEN})


def gelijk(a: Evaluatiecijfers, b: Evaluatiecijfers) -> None:
    assert (a.eenheid, a.periode, a.perioden, a.totaal) == (
        b.eenheid,
        b.periode,
        b.perioden,
        b.totaal,
    )
    assert [(o.positie, o.fouten) for o in a.overgeslagen] == [
        (o.positie, o.fouten) for o in b.overgeslagen
    ]


@pytest.mark.parametrize("bibliotheek", BIBLIOTHEKEN)
@settings(max_examples=30)
@given(
    paren=st.lists(st.tuples(st.none() | datums(), besluiten()), max_size=20),
    periode=st.sampled_from(["maand", "kwartaal", "jaar"]),
)
def test_a_frame_gives_the_figures_of_the_pure_function(
    bibliotheek: str, paren: list[tuple[dt.date | None, Besluit]], periode: str
) -> None:
    """Same periods, same counts, same rows skipped (a row without a date) with the same fault."""
    verwacht = evaluatiecijfers_uit_besluiten(paren, periode)  # type: ignore[arg-type]

    gelijk(evaluatiecijfers_uit_frame(frame(bibliotheek, paren), periode), verwacht)


@pytest.mark.parametrize("bibliotheek", BIBLIOTHEKEN)
def test_an_undecided_row_is_reported_and_the_others_counted(bibliotheek: str) -> None:
    """A row without decisions (``beslis_frame`` could not decide it) is listed by position."""
    b = beslis(Casus())
    paren: list[tuple[Any, Besluit | None]] = [
        (dt.date(2026, 1, 1), b),
        (dt.date(2026, 1, 2), None),
        (dt.date(2026, 4, 2), b),
    ]

    cijfers = evaluatiecijfers_uit_frame(frame(bibliotheek, paren))

    assert cijfers.totaal.gevallen == 2
    assert [p.periode for p in cijfers.perioden] == ["2026-Q1", "2026-Q2"]
    ((overgeslagen),) = cijfers.overgeslagen
    assert overgeslagen.positie == 1
    assert [f.veld for f in overgeslagen.fouten] == [f"besluit.{n}" for n in BESLISSINGEN]


def test_dates_as_text_and_as_timestamps() -> None:
    """ISO text and pandas/polars timestamps give the day; other text is not echoed."""
    b = beslis(Casus())
    tekst = ["2026-03-31", "2026-04-01", "Jan Jansen"]
    kolommen = {f"besluit.{n}": [getattr(b, n)] * 3 for n in BESLISSINGEN}
    uit_tekst = evaluatiecijfers_uit_frame(pl.DataFrame({"datum": tekst, **kolommen}))
    stempels = pd.to_datetime(["2026-03-31 10:00", "2026-04-01 00:00", None])
    uit_pandas = evaluatiecijfers_uit_frame(pd.DataFrame({"datum": stempels, **kolommen}))
    uit_polars = evaluatiecijfers_uit_frame(
        pl.DataFrame(
            {"datum": [dt.datetime(2026, 3, 31, 10), dt.datetime(2026, 4, 1), None], **kolommen}
        )
    )

    for cijfers in (uit_tekst, uit_pandas, uit_polars):
        assert [(p.periode, p.gevallen) for p in cijfers.perioden] == [
            ("2026-Q1", 1),
            ("2026-Q2", 1),
        ]
        assert [o.positie for o in cijfers.overgeslagen] == [2]
    assert uit_tekst.overgeslagen[0].fouten[0].waarde == "<text>"
    assert "Jan" not in repr(uit_tekst)


@pytest.mark.parametrize("bibliotheek", BIBLIOTHEKEN)
def test_a_missing_column_is_named(bibliotheek: str) -> None:
    """Without ``besluit.spoed`` the frame is refused, naming the column."""
    kolommen = {"datum": [dt.date(2026, 1, 1)]}
    kolommen |= {f"besluit.{n}": [False] for n in BESLISSINGEN if n != "spoed"}
    df = pd.DataFrame(kolommen) if bibliotheek == "pandas" else pl.DataFrame(kolommen)

    with pytest.raises(OngeldigeInvoer) as fout:
        evaluatiecijfers_uit_frame(df)

    assert (fout.value.veld, fout.value.waarde) == ("besluit.spoed", "<missing>")


def test_an_unknown_period_is_refused() -> None:
    """The same check as the pure function."""
    with pytest.raises(OngeldigeInvoer) as fout:
        evaluatiecijfers_uit_frame(frame("polars", []), "week")

    assert fout.value.veld == "periode"


@pytest.mark.parametrize("bibliotheek", BIBLIOTHEKEN)
@settings(max_examples=10)
@given(st.lists(st.tuples(datums(), oordelen(), oordelen()), min_size=1, max_size=8))
def test_the_output_of_beslis_frame_can_be_counted(
    bibliotheek: str, rijen: list[tuple[dt.date, Oordeel | None, Oordeel | None]]
) -> None:
    """Decide a table of dated cases, then count it: what deciding them one by one gives."""
    from meldcode.adapters.dataframe.beslis import beslis_frame

    kolommen = {
        "datum": [d.isoformat() for d, _, _ in rijen],
        "weging.vermoeden": [v.value if v else None for _, v, _ in rijen],
        "weging.acute_onveiligheid": [a.value if a else None for _, _, a in rijen],
    }
    native = pd.DataFrame(kolommen) if bibliotheek == "pandas" else pl.DataFrame(kolommen)
    paren = [
        (d, beslis(Casus(weging=Weging(vermoeden=v, acute_onveiligheid=a), datum=d)))
        for d, v, a in rijen
    ]

    gelijk(evaluatiecijfers_uit_frame(beslis_frame(native)), evaluatiecijfers_uit_besluiten(paren))
