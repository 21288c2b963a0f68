"""A minimal app that serves only the walk-through, on a store of its own.

For running the pages where the service's app factory is not at hand (the service mounts the
walk-through itself with ``registreer``). One store connection per thread, as the service has.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any

from fastapi import FastAPI
from fastapi.responses import RedirectResponse

from meldcode.adapters.opslag.archief import open_opslag
from meldcode.adapters.web import PREFIX, WebInstellingen, registreer

__all__ = ["Opslagen", "maak_app"]


class Opslagen:
    """The store of one app: one connection per thread, all closed together."""

    def __init__(self, adres: str) -> None:
        self.adres = adres
        self._lokaal = threading.local()
        self._alle: list[Any] = []
        self._slot = threading.Lock()

    def geef(self) -> Any:
        """The current thread's connection to the store."""
        o = getattr(self._lokaal, "opslag", None)
        if o is None:
            o = open_opslag(self.adres)
            self._lokaal.opslag = o
            with self._slot:
                self._alle.append(o)
        return o

    def sluit_alle(self) -> None:
        """Close every connection."""
        with self._slot:
            alle, self._alle = self._alle, []
        for o in alle:
            with contextlib.suppress(Exception):
                o.sluit()


def maak_app(db: str, *, web: WebInstellingen | None = None) -> FastAPI:
    """An app with the walk-through on the store at ``db`` (a SQLite file or PostgreSQL URL)."""
    open_opslag(db).sluit()  # create or migrate the schema first
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.opslagen = Opslagen(db)
    registreer(app, web=web)

    @app.get("/", include_in_schema=False)
    def begin() -> RedirectResponse:
        return RedirectResponse(PREFIX + "/", status_code=303)

    return app
