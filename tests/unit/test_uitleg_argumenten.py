"""``uitleg`` refuses what is not a decision with ``OngeldigeInvoer`` naming the argument.

Never an ``AttributeError`` from deep inside the text, and never the value itself when it may
be free text or a number that identifies a person.
"""

from __future__ import annotations

from typing import Any

import pytest

from meldcode import Casus, beslis
from meldcode.errors import OngeldigeInvoer
from meldcode.rules.basis import regelbasis
from meldcode.rules.uitleg import uitleg

GEEN_BESLUIT: dict[str, tuple[Any, str]] = {
    "None": (None, "None"),
    "a Casus": (Casus(), "<Casus>"),
    "a dict": ({"melden": True}, "<dict>"),
    "a name": ("Jan de Vries", "<str>"),
    "a citizen service number": (123456789, "<int>"),
}
"""Arguments that are not a ``Besluit``, each with how the error shows it."""


@pytest.mark.parametrize(("besluit", "getoond"), GEEN_BESLUIT.values(), ids=list(GEEN_BESLUIT))
def test_what_is_not_a_besluit_is_refused_naming_besluit(besluit: Any, getoond: str) -> None:
    """``uitleg(None)`` was an AttributeError."""
    with pytest.raises(OngeldigeInvoer) as fout:
        uitleg(besluit)

    assert fout.value.veld == "besluit"
    assert fout.value.waarde == getoond


@pytest.mark.parametrize("basis", ["2019", {}, 5, Casus()], ids=["str", "dict", "int", "Casus"])
def test_what_is_not_a_rule_base_is_refused_naming_basis(basis: Any) -> None:
    """A ``basis`` that is neither a ``Regelbasis`` nor ``None`` is refused the same way."""
    with pytest.raises(OngeldigeInvoer) as fout:
        uitleg(beslis(Casus()), basis)

    assert fout.value.veld == "basis"


def test_a_besluit_with_or_without_its_rule_base_is_explained() -> None:
    """The check lets every proper call through."""
    besluit = beslis(Casus())

    assert uitleg(besluit).startswith("Besluit volgens de ")
    assert uitleg(besluit, regelbasis(besluit.protocol)).startswith("Besluit volgens de ")
