"""The log of access exports (inzage): one row per export handed out, in the store itself.

Each row says when (UTC), for which organisation and dossier (pseudonymous id), for whom
(``ouder`` or ``leerling``), in which form (``html`` or ``json``), which kinds of content were
withheld, and the SHA-256 of the document handed out — so the school can later show what it
gave, without keeping a second copy of it. Never free text, never a name.

It is a table of its own (``inzagelog``): the service's access log (``toegangslog``) records
uses of the API, by key and HTTP status, and has no place for the requester or the document.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from attrs import frozen

__all__ = ["SCHEMA_INZAGE", "Inzageregel", "Inzageregels", "SqlInzagelog"]

SCHEMA_INZAGE = (
    """CREATE TABLE IF NOT EXISTS inzagelog (
        tijd TEXT NOT NULL,
        organisatie TEXT NOT NULL,
        dossier_id TEXT NOT NULL,
        aanvrager TEXT NOT NULL,
        formaat TEXT NOT NULL,
        achtergehouden TEXT NOT NULL,
        document_hash TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS inzagelog_dossier ON inzagelog (organisatie, dossier_id, tijd)",
)
"""The table of the access-export log (the same statements on SQLite and PostgreSQL)."""


@frozen(kw_only=True)
class Inzageregel:
    """One access export handed out: when, which dossier, for whom, in which form, what hash."""

    tijd: dt.datetime
    organisatie: str
    dossier: str
    aanvrager: str
    formaat: str
    achtergehouden: tuple[str, ...]
    document_hash: str


class Inzageregels(Protocol):
    """The port of the access-export log."""

    def schrijf_inzage(self, regel: Inzageregel) -> None:
        """Append one row."""
        ...

    def inzagelog(self, *, organisatie: str, dossier: str | None = None) -> tuple[Inzageregel, ...]:
        """The organisation's rows (of one dossier), oldest first."""
        ...


def _tijd(waarde: dt.datetime) -> str:
    return waarde.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _uit_tijd(tekst: str) -> dt.datetime:
    return dt.datetime.strptime(tekst, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)


class SqlInzagelog:
    """``Inzageregels`` on a DB-API connection ``_conn`` with placeholder ``_param``."""

    _conn: Any
    _param: str

    def schrijf_inzage(self, regel: Inzageregel) -> None:
        """Append one row."""
        p = self._param
        self._conn.execute(
            "INSERT INTO inzagelog (tijd, organisatie, dossier_id, aanvrager, formaat, "
            f"achtergehouden, document_hash) VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p})",
            (
                _tijd(regel.tijd),
                regel.organisatie,
                regel.dossier,
                regel.aanvrager,
                regel.formaat,
                ",".join(regel.achtergehouden),
                regel.document_hash,
            ),
        )

    def inzagelog(self, *, organisatie: str, dossier: str | None = None) -> tuple[Inzageregel, ...]:
        """The organisation's rows (of one dossier), oldest first."""
        p = self._param
        sql = (
            "SELECT tijd, organisatie, dossier_id, aanvrager, formaat, achtergehouden, "
            f"document_hash FROM inzagelog WHERE organisatie = {p}"
        )
        args: tuple[str, ...] = (organisatie,)
        if dossier is not None:
            sql += f" AND dossier_id = {p}"
            args += (dossier,)
        rijen = self._conn.execute(sql + " ORDER BY tijd", args).fetchall()
        return tuple(
            Inzageregel(
                tijd=_uit_tijd(t),
                organisatie=o,
                dossier=d,
                aanvrager=a,
                formaat=f,
                achtergehouden=tuple(x for x in ah.split(",") if x),
                document_hash=h,
            )
            for t, o, d, a, f, ah, h in rijen
        )
