"""Reading events from JSON is as strict as reading cases, and never echoes free text."""

from __future__ import annotations

import json

import pytest

from meldcode.adapters.json.dossier import (
    canoniek,
    gebeurtenis_naar_dict,
    gebeurtenis_uit_dict,
    gebeurtenissen_uit_json,
)
from meldcode.domain.dossier import SOORTEN, Correctie
from meldcode.errors import OngeldigeInvoer
from meldcode.testing.dossier import volledig_voorbeeld


def fout(data: object) -> OngeldigeInvoer:
    with pytest.raises(OngeldigeInvoer) as info:
        gebeurtenis_uit_dict(data)
    return info.value


def test_every_kind_of_event_has_a_stable_tag() -> None:
    """The ``soort`` tags are the JSON contract of the dossier."""
    assert sorted(SOORTEN) == [
        "besluit_genomen",
        "consultatie_gehouden",
        "correctie",
        "dossier_gesloten",
        "evaluatie_gehouden",
        "gesprek_gevoerd",
        "hulp_afgesproken",
        "melding_gedaan",
        "signaal_vastgelegd",
        "terugkoppeling_veilig_thuis",
        "weging_vastgelegd",
    ]


def test_an_unknown_kind_is_refused_without_echoing_text() -> None:
    """A tag that is not a key is not shown."""
    e = fout({"soort": "Gesprek met Jan", "datum": "2026-03-02"})

    assert e.veld == "soort"
    assert "Jan" not in str(e)


def test_an_unknown_key_is_an_error_naming_it() -> None:
    """A mistyped key must never silently disappear."""
    e = fout({"soort": "evaluatie_gehouden", "datum": "2026-03-02", "hulp_resultat": "ja"})

    assert [f.veld for f in e.fouten] == ["hulp_resultaat", "hulp_resultat"]


def test_a_wrong_boolean_is_refused() -> None:
    """``"false"`` is not false."""
    e = fout(
        {"soort": "gesprek_gevoerd", "datum": "2026-03-02", "met": "ouders", "ondertekend": "false"}
    )

    assert e.veld == "ondertekend"


def test_a_correction_nests_its_replacement_with_the_path() -> None:
    """Errors inside the replacement carry the ``vervanging.`` path."""
    e = fout(
        {
            "soort": "correctie",
            "datum": "2026-03-03",
            "verwijst_naar": 1,
            "vervanging": {"soort": "gesprek_gevoerd", "datum": "2026-03-02", "met": "buren"},
        }
    )

    assert e.veld == "vervanging.met"


def test_a_correction_round_trips() -> None:
    """The replacement is written as a nested event."""
    c = Correctie(
        datum=volledig_voorbeeld()[1].datum, verwijst_naar=1, vervanging=volledig_voorbeeld()[0]
    )

    data = json.loads(canoniek(gebeurtenis_naar_dict(c)))

    assert data["vervanging"]["soort"] == "signaal_vastgelegd"
    assert gebeurtenis_uit_dict(data) == c


def test_a_list_of_events_reports_the_index() -> None:
    """Several events in one file: the failing one is named by its index."""
    goed = gebeurtenis_naar_dict(volledig_voorbeeld()[0])

    with pytest.raises(OngeldigeInvoer) as info:
        gebeurtenissen_uit_json(json.dumps([goed, {"soort": "dossier_gesloten"}]))

    assert info.value.veld == "[1].datum"
