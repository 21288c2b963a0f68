"""The rule base of each protocol, built from the cited rules and checked once."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from meldcode.domain.besluit import Contactgegevens
from meldcode.domain.waarden import Protocol, Rol
from meldcode.rules.model import Regel, Regelbasis
from meldcode.rules.regels import CONTACTVOLGORDE, ONVERENIGBAAR, REGELS, VRAGEN
from meldcode.rules.routes import ROUTES

__all__ = ["LANDELIJK", "maak_regelbasis", "regelbasis"]


#: the national rules of both protocols: the core decisions, then the routes
LANDELIJK: tuple[Regel, ...] = REGELS + ROUTES


def maak_regelbasis(
    protocol: Protocol,
    extra: Sequence[Regel] = (),
    *,
    profiel: str | None = None,
    sociale_kaart: Sequence[Contactgegevens] = (),
    rolnamen: Sequence[tuple[Rol, str]] = (),
) -> Regelbasis:
    """Build (and check) the national rule base of ``protocol``, with ``extra`` rules added.

    An organisation profile passes its own rules as ``extra`` together with its name, its
    ``sociale_kaart`` and its ``rolnamen`` (see ``meldcode.rules.profiel``). Raises
    ``OngeldigeRegelbasis`` when the result is inconsistent.
    """
    regels = tuple(r for r in LANDELIJK if protocol in r.protocollen) + tuple(
        r for r in extra if protocol in r.protocollen
    )
    return Regelbasis(
        protocol=protocol,
        regels=regels,
        vragen=VRAGEN[protocol],
        onverenigbaar=ONVERENIGBAAR[protocol],
        contactvolgorde=CONTACTVOLGORDE,
        profiel=profiel,
        sociale_kaart=tuple(sociale_kaart),
        rolnamen=tuple(rolnamen),
    )


@functools.cache
def regelbasis(protocol: Protocol) -> Regelbasis:
    """The national rule base of ``protocol`` (built once; it is immutable)."""
    return maak_regelbasis(protocol)
