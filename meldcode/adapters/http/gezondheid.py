"""``GET /v1/gezondheid``: is the service up and its store reachable (no key needed)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse

from meldcode.adapters.http.problemen import ProbleemFout
from meldcode.adapters.http.toegang import opslag

__all__ = ["router"]

#: the route ``GET /v1/gezondheid``: is the service up and its store reachable
router = APIRouter(tags=["gezondheid"])


@router.get(
    "/v1/gezondheid",
    summary="Gezondheid van de dienst",
    description=(
        'Antwoordt `200` met `{"status": "ok"}` als de dienst draait en de opslag '
        "bereikbaar is, anders `503`. Vraagt geen API-sleutel en toont geen gegevens."
    ),
    responses={
        200: {
            "description": "De dienst en de opslag werken.",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Gezondheid"}}
            },
        }
    },
)
def gezondheid(request: Request) -> JSONResponse:
    """The service's health: ``ok`` when the store answers."""
    try:
        opslag(request).sleutels(organisatie="")
    except Exception:
        raise ProbleemFout(503, "the store is not reachable", code="niet_beschikbaar") from None
    return JSONResponse({"status": "ok"})
