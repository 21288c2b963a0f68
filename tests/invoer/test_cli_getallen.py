"""Every numeric option of the command line takes ASCII digits within its stated range.

``type=int`` read ``١٦`` (Arabic-Indic digits) as 16, ``1_6`` and `` 16`` too, and let any number
through: ``--leeftijd 123456782`` was accepted, ``--na -1`` was reported as a conflict with
another writer. Each test walks the parser, so it covers every whole-number option there is (and
``--tijdslimiet``): a bad value is a usage error (status 2) naming the option, and a long number
is not echoed.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meldcode.adapters.cli.getallen import Geheel, Kommagetal
from meldcode.adapters.cli.main import bouw_parser
from tests.invoer.draai import draai, problemen
from tests.opdrachten import eigen_acties, opdrachten

ROOT = Path(__file__).resolve().parents[2]
STAP = str(ROOT / "examples" / "dossier" / "01-signaal.json")


def _getalopties() -> list[tuple[str, str, argparse.Action]]:
    """(subcommand path, option, action) of every option that takes a number, everywhere."""
    uit: list[tuple[str, str, argparse.Action]] = []
    for pad, parser in opdrachten():
        for actie in eigen_acties(parser):
            if actie.type in (int, float) or isinstance(actie.type, Geheel | Kommagetal):
                uit.append((" ".join(pad), actie.option_strings[-1], actie))
    return sorted(uit, key=lambda x: x[:2])


OPTIES = _getalopties()
GEHELE = [(p, o, a) for p, o, a in OPTIES if isinstance(a.type, Geheel)]
_IDS = [f"{p}-{o}".replace(" ", "-") for p, o, _ in OPTIES]
_GEHELE_IDS = [f"{p}-{o}".replace(" ", "-") for p, o, _ in GEHELE]


def test_the_walk_finds_the_numeric_options() -> None:
    gevonden = {(p, o) for p, o, _ in OPTIES}
    assert {
        ("privacy inzage", "--leeftijd"),
        ("dossier toevoegen", "--na"),
        ("serve", "--port"),
        ("serve", "--workers"),
        ("serve", "--max-bytes"),
        ("serve", "--max-batch"),
        ("serve", "--tijdslimiet"),
    } <= gevonden


@pytest.mark.parametrize(("pad", "optie", "actie"), OPTIES, ids=_IDS)
def test_no_option_reads_numbers_as_python_does(
    pad: str, optie: str, actie: argparse.Action
) -> None:
    """``int`` and ``float`` read other scripts' digits, ``1_0``, spaces, ``nan``: none left."""
    assert isinstance(actie.type, Geheel | Kommagetal), (pad, optie)


@pytest.mark.parametrize(("pad", "optie", "actie"), OPTIES, ids=_IDS)
def test_the_help_states_the_range(pad: str, optie: str, actie: argparse.Action) -> None:
    assert isinstance(actie.type, Geheel | Kommagetal)
    laag, hoog = (int(x) if x == int(x) else x for x in (actie.type.laag, actie.type.hoog))
    assert str(hoog) in (actie.help or "")
    assert str(laag) in (actie.help or "")


_CIJFERREEKSEN = ["٠", "۰", "०", "০", "０", "߀", "๐"]
"""The zero of other scripts' decimal digits (Arabic-Indic, Persian, Devanagari, Bengali,
fullwidth, NKo, Thai): ``int`` reads them all."""


def _vreemd(getal: int, nul: str) -> str:
    return "".join(chr(ord(nul) + int(c)) for c in str(getal))


def _slecht(type_: Geheel) -> st.SearchStrategy[str]:
    """Values ``type_`` must refuse: other digits, other forms, and numbers out of range."""
    in_bereik = st.integers(type_.laag, type_.hoog)
    return st.one_of(
        st.builds(_vreemd, in_bereik, st.sampled_from(_CIJFERREEKSEN)),
        in_bereik.map(lambda n: f" {n}"),
        in_bereik.map(lambda n: f"{n} "),
        in_bereik.map(lambda n: f"+{n}"),
        in_bereik.map(lambda n: f"{n}.0"),
        in_bereik.filter(lambda n: n >= 10).map(lambda n: f"{str(n)[0]}_{str(n)[1:]}"),
        st.integers(type_.hoog + 1, 10**40).map(str),
        st.integers(-(10**40), type_.laag - 1).map(str),
        st.sampled_from(["", "-", "0x10", "1e3", "nan", "één", "zestien"]),
    )


_INSTELLINGEN = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.parametrize(("pad", "optie", "actie"), GEHELE, ids=_GEHELE_IDS)
@_INSTELLINGEN
@given(data=st.data())
def test_a_bad_whole_number_is_a_usage_error_naming_the_option(
    pad: str, optie: str, actie: argparse.Action, data: st.DataObject
) -> None:
    """Status 2, ``argument --OPTION: must be a whole number from LOW to HIGH``, no long number."""
    assert isinstance(actie.type, Geheel)
    waarde = data.draw(_slecht(actie.type))

    status, uit, err = draai([*pad.split(), f"{optie}={waarde}"])

    assert problemen(status, uit, err, {2}) == []
    laatste = err.splitlines()[-1]
    assert f"argument {optie}: must be a whole number from {actie.type.laag} to " in laatste
    if sum(c.isdigit() for c in waarde) > 8:
        # the range's own bounds are printed; the typed number is not
        zonder_bereik = err.replace(f"from {actie.type.laag} to {actie.type.hoog}", "")
        assert waarde.strip().lstrip("+-") not in zonder_bereik
        assert laatste.endswith("(got <str>)")


@pytest.mark.parametrize(("pad", "optie", "actie"), GEHELE, ids=_GEHELE_IDS)
@_INSTELLINGEN
@given(data=st.data())
def test_a_whole_number_in_range_is_read(
    pad: str, optie: str, actie: argparse.Action, data: st.DataObject
) -> None:
    assert isinstance(actie.type, Geheel)
    getal = data.draw(
        st.sampled_from([actie.type.laag, actie.type.hoog])
        | st.integers(actie.type.laag, actie.type.hoog)
    )

    assert actie.type(str(getal)) == getal
    assert actie.type(f"00{getal}") == getal


@pytest.mark.parametrize(
    "waarde", ["nan", "inf", "-1", "0", "0.0", "3600.5", "1e3", "٣٠", " 30", "30 ", "1_0", ""]
)
def test_a_bad_time_limit_is_a_usage_error(waarde: str) -> None:
    status, uit, err = draai(["serve", f"--tijdslimiet={waarde}"])

    assert problemen(status, uit, err, {2}) == []
    assert "argument --tijdslimiet: must be a number above 0 and at most 3600" in err


@pytest.mark.parametrize(("waarde", "getal"), [("30", 30.0), ("0.5", 0.5), ("3600", 3600.0)])
def test_a_time_limit_in_range_is_read(waarde: str, getal: float) -> None:
    args = bouw_parser().parse_args(["serve", "--tijdslimiet", waarde])

    assert args.tijdslimiet == getal


# --- what the reviewer found, end to end ---------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path) -> str:
    pad = str(tmp_path / "dossiers.sqlite3")
    assert draai(["dossier", "toevoegen", "lln-0042", STAP, "--db", pad])[0] == 0
    return pad


@pytest.mark.parametrize("leeftijd", ["123456782", "31", "١٦", "-1"])
def test_a_pupil_s_age_out_of_range_exports_nothing(db: str, leeftijd: str) -> None:
    """No access export, and nothing in the register, for an age no case could have."""
    argv = ["privacy", "inzage", "lln-0042", "--voor", "leerling", "--db", db]

    status, uit, err = draai([*argv, "--leeftijd", leeftijd])

    assert problemen(status, uit, err, {2}) == []
    assert uit == ""
    assert json.loads(draai(["privacy", "inzagelog", "--db", db, "--json"])[1]) == []


@pytest.mark.parametrize("na", ["-1", "1000001", "99999999999999999999999999", "١"])
def test_na_out_of_range_is_a_usage_error_not_a_conflict(db: str, na: str) -> None:
    """As the HTTP API refuses ``na=-1`` as bad input; nothing is tried, nothing logged."""
    voor = draai(["toegang", "--db", db, "--json"])[1]

    status, uit, err = draai(["dossier", "toevoegen", "lln-0042", STAP, "--db", db, "--na", na])

    assert problemen(status, uit, err, {2}) == []
    assert "another writer" not in err
    assert "99999999999999999999999999" not in err
    assert draai(["toegang", "--db", db, "--json"])[1] == voor
