"""A real server for the service tests: ``python -m meldcode serve`` on a free loopback port.

The server runs as a subprocess on its own SQLite store (and, for the PostgreSQL tests, on a
throwaway PostgreSQL server); two organisations get a key each before it starts. Every test
talks HTTP to it with httpx, as a client in another language would.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the service tests need meldcode[service]")
httpx = pytest.importorskip("httpx", reason="the service tests need httpx")

from meldcode.adapters.opslag.archief import open_opslag  # noqa: E402
from meldcode.adapters.opslag.toegang import maak_sleutel  # noqa: E402
from tests.adapters.storage.conftest import postgres_server, postgres_url  # noqa: E402, F401

ORGANISATIES = ("bestuur-a", "bestuur-b")


class Dienst:
    """A running server: its base URL (``.../v1``), its store, a key per organisation."""

    def __init__(self, url: str, db: str, sleutels: dict[str, str], proces: Any) -> None:
        self.url = url
        self.db = db
        self.sleutels = sleutels
        self.proces = proces

    def client(self, organisatie: str | None = "bestuur-a", **kwargs: Any) -> Any:
        """An httpx client on the API; with the organisation's key unless ``None``."""
        koppen = dict(kwargs.pop("headers", {}))
        if organisatie is not None:
            koppen["Authorization"] = f"Bearer {self.sleutels[organisatie]}"
        return httpx.Client(base_url=self.url, headers=koppen, timeout=60, **kwargs)


def start_dienst(
    db: str, *extra: str, omgeving: dict[str, str] | None = None, stil: bool = True
) -> Iterator[Dienst]:
    """Make the keys, start ``meldcode serve --port 0`` and wait for its address.

    ``omgeving``: more environment variables for the server (a text key, ...); ``stil=False``
    leaves out ``--stil``, so the server writes its access lines.
    """
    opslag: Any = open_opslag(db)
    sleutels = {
        org: maak_sleutel(opslag, org, op=dt.datetime.now(dt.UTC))[0] for org in ORGANISATIES
    }
    opslag.sluit()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("MELDCODE_TEKSTSLEUTEL")},
        "PYTHONUNBUFFERED": "1",
        **(omgeving or {}),
    }
    proces = subprocess.Popen(
        [
            *(sys.executable, "-m", "meldcode", "serve", "--port", "0", "--db", db),
            *(["--stil"] if stil else []),
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proces.stdout is not None
    regel = proces.stdout.readline()
    if not regel.startswith("meldcode serve: http://127.0.0.1:"):
        proces.kill()
        _, fout = proces.communicate(timeout=10)
        raise AssertionError(f"the server did not start: {regel!r} {fout}")
    url = regel.split()[2]
    try:
        yield Dienst(url, db, sleutels, proces)
    finally:
        proces.terminate()
        try:
            proces.communicate(timeout=20)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proces.kill()
            proces.communicate()


@pytest.fixture(scope="session")
def dienst(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dienst]:
    """One server on a SQLite store for the whole session."""
    db = tmp_path_factory.mktemp("dienst") / "dossiers.sqlite3"
    yield from start_dienst(str(db))


@pytest.fixture(scope="session")
def dienst_pg(postgres_server: str) -> Iterator[Dienst]:  # noqa: F811
    """One server with two workers on a PostgreSQL store."""
    import uuid

    import psycopg

    naam = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {naam}")
    yield from start_dienst(postgres_server.replace("/postgres?", f"/{naam}?"), "--workers", "2")


@pytest.fixture
def a(dienst: Dienst) -> Iterator[Any]:
    """A client of organisation A."""
    with dienst.client("bestuur-a") as c:
        yield c


@pytest.fixture
def b(dienst: Dienst) -> Iterator[Any]:
    """A client of organisation B."""
    with dienst.client("bestuur-b") as c:
        yield c


@pytest.fixture
def anoniem(dienst: Dienst) -> Iterator[Any]:
    """A client without a key."""
    with dienst.client(None) as c:
        yield c


def casus_tekst(pad: str | Path) -> str:
    """The text of an example case."""
    return Path(pad).read_text(encoding="utf-8")
