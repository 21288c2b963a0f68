"""The step law: which event may follow which, as the sources order the five steps.

``controleer_volgorde`` refuses an event the meldcode does not allow yet (``StapOntbreekt``
names the missing step); ``Dossier.voeg_toe`` applies it to every event appended.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import evolve

from meldcode.domain.dossier.gebeurtenissen import (
    BesluitGenomen,
    Correctie,
    DossierGesloten,
    EvaluatieGehouden,
    Gebeurtenis,
    GesprekGevoerd,
    Gesprekspartner,
    HulpAfgesproken,
    Inhoud,
    MeldingGedaan,
    SignaalVastgelegd,
    TerugkoppelingVeiligThuis,
    WegingVastgelegd,
    _Basis,
)
from meldcode.errors import Fout, OngeldigeInvoer, StapOntbreekt

if TYPE_CHECKING:
    from meldcode.domain.dossier.dossier import Dossier

__all__ = ["controleer_volgorde", "volgordefouten"]


def _weiger(nieuw: _Basis, ontbreekt: str, uitleg: str) -> StapOntbreekt:
    return StapOntbreekt(
        nieuw.soort, ontbreekt, f"cannot record {nieuw.soort}: {ontbreekt} is missing ({uitleg})"
    )


def _oudergesprek(dossier: Dossier, *, over_melding: bool = False) -> bool:
    return any(
        isinstance(g, GesprekGevoerd)
        and g.met is Gesprekspartner.OUDERS
        and (g.over_melding or not over_melding)
        for _, g in dossier.geldend()
    )


def _gesloten(geldend: tuple[tuple[int, Inhoud], ...]) -> bool:
    gesloten = False
    for _, g in geldend:
        if isinstance(g, DossierGesloten):
            gesloten = True
        elif isinstance(g, SignaalVastgelegd):
            gesloten = False  # a new signal reopens the dossier: "opnieuw begint" (000 stap 5a)
    return gesloten


def controleer_volgorde(dossier: Dossier, nieuw: Gebeurtenis) -> None:
    """Raise ``StapOntbreekt`` when ``nieuw`` may not follow the dossier's events yet.

    - everything but a signal needs a recorded signal first (stap 1);
    - a decision, agreed help or a closure after help need a weighing (stap 4);
    - a report needs a weighing unless it is an emergency report (``spoed``: the sources'
      noodsituaties), and a conversation with the parents (stap 3) and about the intended
      report (000/001 stap 5b, 003 §1.5.1) unless an exception is recorded (003 §1.5.1,
      000/001 stap 3);
    - an evaluation needs agreed help; Veilig Thuis's feedback needs a report;
    - closing needs a conversation with the parents (000/001 stap 3: the concerns turned out to
      have another cause) or a weighing (003 Figuur 2, afweging 1A);
    - a closed dossier takes only a correction or a new signal (which reopens it);
    - a correction refers to an earlier, non-correction event and replaces it with one of the
      same kind.
    """
    if not isinstance(nieuw, _Basis):
        raise OngeldigeInvoer(
            [Fout("gebeurtenis", f"<{type(nieuw).__name__}>", "gebeurtenis must be an event")]
        )
    if isinstance(nieuw, Correctie):
        _controleer_correctie(dossier, nieuw)
        return
    geldend = dossier.geldend()
    soorten = {type(g) for _, g in geldend}
    if _gesloten(geldend) and not isinstance(nieuw, SignaalVastgelegd):
        raise _weiger(
            nieuw,
            "signaal_vastgelegd",
            "the dossier is closed; record a new signal to reopen it",
        )
    if isinstance(nieuw, SignaalVastgelegd):
        return
    if SignaalVastgelegd not in soorten:
        raise _weiger(nieuw, "stap 1", "record a signal (signaal_vastgelegd) first")
    gewogen = WegingVastgelegd in soorten
    if isinstance(nieuw, BesluitGenomen | HulpAfgesproken) and not gewogen:
        raise _weiger(nieuw, "stap 4", "record the weighing (weging_vastgelegd) first")
    if isinstance(nieuw, MeldingGedaan):
        if not gewogen and not nieuw.spoed:
            raise _weiger(
                nieuw,
                "stap 4",
                "record the weighing (weging_vastgelegd) first, or mark an emergency report "
                "with spoed",
            )
        overgeslagen = nieuw.uitzondering is not None or any(
            isinstance(g, BesluitGenomen) and g.uitzondering is not None for _, g in geldend
        )
        if not overgeslagen and not _oudergesprek(dossier):
            raise _weiger(
                nieuw,
                "stap 3",
                "record the conversation with the parents (gesprek_gevoerd, met: ouders) or the "
                "exception that allows skipping it (uitzondering: veiligheid or "
                "contact_verbreken)",
            )
        if not overgeslagen and not _oudergesprek(dossier, over_melding=True):
            raise _weiger(
                nieuw,
                "gesprek_gevoerd.over_melding",
                "discuss the intended report with the parents first (gesprek_gevoerd, met: "
                "ouders, over_melding: true) or record the exception that allows skipping it",
            )
    if isinstance(nieuw, EvaluatieGehouden) and HulpAfgesproken not in soorten:
        raise _weiger(nieuw, "hulp_afgesproken", "an evaluation needs agreed help and its term")
    if isinstance(nieuw, TerugkoppelingVeiligThuis) and MeldingGedaan not in soorten:
        raise _weiger(nieuw, "melding_gedaan", "Veilig Thuis reports back on a report")
    if isinstance(nieuw, DossierGesloten):
        if HulpAfgesproken in soorten and not gewogen:  # pragma: no cover - help needs a weighing
            raise _weiger(nieuw, "stap 4", "record the weighing first")
        if not gewogen and not _oudergesprek(dossier):
            raise _weiger(
                nieuw,
                "stap 3",
                "close after the conversation with the parents (the concerns have another "
                "cause) or after the weighing (stap 4)",
            )


def volgordefouten(dossier: Dossier) -> tuple[tuple[int, StapOntbreekt | OngeldigeInvoer], ...]:
    """Replay the dossier's events: every event the step progression would refuse now.

    A stored dossier was checked when each event was appended; this finds histories written by
    other means (or under other rules), as ``meldcode controleer`` reports them.
    """
    from meldcode.domain.dossier.dossier import Dossier  # the dossier applies this law

    fouten: list[tuple[int, StapOntbreekt | OngeldigeInvoer]] = []
    opnieuw = Dossier(id=dossier.id)
    for nummer, g in enumerate(dossier.gebeurtenissen, start=1):
        try:
            controleer_volgorde(opnieuw, g)
        except (StapOntbreekt, OngeldigeInvoer) as fout:
            fouten.append((nummer, fout))
        opnieuw = evolve(opnieuw, gebeurtenissen=(*opnieuw.gebeurtenissen, g))
    return tuple(fouten)


def _controleer_correctie(dossier: Dossier, nieuw: Correctie) -> None:
    from meldcode.domain.dossier.dossier import Dossier  # the dossier applies this law

    n = nieuw.verwijst_naar
    if n > len(dossier.gebeurtenissen):
        raise OngeldigeInvoer(
            [
                Fout(
                    "Correctie.verwijst_naar",
                    repr(n),
                    f"Correctie.verwijst_naar must name an earlier event (got {n}; the dossier "
                    f"has {len(dossier.gebeurtenissen)})",
                )
            ]
        )
    oud = dossier.gebeurtenissen[n - 1]
    if isinstance(oud, Correctie):
        raise OngeldigeInvoer(
            [
                Fout(
                    "Correctie.verwijst_naar",
                    repr(n),
                    f"Correctie.verwijst_naar must name the original event, not a correction "
                    f"(got {n}; correct event {oud.verwijst_naar} instead)",
                )
            ]
        )
    if type(oud) is not type(nieuw.vervanging):
        raise OngeldigeInvoer(
            [
                Fout(
                    "Correctie.vervanging",
                    repr(nieuw.vervanging.soort),
                    f"Correctie.vervanging must be a {oud.soort} like event {n} "
                    f"(got {nieuw.vervanging.soort!r})",
                )
            ]
        )
    # the corrected history must still be one the progression accepts, event by event
    gecorrigeerd = Dossier(id=dossier.id, gebeurtenissen=(*dossier.gebeurtenissen, nieuw)).geldend()
    opnieuw = Dossier(id=dossier.id)
    for nummer, g in gecorrigeerd:
        try:
            controleer_volgorde(opnieuw, g)
        except StapOntbreekt as fout:
            raise StapOntbreekt(
                nieuw.soort,
                fout.ontbreekt,
                f"cannot record correctie of event {n}: event {nummer} ({g.soort}) would then "
                f"lack {fout.ontbreekt}",
            ) from None
        opnieuw = evolve(opnieuw, gebeurtenissen=(*opnieuw.gebeurtenissen, g))
