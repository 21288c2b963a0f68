"""Deciding cases on durable_rules: the rule base's circuit compiled to one ruleset.

``compileer(basis)`` translates the rule base's ``Schakeling`` (``meldcode.rules.semantiek``)
into durable knopen (``meldcode.adapters.durable.compiler``) and creates one ruleset;
``DurableRegelbasis.evalueer`` posts a validated case, one fact per stratum, reads every
knoop's single outcome back, and assembles the ``Besluit`` with the assembly every engine
shares (``meldcode.rules.samenstellen``). durable decides which rules fire; nothing else here
knows what a rule means.

durable's quirks, and how they are fenced (the full list is in ``docs/durable.md``):

- durable's ``Host`` starts timer threads that drive the C ruleset between the calls of an
  action on the caller's thread (the segmentation fault): ``Ruleset`` drives the C engine from
  the caller's thread only, under a lock.
- a missing or mistyped field matches nothing, and ``"false" == False``, ``0 == False`` match:
  every fact is built from validated domain objects and type-checked before it is posted.
- ``delete_state`` aborted the interpreter in the stress scenario: cases are emptied and their
  ids reused instead, which also keeps below the 1024 live case ids of the C engine.
- errors raised in actions are swallowed into the case state: there are no Python actions
  inside durable here, only the record of which rule fired.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Collection, Mapping
from typing import Any, cast

import attrs

from meldcode.adapters.durable.compiler import (
    ONBEANTWOORD,
    Bouwer,
    DurableKnoop,
    antwoordveld,
    patroon,
)
from meldcode.adapters.durable.expressies import velden
from meldcode.adapters.durable.ruleset import DurableFout, Ruleset, controleer, uniek
from meldcode.domain.besluit import Besluit
from meldcode.domain.casus import Casus, Consultatie, Kind, Omstandigheden, Signaal, Weging
from meldcode.domain.feiten import vlaggen
from meldcode.domain.waarden import Oordeel, Protocol, Vraag
from meldcode.errors import Fout, OngeldigeInvoer, OngeldigeRegelbasis
from meldcode.rules.beslis import kies_regelbasis
from meldcode.rules.kalender import Werkdagkalender, kalender_met
from meldcode.rules.model import Regelbasis
from meldcode.rules.referentie import Evaluatie
from meldcode.rules.samenstellen import besluit_uit
from meldcode.rules.semantiek import Waarheid

__all__ = ["DurableRegelbasis", "beslis", "compileer", "evalueer_casus"]

_WAARHEID: dict[str, Waarheid] = {"waar": True, "onwaar": False, "onbekend": None}


def _valideer_casus(casus: object) -> Casus:
    """Run every validator of the case again: a frozen object can still be forced."""
    if not isinstance(casus, Casus):
        raise OngeldigeInvoer([Fout("casus", f"<{type(casus).__name__}>", "casus must be a Casus")])
    for deel, soort, veld in (
        (casus.kind, Kind, "kind"),
        (casus.omstandigheden, Omstandigheden, "omstandigheden"),
        (casus.weging, Weging, "weging"),
    ):
        if not isinstance(deel, soort):
            raise OngeldigeInvoer(
                [Fout(veld, f"<{type(deel).__name__}>", f"{veld} must be a {soort.__name__}")]
            )
        attrs.validate(deel)
    lijsten: tuple[tuple[str, type], ...] = (("signalen", Signaal), ("consultaties", Consultatie))
    for lijst, klasse in lijsten:
        for i, item in enumerate(getattr(casus, lijst)):
            if not isinstance(item, klasse):
                veld = f"{lijst}[{i}]"
                raise OngeldigeInvoer(
                    [Fout(veld, f"<{type(item).__name__}>", f"{veld} must be a {klasse.__name__}")]
                )
            attrs.validate(cast(Any, item))
    attrs.validate(casus)
    return casus


class DurableRegelbasis:
    """A ``Regelbasis`` compiled to one durable_rules ruleset, with a unique name.

    Build one with ``compileer(basis)``. ``evalueer``/``beslis`` take a ``Casus`` and return
    exactly what the pure engine returns. Each evaluation runs under a lock on the caller's
    thread in a durable case that holds no fact: every fact it posts is retracted afterwards
    (checked), or the case id is not used again, so nothing of one case is seen by the next.
    ``close()`` frees the C ruleset (also done when the object is garbage collected).
    """

    def __init__(self, basis: Regelbasis) -> None:
        if not isinstance(basis, Regelbasis):
            raise OngeldigeRegelbasis(
                f"compileer needs a Regelbasis (got <{type(basis).__name__}>)"
            )
        self.basis = basis
        self._bouwer = b = Bouwer(basis)
        self.strata = 1 + max(k.stratum for k in b.knopen)
        regels: dict[str, Any] = {}
        self._per_stratum: list[list[DurableKnoop]] = [[] for _ in range(self.strata)]
        self._lezen: list[set[str]] = [set() for _ in range(self.strata)]
        for knoop in b.knopen:
            self._per_stratum[knoop.stratum].append(knoop)
            for uitkomst, delen in knoop.uitkomsten:
                for n, deel in enumerate(delen):
                    self._lezen[knoop.stratum].update(v for v in velden(deel) if v in b.velden)
                    regels[f"{knoop.veld}={uitkomst}#{n}"] = patroon(knoop.stratum, deel)
        self._ruleset = Ruleset(f"meldcode_{basis.protocol.value}", regels)
        self._sid: str | None = None  # a case id without facts, ready for the next case
        self.naam = self._ruleset.naam

    def _casusvelden(self, casus: Casus) -> dict[str, Any]:
        """The case as the flat, typed fields the circuit reads (no free text ever goes in)."""
        s = self._bouwer.schakeling
        velden_: dict[str, Any] = {
            antwoordveld(v): (
                a.value if (a := casus.weging.antwoord(v)) is not None else ONBEANTWOORD
            )
            for v in s.vragen
        }
        waar = vlaggen(casus)
        for pad, veld in self._bouwer.vlagvelden.items():
            velden_[veld] = pad in waar
        leeftijd = casus.kind.leeftijd
        velden_["kind_leeftijd_bekend"] = leeftijd is not None
        velden_["kind_leeftijd"] = leeftijd if leeftijd is not None else 0
        return velden_

    def _controleer(self, velden_: Mapping[str, Any]) -> None:
        """Check every field's exact type and value set: durable would match anything silently."""
        antwoorden = {o.value for o in Oordeel} | {ONBEANTWOORD}
        for v in self._bouwer.schakeling.vragen:
            controleer(antwoordveld(v), velden_.get(antwoordveld(v)), str, antwoorden)
        for veld in self._bouwer.vlagvelden.values():
            controleer(veld, velden_.get(veld), bool)
        controleer("kind_leeftijd_bekend", velden_.get("kind_leeftijd_bekend"), bool)
        controleer("kind_leeftijd", velden_.get("kind_leeftijd"), int)

    def evalueer(
        self,
        casus: Casus,
        *,
        vrije_dagen: Collection[dt.date] = (),
        kalender: Werkdagkalender | None = None,
    ) -> Evaluatie:
        """Evaluate ``casus`` with durable: the same ``Evaluatie`` as the pure engine gives.

        Raises ``OngeldigeInvoer`` when the case does not validate and ``DurableFout`` when
        durable fails or matches inconsistently (no outcome, or two, for some knoop).
        """
        casus = _valideer_casus(casus)
        velden_ = self._casusvelden(casus)
        self._controleer(velden_)
        uitkomst = self._evalueer(velden_)
        b = self._bouwer
        s = b.schakeling

        def waarde(knoop: int) -> Waarheid:
            gelezen = b.knoop_van.get(knoop)
            if gelezen is None:  # a constant output (folded): no knoop to read
                return s.knopen[knoop].args[0]  # type: ignore[no-any-return]
            return _WAARHEID[uitkomst[gelezen.veld]]

        status = {r.id: waarde(s.status[r.id]) for r in self.basis.regels}
        volgende: Vraag | None = next(
            (v for v, k in zip(s.vragen, s.kandidaat, strict=True) if waarde(k) is True), None
        )
        besluit = besluit_uit(
            self.basis,
            {r for r, w in status.items() if w is True},
            volgende,
            referentie=casus.referentie,
            datum=casus.datum,
            kalender=kalender_met(kalender, vrije_dagen),
        )
        bereikbaar = {v: waarde(k) for v, k in zip(s.vragen, s.bereik, strict=True)}
        return Evaluatie(besluit=besluit, status=status, bereikbaar=bereikbaar)

    def _evalueer(self, velden_: Mapping[str, Any]) -> dict[str, str]:
        """Post one fact per stratum; return every knoop's single outcome."""
        uitkomst: dict[str, str] = {}
        with self._ruleset.slot:
            sid, self._sid = self._sid or uniek("casus-"), None
            gepost: list[str] = []
            klaar = False
            try:
                for stap, knopen in enumerate(self._per_stratum):
                    gepost.append(f"stand-{stap}")
                    feit = {
                        "sid": sid,
                        "id": gepost[-1],
                        "feit": "stand",
                        "stap": stap,
                        **velden_,
                        **{v: uitkomst[v] for v in sorted(self._lezen[stap])},
                    }
                    gezien: dict[str, set[str]] = {}
                    for regel in self._ruleset.post(feit, f"stand-{stap}"):
                        veld, waarde = regel.split("#")[0].split("=")
                        gezien.setdefault(veld, set()).add(waarde)
                    for knoop in knopen:
                        waarden = gezien.pop(knoop.veld, set())
                        if len(waarden) != 1:
                            raise DurableFout(
                                f"durable ruleset {self.naam} gave {len(waarden)} outcomes "
                                f"({', '.join(sorted(waarden)) or 'none'}) for {knoop.wat}; "
                                "expected exactly one"
                            )
                        uitkomst[knoop.veld] = waarden.pop()
                    if gezien:
                        raise DurableFout(
                            f"durable ruleset {self.naam} fired out of turn in stratum {stap}"
                        )
                klaar = True
            finally:
                # keep the case id for the next case only when every fact is gone again
                # delete_state is avoided: it crashed the interpreter in the stress scenario;
                # a case id that could not be emptied is simply not used again
                if klaar and self._ruleset.leeg(sid, gepost):
                    self._sid = sid
        return uitkomst

    def beslis(self, casus: Casus) -> Besluit:
        """Decide ``casus``: exactly the pure engine's ``Besluit`` (see ``evalueer``)."""
        return self.evalueer(casus).besluit

    def close(self) -> None:
        """Free the C ruleset; the object cannot evaluate afterwards."""
        self._ruleset.close()

    def __enter__(self) -> DurableRegelbasis:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"DurableRegelbasis(protocol={self.basis.protocol.value!r}, naam={self.naam!r})"


def compileer(basis: Regelbasis) -> DurableRegelbasis:
    """Compile ``basis`` into a new durable ruleset with a unique name.

    Raises ``OngeldigeRegelbasis`` when durable rejects the compiled ruleset.
    """
    return DurableRegelbasis(basis)


_CACHE_GROOTTE = 8
_cache: dict[int, DurableRegelbasis] = {}
_cache_slot = threading.Lock()


def _gecompileerd(basis: Regelbasis) -> DurableRegelbasis:
    """The compiled form of ``basis``, reused for the same rule base (a few at most)."""
    with _cache_slot:
        # keyed by identity: hashing a whole rule base costs more than a case
        gevonden = _cache.pop(id(basis), None)
        if gevonden is None or gevonden.basis is not basis:
            gevonden = compileer(basis)
            while len(_cache) >= _CACHE_GROOTTE:
                _cache.pop(next(iter(_cache))).close()
        _cache[id(basis)] = gevonden
        return gevonden


def evalueer_casus(
    casus: Casus,
    protocol: Protocol | str | None = None,
    *,
    basis: Regelbasis | None = None,
    vrije_dagen: Collection[dt.date] = (),
    kalender: Werkdagkalender | None = None,
) -> Evaluatie:
    """Like ``meldcode.rules.evalueer_casus``, with durable_rules doing the rule matching."""
    casus = _valideer_casus(casus)
    basis = kies_regelbasis(casus, protocol, basis=basis)
    return _gecompileerd(basis).evalueer(casus, vrije_dagen=vrije_dagen, kalender=kalender)


def beslis(
    casus: Casus,
    protocol: Protocol | str | None = None,
    *,
    basis: Regelbasis | None = None,
    vrije_dagen: Collection[dt.date] = (),
    kalender: Werkdagkalender | None = None,
) -> Besluit:
    """Decide ``casus`` with durable_rules: exactly what ``meldcode.beslis`` decides.

    Same signature as ``meldcode.beslis``, so ``--engine durable`` can use it.
    """
    return evalueer_casus(
        casus, protocol, basis=basis, vrije_dagen=vrije_dagen, kalender=kalender
    ).besluit
