"""Write every generated file of the project from its source.

The JSON Schemas, the diagrams, the shipped vignettes, the coverage table ``docs/coverage.md``
and the example cases shipped for ``meldcode demo`` (copies of ``examples/casussen``).

Usage: .venv/bin/python scripts/generate.py [--check]

A maintainer's tool: it writes into the repository, so it is a script and not a subcommand of
the user's ``meldcode``. The tests compare each file with what this script would write and fail
when one is stale; ``--check`` does the same without writing.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from meldcode.adapters.diagram import teken
from meldcode.adapters.json.schema import besluit_schema, casus_schema, gebeurtenis_schema

ROOT = Path(__file__).resolve().parent.parent


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _dekking() -> str:
    from meldcode.adapters.dekking import dekking_markdown

    return dekking_markdown()


def _voorbeeld(naam: str) -> Callable[[], str]:
    return lambda: (ROOT / "examples" / "casussen" / naam).read_text(encoding="utf-8")


VOORBEELDEN = sorted(p.name for p in (ROOT / "examples" / "casussen").glob("*.json"))
"""The example cases, shipped as package data so that ``meldcode demo`` works anywhere."""


def _vectoren() -> str:
    """The conformance vectors: the public vignettes and the example cases with their decision."""
    from meldcode import beslis, besluit_naar_dict, casus_uit_dict

    velden = (
        "protocol",
        "melden",
        "hulp_organiseren",
        "dossier_sluiten",
        "veilig_thuis_raadplegen",
        "spoed",
        "oudergesprek_overslaan",
        "bespreken_met_kind",
        "volgende_vraag",
    )
    scenarios = json.loads((ROOT / "tests" / "data" / "scenarios.json").read_text("utf-8"))
    vectoren = [
        {"id": s["id"], "bron": s["why"], "casus": s["casus"], "verwacht": s["verwacht"]}
        for s in scenarios
    ]
    for pad in sorted((ROOT / "examples" / "casussen").glob("*.json")):
        casus = json.loads(pad.read_text(encoding="utf-8"))
        besluit = besluit_naar_dict(beslis(casus_uit_dict(casus)))
        verwacht = {k: besluit[k] for k in velden}
        verwacht["contacten_bevat"] = besluit["contacten"]
        vectoren.append(
            {
                "id": f"vb-{pad.stem}",
                "bron": f"examples/casussen/{pad.name}",
                "casus": casus,
                "verwacht": verwacht,
            }
        )
    data = {"formaat": "meldcode-conformance/1", "contract": "1", "vectoren": vectoren}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _openapi() -> dict[str, object]:
    from meldcode.adapters.http import Instellingen, maak_app
    from meldcode.adapters.http.openapi import openapi_document

    return openapi_document(maak_app(Instellingen(db="meldcode-api-document.sqlite3")))


def _api_markdown() -> str:
    """The HTTP API reference as Markdown, rendered from the OpenAPI document."""
    doc: dict[str, Any] = _openapi()
    regels = [
        "# HTTP API reference",
        "",
        "Generated from the OpenAPI document that `meldcode serve` publishes at `/v1/openapi.json`",
        "(also here: [openapi.json](openapi.json)) by `scripts/generate.py`; do not edit.",
        f"API version {doc['info']['version']}; every path below is relative to `/v1`.",
        "",
        "| method | path | summary | key | answers |",
        "|---|---|---|---|---|",
    ]
    details: list[str] = []
    for pad, item in doc["paths"].items():
        for methode, op in item.items():
            sleutel = "yes" if op.get("security") else "no"
            statussen = ", ".join(op["responses"])
            samenvatting = op.get("summary", "")
            regels.append(
                f"| {methode.upper()} | `{pad}` | {samenvatting} | {sleutel} | {statussen} |"
            )
            details += ["", f"## {methode.upper()} `{pad}`", "", op.get("summary", "")]
            if op.get("description"):
                details += ["", op["description"]]
            parameters = op.get("parameters", [])
            if parameters:
                details += ["", "| parameter | in | required | description |", "|---|---|---|---|"]
                for par in parameters:
                    beschrijving = (par.get("description") or "").replace("\n", " ")
                    verplicht = "yes" if par.get("required") else "no"
                    details.append(
                        f"| `{par['name']}` | {par['in']} | {verplicht} | {beschrijving} |"
                    )
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            if body:
                details += ["", f"Body: `{json.dumps(body['schema'])}`"]
            details += ["", "| status | meaning |", "|---|---|"]
            for status, antwoord in op["responses"].items():
                details.append(f"| {status} | {antwoord.get('description', '')} |")
    return "\n".join(regels + details) + "\n"


def _vignetten() -> str:
    data = json.loads((ROOT / "tests" / "data" / "scenarios.json").read_text(encoding="utf-8"))
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


#: every generated file, relative to the repository root, and the function that writes it
ARTEFACTEN: dict[str, Callable[[], str]] = {
    "meldcode/schema/casus.schema.json": lambda: _json(casus_schema()),
    "meldcode/schema/besluit.schema.json": lambda: _json(besluit_schema()),
    "meldcode/schema/gebeurtenis.schema.json": lambda: _json(gebeurtenis_schema()),
    "meldcode/testing/vignetten.json": _vignetten,
    "docs/coverage.md": _dekking,
    **{f"meldcode/voorbeelden/{naam}": _voorbeeld(naam) for naam in VOORBEELDEN},
    "meldcode/testing/vectoren.json": _vectoren,
    "docs/reference/openapi.json": lambda: _json(_openapi()),
    "docs/reference/http-api.md": _api_markdown,
    **{
        f"docs/diagrams/meldcode-{p}.{ext}": (lambda p=p, f=f: teken(p, f))
        for p in ("2013", "2019")
        for f, ext in (("mermaid", "mmd"), ("dot", "dot"))
    },
}


def verouderd() -> list[str]:
    """The generated files whose content differs from what their source gives now."""
    out = []
    for pad, maak in ARTEFACTEN.items():
        bestand = ROOT / pad
        if not bestand.is_file() or bestand.read_text(encoding="utf-8") != maak():
            out.append(pad)
    return out


def main(argv: list[str]) -> int:
    """Write (or with ``--check`` only list) the stale generated files."""
    if "--check" in argv:
        stale = verouderd()
        for pad in stale:
            print(f"stale: {pad}")
        return 1 if stale else 0
    # in order, one at a time: a later file (the OpenAPI document) reads an earlier one (a schema)
    for pad, maak in ARTEFACTEN.items():
        bestand = ROOT / pad
        tekst = maak()
        if bestand.is_file() and bestand.read_text(encoding="utf-8") == tekst:
            continue
        bestand.parent.mkdir(parents=True, exist_ok=True)
        bestand.write_text(tekst, encoding="utf-8")
        print(f"wrote {pad}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
