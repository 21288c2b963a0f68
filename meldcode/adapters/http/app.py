"""The application factory: ``maak_app(instellingen) -> FastAPI``.

The app is the routers of this package (one per resource) plus any extra routers a caller or an
extension module passes in (``routers=``, or a module named in ``UITBREIDINGEN`` with a function
``registreer(app, instellingen)``); every route that takes ``Ingelogd``
(``meldcode.adapters.http.toegang``) requires a key and sees only its organisation's dossiers.
Errors of every kind become problem details; the OpenAPI document is served at
``/v1/openapi.json`` without authentication.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response

from meldcode.adapters.http.instellingen import Instellingen
from meldcode.adapters.http.middleware import OPENAPI_PAD, Grenzen
from meldcode.adapters.http.parameters import strikte_query
from meldcode.adapters.http.problemen import ProbleemFout, probleem
from meldcode.adapters.http.toegang import Opslagen, toegang_eerst
from meldcode.adapters.opslag.archief import open_opslag
from meldcode.adapters.opslag.toegang import status_van
from meldcode.adapters.opslag.versleuteling import sleutel_uit_omgeving
from meldcode.domain._validatie import toon
from meldcode.errors import (
    DossierGewijzigd,
    DossierGewist,
    DossierNietGevonden,
    EngineNietBeschikbaar,
    Fout,
    MeldcodeError,
    OngeldigeInvoer,
    OpslagBeschadigd,
    SleutelFout,
    StapOntbreekt,
    VolgnummerConflict,
)

__all__ = ["API_VERSIE", "UITBREIDINGEN", "app_uit_omgeving", "maak_app"]

API_VERSIE = "1.0.0"
"""The version of the HTTP API (semver; the major is the ``/v1`` of the URI)."""

UITBREIDINGEN: tuple[str, ...] = ("meldcode.adapters.web",)
"""Modules that add routes to every app: each has ``registreer(app, instellingen) -> None``."""

_ROUTERS = (
    "meldcode.adapters.http.gezondheid",
    "meldcode.adapters.http.besluiten",
    "meldcode.adapters.http.regels",
    "meldcode.adapters.http.dossiers",
)

_LOG = logging.getLogger("meldcode.service")


def maak_app(
    instellingen: Instellingen | None = None, *, routers: Sequence[APIRouter] = ()
) -> FastAPI:
    """The service as a FastAPI app: every router of the API, plus ``routers``."""
    inst = instellingen or Instellingen()
    opslagen = Opslagen(inst.db)

    @asynccontextmanager
    async def levensloop(app: FastAPI) -> AsyncIterator[None]:
        open_opslag(inst.db).sluit()  # create or migrate the schema before the first request
        yield
        opslagen.sluit_alle()

    app = FastAPI(
        title="meldcode",
        version=API_VERSIE,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        redirect_slashes=False,
        lifespan=levensloop,
    )
    app.state.instellingen = inst
    app.state.opslagen = opslagen
    # the key of the dossiers' free text, from the environment (never a request or an argument)
    app.state.tekstsleutel = sleutel_uit_omgeving()
    app.router.redirect_slashes = False
    _foutafhandeling(app)
    # every route of the API checks its key first (a 401 before any 400), then refuses unknown
    # and repeated query parameters and non-ISO dates
    strikt = [Depends(toegang_eerst), Depends(strikte_query)]
    for naam in _ROUTERS:
        app.include_router(importlib.import_module(naam).router, dependencies=strikt)
    for router in routers:
        app.include_router(router, dependencies=strikt)
    for naam in UITBREIDINGEN:
        importlib.import_module(naam).registreer(app, inst)

    from meldcode.adapters.http.openapi import openapi_document

    document: dict[str, Any] = {}

    @app.get(OPENAPI_PAD, include_in_schema=False, dependencies=strikt)
    def openapi() -> JSONResponse:
        if not document:
            document.update(openapi_document(app))
        return JSONResponse(document)

    app.add_middleware(
        Grenzen,
        api_versie=API_VERSIE,
        max_bytes=inst.max_bytes,
        tijdslimiet=inst.tijdslimiet,
    )
    return app


def app_uit_omgeving() -> FastAPI:
    """The app with the settings of ``$MELDCODE_SERVICE`` (for uvicorn's worker processes)."""
    return maak_app(Instellingen.uit_omgeving())


def _foutafhandeling(app: FastAPI) -> None:
    """Every error as a problem-details response.

    The status of each of meldcode's errors is ``status_van``'s, the one the access log records.
    No detail repeats a value from the URI (a dossier id, a path): the client knows what it
    asked for, and a URI typed by hand may hold a name.
    """

    @app.exception_handler(ProbleemFout)
    async def _probleem(request: Request, exc: ProbleemFout) -> Response:
        return exc.antwoord()

    @app.exception_handler(OngeldigeInvoer)
    async def _ongeldig(request: Request, exc: OngeldigeInvoer) -> Response:
        return probleem(400, str(exc), code="ongeldige_invoer", fouten=exc.fouten)

    @app.exception_handler(RecursionError)
    async def _te_diep(request: Request, exc: RecursionError) -> Response:
        return probleem(
            400,
            "the JSON is nested too deeply",
            code="ongeldige_invoer",
            fouten=[Fout("", "<text>", "the JSON is nested too deeply")],
        )

    @app.exception_handler(DossierNietGevonden)
    async def _niet_gevonden(request: Request, exc: DossierNietGevonden) -> Response:
        detail = (
            f"this dossier was erased on {exc.datum} (grond: {exc.grond})"
            if isinstance(exc, DossierGewist)
            else "no dossier with this id in this store"
        )
        return probleem(status_van(exc), detail, code="dossier_niet_gevonden")

    @app.exception_handler(VolgnummerConflict)
    async def _conflict(request: Request, exc: VolgnummerConflict) -> Response:
        return probleem(
            status_van(exc),
            f"the dossier has {exc.gevonden} event(s), expected {exc.verwacht}: another writer "
            "appended first; re-read the dossier and try again",
            code="volgnummer_conflict",
            extra={"verwacht": exc.verwacht, "gevonden": exc.gevonden},
        )

    @app.exception_handler(StapOntbreekt)
    async def _stap(request: Request, exc: StapOntbreekt) -> Response:
        return probleem(
            status_van(exc),
            str(exc),
            code="stap_ontbreekt",
            extra={"gebeurtenis": exc.gebeurtenis, "ontbreekt": exc.ontbreekt},
        )

    @app.exception_handler(DossierGewijzigd)
    async def _gewijzigd(request: Request, exc: DossierGewijzigd) -> Response:
        return probleem(
            status_van(exc),
            f"the dossier's event {exc.volgnummer} {exc.reden}",
            code="dossier_gewijzigd",
            extra={"volgnummer": exc.volgnummer},
        )

    @app.exception_handler(EngineNietBeschikbaar)
    async def _engine(request: Request, exc: EngineNietBeschikbaar) -> Response:
        return probleem(status_van(exc), str(exc), code="niet_beschikbaar")

    @app.exception_handler(SleutelFout)
    async def _sleutel(request: Request, exc: SleutelFout) -> Response:
        # not the client's fault: the server lacks the text key, or has another one. The
        # client learns only that; the administrator reads why in the server's log (the
        # message names the dossier and field, never a key or a text).
        _LOG.error("text key missing or not this dossier's on %s: %s", _route(request), exc)
        return probleem(
            status_van(exc),
            "the server is misconfigured: it cannot read or write this dossier's encrypted "
            "text; its administrator has been told",
            code="verkeerd_ingesteld",
        )

    @app.exception_handler(OpslagBeschadigd)
    async def _opslag(request: Request, exc: OpslagBeschadigd) -> Response:
        # the message names the store's file: for the administrator's log, not for a client
        _LOG.error("dossier store damaged on %s: %s", _route(request), exc.reden)
        return probleem(
            status_van(exc),
            "the dossier store cannot be read; its administrator has been told",
            code="opslag_niet_beschikbaar",
        )

    @app.exception_handler(MeldcodeError)
    async def _meldcode(request: Request, exc: MeldcodeError) -> Response:
        return probleem(status_van(exc), str(exc), code="ongeldige_invoer")

    @app.exception_handler(RequestValidationError)
    async def _parameters(request: Request, exc: RequestValidationError) -> Response:
        fouten = [_parameterfout(e) for e in exc.errors()]
        detail = fouten[0].melding if len(fouten) == 1 else f"{len(fouten)} invalid parameters"
        return probleem(400, detail, code="ongeldige_invoer", fouten=fouten)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        detail = {
            404: "no resource at this path",
            405: f"{request.method} is not allowed here",
        }.get(exc.status_code, str(exc.detail))
        return probleem(
            exc.status_code, detail, code=f"http_{exc.status_code}", headers=exc.headers
        )


def _route(request: Request) -> str:
    """The method and the route's template (``/v1/dossiers/{dossier}``), never the values."""
    route: Any = request.scope.get("route")
    return f"{request.method} {getattr(route, 'path', '?')}"


def _parameterfout(fout: Any) -> Fout:
    """A FastAPI parameter error as a ``Fout``: the parameter's name, its value, the problem."""
    plek = [str(d) for d in fout.get("loc", ())]
    veld = ".".join(plek[1:]) if len(plek) > 1 else ".".join(plek)
    waarde = fout.get("input")
    getoond = toon(waarde) if isinstance(waarde, str | int | float | bool) else "<value>"
    return Fout(veld, getoond, f"{veld}: {fout.get('msg', 'invalid')} (got {getoond})")
