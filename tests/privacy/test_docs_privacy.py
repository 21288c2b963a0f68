"""The privacy page quotes the sources verbatim, and says what it must say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.unit.test_citaten import normaliseer

ROOT = Path(__file__).resolve().parents[2]
PAGINA = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
CITAAT = re.compile(r"^- `(\d{3}_[0-9a-f]{16}\.txt)`, ([^\n]+):\n\s+> ([^\n]+)$", re.MULTILINE)
CITATEN = CITAAT.findall(PAGINA)


def test_the_page_cites_every_source_that_demands_the_record() -> None:
    """At least one passage from each of the five sources."""
    assert {bestand[:3] for bestand, _, _ in CITATEN} == {"000", "001", "002", "003", "004"}


@pytest.mark.parametrize(("bestand", "sectie", "citaat"), CITATEN, ids=lambda x: str(x)[:30])
def test_each_quote_is_the_sources_own_words(
    bestand: str, sectie: str, citaat: str, bronnen: Path
) -> None:
    """Whitespace and markdown emphasis folded, word for word."""
    tekst = normaliseer((bronnen / bestand).read_text(encoding="utf-8"))

    assert normaliseer(citaat) in tekst


def test_the_page_says_no_national_period_exists_and_what_erasure_means_for_backups() -> None:
    """What the privacy officer must be told."""
    assert "No national retention period exists" in PAGINA
    assert "**Backups.**" in PAGINA
    assert "after restoring a backup, erase again" in PAGINA
