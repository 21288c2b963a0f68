"""The compiled rule base decides a frame exactly as the engine decides each row.

The frames here hold flag columns (``signaal.*``, ``consultatie.*``) made by
``frame_uit_casussen``, so no row is decoded in Python: every decision is a dataframe
expression compiled from the rule objects.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldcode import (
    Beslispunt,
    Besluit,
    Casus,
    OngeldigeInvoer,
    Oordeel,
    Protocol,
    Vraag,
    Weging,
    beslis,
)
from meldcode.domain.feiten import VLAGGEN
from meldcode.rules.basis import maak_regelbasis, regelbasis
from meldcode.rules.model import (
    Alle,
    Antwoord,
    Beslist,
    Conditie,
    EenVan,
    Niet,
    Regelbasis,
    Vlag,
    verlaagd,
)
from meldcode.rules.routes import SCHAKELAARS
from meldcode.testing.strategies import casussen
from tests.ruimte import varianten, wegingen

nw = pytest.importorskip("narwhals", reason="needs the dataframe extra")
pd = pytest.importorskip("pandas", reason="pandas is in the dev extra")
pl = pytest.importorskip("polars", reason="polars is in the dev extra")

from meldcode.adapters.dataframe.beslis import (  # noqa: E402
    BESLUIT_KOLOMMEN,
    beslis_frame,
    frame_uit_casussen,
    vergelijk,
)
from meldcode.adapters.dataframe.vertaling import (  # noqa: E402
    ANTWOORD,
    VLAG,
    Vertaling,
)
from tests.adapters.dataframe.uitlezen import kolom  # noqa: E402

BACKENDS = ("pandas", "polars")
JA = Oordeel.JA
OPENBARING = maak_regelbasis(
    Protocol.P2019, (SCHAKELAARS["openbaring_kind_veilig_thuis_raadplegen"],), profiel="openbaring"
)


def verwacht(b: Besluit, sleutel: str) -> Any:
    """What the row-by-row engine says for one output column."""
    if sleutel == "protocol":
        return b.protocol.value
    if sleutel in {p.value for p in Beslispunt}:
        return b.beslist(Beslispunt(sleutel))
    if sleutel == "volgende_vraag":
        return b.volgende_vraag.value if b.volgende_vraag else None
    if sleutel == "contacten":
        return ",".join(p.value for p in b.contacten)
    if sleutel == "regels":
        return ",".join(g.regel for g in b.gronden)
    if sleutel == "waarschuwingen":
        return ",".join(w.code for w in b.waarschuwingen)
    if sleutel == "melden_regel":
        return next((g.regel for g in b.gronden if b.melden and _meldt(b, g.regel)), None)
    assert sleutel == "fout"
    return None


def _meldt(b: Besluit, regel_id: str) -> bool:
    return Beslispunt.MELDEN in regelbasis(b.protocol).regel(regel_id).dan.beslissingen


def vergelijk_met_engine(
    casussen_: list[Casus],
    backend: str,
    protocol: Protocol | None = None,
    basis: Regelbasis | None = None,
) -> None:
    if backend == "polars-lazy":
        lui = frame_uit_casussen(casussen_, "polars").lazy()
        df = beslis_frame(lui, protocol, basis=basis).collect()
    elif backend == "polars-query":  # an eager frame as large frames are decided: one query
        from unittest import mock

        import meldcode.adapters.dataframe.beslis as beslis_module

        with mock.patch.object(beslis_module, "_QUERY_VANAF", 0):
            df = beslis_frame(frame_uit_casussen(casussen_, "polars"), protocol, basis=basis)
    else:
        df = beslis_frame(frame_uit_casussen(casussen_, backend), protocol, basis=basis)
    besluiten = [beslis(c, protocol, basis=basis) for c in casussen_]
    for sleutel in BESLUIT_KOLOMMEN:
        if sleutel == "melden_regel" and basis is not None:
            continue  # _meldt looks the rule up in the national rule base
        assert kolom(df, f"besluit.{sleutel}") == [verwacht(b, sleutel) for b in besluiten], sleutel


@pytest.mark.parametrize("backend", [*BACKENDS, "polars-lazy", "polars-query"])
@settings(max_examples=40, deadline=None)
@given(
    casussen_=st.lists(casussen(), min_size=1, max_size=12),
    protocol=st.sampled_from([None, *Protocol]),
)
def test_any_population_is_decided_as_beslis_decides_each_row(
    backend: str, casussen_: list[Casus], protocol: Protocol | None
) -> None:
    """Every output column equals the engine's Besluit, row by row, for random cases."""
    vergelijk_met_engine(casussen_, backend, protocol)


@settings(max_examples=25, deadline=None)
@given(casussen_=st.lists(casussen(protocol="2019"), min_size=1, max_size=12))
def test_a_profile_switch_is_compiled_from_the_same_rule_objects(casussen_: list[Casus]) -> None:
    """The disclosure switch (a SignaalVan rule) decides the frame as it decides the engine."""
    vergelijk_met_engine(casussen_, "polars", Protocol.P2019, OPENBARING)


@pytest.mark.slow
@pytest.mark.parametrize("protocol", list(Protocol))
def test_the_whole_weging_space_is_decided_as_the_engine_decides(protocol: Protocol) -> None:
    """Exhaustive: every combination of answers, with every circumstance, signal and child."""
    casussen_ = [
        attrs.evolve(variant, weging=weging)
        for variant, weging in itertools.product(varianten()[:6], wegingen(protocol))
    ]
    casussen_ += [attrs.evolve(v, weging=Weging()) for v in varianten()]
    vergelijk_met_engine(casussen_, "polars", protocol)


def test_a_lazy_polars_frame_stays_lazy_and_decides_the_same() -> None:
    """A LazyFrame goes in, a LazyFrame comes out; collected, it equals the eager result."""
    casussen_ = [
        attrs.evolve(v, weging=w) for v in varianten()[:2] for w in wegingen(Protocol.P2019)
    ]
    eager = beslis_frame(frame_uit_casussen(casussen_), "2019")
    lazy = beslis_frame(frame_uit_casussen(casussen_).lazy(), "2019")

    assert isinstance(lazy, pl.LazyFrame)
    assert lazy.collect().equals(eager)


def test_a_dask_frame_is_decided_where_it_lives() -> None:
    """Dask (run locally here): lazy in, lazy out, the same decisions as the engine."""
    dd = pytest.importorskip("dask.dataframe", reason="dask is in the dev extra")
    casussen_ = [
        attrs.evolve(v, weging=w) for v in varianten()[:3] for w in wegingen(Protocol.P2019)
    ]
    pdf = frame_uit_casussen(casussen_, "pandas")
    ddf = dd.from_pandas(pdf.convert_dtypes(), npartitions=4)

    uit = beslis_frame(ddf, "2019")

    assert isinstance(uit, dd.DataFrame)
    berekend = uit.compute()
    for sleutel in ("melden", "volgende_vraag", "contacten", "regels"):
        assert kolom(berekend, f"besluit.{sleutel}") == [
            verwacht(beslis(c, "2019"), sleutel) for c in casussen_
        ]


def test_each_row_chooses_its_own_protocol_by_its_protocol_or_datum() -> None:
    """Without a protocol argument, a 2016 weighing is decided under 2013, a 2020 one under 2019."""
    gevallen = [
        Casus(datum=dt.date(2016, 5, 1), weging=Weging(vermoeden=JA, kan_beschermen=Oordeel.NEE)),
        Casus(datum=dt.date(2020, 5, 1), weging=Weging(vermoeden=JA, acute_onveiligheid=JA)),
        Casus(protocol=Protocol.P2013, weging=Weging(vermoeden=JA)),
    ]
    df = beslis_frame(frame_uit_casussen(gevallen))

    assert kolom(df, "besluit.protocol") == ["2013", "2019", "2013"]
    assert kolom(df, "besluit.melden") == [beslis(c).melden for c in gevallen]
    vragen = [verwacht(beslis(c), "volgende_vraag") for c in gevallen]
    assert vragen[2] == "kan_beschermen"
    assert kolom(df, "besluit.volgende_vraag") == vragen


@pytest.mark.parametrize("backend", BACKENDS)
def test_uitvoer_adds_only_the_columns_asked_for(backend: str) -> None:
    """uitvoer=("melden",) gives melden (and fout) with the same values as the full decision."""
    casussen_ = [
        attrs.evolve(v, weging=w) for v in varianten()[:2] for w in wegingen(Protocol.P2019)
    ]
    df = frame_uit_casussen(casussen_, backend)

    smal = beslis_frame(df, "2019", uitvoer=("melden",))
    breed = beslis_frame(df, "2019")

    nieuw = [k for k in nw.from_native(smal).columns if k.startswith("besluit.")]
    assert nieuw == ["besluit.melden", "besluit.fout"]
    assert kolom(smal, "besluit.melden") == kolom(breed, "besluit.melden")


def test_melden_alone_compiles_only_the_rules_melden_depends_on() -> None:
    """The translation builds what an output reads: only the leaves of melden's rules."""
    basis = regelbasis(Protocol.P2019)
    v = Vertaling(basis)
    melden = v.waar(v.schakeling.beslist[Beslispunt.MELDEN])

    gelezen = {k[1] for k in v.rails.knopen if k[0] in (ANTWOORD, VLAG)}
    nodig: set[object] = set()
    gezien: set[Beslispunt] = set()

    def lees(c: Conditie) -> None:
        if isinstance(c, Alle | EenVan):
            for d in c.delen:
                lees(d)
        elif isinstance(c, Niet):
            lees(c.deel)
        elif isinstance(c, Antwoord):
            nodig.add(c.vraag)
        elif isinstance(c, Vlag):
            nodig.add(c.pad)
        elif isinstance(c, Beslist):
            besluit(c.punt)

    def besluit(punt: Beslispunt) -> None:
        if punt in gezien:
            return
        gezien.add(punt)
        for r in basis.regels:
            if punt in r.dan.beslissingen:
                lees(verlaagd(r.als))
                for p in r.tenzij:
                    besluit(p)

    besluit(Beslispunt.MELDEN)
    assert melden is not False
    assert gelezen <= nodig
    assert len(gelezen) < len({*VLAGGEN, *Vraag})


def test_unknown_uitvoer_is_refused_by_name() -> None:
    with pytest.raises(OngeldigeInvoer, match=r"'meldn'"):
        beslis_frame(pl.DataFrame({"vermoeden": ["ja"]}), uitvoer=("meldn",))


@pytest.mark.parametrize("backend", BACKENDS)
def test_answers_as_an_enum_dtype_are_read_without_a_row_check(backend: str) -> None:
    """A categorical answer column (what the population generator makes) decides the same."""
    df = nw.from_native(
        frame_uit_casussen(
            [attrs.evolve(varianten()[0], weging=w) for w in wegingen(Protocol.P2019)], backend
        )
    )
    vragen = [k for k in df.columns if k.startswith("weging.")]
    als_enum = df.with_columns(nw.col(*vragen).cast(nw.Enum(["ja", "nee", "twijfel"])))

    assert kolom(beslis_frame(als_enum.to_native(), "2019"), "besluit.volgende_vraag") == kolom(
        beslis_frame(df.to_native(), "2019"), "besluit.volgende_vraag"
    )


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("kolomnaam", "waarde", "veld", "getoond"),
    [
        ("weging.vermoeden", "misschien", "weging.vermoeden", "'misschien'"),
        ("weging.vermoeden", "Jan Jansen", "weging.vermoeden", "<str>"),
        ("kind.leeftijd", 40, "kind.leeftijd", "40"),
        ("protocol", "2020", "protocol", "'2020'"),
        ("datum", "vorige week", "datum", "<str>"),
    ],
)
def test_a_bad_cell_names_its_field_and_value_and_the_other_rows_are_decided(
    backend: str, kolomnaam: str, waarde: Any, veld: str, getoond: str
) -> None:
    goed = {"weging.vermoeden": "ja", "weging.acute_onveiligheid": "ja"}
    rijen = [dict(goed), {**goed, kolomnaam: waarde}, dict(goed)]
    kolommen = {k: [r.get(k) for r in rijen] for k in {k for r in rijen for k in r}}
    df = pl.DataFrame(kolommen) if backend == "polars" else pd.DataFrame(kolommen)

    out = beslis_frame(df, "2019" if kolomnaam not in ("protocol", "datum") else None)

    fout = kolom(out, "besluit.fout")
    assert fout[0] is None
    assert fout[2] is None
    assert veld in fout[1]
    assert f"(got {getoond})" in fout[1]
    assert "Jan" not in fout[1]
    assert kolom(out, "besluit.melden") == [True, None, True]


def test_a_column_of_the_wrong_type_is_refused_with_its_name() -> None:
    with pytest.raises(OngeldigeInvoer, match=r"'vermoeden'.*dtype"):
        beslis_frame(pl.DataFrame({"vermoeden": [1, 2]}))


@pytest.mark.parametrize("backend", BACKENDS)
def test_vergelijk_counts_what_the_engine_decides_under_both_protocols(backend: str) -> None:
    """The cross-table's counts and the deciding rules agree with beslis under 2013 and 2019."""
    casussen_ = [
        attrs.evolve(v, weging=w) for v in varianten()[:3] for w in wegingen(Protocol.P2019)
    ]
    casussen_ = [
        attrs.evolve(c, weging=attrs.evolve(c.weging, kan_beschermen=JA)) for c in casussen_
    ]

    uit = vergelijk(frame_uit_casussen(casussen_, backend), ["2013", "2019"])

    tabel = nw.from_native(uit.kruistabel)
    geteld = {(r["2013"], r["2019"]): r["aantal"] for r in tabel.iter_rows(named=True)}
    paren = [(beslis(c, "2013").melden, beslis(c, "2019").melden) for c in casussen_]
    assert geteld == {p: paren.count(p) for p in set(paren)}
    assert sum(tabel["aandeel"].to_list()) == pytest.approx(1.0)

    verschil = nw.from_native(uit.verschillen)
    extra = [
        next(g.regel for g in b.gronden if _meldt(b, g.regel))
        for c in casussen_
        if not beslis(c, "2013").melden and (b := beslis(c, "2019")).melden
    ]
    per_regel = {
        r["regel_2019"]: r["aantal"]
        for r in verschil.iter_rows(named=True)
        if bool(r["2019"]) and not r["2013"]
    }
    assert per_regel == {r: extra.count(r) for r in set(extra)}


@pytest.mark.parametrize("backend", BACKENDS)
def test_vergelijk_says_which_cases_are_still_open_and_can_leave_them_out(backend: str) -> None:
    """A case waiting for an answer is no decision not to report: counted apart, or left out."""
    casussen_ = [
        attrs.evolve(v, weging=w) for v in varianten()[:2] for w in wegingen(Protocol.P2019)
    ]
    frame = frame_uit_casussen(casussen_, backend)
    besluiten = {p: [beslis(c, p) for c in casussen_] for p in ("2013", "2019")}

    uit = vergelijk(frame, ["2013", "2019"])
    volledig = vergelijk(frame, ["2013", "2019"], volledig=True)

    assert uit.open == {
        p: sum(not b.melden and b.volgende_vraag is not None for b in bs)
        for p, bs in besluiten.items()
    }
    assert min(uit.open.values()) > 0  # the family has open cases under both protocols
    compleet = [
        (b13.melden, b19.melden)
        for b13, b19 in zip(besluiten["2013"], besluiten["2019"], strict=True)
        if b13.volgende_vraag is None and b19.volgende_vraag is None
    ]
    tabel = nw.from_native(volledig.kruistabel)
    geteld = {(r["2013"], r["2019"]): r["aantal"] for r in tabel.iter_rows(named=True)}
    assert geteld == {p: compleet.count(p) for p in set(compleet)}
    assert volledig.volledig
    assert volledig.open == {"2013": 0, "2019": 0}
    for fout in ("ja", 1, None):
        with pytest.raises(OngeldigeInvoer) as exc:
            vergelijk(frame, ["2013", "2019"], volledig=fout)  # type: ignore[arg-type]
        assert exc.value.veld == "volledig"


def test_vergelijk_a_profile_switch_against_the_national_rule_base() -> None:
    """What-if: the disclosure switch only ever adds consultations, through its own rule."""
    casussen_ = [
        attrs.evolve(v, weging=w) for v in varianten() for w in list(wegingen(Protocol.P2019))[:64]
    ]
    uit = vergelijk(
        frame_uit_casussen(casussen_),
        ["2019", ("openbaring", OPENBARING)],
        beslissing="veilig_thuis_raadplegen",
    )

    verschil = nw.from_native(uit.verschillen)
    assert set(verschil["2019"].to_list()) <= {False}
    assert set(verschil["regel_openbaring"].to_list()) <= {
        "profiel.schakelaar.openbaring-kind-veilig-thuis-raadplegen"
    }


@pytest.mark.parametrize("backend", BACKENDS)
@settings(max_examples=10, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    stopt_vroeg=st.floats(min_value=0.0, max_value=1.0),
    protocol=st.sampled_from(list(Protocol)),
)
def test_any_generated_population_is_decided_as_beslis_decides_each_row(
    backend: str, seed: int, stopt_vroeg: float, protocol: Protocol
) -> None:
    """The population generator's frames (Enum answers, flags) against the engine, row by row."""
    from meldcode.adapters.dataframe.populatie import (
        Populatieparameters,
        casussen_uit_populatie,
        genereer_populatie,
    )

    parameters = Populatieparameters(stopt_vroeg=stopt_vroeg)
    populatie = genereer_populatie(300, seed=seed, parameters=parameters, backend=backend)

    df = beslis_frame(populatie, protocol)

    besluiten = [beslis(c, protocol) for c in casussen_uit_populatie(populatie)]
    for sleutel in BESLUIT_KOLOMMEN:
        assert kolom(df, f"besluit.{sleutel}") == [verwacht(b, sleutel) for b in besluiten], sleutel


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_specific_flag_answers_for_the_general_fact_when_its_column_is_absent(
    backend: str,
) -> None:
    """signaal.<soort>.<kenmerk> alone means a signal with that kenmerk (levensgevaar: spoed)."""
    kolommen = {
        "weging.vermoeden": ["nee", "nee"],
        "signaal.lichamelijk_geweld.levensgevaar": [True, False],
    }
    df = pl.DataFrame(kolommen) if backend == "polars" else pd.DataFrame(kolommen)

    assert kolom(beslis_frame(df, "2019"), "besluit.spoed") == [True, False]
    # with its own column present, the general fact is read from that column
    assert kolom(
        beslis_frame(pl.DataFrame({**kolommen, "signaal.levensgevaar": [True, True]}), "2019"),
        "besluit.spoed",
    ) == [True, True]
