"""The dossier: an append-only sequence of immutable, dated events, and the pure fold over it.

Every source demands that each step of the meldcode be written down. A ``Dossier`` is keyed by a
pseudonymous id and holds its events in the order they were recorded (``volgnummer`` 1, 2, ...).
Nothing is changed in place and nothing is deleted: a ``Correctie`` is a new event that refers to
an earlier one and replaces its content in the *geldende* (effective) view.

``Dossier.voeg_toe`` refuses an event the meldcode does not allow yet (``StapOntbreekt`` names the
missing step). ``vouw`` folds a dossier into its ``Toestand`` at a date given as input (the core
has no clock): the step reached, what is outstanding, the deadlines due and overdue, and, when a
decide function is injected, the latest ``Besluit``. Working days come from an injected
``Werkdagkalender``; the Dutch calendar with national holidays lives in an adapter.

Standard library and attrs only. Free text (``omschrijving``, ``situatie``, ...) is kept but
never shown in ``repr`` or in error messages: these are data about children.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterator
from typing import Any, ClassVar, Protocol, TypeAlias, TypeVar

import attrs
from attrs import evolve, field, frozen

from meldcode.domain._validatie import (
    valideer_bool,
    valideer_datum,
    valideer_enum,
    valideer_instantie,
    valideer_int_bereik,
    valideer_pseudoniem,
    valideer_tekst,
    valideer_tuple_van,
)
from meldcode.domain.besluit import Besluit
from meldcode.domain.casus import Casus, Consultatie, Kind, Omstandigheden, Signaal, Weging
from meldcode.domain.waarden import Oordeel, Partij
from meldcode.domain.waarden import Protocol as MeldcodeProtocol
from meldcode.errors import Fout, OngeldigeInvoer, StapOntbreekt

__all__ = [
    "SCHOOLROLLEN",
    "SOORTEN",
    "VEILIG_THUIS_WERKDAGEN",
    "BesluitGenomen",
    "Betrokkene",
    "ConsultatieGehouden",
    "Correctie",
    "Diagnose",
    "Dossier",
    "DossierGesloten",
    "EvaluatieGehouden",
    "Gebeurtenis",
    "GesprekGevoerd",
    "Gesprekspartner",
    "HulpAfgesproken",
    "Inhoud",
    "MeldingGedaan",
    "Openstaand",
    "SignaalVastgelegd",
    "Stap",
    "Termijn",
    "TermijnSoort",
    "TermijnStatus",
    "TerugkoppelingVeiligThuis",
    "Toestand",
    "Uitzondering",
    "WeekendKalender",
    "WegingVastgelegd",
    "Werkdagkalender",
    "casus_uit_dossier",
    "controleer_volgorde",
    "plus_werkdagen",
    "volgordefouten",
    "vouw",
]

VEILIG_THUIS_WERKDAGEN = 5
"""003 Figuur 2, afweging 3A: Veilig Thuis decides within five working days of a report."""


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


class TermijnSoort(enum.Enum):
    """The kinds of deadline a dossier can carry."""

    VEILIG_THUIS_BESLUIT = "veilig_thuis_besluit"
    HULP_RESULTAAT = "hulp_resultaat"


class TermijnStatus(enum.Enum):
    """A deadline at a given date: met, still running, or overdue."""

    VOLDAAN = "voldaan"
    LOPEND = "lopend"
    VERLOPEN = "verlopen"


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
        default=None, validator=valideer_enum(MeldcodeProtocol, optional=True)
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


# --- the dossier and step progression -------------------------------------------------------


def _weiger(nieuw: _Basis, ontbreekt: str, uitleg: str) -> StapOntbreekt:
    return StapOntbreekt(
        nieuw.soort, ontbreekt, f"cannot record {nieuw.soort}: {ontbreekt} is missing ({uitleg})"
    )


_T = TypeVar("_T", bound=_Basis)


def _valideer_gebeurtenissen(_: object, __: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        raise OngeldigeInvoer(
            [
                Fout(
                    "Dossier.gebeurtenissen",
                    f"<{type(value).__name__}>",
                    "Dossier.gebeurtenissen must be a tuple of dossier events",
                )
            ]
        )
    for i, g in enumerate(value):
        if not isinstance(g, _ALLE):
            veld = f"Dossier.gebeurtenissen[{i}]"
            raise OngeldigeInvoer(
                [Fout(veld, f"<{type(g).__name__}>", f"{veld} must be a dossier event")]
            )


@frozen(kw_only=True)
class Dossier:
    """A case record: a pseudonymous ``id`` and its events in the order they were recorded.

    Build it empty and grow it with ``voeg_toe``, which checks the step progression. A dossier
    read back from storage is built directly from its events (they were checked when appended).
    """

    id: str = field(validator=valideer_pseudoniem)
    gebeurtenissen: tuple[Gebeurtenis, ...] = field(
        default=(),
        validator=_valideer_gebeurtenissen,
    )

    def __attrs_post_init__(self) -> None:
        if self.id is None:
            raise OngeldigeInvoer([Fout("Dossier.id", "None", "Dossier.id is required")])

    def __len__(self) -> int:
        return len(self.gebeurtenissen)

    def voeg_toe(self, gebeurtenis: Gebeurtenis) -> Dossier:
        """A new dossier with ``gebeurtenis`` appended; ``StapOntbreekt`` if it may not follow."""
        controleer_volgorde(self, gebeurtenis)
        return evolve(self, gebeurtenissen=(*self.gebeurtenissen, gebeurtenis))

    def geldend(self) -> tuple[tuple[int, Inhoud], ...]:
        """The effective events with their volgnummer: corrections applied, not listed."""
        inhoud: dict[int, Inhoud] = {}
        for nummer, g in enumerate(self.gebeurtenissen, start=1):
            if isinstance(g, Correctie):
                if g.verwijst_naar in inhoud:
                    inhoud[g.verwijst_naar] = g.vervanging
            else:
                inhoud[nummer] = g
        return tuple(sorted(inhoud.items()))

    def van_soort(self, soort: type[_T]) -> tuple[_T, ...]:
        """The effective events of one kind, in order."""
        return tuple(g for _, g in self.geldend() if isinstance(g, soort))


def _oudergesprek(dossier: Dossier, *, over_melding: bool = False) -> bool:
    return any(
        isinstance(g, GesprekGevoerd)
        and g.met is Gesprekspartner.OUDERS
        and (g.over_melding or not over_melding)
        for _, g in dossier.geldend()
    )


def _gesloten(geldend: tuple[tuple[int, Inhoud], ...]) -> bool:
    gesloten = False
    for _, g in geldend:
        if isinstance(g, DossierGesloten):
            gesloten = True
        elif isinstance(g, SignaalVastgelegd):
            gesloten = False  # a new signal reopens the dossier: "opnieuw begint" (000 stap 5a)
    return gesloten


def controleer_volgorde(dossier: Dossier, nieuw: Gebeurtenis) -> None:
    """Raise ``StapOntbreekt`` when ``nieuw`` may not follow the dossier's events yet.

    - everything but a signal needs a recorded signal first (stap 1);
    - a decision, agreed help or a closure after help need a weighing (stap 4);
    - a report needs a weighing unless it is an emergency report (``spoed``: the sources'
      noodsituaties), and a conversation with the parents (stap 3) and about the intended
      report (000/001 stap 5b, 003 §1.5.1) unless an exception is recorded (003 §1.5.1,
      000/001 stap 3);
    - an evaluation needs agreed help; Veilig Thuis's feedback needs a report;
    - closing needs a conversation with the parents (000/001 stap 3: the concerns turned out to
      have another cause) or a weighing (003 Figuur 2, afweging 1A);
    - a closed dossier takes only a correction or a new signal (which reopens it);
    - a correction refers to an earlier, non-correction event and replaces it with one of the
      same kind.
    """
    if not isinstance(nieuw, _Basis):
        raise OngeldigeInvoer(
            [Fout("gebeurtenis", f"<{type(nieuw).__name__}>", "gebeurtenis must be an event")]
        )
    if isinstance(nieuw, Correctie):
        _controleer_correctie(dossier, nieuw)
        return
    geldend = dossier.geldend()
    soorten = {type(g) for _, g in geldend}
    if _gesloten(geldend) and not isinstance(nieuw, SignaalVastgelegd):
        raise _weiger(
            nieuw,
            "signaal_vastgelegd",
            "the dossier is closed; record a new signal to reopen it",
        )
    if isinstance(nieuw, SignaalVastgelegd):
        return
    if SignaalVastgelegd not in soorten:
        raise _weiger(nieuw, "stap 1", "record a signal (signaal_vastgelegd) first")
    gewogen = WegingVastgelegd in soorten
    if isinstance(nieuw, BesluitGenomen | HulpAfgesproken) and not gewogen:
        raise _weiger(nieuw, "stap 4", "record the weighing (weging_vastgelegd) first")
    if isinstance(nieuw, MeldingGedaan):
        if not gewogen and not nieuw.spoed:
            raise _weiger(
                nieuw,
                "stap 4",
                "record the weighing (weging_vastgelegd) first, or mark an emergency report "
                "with spoed",
            )
        overgeslagen = nieuw.uitzondering is not None or any(
            isinstance(g, BesluitGenomen) and g.uitzondering is not None for _, g in geldend
        )
        if not overgeslagen and not _oudergesprek(dossier):
            raise _weiger(
                nieuw,
                "stap 3",
                "record the conversation with the parents (gesprek_gevoerd, met: ouders) or the "
                "exception that allows skipping it (uitzondering: veiligheid or "
                "contact_verbreken)",
            )
        if not overgeslagen and not _oudergesprek(dossier, over_melding=True):
            raise _weiger(
                nieuw,
                "gesprek_gevoerd.over_melding",
                "discuss the intended report with the parents first (gesprek_gevoerd, met: "
                "ouders, over_melding: true) or record the exception that allows skipping it",
            )
    if isinstance(nieuw, EvaluatieGehouden) and HulpAfgesproken not in soorten:
        raise _weiger(nieuw, "hulp_afgesproken", "an evaluation needs agreed help and its term")
    if isinstance(nieuw, TerugkoppelingVeiligThuis) and MeldingGedaan not in soorten:
        raise _weiger(nieuw, "melding_gedaan", "Veilig Thuis reports back on a report")
    if isinstance(nieuw, DossierGesloten):
        if HulpAfgesproken in soorten and not gewogen:  # pragma: no cover - help needs a weighing
            raise _weiger(nieuw, "stap 4", "record the weighing first")
        if not gewogen and not _oudergesprek(dossier):
            raise _weiger(
                nieuw,
                "stap 3",
                "close after the conversation with the parents (the concerns have another "
                "cause) or after the weighing (stap 4)",
            )


def volgordefouten(dossier: Dossier) -> tuple[tuple[int, StapOntbreekt | OngeldigeInvoer], ...]:
    """Replay the dossier's events: every event the step progression would refuse now.

    A stored dossier was checked when each event was appended; this finds histories written by
    other means (or under other rules), as ``meldcode controleer`` reports them.
    """
    fouten: list[tuple[int, StapOntbreekt | OngeldigeInvoer]] = []
    opnieuw = Dossier(id=dossier.id)
    for nummer, g in enumerate(dossier.gebeurtenissen, start=1):
        try:
            controleer_volgorde(opnieuw, g)
        except (StapOntbreekt, OngeldigeInvoer) as fout:
            fouten.append((nummer, fout))
        opnieuw = evolve(opnieuw, gebeurtenissen=(*opnieuw.gebeurtenissen, g))
    return tuple(fouten)


def _controleer_correctie(dossier: Dossier, nieuw: Correctie) -> None:
    n = nieuw.verwijst_naar
    if n > len(dossier.gebeurtenissen):
        raise OngeldigeInvoer(
            [
                Fout(
                    "Correctie.verwijst_naar",
                    repr(n),
                    f"Correctie.verwijst_naar must name an earlier event (got {n}; the dossier "
                    f"has {len(dossier.gebeurtenissen)})",
                )
            ]
        )
    oud = dossier.gebeurtenissen[n - 1]
    if isinstance(oud, Correctie):
        raise OngeldigeInvoer(
            [
                Fout(
                    "Correctie.verwijst_naar",
                    repr(n),
                    f"Correctie.verwijst_naar must name the original event, not a correction "
                    f"(got {n}; correct event {oud.verwijst_naar} instead)",
                )
            ]
        )
    if type(oud) is not type(nieuw.vervanging):
        raise OngeldigeInvoer(
            [
                Fout(
                    "Correctie.vervanging",
                    repr(nieuw.vervanging.soort),
                    f"Correctie.vervanging must be a {oud.soort} like event {n} "
                    f"(got {nieuw.vervanging.soort!r})",
                )
            ]
        )
    # the corrected history must still be one the progression accepts, event by event
    gecorrigeerd = Dossier(id=dossier.id, gebeurtenissen=(*dossier.gebeurtenissen, nieuw)).geldend()
    opnieuw = Dossier(id=dossier.id)
    for nummer, g in gecorrigeerd:
        try:
            controleer_volgorde(opnieuw, g)
        except StapOntbreekt as fout:
            raise StapOntbreekt(
                nieuw.soort,
                fout.ontbreekt,
                f"cannot record correctie of event {n}: event {nummer} ({g.soort}) would then "
                f"lack {fout.ontbreekt}",
            ) from None
        opnieuw = evolve(opnieuw, gebeurtenissen=(*opnieuw.gebeurtenissen, g))


# --- working days ---------------------------------------------------------------------------


class Werkdagkalender(Protocol):
    """Tells working days from weekends and holidays. Injected: the core knows no calendar."""

    def is_werkdag(self, datum: dt.date) -> bool:
        """``True`` when ``datum`` is a working day."""
        ...


@frozen
class WeekendKalender:
    """Monday to Friday are working days; knows no holidays (use the Dutch calendar adapter)."""

    def is_werkdag(self, datum: dt.date) -> bool:
        """``True`` from Monday to Friday."""
        return datum.weekday() < 5


def plus_werkdagen(kalender: Werkdagkalender, datum: dt.date, aantal: int) -> dt.date:
    """The ``aantal``-th working day after ``datum`` (``datum`` itself does not count)."""
    dag = datum
    over = aantal
    while over > 0:
        dag += dt.timedelta(days=1)
        if kalender.is_werkdag(dag):
            over -= 1
    return dag


# --- the fold -------------------------------------------------------------------------------


@frozen(kw_only=True)
class Openstaand:
    """Something the meldcode still asks for: a stable ``code``, its step, and a Dutch text."""

    code: str
    stap: Stap
    melding: str


@frozen(kw_only=True)
class Termijn:
    """A deadline: from the event ``volgnummer`` on ``vanaf``, due ``uiterlijk``, met or not."""

    soort: TermijnSoort
    volgnummer: int
    vanaf: dt.date
    uiterlijk: dt.date
    voldaan_op: dt.date | None = None

    def status(self, op: dt.date) -> TermijnStatus:
        """Met, running, or overdue at ``op``."""
        if self.voldaan_op is not None:
            return TermijnStatus.VOLDAAN
        return TermijnStatus.VERLOPEN if op > self.uiterlijk else TermijnStatus.LOPEND


Beslisser = Callable[[Casus], Besluit]


@frozen(kw_only=True)
class Toestand:
    """The current state of a dossier at date ``op``, derived from its events by ``vouw``."""

    dossier: str
    op: dt.date
    aantal: int
    stap: Stap | None
    gesloten: bool
    openstaand: tuple[Openstaand, ...]
    termijnen: tuple[Termijn, ...]
    casus: Casus
    besluit: Besluit | None = None

    @property
    def te_doen(self) -> tuple[Termijn, ...]:
        """Deadlines still running at ``op`` (due)."""
        return tuple(t for t in self.termijnen if t.status(self.op) is TermijnStatus.LOPEND)

    @property
    def verlopen(self) -> tuple[Termijn, ...]:
        """Deadlines passed at ``op`` without being met (overdue)."""
        return tuple(t for t in self.termijnen if t.status(self.op) is TermijnStatus.VERLOPEN)


def casus_uit_dossier(dossier: Dossier) -> Casus:
    """The ``Casus`` the dossier's effective events describe, for the engine.

    Signals and consultations accumulate; the latest weighing gives the weging, circumstances,
    child and protocol; a later evaluation answers afweging 5 (``hulp_resultaat``).
    """
    signalen: list[Signaal] = []
    consultaties: list[Consultatie] = []
    weging: WegingVastgelegd | None = None
    resultaat: Oordeel | None = None
    for _, g in dossier.geldend():
        if isinstance(g, SignaalVastgelegd):
            signalen.append(g.signaal)
        elif isinstance(g, ConsultatieGehouden):
            consultaties.append(g.consultatie)
        elif isinstance(g, WegingVastgelegd):
            weging, resultaat = g, None
        elif isinstance(g, EvaluatieGehouden):
            resultaat = g.hulp_resultaat
    if weging is None:
        eerste = dossier.gebeurtenissen[0].datum if dossier.gebeurtenissen else None
        return Casus(
            signalen=tuple(signalen),
            consultaties=tuple(consultaties),
            datum=eerste,
            referentie=dossier.id,
        )
    w = weging.weging if resultaat is None else evolve(weging.weging, hulp_resultaat=resultaat)
    return Casus(
        kind=weging.kind,
        signalen=tuple(signalen),
        consultaties=tuple(consultaties),
        omstandigheden=weging.omstandigheden,
        weging=w,
        protocol=weging.protocol,
        datum=weging.datum,
        referentie=dossier.id,
    )


def _termijnen(
    geldend: tuple[tuple[int, Inhoud], ...], kalender: Werkdagkalender
) -> Iterator[Termijn]:
    for i, (nummer, g) in enumerate(geldend):
        later = [h for _, h in geldend[i + 1 :]]
        if isinstance(g, MeldingGedaan):
            terug = next((h for h in later if isinstance(h, TerugkoppelingVeiligThuis)), None)
            yield Termijn(
                soort=TermijnSoort.VEILIG_THUIS_BESLUIT,
                volgnummer=nummer,
                vanaf=g.datum,
                uiterlijk=plus_werkdagen(kalender, g.datum, VEILIG_THUIS_WERKDAGEN),
                voldaan_op=terug.datum if terug else None,
            )
        elif isinstance(g, HulpAfgesproken):
            evaluatie = next((h for h in later if isinstance(h, EvaluatieGehouden)), None)
            yield Termijn(
                soort=TermijnSoort.HULP_RESULTAAT,
                volgnummer=nummer,
                vanaf=g.datum,
                uiterlijk=g.termijn,
                voldaan_op=evaluatie.datum if evaluatie else None,
            )


def _openstaand(dossier: Dossier, besluit: Besluit | None) -> Iterator[Openstaand]:
    geldend = dossier.geldend()
    soorten = {type(g) for _, g in geldend}
    besluiten = [g for _, g in geldend if isinstance(g, BesluitGenomen)]
    laatste = besluiten[-1] if besluiten else None
    overgeslagen = any(
        isinstance(g, BesluitGenomen | MeldingGedaan) and g.uitzondering is not None
        for _, g in geldend
    )
    if ConsultatieGehouden not in soorten:
        yield Openstaand(
            code="consultatie",
            stap=Stap.CONSULTEREN,
            melding="Bespreek de signalen met een deskundige collega en leg de consultatie vast.",
        )
    if not _oudergesprek(dossier) and not overgeslagen:
        yield Openstaand(
            code="oudergesprek",
            stap=Stap.GESPREK,
            melding="Bespreek de signalen met de ouders en leg het gesprek vast, of leg vast "
            "waarom het gesprek niet plaatsvindt.",
        )
    if WegingVastgelegd not in soorten:
        yield Openstaand(
            code="weging",
            stap=Stap.WEGEN,
            melding="Weeg de signalen met het afwegingskader en leg de weging vast.",
        )
    elif laatste is None:
        yield Openstaand(
            code="besluit",
            stap=Stap.BESLISSEN,
            melding="Leg de beslissingen van stap 5 vast: is melden noodzakelijk, is hulp "
            "mogelijk?",
        )
    if besluit is not None and besluit.volgende_vraag is not None and WegingVastgelegd in soorten:
        yield Openstaand(
            code=f"afweging.{besluit.volgende_vraag.value}",
            stap=Stap.WEGEN,
            melding=f"Beantwoord de afweging '{besluit.volgende_vraag.value}'.",
        )
    meldingen = [n for n, g in geldend if isinstance(g, MeldingGedaan)]
    moet_melden = (besluit is not None and besluit.melden) or (
        laatste is not None and laatste.melden
    )
    if moet_melden and not meldingen:
        yield Openstaand(
            code="melding",
            stap=Stap.BESLISSEN,
            melding="Doe de melding bij Veilig Thuis en leg die vast.",
        )
    if laatste is not None and laatste.hulp_organiseren and HulpAfgesproken not in soorten:
        yield Openstaand(
            code="hulp",
            stap=Stap.BESLISSEN,
            melding="Zet de hulp in gang en leg de afgesproken termijn vast.",
        )
    if besluit is not None and besluit.dossier_sluiten and WegingVastgelegd in soorten:
        yield Openstaand(
            code="sluiten",
            stap=Stap.BESLISSEN,
            melding="Leg het dossier vast en sluit het.",
        )


def vouw(
    dossier: Dossier,
    *,
    op: dt.date,
    kalender: Werkdagkalender,
    beslisser: Beslisser | None = None,
) -> Toestand:
    """Fold a dossier into its ``Toestand`` at date ``op``.

    Pure: the same dossier, date, calendar and decide function always give the same state.
    ``beslisser`` (usually ``meldcode.rules.beslis``) adds the latest ``Besluit``; without it
    the state has none, and what is outstanding follows from the recorded events alone.
    """
    if not isinstance(dossier, Dossier):
        raise OngeldigeInvoer(
            [Fout("dossier", f"<{type(dossier).__name__}>", "dossier must be a Dossier")]
        )
    if type(op) is not dt.date:
        raise OngeldigeInvoer([Fout("op", f"<{type(op).__name__}>", "op must be a date")])
    geldend = dossier.geldend()
    casus = casus_uit_dossier(dossier)
    besluit = beslisser(casus) if beslisser is not None and geldend else None
    gesloten = _gesloten(geldend)
    stappen = [g.stap for _, g in geldend]
    return Toestand(
        dossier=dossier.id,
        op=op,
        aantal=len(dossier.gebeurtenissen),
        stap=max(stappen) if stappen else None,
        gesloten=gesloten,
        openstaand=() if gesloten or not geldend else tuple(_openstaand(dossier, besluit)),
        termijnen=tuple(_termijnen(geldend, kalender)),
        casus=casus,
        besluit=besluit,
    )
