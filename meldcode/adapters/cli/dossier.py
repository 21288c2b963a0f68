"""The dossier commands: ``meldcode dossier ...``, ``meldcode controleer``, ``meldcode exporteer``.

- ``meldcode dossier toevoegen DOSSIER EVENTS.json`` appends one event (an object) or several
  (a list), each checked against the step progression; ``-`` reads stdin.
- ``meldcode dossier toon DOSSIER [--op DATUM]`` shows the state: step, outstanding items,
  deadlines due and overdue, and the decision of the meldcode.
- ``meldcode dossier lijst`` lists the stored dossiers.
- ``meldcode controleer DOSSIER [--anker HASH|FILE]`` verifies the hash chain and lists the
  record-keeping findings per event (exit 0: in order, 3: findings, 4: a stored record was
  edited, removed or is unreadable, or the chain does not reach the anchor). ``--anker`` is the
  last hash kept elsewhere (printed by an earlier ``controleer``, or an export file): without
  it, removing the last events *and* rewriting the head, or re-chaining the whole dossier,
  cannot be told from an honest history. An erased dossier is shown as such (when, on which
  ground). Checking needs no key: free text is only seen as present or absent.
- ``meldcode exporteer DOSSIER [-o FILE]`` writes the complete dossier as JSON, for the
  inspectorate (exit 4, with the readable events, when a record is damaged); it is logged in the
  store like an access export (as ``volledig``), with ``-o`` only once the file is written (a
  file that cannot be written is bad input, exit 1, and nothing is logged: see
  ``meldcode.adapters.cli.uitvoer``). The parents' right of access is ``meldcode privacy
  inzage``, which leaves out what may be withheld.

The store is ``--db`` (a SQLite file, or a ``postgresql://`` URL), else ``$MELDCODE_DB``, else
``meldcode-dossiers.sqlite3`` in the current folder (``opslag_openen``: a SQLite file that
cannot be opened or made is bad input naming ``--db``). ``--na`` is a whole number from 0 to
1000000, as the HTTP API's ``na``. Output shown to professionals is Dutch.

Every use of a dossier is written to the store's access log, as the service's are
(``meldcode toegang`` shows it): the organisation ``standaard``, ``cli:<user name>`` for who,
what was done (``schrijven`` per event, ``lezen``, ``controleren``, ``exporteren``, ``lijst``),
which dossier and the status the service would have answered (201 or 200, else 404, 409, 400).
Never free text.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from meldcode.adapters.cli.getallen import Geheel
from meldcode.adapters.cli.status import EXIT_BEVINDINGEN, EXIT_GEWIJZIGD, EXIT_OK
from meldcode.adapters.cli.uitvoer import (
    ArchiefMetUitgesteldLog,
    Uitvoer,
    bestandsfout,
    reden,
    uitvoer_optie,
)
from meldcode.adapters.json.casus import datum_uit_tekst
from meldcode.adapters.json.dossier import (
    bevinding_naar_dict,
    canoniek,
    gebeurtenis_naar_dict,
    gebeurtenissen_uit_json,
    toestand_naar_dict,
)
from meldcode.adapters.json.lezen import laad_json
from meldcode.adapters.json.plausibiliteit import gebeurtenis_waarschuwingen
from meldcode.adapters.opslag.archief import Archief, Ketenfout, Opslag, Record, open_opslag
from meldcode.adapters.opslag.inzagelog import Inzageregel
from meldcode.adapters.opslag.toegang import Toegang, aanvrager_cli, gelogd, status_van
from meldcode.adapters.opslag.versleuteling import sleutel_uit_omgeving
from meldcode.adapters.opslag.wissing import Wissing
from meldcode.domain._validatie import toon
from meldcode.domain.dossier import Dossier, Gebeurtenis, volgordefouten
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

__all__ = [
    "EXIT_BEVINDINGEN",
    "EXIT_GEWIJZIGD",
    "controle_naar_dict",
    "db_argument",
    "export_naar_dict",
    "lees_anker",
    "opslag_openen",
    "registreer",
    "toestand_tekst",
]

_HASH = re.compile(r"^[0-9a-f]{64}$")
STANDAARD_DB = "meldcode-dossiers.sqlite3"
#: ``--na``: as many events as the HTTP API's ``na`` allows
NA = Geheel(0, 1_000_000)
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
    """An argparse type: a date exactly ``YYYY-MM-DD``, else a usage error.

    A week date (``2026-W10-1``) or the basic form (``20260302``) is refused: Python reads
    them, as another text of the date. The value is shown only as ``toon`` shows it: what is
    typed here may be a name or a phone number.
    """
    datum = datum_uit_tekst(value)
    if datum is None:
        raise argparse.ArgumentTypeError(f"a date YYYY-MM-DD is expected (got {toon(value)})")
    return datum


def db_argument(value: str) -> str:
    """An argparse type for ``--db``: a store's address, never with a password in it.

    A password in a ``postgresql://`` URL on the command line is visible in the process list
    and the shell's history: put the URL in ``$MELDCODE_DB``, or the password in
    ``$PGPASSWORD`` or ``~/.pgpass`` (libpq reads both).
    """
    if value.startswith(("postgresql://", "postgres://")):
        try:
            delen = urlsplit(value)
            wachtwoord = delen.password is not None or "password" in parse_qs(delen.query)
        except ValueError:
            wachtwoord = False  # the store reports the bad URL when it opens it
        if wachtwoord:
            raise argparse.ArgumentTypeError(
                "the URL holds a password, which the process list would show: put the URL in "
                "$MELDCODE_DB, or the password in $PGPASSWORD or ~/.pgpass"
            )
    return value


def opslagadres(db: str | None) -> str:
    """Where the dossier store is: ``--db``, else ``$MELDCODE_DB``, else the default file."""
    return db or os.environ.get("MELDCODE_DB") or STANDAARD_DB


def opslag_openen(adres: str) -> Opslag:
    """``open_opslag`` for the command line: a SQLite file it cannot open or make is bad input.

    A folder that does not exist, a folder given as the file, or no permission to write there
    raise ``OngeldigeInvoer`` naming ``--db`` (exit 1), not an internal error.
    """
    if "://" in adres:
        return open_opslag(adres)
    wat = "the dossier store cannot be opened or made"
    if Path(adres).is_dir():
        raise bestandsfout("db", "--db", "it is a folder, not a file", wat)
    try:
        return open_opslag(adres)
    except OSError as exc:
        raise bestandsfout("db", "--db", reden(exc), wat) from None
    except sqlite3.OperationalError as exc:
        if "unable to open" not in str(exc):
            raise
        raise bestandsfout("db", "--db", "SQLite cannot open or make it there", wat) from None


def _archief(args: argparse.Namespace) -> Archief:
    # the key of the free text, when one is configured: from the environment, never an argument
    return Archief(opslag_openen(opslagadres(args.db)), sleutel=sleutel_uit_omgeving())


def _gelogd(
    archief: Archief,
    handeling: str,
    dossier: str | None,
    werk: Any,
    *,
    status: int = 200,
) -> Any:
    """Do ``werk`` and log it in the store's access log (also when it fails)."""
    return gelogd(
        archief.opslag,  # type: ignore[arg-type]  # the SQL backends keep the log
        organisatie=archief.organisatie,
        wie=aanvrager_cli(),
        handeling=handeling,
        dossier=dossier,
        werk=werk,
        status=status,
        volgnummer=lambda uitkomst: uitkomst if handeling == "schrijven" else None,
    )


def _lees_invoer(pad: str) -> bytes | str:
    if pad == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        return buffer.read() if buffer is not None else sys.stdin.read()
    try:
        return Path(pad).read_bytes()
    except FileNotFoundError:
        raise OngeldigeInvoer([Fout("", repr(pad), f"{pad}: file not found")]) from None
    except OSError as exc:
        raise OngeldigeInvoer(
            [Fout("", repr(pad), f"{pad}: cannot read file ({type(exc).__name__})")]
        ) from None


def _toevoegen(args: argparse.Namespace) -> int:
    """Append the events of one file; all or, when one is refused up front, none of them."""
    gebeurtenissen = gebeurtenissen_uit_json(_lees_invoer(args.gebeurtenis))
    if not gebeurtenissen:
        raise OngeldigeInvoer([Fout("", "[]", "the list of events is empty: nothing to record")])
    archief = _archief(args)
    try:
        try:
            huidig = _proef(archief, args, gebeurtenissen)
        except Exception as exc:
            # refused before anything was written: one row for the refused write
            archief.opslag.schrijf_toegang(  # type: ignore[attr-defined]
                Toegang(
                    tijd=dt.datetime.now(dt.UTC),
                    organisatie=archief.organisatie,
                    sleutel_id=aanvrager_cli(),
                    handeling="schrijven",
                    status=status_van(exc),
                    dossier=args.dossier,
                )
            )
            raise
        na = len(huidig)
        vandaag = dt.date.today()
        for g in gebeurtenissen:
            # another writer in between makes this a conflict instead of a mixed history
            na = _gelogd(
                archief,
                "schrijven",
                args.dossier,
                lambda g=g, na=na: archief.voeg_toe(args.dossier, g, na=na),
                status=201,
            )
            print(f"{args.dossier}: gebeurtenis {na} vastgelegd ({g.soort}, {g.datum})")
            for w in gebeurtenis_waarschuwingen(g, vandaag=vandaag):
                print(f"  let op: {w.tekst} [{w.code}]")
    finally:
        archief.sluit()
    return EXIT_OK


def _proef(
    archief: Archief, args: argparse.Namespace, gebeurtenissen: Sequence[Gebeurtenis]
) -> Dossier:
    """The dossier as it is, once every event was tried on it (all fit, or none is written)."""
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
    return huidig


def _toestand(dossier: Dossier, op: dt.date) -> Toestand:
    return toestand(dossier, op=op, kalender=NEDERLAND)


def _toon(args: argparse.Namespace) -> int:
    archief = _archief(args)
    try:
        # the state needs no free text: without the key, encrypted text is shown as hidden
        dossier = _gelogd(
            archief, "lezen", args.dossier, lambda: archief.lees(args.dossier, tekst=None)
        )
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


def lees_anker(waarde: str) -> str:
    """The anchor of ``--anker``: a hash, or a file holding one (plain, or a meldcode export).

    An export (or the ``--json`` output of ``controleer``) gives its ``keten.laatste_hash``.
    """
    if _HASH.match(waarde):
        return waarde
    tekst = lees_bestand_van_anker(waarde)
    kaal = tekst.strip()
    if _HASH.match(kaal):
        return kaal
    try:
        data = laad_json(kaal)
    except OngeldigeInvoer:
        data = None
    keten = data.get("keten") if isinstance(data, dict) else None
    laatste = keten.get("laatste_hash") if isinstance(keten, dict) else None
    if isinstance(laatste, str) and _HASH.match(laatste):
        return laatste
    raise OngeldigeInvoer(
        [
            Fout(
                "anker",
                "<text>",
                "--anker must be a SHA-256 hash (64 hex digits) or a file holding one, such as "
                "a meldcode export",
            )
        ]
    )


def lees_bestand_van_anker(pad: str) -> str:
    """The text of an anchor file; ``OngeldigeInvoer`` naming ``--anker`` when it is unreadable."""
    try:
        return Path(pad).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise OngeldigeInvoer(
            [
                Fout(
                    "anker",
                    "<value>",
                    "--anker is neither a SHA-256 hash (64 hex digits) nor an existing file",
                )
            ]
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise OngeldigeInvoer(
            [Fout("anker", "<value>", f"--anker: cannot read file ({type(exc).__name__})")]
        ) from None


def _anker_fout(anker: str | None, records: Sequence[Record]) -> Ketenfout | None:
    """Where the chain does not reach ``anker`` (the last hash kept elsewhere), if it does not.

    The anchor must be the hash of a stored record: events appended since are fine, a removed
    tail or a re-chained dossier is not.
    """
    if anker is None or any(r.hash == anker for r in records):
        return None
    return Ketenfout(
        volgnummer=len(records),
        reden=(
            f"bereikt het anker {anker[:12]}… niet: gebeurtenissen zijn verwijderd of het "
            "dossier is opnieuw geketend"
        ),
        melding=f"does not reach the anchor {anker[:12]}…: events were removed or re-chained",
    )


def _lees_beschadigd(
    archief: Archief, dossier: str, anker: str | None = None, *, tekst: bool = True
) -> tuple[tuple[Ketenfout, ...], tuple[tuple[Record, Gebeurtenis | None], ...], Dossier]:
    """The chain's faults, each record with its event (``None``: unreadable), the readable part.

    ``tekst=False`` reads free text as present or absent only (no key needed).
    """
    fouten = archief.controleer_keten(dossier)
    paren = archief.lees_wat_leesbaar_is(dossier, tekst=tekst)
    anker_fout = _anker_fout(anker, [r for r, _ in paren])
    if anker_fout is not None:
        fouten = (*fouten, anker_fout)
    # the events up to the first unreadable one, so their numbers stay the stored ones
    leesbaar: list[Gebeurtenis] = []
    for _, g in paren:
        if g is None:
            break
        leesbaar.append(g)
    return fouten, paren, Dossier(id=dossier, gebeurtenissen=tuple(leesbaar))


def controle_naar_dict(
    archief: Archief, dossier_id: str, anker: str | None = None
) -> dict[str, Any]:
    """The check of one dossier as JSON: its chain (and anchor), refused steps and findings.

    The command line's ``controleer --json`` and the HTTP API give exactly this. Free text is
    read as present or absent only, so no key is needed; an erased dossier says so (``gewist``).
    """
    fouten, paren, dossier = _lees_beschadigd(archief, dossier_id, anker, tekst=False)
    return _controle_dict(fouten, paren, dossier, anker, archief.wissing(dossier_id))


def _controle_dict(
    fouten: tuple[Ketenfout, ...],
    paren: tuple[tuple[Record, Gebeurtenis | None], ...],
    dossier: Dossier,
    anker: str | None,
    wissing: Wissing | None,
) -> dict[str, Any]:
    return {
        "dossier": dossier.id,
        "keten": _keten(fouten, tuple(r.hash for r, _ in paren), anker),
        "gewist": _gewist(wissing),
        "volgorde": [_volgorde(n, w) for n, w in volgordefouten(dossier)],
        "bevindingen": [bevinding_naar_dict(b) for b in controleer(dossier)],
    }


def _gewist(wissing: Wissing | None) -> dict[str, Any] | None:
    if wissing is None:
        return None
    return {
        "datum": wissing.datum.isoformat(),
        "grond": wissing.grond.value,
        "gewist": [n for n, _ in wissing.gewist],
        "volgnummer": wissing.volgnummer,
    }


def _controleer(args: argparse.Namespace) -> int:
    anker = lees_anker(args.anker) if args.anker is not None else None
    archief = _archief(args)
    try:
        # free text is not needed to check the record-keeping: only whether it is there
        fouten, paren, dossier, wissing = _gelogd(
            archief,
            "controleren",
            args.dossier,
            lambda: (
                *_lees_beschadigd(archief, args.dossier, anker, tekst=False),
                archief.wissing(args.dossier),
            ),
        )
    finally:
        archief.sluit()
    hashes = tuple(r.hash for r, _ in paren)
    bevindingen = controleer(dossier)
    volgorde = volgordefouten(dossier)
    if args.json:
        print(
            json.dumps(
                _controle_dict(fouten, paren, dossier, anker, wissing),
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        if wissing is None:
            print(f"Dossier {dossier.id}: {len(paren)} gebeurtenis(sen)")
        else:
            print(f"Dossier {dossier.id}: {len(paren)} record(s), de inhoud is gewist")
        if fouten:
            print("KETEN VERBROKEN: het dossier is buiten meldcode gewijzigd.")
            for f in fouten:
                print(f"  - gebeurtenis {f.volgnummer} {f.reden}")
        else:
            laatste = hashes[-1] if hashes else "-"
            print(f"Keten intact; laatste hash {laatste}")
            if anker is not None:
                plek = hashes.index(anker) + 1
                print(f"Anker gevonden bij gebeurtenis {plek}.")
        if wissing is not None:
            print(
                f"GEWIST op {wissing.datum.isoformat()}: {wissing.grond.naam_nl}; de inhoud van "
                f"{len(wissing.gewist)} gebeurtenis(sen) is verwijderd (vastgelegd in "
                f"gebeurtenis {wissing.volgnummer})."
            )
        for n, weigering in volgorde:
            waarom = (
                f"{weigering.ontbreekt} ontbreekt"
                if isinstance(weigering, StapOntbreekt)
                else f"ongeldige verwijzing ({weigering.veld})"
            )
            print(f"Volgorde: gebeurtenis {n} zou nu geweigerd worden: {waarom}")
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


def _volgorde(n: int, weigering: StapOntbreekt | OngeldigeInvoer) -> dict[str, Any]:
    if isinstance(weigering, StapOntbreekt):
        return {
            "volgnummer": n,
            "soort": weigering.gebeurtenis,
            "ontbreekt": weigering.ontbreekt,
            "melding": str(weigering),
        }
    return {"volgnummer": n, "veld": weigering.veld, "melding": str(weigering)}


def _keten(fouten: Any, hashes: tuple[str, ...], anker: str | None = None) -> dict[str, Any]:
    keten: dict[str, Any] = {
        "intact": not fouten,
        "fouten": [{"volgnummer": f.volgnummer, "reden": f.reden} for f in fouten],
        "laatste_hash": hashes[-1] if hashes else None,
    }
    if anker is not None:
        keten["anker"] = anker
    return keten


def export_naar_dict(
    archief: Archief, dossier_id: str, op: dt.date, *, tijd: dt.datetime | None = None
) -> dict[str, Any]:
    """The export of one dossier: every event with its hashes, the state at ``op``, findings.

    A damaged dossier is exported too: an unreadable record is listed without its content, and
    ``keten`` names what is wrong; an erased one says so (``gewist``). The command line's
    ``exporteer`` and the HTTP API give this. It withholds nothing (for the inspectorate; a
    parent's copy is ``meldcode.adapters.privacy.inzage``), needs the key of encrypted text,
    and is logged in the store (``volledig``, at ``tijd``, default now) with the SHA-256 of its
    canonical JSON.
    """
    fouten, paren, dossier = _lees_beschadigd(archief, dossier_id)
    t = _toestand(dossier, op)
    export = {
        "meldcode_export": "1",
        "dossier": dossier.id,
        "op": op.isoformat(),
        "keten": _keten(fouten, tuple(r.hash for r, _ in paren)),
        "gewist": _gewist(archief.wissing(dossier_id)),
        "gebeurtenissen": [
            {
                "volgnummer": r.volgnummer,
                "vorige_hash": r.vorige_hash,
                "hash": r.hash,
                # an unreadable (or erased) record is listed without content: the chain names it
                "gebeurtenis": gebeurtenis_naar_dict(g) if g is not None else None,
            }
            for r, g in paren
        ],
        "toestand": toestand_naar_dict(t),
        "bevindingen": [bevinding_naar_dict(b) for b in controleer(dossier)],
    }
    # every export is logged, without its content: when, which dossier, what was handed out
    archief.log_inzage(
        Inzageregel(
            tijd=tijd or dt.datetime.now(dt.UTC),
            organisatie=archief.organisatie,
            dossier=dossier.id,
            aanvrager="volledig",
            formaat="json",
            achtergehouden=(),
            document_hash=hashlib.sha256(canoniek(export).encode("utf-8")).hexdigest(),
        )
    )
    return export


def _exporteer(args: argparse.Namespace) -> int:
    naar_bestand = bool(args.uitvoer) and args.uitvoer != "-"
    # the file is checked before the dossier is read: a path that cannot be written is bad
    # input, and nothing is read or logged
    with Uitvoer(args.uitvoer) if naar_bestand else contextlib.nullcontext() as uit:
        archief = ArchiefMetUitgesteldLog(
            opslag_openen(opslagadres(args.db)), sleutel=sleutel_uit_omgeving()
        )

        def werk() -> dict[str, Any]:
            export = export_naar_dict(archief, args.dossier, args.op)
            if uit is not None:  # logged only once the file is written
                uit.schrijf(_export_tekst(export), daarna=archief.log_uitgesteld)
            else:
                archief.log_uitgesteld()
            return export

        try:
            export = _gelogd(archief, "exporteren", args.dossier, werk)
        finally:
            archief.sluit()
    if uit is None:
        sys.stdout.write(_export_tekst(export))
    return EXIT_GEWIJZIGD if not export["keten"]["intact"] else EXIT_OK


def _export_tekst(export: dict[str, Any]) -> str:
    return json.dumps(export, ensure_ascii=False, indent=2) + "\n"


def _lijst(args: argparse.Namespace) -> int:
    archief = _archief(args)
    try:
        for naam in _gelogd(archief, "lijst", None, archief.dossiers):
            print(naam)
    finally:
        archief.sluit()
    return EXIT_OK


def registreer(subparsers: Any) -> None:
    """Add ``dossier``, ``controleer`` and ``exporteer`` to the ``meldcode`` command line."""

    def met_db(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--db",
            type=db_argument,
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
        type=NA,
        default=None,
        metavar="N",
        help="the number of events you saw (0-1000000): refuse if another writer appended "
        "meanwhile",
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
    p.add_argument(
        "--anker",
        default=None,
        metavar="HASH|FILE",
        help="the last hash kept elsewhere (or a file with it, such as an export): the chain "
        "must reach it, else a removed tail or a re-chained dossier is reported (exit 4)",
    )
    met_db(p)
    p.set_defaults(func=_controleer)

    p = subparsers.add_parser(
        "exporteer",
        help="write the complete dossier as JSON (inspectorate; for parents: privacy inzage)",
    )
    p.add_argument("dossier")
    uitvoer_optie(p)
    met_db(p)
    met_op(p)
    p.set_defaults(func=_exporteer)
