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
from meldcode.domain.waarden import Beslispunt, Protocol
from meldcode.rules.waarom_niet import MAX_WIJZIGINGEN, uitleg_waarom_niet, waarom_niet

__all__ = ["registreer"]


def _protocol(value: str) -> Protocol:
    from meldcode.rules.beslis import lees_protocol

    try:
        gelezen = lees_protocol(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"protocol must be 2013 or 2019 (got {value!r})") from None
    assert gelezen is not None
    return gelezen


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
    p = sub.add_parser(
        "waarom-niet",
        help="why a decision was not taken: the smallest changes that would take it",
    )
    p.add_argument("casus", help="CASE.json")
    p.add_argument(
        "--beslissing",
        choices=[b.value for b in Beslispunt],
        default=None,
        help="only this decision (taken or not); default: every decision not taken",
    )
    p.add_argument(
        "--max",
        type=int,
        choices=range(1, 6),
        default=MAX_WIJZIGINGEN,
        metavar="N",
        help=f"changes of at most N answers or facts (1-5, default {MAX_WIJZIGINGEN})",
    )
    p.add_argument("--protocol", type=_protocol, default=None, help="2013 or 2019")
    p.add_argument("--json", action="store_true", help="as JSON")
    voeg_profiel_toe(p)
    p.set_defaults(func=_waarom_niet)
