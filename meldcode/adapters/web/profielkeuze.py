"""The profile each organisation chose for the walk-through, kept in the store's database.

Chosen once per organisation (by whoever logs in with one of its keys) and shown on every page.
``""`` is the choice for the national rules without a profile; ``None`` means no choice yet.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any, Protocol

from meldcode.adapters.opslag.sessies import SCHEMA_SESSIES

__all__ = ["GeheugenKeuzes", "ProfielKeuzes", "SqlProfielKeuzes"]

# made with the store's other tables; created here too for a connection to an older store
_TABEL = next(sql for sql in SCHEMA_SESSIES if "web_profielkeuzes (" in sql)


class ProfielKeuzes(Protocol):
    """The port: read and set an organisation's profile."""

    def profiel(self, organisatie: str) -> str | None:
        """The chosen profile's name (``""``: national rules), or ``None`` when not chosen."""
        ...

    def kies(self, organisatie: str, profiel: str) -> None:
        """Choose ``profiel`` (``""``: national rules) for ``organisatie``."""
        ...


class GeheugenKeuzes:
    """``ProfielKeuzes`` in memory (tests, and a service without a database of its own)."""

    def __init__(self) -> None:
        self._keuzes: dict[str, str] = {}
        self._slot = threading.Lock()

    def profiel(self, organisatie: str) -> str | None:
        """The choice of ``organisatie``, or ``None``."""
        with self._slot:
            return self._keuzes.get(organisatie)

    def kies(self, organisatie: str, profiel: str) -> None:
        """Choose ``profiel`` for ``organisatie``."""
        with self._slot:
            self._keuzes[organisatie] = profiel


class SqlProfielKeuzes:
    """``ProfielKeuzes`` in a table of the store's SQL database (SQLite or PostgreSQL).

    ``conn`` is a DB-API connection in autocommit mode, ``param`` its placeholder (``?`` or
    ``%s``), as the store's SQL backends have them.
    """

    def __init__(self, conn: Any, param: str) -> None:
        self._conn = conn
        self._param = param
        self._conn.execute(_TABEL)

    def profiel(self, organisatie: str) -> str | None:
        """The choice of ``organisatie``, or ``None``."""
        rij = self._conn.execute(
            f"SELECT profiel FROM web_profielkeuzes WHERE organisatie = {self._param}",
            (organisatie,),
        ).fetchone()
        return None if rij is None else str(rij[0])

    def kies(self, organisatie: str, profiel: str) -> None:
        """Choose ``profiel`` for ``organisatie`` (replacing an earlier choice)."""
        p = self._param
        nu = dt.datetime.now(dt.UTC).isoformat()
        self._conn.execute(f"DELETE FROM web_profielkeuzes WHERE organisatie = {p}", (organisatie,))
        self._conn.execute(
            f"INSERT INTO web_profielkeuzes (organisatie, profiel, gekozen) VALUES ({p}, {p}, {p})",
            (organisatie, profiel, nu),
        )
