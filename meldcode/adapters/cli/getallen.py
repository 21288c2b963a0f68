"""Numeric options of the command line: ASCII digits within a stated range, else a usage error.

argparse's ``type=int`` reads what Python's ``int`` reads: Arabic-Indic digits (``١٦`` is 16),
underscores (``1_6``), spaces around the number and numbers of any length, and a number out of
range then reaches the command (``--leeftijd 123456782``, ``--na -1``). Every whole-number option
of ``meldcode`` takes a ``Geheel`` instead: only the ASCII digits ``0``-``9`` and a value from
``laag`` to ``hoog``, the range its help states (the same as the HTTP API's where it has one).
A refused value is shown only as ``toon`` shows it: a short number as typed, a long one (which
may be a citizen service number or a phone number) as ``<str>``.
"""

from __future__ import annotations

import argparse
import re

from attrs import frozen

__all__ = ["Geheel", "Kommagetal"]

_CIJFERS = re.compile(r"[0-9]{1,12}")
_KOMMAGETAL = re.compile(r"[0-9]{1,6}(?:\.[0-9]{1,6})?")


def _toon(value: str) -> str:
    from meldcode.domain._validatie import toon

    return toon(value)


@frozen
class Geheel:
    """An argparse ``type``: a whole number of ASCII digits from ``laag`` to ``hoog``.

    argparse names the option before the error (``argument --na: must be a whole number from 0
    to 1000000 (got <str>)``) and exits with status 2.
    """

    laag: int
    hoog: int

    def __call__(self, value: str) -> int:
        """The number typed, or ``argparse.ArgumentTypeError`` (a usage error, status 2)."""
        if _CIJFERS.fullmatch(value) and self.laag <= int(value) <= self.hoog:
            return int(value)
        raise argparse.ArgumentTypeError(
            f"must be a whole number from {self.laag} to {self.hoog} (got {_toon(value)})"
        )


@frozen
class Kommagetal:
    """An argparse ``type``: a decimal number of ASCII digits (``30``, ``0.5``) in ``(laag, hoog]``.

    Not ``nan``, ``inf``, ``1e3`` or other digits: only what the help states.
    """

    laag: float
    hoog: float

    def __call__(self, value: str) -> float:
        """The number typed, or ``argparse.ArgumentTypeError`` (a usage error, status 2)."""
        if _KOMMAGETAL.fullmatch(value) and self.laag < float(value) <= self.hoog:
            return float(value)
        raise argparse.ArgumentTypeError(
            f"must be a number above {self.laag:g} and at most {self.hoog:g}, "
            f"written with digits and a '.' (such as 30 or 0.5) (got {_toon(value)})"
        )
