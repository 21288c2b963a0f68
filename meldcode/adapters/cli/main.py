"""The ``meldcode`` command line: decide, explain, list the rules, print the schema.

Other adapters add their own subcommands through ``SUBCOMMAND_MODULES``: each module there has
``registreer(subparsers)`` and sets ``func`` on its parsers. Output shown to professionals is
Dutch; errors name the field and the value, and never show a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from meldcode._version import __version__
from meldcode.adapters.cli.engines import ENGINES, EngineFunctie
from meldcode.adapters.cli.profielen import basis_voor, beslisser_voor, voeg_profiel_toe
from meldcode.adapters.cli.status import (
    EXIT_AFHANKELIJKHEID,
    EXIT_GEBRUIK,
    EXIT_GEWIJZIGD,
    EXIT_INTERN,
    EXIT_INVOER,
    EXIT_OK,
    EXIT_OPSLAG,
)
from meldcode.adapters.json.casus import (
    Resultaat,
    besluit_naar_dict,
    casus_uit_json,
    dumps,
    fout_naar_dict,
    lees_json_lines,
)
from meldcode.adapters.json.plausibiliteit import (
    Waarschuwing,
    casus_waarschuwingen,
    met_waarschuwingen,
    waarschuwingen_tekst,
)
from meldcode.domain.besluit import Besluit
from meldcode.domain.casus import Casus
from meldcode.domain.waarden import Protocol
from meldcode.errors import (
    DossierGewijzigd,
    EngineNietBeschikbaar,
    Fout,
    MeldcodeError,
    OngeldigeInvoer,
    OpslagBeschadigd,
)
from meldcode.rules.beslis import lees_protocol

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from meldcode.rules.model import Regel

# A command imports what it needs when it runs (``meldcode beslis`` loads neither the profiles,
# the schemas, the explanations nor the modules of the other subcommands): a cold process
# costs little more than the core's own dependencies.

__all__ = [
    "EXIT_GEBRUIK",
    "EXIT_INTERN",
    "EXIT_INVOER",
    "EXIT_OK",
    "SUBCOMMAND_MODULES",
    "bouw_parser",
    "main",
    "regel_naar_dict",
]

#: modules that add subcommands; each defines ``registreer(subparsers) -> None``
SUBCOMMAND_MODULES: tuple[str, ...] = (
    "meldcode.adapters.cli.diagram",
    "meldcode.adapters.cli.profielen",
    "meldcode.adapters.cli.dossier",
    "meldcode.adapters.cli.evaluatiecijfers",
    "meldcode.adapters.cli.serve",
    "meldcode.adapters.cli.conformance",
    "meldcode.adapters.cli.waarom_niet",
    "meldcode.adapters.cli.privacy",
)

Handler = Callable[[argparse.Namespace], int]


def protocol_argument(value: str) -> Protocol:
    """An argparse type: ``2013`` or ``2019``, else a usage error showing ``toon`` of the value."""
    try:
        gekozen = lees_protocol(value)
    except OngeldigeInvoer:
        gekozen = None
    if gekozen is None:
        from meldcode.domain._validatie import toon

        # as ``--profiel`` shows it: a name typed here is shown only as ``<str>``
        raise argparse.ArgumentTypeError(f"protocol must be 2013 or 2019 (got {toon(value)})")
    return gekozen


def lees_bestand(pad: str) -> bytes:
    """The bytes of file ``pad``; ``OngeldigeInvoer`` (naming the path) when it cannot be read.

    Bytes, not text: the JSON reader decodes them, so a byte-order mark is accepted and bytes
    that are not UTF-8 are an error of the input, not of the command.
    """
    try:
        return Path(pad).read_bytes()
    except FileNotFoundError:
        raise OngeldigeInvoer([_fout_pad(pad, "file not found")]) from None
    except OSError as exc:
        raise OngeldigeInvoer(
            [_fout_pad(pad, f"cannot read file ({type(exc).__name__})")]
        ) from None


def _fout_pad(pad: str, melding: str) -> Fout:
    return Fout("", repr(pad), f"{pad}: {melding}")


def stdin_bytes() -> BinaryIO | TextIO:
    """Standard input as bytes when it has them, so each line is decoded on its own."""
    buffer: BinaryIO | None = getattr(sys.stdin, "buffer", None)
    return buffer if buffer is not None else sys.stdin


def _is_batch(pad: str) -> bool:
    return pad == "-" or pad.endswith(".jsonl")


@contextlib.contextmanager
def _json_lines(pad: str) -> Iterator[Iterable[str | bytes]]:
    """The lines of ``-`` (standard input) or of a ``.jsonl`` file, as bytes."""
    if pad == "-":
        yield stdin_bytes()
        return
    try:
        bron = open(pad, "rb")  # noqa: SIM115 - closed below, after the last line
    except FileNotFoundError:
        raise OngeldigeInvoer([_fout_pad(pad, "file not found")]) from None
    except OSError as exc:
        raise OngeldigeInvoer(
            [_fout_pad(pad, f"cannot read file ({type(exc).__name__})")]
        ) from None
    with bron:
        yield bron


def _beslist(
    beslisser: EngineFunctie, casus: Casus, protocol: Protocol | None, vandaag: dt.date
) -> tuple[Besluit, tuple[Waarschuwing, ...]]:
    return beslisser(casus, protocol), casus_waarschuwingen(casus, vandaag=vandaag)


def _beslis(args: argparse.Namespace) -> int:
    beslisser = beslisser_voor(args)
    vandaag = dt.date.today()
    if _is_batch(args.casus):
        with _json_lines(args.casus) as regels:
            return _batch(regels, beslisser, args.protocol, sys.stdout, vandaag)
    casus = casus_uit_json(lees_bestand(args.casus))
    besluit, waarschuwingen = _beslist(beslisser, casus, args.protocol, vandaag)
    data = met_waarschuwingen(besluit_naar_dict(besluit), waarschuwingen)
    print(json.dumps(data, ensure_ascii=False, indent=2))
    _meld_waarschuwingen(waarschuwingen)
    return EXIT_OK


def _meld_waarschuwingen(waarschuwingen: Iterable[Waarschuwing], plek: str = "") -> None:
    for w in waarschuwingen:
        print(f"meldcode: warning{plek}: {w.code}", file=sys.stderr)


def _beslis_regel(
    resultaat: Resultaat, beslisser: EngineFunctie, protocol: Protocol | None, vandaag: dt.date
) -> tuple[Besluit, tuple[Waarschuwing, ...]] | OngeldigeInvoer:
    """Decide one read line, or the error that keeps it from being decided."""
    if resultaat.casus is None:
        assert resultaat.fout is not None
        return resultaat.fout
    try:
        return _beslist(beslisser, resultaat.casus, protocol, vandaag)
    except OngeldigeInvoer as exc:  # e.g. a profile that does not cover this case's protocol
        return exc


def _batch(
    regels: Iterable[str | bytes],
    beslisser: EngineFunctie,
    protocol: Protocol | None,
    uit: TextIO,
    vandaag: dt.date | None = None,
) -> int:
    """Decide JSON Lines: exactly one output line per input line, a bad one as ``{"fout": ...}``.

    A blank line is bad input too (see ``lees_json_lines``), so the n-th output line always
    answers the n-th input line. ``vandaag`` (default: the clock's) judges future dates.
    """
    vandaag = vandaag or dt.date.today()
    slecht = 0
    for resultaat in lees_json_lines(regels):
        uitkomst = _beslis_regel(resultaat, beslisser, protocol, vandaag)
        if isinstance(uitkomst, OngeldigeInvoer):
            slecht += 1
            fout = fout_naar_dict(uitkomst, lijn=resultaat.lijn, referentie=resultaat.referentie)
            uit.write(dumps(fout) + "\n")
            continue
        besluit, waarschuwingen = uitkomst
        uit.write(dumps(met_waarschuwingen(besluit_naar_dict(besluit), waarschuwingen)) + "\n")
    if slecht:
        print(f'meldcode: {slecht} line(s) rejected; see the "fout" lines', file=sys.stderr)
    return EXIT_INVOER if slecht else EXIT_OK


def _uitleg(args: argparse.Namespace) -> int:
    vandaag = dt.date.today()
    if _is_batch(args.casus):
        with _json_lines(args.casus) as regels:
            return _uitleg_batch(args, regels, vandaag)
    casus = casus_uit_json(lees_bestand(args.casus))
    besluit, waarschuwingen = _beslist(beslisser_voor(args), casus, args.protocol, vandaag)
    from meldcode.rules.uitleg import uitleg

    sys.stdout.write(uitleg(besluit, basis_voor(args, casus)))
    sys.stdout.write(waarschuwingen_tekst(waarschuwingen))
    return EXIT_OK


def _uitleg_batch(args: argparse.Namespace, regels: Iterable[str | bytes], vandaag: dt.date) -> int:
    """One explanation per line, each under a ``=== lijn N ===`` heading; errors to stderr."""
    beslisser = beslisser_voor(args)
    slecht = 0
    for resultaat in lees_json_lines(regels):
        kop = f"=== lijn {resultaat.lijn}"
        kop += f" ({resultaat.referentie}) ===" if resultaat.referentie else " ==="
        print(kop)
        uitkomst = _beslis_regel(resultaat, beslisser, args.protocol, vandaag)
        if isinstance(uitkomst, OngeldigeInvoer):
            slecht += 1
            print("Niet beslist: deze regel is ongeldig (zie de foutmelding).\n")
            print(f"meldcode: line {resultaat.lijn}: {uitkomst}", file=sys.stderr)
            continue
        besluit, waarschuwingen = uitkomst
        assert resultaat.casus is not None
        from meldcode.rules.uitleg import uitleg

        sys.stdout.write(uitleg(besluit, basis_voor(args, resultaat.casus)))
        sys.stdout.write(waarschuwingen_tekst(waarschuwingen))
        print()
    if slecht:
        print(f"meldcode: {slecht} line(s) rejected", file=sys.stderr)
    return EXIT_INVOER if slecht else EXIT_OK


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
    from meldcode.adapters.profiel import laad_profiel
    from meldcode.rules.basis import regelbasis
    from meldcode.rules.versies import PROTOCOLLEN

    profiel = laad_profiel(args.profiel) if args.profiel else None
    if args.protocol:
        protocollen = [args.protocol]
    elif profiel is not None:  # a profile belongs to its era: only its own protocols
        protocollen = sorted(profiel.protocollen, key=lambda p: p.value)
    else:
        protocollen = list(PROTOCOLLEN)
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
    if args.gebeurtenis:
        from meldcode.adapters.json.schema import gebeurtenis_schema

        schema = gebeurtenis_schema()
    else:
        from meldcode.adapters.json.schema import besluit_schema, casus_schema

        schema = besluit_schema() if args.besluit else casus_schema()
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return EXIT_OK


def voorbeelden() -> Traversable:
    """The example cases shipped with meldcode (``meldcode demo`` without a folder)."""
    from importlib import resources

    return resources.files("meldcode").joinpath("voorbeelden")


def _demo(args: argparse.Namespace) -> int:
    map_: Traversable | Path = voorbeelden() if args.map is None else Path(args.map)
    if isinstance(map_, Path) and not map_.is_dir():
        raise OngeldigeInvoer([_fout_pad(str(map_), "not a folder")])
    bestanden = sorted(
        (p for p in map_.iterdir() if p.name.endswith(".json")), key=lambda p: p.name
    )
    if not bestanden:
        raise OngeldigeInvoer([_fout_pad(str(map_), "no *.json cases found")])
    status = EXIT_OK
    vandaag = dt.date.today()
    for pad in bestanden:
        print(f"=== {pad.name} ===")
        try:
            casus = casus_uit_json(pad.read_bytes())
        except OngeldigeInvoer as exc:
            print("Ongeldige casus (zie de foutmelding).\n")
            print(f"meldcode: {pad.name}: {exc}", file=sys.stderr)
            status = EXIT_INVOER
            continue
        besluit, waarschuwingen = _beslist(beslisser_voor(args), casus, args.protocol, vandaag)
        from meldcode.rules.uitleg import uitleg

        sys.stdout.write(uitleg(besluit, basis_voor(args, casus)))
        sys.stdout.write(waarschuwingen_tekst(waarschuwingen))
        print()
    return status


_KERN = ("beslis", "uitleg", "regels", "schema", "demo")


def _breedte() -> int:
    """The terminal's width, as ``shutil.get_terminal_size`` gives it.

    ``COLUMNS`` when it is a positive number, else the width of standard output's terminal,
    else 80.
    """
    with contextlib.suppress(ValueError):
        if (kolommen := int(os.environ.get("COLUMNS", "0"))) > 0:
            return kolommen
    uit = sys.__stdout__
    with contextlib.suppress(AttributeError, ValueError, OSError):
        if uit is not None and (kolommen := os.get_terminal_size(uit.fileno()).columns) > 0:
            return kolommen
    return 80


class _Opmaak(argparse.HelpFormatter):
    """argparse's help formatter at the terminal's width, measured without ``shutil``.

    argparse imports ``shutil`` (and with it the compression modules) for the width on every
    parser it builds, a twentieth of a cold ``meldcode beslis``; the help looks the same.
    """

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_breedte() - 2)  # as argparse narrows the width itself


class _Parser(argparse.ArgumentParser):
    """``argparse.ArgumentParser`` with ``_Opmaak`` as its formatter (and its subcommands').

    A value typed on the command line appears in its errors only as ``toon`` shows it, as in
    every other error of meldcode: argparse itself quotes a bad choice or number as typed, and
    a value typed in the wrong place may be a name or a phone number.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Opmaak)
        super().__init__(*args, **kwargs)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is not None and value not in action.choices:
            from meldcode.domain._validatie import toon

            keuzes = ", ".join(map(repr, action.choices))
            raise argparse.ArgumentError(
                action, f"invalid choice: {toon(value)} (choose from {keuzes})"
            )

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError as exc:
            from meldcode.domain._validatie import toon

            melding = exc.message.replace(repr(arg_string), toon(arg_string))
            raise argparse.ArgumentError(action, melding) from None


def bouw_parser(
    *, uitbreidingen: bool = True, alleen: str | None = None
) -> argparse.ArgumentParser:
    """The argument parser of ``meldcode``, with every registered subcommand.

    ``uitbreidingen=False`` leaves out the subcommands of ``SUBCOMMAND_MODULES`` (not imported);
    ``alleen`` names the one core subcommand to build (a command line that starts with it needs
    no other: ``meldcode beslis --help`` is the same, and a cold start is cheaper).
    """

    def wil(naam: str) -> bool:
        return alleen is None or alleen == naam

    parser = _Parser(
        prog="meldcode",
        description="De meldcode huiselijk geweld en kindermishandeling als regelbasis.",
    )
    parser.add_argument("--version", action="version", version=f"meldcode {__version__}")
    sub = parser.add_subparsers(dest="opdracht", required=True, metavar="OPDRACHT")

    def met_protocol(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--protocol",
            type=protocol_argument,
            default=None,
            help="2013 or 2019; default: the case's own, else by its date, else 2019",
        )
        p.add_argument("--engine", choices=ENGINES, default="pure", help="evaluation engine")
        voeg_profiel_toe(p)

    casusopdrachten: tuple[tuple[str, str, Handler], ...] = (
        ("beslis", "decide a case (JSON) or JSON Lines on stdin ('-')", _beslis),
        ("uitleg", "explain the decision and its grounds in Dutch", _uitleg),
    )
    for naam, hulp, handler in casusopdrachten:
        if wil(naam):
            p = sub.add_parser(naam, help=hulp)
            p.add_argument(
                "casus",
                help="CASE.json, or a .jsonl file or - (stdin): JSON Lines, one case a line",
            )
            met_protocol(p)
            p.set_defaults(func=handler)

    if wil("regels"):
        p = sub.add_parser("regels", help="list the rule base with sources and quotes")
        p.add_argument("--protocol", type=protocol_argument, default=None)
        p.add_argument("--json", action="store_true", help="as JSON")
        voeg_profiel_toe(p)
        p.set_defaults(func=_regels)

    if wil("schema"):
        p = sub.add_parser(
            "schema", help="print the JSON Schema of a case (or --besluit, or --gebeurtenis)"
        )
        welk = p.add_mutually_exclusive_group()
        welk.add_argument("--besluit", action="store_true", help="the schema of a decision instead")
        welk.add_argument(
            "--gebeurtenis", action="store_true", help="the schema of a dossier event instead"
        )
        p.set_defaults(func=_schema)

    if wil("demo"):
        p = sub.add_parser(
            "demo", help="decide and explain the example cases, or those in a folder"
        )
        p.add_argument(
            "map",
            nargs="?",
            default=None,
            help="folder of CASE.json files (default: the example cases shipped with meldcode)",
        )
        met_protocol(p)
        p.set_defaults(func=_demo)

    if uitbreidingen:
        for naam in SUBCOMMAND_MODULES:
            importlib.import_module(naam).registreer(sub)
    return parser


def _status(exc: MeldcodeError) -> int:
    """The exit status of an error meldcode raised on purpose (see ``cli.status``)."""
    if isinstance(exc, OpslagBeschadigd):
        return EXIT_OPSLAG
    if isinstance(exc, EngineNietBeschikbaar):
        return EXIT_AFHANKELIJKHEID
    if isinstance(exc, DossierGewijzigd):
        return EXIT_GEWIJZIGD
    return EXIT_INVOER


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (see ``meldcode.adapters.cli.status``).

    Usage errors exit with 2 through argparse (``SystemExit``); every error meldcode raises on
    purpose gets its own status and a one-line message, never a traceback.
    """
    woorden = sys.argv[1:] if argv is None else list(argv)
    opdracht = next((w for w in woorden if not w.startswith("-")), None)
    parser = bouw_parser(
        uitbreidingen=opdracht not in _KERN,
        alleen=woorden[0] if woorden and woorden[0] in _KERN else None,
    )
    args = parser.parse_args(woorden)
    handler: Handler = args.func
    try:
        return handler(args)
    except MeldcodeError as exc:
        print(f"meldcode: {exc}", file=sys.stderr)
        return _status(exc)
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
