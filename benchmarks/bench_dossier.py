"""Benchmark of the dossier: durable appends, reading with chain check, and the fold.

- append: one fsync'd SQLite transaction per event (the chain and progression checks included);
- read: reading a dossier back with its hash chain verified, per event, at 50 and 200 events
  (each append re-reads the dossier, so an append costs O(events): keep dossiers to hundreds);
- fold: the state of the example dossier with the Dutch working-day calendar and the engine.

Run: ``.venv/bin/python benchmarks/bench_dossier.py`` (printed, not asserted in tests).
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from meldcode.adapters.json.dossier import gebeurtenis_uit_json
from meldcode.adapters.opslag.archief import Archief, SQLiteOpslag
from meldcode.domain import Signaal, SoortSignaal
from meldcode.domain.dossier import SignaalVastgelegd
from meldcode.rules.dossier import toestand
from meldcode.rules.kalender import NEDERLAND

VOORBEELD = Path(__file__).resolve().parent.parent / "examples" / "dossier"


def signaal(i: int) -> SignaalVastgelegd:
    return SignaalVastgelegd(
        datum=dt.date(2026, 3, 2),
        signaal=Signaal(soort=SoortSignaal.VERWAARLOZING, omschrijving=f"signaal {i}"),
    )


def main() -> None:
    archief = Archief(SQLiteOpslag(Path(tempfile.mkdtemp()) / "bench.sqlite3"))
    for n in (50, 200):
        naam = f"lln-{n}"
        begin = time.perf_counter()
        for i in range(n):
            archief.voeg_toe(naam, signaal(i))
        append = (time.perf_counter() - begin) / n
        begin = time.perf_counter()
        archief.lees(naam)
        lees = (time.perf_counter() - begin) / n
        print(
            f"{n:4d} events: append {append * 1000:6.2f} ms/event, read {lees * 1e6:6.1f} µs/event"
        )

    for pad in sorted(VOORBEELD.glob("*.json")):
        archief.voeg_toe("lln-0042", gebeurtenis_uit_json(pad.read_text(encoding="utf-8")))
    dossier = archief.lees("lln-0042")
    kalender = NEDERLAND
    begin = time.perf_counter()
    for _ in range(200):
        toestand(dossier, op=dt.date(2026, 6, 1), kalender=kalender)
    print(f"fold of the example dossier: {(time.perf_counter() - begin) / 200 * 1000:.2f} ms")
    archief.sluit()


if __name__ == "__main__":
    main()
