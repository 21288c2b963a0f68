"""The evaluation engines a caller can choose: the pure engine, or durable_rules when installed."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable

from meldcode.domain.besluit import Besluit
from meldcode.domain.casus import Casus
from meldcode.domain.waarden import Protocol
from meldcode.errors import EngineNietBeschikbaar
from meldcode.rules.beslis import beslis

__all__ = ["ENGINES", "EngineFunctie", "EngineFunctieMetBasis", "engine", "engine_met_basis"]

EngineFunctie = Callable[[Casus, Protocol | None], Besluit]
"""A decide function as the command line calls it: ``(casus, protocol)``."""
EngineFunctieMetBasis = Callable[..., Besluit]
"""A decide function that also takes ``basis=`` (a profile's rule base), as ``beslis`` does."""
#: the engines `--engine` chooses from: the pure rule base, or durable_rules over the same rules
ENGINES: tuple[str, ...] = ("pure", "durable")


def _pure(casus: Casus, protocol: Protocol | None) -> Besluit:
    return beslis(casus, protocol)


def engine(naam: str) -> EngineFunctie:
    """The decide function of engine ``naam``; ``EngineNietBeschikbaar`` says why one is missing."""
    if naam == "pure":
        return _pure
    beslisser: EngineFunctie = engine_met_basis(naam)
    return beslisser


def engine_met_basis(naam: str) -> EngineFunctieMetBasis:
    """Like ``engine``, but the function takes ``(casus, protocol, *, basis=None)``.

    ``basis`` lets a caller decide with an extended rule base, such as an organisation profile.
    """
    if naam == "pure":
        return beslis
    if naam == "durable":
        if sys.version_info >= (3, 13):
            raise EngineNietBeschikbaar(
                "the durable engine needs durable-rules, which does not run on Python "
                f"{sys.version_info.major}.{sys.version_info.minor} (it needs 3.11 or 3.12); "
                "use --engine pure, or run meldcode on Python 3.11 with "
                "pip install 'meldcode[durable]'"
            )
        try:
            module = importlib.import_module("meldcode.adapters.durable.engine")
        except ImportError as exc:
            raise EngineNietBeschikbaar(
                f"the durable engine is not available ({exc.name or 'durable'} is not installed): "
                "pip install 'meldcode[durable]' (needs a C compiler and Python 3.11 or 3.12)"
            ) from None
        met_basis: EngineFunctieMetBasis = module.beslis
        return met_basis
    raise EngineNietBeschikbaar(f"unknown engine {naam!r}; choose one of {', '.join(ENGINES)}")
