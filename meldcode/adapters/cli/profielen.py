"""Command line parts for the routes: ``--profiel`` and ``meldcode profielen``.

``beslis`` and ``uitleg`` take ``--profiel NAME|FILE`` (a shipped profile such as ``vcog`` or
``fedra``, or a TOML file); ``meldcode profielen`` lists the shipped profiles. The coverage table
``docs/coverage.md`` is a maintainer's file: ``scripts/generate.py`` writes it.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from meldcode.adapters.cli.engines import EngineFunctie, engine, engine_met_basis

if TYPE_CHECKING:  # imported where used: ``meldcode beslis`` without a profile needs none
    from meldcode.domain.besluit import Besluit
    from meldcode.domain.casus import Casus
    from meldcode.domain.waarden import Protocol
    from meldcode.rules.model import Regelbasis
    from meldcode.rules.profiel import Profiel

__all__ = ["basis_voor", "beslisser_voor", "registreer", "voeg_profiel_toe"]


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


def beslisser_voor(args: argparse.Namespace) -> EngineFunctie:
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


def registreer(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``profielen`` to the ``meldcode`` command."""
    p = sub.add_parser("profielen", help="list the organisation profiles shipped with meldcode")
    p.set_defaults(func=_profielen)
