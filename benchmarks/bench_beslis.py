"""Benchmark of the pure engine, as ratios against baselines measured in the same run.

- speed: deciding a case vs reading the same case from JSON (the work any caller does anyway);
- scale: the cost per case of a batch of 20 000 vs a batch of 2 000 (should stay ~1: linear);
- memory: what streaming 20 000 JSON Lines through ``meldcode beslis -``'s batch loop retains vs
  streaming 2 000 (at most a few bytes more per case: flat, nothing accumulates); the peak is
  shown too (it includes short-lived cyclic garbage, bounded by the garbage collector's
  thresholds, not by the input).

Run: ``.venv/bin/python benchmarks/bench_beslis.py`` (targets are printed, not asserted in tests).
"""

from __future__ import annotations

import gc
import io
import json
import random
import time
import tracemalloc
from typing import Any, TextIO, cast

from meldcode import beslis, casus_uit_dict
from meldcode.adapters.cli.main import _batch
from meldcode.rules.beslis import beslis as pure

ANTWOORDEN = [None, "ja", "nee", "twijfel"]
VRAGEN = [
    "vermoeden",
    "acute_onveiligheid",
    "structurele_onveiligheid",
    "hulp_mogelijk",
    "hulp_aanvaard",
    "hulp_resultaat",
    "kan_beschermen",
]


def casussen(n: int, seed: int = 7) -> list[dict[str, Any]]:
    rnd = random.Random(seed)
    return [
        {
            "protocol": rnd.choice(["2013", "2019"]),
            "kind": {"leeftijd": rnd.randint(4, 17)},
            "signalen": [{"soort": "lichamelijk_geweld", "ernstig_letsel": rnd.random() < 0.05}],
            "omstandigheden": {"veiligheid_in_geding": rnd.random() < 0.1},
            "weging": {v: rnd.choice(ANTWOORDEN) for v in VRAGEN},
        }
        for _ in range(n)
    ]


def seconden(functie: Any, herhaal: int = 3) -> float:
    beste = float("inf")
    for _ in range(herhaal):
        start = time.perf_counter()
        functie()
        beste = min(beste, time.perf_counter() - start)
    return beste


class _Weg(io.StringIO):
    """An output stream that forgets what is written (the caller's stdout, say)."""

    def write(self, s: str) -> int:
        return len(s)


def geheugen(regels: list[str]) -> tuple[int, int]:
    """Peak and retained (after a collection) memory of the batch loop over ``regels``."""
    invoer = cast(TextIO, iter(regels))  # lines as a stream would yield them
    gc.collect()
    tracemalloc.start()
    _batch(invoer, lambda c, p: pure(c, p), None, _Weg())
    gc.collect()
    behouden, hoogste = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return hoogste, behouden


def main() -> None:
    data = casussen(2_000)
    objecten = [casus_uit_dict(d) for d in data]
    lezen = seconden(lambda: [casus_uit_dict(d) for d in data])
    beslissen = seconden(lambda: [beslis(c) for c in objecten])
    print(f"read JSON:   {lezen / len(data) * 1e6:8.1f} us/case (baseline)")
    print(f"decide:      {beslissen / len(data) * 1e6:8.1f} us/case")
    print(f"ratio decide/read: {beslissen / lezen:5.2f}  (target <= 10)")

    groot = [casus_uit_dict(d) for d in casussen(20_000, seed=8)]
    per_klein = beslissen / len(objecten)
    # measured as the 2 000 are (the best of three runs): a single run of new cases against the
    # best of three would compare an empty memo with a full one, not a batch's size
    per_groot = seconden(lambda: [beslis(c) for c in groot]) / len(groot)
    print(f"ratio per-case 20k/2k: {per_groot / per_klein:5.2f}  (target <= 1.5: linear)")

    klein_regels = [json.dumps(d) for d in casussen(2_000, seed=9)]
    groot_regels = [json.dumps(d) for d in casussen(20_000, seed=10)]
    (p_klein, b_klein), (p_groot, b_groot) = geheugen(klein_regels), geheugen(groot_regels)
    print(f"batch peak memory: 2k {p_klein / 1e6:6.2f} MB, 20k {p_groot / 1e6:6.2f} MB")
    print(f"batch retained:    2k {b_klein / 1e3:6.1f} kB, 20k {b_groot / 1e3:6.1f} kB")
    groei = (b_groot - b_klein) / (len(groot_regels) - len(klein_regels))
    print(f"retained growth per extra case: {groei:6.1f} bytes  (target < 64: flat)")
    print(f"ratio peak 20k/2k:     {p_groot / p_klein:5.2f}  (bounded by the garbage collector)")


if __name__ == "__main__":
    main()
