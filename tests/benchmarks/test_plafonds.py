"""The benchmark's ceilings decide what the rule base decides.

``benchmarks/bench_frame.py`` times every path against an expert's hand-written 2019 ``melden``
(polars, NumPy over the categorical codes, a plain durable_rules ruleset). A ceiling that no
longer follows the rules would time another decision: the benchmark refuses to run then, and
this test says so in the suite, on a small population, before anyone runs the benchmark.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

pl = pytest.importorskip("polars", reason="the frame benchmark needs polars")
pytest.importorskip("pandas", reason="the frame benchmark needs pandas")

from meldcode.adapters.dataframe.beslis import beslis_frame  # noqa: E402
from meldcode.adapters.dataframe.populatie import genereer_populatie  # noqa: E402

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_frame.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_frame", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_frame", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("seed", [2019, 7])
def test_the_expert_ceilings_equal_the_rule_base(seed: int) -> None:
    bench = _bench()
    df = genereer_populatie(20_000, seed=seed, backend="polars")
    dp = genereer_populatie(20_000, seed=seed, backend="pandas")

    ons = beslis_frame(df, "2019", uitvoer=("melden",))["besluit.melden"].to_numpy()
    expert = df.with_columns(bench.expert_polars())["melden"].to_numpy()

    assert ons.any()
    assert not ons.all()
    assert (expert == ons).all()
    assert (bench.expert_numpy(dp) == ons).all()


def test_the_plain_durable_ruleset_reports_what_the_rule_base_reports() -> None:
    pytest.importorskip("durable", reason="the plain ruleset needs durable-rules")
    bench = _bench()
    df = genereer_populatie(2_000, seed=2019, backend="polars")
    ons = beslis_frame(df, "2019", uitvoer=("melden",))["besluit.melden"].to_list()

    _, gemeld = bench.meet_durable_plat(df)

    assert gemeld == [i for i, m in enumerate(ons) if m]


def test_the_command_without_a_rule_base_reads_and_writes_as_the_command_does() -> None:
    """The command line's floor reads the case and writes contract JSON, loading no rule base.

    Otherwise its figure would not be what the benchmark prints it as: all that
    ``meldcode beslis CASE.json`` costs but the rules.
    """
    bench = _bench()
    toon = (
        "\nprint(sorted(m for m in sys.modules if m.startswith('meldcode.rules')), file=sys.stderr)"
    )
    with bench.json_bestand(bench.CASUS) as pad:
        proces = subprocess.run(
            [sys.executable, "-c", bench._ZONDER_REGELS + toon, "beslis", pad],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )

    besluit = json.loads(proces.stdout)
    assert besluit["protocol"] == bench.CASUS["protocol"]
    assert besluit["melden"] is True
    assert besluit["gronden"][0]["regel"] == "2019.x"
    assert proces.stderr.strip() == "[]"
