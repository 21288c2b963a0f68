"""The right of access (inzage): what a parent or a pupil of 16 or older sees, and what is withheld.

The people a dossier is about may see what is recorded about them (AVG article 15). A copy may
not harm the rights and freedoms of others (AVG article 15, paragraph 4), and the Uitvoeringswet
AVG (article 41) lets a school restrict access where that is needed to protect the person
concerned or the rights and freedoms of others. The sources themselves name whom the meldcode
protects: the school may report without talking to the parents "als de veiligheid van de
leerling, de melder of andere betrokkenen gevaar loopt" (003 §1.5.1).

This module is that policy as data: ``achtergehouden`` says, for one event and one requester,
which fields are left out of the access export and why (an ``Achterhouding``: the kind, a Dutch
explanation and its grounds). Three kinds are withheld by default:

- ``melder`` — who noticed, reported or passed on the concern: the role that recorded a signal
  (``vastgelegd_door``), where third-party information came from (``herkomst``,
  ``signaal.bron``), who reports to Veilig Thuis (``melder``, ``door``). A reporter may stay
  anonymous (004: "Ook als je niet wilt dat je naam genoemd wordt: u kunt anoniem blijven.").
- ``werkaantekening`` — the professional's own, provisional reading of a signal
  (``interpretatie``): a hypothesis, not a recorded fact (001 asks that it be marked as such).
  Whether a school treats it as a personal working note is its privacy officer's decision;
  pass ``achterhouden`` without this kind to show it.
- ``gesprek_met_kind`` — for a parent: what was said in a conversation with the child
  (``uitkomst``, ``bezwaren``, ``situatie``, ``plaats``, ``niet_ondertekend_reden``); that the
  conversation took place, and when, is shown.

A pupil may ask for access himself from the age of 16 (below that the parents act for him, UAVG
article 5); ``controleer_aanvrager`` refuses a younger pupil. When the school reported without
the parents because the safety of the child, the reporter or others was at risk
(``uitzondering``: ``veiligheid``), ``veiligheidsbezwaar`` says so: a parent's copy must then be
weighed first. Pure: no I/O, no clock.
"""

from __future__ import annotations

import enum

from attrs import frozen

from meldcode.domain._validatie import toon
from meldcode.domain.dossier import (
    BesluitGenomen,
    Correctie,
    Dossier,
    Gebeurtenis,
    GesprekGevoerd,
    Gesprekspartner,
    MeldingGedaan,
    SignaalVastgelegd,
    Uitzondering,
)
from meldcode.errors import Fout, OngeldigeInvoer
from meldcode.rules.model import Bron
from meldcode.rules.regels import FEDRA, VCOG

__all__ = [
    "LEERLING_MINIMUMLEEFTIJD",
    "REDENEN",
    "Aanvrager",
    "Achterhouding",
    "Reden",
    "achtergehouden",
    "controleer_aanvrager",
    "veiligheidsbezwaar",
]

LEERLING_MINIMUMLEEFTIJD = 16
"""From this age a pupil exercises the right of access himself (UAVG article 5)."""


class Aanvrager(enum.Enum):
    """Who asks for access: a parent (or guardian), or the pupil himself (16 or older)."""

    OUDER = "ouder"
    LEERLING = "leerling"


class Achterhouding(enum.Enum):
    """A kind of content the access export leaves out."""

    MELDER = "melder"
    WERKAANTEKENING = "werkaantekening"
    GESPREK_MET_KIND = "gesprek_met_kind"


@frozen(kw_only=True)
class Reden:
    """Why a kind of content is withheld: Dutch text for the reader, the legal ground, a source."""

    soort: Achterhouding
    titel: str
    uitleg: str
    grondslag: str
    bron: Bron
    citaat: str


_AVG = (
    "AVG artikel 15, lid 4 (een kopie mag de rechten en vrijheden van anderen niet schaden) en "
    "Uitvoeringswet AVG artikel 41 (beperking ter bescherming van de betrokkene of van de "
    "rechten en vrijheden van anderen)"
)

REDENEN: dict[Achterhouding, Reden] = {
    Achterhouding.MELDER: Reden(
        soort=Achterhouding.MELDER,
        titel="Wie de zorg opmerkte, doorgaf of meldde",
        uitleg=(
            "Wie een signaal opmerkte, van wie informatie van derden afkomstig is en wie de "
            "melding bij Veilig Thuis doet, wordt niet getoond: een melder mag anoniem blijven, "
            "en de veiligheid van de melder en andere betrokkenen gaat voor."
        ),
        grondslag=_AVG,
        bron=Bron(FEDRA, "1.5.1 Beslissing melding Veilig Thuis"),
        citaat=(
            "De school kan afzien van een gesprek met de ouders over de melding als de "
            "veiligheid van de leerling, de melder of andere betrokkenen gevaar loopt"
        ),
    ),
    Achterhouding.WERKAANTEKENING: Reden(
        soort=Achterhouding.WERKAANTEKENING,
        titel="Persoonlijke werkaantekeningen",
        uitleg=(
            "De eigen, voorlopige interpretatie van een professional bij een signaal is een "
            "werkhypothese en geen vastgesteld feit; de school houdt haar als persoonlijke "
            "werkaantekening buiten de inzage. De signalen zelf worden wel getoond."
        ),
        grondslag=_AVG,
        bron=Bron(VCOG, "Aandachtspunten bij Stap 1"),
        citaat=(
            "Wanneer er hypothesen en veronderstellingen worden vastgelegd vermeld dan "
            "uitdrukkelijk dat het gaat om een hypothese en /of veronderstelling."
        ),
    ),
    Achterhouding.GESPREK_MET_KIND: Reden(
        soort=Achterhouding.GESPREK_MET_KIND,
        titel="Wat het kind in een gesprek vertelde",
        uitleg=(
            "Dat er een gesprek met het kind is gevoerd en wanneer, wordt getoond; wat het kind "
            "vertelde niet: het gesprek moet in het belang van het kind zijn en het kind moet "
            "zich veilig genoeg voelen om het te voeren."
        ),
        grondslag=_AVG,
        bron=Bron(FEDRA, "1.3 Stap 3. Gesprek met ouders, leerling"),
        citaat=(
            "Dan is het van belang dat het kind zich veilig genoeg voelt om het gesprek te "
            "voeren en bovendien moet het voeren van het gesprek in het belang zijn van het kind "
            "zelf."
        ),
    ),
}
"""Each withheld kind with its Dutch explanation, legal ground and the source passage behind it."""

_GESPREK_INHOUD = ("plaats", "situatie", "uitkomst", "niet_ondertekend_reden", "bezwaren")


def _velden(g: Gebeurtenis, aanvrager: Aanvrager) -> list[tuple[str, Achterhouding]]:
    uit: list[tuple[str, Achterhouding]] = []
    if isinstance(g, SignaalVastgelegd):
        if g.vastgelegd_door is not None:
            uit.append(("vastgelegd_door", Achterhouding.MELDER))
        if g.herkomst is not None:
            uit.append(("herkomst", Achterhouding.MELDER))
        if g.signaal.bron is not None:
            uit.append(("signaal.bron", Achterhouding.MELDER))
        if g.interpretatie:
            uit.append(("interpretatie", Achterhouding.WERKAANTEKENING))
    elif isinstance(g, BesluitGenomen):
        if g.melder is not None:
            uit.append(("melder", Achterhouding.MELDER))
    elif isinstance(g, MeldingGedaan):
        if g.door is not None:
            uit.append(("door", Achterhouding.MELDER))
    elif (
        isinstance(g, GesprekGevoerd)
        and g.met is Gesprekspartner.KIND
        and aanvrager is Aanvrager.OUDER
    ):
        uit.extend(
            (veld, Achterhouding.GESPREK_MET_KIND) for veld in _GESPREK_INHOUD if getattr(g, veld)
        )
    elif isinstance(g, Correctie):
        uit.extend((f"vervanging.{v}", s) for v, s in _velden(g.vervanging, aanvrager))
    return uit


def achtergehouden(
    gebeurtenis: Gebeurtenis,
    aanvrager: Aanvrager,
    *,
    achterhouden: frozenset[Achterhouding] = frozenset(Achterhouding),
) -> tuple[tuple[str, Achterhouding], ...]:
    """The fields of ``gebeurtenis`` the access export leaves out for ``aanvrager``, and why.

    Each item is a dotted field path (as in the event's JSON form: ``signaal.bron``,
    ``vervanging.uitkomst``) and its kind. Only fields that hold a value are listed. A kind not
    in ``achterhouden`` is shown.
    """
    return tuple(
        (veld, soort) for veld, soort in _velden(gebeurtenis, aanvrager) if soort in achterhouden
    )


def controleer_aanvrager(aanvrager: object, leeftijd: object) -> None:
    """Refuse a pupil's own request below 16 (or without a stated age): parents act for him."""
    if not isinstance(aanvrager, Aanvrager):
        raise OngeldigeInvoer(
            [
                Fout(
                    "aanvrager",
                    f"<{type(aanvrager).__name__}>",
                    "aanvrager must be one of 'ouder', 'leerling'",
                )
            ]
        )
    if aanvrager is Aanvrager.LEERLING and (
        isinstance(leeftijd, bool)
        or not isinstance(leeftijd, int)
        or leeftijd < LEERLING_MINIMUMLEEFTIJD
    ):
        shown = toon(leeftijd)
        raise OngeldigeInvoer(
            [
                Fout(
                    "leeftijd",
                    shown,
                    f"a pupil asks for access himself from age {LEERLING_MINIMUMLEEFTIJD} "
                    f"(below that the parents do, UAVG article 5); leeftijd must be "
                    f"{LEERLING_MINIMUMLEEFTIJD} or more (got {shown})",
                )
            ]
        )


def veiligheidsbezwaar(dossier: Dossier) -> bool:
    """``True`` when the dossier records acting without the parents because of safety.

    003 §1.5.1: the school may skip the conversation with the parents "als de veiligheid van de
    leerling, de melder of andere betrokkenen gevaar loopt". A copy for a parent can then put
    the same people at risk; the school weighs that before it hands one out.
    """
    return any(
        isinstance(g, BesluitGenomen | MeldingGedaan) and g.uitzondering is Uitzondering.VEILIGHEID
        for _, g in dossier.geldend()
    )
