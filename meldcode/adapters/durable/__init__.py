"""durable_rules: the rule base compiled to a rete network, and a monitor on its timers.

Needs ``meldcode[durable]``. ``beslis`` and ``compileer`` decide cases exactly as the pure
engine does; ``Bewaker`` watches running dossiers for late follow-ups.
"""

from meldcode.adapters.durable.engine import (
    PER_RULESET,
    Bewaker,
    DurableFout,
    DurableRegelbasis,
    beslis,
    compileer,
    evalueer_casus,
)

__all__ = [
    "PER_RULESET",
    "Bewaker",
    "DurableFout",
    "DurableRegelbasis",
    "beslis",
    "compileer",
    "evalueer_casus",
]
