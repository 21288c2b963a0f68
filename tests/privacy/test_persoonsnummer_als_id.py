"""A personal number is never a pseudonymous id: refused wherever an id is taken, never shown.

Generated citizen service numbers (BSN) and Dutch phone numbers, alone or inside an id
(``lln-123456782``, ``06-12345678``), go through every place that takes an id: a case's
``referentie`` (Python, JSON Lines, the HTTP API), a dossier (the command line, the HTTP API)
and an organisation's key. Each is refused as bad input and none comes back in an output. Ids
that merely hold digits (``lln-0042``, a date, a hash) are still accepted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meldcode import OngeldigeInvoer, casus_uit_dict
from meldcode.adapters.cli.main import main
from meldcode.domain._validatie import is_pseudoniem
from tests.invoer.draai import draai

ROOT = Path(__file__).resolve().parents[2]
STAP = ROOT / "examples" / "dossier" / "01-signaal.json"
INSTELLINGEN = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)


def _elfproef(cijfers: list[int]) -> bool:
    return sum(c * w for c, w in zip(cijfers, [9, 8, 7, 6, 5, 4, 3, 2, -1], strict=True)) % 11 == 0


BSN = (
    st.lists(st.integers(0, 9), min_size=9, max_size=9)
    .filter(_elfproef)
    .map(lambda c: "".join(map(str, c)))
)
MOBIEL = st.from_regex(r"06-?[0-9]{8}", fullmatch=True)
VAST = st.from_regex(r"0[1-9][0-9]{1,2}[-.][0-9]{6,7}", fullmatch=True)
NUMMER = st.one_of(BSN, MOBIEL, VAST)
#: a personal number alone, or inside an id of an allowed form
ID_MET_NUMMER = st.tuples(st.sampled_from(["", "lln-", "leerling.", "x:"]), NUMMER).map("".join)


@given(ID_MET_NUMMER)
@INSTELLINGEN
def test_a_case_with_a_personal_number_as_referentie_is_refused(ref: str) -> None:
    with pytest.raises(OngeldigeInvoer) as exc:
        casus_uit_dict({"referentie": ref, "weging": {"vermoeden": "nee"}})

    assert [f.veld for f in exc.value.fouten] == ["referentie"]
    assert ref not in str(exc.value)


@given(ID_MET_NUMMER)
@INSTELLINGEN
def test_a_json_line_with_one_is_an_error_line_that_does_not_carry_it(ref: str) -> None:
    regel = json.dumps({"referentie": ref, "weging": {"vermoeden": "nee"}}).encode()

    status, uit, fout = draai(["beslis", "-"], regel + b"\n")

    assert status == 1
    assert json.loads(uit)["fout"].get("referentie") is None
    assert ref not in uit + fout


@given(ref=ID_MET_NUMMER)
@INSTELLINGEN
def test_no_dossier_is_kept_under_one(ref: str, tmp_path: Path) -> None:
    db = str(tmp_path / "d.sqlite3")

    status, uit, fout = draai(["dossier", "toevoegen", ref, str(STAP), "--db", db])

    assert status == 1
    assert ref not in uit + fout


@given(organisatie=ID_MET_NUMMER)
@INSTELLINGEN
def test_no_key_is_made_for_an_organisation_named_by_one(organisatie: str, tmp_path: Path) -> None:
    db = str(tmp_path / "d.sqlite3")

    status, uit, fout = draai(["sleutel", "maak", organisatie, "--db", db])

    assert status == 1
    assert organisatie not in uit + fout


@pytest.mark.parametrize(
    "ref", ["lln-0042", "2026-03-14.001", "a3f9c2e1b7d40586", "lln-2026-0042", "p13-04", "12345678"]
)
def test_ids_that_merely_hold_digits_are_still_pseudonyms(ref: str, tmp_path: Path) -> None:
    assert is_pseudoniem(ref)
    assert casus_uit_dict({"referentie": ref}).referentie == ref
    assert main(["dossier", "toevoegen", ref, str(STAP), "--db", str(tmp_path / "d.sqlite3")]) == 0


# --- the HTTP API --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    pytest.importorskip("fastapi", reason="the service is in the dev extra")
    from tests.service.binnen import binnen

    yield from binnen(tmp_path_factory.mktemp("persoonsnummer"))


@given(ref=ID_MET_NUMMER)
@INSTELLINGEN
def test_the_api_refuses_one_in_a_case_and_as_a_dossier(app: Any, ref: str) -> None:
    casus = json.dumps({"referentie": ref, "weging": {"vermoeden": "nee"}})
    een = app.stuur("post", "/besluiten", body=casus)
    reeks = app.stuur("post", "/besluiten/_batch", body=f"[{casus}]")
    dossier = app.stuur("post", f"/dossiers/{ref}/gebeurtenissen", body=STAP.read_text())

    assert een.status_code == 400
    assert reeks.json()["geweigerd"] == 1
    assert dossier.status_code in (400, 422)
    for antwoord in (een, reeks, dossier):
        assert ref not in antwoord.text
