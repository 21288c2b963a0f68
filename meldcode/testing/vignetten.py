"""The public vignettes: short cases, each read off one passage of the sources, and their outcome.

Shipped with the package (``vignetten.json``), so a partner's suite can run them without a copy::

    import pytest
    from meldcode.testing.vignetten import parameters

    @pytest.mark.parametrize("vignet", parameters())
    def test_we_agree_with_every_vignette(vignet):
        assert vignet.afwijkingen(our_system(vignet.casus_json)) == []

Only the keys a vignette names in ``verwacht`` are expected; ``contacten_bevat`` means the
decision's ``contacten`` include those parties. The comparison is the contract's, type and value
(``meldcode.testing.conformance.gelijk``): ``1`` is not ``true``. Needs no third-party library
except for ``parameters``, which needs pytest.

A ``Vignet`` is immutable and shared by every test: ``casus_json`` and ``verwacht`` hand out a
fresh copy on each access, so a test that changes what it got changes nothing for the next one.
Bad arguments raise ``meldcode.OngeldigeInvoer`` naming the argument (``protocol``, ``besluit``).
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable, Mapping
from importlib import resources
from typing import Any

from attrs import Attribute, field, frozen

from meldcode.adapters.json.casus import besluit_naar_dict, casus_uit_dict
from meldcode.domain.besluit import Besluit
from meldcode.domain.casus import Casus
from meldcode.domain.waarden import Protocol
from meldcode.errors import Fout, OngeldigeInvoer
from meldcode.rules.beslis import lees_protocol
from meldcode.rules.versies import kies_protocol
from meldcode.testing.conformance import _afwijkingen

__all__ = ["Vignet", "parameters", "vignetten"]


def _fout(veld: str, waarde: object, soort: str) -> OngeldigeInvoer:
    return OngeldigeInvoer(
        [
            Fout(
                veld,
                f"<{type(waarde).__name__}>",
                f"{veld} must be {soort} (got {type(waarde).__name__})",
            )
        ]
    )


def _kopie(veld: str, waarde: object) -> dict[str, Any]:
    """A deep copy as a plain ``dict`` (what ``json.dumps`` and partners expect)."""
    if not isinstance(waarde, Mapping):
        raise _fout(veld, waarde, "a JSON object (a dict)")
    return copy.deepcopy(dict(waarde))


def _kopie_casus_json(waarde: object) -> dict[str, Any]:
    """``casus_json`` as the vignette keeps it: its own copy."""
    return _kopie("casus_json", waarde)


def _kopie_verwacht(waarde: object) -> dict[str, Any]:
    """``verwacht`` as the vignette keeps it: its own copy."""
    return _kopie("verwacht", waarde)


def _soort(soort: type, beschrijving: str) -> Callable[[Any, Attribute[Any], object], None]:
    """An attrs validator that refuses a value of another type with ``OngeldigeInvoer``."""

    def controleer(_self: Any, attribuut: Attribute[Any], waarde: object) -> None:
        if not isinstance(waarde, soort):
            raise _fout(attribuut.alias or attribuut.name, waarde, beschrijving)

    return controleer


@frozen(kw_only=True)
class Vignet:
    """One public vignette: its id, the passage it comes from (``why``), the case, the expectation.

    ``casus_json`` is the case in the exchange format (for systems in other languages);
    ``casus`` is the same case as a domain object; ``verwacht`` the decision fields expected
    (see the module). ``casus_json`` and ``verwacht`` are fresh copies on every access: change
    them freely. The constructor takes ``id``, ``why``, ``casus``, ``casus_json`` and
    ``verwacht`` and keeps copies of the two mappings.
    """

    id: str = field(validator=_soort(str, "text"))
    why: str = field(validator=_soort(str, "text"))
    casus: Casus = field(validator=_soort(Casus, "a Casus"))
    _casus_json: dict[str, Any] = field(converter=_kopie_casus_json, hash=False)
    _verwacht: dict[str, Any] = field(converter=_kopie_verwacht, hash=False)

    @property
    def casus_json(self) -> dict[str, Any]:
        """The case in the exchange format: a fresh deep copy on every access."""
        return copy.deepcopy(self._casus_json)

    @property
    def verwacht(self) -> dict[str, Any]:
        """The expected decision fields: a fresh deep copy on every access."""
        return copy.deepcopy(self._verwacht)

    @property
    def protocol(self) -> Protocol:
        """The protocol that decides this vignette."""
        return kies_protocol(self.casus)

    def afwijkingen(self, besluit: Besluit | Mapping[str, Any]) -> list[str]:
        """Every expectation ``besluit`` does not meet, as readable lines (empty: all met).

        ``besluit`` is a ``Besluit`` or a decision in the exchange format; keys the vignette does
        not name are not checked, and keys the decision lacks count as not met. Values compare
        as JSON values, type and value (``meldcode.testing.conformance.gelijk``): ``0`` is not
        ``false``. ``OngeldigeInvoer`` names ``besluit`` when it is neither.
        """
        uitkomst = besluit_naar_dict(besluit) if isinstance(besluit, Besluit) else besluit
        return _afwijkingen(self.id, self._verwacht, uitkomst)


@functools.cache
def _alle() -> tuple[Vignet, ...]:
    """Every shipped vignette, read once (a ``Vignet`` hands out copies, so sharing is safe)."""
    tekst = resources.files("meldcode.testing").joinpath("vignetten.json").read_text("utf-8")
    return tuple(
        Vignet(
            id=item["id"],
            why=item["why"],
            casus=casus_uit_dict(item["casus"]),
            casus_json=item["casus"],
            verwacht=item["verwacht"],
        )
        for item in json.loads(tekst)
    )


def vignetten(protocol: Protocol | str | None = None) -> tuple[Vignet, ...]:
    """The public vignettes, those decided under ``protocol`` when given.

    ``protocol`` is a ``Protocol`` or its contract string (``"2013"``, ``"2019"``);
    ``OngeldigeInvoer`` names ``protocol`` for anything else.
    """
    if protocol is None:
        return _alle()
    p = lees_protocol(protocol)
    return tuple(v for v in _alle() if v.protocol is p)


def parameters(protocol: Protocol | str | None = None) -> list[Any]:
    """The vignettes as ``pytest.param`` values with their ids, for ``pytest.mark.parametrize``.

    ``protocol`` narrows them as ``vignetten`` does (and is refused the same way).
    """
    import pytest  # only here: the rest of this module works without pytest

    return [pytest.param(v, id=v.id) for v in vignetten(protocol)]
