"""The NLGov REST API Design Rules (Logius), each checked on the OpenAPI document and live.

The rule ids are those of the standard (``/core/...``); the regular expressions are the ones its
"how to test" sections and its Spectral ruleset give.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from .hulp import JSON

KEBAB = re.compile(
    r"^(\/|(\/_[a-z0-9]+|\/(([a-z0-9\-]+|{[^}]+})(\/([a-z0-9\-\.]+|{[^}]+}))*)(\/_[a-z]+)?)\/?)$"
)
CAMEL = re.compile(r"^\$?[a-z][a-z\d]*([A-Z][a-z\d]*)*$")
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
METHODEN = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def doc(dienst: Any) -> dict[str, Any]:
    with dienst.client(None) as c:
        antwoord = c.get("/openapi.json")
    assert antwoord.status_code == 200
    data: dict[str, Any] = antwoord.json()
    return data


def _operaties(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(p, m, o) for p, item in doc["paths"].items() for m, o in item.items()]


def test_core_doc_openapi_version_3_and_every_ref_resolves(doc: dict[str, Any]) -> None:
    assert re.match(r"^3(\.\d+){1,2}$", doc["openapi"])
    tekst = json.dumps(doc)
    for ref in set(re.findall(r'"\$ref": "#/([^"]+)"', tekst)):
        knoop: Any = doc
        for deel in ref.split("/"):
            knoop = knoop[deel]
    assert doc["paths"]


def test_core_publish_openapi_without_key_and_open_to_every_origin(anoniem: Any) -> None:
    antwoord = anoniem.get("/openapi.json", headers={"Origin": "https://elders.example"})

    assert antwoord.status_code == 200
    assert antwoord.headers["access-control-allow-origin"] == "*"


def test_core_transport_cors_closed_everywhere_else(a: Any) -> None:
    for pad in ("/gezondheid", "/dossiers", "/regels"):
        antwoord = a.get(pad, headers={"Origin": "https://elders.example"})
        assert "access-control-allow-origin" not in antwoord.headers
    preflight = a.options(
        "/besluiten",
        headers={"Origin": "https://elders.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_core_uri_version_semver_and_version_header_everywhere(
    doc: dict[str, Any], a: Any, anoniem: Any
) -> None:
    assert SEMVER.match(doc["info"]["version"])
    assert [s["url"] for s in doc["servers"]] == ["/v1"]
    for _pad, _m, operatie in _operaties(doc):
        for status, antwoord in operatie["responses"].items():
            assert "API-Version" in antwoord.get("headers", {}), (_pad, status)
    live = [
        anoniem.get("/gezondheid"),
        anoniem.get("/openapi.json"),
        anoniem.get("/dossiers"),
        a.get("/bestaat-niet"),
        a.delete("/dossiers"),
        a.post("/besluiten", content="{", headers=JSON),
    ]
    for antwoord in live:
        assert antwoord.headers["api-version"] == doc["info"]["version"], antwoord.url


def test_core_paths_no_trailing_slash_kebab_case_camel_case_queries(doc: dict[str, Any]) -> None:
    for pad, methode, operatie in _operaties(doc):
        assert not pad.endswith("/"), pad
        assert KEBAB.match(pad), pad
        assert methode in METHODEN, (pad, methode)
        for p in operatie.get("parameters", []):
            if p["in"] == "query":
                assert CAMEL.match(p["name"]), p["name"]


def test_core_no_trailing_slash_is_a_404_not_a_redirect(a: Any) -> None:
    antwoord = a.get("/dossiers/", follow_redirects=False)

    assert antwoord.status_code == 404


def test_core_error_handling_problem_details_documented(doc: dict[str, Any]) -> None:
    for pad, methode, operatie in _operaties(doc):
        for status, antwoord in operatie["responses"].items():
            if status[0] in "45":
                assert list(antwoord["content"]) == ["application/problem+json"], (pad, status)
        heeft_parameters = bool(operatie.get("parameters"))
        if methode in ("post", "put", "patch") or heeft_parameters:
            assert "400" in operatie["responses"], (pad, methode)
    probleem = doc["components"]["schemas"]["Probleem"]
    assert {"status", "title", "detail"} <= set(probleem["required"])


@pytest.mark.parametrize(
    ("methode", "pad", "body", "status"),
    [
        ("get", "/bestaat-niet", None, 404),
        ("delete", "/dossiers", None, 405),
        ("post", "/besluiten", "{", 400),
        ("post", "/besluiten", "[" * 50_000, 400),
        ("get", "/dossiers/lln-1", None, 404),
        ("get", "/evaluatiecijfers?periode=week", None, 400),
        ("post", "/dossiers/lln-1/gebeurtenissen?na=-1", "{}", 400),
    ],
)
def test_core_error_handling_every_error_is_a_problem(
    a: Any, methode: str, pad: str, body: str | None, status: int
) -> None:
    antwoord = a.request(methode, pad, content=body, headers=JSON)

    assert antwoord.status_code == status
    assert antwoord.headers["content-type"] == "application/problem+json"
    probleem = antwoord.json()
    assert probleem["status"] == status
    assert probleem["title"]
    assert probleem["detail"]
    assert "Traceback" not in antwoord.text
    assert 'File "' not in antwoord.text


def test_core_invalid_input_400_lists_every_field_with_its_path(a: Any) -> None:
    casus = {
        "weging": {"vermoeden": "misschien", "acute_onveiligheid": 1},
        "kind": {"leeftijd": -3},
        "vermoedn": True,
    }

    antwoord = a.post("/besluiten", json=casus)

    assert antwoord.status_code == 400
    velden = {f["veld"] for f in antwoord.json()["fouten"]}
    assert {"weging.vermoeden", "weging.acute_onveiligheid", "kind.leeftijd", "vermoedn"} <= velden


def test_a_wrong_media_type_is_415(a: Any) -> None:
    antwoord = a.post("/besluiten", content="{}", headers={"Content-Type": "text/plain"})

    assert antwoord.status_code == 415
    assert antwoord.headers["content-type"] == "application/problem+json"


def test_a_client_that_accepts_no_json_gets_406(a: Any) -> None:
    antwoord = a.get("/regels", headers={"Accept": "application/xml"})

    assert antwoord.status_code == 406
    assert antwoord.headers["content-type"] == "application/problem+json"


def test_core_transport_security_headers_on_every_response(a: Any, anoniem: Any) -> None:
    for antwoord in (a.get("/regels"), anoniem.get("/dossiers"), a.get("/nergens")):
        koppen = antwoord.headers
        assert koppen["cache-control"] == "no-store"
        assert "frame-ancestors 'none'" in koppen["content-security-policy"]
        assert koppen["x-content-type-options"] == "nosniff"
        assert koppen["x-frame-options"] == "DENY"
        assert "strict-transport-security" in koppen
        assert "server" not in koppen  # /core/hide-implementation


def test_core_transport_no_sensitive_uris(doc: dict[str, Any]) -> None:
    """Nothing from a case in a path or a query: only pseudonymous ids and options."""
    toegestaan = {"dossier", "regel", "profiel", "protocol", "op", "na", "periode", "beslissing"}
    casusvelden = set(doc["components"]["schemas"]["Casus"]["properties"]) - {"protocol"}
    for _pad, _m, operatie in _operaties(doc):
        for p in operatie.get("parameters", []):
            assert p["name"] in toegestaan, p["name"]
            assert p["name"] not in casusvelden
    assert "{dossier}" in " ".join(doc["paths"])


def test_core_date_time_format_dates_are_iso_dates(doc: dict[str, Any]) -> None:
    """Every field that holds a date says ``format: date`` (never date-time)."""
    gevonden = 0

    def loop(knoop: Any, naam: str = "") -> None:
        nonlocal gevonden
        if isinstance(knoop, dict):
            if naam in {"datum", "op", "vanaf", "uiterlijk", "voldaan_op"} or naam.endswith(
                "_datum"
            ):
                formaten = re.findall(r'"format": "([^"]+)"', json.dumps(knoop))
                assert formaten, naam
                assert set(formaten) == {"date"}, naam
                gevonden += 1
                return
            for k, v in knoop.items():
                loop(v, k if k not in ("properties", "anyOf", "items") else naam)
        elif isinstance(knoop, list):
            for v in knoop:
                loop(v, naam)

    for schema in doc["components"]["schemas"].values():
        loop(schema.get("properties", {}))
    for _pad, _m, operatie in _operaties(doc):
        for p in operatie.get("parameters", []):
            if p["name"] == "op":
                assert re.findall(r'"format": "date"', json.dumps(p["schema"]))
    assert gevonden >= 5


def test_limits_a_too_large_body_and_a_too_long_batch_are_413(a: Any) -> None:
    groot = a.post("/besluiten", content=b" " * 1_100_000, headers=JSON)
    lang = a.post("/besluiten/_batch", json=[{}] * 1001)

    assert groot.status_code == 413
    assert lang.status_code == 413
    assert lang.headers["content-type"] == "application/problem+json"


def test_a_bad_element_in_a_batch_does_not_stop_the_others(a: Any) -> None:
    batch = [
        {"weging": {"vermoeden": "ja", "acute_onveiligheid": "ja"}},
        {"weging": {"vermoeden": "misschien"}},
        "geen casus",
        {"weging": {"vermoeden": "nee"}},
    ]

    antwoord = a.post("/besluiten/_batch", json=batch)

    assert antwoord.status_code == 200
    data = antwoord.json()
    soorten = [next(iter(r)) for r in data["resultaten"]]
    assert soorten == ["besluit", "probleem", "probleem", "besluit"]
    assert data["geweigerd"] == 2
    assert data["resultaten"][1]["probleem"]["fouten"][0]["veld"] == "weging.vermoeden"
    assert data["resultaten"][0]["besluit"]["melden"] is True
