"""``meldcode evaluatie``: the internal evaluation figures of 003 §1.5.3, per period.

- ``meldcode evaluatie [--db DB] [--periode kwartaal] [--op DATUM]`` counts every dossier of the
  store (``--db``, else ``$MELDCODE_DB``, else ``meldcode-dossiers.sqlite3``), each in the
  period of its first signal;
- ``meldcode evaluatie --besluiten FILE.jsonl`` (``-``: stdin) counts dated decisions, one JSON
  object a line: ``{"datum": "2026-03-02", "besluit": {...}}`` with the decision as
  ``meldcode beslis`` writes it.

The output is a Dutch table (or ``--json``) of counts only: no dossier id, date or text of a
case. Items that cannot be counted are reported (to stderr, or under ``overgeslagen``) and the
others still counted; the exit status is then 1, or 4 when a stored dossier's chain is broken.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO, cast

from attrs import frozen

from meldcode.adapters.cli.dossier import (
    STANDAARD_DB,
    datum_argument,
    db_argument,
    opslag_openen,
    opslagadres,
)
from meldcode.adapters.cli.main import stdin_bytes
from meldcode.adapters.cli.status import EXIT_GEWIJZIGD, EXIT_INVOER, EXIT_OK
from meldcode.adapters.json.casus import besluit_uit_dict, datum_uit_tekst
from meldcode.adapters.json.lezen import lees_json
from meldcode.adapters.json.sleutels import toon_sleutel
from meldcode.adapters.opslag.archief import Archief
from meldcode.domain._validatie import toon
from meldcode.domain.besluit import Besluit
from meldcode.domain.dossier import Dossier
from meldcode.errors import (
    DossierGewijzigd,
    DossierGewist,
    Fout,
    MeldcodeError,
    OngeldigeInvoer,
    OpslagBeschadigd,
)
from meldcode.rules.evaluatiecijfers import (
    TELLINGEN,
    Eenheid,
    Evaluatiecijfers,
    Periode,
    Periodecijfers,
    evaluatiecijfers_uit_besluiten,
    evaluatiecijfers_uit_dossiers,
    kies_periode,
)

__all__ = [
    "Probleem",
    "besluiten_uit_json_lines",
    "cijfers_naar_dict",
    "evaluatie_tekst",
    "registreer",
]

_REGEL_SLEUTELS = ("datum", "besluit")
_PERIODE_NL = {Periode.MAAND: "maand", Periode.KWARTAAL: "kwartaal", Periode.JAAR: "jaar"}


@frozen(kw_only=True)
class Probleem:
    """An item that was not counted: where it was (a line, or a pseudonymous dossier id) and why."""

    fouten: tuple[Fout, ...]
    lijn: int | None = None
    dossier: str | None = None

    def naar_dict(self) -> dict[str, Any]:
        """As JSON: the place, the first problem, and every problem (field, value, message)."""
        eerste = self.fouten[0]
        plek: dict[str, Any] = {"lijn": self.lijn} if self.lijn is not None else {}
        if self.dossier is not None:
            plek["dossier"] = self.dossier
        return {
            **plek,
            "veld": eerste.veld,
            "waarde": eerste.waarde,
            "melding": eerste.melding,
            "fouten": [
                {"veld": f.veld, "waarde": f.waarde, "melding": f.melding} for f in self.fouten
            ],
        }

    def tekst(self) -> str:
        """One line for stderr (a technical message: English)."""
        plek = f"line {self.lijn}" if self.lijn is not None else f"dossier {self.dossier}"
        return f"{plek}: {'; '.join(str(f) for f in self.fouten)}"


# --- reading ---------------------------------------------------------------------------------


def _in_besluit(f: Fout) -> Fout:
    """A problem of the decision, with its path inside the line."""
    if not f.veld:
        return Fout("besluit", f.waarde, f.melding)
    return Fout(f"besluit.{f.veld}", f.waarde, f.melding.replace(f.veld, f"besluit.{f.veld}", 1))


def _regel(tekst: str | bytes) -> tuple[object, Besluit]:
    """One line: the date (as a ``date`` when it parses, else as given) and the decision."""
    return lees_json(tekst, _regel_uit)


def _regel_uit(data: object) -> tuple[object, Besluit]:
    """A decoded line read (``_regel``): every problem of the line at once."""
    if not isinstance(data, dict):
        waarde = f"<{type(data).__name__}>"
        raise OngeldigeInvoer(
            [
                Fout(
                    "",
                    waarde,
                    f'a line must be an object {{"datum": ..., "besluit": ...}} (got {waarde})',
                )
            ]
        )
    fouten: list[Fout] = []
    for sleutel in sorted(data.keys() - set(_REGEL_SLEUTELS)):
        # a key that resembles none may be free text: not shown
        getoond, bedoeld = toon_sleutel(sleutel, _REGEL_SLEUTELS)
        if getoond == "<key>":
            fouten.append(
                Fout("", "<key>", "a line has a key that is not datum or besluit (not shown)")
            )
            continue
        hint = f"; did you mean `{bedoeld}`?" if bedoeld and bedoeld != sleutel else ""
        fouten.append(
            Fout(sleutel, toon(sleutel), f"{sleutel} is not a field of a line (unknown key){hint}")
        )
    besluit: Besluit | None = None
    if "besluit" not in data:
        fouten.append(Fout("besluit", "<missing>", "besluit is required"))
    else:
        try:
            besluit = besluit_uit_dict(data["besluit"])
        except OngeldigeInvoer as exc:
            fouten += [_in_besluit(f) for f in exc.fouten]
    if fouten or besluit is None:
        raise OngeldigeInvoer(fouten)
    datum: object = data.get("datum")
    # exactly ``YYYY-MM-DD``: a week date (``2018-W10-1``) or the basic form is another date's
    # text, not this one's. A date that does not read is passed on as given: the core reports
    # it, with a safe rendering
    return datum_uit_tekst(datum) or datum, besluit


def besluiten_uit_json_lines(
    regels: Iterable[str | bytes],
) -> tuple[list[tuple[object, Besluit]], list[int], list[Probleem]]:
    """Read dated decisions from JSON Lines: the pairs, their line numbers, and the bad lines.

    Blank lines are skipped (they count nothing, and no output line answers an input line
    here). Each line is decoded on its own: bytes that are not UTF-8 spoil that line only. A
    line whose date is missing or wrong is passed on as it is: the core reports it (``datum``),
    so it is judged where every date is judged.
    """
    paren: list[tuple[object, Besluit]] = []
    lijnen: list[int] = []
    problemen: list[Probleem] = []
    for nummer, regel in enumerate(regels, start=1):
        if not regel.strip():
            continue
        try:
            paren.append(_regel(regel))
            lijnen.append(nummer)
        except OngeldigeInvoer as exc:
            problemen.append(Probleem(lijn=nummer, fouten=exc.fouten))
    return paren, lijnen, problemen


def _uit_besluiten(pad: str, periode: Periode) -> tuple[Evaluatiecijfers, list[Probleem]]:
    if pad == "-":
        paren, lijnen, problemen = besluiten_uit_json_lines(stdin_bytes())
    else:
        try:
            with open(pad, "rb") as bron:
                paren, lijnen, problemen = besluiten_uit_json_lines(bron)
        except FileNotFoundError:
            raise OngeldigeInvoer([Fout("", repr(pad), f"{pad}: file not found")]) from None
        except OSError as exc:
            raise OngeldigeInvoer(
                [Fout("", repr(pad), f"{pad}: cannot read file ({type(exc).__name__})")]
            ) from None
    # the core checks the dates (a bad one stays as read); it reports such a pair by position
    cijfers = evaluatiecijfers_uit_besluiten(cast("list[tuple[dt.date, Besluit]]", paren), periode)
    problemen += [Probleem(lijn=lijnen[o.positie], fouten=o.fouten) for o in cijfers.overgeslagen]
    problemen.sort(key=lambda p: p.lijn or 0)
    return cijfers, problemen


def _uit_dossiers(
    adres: str, periode: Periode, op: dt.date | None
) -> tuple[Evaluatiecijfers, list[Probleem], bool]:
    if "://" not in adres and not Path(adres).exists():
        # reading must not create an empty store
        raise OngeldigeInvoer(
            [Fout("db", "<path>", "--db: no dossier store here (nothing was made)")]
        )
    archief = Archief(opslag_openen(adres))
    dossiers: list[Dossier] = []
    problemen: list[Probleem] = []
    gewijzigd = False
    try:
        for naam in archief.dossiers():
            try:
                # counts need no free text: it never enters the figures
                dossiers.append(archief.lees(naam, tekst=False))
            except DossierGewist:
                continue  # erased: nothing left to count
            except DossierGewijzigd as exc:
                gewijzigd = True
                problemen.append(
                    Probleem(dossier=naam, fouten=(Fout("", str(exc.volgnummer), str(exc)),))
                )
            except OpslagBeschadigd:
                raise  # the store itself, not this dossier: its own exit status
            except MeldcodeError as exc:
                fouten = (
                    exc.fouten if isinstance(exc, OngeldigeInvoer) else (Fout("", "", str(exc)),)
                )
                problemen.append(Probleem(dossier=naam, fouten=tuple(fouten)))
    finally:
        archief.sluit()
    cijfers = evaluatiecijfers_uit_dossiers(dossiers, periode, op=op)
    return cijfers, problemen, gewijzigd


# --- writing ---------------------------------------------------------------------------------


def _rij(p: Periodecijfers) -> dict[str, Any]:
    return {
        "periode": p.periode,
        **{t.naam: n for t, n in zip(TELLINGEN, p.tellingen(), strict=True)},
    }


def cijfers_naar_dict(
    cijfers: Evaluatiecijfers, problemen: Iterable[Probleem] = ()
) -> dict[str, Any]:
    """The figures as JSON: what was counted, per period, totals, skipped items, the source."""
    return {
        "eenheid": cijfers.eenheid.value,
        "periode": cijfers.periode.value,
        "op": cijfers.op.isoformat() if cijfers.op else None,
        "perioden": [_rij(p) for p in cijfers.perioden],
        "totaal": _rij(cijfers.totaal),
        "overgeslagen": [p.naar_dict() for p in problemen],
        "bron": str(cijfers.bron),
        "citaat": cijfers.citaat,
    }


def evaluatie_tekst(cijfers: Evaluatiecijfers, overgeslagen: int = 0) -> str:
    """The figures as a Dutch table for the zorgcoördinator, with what each column counts."""
    geteld = "dossiers" if cijfers.eenheid is Eenheid.DOSSIER else "besluiten"
    kop = f"Interne evaluatie van de meldcode per {_PERIODE_NL[cijfers.periode]} ({geteld}"
    kop += f", gebeurtenissen tot en met {cijfers.op.isoformat()})" if cijfers.op else ")"
    regels = [kop, ""]
    koppen = ["periode", *(t.kop for t in TELLINGEN)]
    rijen = [[p.periode, *map(str, p.tellingen())] for p in (*cijfers.perioden, cijfers.totaal)]
    breedtes = [max(len(r[i]) for r in [koppen, *rijen]) for i in range(len(koppen))]

    def opmaak(r: list[str]) -> str:
        eerste = r[0].ljust(breedtes[0])
        return "  ".join([eerste, *(w.rjust(b) for w, b in zip(r[1:], breedtes[1:], strict=True))])

    regels.append(opmaak(koppen))
    regels += [opmaak(r) for r in rijen[:-1]]
    regels.append("-" * len(opmaak(koppen)))
    regels.append(opmaak(rijen[-1]))
    if not cijfers.perioden:
        regels.append(f"Geen {geteld} om te tellen.")
    regels += ["", "Betekenis van de kolommen:"]
    breedte = max(len(t.kop) for t in TELLINGEN)
    regels += [f"  {t.kop.ljust(breedte)}  {t.uitleg(cijfers.eenheid)}" for t in TELLINGEN]
    if overgeslagen:
        regels.append(f"Niet geteld: {overgeslagen} (zie de foutmeldingen).")
    regels += ["", f"Bron: {cijfers.bron}"]
    regels += textwrap.wrap(f"“{cijfers.citaat}”", 96, initial_indent="  ", subsequent_indent="  ")
    return "\n".join(regels) + "\n"


# --- the command -----------------------------------------------------------------------------


def _periode(value: str) -> Periode:
    try:
        return kies_periode(value)
    except OngeldigeInvoer as exc:
        raise argparse.ArgumentTypeError(str(exc.fouten[0].melding)) from None


def _evaluatie(args: argparse.Namespace) -> int:
    gewijzigd = False
    if args.besluiten is not None:
        if args.op is not None:
            raise OngeldigeInvoer(
                [Fout("op", args.op.isoformat(), "--op applies to dossiers, not to --besluiten")]
            )
        cijfers, problemen = _uit_besluiten(args.besluiten, args.periode)
    else:
        adres = opslagadres(args.db)
        cijfers, problemen, gewijzigd = _uit_dossiers(adres, args.periode, args.op)
    uit: TextIO = sys.stdout
    if args.json:
        uit.write(json.dumps(cijfers_naar_dict(cijfers, problemen), ensure_ascii=False, indent=2))
        uit.write("\n")
    else:
        uit.write(evaluatie_tekst(cijfers, len(problemen)))
    for p in problemen:
        print(f"meldcode: not counted: {p.tekst()}", file=sys.stderr)
    if gewijzigd:
        return EXIT_GEWIJZIGD
    return EXIT_INVOER if problemen else EXIT_OK


def registreer(subparsers: Any) -> None:
    """Add ``evaluatie`` to the ``meldcode`` command line."""
    p = subparsers.add_parser(
        "evaluatie",
        help="evaluation figures per period: suspicions, how handled, how many reported",
    )
    bron = p.add_mutually_exclusive_group()
    bron.add_argument(
        "--db",
        type=db_argument,
        default=None,
        help=f"SQLite file or postgresql:// URL (default: $MELDCODE_DB, else {STANDAARD_DB})",
    )
    bron.add_argument(
        "--besluiten",
        default=None,
        metavar="FILE.jsonl",
        help='dated decisions instead, one {"datum": ..., "besluit": ...} a line (- for stdin)',
    )
    p.add_argument(
        "--periode",
        type=_periode,
        default=Periode.KWARTAAL,
        help="maand, kwartaal or jaar (default: kwartaal)",
    )
    p.add_argument(
        "--op",
        type=datum_argument,
        default=None,
        help="count only dossier events dated up to this day (default: all)",
    )
    p.add_argument("--json", action="store_true", help="as JSON")
    p.set_defaults(func=_evaluatie)
