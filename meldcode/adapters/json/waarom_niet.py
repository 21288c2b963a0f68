"""``waarom_niet``'s answer as JSON: per decision, the minimal changes and the rules they touch.

Each change carries its Dutch ``tekst`` beside the data, so a client shows it as it is::

    {"beslissing": "melden", "genomen": false, "regels": ["2019.afweging-2.onveiligheid", ...],
     "max_wijzigingen": 3,
     "alternatieven": [{"wijzigingen": [{"soort": "feit", "feit": {"signaal": {"soorten": [],
       "kenmerk": "levensgevaar"}}, "waar": true, "tekst": "er is een signaal met levensgevaar
       (nu niet)"}], "gronden": [{"regel": ..., "bron": ..., "citaat": ..., "toelichting": ...}]}]}

A fact is written as ``meldcode regels --json`` writes conditions (and profiles read them).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from meldcode.domain.besluit import Grond
from meldcode.rules.model import (
    ErIsSignaal,
    Geconsulteerd,
    KindOngeboren,
    Omstandigheid,
    Regelbasis,
    SignaalVan,
)
from meldcode.rules.waarom_niet import (
    AntwoordWijziging,
    Feit,
    FeitWijziging,
    WaaromNiet,
    Wijziging,
    beschrijf,
)

__all__ = ["feit_naar_dict", "waarom_niet_naar_dict", "wijziging_naar_dict"]


def feit_naar_dict(feit: Feit) -> dict[str, Any]:
    """A fact as the condition tree of ``meldcode regels --json`` writes it."""
    if isinstance(feit, Omstandigheid):
        return {"omstandigheid": feit.naam}
    if isinstance(feit, ErIsSignaal):
        return {
            "signaal": {"soorten": sorted(s.value for s in feit.soorten), "kenmerk": feit.kenmerk}
        }
    if isinstance(feit, SignaalVan):
        return {"signaal_van": sorted(b.value for b in feit.bronnen)}
    if isinstance(feit, Geconsulteerd):
        return {"geconsulteerd": feit.partij.value}
    if isinstance(feit, KindOngeboren):
        return {"kind_ongeboren": True}
    raise TypeError(type(feit).__name__)  # pragma: no cover - Feit is closed


def wijziging_naar_dict(wijziging: Wijziging, basis: Regelbasis) -> dict[str, Any]:
    """One edit: what it changes, from what to what, and its Dutch ``tekst``."""
    tekst = beschrijf(wijziging, basis)
    if isinstance(wijziging, AntwoordWijziging):
        return {
            "soort": "antwoord",
            "vraag": wijziging.vraag.value,
            "van": None if wijziging.van is None else wijziging.van.value,
            "naar": None if wijziging.naar is None else wijziging.naar.value,
            "tekst": tekst,
        }
    if isinstance(wijziging, FeitWijziging):
        return {
            "soort": "feit",
            "feit": feit_naar_dict(wijziging.feit),
            "waar": wijziging.waar,
            "tekst": tekst,
        }
    return {
        "soort": "leeftijd",
        "van": wijziging.van,
        "vanaf": wijziging.vanaf,
        "tot": wijziging.tot,
        "tekst": tekst,
    }


def _grond(g: Grond) -> dict[str, Any]:
    return {"regel": g.regel, "bron": g.bron, "citaat": g.citaat, "toelichting": g.toelichting}


def waarom_niet_naar_dict(resultaten: Iterable[WaaromNiet], basis: Regelbasis) -> list[Any]:
    """``waarom_niet``'s answer as JSON-ready data (``basis``: the rule base that decided)."""
    return [
        {
            "beslissing": w.beslissing.value,
            "genomen": w.genomen,
            "regels": list(w.regels),
            "max_wijzigingen": w.max_wijzigingen,
            "alternatieven": [
                {
                    "wijzigingen": [wijziging_naar_dict(x, basis) for x in a.wijzigingen],
                    "gronden": [_grond(g) for g in a.gronden],
                }
                for a in w.alternatieven
            ],
        }
        for w in resultaten
    ]
