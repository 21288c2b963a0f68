"""The walk-through: the meldcode step by step in the browser, for the aandachtsfunctionaris.

Server-rendered, accessible HTML pages under ``/wandeling`` of the service (``meldcode serve``):
log in once with an API key of the organisation, choose the school's profile once, then walk a
case from the signals through consultation, the parent talk and the weging to the decisions of
step 5, one question at a time as the engine asks them, with the source's own words for every
decision and "why not" for the others. Every answer is a dossier event. Needs
``meldcode[web]`` (the service plus Jinja2 and a form parser); without it the service runs
without the pages.

The service's app factory calls ``registreer(app, instellingen)`` (it is named in
``meldcode.adapters.http.app.UITBREIDINGEN``); the app's ``state.opslagen.geef()`` gives the
thread's store.
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from meldcode.adapters.web.routes import WebInstellingen

__all__ = ["PREFIX", "registreer", "wandeling_beschikbaar"]

PREFIX = "/wandeling"
"""Where the walk-through lives in the service."""


def wandeling_beschikbaar() -> bool:
    """Whether the walk-through's libraries are installed (``meldcode[web]``)."""
    return all(importlib.util.find_spec(m) is not None for m in ("fastapi", "jinja2", "multipart"))


def registreer(
    app: FastAPI, instellingen: object = None, *, web: WebInstellingen | None = None
) -> None:
    """Mount the walk-through on ``app`` (``instellingen``: the service's; not needed here).

    Does nothing when ``meldcode[web]`` is not installed. The organisation's profile choice is
    kept in a table of the store's own database. ``/`` leads to the walk-through when the app
    has nothing there.
    """
    if not wandeling_beschikbaar():
        return
    from fastapi.responses import RedirectResponse

    from meldcode.adapters.web.routes import maak_router

    app.include_router(maak_router(web))
    if not any(getattr(r, "path", None) == "/" for r in app.router.routes):

        @app.get("/", include_in_schema=False)
        def begin() -> RedirectResponse:
            return RedirectResponse(PREFIX + "/", status_code=303)
