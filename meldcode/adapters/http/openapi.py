"""The OpenAPI 3.1 document of the service, as the API Design Rules want it.

FastAPI generates the operations; this module then

- sets ``servers`` to ``/v1`` (the major version in the URI) and makes the paths relative to it;
- puts the shipped JSON Schemas of the contract (``meldcode/schema/*.schema.json``, the very
  files ``meldcode schema`` prints: a case, a decision, a dossier event) under
  ``components/schemas``, their ``$defs`` beside them, so request and response bodies are
  described by the same schemas the library is tested against, plus the service's own
  envelopes (``Probleem``, ``Batchresultaat``, ...);
- documents the ``API-Version`` header on every response and the problem-details responses
  every operation can give (400, 401, 404, 406, 413, 415, 500, 503, ...), and drops FastAPI's
  422 (this API answers bad input with 400).
"""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from meldcode.adapters.http.schemas import EIGEN_SCHEMAS

__all__ = ["contract_schemas", "openapi_document"]

_BESCHRIJVING = """\
De Meldcode huiselijk geweld en kindermishandeling als dienst: beslis en leg uit met de
geciteerde regelbasis, en houd per organisatie dossiers bij.

Elke operatie behalve `GET /gezondheid` en dit document vraagt een API-sleutel van de
organisatie (`Authorization: Bearer <sleutel>`, gemaakt met `meldcode sleutel maak`). Een
organisatie ziet alleen haar eigen dossiers: een dossier van een ander bestaat voor haar niet
(`404`). Fouten zijn probleemdetails (RFC 9457, `application/problem+json`); ongeldige invoer
geeft `400` met élk ongeldig veld en zijn pad in `fouten`. Datums zijn ISO 8601 (`JJJJ-MM-DD`).
In een URI staat nooit meer dan een pseudonieme dossier- of casusreferentie.
"""

_FOUTEN: dict[int, str] = {
    400: "Ongeldige invoer: élk ongeldig veld met zijn pad in `fouten`.",
    401: "Geen geldige API-sleutel.",
    404: "Niet gevonden (ook: een dossier van een andere organisatie, of een gewist dossier).",
    406: "De client aanvaardt geen JSON.",
    409: "Conflict met de huidige staat van het dossier.",
    413: "Het verzoek is te groot (bytes of aantal casussen).",
    415: "De body is geen JSON.",
    500: "Interne fout (zonder details).",
    503: (
        "Tijdslimiet overschreden, opslag niet bereikbaar, of de server is verkeerd ingesteld "
        "(de sleutel van de versleutelde tekst ontbreekt of past niet)."
    ),
}
_API_VERSION_KOP = {
    "API-Version": {
        "description": "De volledige versie van de API (semver).",
        "schema": {"type": "string", "pattern": r"^\d+\.\d+\.\d+$"},
    }
}


def _schema_tekst(naam: str) -> dict[str, Any]:
    bestand = resources.files("meldcode").joinpath(f"schema/{naam}.schema.json")
    data: dict[str, Any] = json.loads(bestand.read_text(encoding="utf-8"))
    return data


def _herverwijs(knoop: Any) -> Any:
    if isinstance(knoop, dict):
        return {
            k: (
                v.replace("#/$defs/", "#/components/schemas/")
                if k == "$ref" and isinstance(v, str)
                else _herverwijs(v)
            )
            for k, v in knoop.items()
        }
    if isinstance(knoop, list):
        return [_herverwijs(v) for v in knoop]
    return knoop


def contract_schemas() -> dict[str, Any]:
    """The shipped schemas ``Casus``, ``Besluit`` and ``Gebeurtenis`` and their ``$defs``.

    As OpenAPI components: a definition two schemas share (``Signaal``, ``Kind``, ...) is the
    same in both, and is listed once.
    """
    uit: dict[str, Any] = {}
    for naam, component in (
        ("casus", "Casus"),
        ("besluit", "Besluit"),
        ("gebeurtenis", "Gebeurtenis"),
    ):
        schema = _schema_tekst(naam)
        defs = schema.pop("$defs", {})
        schema.pop("$schema", None)
        schema.pop("$id", None)
        for sub, definitie in {component: schema, **defs}.items():
            definitie = _herverwijs(definitie)
            if sub in uit and uit[sub] != definitie:  # pragma: no cover - a schema change
                raise ValueError(f"two different shipped schemas define {sub!r}")
            uit[sub] = definitie
    return uit


def openapi_document(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document of ``app`` (see the module docstring)."""
    inst = app.state.instellingen
    doc = get_openapi(
        title="meldcode",
        version=app.version,
        summary="De meldcode huiselijk geweld en kindermishandeling als dienst.",
        description=_BESCHRIJVING,
        routes=app.routes,
        contact=inst.contact,
        license_info={"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
    )
    doc["servers"] = [{"url": "/v1", "description": "Deze dienst, versie 1."}]
    paden: dict[str, Any] = {}
    for pad, item in doc.get("paths", {}).items():
        if not pad.startswith("/v1/"):
            continue
        paden[pad.removeprefix("/v1")] = item
        for methode, operatie in item.items():
            _vul_antwoorden(methode, operatie)
    doc["paths"] = paden
    componenten = doc.setdefault("components", {})
    schemas = componenten.setdefault("schemas", {})
    for weg in ("HTTPValidationError", "ValidationError"):
        schemas.pop(weg, None)
    schemas.update(contract_schemas())
    schemas.update(copy.deepcopy(EIGEN_SCHEMAS))
    doc["components"] = dict(sorted(componenten.items()))
    doc["components"]["schemas"] = dict(sorted(schemas.items()))
    return doc


def _vul_antwoorden(methode: str, operatie: dict[str, Any]) -> None:
    antwoorden: dict[str, Any] = operatie.setdefault("responses", {})
    antwoorden.pop("422", None)
    beveiligd = bool(operatie.get("security"))
    parameters = operatie.get("parameters", [])
    heeft_body = "requestBody" in operatie
    statussen = {406, 500, 503}
    if beveiligd:
        statussen |= {401}
    if parameters or heeft_body or methode in ("post", "put", "patch"):
        statussen |= {400}
    if any(p.get("in") == "path" for p in parameters):
        statussen |= {404}
    if heeft_body:
        statussen |= {413, 415}
    if any(p.get("name") == "dossier" for p in parameters):
        statussen |= {409}
    for status in sorted(statussen):
        antwoorden.setdefault(
            str(status),
            {
                "description": _FOUTEN[status],
                "content": {
                    "application/problem+json": {
                        "schema": {"$ref": "#/components/schemas/Probleem"}
                    }
                },
            },
        )
    for antwoord in antwoorden.values():
        antwoord.setdefault("headers", {}).update(copy.deepcopy(_API_VERSION_KOP))
        if antwoord.get("content", {}).get("application/json", {}).get("schema") == {}:
            del antwoord["content"]["application/json"]["schema"]
    operatie["responses"] = dict(sorted(antwoorden.items()))
