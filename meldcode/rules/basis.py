"""The rule base of each protocol, built from the cited rules and checked once."""

from __future__ import annotations

import functools

from meldcode.domain.waarden import Protocol
from meldcode.rules.model import Regel, Regelbasis
from meldcode.rules.regels import CONTACTVOLGORDE, ONVERENIGBAAR, REGELS, VRAGEN

__all__ = ["maak_regelbasis", "regelbasis"]


def maak_regelbasis(protocol: Protocol, extra: tuple[Regel, ...] = ()) -> Regelbasis:
    """Build (and check) the national rule base of ``protocol``, with ``extra`` rules added.

    Raises ``OngeldigeRegelbasis`` when the result is inconsistent.
    """
    regels = tuple(r for r in REGELS if protocol in r.protocollen) + tuple(
        r for r in extra if protocol in r.protocollen
    )
    return Regelbasis(
        protocol=protocol,
        regels=regels,
        vragen=VRAGEN[protocol],
        onverenigbaar=ONVERENIGBAAR[protocol],
        contactvolgorde=CONTACTVOLGORDE,
    )


@functools.cache
def regelbasis(protocol: Protocol) -> Regelbasis:
    """The national rule base of ``protocol`` (built once; it is immutable)."""
    return maak_regelbasis(protocol)
