"""Storage backends for the tests: the in-memory fake, SQLite, and a real local PostgreSQL.

The PostgreSQL server is started once per session from ``initdb``/``pg_ctl`` in a temporary
folder, listening on a unix socket only. PostgreSQL refuses to run as root, so as root the server
runs as ``nobody``. Where no server can be started, the PostgreSQL tests are skipped with the
reason.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from meldcode.adapters.opslag.archief import Opslag, SQLiteOpslag

from .fake import GeheugenOpslag

BACKENDS = ("geheugen", "sqlite", "postgres")


def _zoek(naam: str) -> str | None:
    gevonden = shutil.which(naam)
    if gevonden:
        return gevonden
    for pad in sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{naam}"), reverse=True):
        return pad
    return None


def _start_postgres() -> Iterator[str]:
    initdb, pg_ctl = _zoek("initdb"), _zoek("pg_ctl")
    if initdb is None or pg_ctl is None:
        pytest.skip("PostgreSQL tests skipped: no initdb/pg_ctl on PATH or in /usr/lib/postgresql")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("PostgreSQL tests skipped: psycopg is not installed (meldcode[postgres])")
    basis = Path(tempfile.mkdtemp(prefix="meldcode-pg-"))
    voor: list[str] = []
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if runuser is None:
            shutil.rmtree(basis, ignore_errors=True)
            pytest.skip("PostgreSQL tests skipped: running as root and no runuser to drop it")
        import pwd

        nobody = pwd.getpwnam("nobody")
        os.chown(basis, nobody.pw_uid, nobody.pw_gid)
        voor = [runuser, "-u", "nobody", "--"]
    data = basis / "data"
    log = basis / "server.log"
    try:
        subprocess.run(
            [
                *voor,
                initdb,
                "-D",
                str(data),
                "-U",
                "meldcode",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                *voor,
                pg_ctl,
                "-D",
                str(data),
                "-l",
                str(log),
                "-w",
                "-t",
                "60",
                "-o",
                f"-k {basis} -c listen_addresses='' -p 5432 -c fsync=on",
                "start",
            ],
            check=True,
            capture_output=True,
        )
    except (subprocess.CalledProcessError, OSError) as exc:
        shutil.rmtree(basis, ignore_errors=True)
        pytest.skip(f"PostgreSQL tests skipped: the server did not start ({exc})")
    try:
        yield f"postgresql://meldcode@/postgres?host={basis}&port=5432"
    finally:
        subprocess.run(
            [*voor, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True
        )
        shutil.rmtree(basis, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A connection URL to the ``postgres`` database of a throwaway local server."""
    yield from _start_postgres()


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A fresh, empty database on the session's server."""
    import psycopg

    naam = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {naam}")
    return postgres_server.replace("/postgres?", f"/{naam}?")


@pytest.fixture
def sqlite_pad(tmp_path: Path) -> str:
    """A path for a fresh SQLite store."""
    return str(tmp_path / "dossiers.sqlite3")


@pytest.fixture(params=BACKENDS)
def opslag(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opslag]:
    """Each backend in turn, through the same port."""
    o: Opslag
    if request.param == "geheugen":
        o = GeheugenOpslag()
    elif request.param == "sqlite":
        o = SQLiteOpslag(tmp_path / "dossiers.sqlite3")
    else:
        from meldcode.adapters.opslag.postgres import PostgresOpslag

        o = PostgresOpslag(request.getfixturevalue("postgres_url"))
    yield o
    o.sluit()
