"""``meldcode privacy ...`` end to end: retention, erasure, access, the key from the environment."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from meldcode.adapters.cli.main import main
from meldcode.adapters.opslag.versleuteling import (
    SLEUTEL_OMGEVING,
    SLEUTELBESTAND_OMGEVING,
    Tekstsleutel,
)

ROOT = Path(__file__).resolve().parents[2]
STAPPEN = sorted((ROOT / "examples" / "dossier").glob("*.json"))
PROFIEL = str(ROOT / "examples" / "privacy" / "school.toml")


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.delenv(SLEUTEL_OMGEVING, raising=False)
    monkeypatch.delenv(SLEUTELBESTAND_OMGEVING, raising=False)
    pad = str(tmp_path / "dossiers.sqlite3")
    for stap in STAPPEN:  # closed on 2026-06-01
        assert main(["dossier", "toevoegen", "lln-0042", str(stap), "--db", pad]) == 0
    assert main(["dossier", "toevoegen", "lln-0043", str(STAPPEN[0]), "--db", pad]) == 0
    return pad


def _json(capsys: pytest.CaptureFixture[str]) -> object:
    return json.loads(capsys.readouterr().out)


def test_verlopen_lists_the_dossiers_past_the_profiles_period(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--op`` is the clock: the day before the end none, on it the closed dossier."""
    capsys.readouterr()
    basis = ["privacy", "verlopen", "--profiel", PROFIEL, "--db", db]

    assert main([*basis, "--op", "2031-05-31", "--json"]) == 0
    assert _json(capsys)["verlopen"] == []  # type: ignore[index]
    assert main([*basis, "--op", "2031-06-01"]) == 0
    uit = capsys.readouterr().out
    assert "5 jaar na het sluiten van het dossier" in uit
    assert "Grondslag: Privacyreglement Voorbeeldschool" in uit
    assert "lln-0042  termijn van 2026-06-01 verstreken op 2031-06-01" in uit
    assert "lln-0043" not in uit


def test_opschonen_erases_only_when_confirmed(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Without ``--bevestig`` it shows; with it the dossier is erased and the chain shows it."""
    capsys.readouterr()
    basis = ["privacy", "opschonen", "--profiel", PROFIEL, "--db", db, "--op", "2031-07-01"]

    assert main(basis) == 0
    assert "Niets gewist" in capsys.readouterr().out
    assert main(["dossier", "toon", "lln-0042", "--db", db]) == 0
    capsys.readouterr()

    assert main([*basis, "--bevestig", "--json"]) == 0
    data = _json(capsys)
    assert [w["dossier"] for w in data["gewist"]] == ["lln-0042"]  # type: ignore[index]
    assert data["opgeruimd"] is True  # type: ignore[index]

    assert main(["controleer", "lln-0042", "--db", db, "--json"]) == 0
    controle = _json(capsys)
    assert controle["keten"]["intact"] is True  # type: ignore[index]
    assert controle["gewist"]["grond"] == "bewaartermijn"  # type: ignore[index]
    assert controle["gewist"]["gewist"] == list(range(1, 13))  # type: ignore[index]
    assert main(["dossier", "toon", "lln-0042", "--db", db]) == 1
    assert "was erased on 2031-07-01" in capsys.readouterr().err
    assert main(["exporteer", "lln-0042", "--db", db]) == 0
    export = _json(capsys)
    assert export["gewist"]["grond"] == "bewaartermijn"  # type: ignore[index]
    assert all(g["gebeurtenis"] is None for g in export["gebeurtenissen"])  # type: ignore[index]
    assert main(["privacy", "wissingen", "--db", db]) == 0
    assert capsys.readouterr().out == "lln-0042  gewist op 2031-07-01  grond: bewaartermijn\n"


def test_wis_needs_confirmation_and_records_the_request(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An honoured request: ground ``verzoek``, the date given, the chain intact."""
    with pytest.raises(SystemExit) as info:
        main(["privacy", "wis", "lln-0043", "--db", db])
    assert info.value.code == 2
    capsys.readouterr()

    assert main(["privacy", "wis", "lln-0043", "--db", db, "--op", "2026-07-01", "--bevestig"]) == 0
    assert "gewist op 2026-07-01" in capsys.readouterr().out
    assert main(["privacy", "opruimen", "--db", db]) == 0
    assert "Opgeruimd" in capsys.readouterr().out
    assert main(["controleer", "lln-0043", "--db", db]) == 0
    uit = capsys.readouterr().out
    assert "Keten intact" in uit
    assert "GEWIST op 2026-07-01: op verzoek van een betrokkene" in uit


def test_inzage_writes_a_private_file_and_logs_it(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """HTML to a 0600 file, JSON to stdout; both in the log; a pupil under 16 is refused."""
    uit = tmp_path / "inzage.html"
    capsys.readouterr()

    assert (
        main(["privacy", "inzage", "lln-0042", "--voor", "ouder", "--db", db, "-o", str(uit)]) == 0
    )
    assert os.stat(uit).st_mode & 0o777 == 0o600
    html = uit.read_text(encoding="utf-8")
    assert "Inzage in het meldcodedossier lln-0042" in html
    assert "blauwe plekken op beide bovenarmen" in html
    assert "eigen waarneming" not in html

    assert main(["privacy", "inzage", "lln-0042", "--voor", "leerling", "--leeftijd", "16",
                 "--formaat", "json", "--db", db]) == 0  # fmt: skip
    assert _json(capsys)["aanvrager"] == "leerling"  # type: ignore[index]
    assert main(["privacy", "inzage", "lln-0042", "--voor", "leerling", "--leeftijd", "15",
                 "--db", db]) == 1  # fmt: skip
    assert "leeftijd" in capsys.readouterr().err

    assert main(["privacy", "inzagelog", "--db", db, "--json"]) == 0
    log = _json(capsys)
    assert [(r["aanvrager"], r["formaat"]) for r in log] == [  # type: ignore[union-attr]
        ("ouder", "html"),
        ("leerling", "json"),
    ]


def test_the_complete_export_is_logged_too(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """``exporteer`` (for the inspectorate) withholds nothing: it is logged as ``volledig``."""
    assert main(["exporteer", "lln-0042", "--db", db]) == 0
    export = capsys.readouterr().out

    assert main(["privacy", "inzagelog", "lln-0042", "--db", db, "--json"]) == 0
    (regel,) = _json(capsys)  # type: ignore[misc]
    assert regel["aanvrager"] == "volledig"
    canoniek = json.dumps(
        json.loads(export), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert regel["document_hash"] == hashlib.sha256(canoniek.encode()).hexdigest()


def test_the_commands_never_create_a_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pointing at a missing store is bad input, and no empty file appears."""
    pad = tmp_path / "geen.sqlite3"

    assert main(["privacy", "wissingen", "--db", str(pad)]) == 1
    assert "no dossier store here" in capsys.readouterr().err
    assert not pad.exists()


def test_a_bad_leaving_date_names_its_dossier(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--uitschrijvingen``: every bad entry named, nothing judged."""
    bestand = tmp_path / "uit.json"
    bestand.write_text(json.dumps({"lln-0042": "vorig jaar"}), encoding="utf-8")

    status = main(["privacy", "verlopen", "--profiel", PROFIEL, "--db", db,
                   "--uitschrijvingen", str(bestand)])  # fmt: skip

    assert status == 1
    assert "uitschrijvingen.lln-0042 must be a date" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("inhoud", "verwacht"),
    [
        (b'{"lln-0042": "2022-07-01", "lln-0042": "2026-07-01"}', "duplicate key"),
        (b'{"lln-0042": "2022-07-01"\xff}', "not valid UTF-8"),
        (b'{"lln-0042": }', "not valid JSON"),
        (b"", "empty input"),
        (b"[" * 100 + b"]" * 100, "nested more than"),
        (b'["lln-0042"]', "must be a JSON object"),
    ],
    ids=["dubbel", "geen-utf8", "geen-json", "leeg", "diep", "lijst"],
)
def test_a_damaged_leaving_dates_file_is_refused_before_anything_is_judged(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], inhoud: bytes, verwacht: str
) -> None:
    """Read by the strict reader: a dossier named twice would make one of its dates a guess."""
    bestand = tmp_path / "uit.json"
    bestand.write_bytes(inhoud)

    status = main(["privacy", "verlopen", "--profiel", PROFIEL, "--db", db,
                   "--uitschrijvingen", str(bestand)])  # fmt: skip

    fout = capsys.readouterr().err
    assert status == 1
    assert "uitschrijvingen" in fout
    assert verwacht in fout
    assert "Traceback" not in fout


def test_a_profile_without_a_period_is_told_to_state_one(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The shipped profiles state none: the message says what to add."""
    assert main(["privacy", "verlopen", "--profiel", "fedra", "--db", db]) == 1
    assert "states no bewaartermijn" in capsys.readouterr().err


def test_the_key_from_the_environment_encrypts_what_the_cli_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A key file made by ``privacy sleutel``; text readable with it; state and counts without."""
    sleutel = tmp_path / "sleutel"
    pad = str(tmp_path / "dossiers.sqlite3")
    assert main(["privacy", "sleutel", str(sleutel)]) == 0
    assert os.stat(sleutel).st_mode & 0o777 == 0o600
    monkeypatch.setenv(SLEUTELBESTAND_OMGEVING, str(sleutel))
    for stap in STAPPEN:
        assert main(["dossier", "toevoegen", "lln-0042", str(stap), "--db", pad]) == 0
    ruw = b"".join(p.read_bytes() for p in tmp_path.glob("dossiers.sqlite3*"))
    assert b"blauwe plekken" not in ruw
    assert main(["exporteer", "lln-0042", "--db", pad]) == 0
    assert "blauwe plekken" in capsys.readouterr().out

    monkeypatch.delenv(SLEUTELBESTAND_OMGEVING)
    assert main(["exporteer", "lln-0042", "--db", pad]) == 1
    fout = capsys.readouterr().err
    assert "no key is configured" in fout
    assert "blauwe" not in fout
    assert main(["dossier", "toon", "lln-0042", "--db", pad]) == 0
    assert main(["controleer", "lln-0042", "--db", pad]) == 0
    assert "Geen bevindingen" in capsys.readouterr().out
    assert main(["evaluatie", "--db", pad, "--json", "--op", "2026-12-31"]) == 0
    assert "blauwe" not in capsys.readouterr().out

    monkeypatch.setenv(SLEUTEL_OMGEVING, Tekstsleutel.nieuw().tekst())
    assert main(["exporteer", "lln-0042", "--db", pad]) == 1
    assert "another key" in capsys.readouterr().err


def test_the_evaluation_figures_never_contain_free_text(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Counts only: no description, place or deliberation of a case in the figures."""
    capsys.readouterr()

    assert main(["evaluatie", "--db", db, "--json", "--op", "2026-12-31"]) == 0
    uit = capsys.readouterr().out

    for stap in STAPPEN:
        for waarde in json.loads(stap.read_text(encoding="utf-8")).values():
            if isinstance(waarde, str) and " " in waarde:
                assert waarde not in uit
    assert "blauwe plekken" not in uit
    assert "lln-0042" not in uit
