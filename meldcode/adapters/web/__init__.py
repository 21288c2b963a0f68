"""The walk-through: the meldcode step by step in the browser, for the aandachtsfunctionaris.

Server-rendered, accessible HTML pages under ``/wandeling`` of the service (``meldcode serve``):
log in once with an API key of the organisation, choose the school's profile once, then walk a
case from the signals through consultation, the parent talk and the weging to the decisions of
step 5, one question at a time as the engine asks them, with the source's own words for every
decision and "why not" for the others. Every answer is a dossier event. Needs
``meldcode[web]``.

``registreer(app, instellingen)`` mounts it on an app whose ``state.opslagen.geef()`` gives the
thread's store (the service's app factory provides that).
"""

from __future__ import annotations

import weakref
from typing import Any

from fastapi import FastAPI

from meldcode.adapters.web.profielkeuze import ProfielKeuzes, SqlProfielKeuzes
from meldcode.adapters.web.routes import PREFIX, WebInstellingen, maak_router

__all__ = ["PREFIX", "WebInstellingen", "maak_router", "registreer"]


def registreer(
    app: FastAPI, instellingen: object = None, *, web: WebInstellingen | None = None
) -> None:
    """Mount the walk-through on ``app`` (``instellingen``: the service's, unused here).

    The organisation's profile choice is kept in a table of the store's own database.
    """
    keuzes: weakref.WeakKeyDictionary[Any, ProfielKeuzes] = weakref.WeakKeyDictionary()

    def profielkeuzes(opslag: Any) -> ProfielKeuzes:
        gevonden = keuzes.get(opslag)
        if gevonden is None:
            gevonden = SqlProfielKeuzes(opslag._conn, opslag._param)
            keuzes[opslag] = gevonden
        return gevonden

    app.state.web_profielkeuzes = profielkeuzes
    app.include_router(maak_router(web))
