"""Monitoring a running case: the follow-ups the meldcode asks for, each cited like a rule.

A *bewaking* watches a dossier for something that should happen and does not: Veilig Thuis
does not report back, the agreed term of help passes without the afweging-5 review, a report
decided on is not made. One reacts at once: a new signal while help is running means the case
must be weighed again. The definitions here are data, read by the monitor in
``meldcode.adapters.durable`` (which runs them on durable_rules' timers); this module knows no
engine and no clock.

Events are the dossier's own (``meldcode.domain.dossier``), named by their ``soort`` tag.
"""

from __future__ import annotations

import datetime as dt
import enum

from attrs import field, frozen

from meldcode.domain._validatie import (
    valideer_datum,
    valideer_enum,
    valideer_pseudoniem,
    valideer_tekst,
)
from meldcode.domain.dossier import (
    BesluitGenomen,
    DossierGesloten,
    EvaluatieGehouden,
    HulpAfgesproken,
    MeldingGedaan,
    SignaalVastgelegd,
    TerugkoppelingVeiligThuis,
)
from meldcode.rules.model import Bron
from meldcode.rules.normen import VEILIG_THUIS_BESLUIT_WERKDAGEN
from meldcode.rules.regels import FEDRA, JSO

__all__ = [
    "BEWAKINGEN",
    "MELDEN_BINNEN_WERKDAGEN",
    "Bewaking",
    "Opvolgsoort",
    "Signalering",
    "Termijnberekening",
]


class Opvolgsoort(enum.Enum):
    """What a follow-up asks of the school."""

    TERUGKOPPELING_VEILIG_THUIS_UITGEBLEVEN = "terugkoppeling_veilig_thuis_uitgebleven"
    HULPRESULTAAT_NIET_BEOORDEELD = "hulpresultaat_niet_beoordeeld"
    OPNIEUW_WEGEN = "opnieuw_wegen"
    MELDING_NIET_GEDAAN = "melding_niet_gedaan"


class Termijnberekening(enum.Enum):
    """How a bewaking's deadline follows from the event that starts it."""

    WERKDAGEN = "werkdagen"  # ``werkdagen`` working days after the event's ``datum``
    AFGESPROKEN = "afgesproken"  # the ``termijn`` the event itself carries
    DIRECT = "direct"  # no deadline: the follow-up is due when the event arrives


MELDEN_BINNEN_WERKDAGEN = 1
"""A decision to report is due by the next working day.

The sources say "direct melding doen" (003, afweging 2B) without a number of days; one working
day is this project's reading of *direct* for a school, and a partner may choose another.
"""


@frozen(kw_only=True)
class Bewaking:
    """One follow-up rule: which events start and stop it, its deadline, and its source.

    ``start`` events open the watch (``alleen_als`` names a boolean field of the start event
    that must be true, e.g. ``melden`` of a ``BesluitGenomen``); ``stop`` events close it. A
    ``DIRECT`` bewaking has no timer: it fires when a ``start`` event arrives while the
    bewaking named ``tijdens`` is open.
    """

    soort: Opvolgsoort
    bron: Bron
    citaat: str
    toelichting: str
    start: tuple[str, ...]
    stop: tuple[str, ...] = ()
    termijn: Termijnberekening = Termijnberekening.WERKDAGEN
    werkdagen: int = 0
    alleen_als: str | None = None
    tijdens: Opvolgsoort | None = None


@frozen(kw_only=True)
class Signalering:
    """A follow-up raised for a dossier: what, since when, by which deadline, and why.

    ``sinds`` is the date the monitor noticed it (the injected clock); ``uiterlijk`` the
    deadline that passed, or ``None`` for a direct follow-up.
    """

    dossier: str = field(validator=valideer_pseudoniem)
    soort: Opvolgsoort = field(validator=valideer_enum(Opvolgsoort))
    sinds: dt.date = field(validator=valideer_datum(optional=False))
    uiterlijk: dt.date | None = field(default=None, validator=valideer_datum(optional=True))
    bron: str = field(default="", validator=valideer_tekst)
    citaat: str = field(default="", validator=valideer_tekst)


_GESLOTEN = (DossierGesloten.soort,)

#: the follow-ups the sources ask for, each cited; the monitor in
#: ``meldcode.adapters.durable`` runs these by default
BEWAKINGEN: tuple[Bewaking, ...] = (
    Bewaking(
        soort=Opvolgsoort.TERUGKOPPELING_VEILIG_THUIS_UITGEBLEVEN,
        bron=Bron(FEDRA, "Figuur 2, afweging 3A"),
        citaat="Nee. Melden bij Veilig Thuis. Zij nemen binnen vijf werkdagen een besluit en "
        "koppelen dit terug naar de melder.",
        toelichting="Veilig Thuis heeft vijf werkdagen na de melding nog geen besluit "
        "teruggekoppeld: neem contact op met Veilig Thuis.",
        start=(MeldingGedaan.soort,),
        stop=(TerugkoppelingVeiligThuis.soort, *_GESLOTEN),
        werkdagen=VEILIG_THUIS_BESLUIT_WERKDAGEN.waarde,
    ),
    Bewaking(
        soort=Opvolgsoort.HULPRESULTAAT_NIET_BEOORDEELD,
        bron=Bron(FEDRA, "Figuur 2, afweging 5"),
        citaat="Leidt de hulp binnen de afgesproken termijn tot de afgesproken resultaten t.a.v. "
        "de veiligheid, het welzijn en/of het herstel van de direct betrokkenen?",
        toelichting="De afgesproken termijn van de hulp is verstreken zonder dat afweging 5 "
        "(het resultaat van de hulp) is beantwoord.",
        start=(HulpAfgesproken.soort,),
        stop=(EvaluatieGehouden.soort, *_GESLOTEN),
        termijn=Termijnberekening.AFGESPROKEN,
    ),
    Bewaking(
        soort=Opvolgsoort.OPNIEUW_WEGEN,
        bron=Bron(FEDRA, "1.5.1 Beslissing melding Veilig Thuis"),
        citaat="Wanneer de onveiligheid van het kind niet stopt of zich herhaalt, ondanks "
        "geboden hulp.",
        toelichting="Er is een nieuw signaal terwijl de hulp loopt: weeg opnieuw. Herhaalt de "
        "onveiligheid zich ondanks de hulp, dan is melden bij Veilig Thuis nodig (protocol "
        "2019; onder 2013: 'doe alsnog een melding', " + JSO + ", stap 5a).",
        start=(SignaalVastgelegd.soort,),
        termijn=Termijnberekening.DIRECT,
        tijdens=Opvolgsoort.HULPRESULTAAT_NIET_BEOORDEELD,
    ),
    Bewaking(
        soort=Opvolgsoort.MELDING_NIET_GEDAAN,
        bron=Bron(FEDRA, "Figuur 2, afweging 2B"),
        citaat="Ja of twijfel. Direct melding doen bij Veilig Thuis.",
        toelichting="Er is besloten te melden, maar de melding bij Veilig Thuis is nog niet "
        "vastgelegd.",
        start=(BesluitGenomen.soort,),
        stop=(MeldingGedaan.soort, *_GESLOTEN),
        werkdagen=MELDEN_BINNEN_WERKDAGEN,
        alleen_als="melden",
    ),
)
