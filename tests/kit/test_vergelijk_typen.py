"""``vergelijk`` compares as the contract does: type and value (JSON ``1`` is not ``true``)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldcode import Beslispunt, Besluit, beslis, casus_uit_dict
from meldcode.adapters.json.casus import besluit_naar_dict
from meldcode.testing.pytest_plugin import vergelijk
from meldcode.testing.strategies import casussen

BOOLEAANS = tuple(p.value for p in Beslispunt)
"""The yes/no decisions of the contract."""

#: values Python's ``==`` may take for a boolean, and JSON never does
GEEN_BOOL: st.SearchStrategy[Any] = (
    st.integers()
    | st.floats(allow_nan=False)
    | st.sampled_from(["true", "false", "True", "", "ja"])
    | st.none()
    | st.lists(st.booleans(), max_size=1)
    | st.dictionaries(st.just("waarde"), st.booleans(), max_size=1)
)


def _acuut() -> Besluit:
    return beslis(
        casus_uit_dict(
            {"protocol": "2019", "weging": {"vermoeden": "ja", "acute_onveiligheid": "ja"}}
        )
    )


def test_one_is_not_true() -> None:
    """The report: ``{"melden": 1}`` against meldcode's ``true`` fails, showing the type."""
    with pytest.raises(AssertionError, match=r"melden: outcome 1 \(int\), meldcode True"):
        vergelijk({"melden": 1}, _acuut())


@settings(max_examples=200, deadline=None)
@given(besluit=casussen().map(beslis), punt=st.sampled_from(BOOLEAANS), waarde=GEEN_BOOL)
def test_a_decision_that_is_no_boolean_never_agrees(
    besluit: Besluit, punt: str, waarde: Any
) -> None:
    """Any non-boolean (``1``, ``0.0``, ``"true"``, ``None``, ...) disagrees, minstens or not."""
    uitkomst = {**besluit_naar_dict(besluit), punt: waarde}

    for minstens in (False, True):
        with pytest.raises(AssertionError, match=punt):
            vergelijk(uitkomst, besluit, [punt], minstens=minstens)


@settings(max_examples=100, deadline=None)
@given(besluit=casussen().map(beslis))
def test_meldcode_s_own_decision_agrees_with_itself_on_every_key(besluit: Besluit) -> None:
    """Strict is not stricter than the contract: the decision's JSON agrees, key by key."""
    eigen = besluit_naar_dict(besluit)

    vergelijk(eigen, besluit, list(eigen))
    vergelijk(besluit, besluit, list(eigen))


@settings(max_examples=100, deadline=None)
@given(besluit=casussen().map(beslis), punt=st.sampled_from(BOOLEAANS))
def test_minstens_accepts_true_for_false_and_nothing_else(besluit: Besluit, punt: str) -> None:
    """``minstens=True``: a partner's ``true`` where meldcode says ``false``, never ``1``."""
    ons = besluit_naar_dict(besluit)[punt]

    vergelijk({punt: True}, besluit, [punt], minstens=True)
    if ons is False:
        with pytest.raises(AssertionError):
            vergelijk({punt: 1}, besluit, [punt], minstens=True)
        with pytest.raises(AssertionError):
            vergelijk({punt: True}, besluit, [punt])
    else:
        with pytest.raises(AssertionError):
            vergelijk({punt: False}, besluit, [punt], minstens=True)


@pytest.mark.parametrize(
    ("hun", "gelijk"),
    [
        (["veilig_thuis"], True),
        (("veilig_thuis",), True),
        (["veilig_thuis", "politie"], False),
        ("veilig_thuis", False),
        ([1], False),
    ],
)
def test_lists_are_compared_item_by_item(hun: Any, gelijk: bool) -> None:
    """A list equals a list (or tuple) of the same items; nothing else."""
    besluit = _acuut()
    assert besluit_naar_dict(besluit)["contacten"] == ["veilig_thuis"]

    if gelijk:
        vergelijk({"contacten": hun}, besluit, ["contacten"])
    else:
        with pytest.raises(AssertionError, match="contacten"):
            vergelijk({"contacten": hun}, besluit, ["contacten"])


def test_a_nested_boolean_is_compared_strictly_too() -> None:
    """Inside objects as well: an action's ``advies`` of ``0`` is not ``false``."""
    besluit = _acuut()
    acties = besluit_naar_dict(besluit)["acties"]
    assert acties
    assert acties[0]["advies"] is False

    vergelijk({"acties": acties}, besluit, ["acties"])
    anders = [{**acties[0], "advies": 0}, *acties[1:]]
    with pytest.raises(AssertionError, match="acties"):
        vergelijk({"acties": anders}, besluit, ["acties"])
