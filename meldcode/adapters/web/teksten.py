"""The Dutch words of the walk-through's pages: labels of roles, events and deadlines.

The labels of the decisions, parties, kinds of signal and circumstances are the library's own
(``meldcode.rules.uitleg``), so the pages and the command line say the same.
"""

from __future__ import annotations

from meldcode.domain.dossier import (
    BesluitGenomen,
    Betrokkene,
    ConsultatieGehouden,
    Correctie,
    DossierGesloten,
    EvaluatieGehouden,
    Gebeurtenis,
    GesprekGevoerd,
    Gesprekspartner,
    HulpAfgesproken,
    MeldingGedaan,
    SignaalVastgelegd,
    TerugkoppelingVeiligThuis,
    Uitzondering,
    WegingVastgelegd,
)
from meldcode.domain.waarden import Beslispunt, Oordeel, Partij, Protocol
from meldcode.rules.dossier import TermijnSoort, TermijnStatus
from meldcode.rules.uitleg import (
    BESLISPUNT_LABELS,
    BRON_LABELS,
    KENMERK_LABELS,
    OMSTANDIGHEID_LABELS,
    OORDEEL_LABELS,
    PARTIJ_LABELS,
    SOORT_LABELS,
    TAAK_LABELS,
    partij_label,
    rol_label,
)
from meldcode.rules.waarom_niet import beschrijf

__all__ = [
    "BESLISPUNT_LABELS",
    "BETROKKENE_LABELS",
    "BRON_LABELS",
    "GEBEURTENIS_LABELS",
    "GESPREKSPARTNER_LABELS",
    "KENMERK_LABELS",
    "OMSTANDIGHEID_LABELS",
    "OORDEEL_LABELS",
    "PARTIJ_LABELS",
    "PROTOCOL_LABELS",
    "SOORT_LABELS",
    "TAAK_LABELS",
    "TERMIJNSTATUS_LABELS",
    "TERMIJN_LABELS",
    "UITZONDERING_LABELS",
    "Beslispunt",
    "Oordeel",
    "Partij",
    "beschrijf",
    "besluit_label",
    "gebeurtenis_label",
    "partij_label",
    "rol_label",
    "stap_ontbreekt",
    "vastgelegd",
]

#: the labels shown to professionals for each Betrokkene (a person's role in the dossier)
BETROKKENE_LABELS: dict[Betrokkene, str] = {
    Betrokkene.LEERKRACHT: "leerkracht",
    Betrokkene.INTERN_BEGELEIDER: "intern begeleider",
    Betrokkene.ZORGCOORDINATOR: "zorgcoördinator",
    Betrokkene.DIRECTIE: "directie",
    Betrokkene.BESTUUR: "schoolbestuur",
    Betrokkene.COLLEGA: "collega",
    Betrokkene.ONDERWIJSASSISTENT: "onderwijsassistent",
    Betrokkene.SOCIAAL_VERPLEEGKUNDIGE: "sociaal verpleegkundige",
    Betrokkene.JEUGDARTS: "jeugdarts",
    Betrokkene.SCHOOLMAATSCHAPPELIJK_WERK: "schoolmaatschappelijk werk",
    Betrokkene.ORTHOPEDAGOOG: "orthopedagoog",
    Betrokkene.PSYCHOLOOG: "psycholoog",
    Betrokkene.PSYCHIATER: "psychiater",
    Betrokkene.LEERPLICHT: "leerplichtambtenaar",
    Betrokkene.VEILIG_THUIS: "Veilig Thuis",
    Betrokkene.OUDER: "ouder",
    Betrokkene.KIND: "kind",
    Betrokkene.DERDE: "derde",
}

#: the labels shown to professionals for each Gesprekspartner (with whom a conversation
#: was held)
GESPREKSPARTNER_LABELS: dict[Gesprekspartner, str] = {
    Gesprekspartner.OUDERS: "de ouders",
    Gesprekspartner.KIND: "het kind",
}

#: the labels shown to professionals for each Uitzondering (a reason to report without a
#: conversation with the parents)
UITZONDERING_LABELS: dict[Uitzondering, str] = {
    Uitzondering.VEILIGHEID: "de veiligheid van het kind, de melder of anderen loopt gevaar",
    Uitzondering.CONTACT_VERBREKEN: "de ouders zullen naar verwachting het contact verbreken",
}

#: the name shown to professionals for each Protocol (the version of the meldcode)
PROTOCOL_LABELS: dict[Protocol, str] = {
    Protocol.P2019: "meldcode 2019 (afwegingskader, Veilig Thuis)",
    Protocol.P2013: "meldcode 2013 (stap 5a hulp of 5b melden, AMK)",
}

#: the labels shown to professionals for each TermijnSoort (a dossier's kind of deadline)
TERMIJN_LABELS: dict[TermijnSoort, str] = {
    TermijnSoort.VEILIG_THUIS_BESLUIT: "Veilig Thuis besluit over de melding en koppelt terug",
    TermijnSoort.HULP_RESULTAAT: "de hulp moet effect hebben; daarna volgt afweging 5",
}

#: the labels shown to professionals for each TermijnStatus (met, running or overdue)
TERMIJNSTATUS_LABELS: dict[TermijnStatus, str] = {
    TermijnStatus.VOLDAAN: "voldaan",
    TermijnStatus.LOPEND: "loopt",
    TermijnStatus.VERLOPEN: "verlopen",
}

#: the labels shown to professionals for each class of dossier event (``gebeurtenis_label``)
GEBEURTENIS_LABELS: dict[type, str] = {
    SignaalVastgelegd: "Signaal vastgelegd",
    ConsultatieGehouden: "Consultatie gehouden",
    GesprekGevoerd: "Gesprek gevoerd",
    WegingVastgelegd: "Weging vastgelegd",
    BesluitGenomen: "Besluit genomen",
    MeldingGedaan: "Melding gedaan",
    TerugkoppelingVeiligThuis: "Terugkoppeling van Veilig Thuis",
    HulpAfgesproken: "Hulp afgesproken",
    EvaluatieGehouden: "Evaluatie gehouden",
    DossierGesloten: "Dossier gesloten",
    Correctie: "Correctie",
}


def gebeurtenis_label(g: Gebeurtenis) -> str:
    """A dossier event in a few Dutch words (never its free text)."""
    if isinstance(g, Correctie):
        return f"Correctie van gebeurtenis {g.verwijst_naar} ({g.reden})"
    return GEBEURTENIS_LABELS[type(g)]


def besluit_label(punt: Beslispunt, protocol: Protocol) -> str:
    """The decision's Dutch label; under 2013 a report goes to the AMK (now Veilig Thuis)."""
    if punt is Beslispunt.MELDEN and protocol == Protocol.P2013:
        return "Melden bij het AMK (nu Veilig Thuis)"
    return BESLISPUNT_LABELS[punt]


def vastgelegd(g: Gebeurtenis) -> str:
    """The notice after an answer was recorded."""
    return f"Vastgelegd in het dossier: {gebeurtenis_label(g).lower()}."


def stap_ontbreekt(ontbreekt: str) -> str:
    """Why the dossier refused an event, in Dutch."""
    return (
        f"Dit kan nog niet worden vastgelegd: eerst moet {ontbreekt} in het dossier staan. "
        "Volg de stappen in de volgorde van de meldcode."
    )
