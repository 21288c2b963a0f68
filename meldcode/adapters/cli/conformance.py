"""``meldcode conformance --url URL``: check a running meldcode API against the shipped vectors.

The key is ``--sleutel``, else ``$MELDCODE_SLEUTEL`` (better: it stays out of the process list).
Prints one line per failed expectation and ``N passed, M failed``; exit 0 when all pass, 1 when
one fails. The vectors and the comparison rule: ``meldcode.testing.conformance``.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from meldcode.errors import Fout, OngeldigeInvoer

__all__ = ["registreer"]


def _conformance(args: argparse.Namespace) -> int:
    from meldcode.testing.conformance import controleer_dienst, vectoren

    sleutel = args.sleutel or os.environ.get("MELDCODE_SLEUTEL")
    if not sleutel:
        raise OngeldigeInvoer(
            [Fout("sleutel", "<missing>", "an API key is needed: --sleutel or $MELDCODE_SLEUTEL")]
        )
    alle = vectoren()
    geslaagd, fouten = controleer_dienst(args.url, sleutel, alle=alle)
    for regel in fouten:
        print(regel)
    print(f"{geslaagd} passed, {len(alle) - geslaagd} failed")
    sys.stdout.flush()
    return 0 if geslaagd == len(alle) else 1


def registreer(subparsers: Any) -> None:
    """Add ``conformance`` to the ``meldcode`` command line."""
    p = subparsers.add_parser(
        "conformance", help="check a running meldcode API against the shipped test vectors"
    )
    p.add_argument("--url", required=True, help="the API's base URL, e.g. http://127.0.0.1:8000/v1")
    p.add_argument("--sleutel", default=None, help="API key (default: $MELDCODE_SLEUTEL)")
    p.set_defaults(func=_conformance)
