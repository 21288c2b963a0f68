"""The dossiers of the caller's organisation: list, append, state, check, export, figures.

Every route works on ``toegang.archief(request, wie)``, the ``Archief`` of the caller's
organisation: the store itself keeps organisations apart, so another organisation's dossier is a
404 exactly like one that does not exist. Each use of a dossier writes a row to the access log
(who, what, which dossier, the status; never free text). Appending needs ``na``, the number of
events the client saw: when another client appended first, the answer is 409 with ``verwacht``
and ``gevonden`` and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Path, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse

from meldcode.adapters.cli.dossier import controle_naar_dict, export_naar_dict
from meldcode.adapters.cli.evaluatiecijfers import Probleem, cijfers_naar_dict
from meldcode.adapters.http.lezen import json_body
from meldcode.adapters.http.problemen import ProbleemFout
from meldcode.adapters.http.toegang import Aanroeper, Ingelogd, archief, opslag
from meldcode.adapters.json.dossier import gebeurtenis_uit_json, toestand_naar_dict
from meldcode.adapters.json.schema import PSEUDONIEM_SCHEMA
from meldcode.adapters.opslag.toegang import gelogd, status_van
from meldcode.domain._validatie import PSEUDONIEM
from meldcode.domain.dossier import Dossier
from meldcode.errors import DossierGewijzigd, DossierGewist, Fout, OngeldigeInvoer
from meldcode.rules.dossier import toestand
from meldcode.rules.evaluatiecijfers import evaluatiecijfers_uit_dossiers
from meldcode.rules.kalender import NEDERLAND

__all__ = ["router"]

#: the routes of the caller's dossiers (``/v1/dossiers``) and of ``/v1/evaluatiecijfers``
router = APIRouter(tags=["dossiers"])
_T = TypeVar("_T")
_REF = "#/components/schemas/"

DossierId = Annotated[
    str,
    Path(
        pattern=PSEUDONIEM.pattern,
        # no personal number either: the store refuses it (``is_pseudoniem``), the document says so
        json_schema_extra={"not": PSEUDONIEM_SCHEMA["not"]},
        description="Pseudonieme dossier-id (geen naam, geen BSN of telefoonnummer): 1-64 "
        "letters, cijfers of `_.:-`.",
    ),
]
OpParam = Annotated[
    dt.date | None,
    Query(description="De datum waarop termijnen worden beoordeeld (ISO 8601; standaard vandaag)."),
]


def _json(schema: str, beschrijving: str, status: int = 200) -> dict[int | str, Any]:
    return {
        status: {
            "description": beschrijving,
            "content": {"application/json": {"schema": {"$ref": f"{_REF}{schema}"}}},
        }
    }


def _status(exc: Exception) -> int:
    return exc.status if isinstance(exc, ProbleemFout) else status_van(exc)


def _gelogd(
    request: Request,
    wie: Aanroeper,
    handeling: str,
    dossier: str | None,
    werk: Callable[[], _T],
    *,
    status: int = 200,
) -> _T:
    """Do ``werk`` and log it (also when it fails: a 404 on a foreign dossier is logged too)."""
    return gelogd(
        opslag(request),
        organisatie=wie.organisatie,
        wie=wie.sleutel_id,
        handeling=handeling,
        dossier=dossier,
        werk=werk,
        status=status,
        volgnummer=lambda u: u.get("volgnummer") if isinstance(u, dict) else None,
        status_bij_fout=_status,
    )


def _vandaag(op: dt.date | None) -> dt.date:
    return op if op is not None else dt.date.today()


@router.get(
    "/v1/dossiers",
    summary="De dossiers van de organisatie",
    responses=_json("Dossierlijst", "De pseudonieme id's van de eigen dossiers, gesorteerd."),
)
def lijst(request: Request, wie: Ingelogd) -> JSONResponse:
    """The ids of the caller's organisation's dossiers."""
    ids = _gelogd(request, wie, "lijst", None, lambda: archief(request, wie).dossiers())
    return JSONResponse({"dossiers": list(ids)})


@router.post(
    "/v1/dossiers/{dossier}/gebeurtenissen",
    summary="Voeg een gebeurtenis toe aan een dossier",
    description=(
        "Eén gebeurtenis (een object met `soort`, zoals `meldcode dossier toevoegen` het leest). "
        "`na` is het aantal gebeurtenissen dat de client zag (0 voor een nieuw dossier): heeft "
        "een ander intussen toegevoegd, dan volgt `409` met `verwacht` en `gevonden` en wordt "
        "niets vastgelegd. Een stap die de meldcode nog niet toestaat is ook `409` "
        "(`code: stap_ontbreekt`), en zo ook een correctie die niet bij dit dossier past "
        "(`code: past_niet_in_dossier`: een gebeurtenis die het dossier niet heeft, of van een "
        "andere soort)."
    ),
    status_code=201,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": f"{_REF}Gebeurtenis"}}},
        }
    },
    responses=_json("Vastgelegd", "Vastgelegd: het volgnummer en de hash.", 201),
)
async def toevoegen(
    request: Request,
    wie: Ingelogd,
    dossier: DossierId,
    na: Annotated[
        int,
        Query(ge=0, le=1_000_000, description="Het aantal gebeurtenissen dat de client zag."),
    ],
) -> JSONResponse:
    """Append one event, if the dossier still has ``na`` events."""
    tekst = await json_body(request)

    def werk() -> dict[str, Any]:
        gebeurtenis = gebeurtenis_uit_json(tekst)  # bad input: 400
        a = archief(request, wie)
        try:
            volgnummer = a.voeg_toe(dossier, gebeurtenis, na=na)
        except OngeldigeInvoer as exc:
            # a sound event that does not fit this dossier (a correction of an event it does
            # not have, or of another kind): a conflict with its state, like a step out of order
            raise ProbleemFout(
                409, str(exc), code="past_niet_in_dossier", fouten=exc.fouten
            ) from None
        return {"dossier": dossier, "volgnummer": volgnummer, "hash": a.hashes(dossier)[-1]}

    uitkomst = await run_in_threadpool(
        _gelogd, request, wie, "schrijven", dossier, werk, status=201
    )
    return JSONResponse(uitkomst, status_code=201)


@router.get(
    "/v1/dossiers/{dossier}",
    summary="De stand van een dossier",
    description=(
        "De bereikte stap, wat nog openstaat, de termijnen met hun status op `op`, de casus "
        "zoals de gebeurtenissen hem opbouwen en het besluit. `aantal` is de waarde voor `na`."
    ),
    responses=_json("Toestand", "De stand van het dossier."),
)
def stand(request: Request, wie: Ingelogd, dossier: DossierId, op: OpParam = None) -> JSONResponse:
    """The state of a dossier at ``op``: step, outstanding items, deadlines, decision."""

    def werk() -> dict[str, Any]:
        # without the key of encrypted text, that text is shown as hidden
        d = archief(request, wie).lees(dossier, tekst=None)
        return toestand_naar_dict(toestand(d, op=_vandaag(op), kalender=NEDERLAND))

    return JSONResponse(_gelogd(request, wie, "lezen", dossier, werk))


@router.get(
    "/v1/dossiers/{dossier}/controle",
    summary="Controle van een dossier",
    description=(
        "De hashketen (ongewijzigd of niet), gebeurtenissen die nu geweigerd zouden worden, en "
        "de bevindingen over de verslaglegging per gebeurtenis, met bron en citaat."
    ),
    responses=_json("Controle", "De controle."),
)
def controle(request: Request, wie: Ingelogd, dossier: DossierId) -> JSONResponse:
    """The chain, the step order and the record-keeping findings of a dossier."""
    uitkomst = _gelogd(
        request,
        wie,
        "controleren",
        dossier,
        lambda: controle_naar_dict(archief(request, wie), dossier),
    )
    return JSONResponse(uitkomst)


@router.get(
    "/v1/dossiers/{dossier}/export",
    summary="Export van een dossier",
    description=(
        "Het hele dossier voor de inspectie: elke gebeurtenis met haar hashes, de stand op `op` "
        "en de bevindingen (hetzelfde als `meldcode exporteer`); elke export wordt gelogd. Niets "
        "wordt achtergehouden: voor inzage door ouders is er `meldcode privacy inzage`."
    ),
    responses=_json("Export", "De export."),
)
def export(request: Request, wie: Ingelogd, dossier: DossierId, op: OpParam = None) -> JSONResponse:
    """The export of a dossier."""
    uitkomst = _gelogd(
        request,
        wie,
        "exporteren",
        dossier,
        lambda: export_naar_dict(archief(request, wie), dossier, _vandaag(op)),
    )
    return JSONResponse(uitkomst)


@router.get(
    "/v1/evaluatiecijfers",
    summary="Evaluatiecijfers van de organisatie",
    description=(
        "Per periode hoe vaak vermoedens voorkomen, hoe ze zijn afgehandeld en hoeveel tot een "
        "melding leidden (003 §1.5.3), over de eigen dossiers; alleen aantallen."
    ),
    responses=_json("Evaluatiecijfers", "De cijfers."),
)
def evaluatiecijfers(
    request: Request,
    wie: Ingelogd,
    periode: Annotated[
        Literal["maand", "kwartaal", "jaar"], Query(description="De periode per rij.")
    ] = "kwartaal",
    op: Annotated[
        dt.date | None,
        Query(description="Tel alleen gebeurtenissen tot en met deze datum (ISO 8601)."),
    ] = None,
) -> JSONResponse:
    """The evaluation figures over the organisation's dossiers."""

    def werk() -> dict[str, Any]:
        a = archief(request, wie)
        dossiers: list[Dossier] = []
        problemen: list[Probleem] = []
        for naam in a.dossiers():
            try:
                # counts need no free text: it never enters the figures
                dossiers.append(a.lees(naam, tekst=False))
            except DossierGewist:
                continue  # erased: nothing left to count
            except (DossierGewijzigd, OngeldigeInvoer) as exc:
                problemen.append(Probleem(dossier=naam, fouten=(Fout("", "", str(exc)),)))
        cijfers = evaluatiecijfers_uit_dossiers(dossiers, periode, op=op)
        return cijfers_naar_dict(cijfers, problemen)

    return JSONResponse(_gelogd(request, wie, "evaluatie", None, werk))
