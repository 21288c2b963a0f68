"""Schemathesis over the whole OpenAPI document of the running server: no 5xx, answers fit.

Every operation gets generated requests (valid and invalid) with organisation A's key; each
answer must not be a server error, must match the documented status codes, media types, headers
and schemas, and a request the document calls valid must not be refused as bad input (a 409,
the dossier's state refusing it, is no refusal of the data). Bounded (``MAX_EXAMPLES`` per
operation) to keep the run near a minute.

The shipped schemas say all of what the readers check but one rule no JSON Schema can express:
agreed help's ``termijn`` is not before its ``datum`` (the schema says so in words). Generated
events that break it are left out, so every other refusal still fails the run.
"""

from __future__ import annotations

from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402

MAX_EXAMPLES = 50


@pytest.fixture(scope="module")
def operaties(dienst: Any) -> dict[str, Any]:
    """The operations of the served OpenAPI document, loaded by Schemathesis, by label."""
    schema = schemathesis.openapi.from_url(f"{dienst.url}/openapi.json")
    schema.config.update(base_url=dienst.url)
    uit = {}
    for resultaat in schema.get_all_operations():
        operatie = resultaat.ok()
        uit[operatie.label] = operatie
    return uit


def test_schemathesis_covers_every_operation(operaties: dict[str, Any], anoniem: Any) -> None:
    doc = anoniem.get("/openapi.json").json()
    aantal = sum(len(item) for item in doc["paths"].values())

    assert len(operaties) == aantal >= 15


def test_no_server_error_and_every_answer_fits_the_document(
    operaties: dict[str, Any], dienst: Any
) -> None:
    koppen = {"Authorization": f"Bearer {dienst.sleutels['bestuur-a']}"}
    for label, operatie in sorted(operaties.items()):

        @given(case=operatie.as_strategy().filter(lambda case: _zegt_het_schema(case.body)))
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def controleer(case: Any) -> None:
            case.call_and_validate(headers=koppen)

        try:
            controleer()
        except Exception as exc:
            raise AssertionError(f"{label}: {exc}") from exc


def _zegt_het_schema(body: Any) -> bool:
    """False for an event whose help ends before it starts: the rule only words can state."""
    if not isinstance(body, dict):
        return True
    inhoud = body.get("vervanging") if body.get("soort") == "correctie" else body
    if not isinstance(inhoud, dict) or inhoud.get("soort") != "hulp_afgesproken":
        return True
    datum, termijn = inhoud.get("datum"), inhoud.get("termijn")
    return not (isinstance(datum, str) and isinstance(termijn, str) and termijn < datum)
