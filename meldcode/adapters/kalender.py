"""Dutch working days: weekends and the national holidays of the ``holidays`` library.

Needs the extra ``meldcode[dossier]``. The pure core takes any ``Werkdagkalender``; this is the
one to use in the Netherlands.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from meldcode.errors import EngineNietBeschikbaar

__all__ = ["NederlandseWerkdagen"]


class NederlandseWerkdagen:
    """A ``Werkdagkalender``: Monday to Friday, except the Dutch national holidays.

    Which days count as national holidays is the ``holidays`` library's (``holidays.NL``):
    Nieuwjaarsdag, Goede Vrijdag, Pasen, Koningsdag, Bevrijdingsdag in lustrum years,
    Hemelvaartsdag, Pinksteren and Kerstmis.
    """

    def __init__(self) -> None:
        try:
            import holidays
        except ImportError:
            raise EngineNietBeschikbaar(
                "Dutch working days need the holidays library: pip install 'meldcode[dossier]'"
            ) from None
        self._feestdagen: Any = holidays.country_holidays("NL")

    def is_werkdag(self, datum: dt.date) -> bool:
        """``True`` from Monday to Friday when ``datum`` is not a Dutch national holiday."""
        return datum.weekday() < 5 and datum not in self._feestdagen

    def feestdag(self, datum: dt.date) -> str | None:
        """The name of the holiday on ``datum`` (as the library gives it), or ``None``."""
        naam: str | None = self._feestdagen.get(datum)
        return naam
