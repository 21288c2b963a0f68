"""The rule base of each protocol version, built from its cited rules and checked once."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from meldcode.domain.besluit import Contactgegevens
from meldcode.domain.waarden import Protocol, Rol
from meldcode.rules.model import Regel, Regelbasis
from meldcode.rules.regels import CONTACTVOLGORDE
from meldcode.rules.versies import VERSIES, Protocolversie, versie

__all__ = ["LANDELIJK", "maak_regelbasis", "regelbasis"]


#: the national rules of every version: the core decisions, then the routes
LANDELIJK: tuple[Regel, ...] = tuple({r.id: r for v in VERSIES for r in v.regels}.values())


def maak_regelbasis(
    protocol: Protocol | str | Protocolversie,
    extra: Sequence[Regel] = (),
    *,
    profiel: str | None = None,
    sociale_kaart: Sequence[Contactgegevens] = (),
    rolnamen: Sequence[tuple[Rol, str]] = (),
) -> Regelbasis:
    """Build (and check) the rule base of a version, with ``extra`` rules added.

    ``protocol`` is a national protocol, as a ``Protocol`` or its contract string (``"2013"``,
    ``"2019"``; its version from ``meldcode.rules.versies``), or a ``Protocolversie`` of the
    caller's own. An organisation profile passes its own rules as ``extra`` together with its
    name, its ``sociale_kaart`` and its ``rolnamen`` (see ``meldcode.rules.profiel``). Raises
    ``OngeldigeInvoer`` naming ``protocol`` when it is none of these, and
    ``OngeldigeRegelbasis`` when the result is inconsistent.
    """
    v = protocol if isinstance(protocol, Protocolversie) else versie(protocol)
    return Regelbasis(
        protocol=v.protocol,
        regels=v.regels + tuple(r for r in extra if v.protocol in r.protocollen),
        vragen=v.vragen,
        onverenigbaar=v.onverenigbaar,
        contactvolgorde=CONTACTVOLGORDE,
        profiel=profiel,
        sociale_kaart=tuple(sociale_kaart),
        rolnamen=tuple(rolnamen),
    )


def regelbasis(protocol: Protocol | str) -> Regelbasis:
    """The national rule base of ``protocol`` (built once; it is immutable).

    ``protocol`` is a ``Protocol`` or its contract string: ``regelbasis("2019")`` is the very
    object ``regelbasis(Protocol.P2019)`` is. ``OngeldigeInvoer`` names ``protocol`` for
    anything else (``None`` included).
    """
    if isinstance(protocol, Protocol):  # the common call: no need to read it
        return _nationaal(protocol)
    return _nationaal(versie(protocol).protocol)


@functools.cache
def _nationaal(protocol: Protocol) -> Regelbasis:
    """The national rule base of a ``Protocol``, built on first use and kept."""
    return maak_regelbasis(protocol)
