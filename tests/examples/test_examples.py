"""Every example runs: the scripts, the notebook (in a Jupyter kernel), the demo."""

from __future__ import annotations

import base64
import contextlib
import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from meldcode import Besluit
from meldcode.adapters.cli.main import main

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


NOTEBOOK = EXAMPLES / "beleidsanalyse.ipynb"
# the notebook runs under the inline backend, which renders headless (Agg) and returns each
# figure as image/png; plain Agg would keep the figure and return no image
INLINE = "module://matplotlib_inline.backend_inline"


def test_the_notebook_is_committed_without_outputs() -> None:
    """A valid nbformat 4 notebook with no stored outputs, so its diffs show only its source."""
    nbformat = pytest.importorskip("nbformat", reason="nbformat is in the dev extra")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)

    code = [c for c in nb.cells if c.cell_type == "code"]

    assert code
    assert all(c.outputs == [] and c.execution_count is None for c in code)


@pytest.fixture(scope="module")
def notebook(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """Execute the notebook in a real Jupyter kernel; its outputs by cell tag.

    The kernel runs this interpreter (a kernelspec of our own, first on JUPYTER_PATH, wins over
    any other "python3" the machine knows), in an empty temporary folder.
    """
    for module in ("nbformat", "nbclient", "ipykernel", "matplotlib_inline", "polars"):
        pytest.importorskip(module, reason=f"{module} is in the dev extra")
    import nbclient
    import nbformat

    tmp = tmp_path_factory.mktemp("notebook")
    kernelspec = tmp / "jupyter" / "kernels" / "python3"
    kernelspec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (kernelspec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "Python 3", "language": "python"}),
        encoding="utf-8",
    )
    werkmap = tmp / "werkmap"
    werkmap.mkdir()
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import sys\nprint(sys.executable)"))
    nb.cells[-1].metadata["tags"] = ["python"]

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_PATH", str(tmp / "jupyter"))
        mp.setenv("JUPYTER_RUNTIME_DIR", str(tmp / "runtime"))
        mp.setenv("MPLBACKEND", INLINE)
        client = nbclient.NotebookClient(
            nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(werkmap)}}
        )
        client.execute()  # raises CellExecutionError, naming the cell, if any cell fails

    assert list(werkmap.iterdir()) == []  # the notebook writes no files
    return {
        tag: [dict(o) for o in cel.outputs]
        for cel in nb.cells
        if cel.cell_type == "code"
        for tag in cel.metadata.get("tags", [])
    }


def _tekst(outputs: list[dict[str, Any]]) -> str:
    """What a cell printed and displayed, as plain text."""
    return "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in outputs)


def _kruistabel(tekst: str) -> dict[tuple[str, str], int]:
    """The rows of a cross-table as polars prints it: (decision a, decision b) -> count."""
    rijen = re.findall(r"│ (true|false|null)\s+┆ (true|false|null)\s+┆ (\d+)\s+┆", tekst)
    return {(a, b): int(n) for a, b, n in rijen}


def test_the_notebook_runs_in_the_projects_own_python(
    notebook: dict[str, list[dict[str, Any]]],
) -> None:
    """The kernel is the interpreter that runs the tests, with this checkout of meldcode."""
    assert _tekst(notebook["python"]).strip() == sys.executable


def test_the_notebook_decides_a_synthetic_population_under_both_protocols(
    notebook: dict[str, list[dict[str, Any]]],
) -> None:
    """The totals beslis_frame gives are the margins of the cross-table vergelijk gives."""
    assert "100000 casussen" in _tekst(notebook["populatie"])
    totalen = re.search(
        r"Meldingen onder 2013: (\d+) .*onder 2019: (\d+) ", _tekst(notebook["besluiten"])
    )
    assert totalen is not None
    melden_2013, melden_2019 = int(totalen[1]), int(totalen[2])
    tabel = _kruistabel(_tekst(notebook["kruistabel"]))

    assert set(tabel) == {(a, b) for a in ("true", "false") for b in ("true", "false")}
    assert sum(tabel.values()) == 100_000
    assert tabel["true", "true"] + tabel["true", "false"] == melden_2013
    assert tabel["true", "true"] + tabel["false", "true"] == melden_2019
    assert melden_2019 > melden_2013  # acute or structural unsafety is always reported in 2019


def test_the_notebook_names_the_rules_that_make_the_difference(
    notebook: dict[str, list[dict[str, Any]]],
) -> None:
    """Verschillen names the deciding rules; the disclosure switch only adds reports."""
    verschillen = _tekst(notebook["verschillen"])
    wat_als = _tekst(notebook["wat-als"])
    extra = _kruistabel(wat_als)

    assert "2019.afweging-2.onveiligheid" in verschillen
    assert "2013.stap-5b.melden" in verschillen
    assert "2019 + openbaring" in wat_als
    assert extra["false", "true"] > 0
    assert ("true", "false") not in extra


def test_the_notebook_plots_the_comparison(notebook: dict[str, list[dict[str, Any]]]) -> None:
    """The plot cell returns a PNG image."""
    pngs = [o["data"]["image/png"] for o in notebook["grafiek"] if "image/png" in o.get("data", {})]

    assert len(pngs) == 1
    assert base64.b64decode(pngs[0]).startswith(b"\x89PNG")


def test_the_notebook_shows_one_decision(notebook: dict[str, list[dict[str, Any]]]) -> None:
    """The last cell displays a Besluit that reports; as HTML once Besluit renders itself so."""
    data = notebook["besluit"][-1]["data"]

    assert data["text/plain"].startswith("Besluit(protocol=Protocol('2019')")
    assert "melden=True" in data["text/plain"]
    if hasattr(Besluit, "_repr_html_"):
        assert "melden" in data["text/html"].lower()


def test_the_demo_decides_and_explains_every_example_case() -> None:
    """Meldcode demo examples/casussen explains each case and finds none invalid."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["demo", str(EXAMPLES / "casussen")])

    assert status == 0
    assert len(list((EXAMPLES / "casussen").glob("*.json"))) == out.getvalue().count("=== ")


def test_the_notebook_counts_the_cases_still_open_apart(
    notebook: dict[str, list[dict[str, Any]]],
) -> None:
    """Cases a protocol has not decided yet are counted, and the complete ones compared alone."""
    tekst = _tekst(notebook["open"])
    open_ = re.search(r"'2013': (\d+), '2019': (\d+)", tekst)
    volledig = _kruistabel(tekst)

    assert open_ is not None
    assert int(open_[1]) > 0
    assert int(open_[2]) > 0
    assert 0 < sum(volledig.values()) < 100_000 - max(int(open_[1]), int(open_[2])) + 1
