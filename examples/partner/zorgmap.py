"""Zorgmap: a fictional partner system that embeds meldcode.

Zorgmap is the care module of a (fictional) pupil administration. Schools enter a case in the
meldcode exchange format; Zorgmap asks meldcode for the decision and turns it into the tasks its
users see on their dashboard. Its own rule: when in doubt it always plans a consultation of
Veilig Thuis, even where meldcode only advises one. The integration test beside this file checks
the property every partner must keep: Zorgmap reports whenever meldcode says report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import meldcode


@dataclass(frozen=True)
class Werkbon:
    """What Zorgmap shows the school: the tasks to do now, and the decision behind them."""

    referentie: str | None
    taken: tuple[str, ...]
    meldt_bij_veilig_thuis: bool
    besluit: Mapping[str, Any] = field(repr=False)


def verwerk(casus_json: Mapping[str, Any]) -> Werkbon:
    """Decide one case sent in the exchange format and plan the school's tasks."""
    besluit = meldcode.beslis(meldcode.casus_uit_dict(dict(casus_json)))
    taken: list[str] = []
    if besluit.spoed:
        taken.append("Neem direct contact op: " + ", ".join(p.value for p in besluit.contacten))
    if besluit.melden:
        taken.append("Meld bij Veilig Thuis")
    if besluit.veilig_thuis_raadplegen or besluit.volgende_vraag is not None:
        taken.append("Raadpleeg Veilig Thuis (mag anoniem)")
    if besluit.hulp_organiseren:
        taken.append("Organiseer hulp en volg het effect")
    if besluit.dossier_sluiten:
        taken.append("Leg vast en sluit het dossier")
    if besluit.volgende_vraag is not None:
        taken.append(f"Beantwoord de afweging '{besluit.volgende_vraag.value}'")
    return Werkbon(
        referentie=besluit.referentie,
        taken=tuple(taken),
        meldt_bij_veilig_thuis=besluit.melden,
        besluit=meldcode.besluit_naar_dict(besluit),
    )
