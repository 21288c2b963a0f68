"""The contract additions: written always, read back exactly, valid against the schema."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from meldcode.adapters.json.casus import besluit_naar_dict, besluit_uit_dict, casus_uit_dict
from meldcode.adapters.json.schema import BESLUIT_AANVULLINGEN, besluit_schema, casus_schema
from meldcode.adapters.profiel import laad_profiel
from meldcode.errors import OngeldigeInvoer
from meldcode.rules import beslis, kies_protocol
from tests.adapters.json.test_json import BESLUIT_SLEUTELS
from tests.routes.conftest import beslis_vignet, route_vignetten

VIGNETTEN = route_vignetten()
CONTRACT_V1 = set(BESLUIT_SLEUTELS)


@pytest.mark.parametrize("vignet", VIGNETTEN, ids=[v["id"] for v in VIGNETTEN])
def test_a_decision_with_routes_round_trips_and_fits_the_schema(vignet: dict[str, Any]) -> None:
    """Every key of contract v1 stays; the additions are written and read back unchanged."""
    data = beslis_vignet(vignet)

    assert CONTRACT_V1 | set(BESLUIT_AANVULLINGEN) <= set(data)
    assert besluit_naar_dict(besluit_uit_dict(data)) == data
    jsonschema.validate(data, besluit_schema())
    jsonschema.validate(vignet["casus"], casus_schema())


def test_a_decision_without_the_additions_still_validates() -> None:
    """Decisions written before the additions (no route keys) remain valid and readable."""
    data = beslis_vignet(VIGNETTEN[0])
    oud = {k: v for k, v in data.items() if k not in BESLUIT_AANVULLINGEN}

    jsonschema.validate(oud, besluit_schema())
    assert besluit_uit_dict(oud).acties == ()


def test_an_unknown_key_in_an_action_is_rejected_with_its_path() -> None:
    """The strict reader names the path of a mistyped key inside ``acties``."""
    data = beslis_vignet(VIGNETTEN[0])
    data["acties"][0]["partj"] = "iemand"

    with pytest.raises(
        OngeldigeInvoer, match=r"acties\[0\]\.partj is not a field .*`acties\[0\]\.partij`"
    ):
        besluit_uit_dict(data)


def test_contact_details_come_only_from_the_profile() -> None:
    """``contacten_details`` resolves each contact that the profile's sociale kaart lists."""
    casus = casus_uit_dict(
        {"protocol": "2019", "weging": {"vermoeden": "ja", "acute_onveiligheid": "ja"}}
    )
    profiel = laad_profiel("fedra")

    besluit = beslis(casus, basis=profiel.regelbasis(kies_protocol(casus)))

    assert list(dict.fromkeys(k.partij for k in besluit.contacten_details)) == [
        p for p in besluit.contacten if p in {k.partij for k in profiel.sociale_kaart}
    ]
    assert beslis(casus).contacten_details == ()
