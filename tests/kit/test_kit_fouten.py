"""The testing kit compares as the contract does, hands out copies, and refuses bad arguments.

Four classes of failure, each tested as a family rather than by one example:

- a comparison that lets Python's ``1 == True`` through (the kit has one comparison, ``gelijk``,
  and every path through it is type-strict);
- shared data that a partner's test can change for the tests after it;
- an entry point that reads a protocol string differently from ``beslis`` (or not at all);
- a bad argument that escapes as ``TypeError``, ``KeyError`` or ``AttributeError`` instead of
  ``OngeldigeInvoer`` naming it.
"""

from __future__ import annotations

import ast
import inspect
import math
import pydoc
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from meldcode import (
    Besluit,
    Casus,
    OngeldigeInvoer,
    Protocol,
    beslis,
    besluit_naar_dict,
    casus_uit_dict,
    kies_protocol,
    regelbasis,
)
from meldcode.rules.basis import maak_regelbasis
from meldcode.rules.versies import VERSIES, versie
from meldcode.testing import conformance
from meldcode.testing import dossier as md
from meldcode.testing import strategies as ms
from meldcode.testing.conformance import afwijkingen, controleer_dienst, gelijk, vectoren
from meldcode.testing.pytest_plugin import vergelijk
from meldcode.testing.vignetten import Vignet, parameters, vignetten

ROOT = Path(__file__).resolve().parents[2]

# ---------------------------------------------------------------------------------------------
# one comparison, type-strict


def _vorm(waarde: Any) -> Any:
    """A JSON value as a canonical form in which only equal JSON values are equal (the oracle)."""
    if isinstance(waarde, bool):
        return ("boolean", waarde)
    if isinstance(waarde, int | float):
        return ("number", float(waarde))
    if isinstance(waarde, str):
        return ("string", waarde)
    if waarde is None:
        return ("null",)
    if isinstance(waarde, list | tuple):
        return ("array", tuple(_vorm(w) for w in waarde))
    return ("object", tuple(sorted((k, _vorm(w)) for k, w in waarde.items())))


#: any decoded JSON value, with the scalars Python's ``==`` confuses drawn often
SCALAIRS = (
    st.booleans()
    | st.integers(-3, 3)
    | st.floats(-3, 3, allow_nan=False).map(lambda x: round(x, 1))
    | st.sampled_from(["", "true", "false", "0", "1", "null", "melden"])
    | st.none()
)
JSON = st.recursive(
    SCALAIRS,
    lambda kind: st.lists(kind, max_size=3) | st.dictionaries(st.sampled_from("abc"), kind),
    max_leaves=8,
)


@settings(max_examples=300)
@given(JSON, JSON)
def test_gelijk_is_equality_of_json_values(a: Any, b: Any) -> None:
    """``gelijk`` holds exactly when both are the same JSON value (type and value)."""
    assert gelijk(a, b) == (_vorm(a) == _vorm(b))
    assert gelijk(a, b) == gelijk(b, a)


@given(JSON)
def test_every_json_value_is_gelijk_to_itself_and_to_its_tuple_form(a: Any) -> None:
    """Reflexive, and a tuple (Python's form of an array) counts as the array."""
    assert gelijk(a, a)
    if isinstance(a, list):
        assert gelijk(tuple(a), a)


#: values ``==`` takes for a boolean, and JSON never does
NIET_BOOLEAANS = st.sampled_from([0, 1, 0.0, 1.0, "true", "false", "", None, [], [True], {}])

VERWACHT_BOOLEAANS = [
    (v, sleutel) for v in vignetten() for sleutel, w in v.verwacht.items() if isinstance(w, bool)
]


@pytest.mark.parametrize(
    ("vignet", "sleutel"),
    VERWACHT_BOOLEAANS,
    ids=[f"{v.id}-{k}" for v, k in VERWACHT_BOOLEAANS],
)
@given(waarde=NIET_BOOLEAANS)
def test_a_vignette_refuses_every_non_boolean_for_an_expected_boolean(
    vignet: Vignet, sleutel: str, waarde: Any
) -> None:
    """The review's case, ``{"melden": 0, "dossier_sluiten": 1}``, for every vignette and key."""
    eigen = besluit_naar_dict(beslis(vignet.casus))
    assert vignet.afwijkingen(eigen) == []

    uitkomst = {**eigen, sleutel: waarde}

    assert [r for r in vignet.afwijkingen(uitkomst) if f": {sleutel} is " in r]


def test_the_reported_vignette_p19_01_is_refused() -> None:
    """Int for bool: each key is named with its type."""
    vignet = next(v for v in vignetten() if v.id == "p19-01")

    assert vignet.afwijkingen({"melden": 0, "dossier_sluiten": 1}) == [
        "p19-01: melden is 0 (int), expected False",
        "p19-01: dossier_sluiten is 1 (int), expected True",
    ]


VECTOR_SLEUTELS = [
    (v["id"], k) for v in vectoren() for k, w in v["verwacht"].items() if k != "contacten_bevat"
]


@pytest.mark.parametrize(("vector_id", "sleutel"), VECTOR_SLEUTELS)
@given(waarde=JSON)
def test_a_vector_accepts_exactly_the_gelijk_values(
    vector_id: str, sleutel: str, waarde: Any
) -> None:
    """``conformance.afwijkingen`` flags a value exactly when it is not the same JSON value."""
    vector = next(v for v in vectoren() if v["id"] == vector_id)
    eigen = besluit_naar_dict(beslis(casus_uit_dict(vector["casus"])))
    assume(sleutel in eigen)

    fouten = afwijkingen(vector, {**eigen, sleutel: waarde})

    assert bool(fouten) == (_vorm(waarde) != _vorm(vector["verwacht"][sleutel]))


@given(besluit=ms.casussen().map(beslis), hun=JSON)
def test_vergelijk_fails_exactly_when_the_values_are_not_gelijk(besluit: Besluit, hun: Any) -> None:
    """The plugin's ``vergelijk`` agrees with ``gelijk`` on every key, not only booleans."""
    ons = besluit_naar_dict(besluit)
    for sleutel in ("melden", "volgende_vraag", "contacten", "protocol"):
        if gelijk(hun, ons[sleutel]):
            vergelijk({sleutel: hun}, besluit, sleutel)
        else:
            with pytest.raises(AssertionError, match=sleutel):
                vergelijk({sleutel: hun}, besluit, sleutel)


@pytest.mark.parametrize("contacten", ["veilig_thuis", None, 1, {"veilig_thuis": True}])
def test_contacten_bevat_needs_a_list_not_a_string_that_contains_the_name(contacten: Any) -> None:
    """``"veilig_thuis" in "veilig_thuis,politie"`` is true in Python; the contract wants a list."""
    vector = next(v for v in vectoren() if "contacten_bevat" in v["verwacht"])
    eigen = besluit_naar_dict(beslis(casus_uit_dict(vector["casus"])))

    fouten = afwijkingen(vector, {**eigen, "contacten": contacten})

    assert any("contacten is" in f for f in fouten), fouten


def test_the_kit_has_one_comparison() -> None:
    """The plugin and the vignettes call conformance's ``gelijk``; none keeps a copy of it."""
    from meldcode.testing import pytest_plugin
    from meldcode.testing import vignetten as mv

    assert pytest_plugin.gelijk is conformance.gelijk
    for module in (pytest_plugin, mv):
        bron = inspect.getsource(module)
        assert "isinstance(hun, bool)" not in bron, module.__name__


# ---------------------------------------------------------------------------------------------
# copies, not shared state


def _verander(data: Any) -> None:
    """Change a JSON object in place, at the top and, where there is one, one level down."""
    for waarde in list(data.values()):
        if isinstance(waarde, dict):
            waarde["veranderd"] = True
        elif isinstance(waarde, list):
            waarde.append("veranderd")
    data["veranderd"] = True


@pytest.mark.parametrize("vignet", parameters())
@pytest.mark.parametrize("attribuut", ["casus_json", "verwacht"])
def test_changing_what_a_vignette_hands_out_changes_nothing_for_the_next_test(
    vignet: Vignet, attribuut: str
) -> None:
    """Each access is a fresh deep copy: a partner's test may change it freely."""
    voor = getattr(vignet, attribuut)

    _verander(getattr(vignet, attribuut))

    assert getattr(vignet, attribuut) == voor
    assert getattr(vignet, attribuut) is not getattr(vignet, attribuut)
    assert vignetten()[vignetten().index(vignet)].afwijkingen(beslis(vignet.casus)) == []


def test_a_vignette_keeps_its_own_copy_of_what_it_was_made_from() -> None:
    """Changing the dicts passed to ``Vignet(...)`` afterwards does not change the vignette."""
    casus_json: dict[str, Any] = {"weging": {"vermoeden": "nee"}}
    verwacht: dict[str, Any] = {"melden": False}
    vignet = Vignet(
        id="eigen",
        why="test",
        casus=casus_uit_dict(casus_json),
        casus_json=casus_json,
        verwacht=verwacht,
    )

    _verander(casus_json)
    _verander(verwacht)

    assert vignet.casus_json == {"weging": {"vermoeden": "nee"}}
    assert vignet.verwacht == {"melden": False}


def test_the_vectors_are_fresh_on_every_call() -> None:
    """``vectoren()`` reads the shipped file again: changing one list changes no other."""
    eerste = vectoren()
    _verander(eerste[0])

    assert "veranderd" not in vectoren()[0]


@pytest.mark.parametrize("tabel", [ms.ERA, md.SOORT_STRATEGIE], ids=["ERA", "SOORT_STRATEGIE"])
def test_the_kit_s_tables_are_read_only(tabel: Any) -> None:
    """A module-level table cannot be changed by one test for the next."""
    with pytest.raises(TypeError):
        tabel[next(iter(tabel))] = None


# ---------------------------------------------------------------------------------------------
# protocol strings, read as beslis reads them

PROTOCOLSTRINGS = [(p.value, p) for p in Protocol]


@pytest.mark.parametrize(("tekst", "protocol"), PROTOCOLSTRINGS)
def test_every_rule_base_entry_point_accepts_the_contract_strings(
    tekst: str, protocol: Protocol
) -> None:
    """``"2019"`` is ``Protocol.P2019`` for regelbasis, maak_regelbasis, versie, kies_protocol."""
    assert regelbasis(tekst) is regelbasis(protocol)  # the same cached rule base
    assert maak_regelbasis(tekst).protocol is protocol
    assert versie(tekst) is versie(protocol)
    assert kies_protocol(Casus(), tekst) is protocol


@given(
    casus=ms.casussen(),
    gevraagd=st.none() | st.sampled_from(list(Protocol)) | st.sampled_from(["2013", "2019"]),
)
def test_kies_protocol_always_answers_a_protocol(casus: Casus, gevraagd: Any) -> None:
    """Never the string it was given (the review found ``'2013'`` returned as is)."""
    gekozen = kies_protocol(casus, gevraagd)

    assert isinstance(gekozen, Protocol)
    assert gekozen is beslis(casus, gevraagd).protocol


#: anything that is not a protocol: wrong text, numbers, containers, other objects
GEEN_PROTOCOL = (
    st.text(max_size=8).filter(lambda t: t not in ("2013", "2019"))
    | st.integers()
    | st.floats()
    | st.booleans()
    | st.lists(st.just("2019"), max_size=2)
    | st.dictionaries(st.just("protocol"), st.just("2019"), max_size=1)
    | st.builds(object)
)

#: every entry point that takes a protocol, with how to call it
PROTOCOL_INGANGEN: dict[str, Callable[[Any], object]] = {
    "regelbasis": regelbasis,
    "maak_regelbasis": maak_regelbasis,
    "versie": versie,
    "kies_protocol": lambda p: kies_protocol(Casus(), p),
    "vignetten": vignetten,
    "parameters": parameters,
    "strategies.casussen": lambda p: ms.casussen(protocol=p),
    "strategies.wegingen": lambda p: ms.wegingen(protocol=p),
    "strategies.datums": ms.datums,
    "strategies.signalen": ms.signalen,
    "strategies.consultaties": ms.consultaties,
    "strategies.besluiten": ms.besluiten,
}


@pytest.mark.parametrize("ingang", list(PROTOCOL_INGANGEN))
@given(protocol=GEEN_PROTOCOL)
def test_a_wrong_protocol_is_refused_naming_protocol_everywhere(ingang: str, protocol: Any) -> None:
    """``OngeldigeInvoer`` on ``protocol``: never TypeError (strategies) or AttributeError."""
    with pytest.raises(OngeldigeInvoer) as fout:
        PROTOCOL_INGANGEN[ingang](protocol)

    assert fout.value.veld == "protocol"


@pytest.mark.parametrize("ingang", ["regelbasis", "maak_regelbasis", "versie"])
def test_a_rule_base_needs_a_protocol(ingang: str) -> None:
    """``None`` is "no protocol given" for beslis; a rule base needs one, and says so."""
    with pytest.raises(OngeldigeInvoer) as fout:
        PROTOCOL_INGANGEN[ingang](None)

    assert fout.value.veld == "protocol"


@given(casus=st.none() | st.integers() | st.text(max_size=5) | st.builds(dict) | st.builds(object))
def test_kies_protocol_refuses_what_is_not_a_case(casus: Any) -> None:
    """``kies_protocol(None)`` was an AttributeError."""
    with pytest.raises(OngeldigeInvoer) as fout:
        kies_protocol(casus)

    assert fout.value.veld == "casus"


@pytest.mark.parametrize("versies", [[], (), "2019", [Protocol.P2019], 5])
def test_kies_protocol_refuses_versions_that_are_not_versions(versies: Any) -> None:
    """An empty list was a ValueError from ``max``; anything but versions is refused too."""
    with pytest.raises(OngeldigeInvoer) as fout:
        kies_protocol(Casus(), None, versies)

    assert fout.value.veld == "versies"


@pytest.mark.parametrize("functie", [kies_protocol, versie], ids=lambda f: f.__name__)
def test_the_default_versions_do_not_bloat_help(functie: Callable[..., object]) -> None:
    """``versies=None`` means the shipped versions; ``help()`` no longer prints all their rules."""
    assert inspect.signature(functie).parameters["versies"].default is None
    assert len(pydoc.render_doc(functie)) < 3_000
    assert kies_protocol(Casus(), None, None) is kies_protocol(Casus(), None, VERSIES)


# ---------------------------------------------------------------------------------------------
# bad arguments: OngeldigeInvoer naming them

DECISION_KEYS = tuple(besluit_naar_dict(beslis(Casus())))


@given(punt=st.text(max_size=20).filter(lambda t: t not in DECISION_KEYS))
def test_an_unknown_key_is_refused_naming_punten(punt: str) -> None:
    """``vergelijk(u, b, ["meldn"])`` was a KeyError; any unknown key is ``OngeldigeInvoer``."""
    besluit = beslis(Casus())
    for punten, veld in (([punt], "punten[0]"), (["melden", punt], "punten[1]"), (punt, "punten")):
        with pytest.raises(OngeldigeInvoer) as fout:
            vergelijk({}, besluit, punten)
        assert fout.value.veld == veld


@given(
    st.sampled_from([k for k in DECISION_KEYS if len(k) >= 6]).flatmap(
        lambda k: st.tuples(st.just(k), st.integers(1, len(k) - 2))
    )
)
def test_a_misspelt_key_gets_the_key_it_resembles(sleutel_en_plek: tuple[str, int]) -> None:
    """One letter dropped from a key: the error suggests the key."""
    sleutel, plek = sleutel_en_plek
    fout_gespeld = sleutel[:plek] + sleutel[plek + 1 :]
    assume(fout_gespeld not in DECISION_KEYS)

    with pytest.raises(OngeldigeInvoer, match=r"did you mean '(\w+)'\?") as fout:
        vergelijk({}, beslis(Casus()), [fout_gespeld])

    gevonden = re.search(r"did you mean '(\w+)'\?", str(fout.value))
    assert gevonden is not None
    assert gevonden.group(1) in DECISION_KEYS


@given(sleutel=st.sampled_from(DECISION_KEYS))
def test_a_bare_string_is_one_key_not_its_letters(sleutel: str) -> None:
    """``vergelijk(u, b, "melden")`` is ``vergelijk(u, b, ["melden"])``."""
    besluit = beslis(Casus())
    eigen = besluit_naar_dict(besluit)

    vergelijk({sleutel: eigen[sleutel]}, besluit, sleutel)
    with pytest.raises(AssertionError, match=rf"{sleutel}: missing"):
        vergelijk({}, besluit, sleutel)


#: calls of the kit with one bad argument, and the argument the error must name
SLECHTE_AANROEPEN: dict[str, tuple[Callable[[], object], str]] = {
    "vergelijk uitkomst None": (lambda: vergelijk(None, beslis(Casus())), "uitkomst"),  # type: ignore[arg-type]
    "vergelijk uitkomst list": (lambda: vergelijk([], beslis(Casus())), "uitkomst"),  # type: ignore[arg-type]
    "vergelijk besluit dict": (lambda: vergelijk({}, {}), "besluit"),  # type: ignore[arg-type]
    "vergelijk punten empty": (lambda: vergelijk({}, beslis(Casus()), []), "punten"),
    "vergelijk punten int": (lambda: vergelijk({}, beslis(Casus()), 5), "punten"),  # type: ignore[arg-type]
    "vergelijk punten dict": (lambda: vergelijk({}, beslis(Casus()), {"melden": 1}), "punten"),
    "vergelijk punt int": (lambda: vergelijk({}, beslis(Casus()), [1]), "punten[0]"),  # type: ignore[list-item]
    "vergelijk minstens": (lambda: vergelijk({}, beslis(Casus()), minstens="ja"), "minstens"),  # type: ignore[arg-type]
    "Vignet.afwijkingen None": (lambda: vignetten()[0].afwijkingen(None), "besluit"),  # type: ignore[arg-type]
    "Vignet.afwijkingen list": (lambda: vignetten()[0].afwijkingen([]), "besluit"),  # type: ignore[arg-type]
    "Vignet id": (
        lambda: Vignet(id=1, why="", casus=Casus(), casus_json={}, verwacht={}),  # type: ignore[arg-type]
        "id",
    ),
    "Vignet casus": (
        lambda: Vignet(id="x", why="", casus={}, casus_json={}, verwacht={}),  # type: ignore[arg-type]
        "casus",
    ),
    "Vignet casus_json": (
        lambda: Vignet(id="x", why="", casus=Casus(), casus_json=None, verwacht={}),  # type: ignore[arg-type]
        "casus_json",
    ),
    "afwijkingen besluit None": (lambda: afwijkingen(vectoren()[0], None), "besluit"),  # type: ignore[arg-type]
    "afwijkingen vector {}": (lambda: afwijkingen({}, {}), "vector"),
    "afwijkingen vector list": (lambda: afwijkingen([], {}), "vector"),  # type: ignore[arg-type]
    "controleer_dienst url": (lambda: controleer_dienst(None, "k"), "url"),  # type: ignore[arg-type]
    "controleer_dienst sleutel": (lambda: controleer_dienst("http://x/v1", ""), "sleutel"),
    "controleer_dienst tijd 0": (lambda: controleer_dienst("http://x/v1", "k", tijd=0), "tijd"),
    "controleer_dienst tijd nan": (
        lambda: controleer_dienst("http://x/v1", "k", tijd=math.nan),
        "tijd",
    ),
    "controleer_dienst alle str": (lambda: controleer_dienst("http://x/v1", "k", alle="x"), "alle"),  # type: ignore[arg-type]
    "controleer_dienst alle[0]": (
        lambda: controleer_dienst("http://x/v1", "k", alle=[{"id": "a"}]),
        "alle[0]",
    ),
    "casussen max_signalen -1": (lambda: ms.casussen(max_signalen=-1), "max_signalen"),
    "casussen max_consultaties 1.5": (
        lambda: ms.casussen(max_consultaties=1.5),  # type: ignore[arg-type]
        "max_consultaties",
    ),
    "casussen kind": (lambda: ms.casussen(kind=Casus().kind), "kind"),  # type: ignore[arg-type]
    "casussen omstandigheden": (lambda: ms.casussen(omstandigheden={}), "omstandigheden"),  # type: ignore[arg-type]
    "signalen soorten": (lambda: ms.signalen(soorten=["verwaarlozing"]), "soorten"),  # type: ignore[arg-type]
    "geldige_dossiers -1": (lambda: md.geldige_dossiers(-1), "max_size"),
    "geldige_dossiers str": (lambda: md.geldige_dossiers("5"), "max_size"),  # type: ignore[arg-type]
    "voorbeeld_dossier name": (lambda: md.voorbeeld_dossier("Jan de Vries"), "dossier_id"),
    "voorbeeld_dossier None": (lambda: md.voorbeeld_dossier(None), "dossier_id"),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("aanroep", list(SLECHTE_AANROEPEN))
def test_a_bad_argument_is_ongeldige_invoer_naming_it(aanroep: str) -> None:
    """Never TypeError, KeyError or AttributeError: the house rule for every entry point."""
    functie, veld = SLECHTE_AANROEPEN[aanroep]

    with pytest.raises(OngeldigeInvoer) as fout:
        functie()

    assert fout.value.veld == veld


def test_controleer_dienst_fails_a_vector_whose_answer_is_no_json_object(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A service answering ``[]`` or ``"ok"`` fails the vector; it is not an error of the kit."""
    import io
    import urllib.request

    antwoorden = iter([b"[]", b'"ok"', b"null"])

    def urlopen(*_args: object, **_kwargs: object) -> io.BytesIO:
        return io.BytesIO(next(antwoorden))

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)

    geslaagd, fouten = controleer_dienst("http://x/v1", "k", alle=vectoren()[:3])

    assert geslaagd == 0
    assert [f.split(": ", 1)[1] for f in fouten] == [
        "the answer is not a JSON object (list)",
        "the answer is not a JSON object (str)",
        "the answer is not a JSON object (NoneType)",
    ]


# ---------------------------------------------------------------------------------------------
# the dossier module's ready-made strategies are documented as such


def _strategie_namen() -> set[str]:
    return {n for n in md.__all__ if isinstance(getattr(md, n), st.SearchStrategy)}


def test_the_module_lists_exactly_its_ready_made_strategies() -> None:
    """The docstring's list of strategy objects is the set of strategy objects in ``__all__``."""
    doc = md.__doc__ or ""
    lijst = doc[doc.index("They are ") : doc.index("(any one of")]

    assert set(re.findall(r"``(\w+)``", lijst)) == _strategie_namen()
    assert len(_strategie_namen()) >= 12


def test_each_ready_made_strategy_says_so_and_the_functions_are_functions() -> None:
    """Every strategy object's attribute docstring says "ready-made"; the rest are callables."""
    boom = ast.parse(inspect.getsource(md))
    docs: dict[str, str] = {}
    for stmt, volgende in zip(boom.body, boom.body[1:], strict=False):
        if (
            isinstance(stmt, ast.Assign | ast.AnnAssign)
            and isinstance(volgende, ast.Expr)
            and isinstance(volgende.value, ast.Constant)
        ):
            doel = stmt.targets[0] if isinstance(stmt, ast.Assign) else stmt.target
            if isinstance(doel, ast.Name):
                docs[doel.id] = str(volgende.value.value)

    for naam in _strategie_namen():
        assert "ready-made" in docs.get(naam, ""), naam
    for naam in set(md.__all__) - _strategie_namen():
        assert inspect.isfunction(getattr(md, naam)), naam
    assert isinstance(md.geldige_dossiers(3), st.SearchStrategy)
