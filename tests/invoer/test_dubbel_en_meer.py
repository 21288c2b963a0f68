"""A duplicate key is named with the document's other problems, on every surface.

Generated from the corpus' full documents: a key of one object written twice, and a field of
another object given a wrong value. Every reader names both at once (the Python readers, the
command line's JSON Lines, the HTTP API for one case and in a batch, dossier events). Inside the
object that holds the duplicate nothing more is judged (which copy counts would be a guess), so
a duplicate at the top level stands alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meldcode import OngeldigeInvoer, beslis, besluit_naar_dict, casus_uit_dict, casus_uit_json
from meldcode.adapters.cli.evaluatiecijfers import besluiten_uit_json_lines
from meldcode.adapters.json.dossier import gebeurtenis_uit_json, gebeurtenissen_uit_json
from tests.invoer.corpus import (
    _fout_waarden,
    _haal,
    _met_dubbel,
    bladeren,
    casus_data,
    gebeurtenis_data,
    schrijf,
    vervang,
)
from tests.invoer.draai import draai

INSTELLINGEN = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)


def _ouder(pad: str) -> str:
    return pad.rsplit(".", 1)[0] if "." in pad else ""


def _in(veld: str, pad: str) -> bool:
    """Whether ``veld`` lies in the object at ``pad`` (``""``: the whole document)."""
    return not pad or veld == pad or veld.startswith((pad + ".", pad + "["))


@st.composite
def _twee_fouten(
    draw: st.DrawFn, data: dict[str, Any], vast: frozenset[str] = frozenset()
) -> tuple[bytes, str, str]:
    """``data`` with a duplicate key in one object and a wrong value outside that object.

    Returns the document and the two paths its error must name: the duplicate, the field.
    """
    sleutels = [
        (pad, sleutel)
        for pad, sleutel, _ in bladeren(data)
        if pad and not pad.endswith("]") and _ouder(pad) and pad not in vast
    ]
    dubbel, sleutel = draw(st.sampled_from(sleutels))
    bladen = [
        (pad, s, waarde)
        for pad, s, waarde in bladeren(data)
        if pad
        and not isinstance(waarde, dict | list)
        and pad not in vast
        and not _in(pad, _ouder(dubbel))
    ]
    veld, s, waarde = draw(st.sampled_from(bladen))
    fout = draw(st.sampled_from(_fout_waarden(s, waarde)))
    return schrijf(_met_dubbel(vervang(data, veld, fout), _ouder(dubbel), sleutel)), dubbel, veld


def _noemt_beide(velden: list[str], dubbel: str, veld: str) -> None:
    assert dubbel in velden, velden
    assert any(v.startswith(veld) for v in velden), (veld, velden)


def _velden(exc: OngeldigeInvoer) -> list[str]:
    return [f.veld for f in exc.fouten]


@given(st.data())
@INSTELLINGEN
def test_a_case_names_its_duplicate_key_and_its_other_bad_field(data: st.DataObject) -> None:
    tekst, dubbel, veld = data.draw(_twee_fouten(casus_data()))

    with pytest.raises(OngeldigeInvoer) as exc:
        casus_uit_json(tekst)

    _noemt_beide(_velden(exc.value), dubbel, veld)


@given(st.data())
@INSTELLINGEN
def test_json_lines_name_both_and_still_say_whose_case_it_is(data: st.DataObject) -> None:
    """``meldcode beslis -``: the line's error names both; the good line after it is decided."""
    tekst, dubbel, veld = data.draw(_twee_fouten(casus_data()))
    goed = json.dumps({"referentie": "goed-1", "weging": {"vermoeden": "nee"}}).encode()

    status, uit, _ = draai(["beslis", "-"], tekst + b"\n" + goed + b"\n")

    assert status == 1
    fout, besluit = (json.loads(regel) for regel in uit.splitlines())
    _noemt_beide([f["veld"] for f in fout["fout"]["fouten"]], dubbel, veld)
    if veld != "referentie" and dubbel != "referentie":
        assert fout["fout"].get("referentie") == casus_data()["referentie"]
    assert besluit["referentie"] == "goed-1"


def test_a_duplicate_at_the_top_level_stands_alone() -> None:
    """Which copy counts is a guess for the whole document: nothing else in it is judged."""
    tekst = schrijf(_met_dubbel(vervang(casus_data(), "kind.leeftijd", 99), "", "protocol"))

    with pytest.raises(OngeldigeInvoer) as exc:
        casus_uit_json(tekst)

    assert _velden(exc.value) == ["protocol"]


def test_a_duplicate_referentie_is_not_carried_to_the_error_line() -> None:
    tekst = schrijf(_met_dubbel(casus_data(), "", "referentie"))

    _, uit, _ = draai(["beslis", "-"], tekst + b"\n")

    assert json.loads(uit)["fout"].get("referentie") is None


def _met_object(data: dict[str, Any]) -> bool:
    """Whether an event holds an object with keys below the top level (a place for a duplicate)."""
    return any(isinstance(w, dict) and w and p for p, _, w in bladeren(data))


@given(st.data())
@INSTELLINGEN
def test_an_event_names_both(data: st.DataObject) -> None:
    gebeurtenis = data.draw(st.sampled_from([g for g in gebeurtenis_data() if _met_object(g)]))
    tekst, dubbel, veld = data.draw(_twee_fouten(gebeurtenis, frozenset({"soort"})))

    with pytest.raises(OngeldigeInvoer) as exc:
        gebeurtenis_uit_json(tekst)
    _noemt_beide(_velden(exc.value), dubbel, veld)

    with pytest.raises(OngeldigeInvoer) as exc:
        gebeurtenissen_uit_json(b"[" + schrijf(gebeurtenis) + b"," + tekst + b"]")
    _noemt_beide(_velden(exc.value), f"[1].{dubbel}", f"[1].{veld}")


@given(st.data())
@INSTELLINGEN
def test_a_line_of_dated_decisions_names_both(data: st.DataObject) -> None:
    """``meldcode evaluatie --besluiten``: a duplicate in a ground, a bad decision beside it."""
    besluit = besluit_naar_dict(beslis(casus_uit_dict(casus_data())))
    objecten = [p for p, _, w in bladeren(besluit) if isinstance(w, dict) and w and p]
    dubbel_in = data.draw(st.sampled_from(objecten))
    sleutel = data.draw(st.sampled_from(sorted(_haal(besluit, dubbel_in))))
    beslissing = data.draw(st.sampled_from([k for k, w in besluit.items() if w is False]))
    fout = data.draw(st.sampled_from(_fout_waarden(beslissing, False)))
    regel = {
        "datum": "2026-03-14",
        "besluit": _met_dubbel(vervang(besluit, beslissing, fout), dubbel_in, sleutel),
    }

    _, _, problemen = besluiten_uit_json_lines([schrijf(regel)])

    (probleem,) = problemen
    velden = [f.veld for f in probleem.fouten]
    # a decision's keys are not shown (only a case's and an event's keys are known): <key>
    assert len([f for f in probleem.fouten if "duplicate key" in f.melding]) == 1, velden
    assert f"besluit.{beslissing}" in velden


# --- the HTTP API --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    pytest.importorskip("fastapi", reason="the service is in the dev extra")
    from tests.service.binnen import binnen

    yield from binnen(tmp_path_factory.mktemp("dubbel"))


@given(st.data())
@INSTELLINGEN
def test_the_api_names_both_for_one_case_and_in_a_batch(app: Any, data: st.DataObject) -> None:
    tekst, dubbel, veld = data.draw(_twee_fouten(casus_data()))

    een = app.stuur("post", "/besluiten", body=tekst.decode())
    assert een.status_code == 400, een.text
    _noemt_beide([f["veld"] for f in een.json()["fouten"]], dubbel, veld)

    goed = schrijf(casus_data()).decode()
    reeks = app.stuur("post", "/besluiten/_batch", body=f"[{goed},{tekst.decode()},{goed}]")
    assert reeks.status_code == 200, reeks.text
    voor, slecht, na = reeks.json()["resultaten"]
    assert "besluit" in voor
    assert "besluit" in na
    _noemt_beide([f["veld"] for f in slecht["probleem"]["fouten"]], dubbel, veld)


def test_the_family_has_members() -> None:
    """Objects with keys to write twice and fields outside them, in cases and in events."""
    paden = {p for p, _, w in bladeren(casus_data()) if p and not isinstance(w, dict | list)}
    assert len({_ouder(p) for p in paden if _ouder(p)}) >= 4
    assert len(paden) >= 20
    assert len([g for g in gebeurtenis_data() if _met_object(g)]) >= 3
