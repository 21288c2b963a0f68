"""The dossier commands: ``meldcode dossier ...``, ``meldcode controleer``, ``meldcode exporteer``.

- ``meldcode dossier toevoegen DOSSIER EVENTS.json`` appends one event (an object) or several
  (a list), each checked against the step progression; ``-`` reads stdin.
- ``meldcode dossier toon DOSSIER [--op DATUM]`` shows the state: step, outstanding items,
  deadlines due and overdue, and the decision of the meldcode.
- ``meldcode dossier lijst`` lists the stored dossiers.
- ``meldcode controleer DOSSIER`` verifies the hash chain and lists the record-keeping findings
  per event (exit 0: in order, 3: findings, 4: the stored chain is broken).
- ``meldcode exporteer DOSSIER`` writes the complete dossier as JSON, for the inspectorate; it is
  logged in the store like an access export (as ``volledig``). The parents' right of access is
  ``meldcode privacy inzage``, which leaves out what may be withheld.

The store is ``--db`` (a SQLite file, or a ``postgresql://`` URL), else ``$MELDCODE_DB``, else
``meldcode-dossiers.sqlite3`` in the current folder. Output shown to professionals is Dutch.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from meldcode.adapters.json.dossier import (
    bevinding_naar_dict,
    gebeurtenis_naar_dict,
    gebeurtenissen_uit_json,
    toestand_naar_dict,
)
from meldcode.adapters.opslag.archief import Archief, open_opslag
from meldcode.adapters.opslag.inzagelog import Inzageregel
from meldcode.adapters.opslag.versleuteling import sleutel_uit_omgeving
from meldcode.domain.dossier import Dossier, volgordefouten
from meldcode.errors import (
    DossierGewist,
    DossierNietGevonden,
    Fout,
    OngeldigeInvoer,
    StapOntbreekt,
    VolgnummerConflict,
)
from meldcode.rules.dossier import TermijnSoort, TermijnStatus, Toestand, toestand
from meldcode.rules.kalender import NEDERLAND
from meldcode.rules.registratie import REGISTRATIES, controleer

__all__ = ["EXIT_BEVINDINGEN", "EXIT_GEWIJZIGD", "registreer", "toestand_tekst"]

EXIT_OK = 0
EXIT_BEVINDINGEN = 3
EXIT_GEWIJZIGD = 4
STANDAARD_DB = "meldcode-dossiers.sqlite3"
_TERMIJNEN = {
    TermijnSoort.VEILIG_THUIS_BESLUIT: "besluit en terugkoppeling van Veilig Thuis",
    TermijnSoort.HULP_RESULTAAT: "afgesproken termijn voor het effect van de hulp (afweging 5)",
}
_STATUS = {
    TermijnStatus.VOLDAAN: "voldaan",
    TermijnStatus.LOPEND: "te doen",
    TermijnStatus.VERLOPEN: "VERLOPEN",
}


def datum_argument(value: str) -> dt.date:
    """An argparse type: a date ``YYYY-MM-DD``, else a usage error that shows what was given."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a date YYYY-MM-DD is expected (got {value!r})") from None


def opslagadres(db: str | None) -> str:
    """Where the dossier store is: ``--db``, else ``$MELDCODE_DB``, else the default file."""
    return db or os.environ.get("MELDCODE_DB") or STANDAARD_DB


def _archief(args: argparse.Namespace) -> Archief:
    # the key of the free text, when one is configured: from the environment, never an argument
    return Archief(open_opslag(opslagadres(args.db)), sleutel=sleutel_uit_omgeving())


def _lees_invoer(pad: str) -> str:
    if pad == "-":
        return sys.stdin.read()
    try:
        return Path(pad).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise OngeldigeInvoer([Fout("", repr(pad), f"{pad}: file not found")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise OngeldigeInvoer(
            [Fout("", repr(pad), f"{pad}: cannot read file ({type(exc).__name__})")]
        ) from None


def _toevoegen(args: argparse.Namespace) -> int:
    """Append the events of one file; all or, when one is refused up front, none of them."""
    gebeurtenissen = gebeurtenissen_uit_json(_lees_invoer(args.gebeurtenis))
    archief = _archief(args)
    try:
        try:
            huidig = archief.lees(args.dossier, tekst=False)
        except DossierGewist:
            raise
        except DossierNietGevonden:
            huidig = Dossier(id=args.dossier)
        if args.na is not None and args.na != len(huidig):
            raise VolgnummerConflict(args.dossier, args.na, len(huidig))
        proef = huidig
        for i, g in enumerate(gebeurtenissen):
            try:
                proef = proef.voeg_toe(g)
            except StapOntbreekt as fout:
                if len(gebeurtenissen) == 1:
                    raise
                raise StapOntbreekt(
                    fout.gebeurtenis, fout.ontbreekt, f"[{i}] {fout} (nothing was recorded)"
                ) from None
        na = len(huidig)
        for g in gebeurtenissen:
            # another writer in between makes this a conflict instead of a mixed history
            na = archief.voeg_toe(args.dossier, g, na=na)
            print(f"{args.dossier}: gebeurtenis {na} vastgelegd ({g.soort}, {g.datum})")
    finally:
        archief.sluit()
    return EXIT_OK


def _toestand(dossier: Dossier, op: dt.date) -> Toestand:
    return toestand(dossier, op=op, kalender=NEDERLAND)


def _toon(args: argparse.Namespace) -> int:
    archief = _archief(args)
    try:
        dossier = archief.lees(args.dossier, tekst=False)  # the state needs no free text
    finally:
        archief.sluit()
    t = _toestand(dossier, args.op)
    if args.json:
        print(json.dumps(toestand_naar_dict(t), ensure_ascii=False, indent=2))
        return EXIT_OK
    sys.stdout.write(toestand_tekst(t))
    return EXIT_OK


def toestand_tekst(t: Toestand) -> str:
    """The state of a dossier as Dutch text for professionals."""
    regels = [f"Dossier {t.dossier} op {t.op.isoformat()}: {t.aantal} gebeurtenis(sen)"]
    if t.stap is None:
        regels.append("Nog geen gebeurtenissen vastgelegd.")
    else:
        regels.append(f"Bereikt: {t.stap.naam_nl}" + (" — dossier gesloten" if t.gesloten else ""))
    if t.openstaand:
        regels.append("Openstaand:")
        regels += [f"  - [{o.code}] {o.melding}" for o in t.openstaand]
    if t.termijnen:
        regels.append("Termijnen:")
        for term in t.termijnen:
            status = _STATUS[term.status(t.op)]
            regels.append(
                f"  - {_TERMIJNEN[term.soort]}: uiterlijk {term.uiterlijk.isoformat()} "
                f"(na gebeurtenis {term.volgnummer}) — {status}"
            )
    b = t.besluit
    if b is not None:
        beslist = [
            naam
            for naam, waar in (
                ("melden", b.melden),
                ("hulp organiseren", b.hulp_organiseren),
                ("dossier sluiten", b.dossier_sluiten),
                ("Veilig Thuis raadplegen", b.veilig_thuis_raadplegen),
                ("spoed", b.spoed),
                ("oudergesprek mag vervallen", b.oudergesprek_overslaan),
                ("bespreken met het kind", b.bespreken_met_kind),
            )
            if waar
        ]
        regels.append(
            f"Meldcode ({b.protocol.value}): " + (", ".join(beslist) if beslist else "geen besluit")
        )
        if b.volgende_vraag is not None:
            regels.append(f"  nog te beantwoorden: {b.volgende_vraag.value}")
    return "\n".join(regels) + "\n"


def _controleer(args: argparse.Namespace) -> int:
    archief = _archief(args)
    try:
        fouten = archief.controleer_keten(args.dossier)
        hashes = archief.hashes(args.dossier)
        wissing = archief.wissing(args.dossier)
        # free text is not needed to check the record-keeping: only whether it is there
        dossier = (
            Dossier(id=args.dossier)
            if wissing is not None
            else archief.lees(args.dossier, controleer=False, tekst=False)
        )
    finally:
        archief.sluit()
    bevindingen = controleer(dossier)
    volgorde = volgordefouten(dossier)
    if args.json:
        print(
            json.dumps(
                {
                    "dossier": dossier.id,
                    "keten": _keten(fouten, hashes),
                    "gewist": None
                    if wissing is None
                    else {
                        "datum": wissing.datum.isoformat(),
                        "grond": wissing.grond.value,
                        "gewist": [n for n, _ in wissing.gewist],
                        "volgnummer": wissing.volgnummer,
                    },
                    "volgorde": [{"volgnummer": n, "melding": str(w)} for n, w in volgorde],
                    "bevindingen": [bevinding_naar_dict(b) for b in bevindingen],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        if wissing is None:
            print(f"Dossier {dossier.id}: {len(dossier)} gebeurtenis(sen)")
        else:
            print(f"Dossier {dossier.id}: {len(hashes)} record(s), de inhoud is gewist")
        if fouten:
            print("KETEN VERBROKEN: het dossier is buiten meldcode gewijzigd.")
            for f in fouten:
                print(f"  - gebeurtenis {f.volgnummer} {f.reden}")
        else:
            laatste = hashes[-1] if hashes else "-"
            print(f"Keten intact; laatste hash {laatste}")
        if wissing is not None:
            print(
                f"GEWIST op {wissing.datum.isoformat()}: {wissing.grond.naam_nl}; de inhoud van "
                f"{len(wissing.gewist)} gebeurtenis(sen) is verwijderd (vastgelegd in "
                f"gebeurtenis {wissing.volgnummer})."
            )
        for n, weigering in volgorde:
            print(f"Volgorde: gebeurtenis {n} zou nu geweigerd worden: {weigering}")
        if bevindingen:
            print(f"Bevindingen ({len(bevindingen)}):")
            for b in bevindingen:
                print(f"  #{b.volgnummer} {b.soort}: {b.melding}")
                print(f"      [{b.controle}] {b.bron}: “{b.citaat}”")
        else:
            print(f"Geen bevindingen ({len(REGISTRATIES)} controles).")
    if fouten:
        return EXIT_GEWIJZIGD
    return EXIT_BEVINDINGEN if bevindingen or volgorde else EXIT_OK


def _keten(fouten: Any, hashes: tuple[str, ...]) -> dict[str, Any]:
    return {
        "intact": not fouten,
        "fouten": [{"volgnummer": f.volgnummer, "reden": f.reden} for f in fouten],
        "laatste_hash": hashes[-1] if hashes else None,
    }


def _exporteer(args: argparse.Namespace) -> int:
    archief = _archief(args)
    try:
        fouten = archief.controleer_keten(args.dossier)
        dossier = archief.lees(args.dossier, controleer=False)
        records = archief.opslag.records(args.dossier)
        tekst = _export_tekst(args, dossier, fouten, records)
        archief.log_inzage(
            Inzageregel(
                tijd=dt.datetime.now(dt.UTC),
                organisatie=archief.organisatie,
                dossier=dossier.id,
                aanvrager="volledig",
                formaat="json",
                achtergehouden=(),
                document_hash=hashlib.sha256(tekst.encode("utf-8")).hexdigest(),
            )
        )
    finally:
        archief.sluit()
    if args.uitvoer and args.uitvoer != "-":
        # an export holds data about a child: readable by its owner only
        fd = os.open(args.uitvoer, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as uit:
            uit.write(tekst)
    else:
        sys.stdout.write(tekst)
    return EXIT_GEWIJZIGD if fouten else EXIT_OK


def _export_tekst(
    args: argparse.Namespace, dossier: Dossier, fouten: Any, records: tuple[Any, ...]
) -> str:
    t = _toestand(dossier, args.op)
    export = {
        "meldcode_export": "1",
        "dossier": dossier.id,
        "op": args.op.isoformat(),
        "keten": _keten(fouten, tuple(r.hash for r in records)),
        "gebeurtenissen": [
            {
                "volgnummer": r.volgnummer,
                "vorige_hash": r.vorige_hash,
                "hash": r.hash,
                "gebeurtenis": gebeurtenis_naar_dict(g),
            }
            for r, g in zip(records, dossier.gebeurtenissen, strict=True)
        ],
        "toestand": toestand_naar_dict(t),
        "bevindingen": [bevinding_naar_dict(b) for b in controleer(dossier)],
    }
    return json.dumps(export, ensure_ascii=False, indent=2) + "\n"


def _lijst(args: argparse.Namespace) -> int:
    archief = _archief(args)
    try:
        for naam in archief.dossiers():
            print(naam)
    finally:
        archief.sluit()
    return EXIT_OK


def registreer(subparsers: Any) -> None:
    """Add ``dossier``, ``controleer`` and ``exporteer`` to the ``meldcode`` command line."""

    def met_db(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--db",
            default=None,
            help=f"SQLite file or postgresql:// URL (default: $MELDCODE_DB, else {STANDAARD_DB})",
        )

    def met_op(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--op",
            type=datum_argument,
            default=dt.date.today(),
            help="the date at which deadlines are judged (default: today)",
        )

    d = subparsers.add_parser("dossier", help="keep a dossier: append events, show its state")
    dsub = d.add_subparsers(dest="dossier_opdracht", required=True, metavar="OPDRACHT")

    p = dsub.add_parser("toevoegen", help="append events (JSON object or list) to a dossier")
    p.add_argument("dossier", help="the pseudonymous dossier id")
    p.add_argument("gebeurtenis", help="EVENT.json (an object or a list), or - for stdin")
    p.add_argument(
        "--na",
        type=int,
        default=None,
        help="the number of events you saw: refuse if another writer appended meanwhile",
    )
    met_db(p)
    p.set_defaults(func=_toevoegen)

    p = dsub.add_parser("toon", help="show the state: step, outstanding items, deadlines")
    p.add_argument("dossier")
    p.add_argument("--json", action="store_true", help="as JSON")
    met_db(p)
    met_op(p)
    p.set_defaults(func=_toon)

    p = dsub.add_parser("lijst", help="list the stored dossiers")
    met_db(p)
    p.set_defaults(func=_lijst)

    p = subparsers.add_parser(
        "controleer", help="check a dossier's hash chain and record-keeping (findings per event)"
    )
    p.add_argument("dossier")
    p.add_argument("--json", action="store_true", help="as JSON")
    met_db(p)
    p.set_defaults(func=_controleer)

    p = subparsers.add_parser(
        "exporteer",
        help="write the complete dossier as JSON (inspectorate; for parents: privacy inzage)",
    )
    p.add_argument("dossier")
    p.add_argument("-o", "--uitvoer", default=None, help="file to write (default: stdout)")
    met_db(p)
    met_op(p)
    p.set_defaults(func=_exporteer)
