"""The route vignettes through the API and the CLI: contacts, actions, follow-ups, grounds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from meldcode.adapters.cli.main import main
from meldcode.adapters.dekking import alle_regels
from tests.routes.conftest import beslis_vignet, route_vignetten

VIGNETTEN = route_vignetten()
REGELS = {r.id: r for r in alle_regels()}


def controleer(vignet: dict[str, Any], besluit: dict[str, Any]) -> None:
    """Everything a vignet expects holds for ``besluit`` (a contract dict)."""
    for sleutel, waarde in vignet["verwacht"].items():
        assert besluit[sleutel] == waarde, sleutel
    gronden = {g["regel"]: g for g in besluit["gronden"]}
    for regel in vignet.get("gronden", []):
        assert regel in gronden, regel
        assert gronden[regel]["citaat"] == REGELS[regel].citaat
        assert gronden[regel]["bron"] == str(REGELS[regel].bron)
    for regel in vignet.get("gronden_niet", []):
        assert regel not in gronden, regel
    if "waarschuwingen" in vignet:
        codes = [w["code"] for w in besluit["waarschuwingen"]]
        assert codes == vignet["waarschuwingen"], codes
    acties = {(a["taak"], a["rol"], a["partij"]) for a in besluit["acties"]}
    for actie in vignet.get("acties", []):
        taak, rol, *partij = actie
        assert (taak, rol, partij[0] if partij else None) in acties, actie
    if "opvolging" in vignet:
        assert [[o["taak"], o["datum"]] for o in besluit["opvolging"]] == vignet["opvolging"]
    for partij, telefoon in vignet.get("details", {}).items():
        assert {"partij": partij, "telefoon": telefoon} in [
            {"partij": k["partij"], "telefoon": k["telefoon"]} for k in besluit["contacten_details"]
        ]


@pytest.mark.parametrize("vignet", VIGNETTEN, ids=[v["id"] for v in VIGNETTEN])
def test_route_vignet_through_the_api(vignet: dict[str, Any]) -> None:
    """The decision of the API holds what the vignet expects, grounds quoting the source."""
    besluit = beslis_vignet(vignet)

    controleer(vignet, besluit)


@pytest.mark.parametrize("vignet", VIGNETTEN, ids=[v["id"] for v in VIGNETTEN])
def test_route_vignet_through_the_cli(
    vignet: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``meldcode beslis [--profiel NAME]`` gives the same decision as the API."""
    pad = tmp_path / "casus.json"
    pad.write_text(json.dumps(vignet["casus"]), encoding="utf-8")
    argv = ["beslis", str(pad)]
    if vignet.get("profiel"):
        argv += ["--profiel", vignet["profiel"]]

    status = main(argv)
    besluit = json.loads(capsys.readouterr().out)

    assert status == 0
    controleer(vignet, besluit)
    assert besluit == beslis_vignet(vignet)


def test_uitleg_names_the_roles_the_follow_up_and_the_phone_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Dutch explanation says who does what, by when, and which number to call."""
    vignet = next(v for v in VIGNETTEN if v["id"] == "p-fedra-melden")
    pad = tmp_path / "casus.json"
    pad.write_text(json.dumps(vignet["casus"]), encoding="utf-8")

    status = main(["uitleg", str(pad), "--profiel", "fedra"])
    tekst = capsys.readouterr().out

    assert status == 0
    assert "Profiel: fedra" in tekst
    assert "Veilig Thuis, tel. 0800 2000 (Kennemerland; 088 8006200)" in tekst
    assert "aandachtsfunctionaris (zorgcoördinator)" in tekst
    assert "uiterlijk 2026-03-20 (5 werkdagen, ma-vr)" in tekst
    assert "Wie doet wat:" in tekst


def test_profielen_lists_the_shipped_profiles(capsys: pytest.CaptureFixture[str]) -> None:
    """``meldcode profielen`` lists vcog and fedra with their source files."""
    status = main(["profielen"])
    out = capsys.readouterr().out

    assert status == 0
    assert "vcog  [2013]" in out
    assert "fedra  [2019]" in out
    assert "001_a24e22b875c57711.txt" in out


def test_an_unknown_profile_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--profiel nergens`` names the value and the shipped profiles, exit status 1."""
    pad = tmp_path / "casus.json"
    pad.write_text("{}", encoding="utf-8")

    status = main(["beslis", str(pad), "--profiel", "nergens"])
    err = capsys.readouterr().err

    assert status == 1
    assert "profiel must be a file or one of fedra, midden-groningen, perspectief, vcog" in err
    assert "(got 'nergens')" in err


def test_a_profile_decides_the_same_on_the_durable_engine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--profiel`` works with ``--engine durable`` and prints what the pure engine prints."""
    pytest.importorskip("durable", reason="durable-rules is not installed (meldcode[durable])")
    pad = tmp_path / "casus.json"
    pad.write_text(
        '{"protocol": "2013", "signalen": [{"soort": "verwaarlozing"}],'
        ' "weging": {"vermoeden": "ja", "kan_beschermen": "nee"}}',
        encoding="utf-8",
    )

    uit = {}
    for naam in ("pure", "durable"):
        status = main(["beslis", str(pad), "--profiel", "vcog", "--engine", naam])
        assert status == 0
        uit[naam] = capsys.readouterr().out

    assert uit["pure"] == uit["durable"]
    assert json.loads(uit["pure"])["ontbrekende_consultaties"]  # the profile took effect
