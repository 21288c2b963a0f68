"""Retention, access exports and encrypted free text on every backend."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import attrs
import pytest

from meldcode.adapters.opslag.archief import Archief, Opslag, SQLiteOpslag
from meldcode.adapters.opslag.versleuteling import VERBORGEN, Tekstsleutel
from meldcode.adapters.opslag.wissing import Wisgrond
from meldcode.adapters.privacy import inzage, opschonen, verlopen
from meldcode.domain.dossier import DossierGesloten, Uitzondering
from meldcode.domain.waarden import Protocol
from meldcode.errors import DossierGewist, OngeldigeInvoer, SleutelFout
from meldcode.rules.bewaartermijn import Bewaarmoment, Bewaartermijn
from meldcode.rules.inzage import Aanvrager
from meldcode.rules.profiel import Profiel
from meldcode.testing.dossier import volledig_voorbeeld
from tests.privacy.hulp import voorbeeld_met_teksten

D = dt.date
NU = dt.datetime(2026, 6, 5, 10, 0, tzinfo=dt.UTC)
TERMIJN = Bewaartermijn(vanaf=Bewaarmoment.DOSSIER_GESLOTEN, jaren=5, grondslag="Reglement")
PROFIEL = Profiel(
    naam="school",
    titel="School",
    bron="x",
    protocollen=frozenset({Protocol.P2019}),
    bewaartermijn=TERMIJN,
)


def _gesloten_op(datum: dt.date) -> tuple[object, ...]:
    *rest, sluiten = volledig_voorbeeld()
    assert isinstance(sluiten, DossierGesloten)
    return (*rest, attrs.evolve(sluiten, datum=datum))


def _vul(archief: Archief) -> None:
    for g in _gesloten_op(D(2026, 6, 1)):
        archief.voeg_toe("lln-juni", g)  # type: ignore[arg-type]
    for g in _gesloten_op(D(2026, 9, 1)):
        archief.voeg_toe("lln-sept", g)  # type: ignore[arg-type]
    for g in volledig_voorbeeld()[:3]:
        archief.voeg_toe("lln-open", g)


def test_retention_with_an_injected_clock_on_every_backend(opslag: Opslag) -> None:
    """At each date exactly the closed dossiers whose five years are over; erased ones drop out."""
    archief = Archief(opslag)
    _vul(archief)

    def namen(op: dt.date) -> list[str]:
        return [s.dossier for s in verlopen(archief, TERMIJN, op=op).verlopen]

    assert namen(D(2031, 5, 31)) == []
    assert namen(D(2031, 6, 1)) == ["lln-juni"]
    assert namen(D(2031, 9, 1)) == ["lln-juni", "lln-sept"]
    assert namen(D(2099, 1, 1)) == ["lln-juni", "lln-sept"]  # open ones never

    overzicht, wissingen, opgeruimd = opschonen(archief, PROFIEL, op=D(2031, 6, 15))

    assert [w.dossier for w in wissingen] == ["lln-juni"]
    assert opgeruimd
    (w,) = wissingen
    assert (w.grond, w.datum, w.regel, w.profiel) == (
        Wisgrond.BEWAARTERMIJN,
        D(2031, 6, 15),
        "5 jaar na het sluiten van het dossier",
        "school",
    )
    assert [s.dossier for s in overzicht.verlopen] == ["lln-juni"]
    assert namen(D(2031, 9, 1)) == ["lln-sept"]
    assert archief.controleer_keten("lln-juni") == ()
    with pytest.raises(DossierGewist):
        archief.lees("lln-juni")
    assert len(archief.lees("lln-open")) == 3


def test_a_broken_chain_is_not_judged_and_not_erased(sqlite_pad: str) -> None:
    """A dossier whose records were changed outside meldcode is reported, never erased."""
    import sqlite3

    archief = Archief(SQLiteOpslag(sqlite_pad))
    _vul(archief)
    conn = sqlite3.connect(sqlite_pad)
    conn.execute(
        "UPDATE gebeurtenissen SET inhoud = replace(inhoud, 'gymzaal', 'aula') "
        "WHERE dossier_id = 'lln-juni' AND volgnummer = 1"
    )
    conn.commit()
    conn.close()

    overzicht, wissingen, _ = opschonen(archief, PROFIEL, op=D(2040, 1, 1))

    assert [w.dossier for w in wissingen] == ["lln-sept"]
    assert [(x.dossier, x.reden) for x in overzicht.overgeslagen] == [
        ("lln-juni", "keten verbroken bij gebeurtenis 1")
    ]


def test_every_access_export_is_logged_without_free_text(opslag: Opslag) -> None:
    """One row per export: when, which dossier, for whom, which form, withheld kinds, hash."""
    teksten = [f"TEKST{i:02d} Jan de Vries" for i in range(40)]
    gebeurtenissen, gebruikt = voorbeeld_met_teksten(teksten)
    archief = Archief(opslag)
    for g in gebeurtenissen:
        archief.voeg_toe("lln-1", g)

    html = inzage(archief, "lln-1", Aanvrager.OUDER, op=NU.date(), tijd=NU)
    later = NU + dt.timedelta(minutes=5)
    data = inzage(
        archief, "lln-1", Aanvrager.LEERLING, op=NU.date(), tijd=later, formaat="json", leeftijd=16
    )

    log = archief.inzagelog("lln-1")
    assert [(r.tijd, r.aanvrager, r.formaat) for r in log] == [
        (NU, "ouder", "html"),
        (later, "leerling", "json"),
    ]
    assert log[0].document_hash == hashlib.sha256(html.encode()).hexdigest()
    assert log[1].document_hash == hashlib.sha256(data.encode()).hexdigest()
    assert log[0].achtergehouden == ("melder", "werkaantekening")
    assert json.loads(data)["dossier"] == "lln-1"
    rijen = repr(log)
    assert not any(t in rijen for t in gebruikt)
    assert "Jan de Vries" not in rijen
    assert archief.inzagelog("lln-2") == ()
    assert Archief(opslag, organisatie="ander").inzagelog() == ()


def test_a_parents_copy_after_a_report_for_safety_must_be_weighed_first(opslag: Opslag) -> None:
    """Refused, naming the confirmation, and nothing is logged; with it, exported and logged."""
    archief = Archief(opslag)
    gebeurtenissen = list(volledig_voorbeeld())
    gebeurtenissen[9] = attrs.evolve(gebeurtenissen[9], uitzondering=Uitzondering.VEILIGHEID)
    for g in gebeurtenissen:
        archief.voeg_toe("lln-1", g)

    with pytest.raises(OngeldigeInvoer) as info:
        inzage(archief, "lln-1", Aanvrager.OUDER, op=NU.date(), tijd=NU)
    assert info.value.veld == "veiligheid_afgewogen"
    assert archief.inzagelog() == ()

    inzage(archief, "lln-1", Aanvrager.OUDER, op=NU.date(), tijd=NU, veiligheid_afgewogen=True)
    assert len(archief.inzagelog()) == 1


def test_access_to_an_erased_dossier_says_it_was_erased(opslag: Opslag) -> None:
    """The document holds the date and ground, nothing of the content; it is logged too."""
    archief = Archief(opslag)
    for g in volledig_voorbeeld():
        archief.voeg_toe("lln-1", g)
    archief.wis("lln-1", grond=Wisgrond.VERZOEK, op=D(2027, 1, 5))

    data = json.loads(
        inzage(archief, "lln-1", Aanvrager.OUDER, op=D(2027, 2, 1), tijd=NU, formaat="json")
    )

    assert data["gewist"] == {"datum": "2027-01-05", "grond": "verzoek"}
    assert data["gebeurtenissen"] == []
    assert len(archief.inzagelog("lln-1")) == 1


def test_encrypted_free_text_on_every_backend(opslag: Opslag) -> None:
    """With the key the text comes back; without it the structure reads, the text does not."""
    sleutel = Tekstsleutel.nieuw()
    met = Archief(opslag, sleutel=sleutel)
    for g in volledig_voorbeeld():
        met.voeg_toe("lln-1", g)

    assert met.lees("lln-1").gebeurtenissen == volledig_voorbeeld()
    assert all("gymzaal" not in r.inhoud for r in met.records("lln-1"))
    zonder = Archief(opslag)
    assert zonder.controleer_keten("lln-1") == ()
    with pytest.raises(SleutelFout) as info:
        zonder.lees("lln-1")
    assert "lln-1" in str(info.value)
    verborgen = zonder.lees("lln-1", tekst=False)
    assert verborgen.gebeurtenissen[0].plaats == VERBORGEN  # type: ignore[union-attr]
    with pytest.raises(SleutelFout, match="holds encrypted text"):
        zonder.voeg_toe("lln-1", volledig_voorbeeld()[0])
    with pytest.raises(SleutelFout, match="another key"):
        Archief(opslag, sleutel=Tekstsleutel.nieuw()).voeg_toe("lln-1", volledig_voorbeeld()[0])
    with pytest.raises(SleutelFout):
        Archief(opslag, sleutel=Tekstsleutel.nieuw()).lees("lln-1")


def test_the_sqlite_file_holds_no_plain_free_text_when_a_key_is_configured(
    sqlite_pad: str,
) -> None:
    """Encrypted at rest: the raw file does not contain the text, before any erasure."""
    teksten = [f"GEHEIM{i:02d} Zoë van 't Hof" for i in range(40)]
    gebeurtenissen, gebruikt = voorbeeld_met_teksten(teksten)
    archief = Archief(SQLiteOpslag(sqlite_pad), sleutel=Tekstsleutel.nieuw())
    for g in gebeurtenissen:
        archief.voeg_toe("lln-1", g)
    archief.sluit()

    ruw = b"".join(p.read_bytes() for p in Path(sqlite_pad).parent.glob("dossiers.sqlite3*"))
    assert not [t for t in gebruikt if t.encode() in ruw]
    assert "Zoë".encode() not in ruw


def test_a_rechained_edit_of_an_encrypted_record_is_found_without_the_key(
    sqlite_pad: str,
) -> None:
    """A key added to a record with encrypted text, the chain recomputed: still an edit."""
    import sqlite3

    from meldcode.adapters.json.dossier import canoniek
    from meldcode.adapters.opslag.archief import BEGIN_HASH, inhoudhash, ketenhash2

    archief = Archief(SQLiteOpslag(sqlite_pad), sleutel=Tekstsleutel.nieuw())
    for g in volledig_voorbeeld()[:4]:
        archief.voeg_toe("lln-1", g)
    conn = sqlite3.connect(sqlite_pad)
    vorige = BEGIN_HASH
    for volgnummer, inhoud, zout in conn.execute(
        "SELECT volgnummer, inhoud, zout FROM gebeurtenissen ORDER BY volgnummer"
    ).fetchall():
        if volgnummer == 2:
            inhoud = canoniek({**json.loads(inhoud), "bijlage": "x"})
        digest = inhoudhash(zout, inhoud)
        h = ketenhash2(vorige, "lln-1", volgnummer, digest)
        conn.execute(
            "UPDATE gebeurtenissen SET inhoud = ?, inhoud_hash = ?, vorige_hash = ?, hash = ? "
            "WHERE volgnummer = ?",
            (inhoud, digest, vorige, h, volgnummer),
        )
        vorige = h
    conn.execute("UPDATE dossiers SET laatste_hash = ?", (vorige,))
    conn.commit()
    conn.close()

    (fout,) = Archief(SQLiteOpslag(sqlite_pad)).controleer_keten("lln-1")
    assert fout.volgnummer == 2
    assert fout.melding in ("is unreadable", "was rewritten outside meldcode")
