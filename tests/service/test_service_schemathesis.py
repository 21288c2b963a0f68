"""Schemathesis over the whole OpenAPI document of the running server: no 5xx, answers fit.

Every operation gets generated requests (valid and invalid) with organisation A's key; each
answer must not be a server error, must match the documented status codes, media types, headers
and schemas, and a request the document calls valid must not be refused as bad input (a 409,
the dossier's state refusing it, is no refusal of the data). Bounded (``MAX_EXAMPLES`` per
operation) to keep the run near a minute.

The shipped schemas say all of what the readers check but two rules no JSON Schema can express,
which the document states in words: agreed help's ``termijn`` is not before its ``datum``, and a
profile decides only cases under a protocol it is written for (a rule across the query's
``profiel`` and ``protocol`` and the case's own protocol or date). Generated requests that break
one of them are left out, so every other refusal still fails the run.
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

        @given(case=operatie.as_strategy().filter(_zegt_het_document))
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


def _zegt_het_document(case: Any) -> bool:
    """False for a request that breaks one of the two rules the document states only in words."""
    return _termijn_na_datum(case.body) and _profiel_past(case.query or {}, case.body)


def _profiel_past(query: dict[str, Any], body: Any) -> bool:
    """False when ``profiel`` is not written for the protocol the case falls under."""
    from meldcode.adapters.json.casus import casus_uit_dict
    from meldcode.adapters.profiel import laad_profiel
    from meldcode.rules.beslis import lees_protocol
    from meldcode.rules.versies import kies_protocol

    naam, protocol = query.get("profiel"), query.get("protocol")
    if not isinstance(naam, str):
        return True
    try:
        profiel = laad_profiel(naam)
        gekozen = lees_protocol(protocol) if isinstance(protocol, str) else None
        casussen = body if isinstance(body, list) else [body] if isinstance(body, dict) else []
        if not casussen:  # no case (the rule base): the query's protocol, if any
            return gekozen is None or gekozen in profiel.protocollen
        # a batch refuses nothing as a whole; one case is refused when it falls elsewhere
        if isinstance(body, list):
            return True
        return kies_protocol(casus_uit_dict(body), gekozen) in profiel.protocollen
    except Exception:  # bad input of another kind: the server must refuse it, and may
        return True


def _termijn_na_datum(body: Any) -> bool:
    """False for an event whose help ends before it starts: the rule only words can state."""
    if not isinstance(body, dict):
        return True
    inhoud = body.get("vervanging") if body.get("soort") == "correctie" else body
    if not isinstance(inhoud, dict) or inhoud.get("soort") != "hulp_afgesproken":
        return True
    datum, termijn = inhoud.get("datum"), inhoud.get("termijn")
    return not (isinstance(datum, str) and isinstance(termijn, str) and termijn < datum)
