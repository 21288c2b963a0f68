"""Durable, tamper-evident storage of dossiers: the ``Opslag`` port, SQLite, and the ``Archief``.

Each event is stored as its canonical JSON text (``inhoud``) with the hash of the previous record
(``vorige_hash``) and its own hash. A head row per dossier keeps the length and the last hash,
written in the same transaction. Recomputing the chain (``Archief.controleer_keten``) detects any
record edited, inserted or deleted outside meldcode, including the last one.

Three hash schemes, told apart per record by ``versie``:

- version 1 (records written before erasure existed): the hash covers ``vorige_hash``, the
  dossier id, the sequence number and the text itself (``ketenhash``);
- version 2 (records written before 0.4): the hash covers ``vorige_hash``, the dossier id, the
  sequence number and ``inhoud_hash``, a SHA-256 of a random per-record salt (``zout``) and the
  text (``ketenhash2``, ``inhoudhash``). Erasing the record empties its text and its salt: the
  chain still verifies from ``inhoud_hash``, which without the salt reveals nothing of the text;
- version 3 (every new record): as version 2, and the organisation too (``ketenhash3``), so that
  a dossier moved to another organisation in the database no longer verifies there.

Existing stores keep verifying as they are: no record is rewritten. Erasing a dossier
(``Archief.wis``) empties every record and appends a tombstone that lists each emptied record
with its hash (``meldcode.adapters.opslag.wissing``): an emptied record without a tombstone that
names it is reported as tampering, and so is a record a tombstone names that still has content.
For a version-1 record, which cannot be recomputed without its text, the check is that its hash
is the one the tombstone recorded and the one the next record points to.

Free text is encrypted per field when the ``Archief`` has a key
(``meldcode.adapters.opslag.versleuteling``); structure, chain checks and retention need no key.

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
import datetime as dt
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
    gebeurtenis_uit_dict,
    zoals_geschreven,
)
from meldcode.adapters.json.lezen import laad_json
from meldcode.adapters.opslag.inzagelog import (
    SCHEMA_INZAGE,
    Inzageregel,
    SqlInzagelog,
)
from meldcode.adapters.opslag.sessies import SCHEMA_SESSIES, SqlSessies
from meldcode.adapters.opslag.toegang import SCHEMA_TOEGANG, SqlToegang, valideer_organisatie
from meldcode.adapters.opslag.versleuteling import (
    SLEUTEL_OMGEVING,
    SLEUTELBESTAND_OMGEVING,
    Tekstsleutel,
    ontsleutel_velden,
    sleutelkenmerken,
    versleutel_velden,
    vrije_tekstpaden,
    zonder_vrije_tekst,
)
from meldcode.adapters.opslag.wissing import (
    Wisgrond,
    Wissing,
    grafsteen_naar_dict,
    grafsteen_uit_dict,
    is_grafsteen,
)
from meldcode.domain._validatie import is_pseudoniem
from meldcode.domain.dossier import Dossier, Gebeurtenis
from meldcode.errors import (
    DossierGewijzigd,
    DossierGewist,
    DossierNietGevonden,
    Fout,
    OngeldigeInvoer,
    OpslagBeschadigd,
    SleutelFout,
    VolgnummerConflict,
)

__all__ = [
    "BEGIN_HASH",
    "INVOEGEN",
    "KETENVERSIE",
    "LEEGMAKEN",
    "MOMENTOPNAME",
    "ORGANISATIE_KOLOM",
    "PRIVACY_KOLOMMEN",
    "SCHEMA",
    "STANDAARD_ORGANISATIE",
    "Archief",
    "Ketenfout",
    "Kop",
    "Opslag",
    "Record",
    "SQLiteOpslag",
    "SqlLezer",
    "inhoudhash",
    "invoegwaarden",
    "ketenhash",
    "ketenhash2",
    "ketenhash3",
    "maak_record",
    "momentopname_uit_rijen",
    "open_opslag",
    "plaats",
    "valideer_organisatie",
]

BEGIN_HASH = "0" * 64
"""The ``vorige_hash`` of a dossier's first record."""

STANDAARD_ORGANISATIE = "standaard"
"""The organisation of the command line's dossiers and of a store made before organisations."""

KETENVERSIE = 3
"""The hash scheme of new records (1: over the text; 2: over a salted digest of the text;
3: as 2, with the organisation)."""
_KETENVERSIES = (1, 2, 3)


@frozen(kw_only=True)
class Record:
    """One stored event: its canonical JSON text and its place in the hash chain.

    ``versie`` 2 and 3 records carry ``zout`` (a random salt, hex) and ``inhoud_hash``
    (``inhoudhash(zout, inhoud)``); an erased record has empty ``inhoud`` and no ``zout``.
    """

    dossier: str
    volgnummer: int
    inhoud: str
    vorige_hash: str
    hash: str
    organisatie: str = STANDAARD_ORGANISATIE
    versie: int = 1
    inhoud_hash: str | None = None
    zout: str | None = None

    @property
    def gewist(self) -> bool:
        """``True`` when the record's content has been erased."""
        return self.inhoud == ""


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

    def wis(self, grafsteen: Record) -> None:
        """Erase the dossier of ``grafsteen`` and append the tombstone, in one transaction.

        Every earlier record of the dossier loses its content and salt; the tombstone is
        appended as ``schrijf`` appends (the same ``VolgnummerConflict``: nothing is changed).
        """
        ...

    def ruim_op(self) -> bool:
        """Remove what is left of erased content in the store's files; ``True`` when done.

        SQLite: ``VACUUM`` and a truncating WAL checkpoint (``False`` when another connection
        held the WAL); PostgreSQL: ``VACUUM FULL`` of the events table.
        """
        ...

    def schrijf_inzage(self, regel: Inzageregel) -> None:
        """Append one row to the access-export log."""
        ...

    def inzagelog(self, *, organisatie: str, dossier: str | None = None) -> tuple[Inzageregel, ...]:
        """The organisation's access-export log (of one dossier), oldest first."""
        ...

    def sluit(self) -> None:
        """Release the connection."""
        ...


def ketenhash(vorige_hash: str, dossier: str, volgnummer: int, inhoud: str) -> str:
    """Version 1: SHA-256 over the previous hash, the dossier id, the sequence number, the text."""
    h = hashlib.sha256()
    for deel in (vorige_hash, dossier, str(volgnummer), inhoud):
        h.update(deel.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def inhoudhash(zout: str, inhoud: str) -> str:
    """SHA-256 over a record's salt (hex) and its stored text: what version 2 chains."""
    h = hashlib.sha256(bytes.fromhex(zout))
    h.update(b"\x00")
    h.update(inhoud.encode("utf-8"))
    return h.hexdigest()


def ketenhash2(vorige_hash: str, dossier: str, volgnummer: int, inhoud_hash: str) -> str:
    """Version 2: SHA-256 over a tag, the previous hash, the id, the number, ``inhoud_hash``.

    The chain covers the record's salted digest, not its text, so the text can be erased.
    """
    h = hashlib.sha256()
    for deel in ("meldcode-keten-2", vorige_hash, dossier, str(volgnummer), inhoud_hash):
        h.update(deel.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def ketenhash3(
    vorige_hash: str, organisatie: str, dossier: str, volgnummer: int, inhoud_hash: str
) -> str:
    """Version 3: as ``ketenhash2``, with its own tag and the organisation the record belongs to.

    A record moved to another organisation in the database does not verify there.
    """
    h = hashlib.sha256()
    for deel in (
        "meldcode-keten-3",
        vorige_hash,
        organisatie,
        dossier,
        str(volgnummer),
        inhoud_hash,
    ):
        h.update(deel.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def _digesthash(r: Record, dossier: str, inhoud_hash: str) -> str:
    """The chain hash of a version-2 or -3 record over ``inhoud_hash``."""
    if r.versie == 2:
        return ketenhash2(r.vorige_hash, dossier, r.volgnummer, inhoud_hash)
    return ketenhash3(r.vorige_hash, r.organisatie, dossier, r.volgnummer, inhoud_hash)


def maak_record(
    *, dossier: str, organisatie: str, volgnummer: int, vorige_hash: str, inhoud: str
) -> Record:
    """A new record (``KETENVERSIE``) for ``inhoud`` with a fresh random salt."""
    zout = os.urandom(16).hex()
    digest = inhoudhash(zout, inhoud)
    return Record(
        dossier=dossier,
        volgnummer=volgnummer,
        inhoud=inhoud,
        vorige_hash=vorige_hash,
        hash=ketenhash3(vorige_hash, organisatie, dossier, volgnummer, digest),
        organisatie=organisatie,
        versie=KETENVERSIE,
        inhoud_hash=digest,
        zout=zout,
    )


def plaats(organisatie: str, dossier: str, volgnummer: int) -> str:
    """Where an event is, as the authenticated data of its encrypted fields.

    Every ciphertext is bound to this text: never change its form.
    """
    return f"organisatie {organisatie} dossier {dossier} gebeurtenis {volgnummer}"


@frozen(kw_only=True)
class Ketenfout:
    """A place where the stored records do not fit the chain.

    ``reden`` is Dutch (shown to professionals by ``controleer``), ``melding`` the same in
    English (for the technical error ``DossierGewijzigd``).
    """

    volgnummer: int
    reden: str
    melding: str = ""


def _json(inhoud: str) -> object:
    """A stored record decoded by the strict reader, or ``None`` when it cannot be."""
    try:
        return laad_json(inhoud)
    except OngeldigeInvoer:
        return None


def _wissingen(dossier: str, records: tuple[Record, ...]) -> list[Wissing]:
    """The tombstones among the records (unchecked: the chain check judges them)."""
    uit = []
    for r in records:
        if r.gewist:
            continue
        data = _json(r.inhoud)
        if is_grafsteen(data):
            try:
                uit.append(grafsteen_uit_dict(data, dossier=dossier, volgnummer=r.volgnummer))
            except OngeldigeInvoer:
                continue
    return uit


def _hash_klopt(dossier: str, r: Record) -> bool:
    if r.versie == 1:
        return ketenhash(r.vorige_hash, dossier, r.volgnummer, r.inhoud) == r.hash
    if r.inhoud_hash is None or r.zout is None:
        return False
    try:
        digest = inhoudhash(r.zout, r.inhoud)
    except ValueError:
        return False
    return digest == r.inhoud_hash and _digesthash(r, dossier, digest) == r.hash


_ONLEESBAAR = ("is onleesbaar", "is unreadable")
_HERSCHREVEN = ("is buiten meldcode herschreven", "was rewritten outside meldcode")
_GEWIJZIGD = ("is gewijzigd (hash klopt niet)", "was edited (its hash does not match)")


def _leesbaar(dossier: str, r: Record, na_wissing: bool) -> tuple[str, str] | None:
    """Why the record's content is not what meldcode wrote (Dutch, English), or ``None``.

    Encrypted fields are judged without the key: hidden (``VERBORGEN``), the event must still
    read, and writing it must give back what was read.
    """
    data = _json(r.inhoud)
    if not isinstance(data, dict):
        return _ONLEESBAAR
    if canoniek(data) != r.inhoud:
        return _HERSCHREVEN  # readable, but not the text meldcode writes for it
    if is_grafsteen(data):
        try:
            grafsteen_uit_dict(data, dossier=dossier, volgnummer=r.volgnummer)
        except OngeldigeInvoer:
            return _ONLEESBAAR
        return None
    if na_wissing:
        return ("volgt op de wissing van het dossier", "follows the erasure of the dossier")
    zichtbaar = ontsleutel_velden(data, None, "", tekst=False)
    try:
        gebeurtenis = gebeurtenis_uit_dict(zichtbaar)
    except OngeldigeInvoer:
        return _ONLEESBAAR
    if not zoals_geschreven(canoniek(zichtbaar), gebeurtenis):
        return _HERSCHREVEN
    return None


def _ketenfouten(dossier: str, records: tuple[Record, ...], kop: Kop | None) -> Iterator[Ketenfout]:
    genoemd: dict[int, tuple[int, str]] = {}
    for w in _wissingen(dossier, records):
        for n, h in w.gewist:
            genoemd.setdefault(n, (w.volgnummer, h))
    vorige = BEGIN_HASH
    na_wissing = False
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
        if r.versie not in _KETENVERSIES:
            yield Ketenfout(
                volgnummer=verwacht,
                reden=f"heeft een onbekende versie ({r.versie})",
                melding=f"has an unknown version ({r.versie})",
            )
            return
        wissing = genoemd.get(r.volgnummer)
        if r.gewist:
            if wissing is None:
                yield Ketenfout(
                    volgnummer=verwacht,
                    reden="is leeggemaakt zonder vastgelegde wissing",
                    melding="was emptied without a recorded erasure",
                )
                return
            herberekend = r.versie == 1 or (
                r.inhoud_hash is not None and _digesthash(r, dossier, r.inhoud_hash) == r.hash
            )
            if not herberekend or wissing[1] != r.hash:
                reden, melding = _GEWIJZIGD
                yield Ketenfout(volgnummer=verwacht, reden=reden, melding=melding)
                return
        else:
            if wissing is not None:
                yield Ketenfout(
                    volgnummer=verwacht,
                    reden=f"is niet gewist, maar gebeurtenis {wissing[0]} zegt dat het wel zo is",
                    melding=f"is not erased, though event {wissing[0]} says it is",
                )
                return
            if not _hash_klopt(dossier, r):
                reden, melding = _GEWIJZIGD
                yield Ketenfout(volgnummer=verwacht, reden=reden, melding=melding)
                return
            fout = _leesbaar(dossier, r, na_wissing)
            if fout is not None:
                yield Ketenfout(volgnummer=verwacht, reden=fout[0], melding=fout[1])
                return
            na_wissing = na_wissing or is_grafsteen(_json(r.inhoud))
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

    With a ``sleutel`` every new event's free text is encrypted at rest, and reading with
    ``tekst=True`` decrypts it; without one free text is stored as it is, and reading encrypted
    text raises ``SleutelFout``. ``tekst=False`` reads every event with its free text emptied,
    without a key: what counts or checks structure never sees free text.
    """

    def __init__(
        self,
        opslag: Opslag,
        *,
        organisatie: str = STANDAARD_ORGANISATIE,
        sleutel: Tekstsleutel | None = None,
    ) -> None:
        valideer_organisatie(organisatie)
        self.opslag = opslag
        self.organisatie = organisatie
        self.sleutel = sleutel

    def _momentopname(self, dossier: str) -> tuple[tuple[Record, ...], Kop | None]:
        return self.opslag.momentopname(dossier, organisatie=self.organisatie)

    def records(self, dossier: str) -> tuple[Record, ...]:
        """The stored records of ``dossier`` in order (empty when this organisation has none)."""
        return self.opslag.records(dossier, organisatie=self.organisatie)

    def controleer_keten(self, dossier: str) -> tuple[Ketenfout, ...]:
        """Every place the stored chain is broken (empty: intact). Unknown dossier: an error.

        An erased dossier's chain is checked too: it verifies without the erased content.
        """
        records, kop = self._momentopname(dossier)
        if not records and kop is None:
            raise DossierNietGevonden(dossier)
        return tuple(_ketenfouten(dossier, records, kop))

    def _gebeurtenis(self, r: Record, *, tekst: bool | None) -> Gebeurtenis:
        data = _json(r.inhoud)
        if data is None:
            raise OngeldigeInvoer([Fout("", "<text>", "not valid JSON")])
        waar = plaats(self.organisatie, r.dossier, r.volgnummer)
        gebeurtenis = gebeurtenis_uit_dict(ontsleutel_velden(data, self.sleutel, waar, tekst=tekst))
        return zonder_vrije_tekst(gebeurtenis) if tekst is False else gebeurtenis

    def lees(self, dossier: str, *, controleer: bool = True, tekst: bool | None = True) -> Dossier:
        """The dossier as stored; ``DossierGewijzigd`` when its chain is broken.

        ``DossierGewist`` when it was erased. ``tekst=False``: free text hidden, no key needed;
        ``tekst=None``: encrypted text decrypted when the archive has the key, else hidden.
        """
        records, kop = self._momentopname(dossier)
        if not records and kop is None:
            raise DossierNietGevonden(dossier)
        if controleer:
            for fout in _ketenfouten(dossier, records, kop):
                raise DossierGewijzigd(dossier, fout.volgnummer, fout.melding or fout.reden)
        wissingen = _wissingen(dossier, records)
        if wissingen:
            w = wissingen[0]
            raise DossierGewist(dossier, w.datum.isoformat(), w.grond.value)
        return Dossier(
            id=dossier,
            gebeurtenissen=tuple(self._gebeurtenis(r, tekst=tekst) for r in records),
        )

    def lees_wat_leesbaar_is(
        self, dossier: str, *, tekst: bool | None = True
    ) -> tuple[tuple[Record, Gebeurtenis | None], ...]:
        """Every stored record with its event, or ``None`` where the record cannot be read.

        For showing a damaged dossier record by record (``controleer``, ``exporteer``);
        ``controleer_keten`` says what is wrong with it. An erased record and a tombstone are
        not events: ``None``. ``tekst=False`` hides free text (no key needed); with
        ``tekst=True`` a record whose text cannot be decrypted raises ``SleutelFout``.
        """
        records, kop = self._momentopname(dossier)
        if not records and kop is None:
            raise DossierNietGevonden(dossier)
        uit: list[tuple[Record, Gebeurtenis | None]] = []
        for r in records:
            try:
                uit.append((r, None if r.gewist else self._gebeurtenis(r, tekst=tekst)))
            except OngeldigeInvoer:
                uit.append((r, None))
        return tuple(uit)

    def wissing(self, dossier: str) -> Wissing | None:
        """The erasure of ``dossier`` as its tombstone records it, or ``None``."""
        records = self.records(dossier)
        if not records:
            raise DossierNietGevonden(dossier)
        wissingen = _wissingen(dossier, records)
        return wissingen[0] if wissingen else None

    def wissingen(self) -> tuple[Wissing, ...]:
        """Every erased dossier of this organisation, by id: the register of erasures.

        Keep it outside the backups: after restoring a backup made before an erasure, erase
        these dossiers again (``wis`` with the same ground).
        """
        uit = []
        for naam in self.dossiers():
            w = self.wissing(naam)
            if w is not None:
                uit.append(w)
        return tuple(uit)

    def hashes(self, dossier: str) -> tuple[str, ...]:
        """The stored hash of every event, in order (for an export that can be re-checked)."""
        return tuple(r.hash for r in self.records(dossier))

    def _record(self, dossier: str, volgnummer: int, vorige: str, data: dict[str, Any]) -> Record:
        return maak_record(
            dossier=dossier,
            organisatie=self.organisatie,
            volgnummer=volgnummer,
            vorige_hash=vorige,
            inhoud=canoniek(data),
        )

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
        ``StapOntbreekt``); an erased dossier takes nothing more (``DossierGewist``). ``na`` is
        the number of events the caller saw: when another writer appended meanwhile,
        ``VolgnummerConflict`` is raised and nothing is written. Without ``na`` a conflict is
        retried (up to ``pogingen`` times) against the new dossier, which is checked again.
        ``na`` above zero for a dossier this organisation does not have is
        ``DossierNietGevonden``.
        """
        _pseudoniem(dossier)
        for poging in range(max(1, pogingen)):
            records, kop = self._momentopname(dossier)
            if na and not records and kop is None:
                raise DossierNietGevonden(dossier)
            for fout in _ketenfouten(dossier, records, kop):
                raise DossierGewijzigd(dossier, fout.volgnummer, fout.melding or fout.reden)
            for w in _wissingen(dossier, records):
                raise DossierGewist(dossier, w.datum.isoformat(), w.grond.value)
            if na is not None and na != len(records):
                raise VolgnummerConflict(dossier, na, len(records))
            self._controleer_sleutel(dossier, records, gebeurtenis)
            huidig = Dossier(
                id=dossier,
                gebeurtenissen=tuple(self._gebeurtenis(r, tekst=False) for r in records),
            )
            huidig.voeg_toe(gebeurtenis)
            volgnummer = len(records) + 1
            vorige = records[-1].hash if records else BEGIN_HASH
            data = gebeurtenis_naar_dict(gebeurtenis)
            if self.sleutel is not None:
                waar = plaats(self.organisatie, dossier, volgnummer)
                versleutel_velden(data, vrije_tekstpaden(gebeurtenis), self.sleutel, waar)
            record = self._record(dossier, volgnummer, vorige, data)
            try:
                self.opslag.schrijf(record)
            except VolgnummerConflict:
                if na is not None or poging == max(1, pogingen) - 1:
                    raise
                continue
            return volgnummer
        raise AssertionError("unreachable")  # pragma: no cover

    def _controleer_sleutel(
        self, dossier: str, records: tuple[Record, ...], gebeurtenis: Gebeurtenis
    ) -> None:
        """One dossier, one key: no plain text into an encrypted dossier, no second key."""
        kenmerken: frozenset[str] = frozenset()
        for r in records:
            kenmerken |= sleutelkenmerken(_json(r.inhoud))
        if not kenmerken:
            return
        if self.sleutel is None:
            if zonder_vrije_tekst(gebeurtenis) != gebeurtenis:
                raise SleutelFout(
                    f"dossier {dossier!r} holds encrypted text: configure its key "
                    f"(${SLEUTELBESTAND_OMGEVING} or ${SLEUTEL_OMGEVING}) to add text to it"
                )
        elif kenmerken != {self.sleutel.kenmerk}:
            raise SleutelFout(
                f"dossier {dossier!r} is encrypted with another key (key id "
                f"{', '.join(sorted(kenmerken))}; this key {self.sleutel.kenmerk})"
            )

    def wis(
        self,
        dossier: str,
        *,
        grond: Wisgrond,
        op: dt.date,
        regel: str = "",
        profiel: str = "",
        opruimen: bool = True,
        pogingen: int = 3,
    ) -> Wissing:
        """Erase ``dossier``: empty every record and append a tombstone; the erasure.

        The chain must be intact (``DossierGewijzigd``: investigate first). The tombstone says
        when (``op``), on which ``grond``, which records were emptied (with their hashes), and,
        for a retention period, the ``regel`` and its ``profiel``. The chain verifies afterwards
        and shows the erasure. An erased dossier is not erased again: its erasure is returned.
        ``opruimen`` removes the residue from the store's files at once (``ruim_op``, whose
        answer is then not reported); a batch passes ``False`` and calls ``ruim_op`` once at the
        end.
        """
        _pseudoniem(dossier)
        if not isinstance(grond, Wisgrond):
            raise OngeldigeInvoer(
                [Fout("grond", f"<{type(grond).__name__}>", "grond must be a Wisgrond")]
            )
        if type(op) is not dt.date:
            raise OngeldigeInvoer([Fout("op", f"<{type(op).__name__}>", "op must be a date")])
        for poging in range(max(1, pogingen)):
            records, kop = self._momentopname(dossier)
            if not records and kop is None:
                raise DossierNietGevonden(dossier)
            for fout in _ketenfouten(dossier, records, kop):
                raise DossierGewijzigd(dossier, fout.volgnummer, fout.melding or fout.reden)
            for bestaand in _wissingen(dossier, records):
                return bestaand
            wissing = Wissing(
                dossier=dossier,
                datum=op,
                grond=grond,
                gewist=tuple((r.volgnummer, r.hash) for r in records),
                volgnummer=len(records) + 1,
                regel=regel,
                profiel=profiel,
            )
            grafsteen = self._record(
                dossier, wissing.volgnummer, records[-1].hash, grafsteen_naar_dict(wissing)
            )
            try:
                self.opslag.wis(grafsteen)
            except VolgnummerConflict:
                if poging == max(1, pogingen) - 1:
                    raise
                continue
            if opruimen:
                self.opslag.ruim_op()
            return wissing
        raise AssertionError("unreachable")  # pragma: no cover

    def ruim_op(self) -> bool:
        """Remove what is left of erased content in the store's files (see ``Opslag.ruim_op``)."""
        return self.opslag.ruim_op()

    def log_inzage(self, regel: Inzageregel) -> None:
        """Record an access export handed out (``regel.organisatie`` must be this one)."""
        if regel.organisatie != self.organisatie:
            raise OngeldigeInvoer(
                [Fout("organisatie", "<text>", "the log row belongs to another organisation")]
            )
        self.opslag.schrijf_inzage(regel)

    def inzagelog(self, dossier: str | None = None) -> tuple[Inzageregel, ...]:
        """The access-export log of this organisation (of one dossier), oldest first."""
        return self.opslag.inzagelog(organisatie=self.organisatie, dossier=dossier)

    def dossiers(self) -> tuple[str, ...]:
        """The ids of this organisation's stored dossiers (erased ones too)."""
        return self.opslag.dossiers(organisatie=self.organisatie)

    def sluit(self) -> None:
        """Close the underlying storage."""
        self.opslag.sluit()


def _pseudoniem(dossier: object) -> None:
    if not is_pseudoniem(dossier):
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

INVOEGEN = (
    "INSERT INTO gebeurtenissen (organisatie, dossier_id, volgnummer, inhoud, vorige_hash, hash, "
    "versie, inhoud_hash, zout) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
)
"""Append one record (``%s``: the values of ``invoegwaarden``)."""

LEEGMAKEN = (
    "UPDATE gebeurtenissen SET inhoud = '', zout = NULL "
    "WHERE organisatie = %s AND dossier_id = %s AND volgnummer < %s"
)
"""Erase the content and salt of a dossier's records before its tombstone."""


def invoegwaarden(record: Record) -> tuple[object, ...]:
    """The values of ``INVOEGEN`` for ``record``, in order."""
    return (
        record.organisatie,
        record.dossier,
        record.volgnummer,
        record.inhoud,
        record.vorige_hash,
        record.hash,
        record.versie,
        record.inhoud_hash,
        record.zout,
    )


def _leeg_args(grafsteen: Record) -> tuple[object, ...]:
    return (grafsteen.organisatie, grafsteen.dossier, grafsteen.volgnummer)


SCHEMA = (
    """CREATE TABLE IF NOT EXISTS gebeurtenissen (
        dossier_id TEXT NOT NULL,
        volgnummer INTEGER NOT NULL,
        inhoud TEXT NOT NULL,
        vorige_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        organisatie TEXT NOT NULL DEFAULT 'standaard',
        versie INTEGER NOT NULL DEFAULT 1,
        inhoud_hash TEXT,
        zout TEXT,
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

PRIVACY_KOLOMMEN = (
    ("versie", "versie INTEGER NOT NULL DEFAULT 1"),
    ("inhoud_hash", "inhoud_hash TEXT"),
    ("zout", "zout TEXT"),
)
"""The columns of the second hash scheme an older store's ``gebeurtenissen`` gets on opening.

Its records keep ``versie`` 1 and verify as before; nothing is rewritten.
"""


MOMENTOPNAME = (
    "SELECT d.lengte, d.laatste_hash, g.volgnummer, g.inhoud, g.vorige_hash, g.hash, "
    "g.versie, g.inhoud_hash, g.zout "
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
    for lengte, laatste, volgnummer, inhoud, vorige, h, versie, digest, zout in rijen:
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
                    versie=int(str(versie)),
                    inhoud_hash=None if digest is None else str(digest),
                    zout=None if zout is None else str(zout),
                )
            )
    return tuple(records), kop


class SqlLezer(SqlToegang, SqlInzagelog, SqlSessies):
    """The reading half of the ``Opslag`` port, shared by the SQL backends.

    With the API keys and the access log of ``SqlToegang``, the access-export log of
    ``SqlInzagelog`` and the walk-through's sessions of ``SqlSessies``.

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
            "SELECT volgnummer, inhoud, vorige_hash, hash, versie, inhoud_hash, zout "
            f"FROM gebeurtenissen WHERE organisatie = {p} AND dossier_id = {p} "
            "ORDER BY volgnummer",
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
                versie=versie,
                inhoud_hash=digest,
                zout=zout,
            )
            for v, i, vh, h, versie, digest, zout in rijen
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

    A new file is created readable and writable by its owner only. ``secure_delete`` is on:
    content that is overwritten or deleted is zeroed in the file, and ``ruim_op`` rebuilds the
    file (``VACUUM``) and truncates the write-ahead log, so no copy of erased text is left in
    the database's files.

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
        # erased content is zeroed in the file instead of left in free space
        self._conn.execute("PRAGMA secure_delete=ON")
        self._conn.execute(f"PRAGMA busy_timeout={int(wachttijd * 1000)}")
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            for sql in SCHEMA:
                self._conn.execute(sql)
            for tabel in ("gebeurtenissen", "dossiers"):
                kolommen = {r[1] for r in self._conn.execute(f"PRAGMA table_info({tabel})")}
                if "organisatie" not in kolommen:
                    # a store from before organisations: its dossiers are the default one's
                    self._conn.execute(f"ALTER TABLE {tabel} ADD COLUMN {ORGANISATIE_KOLOM}")
            kolommen = {r[1] for r in self._conn.execute("PRAGMA table_info(gebeurtenissen)")}
            for naam, kolom in PRIVACY_KOLOMMEN:
                if naam not in kolommen:
                    self._conn.execute(f"ALTER TABLE gebeurtenissen ADD COLUMN {kolom}")
            for sql in SCHEMA:
                self._sleutel_met_organisatie(sql)
            for sql in (*SCHEMA_TOEGANG, *SCHEMA_INZAGE, *SCHEMA_SESSIES):
                self._conn.execute(sql)
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise

    def _sleutel_met_organisatie(self, sql: str) -> None:
        """Rebuild the table of ``sql`` if its primary key does not start with the organisation.

        A store from before organisations keys its dossiers by id alone: another organisation
        could then not use an id the first one has, and would learn that it exists. SQLite
        cannot change a primary key in place, so the table is copied into the current form
        (inside the opening transaction: all or nothing).
        """
        tabel = sql.split("EXISTS", 1)[1].split("(", 1)[0].strip()
        info = list(self._conn.execute(f"PRAGMA table_info({tabel})"))
        if any(r[1] == "organisatie" and r[5] == 1 for r in info):
            return
        kolommen = ", ".join(r[1] for r in info)
        self._conn.execute(f"ALTER TABLE {tabel} RENAME TO {tabel}_oud")
        self._conn.execute(sql)
        self._conn.execute(f"INSERT INTO {tabel} ({kolommen}) SELECT {kolommen} FROM {tabel}_oud")
        self._conn.execute(f"DROP TABLE {tabel}_oud")

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

    def dossiers(self, *, organisatie: str = STANDAARD_ORGANISATIE) -> tuple[str, ...]:
        """The ids of the organisation's dossiers with a head or an event."""
        with _sqlite(self.pad):
            return super().dossiers(organisatie=organisatie)

    def schrijf(self, record: Record) -> None:
        """Append one record and move the head in one fsync'd transaction."""
        with _sqlite(self.pad):
            self._schrijf(record, wis=False)

    def wis(self, grafsteen: Record) -> None:
        """Empty the dossier's earlier records and append the tombstone, in one transaction."""
        with _sqlite(self.pad):
            self._schrijf(grafsteen, wis=True)

    def ruim_op(self) -> bool:
        """Rebuild the file and truncate the WAL: no copy of erased content is left in them.

        ``False`` when another connection kept the file busy: the erasure itself stands, but
        old copies may remain in the files until ``ruim_op`` is run again and succeeds.
        """
        with _sqlite(self.pad):
            try:
                self._conn.execute("VACUUM")
            except sqlite3.OperationalError:  # another connection holds the file
                return False
            # waits (busy_timeout) for readers of older snapshots to finish, then empties the WAL
            bezet = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        return not bezet

    def _schrijf(self, record: Record, *, wis: bool) -> None:
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
            if wis:
                conn.execute(LEEGMAKEN.replace("%s", "?"), _leeg_args(record))
            conn.execute(INVOEGEN.replace("%s", "?"), invoegwaarden(record))
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
