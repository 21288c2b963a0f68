"""Real processes: a killed writer loses nothing acknowledged; two writers never collide.

A writer killed at random points loses no acknowledged event and leaves none half-written; two
writers appending to one dossier at the same time never interleave or lose an event.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from meldcode.adapters.opslag.archief import Archief, open_opslag

SCHRIJVER = Path(__file__).with_name("schrijver.py")


def _start(db: str, dossier: str, naam: str, aantal: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(SCHRIJVER), db, dossier, naam, str(aantal)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _merken(archief: Archief, dossier: str) -> list[str]:
    return [
        json.loads(r.inhoud)["signaal"]["omschrijving"] for r in archief.opslag.records(dossier)
    ]


def test_a_killed_writer_loses_no_acknowledged_event(sqlite_pad: str) -> None:
    """SIGKILL at random points: every acknowledged append survives, none is half-written."""
    rng = random.Random(20261123)
    bevestigd: list[tuple[int, str]] = []
    for ronde in range(6):
        proces = _start(sqlite_pad, "lln-crash", f"r{ronde}", 100_000)
        assert proces.stdout is not None
        wachten = rng.randint(1, 40)
        for _ in range(wachten):
            regel = proces.stdout.readline().split()
            bevestigd.append((int(regel[1]), regel[2]))
        proces.send_signal(signal.SIGKILL)
        # acknowledgements already in the pipe were returned appends too
        for regel in proces.stdout.read().splitlines():
            deel = regel.split()
            if len(deel) == 3:
                bevestigd.append((int(deel[1]), deel[2]))
        proces.wait()

        archief = Archief(open_opslag(sqlite_pad))
        records = archief.opslag.records("lln-crash")
        merken = _merken(archief, "lln-crash")

        assert archief.controleer_keten("lln-crash") == ()
        for nummer, merk in bevestigd:
            assert merken[nummer - 1] == merk
        assert [r.volgnummer for r in records] == list(range(1, len(records) + 1))
        archief.sluit()


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_two_processes_appending_to_one_dossier_lose_nothing(
    backend: str, request: pytest.FixtureRequest
) -> None:
    """Both writers' events are all there, each writer's in its own order, chain intact."""
    db = request.getfixturevalue("sqlite_pad" if backend == "sqlite" else "postgres_url")
    open_opslag(db).sluit()  # create the schema before the race
    aantal = 25
    processen = [_start(db, "lln-samen", naam, aantal) for naam in ("a", "b")]
    for p in processen:
        _uit, fout = p.communicate(timeout=120)
        assert p.returncode == 0, fout

    archief = Archief(open_opslag(db))
    merken = _merken(archief, "lln-samen")

    assert archief.controleer_keten("lln-samen") == ()
    assert len(merken) == 2 * aantal
    for naam in ("a", "b"):
        assert [m for m in merken if m.startswith(f"{naam}-")] == [
            f"{naam}-{i}" for i in range(aantal)
        ]
    archief.sluit()
