"""The legal norms that more than one part of meldcode applies, each defined and cited once.

A rule, a deadline of the dossier, a monitor and a record-keeping check that apply the same norm
read it from here, so the norm cannot drift between them. Each ``Norm`` carries its value, the
source passage and the source's own words (checked against the sources by a test).
"""

from __future__ import annotations

from typing import Generic, TypeVar

from attrs import frozen

from meldcode.rules.bronnen import FEDRA, VCOG
from meldcode.rules.model import Bron

__all__ = [
    "LEEFTIJD_MELDING_BESPREKEN_MET_KIND",
    "NORMEN",
    "VEILIG_THUIS_BESLUIT_WERKDAGEN",
    "Norm",
]

_W = TypeVar("_W")


@frozen(kw_only=True)
class Norm(Generic[_W]):
    """One norm: its ``waarde``, the passage it comes from (``bron``) and the words (``citaat``)."""

    naam: str
    waarde: _W
    bron: Bron
    citaat: str


VEILIG_THUIS_BESLUIT_WERKDAGEN: Norm[int] = Norm(
    naam="veilig-thuis-besluit-werkdagen",
    waarde=5,
    bron=Bron(FEDRA, "Figuur 2, afweging 3A"),
    citaat="Zij nemen binnen vijf werkdagen een besluit en koppelen dit terug naar de melder.",
)
"""Veilig Thuis decides on a report and reports back within five working days."""

LEEFTIJD_MELDING_BESPREKEN_MET_KIND: Norm[int] = Norm(
    naam="leeftijd-melding-bespreken-met-kind",
    waarde=12,
    bron=Bron(VCOG, "Stap 5b: Melden en bespreken met de ouder"),
    citaat="Bespreek de melding vooraf met de ouder(s) en met de leerling wanneer deze 12 jaar is "
    "of ouder.",
)
"""From this age the intended report is discussed with the pupil too."""

NORMEN: tuple[Norm[int], ...] = (
    VEILIG_THUIS_BESLUIT_WERKDAGEN,
    LEEFTIJD_MELDING_BESPREKEN_MET_KIND,
)
"""Every norm of this module (the quote check reads them all)."""
