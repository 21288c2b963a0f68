"""The reference engine: the rules' own trees, walked for one case, with the full trace.

``evalueer`` is the readable statement of how a rule base decides, the one the tests hold every
other engine to (the compiled engine, dataframes, durable_rules). It follows the meaning set
out in ``meldcode.rules.semantiek`` directly on the rules' condition trees, rule by rule, and
keeps each rule's outcome and each question's reach (``Evaluatie``).

Evaluation is three-valued (true, false, unknown). A rule whose condition is unknown cannot
fire; if it could still add a decision or a contact, the questions it waits for are candidates
for ``volgende_vraag``, and the first of them in the protocol's order is asked. Nothing is
guessed: an unknown decision is reported as not (yet) taken, together with the question that can
settle it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from attrs import frozen

from meldcode.domain.besluit import Besluit
from meldcode.domain.casus import Casus
from meldcode.domain.feiten import vlaggen
from meldcode.domain.waarden import Beslispunt, Oordeel, Vraag
from meldcode.rules.kalender import Werkdagkalender, kalender_met
from meldcode.rules.model import (
    Alle,
    Antwoord,
    Beslist,
    Conditie,
    EenVan,
    Leeftijd,
    Niet,
    Regel,
    Regelbasis,
    Vlag,
)
from meldcode.rules.samenstellen import besluit_uit

if TYPE_CHECKING:  # the circuit itself is not needed to evaluate a case in full
    from meldcode.rules.semantiek import Waarheid

__all__ = ["Evaluatie", "evalueer"]


@frozen(kw_only=True)
class Evaluatie:
    """The full trace of one evaluation: each rule's outcome, the questions' reach, the Besluit."""

    besluit: Besluit
    status: Mapping[str, Waarheid]
    bereikbaar: Mapping[Vraag, Waarheid]

    @property
    def gevuurd(self) -> tuple[str, ...]:
        """Ids of the rules that fired, in rule base order."""
        return tuple(i for i, s in self.status.items() if s is True)


class _Context:
    """One evaluation: the facts of the case, the questions' reach, the decisions so far."""

    def __init__(self, casus: Casus, basis: Regelbasis) -> None:
        self.basis = basis
        self.vlaggen = vlaggen(casus)
        self.leeftijd = casus.kind.leeftijd
        self.antwoord: dict[Vraag, Oordeel | None] = {
            a.vraag: casus.weging.antwoord(a.vraag) for a in basis.vragen
        }
        # each decision as taken so far (Kleene's or of the rules concluding it); complete for a
        # decision before any rule reads it (the rule base's ``volgorde``)
        self.beslist: dict[Beslispunt, Waarheid] = {}
        self.bereikbaar: dict[Vraag, Waarheid] = {}
        for afweging in basis.vragen:  # a voorwaarde reads earlier answers only
            v = afweging.voorwaarde
            self.bereikbaar[afweging.vraag] = True if v is None else self.waar(v)

    def waar(self, c: Conditie) -> Waarheid:
        """The value of ``c`` for this case: true, false or unknown (``None``)."""
        if isinstance(c, Alle):
            uit: Waarheid = True
            for deel in c.delen:
                w = self.waar(deel)
                if w is False:
                    return False  # false wins an Alle
                if w is None:
                    uit = None
            return uit
        if isinstance(c, EenVan):
            uit = False
            for deel in c.delen:
                w = self.waar(deel)
                if w is True:
                    return True  # true wins an EenVan
                if w is None:
                    uit = None
            return uit
        if isinstance(c, Niet):
            w = self.waar(c.deel)
            return None if w is None else not w
        if isinstance(c, Antwoord):
            antwoord = self.antwoord[c.vraag]
            if antwoord is not None:
                return antwoord in c.waarden
            # unanswered: unknown while the route can reach it, not applicable once passed by
            return None if self.bereikbaar.get(c.vraag) is not False else False
        if isinstance(c, Beslist):
            return self.beslist.get(c.punt, False)
        if isinstance(c, Vlag):
            return c.pad in self.vlaggen
        if isinstance(c, Leeftijd):
            leeftijd = self.leeftijd
            return (
                leeftijd is not None
                and (c.vanaf is None or leeftijd >= c.vanaf)
                and (c.tot is None or leeftijd < c.tot)
            )
        return self.waar(c.verlaag())  # a leaf in the sources' terms: its primitives

    def status(self, regel: Regel) -> Waarheid:
        """The outcome of ``regel``; its decisions are added to ``beslist`` (Kleene's or)."""
        # default logic: a rule holds unless one of its exceptions is established
        if any(self.beslist.get(p, False) is True for p in regel.tenzij):
            return False
        s = self.waar(regel.als)
        for punt in regel.dan.beslissingen:
            if s is True:
                self.beslist[punt] = True
            elif s is None and punt not in self.beslist:
                self.beslist[punt] = None
        return s

    def open_vragen(self, c: Conditie) -> set[Vraag]:
        """Unanswered questions that keep ``c`` unknown, with what must be asked to reach them."""
        if isinstance(c, Antwoord):
            if self.antwoord[c.vraag] is not None:
                return set()
            reach = self.bereikbaar.get(c.vraag)
            if reach is True:
                return {c.vraag}
            if reach is None:
                voorwaarde = self.basis.afweging(c.vraag).voorwaarde
                return self.open_vragen(voorwaarde) if voorwaarde is not None else set()
            return set()
        if isinstance(c, Alle | EenVan):
            return set().union(*(self.open_vragen(d) for d in c.delen if self.waar(d) is None))
        if isinstance(c, Niet):
            return self.open_vragen(c.deel)
        return set()


def evalueer(
    casus: Casus,
    basis: Regelbasis,
    *,
    vrije_dagen: Collection[dt.date] = (),
    kalender: Werkdagkalender | None = None,
) -> Evaluatie:
    """Evaluate every rule of ``basis`` against ``casus``; pure and deterministic.

    Follow-ups are dated in working days of ``kalender`` (default: the Dutch calendar,
    ``meldcode.rules.kalender.NEDERLAND``) less ``vrije_dagen``. This is the full evaluation,
    every time; ``beslis`` gives the same ``Besluit`` from the compiled rule base.
    """
    ctx = _Context(casus, basis)
    status = {regel.id: ctx.status(regel) for regel in basis.volgorde}
    genomen = {p for p, w in ctx.beslist.items() if w is True}
    gevuurd = {r.id for r in basis.regels if status[r.id] is True}
    contacten = {p for r in basis.regels if r.id in gevuurd for p in r.dan.contacten}

    kandidaten: set[Vraag] = set()
    for regel in basis.regels:
        if status[regel.id] is not None:
            continue
        nieuw = any(p not in genomen for p in regel.dan.beslissingen) or any(
            p not in contacten for p in regel.dan.contacten
        )
        if nieuw:  # an exception still unknown is settled by the rules concluding it
            kandidaten |= ctx.open_vragen(regel.als)
    volgende = next((a.vraag for a in basis.vragen if a.vraag in kandidaten), None)

    besluit = besluit_uit(
        basis,
        gevuurd,
        volgende,
        referentie=casus.referentie,
        datum=casus.datum,
        kalender=kalender_met(kalender, vrije_dagen),
    )
    return Evaluatie(
        besluit=besluit,
        status={r.id: status[r.id] for r in basis.regels},
        bereikbaar=dict(ctx.bereikbaar),
    )
