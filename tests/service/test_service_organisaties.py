"""Who may do what: a key for every protected endpoint, and one organisation never sees another's.

The endpoints are taken from the served OpenAPI document, so a new endpoint is covered the day
it is added.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from meldcode.adapters.opslag.archief import Archief, open_opslag

from .hulp import JSON, gebeurtenissen, vul

VOORBEELD = {"dossier": "lln-iso", "regel": "2019.afweging-1.geen-actie", "profiel": "vcog"}


def _operaties(client: Any) -> list[tuple[str, str, bool]]:
    doc = client.get("/openapi.json").json()
    uit = []
    for pad, item in doc["paths"].items():
        for methode, operatie in item.items():
            concreet = re.sub(r"\{(\w+)\}", lambda m: VOORBEELD[m.group(1)], pad)
            uit.append((methode, concreet, bool(operatie.get("security"))))
    return uit


def test_every_endpoint_but_health_and_openapi_needs_a_key(anoniem: Any) -> None:
    operaties = _operaties(anoniem)
    open_ = {pad for _, pad, beveiligd in operaties if not beveiligd}

    assert open_ == {"/gezondheid"}
    for methode, pad, _ in operaties:
        if pad in open_:
            continue
        for koppen in ({}, {"Authorization": "Bearer mc_000000000000_" + "x" * 43}):
            antwoord = anoniem.request(methode, pad, headers={**JSON, **koppen}, content="{}")
            assert antwoord.status_code == 401, (methode, pad)
            assert antwoord.headers["content-type"] == "application/problem+json"


def test_a_revoked_key_is_refused_at_once(dienst: Any) -> None:
    import datetime as dt

    from meldcode.adapters.opslag.toegang import maak_sleutel

    opslag: Any = open_opslag(dienst.db)
    tekst, sleutel = maak_sleutel(opslag, "bestuur-a", op=dt.datetime.now(dt.UTC))
    with dienst.client(None, headers={"Authorization": f"Bearer {tekst}"}) as c:
        assert c.get("/dossiers").status_code == 200
        opslag.trek_sleutel_in(sleutel.sleutel_id, op=dt.datetime.now(dt.UTC))
        assert c.get("/dossiers").status_code == 401
    opslag.sluit()


@pytest.fixture(scope="module")
def dossier_van_a(dienst: Any) -> str:
    with dienst.client("bestuur-a") as a:
        vul(a, "lln-iso", 3)
    return "lln-iso"


@pytest.mark.parametrize(
    ("methode", "pad"),
    [
        ("get", "/dossiers/{d}"),
        ("get", "/dossiers/{d}/controle"),
        ("get", "/dossiers/{d}/export"),
        ("post", "/dossiers/{d}/gebeurtenissen"),
    ],
)
def test_another_organisations_dossier_is_404_never_403(
    a: Any, b: Any, dossier_van_a: str, methode: str, pad: str
) -> None:
    """Read, check, export and append after its events: as if it did not exist."""
    pad = pad.format(d=dossier_van_a)
    if methode == "post":
        antwoord = b.post(pad, params={"na": 3}, content=gebeurtenissen()[3], headers=JSON)
    else:
        antwoord = b.get(pad)
    onbekend = b.get("/dossiers/lln-bestaat-niet")

    assert antwoord.status_code == 404
    assert antwoord.headers["content-type"] == "application/problem+json"
    assert antwoord.json()["code"] == onbekend.json()["code"] == "dossier_niet_gevonden"
    assert a.get(f"/dossiers/{dossier_van_a}").json()["aantal"] == 3


def test_another_organisations_dossiers_are_not_listed_or_counted(
    a: Any, b: Any, dossier_van_a: str
) -> None:
    assert dossier_van_a in a.get("/dossiers").json()["dossiers"]
    assert dossier_van_a not in b.get("/dossiers").json()["dossiers"]
    a_totaal = a.get("/evaluatiecijfers").json()["totaal"]["gevallen"]
    b_totaal = b.get("/evaluatiecijfers").json()["totaal"]["gevallen"]
    assert a_totaal >= 1
    assert b_totaal == len(b.get("/dossiers").json()["dossiers"])


def test_the_same_id_in_two_organisations_is_two_dossiers(a: Any, b: Any) -> None:
    """B starting its own dossier under A's id neither sees nor touches A's.

    The dossier is this test's own: the module's shared dossier of A must stay unknown to B, or
    the other tests here would pass or fail by the order they happen to run in.
    """
    eigen = "lln-iso-dubbel"
    vul(a, eigen, 3)
    antwoord = b.post(
        f"/dossiers/{eigen}/gebeurtenissen",
        params={"na": 0},
        content=gebeurtenissen()[0],
        headers=JSON,
    )

    assert antwoord.status_code == 201
    assert b.get(f"/dossiers/{eigen}").json()["aantal"] == 1
    assert a.get(f"/dossiers/{eigen}").json()["aantal"] == 3


def test_the_access_log_names_who_did_what_and_never_a_text(
    dienst: Any, a: Any, b: Any, dossier_van_a: str
) -> None:
    b.get(f"/dossiers/{dossier_van_a}/export")
    a.get(f"/dossiers/{dossier_van_a}/export")

    opslag: Any = open_opslag(dienst.db)
    rijen = opslag.toegangen(dossier=dossier_van_a)
    opslag.sluit()
    handelingen = {(r.organisatie, r.handeling, r.status) for r in rijen}
    assert ("bestuur-a", "schrijven", 201) in handelingen
    assert ("bestuur-a", "exporteren", 200) in handelingen
    assert ("bestuur-b", "exporteren", 404) in handelingen
    ids = {r.sleutel_id for r in rijen}
    assert ids <= {dienst.sleutels[o].split("_")[1] for o in ("bestuur-a", "bestuur-b")}
    tekst = repr(rijen)
    assert "omschrijving" not in tekst
    assert "gymzaal" not in tekst  # free text of the example's events


def test_the_store_itself_keeps_the_organisations_apart(dienst: Any, dossier_van_a: str) -> None:
    opslag: Any = open_opslag(dienst.db)
    try:
        assert len(Archief(opslag, organisatie="bestuur-a").lees(dossier_van_a)) == 3
        assert "lln-iso" not in Archief(opslag, organisatie="bestuur-c").dossiers()
    finally:
        opslag.sluit()
