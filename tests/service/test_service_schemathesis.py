"""Schemathesis over the whole OpenAPI document of the running server: no 5xx, answers fit.

Every operation gets generated requests (valid and invalid) with organisation A's key; each
answer must not be a server error and must match the documented status codes, media types,
headers and schemas. Bounded (``MAX_EXAMPLES`` per operation) to keep the run near a minute.

One check is left out, on purpose: "a schema-valid request is accepted". The shipped schemas
describe the shape of a case; the library's reader also refuses what a schema cannot say (a
dossier event of an unknown ``soort``, an event the step progression forbids, cross-field
rules), and such a refusal is a documented 400 or 409, not a server fault.
"""

from __future__ import annotations

from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

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

        @given(case=operatie.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def controleer(case: Any) -> None:
            case.call_and_validate(headers=koppen, excluded_checks=[positive_data_acceptance])

        try:
            controleer()
        except Exception as exc:
            raise AssertionError(f"{label}: {exc}") from exc
