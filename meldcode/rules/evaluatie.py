"""The pure engine: evaluate a rule base against a case and derive the ``Besluit``.

Evaluation is three-valued (true, false, unknown). A rule whose condition is unknown cannot fire;
if it could still add a decision, the questions it waits for are candidates for
``volgende_vraag``, and the first of them in the afwegingskader's order is asked. Nothing is
guessed: an unknown decision is reported as not (yet) taken, together with the question that can
settle it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from attrs import frozen

from meldcode.domain.besluit import Actie, Besluit, Contactgegevens, Grond, Opvolging
from meldcode.domain.casus import Casus, Signaal
from meldcode.domain.waarden import Beslispunt, Partij, Protocol, Taak, Vraag
from meldcode.rules.model import (
    Alle,
    Antwoord,
    Beslist,
    Conditie,
    EenVan,
    ErIsSignaal,
    Geconsulteerd,
    KindLeeftijdTot,
    KindLeeftijdVanaf,
    KindOngeboren,
    Niet,
    Omstandigheid,
    Regel,
    Regelbasis,
    SignaalVan,
)

__all__ = [
    "HUIDIG_PROTOCOL",
    "INGANG_2019",
    "Evaluatie",
    "evalueer",
    "kies_protocol",
    "routegegevens",
    "werkdagen_na",
]

Waarheid = bool | None  # None: unknown
INGANG_2019 = dt.date(2019, 1, 1)
HUIDIG_PROTOCOL = Protocol.P2019


def kies_protocol(casus: Casus, protocol: Protocol | None = None) -> Protocol:
    """The protocol that decides: given, else the case's, else by date, else the current one.

    A weighing dated before 1 January 2019 falls under the 2013 code.
    """
    if protocol is not None:
        return protocol
    if casus.protocol is not None:
        return casus.protocol
    if casus.datum is not None:
        return Protocol.P2013 if casus.datum < INGANG_2019 else Protocol.P2019
    return HUIDIG_PROTOCOL


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


def _of(waarden: list[Waarheid]) -> Waarheid:
    uitkomst: Waarheid = False
    for w in waarden:
        if w is True:
            return True
        if w is None:
            uitkomst = None
    return uitkomst


def _en(waarden: list[Waarheid]) -> Waarheid:
    uitkomst: Waarheid = True
    for w in waarden:
        if w is False:
            return False
        if w is None:
            uitkomst = None
    return uitkomst


def _niet(w: Waarheid) -> Waarheid:
    return None if w is None else not w


class _Context:
    def __init__(self, casus: Casus, basis: Regelbasis) -> None:
        self.casus = casus
        self.basis = basis
        self.beslist: dict[Beslispunt, Waarheid] = {}
        self.bereikbaar: dict[Vraag, Waarheid] = {}
        # Conditions are shared between rules; each is evaluated once per case. This is sound
        # because a condition that reads a decision (``Beslist``) is only evaluated after every
        # rule concluding that decision (the rule base's ``volgorde``), and ``voorwaarde``s
        # never read decisions (checked when the rule base is built).
        self._memo: dict[int, Waarheid] = {}
        for afweging in basis.vragen:
            v = afweging.voorwaarde
            self.bereikbaar[afweging.vraag] = True if v is None else self.waar(v)

    def waar(self, c: Conditie) -> Waarheid:
        sleutel = id(c)
        if sleutel in self._memo:
            return self._memo[sleutel]
        waarde = self._waar(c)
        self._memo[sleutel] = waarde
        return waarde

    def _waar(self, c: Conditie) -> Waarheid:
        match c:
            case Antwoord(vraag, waarden):
                antwoord = self.casus.weging.antwoord(vraag)
                if antwoord is not None:
                    return antwoord in waarden
                # unanswered: unknown while the route can reach it, not applicable once passed by
                return None if self.bereikbaar.get(vraag) is not False else False
            case Omstandigheid(naam):
                return bool(getattr(self.casus.omstandigheden, naam))
            case ErIsSignaal(soorten, kenmerk):
                return any(_past(s, soorten, kenmerk) for s in self.casus.signalen)
            case KindLeeftijdVanaf(jaren):
                leeftijd = self.casus.kind.leeftijd
                return leeftijd is not None and leeftijd >= jaren
            case KindLeeftijdTot(jaren):
                leeftijd = self.casus.kind.leeftijd
                return leeftijd is not None and leeftijd < jaren
            case KindOngeboren():
                return self.casus.kind.ongeboren
            case SignaalVan(bronnen):
                return any(s.bron in bronnen for s in self.casus.signalen)
            case Geconsulteerd(partij):
                return any(c.met is partij for c in self.casus.consultaties)
            case Beslist(punt):
                return self.beslist.get(punt, False)
            case Alle(delen):
                return _en([self.waar(d) for d in delen])
            case EenVan(delen):
                return _of([self.waar(d) for d in delen])
            case Niet(deel):
                return _niet(self.waar(deel))
        raise AssertionError(f"unknown condition {c!r}")  # pragma: no cover


def _past(s: Signaal, soorten: frozenset[object], kenmerk: str | None) -> bool:
    if soorten and s.soort not in soorten:
        return False
    return kenmerk is None or bool(getattr(s, kenmerk))


def _open_vragen(c: Conditie, ctx: _Context) -> set[Vraag]:
    """Unanswered questions that keep ``c`` unknown, with what must be asked to reach them."""
    if isinstance(c, Antwoord):
        if ctx.casus.weging.antwoord(c.vraag) is not None:
            return set()
        reach = ctx.bereikbaar.get(c.vraag)
        if reach is True:
            return {c.vraag}
        if reach is None:
            voorwaarde = ctx.basis.afweging(c.vraag).voorwaarde
            return _open_vragen(voorwaarde, ctx) if voorwaarde is not None else set()
        return set()
    if isinstance(c, Alle | EenVan):
        return set().union(*(_open_vragen(d, ctx) for d in c.delen if ctx.waar(d) is None))
    if isinstance(c, Niet):
        return _open_vragen(c.deel, ctx)
    return set()


def werkdagen_na(datum: dt.date, werkdagen: int, vrije_dagen: Collection[dt.date] = ()) -> dt.date:
    """The date ``werkdagen`` working days after ``datum``.

    A working day is Monday to Friday and not in ``vrije_dagen``. Public holidays are *not*
    known to the core (it has no calendar): pass them as ``vrije_dagen`` to skip them.

    >>> werkdagen_na(dt.date(2026, 3, 13), 5)  # a Friday: the next Friday
    datetime.date(2026, 3, 20)
    """
    dag = datum
    over = werkdagen
    while over > 0:
        dag += dt.timedelta(days=1)
        if dag.weekday() < 5 and dag not in vrije_dagen:
            over -= 1
    return dag


def routegegevens(
    casus: Casus,
    basis: Regelbasis,
    gevuurd: Collection[str],
    contacten: tuple[Partij, ...],
    vrije_dagen: Collection[dt.date] = (),
) -> tuple[
    tuple[Actie, ...], tuple[Opvolging, ...], tuple[Partij, ...], tuple[Contactgegevens, ...]
]:
    """The route keys of a ``Besluit`` from the ids of the rules that fired.

    Engine-independent: any engine that knows which rules fired derives the same ``acties``
    (most urgent task first, each once), ``opvolging`` (dated from the case's ``datum``),
    ``ontbrekende_consultaties`` (in urgency order) and ``contacten_details`` (the sociale kaart
    entries of ``contacten``, in their order).
    """
    regels = [r for r in basis.regels if r.id in gevuurd]
    taken = list(Taak)
    rang = {p: i for i, p in enumerate(basis.contactvolgorde)}
    acties: dict[tuple[object, ...], Actie] = {}
    for r in regels:
        for o in r.dan.acties:
            sleutel = (o.taak, o.rol, o.partij)
            bestaand = acties.get(sleutel)
            if bestaand is None or (bestaand.advies and not o.advies):
                acties[sleutel] = Actie(
                    taak=o.taak, rol=o.rol, partij=o.partij, advies=o.advies, regel=r.id
                )
    geordend = sorted(
        acties.values(),
        key=lambda a: (
            a.advies,
            taken.index(a.taak),
            rang.get(a.partij, -1) if a.partij else -1,
            a.rol.value,
        ),
    )
    opvolging: dict[tuple[object, ...], Opvolging] = {}
    for r in regels:
        for t in r.dan.opvolging:
            datum = werkdagen_na(casus.datum, t.werkdagen, vrije_dagen) if casus.datum else None
            opvolging.setdefault(
                (t.taak, t.partij, t.werkdagen),
                Opvolging(
                    taak=t.taak, werkdagen=t.werkdagen, datum=datum, partij=t.partij, regel=r.id
                ),
            )
    ontbrekend = {p for r in regels for p in r.dan.ontbrekende_consultaties}
    details = tuple(k for p in contacten for k in basis.sociale_kaart if k.partij is p)
    return (
        tuple(geordend),
        tuple(sorted(opvolging.values(), key=lambda o: (o.werkdagen, taken.index(o.taak)))),
        tuple(p for p in basis.contactvolgorde if p in ontbrekend),
        details,
    )


def evalueer(
    casus: Casus, basis: Regelbasis, *, vrije_dagen: Collection[dt.date] = ()
) -> Evaluatie:
    """Evaluate every rule of ``basis`` against ``casus``; pure and deterministic.

    ``vrije_dagen`` are days that do not count as working days for dated follow-ups (public
    holidays); the core knows no calendar of its own.
    """
    ctx = _Context(casus, basis)
    status: dict[str, Waarheid] = {}
    per_punt: dict[Beslispunt, list[Waarheid]] = {}
    for regel in basis.volgorde:
        for punt in basis.afhankelijkheden[regel.id]:
            ctx.beslist[punt] = _of(per_punt.get(punt, []))
        # default logic: a rule holds unless one of its exceptions is established
        uitgezonderd = any(ctx.beslist[p] is True for p in regel.tenzij)
        s = False if uitgezonderd else ctx.waar(regel.als)
        status[regel.id] = s
        for punt in regel.dan.beslissingen:
            per_punt.setdefault(punt, []).append(s)

    genomen = {p: _of(per_punt.get(p, [])) is True for p in Beslispunt}
    gevuurd = [r for r in basis.regels if status[r.id] is True]
    contacten = {p for r in gevuurd for p in r.dan.contacten}

    kandidaten: set[Vraag] = set()
    for regel in basis.regels:
        if status[regel.id] is not None:
            continue
        nieuw = any(not genomen[p] for p in regel.dan.beslissingen) or any(
            p not in contacten for p in regel.dan.contacten
        )
        if nieuw:
            # an exception that is still unknown is settled by the rules concluding it
            kandidaten |= _open_vragen(regel.als, ctx)
    volgende = next((a.vraag for a in basis.vragen if a.vraag in kandidaten), None)

    geordende_contacten = tuple(p for p in basis.contactvolgorde if p in contacten)
    acties, opvolging, ontbrekend, details = routegegevens(
        casus, basis, {r.id for r in gevuurd}, geordende_contacten, vrije_dagen
    )
    besluit = Besluit(
        protocol=basis.protocol,
        volgende_vraag=volgende,
        contacten=geordende_contacten,
        acties=acties,
        opvolging=opvolging,
        ontbrekende_consultaties=ontbrekend,
        contacten_details=details,
        gronden=tuple(_grond(r) for r in gevuurd),
        referentie=casus.referentie,
        melden=genomen[Beslispunt.MELDEN],
        hulp_organiseren=genomen[Beslispunt.HULP_ORGANISEREN],
        dossier_sluiten=genomen[Beslispunt.DOSSIER_SLUITEN],
        veilig_thuis_raadplegen=genomen[Beslispunt.VEILIG_THUIS_RAADPLEGEN],
        spoed=genomen[Beslispunt.SPOED],
        oudergesprek_overslaan=genomen[Beslispunt.OUDERGESPREK_OVERSLAAN],
        bespreken_met_kind=genomen[Beslispunt.BESPREKEN_MET_KIND],
    )
    return Evaluatie(besluit=besluit, status=status, bereikbaar=dict(ctx.bereikbaar))


def _grond(regel: Regel) -> Grond:
    return Grond(
        regel=regel.id,
        bestand=regel.bron.bestand,
        sectie=regel.bron.sectie,
        citaat=regel.citaat,
        toelichting=regel.toelichting,
    )
