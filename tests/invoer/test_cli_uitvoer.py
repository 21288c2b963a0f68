"""A file the command line cannot write is bad input, and a refused export is never logged.

Every command that writes a file — ``-o/--uitvoer`` of ``privacy inzage`` and ``exporteer``, the
``PAD`` of ``privacy sleutel``, and the store of ``--db`` — gives exit status 1 naming the option
and the reason (never the path: a file's name may be a child's) for every kind of path it
cannot write: a folder that does not exist, a folder, a path through a file, a name too long, a
folder without write permission. The register of exports handed out (``privacy inzagelog``) and
the access log record only what happened: nothing for an export whose file was not written,
also when writing fails after the export was made.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from meldcode.adapters.cli import uitvoer
from meldcode.adapters.opslag.archief import Archief
from tests.invoer.draai import draai, problemen
from tests.opdrachten import eigen_acties, opdrachten

ROOT = Path(__file__).resolve().parents[2]
STAP = str(ROOT / "examples" / "dossier" / "01-signaal.json")
PROFIEL = str(ROOT / "examples" / "privacy" / "school.toml")
NAAM = "Jan de Vries"
"""A folder or file named after a person: no message may contain it."""


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A store with one dossier, ``lln-0042``, of one event."""
    pad = str(tmp_path / "dossiers.sqlite3")
    assert draai(["dossier", "toevoegen", "lln-0042", STAP, "--db", pad])[0] == 0
    return pad


def _inzagelog(db: str) -> list[dict[str, object]]:
    status, uit, _ = draai(["privacy", "inzagelog", "--db", db, "--json"])
    assert status == 0
    regels: list[dict[str, object]] = json.loads(uit)
    return regels


def _toegang(db: str) -> list[dict[str, object]]:
    status, uit, _ = draai(["toegang", "--db", db, "--json"])
    assert status == 0
    return [json.loads(r) for r in uit.splitlines()]


# --- the commands that write a file ----------------------------------------------------------

SCHRIJVERS: dict[tuple[str, ...], Callable[[str, str], list[str]]] = {
    ("privacy", "inzage", "-o"): lambda db, doel: [
        *("privacy", "inzage", "lln-0042", "--voor", "ouder", "--db", db, "-o", doel)
    ],
    ("exporteer", "-o"): lambda db, doel: ["exporteer", "lln-0042", "--db", db, "-o", doel],
    ("privacy", "sleutel", "pad"): lambda db, doel: ["privacy", "sleutel", doel],
}
"""Each command that writes a file, by (subcommand path, option), with its argv."""
LOGGEN = [k for k in SCHRIJVERS if k[-1] == "-o"]
"""The commands whose file is an export, logged in the register."""


def _schrijvende_opties() -> set[tuple[str, ...]]:
    """(subcommand path, option) of every ``-o``/``--uitvoer``/``--uit`` and path argument."""
    uit: set[tuple[str, ...]] = set()
    for pad, parser in opdrachten():
        for actie in eigen_acties(parser):
            if {"-o", "--uitvoer", "--uit"} & set(actie.option_strings):
                uit.add((*pad, "-o"))
            elif not actie.option_strings and actie.dest in ("pad", "uitvoer", "bestand"):
                uit.add((*pad, actie.dest))
    return uit


def test_every_command_that_writes_a_file_is_covered() -> None:
    """A new ``-o`` or path argument joins ``SCHRIJVERS`` (and so every test below)."""
    assert _schrijvende_opties() == set(SCHRIJVERS)


def _geen_map(tmp: Path) -> str:
    return str(tmp / NAAM / "inzage.html")


def _een_map(tmp: Path) -> str:
    (tmp / NAAM).mkdir()
    return str(tmp / NAAM)


def _door_een_bestand(tmp: Path) -> str:
    (tmp / NAAM).write_text("x", encoding="utf-8")
    return str(tmp / NAAM / "inzage.html")


def _te_lang(tmp: Path) -> str:
    return str(tmp / (NAAM.replace(" ", "-") * 30))


def _alleen_lezen(tmp: Path) -> str:
    if os.geteuid() == 0:
        pytest.skip("root may write in a read-only folder")
    map_ = tmp / NAAM
    map_.mkdir()
    map_.chmod(0o500)
    return str(map_ / "inzage.html")


ONSCHRIJFBAAR: dict[str, Callable[[Path], str]] = {
    "folder-does-not-exist": _geen_map,
    "a-folder": _een_map,
    "through-a-file": _door_een_bestand,
    "name-too-long": _te_lang,
    "read-only-folder": _alleen_lezen,
}
"""Every kind of path a file cannot be written to."""


@pytest.mark.parametrize("soort", sorted(ONSCHRIJFBAAR))
@pytest.mark.parametrize("schrijver", sorted(SCHRIJVERS), ids="-".join)
def test_a_path_that_cannot_be_written_is_bad_input_and_nothing_is_logged(
    tmp_path: Path, db: str, schrijver: tuple[str, ...], soort: str
) -> None:
    """Exit 1 naming the option and why; no path; no row in the register or the access log."""
    map_ = tmp_path / "uit"
    map_.mkdir()
    doel = ONSCHRIJFBAAR[soort](map_)
    voor = sorted(p.name for p in map_.rglob("*"))
    register, toegang = _inzagelog(db), _toegang(db)

    status, uit, err = draai(SCHRIJVERS[schrijver](db, doel))

    assert problemen(status, uit, err, {1}) == []
    optie = "-o/--uitvoer" if schrijver[-1] == "-o" else "PAD"
    assert err.startswith(f"meldcode: {optie}: the file cannot be written: ")
    assert "nothing was written" in err
    assert NAAM not in err
    assert str(tmp_path) not in err
    assert len(err.splitlines()) == 1
    assert _inzagelog(db) == register
    assert _toegang(db) == toegang
    assert sorted(p.name for p in map_.rglob("*")) == voor  # no temporary file left


def test_a_key_file_is_never_overwritten(tmp_path: Path) -> None:
    pad = tmp_path / NAAM
    pad.write_text("oud", encoding="utf-8")

    status, uit, err = draai(["privacy", "sleutel", str(pad)])

    assert problemen(status, uit, err, {1}) == []
    assert "a file exists there" in err
    assert NAAM not in err
    assert pad.read_text(encoding="utf-8") == "oud"


@pytest.mark.parametrize("schrijver", LOGGEN, ids="-".join)
@pytest.mark.parametrize("bestaat", [False, True])
def test_a_written_export_is_logged_once_and_readable_by_its_owner_only(
    tmp_path: Path, db: str, schrijver: tuple[str, ...], bestaat: bool
) -> None:
    """A new file, or one that was there: mode 0600, and one row for what was handed out."""
    doel = tmp_path / "uit" / "export"
    doel.parent.mkdir()
    if bestaat:
        doel.write_text("oud", encoding="utf-8")
        doel.chmod(0o644)
    register = _inzagelog(db)

    status, uit, err = draai(SCHRIJVERS[schrijver](db, str(doel)))

    assert problemen(status, uit, err, {0}) == []
    assert os.stat(doel).st_mode & 0o777 == 0o600
    assert doel.read_text(encoding="utf-8") != "oud"
    assert [p.name for p in doel.parent.iterdir()] == ["export"]
    nieuw = _inzagelog(db)[len(register) :]
    assert len(nieuw) == 1
    if schrijver[0] == "privacy":  # the access export's hash is of the document as written
        assert nieuw[0]["document_hash"] == hashlib.sha256(doel.read_bytes()).hexdigest()


@pytest.mark.parametrize("schrijver", LOGGEN, ids="-".join)
@pytest.mark.parametrize("fout", [errno.ENOSPC, errno.EIO, errno.EDQUOT])
def test_an_export_that_fails_while_written_is_not_logged(
    tmp_path: Path,
    db: str,
    monkeypatch: pytest.MonkeyPatch,
    schrijver: tuple[str, ...],
    fout: int,
) -> None:
    """The disk fills up after the export was made: exit 1, no file, no row in the register."""
    doel = tmp_path / "uit" / "export"
    doel.parent.mkdir()
    register, toegang = _inzagelog(db), _toegang(db)

    def vol(*args: object) -> None:
        raise OSError(fout, os.strerror(fout))

    monkeypatch.setattr(uitvoer.os, "replace", vol)
    status, uit, err = draai(SCHRIJVERS[schrijver](db, str(doel)))
    monkeypatch.undo()

    assert problemen(status, uit, err, {1}) == []
    assert err.startswith("meldcode: -o/--uitvoer: the file cannot be written: ")
    assert list(doel.parent.iterdir()) == []
    assert _inzagelog(db) == register
    # the access log says what happened: the dossier was read, the export refused (400)
    nieuw = _toegang(db)[len(toegang) :]
    assert [(r["handeling"], r["status"]) for r in nieuw] in ([], [("exporteren", 400)])


@pytest.mark.parametrize("schrijver", LOGGEN, ids="-".join)
def test_an_export_whose_log_row_cannot_be_written_is_removed(
    tmp_path: Path, db: str, monkeypatch: pytest.MonkeyPatch, schrijver: tuple[str, ...]
) -> None:
    """No export leaves without its row in the register."""
    doel = tmp_path / "uit" / "export"
    doel.parent.mkdir()

    def kapot(self: Archief, regel: object) -> None:
        raise RuntimeError("the register cannot be written")

    monkeypatch.setattr(Archief, "log_inzage", kapot)
    status, _uit, _err = draai(SCHRIJVERS[schrijver](db, str(doel)))
    monkeypatch.undo()

    assert status != 0
    assert list(doel.parent.iterdir()) == []


@pytest.mark.parametrize("schrijver", LOGGEN, ids="-".join)
def test_an_export_to_standard_output_is_logged_as_before(
    db: str, schrijver: tuple[str, ...]
) -> None:
    register = _inzagelog(db)

    status, uit, err = draai(SCHRIJVERS[schrijver](db, "-"))

    assert problemen(status, uit, err, {0}) == []
    assert uit
    assert len(_inzagelog(db)) == len(register) + 1


# --- the store of --db ----------------------------------------------------------------------

_WAARDEN = {
    "dossier": "lln-0042",
    "gebeurtenis": STAP,
    "organisatie": "school",
    "sleutel_id": "0123456789ab",
    "profiel": PROFIEL,
    "voor": "ouder",
    "bevestig": None,
}


def _met_db() -> list[list[str]]:
    """The argv of every subcommand with ``--db`` (but ``serve``, which would listen)."""
    uit: list[list[str]] = []
    for pad, parser in opdrachten():
        acties = eigen_acties(parser)
        if pad == ("serve",) or not any("--db" in a.option_strings for a in acties):
            continue
        argv = list(pad)
        for a in acties:
            if not a.option_strings and a.dest in _WAARDEN:
                argv.append(str(_WAARDEN[a.dest]))
            elif a.option_strings and a.required:
                waarde = _WAARDEN[a.dest]
                argv += [a.option_strings[-1]] + ([] if waarde is None else [waarde])
        uit.append(argv)
    return sorted(uit)


MET_DB = _met_db()


def test_the_walk_finds_the_commands_with_a_store() -> None:
    assert ["dossier", "toevoegen", "lln-0042", STAP] in MET_DB
    assert len(MET_DB) >= 10


ONBRUIKBARE_DB: dict[str, Callable[[Path], str]] = {
    "folder-does-not-exist": lambda t: str(t / "weg" / "dossiers.sqlite3"),
    "a-folder": lambda t: str(t),
    "through-a-file": lambda t: _door_een_bestand(t) + ".sqlite3",
}


@pytest.mark.parametrize("soort", sorted(ONBRUIKBARE_DB))
@pytest.mark.parametrize("argv", MET_DB, ids=lambda a: "-".join(x for x in a if "/" not in x))
def test_a_store_that_cannot_be_opened_is_bad_input(
    tmp_path: Path, argv: list[str], soort: str
) -> None:
    """Exit 1 naming ``--db`` (or that no store is there), never an internal error."""
    status, uit, err = draai([*argv, "--db", ONBRUIKBARE_DB[soort](tmp_path)])

    assert problemen(status, uit, err, {1}) == []
    assert "@ $.db" in err
