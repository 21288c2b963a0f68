"""Two clients append to one dossier at the same moment: one wins, the other gets a 409.

Real concurrent requests against the running server, on SQLite (one process, many threads) and
on PostgreSQL (two worker processes on one database).
"""

from __future__ import annotations

import threading
from typing import Any

import pytest

from meldcode.adapters.opslag.archief import Archief, open_opslag

from .hulp import JSON, gebeurtenissen, vul

RONDES = 8


def _race(dienst: Any, dossier: str) -> None:
    vul_client = dienst.client("bestuur-a")
    vul(vul_client, dossier, 1)
    signaal = gebeurtenissen()[0]  # another signal may be recorded at any step
    clients = [dienst.client("bestuur-a") for _ in range(2)]
    for ronde in range(RONDES):
        na = 1 + ronde
        start = threading.Barrier(2)
        antwoorden: list[Any] = [None, None]

        def stuur(
            i: int,
            na: int = na,
            start: threading.Barrier = start,
            antwoorden: list[Any] = antwoorden,
        ) -> None:
            start.wait()
            antwoorden[i] = clients[i].post(
                f"/dossiers/{dossier}/gebeurtenissen",
                params={"na": na},
                content=signaal,
                headers=JSON,
            )

        draden = [threading.Thread(target=stuur, args=(i,)) for i in range(2)]
        for d in draden:
            d.start()
        for d in draden:
            d.join()
        statussen = sorted(a.status_code for a in antwoorden)
        assert statussen == [201, 409], [a.text for a in antwoorden]
        verloren = next(a for a in antwoorden if a.status_code == 409)
        winnaar = next(a for a in antwoorden if a.status_code == 201)
        assert verloren.headers["content-type"] == "application/problem+json"
        probleem = verloren.json()
        assert probleem["code"] == "volgnummer_conflict"
        assert (probleem["verwacht"], probleem["gevonden"]) == (na, na + 1)
        assert winnaar.json()["volgnummer"] == na + 1
    for c in (*clients, vul_client):
        c.close()
    opslag: Any = open_opslag(dienst.db)
    archief = Archief(opslag, organisatie="bestuur-a")
    assert len(archief.lees(dossier)) == 1 + RONDES
    assert archief.controleer_keten(dossier) == ()
    opslag.sluit()


def test_concurrent_appends_on_sqlite_one_wins_one_conflicts(dienst: Any) -> None:
    _race(dienst, "lln-race-sqlite")


@pytest.mark.slow
def test_concurrent_appends_on_postgres_with_two_workers(dienst_pg: Any) -> None:
    _race(dienst_pg, "lln-race-pg")
