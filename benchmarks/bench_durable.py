"""Benchmark of the durable_rules adapter, as ratios against baselines measured in the same run.

- memory: 100 000 dossier events through one monitoring session (``Bewaker``), dossiers
  opening and closing all the time; the resident memory of the process (durable's C heap
  included, which ``tracemalloc`` cannot see) is sampled every 10 000 events. The baseline is
  the sample after the first 10 000 (warm: every structure has been built once). Flat means
  the later samples stay at ratio ~1.00 and the slope per 10 000 events stays near 0 KiB.
- speed: deciding a case with durable vs with the pure engine, on the same cases (a ratio).

Run: ``.venv/bin/python benchmarks/bench_durable.py`` (needs ``meldcode[durable]``).
Targets are printed, not asserted in tests.
"""

from __future__ import annotations

import datetime as dt
import random
import resource
import time
from pathlib import Path

from meldcode import Casus, Oordeel, Protocol, Signaal, SoortSignaal, Weging
from meldcode.adapters.durable import Bewaker, compileer
from meldcode.domain.dossier import (
    BesluitGenomen,
    DossierGesloten,
    EvaluatieGehouden,
    HulpAfgesproken,
    MeldingGedaan,
    SignaalVastgelegd,
    TerugkoppelingVeiligThuis,
)
from meldcode.rules import beslis, regelbasis

EVENTS = 100_000
STAP = 10_000
OPEN = 500  # dossiers open at any time
START = dt.date(2026, 1, 5)


def rss_kib() -> int:
    """The resident set size now (Linux), else the peak from getrusage."""
    statm = Path("/proc/self/statm")
    if statm.exists():
        pages = int(statm.read_text().split()[1])
        return pages * resource.getpagesize() // 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def levensloop(dag: dt.date) -> list[object]:
    """The events of one dossier from report to close (10 events)."""
    return [
        SignaalVastgelegd(datum=dag, signaal=Signaal(soort=SoortSignaal.VERWAARLOZING)),
        BesluitGenomen(datum=dag, melden=True, hulp_organiseren=True),
        MeldingGedaan(datum=dag),
        HulpAfgesproken(datum=dag, termijn=dag + dt.timedelta(days=20)),
        SignaalVastgelegd(datum=dag, signaal=Signaal(soort=SoortSignaal.VERWAARLOZING)),
        TerugkoppelingVeiligThuis(datum=dag),
        EvaluatieGehouden(datum=dag, hulp_resultaat=Oordeel.NEE),
        MeldingGedaan(datum=dag),
        TerugkoppelingVeiligThuis(datum=dag),
        DossierGesloten(datum=dag),
    ]


def geheugen() -> None:
    rnd = random.Random(5)
    monster: list[int] = []
    signaleringen = 0
    volgend = 0
    with Bewaker() as bewaker:
        open_: dict[str, list[object]] = {}
        for n in range(EVENTS):
            dag = START + dt.timedelta(days=n // 200)
            if n % 200 == 0:
                signaleringen += len(bewaker.tik(dag))
            while len(open_) < OPEN:
                volgend += 1
                open_[f"d-{volgend}"] = levensloop(dag)
            dossier = rnd.choice(list(open_))
            gebeurtenis = open_[dossier].pop(0)
            if not open_[dossier]:
                del open_[dossier]
            signaleringen += len(bewaker.verwerk(dossier, gebeurtenis))
            if (n + 1) % STAP == 0:
                monster.append(rss_kib())
        rulesets, levend = bewaker.rulesets, bewaker.open_dossiers
    basis = monster[0]
    print(f"memory: {EVENTS:,} events, {volgend:,} dossiers, {signaleringen:,} follow-ups, ")
    print(f"        {rulesets} durable ruleset(s), {levend} dossiers open at the end")
    print("        events   RSS ratio to the first 10 000")
    for i, kib in enumerate(monster):
        print(f"        {(i + 1) * STAP:>7,}   {kib / basis:5.3f}")
    helft = len(monster) // 2
    helling = (monster[-1] - monster[helft - 1]) / (len(monster) - helft)
    print(f"        slope over the second half: {helling:+.1f} KiB per 10 000 events")
    print("        target: ratios within 1.00 +- 0.05 and the slope near 0 (flat)")


def snelheid() -> None:
    rnd = random.Random(7)
    vragen = ("vermoeden", "acute_onveiligheid", "structurele_onveiligheid", "hulp_mogelijk")
    casussen = [
        Casus(
            protocol=Protocol.P2019,
            weging=Weging(**{v: rnd.choice([None, *Oordeel]) for v in vragen}),
        )
        for _ in range(2_000)
    ]
    regels = compileer(regelbasis(Protocol.P2019))
    regels.beslis(casussen[0])
    t = time.process_time()
    for c in casussen:
        beslis(c)
    puur = time.process_time() - t
    t = time.process_time()
    for c in casussen:
        regels.beslis(c)
    rete = time.process_time() - t
    regels.close()
    print(f"speed:  durable takes {rete / puur:.1f}x the pure engine's time per case")
    per_puur, per_rete = puur / len(casussen) * 1e3, rete / len(casussen) * 1e3
    print(f"        (pure {per_puur:.2f} ms, durable {per_rete:.2f} ms per case)")


if __name__ == "__main__":
    geheugen()
    snelheid()
