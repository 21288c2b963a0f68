"""The command line: vignettes, batches with bad lines, explanations, rules and schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from meldcode import Protocol, regelbasis
from meldcode.adapters.cli.main import main
from tests.conftest import DATA, vignetten
from tests.unit.test_vignetten import controleer_verwachting

VIGNETTEN = vignetten()
GOLDEN = DATA / "uitleg"
UPDATE = os.environ.get("MELDCODE_UPDATE_GOLDEN") == "1"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def schrijf(tmp_path: Path, casus: dict[str, Any], naam: str = "casus.json") -> Path:
    pad = tmp_path / naam
    pad.write_text(json.dumps(casus), encoding="utf-8")
    return pad


@pytest.mark.parametrize("vignet", VIGNETTEN, ids=[v["id"] for v in VIGNETTEN])
def test_beslis_decides_each_vignette_as_expected(
    vignet: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``meldcode beslis CASE.json`` prints the expected decision, with grounds."""
    status, out, _ = run(capsys, "beslis", str(schrijf(tmp_path, vignet["casus"])))

    assert status == 0
    besluit = json.loads(out)
    controleer_verwachting(vignet["verwacht"], besluit)
    assert besluit["gronden"]


def test_batch_on_stdin_decides_good_lines_and_reports_bad_ones() -> None:
    """JSON Lines in, a line out per case; a bad line yields ``fout``; exit status 1 at the end."""
    regels = [json.dumps(v["casus"]) for v in VIGNETTEN[:3]]
    regels.insert(1, '{"weging": {"vermoeden": "misschien"}, "signalen": [{"soort": "x"}]}')
    regels.append("dit is geen json")
    invoer = "\n".join(regels) + "\n"

    proces = subprocess.run(
        [sys.executable, "-m", "meldcode", "beslis", "-"],
        input=invoer,
        capture_output=True,
        text=True,
        check=False,
    )

    uit = [json.loads(r) for r in proces.stdout.splitlines()]
    assert proces.returncode == 1
    assert len(uit) == 5
    assert [("fout" in u) for u in uit] == [False, True, False, False, True]
    assert uit[1]["fout"]["lijn"] == 2
    assert uit[1]["fout"]["veld"] == "signalen[0].soort"
    assert {f["veld"] for f in uit[1]["fout"]["fouten"]} == {
        "weging.vermoeden",
        "signalen[0].soort",
    }
    assert uit[0]["melden"] is VIGNETTEN[0]["verwacht"]["melden"]
    assert "Traceback" not in proces.stderr


def test_a_batch_without_bad_lines_exits_zero(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A .jsonl file is a batch too."""
    pad = tmp_path / "casussen.jsonl"
    pad.write_text("\n".join(json.dumps(v["casus"]) for v in VIGNETTEN), encoding="utf-8")

    status, out, _ = run(capsys, "beslis", str(pad))

    assert status == 0
    assert len(out.splitlines()) == len(VIGNETTEN)


def test_protocol_option_overrides_the_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--protocol 2013`` decides a 2019 case under the 2013 code (a what-if)."""
    pad = schrijf(
        tmp_path, {"protocol": "2019", "weging": {"vermoeden": "ja", "kan_beschermen": "nee"}}
    )

    _, out, _ = run(capsys, "beslis", "--protocol", "2013", str(pad))

    assert json.loads(out)["protocol"] == "2013"
    assert json.loads(out)["melden"] is True


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["beslis", "/niet/bestaand.json"], "file not found"),
        (["uitleg", "/niet/bestaand.json"], "file not found"),
    ],
)
def test_bad_paths_give_a_message_not_a_traceback(
    args: list[str], fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing file is an input error with exit status 1."""
    status, _, err = run(capsys, *args)

    assert status == 1
    assert fragment in err


def test_a_bad_case_file_names_field_and_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The message of a bad case names the path and the value, and no description."""
    pad = schrijf(
        tmp_path,
        {
            "kind": {"leeftijd": "negen"},
            "signalen": [{"soort": "verwaarlozing", "omschrijving": 7}],
        },
    )

    status, out, err = run(capsys, "beslis", str(pad))

    assert (status, out) == (1, "")
    assert "kind.leeftijd must be a whole number (got 'negen')" in err


def test_an_unknown_protocol_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """Argparse refuses ``--protocol 2020`` with exit status 2."""
    with pytest.raises(SystemExit) as exit_:
        main(["beslis", "--protocol", "2020", "x.json"])

    assert exit_.value.code == 2
    assert "protocol must be 2013 or 2019" in capsys.readouterr().err


@pytest.mark.parametrize("vignet", VIGNETTEN, ids=[v["id"] for v in VIGNETTEN])
def test_uitleg_matches_its_golden_file(
    vignet: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Dutch explanation is stable; ``MELDCODE_UPDATE_GOLDEN=1`` rewrites the golden files."""
    status, out, _ = run(capsys, "uitleg", str(schrijf(tmp_path, vignet["casus"])))
    golden = GOLDEN / f"{vignet['id']}.txt"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8")

    assert status == 0
    assert golden.read_text(encoding="utf-8") == out, (
        "the explanation changed; review it and rerun with MELDCODE_UPDATE_GOLDEN=1"
    )


def test_uitleg_quotes_every_ground(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every fired rule appears in the explanation with its source."""
    vignet = next(v for v in VIGNETTEN if v["id"] == "p19-08")
    _, uitleg, _ = run(capsys, "uitleg", str(schrijf(tmp_path, vignet["casus"])))
    _, besluit, _ = run(capsys, "beslis", str(schrijf(tmp_path, vignet["casus"])))

    for grond in json.loads(besluit)["gronden"]:
        assert grond["regel"] in uitleg
        assert grond["bron"] in uitleg
    assert "Gesprek met de ouders mag vervallen:  ja" in uitleg


def test_regels_json_lists_the_whole_rule_base(capsys: pytest.CaptureFixture[str]) -> None:
    """``meldcode regels --json`` gives id, protocols, bron, citaat, condition and conclusion."""
    status, out, _ = run(capsys, "regels", "--json")
    regels = json.loads(out)

    ids = {r.id for p in Protocol for r in regelbasis(p).regels}
    assert status == 0
    assert {r["id"] for r in regels} == ids
    assert {"id", "protocollen", "bron", "citaat", "conditie", "conclusie"} <= set(regels[0])


def test_schema_validates_every_vignette(capsys: pytest.CaptureFixture[str]) -> None:
    """``meldcode schema`` prints a JSON Schema that every vignette's case satisfies."""
    jsonschema = pytest.importorskip("jsonschema")
    _, out, _ = run(capsys, "schema")
    schema = json.loads(out)

    for vignet in VIGNETTEN:
        jsonschema.validate(vignet["casus"], schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"weging": {"vermoeden": "misschien"}}, schema)


def test_besluit_schema_validates_a_decision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``meldcode schema --besluit`` describes what ``beslis`` prints."""
    jsonschema = pytest.importorskip("jsonschema")
    _, schema, _ = run(capsys, "schema", "--besluit")
    _, besluit, _ = run(capsys, "beslis", str(schrijf(tmp_path, VIGNETTEN[7]["casus"])))

    jsonschema.validate(json.loads(besluit), json.loads(schema))


def test_python_dash_m_meldcode_runs() -> None:
    """``python -m meldcode`` is the same command line."""
    proces = subprocess.run(
        [sys.executable, "-m", "meldcode", "--version"], capture_output=True, text=True, check=False
    )

    assert proces.returncode == 0
    assert proces.stdout.startswith("meldcode ")


_KERNOPDRACHTEN = {
    "beslis": [["casus.json"], ["-", "--protocol", "2013"], ["x.jsonl", "--engine", "durable"]],
    "uitleg": [["casus.json"], ["-", "--protocol", "2019", "--profiel", "vcog"]],
    "regels": [[], ["--json"], ["--protocol", "2013"]],
    "schema": [[], ["--besluit"], ["--gebeurtenis"]],
    "demo": [[], ["map"], ["--protocol", "2019"]],
}


@pytest.mark.parametrize("opdracht", sorted(_KERNOPDRACHTEN))
def test_a_parser_built_for_one_core_command_reads_it_as_the_whole_parser_does(
    opdracht: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``bouw_parser(alleen=...)`` parses its command's lines and prints its help alike."""
    from meldcode.adapters.cli.main import bouw_parser

    monkeypatch.setenv("COLUMNS", "100")
    heel, een = bouw_parser(uitbreidingen=False), bouw_parser(uitbreidingen=False, alleen=opdracht)
    for rest in _KERNOPDRACHTEN[opdracht]:
        assert vars(een.parse_args([opdracht, *rest])) == vars(heel.parse_args([opdracht, *rest]))
    hulp = [p._subparsers._group_actions[0].choices[opdracht].format_help() for p in (heel, een)]  # type: ignore[union-attr]
    assert hulp[0] == hulp[1]
    assert f"meldcode {opdracht}" in hulp[0]


@pytest.mark.parametrize(
    ("columns", "breedte"), [("100", 100), ("40", 40), ("0", 80), ("-3", 80), ("breed", 80)]
)
def test_help_is_as_wide_as_argparse_makes_it(
    columns: str, breedte: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The help's width follows ``COLUMNS`` as argparse's own formatter reads it (by ``shutil``).

    Off a terminal (as here) and without a usable ``COLUMNS``, it is 80, as for argparse.
    """
    import argparse

    from meldcode.adapters.cli.main import _Opmaak, bouw_parser

    monkeypatch.setenv("COLUMNS", columns)
    assert _Opmaak("meldcode")._width == argparse.HelpFormatter("meldcode")._width == breedte - 2
    hulp = bouw_parser(uitbreidingen=False).format_help()
    assert max(map(len, hulp.splitlines())) <= breedte - 2
