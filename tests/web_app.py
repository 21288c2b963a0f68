"""The service's app with the walk-through under test settings (a clock, today, the time-out)."""

from __future__ import annotations

from fastapi import FastAPI

from meldcode.adapters.http.app import maak_app
from meldcode.adapters.http.instellingen import Instellingen
from meldcode.adapters.web.routes import WebInstellingen, maak_router


def web_app(db: str, web: WebInstellingen) -> FastAPI:
    """The app ``meldcode serve`` runs, with the walk-through mounted first with ``web``."""
    return maak_app(Instellingen(db=db), routers=[maak_router(web)])
