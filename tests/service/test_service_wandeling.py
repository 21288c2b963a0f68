"""The walk-through behind ``meldcode serve --workers 2``: a session is the store's, not a worker's.

A visitor logs in, chooses the profile, opens a case and records a signal, with every request on
a new connection, so the operating system hands the requests to either worker; the session
holds throughout, and logging out ends it everywhere. Two servers on one store show the same
deterministically: log in on one, go on with the other. On SQLite and on PostgreSQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.service.conftest import Dienst, start_dienst

httpx = pytest.importorskip("httpx")
pytest.importorskip("jinja2", reason="the walk-through needs meldcode[web]")

GEHEIM = "Jantje-de-Vries-woont-op-nummer-7"
AANTAL = 30


class Bezoeker:
    """A browser without keep-alive: each request a new connection, so any worker may answer.

    The cookie is ``Secure``; over plain HTTP on loopback the test carries it by hand.
    """

    def __init__(self, dienst: Dienst) -> None:
        self.wortel = dienst.url.removesuffix("/v1")
        self.cookie: str | None = None
        self.html = ""

    def _vraag(self, methode: str, pad: str, data: dict[str, str] | None = None) -> Any:
        koppen = {"Connection": "close"}
        if self.cookie:
            koppen["Cookie"] = f"meldcode_sessie={self.cookie}"
        with httpx.Client(base_url=self.wortel, timeout=30) as c:
            antwoord = c.request(methode, pad, data=data, headers=koppen)
        gezet = re.search(r"meldcode_sessie=([^;]+)", antwoord.headers.get("set-cookie", ""))
        if gezet:
            self.cookie = gezet.group(1)
        if antwoord.status_code == 303:
            return self._vraag("GET", antwoord.headers["location"])
        self.html = antwoord.text
        return antwoord

    def get(self, pad: str) -> Any:
        return self._vraag("GET", pad)

    def post(self, pad: str, **data: str) -> Any:
        token = re.search(r'name="csrf" value="([^"]+)"', self.html)
        assert token is not None, "no form on the last page"
        return self._vraag("POST", pad, {"csrf": token.group(1), **data})

    def inloggen(self, sleutel: str) -> None:
        self.get("/wandeling/")
        antwoord = self.post("/wandeling/inloggen", sleutel=sleutel)
        if antwoord.url.path == "/wandeling/profiel":
            antwoord = self.post("/wandeling/profiel", profiel="")
        assert antwoord.url.path == "/wandeling/", antwoord.url


def _ingelogd(antwoord: Any) -> bool:
    return antwoord.status_code == 200 and antwoord.url.path != "/wandeling/inloggen"


@pytest.fixture(scope="module")
def dienst_twee(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dienst]:
    """``meldcode serve --workers 2`` on a SQLite store."""
    db = tmp_path_factory.mktemp("twee-werkers") / "dossiers.sqlite3"
    yield from start_dienst(str(db), "--workers", "2")


@pytest.fixture(params=["sqlite", "postgresql"])
def twee_werkers(request: pytest.FixtureRequest) -> Dienst:
    naam = "dienst_twee" if request.param == "sqlite" else "dienst_pg"
    dienst: Dienst = request.getfixturevalue(naam)
    return dienst


def test_a_walk_keeps_its_session_whichever_worker_answers(twee_werkers: Dienst) -> None:
    bezoeker = Bezoeker(twee_werkers)
    bezoeker.inloggen(twee_werkers.sleutels["bestuur-a"])

    overzichten = [bezoeker.get("/wandeling/") for _ in range(AANTAL)]
    bezoeker.post("/wandeling/open", referentie="lln-werkers", nieuw="ja")
    signaal = bezoeker.post(
        "/wandeling/stap/signalen",
        soort="verwaarlozing",
        datum="2026-03-02",
        omschrijving=GEHEIM,
        actie="opslaan",
    )
    stappen = [bezoeker.get("/wandeling/stap/verder") for _ in range(AANTAL // 3)]
    bezoeker.post("/wandeling/uitloggen")
    daarna = [bezoeker.get("/wandeling/") for _ in range(6)]

    assert all(_ingelogd(a) and "Uw casussen" in a.text for a in overzichten)
    assert signaal.status_code == 200
    assert "Vastgelegd in het dossier" in signaal.text
    assert all(_ingelogd(a) and a.url.path == "/wandeling/stap/consultatie" for a in stappen)
    assert all(a.url.path == "/wandeling/inloggen" for a in daarna)


@pytest.fixture(scope="module")
def tweede(dienst_twee: Dienst) -> Iterator[Dienst]:
    """A second server on the first one's store (as several instances behind a proxy)."""
    yield from start_dienst(dienst_twee.db)


def test_a_session_begun_on_one_server_goes_on_on_another(
    dienst_twee: Dienst, tweede: Dienst
) -> None:
    een, ander = Bezoeker(dienst_twee), Bezoeker(tweede)
    een.inloggen(dienst_twee.sleutels["bestuur-b"])

    ander.cookie = een.cookie
    op_ander = ander.get("/wandeling/")
    ander.post("/wandeling/open", referentie="lln-tweede", nieuw="ja")
    op_een = een.get("/wandeling/stap/verder")  # the open case is the session's, not a server's
    een.html = ander.html
    weg = een.post("/wandeling/uitloggen")  # ander's form, een's server
    ander_na = ander.get("/wandeling/")

    assert _ingelogd(op_ander)
    assert "Uw casussen" in op_ander.text
    assert op_een.url.path == "/wandeling/stap/signalen"
    assert weg.url.path == "/wandeling/inloggen"
    assert ander_na.url.path == "/wandeling/inloggen"
