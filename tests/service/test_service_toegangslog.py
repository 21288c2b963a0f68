"""The server's access log holds the method, the route's template and the status; nothing typed.

A path value (``/v1/dossiers/Jan%20de%20Vries``) and a query string may hold a name or a number;
the lines of ``meldcode serve`` show ``/v1/dossiers/{dossier}`` instead, and never a query.
"""

from __future__ import annotations

import logging
import re
import subprocess
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meldcode.adapters.http.middleware import TOEGANGSLOG
from tests.service.binnen import Binnen, binnen
from tests.service.conftest import start_dienst
from tests.service.test_service_query import _PERSOONLIJK, _parameters, _verplicht

httpx = pytest.importorskip("httpx")


class _Regels(logging.Handler):
    """Keeps the messages of the records it gets."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.regels: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.regels.append(record.getMessage())


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Binnen]:
    yield from binnen(tmp_path_factory.mktemp("toegangslog"))


@pytest.fixture(scope="module")
def regels() -> Iterator[_Regels]:
    log = logging.getLogger(TOEGANGSLOG)
    handler, niveau = _Regels(), log.level
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    yield handler
    log.removeHandler(handler)
    log.setLevel(niveau)


def _vul(pad: str, operatie: dict[str, Any], waarde: str) -> str:
    for naam in _parameters(operatie, "path"):
        pad = pad.replace("{" + naam + "}", urllib.parse.quote(waarde, safe=""))
    return pad


@given(waarde=_PERSOONLIJK, data=st.data())
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_each_request_logs_method_template_and_status_only(
    app: Binnen, regels: _Regels, waarde: str, data: st.DataObject
) -> None:
    methode, pad, operatie = data.draw(st.sampled_from(app.operaties()))
    query = data.draw(
        st.sampled_from(
            [
                _verplicht(operatie),
                [*_verplicht(operatie), ("profiel", waarde)],
                [*_verplicht(operatie), (waarde, waarde)],
            ]
        )
    )
    regels.regels.clear()

    antwoord = app.stuur(methode, _vul(pad, operatie, waarde), query=query)

    assert regels.regels == [f"{methode.upper()} /v1{pad} {antwoord.status_code}"]


def test_a_path_no_route_matches_is_logged_without_it(app: Binnen, regels: _Regels) -> None:
    regels.regels.clear()

    app.client.get("/v1/leerlingen/Jan%20de%20Vries?naam=Jan", headers=app.koppen)

    assert regels.regels == ["GET (no route) 404"]


# --- meldcode serve ----------------------------------------------------------------------------


def _serve(db: Path, *extra: str) -> Iterator[tuple[str, str, subprocess.Popen[str]]]:
    """``meldcode serve`` on 127.0.0.1 without ``--stil``: its URL, a key, the process."""
    for dienst in start_dienst(str(db), "--host", "127.0.0.1", *extra, stil=False):
        yield dienst.url, dienst.sleutels["bestuur-a"], dienst.proces


@pytest.mark.parametrize("workers", ["1", "2"])
def test_the_access_lines_of_meldcode_serve_hold_no_path_value_or_query(
    tmp_path: Path, workers: str
) -> None:
    geheim = ["Jan de Vries", "JanDeVries", "0612345678", "123456789"]
    for url, sleutel, proces in _serve(tmp_path / "dossiers.sqlite3", "--workers", workers):
        koppen = {"Authorization": f"Bearer {sleutel}"}
        with httpx.Client(base_url=url, headers=koppen, timeout=30) as client:
            # a worker may still be starting: the socket is listening, so requests wait
            for dossier in geheim:
                client.get(f"/dossiers/{urllib.parse.quote(dossier)}", params={"op": dossier})
            client.get("/evaluatiecijfers", params={"op": "2026-03-14"})
            client.post(
                "/besluiten",
                params={"profiel": "06-12345678"},
                content="{}",
                headers={"Content-Type": "application/json"},
            )
            client.get("/regels", params={"naam": "Jan"})
        proces.terminate()
        uit, fout = proces.communicate(timeout=20)
        uit += fout  # uvicorn's own messages: no request in them either

    lijnen = [r for r in uit.splitlines() if re.search(r"\b(GET|POST) ", r)]
    assert len(lijnen) == 7, uit
    for dossier in geheim:
        assert dossier not in uit
        assert urllib.parse.quote(dossier) not in uit
    assert "?" not in "".join(lijnen)
    assert "Jan" not in uit
    assert "06-1" not in uit
    assert sum("GET /v1/dossiers/{dossier} 400" in r for r in lijnen) == 4
    assert any("GET /v1/evaluatiecijfers 200" in r for r in lijnen)
    assert any("POST /v1/besluiten 400" in r for r in lijnen)
    assert any("GET /v1/regels 400" in r for r in lijnen)


def test_meldcode_serve_stil_writes_no_access_lines(tmp_path: Path) -> None:
    for url, _, proces in _serve(tmp_path / "dossiers.sqlite3", "--stil"):
        with httpx.Client(base_url=url, timeout=30) as client:
            assert client.get("/gezondheid").status_code == 200
        proces.terminate()
        uit, _ = proces.communicate(timeout=20)

    assert "/v1/gezondheid" not in uit
