"""A bad profile file is bad input: named by field or file, never echoed, never a crash.

An organisation profile (``--profiel FILE.toml``) is typed by people, so what is in it may be a
name, a citizen service number or a phone number typed in the wrong place. Each test checks a
class of input, at every place of a profile where it can occur:

- bytes that are not UTF-8, and nesting of any depth and form, are ``OngeldigeInvoer`` (exit 1
  on the command line) naming the file by its plain name, not ``UnicodeDecodeError`` or
  ``RecursionError`` (exit 70);
- a key or value typed at any place comes back only as ``toon`` shows it: the whole error is
  the same as for a known secret, so nothing of the value is in it; a near miss of a known key
  is shown with the key it resembles;
- a TOML syntax error that ``tomllib`` words with a key of the file is said without the key.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from meldcode.adapters.json.lezen import MAX_DIEPTE
from meldcode.adapters.json.sleutels import naaste
from meldcode.adapters.profiel import laad_profiel, profiel_uit_dict, profiel_uit_toml
from meldcode.errors import MeldcodeError, OngeldigeInvoer
from tests.invoer.corpus import GEHEIM, VERBODEN
from tests.invoer.draai import draai, problemen
from tests.invoer.test_geen_echo import PERSOONLIJK
from tests.opdrachten import eigen_acties, opdrachten

ROOT = Path(__file__).resolve().parents[2]
CASUS = str(ROOT / "meldcode" / "voorbeelden" / "2019-geen-vermoeden.json")

BASIS: dict[str, Any] = {
    "naam": "school",
    "titel": "Test",
    "bron": "003_0123456789abcdef.txt",
    "protocollen": ["2019"],
    "rollen": {"aandachtsfunctionaris": "zorgcoordinator"},
    "schakelaars": {"openbaring_kind_veilig_thuis_raadplegen": False},
    "sociale_kaart": [{"partij": "veilig_thuis", "organisatie": "VT"}],
    "bewaartermijn": {"vanaf": "dossier_gesloten", "jaren": 5, "grondslag": "reglement"},
    "regel": [
        {
            "id": "school.stap.test",
            "sectie": "Stap 1",
            "citaat": "citaat",
            "als": {"omstandigheid": "veiligheid_in_geding"},
            "dan": {
                "contacten": ["veilig_thuis"],
                "acties": [{"taak": "veilig_thuis_raadplegen", "rol": "aandachtsfunctionaris"}],
                "opvolging": [{"taak": "veilig_thuis_raadplegen", "werkdagen": 5}],
            },
        }
    ],
}
"""A valid profile that has every part a value can be typed into."""


def toml(data: dict[str, Any]) -> str:
    """``data`` as TOML: one ``key = value`` line per top-level key, inline tables and arrays."""

    def waarde(w: object) -> str:
        if isinstance(w, bool):
            return "true" if w else "false"
        if isinstance(w, int | float):
            return repr(w)
        if isinstance(w, str):
            return json.dumps(w)  # a TOML basic string reads JSON's escapes
        if isinstance(w, list):
            return "[" + ", ".join(waarde(x) for x in w) + "]"
        assert isinstance(w, dict)
        return "{" + ", ".join(f"{json.dumps(k)} = {waarde(v)}" for k, v in w.items()) + "}"

    return "".join(f"{json.dumps(k)} = {waarde(v)}\n" for k, v in data.items())


def test_the_base_profile_is_valid() -> None:
    """The places below are wrong only by what is put there."""
    assert profiel_uit_toml(toml(BASIS)).naam == "school"


# --- places where a value or a key can be typed -------------------------------------------


def _zet(*pad: str | int) -> Callable[[dict[str, Any], object], None]:
    """Put a value at ``pad`` (keys and list indices) of a copy of the profile."""

    def zet(data: dict[str, Any], waarde: object) -> None:
        plek: Any = data
        for stap in pad[:-1]:
            plek = plek[stap]
        plek[pad[-1]] = waarde

    return zet


def _sleutel(*pad: str | int) -> Callable[[dict[str, Any], object], None]:
    """Add a key (the value typed) with value ``1`` to the table at ``pad``."""

    def zet(data: dict[str, Any], waarde: object) -> None:
        plek: Any = data
        for stap in pad:
            plek = plek[stap]
        plek[waarde] = 1

    return zet


def _conditie(
    conditie: Callable[[object], dict[str, Any]],
) -> Callable[[dict[str, Any], object], None]:
    def zet(data: dict[str, Any], waarde: object) -> None:
        data["regel"][0]["als"] = conditie(waarde)

    return zet


TEKSTPLEKKEN: dict[str, Callable[[dict[str, Any], object], None]] = {
    "naam": _zet("naam"),
    "protocollen[0]": _zet("protocollen", 0),
    "regel[0].id": _zet("regel", 0, "id"),
    "regel[0].protocollen[0]": _zet("regel", 0, "protocollen"),
    "regel[0].tenzij": _zet("regel", 0, "tenzij"),
    "regel[0].dan.contacten[0]": _zet("regel", 0, "dan", "contacten", 0),
    "regel[0].dan.acties[0].taak": _zet("regel", 0, "dan", "acties", 0, "taak"),
    "regel[0].dan.acties[0].rol": _zet("regel", 0, "dan", "acties", 0, "rol"),
    "regel[0].dan.acties[0].partij": _zet("regel", 0, "dan", "acties", 0, "partij"),
    "regel[0].dan.opvolging[0].werkdagen": _zet("regel", 0, "dan", "opvolging", 0, "werkdagen"),
    "regel[0].als.omstandigheid": _conditie(lambda w: {"omstandigheid": w}),
    "regel[0].als.signaal.kenmerk": _conditie(lambda w: {"signaal": {"kenmerk": w}}),
    "regel[0].als.signaal.soorten[0]": _conditie(lambda w: {"signaal": {"soorten": [w]}}),
    "regel[0].als.antwoord": _conditie(lambda w: {"antwoord": w, "in": ["ja"]}),
    "regel[0].als.in[0]": _conditie(lambda w: {"antwoord": "vermoeden", "in": [w]}),
    "regel[0].als.beslist": _conditie(lambda w: {"beslist": w}),
    "regel[0].als.geconsulteerd": _conditie(lambda w: {"geconsulteerd": w}),
    "regel[0].als.signaal_van[0]": _conditie(lambda w: {"signaal_van": [w]}),
    "regel[0].als.kind_ongeboren": _conditie(lambda w: {"kind_ongeboren": w}),
    "regel[0].als.kind_leeftijd_vanaf": _conditie(lambda w: {"kind_leeftijd_vanaf": w}),
    "regel[0].als.niet": _conditie(lambda w: {"niet": w}),
    "sociale_kaart[0].partij": _zet("sociale_kaart", 0, "partij"),
    "schakelaars.openbaring_kind_veilig_thuis_raadplegen": _zet(
        "schakelaars", "openbaring_kind_veilig_thuis_raadplegen"
    ),
    "bewaartermijn.vanaf": _zet("bewaartermijn", "vanaf"),
    "bewaartermijn.jaren": _zet("bewaartermijn", "jaren"),
}
"""Every place of a profile that holds a name, an id, a member of a value set or a number."""

GETALPLEKKEN: dict[str, Callable[[dict[str, Any], object], None]] = {
    "regel[0].dan.opvolging[0].werkdagen": TEKSTPLEKKEN["regel[0].dan.opvolging[0].werkdagen"],
    "regel[0].als.kind_leeftijd_vanaf": TEKSTPLEKKEN["regel[0].als.kind_leeftijd_vanaf"],
    "regel[0].als.kind_leeftijd_tot": _conditie(lambda w: {"kind_leeftijd_tot": w}),
    "bewaartermijn.jaren": TEKSTPLEKKEN["bewaartermijn.jaren"],
    "bewaartermijn.maanden": _zet("bewaartermijn", "maanden"),
}
"""Every place of a profile that holds a whole number with a range."""

SLEUTELPLEKKEN: dict[str, Callable[[dict[str, Any], object], None]] = {
    "(top)": _sleutel(),
    "rollen": _sleutel("rollen"),
    "schakelaars": _sleutel("schakelaars"),
    "sociale_kaart[0]": _sleutel("sociale_kaart", 0),
    "bewaartermijn": _sleutel("bewaartermijn"),
    "regel[0]": _sleutel("regel", 0),
    "regel[0].als": _sleutel("regel", 0, "als"),
    "regel[0].dan": _sleutel("regel", 0, "dan"),
    "regel[0].dan.acties[0]": _sleutel("regel", 0, "dan", "acties", 0),
    "regel[0].dan.opvolging[0]": _sleutel("regel", 0, "dan", "opvolging", 0),
}
"""Every table of a profile, where an unknown key can be typed."""

_BEKEND = {
    "naam", "titel", "bron", "protocollen", "rollen", "schakelaars", "bewaartermijn",
    "sociale_kaart", "regel", "id", "bestand", "sectie", "citaat", "als", "dan", "tenzij",
    "toelichting", "partij", "organisatie", "telefoon", "email", "website", "vanaf", "jaren",
    "maanden", "grondslag", "beslissingen", "contacten", "acties", "opvolging",
    "ontbrekende_consultaties", "taak", "rol", "advies", "werkdagen", "antwoord", "in",
    "signaal", "soorten", "kenmerk", "omstandigheid", "kind_leeftijd_vanaf",
    "kind_leeftijd_tot", "kind_ongeboren", "signaal_van", "geconsulteerd", "beslist", "alle",
    "een_van", "niet", "aandachtsfunctionaris", "leerkracht", "directie",
}  # fmt: skip


def _fout(maak: Callable[[dict[str, Any], object], None], waarde: object) -> str:
    data = copy.deepcopy(BASIS)
    maak(data, waarde)
    with pytest.raises(MeldcodeError) as info:
        profiel_uit_toml(toml(data))
    return str(info.value)


_INSTELLINGEN = settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.parametrize("plek", sorted(TEKSTPLEKKEN))
@_INSTELLINGEN
@given(waarde=PERSOONLIJK)
def test_a_value_typed_into_a_profile_is_never_echoed(plek: str, waarde: str) -> None:
    """A name, phone or long number in any field: the same error as for a secret."""
    assume(naaste(waarde, _BEKEND) is None)  # a near miss of a known word is shown, as typed
    fout = _fout(TEKSTPLEKKEN[plek], waarde)

    assert waarde not in fout
    assert fout == _fout(TEKSTPLEKKEN[plek], GEHEIM)
    assert "<str>" in fout


@pytest.mark.parametrize("plek", sorted(GETALPLEKKEN))
@_INSTELLINGEN
@given(getal=st.integers(10**8, 10**30) | st.integers(-(10**30), -(10**8)))
def test_a_long_number_typed_into_a_profile_is_never_echoed(plek: str, getal: int) -> None:
    """A citizen service number or phone number where a number belongs: ``<int>``."""
    fout = _fout(GETALPLEKKEN[plek], getal)

    assert str(abs(getal)) not in fout
    assert "<int>" in fout
    assert plek in fout


@pytest.mark.parametrize("plek", sorted(TEKSTPLEKKEN))
@pytest.mark.parametrize("lengte", [41, 81, 5000])
def test_a_long_value_is_shown_by_its_type(plek: str, lengte: int) -> None:
    """A 5,000-character value (or one just over a limit) is not repeated."""
    fout = _fout(TEKSTPLEKKEN[plek], "x" * lengte)

    assert "x" * 41 not in fout
    assert VERBODEN.search(fout) is None


@pytest.mark.parametrize("plek", sorted(SLEUTELPLEKKEN))
@_INSTELLINGEN
@given(sleutel=PERSOONLIJK)
def test_an_unknown_key_typed_into_a_profile_is_never_echoed(plek: str, sleutel: str) -> None:
    """``"Jan de Vries 123456782" = 1`` anywhere: ``<key>``, the same error as for a secret."""
    assume(naaste(sleutel, _BEKEND) is None)
    fout = _fout(SLEUTELPLEKKEN[plek], sleutel)

    assert sleutel not in fout
    assert fout == _fout(SLEUTELPLEKKEN[plek], GEHEIM)
    assert "<key>" in fout


@pytest.mark.parametrize(
    ("plek", "typo", "bedoeld"),
    [
        ("(top)", "protocolen", "protocollen"),
        ("(top)", "Naam", "naam"),
        ("rollen", "aandachtsfunctionars", "rollen.aandachtsfunctionaris"),
        ("schakelaars", "openbaring_kind_veilig_thuis_raadplegn", "schakelaars.openbaring_kind_"),
        ("sociale_kaart[0]", "telefon", "sociale_kaart[0].telefoon"),
        ("bewaartermijn", "grondslg", "bewaartermijn.grondslag"),
        ("regel[0]", "citat", "regel[0].citaat"),
        ("regel[0].dan", "contacte", "regel[0].dan.contacten"),
        ("regel[0].dan.opvolging[0]", "werkdagn", "regel[0].dan.opvolging[0].werkdagen"),
    ],
)
def test_a_near_miss_of_a_key_is_shown_with_the_key_it_resembles(
    plek: str, typo: str, bedoeld: str
) -> None:
    """A typo is not a name: it is shown, with the suggestion."""
    fout = _fout(SLEUTELPLEKKEN[plek], typo)

    assert typo in fout
    assert f"did you mean {bedoeld}" in fout


@pytest.mark.parametrize(
    ("plek", "typo", "bedoeld"),
    [
        ("regel[0].als.omstandigheid", "veiligheid_in_gedng", "veiligheid_in_geding"),
        ("regel[0].als.signaal.kenmerk", "levensgevar", "levensgevaar"),
    ],
)
def test_a_near_miss_of_a_fact_is_shown_with_the_fact_it_resembles(
    plek: str, typo: str, bedoeld: str
) -> None:
    fout = _fout(TEKSTPLEKKEN[plek], typo)

    assert f"did you mean {bedoeld!r}" in fout
    assert plek in fout


@pytest.mark.parametrize("plek", sorted(TEKSTPLEKKEN))
def test_every_place_names_its_key_path(plek: str) -> None:
    """The error says where: the key path in the file (or the table it is in)."""
    fout = _fout(TEKSTPLEKKEN[plek], GEHEIM)

    assert fout.split(" @ $.")[-1].startswith(plek.split(".")[0].split("[")[0])


# --- the file itself ----------------------------------------------------------------------


NIET_UTF8 = st.binary(min_size=1, max_size=200).filter(lambda b: not _is_utf8(b))


def _is_utf8(b: bytes) -> bool:
    try:
        b.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@settings(max_examples=50, deadline=None)
@given(voor=st.sampled_from([b"", toml(BASIS).encode()]), bytes_=NIET_UTF8)
def test_bytes_that_are_not_utf8_are_bad_input(voor: bytes, bytes_: bytes) -> None:
    """Anywhere in the file: ``OngeldigeInvoer`` with the offset, never ``UnicodeDecodeError``."""
    with pytest.raises(OngeldigeInvoer, match=r"not valid UTF-8 \(byte \d+"):
        profiel_uit_toml(voor + bytes_)


def _diep(vorm: str, diepte: int) -> str:
    """A profile whose rule condition nests ``diepte`` levels deep, in one of three TOML forms."""
    kop = toml({k: v for k, v in BASIS.items() if k != "regel"})
    regel = '[[regel]]\nid = "school.stap.diep"\nsectie = "s"\ncitaat = "c"\ndan = {}\n'
    blad = '{omstandigheid = "veiligheid_in_geding"}'
    if vorm == "niet":
        als = "{niet = " * diepte + blad + "}" * diepte
    elif vorm == "alle":
        als = "{alle = [" * diepte + blad + "]}" * diepte
    else:  # dotted keys build the same tables without a bracket
        return kop + regel + "als." + "niet." * diepte + 'omstandigheid = "veiligheid_in_geding"\n'
    return kop + regel + f"als = {als}\n"


@pytest.mark.parametrize("vorm", ["niet", "alle", "punten"])
@pytest.mark.parametrize("diepte", [MAX_DIEPTE, 100, 400, 5000])
def test_nesting_deeper_than_the_json_limit_is_bad_input(vorm: str, diepte: int) -> None:
    """Never ``RecursionError``: the path of the rule's condition, or the whole profile."""
    with pytest.raises(OngeldigeInvoer) as info:
        profiel_uit_toml(_diep(vorm, diepte))

    assert f"nested more than {MAX_DIEPTE} levels deep" in str(info.value)
    assert info.value.veld in ("regel[0].als", "")


@pytest.mark.parametrize("vorm", ["niet", "alle", "punten"])
def test_nesting_a_profile_needs_is_read(vorm: str) -> None:
    """The limit leaves room: a condition nested twelve levels deep is a valid one."""
    assert profiel_uit_toml(_diep(vorm, 12)).regels[0].id == "school.stap.diep"


def test_a_deep_table_given_as_data_is_refused_without_recursion() -> None:
    """``profiel_uit_dict`` (a decoded document) checks the depth too, iteratively."""
    data = copy.deepcopy(BASIS)
    als: dict[str, Any] = {"omstandigheid": "veiligheid_in_geding"}
    for _ in range(10_000):
        als = {"niet": als}
    data["regel"][0]["als"] = als

    with pytest.raises(OngeldigeInvoer, match=r"regel\[0\]\.als is nested more than 32"):
        profiel_uit_dict(data)


@pytest.mark.parametrize(
    "tekst",
    [
        f'["{GEHEIM}"]\n["{GEHEIM}"]\n',
        f'a = {{"{GEHEIM}" = 1, "{GEHEIM}" = 2}}\n',
        f'a = {{b = 1}}\n[a."{GEHEIM}"]\n',
        f'[["{GEHEIM}"]]\n["{GEHEIM}"]\n',
        f'"{GEHEIM}" = 1\n"{GEHEIM}" = 2\n',
        f'"{GEHEIM}" = 1\x01\n',
        f"{GEHEIM} = 1\n",
        f'naam = "{GEHEIM}\n',
    ],
)
def test_a_toml_syntax_error_is_said_without_the_text_of_the_file(tekst: str) -> None:
    """The reader (tomllib) quotes a key in some of its messages: ours gives only what and where."""
    with pytest.raises(OngeldigeInvoer) as info:
        profiel_uit_toml(tekst)

    assert str(info.value).startswith("not valid TOML (")
    assert "line " in str(info.value)
    assert VERBODEN.search(str(info.value)) is None


@pytest.mark.parametrize(
    ("naam", "getoond"),
    [
        ("school.toml", "'school.toml'"),
        ("Jan de Vries.toml", "<file>"),
        ("lln-123456782.toml", "<file>"),
    ],
)
def test_a_bad_file_is_named_by_its_plain_name_only(
    tmp_path: Path, naam: str, getoond: str
) -> None:
    """The file's name when it is plain; never its folders (they may name a person)."""
    map_ = tmp_path / "Jan de Vries"
    map_.mkdir()
    pad = map_ / naam
    pad.write_bytes(b"\xff\xfe")

    with pytest.raises(OngeldigeInvoer) as info:
        laad_profiel(str(pad))

    assert str(info.value) == (
        f"profile file {getoond}: not valid UTF-8 (byte 0 cannot be decoded) @ $.profiel"
    )


@pytest.mark.parametrize("soort", ["ontbreekt", "map"])
def test_a_profile_file_that_cannot_be_read_is_named(tmp_path: Path, soort: str) -> None:
    pad = tmp_path / "school.toml"
    if soort == "map":
        pad.mkdir()

    with pytest.raises(OngeldigeInvoer) as info:
        laad_profiel(str(pad))

    assert str(info.value).startswith("profile file 'school.toml': ")
    assert str(tmp_path) not in str(info.value)


# --- every command that takes --profiel ------------------------------------------------------


def _met_profiel() -> list[list[str]]:
    """The argv (up to ``--profiel``) of every subcommand that takes ``--profiel``."""
    waarden = {"casus": CASUS, "map": str(ROOT / "meldcode" / "voorbeelden")}
    uit: list[list[str]] = []
    for pad, parser in opdrachten():
        acties = eigen_acties(parser)
        if any("--profiel" in a.option_strings for a in acties):
            argv = list(pad)
            for a in acties:
                if not a.option_strings and a.dest in waarden:
                    argv.append(waarden[a.dest])
            uit.append(argv)
    return sorted(uit)


MET_PROFIEL = _met_profiel()

SLECHTE_PROFIELEN: dict[str, bytes] = {
    "niet-utf8": b"\xff\xfe",
    "diep": _diep("niet", 400).encode(),
    "punten": _diep("punten", 400).encode(),
    "naam": toml({**BASIS, "naam": GEHEIM}).encode(),
    "sleutel": toml({**BASIS, "GEHEIM Jan de Vries 123456782": 1}).encode(),
    "syntax": f'["{GEHEIM}"]\n["{GEHEIM}"]\n'.encode(),
}


def test_the_walk_finds_the_commands_that_take_a_profile() -> None:
    assert ["beslis", CASUS] in MET_PROFIEL
    assert ["privacy", "verlopen"] in MET_PROFIEL
    assert len(MET_PROFIEL) >= 6


@pytest.mark.parametrize("argv", MET_PROFIEL, ids=lambda a: "-".join(x for x in a if "/" not in x))
@pytest.mark.parametrize("soort", sorted(SLECHTE_PROFIELEN))
def test_every_command_refuses_a_bad_profile_as_bad_input(
    tmp_path: Path, argv: list[str], soort: str
) -> None:
    """Exit 1 with one line, never 70 or a traceback, nothing of the file echoed."""
    pad = tmp_path / "profiel.toml"
    pad.write_bytes(SLECHTE_PROFIELEN[soort])
    db = tmp_path / "dossiers.sqlite3"
    db.touch()

    status, uit, err = draai(
        [*argv, "--profiel", str(pad), *(["--db", str(db)] if argv[0] == "privacy" else [])]
    )

    assert problemen(status, uit, err, {1}) == []
    assert str(tmp_path) not in err
