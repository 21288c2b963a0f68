"""Every rule's quote is verbatim in its source (whitespace, ``*`` and list markers folded)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from meldcode.adapters.dekking import alle_regels
from meldcode.rules.dekking import vouw
from meldcode.rules.regels import BRONNEN

REGELS = {r.id: r for r in alle_regels()}


def normaliseer(tekst: str) -> str:
    """Whitespace and markdown ``*`` folded (for quotes that need no list markers folded)."""
    return re.sub(r"\s+", " ", tekst.replace("*", "")).strip()


@pytest.mark.parametrize("regel_id", sorted(REGELS))
def test_citaat_occurs_verbatim_in_its_source(regel_id: str, bronnen: Path) -> None:
    """The quote is the source's own words (national rules, switches and shipped profiles)."""
    regel = REGELS[regel_id]
    tekst = vouw((bronnen / regel.bron.bestand).read_text(encoding="utf-8"))

    assert vouw(regel.citaat) in tekst


@pytest.mark.parametrize("regel_id", sorted(REGELS))
def test_bron_names_one_of_the_five_sources(regel_id: str) -> None:
    """A rule cites one of the five source files, with a section."""
    regel = REGELS[regel_id]

    assert regel.bron.bestand in BRONNEN
    assert regel.bron.sectie.strip()


def test_the_quote_check_detects_a_changed_word(bronnen: Path) -> None:
    """The check is not vacuous: one changed word is not found."""
    regel = REGELS["2019.afweging-2.onveiligheid"]
    tekst = vouw((bronnen / regel.bron.bestand).read_text(encoding="utf-8"))

    assert vouw(regel.citaat.replace("Direct", "Later")) not in tekst


def test_folding_drops_list_markers_only_at_the_start_of_a_line() -> None:
    """A bulleted list reads as one sentence; a dash inside a sentence stays."""
    assert vouw("bieden:\n\n- *meld uw vermoeden*;\n• volg") == "bieden: meld uw vermoeden; volg"
    assert vouw("de leerkracht - na overleg -, of") == "de leerkracht - na overleg -, of"
