"""``meldcode privacy ...``: retention, erasure, access exports and the key of the free text.

- ``meldcode privacy verlopen --profiel P [--op DATUM] [--uitschrijvingen FILE.json]`` lists the
  dossiers past the profile's retention period (``--op``: the date, default today);
- ``meldcode privacy opschonen --profiel P [--op DATUM] [--bevestig]`` erases them (without
  ``--bevestig`` it only shows what it would erase);
- ``meldcode privacy wis DOSSIER --bevestig [--grond verzoek|bewaartermijn] [--op DATUM]`` erases
  one dossier (an honoured request; or re-applying an erasure after restoring a backup);
- ``meldcode privacy wissingen`` lists the erased dossiers (the register of erasures);
  ``meldcode privacy opruimen`` rebuilds the store's files when an erasure could not (another
  connection kept the store busy);
- ``meldcode privacy inzage DOSSIER --voor ouder|leerling [--leeftijd N] [--formaat html|json]
  [-o FILE]`` writes the access export, and logs it (with ``-o`` only once the file is written:
  a file that cannot be written is bad input, exit 1, and nothing is logged); ``--leeftijd`` is
  a whole number from 0 to 30, as a case's age; ``meldcode privacy inzagelog [DOSSIER]`` lists
  the exports handed out;
- ``meldcode privacy sleutel PAD`` creates a key file (mode 0600) for the free text; a path
  where one exists, or that cannot be written, is bad input.

The key of the free text comes from ``$MELDCODE_TEKSTSLEUTELBESTAND`` (a key file) or
``$MELDCODE_TEKSTSLEUTEL``, never from an argument. ``--uitschrijvingen`` is a JSON object
mapping a dossier id to the date its pupil left (``{"lln-0042": "2026-07-15"}``), for a rule
counted from ``uitschrijving``. Output for professionals is Dutch; no free text of a case is
ever printed except in the access export itself.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from meldcode.adapters.cli.dossier import (
    STANDAARD_DB,
    datum_argument,
    db_argument,
    opslag_openen,
    opslagadres,
)
from meldcode.adapters.cli.getallen import Geheel
from meldcode.adapters.cli.uitvoer import (
    ArchiefMetUitgesteldLog,
    Uitvoer,
    bestandsfout,
    reden,
    uitvoer_optie,
)
from meldcode.adapters.json.casus import datum_uit_tekst
from meldcode.adapters.json.lezen import laad_json
from meldcode.adapters.opslag.versleuteling import (
    SLEUTEL_OMGEVING,
    SLEUTELBESTAND_OMGEVING,
    schrijf_sleutelbestand,
    sleutel_uit_omgeving,
)
from meldcode.adapters.opslag.wissing import Wisgrond, Wissing
from meldcode.adapters.privacy import (
    FORMATEN,
    Bewaaroverzicht,
    inzage,
    opschonen,
    termijn_van,
    verlopen,
    wis,
)
from meldcode.adapters.profiel import laad_profiel
from meldcode.domain._validatie import is_pseudoniem, toon
from meldcode.domain.casus import MAX_LEEFTIJD
from meldcode.errors import Fout, OngeldigeInvoer
from meldcode.rules.inzage import Aanvrager, Achterhouding

__all__ = ["lees_uitschrijvingen", "registreer"]

EXIT_OK = 0
#: ``--leeftijd``: an age as a case states one (16 or older for a pupil's own request)
LEEFTIJD = Geheel(0, MAX_LEEFTIJD)
_NIET_OPGERUIMD = (
    "Let op: een andere verbinding hield de opslag bezet, de bestanden zijn nog niet opnieuw "
    "opgebouwd; herhaal 'meldcode privacy opruimen' later om restanten te verwijderen."
)


def _archief(args: argparse.Namespace) -> ArchiefMetUitgesteldLog:
    """The store's archive; it logs an access export only when ``log_uitgesteld`` is called."""
    adres = opslagadres(args.db)
    if "://" not in adres and not Path(adres).exists():
        # these commands act on an existing store: never create an empty one
        raise OngeldigeInvoer(
            [Fout("db", "<path>", "--db: no dossier store here (nothing was made)")]
        )
    return ArchiefMetUitgesteldLog(opslag_openen(adres), sleutel=sleutel_uit_omgeving())


def lees_uitschrijvingen(pad: str | None) -> dict[str, dt.date]:
    """Read ``{"dossier id": "YYYY-MM-DD", ...}``; ``OngeldigeInvoer`` names each bad entry."""
    if pad is None:
        return {}
    try:
        data = laad_json(Path(pad).read_bytes())
    except FileNotFoundError:
        raise OngeldigeInvoer(
            [Fout("uitschrijvingen", repr(pad), f"{pad}: file not found")]
        ) from None
    except OSError as exc:
        raise OngeldigeInvoer(
            [Fout("uitschrijvingen", repr(pad), f"{pad}: cannot be read ({type(exc).__name__})")]
        ) from None
    except OngeldigeInvoer as exc:  # not JSON, or a dossier named twice: which date counts?
        raise OngeldigeInvoer(
            [
                Fout(
                    f"uitschrijvingen.{f.veld}" if f.veld else "uitschrijvingen",
                    f.waarde,
                    f.melding,
                )
                for f in exc.fouten
            ]
        ) from None
    if not isinstance(data, dict):
        raise OngeldigeInvoer(
            [Fout("uitschrijvingen", "<value>", "uitschrijvingen must be a JSON object")]
        )
    uit: dict[str, dt.date] = {}
    fouten: list[Fout] = []
    for sleutel, waarde in data.items():
        if not is_pseudoniem(sleutel):
            fouten.append(
                Fout("uitschrijvingen", "<text>", "uitschrijvingen keys must be dossier ids")
            )
            continue
        # exactly ``YYYY-MM-DD``: a week date (``2026-W29-3``) or the basic form is refused
        datum = datum_uit_tekst(waarde)
        if datum is None:
            veld = f"uitschrijvingen.{sleutel}"
            fouten.append(Fout(veld, toon(waarde), f"{veld} must be a date YYYY-MM-DD"))
        else:
            uit[sleutel] = datum
    if fouten:
        raise OngeldigeInvoer(fouten)
    return uit


def _overzicht_naar_dict(o: Bewaaroverzicht) -> dict[str, Any]:
    return {
        "op": o.op.isoformat(),
        "bewaartermijn": {
            "vanaf": o.termijn.vanaf.value,
            "jaren": o.termijn.jaren,
            "maanden": o.termijn.maanden,
            "omschrijving": o.termijn.omschrijving,
            "grondslag": o.termijn.grondslag,
        },
        "verlopen": [
            {
                "dossier": s.dossier,
                "begin": s.begin.isoformat() if s.begin else None,
                "einde": s.einde.isoformat() if s.einde else None,
            }
            for s in o.verlopen
        ],
        "overgeslagen": [{"dossier": x.dossier, "reden": x.reden} for x in o.overgeslagen],
    }


def _wissing_naar_dict(w: Wissing) -> dict[str, Any]:
    return {
        "dossier": w.dossier,
        "datum": w.datum.isoformat(),
        "grond": w.grond.value,
        "gewist": [n for n, _ in w.gewist],
        "volgnummer": w.volgnummer,
        "regel": w.regel or None,
        "profiel": w.profiel or None,
    }


def _overzicht_tekst(o: Bewaaroverzicht, profiel: str) -> str:
    regels = [
        f"Bewaartermijn (profiel {profiel}): {o.termijn.omschrijving}.",
        f"Grondslag: {o.termijn.grondslag}",
        f"Op {o.op.isoformat()}: {len(o.verlopen)} dossier(s) over de bewaartermijn.",
    ]
    for s in o.verlopen:
        begin = s.begin.isoformat() if s.begin else "-"
        einde = s.einde.isoformat() if s.einde else "-"
        regels.append(f"  {s.dossier}  termijn van {begin} verstreken op {einde}")
    for x in o.overgeslagen:
        regels.append(f"  {x.dossier}  NIET BEOORDEELD: {x.reden}")
    return "\n".join(regels) + "\n"


def _verlopen(args: argparse.Namespace) -> int:
    profiel = laad_profiel(args.profiel)
    termijn = termijn_van(profiel)
    uitschrijvingen = lees_uitschrijvingen(args.uitschrijvingen)
    archief = _archief(args)
    try:
        o = verlopen(archief, termijn, op=args.op, uitschrijvingen=uitschrijvingen)
    finally:
        archief.sluit()
    if args.json:
        print(json.dumps(_overzicht_naar_dict(o), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(_overzicht_tekst(o, profiel.naam))
    return EXIT_OK


def _opschonen(args: argparse.Namespace) -> int:
    profiel = laad_profiel(args.profiel)
    termijn = termijn_van(profiel)
    uitschrijvingen = lees_uitschrijvingen(args.uitschrijvingen)
    archief = _archief(args)
    try:
        if not args.bevestig:
            o = verlopen(archief, termijn, op=args.op, uitschrijvingen=uitschrijvingen)
            wissingen: tuple[Wissing, ...] = ()
            opgeruimd = True
        else:
            o, wissingen, opgeruimd = opschonen(
                archief, profiel, op=args.op, uitschrijvingen=uitschrijvingen
            )
    finally:
        archief.sluit()
    if args.json:
        data = _overzicht_naar_dict(o)
        data["gewist"] = [_wissing_naar_dict(w) for w in wissingen]
        data["opgeruimd"] = opgeruimd
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    sys.stdout.write(_overzicht_tekst(o, profiel.naam))
    if not args.bevestig:
        if o.verlopen:
            print("Niets gewist: herhaal met --bevestig om deze dossiers te wissen.")
        return EXIT_OK
    for w in wissingen:
        print(f"{w.dossier}: gewist ({len(w.gewist)} gebeurtenis(sen) leeggemaakt)")
    if not opgeruimd:
        print(_NIET_OPGERUIMD, file=sys.stderr)
    return EXIT_OK


def _wis(args: argparse.Namespace) -> int:
    archief = _archief(args)
    try:
        w, opgeruimd = wis(archief, args.dossier, op=args.op, grond=Wisgrond(args.grond))
    finally:
        archief.sluit()
    print(
        f"{w.dossier}: gewist op {w.datum.isoformat()} ({w.grond.naam_nl}); de inhoud van "
        f"{len(w.gewist)} gebeurtenis(sen) is verwijderd, de keten blijft controleerbaar."
    )
    if not opgeruimd:
        print(_NIET_OPGERUIMD, file=sys.stderr)
    return EXIT_OK


def _opruimen(args: argparse.Namespace) -> int:
    archief = _archief(args)
    try:
        opgeruimd = archief.ruim_op()
    finally:
        archief.sluit()
    if not opgeruimd:
        # not bad input and not a damaged store: the erasures stand, the rebuild waits
        print(_NIET_OPGERUIMD, file=sys.stderr)
        return EXIT_OK
    print("Opgeruimd: geen restanten van gewiste inhoud meer in de bestanden van de opslag.")
    return EXIT_OK


def _wissingen(args: argparse.Namespace) -> int:
    archief = _archief(args)
    try:
        wissingen = archief.wissingen()
    finally:
        archief.sluit()
    if args.json:
        print(json.dumps([_wissing_naar_dict(w) for w in wissingen], ensure_ascii=False, indent=2))
        return EXIT_OK
    for w in wissingen:
        print(f"{w.dossier}  gewist op {w.datum.isoformat()}  grond: {w.grond.value}")
    return EXIT_OK


def _inzage(args: argparse.Namespace) -> int:
    achterhouden = frozenset(Achterhouding) - {Achterhouding(t) for t in args.toon}
    naar_bestand = bool(args.uitvoer) and args.uitvoer != "-"
    # the file is checked before the dossier is read: a path that cannot be written is bad
    # input, and nothing is read or logged
    with Uitvoer(args.uitvoer) if naar_bestand else contextlib.nullcontext() as uit:
        archief = _archief(args)
        try:
            tekst = inzage(
                archief,
                args.dossier,
                Aanvrager(args.voor),
                op=args.op,
                tijd=dt.datetime.now(dt.UTC),
                formaat=args.formaat,
                leeftijd=args.leeftijd,
                achterhouden=achterhouden,
                veiligheid_afgewogen=args.veiligheid_afgewogen,
            )
            if uit is not None:  # logged only once the file is written
                uit.schrijf(tekst, daarna=archief.log_uitgesteld)
            else:
                archief.log_uitgesteld()
        finally:
            archief.sluit()
    if uit is None:
        sys.stdout.write(tekst)
    return EXIT_OK


def _inzagelog(args: argparse.Namespace) -> int:
    archief = _archief(args)
    try:
        regels = archief.inzagelog(args.dossier)
    finally:
        archief.sluit()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "tijd": r.tijd.isoformat(),
                        "dossier": r.dossier,
                        "aanvrager": r.aanvrager,
                        "formaat": r.formaat,
                        "achtergehouden": list(r.achtergehouden),
                        "document_hash": r.document_hash,
                    }
                    for r in regels
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    for r in regels:
        weg = ", ".join(r.achtergehouden) or "niets"
        print(
            f"{r.tijd.isoformat(timespec='seconds')}  {r.dossier}  voor {r.aanvrager}  "
            f"{r.formaat}  achtergehouden: {weg}  sha256 {r.document_hash}"
        )
    return EXIT_OK


def _sleutel(args: argparse.Namespace) -> int:
    if os.path.lexists(args.pad):
        raise bestandsfout("pad", "PAD", "a file exists there (a key file is never overwritten)")
    try:
        sleutel = schrijf_sleutelbestand(args.pad)
    except OSError as exc:
        if os.path.lexists(args.pad):  # made, but not written in full: not a key file
            with contextlib.suppress(OSError):
                os.unlink(args.pad)
        raise bestandsfout("pad", "PAD", reden(exc)) from None
    print(
        f"Sleutel gemaakt in {args.pad} (alleen leesbaar voor de eigenaar; kenmerk "
        f"{sleutel.kenmerk}). Gebruik: export {SLEUTELBESTAND_OMGEVING}={args.pad}. Bewaar een "
        "kopie op een veilige plek buiten de backups van de dossiers: zonder sleutel is de "
        "vrije tekst niet meer te lezen."
    )
    return EXIT_OK


def registreer(subparsers: Any) -> None:
    """Add ``privacy`` and its subcommands to the ``meldcode`` command line."""

    def met_db(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--db",
            type=db_argument,
            default=None,
            help=f"SQLite file or postgresql:// URL (default: $MELDCODE_DB, else {STANDAARD_DB})",
        )

    def met_op(p: argparse.ArgumentParser, uitleg: str) -> None:
        p.add_argument("--op", type=datum_argument, default=dt.date.today(), help=uitleg)

    def met_termijn(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--profiel", required=True, metavar="NAME|FILE", help="the profile with [bewaartermijn]"
        )
        p.add_argument(
            "--uitschrijvingen",
            default=None,
            metavar="FILE.json",
            help='{"dossier id": "YYYY-MM-DD"}: when each pupil left (for vanaf = "uitschrijving")',
        )
        met_op(p, "the date at which the retention period is judged (default: today)")
        p.add_argument("--json", action="store_true", help="as JSON")
        met_db(p)

    pr = subparsers.add_parser(
        "privacy",
        help="retention, erasure and access exports of dossiers",
        description=(
            f"The key of the free text comes from ${SLEUTELBESTAND_OMGEVING} (a key file) or "
            f"${SLEUTEL_OMGEVING}; never from an argument."
        ),
    )
    sub = pr.add_subparsers(dest="privacy_opdracht", required=True, metavar="OPDRACHT")

    p = sub.add_parser("verlopen", help="list the dossiers past the profile's retention period")
    met_termijn(p)
    p.set_defaults(func=_verlopen)

    p = sub.add_parser("opschonen", help="erase the dossiers past the retention period")
    met_termijn(p)
    p.add_argument("--bevestig", action="store_true", help="erase (without it: only show)")
    p.set_defaults(func=_opschonen)

    p = sub.add_parser("wis", help="erase one dossier (an honoured request)")
    p.add_argument("dossier", help="the pseudonymous dossier id")
    p.add_argument(
        "--grond", choices=[g.value for g in Wisgrond], default="verzoek", help="why it is erased"
    )
    p.add_argument("--bevestig", action="store_true", required=True, help="yes, erase it")
    met_op(p, "the date of the erasure (default: today)")
    met_db(p)
    p.set_defaults(func=_wis)

    p = sub.add_parser("opruimen", help="remove the residue of erased content from the files")
    met_db(p)
    p.set_defaults(func=_opruimen)

    p = sub.add_parser("wissingen", help="list the erased dossiers (the register of erasures)")
    p.add_argument("--json", action="store_true", help="as JSON")
    met_db(p)
    p.set_defaults(func=_wissingen)

    p = sub.add_parser("inzage", help="write the access export for a parent or pupil (16+)")
    p.add_argument("dossier", help="the pseudonymous dossier id")
    p.add_argument("--voor", required=True, choices=[a.value for a in Aanvrager], help="for whom")
    p.add_argument(
        "--leeftijd",
        type=LEEFTIJD,
        default=None,
        metavar="N",
        help=f"the pupil's age, 0-{MAX_LEEFTIJD} (a pupil asks himself from 16)",
    )
    p.add_argument("--formaat", choices=list(FORMATEN), default="html", help="html or json")
    uitvoer_optie(p)
    p.add_argument(
        "--toon",
        action="append",
        default=[],
        choices=[a.value for a in Achterhouding],
        help="show a kind of content that is withheld by default (repeatable)",
    )
    p.add_argument(
        "--veiligheid-afgewogen",
        action="store_true",
        help="the school has weighed that a parent's copy endangers no one (needed when a "
        "report was made without the parents because of safety)",
    )
    met_op(p, "the date printed on the export (default: today)")
    met_db(p)
    p.set_defaults(func=_inzage)

    p = sub.add_parser("inzagelog", help="list the access exports handed out")
    p.add_argument("dossier", nargs="?", default=None, help="only this dossier")
    p.add_argument("--json", action="store_true", help="as JSON")
    met_db(p)
    p.set_defaults(func=_inzagelog)

    p = sub.add_parser("sleutel", help="create a key file (mode 0600) for the free text")
    p.add_argument("pad", help="where to create it (never overwritten)")
    p.set_defaults(func=_sleutel)
