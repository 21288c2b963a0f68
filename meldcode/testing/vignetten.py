"""The public vignettes: short cases, each read off one passage of the sources, and their outcome.

Shipped with the package (``vignetten.json``), so a partner's suite can run them without a copy::

    import pytest
    from meldcode.testing.vignetten import parameters

    @pytest.mark.parametrize("vignet", parameters())
    def test_we_agree_with_every_vignette(vignet):
        assert vignet.afwijkingen(our_system(vignet.casus_json)) == []

Only the keys a vignette names in ``verwacht`` are expected; ``contacten_bevat`` means the
decision's ``contacten`` include those parties. Needs no third-party library except for
``parameters``, which needs pytest.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from importlib import resources
from typing import Any

from attrs import field, frozen

from meldcode.adapters.json.casus import besluit_naar_dict, casus_uit_dict
from meldcode.domain.besluit import Besluit
from meldcode.domain.casus import Casus
from meldcode.domain.waarden import Protocol
from meldcode.rules.beslis import lees_protocol
from meldcode.rules.versies import kies_protocol

__all__ = ["Vignet", "parameters", "vignetten"]


@frozen(kw_only=True)
class Vignet:
    """One public vignette: its id, the passage it comes from (``why``), the case, the expectation.

    ``casus_json`` is the case in the exchange format (for systems in other languages);
    ``casus`` is the same case as a domain object.
    """

    id: str
    why: str
    casus: Casus
    casus_json: Mapping[str, Any] = field(hash=False)
    verwacht: Mapping[str, Any] = field(hash=False)

    @property
    def protocol(self) -> Protocol:
        """The protocol that decides this vignette."""
        return kies_protocol(self.casus)

    def afwijkingen(self, besluit: Besluit | Mapping[str, Any]) -> list[str]:
        """Every expectation ``besluit`` does not meet, as readable lines (empty: all met).

        ``besluit`` is a ``Besluit`` or a decision in the exchange format; keys the vignette does
        not name are not checked, and keys the decision lacks count as not met.
        """
        uitkomst = besluit_naar_dict(besluit) if isinstance(besluit, Besluit) else besluit
        out: list[str] = []
        for key, verwacht in self.verwacht.items():
            if key == "contacten_bevat":
                ontbreekt = [p for p in verwacht if p not in uitkomst.get("contacten", [])]
                if ontbreekt:
                    out.append(f"{self.id}: contacten lacks {ontbreekt}")
            elif key not in uitkomst:
                out.append(f"{self.id}: {key} is missing (expected {verwacht!r})")
            elif uitkomst[key] != verwacht:
                out.append(f"{self.id}: {key} is {uitkomst[key]!r}, expected {verwacht!r}")
        return out


@functools.cache
def _alle() -> tuple[Vignet, ...]:
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
    """The public vignettes, those decided under ``protocol`` when given."""
    if protocol is None:
        return _alle()
    p = lees_protocol(protocol)
    return tuple(v for v in _alle() if v.protocol is p)


def parameters(protocol: Protocol | str | None = None) -> list[Any]:
    """The vignettes as ``pytest.param`` values with their ids, for ``pytest.mark.parametrize``."""
    import pytest  # only here: the rest of this module works without pytest

    return [pytest.param(v, id=v.id) for v in vignetten(protocol)]
