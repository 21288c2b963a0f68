"""The service answers each of meldcode's errors with the status its access log records.

``status_van`` is the one mapping of an error to an HTTP status; the service's problem responses
and the access-log rows (of the service and of the command line) must agree with it.
"""

from __future__ import annotations

import asyncio
import json

import pytest

pytest.importorskip("fastapi", reason="the service needs meldcode[service]")

from starlette.requests import Request

from meldcode.adapters.http.app import maak_app
from meldcode.adapters.http.instellingen import Instellingen
from meldcode.adapters.opslag.toegang import status_van
from meldcode.errors import (
    DossierGewijzigd,
    DossierGewist,
    DossierNietGevonden,
    EngineNietBeschikbaar,
    Fout,
    MeldcodeError,
    OngeldigeInvoer,
    OngeldigeRegelbasis,
    OpslagBeschadigd,
    SleutelFout,
    StapOntbreekt,
    VolgnummerConflict,
)

FOUTEN: list[MeldcodeError] = [
    OngeldigeInvoer([Fout("weging.vermoeden", "<str>", "must be one of ...")]),
    OngeldigeRegelbasis("two rules share an id"),
    EngineNietBeschikbaar("durable is not installed"),
    StapOntbreekt("melding_gedaan", "stap 3", "step 3 is missing"),
    VolgnummerConflict("lln-1", 2, 3),
    DossierNietGevonden("lln-1"),
    DossierGewist("lln-1", "2026-07-01", "verzoek"),
    DossierGewijzigd("lln-1", 2, "was edited"),
    OpslagBeschadigd("/tmp/x.sqlite3", "file is not a database"),
    SleutelFout("no text key"),
]


def test_every_error_class_is_in_the_list() -> None:
    """A new public error class must be added here (and so get its status checked)."""

    def onder(klasse: type) -> set[type]:
        return {klasse} | {k for sub in klasse.__subclasses__() for k in onder(sub)}

    publiek = {k for k in onder(MeldcodeError) if k.__module__ == "meldcode.errors"}
    assert publiek == {type(f) for f in FOUTEN} | {MeldcodeError}


@pytest.mark.parametrize("fout", FOUTEN, ids=lambda f: type(f).__name__)
def test_the_problem_response_has_the_status_the_access_log_records(
    fout: MeldcodeError, tmp_path: object
) -> None:
    app = maak_app(Instellingen(db=f"{tmp_path}/d.sqlite3"))
    handler = next(h for klasse in type(fout).__mro__ if (h := app.exception_handlers.get(klasse)))
    verzoek = Request({"type": "http", "method": "GET", "path": "/v1/x", "headers": []})

    antwoord = asyncio.run(handler(verzoek, fout))  # type: ignore[arg-type]

    assert antwoord.status_code == status_van(fout)
    body = json.loads(bytes(antwoord.body))
    assert body["status"] == status_van(fout)
    assert antwoord.media_type == "application/problem+json"
