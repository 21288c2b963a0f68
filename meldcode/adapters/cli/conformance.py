"""``meldcode conformance --url URL``: check a running meldcode API against the shipped vectors.

The API key never comes from the command line (it would show in the process list and the shell's
history): it is read from a key file, ``--sleutelbestand FILE`` or ``$MELDCODE_API_SLEUTELBESTAND``
(readable by its owner only, like the text key's file), else from ``$MELDCODE_API_SLEUTEL``.
Prints one line per failed expectation and ``N passed, M failed``; exit 0 when all pass, 1 when
one fails. The vectors and the comparison rule: ``meldcode.testing.conformance``.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from meldcode.errors import Fout, OngeldigeInvoer

__all__ = ["API_SLEUTELBESTAND_OMGEVING", "API_SLEUTEL_OMGEVING", "api_sleutel", "registreer"]

API_SLEUTEL_OMGEVING = "MELDCODE_API_SLEUTEL"
"""Environment variable holding an API key of the service (a client's, such as the kit's)."""

API_SLEUTELBESTAND_OMGEVING = "MELDCODE_API_SLEUTELBESTAND"
"""Environment variable naming a file (mode 0600) that holds an API key."""


def api_sleutel(bestand: str | None = None) -> str:
    """The API key, from a file or the environment; never from an argument.

    From ``bestand``, else the file in ``$MELDCODE_API_SLEUTELBESTAND``, else
    ``$MELDCODE_API_SLEUTEL``; ``OngeldigeInvoer`` naming ``sleutel`` when there is none.
    """
    from meldcode.adapters.opslag.versleuteling import lees_geheim_bestand

    pad = bestand or os.environ.get(API_SLEUTELBESTAND_OMGEVING)
    if pad:
        return lees_geheim_bestand(pad)
    sleutel = os.environ.get(API_SLEUTEL_OMGEVING, "").strip()
    if not sleutel:
        raise OngeldigeInvoer(
            [
                Fout(
                    "sleutel",
                    "<missing>",
                    f"an API key is needed: --sleutelbestand FILE, ${API_SLEUTELBESTAND_OMGEVING} "
                    f"or ${API_SLEUTEL_OMGEVING}",
                )
            ]
        )
    return sleutel


def _conformance(args: argparse.Namespace) -> int:
    from meldcode.testing.conformance import controleer_dienst, vectoren

    sleutel = api_sleutel(args.sleutelbestand)
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
        "conformance",
        help="check a running meldcode API against the shipped test vectors",
        # no abbreviations: an old '--sleutel KEY' must not be read as a key file's name
        allow_abbrev=False,
    )
    p.add_argument("--url", required=True, help="the API's base URL, e.g. http://127.0.0.1:8000/v1")
    p.add_argument(
        "--sleutelbestand",
        default=None,
        metavar="FILE",
        help=f"a file (mode 0600) holding the API key (default: ${API_SLEUTELBESTAND_OMGEVING}, "
        f"else the key in ${API_SLEUTEL_OMGEVING}); never the key itself",
    )
    p.set_defaults(func=_conformance)
