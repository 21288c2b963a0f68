"""The events of a dossier: immutable, dated records of each step, and the values they use.

Every source demands that each step of the meldcode be written down. Each event is one such
record (a signal, a consultation, a conversation, the weighing, the decisions of step 5, the
report, Veilig Thuis's feedback, agreed help, its evaluation, the closing), and a ``Correctie``
replaces an earlier event's content without deleting it.

Standard library and attrs only. Free text (``omschrijving``, ``situatie``, ...) is kept but
never shown in ``repr`` or in error messages: these are data about children.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, ClassVar, TypeAlias

import attrs
from attrs import field, frozen

from meldcode.domain._validatie import (
    valideer_bool,
    valideer_datum,
    valideer_enum,
    valideer_instantie,
    valideer_int_bereik,
    valideer_protocol,
    valideer_tekst,
    valideer_tuple_van,
)
from meldcode.domain.casus import Consultatie, Kind, Omstandigheden, Signaal, Weging
from meldcode.domain.waarden import Oordeel, Partij
from meldcode.domain.waarden import Protocol as MeldcodeProtocol
from meldcode.errors import Fout, OngeldigeInvoer

__all__ = [
    "SCHOOLROLLEN",
    "SOORTEN",
    "BesluitGenomen",
    "Betrokkene",
    "ConsultatieGehouden",
    "Correctie",
    "Diagnose",
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
]


# --- values ---------------------------------------------------------------------------------


class Stap(enum.IntEnum):
    """The five steps of the meldcode, in order."""

    SIGNALEREN = 1
    CONSULTEREN = 2
    GESPREK = 3
    WEGEN = 4
    BESLISSEN = 5

    @property
    def naam_nl(self) -> str:
        """The step as the sources name it, for texts shown to professionals."""
        return _STAPNAMEN[self]


_STAPNAMEN = {
    Stap.SIGNALEREN: "stap 1 (signalen in kaart brengen)",
    Stap.CONSULTEREN: "stap 2 (collegiale consultatie)",
    Stap.GESPREK: "stap 3 (gesprek met de ouders)",
    Stap.WEGEN: "stap 4 (wegen)",
    Stap.BESLISSEN: "stap 5 (beslissen)",
}


class Betrokkene(enum.Enum):
    """A role of a person in the dossier. Roles, never names: identifiers stay pseudonymous."""

    LEERKRACHT = "leerkracht"
    INTERN_BEGELEIDER = "intern_begeleider"
    ZORGCOORDINATOR = "zorgcoordinator"
    DIRECTIE = "directie"
    BESTUUR = "bestuur"
    COLLEGA = "collega"
    ONDERWIJSASSISTENT = "onderwijsassistent"
    SOCIAAL_VERPLEEGKUNDIGE = "sociaal_verpleegkundige"
    JEUGDARTS = "jeugdarts"
    SCHOOLMAATSCHAPPELIJK_WERK = "schoolmaatschappelijk_werk"
    ORTHOPEDAGOOG = "orthopedagoog"
    PSYCHOLOOG = "psycholoog"
    PSYCHIATER = "psychiater"
    LEERPLICHT = "leerplicht"
    VEILIG_THUIS = "veilig_thuis"
    OUDER = "ouder"
    KIND = "kind"
    DERDE = "derde"


SCHOOLROLLEN: frozenset[Betrokkene] = frozenset(
    {
        Betrokkene.LEERKRACHT,
        Betrokkene.INTERN_BEGELEIDER,
        Betrokkene.ZORGCOORDINATOR,
        Betrokkene.DIRECTIE,
        Betrokkene.COLLEGA,
        Betrokkene.ONDERWIJSASSISTENT,
    }
)
"""Roles that count as "vanuit de school" (001: two people from the school at the parent talk)."""


class Gesprekspartner(enum.Enum):
    """With whom a conversation of stap 3 (or about the report) was held."""

    OUDERS = "ouders"
    KIND = "kind"


class Uitzondering(enum.Enum):
    """A reason the sources accept for reporting without a conversation with the parents.

    003 §1.5.1 (and 000/001 stap 3): the safety of the child, the reporter or others is at risk,
    or there is good reason to expect the parents to break off contact with the school.
    """

    VEILIGHEID = "veiligheid"
    CONTACT_VERBREKEN = "contact_verbreken"


# --- events ---------------------------------------------------------------------------------

_Rol = valideer_enum(Betrokkene, optional=True)


def _rollen() -> tuple[Betrokkene, ...]:
    return ()


@frozen(kw_only=True)
class Diagnose:
    """A diagnosis: only a professional trained for it may make one (001), never the school."""

    gesteld_door: Betrokkene = field(validator=valideer_enum(Betrokkene))
    omschrijving: str = field(default="", validator=valideer_tekst, repr=False)


@frozen(kw_only=True)
class _Basis:
    """What every event has: the date it happened and, optionally, who recorded it."""

    soort: ClassVar[str] = ""
    stap: ClassVar[Stap] = Stap.SIGNALEREN

    datum: dt.date = field(validator=valideer_datum(optional=False))
    vastgelegd_door: Betrokkene | None = field(default=None, validator=_Rol)


@frozen(kw_only=True)
class _Verslag(_Basis):
    """An event that reports a meeting or observation: where, in which situation, who was there.

    001 asks for "datum, plaats, situatie, en overige aanwezigen" with every entry.
    """

    plaats: str = field(default="", validator=valideer_tekst, repr=False)
    situatie: str = field(default="", validator=valideer_tekst, repr=False)
    aanwezigen: tuple[Betrokkene, ...] = field(
        factory=_rollen, validator=valideer_tuple_van(Betrokkene)
    )


@frozen(kw_only=True)
class SignaalVastgelegd(_Verslag):
    """Stap 1: a signal is recorded.

    ``herkomst`` is the role the information came from when ``signaal.bron`` is a third party;
    ``interpretatie`` is the recorder's own reading, which 001 wants marked as a hypothesis
    (``signaal.hypothese``); ``diagnose`` only when made by a qualified professional.
    """

    soort: ClassVar[str] = "signaal_vastgelegd"
    stap: ClassVar[Stap] = Stap.SIGNALEREN

    signaal: Signaal = field(validator=valideer_instantie(Signaal))
    herkomst: Betrokkene | None = field(default=None, validator=_Rol)
    interpretatie: str = field(default="", validator=valideer_tekst, repr=False)
    diagnose: Diagnose | None = field(default=None)

    def __attrs_post_init__(self) -> None:
        if self.diagnose is not None and not isinstance(self.diagnose, Diagnose):
            raise OngeldigeInvoer(
                [
                    Fout(
                        "SignaalVastgelegd.diagnose",
                        f"<{type(self.diagnose).__name__}>",
                        "SignaalVastgelegd.diagnose must be a Diagnose or null",
                    )
                ]
            )


@frozen(kw_only=True)
class ConsultatieGehouden(_Verslag):
    """Stap 2: a consultation (004: with whom, about what, when) and its outcome."""

    soort: ClassVar[str] = "consultatie_gehouden"
    stap: ClassVar[Stap] = Stap.CONSULTEREN

    consultatie: Consultatie = field(validator=valideer_instantie(Consultatie))
    onderwerp: str = field(default="", validator=valideer_tekst, repr=False)
    uitkomst: str = field(default="", validator=valideer_tekst, repr=False)


@frozen(kw_only=True)
class GesprekGevoerd(_Verslag):
    """Stap 3 (and stap 5): a conversation with the parents or the child.

    ``over_melding`` marks the conversation about an intended report. ``ondertekend`` records
    whether the report of the conversation was signed; when it could not be, say why in
    ``niet_ondertekend_reden`` (000: "indien mogelijk"). ``bezwaren`` are the parents' objections.
    """

    soort: ClassVar[str] = "gesprek_gevoerd"
    stap: ClassVar[Stap] = Stap.GESPREK

    met: Gesprekspartner = field(validator=valideer_enum(Gesprekspartner))
    over_melding: bool = field(default=False, validator=valideer_bool)
    uitkomst: str = field(default="", validator=valideer_tekst, repr=False)
    ondertekend: bool = field(default=False, validator=valideer_bool)
    niet_ondertekend_reden: str = field(default="", validator=valideer_tekst, repr=False)
    bezwaren: str = field(default="", validator=valideer_tekst, repr=False)


@frozen(kw_only=True)
class WegingVastgelegd(_Verslag):
    """Stap 4: the weighing, with the circumstances and the child's age it rests on."""

    soort: ClassVar[str] = "weging_vastgelegd"
    stap: ClassVar[Stap] = Stap.WEGEN

    weging: Weging = field(validator=valideer_instantie(Weging))
    omstandigheden: Omstandigheden = field(
        factory=Omstandigheden, validator=valideer_instantie(Omstandigheden)
    )
    kind: Kind = field(factory=Kind, validator=valideer_instantie(Kind))
    protocol: MeldcodeProtocol | None = field(
        default=None, validator=valideer_protocol(optional=True)
    )
    overwegingen: str = field(default="", validator=valideer_tekst, repr=False)


@frozen(kw_only=True)
class BesluitGenomen(_Basis):
    """Stap 5: the school's two decisions (report? help?) and who does what.

    003 §1.5.1: record who reports (``melder``) and who informs the parents
    (``informeert_ouders``); when the parent conversation is skipped, the ``uitzondering``, the
    ``overwegingen`` and whether it was discussed with Veilig Thuis (``overleg_veilig_thuis``).
    """

    soort: ClassVar[str] = "besluit_genomen"
    stap: ClassVar[Stap] = Stap.BESLISSEN

    melden: bool = field(validator=valideer_bool)
    hulp_organiseren: bool = field(validator=valideer_bool)
    melder: Betrokkene | None = field(default=None, validator=_Rol)
    informeert_ouders: Betrokkene | None = field(default=None, validator=_Rol)
    uitzondering: Uitzondering | None = field(
        default=None, validator=valideer_enum(Uitzondering, optional=True)
    )
    overleg_veilig_thuis: bool = field(default=False, validator=valideer_bool)
    overwegingen: str = field(default="", validator=valideer_tekst, repr=False)


@frozen(kw_only=True)
class MeldingGedaan(_Basis):
    """Stap 5: the report to Veilig Thuis (the AMK under protocol 2013).

    004: record when, and whether it was discussed with the parents (``besproken_met_ouders``;
    ``None``: not recorded) and if not, why (``uitzondering`` and ``overwegingen``). 003: say
    which information comes from third parties (``informatie_van_derden``; ``None``: not stated).
    ``spoed`` marks a report made at once in an emergency (noodsituatie).
    """

    soort: ClassVar[str] = "melding_gedaan"
    stap: ClassVar[Stap] = Stap.BESLISSEN

    aan: Partij = field(default=Partij.VEILIG_THUIS, validator=valideer_enum(Partij))
    door: Betrokkene | None = field(default=None, validator=_Rol)
    besproken_met_ouders: bool | None = field(default=None)
    uitzondering: Uitzondering | None = field(
        default=None, validator=valideer_enum(Uitzondering, optional=True)
    )
    overleg_veilig_thuis: bool = field(default=False, validator=valideer_bool)
    overwegingen: str = field(default="", validator=valideer_tekst, repr=False)
    informatie_van_derden: bool | None = field(default=None)
    besproken_met_kind: bool = field(default=False, validator=valideer_bool)
    spoed: bool = field(default=False, validator=valideer_bool)

    def __attrs_post_init__(self) -> None:
        for naam in ("besproken_met_ouders", "informatie_van_derden"):
            waarde = getattr(self, naam)
            if waarde is not None and not isinstance(waarde, bool):
                veld = f"MeldingGedaan.{naam}"
                raise OngeldigeInvoer(
                    [
                        Fout(
                            veld,
                            f"<{type(waarde).__name__}>",
                            f"{veld} must be true, false or null",
                        )
                    ]
                )


@frozen(kw_only=True)
class TerugkoppelingVeiligThuis(_Basis):
    """Veilig Thuis has reported its decision back to the school (003: within five working days)."""

    soort: ClassVar[str] = "terugkoppeling_veilig_thuis"
    stap: ClassVar[Stap] = Stap.BESLISSEN

    toelichting: str = field(default="", validator=valideer_tekst, repr=False)


@frozen(kw_only=True)
class HulpAfgesproken(_Basis):
    """Stap 5 (afweging 4D): help started, with the agreed term by which its effect must show.

    ``termijn`` is the date by which the effect must be noticeable or measurable; afweging 5 is
    due then. ``casemanager`` is the role that coordinates.
    """

    soort: ClassVar[str] = "hulp_afgesproken"
    stap: ClassVar[Stap] = Stap.BESLISSEN

    termijn: dt.date = field(validator=valideer_datum(optional=False))
    casemanager: Betrokkene | None = field(default=None, validator=_Rol)
    afspraken: str = field(default="", validator=valideer_tekst, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.termijn < self.datum:
            raise OngeldigeInvoer(
                [
                    Fout(
                        "HulpAfgesproken.termijn",
                        self.termijn.isoformat(),
                        "HulpAfgesproken.termijn must not be before HulpAfgesproken.datum "
                        f"(got {self.termijn.isoformat()})",
                    )
                ]
            )


@frozen(kw_only=True)
class EvaluatieGehouden(_Basis):
    """Stap 5 (afweging 5): whether the help reached the agreed result within the term."""

    soort: ClassVar[str] = "evaluatie_gehouden"
    stap: ClassVar[Stap] = Stap.BESLISSEN

    hulp_resultaat: Oordeel = field(validator=valideer_enum(Oordeel))
    toelichting: str = field(default="", validator=valideer_tekst, repr=False)


@frozen(kw_only=True)
class DossierGesloten(_Basis):
    """The dossier is closed: the concerns are gone, or help ended with monitoring agreements."""

    soort: ClassVar[str] = "dossier_gesloten"
    stap: ClassVar[Stap] = Stap.BESLISSEN

    reden: str = field(default="", validator=valideer_tekst, repr=False)
    monitoring: str = field(default="", validator=valideer_tekst, repr=False)


#: any dossier event other than a ``Correctie``: what a correction may replace
Inhoud: TypeAlias = (
    SignaalVastgelegd
    | ConsultatieGehouden
    | GesprekGevoerd
    | WegingVastgelegd
    | BesluitGenomen
    | MeldingGedaan
    | TerugkoppelingVeiligThuis
    | HulpAfgesproken
    | EvaluatieGehouden
    | DossierGesloten
)
_INHOUD: tuple[type[_Basis], ...] = (
    SignaalVastgelegd,
    ConsultatieGehouden,
    GesprekGevoerd,
    WegingVastgelegd,
    BesluitGenomen,
    MeldingGedaan,
    TerugkoppelingVeiligThuis,
    HulpAfgesproken,
    EvaluatieGehouden,
    DossierGesloten,
)


def _valideer_vervanging(_: object, __: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, _INHOUD):
        raise OngeldigeInvoer(
            [
                Fout(
                    "Correctie.vervanging",
                    f"<{type(value).__name__}>",
                    "Correctie.vervanging must be an event other than a correction",
                )
            ]
        )


@frozen(kw_only=True)
class Correctie(_Basis):
    """A correction: replaces the content of event ``verwijst_naar`` with ``vervanging``.

    The original stays in the dossier; the effective view shows the replacement. ``vervanging``
    must be of the same kind as the event it corrects; ``reden`` says why.
    """

    soort: ClassVar[str] = "correctie"
    stap: ClassVar[Stap] = Stap.SIGNALEREN

    verwijst_naar: int = field(validator=valideer_int_bereik(1, 10**9, optional=False))
    vervanging: Inhoud = field(validator=_valideer_vervanging)
    reden: str = field(default="", validator=valideer_tekst, repr=False)


Gebeurtenis: TypeAlias = Inhoud | Correctie
"""Any event of a dossier."""

_ALLE: tuple[type[_Basis], ...] = (*_INHOUD, Correctie)
SOORTEN: dict[str, type[_Basis]] = {k.soort: k for k in _ALLE}
"""Event classes by their stable ``soort`` tag (the ``"soort"`` key of the JSON form)."""
