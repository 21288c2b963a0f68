"""Monitoring running dossiers on durable_rules' timers: late follow-ups as ``Signalering``.

The rules are compiled from the cited ``meldcode.rules.bewaking.BEWAKINGEN``; deadlines are
durable timer facts that fire when the caller's pulse reaches them.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import attrs

from meldcode.adapters.durable.ruleset import DurableFout, Ruleset, controleer
from meldcode.domain._validatie import is_pseudoniem
from meldcode.domain.dossier import SOORTEN, Correctie, DossierGesloten
from meldcode.domain.dossier import Gebeurtenis as _Gebeurtenis
from meldcode.errors import Fout, OngeldigeInvoer
from meldcode.rules.bewaking import BEWAKINGEN, Bewaking, Signalering, Termijnberekening
from meldcode.rules.kalender import NEDERLAND, Werkdagkalender, plus_werkdagen

__all__ = ["PER_RULESET", "Bewaker"]

_SOORTEN = frozenset(SOORTEN.values())

#: live dossiers per durable ruleset; the C engine refuses the 1025th live case id, so a session
#: spreads its dossiers over as many rulesets as it needs
PER_RULESET = 1000


def _bewakingsregels(bewakingen: tuple[Bewaking, ...]) -> dict[str, Any]:
    """The durable rules of the monitor, from the ``Bewaking`` definitions."""

    def soort_in(soorten: tuple[str, ...]) -> dict[str, Any]:
        delen = [{"soort": s} for s in soorten]
        return delen[0] if len(delen) == 1 else {"$or": delen}

    def loopt(naam: str) -> dict[str, Any]:
        return {"l": {"$and": [{"feit": "loopt"}, {"naam": naam}]}}

    regels: dict[str, Any] = {}
    for b in bewakingen:
        k = b.soort.value
        gebeurtenis: list[Any] = [{"feit": "gebeurtenis"}, soort_in(b.start)]
        if b.alleen_als is not None:
            gebeurtenis.append({b.alleen_als: True})
        if b.termijn is Termijnberekening.DIRECT:
            if b.tijdens is None:
                regels[f"melding:{k}"] = {"all": [{"m": {"$and": gebeurtenis}}]}
            else:
                regels[f"melding:{k}"] = {
                    "all": [loopt(b.tijdens.value), {"m": {"$and": gebeurtenis}}]
                }
            continue
        regels[f"start:{k}"] = {"all": [{"m": {"$and": gebeurtenis}}]}
        if b.stop:
            regels[f"stop:{k}"] = {
                "all": [loopt(k), {"m": {"$and": [{"feit": "gebeurtenis"}, soort_in(b.stop)]}}]
            }
        # durable's own timer pattern (``durable.lang.timeout``), exactly: a timer fact joined
        # with a pulse whose ``$time`` has reached the timer's ``$baseTime``. Wrapping the
        # comparison in an ``$and`` makes durable's C engine crash when it is false
        regels[f"verlopen:{k}"] = {
            "all": [
                {"base": {"$timerName": k}},
                {"timeout": {"$gte": {"$time": {"base": "$baseTime"}}}},
            ]
        }
    return regels


class Bewaker:
    """A monitoring session: dossier events in, follow-ups (``Signalering``) out.

    ``verwerk(dossier, gebeurtenis)`` takes each event as it is recorded; ``tik(op)`` moves the
    session's clock to the date ``op`` and returns the follow-ups whose deadline has passed.
    Time is whatever the caller says (``tik``), so tests run in milliseconds; a partner calls
    ``tik(date.today())`` from a daily job. Deadlines count working days on ``kalender``
    (weekends only by default; the Dutch calendar of
    ``meldcode.rules.kalender`` by default).

    The rules are durable rules compiled from ``meldcode.rules.bewaking.BEWAKINGEN``; the
    deadlines are durable timer facts fired by the rete when a pulse reaches them. Each dossier
    is a durable case of its own (no cross-talk); a closed dossier is retired from durable.
    Everything runs on the caller's thread, under a lock. A bad event raises ``OngeldigeInvoer``
    and changes nothing: the session keeps running.
    """

    def __init__(
        self,
        *,
        kalender: Werkdagkalender | None = None,
        bewakingen: tuple[Bewaking, ...] = BEWAKINGEN,
        per_ruleset: int = PER_RULESET,
    ) -> None:
        if not 1 <= per_ruleset <= PER_RULESET:
            raise OngeldigeInvoer(
                [
                    Fout(
                        "per_ruleset",
                        repr(per_ruleset),
                        f"per_ruleset must be between 1 and {PER_RULESET} (got {per_ruleset})",
                    )
                ]
            )
        self._kalender: Werkdagkalender = kalender if kalender is not None else NEDERLAND
        self._bewakingen = {b.soort.value: b for b in bewakingen}
        self._regels = _bewakingsregels(bewakingen)
        self._per_ruleset = per_ruleset
        self._shards: list[Ruleset] = []
        self._levend: list[int] = []  # live dossiers per shard
        self._vrij: list[list[str]] = []  # per shard: case ids free for the next dossier
        self._hashes: list[set[int]] = []  # per shard: the FNV-1a hashes of its case ids
        self._shard: dict[str, tuple[int, str]] = {}  # dossier -> (shard, case id)
        self._timers: dict[str, dict[str, dt.date]] = {}  # dossier -> running deadlines
        self._slot = threading.RLock()
        self._teller = 0
        self.nu: dt.date | None = None

    # -- public ---------------------------------------------------------------------------------

    @property
    def open_dossiers(self) -> int:
        """How many dossiers the session holds in durable now."""
        return len(self._shard)

    @property
    def rulesets(self) -> int:
        """How many durable rulesets the session uses (one per ``per_ruleset`` dossiers)."""
        return len(self._shards)

    def verwerk(self, dossier: str, gebeurtenis: object) -> tuple[Signalering, ...]:
        """Take one dossier event; return the follow-ups it raises at once.

        Raises ``OngeldigeInvoer`` (naming the field) for an unknown dossier id format, an
        object that is not a dossier event, or an event that does not validate; the session
        is unchanged and keeps running.
        """
        _valideer_dossier(dossier)
        feit = self._feit(gebeurtenis)
        if feit is None:
            return ()
        assert isinstance(gebeurtenis, _Gebeurtenis)
        with self._slot:
            ruleset, sid = self._ruleset_voor(dossier)
            self._teller += 1
            feit = {"sid": sid, "id": f"g{self._teller}", **feit}
            uit: list[Signalering] = []
            try:
                for naam in self._uniek(ruleset.post(feit, gebeurtenis.soort)):
                    uit += self._voer_uit(ruleset, dossier, sid, naam, gebeurtenis)
            finally:
                ruleset.trek_terug(sid, [feit["id"]], "gebeurtenis")
            if gebeurtenis.soort == DossierGesloten.soort:
                self.sluit(dossier)
            return tuple(uit)

    def tik(self, op: object) -> tuple[Signalering, ...]:
        """Move the clock to ``op``; return the follow-ups whose deadline passed by then.

        Each deadline fires once. The clock may not go back (``OngeldigeInvoer``).
        """
        if not isinstance(op, dt.date) or isinstance(op, dt.datetime):
            raise OngeldigeInvoer([Fout("op", f"<{type(op).__name__}>", "op must be a date")])
        with self._slot:
            if self.nu is not None and op < self.nu:
                raise OngeldigeInvoer(
                    [
                        Fout(
                            "op",
                            op.isoformat(),
                            f"the clock cannot go back from {self.nu.isoformat()} "
                            f"(got {op.isoformat()})",
                        )
                    ]
                )
            self.nu = op
            uit: list[Signalering] = []
            for dossier in [d for d, t in self._timers.items() if t]:
                shard, sid = self._shard[dossier]
                ruleset = self._shards[shard]
                self._teller += 1
                puls = {"sid": sid, "id": f"puls{self._teller}", "feit": "puls"}
                try:
                    gevuurd = ruleset.post({**puls, "$time": op.toordinal()}, "puls")
                    for naam in self._uniek(gevuurd):
                        uit += self._voer_uit(ruleset, dossier, sid, naam, None)
                finally:
                    ruleset.trek_terug(sid, [puls["id"]], "puls")
            return tuple(uit)

    def sluit(self, dossier: str) -> None:
        """Retire a dossier: its facts and timers are retracted, its case id is reused.

        durable's ``delete_state`` is not used: it crashed the interpreter (``free(): invalid
        pointer``) in the stress scenario. The case ids of closed dossiers are handed to new
        ones instead, so the number of durable cases stays at the number of open dossiers.
        """
        with self._slot:
            plaats = self._shard.pop(dossier, None)
            self._timers.pop(dossier, None)
            if plaats is None:
                return
            shard, sid = plaats
            ids = [f"{soort}-{k}" for k in self._bewakingen for soort in ("loopt", "timer")]
            self._shards[shard].trek_terug(sid, ids, "sluiten")
            self._levend[shard] -= 1
            self._vrij[shard].append(sid)

    def close(self) -> None:
        """Free every durable ruleset of the session."""
        with self._slot:
            for ruleset in self._shards:
                ruleset.close()
            self._shards.clear()
            self._levend.clear()
            self._vrij.clear()
            self._hashes.clear()
            self._shard.clear()
            self._timers.clear()

    def __enter__(self) -> Bewaker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals ------------------------------------------------------------------------------

    def _feit(self, gebeurtenis: object) -> dict[str, Any] | None:
        """The event as a fact, validated; ``None`` for a correction (not monitored)."""
        if not isinstance(gebeurtenis, _Gebeurtenis) or type(gebeurtenis) not in _SOORTEN:
            raise OngeldigeInvoer(
                [
                    Fout(
                        "gebeurtenis",
                        f"<{type(gebeurtenis).__name__}>",
                        "gebeurtenis must be a dossier event (meldcode.domain.dossier)",
                    )
                ]
            )
        attrs.validate(gebeurtenis)
        if isinstance(gebeurtenis, Correctie):
            return None
        feit: dict[str, Any] = {"feit": "gebeurtenis", "soort": gebeurtenis.soort}
        for b in self._bewakingen.values():
            if b.alleen_als is not None and b.alleen_als in attrs.fields_dict(type(gebeurtenis)):
                waarde = getattr(gebeurtenis, b.alleen_als)
                controleer(f"{gebeurtenis.soort}.{b.alleen_als}", waarde, bool)
                feit[b.alleen_als] = waarde
        return feit

    def _ruleset_voor(self, dossier: str) -> tuple[Ruleset, str]:
        if dossier in self._shard:
            shard, sid = self._shard[dossier]
            return self._shards[shard], sid
        vrij = [i for i, n in enumerate(self._levend) if n < self._per_ruleset]
        if vrij:
            i = vrij[0]
        else:
            self._shards.append(Ruleset("meldcode_bewaking", self._regels))
            self._levend.append(0)
            self._vrij.append([])
            self._hashes.append(set())
            i = len(self._shards) - 1
        if self._vrij[i]:
            sid = self._vrij[i].pop()
        else:
            # durable finds a case by the 32-bit FNV-1a hash of its id alone: two ids with the
            # same hash would share one case, so an id whose hash is taken is skipped
            while True:
                self._teller += 1
                sid = f"c{self._teller}"
                if _fnv1a(sid) not in self._hashes[i]:
                    break
            self._hashes[i].add(_fnv1a(sid))
        self._levend[i] += 1
        self._shard[dossier] = (i, sid)
        self._timers[dossier] = {}
        return self._shards[i], sid

    @staticmethod
    def _uniek(namen: list[str]) -> list[str]:
        # a join may fire once per matching pair; each action is taken once
        return list(dict.fromkeys(namen))

    def _voer_uit(
        self,
        ruleset: Ruleset,
        dossier: str,
        sid: str,
        naam: str,
        gebeurtenis: _Gebeurtenis | None,
    ) -> list[Signalering]:
        """Carry out what a durable rule decided: start, stop or fire a bewaking."""
        actie, k = naam.split(":")
        b = self._bewakingen[k]
        if actie == "melding":
            assert gebeurtenis is not None
            return [self._signalering(dossier, b, gebeurtenis.datum, None)]
        if actie == "start":
            assert gebeurtenis is not None
            uiterlijk = self._uiterlijk(b, gebeurtenis)
            ruleset.trek_terug(sid, [f"loopt-{k}", f"timer-{k}"], "timer")  # a restart
            for feit in (
                {"id": f"loopt-{k}", "feit": "loopt", "naam": k},
                {
                    "id": f"timer-{k}",
                    "feit": "timer",
                    "$timerName": k,
                    "$baseTime": (uiterlijk + dt.timedelta(days=1)).toordinal(),
                },
            ):
                if ruleset.post({"sid": sid, **feit}, "timer"):
                    raise DurableFout(f"durable ruleset {ruleset.naam} fired on a timer start")
            self._timers[dossier][k] = uiterlijk
            return []
        if actie == "stop":
            ruleset.trek_terug(sid, [f"loopt-{k}", f"timer-{k}"], "timer")
            self._timers[dossier].pop(k, None)
            return []
        # verlopen: the deadline passed; the watch stays open until its stop event
        uiterlijk = self._timers[dossier].pop(k)
        ruleset.trek_terug(sid, [f"timer-{k}"], "timer")
        assert self.nu is not None
        return [self._signalering(dossier, b, self.nu, uiterlijk)]

    def _uiterlijk(self, b: Bewaking, gebeurtenis: _Gebeurtenis) -> dt.date:
        if b.termijn is Termijnberekening.AFGESPROKEN:
            termijn = getattr(gebeurtenis, "termijn", None)
            if not isinstance(termijn, dt.date):
                raise OngeldigeInvoer(
                    [Fout(f"{gebeurtenis.soort}.termijn", "<missing>", "an agreed term is needed")]
                )
            return termijn
        return plus_werkdagen(self._kalender, gebeurtenis.datum, b.werkdagen)

    @staticmethod
    def _signalering(
        dossier: str, b: Bewaking, sinds: dt.date, uiterlijk: dt.date | None
    ) -> Signalering:
        return Signalering(
            dossier=dossier,
            soort=b.soort,
            sinds=sinds,
            uiterlijk=uiterlijk,
            bron=str(b.bron),
            citaat=b.citaat,
        )


def _fnv1a(tekst: str) -> int:
    """The 32-bit FNV-1a hash durable uses to find a case (``fnv1Hash32`` in ``state.c``)."""
    h = 2166136261
    for byte in tekst.encode():
        h = ((h ^ byte) * 16777619) & 0xFFFFFFFF
    return h


def _valideer_dossier(dossier: object) -> None:
    if not is_pseudoniem(dossier):
        shown = f"<{type(dossier).__name__}>" if not isinstance(dossier, str) else "<text>"
        raise OngeldigeInvoer(
            [
                Fout(
                    "dossier",
                    shown,
                    "dossier must be a pseudonymous id (letters, digits, '_', '.', ':', '-')",
                )
            ]
        )
