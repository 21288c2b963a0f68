"""Durable, tamper-evident storage of dossiers: the ``Opslag`` port, SQLite, and the ``Archief``.

Each event is stored as its canonical JSON text (``inhoud``) with the hash of the previous record
(``vorige_hash``) and its own hash over ``vorige_hash``, the dossier id, the sequence number and
the text. A head row per dossier keeps the length and the last hash, written in the same
transaction. Recomputing the chain (``Archief.controleer_keten``) detects any record edited,
inserted or deleted outside meldcode, including the last one.

``Opslag`` is the small port a backend implements: read the records of a dossier, append one
record atomically if the dossier still has the expected length (optimistic concurrency on the
sequence number), list the dossiers. ``SQLiteOpslag`` is the embedded default (standard library
``sqlite3``, WAL, ``synchronous=FULL``: every append is one fsync'd transaction);
``meldcode.adapters.opslag.postgres.PostgresOpslag`` is the server option. ``Archief`` puts the
domain on top: it checks the chain and the step progression before every append.

Every dossier belongs to one organisation (``organisatie``, a pseudonymous name such as a school
board's): the key of a dossier is the pair (organisation, dossier id), every query of the SQL
backends names the organisation, and an ``Archief`` is bound to one. Another organisation's
dossier is therefore not found, exactly as a dossier that does not exist; two organisations may
use the same dossier id without meeting. The command line works in ``STANDAARD_ORGANISATIE``.
A store written before the organisation existed gets the column on opening (its dossiers belong
to ``STANDAARD_ORGANISATIE``).

Nothing here logs; errors name dossier ids (pseudonymous) and sequence numbers only.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from attrs import frozen

from meldcode.adapters.json.dossier import (
    canoniek,
    gebeurtenis_naar_dict,
    gebeurtenis_uit_json,
    zoals_geschreven,
)
from meldcode.adapters.opslag.toegang import SCHEMA_TOEGANG, SqlToegang, valideer_organisatie
from meldcode.domain._validatie import PSEUDONIEM
from meldcode.domain.dossier import Dossier, Gebeurtenis
from meldcode.errors import (
    DossierGewijzigd,
    DossierNietGevonden,
    Fout,
    OngeldigeInvoer,
    OpslagBeschadigd,
    VolgnummerConflict,
)

__all__ = [
    "BEGIN_HASH",
    "MOMENTOPNAME",
    "ORGANISATIE_KOLOM",
    "SCHEMA",
    "STANDAARD_ORGANISATIE",
    "Archief",
    "Ketenfout",
    "Kop",
    "Opslag",
    "Record",
    "SQLiteOpslag",
    "SqlLezer",
    "ketenhash",
    "momentopname_uit_rijen",
    "open_opslag",
    "valideer_organisatie",
]

BEGIN_HASH = "0" * 64
"""The ``vorige_hash`` of a dossier's first record."""

STANDAARD_ORGANISATIE = "standaard"
"""The organisation of the command line's dossiers and of a store made before organisations."""


@frozen(kw_only=True)
class Record:
    """One stored event: its canonical JSON text and its place in the hash chain."""

    dossier: str
    volgnummer: int
    inhoud: str
    vorige_hash: str
    hash: str
    organisatie: str = STANDAARD_ORGANISATIE


@frozen(kw_only=True)
class Kop:
    """The head of a dossier as stored: how many events it has and the last hash."""

    lengte: int
    laatste_hash: str


class Opslag(Protocol):
    """The storage port. Implementations: ``SQLiteOpslag``, ``PostgresOpslag``, test fakes."""

    def records(
        self, dossier: str, *, organisatie: str = STANDAARD_ORGANISATIE
    ) -> tuple[Record, ...]:
        """Every record of the organisation's ``dossier`` by ``volgnummer`` (empty when unknown)."""
        ...

    def kop(self, dossier: str, *, organisatie: str = STANDAARD_ORGANISATIE) -> Kop | None:
        """The stored head of the organisation's ``dossier``, or ``None`` when there is none."""
        ...

    def momentopname(
        self, dossier: str, *, organisatie: str = STANDAARD_ORGANISATIE
    ) -> tuple[tuple[Record, ...], Kop | None]:
        """Records and head read together, from one consistent snapshot.

        Separate reads could see another writer's append in between and mistake it for a
        deleted event; the archive reads through this method only.
        """
        ...

    def schrijf(self, record: Record) -> None:
        """Append ``record`` to its organisation's dossier and move the head, in one transaction.

        Raises ``VolgnummerConflict`` unless the dossier has exactly ``record.volgnummer - 1``
        events at that moment: then nothing is written.
        """
        ...

    def dossiers(self, *, organisatie: str = STANDAARD_ORGANISATIE) -> tuple[str, ...]:
        """The ids of the organisation's stored dossiers, sorted."""
        ...

    def sluit(self) -> None:
        """Release the connection."""
        ...


def ketenhash(vorige_hash: str, dossier: str, volgnummer: int, inhoud: str) -> str:
    """SHA-256 over the previous hash, the dossier id, the sequence number and the text."""
    h = hashlib.sha256()
    for deel in (vorige_hash, dossier, str(volgnummer), inhoud):
        h.update(deel.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


@frozen(kw_only=True)
class Ketenfout:
    """A place where the stored records do not fit the chain.

    ``reden`` is Dutch (shown to professionals by ``controleer``), ``melding`` the same in
    English (for the technical error ``DossierGewijzigd``).
    """

    volgnummer: int
    reden: str
    melding: str = ""


def _ketenfouten(dossier: str, records: tuple[Record, ...], kop: Kop | None) -> Iterator[Ketenfout]:
    vorige = BEGIN_HASH
    for verwacht, r in enumerate(records, start=1):
        if r.volgnummer != verwacht:
            yield Ketenfout(
                volgnummer=verwacht, reden="ontbreekt (verwijderd)", melding="is missing (deleted)"
            )
            return
        if r.vorige_hash != vorige:
            yield Ketenfout(
                volgnummer=verwacht,
                reden="past niet op de vorige gebeurtenis",
                melding="does not chain to the previous event",
            )
            return
        if ketenhash(r.vorige_hash, dossier, r.volgnummer, r.inhoud) != r.hash:
            yield Ketenfout(
                volgnummer=verwacht,
                reden="is gewijzigd (hash klopt niet)",
                melding="was edited (its hash does not match)",
            )
            return
        try:
            gebeurtenis = gebeurtenis_uit_json(r.inhoud)
        except OngeldigeInvoer:
            yield Ketenfout(volgnummer=verwacht, reden="is onleesbaar", melding="is unreadable")
            return
        if not zoals_geschreven(r.inhoud, gebeurtenis):
            # readable, but not the text meldcode writes for it: rewritten outside meldcode
            yield Ketenfout(
                volgnummer=verwacht,
                reden="is buiten meldcode herschreven",
                melding="was rewritten outside meldcode",
            )
            return
        vorige = r.hash
    n = len(records)
    if kop is None:
        if n:
            yield Ketenfout(
                volgnummer=n,
                reden="heeft geen kop (dossieroverzicht gewijzigd)",
                melding="has no head (the dossier overview was edited)",
            )
        return
    if kop.lengte > n:
        yield Ketenfout(
            volgnummer=n + 1,
            reden="ontbreekt (laatste gebeurtenis verwijderd)",
            melding="is missing (the last event was deleted)",
        )
    elif kop.lengte < n or kop.laatste_hash != vorige:
        yield Ketenfout(
            volgnummer=n,
            reden="past niet op de kop van het dossier",
            melding="does not match the head of the dossier",
        )


class Archief:
    """One organisation's dossiers on top of an ``Opslag``: read, append with checks, verify.

    ``organisatie`` scopes every read and write: a dossier of another organisation is not found
    (``DossierNietGevonden``), never shown, and an id it uses is free for this one.
    """

    def __init__(self, opslag: Opslag, *, organisatie: str = STANDAARD_ORGANISATIE) -> None:
        valideer_organisatie(organisatie)
        self.opslag = opslag
        self.organisatie = organisatie

    def _momentopname(self, dossier: str) -> tuple[tuple[Record, ...], Kop | None]:
        return self.opslag.momentopname(dossier, organisatie=self.organisatie)

    def records(self, dossier: str) -> tuple[Record, ...]:
        """The stored records of ``dossier`` in order (empty when this organisation has none)."""
        return self.opslag.records(dossier, organisatie=self.organisatie)

    def controleer_keten(self, dossier: str) -> tuple[Ketenfout, ...]:
        """Every place the stored chain is broken (empty: intact). Unknown dossier: an error."""
        records, kop = self._momentopname(dossier)
        if not records and kop is None:
            raise DossierNietGevonden(dossier)
        return tuple(_ketenfouten(dossier, records, kop))

    def lees(self, dossier: str, *, controleer: bool = True) -> Dossier:
        """The dossier as stored; ``DossierGewijzigd`` when its chain is broken."""
        records, kop = self._momentopname(dossier)
        if not records and kop is None:
            raise DossierNietGevonden(dossier)
        if controleer:
            for fout in _ketenfouten(dossier, records, kop):
                raise DossierGewijzigd(dossier, fout.volgnummer, fout.melding or fout.reden)
        return Dossier(
            id=dossier, gebeurtenissen=tuple(gebeurtenis_uit_json(r.inhoud) for r in records)
        )

    def lees_wat_leesbaar_is(self, dossier: str) -> tuple[tuple[Record, Gebeurtenis | None], ...]:
        """Every stored record with its event, or ``None`` where the record cannot be read.

        For showing a damaged dossier record by record (``controleer``, ``exporteer``);
        ``controleer_keten`` says what is wrong with it.
        """
        records, kop = self._momentopname(dossier)
        if not records and kop is None:
            raise DossierNietGevonden(dossier)
        uit: list[tuple[Record, Gebeurtenis | None]] = []
        for r in records:
            try:
                uit.append((r, gebeurtenis_uit_json(r.inhoud)))
            except OngeldigeInvoer:
                uit.append((r, None))
        return tuple(uit)

    def hashes(self, dossier: str) -> tuple[str, ...]:
        """The stored hash of every event, in order (for an export that can be re-checked)."""
        return tuple(r.hash for r in self.records(dossier))

    def voeg_toe(
        self,
        dossier: str,
        gebeurtenis: Gebeurtenis,
        *,
        na: int | None = None,
        pogingen: int = 3,
    ) -> int:
        """Append ``gebeurtenis`` to ``dossier`` (created on its first event); its volgnummer.

        The chain is verified and the step progression checked first (``DossierGewijzigd``,
        ``StapOntbreekt``). ``na`` is the number of events the caller saw: when another writer
        appended meanwhile, ``VolgnummerConflict`` is raised and nothing is written. Without
        ``na`` a conflict is retried (up to ``pogingen`` times) against the new dossier, which is
        checked again. ``na`` above zero for a dossier this organisation does not have is
        ``DossierNietGevonden``.
        """
        _pseudoniem(dossier)
        for poging in range(max(1, pogingen)):
            records, kop = self._momentopname(dossier)
            if na and not records and kop is None:
                raise DossierNietGevonden(dossier)
            for fout in _ketenfouten(dossier, records, kop):
                raise DossierGewijzigd(dossier, fout.volgnummer, fout.melding or fout.reden)
            if na is not None and na != len(records):
                raise VolgnummerConflict(dossier, na, len(records))
            huidig = Dossier(
                id=dossier, gebeurtenissen=tuple(gebeurtenis_uit_json(r.inhoud) for r in records)
            )
            huidig.voeg_toe(gebeurtenis)
            volgnummer = len(records) + 1
            vorige = records[-1].hash if records else BEGIN_HASH
            inhoud = canoniek(gebeurtenis_naar_dict(gebeurtenis))
            record = Record(
                dossier=dossier,
                volgnummer=volgnummer,
                inhoud=inhoud,
                vorige_hash=vorige,
                hash=ketenhash(vorige, dossier, volgnummer, inhoud),
                organisatie=self.organisatie,
            )
            try:
                self.opslag.schrijf(record)
            except VolgnummerConflict:
                if na is not None or poging == max(1, pogingen) - 1:
                    raise
                continue
            return volgnummer
        raise AssertionError("unreachable")  # pragma: no cover

    def dossiers(self) -> tuple[str, ...]:
        """The ids of this organisation's stored dossiers."""
        return self.opslag.dossiers(organisatie=self.organisatie)

    def sluit(self) -> None:
        """Close the underlying storage."""
        self.opslag.sluit()


def _pseudoniem(dossier: object) -> None:
    if not isinstance(dossier, str) or not PSEUDONIEM.match(dossier):
        raise OngeldigeInvoer(
            [
                Fout(
                    "dossier",
                    "<text>",
                    "dossier must be a pseudonymous id of 1-64 letters, digits or '_.:-' "
                    "(no names, no spaces)",
                )
            ]
        )


# --- the SQL backends -----------------------------------------------------------------------

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS gebeurtenissen (
        dossier_id TEXT NOT NULL,
        volgnummer INTEGER NOT NULL,
        inhoud TEXT NOT NULL,
        vorige_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        organisatie TEXT NOT NULL DEFAULT 'standaard',
        PRIMARY KEY (organisatie, dossier_id, volgnummer)
    )""",
    """CREATE TABLE IF NOT EXISTS dossiers (
        dossier_id TEXT NOT NULL,
        lengte INTEGER NOT NULL,
        laatste_hash TEXT NOT NULL,
        organisatie TEXT NOT NULL DEFAULT 'standaard',
        PRIMARY KEY (organisatie, dossier_id)
    )""",
)
"""The dossier tables of every SQL backend (the same statements work on SQLite and PostgreSQL).

``organisatie`` comes last so that a store made before it had the column (added on opening, see
``ORGANISATIE_KOLOM``) has the same columns in the same order.
"""

ORGANISATIE_KOLOM = "organisatie TEXT NOT NULL DEFAULT 'standaard'"
"""The column an older store gets on opening, in both dossier tables."""


MOMENTOPNAME = (
    "SELECT d.lengte, d.laatste_hash, g.volgnummer, g.inhoud, g.vorige_hash, g.hash "
    "FROM (SELECT CAST(%s AS TEXT) AS org, CAST(%s AS TEXT) AS id) AS x "
    "LEFT JOIN dossiers AS d ON d.organisatie = x.org AND d.dossier_id = x.id "
    "LEFT JOIN gebeurtenissen AS g ON g.organisatie = x.org AND g.dossier_id = x.id "
    "ORDER BY g.volgnummer"
)
"""Head and records of one dossier in a single statement (``%s``: organisation, dossier id)."""


def momentopname_uit_rijen(
    dossier: str, rijen: list[tuple[object, ...]], organisatie: str = STANDAARD_ORGANISATIE
) -> tuple[tuple[Record, ...], Kop | None]:
    """Turn the rows of ``MOMENTOPNAME`` into records and head (shared by the SQL backends)."""
    kop: Kop | None = None
    records: list[Record] = []
    for lengte, laatste, volgnummer, inhoud, vorige, h in rijen:
        if lengte is not None:
            kop = Kop(lengte=int(str(lengte)), laatste_hash=str(laatste))
        if volgnummer is not None:
            records.append(
                Record(
                    dossier=dossier,
                    volgnummer=int(str(volgnummer)),
                    inhoud=str(inhoud),
                    vorige_hash=str(vorige),
                    hash=str(h),
                    organisatie=organisatie,
                )
            )
    return tuple(records), kop


class SqlLezer(SqlToegang):
    """The reading half of the ``Opslag`` port, shared by the SQL backends.

    With the API keys and the access log of ``SqlToegang``.

    A backend sets ``_conn`` (a DB-API connection with ``execute``) and ``_param`` (its
    placeholder: ``?`` for sqlite3, ``%s`` for psycopg).
    """

    _conn: Any
    _param: str

    def records(
        self, dossier: str, *, organisatie: str = STANDAARD_ORGANISATIE
    ) -> tuple[Record, ...]:
        """Every record of the organisation's ``dossier``, in order."""
        p = self._param
        rijen = self._conn.execute(
            "SELECT volgnummer, inhoud, vorige_hash, hash FROM gebeurtenissen "
            f"WHERE organisatie = {p} AND dossier_id = {p} ORDER BY volgnummer",
            (organisatie, dossier),
        ).fetchall()
        return tuple(
            Record(
                dossier=dossier,
                volgnummer=v,
                inhoud=i,
                vorige_hash=vh,
                hash=h,
                organisatie=organisatie,
            )
            for v, i, vh, h in rijen
        )

    def kop(self, dossier: str, *, organisatie: str = STANDAARD_ORGANISATIE) -> Kop | None:
        """The stored head of the organisation's ``dossier``."""
        p = self._param
        rij = self._conn.execute(
            f"SELECT lengte, laatste_hash FROM dossiers WHERE organisatie = {p} "
            f"AND dossier_id = {p}",
            (organisatie, dossier),
        ).fetchone()
        return None if rij is None else Kop(lengte=rij[0], laatste_hash=rij[1])

    def momentopname(
        self, dossier: str, *, organisatie: str = STANDAARD_ORGANISATIE
    ) -> tuple[tuple[Record, ...], Kop | None]:
        """Records and head in one statement, so from one snapshot."""
        sql = MOMENTOPNAME.replace("%s", self._param)
        rijen = self._conn.execute(sql, (organisatie, dossier)).fetchall()
        return momentopname_uit_rijen(dossier, rijen, organisatie)

    def dossiers(self, *, organisatie: str = STANDAARD_ORGANISATIE) -> tuple[str, ...]:
        """The ids of the organisation's dossiers with a head or an event."""
        p = self._param
        rijen = self._conn.execute(
            f"SELECT dossier_id FROM dossiers WHERE organisatie = {p} UNION "
            f"SELECT dossier_id FROM gebeurtenissen WHERE organisatie = {p} ORDER BY 1",
            (organisatie, organisatie),
        ).fetchall()
        return tuple(r[0] for r in rijen)


#: SQLite's primary result codes for a file that is not (or no longer) a sound database
_BESCHADIGD = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


@contextlib.contextmanager
def _sqlite(pad: Path) -> Iterator[None]:
    """Turn SQLite's "corrupt" and "not a database" into ``OpslagBeschadigd``."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF not in _BESCHADIGD:
            raise
        raise OpslagBeschadigd(str(pad), f"SQLite: {exc}") from None


class SQLiteOpslag(SqlLezer):
    """The embedded default: one SQLite file, WAL, ``synchronous=FULL``, one transaction each.

    A new file is created readable and writable by its owner only.

    Several processes may append to the same file; ``BEGIN IMMEDIATE`` serialises writers and
    the sequence-number check makes a stale writer fail with ``VolgnummerConflict``. A file that
    is truncated, corrupt or not a database raises ``OpslagBeschadigd``.
    """

    def __init__(self, pad: str | os.PathLike[str], *, wachttijd: float = 30.0) -> None:
        self.pad = Path(pad)
        with _sqlite(self.pad):
            self._open(wachttijd)

    def _open(self, wachttijd: float) -> None:
        if not self.pad.exists():
            # data about children: readable by the owner only (SQLite gives its -wal and -shm
            # files the same permissions as the database)
            self.pad.touch(mode=0o600, exist_ok=True)
        self._param = "?"
        self._conn = sqlite3.connect(str(self.pad), timeout=wachttijd, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.execute(f"PRAGMA busy_timeout={int(wachttijd * 1000)}")
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            for sql in SCHEMA:
                self._conn.execute(sql)
            for tabel in ("gebeurtenissen", "dossiers"):
                kolommen = {r[1] for r in self._conn.execute(f"PRAGMA table_info({tabel})")}
                if "organisatie" not in kolommen:
                    # a store from before organisations: its dossiers are the default one's
                    # (its primary key stays the dossier id alone: ids remain unique there)
                    self._conn.execute(f"ALTER TABLE {tabel} ADD COLUMN {ORGANISATIE_KOLOM}")
            for sql in SCHEMA_TOEGANG:
                self._conn.execute(sql)
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise

    def records(
        self, dossier: str, *, organisatie: str = STANDAARD_ORGANISATIE
    ) -> tuple[Record, ...]:
        """Every record of the organisation's ``dossier``, in order."""
        with _sqlite(self.pad):
            return super().records(dossier, organisatie=organisatie)

    def kop(self, dossier: str, *, organisatie: str = STANDAARD_ORGANISATIE) -> Kop | None:
        """The stored head of the organisation's ``dossier``."""
        with _sqlite(self.pad):
            return super().kop(dossier, organisatie=organisatie)

    def momentopname(
        self, dossier: str, *, organisatie: str = STANDAARD_ORGANISATIE
    ) -> tuple[tuple[Record, ...], Kop | None]:
        """Records and head in one statement, so from one snapshot."""
        with _sqlite(self.pad):
            return super().momentopname(dossier, organisatie=organisatie)

    def schrijf(self, record: Record) -> None:
        """Append one record and move the head in one fsync'd transaction."""
        with _sqlite(self.pad):
            self._schrijf(record)

    def _schrijf(self, record: Record) -> None:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            rij = conn.execute(
                "SELECT lengte FROM dossiers WHERE organisatie = ? AND dossier_id = ?",
                (record.organisatie, record.dossier),
            ).fetchone()
            lengte = 0 if rij is None else int(rij[0])
            if lengte != record.volgnummer - 1:
                raise VolgnummerConflict(record.dossier, record.volgnummer - 1, lengte)
            conn.execute(
                "INSERT INTO gebeurtenissen "
                "(organisatie, dossier_id, volgnummer, inhoud, vorige_hash, hash) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    record.organisatie,
                    record.dossier,
                    record.volgnummer,
                    record.inhoud,
                    record.vorige_hash,
                    record.hash,
                ),
            )
            if rij is None:
                conn.execute(
                    "INSERT INTO dossiers (organisatie, dossier_id, lengte, laatste_hash) "
                    "VALUES (?, ?, ?, ?)",
                    (record.organisatie, record.dossier, record.volgnummer, record.hash),
                )
            else:
                conn.execute(
                    "UPDATE dossiers SET lengte = ?, laatste_hash = ? "
                    "WHERE organisatie = ? AND dossier_id = ?",
                    (record.volgnummer, record.hash, record.organisatie, record.dossier),
                )
            conn.execute("COMMIT")
        except sqlite3.IntegrityError:
            conn.execute("ROLLBACK")
            raise VolgnummerConflict(
                record.dossier, record.volgnummer - 1, record.volgnummer
            ) from None
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def dossiers(self, *, organisatie: str = STANDAARD_ORGANISATIE) -> tuple[str, ...]:
        """The ids of the organisation's dossiers with a head or an event."""
        with _sqlite(self.pad):
            return super().dossiers(organisatie=organisatie)

    def sluit(self) -> None:
        """Close the connection."""
        self._conn.close()


def open_opslag(adres: str | os.PathLike[str]) -> Opslag:
    """A storage by address: ``postgresql://...`` for PostgreSQL, anything else a SQLite file."""
    tekst = os.fspath(adres)
    if tekst.startswith(("postgresql://", "postgres://")):
        from meldcode.adapters.opslag.postgres import PostgresOpslag

        return PostgresOpslag(tekst)
    return SQLiteOpslag(tekst)
