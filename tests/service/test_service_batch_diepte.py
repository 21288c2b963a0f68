"""A batch element nested too deeply is refused on its own; the other cases are still decided.

The library reads a document nested at most ``MAX_DIEPTE`` levels (the batch's array counts as
one). In a batch, an element that nests deeper gets its own ``probleem`` naming the place, like
a duplicate key or an unknown key in one element; only a body that is no JSON array of cases
(or whose brackets do not balance) is refused as a whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meldcode.adapters.json.lezen import MAX_DIEPTE
from tests.service.binnen import Binnen, binnen

from .hulp import JSON

GOED = '{"weging": {"vermoeden": "ja"}}'


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Binnen]:
    yield from binnen(tmp_path_factory.mktemp("diepte"))


def _genest(niveaus: int, soorten: list[str]) -> str:
    """``niveaus`` containers inside one another (arrays or objects, by ``soorten``), empty."""
    open_, dicht = [], []
    for i in range(niveaus):
        if soorten[i % len(soorten)] == "[":
            open_.append("[")
            dicht.append("]")
        else:
            open_.append('{"a": ')
            dicht.append("}")
    # the innermost object needs a value: a number, no container
    binnenste = "0" if open_ and open_[-1].startswith("{") else ""
    return "".join(open_) + binnenste + "".join(reversed(dicht))


def _diepte(tekst: str) -> int:
    """The deepest nesting of a JSON text (its containers, strings without brackets)."""
    diepte = hoogste = 0
    for teken in tekst:
        if teken in "[{":
            diepte += 1
            hoogste = max(hoogste, diepte)
        elif teken in "]}":
            diepte -= 1
    return hoogste


@st.composite
def _element(draw: st.DrawFn) -> tuple[str, str]:
    """A batch element and what it is: ``goed``, ``diep`` (too deep) or ``ondiep`` (nested, bad)."""
    soort = draw(st.sampled_from(["goed", "diep", "ondiep"]))
    if soort == "goed":
        return soort, GOED
    plek = draw(st.sampled_from(["weging", "kind", "signalen", "los"]))
    # the batch's array, the element's object unless it is the nesting itself, these levels:
    # more than MAX_DIEPTE or not, up to the boundary on either side
    omhulsels = 1 if plek == "los" else 2
    niveaus = (
        draw(st.integers(MAX_DIEPTE + 1 - omhulsels, 400))
        if soort == "diep"
        else draw(st.integers(2, MAX_DIEPTE - omhulsels))  # "signalen": [] would be valid
    )
    genest = _genest(niveaus, draw(st.lists(st.sampled_from(["[", "{"]), min_size=1)))
    if plek == "los":  # the element itself is the nesting
        return soort, genest
    return soort, json.dumps({plek: "x"}).replace('"x"', genest)


@given(elementen=st.lists(_element(), min_size=1, max_size=6))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_deep_element_is_refused_alone_at_any_depth_and_place(
    app: Binnen, elementen: list[tuple[str, str]]
) -> None:
    body = "[" + ", ".join(tekst for _, tekst in elementen) + "]"

    antwoord = app.stuur("post", "/besluiten/_batch", body=body)

    assert antwoord.status_code == 200, antwoord.text
    data = antwoord.json()
    assert data["aantal"] == len(elementen)
    assert data["geweigerd"] == sum(soort != "goed" for soort, _ in elementen)
    for (soort, tekst), resultaat in zip(elementen, data["resultaten"], strict=True):
        if soort == "goed":
            assert "besluit" in resultaat
            continue
        probleem = resultaat["probleem"]
        assert probleem["status"] == 400
        assert probleem["code"] == "ongeldige_invoer"
        te_diep = any("nested more than" in f["melding"] for f in probleem["fouten"])
        assert te_diep == (soort == "diep"), probleem
        assert (_diepte(tekst) + 1 > MAX_DIEPTE) == (soort == "diep")


def test_the_reported_case_with_its_path(app: Binnen) -> None:
    diep = "[" * 40 + "]" * 40
    body = f'[{GOED}, {{"weging": {diep}}}, {GOED}]'

    antwoord = app.stuur("post", "/besluiten/_batch", body=body)

    assert antwoord.status_code == 200, antwoord.text
    resultaten = antwoord.json()["resultaten"]
    assert [list(r) for r in resultaten] == [["besluit"], ["probleem"], ["besluit"]]
    (fout,) = resultaten[1]["probleem"]["fouten"]
    assert fout["veld"] == "weging[0][0]"  # relative to the element, like every element's error


def test_nesting_far_past_the_recursion_limit_is_still_one_elements_problem(app: Binnen) -> None:
    """200 000 levels (within the 1 MiB body limit): followed without recursion."""
    diep = "[" * 200_000 + "]" * 200_000
    body = f'[{GOED}, {{"weging": {diep}}}]'

    antwoord = app.stuur("post", "/besluiten/_batch", body=body)

    assert antwoord.status_code == 200, antwoord.text
    assert [list(r) for r in antwoord.json()["resultaten"]] == [["besluit"], ["probleem"]]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param('{"a": ' + "[" * 40 + "]" * 40 + "}", id="an-object"),
        pytest.param("[" + GOED + ", " + "[" * 40, id="unbalanced"),
        pytest.param("[" + GOED + ", " + "[" * 40 + "]" * 39, id="one-bracket-short"),
        pytest.param("[" + GOED + "] " + "[" * 40 + "]" * 40, id="a-second-document"),
        pytest.param("[" + GOED + ", " + "[" * 40 + "]" * 40 + " 1]", id="bad-json-outside"),
    ],
)
def test_a_body_that_is_no_array_of_cases_is_refused_as_a_whole(app: Binnen, body: str) -> None:
    antwoord = app.stuur("post", "/besluiten/_batch", body=body)

    assert antwoord.status_code == 400, antwoord.text
    assert antwoord.json()["code"] == "ongeldige_invoer"


def test_over_a_real_server(a: Any) -> None:
    diep = "[" * 40 + "]" * 40
    body = f'[{GOED}, {{"weging": {diep}}}, {GOED}]'

    antwoord = a.post("/besluiten/_batch", content=body, headers=JSON)

    assert antwoord.status_code == 200, antwoord.text
    assert antwoord.json()["geweigerd"] == 1
