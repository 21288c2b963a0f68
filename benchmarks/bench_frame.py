"""Decisions per second on one synthetic population: every way to decide it, in one run.

All paths decide the 2019 ``melden`` decision of the same seeded population
(``meldcode.adapters.dataframe.populatie.genereer_populatie``), and are checked against each
other on it
before anything is timed:

- (a) vectorized: ``beslis_frame(frame, "2019", uitvoer=("melden",))`` on polars and on pandas,
  10**6 cases;
- (b) loop: ``meldcode.beslis(casus, "2019")`` over prebuilt ``Casus`` objects (the whole
  ``Besluit``, grounds included), 100 000 cases in one pass from a cold start (the rule base
  compiled anew, its memo empty: ``regelbasis(...).geheugen.wis()``); the first 20 000 cases
  are shown on their own too, and so are a second pass over the same cases (memo warm) and
  the full evaluation (``evalueer_casus``: no compiled form, no memo);
- (c) durable_rules: a plain ruleset of the same decision (one rule per rule of the rule base
  that concludes ``melden``), one event posted per case through ``durable.lang``, in a
  subprocess (durable's host starts timer threads of its own); and the project's durable
  adapter (``meldcode.adapters.durable.engine``), which gives the whole ``Besluit``;
- (d) the practical ceilings: a hand-written polars expression, and a hand-written NumPy kernel
  on ready columns (answers as codes, flags as booleans), of the same decision.

The inputs are built before the clock starts. Every timed section runs with the garbage
collector off (as ``timeit`` does) and everything built before frozen out of its way, the same
for every path. The loop and plain durable are timed in turns, five rounds, the best of each;
the vectorized paths the best of three. Speeds are throughputs (cases per second); the targets
are ratios between paths measured in this run, so they mean the same on any machine. Last, the
peak memory (RSS) of deciding 10**7 cases in polars is measured in a subprocess.

Run: ``.venv/bin/python benchmarks/bench_frame.py`` (about a minute and a half on 2 cores), or
``--snel`` for a quick smoke run on small samples (its figures are not meaningful). Needs the
``dataframe`` and ``durable`` extras, numpy, polars and pandas.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from meldcode import Protocol, beslis
from meldcode.adapters.dataframe.beslis import beslis_frame
from meldcode.adapters.dataframe.populatie import (
    ANTWOORDEN,
    casussen_uit_populatie,
    genereer_populatie,
)
from meldcode.rules import evalueer_casus, regelbasis

SEED = 2019
VOL = {"frame": 10**6, "lus": 100_000, "koud": 20_000, "durable": 20_000, "adapter": 1_000}
SNEL = {"frame": 10**5, "lus": 10_000, "koud": 2_000, "durable": 2_000, "adapter": 100}
GEHEUGEN_VOL, GEHEUGEN_SNEL = 10**7, 10**6
HERHAAL = 3
RONDES = 5  # rounds of the loop and of plain durable, in turns
VRAGEN = (
    "vermoeden",
    "acute_onveiligheid",
    "structurele_onveiligheid",
    "hulp_mogelijk",
    "hulp_aanvaard",
    "hulp_resultaat",
)
VLAGGEN = (
    "signaal.levensgevaar",
    "signaal.ernstig_letsel",
    "omstandigheden.onveiligheid_herhaalt_zich",
)
Bools = npt.NDArray[np.bool_]


# --- (d) the hand-written ceilings -------------------------------------------------------------
#
# The 2019 rules that conclude melden (meldcode/rules/regels.py), one term each. An unanswered
# question never makes a term true (it is unknown or not applicable, and an unknown decision is
# not taken), so an answer that is null counts as "not this value".


def hand_polars() -> pl.Expr:
    """The 2019 ``melden`` decision as one polars expression on the population's columns."""

    def is_(vraag: str, *waarden: str) -> pl.Expr:
        return pl.col(f"weging.{vraag}").is_in(waarden).fill_null(False)

    vermoeden = is_("vermoeden", "ja")
    onveilig = is_("acute_onveiligheid", "ja", "twijfel") | is_(
        "structurele_onveiligheid", "ja", "twijfel"
    )
    mogelijk, aanvaard = is_("hulp_mogelijk", "ja"), is_("hulp_aanvaard", "ja")
    return pl.any_horizontal(
        vermoeden & onveilig,  # 2019.afweging-2.onveiligheid
        onveilig | pl.col("signaal.levensgevaar"),  # 2019.stap-5.altijd-melden.onveiligheid
        pl.col("signaal.ernstig_letsel"),  # 2019.stap-5.altijd-melden.ernstig-letsel
        pl.col("omstandigheden.onveiligheid_herhaalt_zich"),  # ...onveiligheid-herhaalt-zich
        vermoeden & is_("hulp_mogelijk", "nee"),  # 2019.afweging-3.geen-effectieve-hulp
        vermoeden & mogelijk & is_("hulp_aanvaard", "nee"),  # 2019.afweging-4.hulp-niet-aanvaard
        vermoeden & mogelijk & aanvaard & is_("hulp_resultaat", "nee"),  # 2019.afweging-5.geen-...
        vermoeden  # 2019.stap-5.twijfel-over-hulp
        & (
            is_("hulp_mogelijk", "twijfel")
            | (mogelijk & is_("hulp_aanvaard", "twijfel"))
            | (mogelijk & aanvaard & is_("hulp_resultaat", "twijfel"))
        ),
    ).alias("melden")


JA, NEE, TWIJFEL = (np.int8(ANTWOORDEN.index(w)) for w in ("ja", "nee", "twijfel"))


def kolommen_numpy(df: pl.DataFrame) -> dict[str, Any]:
    """Ready columns: each answer as its code (-1 unanswered), each flag as booleans."""
    uit: dict[str, Any] = {
        v: df[f"weging.{v}"].to_physical().fill_null(-1).cast(pl.Int8).to_numpy() for v in VRAGEN
    }
    uit.update({f: df[f].to_numpy() for f in VLAGGEN})
    return uit


def hand_numpy(k: dict[str, Any]) -> Bools:
    """The 2019 ``melden`` decision as a NumPy kernel on ready columns."""
    vermoeden = k["vermoeden"] == JA
    acuut, structureel = k["acute_onveiligheid"], k["structurele_onveiligheid"]
    mogelijk, aanvaard, resultaat = k["hulp_mogelijk"], k["hulp_aanvaard"], k["hulp_resultaat"]
    melden: Bools = (acuut == JA) | (acuut == TWIJFEL) | (structureel == JA)
    melden |= structureel == TWIJFEL  # afweging 2 and 1.5.1 (with a suspicion or without)
    melden |= k["signaal.levensgevaar"]
    melden |= k["signaal.ernstig_letsel"]
    melden |= k["omstandigheden.onveiligheid_herhaalt_zich"]
    # afwegingen 3-5, nee or twijfel along the route of ja's
    hulp = (mogelijk == NEE) | (mogelijk == TWIJFEL)
    verder = mogelijk == JA
    hulp |= verder & ((aanvaard == NEE) | (aanvaard == TWIJFEL))
    verder &= aanvaard == JA
    hulp |= verder & ((resultaat == NEE) | (resultaat == TWIJFEL))
    melden |= vermoeden & hulp
    return melden


# --- (c) durable_rules, plain ----------------------------------------------------------------


def gebeurtenissen(df: pl.DataFrame) -> list[dict[str, Any]]:
    """One event per case: its number, its answers ("" unanswered) and the three flags."""
    kolommen = [*(f"weging.{v}" for v in VRAGEN), *VLAGGEN]
    rijen = df.select(kolommen).rows()
    namen = [k.split(".")[-1] for k in kolommen]
    return [
        {"nr": i, **{n: ("" if w is None else w) for n, w in zip(namen, rij, strict=True)}}
        for i, rij in enumerate(rijen)
    ]


def durable_plat(pad: str) -> None:
    """Subprocess: post every event of ``pad`` to a plain durable ruleset; write the result."""
    from durable.engine import MessageNotHandledException
    from durable.lang import m, post, ruleset, when_all

    gebeurtenissen_ = json.loads(Path(pad).read_text())
    gemeld: set[int] = set()

    def vuur(c: Any) -> None:
        gemeld.add(c.m.nr)

    acuut = (m.acute_onveiligheid == "ja") | (m.acute_onveiligheid == "twijfel")
    structureel = (m.structurele_onveiligheid == "ja") | (m.structurele_onveiligheid == "twijfel")
    vermoeden, mogelijk, aanvaard = (
        m.vermoeden == "ja",
        m.hulp_mogelijk == "ja",
        m.hulp_aanvaard == "ja",
    )
    with ruleset("melden2019"):
        when_all(vermoeden & (acuut | structureel))(vuur)
        when_all(acuut | structureel | (m.levensgevaar == True))(vuur)  # noqa: E712 - durable
        when_all(m.ernstig_letsel == True)(vuur)  # noqa: E712
        when_all(m.onveiligheid_herhaalt_zich == True)(vuur)  # noqa: E712
        when_all(vermoeden & (m.hulp_mogelijk == "nee"))(vuur)
        when_all(vermoeden & mogelijk & (m.hulp_aanvaard == "nee"))(vuur)
        when_all(vermoeden & mogelijk & aanvaard & (m.hulp_resultaat == "nee"))(vuur)
        when_all(
            vermoeden
            & (
                (m.hulp_mogelijk == "twijfel")
                | (mogelijk & (m.hulp_aanvaard == "twijfel"))
                | (mogelijk & aanvaard & (m.hulp_resultaat == "twijfel"))
            )
        )(vuur)

    def stuur(lijst: Sequence[dict[str, Any]]) -> None:
        for g in lijst:
            try:  # noqa: SIM105 - contextlib.suppress would add its own cost to every post
                post("melden2019", g)
            except MessageNotHandledException:
                pass  # no rule matched: no report

    stuur([{**g, "nr": -1 - g["nr"]} for g in gebeurtenissen_[:200]])  # warm up
    gemeld.clear()
    with stil():
        begin = time.perf_counter()
        stuur(gebeurtenissen_)
        seconden = time.perf_counter() - begin
    Path(pad).write_text(json.dumps({"seconden": seconden, "gemeld": sorted(gemeld)}))
    sys.stdout.flush()
    os._exit(0)  # durable's host keeps timer threads running: leave without waiting for them


def meet_durable_plat(df: pl.DataFrame) -> tuple[float, list[int]]:
    """Seconds for posting one event per case, and the numbers of the cases reported."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(gebeurtenissen(df), f)
    try:
        subprocess.run(
            [sys.executable, __file__, "--durable-plat", f.name], check=True, timeout=600
        )
        uit = json.loads(Path(f.name).read_text())
    finally:
        Path(f.name).unlink(missing_ok=True)
    return float(uit["seconden"]), list(uit["gemeld"])


# --- memory ----------------------------------------------------------------------------------


def geheugen(n: int) -> None:
    """Subprocess: generate ``n`` cases in polars, decide them, print the peak RSS in KiB."""
    df = genereer_populatie(n, seed=SEED, backend="polars")
    uit = beslis_frame(df, "2019", uitvoer=("melden",))
    gemeld = int(uit["besluit.melden"].sum())
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"piek_kib": piek, "gemeld": gemeld, "n": n}))


def meet_geheugen(n: int) -> dict[str, Any]:
    proces = subprocess.run(
        [sys.executable, __file__, "--geheugen", str(n)],
        check=True,
        capture_output=True,
        text=True,
        timeout=900,
    )
    uitkomst: dict[str, Any] = json.loads(proces.stdout.strip().splitlines()[-1])
    return uitkomst


# --- timing ----------------------------------------------------------------------------------


@contextlib.contextmanager
def stil() -> Iterator[None]:
    """Time without the garbage collector, as ``timeit`` does, for every path alike.

    Everything built before is frozen out of its way; collections would otherwise depend on
    how many objects the caller keeps (the loop keeps a whole ``Besluit`` per case).
    """
    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def beste(functie: Callable[[], object], herhaal: int = HERHAAL) -> float:
    """The shortest of ``herhaal`` runs, in seconds."""
    tijden = []
    for _ in range(herhaal):
        with stil():
            begin = time.perf_counter()
            functie()
            tijden.append(time.perf_counter() - begin)
    return min(tijden)


def main(snel: bool) -> None:
    maat = SNEL if snel else VOL
    n = maat["frame"]
    print(f"population: {n:,} cases, seed {SEED}; every path decides melden under 2019")
    df = genereer_populatie(n, seed=SEED, backend="polars")
    dp = genereer_populatie(n, seed=SEED, backend="pandas")
    lus = casussen_uit_populatie(df.head(maat["lus"]))
    adapter_casussen = lus[: maat["adapter"]]
    klaar = kolommen_numpy(df)
    expr = hand_polars()

    # agreement first: every path gives the same melden on the population
    referentie = beslis_frame(df, "2019", uitvoer=("melden",))["besluit.melden"].to_numpy()
    assert (referentie == df.select(expr)["melden"].to_numpy()).all(), "hand polars differs"
    assert (referentie == hand_numpy(klaar)).all(), "the NumPy kernel differs"
    van_pandas = beslis_frame(dp, "2019", uitvoer=("melden",))["besluit.melden"]
    assert (referentie == van_pandas.to_numpy(dtype=bool)).all(), "pandas differs from polars"

    rijen: list[tuple[str, int, float]] = []
    s = beste(lambda: beslis_frame(df, "2019", uitvoer=("melden",)))
    rijen.append(("beslis_frame, polars", n, s))
    s = beste(lambda: beslis_frame(dp, "2019", uitvoer=("melden",)))
    rijen.append(("beslis_frame, pandas", n, s))
    s = beste(lambda: df.select(expr))
    rijen.append(("hand-written polars expression", n, s))
    s = beste(lambda: hand_numpy(klaar))
    rijen.append(("hand-written NumPy kernel", n, s))

    # (b) the loop and (c) plain durable, in turns (the best of RONDES each): every loop round
    # starts cold, as a fresh process does (the rule base compiled again, its memo empty)
    basis = regelbasis(Protocol.P2019)
    koud = maat["koud"]
    s_koud = s_lus = s_durable = float("inf")
    besluiten: list[Any] = []
    for _ in range(RONDES):
        basis.geheugen.wis()
        besluiten = []
        with stil():
            begin = time.perf_counter()
            besluiten.extend(beslis(c, "2019") for c in lus[:koud])
            s_koud = min(s_koud, time.perf_counter() - begin)
            besluiten.extend(beslis(c, "2019") for c in lus[koud:])
            s_lus = min(s_lus, time.perf_counter() - begin)
        seconden, gemeld_durable = meet_durable_plat(df.head(maat["durable"]))
        s_durable = min(s_durable, seconden)
    assert all(b.gronden for b in besluiten if b.melden)
    gemeld_lus = [i for i, b in enumerate(besluiten) if b.melden]
    assert [bool(b.melden) for b in besluiten] == list(referentie[: len(lus)]), "loop differs"
    assert gemeld_durable == [i for i in gemeld_lus if i < maat["durable"]], "durable differs"
    s_warm = beste(lambda: [beslis(c, "2019") for c in lus], herhaal=1)
    rijen.append((f"beslis loop, first {koud:,} (cold: memo filling)", koud, s_koud))
    rijen.append(("beslis loop (whole Besluit), one pass from cold", len(lus), s_lus))
    rijen.append(("beslis loop, same cases again (memo warm)", len(lus), s_warm))
    volledig = lus[: maat["adapter"] * 5]
    s = beste(lambda: [evalueer_casus(c, "2019") for c in volledig], herhaal=1)
    rijen.append(("full evaluation (evalueer_casus, no memo)", len(volledig), s))
    rijen.append(("durable_rules, plain ruleset (1 event/case)", maat["durable"], s_durable))

    from meldcode.adapters.durable import engine as durable

    durable.beslis(adapter_casussen[0], "2019")  # compile once
    uit_adapter: list[Any] = []
    with stil():
        begin = time.perf_counter()
        uit_adapter.extend(durable.beslis(c, "2019") for c in adapter_casussen)
        s = time.perf_counter() - begin
    assert uit_adapter == besluiten[: len(adapter_casussen)], "the durable adapter differs"
    rijen.append(("durable adapter (whole Besluit)", len(adapter_casussen), s))

    per_seconde = {naam: aantal / s for naam, aantal, s in rijen}
    print()
    print(f"{'path':50s} {'cases':>10s} {'seconds':>9s} {'cases/s':>14s} {'us/case':>9s}")
    for naam, aantal, s in rijen:
        print(f"{naam:50s} {aantal:>10,} {s:>9.3f} {aantal / s:>14,.0f} {s / aantal * 1e6:>9.2f}")

    m = GEHEUGEN_SNEL if snel else GEHEUGEN_VOL
    piek = meet_geheugen(m)
    mb = piek["piek_kib"] / 1024
    print()
    print(f"peak RSS deciding {m:,} cases in polars (subprocess): {mb:,.0f} MiB (target < 1024)")

    a = per_seconde["beslis_frame, polars"] / per_seconde["hand-written polars expression"]
    b = per_seconde["beslis_frame, pandas"] / per_seconde["hand-written NumPy kernel"]
    lus_per_seconde = per_seconde["beslis loop (whole Besluit), one pass from cold"]
    c = per_seconde["beslis_frame, polars"] / lus_per_seconde
    d = lus_per_seconde / per_seconde["durable_rules, plain ruleset (1 event/case)"]
    print()
    doelen = [
        ("polars/handpolars", a, 0.5),
        ("pandas/numpy", b, 0.5),
        ("vectorized/loop", c, 100),
        ("loop/durable", d, 3),
    ]
    for naam, waarde, doel in doelen:
        oordeel = "met" if waarde >= doel else f"NOT met ({waarde / doel:.2g} of the target)"
        print(f"target {naam} >= {doel}: {waarde:.3g} {oordeel}")
    oordeel = "met" if mb < 1024 else "NOT met"
    print(f"target peak RSS < 1024 MiB: {mb:,.0f} MiB {oordeel}")
    if snel:
        print("(--snel: small samples, the figures are a smoke test only)")
    print(
        f"ratios: polars/handpolars={a:.3g} pandas/numpy={b:.3g} "
        f"vectorized/loop={c:.3g} loop/durable={d:.3g}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snel", action="store_true", help="a quick smoke run, small samples")
    parser.add_argument("--durable-plat", metavar="JSON", help=argparse.SUPPRESS)
    parser.add_argument("--geheugen", type=int, metavar="N", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.durable_plat:
        durable_plat(args.durable_plat)
    elif args.geheugen:
        geheugen(args.geheugen)
    else:
        main(args.snel)
