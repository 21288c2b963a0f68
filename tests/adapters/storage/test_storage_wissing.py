"""Erasure keeps the chain honest: content gone from the files, chain intact, tombstone says so."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meldcode.adapters.json.dossier import canoniek, gebeurtenis_naar_dict
from meldcode.adapters.opslag.archief import (
    BEGIN_HASH,
    KETENVERSIE,
    Archief,
    Opslag,
    SQLiteOpslag,
    ketenhash,
)
from meldcode.adapters.opslag.versleuteling import Tekstsleutel
from meldcode.adapters.opslag.wissing import GRAFSTEEN, Wisgrond
from meldcode.errors import DossierGewijzigd, DossierGewist, DossierNietGevonden
from meldcode.testing.dossier import volledig_voorbeeld, voorbeeld_dossier
from tests.privacy.hulp import unieke_teksten, voorbeeld_met_teksten

OP = dt.date(2031, 7, 1)


def _ruw(pad: Path) -> bytes:
    """Every byte of the database and its companion files, free pages included."""
    return b"".join(p.read_bytes() for p in sorted(pad.parent.glob(pad.name + "*")) if p.is_file())


def _vormen(tekst: str) -> tuple[bytes, ...]:
    """The text as UTF-8 and as it stands inside stored JSON (control characters escaped)."""
    return tekst.encode("utf-8"), json.dumps(tekst, ensure_ascii=False)[1:-1].encode("utf-8")


def _sqlite_archief(pad: Path, sleutel: Tekstsleutel | None = None) -> Archief:
    return Archief(SQLiteOpslag(pad), sleutel=sleutel)


@settings(max_examples=12, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(teksten=unieke_teksten(), versleuteld=st.booleans())
def test_after_erasure_no_byte_of_the_erased_text_is_in_the_sqlite_files(
    teksten: list[str], versleuteld: bool
) -> None:
    """The erased dossier's free text and names are nowhere in the raw files; the kept one's are.

    The kept dossier shows that the raw read does find text that is there (without a key).
    """
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / "dossiers.sqlite3"
        sleutel = Tekstsleutel.nieuw() if versleuteld else None
        archief = _sqlite_archief(pad, sleutel)
        weg, weg_teksten = voorbeeld_met_teksten(teksten[:20])
        blijft, blijft_teksten = voorbeeld_met_teksten(teksten[20:])
        for g in weg:
            archief.voeg_toe("lln-weg", g)
        for g in blijft:
            archief.voeg_toe("lln-blijft", g)
        voor = archief.hashes("lln-weg")

        wissing = archief.wis("lln-weg", grond=Wisgrond.VERZOEK, op=OP)
        archief.sluit()

        ruw = _ruw(pad)
        for tekst in weg_teksten:
            assert not any(vorm in ruw for vorm in _vormen(tekst))
            assert tekst[:15].encode("utf-8") not in ruw  # the marker alone neither
        if not versleuteld:
            assert all(_vormen(t)[1] in ruw for t in blijft_teksten)
        else:
            assert not any(vorm in ruw for t in blijft_teksten for vorm in _vormen(t))
        archief = _sqlite_archief(pad, sleutel)
        assert archief.controleer_keten("lln-weg") == ()
        assert archief.controleer_keten("lln-blijft") == ()
        assert archief.hashes("lln-weg")[: len(voor)] == voor
        assert wissing.gewist == tuple(enumerate(voor, start=1))
        assert (wissing.datum, wissing.grond, wissing.volgnummer) == (
            OP,
            Wisgrond.VERZOEK,
            len(voor) + 1,
        )
        assert archief.wissing("lln-weg") == wissing
        assert len(archief.lees("lln-blijft")) == len(blijft)
        archief.sluit()


def test_without_secure_delete_and_vacuum_an_update_leaves_the_text_in_the_file(
    tmp_path: Path,
) -> None:
    """Why the store zeroes and rebuilds: SQLite's free space keeps overwritten text otherwise.

    The same raw read as above finds the text after a plain ``UPDATE`` (checkpointed into the
    file), and does not after the same update with ``secure_delete`` and ``VACUUM``.
    """
    tekst = "Jan de Vries vertelde over blauwe plekken " * 3

    def schrijf_en_leeg(pad: Path, veilig: bool) -> bytes:
        conn = sqlite3.connect(pad, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"PRAGMA secure_delete={'ON' if veilig else 'OFF'}")
        conn.execute("CREATE TABLE t (x TEXT)")
        conn.execute("INSERT INTO t VALUES (?)", (tekst,))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("UPDATE t SET x = ''")
        if veilig:
            conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        return _ruw(pad)

    # the freed cell keeps most of the text (its last bytes are reused for bookkeeping)
    stuk = tekst[:80].encode()
    assert stuk in schrijf_en_leeg(tmp_path / "gewoon.sqlite3", veilig=False)
    assert stuk not in schrijf_en_leeg(tmp_path / "veilig.sqlite3", veilig=True)


def test_the_store_turns_secure_delete_on(sqlite_pad: str) -> None:
    """Every connection of the store zeroes deleted content."""
    opslag = SQLiteOpslag(sqlite_pad)
    try:
        assert opslag._conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    finally:
        opslag.sluit()


def test_an_erased_store_file_stays_readable_by_its_owner_only(sqlite_pad: str) -> None:
    """VACUUM rewrites the file in place: its mode stays 0600."""
    archief = _sqlite_archief(Path(sqlite_pad))
    for g in volledig_voorbeeld():
        archief.voeg_toe("lln-1", g)
    archief.wis("lln-1", grond=Wisgrond.VERZOEK, op=OP)
    archief.sluit()

    for p in Path(sqlite_pad).parent.glob(Path(sqlite_pad).name + "*"):
        assert os.stat(p).st_mode & 0o777 == 0o600, p.name


def test_erasure_on_every_backend(opslag: Opslag) -> None:
    """The chain verifies after erasure, shows it, and the dossier can no longer be read."""
    archief = Archief(opslag)
    for g in volledig_voorbeeld():
        archief.voeg_toe("lln-0042", g)
    for g in volledig_voorbeeld()[:2]:
        archief.voeg_toe("lln-0043", g)

    wissing = archief.wis(
        "lln-0042", grond=Wisgrond.BEWAARTERMIJN, op=OP, regel="5 jaar", profiel="school"
    )

    assert archief.controleer_keten("lln-0042") == ()
    records = archief.records("lln-0042")
    assert all(r.inhoud == "" and r.zout is None for r in records[:-1])
    grafsteen = json.loads(records[-1].inhoud)
    assert grafsteen["soort"] == GRAFSTEEN
    assert (grafsteen["datum"], grafsteen["grond"]) == ("2031-07-01", "bewaartermijn")
    assert [x["volgnummer"] for x in grafsteen["gewist"]] == list(range(1, 13))
    assert (grafsteen["regel"], grafsteen["profiel"]) == ("5 jaar", "school")
    with pytest.raises(DossierGewist) as info:
        archief.lees("lln-0042")
    assert (info.value.datum, info.value.grond) == ("2031-07-01", "bewaartermijn")
    assert isinstance(info.value, DossierNietGevonden)
    with pytest.raises(DossierGewist):
        archief.voeg_toe("lln-0042", volledig_voorbeeld()[0])
    assert archief.wis("lln-0042", grond=Wisgrond.VERZOEK, op=OP) == wissing
    assert archief.wissingen() == (wissing,)
    assert archief.lees("lln-0043") == voorbeeld_dossier().__class__(
        id="lln-0043", gebeurtenissen=volledig_voorbeeld()[:2]
    )


def test_erasing_an_unknown_dossier_is_an_error(opslag: Opslag) -> None:
    """Nothing to erase: ``DossierNietGevonden``, and nothing is written."""
    archief = Archief(opslag)

    with pytest.raises(DossierNietGevonden):
        archief.wis("lln-9", grond=Wisgrond.VERZOEK, op=OP)
    assert archief.dossiers() == ()


def _leeg(pad: str, volgnummer: int) -> None:
    conn = sqlite3.connect(pad)
    conn.execute(
        "UPDATE gebeurtenissen SET inhoud = '', zout = NULL WHERE volgnummer = ?", (volgnummer,)
    )
    conn.commit()
    conn.close()


def test_emptying_a_record_without_a_tombstone_is_tampering(sqlite_pad: str) -> None:
    """An erasure outside meldcode is detected: no tombstone names the emptied record."""
    archief = _sqlite_archief(Path(sqlite_pad))
    for g in volledig_voorbeeld():
        archief.voeg_toe("lln-1", g)

    _leeg(sqlite_pad, 4)

    fouten = archief.controleer_keten("lln-1")
    assert [(f.volgnummer, f.reden) for f in fouten] == [
        (4, "is leeggemaakt zonder vastgelegde wissing")
    ]
    with pytest.raises(DossierGewijzigd):
        archief.lees("lln-1")
    with pytest.raises(DossierGewijzigd):
        archief.wis("lln-1", grond=Wisgrond.VERZOEK, op=OP)


def test_a_tombstone_over_content_that_is_still_there_is_reported(sqlite_pad: str) -> None:
    """A tombstone claims erasure: a record it names that still has content breaks the chain."""
    archief = _sqlite_archief(Path(sqlite_pad))
    for g in volledig_voorbeeld()[:3]:
        archief.voeg_toe("lln-1", g)
    oud = {r.volgnummer: r for r in archief.records("lln-1")}
    archief.wis("lln-1", grond=Wisgrond.VERZOEK, op=OP)
    conn = sqlite3.connect(sqlite_pad)
    conn.execute(
        "UPDATE gebeurtenissen SET inhoud = ?, zout = ? WHERE volgnummer = 2",
        (oud[2].inhoud, oud[2].zout),
    )
    conn.commit()
    conn.close()

    (fout,) = archief.controleer_keten("lln-1")
    assert fout.volgnummer == 2
    assert "niet gewist" in fout.reden


def test_a_changed_tombstone_is_detected(sqlite_pad: str) -> None:
    """The tombstone is chained like any record: editing its ground breaks its hash."""
    archief = _sqlite_archief(Path(sqlite_pad))
    for g in volledig_voorbeeld()[:3]:
        archief.voeg_toe("lln-1", g)
    archief.wis("lln-1", grond=Wisgrond.BEWAARTERMIJN, op=OP)
    conn = sqlite3.connect(sqlite_pad)
    conn.execute(
        "UPDATE gebeurtenissen SET inhoud = replace(inhoud, 'bewaartermijn', 'verzoek') "
        "WHERE volgnummer = 4"
    )
    conn.commit()
    conn.close()

    (fout,) = archief.controleer_keten("lln-1")
    assert (fout.volgnummer, fout.reden) == (4, "is gewijzigd (hash klopt niet)")


def _oude_winkel(pad: str, dossier: str, n: int) -> list[str]:
    """A store as meldcode wrote it before organisations and erasure: version-1 records."""
    conn = sqlite3.connect(pad)
    conn.execute(
        "CREATE TABLE gebeurtenissen (dossier_id TEXT NOT NULL, volgnummer INTEGER NOT NULL, "
        "inhoud TEXT NOT NULL, vorige_hash TEXT NOT NULL, hash TEXT NOT NULL, "
        "PRIMARY KEY (dossier_id, volgnummer))"
    )
    conn.execute(
        "CREATE TABLE dossiers (dossier_id TEXT PRIMARY KEY, lengte INTEGER NOT NULL, "
        "laatste_hash TEXT NOT NULL)"
    )
    vorige = BEGIN_HASH
    hashes = []
    for i, g in enumerate(volledig_voorbeeld()[:n], start=1):
        inhoud = canoniek(gebeurtenis_naar_dict(g))
        h = ketenhash(vorige, dossier, i, inhoud)
        conn.execute(
            "INSERT INTO gebeurtenissen VALUES (?, ?, ?, ?, ?)", (dossier, i, inhoud, vorige, h)
        )
        vorige = h
        hashes.append(h)
    conn.execute("INSERT INTO dossiers VALUES (?, ?, ?)", (dossier, n, vorige))
    conn.commit()
    conn.close()
    return hashes


def test_an_existing_store_keeps_verifying_and_can_be_erased(sqlite_pad: str) -> None:
    """Version-1 records are not rewritten: they verify as before and take new records after.

    An erasure keeps their hashes (the tombstone and the next record vouch for them).
    """
    oud = _oude_winkel(sqlite_pad, "lln-1", 4)
    archief = _sqlite_archief(Path(sqlite_pad))

    assert archief.controleer_keten("lln-1") == ()
    assert archief.hashes("lln-1") == tuple(oud)
    assert [r.versie for r in archief.records("lln-1")] == [1, 1, 1, 1]
    archief.voeg_toe("lln-1", volledig_voorbeeld()[4])
    assert [r.versie for r in archief.records("lln-1")] == [1, 1, 1, 1, KETENVERSIE]
    assert archief.lees("lln-1").gebeurtenissen == volledig_voorbeeld()[:5]

    archief.wis("lln-1", grond=Wisgrond.VERZOEK, op=OP)

    assert archief.controleer_keten("lln-1") == ()
    assert archief.hashes("lln-1")[:4] == tuple(oud)
    archief.sluit()
    assert b"blauwe plekken" not in _ruw(Path(sqlite_pad))


def test_an_erased_version_1_record_must_keep_the_hash_the_tombstone_recorded(
    sqlite_pad: str,
) -> None:
    """Without its text a version-1 record is vouched for by the tombstone: a new hash fails."""
    _oude_winkel(sqlite_pad, "lln-1", 3)
    archief = _sqlite_archief(Path(sqlite_pad))
    archief.wis("lln-1", grond=Wisgrond.VERZOEK, op=OP)
    conn = sqlite3.connect(sqlite_pad)
    conn.execute("UPDATE gebeurtenissen SET hash = ? WHERE volgnummer = 3", ("f" * 64,))
    conn.commit()
    conn.close()

    fouten = archief.controleer_keten("lln-1")
    assert fouten[0].volgnummer == 3


def test_a_record_after_the_tombstone_is_reported(sqlite_pad: str) -> None:
    """An erased dossier takes nothing more: a record appended behind meldcode's back is found."""
    archief = _sqlite_archief(Path(sqlite_pad))
    for g in volledig_voorbeeld()[:2]:
        archief.voeg_toe("lln-1", g)
    archief.wis("lln-1", grond=Wisgrond.VERZOEK, op=OP)
    # the port itself does not refuse: write a well-formed record after the tombstone
    from meldcode.adapters.opslag.archief import maak_record

    laatste = archief.records("lln-1")[-1]
    archief.opslag.schrijf(
        maak_record(
            dossier="lln-1",
            organisatie=laatste.organisatie,
            volgnummer=laatste.volgnummer + 1,
            vorige_hash=laatste.hash,
            inhoud=canoniek(gebeurtenis_naar_dict(volledig_voorbeeld()[0])),
        )
    )

    (fout,) = archief.controleer_keten("lln-1")
    assert (fout.volgnummer, fout.reden) == (4, "volgt op de wissing van het dossier")


def test_postgres_erasure_leaves_no_copy_in_the_table_files(postgres_url: str) -> None:
    """After ``VACUUM FULL`` the table's files hold none of the erased text (the WAL may)."""
    import psycopg

    from meldcode.adapters.opslag.postgres import PostgresOpslag

    tekst = "Fatima El Idrissi vertelde over de blauwe plekken"
    gebeurtenissen = tuple(
        attrs.evolve(g, situatie=tekst) if hasattr(g, "situatie") else g
        for g in volledig_voorbeeld()
    )
    archief = Archief(PostgresOpslag(postgres_url))
    for g in gebeurtenissen:
        archief.voeg_toe("lln-1", g)
    archief.voeg_toe("lln-2", gebeurtenissen[0])
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("CHECKPOINT")
        datamap = Path(conn.execute("SHOW data_directory").fetchone()[0])
        oid = conn.execute(
            "SELECT oid FROM pg_database WHERE datname = current_database()"
        ).fetchone()[0]

    def bestanden() -> bytes:
        return b"".join(
            p.read_bytes() for p in (datamap / "base" / str(oid)).iterdir() if p.is_file()
        )

    assert bestanden().count(tekst.encode()) >= 2  # the raw read finds text that is there

    archief.wis("lln-1", grond=Wisgrond.VERZOEK, op=OP)
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("CHECKPOINT")

    assert archief.controleer_keten("lln-1") == ()
    assert bestanden().count(tekst.encode()) == 1  # lln-2's signal only
    archief.sluit()


def test_a_busy_store_says_the_residue_is_not_yet_removed(sqlite_pad: str) -> None:
    """A reader on an older snapshot keeps the WAL: ``ruim_op`` says so, and succeeds later."""
    archief = Archief(SQLiteOpslag(sqlite_pad, wachttijd=0.2))
    for g in volledig_voorbeeld():
        archief.voeg_toe("lln-1", g)
    lezer = sqlite3.connect(sqlite_pad, isolation_level=None)
    lezer.execute("BEGIN")
    lezer.execute("SELECT count(*) FROM gebeurtenissen").fetchone()

    archief.wis("lln-1", grond=Wisgrond.VERZOEK, op=OP, opruimen=False)

    assert archief.ruim_op() is False
    lezer.execute("COMMIT")
    lezer.close()
    assert archief.ruim_op() is True
    archief.sluit()
    assert b"blauwe plekken" not in _ruw(Path(sqlite_pad))
