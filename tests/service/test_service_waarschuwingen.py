"""The service gives the plausibility warnings the command line gives, for the same case.

``POST /v1/besluiten`` answers what ``meldcode beslis`` prints, each decision of
``POST /v1/besluiten/_batch`` what its line of a ``.jsonl`` batch prints, and ``POST /v1/uitleg``
the decision plus exactly the text ``meldcode uitleg`` prints ("Let op:" included). Dates are
drawn far from today (before 2025 or after 2089), so the server's clock and the command line's
agree on what lies in the future.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meldcode.adapters.cli.main import main
from meldcode.adapters.json.casus import casus_naar_dict
from meldcode.adapters.json.plausibiliteit import CODES
from meldcode.domain.casus import Casus
from meldcode.testing.strategies import casussen
from tests.service.binnen import Binnen, binnen

from .hulp import JSON

INSTELLINGEN = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)

VOORBEELD = {
    "datum": "2099-01-01",
    "protocol": "2013",
    "signalen": [{"soort": "verwaarlozing", "datum": "2099-06-01"}],
    "weging": {"vermoeden": "ja"},
}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Binnen]:
    yield from binnen(tmp_path_factory.mktemp("waarschuwingen"))


# past dates of either protocol's era, or dates far in the future: never today or tomorrow
_DATUM = (
    st.none()
    | st.dates(dt.date(2008, 1, 1), dt.date(2024, 12, 31))
    | st.dates(dt.date(2090, 1, 1), dt.date(2099, 12, 31))
)


@st.composite
def _casus(draw: st.DrawFn) -> dict[str, Any]:
    """A case whose own date and whose signals' and consultations' dates are drawn freely."""
    casus: Casus = draw(casussen(max_signalen=3, max_consultaties=2))
    casus = attrs.evolve(
        casus,
        datum=draw(_DATUM),
        signalen=tuple(attrs.evolve(s, datum=draw(_DATUM)) for s in casus.signalen),
        consultaties=tuple(attrs.evolve(c, datum=draw(_DATUM)) for c in casus.consultaties),
    )
    return casus_naar_dict(casus)


_PROTOCOL = st.sampled_from([None, "2013", "2019"])


def _cli(*args: str) -> tuple[int, str]:
    """``meldcode ARGS``: the exit status and what it printed on standard output."""
    uit, fout = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(uit), contextlib.redirect_stderr(fout):
        status = main(list(args))
    return status, uit.getvalue()


@contextlib.contextmanager
def _bestand(naam: str, tekst: str) -> Iterator[str]:
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / naam
        pad.write_text(tekst, encoding="utf-8")
        yield str(pad)


def _opties(protocol: str | None) -> list[str]:
    return [] if protocol is None else ["--protocol", protocol]


def _query(protocol: str | None) -> list[tuple[str, str]]:
    return [] if protocol is None else [("protocol", protocol)]


@given(casus=_casus(), protocol=_PROTOCOL)
@INSTELLINGEN
def test_a_decision_over_http_is_what_the_cli_prints(
    app: Binnen, casus: dict[str, Any], protocol: str | None
) -> None:
    tekst = json.dumps(casus)
    with _bestand("casus.json", tekst) as pad:
        status, uit = _cli("beslis", pad, *_opties(protocol))

    antwoord = app.stuur("post", "/besluiten", query=_query(protocol), body=tekst)

    if status != 0:  # refused by both (a contradiction the reader refuses)
        assert antwoord.status_code == 400, antwoord.text
        return
    assert antwoord.status_code == 200, antwoord.text
    assert antwoord.json() == json.loads(uit)


@given(casus=_casus(), protocol=_PROTOCOL)
@INSTELLINGEN
def test_an_explanation_over_http_is_what_the_cli_prints(
    app: Binnen, casus: dict[str, Any], protocol: str | None
) -> None:
    tekst = json.dumps(casus)
    with _bestand("casus.json", tekst) as pad:
        status, uitleg = _cli("uitleg", pad, *_opties(protocol))
        _, besluit = _cli("beslis", pad, *_opties(protocol))

    antwoord = app.stuur("post", "/uitleg", query=_query(protocol), body=tekst)

    if status != 0:
        assert antwoord.status_code == 400, antwoord.text
        return
    assert antwoord.status_code == 200, antwoord.text
    assert antwoord.json()["uitleg"] == uitleg
    assert antwoord.json()["besluit"] == json.loads(besluit)


@given(batch=st.lists(_casus(), min_size=1, max_size=5), protocol=_PROTOCOL)
@INSTELLINGEN
def test_a_batch_over_http_decides_as_the_cli_batch_prints(
    app: Binnen, batch: list[dict[str, Any]], protocol: str | None
) -> None:
    regels = "".join(json.dumps(c) + "\n" for c in batch)
    with _bestand("casussen.jsonl", regels) as pad:
        _, uit = _cli("beslis", pad, *_opties(protocol))

    antwoord = app.stuur(
        "post", "/besluiten/_batch", query=_query(protocol), body=json.dumps(batch)
    )

    assert antwoord.status_code == 200, antwoord.text
    cli = [json.loads(r) for r in uit.splitlines()]
    http = antwoord.json()["resultaten"]
    assert len(cli) == len(http) == len(batch)
    for lijn, resultaat in zip(cli, http, strict=True):
        if "fout" in lijn:
            assert "probleem" in resultaat
        else:
            assert resultaat == {"besluit": lijn}


def test_the_example_warns_over_a_real_server_as_in_the_cli(a: Any) -> None:
    """The four warnings of the example case on every endpoint that decides it."""
    verwacht = [
        "datum_in_toekomst",
        "signaal_in_toekomst",
        "signaal_na_weging",
        "protocol_past_niet_bij_datum",
    ]
    tekst = json.dumps(VOORBEELD)

    besluit = a.post("/besluiten", content=tekst, headers=JSON)
    batch = a.post("/besluiten/_batch", content=f"[{tekst}]", headers=JSON)
    uitleg = a.post("/uitleg", content=tekst, headers=JSON)

    assert [w["code"] for w in besluit.json()["waarschuwingen"]] == verwacht
    (resultaat,) = batch.json()["resultaten"]
    assert [w["code"] for w in resultaat["besluit"]["waarschuwingen"]] == verwacht
    assert [w["code"] for w in uitleg.json()["besluit"]["waarschuwingen"]] == verwacht
    tekstdeel = uitleg.json()["uitleg"].split("\nLet op:\n", 1)[1]
    assert all(f"{CODES[c]} [{c}]" in tekstdeel for c in verwacht)
