"""A damaged dossier or store: the right verdict and its own exit status, never a traceback.

- a stored record that is unreadable, mistyped, carries an unknown or duplicate key, or was
  reformatted — even with the whole chain recomputed — is an edited record (exit 4);
- ``controleer --anker`` catches a removed tail and a re-chained dossier;
- a truncated or corrupt SQLite file is a damaged store (exit 5);
- a missing optional dependency has its own status (6).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from meldcode.adapters.cli.status import (
    EXIT_AFHANKELIJKHEID,
    EXIT_GEWIJZIGD,
    EXIT_OPSLAG,
    STATUSSEN,
)
from meldcode.adapters.json.dossier import canoniek, gebeurtenis_naar_dict, gebeurtenis_uit_json
from meldcode.adapters.opslag.archief import (
    BEGIN_HASH,
    STANDAARD_ORGANISATIE,
    inhoudhash,
    ketenhash,
    ketenhash2,
    ketenhash3,
)
from meldcode.errors import OngeldigeInvoer
from meldcode.testing.dossier import volledig_voorbeeld
from tests.invoer.draai import draai, problemen

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A store with the example dossier ``lln-0042``: all twelve events."""
    pad = tmp_path / "dossiers.sqlite3"
    for n, g in enumerate(volledig_voorbeeld()):
        bestand = tmp_path / f"{n}.json"
        bestand.write_text(json.dumps(gebeurtenis_naar_dict(g)), encoding="utf-8")
        assert draai(["dossier", "toevoegen", "lln-0042", str(bestand), "--db", str(pad)])[0] == 0
    return str(pad)


def herketen(db: str, wijzig: Callable[[int, str], str], *, tot: int | None = None) -> None:
    """Rewrite the stored texts with ``wijzig`` and recompute the whole chain and head.

    What someone with write access to the database and the source of meldcode can do.
    """
    conn = sqlite3.connect(db)
    rijen = conn.execute(
        "SELECT volgnummer, inhoud, versie, zout FROM gebeurtenissen "
        "WHERE dossier_id = 'lln-0042' ORDER BY volgnummer"
    ).fetchall()
    vorige = BEGIN_HASH
    for volgnummer, inhoud, versie, zout in rijen:
        if tot is not None and volgnummer > tot:
            conn.execute(
                "DELETE FROM gebeurtenissen WHERE dossier_id = 'lln-0042' AND volgnummer = ?",
                (volgnummer,),
            )
            continue
        nieuw = wijzig(volgnummer, inhoud)
        # the hash scheme of the record: versions 2 and 3 chain a salted digest of the text,
        # version 3 with the organisation
        digest = inhoudhash(zout, nieuw) if versie >= 2 else None
        if digest is None:
            h = ketenhash(vorige, "lln-0042", volgnummer, nieuw)
        elif versie == 2:
            h = ketenhash2(vorige, "lln-0042", volgnummer, digest)
        else:
            h = ketenhash3(vorige, STANDAARD_ORGANISATIE, "lln-0042", volgnummer, digest)
        conn.execute(
            "UPDATE gebeurtenissen SET inhoud = ?, inhoud_hash = ?, vorige_hash = ?, hash = ? "
            "WHERE dossier_id = 'lln-0042' AND volgnummer = ?",
            (nieuw, digest, vorige, h, volgnummer),
        )
        vorige = h
    lengte = len(rijen) if tot is None else tot
    conn.execute(
        "UPDATE dossiers SET lengte = ?, laatste_hash = ? WHERE dossier_id = 'lln-0042'",
        (lengte, vorige),
    )
    conn.commit()
    conn.close()


def _bij(nummer: int, f: Callable[[dict[str, object]], str]) -> Callable[[int, str], str]:
    def wijzig(volgnummer: int, inhoud: str) -> str:
        return f(json.loads(inhoud)) if volgnummer == nummer else inhoud

    return wijzig


BESCHADIGINGEN: dict[str, Callable[[dict[str, object]], str]] = {
    "onbekende-sleutel": lambda d: canoniek({**d, "bijlage": "GEHEIM"}),
    "verkeerd-type": lambda d: canoniek({**d, "datum": 5}),
    "onleesbaar": lambda d: "dit is geen json",
    "dubbele-sleutel": lambda d: canoniek(d)[:-1] + ',"datum":"2026-01-01"}',
    "herschreven": lambda d: json.dumps(d, sort_keys=True),
    "andere-volgorde": lambda d: json.dumps(dict(reversed(d.items())), separators=(",", ":")),
}


@pytest.mark.parametrize("soort", sorted(BESCHADIGINGEN))
def test_a_damaged_record_with_the_chain_recomputed_is_an_edited_record(
    db: str, soort: str
) -> None:
    """Controleer and exporteer say 4 (edited record), not 1 (bad input), and name the event."""
    herketen(db, _bij(4, BESCHADIGINGEN[soort]))

    controle = draai(["controleer", "lln-0042", "--db", db])
    export = draai(["exporteer", "lln-0042", "--db", db, "--op", "2026-06-01"])

    assert problemen(*controle, {EXIT_GEWIJZIGD}) == []
    assert "KETEN VERBROKEN" in controle[1]
    assert "gebeurtenis 4" in controle[1]
    assert problemen(*export, {EXIT_GEWIJZIGD}) == []
    data = json.loads(export[1])
    assert data["keten"]["intact"] is False
    assert [g["volgnummer"] for g in data["gebeurtenissen"]] == list(range(1, 13))


def test_an_unreadable_record_is_exported_without_its_content(db: str) -> None:
    """The export lists every record; the unreadable one has no event, the chain names it."""
    herketen(db, _bij(4, BESCHADIGINGEN["onleesbaar"]))

    _, uit, _ = draai(["exporteer", "lln-0042", "--db", db, "--op", "2026-06-01"])
    data = json.loads(uit)

    assert data["gebeurtenissen"][3]["gebeurtenis"] is None
    assert data["keten"]["fouten"] == [{"volgnummer": 4, "reden": "is onleesbaar"}]


def test_dossier_toon_on_an_edited_dossier_says_edited_record(db: str) -> None:
    """Reading a dossier whose chain is broken: exit 4 and an English message, no traceback."""
    herketen(db, _bij(2, BESCHADIGINGEN["onbekende-sleutel"]))

    status, uit, err = draai(["dossier", "toon", "lln-0042", "--db", db])

    assert problemen(status, uit, err, {EXIT_GEWIJZIGD}) == []
    assert "event 2 is unreadable" in err


def _laatste_hash(db: str) -> str:
    _, uit, _ = draai(["controleer", "lln-0042", "--db", db, "--json"])
    laatste: str = json.loads(uit)["keten"]["laatste_hash"]
    return laatste


def test_a_removed_tail_is_caught_with_an_anchor_only(db: str, tmp_path: Path) -> None:
    """Deleting the last events and rewriting the head leaves an intact chain; the anchor knows."""
    anker = _laatste_hash(db)
    herketen(db, lambda _, inhoud: inhoud, tot=9)

    zonder = draai(["controleer", "lln-0042", "--db", db])
    met = draai(["controleer", "lln-0042", "--db", db, "--anker", anker])
    bestand = tmp_path / "anker.txt"
    bestand.write_text(anker + "\n", encoding="utf-8")
    via_bestand = draai(["controleer", "lln-0042", "--db", db, "--anker", str(bestand)])

    assert zonder[0] != EXIT_GEWIJZIGD
    assert "Keten intact" in zonder[1]
    assert met[0] == EXIT_GEWIJZIGD
    assert "bereikt het anker" in met[1]
    assert via_bestand[0] == EXIT_GEWIJZIGD


def test_a_rechained_dossier_is_caught_with_an_anchor(db: str) -> None:
    """An edit with every hash recomputed changes the last hash: the anchor no longer matches."""
    anker = _laatste_hash(db)
    herketen(db, _bij(3, lambda d: canoniek({**d, "ondertekend": False})))

    status, uit, _ = draai(["controleer", "lln-0042", "--db", db, "--anker", anker, "--json"])

    assert status == EXIT_GEWIJZIGD
    assert json.loads(uit)["keten"]["intact"] is False


def test_an_anchor_taken_earlier_is_found_after_honest_appends(db: str, tmp_path: Path) -> None:
    """An export kept elsewhere is an anchor; events appended since do not break it."""
    export = tmp_path / "export.json"
    herketen(db, lambda _, inhoud: inhoud, tot=6)
    draai(["exporteer", "lln-0042", "--db", db, "-o", str(export)])
    for n, g in enumerate(volledig_voorbeeld()[6:]):
        bestand = tmp_path / f"na-{n}.json"
        bestand.write_text(json.dumps(gebeurtenis_naar_dict(g)), encoding="utf-8")
        assert draai(["dossier", "toevoegen", "lln-0042", str(bestand), "--db", db])[0] == 0

    status, uit, _ = draai(["controleer", "lln-0042", "--db", db, "--anker", str(export)])

    assert status == 0
    assert "Anker gevonden bij gebeurtenis 6." in uit


@pytest.mark.parametrize("anker", ["xyz", "0" * 63, "/niet/bestaand"])
def test_a_bad_anchor_is_bad_input_naming_the_option(db: str, anker: str) -> None:
    """Not a hash and not a file: exit 1, the message names --anker."""
    status, uit, err = draai(["controleer", "lln-0042", "--db", db, "--anker", anker])

    assert problemen(status, uit, err, {1}) == []
    assert "--anker" in err


def _schrijf_db(db: str, inhoud: bytes | None = None, lengte: int | None = None) -> None:
    pad = Path(db)
    if inhoud is not None:
        pad.write_bytes(inhoud)
    if lengte is not None:
        data = pad.read_bytes()
        pad.write_bytes(data[:lengte])


@pytest.mark.parametrize(
    "schade",
    ["afgekapt", "geen-database", "kop-kapot"],
)
@pytest.mark.parametrize(
    "opdracht",
    [
        ["controleer", "lln-0042"],
        ["dossier", "toon", "lln-0042"],
        ["dossier", "lijst"],
        ["exporteer", "lln-0042"],
        ["evaluatie"],
    ],
    ids=lambda o: "-".join(o[:2]),
)
def test_a_damaged_store_has_its_own_status(
    db: str, schade: str, opdracht: list[str], tmp_path: Path
) -> None:
    """A truncated or corrupt SQLite file: exit 5 and "damaged", never "internal error"."""
    data = Path(db).read_bytes()
    if schade == "afgekapt":
        Path(db).write_bytes(data[: len(data) // 3])
    elif schade == "geen-database":
        Path(db).write_bytes(b"GEHEIM " * 1000)
    else:
        Path(db).write_bytes(data[:16] + b"\xff" * 84 + data[100:])

    status, uit, err = draai([*opdracht, "--db", db])

    assert problemen(status, uit, err, {EXIT_OPSLAG}) == [], err
    assert "damaged" in err


def test_appending_to_a_damaged_store_has_its_own_status(db: str, tmp_path: Path) -> None:
    """Toevoegen on a damaged store: exit 5, and the file is left as it was."""
    Path(db).write_bytes(b"niet een database" * 100)
    bestand = tmp_path / "e.json"
    bestand.write_text(json.dumps(gebeurtenis_naar_dict(volledig_voorbeeld()[0])), "utf-8")

    status, uit, err = draai(["dossier", "toevoegen", "lln-0042", str(bestand), "--db", db])

    assert problemen(status, uit, err, {EXIT_OPSLAG}) == []
    assert Path(db).read_bytes() == b"niet een database" * 100


def test_a_missing_optional_dependency_has_its_own_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``beslis --engine durable`` without durable-rules: exit 6, naming the extra to install."""
    monkeypatch.setitem(sys.modules, "durable", None)  # as if meldcode[durable] were absent
    for naam in [m for m in sys.modules if m.startswith("meldcode.adapters.durable")]:
        monkeypatch.delitem(sys.modules, naam)
    casus = tmp_path / "casus.json"
    casus.write_text('{"weging": {"vermoeden": "ja"}}', encoding="utf-8")

    status, uit, err = draai(["beslis", "--engine", "durable", str(casus)])

    assert problemen(status, uit, err, {EXIT_AFHANKELIJKHEID}) == []
    assert "meldcode[durable]" in err


def test_a_nested_correction_names_its_path_inside_the_replacement() -> None:
    """``vervanging.soort``, not ``$.soort``: in the field and in the message."""
    data = {
        "soort": "correctie",
        "datum": "2026-03-03",
        "verwijst_naar": 1,
        "vervanging": {"soort": "misschien", "datum": "2026-03-02"},
    }

    with pytest.raises(OngeldigeInvoer) as fout:
        gebeurtenis_uit_json(json.dumps(data))

    assert fout.value.veld == "vervanging.soort"
    assert str(fout.value).startswith("vervanging.soort must be one of")
    assert str(fout.value).endswith("@ $.vervanging.soort")


def test_the_exit_status_table_in_the_docs_is_the_one_the_code_uses() -> None:
    """docs/reference/exit-statuses.md lists exactly ``STATUSSEN``, code and name."""
    tekst = (ROOT / "docs" / "reference" / "exit-statuses.md").read_text(encoding="utf-8")
    rijen = [r.split("|")[1:3] for r in tekst.splitlines() if r.startswith("| ") and "---" not in r]
    gedocumenteerd = [(c.strip(), n.strip()) for c, n in rijen[1:]]

    assert gedocumenteerd == [(str(s.code), s.naam) for s in STATUSSEN]
