"""The domain: immutable facts and values of the meldcode. Standard library and attrs only."""

from meldcode.domain.besluit import Besluit, Grond
from meldcode.domain.casus import Casus, Consultatie, Kind, Omstandigheden, Signaal, Weging
from meldcode.domain.waarden import (
    Beslispunt,
    Oordeel,
    Partij,
    Protocol,
    SignaalBron,
    SoortSignaal,
    Vraag,
)

__all__ = [
    "Beslispunt",
    "Besluit",
    "Casus",
    "Consultatie",
    "Grond",
    "Kind",
    "Omstandigheden",
    "Oordeel",
    "Partij",
    "Protocol",
    "Signaal",
    "SignaalBron",
    "SoortSignaal",
    "Vraag",
    "Weging",
]
