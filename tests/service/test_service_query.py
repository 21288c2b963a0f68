"""Query and path parameters held to the body's rules, on every operation of the API.

The operations come from the served OpenAPI document, so a new endpoint or parameter is covered
without touching this file: an unknown query parameter, a repeated one and a date that is not
exactly ``YYYY-MM-DD`` are each a 400 problem naming the parameter; and no value typed into a
query or a path (a name, a phone or citizen service number) ever comes back in an error.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.service.binnen import Binnen, binnen, document_operaties, geldige_waarde

INSTELLINGEN = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    database=None,
)
#: the operations of the app's OpenAPI document, read at collection (for ``parametrize``)
_OPERATIES_VOOR_PARAMETRISATIE = document_operaties()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Binnen]:
    yield from binnen(tmp_path_factory.mktemp("query"))


def _parameters(operatie: dict[str, Any], waar: str) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in operatie.get("parameters", []) if p["in"] == waar}


def _pad(pad: str, operatie: dict[str, Any], waarden: dict[str, str] | None = None) -> str:
    """The path with every path parameter filled in (``waarden``, else a valid pseudonym)."""
    for naam in _parameters(operatie, "path"):
        waarde = (waarden or {}).get(naam, "abc-1")
        pad = pad.replace("{" + naam + "}", urllib.parse.quote(waarde, safe=""))
    return pad


def _verplicht(operatie: dict[str, Any], behalve: str = "") -> list[tuple[str, str]]:
    """A valid value for each required query parameter (but ``behalve``)."""
    return [
        (naam, geldige_waarde(p["schema"]))
        for naam, p in _parameters(operatie, "query").items()
        if p.get("required") and naam != behalve
    ]


def _fouten(antwoord: Any) -> list[dict[str, Any]]:
    assert antwoord.status_code == 400, antwoord.text
    assert antwoord.headers["content-type"].startswith("application/problem+json")
    body = antwoord.json()
    assert body["code"] == "ongeldige_invoer"
    fouten: list[dict[str, Any]] = body["fouten"]
    return fouten


def test_the_document_has_operations_with_query_parameters_and_dates(app: Binnen) -> None:
    """The generated tests below have something to test, and read what the app serves."""
    operaties = app.operaties()
    assert operaties == _OPERATIES_VOOR_PARAMETRISATIE
    assert len(operaties) >= 15
    query = [o for _, _, o in operaties if _parameters(o, "query")]
    datums = [o for o in query if any(_is_datum(p) for p in _parameters(o, "query").values())]
    assert len(query) >= 8
    assert len(datums) >= 3


# --- unknown ---------------------------------------------------------------------------------

_NAAM = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20
)


@given(naam=_NAAM, waarde=st.text(max_size=10), data=st.data())
@INSTELLINGEN
def test_an_unknown_query_parameter_is_refused_on_every_operation(
    app: Binnen, naam: str, waarde: str, data: st.DataObject
) -> None:
    methode, pad, operatie = data.draw(st.sampled_from(app.operaties()))
    bekend = _parameters(operatie, "query")
    naam = naam.strip() or "x"
    if naam in bekend:
        naam += "_x"

    antwoord = app.stuur(
        methode, _pad(pad, operatie), query=[*_verplicht(operatie), (naam, waarde)]
    )

    fouten = _fouten(antwoord)
    getoond = {f["veld"] for f in fouten}
    assert getoond & {naam, "<parameter>"}, fouten
    assert any("not a query parameter" in f["melding"] for f in fouten)


def test_a_typo_is_refused_with_the_name_it_resembles(app: Binnen) -> None:
    fouten = _fouten(app.stuur("post", "/besluiten", query=[("protocl", "2013")]))

    assert fouten[0]["veld"] == "protocl"
    assert "did you mean protocol?" in fouten[0]["melding"]


# --- repeated --------------------------------------------------------------------------------


def _met_query() -> list[tuple[str, str, dict[str, Any], str]]:
    """Every query parameter of every operation: (method, path, operation, name)."""
    return [
        (m, p, o, naam)
        for m, p, o in _OPERATIES_VOOR_PARAMETRISATIE
        for naam in _parameters(o, "query")
    ]


@pytest.mark.parametrize(
    ("methode", "pad", "operatie", "naam"),
    _met_query(),
    ids=[f"{m.upper()} {p} {n}" for m, p, _, n in _met_query()],
)
@given(aantal=st.integers(2, 4))
@INSTELLINGEN
def test_a_repeated_query_parameter_is_refused(
    app: Binnen, methode: str, pad: str, operatie: dict[str, Any], naam: str, aantal: int
) -> None:
    """Even with the same valid value each time: which copy counts would be a guess."""
    waarde = geldige_waarde(_parameters(operatie, "query")[naam]["schema"])
    query = [*_verplicht(operatie, behalve=naam), *[(naam, waarde)] * aantal]

    fouten = _fouten(app.stuur(methode, _pad(pad, operatie), query=query))

    assert [f["veld"] for f in fouten] == [naam]
    assert f"given {aantal} times" in fouten[0]["melding"]


def test_protocol_twice_is_refused_not_decided_under_the_last(app: Binnen) -> None:
    query = [("protocol", "2013"), ("protocol", "2019")]

    fouten = _fouten(app.stuur("post", "/besluiten", query=query, body='{"weging": {}}'))

    assert fouten[0]["veld"] == "protocol"


# --- dates -----------------------------------------------------------------------------------


def _is_datum(parameter: dict[str, Any]) -> bool:
    schema = parameter["schema"]
    return any(d.get("format") == "date" for d in [schema, *schema.get("anyOf", [])])


def _met_datum() -> list[tuple[str, str, dict[str, Any], str]]:
    return [(m, p, o, n) for m, p, o, n in _met_query() if _is_datum(_parameters(o, "query")[n])]


_DAG = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
_NIET_ISO = st.one_of(
    st.integers(-(10**12), 10**12).map(str),  # Unix timestamps
    st.floats(allow_nan=False, allow_infinity=False).map(str),
    st.datetimes().map(lambda t: t.isoformat()),
    st.datetimes().map(lambda t: t.isoformat() + "Z"),
    st.datetimes(timezones=st.timezones()).map(lambda t: t.isoformat()),
    _DAG.map(lambda d: f"{d.isoformat()}T00:00:00Z"),
    _DAG.map(lambda d: f"{d.isoformat()} 00:00"),
    _DAG.map(lambda d: "{:04d}-W{:02d}-{}".format(*d.isocalendar())),  # week dates
    _DAG.map(lambda d: "{:04d}W{:02d}{}".format(*d.isocalendar())),
    _DAG.map(lambda d: f"{d.year:04d}-{d.timetuple().tm_yday:03d}"),  # ordinal dates
    _DAG.map(lambda d: d.strftime("%Y%m%d")),
    _DAG.map(lambda d: d.strftime("%d-%m-%Y")),
    _DAG.map(lambda d: f" {d.isoformat()}"),
    _DAG.map(lambda d: f"{d.isoformat()}\n"),
    _DAG.map(lambda d: f"+{d.isoformat()}"),
    _DAG.map(lambda d: d.isoformat().replace("-", "/")),
    st.text(max_size=12),
).filter(lambda s: not (len(s) == 10 and s[4] == s[7] == "-" and s.replace("-", "").isascii()))


@pytest.mark.parametrize(
    ("methode", "pad", "operatie", "naam"),
    _met_datum(),
    ids=[f"{m.upper()} {p} {n}" for m, p, _, n in _met_datum()],
)
@given(waarde=_NIET_ISO)
@INSTELLINGEN
def test_a_date_that_is_not_yyyy_mm_dd_is_refused(
    app: Binnen, methode: str, pad: str, operatie: dict[str, Any], naam: str, waarde: str
) -> None:
    query = [*_verplicht(operatie, behalve=naam), (naam, waarde)]

    fouten = _fouten(app.stuur(methode, _pad(pad, operatie), query=query))

    assert [f["veld"] for f in fouten] == [naam]


@pytest.mark.parametrize(
    ("methode", "pad", "operatie", "naam"),
    _met_datum(),
    ids=[f"{m.upper()} {p} {n}" for m, p, _, n in _met_datum()],
)
@given(dag=st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31)))
@INSTELLINGEN
def test_an_iso_date_is_accepted(
    app: Binnen, methode: str, pad: str, operatie: dict[str, Any], naam: str, dag: dt.date
) -> None:
    """A dossier that does not exist is a 404; the date itself is never what is refused."""
    query = [*_verplicht(operatie, behalve=naam), (naam, dag.isoformat())]

    antwoord = app.stuur(methode, _pad(pad, operatie), query=query)

    assert antwoord.status_code in (200, 404), antwoord.text


# --- the key comes first ----------------------------------------------------------------------

_GEEN_GELDIGE_SLEUTEL = st.sampled_from(
    [
        {},
        {"Authorization": "Bearer mc_000000000000_" + "x" * 43},
        {"Authorization": "Basic bWVsZGNvZGU6eA=="},
    ]
)


@given(koppen=_GEEN_GELDIGE_SLEUTEL, data=st.data())
@INSTELLINGEN
def test_without_a_valid_key_a_bad_query_is_401_not_400(
    app: Binnen, koppen: dict[str, str], data: st.DataObject
) -> None:
    """A caller without a key learns nothing of what its request got wrong: 401 comes first."""
    beveiligd = [(m, p, o) for m, p, o in app.operaties() if o.get("security")]
    methode, pad, operatie = data.draw(st.sampled_from(beveiligd))
    namen = [*_parameters(operatie, "query"), "protocl", "x"]
    query = data.draw(
        st.lists(
            st.tuples(st.sampled_from(namen) | _NAAM, _NIET_ISO | st.text(max_size=10)),
            min_size=1,
            max_size=5,
        )
    )

    antwoord = app.stuur(methode, _pad(pad, operatie), query=query, koppen=koppen)

    assert antwoord.status_code == 401, antwoord.text
    assert antwoord.json()["code"] == "niet_geauthenticeerd"
    assert "fouten" not in antwoord.json()


def test_the_query_is_checked_once_the_key_is_valid(app: Binnen) -> None:
    """The same request with a valid key gets the 400 that names the parameter."""
    query = [("protocl", "2013")]

    assert app.stuur("post", "/besluiten", query=query, koppen={}).status_code == 401
    assert _fouten(app.stuur("post", "/besluiten", query=query))[0]["veld"] == "protocl"


# --- nothing typed in a query or a path comes back in an error --------------------------------

_VOORNAMEN = ["Jan", "Fatima", "Sanne", "Mohamed", "Daan", "Aylin", "Pieter"]
_ACHTERNAMEN = ["de Vries", "El Amrani", "Jansen", "van den Berg", "Yilmaz", "Bakker"]
_PERSOONLIJK = st.one_of(
    st.tuples(st.sampled_from(_VOORNAMEN), st.sampled_from(_ACHTERNAMEN)).map(" ".join),
    st.tuples(st.sampled_from(_VOORNAMEN), st.sampled_from(_ACHTERNAMEN)).map(
        lambda t: (t[0] + t[1]).replace(" ", "")
    ),
    st.from_regex(r"06-?[0-9]{8}", fullmatch=True),  # a mobile number
    st.from_regex(r"[0-9]{9}", fullmatch=True),  # a citizen service number (BSN)
    st.tuples(st.sampled_from(_VOORNAMEN), st.from_regex(r"[0-9]{9,10}", fullmatch=True)).map(
        "".join
    ),
)


def _lekt_niet(antwoord: Any, waarde: str) -> None:
    if antwoord.status_code < 400:
        return
    for vorm in {waarde, urllib.parse.quote(waarde), urllib.parse.quote_plus(waarde)}:
        assert vorm not in antwoord.text, antwoord.text


@given(waarde=_PERSOONLIJK, data=st.data())
@INSTELLINGEN
def test_no_query_value_comes_back_in_an_error(
    app: Binnen, waarde: str, data: st.DataObject
) -> None:
    methode, pad, operatie, naam = data.draw(st.sampled_from(_met_query()))
    query = [*_verplicht(operatie, behalve=naam), (naam, waarde)]

    _lekt_niet(app.stuur(methode, _pad(pad, operatie), query=query), waarde)


@given(waarde=_PERSOONLIJK, data=st.data())
@INSTELLINGEN
def test_no_path_value_comes_back_in_an_error(
    app: Binnen, waarde: str, data: st.DataObject
) -> None:
    met_pad = [(m, p, o) for m, p, o in app.operaties() if _parameters(o, "path")]
    methode, pad, operatie = data.draw(st.sampled_from(met_pad))
    waarden = dict.fromkeys(_parameters(operatie, "path"), waarde)

    antwoord = app.stuur(methode, _pad(pad, operatie, waarden), query=_verplicht(operatie))

    _lekt_niet(antwoord, waarde)


@given(waarde=_PERSOONLIJK, data=st.data())
@INSTELLINGEN
def test_no_unknown_name_or_value_comes_back_in_an_error(
    app: Binnen, waarde: str, data: st.DataObject
) -> None:
    methode, pad, operatie = data.draw(st.sampled_from(app.operaties()))
    query = [*_verplicht(operatie), (waarde, waarde)]

    antwoord = app.stuur(methode, _pad(pad, operatie), query=query)

    assert antwoord.status_code == 400
    _lekt_niet(antwoord, waarde)


def test_no_resource_at_a_path_with_a_name_says_so_without_it(app: Binnen) -> None:
    antwoord = app.client.get("/v1/leerlingen/Jan%20de%20Vries", headers=app.koppen)

    assert antwoord.status_code == 404
    assert "Vries" not in antwoord.text


def test_the_profile_in_the_report_is_shown_by_its_type(app: Binnen) -> None:
    fouten = _fouten(app.stuur("post", "/besluiten", query=[("profiel", "06-12345678")]))

    assert fouten[0]["veld"] == "profiel"
    assert "(got <str>)" in fouten[0]["melding"]
