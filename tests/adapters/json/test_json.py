"""The JSON reader and writer speak exactly the contract, and reject bad input by field."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldcode import (
    Besluit,
    Casus,
    OngeldigeInvoer,
    Oordeel,
    Protocol,
    Vraag,
    beslis,
    besluit_naar_dict,
    besluit_uit_dict,
    casus_naar_dict,
    casus_uit_dict,
    casus_uit_json,
)
from meldcode.adapters.json.casus import GRONDSLEUTELS, fout_naar_dict, lees_json_lines

CONTRACT_VOORBEELD: dict[str, Any] = {
    "protocol": "2019",
    "datum": "2026-03-14",
    "kind": {"leeftijd": 9, "ongeboren": False},
    "signalen": [
        {
            "soort": "lichamelijk_geweld",
            "omschrijving": "blauwe plekken op beide bovenarmen",
            "datum": "2026-03-02",
            "bron": "eigen_waarneming",
            "hypothese": False,
            "ernstig_letsel": False,
            "levensgevaar": False,
            "pleger_is_medewerker": False,
        }
    ],
    "consultaties": [{"met": "intern_begeleider", "datum": "2026-03-04", "anoniem": False}],
    "omstandigheden": {
        "veiligheid_in_geding": False,
        "contact_verbreken_verwacht": False,
        "ouders_niet_aanspreekbaar": False,
        "ouders_weigeren_toestemming": False,
        "jeugdbeschermer_betrokken": False,
        "sociaal_team_betrokken": False,
        "onveiligheid_herhaalt_zich": False,
    },
    "weging": {
        "vermoeden": "ja",
        "acute_onveiligheid": "nee",
        "structurele_onveiligheid": "nee",
        "hulp_mogelijk": "ja",
        "hulp_aanvaard": "ja",
        "hulp_resultaat": None,
        "kan_beschermen": None,
    },
}

BESLUIT_SLEUTELS = [
    "protocol",
    "melden",
    "hulp_organiseren",
    "dossier_sluiten",
    "veilig_thuis_raadplegen",
    "spoed",
    "oudergesprek_overslaan",
    "bespreken_met_kind",
    "volgende_vraag",
    "contacten",
    "gronden",
]


def test_the_contract_example_reads_and_writes_back_unchanged() -> None:
    """The case of contract.md round-trips: every contract key comes back unchanged."""
    casus = casus_uit_dict(CONTRACT_VOORBEELD)

    uit = casus_naar_dict(casus)
    assert casus.weging.antwoord(Vraag.VERMOEDEN) is Oordeel.JA
    assert beperkt_tot(uit, CONTRACT_VOORBEELD) == CONTRACT_VOORBEELD
    assert casus_uit_dict(uit) == casus


def beperkt_tot(data: Any, vorm: Any) -> Any:
    """``data`` with only the keys ``vorm`` has (the contract may grow keys, never lose them)."""
    if isinstance(vorm, dict):
        return {k: beperkt_tot(data[k], v) for k, v in vorm.items() if k in data}
    if isinstance(vorm, list):
        return [beperkt_tot(d, v) for d, v in zip(data, vorm, strict=True)]
    return data


def test_a_decision_has_the_contract_keys_in_the_contract_order() -> None:
    """The writer keeps the contract's keys (and may add to them, never remove)."""
    data = besluit_naar_dict(beslis(casus_uit_dict(CONTRACT_VOORBEELD)))

    assert list(data)[: len(BESLUIT_SLEUTELS)] == BESLUIT_SLEUTELS
    assert data["volgende_vraag"] == "hulp_resultaat"
    assert set(data["gronden"][0]) >= {"regel", "bron", "citaat"}
    assert json.loads(json.dumps(data)) == data


def test_a_decision_reads_back_to_the_same_object() -> None:
    """Partners can read a decision back, for their own tests."""
    besluit = beslis(casus_uit_dict(CONTRACT_VOORBEELD))

    assert besluit == besluit_uit_dict(besluit_naar_dict(besluit))


_GROND_FOUT = st.one_of(
    st.integers(),
    st.booleans(),
    st.none(),
    st.lists(st.text(max_size=5), max_size=2),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_key_of_a_ground_is_named_in_its_error(data: st.DataObject) -> None:
    """A ground read back: a wrong, missing or unknown key is named under its ground's index."""
    besluit = besluit_naar_dict(beslis(casus_uit_dict(CONTRACT_VOORBEELD)))
    i = data.draw(st.integers(0, len(besluit["gronden"]) - 1))
    grond = besluit["gronden"][i]
    soort = data.draw(st.sampled_from(["waarde", "weg", "onbekend", "bron"]))
    sleutel = data.draw(st.sampled_from(GRONDSLEUTELS))
    if soort == "waarde":
        grond[sleutel] = data.draw(_GROND_FOUT)
    elif soort == "weg":
        sleutel = data.draw(st.sampled_from(["regel", "bron", "citaat"]))
        del grond[sleutel]
    elif soort == "onbekend":
        sleutel = data.draw(st.sampled_from(["regle", "bronn", "citat", "uitleg", "GEHEIM Jan"]))
        grond[sleutel] = "x"
    else:
        sleutel = "bron"
        grond["bron"] = data.draw(st.sampled_from(["", "003.txt", "003.txt,1.4", ", 1.4", "x, "]))

    with pytest.raises(OngeldigeInvoer) as exc:
        besluit_uit_dict(besluit)

    velden = [f.veld for f in exc.value.fouten]
    # a near miss of a ground's key is shown; any other key may be personal data
    getoond = sleutel if sleutel in ("regle", "bronn", "citat") or soort != "onbekend" else "<key>"
    assert velden == [f"gronden[{i}].{getoond}"]
    assert "GEHEIM" not in str(exc.value)


def test_a_subclass_of_a_case_or_a_decision_is_written_as_its_base() -> None:
    """The module's ``converter`` writes a subclass (an application may add methods) as its base.

    ``referentie``, ``protocol`` and ``datum`` are left out when empty, as for the class itself,
    whether or not the type is named.
    """
    import attrs

    from meldcode.adapters.json.casus import converter

    @attrs.frozen
    class EigenCasus(Casus):
        pass

    @attrs.frozen
    class EigenBesluit(Besluit):
        pass

    casus = casus_uit_dict(CONTRACT_VOORBEELD)
    kaal = attrs.evolve(casus, referentie=None, protocol=None, datum=None)
    for c in (casus, kaal):
        besluit = beslis(c)
        eigen_casus = EigenCasus(**attrs.asdict(c, recurse=False))
        eigen_besluit = EigenBesluit(**attrs.asdict(besluit, recurse=False))

        assert converter.unstructure(eigen_casus) == casus_naar_dict(c)
        assert converter.unstructure(eigen_besluit) == besluit_naar_dict(besluit)
        assert converter.unstructure(c) == casus_naar_dict(c)
    assert not {"referentie", "protocol", "datum"} & set(casus_naar_dict(kaal))


def test_missing_keys_take_the_contract_defaults() -> None:
    """A missing boolean is false, a missing oordeel is null, the protocol follows the date."""
    casus = casus_uit_dict({"datum": "2016-05-01", "signalen": [{"soort": "verwaarlozing"}]})

    assert casus.omstandigheden.veiligheid_in_geding is False
    assert casus.weging.vermoeden is None
    assert beslis(casus).protocol is Protocol.P2013


@pytest.mark.parametrize(
    ("invoer", "veld", "waarde"),
    [
        ({"weging": {"vermoeden": "misschien"}}, "weging.vermoeden", "'misschien'"),
        (
            {"omstandigheden": {"veiligheid_in_geding": "false"}},
            "omstandigheden.veiligheid_in_geding",
            "'false'",
        ),
        (
            {"omstandigheden": {"veiligheid_in_geding": 0}},
            "omstandigheden.veiligheid_in_geding",
            "0",
        ),
        ({"kind": {"leeftijd": "9"}}, "kind.leeftijd", "'9'"),
        ({"kind": {"leeftijd": 99}}, "kind.leeftijd", "99"),
        ({"signalen": [{"soort": "ruzie"}]}, "signalen[0].soort", "'ruzie'"),
        ({"signalen": [{}]}, "signalen[0].soort", "<missing>"),
        ({"consultaties": [{"met": "buurvrouw"}]}, "consultaties[0].met", "'buurvrouw'"),
        ({"datum": "14-03-2026"}, "datum", "'14-03-2026'"),
        ({"protocol": "2020"}, "protocol", "'2020'"),
        ({"weging": {"vermoedn": "ja"}}, "weging.vermoedn", "'vermoedn'"),
        ({"signalen": {"soort": "verwaarlozing"}}, "signalen", "<dict>"),
    ],
)
def test_bad_input_names_the_field_and_the_value(
    invoer: dict[str, Any], veld: str, waarde: str
) -> None:
    """Each kind of bad input is refused with its JSON path and a safe rendering of the value."""
    with pytest.raises(OngeldigeInvoer) as fout:
        casus_uit_dict(invoer)

    assert veld == fout.value.veld
    assert waarde == fout.value.waarde
    assert f"@ $.{veld}" in str(fout.value)


def test_every_bad_field_is_reported_not_only_the_first() -> None:
    """Two bad fields give two errors."""
    with pytest.raises(OngeldigeInvoer) as fout:
        casus_uit_dict(
            {"weging": {"vermoeden": 1, "kan_beschermen": "ok"}, "kind": {"leeftijd": -1}}
        )

    assert {f.veld for f in fout.value.fouten} == {
        "weging.vermoeden",
        "weging.kan_beschermen",
        "kind.leeftijd",
    }


def test_a_mistyped_description_is_reported_without_its_content() -> None:
    """Free text never appears in an error, even when it has the wrong type."""
    with pytest.raises(OngeldigeInvoer) as fout:
        casus_uit_dict({"signalen": [{"soort": "verwaarlozing", "omschrijving": ["Jan", "Piet"]}]})

    assert "Jan" not in str(fout.value)
    assert fout.value.waarde == "<list>"


def test_not_json_and_not_an_object_are_clear_errors() -> None:
    """Garbage and a JSON list are refused without a traceback."""
    with pytest.raises(OngeldigeInvoer, match="not valid JSON"):
        casus_uit_json("{weging: }")
    with pytest.raises(OngeldigeInvoer, match="must be a JSON object"):
        casus_uit_json("[]")


def test_json_lines_keep_going_after_a_bad_line() -> None:
    """In a batch every line gives one result, a blank line an error; the good ones are read."""
    regels = ['{"weging": {"vermoeden": "ja"}}', "", '{"weging": 5}', '{"protocol": "2013"}']
    resultaten = list(lees_json_lines(regels))

    assert [r.lijn for r in resultaten] == [1, 2, 3, 4]
    assert [r.casus is not None for r in resultaten] == [True, False, False, True]
    assert resultaten[1].fout is not None
    assert "empty line" in str(resultaten[1].fout)
    assert resultaten[2].fout is not None
    fout = fout_naar_dict(resultaten[2].fout, lijn=3)["fout"]
    assert (fout["lijn"], fout["veld"]) == (3, "weging")


@pytest.mark.parametrize(
    "invoer",
    [
        {"consultaties": [{"met": "Jan Jansen"}]},
        {"signalen": [{"soort": "verwaarlozing", "bron": "buurvrouw Fatima"}]},
    ],
)
def test_a_name_typed_into_a_value_set_is_not_echoed(invoer: dict[str, Any]) -> None:
    """A value that does not look like a key (it may be a name) is shown by its type only."""
    with pytest.raises(OngeldigeInvoer) as fout:
        casus_uit_dict(invoer)

    assert fout.value.waarde == "<str>"
    assert "Jan" not in str(fout.value)
    assert "Fatima" not in str(fout.value)
