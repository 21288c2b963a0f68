"""A real server for the browser tests: uvicorn on 127.0.0.1, a free port, a store of its own."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn

from meldcode.adapters.opslag.archief import open_opslag
from meldcode.adapters.opslag.toegang import maak_sleutel
from meldcode.adapters.web.routes import WebInstellingen
from tests.web_app import web_app


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A running walk-through: its address, the store and a key per organisation."""

    def __init__(self, adres: str, db: str, sleutels: dict[str, str]) -> None:
        self.adres = adres
        self.db = db
        self.sleutels = sleutels


@contextmanager
def start_server(
    map_: Path,
    organisaties: tuple[str, ...] = ("school-a", "school-b"),
    *,
    web: WebInstellingen | None = None,
) -> Iterator[Server]:
    """Start uvicorn in a thread on 127.0.0.1 and stop it afterwards."""
    db = str(map_ / "dossiers.sqlite3")
    opslag = open_opslag(db)
    sleutels = {
        org: maak_sleutel(opslag, org, op=dt.datetime.now(dt.UTC))[0] for org in organisaties
    }
    opslag.sluit()
    app = web_app(db, web or WebInstellingen())
    poort = vrije_poort()
    config = uvicorn.Config(app, host="127.0.0.1", port=poort, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    draad = threading.Thread(target=server.run, daemon=True)
    draad.start()
    adres = f"http://127.0.0.1:{poort}"
    for _ in range(200):
        try:
            httpx.get(adres + "/wandeling/inloggen", timeout=1.0)
            break
        except httpx.TransportError:
            time.sleep(0.05)
    else:  # pragma: no cover
        raise RuntimeError("the test server did not start")
    try:
        yield Server(adres, db, sleutels)
    finally:
        server.should_exit = True
        draad.join(timeout=10)
