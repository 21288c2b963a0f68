"""``beslis``: the one call a school system needs."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Collection, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, cast

from meldcode.domain._validatie import toon
from meldcode.domain.besluit import Besluit
from meldcode.domain.casus import Casus
from meldcode.domain.waarden import Protocol
from meldcode.errors import Fout, OngeldigeInvoer
from meldcode.rules.basis import regelbasis
from meldcode.rules.kalender import Werkdagkalender
from meldcode.rules.model import Regelbasis
from meldcode.rules.referentie import Evaluatie, evalueer
from meldcode.rules.versies import PROTOCOLLEN, kies_protocol, versie

if TYPE_CHECKING:  # loaded only once a rule base is compiled
    from meldcode.rules.gecompileerd import Programma

__all__ = ["VOOR_COMPILATIE", "beslis", "evalueer_casus", "kies_regelbasis", "lees_protocol"]


def kies_regelbasis(
    casus: Casus, protocol: Protocol | str | None = None, *, basis: Regelbasis | None = None
) -> Regelbasis:
    """The rule base that decides ``casus``: ``basis`` if given, else the national one.

    The protocol is chosen as ``beslis`` documents. Every engine calls this, so they all refuse
    the same bad input the same way: ``OngeldigeInvoer`` for something that is not a ``Casus``,
    an unknown protocol, or a ``basis`` of another protocol than the one the case asks for.
    """
    if not isinstance(casus, Casus):
        raise OngeldigeInvoer([Fout("casus", f"<{type(casus).__name__}>", "casus must be a Casus")])
    gekozen = kies_protocol(casus, lees_protocol(protocol))
    if basis is None:
        return regelbasis(versie(gekozen).protocol)
    if basis.protocol is not gekozen:
        raise OngeldigeInvoer(
            [
                Fout(
                    "protocol",
                    repr(gekozen.value),
                    f"the rule base is for protocol {basis.protocol.value!r}, "
                    f"the case asks for {gekozen.value!r}",
                )
            ]
        )
    return basis


def evalueer_casus(
    casus: Casus,
    protocol: Protocol | str | None = None,
    *,
    basis: Regelbasis | None = None,
    vrije_dagen: Collection[dt.date] = (),
    kalender: Werkdagkalender | None = None,
) -> Evaluatie:
    """Like ``beslis``, but return the full ``Evaluatie`` (each rule's outcome) as well."""
    gekozen = kies_regelbasis(casus, protocol, basis=basis)
    return evalueer(casus, gekozen, vrije_dagen=vrije_dagen, kalender=kalender)


def beslis(
    casus: Casus,
    protocol: Protocol | str | None = None,
    *,
    basis: Regelbasis | None = None,
    vrije_dagen: Collection[dt.date] = (),
    kalender: Werkdagkalender | None = None,
) -> Besluit:
    """Decide a case: report, organise help, close, consult, urgency, parent talk, child.

    ``protocol`` overrides the case's own choice (useful to ask "what if" under the other
    version); by default the case's ``protocol`` decides, else its ``datum`` (a weighing before
    1 January 2019 falls under 2013), else the current protocol (2019). ``basis`` lets a caller
    supply an extended rule base (a profile, or a version of its own). Follow-ups are dated in
    working days of ``kalender`` (default: the Dutch calendar of the Algemene termijnenwet,
    ``meldcode.rules.kalender.NEDERLAND``, the same one the dossier's deadlines use) less
    ``vrije_dagen`` (e.g. the school's own days off). Pure: the same case always gives
    the same ``Besluit``, and the case is never changed.

    The first cases a rule base decides (``VOOR_COMPILATIE``) are evaluated in full; then the rule
    base is compiled, and a case whose decision-relevant facts were decided before under it is
    answered from its bounded memo (``meldcode.rules.gecompileerd.besluit_van``): the same
    ``Besluit`` a full evaluation gives, with the case's own ``referentie`` and dates.
    """
    if basis is None and type(casus) is Casus and type(protocol) is str:
        gekozen = _PROTOCOLLEN.get(protocol)
        if gekozen is not None:  # the common call, ``beslis(casus, "2019")``, made short
            return _besluit(casus, regelbasis(gekozen), vrije_dagen, kalender)
    return _besluit(casus, kies_regelbasis(casus, protocol, basis=basis), vrije_dagen, kalender)


#: how many cases a rule base decides by the full evaluation (``referentie.evalueer``) before
#: ``beslis`` compiles it: compiling (the circuit and its generated functions, about 20 ms)
#: costs as much as some forty full evaluations, so a command or a request that decides one
#: case, or a handful, never pays for it. Both give the same ``Besluit`` (tested on every
#: weging of both protocols).
VOOR_COMPILATIE = 32


def _besluit(
    casus: Casus,
    basis: Regelbasis,
    vrije_dagen: Collection[dt.date],
    kalender: Werkdagkalender | None,
) -> Besluit:
    gecompileerd = basis.geheugen.lees("programma")
    if gecompileerd is None:
        teller = basis.afgeleid("beslist", itertools.count)
        if next(teller) < VOOR_COMPILATIE:
            return evalueer(casus, basis, vrije_dagen=vrije_dagen, kalender=kalender).besluit
        from meldcode.rules.gecompileerd import programma  # loaded once compiling pays

        gecompileerd = programma(basis)
    return cast("Programma", gecompileerd).beslis(casus, vrije_dagen, kalender)


#: the protocols by their contract string
_PROTOCOLLEN: Mapping[str, Protocol] = MappingProxyType({p.value: p for p in PROTOCOLLEN})


def lees_protocol(protocol: object) -> Protocol | None:
    """``protocol`` as a ``Protocol`` (``None`` stays ``None``); ``OngeldigeInvoer`` otherwise.

    A string must name a national version (``"2013"``, ``"2019"``); a version of the caller's
    own is passed as its ``Protocol`` (or through its rule base, ``basis=``).
    """
    if protocol is None or isinstance(protocol, Protocol):
        return protocol
    gekozen = _PROTOCOLLEN.get(protocol) if isinstance(protocol, str) else None
    if gekozen is None:
        shown = _getoond(protocol)
        bekend = " or ".join(repr(p) for p in _PROTOCOLLEN)
        raise OngeldigeInvoer([Fout("protocol", shown, f"protocol must be {bekend} (got {shown})")])
    return gekozen


def _getoond(protocol: object) -> str:
    """A wrong protocol as an error shows it: text as ``toon`` shows it, a number as a number.

    Text is shown only when it looks like a key or a year (``'2020'``, ``'p2019'``), else as
    ``<str>``: what was passed may be a name or a phone number.
    """
    if isinstance(protocol, str):
        return toon(protocol)
    if isinstance(protocol, int) and not isinstance(protocol, bool) and abs(protocol) < 10**6:
        return f"the number {protocol}"  # ``protocol=2019``: text is expected
    return f"<{type(protocol).__name__}>"
