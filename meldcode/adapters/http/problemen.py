"""Errors as problem details (RFC 9457, ``application/problem+json``).

Every error response has ``status``, ``title`` (the HTTP reason phrase, as RFC 9457 asks for
``type: about:blank``) and ``detail`` (what went wrong, in English, never free text from a case),
and a stable ``code``. Bad input (400) lists every invalid field under ``fouten``, each with its
path (``veld``), a safe rendering of its value (``waarde``) and the message (``melding``): the
same objects the command line writes. A version conflict (409) names ``verwacht`` and
``gevonden``. No stack trace, exception text of a bug or internal name ever reaches a client.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from starlette.responses import JSONResponse

from meldcode.errors import Fout

__all__ = ["PROBLEEM", "ProbleemFout", "probleem", "probleem_body"]

PROBLEEM = "application/problem+json"
"""The media type of every error response."""


def probleem_body(
    status: int,
    detail: str,
    *,
    code: str,
    fouten: Sequence[Fout] = (),
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The problem object: type, title, status, detail, code, and the fields when given."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if fouten:
        body["fouten"] = [
            {"veld": f.veld, "waarde": f.waarde, "melding": f.melding} for f in fouten
        ]
    if extra:
        body.update(extra)
    return body


def probleem(
    status: int,
    detail: str,
    *,
    code: str,
    fouten: Sequence[Fout] = (),
    extra: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """A problem-details response."""
    return JSONResponse(
        probleem_body(status, detail, code=code, fouten=fouten, extra=extra),
        status_code=status,
        media_type=PROBLEEM,
        headers=dict(headers or {}),
    )


class ProbleemFout(Exception):
    """Raised by a route or a dependency: the app answers it as a problem-details response."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        code: str,
        fouten: Sequence[Fout] = (),
        extra: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status = status
        self.detail = detail
        self.code = code
        self.fouten = tuple(fouten)
        self.extra = dict(extra or {})
        self.headers = dict(headers or {})
        super().__init__(detail)

    def antwoord(self) -> JSONResponse:
        """The problem as a response."""
        return probleem(
            self.status,
            self.detail,
            code=self.code,
            fouten=self.fouten,
            extra=self.extra,
            headers=self.headers,
        )
