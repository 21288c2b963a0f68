"""Compare the two engines field by field, so a difference names the field and the case."""

from __future__ import annotations

import attrs

from meldcode import Casus, Protocol
from meldcode.rules import Regelbasis, evalueer_casus


def vergelijk(
    casus: Casus, protocol: Protocol | None = None, basis: Regelbasis | None = None
) -> None:
    """Assert that durable gives exactly the pure engine's evaluation of ``casus``."""
    from meldcode.adapters.durable import engine as durable

    puur = evalueer_casus(casus, protocol, basis=basis)
    rete = durable.evalueer_casus(casus, protocol, basis=basis)
    for veld in attrs.fields(type(puur.besluit)):
        verwacht = getattr(puur.besluit, veld.name)
        gekregen = getattr(rete.besluit, veld.name)
        assert verwacht == gekregen, f"{veld.name}: pure {verwacht!r}, durable {gekregen!r}"
    assert puur.status == rete.status
    assert puur.bereikbaar == rete.bereikbaar
    assert puur.gevuurd == rete.gevuurd
    assert puur.besluit == rete.besluit
