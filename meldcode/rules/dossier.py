"""The dossier's state with the engine's decision: ``vouw`` with ``beslis`` injected."""

from __future__ import annotations

import datetime as dt

from meldcode.domain.besluit import Besluit
from meldcode.domain.casus import Casus
from meldcode.domain.dossier import Dossier, Toestand, Werkdagkalender, vouw
from meldcode.domain.waarden import Protocol
from meldcode.rules.beslis import beslis
from meldcode.rules.model import Regelbasis

__all__ = ["toestand"]


def toestand(
    dossier: Dossier,
    *,
    op: dt.date,
    kalender: Werkdagkalender,
    protocol: Protocol | None = None,
    basis: Regelbasis | None = None,
) -> Toestand:
    """The dossier's ``Toestand`` at ``op``, with the latest ``Besluit`` of the rule base.

    The decision is taken on the ``Casus`` the effective events describe (see
    ``casus_uit_dossier``); ``protocol`` and ``basis`` are passed to ``beslis``.
    """

    def beslisser(casus: Casus) -> Besluit:
        return beslis(casus, protocol, basis=basis)

    return vouw(dossier, op=op, kalender=kalender, beslisser=beslisser)
