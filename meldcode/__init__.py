"""meldcode: the Dutch Meldcode huiselijk geweld en kindermishandeling as a cited rule base.

>>> from meldcode import Casus, Weging, Oordeel, beslis
>>> besluit = beslis(Casus(weging=Weging(vermoeden=Oordeel.JA, acute_onveiligheid=Oordeel.JA)))
>>> besluit.melden, besluit.spoed
(True, True)
"""

from meldcode._version import __version__
from meldcode.adapters.json import (
    besluit_naar_dict,
    besluit_uit_dict,
    casus_naar_dict,
    casus_uit_dict,
    casus_uit_json,
)
from meldcode.domain import (
    Beslispunt,
    Besluit,
    Casus,
    Consultatie,
    Grond,
    Kind,
    Omstandigheden,
    Oordeel,
    Partij,
    Protocol,
    Signaal,
    SignaalBron,
    SoortSignaal,
    Vraag,
    Weging,
)
from meldcode.errors import (
    EngineNietBeschikbaar,
    Fout,
    MeldcodeError,
    OngeldigeInvoer,
    OngeldigeRegelbasis,
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

__all__ = [
    "Beslispunt",
    "Besluit",
    "Casus",
    "Consultatie",
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
    "Partij",
    "Protocol",
    "Regel",
    "Regelbasis",
    "Signaal",
    "SignaalBron",
    "SoortSignaal",
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
]
