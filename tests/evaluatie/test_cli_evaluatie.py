"""``meldcode evaluatie`` on a SQLite dossier store and on a JSON Lines file of decisions."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from meldcode.adapters.cli.dossier import EXIT_GEWIJZIGD
from meldcode.adapters.cli.main import main
from meldcode.adapters.json.casus import besluit_naar_dict
from meldcode.adapters.opslag.archief import Archief, SQLiteOpslag
from meldcode.domain import Oordeel
from meldcode.rules.evaluatiecijfers import CITAAT, TELLINGEN
from tests.evaluatie.bouw import VELDEN, D, Opzet, dossier, verwacht
from tests.evaluatie.test_evaluatiecijfers import OPZETTEN, besluiten


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A SQLite store with the hand-built dossiers of OPZETTEN."""
    pad = str(tmp_path / "dossiers.sqlite3")
    archief = Archief(SQLiteOpslag(pad))
    try:
        for o in OPZETTEN:
            for g in dossier(o).gebeurtenissen:
                archief.voeg_toe(o.id, g)
    finally:
        archief.sluit()
    return pad


def draai(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["evaluatie", *args])
    uit = capsys.readouterr()
    return status, uit.out, uit.err


def niet_leeg(perioden: list[dict[str, object]]) -> dict[object, dict[str, object]]:
    return {p["periode"]: {v: p[v] for v in VELDEN} for p in perioden if p["gevallen"]}


@pytest.mark.parametrize("periode", ["maand", "kwartaal", "jaar"])
def test_the_store_as_json(db: str, periode: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Every stored dossier counted in the period of its first signal, with the source."""
    status, uit, _ = draai(capsys, "--db", db, "--periode", periode, "--json")
    data = json.loads(uit)

    assert status == 0
    assert niet_leeg(data["perioden"]) == {
        k: {v: c[v] for v in VELDEN} for k, c in verwacht(OPZETTEN, periode).items()
    }
    assert data["totaal"]["gevallen"] == len(OPZETTEN)
    assert (data["eenheid"], data["periode"], data["overgeslagen"]) == ("dossier", periode, [])
    assert data["citaat"] == CITAAT
    assert data["bron"].endswith("1.5.3 Interne evaluatie")


def test_the_store_as_a_dutch_table_without_ids(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Heads, one line per quarter, the totals, the meanings, the source; no dossier id."""
    status, uit, err = draai(capsys, "--db", db)

    assert status == 0
    assert err == ""
    assert "Interne evaluatie van de meldcode per kwartaal (dossiers)" in uit
    regels = uit.splitlines()
    kop = next(r for r in regels if r.startswith("periode"))
    assert kop.split()[1:3] == ["gevallen", "vermoeden"]
    totaal = next(r for r in regels if r.startswith("totaal"))
    verwacht_totaal = [sum(c[v] for c in verwacht(OPZETTEN, "kwartaal").values()) for v in VELDEN]
    assert [int(x) for x in totaal.split()[1:]] == verwacht_totaal
    assert [r.split()[0] for r in regels if r[:4] in ("2025", "2026")] == [
        "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3",
    ]  # fmt: skip
    for t in TELLINGEN:
        assert t.dossier in uit
    assert "kindermishandeling binnen de school voorkomen" in uit
    assert not any(o.id in uit for o in OPZETTEN)


def test_op_and_the_environment_variable(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``$MELDCODE_DB`` names the store; ``--op`` leaves out later dossiers and events."""
    monkeypatch.setenv("MELDCODE_DB", db)
    op = D(2026, 1, 31)

    status, uit, _ = draai(capsys, "--op", op.isoformat(), "--periode", "jaar", "--json")
    data = json.loads(uit)

    assert status == 0
    assert data["op"] == op.isoformat()
    assert data["totaal"]["gevallen"] == sum(o.signaal <= op for o in OPZETTEN)


def test_a_tampered_dossier_is_reported_and_the_others_counted(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 4, the broken dossier named (pseudonymous id) on stderr, the rest still counted."""
    conn = sqlite3.connect(db)
    conn.execute(
        "UPDATE gebeurtenissen SET inhoud = replace(inhoud, 'nee', 'ja') "
        "WHERE dossier_id = 'a-1' AND volgnummer = 3"
    )
    conn.commit()
    conn.close()

    status, uit, err = draai(capsys, "--db", db, "--json")
    data = json.loads(uit)

    assert status == EXIT_GEWIJZIGD
    assert data["totaal"]["gevallen"] == len(OPZETTEN) - 1
    assert [p["dossier"] for p in data["overgeslagen"]] == ["a-1"]
    assert "a-1" in err


def test_a_missing_store_is_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Reading figures never creates an empty store."""
    pad = tmp_path / "geen.sqlite3"

    status, _, err = draai(capsys, "--db", str(pad))

    assert status == 1
    assert "no dossier store" in err
    assert not pad.exists()


def test_an_empty_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No dossiers: a table of zeros, said in Dutch."""
    pad = str(tmp_path / "leeg.sqlite3")
    SQLiteOpslag(pad).sluit()

    status, uit, _ = draai(capsys, "--db", pad)

    assert status == 0
    assert "Geen dossiers om te tellen." in uit


# --- decisions from JSON Lines ---------------------------------------------------------------


def regel(datum: object, besluit: dict[str, object]) -> str:
    return json.dumps({"datum": datum, "besluit": besluit})


@pytest.fixture
def jsonl(tmp_path: Path) -> tuple[Path, int]:
    """Good lines around bad ones; returns the file and the number of good lines."""
    goed = [regel(d.isoformat(), besluit_naar_dict(b)) for d, b in besluiten()]
    slecht = [
        json.dumps({"besluit": {"protocol": "2019"}}),
        regel("Jan Jansen", {"protocol": "2019"}),
        regel("2026-02-30", {"protocol": "2019"}),
        regel("2026-02-03", {"protocol": "2019", "melden": "ja"}),
        json.dumps({"datum": "2026-02-03", "besluit": {"protocol": "2019"}, "Naam Kind": "x"}),
        "geen json",
    ]
    regels = [goed[0], slecht[0], goed[1], "", *slecht[1:], *goed[2:]]
    pad = tmp_path / "besluiten.jsonl"
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad, len(goed)


def test_decisions_from_json_lines(
    jsonl: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    """The good lines are counted, each bad line reported by number; exit 1."""
    pad, aantal = jsonl

    status, uit, err = draai(capsys, "--besluiten", str(pad), "--json")
    data = json.loads(uit)

    assert status == 1
    paren = besluiten()
    assert data["eenheid"] == "besluit"
    assert data["totaal"]["gevallen"] == aantal
    assert data["totaal"]["gemeld"] == sum(b.melden for _, b in paren)
    assert data["totaal"]["vermoedens"] == sum(
        b.melden or b.hulp_organiseren or b.veilig_thuis_raadplegen or b.spoed for _, b in paren
    )
    fouten = {p["lijn"]: (p["veld"], p["waarde"]) for p in data["overgeslagen"]}
    assert fouten == {
        2: ("datum", "None"),
        5: ("datum", "<text>"),
        6: ("datum", "'2026-02-30'"),
        7: ("besluit.melden", "'ja'"),
        8: ("", "<key>"),
        9: ("", "<text>"),
    }
    assert "Jan" not in uit + err
    assert "Naam" not in uit + err
    assert err.count("not counted: line") == len(fouten)


def test_decisions_from_stdin_as_a_table(
    jsonl: tuple[Path, int], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``-`` reads stdin; the table says decisions were counted and how many were not."""
    pad, _ = jsonl
    monkeypatch.setattr("sys.stdin", io.StringIO(pad.read_text(encoding="utf-8")))

    status, uit, _ = draai(capsys, "--besluiten", "-", "--periode", "maand")

    assert status == 1
    assert "per maand (besluiten)" in uit
    assert "Niet geteld: 6" in uit
    for t in TELLINGEN:
        assert t.besluit in uit


def test_only_good_lines_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A clean file: exit 0, nothing on stderr."""
    pad = tmp_path / "goed.jsonl"
    pad.write_text(
        regel("2026-03-01", {"protocol": "2019", "melden": True, "spoed": True}) + "\n",
        encoding="utf-8",
    )

    status, uit, err = draai(capsys, "--besluiten", str(pad), "--json")

    assert status == 0
    assert err == ""
    assert json.loads(uit)["perioden"][0] == {
        "periode": "2026-Q1",
        "gevallen": 1,
        "vermoedens": 1,
        "veilig_thuis_geraadpleegd": 0,
        "hulp_georganiseerd": 0,
        "gemeld": 1,
        "spoed": 1,
        "gesloten": 0,
        "lopend": 1,
    }


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown period is a usage error (exit 2); --op with decisions and a missing file: 1."""
    with pytest.raises(SystemExit) as stop:
        main(["evaluatie", "--periode", "week"])
    assert stop.value.code == 2
    assert "periode must be one of" in capsys.readouterr().err

    pad = tmp_path / "b.jsonl"
    pad.write_text("", encoding="utf-8")
    assert main(["evaluatie", "--besluiten", str(pad), "--op", "2026-01-01"]) == 1
    assert main(["evaluatie", "--besluiten", str(tmp_path / "nergens.jsonl")]) == 1
    assert "file not found" in capsys.readouterr().err


def test_the_figures_of_one_dossier_store_and_its_decisions_agree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A store of one reported dossier and the same as one decision give the same report count."""
    pad = str(tmp_path / "een.sqlite3")
    archief = Archief(SQLiteOpslag(pad))
    o = Opzet(id="c-1", signaal=D(2026, 5, 5), vermoeden=Oordeel.JA, melding=True)
    for g in dossier(o).gebeurtenissen:
        archief.voeg_toe(o.id, g)
    archief.sluit()
    jl = tmp_path / "een.jsonl"
    jl.write_text(regel("2026-05-05", {"protocol": "2019", "melden": True}) + "\n", "utf-8")

    _, uit_d, _ = draai(capsys, "--db", pad, "--json")
    _, uit_b, _ = draai(capsys, "--besluiten", str(jl), "--json")

    d, b = json.loads(uit_d)["totaal"], json.loads(uit_b)["totaal"]
    assert (d["gevallen"], d["vermoedens"], d["gemeld"]) == (
        b["gevallen"],
        b["vermoedens"],
        b["gemeld"],
    )
