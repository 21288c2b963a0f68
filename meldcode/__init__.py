"""meldcode: the Dutch Meldcode huiselijk geweld en kindermishandeling as a cited rule base.

>>> from meldcode import Casus, Weging, Oordeel, beslis
>>> besluit = beslis(Casus(weging=Weging(vermoeden=Oordeel.JA, acute_onveiligheid=Oordeel.JA)))
>>> besluit.melden, besluit.spoed
(True, True)
"""

from meldcode._version import __version__
from meldcode.adapters.json.casus import (
    besluit_naar_dict,
    besluit_uit_dict,
    casus_naar_dict,
    casus_uit_dict,
    casus_uit_json,
)
from meldcode.domain import (
    Actie,
    Beslispunt,
    Besluit,
    Casus,
    Consultatie,
    Contactgegevens,
    Grond,
    Kind,
    Omstandigheden,
    Oordeel,
    Opvolging,
    Partij,
    Protocol,
    Rol,
    Signaal,
    SignaalBron,
    SoortSignaal,
    Taak,
    Vraag,
    Weging,
)
from meldcode.errors import (
    DossierGewijzigd,
    DossierGewist,
    DossierNietGevonden,
    EngineNietBeschikbaar,
    Fout,
    MeldcodeError,
    OngeldigeInvoer,
    OngeldigeRegelbasis,
    OpslagBeschadigd,
    SleutelFout,
    StapOntbreekt,
    VolgnummerConflict,
)
from meldcode.rules import (
    Evaluatie,
    Regel,
    Regelbasis,
    beslis,
    evalueer_casus,
    kies_protocol,
    regelbasis,
)
from meldcode.rules.uitleg import uitleg
from meldcode.rules.waarom_niet import uitleg_waarom_niet, waarom_niet

__all__ = [
    "Actie",
    "Beslispunt",
    "Besluit",
    "Casus",
    "Consultatie",
    "Contactgegevens",
    "DossierGewijzigd",
    "DossierGewist",
    "DossierNietGevonden",
    "EngineNietBeschikbaar",
    "Evaluatie",
    "Fout",
    "Grond",
    "Kind",
    "MeldcodeError",
    "Omstandigheden",
    "OngeldigeInvoer",
    "OngeldigeRegelbasis",
    "Oordeel",
    "OpslagBeschadigd",
    "Opvolging",
    "Partij",
    "Protocol",
    "Regel",
    "Regelbasis",
    "Rol",
    "Signaal",
    "SignaalBron",
    "SleutelFout",
    "SoortSignaal",
    "StapOntbreekt",
    "Taak",
    "VolgnummerConflict",
    "Vraag",
    "Weging",
    "__version__",
    "beslis",
    "besluit_naar_dict",
    "besluit_uit_dict",
    "casus_naar_dict",
    "casus_uit_dict",
    "casus_uit_json",
    "evalueer_casus",
    "kies_protocol",
    "regelbasis",
    "uitleg",
    "uitleg_waarom_niet",
    "waarom_niet",
]
