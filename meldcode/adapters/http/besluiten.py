"""Decide and explain cases: ``POST /v1/besluiten``, ``_batch``, ``/v1/uitleg``, ``/waarom-niet``.

The body is passed as raw JSON to the library's own reader (``casus_uit_json`` /
``casus_uit_dict``), so the service accepts and refuses exactly what the library and the command
line do, with the same paths in its errors; the answer is ``besluit_naar_dict`` (and for why not
``waarom_niet_naar_dict``, what ``meldcode waarom-niet --json`` prints). Nothing is stored:
deciding needs a key but touches no dossier.

A decision carries the plausibility warnings the command line gives for the same case
(``casus_waarschuwingen``, judged against the server's date at the time of the request, added
by ``met_waarschuwingen``); an explanation ends with the same "Let op:" section
(``waarschuwingen_tekst``), so ``uitleg`` is exactly what ``meldcode uitleg`` prints.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse

from meldcode.adapters.http.lezen import json_body
from meldcode.adapters.http.problemen import ProbleemFout, probleem_body
from meldcode.adapters.http.toegang import Ingelogd
from meldcode.adapters.json.casus import besluit_naar_dict, casus_uit_dict, casus_uit_json
from meldcode.adapters.json.lezen import lees_json_reeks
from meldcode.adapters.json.plausibiliteit import (
    casus_waarschuwingen,
    met_waarschuwingen,
    waarschuwingen_tekst,
)
from meldcode.adapters.json.waarom_niet import waarom_niet_naar_dict
from meldcode.adapters.profiel import beschikbare_profielen, laad_profiel
from meldcode.domain._validatie import toon
from meldcode.domain.besluit import Besluit
from meldcode.domain.casus import Casus
from meldcode.domain.waarden import Beslispunt
from meldcode.errors import Fout, MeldcodeError, OngeldigeInvoer
from meldcode.rules import kies_protocol
from meldcode.rules.basis import regelbasis
from meldcode.rules.beslis import beslis, lees_protocol
from meldcode.rules.model import Regelbasis
from meldcode.rules.profiel import Profiel
from meldcode.rules.uitleg import uitleg
from meldcode.rules.waarom_niet import MAX_WIJZIGINGEN, waarom_niet

__all__ = ["basis_voor", "beslisser", "besluit_met_waarschuwingen", "router"]

#: the routes that decide and explain cases: ``/v1/besluiten`` (and ``_batch``),
#: ``/v1/uitleg`` and ``/v1/waarom-niet``
router = APIRouter(tags=["besluiten"])

_CASUS = {
    "required": True,
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Casus"}}},
}
_BESLUIT = {"application/json": {"schema": {"$ref": "#/components/schemas/Besluit"}}}

ProtocolParam = Annotated[
    Literal["2013", "2019"] | None,
    Query(
        description=(
            "Beslis volgens dit protocol, ongeacht wat de casus zelf kiest "
            "(standaard: het protocol van de casus, anders naar de datum, anders 2019)."
        )
    ),
]
ProfielParam = Annotated[
    str | None,
    Query(
        description=(
            "Een meegeleverd organisatieprofiel (zie `GET /profielen`). Een profiel is "
            "geschreven voor zijn `protocollen`: valt de casus onder een ander protocol (door "
            "`protocol`, de casus zelf of haar datum), dan is dat ongeldige invoer (400, veld "
            "`protocol`)."
        ),
        json_schema_extra={"enum": list(beschikbare_profielen())},
    ),
]


@functools.lru_cache(maxsize=32)
def _profiel(naam: str) -> Profiel:
    return laad_profiel(naam)


@functools.lru_cache(maxsize=64)
def _basis(naam: str, protocol: str) -> Regelbasis:
    profiel = _profiel(naam)
    gekozen = lees_protocol(protocol)
    assert gekozen is not None
    return profiel.regelbasis(gekozen)


def profiel_of_fout(naam: str | None) -> Profiel | None:
    """A shipped profile by name (never a path); 400 naming ``profiel`` when unknown."""
    if naam is None:
        return None
    if naam not in beschikbare_profielen():
        getoond = toon(naam)
        raise OngeldigeInvoer(
            [
                Fout(
                    "profiel",
                    getoond,
                    f"profiel must be one of {', '.join(beschikbare_profielen())} (got {getoond})",
                )
            ]
        )
    return _profiel(naam)


def basis_voor(casus: Casus, protocol: str | None, profiel: str | None) -> Regelbasis:
    """The rule base that decides ``casus``: the chosen protocol's, with the profile if any."""
    profiel_ = profiel_of_fout(profiel)
    gekozen = kies_protocol(casus, lees_protocol(protocol))
    return regelbasis(gekozen) if profiel_ is None else _basis(profiel_.naam, gekozen.value)


def beslisser(protocol: str | None, profiel: str | None) -> Any:
    """The decide function for a protocol and a profile (``casus -> Besluit``)."""
    profiel_of_fout(profiel)
    if profiel is None:
        return lambda casus: beslis(casus, protocol)

    def met_profiel(casus: Casus) -> Besluit:
        gekozen = kies_protocol(casus, lees_protocol(protocol))
        return beslis(casus, gekozen, basis=_basis(profiel, gekozen.value))

    return met_profiel


def besluit_met_waarschuwingen(besluit: Besluit, casus: Casus, vandaag: dt.date) -> dict[str, Any]:
    """The decision as JSON with the case's warnings, as ``meldcode beslis`` writes it."""
    return met_waarschuwingen(
        besluit_naar_dict(besluit), casus_waarschuwingen(casus, vandaag=vandaag)
    )


@router.post(
    "/v1/besluiten",
    summary="Beslis één casus",
    description=(
        "Leest de casus (contract v1, `Casus`) en geeft het besluit (`Besluit`): melden, hulp "
        "organiseren, dossier sluiten, Veilig Thuis raadplegen, spoed, oudergesprek overslaan, "
        "bespreken met het kind, de volgende vraag, contacten en de gronden met hun bron. Er "
        "wordt niets opgeslagen. Een ongeldige casus geeft `400` met élk ongeldig veld en zijn "
        "pad."
    ),
    openapi_extra={"requestBody": _CASUS},
    responses={200: {"description": "Het besluit.", "content": _BESLUIT}},
)
async def besluit(
    request: Request, wie: Ingelogd, protocol: ProtocolParam = None, profiel: ProfielParam = None
) -> JSONResponse:
    """Decide one case."""
    tekst = await json_body(request)
    beslis_ = beslisser(protocol, profiel)
    casus = casus_uit_json(tekst)
    return JSONResponse(besluit_met_waarschuwingen(beslis_(casus), casus, dt.date.today()))


@router.post(
    "/v1/besluiten/_batch",
    summary="Beslis een reeks casussen",
    description=(
        "Een JSON-array van casussen (hoogstens het ingestelde maximum, standaard 1000). Elk "
        "element krijgt in `resultaten`, op zijn eigen plaats, óf een `besluit` óf een "
        "`probleem` (probleemdetails met status 400 en elk ongeldig veld); een ongeldig element "
        "houdt de andere nooit tegen."
    ),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Casus"}}
                }
            },
        }
    },
    responses={
        200: {
            "description": "Per casus een besluit of een probleem, in volgorde.",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Batchresultaat"}}
            },
        }
    },
)
async def batch(
    request: Request, wie: Ingelogd, protocol: ProtocolParam = None, profiel: ProfielParam = None
) -> JSONResponse:
    """Decide a list of cases; each element gets its decision or its own problem."""
    tekst = await json_body(request)
    beslis_ = beslisser(protocol, profiel)
    max_batch: int = request.app.state.instellingen.max_batch
    vandaag = dt.date.today()
    return JSONResponse(await run_in_threadpool(_batch, tekst, beslis_, max_batch, vandaag))


def _batch(tekst: bytes, beslis_: Any, max_batch: int, vandaag: dt.date) -> dict[str, Any]:
    data = lees_json_reeks(tekst, casus_uit_dict, wat="a batch: a JSON array of cases")
    if len(data) > max_batch:
        raise ProbleemFout(
            413,
            f"a batch holds at most {max_batch} cases (got {len(data)}); split it",
            code="te_groot",
        )
    resultaten: list[dict[str, Any]] = []
    geweigerd = 0
    for element in data:
        try:
            if isinstance(element, OngeldigeInvoer):
                raise element
            besluit_ = besluit_met_waarschuwingen(beslis_(element), element, vandaag)
            resultaten.append({"besluit": besluit_})
        except OngeldigeInvoer as exc:
            geweigerd += 1
            body = probleem_body(400, str(exc), code="ongeldige_invoer", fouten=exc.fouten)
            resultaten.append({"probleem": body})
        except MeldcodeError as exc:
            geweigerd += 1
            resultaten.append({"probleem": probleem_body(400, str(exc), code="ongeldige_invoer")})
    return {"aantal": len(resultaten), "geweigerd": geweigerd, "resultaten": resultaten}


@router.post(
    "/v1/uitleg",
    summary="Leg het besluit over een casus uit",
    description=(
        "Beslist de casus en geeft het besluit met de uitleg in het Nederlands (`uitleg`): wat "
        "de school nu moet doen en waarom, met de woorden van de bronnen."
    ),
    openapi_extra={"requestBody": _CASUS},
    responses={
        200: {
            "description": "Besluit en uitleg.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Uitleg"}}},
        }
    },
)
async def uitleg_(
    request: Request, wie: Ingelogd, protocol: ProtocolParam = None, profiel: ProfielParam = None
) -> JSONResponse:
    """Decide a case and explain the decision in Dutch."""
    tekst = await json_body(request)
    profiel_of_fout(profiel)
    casus = casus_uit_json(tekst)
    besluit_ = beslisser(protocol, profiel)(casus)
    basis = basis_voor(casus, protocol, profiel)
    waarschuwingen = casus_waarschuwingen(casus, vandaag=dt.date.today())
    return JSONResponse(
        {
            "besluit": met_waarschuwingen(besluit_naar_dict(besluit_), waarschuwingen),
            "uitleg": uitleg(besluit_, basis) + waarschuwingen_tekst(waarschuwingen),
        }
    )


BeslissingParam = Annotated[
    str | None,
    Query(
        description=(
            "Alleen deze beslissing, genomen of niet (wat zou haar dan ongedaan maken); "
            "standaard elke beslissing die de casus niet krijgt."
        ),
        json_schema_extra={"enum": [b.value for b in Beslispunt]},
    ),
]


@router.post(
    "/v1/waarom-niet",
    summary="Waarom niet: de kleinste wijzigingen die een beslissing veranderen",
    description=(
        "Beslist de casus en geeft per beslissing die zij niet krijgt (of alleen `beslissing`) "
        "élke kleinste wijziging van antwoorden of feiten die de beslissing wél zou geven, met "
        f"de regels die dan vuren en hun bron: wijzigingen van hoogstens {MAX_WIJZIGINGEN} "
        "antwoorden of feiten, elk nagerekend met de regelbasis zelf. Hetzelfde JSON als "
        "`meldcode waarom-niet --json`; elke wijziging heeft ook haar Nederlandse `tekst`."
    ),
    openapi_extra={"requestBody": _CASUS},
    responses={
        200: {
            "description": "Per beslissing de alternatieven.",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/WaaromNiet"}}
            },
        }
    },
)
async def waarom_niet_(
    request: Request,
    wie: Ingelogd,
    beslissing: BeslissingParam = None,
    protocol: ProtocolParam = None,
    profiel: ProfielParam = None,
) -> JSONResponse:
    """Why not: for each decision not taken (or ``beslissing``), the smallest changes."""
    tekst = await json_body(request)
    casus = casus_uit_json(tekst)
    basis = basis_voor(casus, protocol, profiel)
    # waarom_niet reads the name (an unknown one: 400, shown only as ``toon`` shows it)
    beslissingen = None if beslissing is None else [beslissing]
    # an exhaustive search: off the event loop, within the request's time limit
    resultaten = await run_in_threadpool(
        waarom_niet, casus, basis.protocol, basis=basis, beslissingen=beslissingen
    )
    return JSONResponse(waarom_niet_naar_dict(resultaten, basis))
