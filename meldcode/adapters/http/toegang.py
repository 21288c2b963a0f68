"""Who is calling: the bearer API key of an organisation, and the store it may use.

``aanroeper`` is the reusable FastAPI dependency: it reads ``Authorization: Bearer <key>``,
checks the key against the hashes in the store and gives the caller's organisation and key id;
a missing, unknown or revoked key is a 401 problem with ``WWW-Authenticate: Bearer`` (the same
answer for each, so a key cannot be probed). ``archief(request, aanroeper)`` is the caller's
organisation's ``Archief``: tenant isolation is the store's, not the route's. ``log_toegang``
writes one row of the access log (who, what, which dossier, when; never free text).

The store is opened once per worker thread (``Opslagen``): SQLite and psycopg connections
belong to one thread each.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from typing import Annotated, Any

from attrs import frozen
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from meldcode.adapters.http.problemen import ProbleemFout
from meldcode.adapters.opslag.archief import Archief, open_opslag
from meldcode.adapters.opslag.toegang import Toegang, controleer_sleutel

__all__ = [
    "Aanroeper",
    "Ingelogd",
    "Opslagen",
    "aanroeper",
    "archief",
    "log_toegang",
    "opslag",
    "toegang_eerst",
    "vraagt_toegang",
]

_BEARER = HTTPBearer(
    auto_error=False,
    scheme_name="apiSleutel",
    description="API-sleutel van de organisatie (`meldcode sleutel maak ORGANISATIE`).",
)


class Opslagen:
    """The store of one app: one connection per thread, all closed together."""

    def __init__(self, adres: str) -> None:
        self.adres = adres
        self._lokaal = threading.local()
        self._alle: list[Any] = []
        self._slot = threading.Lock()

    def geef(self) -> Any:
        """The current thread's connection to the store (``Opslag`` and ``Toegangsopslag``)."""
        o = getattr(self._lokaal, "opslag", None)
        if o is None:
            o = open_opslag(self.adres)
            self._lokaal.opslag = o
            with self._slot:
                self._alle.append(o)
        return o

    def sluit_alle(self) -> None:
        """Close every connection (at shutdown)."""
        with self._slot:
            alle, self._alle = self._alle, []
        for o in alle:
            with contextlib.suppress(Exception):
                o.sluit()


@frozen(kw_only=True)
class Aanroeper:
    """The authenticated caller: the organisation and the id of the key it used."""

    organisatie: str
    sleutel_id: str


def opslag(request: Request) -> Any:
    """The store connection of the current thread."""
    opslagen: Opslagen = request.app.state.opslagen
    return opslagen.geef()


def _geen_toegang() -> ProbleemFout:
    return ProbleemFout(
        401,
        "a valid API key is required: 'Authorization: Bearer <key>'",
        code="niet_geauthenticeerd",
        headers={"WWW-Authenticate": 'Bearer realm="meldcode"'},
    )


async def aanroeper(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)],
) -> Aanroeper:
    """The caller by its bearer API key; a 401 problem without a valid one.

    The store is asked once a request, in a worker thread (its connections are per thread);
    the caller found is kept on the request, so a second call (``toegang_eerst``, then the
    route's ``Ingelogd``) answers at once.
    """
    al: Aanroeper | None = getattr(request.state, "aanroeper", None)
    if al is not None:
        return al
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _geen_toegang()
    sleutel = await run_in_threadpool(_sleutel_van, request, credentials.credentials)
    if sleutel is None:
        raise _geen_toegang()
    gevonden = Aanroeper(organisatie=sleutel.organisatie, sleutel_id=sleutel.sleutel_id)
    request.state.aanroeper = gevonden
    return gevonden


def _sleutel_van(request: Request, tekst: str) -> Any:
    """The key ``tekst`` names, looked up with this (worker) thread's own store connection."""
    return controleer_sleutel(opslag(request), tekst)


Ingelogd = Annotated[Aanroeper, Depends(aanroeper)]
"""A route parameter of this type requires a valid key and receives the caller."""


def vraagt_toegang(route: object) -> bool:
    """Whether ``route`` (a FastAPI route) takes a key: ``aanroeper`` is among its dependencies."""
    stapel = [getattr(route, "dependant", None)]
    while stapel:
        d = stapel.pop()
        if d is None:
            continue
        if d.call is aanroeper:
            return True
        stapel.extend(d.dependencies)
    return False


async def toegang_eerst(request: Request) -> None:
    """A route that takes a key checks it before anything else of the request is looked at.

    A dependency of every router, ahead of the query's check: a caller without a valid key gets
    the 401, never a 400 that says what the request got wrong. The caller found is kept on the
    request, so the route's own ``Ingelogd`` does not look the key up again. The header is read
    here by hand (not as a dependency), so that a route without a key keeps none in its OpenAPI.
    """
    if vraagt_toegang(request.scope.get("route")):
        await aanroeper(request, await _BEARER(request))


def archief(request: Request, wie: Aanroeper) -> Archief:
    """The caller's organisation's dossiers (the store enforces the scope), with the text key."""
    return Archief(
        opslag(request),
        organisatie=wie.organisatie,
        sleutel=getattr(request.app.state, "tekstsleutel", None),
    )


def log_toegang(
    request: Request,
    wie: Aanroeper,
    handeling: str,
    status: int,
    *,
    dossier: str | None = None,
    volgnummer: int | None = None,
) -> None:
    """One row of the access log: now, the caller, what was done, which dossier, the status."""
    opslag(request).schrijf_toegang(
        Toegang(
            tijd=dt.datetime.now(dt.UTC),
            organisatie=wie.organisatie,
            sleutel_id=wie.sleutel_id,
            handeling=handeling,
            status=status,
            dossier=dossier,
            volgnummer=volgnummer,
        )
    )
