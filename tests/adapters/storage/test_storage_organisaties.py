"""Tenant isolation in the store, API keys and the access log, on every backend."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from meldcode.adapters.opslag.archief import (
    BEGIN_HASH,
    KETENVERSIE,
    STANDAARD_ORGANISATIE,
    Archief,
    Opslag,
    SQLiteOpslag,
    ketenhash,
    ketenhash2,
    open_opslag,
)
from meldcode.adapters.opslag.toegang import (
    Toegang,
    Toegangsopslag,
    controleer_sleutel,
    maak_sleutel,
)
from meldcode.errors import DossierNietGevonden, OngeldigeInvoer
from meldcode.testing.dossier import volledig_voorbeeld, voorbeeld_dossier

NU = dt.datetime(2026, 5, 18, 9, 30, tzinfo=dt.UTC)


def test_another_organisations_dossier_is_not_found(opslag: Opslag) -> None:
    """Reading, checking, listing and appending after its events: as if it did not exist."""
    a = Archief(opslag, organisatie="bestuur-a")
    b = Archief(opslag, organisatie="bestuur-b")
    for g in volledig_voorbeeld()[:3]:
        a.voeg_toe("lln-0042", g)

    with pytest.raises(DossierNietGevonden):
        b.lees("lln-0042")
    with pytest.raises(DossierNietGevonden):
        b.controleer_keten("lln-0042")
    with pytest.raises(DossierNietGevonden):
        b.voeg_toe("lln-0042", volledig_voorbeeld()[3], na=3)
    assert b.dossiers() == ()
    assert b.records("lln-0042") == ()
    assert len(a.lees("lln-0042")) == 3


def test_a_dossier_moved_to_another_organisation_in_the_database_no_longer_verifies(
    sqlite_pad: str,
) -> None:
    """The chain (version 3) covers the organisation: rewriting the column is an edit."""
    a = Archief(SQLiteOpslag(sqlite_pad), organisatie="bestuur-a")
    for g in volledig_voorbeeld()[:3]:
        a.voeg_toe("lln-0042", g)
    assert {r.versie for r in a.records("lln-0042")} == {KETENVERSIE}
    conn = sqlite3.connect(sqlite_pad)
    for tabel in ("gebeurtenissen", "dossiers"):
        conn.execute(f"UPDATE {tabel} SET organisatie = 'bestuur-b'")
    conn.commit()
    conn.close()

    fouten = Archief(SQLiteOpslag(sqlite_pad), organisatie="bestuur-b").controleer_keten("lln-0042")

    assert [f.volgnummer for f in fouten] == [1]
    assert "hash" in fouten[0].melding


def test_records_of_the_previous_hash_scheme_keep_verifying(sqlite_pad: str) -> None:
    """Version-2 records (written before the organisation was chained) verify as they are."""
    a = Archief(SQLiteOpslag(sqlite_pad), organisatie="bestuur-a")
    for g in volledig_voorbeeld()[:3]:
        a.voeg_toe("lln-0042", g)
    conn = sqlite3.connect(sqlite_pad)
    vorige = BEGIN_HASH
    rijen = conn.execute(
        "SELECT volgnummer, inhoud_hash FROM gebeurtenissen ORDER BY volgnummer"
    ).fetchall()
    for volgnummer, digest in rijen:
        h = ketenhash2(vorige, "lln-0042", volgnummer, digest)
        conn.execute(
            "UPDATE gebeurtenissen SET versie = 2, vorige_hash = ?, hash = ? WHERE volgnummer = ?",
            (vorige, h, volgnummer),
        )
        vorige = h
    conn.execute("UPDATE dossiers SET laatste_hash = ?", (vorige,))
    conn.commit()
    conn.close()

    archief = Archief(SQLiteOpslag(sqlite_pad), organisatie="bestuur-a")
    assert archief.controleer_keten("lln-0042") == ()
    assert archief.voeg_toe("lln-0042", volledig_voorbeeld()[3], na=3) == 4
    assert [r.versie for r in archief.records("lln-0042")] == [2, 2, 2, KETENVERSIE]
    assert archief.controleer_keten("lln-0042") == ()


def test_two_organisations_may_use_the_same_dossier_id(opslag: Opslag) -> None:
    """Each has its own chain under the same id; neither sees or changes the other's."""
    a = Archief(opslag, organisatie="bestuur-a")
    b = Archief(opslag, organisatie="bestuur-b")
    for g in volledig_voorbeeld():
        a.voeg_toe("lln-0042", g)

    b.voeg_toe("lln-0042", volledig_voorbeeld()[0], na=0)

    assert voorbeeld_dossier() == a.lees("lln-0042")
    assert len(b.lees("lln-0042")) == 1
    assert a.controleer_keten("lln-0042") == ()
    assert b.controleer_keten("lln-0042") == ()
    assert a.dossiers() == b.dossiers() == ("lln-0042",)


def test_the_default_organisation_is_the_command_lines(opslag: Opslag) -> None:
    """An archive without an organisation works in ``STANDAARD_ORGANISATIE``."""
    Archief(opslag).voeg_toe("lln-1", volledig_voorbeeld()[0])

    assert Archief(opslag, organisatie=STANDAARD_ORGANISATIE).dossiers() == ("lln-1",)
    assert Archief(opslag, organisatie="bestuur-a").dossiers() == ()


@pytest.mark.parametrize("naam", ["", "De Regenboog", "a/b", "x" * 65, "../etc"])
def test_an_organisation_name_is_a_plain_identifier(naam: str) -> None:
    """Spaces, slashes and empty names are refused, without echoing the value."""
    from tests.adapters.storage.fake import GeheugenOpslag

    with pytest.raises(OngeldigeInvoer) as info:
        Archief(GeheugenOpslag(), organisatie=naam)

    assert info.value.veld == "organisatie"


# --- a store from before organisations ------------------------------------------------------

OUD_SCHEMA = (
    "CREATE TABLE gebeurtenissen (dossier_id TEXT NOT NULL, volgnummer INTEGER NOT NULL, "
    "inhoud TEXT NOT NULL, vorige_hash TEXT NOT NULL, hash TEXT NOT NULL, "
    "PRIMARY KEY (dossier_id, volgnummer))",
    "CREATE TABLE dossiers (dossier_id TEXT PRIMARY KEY, lengte INTEGER NOT NULL, "
    "laatste_hash TEXT NOT NULL)",
)


def _vul_oud(execute: object, param: str) -> None:
    from meldcode.adapters.json.dossier import canoniek, gebeurtenis_naar_dict

    run = execute  # a DB-API execute
    vorige = BEGIN_HASH
    for n, g in enumerate(volledig_voorbeeld()[:2], start=1):
        inhoud = canoniek(gebeurtenis_naar_dict(g))
        h = ketenhash(vorige, "lln-oud", n, inhoud)
        run(  # type: ignore[operator]
            f"INSERT INTO gebeurtenissen VALUES ({param}, {param}, {param}, {param}, {param})",
            ("lln-oud", n, inhoud, vorige, h),
        )
        vorige = h
    run(  # type: ignore[operator]
        f"INSERT INTO dossiers VALUES ({param}, {param}, {param})", ("lln-oud", 2, vorige)
    )


def _controleer_oud(adres: str) -> None:
    """Open the old store twice: the first opening migrates, the second changes nothing."""
    for lengte in (2, 3):
        opslag = open_opslag(adres)
        try:
            standaard = Archief(opslag)
            assert len(standaard.lees("lln-oud")) == lengte
            assert standaard.controleer_keten("lln-oud") == ()
            ander = Archief(opslag, organisatie="bestuur-b")
            if lengte == 2:
                assert "lln-oud" not in ander.dossiers()
            else:  # the second opening: bestuur-b's own lln-oud, apart from the first
                assert len(ander.lees("lln-oud")) == 1
            if lengte == 2:
                assert standaard.voeg_toe("lln-oud", volledig_voorbeeld()[2], na=2) == 3
                nieuw = Archief(opslag, organisatie="bestuur-b")
                # the old key was the dossier id alone: another organisation may use it now
                assert nieuw.voeg_toe("lln-oud", volledig_voorbeeld()[0]) == 1
                assert nieuw.controleer_keten("lln-oud") == ()
        finally:
            opslag.sluit()


def test_a_sqlite_store_from_before_organisations_opens_in_the_default_one(
    sqlite_pad: str,
) -> None:
    """The column is added on opening; the old dossiers and their chains are intact."""
    conn = sqlite3.connect(sqlite_pad)
    for sql in OUD_SCHEMA:
        conn.execute(sql)
    _vul_oud(conn.execute, "?")
    conn.commit()
    conn.close()

    _controleer_oud(sqlite_pad)


def test_a_postgres_store_from_before_organisations_opens_in_the_default_one(
    postgres_url: str,
) -> None:
    """The column is added and the primary keys take the organisation in."""
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as conn:
        for sql in OUD_SCHEMA:
            conn.execute(sql)
        _vul_oud(conn.execute, "%s")

    _controleer_oud(postgres_url)
    opslag = open_opslag(postgres_url)
    a = Archief(opslag, organisatie="bestuur-a")
    a.voeg_toe("lln-oud", volledig_voorbeeld()[0])  # the same id, another organisation
    assert len(Archief(opslag).lees("lln-oud")) == 3
    opslag.sluit()


# --- keys and the access log ----------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgres"])
def toegang(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Toegangsopslag]:
    """The keys-and-log port on each SQL backend."""
    if request.param == "sqlite":
        o = SQLiteOpslag(tmp_path / "d.sqlite3")
    else:
        from meldcode.adapters.opslag.postgres import PostgresOpslag

        o = PostgresOpslag(request.getfixturevalue("postgres_url"))
    yield o
    o.sluit()


def test_a_key_is_stored_only_as_its_hash_and_found_by_its_text(toegang: Toegangsopslag) -> None:
    """The key text is nowhere in the store; the text finds the key, a changed one does not."""
    tekst, sleutel = maak_sleutel(toegang, "bestuur-a", op=NU)

    assert controleer_sleutel(toegang, tekst) == sleutel
    assert sleutel.organisatie == "bestuur-a"
    assert tekst.split("_", 2)[2] not in repr(toegang.sleutels())
    assert controleer_sleutel(toegang, tekst[:-1] + ("A" if tekst[-1] != "A" else "B")) is None
    assert controleer_sleutel(toegang, "") is None
    assert controleer_sleutel(toegang, f"mc_{sleutel.sleutel_id}_") is None


def test_a_revoked_key_is_refused_and_kept(toegang: Toegangsopslag) -> None:
    """Revoking once works, twice reports nothing to do; the record stays for the log."""
    tekst, sleutel = maak_sleutel(toegang, "bestuur-a", op=NU)
    ander, _ = maak_sleutel(toegang, "bestuur-b", op=NU)

    assert toegang.trek_sleutel_in(sleutel.sleutel_id, op=NU) is True
    assert toegang.trek_sleutel_in(sleutel.sleutel_id, op=NU) is False
    assert toegang.trek_sleutel_in("000000000000", op=NU) is False
    assert controleer_sleutel(toegang, tekst) is None
    assert controleer_sleutel(toegang, ander) is not None
    [bewaard] = toegang.sleutels(organisatie="bestuur-a")
    assert bewaard.ingetrokken == NU
    assert len(toegang.sleutels()) == 2


def test_the_access_log_reads_back_per_organisation_and_dossier(
    toegang: Toegangsopslag,
) -> None:
    """Rows come back in time order, filtered by organisation and by dossier."""
    rijen = [
        Toegang(
            tijd=NU + dt.timedelta(seconds=i),
            organisatie=org,
            sleutel_id="0123456789ab",
            handeling=handeling,
            status=status,
            dossier=dossier,
            volgnummer=volgnummer,
        )
        for i, (org, handeling, dossier, volgnummer, status) in enumerate(
            [
                ("bestuur-a", "schrijven", "lln-1", 1, 201),
                ("bestuur-b", "lezen", "lln-1", None, 404),
                ("bestuur-a", "lezen", "lln-1", None, 200),
                ("bestuur-a", "lijst", None, None, 200),
            ]
        )
    ]
    for r in reversed(rijen):
        toegang.schrijf_toegang(r)

    assert toegang.toegangen() == tuple(rijen)
    assert toegang.toegangen(organisatie="bestuur-a") == (rijen[0], rijen[2], rijen[3])
    assert toegang.toegangen(organisatie="bestuur-a", dossier="lln-1") == (rijen[0], rijen[2])
