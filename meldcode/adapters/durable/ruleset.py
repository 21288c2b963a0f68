"""Driving one durable_rules ruleset from the caller's thread, without durable's ``Host``.

The only module that imports ``durable``. See ``Ruleset`` for why there are no threads here.
"""

from __future__ import annotations

import contextlib
import json
import threading
import uuid
import weakref
from collections.abc import Collection, Mapping
from typing import Any

from durable import engine as _durable

from meldcode.errors import Fout, MeldcodeError, OngeldigeInvoer, OngeldigeRegelbasis

__all__ = ["MAX_LEVENDE_CASUSSEN", "DurableFout", "Ruleset", "controleer", "uniek"]


class DurableFout(MeldcodeError, RuntimeError):
    """durable_rules did something the adapter does not accept; the case was not decided.

    Raised when a rule got no outcome or more than one (durable silently mis-matched), when
    durable raised inside a post, or when an action failed. The message names the ruleset, the
    rule or message kind, and durable's own error class; never data from the case.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)


#: durable's C engine (``durable.engine`` imports it as ``durable_rules_engine``)
_engine: Any = _durable.durable_rules_engine

# durable's result codes (``rules.h``); ``durable.engine`` turns 1 and 2 into
# ``MessageNotHandledException`` and ``MessageObservedException``
_AFGEHANDELD = 0
_NIET_AFGEHANDELD = 1
_AL_GEZIEN = 2
_UITGESTELD = 3


def _verwijder_ruleset(handle: int) -> None:
    """Free a ruleset's C memory (on ``close`` and when the object is collected)."""
    try:
        _engine.delete_ruleset(handle)
    except Exception:  # already gone, or the interpreter is shutting down
        return


class Ruleset:
    """One durable ruleset, driven from the caller's thread only.

    This does what ``durable.engine.Host``/``Ruleset`` do for a post, without their Python
    layer. ``Host.__init__`` starts two self-rescheduling ``threading.Timer`` chains that call
    ``start_action`` (any case with a pending result) and ``assert_timers`` (a ``$pulse`` into
    every case) on the same C ruleset every 0.2 s. An action there is a sequence of C calls
    (``start_action_for_state``, the Python action, ``update_state``,
    ``complete_and_start_action``) that the C engine guards only against a second
    ``start_action`` (a 30 s lease), not against a pulse or a message into the same case; a
    timer thread that runs between the calls changes the frames the running action points at,
    and ``complete_and_start_action`` then walks freed memory: the segmentation fault in
    ``action_callback``. Here there are no threads: a post asserts the message and runs the
    firings to completion before it returns, under a lock; timers are pulsed by the caller. An
    "action" only records which rule fired, so nothing can fail inside durable and be swallowed
    into the case state.
    """

    def __init__(self, voorvoegsel: str, regels: Mapping[str, Any]) -> None:
        self.naam = f"{voorvoegsel}_{uuid.uuid4().hex}"
        self.slot = threading.RLock()
        try:
            self._handle: int = _engine.create_ruleset(self.naam, json.dumps(regels))
        except Exception as exc:  # durable raises bare Exceptions with an error code
            raise OngeldigeRegelbasis(
                f"durable rejected the compiled ruleset {self.naam} "
                f"({type(exc).__name__}: {str(exc)[:200]})"
            ) from None
        self.open = True
        self._finalizer = weakref.finalize(self, _verwijder_ruleset, self._handle)

    def post(self, bericht: Mapping[str, Any], soort: str, *, feit: bool = True) -> list[str]:
        """Assert a fact (or post an event) and return the rules that fired, in firing order.

        "No rule matched" is not an error here: the caller knows what must fire.
        """
        tekst = json.dumps(bericht)
        with self.slot:
            if not self.open:
                raise DurableFout(f"durable ruleset {self.naam} is closed")
            try:
                if feit:
                    code, staat = _engine.assert_fact(self._handle, tekst)
                else:
                    code, staat = _engine.assert_event(self._handle, tekst)
            except MemoryError:
                raise DurableFout(
                    f"durable ruleset {self.naam}: out of case ids (durable keeps at most "
                    f"{MAX_LEVENDE_CASUSSEN} live cases; retire finished ones)"
                ) from None
            except Exception as exc:
                raise self._fout(soort, exc) from None
            if code == _AL_GEZIEN:
                raise DurableFout(
                    f"durable ruleset {self.naam}: a {soort} message with the same id was "
                    "already observed (durable's MessageObservedException)"
                )
            if code == _NIET_AFGEHANDELD:
                return []
            if code != _AFGEHANDELD:
                raise DurableFout(f"durable ruleset {self.naam}: unexpected result code {code}")
            return self._vuur(staat, soort)

    def _vuur(self, staat: int, soort: str) -> list[str]:
        gevuurd: list[str] = []
        try:
            resultaat = _engine.start_action_for_state(self._handle, staat)
            berichten = None if resultaat is None else resultaat[1]
            while berichten is not None:
                # '{"<rule name>": ...}': the rule names are ours, plain ASCII without quotes
                gevuurd.append(berichten[2 : berichten.index('"', 2)])
                berichten = _engine.complete_and_start_action(self._handle, staat)
        except Exception as exc:
            with contextlib.suppress(Exception):
                _engine.abandon_action(self._handle, staat)
            raise self._fout(soort, exc) from None
        return gevuurd

    def _fout(self, soort: str, exc: BaseException) -> DurableFout:
        return DurableFout(
            f"durable ruleset {self.naam} failed on a {soort} message "
            f"({type(exc).__name__}: {str(exc)[:200]})"
        )

    def leeg(self, sid: str, ids: list[str]) -> bool:
        """Retract the facts ``ids`` of case ``sid``; ``True`` when the case holds no fact now.

        Reusing an emptied case id saves durable building a fresh case state for every case.
        """
        try:
            self.trek_terug(sid, list(reversed(ids)), "opruimen")
            with self.slot:
                feiten = json.loads(_engine.get_facts(self._handle, sid))
        except (MeldcodeError, ValueError):
            return False
        # only durable's own state fact ("sid-<id>") may remain
        return all(str(f.get("id", "")).startswith("sid-") for f in feiten)

    def trek_terug(self, sid: str, ids: list[str], soort: str) -> None:
        """Retract the facts ``ids`` of case ``sid`` (an unknown id is no error)."""
        with self.slot:
            if not self.open:
                raise DurableFout(f"durable ruleset {self.naam} is closed")
            for i in ids:
                try:
                    code, staat = _engine.retract_fact(
                        self._handle, json.dumps({"sid": sid, "id": i})
                    )
                except Exception as exc:
                    raise self._fout(soort, exc) from None
                if code == _AFGEHANDELD and self._vuur(staat, soort):
                    raise DurableFout(f"durable ruleset {self.naam} fired on a retraction")

    def close(self) -> None:
        """Free the C ruleset."""
        with self.slot:
            self.open = False
            self._finalizer()


#: durable's C engine holds at most this many live case ids per ruleset (MAX_STATE_INDEX_LENGTH)
MAX_LEVENDE_CASUSSEN = 1024
_volgnummer = iter(range(1, 1 << 62))
_volgnummer_slot = threading.Lock()


def uniek(voorvoegsel: str) -> str:
    """A name with ``voorvoegsel`` not given out before in this process (case ids)."""
    with _volgnummer_slot:
        return f"{voorvoegsel}{next(_volgnummer)}"


def controleer(veld: str, waarde: object, soort: type, waarden: Collection[str] = ()) -> None:
    """Refuse a fact field of another type or value than expected: durable matches silently."""
    # ``type() is`` and not isinstance: a bool is an int, and durable matches 0 == False
    if type(waarde) is not soort:
        raise OngeldigeInvoer(
            [
                Fout(
                    veld,
                    f"<{type(waarde).__name__}>",
                    f"{veld} must be a {soort.__name__} before it reaches durable",
                )
            ]
        )
    if waarden and waarde not in waarden:
        raise OngeldigeInvoer([Fout(veld, repr(waarde), f"{veld} is not one of its values")])
