"""Server-side sessions for the walk-through: login once with the API key, CSRF, idle time-out.

The browser holds only a random session id in a cookie that is ``Secure``, ``HttpOnly`` and
``SameSite=Strict``; everything else (the organisation, the key id, the open dossier, the CSRF
token) stays on the server. Logging in replaces the session id (no fixation). A session unused
for longer than the idle time-out is gone: the next request finds no session and is sent to the
login page. Every form carries the session's CSRF token, checked in constant time on every
POST. Nothing here logs.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections.abc import Callable

import attrs
from attrs import define, field

__all__ = ["COOKIE", "Sessie", "Sessies"]

COOKIE = "meldcode_sessie"
"""The name of the session cookie (its value is a random id, nothing else)."""


@define(kw_only=True)
class Sessie:
    """One visitor's session: logged in (``organisatie``) or not yet, and what is open.

    ``dossier`` is the pseudonymous id of the case being walked through (kept here, never in a
    URL); ``melding`` a one-time Dutch notice for the next page.
    """

    id: str
    csrf: str
    laatst: float
    organisatie: str | None = None
    sleutel_id: str | None = None
    dossier: str | None = None
    melding: str | None = None
    extra: dict[str, str] = field(factory=dict)

    @property
    def ingelogd(self) -> bool:
        """Whether a valid API key was given in this session."""
        return self.organisatie is not None

    def csrf_klopt(self, token: str | None) -> bool:
        """Whether ``token`` is this session's CSRF token (constant-time comparison)."""
        return token is not None and hmac.compare_digest(self.csrf.encode(), token.encode())


class Sessies:
    """The sessions of one app, in memory, with an idle time-out (``stil`` seconds).

    ``klok`` gives monotonic seconds (injectable for tests). Bounded: at most ``max_aantal``
    sessions; the longest unused ones are dropped first.
    """

    def __init__(
        self,
        *,
        stil: float = 15 * 60,
        klok: Callable[[], float] = time.monotonic,
        max_aantal: int = 10_000,
    ) -> None:
        self.stil = stil
        self.klok = klok
        self.max_aantal = max_aantal
        self._sessies: dict[str, Sessie] = {}
        self._slot = threading.Lock()

    def nieuw(self) -> Sessie:
        """A fresh, anonymous session."""
        sessie = Sessie(
            id=secrets.token_urlsafe(32), csrf=secrets.token_urlsafe(32), laatst=self.klok()
        )
        with self._slot:
            self._ruim_op()
            self._sessies[sessie.id] = sessie
        return sessie

    def vind(self, sessie_id: str | None) -> tuple[Sessie | None, bool]:
        """The live session with this id, and whether one existed but timed out.

        Finding a session counts as using it (its idle clock restarts).
        """
        if not sessie_id:
            return None, False
        nu = self.klok()
        with self._slot:
            sessie = self._sessies.get(sessie_id)
            if sessie is None:
                return None, False
            if nu - sessie.laatst > self.stil:
                del self._sessies[sessie_id]
                return None, True
            sessie.laatst = nu
            return sessie, False

    def log_in(self, oud: Sessie, organisatie: str, sleutel_id: str) -> Sessie:
        """A new session (new id and CSRF token) for the organisation; ``oud`` is ended."""
        nieuw = attrs.evolve(
            oud,
            id=secrets.token_urlsafe(32),
            csrf=secrets.token_urlsafe(32),
            laatst=self.klok(),
            organisatie=organisatie,
            sleutel_id=sleutel_id,
            dossier=None,
            extra={},
        )
        with self._slot:
            self._sessies.pop(oud.id, None)
            self._sessies[nieuw.id] = nieuw
        return nieuw

    def beeindig(self, sessie: Sessie) -> None:
        """End a session (logging out)."""
        with self._slot:
            self._sessies.pop(sessie.id, None)

    def _ruim_op(self) -> None:
        nu = self.klok()
        for sid in [s.id for s in self._sessies.values() if nu - s.laatst > self.stil]:
            del self._sessies[sid]
        while len(self._sessies) >= self.max_aantal:
            oudste = min(self._sessies.values(), key=lambda s: s.laatst)
            del self._sessies[oudste.id]
