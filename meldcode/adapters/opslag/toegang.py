"""Who may use the store, and who used it: API keys per organisation and the access log.

An API key is ``mc_<id>_<secret>``: ``id`` (12 hex digits) names the key in lists, logs and
revocations; the store keeps only the SHA-256 of the whole key, so a stolen copy of the store
gives no usable key (the secret has 256 bits: a fast hash is enough, no password stretching
needed). A key belongs to one organisation and can be revoked; a revoked key is kept, so the
access log can still name it.

The access log has one row per use of a dossier: when (UTC), which organisation and key, what
was done (``handeling``: ``lezen``, ``schrijven``, ...), which dossier (pseudonymous id), which
event number for a write, and the HTTP status. Never free text from a case.

The command line logs its own uses of a dossier in the same table (``meldcode dossier``,
``controleer``, ``exporteer``): the organisation ``standaard``, ``cli:<user name>`` in place of
a key id (``aanvrager_cli``), and the status the service would have answered
(``status_van``), so one log reads the same whichever way a dossier was used.

``SqlToegang`` implements both on the SQL backends (``?`` or ``%s`` placeholders, the same
statements on SQLite and PostgreSQL); ``Toegangsopslag`` is the port.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from attrs import frozen

from meldcode.domain._validatie import is_pseudoniem
from meldcode.errors import (
    DossierGewijzigd,
    DossierNietGevonden,
    EngineNietBeschikbaar,
    Fout,
    MeldcodeError,
    OngeldigeInvoer,
    OpslagBeschadigd,
    SleutelFout,
    StapOntbreekt,
    VolgnummerConflict,
)

__all__ = [
    "SCHEMA_TOEGANG",
    "Sleutel",
    "SqlToegang",
    "Toegang",
    "Toegangsopslag",
    "aanvrager_cli",
    "controleer_sleutel",
    "gelogd",
    "maak_sleutel",
    "sleutelhash",
    "status_van",
    "valideer_organisatie",
]

_T = TypeVar("_T")

SCHEMA_TOEGANG = (
    """CREATE TABLE IF NOT EXISTS sleutels (
        sleutel_id TEXT PRIMARY KEY,
        organisatie TEXT NOT NULL,
        hash TEXT NOT NULL,
        gemaakt TEXT NOT NULL,
        ingetrokken TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS toegangslog (
        tijd TEXT NOT NULL,
        organisatie TEXT NOT NULL,
        sleutel_id TEXT NOT NULL,
        handeling TEXT NOT NULL,
        dossier_id TEXT,
        volgnummer INTEGER,
        status INTEGER NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS toegangslog_organisatie ON toegangslog (organisatie, tijd)",
)
"""The tables of keys and of the access log (the same statements on SQLite and PostgreSQL)."""

_SLEUTEL = re.compile(r"^mc_([0-9a-f]{12})_([A-Za-z0-9_-]{20,100})$")


def _tijd(waarde: dt.datetime) -> str:
    """A UTC timestamp as ISO 8601 text with ``Z``; sorts as text in time order."""
    return waarde.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _uit_tijd(tekst: str) -> dt.datetime:
    return dt.datetime.strptime(tekst, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)


@frozen(kw_only=True)
class Sleutel:
    """A stored API key: its id, its organisation, the hash of the key, and its life."""

    sleutel_id: str
    organisatie: str
    hash: str
    gemaakt: dt.datetime
    ingetrokken: dt.datetime | None = None

    @property
    def geldig(self) -> bool:
        """Not revoked."""
        return self.ingetrokken is None


@frozen(kw_only=True)
class Toegang:
    """One row of the access log: when, who (organisation and key), what, which dossier."""

    tijd: dt.datetime
    organisatie: str
    sleutel_id: str
    handeling: str
    status: int
    dossier: str | None = None
    volgnummer: int | None = None


class Toegangsopslag(Protocol):
    """The port for keys and the access log. Implementations: the SQL backends."""

    def bewaar_sleutel(self, sleutel: Sleutel) -> None:
        """Store a new key (its hash only)."""
        ...

    def lees_sleutel(self, sleutel_id: str) -> Sleutel | None:
        """The key with this id, revoked or not, or ``None``."""
        ...

    def sleutels(self, *, organisatie: str | None = None) -> tuple[Sleutel, ...]:
        """Every key (of one organisation), oldest first."""
        ...

    def trek_sleutel_in(self, sleutel_id: str, *, op: dt.datetime) -> bool:
        """Revoke a key; ``False`` when there is no such key or it was already revoked."""
        ...

    def schrijf_toegang(self, toegang: Toegang) -> None:
        """Append one row to the access log."""
        ...

    def toegangen(
        self, *, organisatie: str | None = None, dossier: str | None = None
    ) -> tuple[Toegang, ...]:
        """The access log (of one organisation, of one dossier), oldest first."""
        ...


def status_van(exc: BaseException) -> int:
    """The status of a failed use of a dossier, as the service answers it (HTTP).

    404 not found (another organisation's dossier, an erased one); 409 a conflict with the
    dossier's state (another writer, a step out of order, an edited record); 503 the server
    cannot do it (no or another text key, a damaged store, a missing extra); 400 other bad
    input; 500 a bug.
    """
    if isinstance(exc, DossierNietGevonden):
        return 404
    if isinstance(exc, VolgnummerConflict | StapOntbreekt | DossierGewijzigd):
        return 409
    if isinstance(exc, SleutelFout | OpslagBeschadigd | EngineNietBeschikbaar):
        return 503
    return 400 if isinstance(exc, MeldcodeError) else 500


_GEBRUIKER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$")


def aanvrager_cli() -> str:
    """Who uses the store from the command line: ``cli:<user name>``, else ``cli``.

    The operating system's user name (the person at the keyboard: what an access log is for),
    only when it is a plain login name; never anything typed on the command line.
    """
    try:
        naam = getpass.getuser()
    except Exception:  # no user name in this environment
        return "cli"
    return f"cli:{naam}" if _GEBRUIKER.match(naam) else "cli"


def gelogd(
    opslag: Toegangsopslag,
    *,
    organisatie: str,
    wie: str,
    handeling: str,
    dossier: str | None,
    werk: Callable[[], _T],
    status: int = 200,
    volgnummer: Callable[[_T], int | None] = lambda _: None,
    status_bij_fout: Callable[[Exception], int] = status_van,
) -> _T:
    """Do ``werk`` and write one row of the access log, also when it fails.

    ``wie`` is the key id (the service) or ``aanvrager_cli()``; ``volgnummer`` picks the event
    number of a write from the outcome. A failure is logged with ``status_bij_fout`` and raised
    again.
    """
    try:
        uitkomst = werk()
    except Exception as exc:
        opslag.schrijf_toegang(
            Toegang(
                tijd=dt.datetime.now(dt.UTC),
                organisatie=organisatie,
                sleutel_id=wie,
                handeling=handeling,
                status=status_bij_fout(exc),
                dossier=dossier,
            )
        )
        raise
    opslag.schrijf_toegang(
        Toegang(
            tijd=dt.datetime.now(dt.UTC),
            organisatie=organisatie,
            sleutel_id=wie,
            handeling=handeling,
            status=status,
            dossier=dossier,
            volgnummer=volgnummer(uitkomst),
        )
    )
    return uitkomst


def valideer_organisatie(organisatie: object) -> str:
    """An organisation name: 1-64 letters, digits or '_.:-'; else ``OngeldigeInvoer``."""
    if not is_pseudoniem(organisatie):
        raise OngeldigeInvoer(
            [
                Fout(
                    "organisatie",
                    "<text>",
                    "organisatie must be 1-64 letters, digits or '_.:-' (no spaces)",
                )
            ]
        )
    return organisatie


def sleutelhash(tekst: str) -> str:
    """The stored form of a key: SHA-256 of its text, hex."""
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()


def maak_sleutel(
    opslag: Toegangsopslag, organisatie: str, *, op: dt.datetime
) -> tuple[str, Sleutel]:
    """Make and store a new key for ``organisatie``: the key text (shown once) and its record."""
    valideer_organisatie(organisatie)
    sleutel_id = secrets.token_hex(6)
    tekst = f"mc_{sleutel_id}_{secrets.token_urlsafe(32)}"
    sleutel = Sleutel(
        sleutel_id=sleutel_id, organisatie=organisatie, hash=sleutelhash(tekst), gemaakt=op
    )
    opslag.bewaar_sleutel(sleutel)
    return tekst, sleutel


def controleer_sleutel(opslag: Toegangsopslag, tekst: str) -> Sleutel | None:
    """The valid (not revoked) key this text is, or ``None``; compares hashes in constant time."""
    gevonden = _SLEUTEL.match(tekst)
    if gevonden is None:
        return None
    sleutel = opslag.lees_sleutel(gevonden.group(1))
    if sleutel is None or not sleutel.geldig:
        return None
    if not hmac.compare_digest(sleutel.hash, sleutelhash(tekst)):
        return None
    return sleutel


def _sleutel_uit_rij(rij: Any) -> Sleutel:
    sleutel_id, organisatie, h, gemaakt, ingetrokken = rij
    return Sleutel(
        sleutel_id=sleutel_id,
        organisatie=organisatie,
        hash=h,
        gemaakt=_uit_tijd(gemaakt),
        ingetrokken=None if ingetrokken is None else _uit_tijd(ingetrokken),
    )


class SqlToegang:
    """``Toegangsopslag`` on a DB-API connection ``_conn`` with placeholder ``_param``."""

    _conn: Any
    _param: str

    def bewaar_sleutel(self, sleutel: Sleutel) -> None:
        """Store a new key (its hash only)."""
        p = self._param
        self._conn.execute(
            "INSERT INTO sleutels (sleutel_id, organisatie, hash, gemaakt, ingetrokken) "
            f"VALUES ({p}, {p}, {p}, {p}, {p})",
            (
                sleutel.sleutel_id,
                sleutel.organisatie,
                sleutel.hash,
                _tijd(sleutel.gemaakt),
                None if sleutel.ingetrokken is None else _tijd(sleutel.ingetrokken),
            ),
        )

    def lees_sleutel(self, sleutel_id: str) -> Sleutel | None:
        """The key with this id, revoked or not, or ``None``."""
        rij = self._conn.execute(
            "SELECT sleutel_id, organisatie, hash, gemaakt, ingetrokken FROM sleutels "
            f"WHERE sleutel_id = {self._param}",
            (sleutel_id,),
        ).fetchone()
        return None if rij is None else _sleutel_uit_rij(rij)

    def sleutels(self, *, organisatie: str | None = None) -> tuple[Sleutel, ...]:
        """Every key (of one organisation), oldest first."""
        sql = "SELECT sleutel_id, organisatie, hash, gemaakt, ingetrokken FROM sleutels"
        args: tuple[str, ...] = ()
        if organisatie is not None:
            sql += f" WHERE organisatie = {self._param}"
            args = (organisatie,)
        rijen = self._conn.execute(sql + " ORDER BY gemaakt, sleutel_id", args).fetchall()
        return tuple(_sleutel_uit_rij(r) for r in rijen)

    def trek_sleutel_in(self, sleutel_id: str, *, op: dt.datetime) -> bool:
        """Revoke a key; ``False`` when there is no such key or it was already revoked."""
        p = self._param
        cursor = self._conn.execute(
            f"UPDATE sleutels SET ingetrokken = {p} WHERE sleutel_id = {p} AND ingetrokken IS NULL",
            (_tijd(op), sleutel_id),
        )
        return bool(cursor.rowcount == 1)

    def schrijf_toegang(self, toegang: Toegang) -> None:
        """Append one row to the access log."""
        p = self._param
        self._conn.execute(
            "INSERT INTO toegangslog "
            "(tijd, organisatie, sleutel_id, handeling, dossier_id, volgnummer, status) "
            f"VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p})",
            (
                _tijd(toegang.tijd),
                toegang.organisatie,
                toegang.sleutel_id,
                toegang.handeling,
                toegang.dossier,
                toegang.volgnummer,
                toegang.status,
            ),
        )

    def toegangen(
        self, *, organisatie: str | None = None, dossier: str | None = None
    ) -> tuple[Toegang, ...]:
        """The access log (of one organisation, of one dossier), oldest first."""
        voorwaarden: list[str] = []
        args: list[str] = []
        if organisatie is not None:
            voorwaarden.append(f"organisatie = {self._param}")
            args.append(organisatie)
        if dossier is not None:
            voorwaarden.append(f"dossier_id = {self._param}")
            args.append(dossier)
        waar = f" WHERE {' AND '.join(voorwaarden)}" if voorwaarden else ""
        rijen = self._conn.execute(
            "SELECT tijd, organisatie, sleutel_id, handeling, dossier_id, volgnummer, status "
            f"FROM toegangslog{waar} ORDER BY tijd",
            tuple(args),
        ).fetchall()
        return tuple(
            Toegang(
                tijd=_uit_tijd(t),
                organisatie=o,
                sleutel_id=s,
                handeling=h,
                dossier=d,
                volgnummer=v,
                status=st,
            )
            for t, o, s, h, d, v, st in rijen
        )
