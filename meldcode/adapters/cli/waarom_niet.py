"""``meldcode waarom-niet CASE.json``: why a decision was not taken, and what would take it.

For each decision the case does not get (or the one named with ``--beslissing``, taken or not),
the smallest changes of answers or facts that would change it, each with the rules that would
then fire, as Dutch text or (``--json``) as data.
"""

from __future__ import annotations

import argparse
import json
import sys

from meldcode.adapters.cli.profielen import basis_voor, voeg_profiel_toe
from meldcode.adapters.json.casus import casus_uit_json
from meldcode.adapters.json.waarom_niet import waarom_niet_naar_dict
from meldcode.domain.waarden import Beslispunt
from meldcode.rules.waarom_niet import MAX_WIJZIGINGEN, uitleg_waarom_niet, waarom_niet

__all__ = ["registreer"]


_BESLISSINGEN = tuple(b.value for b in Beslispunt)


def _beslissing(value: str) -> str:
    """``--beslissing``: a decision's name; argparse's own ``choices`` would echo a wrong one."""
    if value not in _BESLISSINGEN:
        from meldcode.domain._validatie import toon

        raise argparse.ArgumentTypeError(
            f"beslissing must be one of {', '.join(_BESLISSINGEN)} (got {toon(value)})"
        )
    return value


def _max(value: str) -> int:
    """``--max``: 1 to 5; argparse's ``int`` and ``choices`` would echo a wrong value."""
    if value.isascii() and value.isdigit() and 1 <= int(value) <= 5:
        return int(value)
    from meldcode.domain._validatie import toon

    raise argparse.ArgumentTypeError(f"max must be a whole number from 1 to 5 (got {toon(value)})")


def _waarom_niet(args: argparse.Namespace) -> int:
    from meldcode.adapters.cli.main import lees_bestand

    casus = casus_uit_json(lees_bestand(args.casus))
    basis = basis_voor(args, casus)
    resultaten = waarom_niet(
        casus,
        basis.protocol,
        basis=basis,
        beslissingen=None if args.beslissing is None else [args.beslissing],
        max_wijzigingen=args.max,
    )
    if args.json:
        print(json.dumps(waarom_niet_naar_dict(resultaten, basis), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(uitleg_waarom_niet(resultaten, basis))
    return 0


def registreer(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``meldcode waarom-niet`` to the command line."""
    from meldcode.adapters.cli.main import protocol_argument  # loaded: it builds the parser

    p = sub.add_parser(
        "waarom-niet",
        help="why a decision was not taken: the smallest changes that would take it",
    )
    p.add_argument("casus", help="CASE.json")
    p.add_argument(
        "--beslissing",
        type=_beslissing,
        metavar="{" + ",".join(_BESLISSINGEN) + "}",
        default=None,
        help="only this decision (taken or not); default: every decision not taken",
    )
    p.add_argument(
        "--max",
        type=_max,
        default=MAX_WIJZIGINGEN,
        metavar="N",
        help=f"changes of at most N answers or facts (1-5, default {MAX_WIJZIGINGEN})",
    )
    p.add_argument("--protocol", type=protocol_argument, default=None, help="2013 or 2019")
    p.add_argument("--json", action="store_true", help="as JSON")
    voeg_profiel_toe(p)
    p.set_defaults(func=_waarom_niet)
