"""The versions of the meldcode as data: each version's questions, rules and date of entry.

A version (``Protocolversie``) is everything that differs between the 2013 code and the 2019
afwegingskader: the questions of the weging in their order, the decisions that exclude each
other, the national rules, the date from which it applies, and how its texts name it. The
engines read a version only through the ``Regelbasis`` built from it, so a third version is new
data here (or in a caller's own code), not a change to any engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from attrs import frozen

from meldcode.domain.casus import Casus
from meldcode.domain.waarden import Beslispunt, Protocol
from meldcode.errors import Fout, OngeldigeInvoer
from meldcode.rules.model import Afweging, Regel
from meldcode.rules.regels import ONVERENIGBAAR, REGELS, VRAGEN
from meldcode.rules.routes import ROUTES

__all__ = [
    "HUIDIG_PROTOCOL",
    "INGANG_2019",
    "PROTOCOLLEN",
    "VERSIES",
    "Protocolversie",
    "kies_protocol",
    "versie",
]


@frozen(kw_only=True)
class Protocolversie:
    """One version of the meldcode.

    ``ingang`` is the first date of a weighing it applies to (``None``: from the beginning);
    ``vragen`` are the questions of its weging in order; ``onverenigbaar`` the pairs of
    decisions it never takes together; ``regels`` its national rules. ``naam`` is how a Dutch
    text names the version, ``meldpunt`` the body a report goes to (the AMK until 2015).
    """

    protocol: Protocol
    ingang: dt.date | None
    vragen: tuple[Afweging, ...]
    onverenigbaar: frozenset[frozenset[Beslispunt]]
    regels: tuple[Regel, ...]
    naam: str
    meldpunt: str


def _landelijk(protocol: Protocol) -> tuple[Regel, ...]:
    return tuple(r for r in (*REGELS, *ROUTES) if protocol in r.protocollen)


INGANG_2019 = dt.date(2019, 1, 1)
"""The afwegingskader is part of steps 4 and 5 from 1 January 2019."""

VERSIES: tuple[Protocolversie, ...] = (
    Protocolversie(
        protocol=Protocol.P2013,
        ingang=None,
        vragen=VRAGEN[Protocol.P2013],
        onverenigbaar=ONVERENIGBAAR[Protocol.P2013],
        regels=_landelijk(Protocol.P2013),
        naam="meldcode 2013 (stap 5a hulp of 5b melden, AMK)",
        meldpunt="het AMK (nu Veilig Thuis)",
    ),
    Protocolversie(
        protocol=Protocol.P2019,
        ingang=INGANG_2019,
        vragen=VRAGEN[Protocol.P2019],
        onverenigbaar=ONVERENIGBAAR[Protocol.P2019],
        regels=_landelijk(Protocol.P2019),
        naam="meldcode 2019 (afwegingskader, Veilig Thuis)",
        meldpunt="Veilig Thuis",
    ),
)
"""The national versions, oldest first."""

PROTOCOLLEN: tuple[Protocol, ...] = tuple(v.protocol for v in VERSIES)
"""The national protocols, oldest first (what the JSON contract's ``protocol`` may name)."""

HUIDIG_PROTOCOL: Protocol = VERSIES[-1].protocol
"""The version in force: chosen for a case without protocol and without date."""


def versie(
    protocol: Protocol | str, versies: Sequence[Protocolversie] | None = None
) -> Protocolversie:
    """The version of ``protocol`` among ``versies`` (``None``: the national ones, ``VERSIES``).

    ``protocol`` is a ``Protocol`` or its contract string (``"2013"``, ``"2019"``).
    ``OngeldigeInvoer`` names ``protocol`` when it is neither or has no version among
    ``versies``, and ``versies`` when that is not a list of ``Protocolversie``.
    """
    gekozen = _lees_protocol(protocol)
    kandidaten = _lees_versies(versies)
    if gekozen is None:
        raise OngeldigeInvoer([Fout("protocol", "None", "protocol is required (got None)")])
    for v in kandidaten:
        if v.protocol is gekozen:
            return v
    bekend = " or ".join(repr(v.protocol.value) for v in kandidaten)
    shown = repr(gekozen.value)
    raise OngeldigeInvoer([Fout("protocol", shown, f"protocol must be {bekend} (got {shown})")])


def kies_protocol(
    casus: Casus,
    protocol: Protocol | str | None = None,
    versies: Sequence[Protocolversie] | None = None,
) -> Protocol:
    """The protocol that decides: given, else the case's, else by date, else the current one.

    ``protocol`` is a ``Protocol`` or its contract string (``"2013"``, ``"2019"``), read as
    ``beslis`` reads it, and always comes back as a ``Protocol``. By date: the latest of
    ``versies`` whose ``ingang`` is on or before the case's ``datum`` (a weighing dated before
    1 January 2019 falls under the 2013 code). ``versies`` defaults to the national versions
    (``None``: ``VERSIES``). ``OngeldigeInvoer`` names ``casus`` when it is not a ``Casus``,
    ``protocol`` for an unknown protocol and ``versies`` when that is not a non-empty list of
    ``Protocolversie``.
    """
    gegeven: object = casus  # callers may pass anything
    if not isinstance(gegeven, Casus):
        soort = type(gegeven).__name__
        raise OngeldigeInvoer([Fout("casus", f"<{soort}>", f"casus must be a Casus (got {soort})")])
    gekozen = _lees_protocol(protocol)
    kandidaten = _lees_versies(versies)
    if gekozen is not None:
        return gekozen
    if casus.protocol is not None:
        return casus.protocol
    if casus.datum is not None:
        geldend = [v for v in kandidaten if v.ingang is None or v.ingang <= casus.datum]
        if geldend:
            return max(geldend, key=lambda v: v.ingang or dt.date.min).protocol
    return max(kandidaten, key=lambda v: v.ingang or dt.date.min).protocol


def _lees_protocol(protocol: object) -> Protocol | None:
    """``protocol`` read by ``meldcode.rules.beslis.lees_protocol``, the one reader of them all."""
    if protocol is None or isinstance(protocol, Protocol):
        return protocol
    from meldcode.rules.beslis import lees_protocol  # that module imports this one

    return lees_protocol(protocol)


def _lees_versies(versies: object) -> Sequence[Protocolversie]:
    """``versies``, ``None`` being the national ones; ``OngeldigeInvoer`` naming ``versies``."""
    if versies is None:
        return VERSIES
    if (
        isinstance(versies, Sequence)
        and not isinstance(versies, str)
        and versies
        and all(isinstance(v, Protocolversie) for v in versies)
    ):
        return versies
    soort = type(versies).__name__
    raise OngeldigeInvoer(
        [
            Fout(
                "versies",
                f"<{soort}>",
                f"versies must be a non-empty list of Protocolversie, or None (got {soort})",
            )
        ]
    )
