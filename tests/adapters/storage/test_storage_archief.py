"""The archive on every backend: append, read back, optimistic concurrency, tamper detection."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from meldcode.adapters.opslag.archief import (
    BEGIN_HASH,
    STANDAARD_ORGANISATIE,
    Archief,
    Opslag,
    Record,
    SQLiteOpslag,
    inhoudhash,
    ketenhash,
    ketenhash3,
)
from meldcode.domain.dossier import EvaluatieGehouden, MeldingGedaan
from meldcode.domain.waarden import Oordeel
from meldcode.errors import (
    DossierGewijzigd,
    DossierNietGevonden,
    OngeldigeInvoer,
    StapOntbreekt,
    VolgnummerConflict,
)
from meldcode.testing.dossier import volledig_voorbeeld, voorbeeld_dossier


def test_an_appended_dossier_reads_back_equal(opslag: Opslag) -> None:
    """Every event comes back as it was appended, in order, with an intact chain."""
    archief = Archief(opslag)

    nummers = [archief.voeg_toe("lln-0042", g) for g in volledig_voorbeeld()]

    assert list(range(1, len(volledig_voorbeeld()) + 1)) == nummers
    assert voorbeeld_dossier() == archief.lees("lln-0042")
    assert archief.controleer_keten("lln-0042") == ()
    assert archief.dossiers() == ("lln-0042",)


def test_the_step_progression_is_checked_before_writing(opslag: Opslag) -> None:
    """A refused event leaves nothing behind."""
    archief = Archief(opslag)
    archief.voeg_toe("lln-1", volledig_voorbeeld()[0])

    with pytest.raises(StapOntbreekt) as info:
        archief.voeg_toe(
            "lln-1", EvaluatieGehouden(datum=dt.date(2026, 3, 3), hulp_resultaat=Oordeel.JA)
        )

    assert info.value.ontbreekt == "hulp_afgesproken"
    assert len(archief.lees("lln-1")) == 1


def test_a_stale_writer_gets_a_conflict_and_writes_nothing(opslag: Opslag) -> None:
    """Optimistic concurrency: ``na`` must match the number of stored events."""
    archief = Archief(opslag)
    archief.voeg_toe("lln-1", volledig_voorbeeld()[0])

    with pytest.raises(VolgnummerConflict) as info:
        archief.voeg_toe("lln-1", volledig_voorbeeld()[1], na=0)

    assert (info.value.verwacht, info.value.gevonden) == (0, 1)
    assert len(archief.lees("lln-1")) == 1


def test_the_port_refuses_a_record_with_a_taken_volgnummer(opslag: Opslag) -> None:
    """Two writers that read the same length: the second ``schrijf`` fails, nothing is lost."""
    archief = Archief(opslag)
    archief.voeg_toe("lln-1", volledig_voorbeeld()[0])
    eerste = opslag.records("lln-1")[0]
    dubbel = Record(
        dossier="lln-1",
        volgnummer=1,
        inhoud=eerste.inhoud,
        vorige_hash=BEGIN_HASH,
        hash=ketenhash(BEGIN_HASH, "lln-1", 1, eerste.inhoud),
    )

    with pytest.raises(VolgnummerConflict):
        opslag.schrijf(dubbel)

    assert (eerste,) == opslag.records("lln-1")


def test_an_unknown_dossier_is_reported(opslag: Opslag) -> None:
    """Reading a dossier that was never written is an error naming it."""
    with pytest.raises(DossierNietGevonden, match="lln-404"):
        Archief(opslag).lees("lln-404")


def test_a_name_is_refused_as_dossier_id(opslag: Opslag) -> None:
    """Dossiers are keyed by a pseudonymous id; the refused value is not echoed."""
    with pytest.raises(OngeldigeInvoer) as info:
        Archief(opslag).voeg_toe("Jan de Vries", volledig_voorbeeld()[0])

    assert "Jan" not in str(info.value)


def _sqlite(tmp_path: object) -> tuple[Archief, str]:
    pad = f"{tmp_path}/d.sqlite3"
    archief = Archief(SQLiteOpslag(pad))
    for g in volledig_voorbeeld():
        archief.voeg_toe("lln-0042", g)
    return archief, pad


def _sql(pad: str, opdracht: str) -> None:
    conn = sqlite3.connect(pad)
    conn.execute(opdracht)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("opdracht", "volgnummer"),
    [
        (
            "UPDATE gebeurtenissen SET inhoud = replace(inhoud, '\"ondertekend\":true', "
            "'\"ondertekend\":false') WHERE volgnummer = 3",
            3,
        ),
        ("DELETE FROM gebeurtenissen WHERE volgnummer = 5", 5),
        ("DELETE FROM gebeurtenissen WHERE volgnummer = 12", 12),
        ("UPDATE gebeurtenissen SET hash = 'x' || substr(hash, 2) WHERE volgnummer = 7", 7),
        ("UPDATE dossiers SET lengte = 11", 12),
    ],
)
def test_tampering_outside_meldcode_is_detected(
    tmp_path: object, opdracht: str, volgnummer: int
) -> None:
    """Editing, deleting (also the last event) or rewriting a hash breaks the chain."""
    archief, pad = _sqlite(tmp_path)

    _sql(pad, opdracht)

    fouten = archief.controleer_keten("lln-0042")
    assert volgnummer == fouten[0].volgnummer
    with pytest.raises(DossierGewijzigd):
        archief.lees("lln-0042")
    with pytest.raises(DossierGewijzigd):
        archief.voeg_toe("lln-0042", volledig_voorbeeld()[0])


def test_a_consistently_rehashed_edit_needs_the_published_head(tmp_path: object) -> None:
    """Rewriting the whole chain is not detected by the chain alone: compare the last hash.

    This is why ``meldcode controleer`` prints the last hash, to be kept outside the store.
    """
    archief, pad = _sqlite(tmp_path)
    voor = archief.hashes("lln-0042")[-1]
    records = archief.opslag.records("lln-0042")
    vorige = BEGIN_HASH
    conn = sqlite3.connect(pad)
    for r in records:
        inhoud = r.inhoud.replace("gymzaal", "klaslokaal")
        assert r.zout is not None
        digest = inhoudhash(r.zout, inhoud)
        h = ketenhash3(vorige, STANDAARD_ORGANISATIE, "lln-0042", r.volgnummer, digest)
        conn.execute(
            "UPDATE gebeurtenissen SET inhoud=?, inhoud_hash=?, vorige_hash=?, hash=? "
            "WHERE volgnummer=?",
            (inhoud, digest, vorige, h, r.volgnummer),
        )
        vorige = h
    conn.execute("UPDATE dossiers SET laatste_hash=?", (vorige,))
    conn.commit()
    conn.close()

    assert archief.controleer_keten("lln-0042") == ()
    assert voor != archief.hashes("lln-0042")[-1]


def test_the_sqlite_store_uses_wal_and_full_sync(sqlite_pad: str) -> None:
    """Each append is durable: WAL journal and synchronous=FULL (2)."""
    opslag = SQLiteOpslag(sqlite_pad)
    conn = opslag._conn

    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    opslag.sluit()


def test_two_archives_on_one_file_see_each_others_appends(sqlite_pad: str) -> None:
    """A second connection sees the first one's commit and conflicts on a stale ``na``."""
    a = Archief(SQLiteOpslag(sqlite_pad))
    b = Archief(SQLiteOpslag(sqlite_pad))
    a.voeg_toe("lln-1", volledig_voorbeeld()[0])
    b.voeg_toe("lln-1", volledig_voorbeeld()[1], na=1)

    with pytest.raises(VolgnummerConflict):
        a.voeg_toe("lln-1", MeldingGedaan(datum=dt.date(2026, 3, 5), spoed=True), na=1)

    assert len(a.lees("lln-1")) == 2


def test_a_new_sqlite_store_is_readable_by_its_owner_only(sqlite_pad: str) -> None:
    """Data about children: mode 0600 for the database and its WAL."""
    import os
    import stat

    archief = Archief(SQLiteOpslag(sqlite_pad))
    archief.voeg_toe("lln-1", volledig_voorbeeld()[0])

    for pad in (sqlite_pad, f"{sqlite_pad}-wal"):
        assert stat.S_IMODE(os.stat(pad).st_mode) == 0o600
    archief.sluit()
