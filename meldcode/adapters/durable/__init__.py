"""durable_rules: the rule base compiled to a rete network, and a monitor on its timers.

Needs ``meldcode[durable]``. ``beslis`` and ``compileer`` (``engine``) decide cases exactly as
the pure engine does, from the rule base's circuit translated by ``compiler`` (over the
expressions of ``expressies``); ``ruleset`` drives durable's C engine without its threads;
``Bewaker`` (``bewaker``) watches running dossiers for late follow-ups.
"""

from meldcode.adapters.durable.bewaker import PER_RULESET, Bewaker
from meldcode.adapters.durable.engine import (
    DurableRegelbasis,
    beslis,
    compileer,
    evalueer_casus,
)
from meldcode.adapters.durable.ruleset import DurableFout

__all__ = [
    "PER_RULESET",
    "Bewaker",
    "DurableFout",
    "DurableRegelbasis",
    "beslis",
    "compileer",
    "evalueer_casus",
]
