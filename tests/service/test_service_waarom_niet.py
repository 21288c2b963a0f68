"""Why not over HTTP: the command line's ``waarom-niet --json``, byte for byte, from the server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from meldcode.adapters.cli.main import main

from .hulp import JSON

ROOT = Path(__file__).resolve().parents[2]
VOORBEELDEN = sorted((ROOT / "examples" / "casussen").glob("*.json"))


def _cli(capsys: pytest.CaptureFixture[str], pad: Path, *opties: str) -> Any:
    capsys.readouterr()
    assert main(["waarom-niet", str(pad), "--json", *opties]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    ("pad", "params", "opties"),
    [
        (VOORBEELDEN[0], {}, []),
        (VOORBEELDEN[4], {}, []),
        (VOORBEELDEN[3], {"beslissing": "melden"}, ["--beslissing", "melden"]),
        (
            VOORBEELDEN[5],
            {"beslissing": "hulp_organiseren", "protocol": "2013", "profiel": "vcog"},
            ["--beslissing", "hulp_organiseren", "--protocol", "2013", "--profiel", "vcog"],
        ),
    ],
    ids=["2013", "2019", "a-decision-taken", "protocol-and-profile"],
)
def test_why_not_over_http_is_what_the_command_line_writes(
    a: Any,
    capsys: pytest.CaptureFixture[str],
    pad: Path,
    params: dict[str, str],
    opties: list[str],
) -> None:
    """One reader, one search, one writer: the same JSON as ``meldcode waarom-niet --json``."""
    antwoord = a.post(
        "/waarom-niet", params=params, content=pad.read_bytes(), headers=JSON, timeout=60
    )

    assert antwoord.status_code == 200, antwoord.text
    assert antwoord.headers["content-type"] == "application/json"
    assert antwoord.json() == _cli(capsys, pad, *opties)
    assert antwoord.json(), "the example gets at least one answer"


def test_a_bad_case_or_decision_is_a_400_naming_every_field(a: Any) -> None:
    casus = {"weging": {"vermoeden": "misschien"}, "kind": {"leeftijd": -3}}

    slechte_casus = a.post("/waarom-niet", json=casus)
    slechte_beslissing = a.post(
        "/waarom-niet", params={"beslissing": "opsluiten"}, json={"weging": {}}
    )

    assert slechte_casus.status_code == 400
    assert {f["veld"] for f in slechte_casus.json()["fouten"]} == {
        "weging.vermoeden",
        "kind.leeftijd",
    }
    assert slechte_beslissing.status_code == 400
    assert slechte_beslissing.headers["content-type"] == "application/problem+json"
    assert [f["veld"] for f in slechte_beslissing.json()["fouten"]] == ["beslissing"]


def test_why_not_is_in_the_openapi_document_with_its_answer_s_schema(anoniem: Any) -> None:
    doc = anoniem.get("/openapi.json").json()

    operatie = doc["paths"]["/waarom-niet"]["post"]

    assert operatie["security"]
    assert {p["name"] for p in operatie["parameters"]} == {"beslissing", "protocol", "profiel"}
    schema = operatie["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/WaaromNiet"}
    assert "WaaromNiet" in doc["components"]["schemas"]
