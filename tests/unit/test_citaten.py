"""Every rule's quote occurs verbatim in its source file (whitespace and markdown ``*`` folded)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from meldcode import Protocol, regelbasis
from meldcode.rules.regels import BRONNEN

REGELS = {r.id: r for p in Protocol for r in regelbasis(p).regels}


def normaliseer(tekst: str) -> str:
    """Fold whitespace and drop markdown emphasis, so line breaks in a source do not matter."""
    return re.sub(r"\s+", " ", tekst.replace("*", "")).strip()


@pytest.mark.parametrize("regel_id", sorted(REGELS))
def test_citaat_occurs_verbatim_in_its_source(regel_id: str, bronnen: Path) -> None:
    """The quote is the source's own words."""
    regel = REGELS[regel_id]
    tekst = normaliseer((bronnen / regel.bron.bestand).read_text(encoding="utf-8"))

    assert normaliseer(regel.citaat) in tekst


@pytest.mark.parametrize("regel_id", sorted(REGELS))
def test_bron_names_one_of_the_five_sources(regel_id: str) -> None:
    """A rule cites one of the five source files, with a section."""
    regel = REGELS[regel_id]

    assert regel.bron.bestand in BRONNEN
    assert regel.bron.sectie.strip()


def test_the_quote_check_detects_a_changed_word(bronnen: Path) -> None:
    """The check is not vacuous: one changed word is not found."""
    regel = REGELS["2019.afweging-2.onveiligheid"]
    tekst = normaliseer((bronnen / regel.bron.bestand).read_text(encoding="utf-8"))

    assert normaliseer(regel.citaat.replace("Direct", "Later")) not in tekst
