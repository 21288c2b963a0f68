"""A dossier folded into its state at a date: the step, what is outstanding, the deadlines.

``vouw`` is pure: the date is input (the core has no clock), deadlines count working days of
the one calendar (``meldcode.rules.kalender``, the Dutch one by default — the same the dated
follow-ups of a ``Besluit`` use), and the decision is taken by an injected function;
``toestand`` injects ``beslis``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterator

from attrs import evolve, frozen

from meldcode.domain.besluit import Besluit
from meldcode.domain.casus import Casus, Consultatie, Signaal
from meldcode.domain.dossier import (
    BesluitGenomen,
    ConsultatieGehouden,
    Dossier,
    EvaluatieGehouden,
    HulpAfgesproken,
    Inhoud,
    MeldingGedaan,
    SignaalVastgelegd,
    Stap,
    TerugkoppelingVeiligThuis,
    WegingVastgelegd,
)
from meldcode.domain.dossier.stappen import _gesloten, _oudergesprek
from meldcode.domain.waarden import Oordeel, Protocol
from meldcode.errors import Fout, OngeldigeInvoer
from meldcode.rules.beslis import beslis
from meldcode.rules.kalender import NEDERLAND, Werkdagkalender, plus_werkdagen
from meldcode.rules.model import Regelbasis
from meldcode.rules.normen import VEILIG_THUIS_BESLUIT_WERKDAGEN

__all__ = [
    "Beslisser",
    "Openstaand",
    "Termijn",
    "TermijnSoort",
    "TermijnStatus",
    "Toestand",
    "casus_uit_dossier",
    "toestand",
    "vouw",
]


class TermijnSoort(enum.Enum):
    """The kinds of deadline a dossier can carry."""

    VEILIG_THUIS_BESLUIT = "veilig_thuis_besluit"
    HULP_RESULTAAT = "hulp_resultaat"


class TermijnStatus(enum.Enum):
    """A deadline at a given date: met, still running, or overdue."""

    VOLDAAN = "voldaan"
    LOPEND = "lopend"
    VERLOPEN = "verlopen"


@frozen(kw_only=True)
class Openstaand:
    """Something the meldcode still asks for: a stable ``code``, its step, and a Dutch text."""

    code: str
    stap: Stap
    melding: str


@frozen(kw_only=True)
class Termijn:
    """A deadline: from the event ``volgnummer`` on ``vanaf``, due ``uiterlijk``, met or not."""

    soort: TermijnSoort
    volgnummer: int
    vanaf: dt.date
    uiterlijk: dt.date
    voldaan_op: dt.date | None = None

    def status(self, op: dt.date) -> TermijnStatus:
        """Met, running, or overdue at ``op``."""
        if self.voldaan_op is not None:
            return TermijnStatus.VOLDAAN
        return TermijnStatus.VERLOPEN if op > self.uiterlijk else TermijnStatus.LOPEND


#: a decide function of one case (usually ``meldcode.rules.beslis``), as ``vouw`` takes it
Beslisser = Callable[[Casus], Besluit]


@frozen(kw_only=True)
class Toestand:
    """The current state of a dossier at date ``op``, derived from its events by ``vouw``."""

    dossier: str
    op: dt.date
    aantal: int
    stap: Stap | None
    gesloten: bool
    openstaand: tuple[Openstaand, ...]
    termijnen: tuple[Termijn, ...]
    casus: Casus
    besluit: Besluit | None = None

    @property
    def te_doen(self) -> tuple[Termijn, ...]:
        """Deadlines still running at ``op`` (due)."""
        return tuple(t for t in self.termijnen if t.status(self.op) is TermijnStatus.LOPEND)

    @property
    def verlopen(self) -> tuple[Termijn, ...]:
        """Deadlines passed at ``op`` without being met (overdue)."""
        return tuple(t for t in self.termijnen if t.status(self.op) is TermijnStatus.VERLOPEN)


def casus_uit_dossier(dossier: Dossier) -> Casus:
    """The ``Casus`` the dossier's effective events describe, for the engine.

    Signals and consultations accumulate; the latest weighing gives the weging, circumstances,
    child and protocol; a later evaluation answers afweging 5 (``hulp_resultaat``).
    """
    signalen: list[Signaal] = []
    consultaties: list[Consultatie] = []
    weging: WegingVastgelegd | None = None
    resultaat: Oordeel | None = None
    for _, g in dossier.geldend():
        if isinstance(g, SignaalVastgelegd):
            signalen.append(g.signaal)
        elif isinstance(g, ConsultatieGehouden):
            consultaties.append(g.consultatie)
        elif isinstance(g, WegingVastgelegd):
            weging, resultaat = g, None
        elif isinstance(g, EvaluatieGehouden):
            resultaat = g.hulp_resultaat
    if weging is None:
        eerste = dossier.gebeurtenissen[0].datum if dossier.gebeurtenissen else None
        return Casus(
            signalen=tuple(signalen),
            consultaties=tuple(consultaties),
            datum=eerste,
            referentie=dossier.id,
        )
    w = weging.weging if resultaat is None else evolve(weging.weging, hulp_resultaat=resultaat)
    return Casus(
        kind=weging.kind,
        signalen=tuple(signalen),
        consultaties=tuple(consultaties),
        omstandigheden=weging.omstandigheden,
        weging=w,
        protocol=weging.protocol,
        datum=weging.datum,
        referentie=dossier.id,
    )


def _termijnen(
    geldend: tuple[tuple[int, Inhoud], ...], kalender: Werkdagkalender
) -> Iterator[Termijn]:
    for i, (nummer, g) in enumerate(geldend):
        later = [h for _, h in geldend[i + 1 :]]
        if isinstance(g, MeldingGedaan):
            terug = next((h for h in later if isinstance(h, TerugkoppelingVeiligThuis)), None)
            yield Termijn(
                soort=TermijnSoort.VEILIG_THUIS_BESLUIT,
                volgnummer=nummer,
                vanaf=g.datum,
                uiterlijk=plus_werkdagen(kalender, g.datum, VEILIG_THUIS_BESLUIT_WERKDAGEN.waarde),
                voldaan_op=terug.datum if terug else None,
            )
        elif isinstance(g, HulpAfgesproken):
            evaluatie = next((h for h in later if isinstance(h, EvaluatieGehouden)), None)
            yield Termijn(
                soort=TermijnSoort.HULP_RESULTAAT,
                volgnummer=nummer,
                vanaf=g.datum,
                uiterlijk=g.termijn,
                voldaan_op=evaluatie.datum if evaluatie else None,
            )


def _openstaand(dossier: Dossier, besluit: Besluit | None) -> Iterator[Openstaand]:
    geldend = dossier.geldend()
    soorten = {type(g) for _, g in geldend}
    besluiten = [g for _, g in geldend if isinstance(g, BesluitGenomen)]
    laatste = besluiten[-1] if besluiten else None
    overgeslagen = any(
        isinstance(g, BesluitGenomen | MeldingGedaan) and g.uitzondering is not None
        for _, g in geldend
    )
    if ConsultatieGehouden not in soorten:
        yield Openstaand(
            code="consultatie",
            stap=Stap.CONSULTEREN,
            melding="Bespreek de signalen met een deskundige collega en leg de consultatie vast.",
        )
    if not _oudergesprek(dossier) and not overgeslagen:
        yield Openstaand(
            code="oudergesprek",
            stap=Stap.GESPREK,
            melding="Bespreek de signalen met de ouders en leg het gesprek vast, of leg vast "
            "waarom het gesprek niet plaatsvindt.",
        )
    if WegingVastgelegd not in soorten:
        yield Openstaand(
            code="weging",
            stap=Stap.WEGEN,
            melding="Weeg de signalen met het afwegingskader en leg de weging vast.",
        )
    elif laatste is None:
        yield Openstaand(
            code="besluit",
            stap=Stap.BESLISSEN,
            melding="Leg de beslissingen van stap 5 vast: is melden noodzakelijk, is hulp "
            "mogelijk?",
        )
    if besluit is not None and besluit.volgende_vraag is not None and WegingVastgelegd in soorten:
        yield Openstaand(
            code=f"afweging.{besluit.volgende_vraag.value}",
            stap=Stap.WEGEN,
            melding=f"Beantwoord de afweging '{besluit.volgende_vraag.value}'.",
        )
    meldingen = [n for n, g in geldend if isinstance(g, MeldingGedaan)]
    moet_melden = (besluit is not None and besluit.melden) or (
        laatste is not None and laatste.melden
    )
    if moet_melden and not meldingen:
        yield Openstaand(
            code="melding",
            stap=Stap.BESLISSEN,
            melding="Doe de melding bij Veilig Thuis en leg die vast.",
        )
    if laatste is not None and laatste.hulp_organiseren and HulpAfgesproken not in soorten:
        yield Openstaand(
            code="hulp",
            stap=Stap.BESLISSEN,
            melding="Zet de hulp in gang en leg de afgesproken termijn vast.",
        )
    if besluit is not None and besluit.dossier_sluiten and WegingVastgelegd in soorten:
        yield Openstaand(
            code="sluiten",
            stap=Stap.BESLISSEN,
            melding="Leg het dossier vast en sluit het.",
        )


def vouw(
    dossier: Dossier,
    *,
    op: dt.date,
    kalender: Werkdagkalender = NEDERLAND,
    beslisser: Beslisser | None = None,
) -> Toestand:
    """Fold a dossier into its ``Toestand`` at date ``op``.

    Pure: the same dossier, date, calendar and decide function always give the same state.
    ``beslisser`` (usually ``meldcode.rules.beslis``) adds the latest ``Besluit``; without it
    the state has none, and what is outstanding follows from the recorded events alone.
    """
    if not isinstance(dossier, Dossier):
        raise OngeldigeInvoer(
            [Fout("dossier", f"<{type(dossier).__name__}>", "dossier must be a Dossier")]
        )
    if type(op) is not dt.date:
        raise OngeldigeInvoer([Fout("op", f"<{type(op).__name__}>", "op must be a date")])
    geldend = dossier.geldend()
    casus = casus_uit_dossier(dossier)
    besluit = beslisser(casus) if beslisser is not None and geldend else None
    gesloten = _gesloten(geldend)
    stappen = [g.stap for _, g in geldend]
    return Toestand(
        dossier=dossier.id,
        op=op,
        aantal=len(dossier.gebeurtenissen),
        stap=max(stappen) if stappen else None,
        gesloten=gesloten,
        openstaand=() if gesloten or not geldend else tuple(_openstaand(dossier, besluit)),
        termijnen=tuple(_termijnen(geldend, kalender)),
        casus=casus,
        besluit=besluit,
    )


def toestand(
    dossier: Dossier,
    *,
    op: dt.date,
    kalender: Werkdagkalender = NEDERLAND,
    protocol: Protocol | None = None,
    basis: Regelbasis | None = None,
) -> Toestand:
    """The dossier's ``Toestand`` at ``op``, with the latest ``Besluit`` of the rule base.

    The decision is taken on the ``Casus`` the effective events describe (see
    ``casus_uit_dossier``); ``protocol`` and ``basis`` are passed to ``beslis``.
    """

    def beslisser(casus: Casus) -> Besluit:
        return beslis(casus, protocol, basis=basis)

    return vouw(dossier, op=op, kalender=kalender, beslisser=beslisser)
