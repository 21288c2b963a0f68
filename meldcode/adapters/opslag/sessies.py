"""The walk-through's sessions, kept in the store: every worker of the service sees the same ones.

One row per session, and only what the pages need between two requests: the SHA-256 of the
session's random id (the cookie holds the id itself; a copy of the store gives no usable
session), the organisation and the id of the key it logged in with, the pseudonymous id of the
open dossier, a one-time notice of the server's own (never text typed into a form) and when the
session was last used. Nothing else from a case: where the walk stands follows from the dossier.

A session unused for longer than the idle time-out is expired; ``ruim_sessies_op`` deletes the
expired rows and, beyond a maximum number of sessions, the longest unused ones.

``SqlSessies`` implements the port on the SQL backends (the same statements on SQLite and
PostgreSQL, ``?`` or ``%s`` placeholders); the table is created with the store's other tables.
"""

from __future__ import annotations

from typing import Any, Protocol

from attrs import frozen

__all__ = ["SCHEMA_SESSIES", "Sessieopslag", "Sessierij", "SqlSessies"]

SCHEMA_SESSIES = (
    """CREATE TABLE IF NOT EXISTS web_sessies (
        sessie_hash TEXT PRIMARY KEY,
        organisatie TEXT,
        sleutel_id TEXT,
        dossier_id TEXT,
        melding TEXT,
        laatst DOUBLE PRECISION NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS web_sessies_laatst ON web_sessies (laatst)",
    # the profile each organisation chose (``meldcode.adapters.web.profielkeuze``): made with
    # the store, so two workers never race to create it
    """CREATE TABLE IF NOT EXISTS web_profielkeuzes (
        organisatie TEXT PRIMARY KEY,
        profiel TEXT NOT NULL,
        gekozen TEXT NOT NULL
    )""",
)
"""The walk-through's tables: sessions and profile choices (SQLite and PostgreSQL alike)."""

_KOLOMMEN = "sessie_hash, organisatie, sleutel_id, dossier_id, melding, laatst"


@frozen(kw_only=True)
class Sessierij:
    """One stored session: the hash of its id, who (when logged in), what is open, last use.

    ``laatst`` is in seconds of the service's clock (wall-clock time, the same in every worker).
    """

    sessie_hash: str
    laatst: float
    organisatie: str | None = None
    sleutel_id: str | None = None
    dossier: str | None = None
    melding: str | None = None


class Sessieopslag(Protocol):
    """The port of the sessions. Implementation: ``SqlSessies`` (the SQL backends)."""

    def bewaar_sessie(self, rij: Sessierij) -> None:
        """Store a new session."""
        ...

    def lees_sessie(self, sessie_hash: str) -> Sessierij | None:
        """The session with this hash, or ``None``."""
        ...

    def werk_sessie_bij(self, rij: Sessierij) -> None:
        """Write a session's open dossier, notice and last use (a deleted one stays deleted)."""
        ...

    def verwijder_sessie(self, sessie_hash: str) -> None:
        """Delete a session (logging out, or found expired)."""
        ...

    def ruim_sessies_op(self, *, voor: float, max_aantal: int) -> None:
        """Delete the sessions last used before ``voor``, then the oldest beyond ``max_aantal``."""
        ...


class SqlSessies:
    """``Sessieopslag`` on an autocommit DB-API connection ``_conn``, placeholder ``_param``."""

    _conn: Any
    _param: str

    def bewaar_sessie(self, rij: Sessierij) -> None:
        """Store a new session."""
        p = self._param
        self._conn.execute(
            f"INSERT INTO web_sessies ({_KOLOMMEN}) VALUES ({p}, {p}, {p}, {p}, {p}, {p})",
            (
                rij.sessie_hash,
                rij.organisatie,
                rij.sleutel_id,
                rij.dossier,
                rij.melding,
                rij.laatst,
            ),
        )

    def lees_sessie(self, sessie_hash: str) -> Sessierij | None:
        """The session with this hash, or ``None``."""
        r = self._conn.execute(
            f"SELECT {_KOLOMMEN} FROM web_sessies WHERE sessie_hash = {self._param}",
            (sessie_hash,),
        ).fetchone()
        if r is None:
            return None
        return Sessierij(
            sessie_hash=r[0],
            organisatie=r[1],
            sleutel_id=r[2],
            dossier=r[3],
            melding=r[4],
            laatst=float(r[5]),
        )

    def werk_sessie_bij(self, rij: Sessierij) -> None:
        """Write a session's open dossier, notice and last use (a deleted one stays deleted)."""
        p = self._param
        self._conn.execute(
            f"UPDATE web_sessies SET dossier_id = {p}, melding = {p}, laatst = {p} "
            f"WHERE sessie_hash = {p}",
            (rij.dossier, rij.melding, rij.laatst, rij.sessie_hash),
        )

    def verwijder_sessie(self, sessie_hash: str) -> None:
        """Delete a session."""
        self._conn.execute(
            f"DELETE FROM web_sessies WHERE sessie_hash = {self._param}", (sessie_hash,)
        )

    def ruim_sessies_op(self, *, voor: float, max_aantal: int) -> None:
        """Delete the sessions last used before ``voor``, then the oldest beyond ``max_aantal``."""
        p = self._param
        self._conn.execute(f"DELETE FROM web_sessies WHERE laatst < {p}", (voor,))
        (aantal,) = self._conn.execute("SELECT COUNT(*) FROM web_sessies").fetchone()
        te_veel = int(aantal) - max_aantal
        if te_veel > 0:
            self._conn.execute(
                "DELETE FROM web_sessies WHERE sessie_hash IN (SELECT sessie_hash FROM "
                f"web_sessies ORDER BY laatst LIMIT {p})",
                (te_veel,),
            )
