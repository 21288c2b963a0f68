"""The bad-input corpus through the HTTP service: every item a problem, never a server error.

The same generated corpus as the library's and the command line's readers (``tests/invoer``):
each item goes to a running server, alone and between two good cases in a batch. The service
must answer every bad item with ``application/problem+json`` naming the field, echo no free text
from it, and in a batch still decide the good cases around it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.invoer.corpus import VERBODEN, Invoer, casus_corpus, gebeurtenis_corpus
from tests.service.conftest import Dienst

CASUSSEN = casus_corpus()
GEBEURTENISSEN = gebeurtenis_corpus()
JSON = {"Content-Type": "application/json"}
GOED = json.dumps({"weging": {"vermoeden": "nee"}}).encode()


def _problemen(item: Invoer, antwoord: Any, geslaagd: int) -> list[str]:
    """What is wrong with the service's answer to ``item`` (empty: nothing)."""
    fout: list[str] = []
    if antwoord.status_code >= 500:
        return [f"server error {antwoord.status_code}"]
    if VERBODEN.search(antwoord.text):
        fout.append(f"echoes the input: {antwoord.text[:120]!r}")
    if item.veld is None:
        if antwoord.status_code != geslaagd:
            fout.append(f"valid input refused: {antwoord.status_code} {antwoord.text[:120]}")
        return fout
    if antwoord.status_code not in (400, 413, 415):
        return [*fout, f"accepted with {antwoord.status_code}"]
    if antwoord.headers.get("content-type", "").split(";")[0] != "application/problem+json":
        fout.append(f"not problem+json: {antwoord.headers.get('content-type')}")
    if antwoord.status_code == 400 and item.veld:
        velden = [f["veld"] for f in antwoord.json().get("fouten", [])]
        if not any(v.startswith(item.veld) for v in velden):
            fout.append(f"names {velden}, not {item.veld!r}")
    return fout


def _rapport(gevonden: dict[str, list[str]]) -> str:
    return "\n".join(f"{naam}: {'; '.join(f)}" for naam, f in list(gevonden.items())[:40])


def test_every_bad_case_gets_a_problem_naming_its_field(dienst: Dienst) -> None:
    """``POST /besluiten`` with each corpus case: a 4xx problem naming the field, no echo."""
    gevonden: dict[str, list[str]] = {}
    with dienst.client() as client:
        for item in CASUSSEN:
            antwoord = client.post("/besluiten", content=item.tekst, headers=JSON)
            if f := _problemen(item, antwoord, 200):
                gevonden[item.naam] = f
    assert not gevonden, _rapport(gevonden)


def _als_element(item: Invoer) -> bool:
    """Whether ``item`` can stand as one element of a JSON array (it is one JSON value)."""
    try:
        tekst = item.tekst.decode("utf-8").removeprefix("\ufeff")
        json.loads(tekst)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    return bool(tekst.strip()) and tekst == item.tekst.decode("utf-8")


def test_in_a_batch_the_good_cases_around_a_bad_one_are_decided(dienst: Dienst) -> None:
    """``POST /besluiten/_batch`` with ``[good, item, good]``: the good ones always decided."""
    elementen = [i for i in CASUSSEN if _als_element(i)]
    assert len(elementen) >= 200
    gevonden: dict[str, list[str]] = {}
    with dienst.client() as client:
        for item in elementen:
            body = b"[" + GOED + b"," + item.tekst + b"," + GOED + b"]"
            antwoord = client.post("/besluiten/_batch", content=body, headers=JSON)
            if antwoord.status_code != 200:
                # only what breaks the array as a whole may refuse the whole batch
                if antwoord.status_code >= 500 or VERBODEN.search(antwoord.text):
                    gevonden[item.naam] = [f"{antwoord.status_code}: {antwoord.text[:120]}"]
                continue
            resultaten = antwoord.json()["resultaten"]
            fout = [f"good case {i} not decided" for i in (0, 2) if "besluit" not in resultaten[i]]
            midden = resultaten[1]
            if item.veld is None and "besluit" not in midden:
                fout.append(f"valid element refused: {midden}")
            if item.veld is not None and "besluit" in midden:
                fout.append("bad element decided")
            if item.veld and "probleem" in midden:
                velden = [f["veld"] for f in midden["probleem"].get("fouten", [])]
                if not any(item.veld in v for v in velden):
                    fout.append(f"names {velden}, not {item.veld!r}")
            if VERBODEN.search(antwoord.text):
                fout.append(f"echoes the input: {antwoord.text[:120]!r}")
            if fout:
                gevonden[item.naam] = fout
    assert not gevonden, _rapport(gevonden)


@pytest.mark.parametrize("deel", range(4), ids=lambda d: f"deel{d}")
def test_every_bad_event_gets_a_problem_naming_its_field(dienst: Dienst, deel: int) -> None:
    """Appending each corpus event to a new dossier: a 4xx problem naming the field, no echo."""
    gevonden: dict[str, list[str]] = {}
    with dienst.client() as client:
        for n, item in enumerate(GEBEURTENISSEN):
            if n % 4 != deel:
                continue
            antwoord = client.post(
                f"/dossiers/corpus-{deel}-{n}/gebeurtenissen",
                params={"na": 0},
                content=item.tekst,
                headers=JSON,
            )
            if f := _problemen(item, antwoord, 201):
                gevonden[item.naam] = f
    assert not gevonden, _rapport(gevonden)
