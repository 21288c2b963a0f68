"""The app in process, for tests that send hundreds of generated requests.

``TestClient`` calls the ASGI app directly: nothing listens on a socket. The tests that need a
real server (``meldcode serve`` on 127.0.0.1) use ``conftest.start_dienst``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from meldcode.adapters.opslag.archief import open_opslag
from meldcode.adapters.opslag.toegang import maak_sleutel


class Binnen:
    """A ``TestClient`` on ``maak_app`` with organisation A's key, and the served OpenAPI."""

    def __init__(self, client: Any, sleutel: str) -> None:
        self.client = client
        self.koppen = {"Authorization": f"Bearer {sleutel}"}
        self.json_koppen = {**self.koppen, "Content-Type": "application/json"}
        document = client.get("/v1/openapi.json")
        assert document.status_code == 200, document.text
        self.document: dict[str, Any] = document.json()

    def operaties(self) -> list[tuple[str, str, dict[str, Any]]]:
        """Every operation of the served OpenAPI document (see ``operaties``)."""
        return operaties(self.document)

    def stuur(
        self,
        methode: str,
        pad: str,
        *,
        query: list[tuple[str, str]] | None = None,
        body: str = "{}",
        koppen: dict[str, str] | None = None,
    ) -> Any:
        """One request with the key (or ``koppen`` in its place); a JSON body for POST."""
        sleutel = self.koppen if koppen is None else koppen
        if methode == "post":
            return self.client.post(
                f"/v1{pad}",
                params=query or [],
                content=body,
                headers={**sleutel, "Content-Type": "application/json"},
            )
        return self.client.request(
            methode.upper(), f"/v1{pad}", params=query or [], headers=sleutel
        )


def operaties(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """Every operation of an OpenAPI document: method, path (without ``/v1``), operation."""
    return [
        (methode, pad, operatie)
        for pad, item in sorted(document["paths"].items())
        for methode, operatie in sorted(item.items())
    ]


def document_operaties() -> list[tuple[str, str, dict[str, Any]]]:
    """The operations of the OpenAPI document of ``maak_app()`` (for ``parametrize``).

    The same document the app serves at ``/v1/openapi.json``; built without a request or a
    store, so it can be read while the tests are collected.
    """
    import tempfile

    from meldcode.adapters.http import Instellingen, maak_app
    from meldcode.adapters.http.openapi import openapi_document

    with tempfile.TemporaryDirectory() as map_:
        app = maak_app(Instellingen(db=str(Path(map_) / "dossiers.sqlite3")))
        return operaties(openapi_document(app))


def binnen(map_: Path) -> Iterator[Binnen]:
    """The app on a fresh SQLite store in ``map_``, with a key; closed afterwards."""
    from fastapi.testclient import TestClient

    from meldcode.adapters.http import Instellingen, maak_app

    db = map_ / "dossiers.sqlite3"
    opslag: Any = open_opslag(db)
    sleutel, _ = maak_sleutel(opslag, "bestuur-a", op=dt.datetime.now(dt.UTC))
    opslag.sluit()
    with TestClient(maak_app(Instellingen(db=str(db)))) as client:
        yield Binnen(client, sleutel)


def geldige_waarde(schema: dict[str, Any]) -> str:
    """A value the parameter's schema accepts, as query text."""
    for deel in [schema, *schema.get("anyOf", [])]:
        if deel.get("enum"):
            return str(deel["enum"][0])
        if deel.get("format") == "date":
            return "2026-03-14"
        if deel.get("type") == "integer":
            return str(deel.get("minimum", 0))
    return "x"
