"""Working days: the one calendar for every deadline, in a ``Besluit`` and in a dossier.

A working day is Monday to Friday and not a generally recognised holiday of the *Algemene
termijnenwet* (art. 3, lid 1), the Dutch act that says how statutory deadlines are counted:
"de Nieuwjaarsdag, de Christelijke tweede Paas- en Pinksterdag, de beide Kerstdagen, de
Hemelvaartsdag, de dag waarop de verjaardag van de Koning wordt gevierd en de vijfde mei". The
five sources speak of *werkdagen* without defining them; this act is how Dutch law counts
them, so ``NEDERLAND`` is the default everywhere. The holidays are computed here (Easter by the
Gregorian computus), without a clock and without a third-party calendar, so the core stays pure
and light; a test compares them with the ``holidays`` library's list.

A school's own days off (a study day, a school holiday) are added with ``MetVrijeDagen``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection
from typing import Protocol

from attrs import field, frozen

__all__ = [
    "NEDERLAND",
    "MetVrijeDagen",
    "NederlandseKalender",
    "WeekendKalender",
    "Werkdagkalender",
    "feestdagen",
    "kalender_met",
    "pasen",
    "plus_werkdagen",
]


class Werkdagkalender(Protocol):
    """Tells working days from the days that do not count for a deadline."""

    def is_werkdag(self, datum: dt.date) -> bool:
        """``True`` when ``datum`` counts as a working day."""
        ...


@frozen
class WeekendKalender:
    """Monday to Friday are working days; knows no holidays."""

    def is_werkdag(self, datum: dt.date) -> bool:
        """``True`` from Monday to Friday."""
        return datum.weekday() < 5


def pasen(jaar: int) -> dt.date:
    """Easter Sunday of ``jaar`` (Gregorian calendar; the anonymous computus)."""
    a = jaar % 19
    b, c = divmod(jaar, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    maand, dag = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(jaar, maand, dag + 1)


def _koningsdag(jaar: int) -> dt.date:
    """The day the King's (until 2013 the Queen's) birthday is celebrated.

    From 2014 27 April, a day earlier when that is a Sunday; before, 30 April, a day earlier
    when that is a Sunday (from 1980; the act names "de verjaardag van de Koning").
    """
    dag = dt.date(jaar, 4, 27) if jaar >= 2014 else dt.date(jaar, 4, 30)
    return dag - dt.timedelta(days=1) if dag.weekday() == 6 else dag


@functools.cache
def feestdagen(jaar: int) -> frozenset[dt.date]:
    """The generally recognised holidays of the Algemene termijnenwet (art. 3) in ``jaar``."""
    p = pasen(jaar)
    return frozenset(
        {
            dt.date(jaar, 1, 1),  # Nieuwjaarsdag
            p + dt.timedelta(days=1),  # tweede Paasdag
            p + dt.timedelta(days=39),  # Hemelvaartsdag
            p + dt.timedelta(days=50),  # tweede Pinksterdag
            _koningsdag(jaar),
            dt.date(jaar, 5, 5),  # de vijfde mei
            dt.date(jaar, 12, 25),
            dt.date(jaar, 12, 26),  # de beide Kerstdagen
        }
    )


@frozen
class NederlandseKalender:
    """Monday to Friday, except the holidays of the Algemene termijnenwet (``feestdagen``)."""

    def is_werkdag(self, datum: dt.date) -> bool:
        """``True`` on a weekday that is not a generally recognised holiday."""
        return datum.weekday() < 5 and datum not in feestdagen(datum.year)


NEDERLAND: Werkdagkalender = NederlandseKalender()
"""The calendar of every deadline unless a caller chooses another."""


def _dagen(dagen: Collection[dt.date]) -> frozenset[dt.date]:
    return frozenset(dagen)


@frozen
class MetVrijeDagen:
    """``kalender``'s working days, less the days of ``vrije_dagen`` (e.g. a school's own)."""

    kalender: Werkdagkalender
    vrije_dagen: frozenset[dt.date] = field(converter=_dagen)

    def is_werkdag(self, datum: dt.date) -> bool:
        """A working day of ``kalender`` that is not one of ``vrije_dagen``."""
        return datum not in self.vrije_dagen and self.kalender.is_werkdag(datum)


def kalender_met(
    kalender: Werkdagkalender | None, vrije_dagen: Collection[dt.date] = ()
) -> Werkdagkalender:
    """``kalender`` (default ``NEDERLAND``) with ``vrije_dagen`` taken out, if any."""
    basis = NEDERLAND if kalender is None else kalender
    return MetVrijeDagen(basis, frozenset(vrije_dagen)) if vrije_dagen else basis


def plus_werkdagen(kalender: Werkdagkalender, datum: dt.date, aantal: int) -> dt.date:
    """The ``aantal``-th working day after ``datum`` (``datum`` itself does not count).

    >>> plus_werkdagen(NEDERLAND, dt.date(2026, 3, 13), 5)  # a Friday: the next Friday
    datetime.date(2026, 3, 20)
    >>> plus_werkdagen(NEDERLAND, dt.date(2026, 12, 23), 2)  # over Christmas
    datetime.date(2026, 12, 28)
    """
    dag = datum
    over = aantal
    while over > 0:
        dag += dt.timedelta(days=1)
        if kalender.is_werkdag(dag):
            over -= 1
    return dag
