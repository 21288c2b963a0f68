"""The closed value sets of the meldcode: protocols, answers, kinds of signal, parties.

Each value is the exact string of the JSON contract (``../shared/design/contract.md``).
"""

from __future__ import annotations

import enum
import re
import weakref
from collections.abc import Iterator
from typing import ClassVar

__all__ = [
    "Beslispunt",
    "Oordeel",
    "Partij",
    "Protocol",
    "Rol",
    "SignaalBron",
    "SoortSignaal",
    "Taak",
    "Vraag",
]


class _Protocollen(type):
    """Iterating ``Protocol`` gives the national versions, as it did when it was an enum."""

    def __iter__(cls) -> Iterator[Protocol]:
        return iter((Protocol.P2013, Protocol.P2019))

    def __len__(cls) -> int:
        return 2


class Protocol(metaclass=_Protocollen):
    """Which version of the meldcode decides, by its name (``Protocol("2019")``).

    A version is data (``meldcode.rules.versies``): its questions, its rules, the date it came
    into force. The two national versions are ``Protocol.P2013`` (the five steps with stap 5a
    *hulp organiseren* or 5b *melden*, AMK era) and ``Protocol.P2019`` (the afwegingskader,
    mandatory for steps 4 and 5 since 1 January 2019); a rule base may define another. A name
    is 1-20 letters, digits or ``. _ -``. Instances are interned: ``Protocol("2019") is
    Protocol.P2019``, ``.value`` is the name, as the JSON contract writes it, and
    ``list(Protocol)`` lists the national versions (as when this was an enum).
    """

    __slots__ = ("__weakref__", "value")
    _bekend: ClassVar[weakref.WeakValueDictionary[str, Protocol]] = weakref.WeakValueDictionary()
    P2013: ClassVar[Protocol]
    P2019: ClassVar[Protocol]
    value: str

    def __new__(cls, value: str) -> Protocol:
        """The one ``Protocol`` named ``value``; ``ValueError`` for a malformed name."""
        if not isinstance(value, str):
            raise ValueError("a protocol is named by 1-20 letters, digits or '._-'")
        bestaand = cls._bekend.get(value)
        if bestaand is not None:
            return bestaand
        if not _NAAM.match(value):
            raise ValueError("a protocol is named by 1-20 letters, digits or '._-'")
        nieuw = object.__new__(cls)
        object.__setattr__(nieuw, "value", value)
        return cls._bekend.setdefault(value, nieuw)

    def __setattr__(self, naam: str, waarde: object) -> None:
        raise AttributeError("a Protocol is immutable")

    def __reduce__(self) -> tuple[type[Protocol], tuple[str]]:
        return (Protocol, (self.value,))

    def __copy__(self) -> Protocol:
        return self

    def __deepcopy__(self, memo: object) -> Protocol:
        return self

    def __repr__(self) -> str:
        return f"Protocol({self.value!r})"

    def __lt__(self, other: Protocol) -> bool:
        return self.value < other.value


_NAAM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$")
Protocol.P2013 = Protocol("2013")
Protocol.P2019 = Protocol("2019")


class Oordeel(enum.Enum):
    """An answer to an afweging: ``ja``, ``nee`` or ``twijfel`` (unanswered is ``None``)."""

    JA = "ja"
    NEE = "nee"
    TWIJFEL = "twijfel"


class SoortSignaal(enum.Enum):
    """The kind of a signal, as the meldcode names the forms of violence and neglect."""

    LICHAMELIJK_GEWELD = "lichamelijk_geweld"
    PSYCHISCH_GEWELD = "psychisch_geweld"
    SEKSUEEL_GEWELD = "seksueel_geweld"
    VERWAARLOZING = "verwaarlozing"
    GETUIGE_HUISELIJK_GEWELD = "getuige_huiselijk_geweld"
    EERGERELATEERD_GEWELD = "eergerelateerd_geweld"
    VROUWELIJKE_GENITALE_VERMINKING = "vrouwelijke_genitale_verminking"
    HUWELIJKSDWANG = "huwelijksdwang"
    ZORGELIJKE_ONTWIKKELING = "zorgelijke_ontwikkeling"


class SignaalBron(enum.Enum):
    """Where a signal's information comes from: own observation, child, parent, third party."""

    EIGEN_WAARNEMING = "eigen_waarneming"
    KIND = "kind"
    OUDER = "ouder"
    DERDE = "derde"


class Partij(enum.Enum):
    """A party the school consults or contacts. ``VEILIG_THUIS`` is the AMK under protocol 2013."""

    INTERN_BEGELEIDER = "intern_begeleider"
    COLLEGA = "collega"
    DIRECTIE = "directie"
    BESTUUR = "bestuur"
    SOCIAAL_VERPLEEGKUNDIGE = "sociaal_verpleegkundige"
    JEUGDARTS = "jeugdarts"
    GGD_JGZ = "ggd_jgz"
    ZORGADVIESTEAM = "zorgadviesteam"
    LEERPLICHT = "leerplicht"
    SOCIAAL_TEAM = "sociaal_team"
    JEUGDBESCHERMER = "jeugdbeschermer"
    VEILIG_THUIS = "veilig_thuis"
    POLITIE_112 = "politie_112"
    LEC_EGG = "lec_egg"
    VERWIJSINDEX = "verwijsindex"
    GEDRAGSDESKUNDIGE = "gedragsdeskundige"


class Vraag(enum.Enum):
    """A question of the weging; the value is its key in the contract's ``weging`` object."""

    VERMOEDEN = "vermoeden"
    ACUTE_ONVEILIGHEID = "acute_onveiligheid"
    STRUCTURELE_ONVEILIGHEID = "structurele_onveiligheid"
    HULP_MOGELIJK = "hulp_mogelijk"
    HULP_AANVAARD = "hulp_aanvaard"
    HULP_RESULTAAT = "hulp_resultaat"
    KAN_BESCHERMEN = "kan_beschermen"


class Beslispunt(enum.Enum):
    """A yes/no decision of a ``Besluit``; the value is its key in the contract."""

    MELDEN = "melden"
    HULP_ORGANISEREN = "hulp_organiseren"
    DOSSIER_SLUITEN = "dossier_sluiten"
    VEILIG_THUIS_RAADPLEGEN = "veilig_thuis_raadplegen"
    SPOED = "spoed"
    OUDERGESPREK_OVERSLAAN = "oudergesprek_overslaan"
    BESPREKEN_MET_KIND = "bespreken_met_kind"


class Rol(enum.Enum):
    """Who in (or above) the school carries out an action, as the sources assign it.

    ``AANDACHTSFUNCTIONARIS`` is the intern begeleider (000, 001) or the zorgcoördinator (003);
    a profile names which. ``MEDEWERKER`` is whoever has the signals (any staff member).
    """

    LEERKRACHT = "leerkracht"
    AANDACHTSFUNCTIONARIS = "aandachtsfunctionaris"
    DIRECTIE = "directie"
    BESTUUR = "bestuur"
    ONDERSTEUNINGSTEAM = "ondersteuningsteam"
    SOCIAAL_VERPLEEGKUNDIGE = "sociaal_verpleegkundige"
    MEDEWERKER = "medewerker"


class Taak(enum.Enum):
    """An action of a ``Besluit``: what must be done (the ``rol`` says by whom).

    Declared in the order in which a ``Besluit`` lists its actions: most urgent first.
    """

    BELLEN_112 = "bellen_112"
    BESTUUR_INFORMEREN = "bestuur_informeren"
    MELDEN = "melden"
    BESCHERMING_OVERLEGGEN = "bescherming_overleggen"
    CONTACT_OPNEMEN = "contact_opnemen"
    VEILIG_THUIS_RAADPLEGEN = "veilig_thuis_raadplegen"
    VERTROUWENSINSPECTEUR_RAADPLEGEN = "vertrouwensinspecteur_raadplegen"
    MELDEN_BIJ_POLITIE_OF_JUSTITIE = "melden_bij_politie_of_justitie"
    KINDCHECK = "kindcheck"
    DIRECTIE_INFORMEREN = "directie_informeren"
    OVERLEGGEN = "overleggen"
    LEERKRACHTEN_BETREKKEN = "leerkrachten_betrekken"
    OUDERGESPREK_VOEREN = "oudergesprek_voeren"
    UITKOMST_OVERLEG_DELEN = "uitkomst_overleg_delen"
    ALLEEN_ANONIEM_BESPREKEN = "alleen_anoniem_bespreken"
    VASTLEGGEN_WIE_MELDT = "vastleggen_wie_meldt"
    MELDING_BESPREKEN_MET_OUDERS = "melding_bespreken_met_ouders"
    MELDING_BESPREKEN_MET_KIND = "melding_bespreken_met_kind"
    TOESTEMMING_AANTONEN = "toestemming_aantonen"
    COORDINEREN = "coordineren"
    HULP_ORGANISEREN = "hulp_organiseren"
    CASEMANAGER_BENOEMEN = "casemanager_benoemen"
    HULP_COORDINEREN = "hulp_coordineren"
    AANKOMST_BIJ_HULP_NAGAAN = "aankomst_bij_hulp_nagaan"
    SCHOOL_INFORMEREN_OVER_HULP = "school_informeren_over_hulp"
    HULP_MONITOREN = "hulp_monitoren"
    MONITORING_AFSPREKEN = "monitoring_afspreken"
    LICHTE_ONDERSTEUNING_ORGANISEREN = "lichte_ondersteuning_organiseren"
    BESLUIT_VEILIG_THUIS_AFWACHTEN = "besluit_veilig_thuis_afwachten"
    EINDVERANTWOORDELIJKHEID_DOSSIER = "eindverantwoordelijkheid_dossier"
    VASTLEGGEN = "vastleggen"
    VERWIJSINDEX_OVERWEGEN = "verwijsindex_overwegen"
    ZORG_VOOR_JEUGD_REGISTREREN = "zorg_voor_jeugd_registreren"
    INTERNE_EVALUATIE = "interne_evaluatie"
