"""The dossier commands: walk the example through all five steps, check, export, tamper."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from meldcode.adapters.cli.dossier import EXIT_BEVINDINGEN, EXIT_GEWIJZIGD
from meldcode.adapters.cli.main import main
from meldcode.adapters.json.dossier import gebeurtenis_uit_json
from meldcode.adapters.opslag.toegang import aanvrager_cli
from meldcode.testing.dossier import volledig_voorbeeld

VOORBEELDEN = Path(__file__).resolve().parents[2] / "examples" / "dossier"
STAPPEN = sorted(VOORBEELDEN.glob("*.json"))


def test_the_example_files_are_the_complete_example() -> None:
    """The CLI example and the API example record the same dossier."""
    assert tuple(gebeurtenis_uit_json(p.read_text(encoding="utf-8")) for p in STAPPEN) == (
        volledig_voorbeeld()
    )


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "dossiers.sqlite3")


def toevoegen(db: str, *paden: Path) -> None:
    for pad in paden:
        assert main(["dossier", "toevoegen", "lln-0042", str(pad), "--db", db]) == 0


def test_the_example_walks_through_all_five_steps(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Step by step from the command line, ending closed, intact and without findings."""
    toevoegen(db, *STAPPEN[:6])
    assert main(["dossier", "toon", "lln-0042", "--db", db, "--op", "2026-05-18"]) == 0
    halverwege = capsys.readouterr().out
    toevoegen(db, *STAPPEN[6:])
    capsys.readouterr()

    status = main(["controleer", "lln-0042", "--db", db])
    uit = capsys.readouterr().out

    assert "Bereikt: stap 5 (beslissen)" in halverwege
    assert "uiterlijk 2026-05-15 (na gebeurtenis 6) — VERLOPEN" in halverwege
    assert status == 0
    assert "Keten intact" in uit
    assert "Geen bevindingen" in uit


def test_the_state_as_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """``toon --json`` gives step, deadlines with status and the decision in contract form."""
    toevoegen(db, *STAPPEN[:10])
    capsys.readouterr()

    main(["dossier", "toon", "lln-0042", "--db", db, "--op", "2026-05-28", "--json"])
    t = json.loads(capsys.readouterr().out)

    assert t["stap"] == 5
    assert [(x["soort"], x["uiterlijk"], x["status"]) for x in t["termijnen"]] == [
        ("hulp_resultaat", "2026-05-15", "voldaan"),
        ("veilig_thuis_besluit", "2026-05-27", "verlopen"),
    ]
    assert t["besluit"]["melden"] is True


def test_a_refused_event_names_the_missing_step(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 1 and a message that names the step; nothing is written."""
    toevoegen(db, STAPPEN[0])

    status = main(["dossier", "toevoegen", "lln-0042", str(STAPPEN[4]), "--db", db])

    assert status == 1
    assert "stap 4 is missing" in capsys.readouterr().err


def test_controleer_lists_the_findings_per_event(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A conversation report without outcome or signature: two findings on event 3."""
    gesprek = json.loads(STAPPEN[2].read_text(encoding="utf-8"))
    del gesprek["uitkomst"], gesprek["ondertekend"]
    pad = tmp_path / "gesprek.json"
    pad.write_text(json.dumps([gesprek]), encoding="utf-8")
    toevoegen(db, *STAPPEN[:2], pad)
    capsys.readouterr()

    status = main(["controleer", "lln-0042", "--db", db, "--json"])
    uit = json.loads(capsys.readouterr().out)

    assert status == EXIT_BEVINDINGEN
    assert [(b["volgnummer"], b["controle"]) for b in uit["bevindingen"]] == [
        (3, "registratie.gesprek.uitkomst"),
        (3, "registratie.gesprek.ondertekend"),
    ]
    assert uit["keten"]["intact"] is True


def test_controleer_detects_tampering(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """An edit made directly in the database: exit 4 and the event named."""
    toevoegen(db, *STAPPEN)
    conn = sqlite3.connect(db)
    conn.execute(
        "UPDATE gebeurtenissen SET inhoud = replace(inhoud, 'ja', 'nee') WHERE volgnummer = 4"
    )
    conn.commit()
    conn.close()
    capsys.readouterr()

    status = main(["controleer", "lln-0042", "--db", db])

    assert status == EXIT_GEWIJZIGD
    assert "gebeurtenis 4 is gewijzigd" in capsys.readouterr().out


def test_exporteer_writes_the_whole_dossier(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The export holds every event with its hash, the state and the findings."""
    toevoegen(db, *STAPPEN)
    uitvoer = tmp_path / "export.json"

    status = main(["exporteer", "lln-0042", "--db", db, "--op", "2026-06-01", "-o", str(uitvoer)])
    export = json.loads(uitvoer.read_text(encoding="utf-8"))

    assert status == 0
    assert export["dossier"] == "lln-0042"
    assert [g["volgnummer"] for g in export["gebeurtenissen"]] == list(range(1, 13))
    assert export["gebeurtenissen"][0]["gebeurtenis"]["signaal"]["omschrijving"] == (
        "blauwe plekken op beide bovenarmen"
    )
    assert export["keten"]["laatste_hash"] == export["gebeurtenissen"][-1]["hash"]
    assert export["toestand"]["gesloten"] is True
    assert export["bevindingen"] == []
    assert uitvoer.stat().st_mode & 0o077 == 0


def test_an_unknown_dossier_is_an_error_not_a_traceback(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 1 with the pseudonymous id named."""
    status = main(["controleer", "lln-404", "--db", db])

    assert status == 1
    assert "lln-404" in capsys.readouterr().err


def test_a_bad_event_file_names_the_field_without_echoing_free_text(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name typed where a role belongs is refused and not shown."""
    pad = tmp_path / "fout.json"
    pad.write_text(
        json.dumps(
            {
                "soort": "signaal_vastgelegd",
                "datum": "2026-03-02",
                "signaal": {"soort": "verwaarlozing", "omschrijving": 7},
                "aanwezigen": ["Juf Marieke"],
            }
        ),
        encoding="utf-8",
    )

    status = main(["dossier", "toevoegen", "lln-0042", str(pad), "--db", db])
    fout = capsys.readouterr().err

    assert status == 1
    assert "aanwezigen[0]" in fout
    assert "Marieke" not in fout


def test_lijst_lists_the_dossiers(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Pseudonymous ids only."""
    toevoegen(db, STAPPEN[0])
    capsys.readouterr()

    main(["dossier", "lijst", "--db", db])

    assert capsys.readouterr().out.split() == ["lln-0042"]


def test_controleer_reports_a_history_the_progression_refuses(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Records written straight through the port (chain intact) but out of order: exit 3."""
    from meldcode.adapters.json.dossier import canoniek, gebeurtenis_naar_dict
    from meldcode.adapters.opslag.archief import BEGIN_HASH, Record, SQLiteOpslag, ketenhash

    opslag = SQLiteOpslag(db)
    vorige = BEGIN_HASH
    for nummer, g in enumerate((volledig_voorbeeld()[0], volledig_voorbeeld()[4]), start=1):
        inhoud = canoniek(gebeurtenis_naar_dict(g))
        h = ketenhash(vorige, "lln-0042", nummer, inhoud)
        opslag.schrijf(
            Record(dossier="lln-0042", volgnummer=nummer, inhoud=inhoud, vorige_hash=vorige, hash=h)
        )
        vorige = h
    opslag.sluit()

    status = main(["controleer", "lln-0042", "--db", db])

    assert status == EXIT_BEVINDINGEN
    assert "Volgorde: gebeurtenis 2 zou nu geweigerd worden" in capsys.readouterr().out


GOUDEN = [
    ("toon-2026-05-18.txt", 6, ["dossier", "toon", "lln-0042", "--op", "2026-05-18"]),
    ("toon-2026-05-26.txt", 10, ["dossier", "toon", "lln-0042", "--op", "2026-05-26"]),
    ("controleer.txt", 12, ["controleer", "lln-0042"]),
]


@pytest.mark.parametrize(("bestand", "aantal", "opdracht"), GOUDEN, ids=[g[0] for g in GOUDEN])
def test_the_output_matches_the_golden_file_beside_the_example(
    bestand: str,
    aantal: int,
    opdracht: list[str],
    db: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Reviewers read the diff; ``MELDCODE_UPDATE_GOLDEN=1`` rewrites the files."""
    import os

    toevoegen(db, *STAPPEN[:aantal])
    capsys.readouterr()
    main([*opdracht, "--db", db])
    # the hash depends on every field of every event: a new optional field changes it
    uit = re.sub(r"hash [0-9a-f]{64}", "hash <sha256>", capsys.readouterr().out)
    golden = VOORBEELDEN / "uitvoer" / bestand
    if os.environ.get("MELDCODE_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(uit, encoding="utf-8")

    assert golden.read_text(encoding="utf-8") == uit, (
        "the output changed; review it and rerun with MELDCODE_UPDATE_GOLDEN=1"
    )


def test_a_file_of_events_is_recorded_whole_or_not_at_all(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """When the third event of a list is refused, the first two are not recorded either."""
    lijst = [
        json.loads(p.read_text(encoding="utf-8")) for p in (STAPPEN[0], STAPPEN[1], STAPPEN[9])
    ]
    pad = tmp_path / "lijst.json"
    pad.write_text(json.dumps(lijst), encoding="utf-8")

    status = main(["dossier", "toevoegen", "lln-0042", str(pad), "--db", db])

    assert status == 1
    assert "[2]" in capsys.readouterr().err
    assert main(["dossier", "lijst", "--db", db]) == 0
    assert capsys.readouterr().out == ""


def test_a_stale_na_is_refused(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """``--na`` is the number of events the caller saw."""
    toevoegen(db, STAPPEN[0])

    status = main(["dossier", "toevoegen", "lln-0042", str(STAPPEN[1]), "--db", db, "--na", "0"])

    assert status == 1
    assert "another writer" in capsys.readouterr().err


def _log(db: str) -> list[tuple[str, str | None, int | None, int]]:
    from meldcode.adapters.opslag.archief import open_opslag

    opslag = open_opslag(db)
    try:
        rijen = opslag.toegangen()  # type: ignore[attr-defined]
    finally:
        opslag.sluit()
    assert {r.organisatie for r in rijen} == {"standaard"}
    assert {r.sleutel_id for r in rijen} == {aanvrager_cli()}
    return [(r.handeling, r.dossier, r.volgnummer, r.status) for r in rijen]


def test_every_use_of_a_dossier_from_the_command_line_is_in_the_access_log(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Who (``cli:<user>``), what, which dossier, the status: as the service logs its uses."""
    toevoegen(db, *STAPPEN[:2])
    main(["dossier", "toon", "lln-0042", "--db", db])
    main(["controleer", "lln-0042", "--db", db, "--json"])
    main(["exporteer", "lln-0042", "--db", db, "-o", str(tmp_path / "export.json")])
    main(["dossier", "lijst", "--db", db])
    capsys.readouterr()

    assert _log(db) == [
        ("schrijven", "lln-0042", 1, 201),
        ("schrijven", "lln-0042", 2, 201),
        ("lezen", "lln-0042", None, 200),
        ("controleren", "lln-0042", None, 200),
        ("exporteren", "lln-0042", None, 200),
        ("lijst", None, None, 200),
    ]


def test_a_refused_use_is_logged_with_the_status_the_service_would_give(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not found 404, a step out of order or a stale ``--na`` 409; nothing of the case."""
    toevoegen(db, STAPPEN[0])
    main(["dossier", "toon", "lln-onbekend", "--db", db])
    main(["exporteer", "lln-onbekend", "--db", db])
    main(["dossier", "toevoegen", "lln-0042", str(STAPPEN[-1]), "--db", db])  # out of order
    main(["dossier", "toevoegen", "lln-0042", str(STAPPEN[1]), "--db", db, "--na", "0"])
    capsys.readouterr()

    assert _log(db)[1:] == [
        ("lezen", "lln-onbekend", None, 404),
        ("exporteren", "lln-onbekend", None, 404),
        ("schrijven", "lln-0042", None, 409),
        ("schrijven", "lln-0042", None, 409),
    ]
    with sqlite3.connect(db) as conn:
        log = repr(conn.execute("SELECT * FROM toegangslog").fetchall())
    for pad in STAPPEN:
        data = json.loads(pad.read_text(encoding="utf-8"))
        vrij = [v for k, v in data.items() if k in ("situatie", "plaats", "uitkomst")]
        for tekst in vrij:
            if tekst:
                assert tekst not in log


def test_meldcode_toegang_shows_the_command_line_s_uses(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    toevoegen(db, STAPPEN[0])
    main(["dossier", "toon", "lln-0042", "--db", db])
    capsys.readouterr()

    assert main(["toegang", "--db", db, "--dossier", "lln-0042", "--json"]) == 0
    regels = [json.loads(r) for r in capsys.readouterr().out.splitlines()]

    assert [(r["handeling"], r["status"], r["sleutel"]) for r in regels] == [
        ("schrijven", 201, aanvrager_cli()),
        ("lezen", 200, aanvrager_cli()),
    ]


def test_the_requester_is_the_login_name_or_just_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    import getpass

    for naam, verwacht in (
        ("jdevries", "cli:jdevries"),
        ("Jan de Vries", "cli"),  # not a login name: nothing typed by a person in the log
        ("", "cli"),
    ):
        monkeypatch.setattr(getpass, "getuser", lambda naam=naam: naam)
        assert aanvrager_cli() == verwacht
