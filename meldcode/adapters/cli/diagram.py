"""``meldcode diagram``: print the rule base of one protocol as a Mermaid or DOT flowchart."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from meldcode.adapters.diagram import FORMATEN, teken
from meldcode.domain.waarden import Protocol
from meldcode.rules.versies import PROTOCOLLEN

__all__ = ["registreer"]


def _diagram(args: argparse.Namespace) -> int:
    sys.stdout.write(teken(args.protocol, args.format))
    return 0


def registreer(subparsers: Any) -> None:
    """Add the ``diagram`` subcommand to the ``meldcode`` command line."""
    p = subparsers.add_parser(
        "diagram", help="draw the rule base as a flowchart (Mermaid or Graphviz DOT)"
    )
    p.add_argument(
        "--protocol",
        choices=[v.value for v in PROTOCOLLEN],
        default=Protocol.P2019.value,
        help="which rule base to draw (default: 2019)",
    )
    p.add_argument("--format", choices=FORMATEN, default="mermaid", help="output format")
    p.set_defaults(func=_diagram)
