"""Hand-built dossiers from a small description, and the expected counts computed from it."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from attrs import frozen

from meldcode.domain import Consultatie, Oordeel, Partij, Signaal, SoortSignaal, Weging
from meldcode.domain.dossier import (
    BesluitGenomen,
    ConsultatieGehouden,
    Dossier,
    DossierGesloten,
    GesprekGevoerd,
    Gesprekspartner,
    HulpAfgesproken,
    MeldingGedaan,
    SignaalVastgelegd,
    Uitzondering,
    WegingVastgelegd,
)

D = dt.date
VELDEN = (
    "gevallen",
    "vermoedens",
    "veilig_thuis_geraadpleegd",
    "hulp_georganiseerd",
    "gemeld",
    "spoed",
    "gesloten",
    "lopend",
)


@frozen(kw_only=True)
class Opzet:
    """What happened in one dossier: the first signal's date and what followed, in days."""

    id: str
    signaal: dt.date
    vermoeden: Oordeel | None = None
    veilig_thuis: bool = False
    hulp: bool = False
    melding: bool = False
    spoed: bool = False
    gesloten: bool = False
    stap: int = 1  # days between the events that follow

    @property
    def is_vermoeden(self) -> bool:
        return self.vermoeden in (Oordeel.JA, Oordeel.TWIJFEL) or self.melding


def dossier(o: Opzet) -> Dossier:
    """The dossier of ``o``, appended event by event (the step progression is checked)."""
    assert o.melding or not o.spoed, "an emergency report is a report"
    dag = o.signaal
    d = Dossier(id=o.id).voeg_toe(
        SignaalVastgelegd(
            datum=dag,
            signaal=Signaal(soort=SoortSignaal.VERWAARLOZING, omschrijving="vrije tekst"),
        )
    )

    def volgende() -> dt.date:
        nonlocal dag
        dag += dt.timedelta(days=o.stap)
        return dag

    if o.spoed:  # an emergency report before anything else, the parent talk skipped
        d = d.voeg_toe(
            MeldingGedaan(datum=volgende(), spoed=True, uitzondering=Uitzondering.VEILIGHEID)
        )
    if o.veilig_thuis:
        d = d.voeg_toe(
            ConsultatieGehouden(
                datum=volgende(), consultatie=Consultatie(met=Partij.VEILIG_THUIS, anoniem=True)
            )
        )
    d = d.voeg_toe(GesprekGevoerd(datum=volgende(), met=Gesprekspartner.OUDERS))
    if o.vermoeden is not None or o.hulp or (o.melding and not o.spoed):
        d = d.voeg_toe(WegingVastgelegd(datum=volgende(), weging=Weging(vermoeden=o.vermoeden)))
    if o.hulp:
        d = d.voeg_toe(BesluitGenomen(datum=volgende(), melden=False, hulp_organiseren=True))
        d = d.voeg_toe(HulpAfgesproken(datum=volgende(), termijn=dag + dt.timedelta(days=42)))
    if o.melding and not o.spoed:
        d = d.voeg_toe(BesluitGenomen(datum=volgende(), melden=True, hulp_organiseren=False))
        d = d.voeg_toe(
            GesprekGevoerd(datum=volgende(), met=Gesprekspartner.OUDERS, over_melding=True)
        )
        d = d.voeg_toe(MeldingGedaan(datum=volgende()))
    if o.gesloten:
        d = d.voeg_toe(DossierGesloten(datum=volgende()))
    return d


def kwartaal(datum: dt.date) -> str:
    return f"{datum.year}-Q{[1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4][datum.month - 1]}"


def maand(datum: dt.date) -> str:
    return datum.strftime("%Y-%m")


def jaar(datum: dt.date) -> str:
    return str(datum.year)


SLEUTEL = {"kwartaal": kwartaal, "maand": maand, "jaar": jaar}


def verwacht(opzetten: list[Opzet], periode: str) -> dict[str, Counter[str]]:
    """Per period key, the counts each field should have, straight from the descriptions."""
    uit: dict[str, Counter[str]] = {}
    for o in opzetten:
        c = uit.setdefault(SLEUTEL[periode](o.signaal), Counter())
        c["gevallen"] += 1
        c["vermoedens"] += o.is_vermoeden
        c["veilig_thuis_geraadpleegd"] += o.veilig_thuis
        c["hulp_georganiseerd"] += o.hulp
        c["gemeld"] += o.melding
        c["spoed"] += o.spoed
        c["gesloten"] += o.gesloten
        c["lopend"] += not o.gesloten
    return uit
