"""The contract's schemas over HTTP are the files the package ships, byte for byte in meaning."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest


@pytest.mark.parametrize("naam", ["casus", "besluit", "gebeurtenis"])
def test_each_schema_endpoint_serves_the_shipped_file(a: Any, anoniem: Any, naam: str) -> None:
    tekst = resources.files("meldcode").joinpath(f"schema/{naam}.schema.json").read_text("utf-8")

    antwoord = a.get(f"/schemas/{naam}")
    zonder_sleutel = anoniem.get(f"/schemas/{naam}")

    assert antwoord.status_code == 200
    assert antwoord.json() == json.loads(tekst)
    assert zonder_sleutel.status_code == 401


def test_the_event_schema_is_the_append_body_in_the_openapi_document(anoniem: Any) -> None:
    doc = anoniem.get("/openapi.json").json()

    body = doc["paths"]["/dossiers/{dossier}/gebeurtenissen"]["post"]["requestBody"]
    schema = body["content"]["application/json"]["schema"]

    assert schema == {"$ref": "#/components/schemas/Gebeurtenis"}
    assert "oneOf" in doc["components"]["schemas"]["Gebeurtenis"]
