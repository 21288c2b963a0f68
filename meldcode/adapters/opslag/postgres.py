"""PostgreSQL storage for a school board with many schools: the ``Opslag`` port on psycopg 3.

Same tables and the same guarantees as ``SQLiteOpslag``: each append is one transaction (the
head row is locked with ``SELECT ... FOR UPDATE``, so concurrent writers to one dossier are
serialised and a stale writer gets ``VolgnummerConflict``). Needs ``meldcode[postgres]``.
"""

from __future__ import annotations

from typing import Any

from meldcode.adapters.opslag.archief import SCHEMA, Record, SqlLezer
from meldcode.errors import EngineNietBeschikbaar, VolgnummerConflict

__all__ = ["PostgresOpslag"]


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise EngineNietBeschikbaar(
            "PostgreSQL storage needs psycopg 3: pip install 'meldcode[postgres]'"
        ) from None
    return psycopg


class PostgresOpslag(SqlLezer):
    """The ``Opslag`` port on a PostgreSQL database given by a libpq connection string."""

    def __init__(self, verbinding: str) -> None:
        psycopg = _psycopg()
        self._psycopg = psycopg
        self._param = "%s"
        self._conn: Any = psycopg.connect(verbinding, autocommit=True)
        with self._conn.transaction():
            # one schema creator at a time, also when several processes start together
            self._conn.execute("SELECT pg_advisory_xact_lock(7318350)")
            for sql in SCHEMA:
                self._conn.execute(sql)

    def schrijf(self, record: Record) -> None:
        """Append one record and move the head in one transaction."""
        errors = self._psycopg.errors
        try:
            with self._conn.transaction():
                rij = self._conn.execute(
                    "SELECT lengte FROM dossiers WHERE dossier_id = %s FOR UPDATE",
                    (record.dossier,),
                ).fetchone()
                lengte = 0 if rij is None else int(rij[0])
                if lengte != record.volgnummer - 1:
                    raise VolgnummerConflict(record.dossier, record.volgnummer - 1, lengte)
                self._conn.execute(
                    "INSERT INTO gebeurtenissen "
                    "(dossier_id, volgnummer, inhoud, vorige_hash, hash) "
                    "VALUES (%s, %s, %s, %s, %s)",
                    (
                        record.dossier,
                        record.volgnummer,
                        record.inhoud,
                        record.vorige_hash,
                        record.hash,
                    ),
                )
                if rij is None:
                    self._conn.execute(
                        "INSERT INTO dossiers (dossier_id, lengte, laatste_hash) "
                        "VALUES (%s, %s, %s)",
                        (record.dossier, record.volgnummer, record.hash),
                    )
                else:
                    self._conn.execute(
                        "UPDATE dossiers SET lengte = %s, laatste_hash = %s WHERE dossier_id = %s",
                        (record.volgnummer, record.hash, record.dossier),
                    )
        except errors.UniqueViolation:
            raise VolgnummerConflict(
                record.dossier, record.volgnummer - 1, record.volgnummer
            ) from None

    def dossiers(self) -> tuple[str, ...]:
        """The ids of all dossiers with a head or an event."""
        rijen = self._conn.execute(
            "SELECT dossier_id FROM dossiers UNION SELECT dossier_id FROM gebeurtenissen ORDER BY 1"
        ).fetchall()
        return tuple(r[0] for r in rijen)

    def sluit(self) -> None:
        """Close the connection."""
        self._conn.close()
