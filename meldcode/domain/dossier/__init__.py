"""The dossier: an append-only sequence of immutable, dated events.

``gebeurtenissen`` holds the events and their values, ``stappen`` the step law (which event may
follow which), ``dossier`` the ``Dossier`` itself. Folding a dossier into its state at a date,
with deadlines in working days, is rules' work: ``meldcode.rules.dossier``.
"""

from meldcode.domain.dossier.dossier import Dossier
from meldcode.domain.dossier.gebeurtenissen import (
    SCHOOLROLLEN,
    SOORTEN,
    BesluitGenomen,
    Betrokkene,
    ConsultatieGehouden,
    Correctie,
    Diagnose,
    DossierGesloten,
    EvaluatieGehouden,
    Gebeurtenis,
    GesprekGevoerd,
    Gesprekspartner,
    HulpAfgesproken,
    Inhoud,
    MeldingGedaan,
    SignaalVastgelegd,
    Stap,
    TerugkoppelingVeiligThuis,
    Uitzondering,
    WegingVastgelegd,
)
from meldcode.domain.dossier.stappen import controleer_volgorde, volgordefouten

__all__ = [
    "SCHOOLROLLEN",
    "SOORTEN",
    "BesluitGenomen",
    "Betrokkene",
    "ConsultatieGehouden",
    "Correctie",
    "Diagnose",
    "Dossier",
    "DossierGesloten",
    "EvaluatieGehouden",
    "Gebeurtenis",
    "GesprekGevoerd",
    "Gesprekspartner",
    "HulpAfgesproken",
    "Inhoud",
    "MeldingGedaan",
    "SignaalVastgelegd",
    "Stap",
    "TerugkoppelingVeiligThuis",
    "Uitzondering",
    "WegingVastgelegd",
    "controleer_volgorde",
    "volgordefouten",
]
