"""The cited rule base per protocol, its rule language, and the pure engine."""

from meldcode.rules.basis import maak_regelbasis, regelbasis
from meldcode.rules.beslis import beslis, evalueer_casus, kies_regelbasis
from meldcode.rules.model import (
    Afweging,
    Alle,
    Antwoord,
    Atoom,
    Beslist,
    Bron,
    Conclusie,
    Conditie,
    EenVan,
    ErIsSignaal,
    KindLeeftijdVanaf,
    KindOngeboren,
    Niet,
    Omstandigheid,
    Regel,
    Regelbasis,
)
from meldcode.rules.referentie import Evaluatie, evalueer
from meldcode.rules.versies import (
    HUIDIG_PROTOCOL,
    INGANG_2019,
    PROTOCOLLEN,
    VERSIES,
    Protocolversie,
    kies_protocol,
)

__all__ = [
    "HUIDIG_PROTOCOL",
    "INGANG_2019",
    "PROTOCOLLEN",
    "VERSIES",
    "Afweging",
    "Alle",
    "Antwoord",
    "Atoom",
    "Beslist",
    "Bron",
    "Conclusie",
    "Conditie",
    "EenVan",
    "ErIsSignaal",
    "Evaluatie",
    "KindLeeftijdVanaf",
    "KindOngeboren",
    "Niet",
    "Omstandigheid",
    "Protocolversie",
    "Regel",
    "Regelbasis",
    "beslis",
    "evalueer",
    "evalueer_casus",
    "kies_protocol",
    "kies_regelbasis",
    "maak_regelbasis",
    "regelbasis",
]
