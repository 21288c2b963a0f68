"""The conformance kit: the vectors pass in-process, over HTTP from Python, and from Node.js."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from meldcode import beslis, besluit_naar_dict, casus_uit_dict
from meldcode.testing.conformance import afwijkingen, controleer_dienst, vectoren

ROOT = Path(__file__).resolve().parents[2]
NODE_CLIENT = ROOT / "examples" / "node" / "conformance.mjs"


def test_every_vector_holds_for_the_library_itself() -> None:
    alle = vectoren()

    assert len(alle) >= 20
    for v in alle:
        assert afwijkingen(v, besluit_naar_dict(beslis(casus_uit_dict(v["casus"])))) == []


def test_the_comparison_catches_a_wrong_value_a_missing_key_and_a_missing_contact() -> None:
    v = next(x for x in vectoren() if "contacten_bevat" in x["verwacht"])
    besluit = besluit_naar_dict(beslis(casus_uit_dict(v["casus"])))
    sleutel = next(k for k in v["verwacht"] if k != "contacten_bevat")

    fout = copy.deepcopy(besluit)
    fout[sleutel] = "iets anders"
    weg = {k: w for k, w in besluit.items() if k != sleutel}
    zonder = {**besluit, "contacten": []}

    assert len(afwijkingen(v, fout)) == 1
    assert "missing" in afwijkingen(v, weg)[0]
    assert "contacten lacks" in afwijkingen(v, zonder)[0]


def test_the_python_runner_passes_against_the_running_service(dienst: Any) -> None:
    geslaagd, fouten = controleer_dienst(dienst.url, dienst.sleutels["bestuur-a"])

    assert fouten == []
    assert geslaagd == len(vectoren())


def test_meldcode_conformance_reports_and_fails_on_a_bad_key(dienst: Any) -> None:
    goed = subprocess.run(
        [sys.executable, "-m", "meldcode", "conformance", "--url", dienst.url],
        env={**os.environ, "MELDCODE_SLEUTEL": dienst.sleutels["bestuur-b"]},
        capture_output=True,
        text=True,
        check=False,
    )
    slecht = subprocess.run(
        [sys.executable, "-m", "meldcode", "conformance", "--url", dienst.url, "--sleutel", "x"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert goed.returncode == 0, goed.stdout
    assert goed.stdout.strip().endswith(f"{len(vectoren())} passed, 0 failed")
    assert slecht.returncode == 1
    assert "HTTP 401" in slecht.stdout


def test_the_node_client_decides_every_vector_over_http(dienst: Any) -> None:
    """Language-neutral for real: Node's standard library only, against the real server."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed here; the CI machine has Node 20")
    proces = subprocess.run(
        [node, str(NODE_CLIENT), "--url", dienst.url],
        env={**os.environ, "MELDCODE_SLEUTEL": dienst.sleutels["bestuur-a"]},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert proces.returncode == 0, proces.stdout + proces.stderr
    assert proces.stdout.strip().splitlines()[-1] == f"{len(vectoren())} passed, 0 failed"
