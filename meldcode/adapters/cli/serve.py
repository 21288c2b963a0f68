"""The service's commands: ``meldcode serve``, ``meldcode sleutel ...``, ``meldcode toegang``.

- ``meldcode serve [--host 127.0.0.1] [--port 8000] [--db URL] [--workers N]`` starts the HTTP
  API (``meldcode[service]``) and prints the address it serves on. It listens on the loopback
  address unless ``--publiek`` is given: without TLS in front (a reverse proxy) case data would
  cross the network in the clear.
- ``meldcode sleutel maak ORGANISATIE`` makes an API key and prints it once (the store keeps
  only its hash); ``meldcode sleutel intrekken ID`` revokes one; ``meldcode sleutel lijst``
  lists them (ids, organisations, dates; never a key).
- ``meldcode toegang [--organisatie ORG] [--dossier ID] [--json]`` prints the access log.

The store is ``--db`` (a SQLite file or a ``postgresql://`` URL), else ``$MELDCODE_DB``, else
``dossiers.sqlite3`` in the current user's data folder (``meldcode.adapters.http.instellingen
.standaard_db``).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import ipaddress
import json
import os
import sys
from typing import Any
from urllib.parse import urlsplit

from meldcode.adapters.cli.dossier import db_argument, opslag_openen
from meldcode.adapters.cli.getallen import Geheel, Kommagetal
from meldcode.adapters.opslag.toegang import maak_sleutel
from meldcode.adapters.opslag.versleuteling import sleutel_uit_omgeving
from meldcode.adapters.web import wandeling_beschikbaar
from meldcode.errors import EngineNietBeschikbaar, Fout, OngeldigeInvoer

__all__ = ["is_loopback", "registreer", "toon_opslag"]

EXIT_OK = 0
EXIT_INVOER = 1

#: the ranges of the numeric options (``--help`` and docs/service.md state them)
POORT = Geheel(0, 65_535)
WERKERS = Geheel(1, 256)
MAX_BYTES = Geheel(1, 1_073_741_824)
MAX_BATCH = Geheel(1, 1_000_000)
TIJDSLIMIET = Kommagetal(0.0, 3600.0)


def _db(args: argparse.Namespace) -> str:
    from meldcode.adapters.http.instellingen import standaard_db

    return str(args.db or os.environ.get("MELDCODE_DB") or standaard_db())


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (127.0.0.0/8, ::1) or ``localhost``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def toon_opslag(adres: str) -> str:
    """The store for a message: a SQLite path, or a PostgreSQL URL without its password."""
    if "://" not in adres:
        return f"SQLite {adres}"
    delen = urlsplit(adres)
    plek = delen.hostname or "local socket"
    return f"PostgreSQL {plek}{delen.path or ''}"


def _serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn
        from uvicorn.supervisors import Multiprocess

        from meldcode.adapters.http.instellingen import OMGEVING, Instellingen
        from meldcode.adapters.http.middleware import TOEGANGSLOG
    except ImportError:
        raise EngineNietBeschikbaar(
            "meldcode serve needs the service extra: pip install 'meldcode[service]'"
        ) from None
    if not is_loopback(args.host) and not args.publiek:
        raise OngeldigeInvoer(
            [
                Fout(
                    "host",
                    repr(args.host),
                    f"{args.host} is not a loopback address: the API would be reachable from "
                    "the network without TLS. Put a TLS reverse proxy in front and pass "
                    "--publiek to listen there anyway",
                )
            ]
        )
    instellingen = Instellingen(
        db=_db(args),
        max_bytes=args.max_bytes,
        max_batch=args.max_batch,
        tijdslimiet=args.tijdslimiet,
        contact=_contact(),
    )
    opslag_openen(instellingen.db).sluit()  # a bad store fails here, before listening
    # and so does a malformed text key, or a key file others can read (every worker reads it)
    sleutel_uit_omgeving()
    os.environ[OMGEVING] = instellingen.naar_json()
    config = uvicorn.Config(
        "meldcode.adapters.http.app:app_uit_omgeving",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        server_header=False,
        # uvicorn's access lines quote the raw request line (path values, query string): off;
        # the app logs method, route template and status instead (TOEGANGSLOG)
        access_log=False,
        log_config=_logconfig(TOEGANGSLOG, stil=args.stil),
        log_level="warning" if args.stil else "info",
        timeout_keep_alive=5,
        timeout_graceful_shutdown=10,
    )
    sock = config.bind_socket()
    sock.listen(config.backlog)  # from here on a client's connection waits instead of failing
    host, port = sock.getsockname()[:2]
    naam = f"[{host}]" if ":" in host else host
    print(
        f"meldcode serve: http://{naam}:{port}/v1 (OpenAPI: http://{naam}:{port}/v1/openapi.json;"
        f" store: {toon_opslag(instellingen.db)}; workers: {args.workers})",
        flush=True,
    )
    if wandeling_beschikbaar():
        print(f"meldcode serve: walk-through http://{naam}:{port}/wandeling/", flush=True)
    server = uvicorn.Server(config)
    if args.workers > 1:
        Multiprocess(config, sockets=[sock]).run()
    else:
        server.run(sockets=[sock])
    return EXIT_OK


def _logconfig(toegangslog: str, *, stil: bool) -> dict[str, Any]:
    """Uvicorn's logging set-up plus the app's access lines on stdout (none if ``--stil``)."""
    from uvicorn.config import LOGGING_CONFIG

    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["meldcode"] = {
        "()": "uvicorn.logging.DefaultFormatter",
        "fmt": "%(levelprefix)s %(message)s",
        "use_colors": None,
    }
    config["handlers"]["meldcode"] = {
        "formatter": "meldcode",
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stdout",
    }
    config["loggers"][toegangslog] = {
        "handlers": ["meldcode"],
        "level": "WARNING" if stil else "INFO",
        "propagate": False,
    }
    return config


def _contact() -> dict[str, str] | None:
    velden = {
        "name": os.environ.get("MELDCODE_CONTACT_NAAM"),
        "url": os.environ.get("MELDCODE_CONTACT_URL"),
        "email": os.environ.get("MELDCODE_CONTACT_EMAIL"),
    }
    gegeven = {k: v for k, v in velden.items() if v}
    return gegeven or None


def _tijd(t: dt.datetime | None) -> str:
    return "-" if t is None else t.isoformat().replace("+00:00", "Z")


def _sleutel_maak(args: argparse.Namespace) -> int:
    opslag: Any = opslag_openen(_db(args))
    try:
        tekst, sleutel = maak_sleutel(opslag, args.organisatie, op=dt.datetime.now(dt.UTC))
    finally:
        opslag.sluit()
    print(tekst)
    print(
        f"meldcode: key {sleutel.sleutel_id} for organisation {sleutel.organisatie} made; it is "
        "shown only now (the store keeps its hash)",
        file=sys.stderr,
    )
    return EXIT_OK


def _sleutel_intrekken(args: argparse.Namespace) -> int:
    opslag: Any = opslag_openen(_db(args))
    try:
        gelukt = opslag.trek_sleutel_in(args.sleutel_id, op=dt.datetime.now(dt.UTC))
    finally:
        opslag.sluit()
    if not gelukt:
        raise OngeldigeInvoer(
            [
                Fout(
                    "sleutel_id",
                    repr(args.sleutel_id)[:20],
                    "no valid key with this id (unknown, or already revoked)",
                )
            ]
        )
    print(f"meldcode: key {args.sleutel_id} revoked")
    return EXIT_OK


def _sleutel_lijst(args: argparse.Namespace) -> int:
    opslag: Any = opslag_openen(_db(args))
    try:
        sleutels = opslag.sleutels(organisatie=args.organisatie)
    finally:
        opslag.sluit()
    for s in sleutels:
        status = "geldig" if s.geldig else f"ingetrokken {_tijd(s.ingetrokken)}"
        print(f"{s.sleutel_id}  {s.organisatie}  gemaakt {_tijd(s.gemaakt)}  {status}")
    return EXIT_OK


def _toegang(args: argparse.Namespace) -> int:
    opslag: Any = opslag_openen(_db(args))
    try:
        rijen = opslag.toegangen(organisatie=args.organisatie, dossier=args.dossier)
    finally:
        opslag.sluit()
    for r in rijen:
        if args.json:
            print(
                json.dumps(
                    {
                        "tijd": _tijd(r.tijd),
                        "organisatie": r.organisatie,
                        "sleutel": r.sleutel_id,
                        "handeling": r.handeling,
                        "dossier": r.dossier,
                        "volgnummer": r.volgnummer,
                        "status": r.status,
                    }
                )
            )
        else:
            waar = "" if r.dossier is None else f" {r.dossier}"
            nummer = "" if r.volgnummer is None else f" #{r.volgnummer}"
            print(
                f"{_tijd(r.tijd)}  {r.organisatie}  {r.sleutel_id}  {r.handeling}{waar}{nummer}"
                f"  {r.status}"
            )
    return EXIT_OK


def registreer(subparsers: Any) -> None:
    """Add ``serve``, ``sleutel`` and ``toegang`` to the ``meldcode`` command line."""

    def met_db(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--db",
            type=db_argument,
            default=None,
            help="SQLite file or postgresql:// URL (default: $MELDCODE_DB, else dossiers.sqlite3 "
            "in the user's data folder)",
        )

    p = subparsers.add_parser("serve", help="start the HTTP API (needs meldcode[service])")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument(
        "--port", type=POORT, default=8000, help="port, 0-65535 (default 8000; 0: any free one)"
    )
    p.add_argument(
        "--workers",
        type=WERKERS,
        metavar="N",
        default=1,
        help="worker processes, 1-256 (default 1)",
    )
    p.add_argument(
        "--publiek",
        action="store_true",
        help="allow a non-loopback --host (only behind a TLS reverse proxy)",
    )
    p.add_argument(
        "--max-bytes",
        type=MAX_BYTES,
        metavar="N",
        default=1_048_576,
        help="largest request body in bytes, 1 to 1073741824 (default 1048576: 1 MiB)",
    )
    p.add_argument(
        "--max-batch",
        type=MAX_BATCH,
        metavar="N",
        default=1000,
        help="most cases in one batch, 1 to 1000000 (default 1000)",
    )
    p.add_argument(
        "--tijdslimiet",
        type=TIJDSLIMIET,
        metavar="SECONDS",
        default=30.0,
        help="seconds a request may take, above 0 and at most 3600 (default 30)",
    )
    p.add_argument("--stil", action="store_true", help="no access lines on stdout")
    met_db(p)
    p.set_defaults(func=_serve)

    s = subparsers.add_parser("sleutel", help="API keys of the service: make, revoke, list")
    ssub = s.add_subparsers(dest="sleutel_opdracht", required=True, metavar="OPDRACHT")
    p = ssub.add_parser("maak", help="make a key for an organisation (printed once)")
    p.add_argument("organisatie", help="the organisation (1-64 letters, digits or '_.:-')")
    met_db(p)
    p.set_defaults(func=_sleutel_maak)
    p = ssub.add_parser("intrekken", help="revoke a key by its id")
    p.add_argument("sleutel_id", help="the key's id (the 12 hex digits after 'mc_')")
    met_db(p)
    p.set_defaults(func=_sleutel_intrekken)
    p = ssub.add_parser("lijst", help="list the keys (ids and organisations, never the keys)")
    p.add_argument("--organisatie", default=None)
    met_db(p)
    p.set_defaults(func=_sleutel_lijst)

    p = subparsers.add_parser("toegang", help="the service's access log: who used which dossier")
    p.add_argument("--organisatie", default=None)
    p.add_argument("--dossier", default=None)
    p.add_argument("--json", action="store_true", help="one JSON object a line")
    met_db(p)
    p.set_defaults(func=_toegang)
