"""The bad-input corpus through every surface: no traceback, no exit 70, the field named, no echo.

Each surface reads every item of ``corpus.py`` (well over a thousand cases and events). A
failure lists every item that went wrong and how, not only the first.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from meldcode import OngeldigeInvoer, casus_uit_dict, casus_uit_json
from meldcode.adapters.json.dossier import gebeurtenis_uit_json, gebeurtenissen_uit_json
from meldcode.adapters.json.lezen import decodeer, laad_json, laad_json_reeks
from tests.invoer.corpus import (
    VERBODEN,
    Invoer,
    casus_corpus,
    casus_data,
    gebeurtenis_corpus,
    gebeurtenis_data,
    schrijf,
)
from tests.invoer.draai import draai, problemen

CASUSSEN = casus_corpus()
GEBEURTENISSEN = gebeurtenis_corpus()
ROOT = Path(__file__).resolve().parents[2]


def test_the_corpus_is_large_and_covers_every_kind_of_problem() -> None:
    """Over 200 inputs per reader, and every kind the issue lists is in it."""
    namen = " ".join(i.naam for i in [*CASUSSEN, *GEBEURTENISSEN])

    assert len(CASUSSEN) >= 200
    assert len(GEBEURTENISSEN) >= 200
    for soort in (
        "type",
        "near-miss",
        "geheime-sleutel",
        "dubbel",
        "diep",
        "encoding",
        "bom",
        "leeg",
        "lijst",
        "groot-getal",
        "nan",
        "lange-tekst",
        "emoji",
    ):
        assert soort in namen, soort


def _lees(reader: Callable[[Any], object], item: Invoer, data: Any) -> list[str]:
    """Read ``data`` with ``reader``: what is wrong with the outcome for ``item``."""
    try:
        reader(data)
    except OngeldigeInvoer as exc:
        if item.veld is None:
            return [f"refused: {exc}"]
        fout = []
        velden = [f.veld for f in exc.fouten]
        if item.veld and not any(v.startswith(item.veld) for v in velden):
            fout.append(f"names {velden}, not {item.veld!r}")
        tekst = str(exc) + " ".join(f.waarde + f.melding for f in exc.fouten)
        if VERBODEN.search(tekst):
            fout.append(f"echoes the input: {tekst[:120]!r}")
        if item.wenk and item.wenk not in str(exc):
            fout.append(f"no {item.wenk!r} in {exc}")
        return fout
    except Exception as exc:  # anything else is the bug under test
        return [f"raised {type(exc).__name__}: {str(exc)[:80]}"]
    return [] if item.veld is None else ["accepted"]


def _rapport(fouten: dict[str, list[str]]) -> str:
    regels = [f"{naam}: {'; '.join(f)}" for naam, f in fouten.items() if f]
    return f"{len(regels)} input(s) mishandled:\n" + "\n".join(regels[:40])


def test_casus_uit_json_refuses_every_bad_case_naming_the_field() -> None:
    """Bytes and text alike; the valid items (BOM, emoji, long text) are read."""
    fouten = {i.naam: _lees(casus_uit_json, i, i.tekst) for i in CASUSSEN}
    for i in CASUSSEN:
        try:
            tekst = i.tekst.decode("utf-8")
        except UnicodeDecodeError:
            continue
        fouten[i.naam + " (text)"] = _lees(casus_uit_json, i, tekst)

    assert not any(fouten.values()), _rapport(fouten)


def test_casus_uit_dict_refuses_every_bad_decoded_case() -> None:
    """What ``json.loads`` can decode (no duplicates in a dict) is refused by field too."""
    fouten: dict[str, list[str]] = {}
    for i in CASUSSEN:
        if any(s in i.naam for s in ("dubbel", "bom", "encoding")):
            continue
        try:
            data = json.loads(i.tekst)
        except (ValueError, RecursionError):
            continue  # not a Python object to pass
        fouten[i.naam] = _lees(casus_uit_dict, i, data)

    assert len(fouten) > 200
    assert not any(fouten.values()), _rapport(fouten)


def test_a_batch_reads_each_case_on_its_own_around_every_bad_one() -> None:
    """``laad_json_reeks`` (the service's batch reader) on ``[good, item, good]``.

    Where the array as a whole decodes, the good cases around the item are always read; a
    duplicate key inside the item is that element's error only, with its path in the element.
    Where it does not decode (bad bytes, nesting), the whole batch is refused by the same reader.
    """
    goed = b'{"weging": {"vermoeden": "nee"}}'
    fouten: dict[str, list[str]] = {}
    for i in CASUSSEN:
        tekst = b"[" + goed + b"," + i.tekst.removeprefix(b"\xef\xbb\xbf") + b"," + goed + b"]"
        try:
            elementen = laad_json_reeks(tekst)
        except OngeldigeInvoer:
            continue  # the array itself is bad: laad_json refuses it the same way
        gevonden = []
        if len(elementen) != 3:
            gevonden.append(f"{len(elementen)} elements")
        else:
            for j in (0, 2):
                if casus_uit_dict(elementen[j]).weging.vermoeden is None:
                    gevonden.append(f"good case {j} misread")
            gevonden += _lees(
                lambda e: casus_uit_dict(e) if not isinstance(e, OngeldigeInvoer) else _werp(e),
                i,
                elementen[1],
            )
        fouten[i.naam] = gevonden

    assert sum("dubbel" in naam for naam in fouten) > 20
    assert not any(fouten.values()), _rapport(fouten)


def _werp(fout: OngeldigeInvoer) -> object:
    raise fout


def test_a_batch_must_be_an_array() -> None:
    """The reader says what it expected, in the caller's words."""
    with pytest.raises(OngeldigeInvoer, match="expected a batch"):
        laad_json_reeks(b'{"weging": {}}', wat="a batch")


def test_the_event_readers_refuse_every_bad_event_naming_the_field() -> None:
    """``gebeurtenis_uit_json``, and the list reader with the item's index in the path."""
    goed = schrijf(json.loads(GEBEURTENISSEN[-1].tekst) | {"soort": "signaal_vastgelegd"})
    fouten = {i.naam: _lees(gebeurtenis_uit_json, i, i.tekst) for i in GEBEURTENISSEN}
    for i in GEBEURTENISSEN:
        if i.veld is None or i.veld == "":
            continue
        lijst = Invoer(i.naam, b"[" + goed + b"," + i.tekst + b"]", f"[1].{i.veld}")
        fouten[i.naam + " (list)"] = _lees(gebeurtenissen_uit_json, lijst, lijst.tekst)

    assert not any(fouten.values()), _rapport(fouten)


def test_beslis_file_never_crashes_and_names_the_field(tmp_path: Path) -> None:
    """``meldcode beslis CASE.json``: exit 1 with the field named, 0 for the valid items."""
    fouten: dict[str, list[str]] = {}
    for n, i in enumerate(CASUSSEN):
        pad = tmp_path / f"{n}.json"
        pad.write_bytes(i.tekst)
        status, uit, err = draai(["beslis", str(pad)])
        gevonden = problemen(status, uit, err, {0} if i.veld is None else {1})
        if i.veld and i.veld not in err:
            gevonden.append(f"{i.veld!r} not named in {err[:100]!r}")
        if i.veld is None and '"melden"' not in uit:
            gevonden.append("not decided")
        fouten[i.naam] = gevonden

    assert not any(fouten.values()), _rapport(fouten)


def _goed(n: int) -> bytes:
    return schrijf({**casus_data(), "referentie": f"goed-{n}"})


def _referentie(item: Invoer) -> str | None:
    """The referentie the error object must carry: the case's, when the line holds it once.

    A line whose only problem in decoding is a duplicate key elsewhere still says whose case it is.
    """
    try:
        laad_json(item.tekst)  # decodes at all: a duplicate key is the only error allowed
    except OngeldigeInvoer as exc:
        if not all("duplicate key" in f.melding for f in exc.fouten):
            return None
    try:
        paren = json.loads(decodeer(item.tekst), object_pairs_hook=lambda p: p)
    except ValueError:  # a number of thousands of digits: the line decodes, but not like this
        return "lln-0042" if re.search(rb'"referentie":\s*"lln-0042"', item.tekst) else None
    if not isinstance(paren, list) or not all(isinstance(p, tuple) for p in paren):
        return None
    refs = [waarde for sleutel, waarde in paren if sleutel == "referentie"]
    return refs[0] if refs == ["lln-0042"] else None


def _batch(items: list[Invoer]) -> tuple[bytes, list[Invoer | None]]:
    """Every item on a line of its own, with a good case between each two."""
    regels: list[bytes] = []
    plan: list[Invoer | None] = []
    for n, i in enumerate(items):
        regels += [_goed(n), i.tekst]
        plan += [None, i]
    return b"\n".join(regels) + b"\n", plan


def _controleer_batch(uit: str, plan: list[Invoer | None]) -> dict[str, list[str]]:
    lijnen = uit.splitlines()
    assert len(lijnen) == len(plan), "one output line per input line"
    fouten: dict[str, list[str]] = {}
    for nummer, (lijn, item) in enumerate(zip(lijnen, plan, strict=True), start=1):
        data = json.loads(lijn)
        if item is None:
            fouten[f"good line {nummer}"] = (
                [] if data.get("referentie") == f"goed-{(nummer - 1) // 2}" else ["not decided"]
            )
            continue
        gevonden = []
        if item.veld is None:
            gevonden += [] if "melden" in data else [f"not decided: {lijn[:100]}"]
        else:
            fout = data.get("fout", {})
            if fout.get("lijn") != nummer:
                gevonden.append(f"lijn {fout.get('lijn')} for line {nummer}")
            velden = [f["veld"] for f in fout.get("fouten", [])]
            if item.veld and not any(v.startswith(item.veld) for v in velden):
                gevonden.append(f"names {velden}, not {item.veld!r}")
            if fout.get("referentie") != _referentie(item):
                gevonden.append(f"referentie {fout.get('referentie')!r}")
        fouten[item.naam] = gevonden
    return fouten


def test_beslis_stdin_decides_every_good_line_around_every_bad_one() -> None:
    """``meldcode beslis -``: one output line per input line; exit 1; no echo, no traceback."""
    invoer, plan = _batch(CASUSSEN)

    status, uit, err = draai(["beslis", "-"], invoer)

    assert problemen(status, uit, err, {1}) == []
    fouten = _controleer_batch(uit, plan)
    assert not any(fouten.values()), _rapport(fouten)


def test_a_jsonl_file_is_read_line_by_line_like_stdin(tmp_path: Path) -> None:
    """The same batch in a ``.jsonl`` file gives the same output (a bad line spoils itself)."""
    invoer, _ = _batch(CASUSSEN[::7])
    pad = tmp_path / "batch.jsonl"
    pad.write_bytes(invoer)

    via_stdin = draai(["beslis", "-"], invoer)
    via_bestand = draai(["beslis", str(pad)])

    assert via_stdin == via_bestand


def test_uitleg_never_crashes_on_a_bad_case(tmp_path: Path) -> None:
    """``meldcode uitleg CASE.json``: exit 1 naming the field; Dutch text for the valid ones."""
    fouten: dict[str, list[str]] = {}
    for n, i in enumerate(CASUSSEN):
        pad = tmp_path / f"{n}.json"
        pad.write_bytes(i.tekst)
        status, uit, err = draai(["uitleg", str(pad)])
        gevonden = problemen(status, uit, err, {0} if i.veld is None else {1})
        if i.veld and i.veld not in err:
            gevonden.append(f"{i.veld!r} not named")
        fouten[i.naam] = gevonden

    assert not any(fouten.values()), _rapport(fouten)


def test_uitleg_stdin_explains_every_good_line_around_every_bad_one() -> None:
    """``meldcode uitleg -``: a block per input line; the bad ones name their line on stderr."""
    invoer, plan = _batch(CASUSSEN)

    status, uit, err = draai(["uitleg", "-"], invoer)

    assert problemen(status, uit, err, {1}) == []
    koppen = [r for r in uit.splitlines() if r.startswith("=== lijn ")]
    assert len(koppen) == len(plan)
    blokken = uit.split("=== lijn ")[1:]
    for nummer, (blok, item) in enumerate(zip(blokken, plan, strict=True), start=1):
        assert blok.startswith(f"{nummer} ")
        if item is None or item.veld is None:
            assert "Besluit volgens de meldcode" in blok, nummer
        else:
            assert "Niet beslist" in blok, nummer
            assert f"line {nummer}:" in err


def test_dossier_toevoegen_never_crashes_and_names_the_field(tmp_path: Path) -> None:
    """``meldcode dossier toevoegen``: exit 1 and nothing stored for a bad event file."""
    fouten: dict[str, list[str]] = {}
    for n, i in enumerate(GEBEURTENISSEN):
        pad = tmp_path / f"{n}.json"
        pad.write_bytes(i.tekst)
        db = tmp_path / f"{n}.sqlite3"
        status, uit, err = draai(["dossier", "toevoegen", "lln-1", str(pad), "--db", str(db)])
        geldig = i.veld is None or i.naam.endswith("lijst-van-object")  # a list of events
        gevonden = problemen(status, uit, err, {0} if geldig else {1})
        if i.veld and i.veld not in err:
            gevonden.append(f"{i.veld!r} not named in {err[:100]!r}")
        if not geldig and db.exists():
            gevonden.append("a store was created for a refused event")
        fouten[i.naam] = gevonden

    assert not any(fouten.values()), _rapport(fouten)


def test_dossier_toevoegen_reads_stdin_as_bytes(tmp_path: Path) -> None:
    """``-`` reads standard input as bytes: a BOM is accepted, a stray byte is an error."""
    goed = b"\xef\xbb\xbf" + json.dumps(gebeurtenis_data()[0]).encode()
    db = str(tmp_path / "d.sqlite3")

    status, _, err = draai(["dossier", "toevoegen", "lln-1", "-", "--db", db], goed)
    fout = draai(["dossier", "toevoegen", "lln-1", "-", "--db", db], b'{"a\xff": 1}')

    assert (status, err) == (0, "")
    assert fout[0] == 1
    assert "not valid UTF-8" in fout[2]


STEEKPROEF = [
    i
    for i in CASUSSEN
    if any(s in i.naam for s in ("encoding:ff-in-tekst", "utf16", "diep-[-100000", "bom", ":nan"))
]


@pytest.mark.parametrize("opdracht", ["beslis", "uitleg"])
def test_a_real_process_handles_a_sample_line_by_line(opdracht: str) -> None:
    """A sample through a real ``python -m meldcode`` with binary stdin, as a shell pipes it."""
    invoer, plan = _batch(STEEKPROEF)

    proces = subprocess.run(
        [sys.executable, "-m", "meldcode", opdracht, "-"],
        input=invoer,
        capture_output=True,
        check=False,
        env={"PATH": "", "LC_ALL": "C.UTF-8", "PYTHONPATH": str(ROOT)},
    )

    uit, err = proces.stdout.decode(), proces.stderr.decode()
    assert problemen(proces.returncode, uit, err, {1}) == []
    if opdracht == "beslis":
        fouten = _controleer_batch(uit, plan)
        assert not any(fouten.values()), _rapport(fouten)
    else:
        assert uit.count("=== lijn ") == len(plan)


def test_a_real_process_refuses_a_deeply_nested_file(tmp_path: Path) -> None:
    """``beslis FILE`` with nesting 100000 deep: exit 1, one line, no RecursionError."""
    pad = tmp_path / "diep.json"
    pad.write_bytes(b'{"weging": {"vermoeden": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}")

    proces = subprocess.run(
        [sys.executable, "-m", "meldcode", "beslis", str(pad)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )

    assert proces.returncode == 1
    assert "weging.vermoeden" in proces.stderr
    assert "Traceback" not in proces.stderr
