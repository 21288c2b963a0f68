"""The domain: immutable facts and values of the meldcode. Standard library and attrs only."""

from meldcode.domain.besluit import Actie, Besluit, Contactgegevens, Grond, Opvolging
from meldcode.domain.casus import Casus, Consultatie, Kind, Omstandigheden, Signaal, Weging
from meldcode.domain.waarden import (
    Beslispunt,
    Oordeel,
    Partij,
    Protocol,
    Rol,
    SignaalBron,
    SoortSignaal,
    Taak,
    Vraag,
)

__all__ = [
    "Actie",
    "Beslispunt",
    "Besluit",
    "Casus",
    "Consultatie",
    "Contactgegevens",
    "Grond",
    "Kind",
    "Omstandigheden",
    "Oordeel",
    "Opvolging",
    "Partij",
    "Protocol",
    "Rol",
    "Signaal",
    "SignaalBron",
    "SoortSignaal",
    "Taak",
    "Vraag",
    "Weging",
]
