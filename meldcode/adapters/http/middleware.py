"""The outermost layer of every response: headers, size limit, time limit, no stack traces.

A pure ASGI middleware (no buffering of the body):

- ``API-Version`` and the security headers of the API Design Rules on *every* response, errors
  included (a route may set its own ``Content-Security-Policy``, e.g. an HTML page);
  ``Access-Control-Allow-Origin: *`` only on the OpenAPI document, no CORS anywhere else;
- a request body larger than ``max_bytes`` is refused with 413, by its ``Content-Length`` or
  while it streams in;
- a request that takes longer than ``tijdslimiet`` seconds gets a 503;
- a client under ``/v1`` that accepts neither JSON nor problem JSON gets a 406;
- any unexpected exception becomes a 500 problem with a generic detail; the log gets its type
  and the route only (an exception's text might quote a value);
- every request writes one line to the access log (``TOEGANGSLOG``, at INFO): the method, the
  matched route's template (``/v1/dossiers/{dossier}``, never the values in the path and never
  the query string; ``(no route)`` when none matched) and the status. ``meldcode serve``
  prints these lines instead of uvicorn's, which show the raw request line.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from meldcode.adapters.http.problemen import probleem

__all__ = ["OPENAPI_PAD", "TOEGANGSLOG", "VEILIGHEIDSKOPPEN", "Grenzen", "route_sjabloon"]

#: the path of the OpenAPI document, the one response that carries
#: ``Access-Control-Allow-Origin: *``
OPENAPI_PAD = "/v1/openapi.json"

VEILIGHEIDSKOPPEN: dict[str, str] = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Strict-Transport-Security": "max-age=31536000",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "()",
}
"""The headers of /core/transport/security-headers, on every response."""

_LOG = logging.getLogger("meldcode.service")
TOEGANGSLOG = "meldcode.service.access"
"""The logger of the access lines: method, route template, status (no path values, no query)."""
_TOEGANG = logging.getLogger(TOEGANGSLOG)
_AANVAARDBAAR = ("*/*", "application/*", "application/json", "application/problem+json")


class _TeGroot(Exception):
    """The body grew past the limit while it was being read."""


class Grenzen:
    """The ASGI middleware described in the module docstring."""

    def __init__(
        self, app: ASGIApp, *, api_versie: str, max_bytes: int, tijdslimiet: float
    ) -> None:
        self.app = app
        self.api_versie = api_versie
        self.max_bytes = max_bytes
        self.tijdslimiet = tijdslimiet

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one request or pass other traffic (lifespan) through."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        pad: str = scope["path"]
        begonnen = False
        status = 0

        async def verstuur(message: Message) -> None:
            nonlocal begonnen, status
            if message["type"] == "http.response.start":
                begonnen = True
                status = message["status"]
                koppen = MutableHeaders(scope=message)
                koppen["API-Version"] = self.api_versie
                for naam, waarde in VEILIGHEIDSKOPPEN.items():
                    if naam not in koppen:
                        koppen[naam] = waarde
                if pad == OPENAPI_PAD:
                    koppen["Access-Control-Allow-Origin"] = "*"
            await send(message)

        async def antwoord(status: int, detail: str, code: str) -> None:
            if begonnen:  # pragma: no cover - the answer is already on its way
                return
            await probleem(status, detail, code=code)(scope, receive, verstuur)

        try:
            await self._verwerk(scope, receive, verstuur, antwoord)
        finally:
            _TOEGANG.info("%s %s %s", scope.get("method"), route_sjabloon(scope), status or "-")

    async def _verwerk(
        self,
        scope: Scope,
        receive: Receive,
        verstuur: Send,
        antwoord: Callable[[int, str, str], Awaitable[None]],
    ) -> None:
        """The limits of one request, around the app."""
        pad: str = scope["path"]
        koppen = Headers(scope=scope)
        lengte = koppen.get("content-length")
        if lengte is not None and (not lengte.isdigit() or int(lengte) > self.max_bytes):
            await antwoord(
                413, f"the request body is larger than {self.max_bytes} bytes", "te_groot"
            )
            return
        if pad.startswith("/v1/") and not _aanvaardt_json(koppen.get("accept")):
            await antwoord(406, "this API answers with application/json only", "niet_aanvaardbaar")
            return
        gelezen = 0

        async def ontvang() -> Message:
            nonlocal gelezen
            message = await receive()
            if message["type"] == "http.request":
                gelezen += len(message.get("body", b""))
                if gelezen > self.max_bytes:
                    raise _TeGroot
            return message

        try:
            await asyncio.wait_for(self.app(scope, ontvang, verstuur), self.tijdslimiet)
        except _TeGroot:
            await antwoord(
                413, f"the request body is larger than {self.max_bytes} bytes", "te_groot"
            )
        except TimeoutError:
            await antwoord(
                503, f"the request took longer than {self.tijdslimiet:g} seconds", "tijdslimiet"
            )
        except Exception as exc:
            _LOG.error(
                "internal error %s on %s %s",
                type(exc).__name__,
                scope.get("method"),
                route_sjabloon(scope),
            )
            await antwoord(500, "an internal error occurred; it has been logged", "intern")


def route_sjabloon(scope: Scope) -> str:
    """The template of the route that matched (``/v1/dossiers/{dossier}``), or ``(no route)``."""
    route: Any = scope.get("route")
    sjabloon = getattr(route, "path_format", None) or getattr(route, "path", None)
    return sjabloon if isinstance(sjabloon, str) else "(no route)"


def _aanvaardt_json(accept: str | None) -> bool:
    if not accept:
        return True
    for deel in accept.split(","):
        soort = deel.split(";", 1)[0].strip().lower()
        if soort in _AANVAARDBAAR:
            return True
    return False
