"""A name or a phone number typed where an option's value or an argument belongs is not echoed.

What is typed after ``--protocol``, ``--beslissing``, ``--max`` or ``--op``, or passed as
``protocol=`` or in ``beslissingen=``, may be a child's name, a citizen service number or a
phone number. An error shows a value only as ``toon`` shows it: a key or a short number as
typed (``'2020'``, ``'meldn'``), anything else by its type (``<str>``). Each test below checks
the class: the whole error is the same for every such value as for a known secret, so nothing
of the value can be in it.
"""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from meldcode import Casus, OngeldigeInvoer, Oordeel, Weging, beslis
from meldcode.adapters.cli.privacy import lees_uitschrijvingen
from meldcode.domain._validatie import toon
from meldcode.rules.beslis import lees_protocol
from meldcode.rules.waarom_niet import waarom_niet
from tests.invoer.corpus import BSN, GEHEIM, TELEFOON
from tests.invoer.draai import draai, problemen
from tests.invoer.test_datums_overal import OP_OPDRACHTEN
from tests.opdrachten import eigen_acties, opdrachten

ROOT = Path(__file__).resolve().parents[2]
PROFIEL = str(ROOT / "examples" / "privacy" / "school.toml")
CASUS = Casus(weging=Weging(vermoeden=Oordeel.JA))

_WOORD = st.text(string.ascii_letters + "éëïöß'", min_size=2, max_size=10)
NAMEN = st.lists(_WOORD, min_size=2, max_size=4).map(" ".join)
"""A person's name: words with spaces."""
TELEFOONS = st.one_of(
    st.from_regex(r"\A06-?[1-9][0-9]{7}\Z"),
    st.from_regex(r"\A\+31 ?6[ -]?[1-9][0-9]{7}\Z"),
    st.from_regex(r"\A0[1-9][0-9]-?[1-9][0-9]{6}\Z"),
    st.from_regex(r"\A\(0[1-9][0-9]\) [1-9][0-9]{2} [0-9]{4}\Z"),
)
"""A Dutch phone number, as people write one."""
NUMMERS = st.integers(10**8, 10**12).map(str)
"""A citizen service number or an account number: nine digits or more."""
PERSOONLIJK = st.one_of(NAMEN, TELEFOONS, NUMMERS, st.sampled_from([GEHEIM, BSN, TELEFOON]))


def _zelfde_fout(argv: list[str], waarde: str) -> None:
    """``argv`` with ``waarde`` in place of ``{}``: a usage error, the same as for a secret."""
    status, uit, err = draai([a.replace("{}", waarde) for a in argv])
    _s, _u, verwacht = draai([a.replace("{}", GEHEIM) for a in argv])

    assert problemen(status, uit, err, {2}) == []
    assert GEHEIM not in verwacht
    assert err == verwacht
    assert err.splitlines()[-1].endswith("(got <str>)")


# --- the command line -------------------------------------------------------------------------


@settings(max_examples=150)
@given(
    waarde=PERSOONLIJK,
    argv=st.sampled_from(
        [
            ["waarom-niet", "--protocol={}", "casus.json"],
            ["waarom-niet", "--beslissing={}", "casus.json"],
            ["waarom-niet", "--max={}", "casus.json"],
        ]
    ),
)
def test_waarom_niet_options_do_not_echo_a_name_or_a_number(waarde: str, argv: list[str]) -> None:
    _zelfde_fout(argv, waarde)


@settings(max_examples=150)
@given(
    waarde=PERSOONLIJK,
    opdracht=st.sampled_from([list(o) for o in OP_OPDRACHTEN]),
)
def test_op_does_not_echo_a_name_or_a_number(waarde: str, opdracht: list[str]) -> None:
    _zelfde_fout([*opdracht, "--op={}", "--db", "/niet/hier.sqlite3"], waarde)


@pytest.mark.parametrize(
    ("argv", "getoond"),
    [
        (["waarom-niet", "--protocol=2020", "casus.json"], "'2020'"),
        (["waarom-niet", "--beslissing=meldn", "casus.json"], "'meldn'"),
        (["waarom-niet", "--max=7", "casus.json"], "'7'"),
        (["dossier", "toon", "lln-0042", "--op=2026-02-30"], "'2026-02-30'"),
        (["dossier", "toon", "lln-0042", "--op=14-03-2026"], "'14-03-2026'"),
    ],
)
def test_a_short_key_number_or_date_is_shown_as_typed(argv: list[str], getoond: str) -> None:
    status, _uit, err = draai(argv)

    assert status == 2
    assert err.splitlines()[-1].endswith(f"(got {getoond})")


# --- the Python API -------------------------------------------------------------------------


def _fout(doe: object) -> OngeldigeInvoer:
    with pytest.raises(OngeldigeInvoer) as fout:
        doe()  # type: ignore[operator]
    return fout.value


@settings(max_examples=150)
@given(waarde=PERSOONLIJK)
def test_a_protocol_argument_does_not_echo_a_name_or_a_number(waarde: str) -> None:
    for doe in (lees_protocol, lambda p: beslis(CASUS, p)):
        fout = _fout(lambda doe=doe: doe(waarde))
        verwacht = _fout(lambda doe=doe: doe(GEHEIM))
        assert [(f.veld, f.waarde) for f in fout.fouten] == [("protocol", "<str>")]
        assert str(fout) == str(verwacht)
        assert GEHEIM not in str(verwacht)


@settings(max_examples=100, deadline=None)
@given(waarde=PERSOONLIJK)
def test_a_decision_named_in_waarom_niet_does_not_echo_a_name_or_a_number(waarde: str) -> None:
    fout = _fout(lambda: waarom_niet(CASUS, beslissingen=[waarde]))
    verwacht = _fout(lambda: waarom_niet(CASUS, beslissingen=[GEHEIM]))

    assert [(f.veld, f.waarde) for f in fout.fouten] == [("beslissing", "<str>")]
    assert str(fout) == str(verwacht)
    assert GEHEIM not in str(verwacht)


@settings(max_examples=200)
@given(waarde=st.text(max_size=30).filter(lambda s: s not in {"2013", "2019"}))
def test_a_wrong_protocol_is_shown_as_toon_shows_it(waarde: str) -> None:
    """A key or a year as typed (``'2020'``), anything else by its type: ``toon``'s rule."""
    fout = _fout(lambda: lees_protocol(waarde))

    assert [(f.veld, f.waarde) for f in fout.fouten] == [("protocol", toon(waarde))]


@settings(max_examples=100, deadline=None)
@given(waarde=st.text(max_size=30))
def test_a_wrong_decision_is_shown_as_toon_shows_it(waarde: str) -> None:
    fout = _fout(lambda: waarom_niet(CASUS, beslissingen=["melden", waarde]))

    assert [(f.veld, f.waarde) for f in fout.fouten] == [("beslissing", toon(waarde))]


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(waarde=PERSOONLIJK)
def test_a_leaving_date_does_not_echo_a_name_or_a_number(tmp_path: Path, waarde: str) -> None:
    pad = tmp_path / "uitschrijvingen.json"
    pad.write_text(json.dumps({"lln-0042": waarde}), encoding="utf-8")

    fout = _fout(lambda: lees_uitschrijvingen(str(pad)))

    assert [(f.veld, f.waarde) for f in fout.fouten] == [("uitschrijvingen.lln-0042", "<str>")]
    assert waarde not in str(fout)


# --- the evaluation figures' own date check ---------------------------------------------------


@pytest.mark.parametrize("waarde", [TELEFOON, BSN])
def test_an_evaluation_line_does_not_echo_a_phone_number_as_its_date(waarde: str) -> None:
    regel = json.dumps({"datum": waarde, "besluit": {"protocol": "2019"}}).encode()

    status, uit, err = draai(["evaluatie", "--besluiten", "-", "--json"], regel)

    assert problemen(status, uit, err, {1}) == []


# --- every option of the parser that argparse itself checks ---------------------------------


_GETALLEN: dict[str, set[str]] = {}
"""Per subcommand path, its options of type ``int`` (a number is a good value there)."""


def _gecontroleerde_opties() -> list[tuple[str, str]]:
    """(subcommand path, option) of every option with choices or an ``int`` type, everywhere."""
    uit: list[tuple[str, str]] = []
    for pad_, parser in opdrachten():
        pad = " ".join(pad_)
        for actie in eigen_acties(parser):
            if actie.option_strings and (actie.choices is not None or actie.type is int):
                uit.append((pad, actie.option_strings[-1]))
                if actie.type is int:
                    _GETALLEN.setdefault(pad, set()).add(actie.option_strings[-1])
    return sorted(uit)


OPTIES = _gecontroleerde_opties()


def test_the_parser_has_options_that_argparse_checks() -> None:
    """The walk finds the options it is meant to cover (one that finds none proves nothing)."""
    assert ("beslis", "--engine") in OPTIES
    assert len(OPTIES) >= 5


@pytest.mark.parametrize(("pad", "optie"), OPTIES, ids=lambda x: str(x).replace(" ", "-"))
@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(waarde=PERSOONLIJK)
def test_an_option_checked_by_argparse_shows_a_bad_value_by_its_type(
    pad: str, optie: str, waarde: str
) -> None:
    """A bad choice or number is refused without the value: ``invalid choice: <str>``."""
    if optie in _GETALLEN.get(pad, ()):
        try:
            int(waarde)
        except ValueError:
            pass
        else:
            assume(False)  # a number is a good value here
    argv = [*pad.split(), f"{optie}={waarde}"]
    status, uit, err = draai(argv)

    assert status == 2
    assert waarde not in err
    assert waarde not in uit
    assert "<str>" in err
