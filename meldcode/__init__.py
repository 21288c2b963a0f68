"""meldcode: the Dutch Meldcode huiselijk geweld en kindermishandeling as a cited rule base.

>>> from meldcode import Casus, Weging, Oordeel, beslis
>>> besluit = beslis(Casus(weging=Weging(vermoeden=Oordeel.JA, acute_onveiligheid=Oordeel.JA)))
>>> besluit.melden, besluit.spoed
(True, True)
"""

import importlib as _importlib
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from meldcode._version import __version__

if _TYPE_CHECKING:
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

#: where each public name lives; imported on first use, so that a command line or a service
#: that needs part of the package does not pay for the rest
_WAAR: dict[str, str] = {
    "Actie": "meldcode.domain",
    "Beslispunt": "meldcode.domain",
    "Besluit": "meldcode.domain",
    "Casus": "meldcode.domain",
    "Consultatie": "meldcode.domain",
    "Contactgegevens": "meldcode.domain",
    "DossierGewijzigd": "meldcode.errors",
    "DossierGewist": "meldcode.errors",
    "DossierNietGevonden": "meldcode.errors",
    "EngineNietBeschikbaar": "meldcode.errors",
    "Evaluatie": "meldcode.rules",
    "Fout": "meldcode.errors",
    "Grond": "meldcode.domain",
    "Kind": "meldcode.domain",
    "MeldcodeError": "meldcode.errors",
    "Omstandigheden": "meldcode.domain",
    "OngeldigeInvoer": "meldcode.errors",
    "OngeldigeRegelbasis": "meldcode.errors",
    "Oordeel": "meldcode.domain",
    "OpslagBeschadigd": "meldcode.errors",
    "Opvolging": "meldcode.domain",
    "Partij": "meldcode.domain",
    "Protocol": "meldcode.domain",
    "Regel": "meldcode.rules",
    "Regelbasis": "meldcode.rules",
    "Rol": "meldcode.domain",
    "Signaal": "meldcode.domain",
    "SignaalBron": "meldcode.domain",
    "SleutelFout": "meldcode.errors",
    "SoortSignaal": "meldcode.domain",
    "StapOntbreekt": "meldcode.errors",
    "Taak": "meldcode.domain",
    "VolgnummerConflict": "meldcode.errors",
    "Vraag": "meldcode.domain",
    "Weging": "meldcode.domain",
    "beslis": "meldcode.rules",
    "besluit_naar_dict": "meldcode.adapters.json.casus",
    "besluit_uit_dict": "meldcode.adapters.json.casus",
    "casus_naar_dict": "meldcode.adapters.json.casus",
    "casus_uit_dict": "meldcode.adapters.json.casus",
    "casus_uit_json": "meldcode.adapters.json.casus",
    "evalueer_casus": "meldcode.rules",
    "kies_protocol": "meldcode.rules",
    "regelbasis": "meldcode.rules",
    "uitleg": "meldcode.rules.uitleg",
    "uitleg_waarom_niet": "meldcode.rules.waarom_niet",
    "waarom_niet": "meldcode.rules.waarom_niet",
}


def __getattr__(naam: str) -> _Any:
    """A public name, imported from its module on first use (PEP 562)."""
    module = _WAAR.get(naam)
    if module is None:
        raise AttributeError(f"module 'meldcode' has no attribute {naam!r}")
    waarde = getattr(_importlib.import_module(module), naam)
    globals()[naam] = waarde
    return waarde


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


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
