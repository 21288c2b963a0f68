"""Server-side sessions for the walk-through: login once with the API key, CSRF, idle time-out.

The browser holds only a random session id in a cookie that is ``Secure``, ``HttpOnly`` and
``SameSite=Strict``; everything else (the organisation, the key id, the open dossier, a notice
for the next page) is kept in the store (``meldcode.adapters.opslag.sessies``), so every worker
process of the service, and every instance on one PostgreSQL database, knows every session. The
store keeps the SHA-256 of the id, never the id. The CSRF token is derived from the id (an HMAC
with the id as key), so it is not stored either and changes with it.

Logging in replaces the session id (no fixation). A session unused for longer than the idle
time-out is ended: the next request finds no session and is sent to the login page, and expired
rows are deleted whenever a session is made. Every form carries the session's CSRF token,
checked in constant time on every POST. Nothing here logs.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable

from attrs import define, field

from meldcode.adapters.opslag.sessies import Sessieopslag, Sessierij

__all__ = ["COOKIE", "Sessie", "Sessies", "sessie_hash"]

COOKIE = "meldcode_sessie"
"""The name of the session cookie (its value is a random id, nothing else)."""


def sessie_hash(sessie_id: str) -> str:
    """What the store keeps of a session id: its SHA-256, hex."""
    return hashlib.sha256(sessie_id.encode("utf-8")).hexdigest()


@define(kw_only=True)
class Sessie:
    """One visitor's session: logged in (``organisatie``) or not yet, and what is open.

    ``id`` is the cookie's value (never stored); ``dossier`` is the pseudonymous id of the case
    being walked through (kept here, never in a URL); ``melding`` a one-time Dutch notice of the
    server's own for the next page.
    """

    id: str
    laatst: float
    organisatie: str | None = None
    sleutel_id: str | None = None
    dossier: str | None = None
    melding: str | None = None
    # what the store holds of the fields a request may change (written back only if changed)
    _bewaard: tuple[str | None, str | None] | None = field(
        default=None, init=False, eq=False, repr=False
    )

    @property
    def ingelogd(self) -> bool:
        """Whether a valid API key was given in this session."""
        return self.organisatie is not None

    @property
    def csrf(self) -> str:
        """The session's CSRF token: an HMAC of a fixed text with the session id as key."""
        mac = hmac.new(self.id.encode("utf-8"), b"meldcode-wandeling-csrf", hashlib.sha256)
        return base64.urlsafe_b64encode(mac.digest()).decode("ascii").rstrip("=")

    def csrf_klopt(self, token: str | None) -> bool:
        """Whether ``token`` is this session's CSRF token (constant-time comparison)."""
        return token is not None and hmac.compare_digest(self.csrf.encode(), token.encode())

    def rij(self) -> Sessierij:
        """The session as the store keeps it."""
        return Sessierij(
            sessie_hash=sessie_hash(self.id),
            laatst=self.laatst,
            organisatie=self.organisatie,
            sleutel_id=self.sleutel_id,
            dossier=self.dossier,
            melding=self.melding,
        )


class Sessies:
    """The sessions of the walk-through, in the store, with an idle time-out (``stil`` seconds).

    Every method takes the store connection of the current thread. ``klok`` gives wall-clock
    seconds (the same in every worker process; injectable for tests). Bounded: at most
    ``max_aantal`` sessions; the longest unused ones are dropped first.
    """

    def __init__(
        self,
        *,
        stil: float = 15 * 60,
        klok: Callable[[], float] = time.time,
        max_aantal: int = 10_000,
    ) -> None:
        self.stil = stil
        self.klok = klok
        self.max_aantal = max_aantal

    def nieuw(self, opslag: Sessieopslag) -> Sessie:
        """A fresh, anonymous session (and the expired ones deleted)."""
        nu = self.klok()
        opslag.ruim_sessies_op(voor=nu - self.stil, max_aantal=self.max_aantal - 1)
        sessie = Sessie(id=secrets.token_urlsafe(32), laatst=nu)
        opslag.bewaar_sessie(sessie.rij())
        sessie._bewaard = (None, None)
        return sessie

    def vind(self, opslag: Sessieopslag, sessie_id: str | None) -> tuple[Sessie | None, bool]:
        """The live session with this id, and whether the browser had one that has ended.

        Finding a session counts as using it (its idle clock restarts). An id the store does
        not know (any more) is a session that ended without the browser being told: by the idle
        time-out (expired rows are deleted) — logging out replaces the cookie.
        """
        if not sessie_id:
            return None, False
        nu = self.klok()
        rij = opslag.lees_sessie(sessie_hash(sessie_id))
        if rij is None:
            return None, True
        if nu - rij.laatst > self.stil:
            opslag.verwijder_sessie(rij.sessie_hash)
            return None, True
        sessie = Sessie(
            id=sessie_id,
            laatst=nu,
            organisatie=rij.organisatie,
            sleutel_id=rij.sleutel_id,
            dossier=rij.dossier,
            melding=rij.melding,
        )
        opslag.werk_sessie_bij(sessie.rij())
        sessie._bewaard = (sessie.dossier, sessie.melding)
        return sessie, False

    def bewaar(self, opslag: Sessieopslag, sessie: Sessie) -> None:
        """Write what changed in the session during the request (the open dossier, the notice)."""
        if sessie._bewaard != (sessie.dossier, sessie.melding):
            opslag.werk_sessie_bij(sessie.rij())
            sessie._bewaard = (sessie.dossier, sessie.melding)

    def log_in(
        self, opslag: Sessieopslag, oud: Sessie, organisatie: str, sleutel_id: str
    ) -> Sessie:
        """A new session (new id, so a new CSRF token) for the organisation; ``oud`` is ended."""
        opslag.verwijder_sessie(sessie_hash(oud.id))
        nieuw = Sessie(
            id=secrets.token_urlsafe(32),
            laatst=self.klok(),
            organisatie=organisatie,
            sleutel_id=sleutel_id,
            melding=oud.melding,
        )
        opslag.bewaar_sessie(nieuw.rij())
        nieuw._bewaard = (nieuw.dossier, nieuw.melding)
        return nieuw

    def beeindig(self, opslag: Sessieopslag, sessie: Sessie) -> None:
        """End a session (logging out)."""
        opslag.verwijder_sessie(sessie_hash(sessie.id))
