"""Command line parts for the routes: ``--profiel``, ``meldcode profielen``, ``meldcode dekking``.

``beslis`` and ``uitleg`` take ``--profiel NAME|FILE`` (a shipped profile such as ``vcog`` or
``fedra``, or a TOML file); ``meldcode profielen`` lists the shipped profiles; ``meldcode
dekking`` writes the coverage table ``docs/coverage.md`` (``--check``: fail when it is stale).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from meldcode.adapters.cli.engines import Beslisser, engine, engine_met_basis

if TYPE_CHECKING:  # imported where used: ``meldcode beslis`` without a profile needs none
    from meldcode.domain.besluit import Besluit
    from meldcode.domain.casus import Casus
    from meldcode.domain.waarden import Protocol
    from meldcode.rules.model import Regelbasis
    from meldcode.rules.profiel import Profiel

__all__ = ["basis_voor", "beslisser_voor", "registreer", "voeg_profiel_toe"]

DEKKING = "docs/coverage.md"


def voeg_profiel_toe(p: argparse.ArgumentParser) -> None:
    """Add ``--profiel NAME|FILE`` to a subcommand."""
    p.add_argument(
        "--profiel",
        default=None,
        metavar="NAME|FILE",
        help="an organisation profile: a shipped one (see 'meldcode profielen') or a .toml file",
    )


def _profiel(args: argparse.Namespace) -> Profiel | None:
    naam: str | None = getattr(args, "profiel", None)
    if naam is None:
        return None
    from meldcode.adapters.profiel import laad_profiel

    return laad_profiel(naam)


def beslisser_voor(args: argparse.Namespace) -> Beslisser:
    """The decide function for ``--engine`` and ``--profiel`` (any engine takes a profile)."""
    profiel = _profiel(args)
    if profiel is None:
        return engine(args.engine)
    met_basis = engine_met_basis(args.engine)
    from meldcode.rules.versies import kies_protocol

    def met_profiel(casus: Casus, protocol: Protocol | None) -> Besluit:
        return met_basis(casus, protocol, basis=profiel.regelbasis(kies_protocol(casus, protocol)))

    return met_profiel


def basis_voor(args: argparse.Namespace, casus: Casus) -> Regelbasis:
    """The rule base that decides ``casus`` (with the profile, when one is given)."""
    from meldcode.rules.basis import regelbasis
    from meldcode.rules.versies import kies_protocol

    protocol = kies_protocol(casus, args.protocol)
    profiel = _profiel(args)
    return regelbasis(protocol) if profiel is None else profiel.regelbasis(protocol)


def _profielen(args: argparse.Namespace) -> int:
    from meldcode.adapters.profiel import beschikbare_profielen, laad_profiel

    for naam in beschikbare_profielen():
        p = laad_profiel(naam)
        jaren = "+".join(sorted(x.value for x in p.protocollen))
        print(f"{p.naam}  [{jaren}]  {p.titel}  ({len(p.regels)} regels, bron {p.bron})")
    return 0


def _dekking(args: argparse.Namespace) -> int:
    from meldcode.adapters.dekking import dekking_markdown

    tekst = dekking_markdown()
    pad = Path(args.uit)
    if args.check:
        huidig = pad.read_text(encoding="utf-8") if pad.is_file() else ""
        if huidig != tekst:
            print(f"meldcode: {pad} is stale; run 'meldcode dekking'", file=sys.stderr)
            return 1
        return 0
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_text(tekst, encoding="utf-8")
    print(f"written: {pad}")
    return 0


def registreer(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``profielen`` and ``dekking`` to the ``meldcode`` command."""
    p = sub.add_parser("profielen", help="list the organisation profiles shipped with meldcode")
    p.set_defaults(func=_profielen)
    p = sub.add_parser("dekking", help=f"write the coverage table ({DEKKING})")
    p.add_argument("--uit", default=DEKKING, help=f"where to write it (default {DEKKING})")
    p.add_argument("--check", action="store_true", help="fail when the file is stale")
    p.set_defaults(func=_dekking)
