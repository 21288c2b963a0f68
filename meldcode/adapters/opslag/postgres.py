"""PostgreSQL storage for a school board with many schools: the ``Opslag`` port on psycopg 3.

Same tables and the same guarantees as ``SQLiteOpslag``: each append is one transaction (the
head row is locked with ``SELECT ... FOR UPDATE``, so concurrent writers to one dossier are
serialised and a stale writer gets ``VolgnummerConflict``), every dossier belongs to one
organisation, and the API keys, the access log and the walk-through's sessions live in the
same database. Needs
``meldcode[postgres]``.
"""

from __future__ import annotations

from typing import Any

from meldcode.adapters.opslag.archief import (
    INVOEGEN,
    LEEGMAKEN,
    ORGANISATIE_KOLOM,
    PRIVACY_KOLOMMEN,
    SCHEMA,
    Record,
    SqlLezer,
    invoegwaarden,
)
from meldcode.adapters.opslag.inzagelog import SCHEMA_INZAGE
from meldcode.adapters.opslag.sessies import SCHEMA_SESSIES
from meldcode.adapters.opslag.toegang import SCHEMA_TOEGANG
from meldcode.errors import EngineNietBeschikbaar, VolgnummerConflict

__all__ = ["PostgresOpslag"]

# the primary keys of a store from before organisations, and what they become
_SLEUTELS = {
    "gebeurtenissen": "organisatie, dossier_id, volgnummer",
    "dossiers": "organisatie, dossier_id",
}


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
            for tabel, sleutel in _SLEUTELS.items():
                if not self._conn.execute(
                    "SELECT 1 FROM information_schema.columns WHERE table_schema = "
                    "current_schema() AND table_name = %s AND column_name = 'organisatie'",
                    (tabel,),
                ).fetchone():
                    # a store from before organisations: its dossiers are the default one's
                    self._conn.execute(f"ALTER TABLE {tabel} ADD COLUMN {ORGANISATIE_KOLOM}")
                    self._conn.execute(
                        f"ALTER TABLE {tabel} DROP CONSTRAINT {tabel}_pkey, "
                        f"ADD PRIMARY KEY ({sleutel})"
                    )
            for _, kolom in PRIVACY_KOLOMMEN:
                # a store from before erasure: its records keep version 1 of the hash scheme
                self._conn.execute(f"ALTER TABLE gebeurtenissen ADD COLUMN IF NOT EXISTS {kolom}")
            for sql in (*SCHEMA_TOEGANG, *SCHEMA_INZAGE, *SCHEMA_SESSIES):
                self._conn.execute(sql)

    def schrijf(self, record: Record) -> None:
        """Append one record and move the head in one transaction."""
        self._schrijf(record, wis=False)

    def wis(self, grafsteen: Record) -> None:
        """Empty the dossier's earlier records and append the tombstone, in one transaction."""
        self._schrijf(grafsteen, wis=True)

    def ruim_op(self) -> bool:
        """Rewrite the events table (``VACUUM FULL``): no dead copy of erased content remains.

        That holds for the table's files; copies in the write-ahead log and in backups are not
        reached (see the privacy documentation).
        """
        self._conn.execute("VACUUM FULL gebeurtenissen")
        return True

    def _schrijf(self, record: Record, *, wis: bool) -> None:
        errors = self._psycopg.errors
        try:
            with self._conn.transaction():
                rij = self._conn.execute(
                    "SELECT lengte FROM dossiers WHERE organisatie = %s AND dossier_id = %s "
                    "FOR UPDATE",
                    (record.organisatie, record.dossier),
                ).fetchone()
                lengte = 0 if rij is None else int(rij[0])
                if lengte != record.volgnummer - 1:
                    raise VolgnummerConflict(record.dossier, record.volgnummer - 1, lengte)
                if wis:
                    self._conn.execute(
                        LEEGMAKEN, (record.organisatie, record.dossier, record.volgnummer)
                    )
                self._conn.execute(INVOEGEN, invoegwaarden(record))
                if rij is None:
                    self._conn.execute(
                        "INSERT INTO dossiers (organisatie, dossier_id, lengte, laatste_hash) "
                        "VALUES (%s, %s, %s, %s)",
                        (record.organisatie, record.dossier, record.volgnummer, record.hash),
                    )
                else:
                    self._conn.execute(
                        "UPDATE dossiers SET lengte = %s, laatste_hash = %s "
                        "WHERE organisatie = %s AND dossier_id = %s",
                        (record.volgnummer, record.hash, record.organisatie, record.dossier),
                    )
        except errors.UniqueViolation:
            raise VolgnummerConflict(
                record.dossier, record.volgnummer - 1, record.volgnummer
            ) from None

    def sluit(self) -> None:
        """Close the connection."""
        self._conn.close()
