"""Every example runs: the scripts, the notebook's code cells, the demo over the example cases."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from meldcode.adapters.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
# every script, in subfolders too; test_*.py files are a partner's tests, run by tests/kit
SCRIPTS = sorted(p for p in EXAMPLES.rglob("*.py") if not p.name.startswith("test_"))


def test_there_is_an_example_for_each_kind_of_user() -> None:
    """A school system, a batch over a CSV export, a partner test and the notebook."""
    namen = {p.name for p in EXAMPLES.iterdir()}

    assert {"school_systeem.py", "batch_csv.py", "partner", "beleidsanalyse.ipynb"} <= namen


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.relative_to(EXAMPLES).as_posix())
def test_every_example_script_runs(script: Path, tmp_path: Path) -> None:
    """Python examples/<script>.py exits 0 (scripts that write a file write it to tmp_path)."""
    args = (
        [str(EXAMPLES / "export.csv"), str(tmp_path / "uit.csv")]
        if script.name == "batch_csv.py"
        else []
    )

    out = subprocess.run(
        [sys.executable, str(script), *args], cwd=ROOT, capture_output=True, text=True, check=False
    )

    assert out.returncode == 0, out.stdout + out.stderr


def test_the_batch_reports_a_bad_row_and_decides_the_others(tmp_path: Path) -> None:
    """The CSV export holds one bad row: it gets an error naming field and value."""
    uit = tmp_path / "uit.csv"
    subprocess.run(
        [sys.executable, str(EXAMPLES / "batch_csv.py"), str(EXAMPLES / "export.csv"), str(uit)],
        check=True,
        capture_output=True,
    )

    rijen = list(csv.DictReader(uit.open(encoding="utf-8")))

    fouten = [r for r in rijen if r["fout"]]
    assert len(fouten) == 1
    assert "weging.vermoeden" in fouten[0]["fout"]
    assert all(r["melden"] in ("True", "False") for r in rijen if not r["fout"])


def test_the_notebook_is_valid_and_its_code_cells_run() -> None:
    """examples/beleidsanalyse.ipynb: nbformat 4, and its code runs top to bottom."""
    pytest.importorskip("polars", reason="the notebook uses polars")
    nb = json.loads((EXAMPLES / "beleidsanalyse.ipynb").read_text(encoding="utf-8"))
    assert nb["nbformat"] == 4
    namespace: dict[str, object] = {}

    with contextlib.redirect_stdout(io.StringIO()) as out:
        for cel in nb["cells"]:
            if cel["cell_type"] == "code":
                exec(compile("".join(cel["source"]), "beleidsanalyse.ipynb", "exec"), namespace)

    assert "meldingen onder 2013" in out.getvalue()


def test_the_demo_decides_and_explains_every_example_case() -> None:
    """Meldcode demo examples/casussen explains each case and finds none invalid."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["demo", str(EXAMPLES / "casussen")])

    assert status == 0
    assert len(list((EXAMPLES / "casussen").glob("*.json"))) == out.getvalue().count("=== ")
