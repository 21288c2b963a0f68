"""Dossiers whose every free-text field is a unique, recognisable text (with a name in it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import strategies as st

from meldcode.adapters.opslag.versleuteling import vrije_tekstpaden
from meldcode.domain.dossier import Gebeurtenis
from meldcode.testing.dossier import volledig_voorbeeld

NAMEN = ("Jan de Vries", "Fatima El Idrissi", "Sanne Bakker", "Øyvind Ærø", "Zoë van 't Hof")


def zet(waarde: Any, pad: str, nieuw: object) -> Any:
    """``waarde`` with the (dotted) attribute path set to ``nieuw``, by ``attrs.evolve``."""
    kop, _, rest = pad.partition(".")
    if not rest:
        return attrs.evolve(waarde, **{kop: nieuw})
    return attrs.evolve(waarde, **{kop: zet(getattr(waarde, kop), rest, nieuw)})


def met_teksten(
    gebeurtenissen: tuple[Gebeurtenis, ...], teksten: list[str]
) -> tuple[tuple[Gebeurtenis, ...], list[str]]:
    """The events with every free-text field replaced by the next of ``teksten`` (cycled).

    Returns the events and the texts actually used (so a test can look for each of them).
    """
    uit: list[Gebeurtenis] = []
    gebruikt: list[str] = []
    i = 0
    for g in gebeurtenissen:
        for pad in vrije_tekstpaden(g):
            tekst = teksten[i % len(teksten)]
            g = zet(g, pad, tekst)
            gebruikt.append(tekst)
            i += 1
        uit.append(g)
    return tuple(uit), gebruikt


@st.composite
def unieke_teksten(draw: st.DrawFn, n: int = 40) -> list[str]:
    """``n`` free texts, each with its own marker and a name, plus arbitrary Unicode."""
    uit = []
    for i in range(n):
        marker = draw(st.binary(min_size=6, max_size=6)).hex()
        naam = draw(st.sampled_from(NAMEN))
        rest = draw(st.text(max_size=20).filter(lambda t: "\x00" not in t))
        uit.append(f"M{i:02d}{marker} {naam} {rest}")
    return uit


def voorbeeld_met_teksten(
    teksten: list[str], sluiten: dt.date | None = None
) -> tuple[tuple[Gebeurtenis, ...], list[str]]:
    """The complete example dossier with unique free texts (closed on ``sluiten`` if given)."""
    gebeurtenissen = volledig_voorbeeld()
    if sluiten is not None:
        gebeurtenissen = (*gebeurtenissen[:-1], attrs.evolve(gebeurtenissen[-1], datum=sluiten))
    return met_teksten(gebeurtenissen, teksten)
