"""Every bad field is named at once: no error waits until another one is fixed.

Some rules of a field are checked by the domain class's validator (a ``referentie`` is a
pseudonym, an age is at most 30, a correction refers to event 1 or later), and those ran only
once every other field could be read: ``{"referentie": "Jan de Vries", "weging": {"vermoeden":
"x"}}`` named only ``weging.vermoeden``. Here any combination of bad fields of a case or of a
dossier event is made, and the fields named must be exactly the fields made bad.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldcode import OngeldigeInvoer, casus_uit_dict, casus_uit_json
from meldcode.adapters.json.dossier import gebeurtenis_uit_json, gebeurtenissen_uit_json
from tests.invoer.corpus import GEHEIM, bladeren, casus_data, gebeurtenis_data, schrijf, vervang
from tests.invoer.draai import draai, problemen

# values that a field's type allows and its domain rule does not (the validator's own checks)
BUITEN_DOMEIN: dict[str, list[Any]] = {
    "referentie": ["Jan de Vries", "", "a" * 65, "lln 0042"],
    "leeftijd": [31, -1, 99],
    "verwijst_naar": [0, -3],
}
TAGS = frozenset({"soort", "vervanging.soort"})
"""An event's kind: without it no other field of the event can be read, so none is named."""


def slechte_waarden(sleutel: str, waarde: Any) -> list[Any]:
    """Values that ``sleutel`` (now holding ``waarde``) must refuse."""
    if sleutel in BUITEN_DOMEIN:
        return BUITEN_DOMEIN[sleutel]
    if isinstance(waarde, bool):
        return ["false", 1, GEHEIM]
    if isinstance(waarde, int):
        return ["9", True, 1.5]
    if isinstance(waarde, str):
        # a date in another form, a number, a boolean: no text field takes these
        return ["2018-W10-1", 5, False] if waarde[:4].isdigit() else [5, False, ["x"]]
    return []


def bladen(data: dict[str, Any]) -> list[tuple[str, list[Any]]]:
    """Every field of ``data`` that holds a value, with the values it must refuse."""
    uit = []
    for pad, sleutel, waarde in bladeren(data):
        slecht = slechte_waarden(sleutel, waarde)
        if pad not in TAGS and slecht and waarde is not None:
            uit.append((pad, slecht))
    return uit


def _casus() -> dict[str, Any]:
    data = casus_data()
    data["consultaties"][0]["datum"] = "2026-03-05"
    data["signalen"].append({**data["signalen"][0], "soort": "verwaarlozing"})
    return data


CASUS = _casus()
CASUSBLADEN = bladen(CASUS)
EVENTS = gebeurtenis_data()


@st.composite
def bedorven(draw: st.DrawFn, data: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """``data`` with a non-empty set of its fields made bad, and the paths of those fields."""
    kandidaten = bladen(data)
    gekozen = draw(st.sets(st.sampled_from(range(len(kandidaten))), min_size=1, max_size=6))
    for i in sorted(gekozen):
        pad, slecht = kandidaten[i]
        data = vervang(data, pad, draw(st.sampled_from(slecht), label=pad))
    return data, {kandidaten[i][0] for i in gekozen}


def test_the_fields_include_those_checked_by_a_domain_rule() -> None:
    paden = {p for p, _ in CASUSBLADEN}
    assert {"referentie", "kind.leeftijd", "datum", "weging.vermoeden"} <= paden
    assert "signalen[1].soort" in paden
    correctie = next(g for g in EVENTS if g["soort"] == "correctie")
    assert {"verwijst_naar", "datum", "vervanging.datum"} <= {p for p, _ in bladen(correctie)}


def test_a_bad_referentie_is_named_with_a_bad_weging() -> None:
    with pytest.raises(OngeldigeInvoer) as fout:
        casus_uit_json('{"referentie":"Jan de Vries","weging":{"vermoeden":"x"}}')

    assert {f.veld for f in fout.value.fouten} == {"referentie", "weging.vermoeden"}
    assert "Jan" not in str([f.melding + f.waarde for f in fout.value.fouten])


@settings(max_examples=300)
@given(geval=bedorven(CASUS))
def test_a_case_names_exactly_the_fields_made_bad(geval: tuple[dict[str, Any], set[str]]) -> None:
    data, slecht = geval

    for lees in (lambda: casus_uit_dict(data), lambda: casus_uit_json(json.dumps(data))):
        with pytest.raises(OngeldigeInvoer) as fout:
            lees()
        assert {f.veld for f in fout.value.fouten} == slecht


@settings(max_examples=300)
@given(keuze=st.data(), gebeurtenis=st.sampled_from(EVENTS))
def test_a_dossier_event_names_exactly_the_fields_made_bad(
    keuze: st.DataObject, gebeurtenis: dict[str, Any]
) -> None:
    data, slecht = keuze.draw(bedorven(gebeurtenis))

    with pytest.raises(OngeldigeInvoer) as fout:
        gebeurtenis_uit_json(schrijf(data))

    assert {f.veld for f in fout.value.fouten} == slecht


@settings(max_examples=100)
@given(keuze=st.data(), gekozen=st.lists(st.sampled_from(EVENTS), min_size=2, max_size=4))
def test_a_list_of_events_names_the_bad_fields_of_every_event(
    keuze: st.DataObject, gekozen: list[dict[str, Any]]
) -> None:
    slecht: set[str] = set()
    lijst = []
    for i, gebeurtenis in enumerate(gekozen):
        if keuze.draw(st.booleans(), label=f"[{i}] bad"):
            gebeurtenis, velden = keuze.draw(bedorven(gebeurtenis))
            slecht |= {f"[{i}].{v}" for v in velden}
        lijst.append(gebeurtenis)

    if not slecht:
        assert len(gebeurtenissen_uit_json(schrijf(lijst))) == len(lijst)
        return
    with pytest.raises(OngeldigeInvoer) as fout:
        gebeurtenissen_uit_json(schrijf(lijst))
    assert {f.veld for f in fout.value.fouten} == slecht


@settings(max_examples=40)
@given(geval=bedorven(CASUS))
def test_the_command_line_names_exactly_the_fields_made_bad(
    geval: tuple[dict[str, Any], set[str]],
) -> None:
    data, slecht = geval

    status, uit, err = draai(["beslis", "-"], schrijf(data) + b"\n")

    assert problemen(status, uit, err, {1}) == []
    assert {f["veld"] for f in json.loads(uit)["fout"]["fouten"]} == slecht
