"""``meldcode waarom-niet``: Dutch text and JSON, checked against the library and ``beslis``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from meldcode import Beslispunt, beslis, casus_uit_dict
from meldcode.adapters.cli.main import main
from meldcode.adapters.json.waarom_niet import waarom_niet_naar_dict
from meldcode.adapters.profiel import laad_profiel
from meldcode.rules.beslis import kies_regelbasis
from meldcode.rules.waarom_niet import waarom_niet

GEHEIM = "Naam-van-het-kind-in-vrije-tekst"
CASUS: dict[str, Any] = {
    "referentie": "lln-0042",
    "kind": {"leeftijd": 9},
    "signalen": [{"soort": "verwaarlozing", "omschrijving": GEHEIM}],
    "weging": {"vermoeden": "nee"},
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def casus_pad(tmp_path: Path) -> Path:
    pad = tmp_path / "casus.json"
    pad.write_text(json.dumps(CASUS), encoding="utf-8")
    return pad


def test_text_lists_the_decisions_not_taken_in_dutch(
    casus_pad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "waarom-niet", str(casus_pad), "--max", "2")
    assert status == 0
    besluit = beslis(casus_uit_dict(CASUS))
    niet_genomen = [p for p in Beslispunt if not besluit.beslist(p)]
    assert out.count("nee. Waarom niet") == len(niet_genomen)
    assert "Melden bij Veilig Thuis: nee. Waarom niet" in out
    assert "er is een signaal met levensgevaar (nu niet)" in out
    assert GEHEIM not in out


def test_json_is_the_library_s_answer(casus_pad: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "waarom-niet", str(casus_pad), "--json", "--max", "2")
    assert status == 0
    casus = casus_uit_dict(CASUS)
    basis = kies_regelbasis(casus)
    verwacht = waarom_niet_naar_dict(waarom_niet(casus, max_wijzigingen=2), basis)
    assert json.loads(out) == verwacht
    assert GEHEIM not in out


def test_one_decision_that_was_taken_shows_what_would_undo_it(
    casus_pad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(
        capsys, "waarom-niet", str(casus_pad), "--beslissing", "dossier_sluiten", "--json"
    )
    assert status == 0
    (uit,) = json.loads(out)
    assert uit["beslissing"] == "dossier_sluiten"
    assert uit["genomen"] is True
    assert uit["alternatieven"], "closing the case can be undone"
    for alt in uit["alternatieven"]:
        for w in alt["wijzigingen"]:
            assert w["tekst"]
            assert w["soort"] in {"antwoord", "feit", "leeftijd"}


def test_under_a_profile_and_another_protocol(
    casus_pad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(
        capsys,
        "waarom-niet",
        str(casus_pad),
        "--protocol",
        "2013",
        "--profiel",
        "vcog",
        "--beslissing",
        "melden",
        "--json",
        "--max",
        "2",
    )
    assert status == 0
    casus = casus_uit_dict(CASUS)
    basis = laad_profiel("vcog").regelbasis(kies_regelbasis(casus, "2013").protocol)
    verwacht = waarom_niet(casus, "2013", basis=basis, beslissingen=["melden"], max_wijzigingen=2)
    assert json.loads(out) == waarom_niet_naar_dict(verwacht, basis)


def test_bad_input_names_the_field_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pad = tmp_path / "slecht.json"
    pad.write_text(json.dumps({"weging": {"vermoeden": "misschien"}}), encoding="utf-8")
    status, _, err = run(capsys, "waarom-niet", str(pad))
    assert status == 1
    assert "weging.vermoeden" in err
    assert "Traceback" not in err
    with pytest.raises(SystemExit) as exit_info:
        main(["waarom-niet", str(pad), "--beslissing", "misschien"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit):
        main(["waarom-niet", str(pad), "--max", "9"])
