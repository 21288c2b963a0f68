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


def _conformance(*argumenten: str, **omgeving: str) -> subprocess.CompletedProcess[str]:
    schoon = {k: v for k, v in os.environ.items() if not k.startswith("MELDCODE_API_SLEUTEL")}
    return subprocess.run(
        [sys.executable, "-m", "meldcode", "conformance", *argumenten],
        env={**schoon, **omgeving},
        capture_output=True,
        text=True,
        check=False,
    )


def test_meldcode_conformance_reports_and_fails_on_a_bad_key(dienst: Any) -> None:
    goed = _conformance("--url", dienst.url, MELDCODE_API_SLEUTEL=dienst.sleutels["bestuur-b"])
    slecht = _conformance("--url", dienst.url, MELDCODE_API_SLEUTEL="x")

    assert goed.returncode == 0, goed.stdout + goed.stderr
    assert goed.stdout.strip().endswith(f"{len(vectoren())} passed, 0 failed")
    assert slecht.returncode == 1
    assert "HTTP 401" in slecht.stdout


def test_the_key_comes_from_a_file_readable_by_its_owner_only(dienst: Any, tmp_path: Path) -> None:
    """Never an argument: a key file of mode 0600, and one that others can read is refused."""
    sleutel = dienst.sleutels["bestuur-a"]
    bestand = tmp_path / "api-sleutel"
    bestand.write_text(sleutel + "\n", encoding="ascii")
    bestand.chmod(0o600)

    met_optie = _conformance("--url", dienst.url, "--sleutelbestand", str(bestand))
    met_omgeving = _conformance(
        "--url", dienst.url, MELDCODE_API_SLEUTELBESTAND=str(bestand), MELDCODE_API_SLEUTEL="x"
    )
    bestand.chmod(0o644)
    leesbaar = _conformance("--url", dienst.url, "--sleutelbestand", str(bestand))
    zonder = _conformance("--url", dienst.url)
    oud = subprocess.run(
        [sys.executable, "-m", "meldcode", "conformance", "--url", dienst.url, "--sleutel", "x"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert met_optie.returncode == 0, met_optie.stdout + met_optie.stderr
    assert met_omgeving.returncode == 0, met_omgeving.stdout + met_omgeving.stderr  # file first
    assert leesbaar.returncode == 1
    assert "0600" in leesbaar.stderr
    assert str(bestand) in leesbaar.stderr
    assert zonder.returncode == 1
    assert "--sleutelbestand" in zonder.stderr
    assert "$MELDCODE_API_SLEUTEL" in zonder.stderr
    assert oud.returncode == 2  # there is no option for the key itself
    for proces in (met_optie, leesbaar, zonder):
        assert sleutel not in proces.stdout + proces.stderr


def test_the_node_client_decides_every_vector_over_http(dienst: Any) -> None:
    """Language-neutral for real: Node's standard library only, against the real server."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed here; the CI machine has Node 20")
    proces = subprocess.run(
        [node, str(NODE_CLIENT), "--url", dienst.url],
        env={**os.environ, "MELDCODE_API_SLEUTEL": dienst.sleutels["bestuur-a"]},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert proces.returncode == 0, proces.stdout + proces.stderr
    assert proces.stdout.strip().splitlines()[-1] == f"{len(vectoren())} passed, 0 failed"


def test_the_node_client_reads_the_key_from_a_file_and_refuses_one_others_can_read(
    dienst: Any, tmp_path: Path
) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed here; the CI machine has Node 20")
    bestand = tmp_path / "api-sleutel"
    bestand.write_text(dienst.sleutels["bestuur-a"], encoding="ascii")
    bestand.chmod(0o600)
    opdracht = [node, str(NODE_CLIENT), "--url", dienst.url, "--sleutelbestand", str(bestand)]
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith("MELDCODE_API")}

    goed = subprocess.run(
        opdracht, env=omgeving, capture_output=True, text=True, timeout=120, check=False
    )
    bestand.chmod(0o640)
    leesbaar = subprocess.run(
        opdracht, env=omgeving, capture_output=True, text=True, timeout=120, check=False
    )

    assert goed.returncode == 0, goed.stdout + goed.stderr
    assert goed.stdout.strip().splitlines()[-1] == f"{len(vectoren())} passed, 0 failed"
    assert leesbaar.returncode == 2
    assert "0600" in leesbaar.stderr
