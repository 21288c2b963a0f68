"""Load benchmark of the HTTP service on loopback, as ratios against in-process ``beslis``.

Starts ``meldcode serve`` on a free 127.0.0.1 port with a throwaway store and one key, then, in
the same run:

- in-process: ``besluit_naar_dict(beslis(casus_uit_dict(case)))`` per case (the baseline);
- single: one ``POST /v1/besluiten`` per case, from ``CLIENTS`` client threads;
- batch: ``POST /v1/besluiten/_batch`` with ``BATCH`` cases a request.

Reports decisions per second and the p50/p99 latency of one request, and each rate as a ratio
to the in-process one. Bounded: a fixed number of requests, a few seconds in all; traffic goes to
127.0.0.1 only. Run: ``.venv/bin/python benchmarks/bench_service.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from meldcode import beslis, besluit_naar_dict, casus_uit_dict
from meldcode.adapters.opslag.archief import open_opslag
from meldcode.adapters.opslag.toegang import maak_sleutel

sys.path.insert(0, str(Path(__file__).parent))
from bench_beslis import casussen

ENKEL = 2000
CLIENTS = 4
BATCH = 200
BATCHES = 20


def _percentiel(waarden: list[float], p: float) -> float:
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, int(p / 100 * len(geordend)))]


def _start(db: str) -> tuple[subprocess.Popen[str], str, str]:
    opslag: Any = open_opslag(db)
    sleutel, _ = maak_sleutel(opslag, "bench", op=dt.datetime.now(dt.UTC))
    opslag.sluit()
    proces = subprocess.Popen(
        [sys.executable, "-m", "meldcode", "serve", "--port", "0", "--db", db, "--stil"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proces.stdout is not None
    url = proces.stdout.readline().split()[2]
    return proces, url, sleutel


def _parallel(url: str, sleutel: str, werk: list[Any], pad: str) -> tuple[float, list[float]]:
    tijden: list[float] = []
    slot = threading.Lock()
    rij = list(werk)

    def client() -> None:
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {sleutel}"}) as c:
            while True:
                with slot:
                    if not rij:
                        return
                    body = rij.pop()
                t0 = time.perf_counter()
                antwoord = c.post(pad, content=body, headers={"Content-Type": "application/json"})
                assert antwoord.status_code == 200, antwoord.text
                with slot:
                    tijden.append(time.perf_counter() - t0)

    t0 = time.perf_counter()
    draden = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    return time.perf_counter() - t0, tijden


def main() -> None:
    gevallen = casussen(ENKEL)
    t0 = time.perf_counter()
    for c in gevallen:
        besluit_naar_dict(beslis(casus_uit_dict(c)))
    intern = ENKEL / (time.perf_counter() - t0)

    with tempfile.TemporaryDirectory() as tmp:
        proces, url, sleutel = _start(str(Path(tmp) / "bench.sqlite3"))
        try:
            enkel_duur, enkel_tijden = _parallel(
                url, sleutel, [json.dumps(c) for c in gevallen], "/besluiten"
            )
            batches = [
                json.dumps(gevallen[i * BATCH % ENKEL : i * BATCH % ENKEL + BATCH])
                for i in range(BATCHES)
            ]
            batch_duur, batch_tijden = _parallel(url, sleutel, batches, "/besluiten/_batch")
        finally:
            proces.terminate()
            proces.wait(timeout=20)

    enkel = ENKEL / enkel_duur
    batch = BATCH * BATCHES / batch_duur
    print(f"in-process beslis (read + decide + write): {intern:10.0f} decisions/s  (baseline)")
    print(
        f"HTTP single, {CLIENTS} clients:  {enkel:10.0f} decisions/s  ratio {enkel / intern:.4f}"
        f"  p50 {statistics.median(enkel_tijden) * 1e3:.2f} ms"
        f"  p99 {_percentiel(enkel_tijden, 99) * 1e3:.2f} ms"
    )
    print(
        f"HTTP batch of {BATCH}, {CLIENTS} clients: {batch:10.0f} decisions/s  ratio "
        f"{batch / intern:.4f}  p50 {statistics.median(batch_tijden) * 1e3:.2f} ms"
        f"  p99 {_percentiel(batch_tijden, 99) * 1e3:.2f} ms per request"
    )


if __name__ == "__main__":
    main()
