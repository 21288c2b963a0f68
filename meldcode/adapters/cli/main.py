"""The ``meldcode`` command line: decide, explain, list the rules, print the schema.

Other adapters add their own subcommands through ``SUBCOMMAND_MODULES``: each module there has
``registreer(subparsers)`` and sets ``func`` on its parsers. Output shown to professionals is
Dutch; errors name the field and the value, and never show a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from meldcode._version import __version__
from meldcode.adapters.cli.engines import ENGINES
from meldcode.adapters.cli.profielen import basis_voor, beslisser_voor, voeg_profiel_toe
from meldcode.adapters.json.casus import (
    besluit_naar_dict,
    casus_uit_json,
    dumps,
    fout_naar_dict,
    lees_json_lines,
)
from meldcode.adapters.json.schema import besluit_schema, casus_schema
from meldcode.adapters.profiel import laad_profiel
from meldcode.domain.waarden import Protocol
from meldcode.errors import MeldcodeError, OngeldigeInvoer
from meldcode.rules.basis import regelbasis
from meldcode.rules.model import Regel
from meldcode.rules.uitleg import uitleg

__all__ = ["SUBCOMMAND_MODULES", "bouw_parser", "main", "regel_naar_dict"]

#: modules that add subcommands; each defines ``registreer(subparsers) -> None``
SUBCOMMAND_MODULES: tuple[str, ...] = (
    "meldcode.adapters.cli.diagram",
    "meldcode.adapters.cli.profielen",
    "meldcode.adapters.cli.dossier",
    "meldcode.adapters.cli.evaluatiecijfers",
)

EXIT_OK = 0
EXIT_INVOER = 1
EXIT_GEBRUIK = 2
EXIT_INTERN = 70

Handler = Callable[[argparse.Namespace], int]


def _protocol_arg(value: str) -> Protocol:
    try:
        return Protocol(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"protocol must be 2013 or 2019 (got {value!r})") from None


def _lees_tekst(pad: str) -> str:
    try:
        return Path(pad).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise OngeldigeInvoer([_fout_pad(pad, "file not found")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise OngeldigeInvoer(
            [_fout_pad(pad, f"cannot read file ({type(exc).__name__})")]
        ) from None


def _fout_pad(pad: str, melding: str) -> Any:
    from meldcode.errors import Fout

    return Fout("", repr(pad), f"{pad}: {melding}")


def _beslis(args: argparse.Namespace) -> int:
    beslisser = beslisser_voor(args)
    if args.casus == "-" or args.casus.endswith(".jsonl"):
        bron: TextIO = sys.stdin if args.casus == "-" else open(args.casus, encoding="utf-8")  # noqa: SIM115
        try:
            return _batch(bron, beslisser, args.protocol, sys.stdout)
        finally:
            if bron is not sys.stdin:
                bron.close()
    casus = casus_uit_json(_lees_tekst(args.casus))
    besluit = beslisser(casus, args.protocol)
    print(json.dumps(besluit_naar_dict(besluit), ensure_ascii=False, indent=2))
    return EXIT_OK


def _batch(
    bron: TextIO,
    beslisser: Callable[[Any, Protocol | None], Any],
    protocol: Protocol | None,
    uit: TextIO,
) -> int:
    """Decide JSON Lines: one output line per input line; bad lines become ``{"fout": ...}``."""
    slecht = 0
    for resultaat in lees_json_lines(bron):
        if resultaat.casus is None:
            assert resultaat.fout is not None
            slecht += 1
            uit.write(dumps(fout_naar_dict(resultaat.fout, lijn=resultaat.lijn)) + "\n")
            continue
        uit.write(dumps(besluit_naar_dict(beslisser(resultaat.casus, protocol))) + "\n")
    if slecht:
        print(f'meldcode: {slecht} line(s) rejected; see the "fout" lines', file=sys.stderr)
    return EXIT_INVOER if slecht else EXIT_OK


def _uitleg(args: argparse.Namespace) -> int:
    casus = casus_uit_json(_lees_tekst(args.casus))
    besluit = beslisser_voor(args)(casus, args.protocol)
    sys.stdout.write(uitleg(besluit, basis_voor(args, casus)))
    return EXIT_OK


def regel_naar_dict(regel: Regel) -> dict[str, Any]:
    """A rule as JSON: id, protocols, bron, citaat, condition, conclusion, exceptions."""
    return {
        "id": regel.id,
        "protocollen": sorted(p.value for p in regel.protocollen),
        "bron": str(regel.bron),
        "citaat": regel.citaat,
        "conditie": _conditie(regel.als),
        "conclusie": {
            "beslissingen": sorted(b.value for b in regel.dan.beslissingen),
            "contacten": [p.value for p in regel.dan.contacten],
        },
        "tenzij": sorted(b.value for b in regel.tenzij),
        "toelichting": regel.toelichting,
    }


def _conditie(c: Any) -> Any:
    from meldcode.rules import model as m

    if isinstance(c, m.Antwoord):
        return {"antwoord": c.vraag.value, "in": sorted(w.value for w in c.waarden)}
    if isinstance(c, m.Omstandigheid):
        return {"omstandigheid": c.naam}
    if isinstance(c, m.ErIsSignaal):
        return {"signaal": {"soorten": sorted(s.value for s in c.soorten), "kenmerk": c.kenmerk}}
    if isinstance(c, m.KindLeeftijdVanaf):
        return {"kind_leeftijd_vanaf": c.jaren}
    if isinstance(c, m.KindLeeftijdTot):
        return {"kind_leeftijd_tot": c.jaren}
    if isinstance(c, m.KindOngeboren):
        return {"kind_ongeboren": True}
    if isinstance(c, m.SignaalVan):
        return {"signaal_van": sorted(b.value for b in c.bronnen)}
    if isinstance(c, m.Geconsulteerd):
        return {"geconsulteerd": c.partij.value}
    if isinstance(c, m.Beslist):
        return {"beslist": c.punt.value}
    if isinstance(c, m.Alle):
        return {"alle": [_conditie(d) for d in c.delen]}
    if isinstance(c, m.EenVan):
        return {"een_van": [_conditie(d) for d in c.delen]}
    if isinstance(c, m.Niet):
        return {"niet": _conditie(c.deel)}
    raise TypeError(type(c).__name__)  # pragma: no cover


def _regels(args: argparse.Namespace) -> int:
    profiel = laad_profiel(args.profiel) if args.profiel else None
    if args.protocol:
        protocollen = [args.protocol]
    elif profiel is not None:  # a profile belongs to its era: only its own protocols
        protocollen = sorted(profiel.protocollen, key=lambda p: p.value)
    else:
        protocollen = list(Protocol)
    gezien: dict[str, Regel] = {}
    for p in protocollen:
        basis = regelbasis(p) if profiel is None else profiel.regelbasis(p)
        for r in basis.regels:
            gezien.setdefault(r.id, r)
    if args.json:
        print(
            json.dumps([regel_naar_dict(r) for r in gezien.values()], ensure_ascii=False, indent=2)
        )
        return EXIT_OK
    for r in gezien.values():
        jaren = "+".join(sorted(p.value for p in r.protocollen))
        print(f"{r.id}  [{jaren}]  {r.bron}")
        print(f"    “{r.citaat}”")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    schema = besluit_schema() if args.besluit else casus_schema()
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    map_ = Path(args.map)
    bestanden = sorted(map_.glob("*.json"))
    if not bestanden:
        raise OngeldigeInvoer([_fout_pad(str(map_), "no *.json cases found")])
    status = EXIT_OK
    for pad in bestanden:
        print(f"=== {pad.name} ===")
        try:
            casus = casus_uit_json(pad.read_text(encoding="utf-8"))
        except OngeldigeInvoer as exc:
            print(f"ongeldige casus: {exc}")
            status = EXIT_INVOER
            continue
        besluit = beslisser_voor(args)(casus, args.protocol)
        sys.stdout.write(uitleg(besluit, basis_voor(args, casus)))
        print()
    return status


def bouw_parser() -> argparse.ArgumentParser:
    """The argument parser of ``meldcode``, with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="meldcode",
        description="De meldcode huiselijk geweld en kindermishandeling als regelbasis.",
    )
    parser.add_argument("--version", action="version", version=f"meldcode {__version__}")
    sub = parser.add_subparsers(dest="opdracht", required=True, metavar="OPDRACHT")

    def met_protocol(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--protocol",
            type=_protocol_arg,
            default=None,
            help="2013 or 2019; default: the case's own, else by its date, else 2019",
        )
        p.add_argument("--engine", choices=ENGINES, default="pure", help="evaluation engine")
        voeg_profiel_toe(p)

    p = sub.add_parser("beslis", help="decide a case (JSON) or JSON Lines on stdin ('-')")
    p.add_argument("casus", help="CASE.json, a .jsonl file, or - for JSON Lines on stdin")
    met_protocol(p)
    p.set_defaults(func=_beslis)

    p = sub.add_parser("uitleg", help="explain the decision and its grounds in Dutch")
    p.add_argument("casus", help="CASE.json")
    met_protocol(p)
    p.set_defaults(func=_uitleg)

    p = sub.add_parser("regels", help="list the rule base with sources and quotes")
    p.add_argument("--protocol", type=_protocol_arg, default=None)
    p.add_argument("--json", action="store_true", help="as JSON")
    voeg_profiel_toe(p)
    p.set_defaults(func=_regels)

    p = sub.add_parser("schema", help="print the JSON Schema of a case (or --besluit)")
    p.add_argument("--besluit", action="store_true", help="the schema of a decision instead")
    p.set_defaults(func=_schema)

    p = sub.add_parser("demo", help="decide and explain every case in a folder")
    p.add_argument("map", nargs="?", default="examples/casussen", help="folder of CASE.json files")
    met_protocol(p)
    p.set_defaults(func=_demo)

    for naam in SUBCOMMAND_MODULES:
        importlib.import_module(naam).registreer(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 bad input, 2 usage)."""
    parser = bouw_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.func
    try:
        return handler(args)
    except MeldcodeError as exc:
        print(f"meldcode: {exc}", file=sys.stderr)
        return EXIT_INVOER
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return EXIT_OK
    except Exception as exc:  # pragma: no cover - a bug, not bad input
        if os.environ.get("MELDCODE_DEBUG"):
            raise
        print(
            f"meldcode: internal error ({type(exc).__name__}); rerun with MELDCODE_DEBUG=1 "
            "for details",
            file=sys.stderr,
        )
        return EXIT_INTERN
