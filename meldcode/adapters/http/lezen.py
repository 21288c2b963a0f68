"""Reading a request body: JSON only, with its media type checked."""

from __future__ import annotations

from fastapi import Request

from meldcode.adapters.http.problemen import ProbleemFout

__all__ = ["json_body"]


async def json_body(request: Request) -> bytes:
    """The raw body of a JSON request; 415 when it is declared as anything but JSON."""
    soort = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if soort != "application/json" and not (
        soort.startswith("application/") and soort.endswith("+json")
    ):
        raise ProbleemFout(
            415,
            "the request body must be JSON: 'Content-Type: application/json'",
            code="mediatype",
        )
    return await request.body()
