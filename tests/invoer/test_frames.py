"""Frames: a near-miss column is refused, a bad cell spoils its row only, a non-frame is named."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldcode import OngeldigeInvoer, beslis, casus_uit_dict
from tests.invoer.corpus import BSN, GEHEIM, TELEFOON, TELEFOON_GETAL, VERBODEN, casus_data

nw = pytest.importorskip("narwhals", reason="needs the dataframe extra")
pd = pytest.importorskip("pandas", reason="pandas is in the dev extra")
pl = pytest.importorskip("polars", reason="polars is in the dev extra")

from meldcode.adapters.dataframe.beslis import (  # noqa: E402
    BESLUIT_KOLOMMEN,
    beslis_frame,
    vergelijk,
)
from meldcode.adapters.dataframe.evaluatiecijfers import evaluatiecijfers_uit_frame  # noqa: E402
from meldcode.adapters.dataframe.plat import VLAGKOLOMMEN, kolommen  # noqa: E402
from meldcode.adapters.dataframe.populatie import (  # noqa: E402
    casussen_uit_populatie,
    genereer_populatie,
)
from tests.adapters.dataframe.uitlezen import kolom  # noqa: E402

CONTRACT = sorted(kolommen())


def varianten(naam: str) -> list[str]:
    """Typos of a column: two letters swapped, a letter dropped, spaced and capitalised."""
    kop, _, staart = naam.rpartition(".")
    i = len(staart) // 2
    wissel = staart[: i - 1] + staart[i] + staart[i - 1] + staart[i + 1 :]
    uit = [f"{kop}.{wissel}" if kop else wissel]
    if len(staart) >= 6:
        weg = staart[:i] + staart[i + 1 :]
        uit.append(f"{kop}.{weg}" if kop else weg)
    uit.append(naam.replace("_", " ").replace(".", " ").title())
    if "." in naam:
        uit.append(naam.replace(".", "_"))
    return [u for u in uit if u not in kolommen() and u != naam]


def test_every_near_miss_of_a_contract_column_is_refused_naming_it() -> None:
    """``vermoedn``, ``acute_onveilighied``, ``Kind Leeftijd``, ``kind_leeftijd``: each refused."""
    fouten: list[str] = []
    geprobeerd = 0
    for naam in CONTRACT:
        for variant in varianten(naam):
            geprobeerd += 1
            try:
                beslis_frame(pl.DataFrame({variant: [None]}))
            except OngeldigeInvoer as exc:
                if exc.veld != variant or "did you mean" not in str(exc):
                    fouten.append(f"{variant}: {exc}")
            else:
                fouten.append(f"{variant}: accepted")

    assert geprobeerd > 2 * len(CONTRACT)
    assert fouten == [], "\n".join(fouten[:20])


def schijnvarianten(naam: str) -> list[str]:
    """Names that only look like ``naam``, each changed one way.

    A byte-order mark (also its bytes read as Latin-1), a zero-width space, full-width letters,
    an accent, a Cyrillic letter, a slash for a separator.
    """
    uit = [
        "\ufeff" + naam,
        "\ufeff".encode().decode("latin-1") + naam,
        "\ufeff" + "\ufeff".encode().decode("cp1252") * 2 + naam,  # re-encoded, twice
        naam[:2] + "\u200b" + naam[2:],
        "".join(chr(ord(c) + 0xFEE0) for c in naam),
        naam[0] + "\u0308" + naam[1:],
        naam.replace("e", "\u0435", 1),
    ]
    if "." in naam or "_" in naam:
        uit.append(naam.replace(".", "/").replace("_", "/"))
    return [u for u in uit if u != naam]


def test_every_name_that_only_looks_like_a_contract_column_is_refused_naming_it() -> None:
    """A byte-order mark, ``vermoëden``, ``ｖｅｒｍｏｅｄｅｎ``, ``weging/vermoeden``: refused."""
    fouten: list[str] = []
    for naam in CONTRACT:
        for variant in schijnvarianten(naam):
            try:
                beslis_frame(pl.DataFrame({variant: [None]}))
            except OngeldigeInvoer as exc:
                if exc.veld != variant or f"did you mean {naam!r}?" not in str(exc):
                    fouten.append(f"{variant!r}: {exc}")
            else:
                fouten.append(f"{variant!r}: accepted")

    assert fouten == [], "\n".join(fouten[:20])


@pytest.mark.parametrize(
    ("kolom_", "bedoeld"),
    [
        ("vermoedn", "vermoeden"),
        ("acute_onveilighied", "acute_onveiligheid"),
        ("weging.acute_onveilighied", "weging.acute_onveiligheid"),
        ("wegingen.vermoeden", "weging.vermoeden"),
        ("Kind Leeftijd", "kind.leeftijd"),
    ],
)
def test_the_issue_s_near_misses_name_the_key_they_resemble(kolom_: str, bedoeld: str) -> None:
    """The error names the column and the contract key it resembles."""
    with pytest.raises(OngeldigeInvoer) as fout:
        beslis_frame(pl.DataFrame({kolom_: ["ja"], "vermoeden": ["ja"]}))

    assert fout.value.veld == kolom_
    assert repr(bedoeld) in str(fout.value)


def test_a_declared_extra_column_is_carried_along_unchecked() -> None:
    """``extra=[...]`` is the way to keep a column of one's own that resembles a key."""
    df = pl.DataFrame({"vermoeden": ["ja"], "acute_onveiligheid": ["ja"], "vermoedn": [1]})

    uit = beslis_frame(df, extra=["vermoedn"])

    assert kolom(uit, "vermoedn") == [1]
    assert kolom(uit, "besluit.melden") == [True]


def test_an_analyst_s_own_columns_are_not_mistaken_for_typos() -> None:
    """Region, school, year, an id: carried along without being declared."""
    eigen = ["regio", "school", "schooljaar", "leerling_id", "groep", "gemeente", "jaar", "id"]
    df = pl.DataFrame({"vermoeden": ["nee"], **{k: ["x"] for k in eigen}})

    uit = beslis_frame(df)

    assert all(kolom(uit, k) == ["x"] for k in eigen)


@pytest.mark.parametrize(
    ("argumenten", "veld"),
    [
        ({"uitvoer": "melden"}, "uitvoer"),
        ({"extra": "regio"}, "extra"),
        ({"extra": [1]}, "extra"),
        ({"prefix": ""}, "prefix"),
        ({"protocol": 2019}, "protocol"),
        ({"protocol": "2020"}, "protocol"),
    ],
)
def test_a_wrong_argument_is_named(argumenten: dict[str, Any], veld: str) -> None:
    """API misuse is an ``OngeldigeInvoer`` naming the argument, not a library's TypeError."""
    with pytest.raises(OngeldigeInvoer) as fout:
        beslis_frame(pl.DataFrame({"vermoeden": ["ja"]}), **argumenten)

    assert fout.value.veld == veld


@pytest.mark.parametrize(
    "frame", [[{"vermoeden": "ja"}], {"vermoeden": ["ja"]}, None, "tekst", 5], ids=repr
)
def test_something_that_is_not_a_frame_is_named(frame: object) -> None:
    """``beslis_frame(list)`` says that a frame is expected, and points to frame_uit_casussen."""
    with pytest.raises(OngeldigeInvoer) as fout:
        beslis_frame(frame)

    assert fout.value.veld == "frame"
    assert "frame_uit_casussen" in str(fout.value)


def test_a_pandas_series_is_not_a_frame() -> None:
    """A single column is refused the same way."""
    with pytest.raises(OngeldigeInvoer, match="frame must be a dataframe"):
        beslis_frame(pd.Series(["ja"]))


@pytest.mark.parametrize(
    ("kolommen_", "veld"),
    [
        ({"weging.vermoeden": [1, 2]}, "weging.vermoeden"),
        ({"kind.leeftijd": ["negen", "tien"]}, "kind.leeftijd"),
        ({"datum": [20260314, 1]}, "datum"),
        ({"omstandigheden.veiligheid_in_geding": [1, 0]}, "omstandigheden.veiligheid_in_geding"),
        ({"protocol": [2019, 2013]}, "protocol"),
    ],
)
def test_a_column_of_the_wrong_type_is_refused_naming_it(
    kolommen_: dict[str, list[Any]], veld: str
) -> None:
    """An answer column of numbers cannot hold an answer: the whole column is refused."""
    with pytest.raises(OngeldigeInvoer) as fout:
        beslis_frame(pl.DataFrame(kolommen_))

    assert fout.value.veld == veld


SLECHTE_RIJEN: list[tuple[dict[str, Any], str]] = [
    ({"weging.vermoeden": "misschien"}, "weging.vermoeden"),
    ({"weging.vermoeden": GEHEIM}, "weging.vermoeden"),
    ({"protocol": "2020"}, "protocol"),
    ({"protocol": GEHEIM}, "protocol"),
    ({"datum": "14-03-2026"}, "datum"),
    ({"datum": GEHEIM}, "datum"),
    ({"datum": "2018-02-30"}, "datum"),
    ({"datum": "2019-02-29"}, "datum"),
    ({"datum": "2018-13-01"}, "datum"),
    ({"datum": BSN}, "datum"),
    ({"protocol": BSN}, "protocol"),
    ({"weging.vermoeden": BSN}, "weging.vermoeden"),
    ({"weging.vermoeden": TELEFOON}, "weging.vermoeden"),
    ({"kind.leeftijd": int(BSN)}, "kind.leeftijd"),
    ({"kind.leeftijd": -int(BSN)}, "kind.leeftijd"),
    (
        {"omstandigheden.veiligheid_in_geding": TELEFOON_GETAL},
        "omstandigheden.veiligheid_in_geding",
    ),
    ({"kind.leeftijd": 99}, "kind.leeftijd"),
    ({"kind.leeftijd": -1}, "kind.leeftijd"),
    ({"kind.leeftijd": 4, "kind.ongeboren": True}, "kind.leeftijd"),
    ({"omstandigheden.veiligheid_in_geding": "false"}, "omstandigheden.veiligheid_in_geding"),
    ({"omstandigheden.veiligheid_in_geding": 1}, "omstandigheden.veiligheid_in_geding"),
    ({"omstandigheden.veiligheid_in_geding": GEHEIM}, "omstandigheden.veiligheid_in_geding"),
    ({"signalen": '[{"soort": "verwaarlozing", "soort": "x"}]'}, "signalen"),
    ({"signalen": "[" * 5000 + "]" * 5000}, "signalen"),
    ({"signalen": f"geen json {GEHEIM}"}, "signalen"),
    ({"signalen": json.dumps([{"soort": GEHEIM}])}, "signalen"),
    ({"signalen": json.dumps([{"soort": "verwaarlozing", "omschrijving": 5}])}, "signalen"),
]


def _rij(**waarden: Any) -> dict[str, Any]:
    rij: dict[str, Any] = {
        "referentie": None,
        "protocol": "2019",
        "datum": "2026-03-14",
        "kind.leeftijd": 9,
        "kind.ongeboren": False,
        "omstandigheden.veiligheid_in_geding": False,
        "weging.vermoeden": "ja",
        "weging.acute_onveiligheid": "ja",
        "signalen": json.dumps(casus_data()["signalen"]),
    }
    rij.update(waarden)
    return rij


def test_a_bad_cell_spoils_its_row_and_every_good_row_is_still_decided() -> None:
    """Each bad row gets ``besluit.fout`` naming its field; the good rows between are decided."""
    rijen: list[dict[str, Any]] = []
    for n, (slecht, _) in enumerate(SLECHTE_RIJEN):
        rijen += [_rij(referentie=f"goed-{n}"), _rij(referentie=f"slecht-{n}", **slecht)]
    df = pd.DataFrame({k: [r[k] for r in rijen] for k in rijen[0]})
    df["kind.leeftijd"] = df["kind.leeftijd"].astype("Int64")

    uit = beslis_frame(df)

    fouten = kolom(uit, "besluit.fout")
    melden = kolom(uit, "besluit.melden")
    verwacht = beslis(casus_uit_dict({**casus_data(), "weging": {"vermoeden": "ja"}}))
    for n, (_, veld) in enumerate(SLECHTE_RIJEN):
        goed, slecht = 2 * n, 2 * n + 1
        assert fouten[goed] is None, fouten[goed]
        assert melden[goed] is True, verwacht
        assert fouten[slecht] is not None, SLECHTE_RIJEN[n]
        assert veld in fouten[slecht], (SLECHTE_RIJEN[n], fouten[slecht])
        assert melden[slecht] is None
        assert not VERBODEN.search(fouten[slecht]), fouten[slecht]


def test_casussen_uit_populatie_refuses_a_near_miss_column_too() -> None:
    """The other frame reader refuses ``vermoedn`` rather than ignoring it."""
    with pytest.raises(OngeldigeInvoer) as fout:
        casussen_uit_populatie(pl.DataFrame({"vermoedn": ["ja"]}))

    assert fout.value.veld == "vermoedn"
    assert "'vermoeden'" in str(fout.value)


def test_flag_columns_are_part_of_the_checked_vocabulary() -> None:
    """A typo in a flag column (``signaal.levensgevaarr``) is refused like any other."""
    assert "signaal.levensgevaar" in VLAGKOLOMMEN
    with pytest.raises(OngeldigeInvoer) as fout:
        beslis_frame(pl.DataFrame({"signaal.levensgevaarr": [True]}))

    assert "'signaal.levensgevaar'" in str(fout.value)


@settings(max_examples=60, deadline=None)
@given(
    data=st.data(),
    backend=st.sampled_from(["pandas", "polars", "polars-lazy"]),
    leeftijd=st.sampled_from(["Int8", "Int64", "UInt8", "Float64"]),
)
def test_a_frame_without_rows_is_decided_into_a_frame_without_rows(
    data: st.DataObject, backend: str, leeftijd: str
) -> None:
    """Any columns of the contract, the age of any numeric type, no row: no error, no row.

    (An empty pandas frame with a whole-number age once stopped the run with a NumPy error,
    and an empty polars frame without answers did when asked for ``melden_regel`` alone.)
    """
    vol = genereer_populatie(0, seed=1, backend="pandas" if backend == "pandas" else "polars")
    namen = data.draw(
        st.lists(st.sampled_from(list(vol.columns)), min_size=1, unique=True), label="kolommen"
    )
    if "kind.leeftijd" not in namen:
        namen.append("kind.leeftijd")
    if backend == "pandas":
        frame = vol[namen].astype({"kind.leeftijd": leeftijd})
    else:
        frame = vol.select(namen).with_columns(pl.col("kind.leeftijd").cast(getattr(pl, leeftijd)))
        frame = frame.lazy() if backend == "polars-lazy" else frame

    uitvoer = data.draw(
        st.none() | st.lists(st.sampled_from(BESLUIT_KOLOMMEN), min_size=1, unique=True),
        label="uitvoer",
    )
    uit = beslis_frame(frame, "2019", uitvoer=uitvoer)
    if backend == "polars-lazy":
        uit = uit.collect()

    assert len(uit) == 0
    gevraagd = BESLUIT_KOLOMMEN if uitvoer is None else [*uitvoer, "fout"]
    assert {f"besluit.{k}" for k in gevraagd} <= set(uit.columns)
    if backend != "polars-lazy":  # counting what two protocols decide: nothing to count
        assert len(vergelijk(frame, ["2013", "2019"]).kruistabel) == 0


_NAMEN = st.sampled_from(
    ["weging.vermoeden", "kind.leeftijd", "signaal.levensgevaar", "datum", "besluit.melden"]
) | st.sampled_from(["regio", "Jan de Vries", "06-12345678", "eigen kolom"])


@settings(max_examples=60, deadline=None)
@given(
    namen=st.lists(_NAMEN, min_size=1, max_size=6).filter(lambda n: len(set(n)) < len(n)),
    functie=st.sampled_from(["beslis_frame", "vergelijk", "casussen", "evaluatiecijfers"]),
)
def test_two_columns_of_one_name_are_refused_naming_the_name_and_never_free_text(
    namen: list[str], functie: str
) -> None:
    """Two columns of one name (pandas allows it): every function that reads a frame refuses.

    The error names each such contract column; a name that is not a key is never shown.
    """
    frame = pd.DataFrame([[None] * len(namen)], columns=namen)
    aanroep = {
        "beslis_frame": lambda: beslis_frame(frame, "2019", extra=["regio", "Jan de Vries"]),
        "vergelijk": lambda: vergelijk(frame, ["2013", "2019"]),
        "casussen": lambda: casussen_uit_populatie(frame),
        "evaluatiecijfers": lambda: evaluatiecijfers_uit_frame(frame, "jaar"),
    }[functie]

    with pytest.raises(OngeldigeInvoer) as fout:
        aanroep()

    dubbel = {n for n in namen if namen.count(n) > 1}
    assert "needs a name of its own" in str(fout.value)
    velden = {f.veld for f in fout.value.fouten}
    assert {n for n in dubbel if "." in n or n == "datum"} <= velden
    tekst = " ".join(f"{f.veld} {f.waarde} {f.melding}" for f in fout.value.fouten)
    assert "Jan de Vries" not in tekst
    assert "06-12345678" not in tekst
