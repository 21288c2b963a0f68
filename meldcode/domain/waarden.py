"""The closed value sets of the meldcode: protocols, answers, kinds of signal, parties.

Each value is the exact string of the JSON contract (``../shared/design/contract.md``).
"""

from __future__ import annotations

import enum

__all__ = [
    "Beslispunt",
    "Oordeel",
    "Partij",
    "Protocol",
    "SignaalBron",
    "SoortSignaal",
    "Vraag",
]


class Protocol(enum.Enum):
    """Which version of the meldcode decides.

    ``P2013``: the five steps with stap 5a *hulp organiseren* or 5b *melden* (AMK era).
    ``P2019``: the afwegingskader, mandatory for steps 4 and 5 since 1 January 2019.
    """

    P2013 = "2013"
    P2019 = "2019"


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
