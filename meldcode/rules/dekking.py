"""The coverage of the sources: every instruction, with the rules or checks that encode it.

The cited passages live here, with the rules: ``AANVULLEND`` (further passages a rule also
encodes besides the one it quotes), ``DOSSIERCONTROLES`` (further passages a record-keeping
check of ``meldcode.rules.registratie`` encodes) and ``WEGGELATEN`` (instructions deliberately
left out, each with its reason). ``passages`` joins them with the passages the rules and the
checks quote themselves: an instruction the dossier checks (``meldcode controleer``) counts as
encoded, by the id of its check. ``meldcode.adapters.dekking`` renders the table
(``docs/coverage.md``) with the rules of the shipped profiles added.

``vouw`` is how a quote is compared with its source: whitespace, markdown emphasis (``*``) and
the markers of bulleted lists (``-`` or ``•`` at the start of a line) are folded away.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from attrs import frozen

from meldcode.rules.model import Regel
from meldcode.rules.regels import CJG, FEDRA, HANDELINGSWIJZER, JSO, VCOG
from meldcode.rules.registratie import REGISTRATIES, Registratie

__all__ = [
    "AANVULLEND",
    "BRONNAMEN",
    "DOSSIERCONTROLES",
    "WEGGELATEN",
    "Passage",
    "passages",
    "vouw",
]

BRONNAMEN = {
    JSO: "JSO, Meldcode basisonderwijs (2012) — protocol 2013",
    VCOG: "VCOG, Protocol kindermishandeling en huiselijk geweld (2012) — protocol 2013",
    HANDELINGSWIJZER: "Midden-Groningen, Handelingswijzer (2019) — protocol 2019",
    FEDRA: "Stichting Fedra, Meldcode (versie 2019) — protocol 2019",
    CJG: "Centrum voor Jeugd en Gezin, stappen 1-5 voor professionals — transition",
}
"""Each source file with its short name, era and protocol."""

_LIJSTTEKEN = re.compile(r"(?m)^[ \t]*[-•][ \t]+")


def vouw(tekst: str) -> str:
    """``tekst`` as quotes are compared with their source: list markers, ``*`` and spacing folded.

    >>> vouw("bieden: - *meld uw vermoeden*;")
    'bieden: - meld uw vermoeden;'
    """
    return re.sub(r"\s+", " ", _LIJSTTEKEN.sub("", tekst).replace("*", "")).strip()


@frozen(kw_only=True)
class Passage:
    """One instruction of a source: where it is, its words, and the rules or the reason.

    ``regels`` holds the ids of the rules and of the dossier checks that encode it.
    """

    bestand: str
    sectie: str
    citaat: str
    regels: tuple[str, ...] = ()
    reden: str = ""


def _p(bestand: str, sectie: str, citaat: str, *regels: str, reden: str = "") -> Passage:
    return Passage(bestand=bestand, sectie=sectie, citaat=citaat, regels=regels, reden=reden)


GESPREK = "guidance on how to hold the conversation; not a decision"
ORGANISATIE = "an organisational precondition of the school, not a decision about a case"
VEILIG_THUIS_DOET = "describes what Veilig Thuis does, not what the school must do"

#: passages a rule encodes besides the one it quotes
AANVULLEND: tuple[Passage, ...] = (
    _p(
        HANDELINGSWIJZER,
        "Wanneer leg je met welke partij contact?, Moet er onmiddellijk ingegrepen worden?",
        "Doe dit dus alleen in geval van leven of dood of risico op ernstig letsel",
        "2019.contact.112-levensgevaar",
    ),
    _p(
        CJG,
        "Stap 2: Collegiale consultatie",
        "Het kan zelfs nu al nodig zijn om op te schalen en, al dan niet anoniem, contact te "
        "zoeken met Veilig Thuis ( 0800 2000).",
        "2019.stap-2.twijfel-advies-veilig-thuis",
    ),
    _p(
        CJG,
        "Stap 4: Zorg en veiligheid bepalen",
        "Ook kan het zijn dat je je zorgen maakt over de veiligheid van het kind/gezin. Neem dan "
        "direct contact op met Veilig Thuis (0800 2000)",
        "2019.noodsituatie.direct-contact-veilig-thuis",
        "2019.contact.veilig-thuis-direct-ingrijpen",
    ),
    _p(
        FEDRA,
        "1.5 Stap 5. Twee beslissingen",
        "wordt het proces geëvalueerd",
        "fedra.stap-5.interne-evaluatie",
    ),
    _p(
        VCOG,
        "Verantwoordelijkheden van de VCOG",
        "de intern begeleider van de school aangesteld wordt als aandachtsfunctionaris huiselijk "
        "geweld en kindermishandeling",
        "vcog.stap-1.directeur-inlichten",
        "vcog.stap-5b.bespreek-wie-meldt",
    ),
)

AANVULLEND += (
    _p(
        JSO,
        "Stap 4: Weeg de aard en de ernst van het huiselijk geweld of de kindermishandeling",
        "Neem contact op met het AMK of de jeugdgezondheidszorg bij het maken van deze weging.",
        "2013.stap-4.oordeel-amk",
    ),
    _p(
        JSO,
        "Stap 5b: Melden en bespreken met de ouder",
        "meld uw vermoeden bij het Advies- en Meldpunt Kindermishandeling;",
        "2013.rollen.aandachtsfunctionaris-meldt",
    ),
    _p(
        JSO,
        "Stap 5b: Melden en bespreken met de ouder",
        "Van contacten met de leerling en/of ouder over de melding kunt u afzien:",
        "2013.stap-5b.melding-bespreken-met-leerling",
        "2013.stap-5b.melding-bespreken-met-ouder",
        "profiel.schakelaar.melding-bespreken-met-leerling-verplicht",
    ),
    _p(
        JSO,
        "Stap 5b: Melden en bespreken met de ouder",
        "als de veiligheid van de leerling, die van u zelf, of die van een ander in het geding "
        "is; of",
        "2013.stap-3.oudergesprek-overslaan.veiligheid",
    ),
    _p(
        JSO,
        "Stap 5b: Melden en bespreken met de ouder",
        "als u goede redenen hebt om te veronderstellen dat de leerling en/of de ouder daardoor "
        "het contact met u zal verbreken.",
        "2013.stap-3.oudergesprek-overslaan.contact-verbreken",
    ),
    _p(
        JSO,
        "Route bij signalen van huiselijk geweld en kindermishandeling, Stap 2: Collegiale "
        "consultatie en raadplegen Advies- en Meldpunt Kindermishandeling",
        "Uitkomsten consultaties bespreken met ouders",
        "2013.stap-3.ouder-informeren-na-overleg",
    ),
    _p(
        JSO,
        "Route bij signalen van huiselijk geweld en kindermishandeling, Stap 5a: Hulp "
        "organiseren en effecten volgen",
        "Monitor of ouder en leerling hulp krijgen",
        "2013.stap-5a.aankomst-bij-hulp-nagaan",
    ),
    _p(
        JSO,
        "Stap 1: In kaart brengen van signalen",
        "Alle gegevens die te maken hebben met het signaleren en handelen legt u schriftelijk "
        "vast.",
        "2013.stap-1.vastleggen",
    ),
    _p(
        VCOG,
        "Stappenplan bij signalen van kindermishandeling en/of huiselijk geweld, Stap 5a: Hulp "
        "organiseren en effecten volgen",
        "Monitor of ouder en leerling hulp krijgen",
        "2013.stap-5a.aankomst-bij-hulp-nagaan",
    ),
    _p(
        VCOG,
        "Aandachtspunten bij stap 5, Stap 5b: Melden en bespreken met de ouder",
        "Overleg met het AMK welke stappen de school, binnen de grenzen van de gebruikelijke "
        "werkzaamheden en verantwoordelijkheden zelf nog kan nemen om de leerling en het gezin "
        "tegen het risico van mishandeling en/of huiselijk geweld te beschermen",
        "2013.stap-5b.bescherming-overleggen",
    ),
    _p(
        VCOG,
        "Aandachtspunten bij stap 5, Stap 5a: hulp organiseren en effecten volgen",
        "Bovenstaande is van belang in verband met de eventuele afweging om alsnog een melding "
        "te doen.",
        "vcog.stap-5a.sociaal-verpleegkundige-houdt-school-op-de-hoogte",
    ),
    _p(
        VCOG,
        "Stap 2: Collegiale consultatie en raadplegen",
        "Inlichten directeur over de voortgang",
        "vcog.stap-1.directeur-inlichten",
    ),
    _p(
        VCOG,
        "Stap 5b: Melden en bespreken met de ouder",
        "Meld het vermoeden bij het Advies- en Meldpunt Kindermishandeling (AMK)",
        "2013.stap-5b.melden",
    ),
    _p(
        VCOG,
        "Aandachtspunten bij Stap 2",
        "Bij enige twijfel over de oorzaak, situatie, duiding van signalen en veiligheid van het "
        "kind verdient het altijd aanbeving advies te vragen bij het AMK.",
        "2013.stap-2.twijfel-advies-amk",
    ),
    _p(
        VCOG,
        "Aandachtspunten bij Stap 2",
        "Mocht dat wel het geval zijn dan kan een kind anoniem besproken worden ook bij het AMK.",
        "2013.stap-2.zonder-toestemming-anoniem",
    ),
    _p(
        HANDELINGSWIJZER,
        "Stap 4: Weeg aard en risico van de onveiligheid en raadpleeg bij twijfel Veilig Thuis",
        "Consulteer (anoniem) Veilig Thuis, Sociaal Team of GGD-JGZ om te overleggen.",
        "2019.stap-2.twijfel-advies-veilig-thuis",
    ),
    _p(
        HANDELINGSWIJZER,
        "Stap 5: Beslis over zelf hulp organiseren of melden",
        "Zet in op lichte ondersteuning of hulp als dat nodig is. Een vervolgstap kan dan "
        "bijvoorbeeld het Sociaal Team of de GGD-JGZ zijn.",
        "2019.contact.lichte-ondersteuning",
        "2019.contact.ouders-willen-hulp.sociaal-team",
    ),
    _p(
        HANDELINGSWIJZER,
        "Wanneer leg je met welke partij contact?",
        "Leg contact met die partij die in de situatie het beste de regie kan overpakken of deze "
        "al heeft.",
        "2019.contact.jeugdbeschermer",
        "2019.contact.sociaal-team.casemanager",
        "2019.contact.ongeboren-of-pasgeboren.ggd-jgz",
    ),
    _p(
        FEDRA,
        "1.5 Stap 5. Twee beslissingen",
        "wordt afgesproken wie de vervolgstappen coördineert en volgt",
        "2019.rollen.aandachtsfunctionaris-coordineert",
        "2019.rollen.zorgcoordinator-volgt-hulp",
    ),
    _p(
        FEDRA,
        "1.4 Stap 4. Wegen van geweld/kindermishandeling",
        "Melding bij Veilig Thuis in acute en structurele situaties",
        "2019.afweging-2.onveiligheid",
        "2019.stap-5.altijd-melden.onveiligheid",
    ),
    _p(
        FEDRA,
        "Noodsituaties",
        "In noodsituaties kan daarnaast ook contact gezocht worden met de crisisdienst van De "
        "Jeugd- en Gezinsbeschermers of kan de politie gevraagd worden om hulp te bieden.",
        "2019.contact.112-levensgevaar",
    ),
    _p(
        CJG,
        "Stap 5: Zorg voor jeugd gebruiken",
        "Het signaleringssysteem Zorg voor Jeugd is bedoeld om problemen bij kinderen en "
        "jongeren in de leeftijd van 0 – 23 jaar in een vroegtijdig stadium te signaleren en "
        "vervolgens de coördinatie van zorg te organiseren.",
        "2019.stap-5.zorg-voor-jeugd",
    ),
)

AANVULLEND += (
    _p(
        JSO,
        "Stap 2: Collegiale consultatie en zo nodig raadplegen van het Advies- en Meldpunt "
        "Kindermishandeling",
        "Om de leerling 'open' (niet anoniem) te bespreken in het zorgadviesteam en met andere "
        "externe deskundigen is schriftelijke toestemming van de ouder vereist.",
        "2013.stap-2.zonder-toestemming-anoniem",
    ),
    _p(
        JSO,
        "II Verantwoordelijkheden van de Scholengroep Perspectief",
        "een aandachtsfunctionaris huiselijk geweld en kindermishandeling (mogelijk de intern "
        "begeleider) aanstellen;",
        "2013.rollen.aandachtsfunctionaris-coordineert",
    ),
    _p(
        HANDELINGSWIJZER,
        "Stap 5: Beslis over zelf hulp organiseren of melden",
        "Zorg er voor dat in situaties waar meerdere partijen betrokken zijn een persoon vinger "
        "aan de pols houdt of regie voert.",
        "2019.afweging-4d.rollen-en-casemanager",
    ),
    _p(
        HANDELINGSWIJZER,
        "Wanneer leg je met welke partij contact?, Moet er onmiddellijk ingegrepen worden?",
        "Het is vaak niet in het belang van kinderen om overhaast actie te ondernemen.",
        "2019.contact.112-levensgevaar",
    ),
    _p(
        FEDRA,
        "1.3 Stap 3. Gesprek met ouders, leerling",
        "Wanneer de ouders niet te motiveren zijn en de zorgen blijven ontkennen, is het raadzaam "
        "verder advies te vragen en een melding te overwegen.",
        "2019.contact.complexe-casus.overleg-melding",
    ),
    _p(
        FEDRA,
        "1.5.1 Beslissing melding Veilig Thuis",
        "De melding wordt aan de ouders meegedeeld. Het is verstandig dit te doen in overleg met "
        "Veilig Thuis.",
        "2019.rollen.melding-bespreken-met-ouders",
    ),
    _p(
        FEDRA,
        "Figuur 1. Stappenplan verbeterde meldcode",
        "Zijn de zorgen weggenomen, dan wordt de meldcode afgesloten.",
        "2019.afweging-1.geen-actie",
    ),
    _p(
        FEDRA,
        "Figuur 1. Stappenplan verbeterde meldcode",
        "Bij (een vermoeden van) huiselijk geweld of kindermishandeling wordt bij stap 5 een "
        "beslissing genomen over melden en hulpverlening.",
        "2019.stap-5.altijd-melden.onveiligheid",
        "2019.stap-5.altijd-melden.ernstig-letsel",
        "2019.stap-5.altijd-melden.onveiligheid-herhaalt-zich",
    ),
    _p(
        FEDRA,
        "Inleiding en verantwoording",
        "Bij stap 5 vervalt de keuze tussen hulpverlening óf melden.",
        "2019.afweging-4.hulp-aanvaard",
        "2019.afweging-5.resultaat-bereikt",
    ),
    _p(
        FEDRA,
        "1.5 Stap 5. Twee beslissingen",
        "Naar aanleiding van de weging wordt bekeken of hulp aangeboden en georganiseerd kan "
        "worden voor de ouders en leerling.",
        "2019.afweging-4.hulp-aanvaard",
    ),
    _p(
        FEDRA,
        "1.5.1 Beslissing melding Veilig Thuis",
        "In alle andere gevallen waarin de school meent dat zij onvoldoende effectieve hulp kan "
        "bieden.",
        "2019.afweging-3.geen-effectieve-hulp",
        "2019.stap-5.twijfel-over-hulp",
    ),
    _p(
        FEDRA,
        "1.5.1 Beslissing melding Veilig Thuis",
        "Van de leerkracht wordt verwacht dat hij, binnen zijn mogelijkheden, het kind blijft "
        "ondersteunen en beschermen.",
        "2019.melding.hulp-monitoren",
    ),
    _p(
        FEDRA,
        "1.5.2 Hulp school",
        "Wanneer de school, op basis van de afweging in stap 4, een melding doet bij Veilig "
        "Thuis, wordt de tweede beslissingsvraag over hulp in overleg met Veilig Thuis "
        "beantwoord.",
        "2019.afweging-4.hulp-aanvaard",
        "2019.afweging-5.resultaat-bereikt",
    ),
    _p(
        FEDRA,
        "1.5.2 Hulp school",
        "De zorgcoördinator bespreekt met de ouders de uitkomst van de bespreking met het "
        "ondersteuningsteam.",
        "2019.stap-4.uitkomst-overleg-delen",
    ),
    _p(
        FEDRA,
        "1.1 Stap 1. Signaleren, observeren en in kaart brengen",
        "De signalen worden in kaart gebracht en vastgelegd.",
        "2019.stap-4.zorgen-en-contacten-registreren",
    ),
    _p(
        HANDELINGSWIJZER,
        "Stap 1: In kaart brengen van signalen",
        "Leg vast wat je ziet, doet, hoe kind en ouders daarop reageren en welke afspraken zijn "
        "gemaakt (dossieropbouw).",
        "2019.stap-4.zorgen-en-contacten-registreren",
    ),
    _p(
        HANDELINGSWIJZER,
        "Stap 5: Beslis over zelf hulp organiseren of melden",
        "Monitor of ouders of instanties doen wat je afspreekt. Onderneem actie als dat niet zo "
        "is.",
        "2019.hulp.aankomst-bij-hulp-nagaan",
        "2019.melding.hulp-monitoren",
    ),
    _p(
        FEDRA,
        "Noodsituaties",
        "Voor noodsituaties is Veilig Thuis 24 uur per dag beschikbaar.",
        "2019.noodsituatie.direct-contact-veilig-thuis",
    ),
)

#: passages found in a second audit of the sources that a rule also encodes
AANVULLEND += (
    _p(
        FEDRA,
        "1.5.1 Beslissing melding Veilig Thuis",
        "Wanneer de school op basis van de afweging in stap 4 van mening is dat er sprake is van "
        "acute of structurele onveiligheid óf dat de leerling onvoldoende beschermd is tegen de "
        "risico's op huiselijk geweld of kindermishandeling, dan is melden bij Veilig Thuis "
        "noodzakelijk.",
        "2019.afweging-2.onveiligheid",
        "2019.afweging-3.geen-effectieve-hulp",
        "2019.stap-5.altijd-melden.onveiligheid",
    ),
    _p(
        FEDRA,
        "1.5 Stap 5. Twee beslissingen",
        "wordt er een gesprek gevoerd met de ouders, waarin het besluit wordt gecommuniceerd en "
        "verdere acties worden afgesproken",
        "2019.rollen.melding-bespreken-met-ouders",
        "2019.stap-4.uitkomst-overleg-delen",
    ),
    _p(
        FEDRA,
        "1.5.1 Beslissing melding Veilig Thuis",
        "De melding wordt geregistreerd.",
        "2019.stap-4.zorgen-en-contacten-registreren",
    ),
    _p(
        FEDRA,
        "1.5.2 Hulp school",
        "Het is belangrijk dat de school alles goed registreert.",
        "2019.stap-4.zorgen-en-contacten-registreren",
    ),
    _p(
        FEDRA,
        "Noodsituaties",
        "Ook in bovenstaande gevallen is een goede registratie belangrijk.",
        "2019.stap-4.zorgen-en-contacten-registreren",
    ),
    _p(
        FEDRA,
        "1.5.2 Hulp school",
        "Tenslotte wordt er nazorg geboden en wordt de aanpak geëvalueerd en geregistreerd.",
        "2019.afweging-5.resultaat-bereikt",
    ),
    _p(
        FEDRA,
        "1.5.2 Hulp school",
        "Als er onvoldoende effecten zichtbaar zijn, moet opnieuw worden afgewogen of een melding "
        "noodzakelijk is.",
        "2019.afweging-5.geen-resultaat",
    ),
    _p(
        FEDRA,
        "1.3 Stap 3. Gesprek met ouders, leerling",
        "Juist in deze gevallen is het belangrijk dat de afwegingen die gemaakt zijn, goed zijn "
        "beschreven.",
        "2019.stap-3.bespreken-zonder-toestemming",
        "2019.stap-5.oudergesprek-overwegingen-vastleggen",
    ),
    _p(
        HANDELINGSWIJZER,
        "Stap 1: In kaart brengen van signalen",
        "Geloof het kind als hij of zij signalen afgeeft. Er is een reden voor het kind om het te "
        "vertellen.",
        "profiel.schakelaar.openbaring-kind-veilig-thuis-raadplegen",
    ),
    _p(
        JSO,
        "Stap 1: In kaart brengen van signalen",
        "Breng de signalen die een vermoeden van huiselijk geweld of kindermishandeling "
        "bevestigen of ontkrachten in kaart en leg deze vast.",
        "2013.stap-1.vastleggen",
    ),
    _p(
        JSO,
        "Stap 2: Collegiale consultatie en zo nodig raadplegen van het Advies- en Meldpunt "
        "Kindermishandeling",
        "Bespreek de signalen met een deskundige collega.",
        "2013.rollen.leerkracht-overlegt-met-ib",
    ),
    _p(
        JSO,
        "Stap 2: Collegiale consultatie en zo nodig raadplegen van het Advies- en Meldpunt "
        "Kindermishandeling",
        "Zorgvuldig handelen vereist dat u nagaat of u advies moet vragen bij het AMK.",
        "2013.stap-2.twijfel-advies-amk",
    ),
    _p(
        JSO,
        "Stap 5a: Hulp organiseren en effecten volgen",
        "De verantwoordelijke medewerker binnen de school bespreekt met de ouder de uitkomst van "
        "de bespreking in het zorgadviesteam.",
        "2013.stap-3.ouder-informeren-na-overleg",
        "2013.stap-5a.zorgen-bespreken-met-ouder",
    ),
    _p(
        VCOG,
        "Aandachtspunten bij stap 5, stap 5a: Hulp organiseren en effecten volgen",
        "Bespreek zorgen nogmaals met de ouder(s)/verzorgers IB-er en leerkracht",
        "2013.stap-5a.zorgen-bespreken-met-ouder",
    ),
    _p(
        VCOG,
        "Aandachtspunten bij stap 5, Stap 5b: Melden en bespreken met de ouder",
        "Op schrift stellen van de bespreking en de melding",
        "2013.stap-1.vastleggen",
    ),
)

#: passages a record-keeping check of the dossier encodes besides the one it quotes
DOSSIERCONTROLES: tuple[Passage, ...] = (
    _p(
        JSO,
        "Stap 1: In kaart brengen van signalen",
        "Gespreksverslagen kunt u door betrokkenen laten ondertekenen.",
        "registratie.gesprek.ondertekend",
    ),
    _p(
        FEDRA,
        "Figuur 2, afweging 4D",
        "Termijn afspreken waarbinnen effect merkbaar of meetbaar moet zijn.",
        "registratie.hulp.afspraken",
    ),
    _p(
        FEDRA,
        "1.5.1 Beslissing melding Veilig Thuis",
        "Als de ouders bezwaren hebben tegen de melding, worden de bezwaren vastgelegd en het "
        "verslag wordt voor gezien getekend.",
        "registratie.gesprek.ondertekend",
    ),
    _p(
        VCOG,
        "Aandachtspunten bij Stap 1: In kaart brengen van de signalen",
        "Alle signalen en handelingen (consultaties) worden schriftelijk vastgelegd, zo feitelijk "
        "mogelijk.",
        "2013.stap-1.vastleggen",
        "registratie.consultatie.onderwerp",
    ),
)

#: instructions deliberately left out, each with its reason
WEGGELATEN: tuple[Passage, ...] = (
    _p(
        JSO,
        "Stap 1: In kaart brengen van signalen",
        "Maak bij het signaleren van huiselijk geweld of kindermishandeling gebruik van het "
        "vroegsignaleringsinstrument van uw school",
        reden="how to observe; the case records the signals that result",
    ),
    _p(
        JSO,
        "Stap 3: Gesprek met de ouder",
        "Leg de ouder het doel uit van het gesprek.",
        reden=GESPREK,
    ),
    _p(
        JSO,
        "Stap 4: Weeg de aard en de ernst van het huiselijk geweld of de kindermishandeling",
        "Binnen het basisonderwijs wordt geen gebruik gemaakt van een risicotaxatie-instrument.",
        reden="the source itself says primary schools use no risk assessment instrument",
    ),
    _p(
        JSO,
        "Stap 5a: Hulp organiseren en effecten volgen",
        "Als de school gebruik heeft gemaakt van het zorgadviesteam, kan het zorgadviesteam "
        "verdere actie coördineren.",
        reden="optional, and only when the school used the ZAT; a profile can add it as a rule",
    ),
    _p(
        JSO,
        "Stap 5b: Melden en bespreken met de ouder",
        "In geval van bezwaren van de leerling en/of ouder, overleg op welke wijze u tegemoet "
        "kunt komen aan deze bezwaren en leg dit in het document vast.",
        reden="weighing objections is the professional's judgement; the record is the dossier's",
    ),
    _p(
        JSO,
        "Stap 5b: Melden en bespreken met de ouder",
        "Indien na enige periode onvoldoende verbetering zichtbaar is, is het van belang opnieuw "
        "contact op te nemen met het AMK en eventueel opnieuw een melding te doen.",
        reden="no term to date ('enige periode'); a renewed report follows from "
        "onveiligheid_herhaalt_zich (2013.stap-5a.alsnog-melden)",
    ),
    _p(
        JSO,
        "Noodsituaties",
        "Komt men daar, op basis van de signalen, tot het oordeel dat onmiddellijke actie is "
        "geboden, dan kunt u zo nodig in hetzelfde gesprek een melding doen",
        reden="the AMK's judgement during the call, not an input the school has beforehand",
    ),
    _p(
        JSO,
        "II Verantwoordelijkheden van de Scholengroep Perspectief",
        "de meldcode opnemen in het zorgbeleid en/of veiligheidsbeleid van de organisatie;",
        reden=ORGANISATIE,
    ),
    _p(
        JSO,
        "III Sociale kaart van school.",
        "Deze sociale kaart invullen met de organisatiespecifieke samenwerkingspartners.",
        reden="a template; the sociale kaarten filled in by VCOG and Fedra ship as profiles",
    ),
    _p(
        VCOG,
        "Stap 2: Collegiale consultatie en raadplegen",
        "Intern/extern ZAT (facultatief)",
        reden="an optional consultation: never reported as missing",
    ),
    _p(
        VCOG,
        "Stap 2: Collegiale consultatie en raadplegen",
        "Leerplichtambtenaar (facultatief)",
        reden="an optional consultation: never reported as missing",
    ),
    _p(
        VCOG,
        "Stap 4: Weeg de aard en de ernst van het huiselijk geweld of de kindermishandeling",
        "Betrokken bij de weging zijn: leerkracht, ib-er, directeur en eventueel de sociaal "
        "verpleegkundige",
        reden="who takes part in the weighing; the weighing itself is the case's input",
    ),
    _p(
        HANDELINGSWIJZER,
        "ZORG VOOR JEUGD GRONINGEN",
        "Er is afgesproken dat kinderen en jongeren tot 23 jaar, die een risico lopen of die hulp "
        "krijgen van een hulpverleningsinstelling, vermeld worden in het signaleringssysteem "
        "Zorg voor Jeugd Groningen.",
        reden="a regional agreement (Groningen); the advice to register is "
        "2019.stap-5.zorg-voor-jeugd",
    ),
    _p(
        HANDELINGSWIJZER,
        "Stap 3: Ga in gesprek met betrokkenen",
        "Voer met het kind en met ouders een respectvol, eerlijk en open gesprek waarin je je "
        "zorgen deelt.",
        reden=GESPREK,
    ),
    _p(
        HANDELINGSWIJZER,
        "Stap 5: Beslis over zelf hulp organiseren of melden",
        "Attendeer ouders en kind er op dat zij zelf ook contact kunnen zoeken met Veilig Thuis, "
        "het Sociaal Team of GGD-JGZ.",
        reden=GESPREK,
    ),
    _p(
        HANDELINGSWIJZER,
        "Wanneer leg je met welke partij contact?",
        'Formeel kan er niet naar de Huisarts "opgeschaald" worden als een kind thuis niet '
        "veilig is.",
        reden="concerns general practitioners, not schools",
    ),
    _p(
        HANDELINGSWIJZER,
        "WAT DOET VEILIG THUIS?",
        "Draagt waar mogelijk de casus over aan GGD-JGZ of Sociaal Team.",
        reden=VEILIG_THUIS_DOET,
    ),
    _p(
        HANDELINGSWIJZER,
        "LEERPLICHT",
        "Scholen verplicht melden verzuim van kinderen (kunnen ouders, hulpverleners ook)",
        reden="reporting absence falls under the Leerplichtwet, outside the meldcode",
    ),
    _p(
        FEDRA,
        "Noodsituaties",
        "In zeer ernstig dreigende situaties kan de melding vanuit Veilig Thuis direct worden "
        "overdragen naar de Raad voor de Kinderbescherming.",
        reden=VEILIG_THUIS_DOET,
    ),
    _p(
        FEDRA,
        "1.4 Stap 4. Wegen van geweld/kindermishandeling",
        "Veilig Thuis kan helpen een risicotaxatie uit te voeren",
        reden=VEILIG_THUIS_DOET,
    ),
    _p(
        VCOG,
        "Aandachtspunten bij Stap 1",
        "Deze werknemer meldt zijn/haar vermoedens bij de leerkracht van de desbetreffende "
        "leerling.",
        reden="an internal hand-over between staff; the case starts with the leerkracht's signals",
    ),
    _p(
        HANDELINGSWIJZER,
        "Stap 2: Overleg met collegae en raadpleeg eventueel Veilig Thuis",
        "Veilig Thuis is altijd bereikbaar, Sociaal Teams binnen kantooruren.",
        reden="opening hours; a fact for planning, not a decision",
    ),
    _p(
        HANDELINGSWIJZER,
        "Voer regie en werk samen voor het kind",
        "Koppel altijd aan de signaleerder terug dat de melding is opgepakt.",
        reden="addressed to the party that received the report, not to the school",
    ),
    _p(
        FEDRA,
        "1.3 Stap 3. Gesprek met ouders, leerling",
        "Beloof nooit geheimhouding, maar geef wel aan dat de signalen serieus afgewogen zullen "
        "worden.",
        reden=GESPREK,
    ),
    _p(
        FEDRA,
        "1.5.3 Interne evaluatie",
        "Het is belangrijk dat de toepassing van de meldcode door de leden van het pedagogisch "
        "team systematisch geëvalueerd wordt.",
        reden="evaluation of the school's practice as a whole, not a decision about a case: "
        "`meldcode evaluatie` (meldcode.rules.evaluatiecijfers) gives its figures per period; "
        "the per-case part is fedra.stap-5.interne-evaluatie",
    ),
    _p(
        CJG,
        "Stap 2: Collegiale consultatie",
        "Een andere mogelijkheid is het Steunpunt Huiselijk Geweld (0909-63 53 786).",
        reden="a regional number; the Steunpunt merged into Veilig Thuis in 2015",
    ),
    _p(
        CJG,
        "Stap 4: Zorg en veiligheid bepalen",
        "Neem contact op met de coördinator van het CJG om de juiste zorg op te starten.",
        reden="a regional CJG role that the contract's parties do not name",
    ),
)


WEGGELATEN += (
    _p(
        JSO,
        "Stap 1: In kaart brengen van signalen",
        "In deze fase observeert u de leerling in de klas en eventueel daarbuiten (bijvoorbeeld "
        "tijdens een huisbezoek)",
        reden="how to observe; the case records the signals that result",
    ),
    _p(
        JSO,
        "Stap 2: Collegiale consultatie en zo nodig raadplegen van het Advies- en Meldpunt "
        "Kindermishandeling",
        "Voor het bespreken in het zorgadviesteam wordt een intakegesprek met ouder en/of "
        "leerkracht door het maatschappelijk werk of een ander lid van het zorgadviesteam "
        "gevoerd.",
        reden="the zorgadviesteam's own procedure, not the school's decision",
    ),
    _p(
        JSO,
        "Stap 3: Gesprek met de ouder",
        "Hebt u ondersteuning nodig bij het voorbereiden of het voeren van het gesprek met de "
        "ouder, raadpleeg dan een deskundige collega en/of het Advies- en Meldpunt "
        "Kindermishandeling of het Steunpunt Huiselijk Geweld.",
        reden=GESPREK,
    ),
    _p(
        JSO,
        "Stap 3: Gesprek met de ouder",
        "Indien een handelingsplan wordt ingezet voor de leerling, bespreek dit met de ouder.",
        reden="the school's own care plan (handelingsplan), outside the meldcode's decisions",
    ),
    _p(
        JSO,
        "Stap 5a: Hulp organiseren en effecten volgen",
        "Maak in de klas afspraken over begeleidings- en zorgbehoeften van de leerling.",
        reden="classroom support; not a decision of the meldcode",
    ),
    _p(
        JSO,
        "II Verantwoordelijkheden van de Scholengroep Perspectief",
        "het vaststellen of er al dan niet sprake is van kindermishandeling of huiselijk geweld;",
        reden="a statement of scope: the school reports a suspicion, it does not establish abuse",
    ),
    _p(
        HANDELINGSWIJZER,
        "Stap 3: Ga in gesprek met betrokkenen",
        "Bespreek kort na signaleren de zorgen met beide ouders of verzorgers.",
        reden=GESPREK,
    ),
    _p(
        HANDELINGSWIJZER,
        "OMGAAN MET HET KIND",
        "Ga eerst in gesprek met het kind zonder ouders.",
        reden=GESPREK,
    ),
    _p(
        HANDELINGSWIJZER,
        "Wanneer leg je met welke partij contact?, Moet er onmiddellijk ingegrepen worden?",
        "De politie kan een huisverbod in werking laten treden voor de 'pleger'.",
        reden="describes what the police can do, not what the school must do",
    ),
    _p(
        HANDELINGSWIJZER,
        "WAT DOET GGD-JEUGDGEZONDHEIDSZORG?",
        "Betrek als school of leerplicht de Jeugdarts bij veel verzuim op basis van ziekte via "
        "het ziekteverzuimprotocol.",
        reden="the absence protocol (ziekteverzuim), outside the meldcode",
    ),
    _p(
        FEDRA,
        "1.2 Stap 2. Overleggen met collega's, externen",
        "Ook kan een deskundige worden ingezet bij de beoordeling van letsel waarbij een "
        "vermoeden van kindermishandeling of huiselijk geweld speelt.",
        reden="assessing an injury is the case's input (signalen[].ernstig_letsel)",
    ),
    _p(
        CJG,
        "Stap 3: Bespreking met ouders/opvoeders",
        "Vraag in die gevallen dan ook hulp bij je collega, je directeur of de coördinator van "
        "het CJG.",
        reden=GESPREK,
    ),
    _p(
        CJG,
        "Stap 5: Zorg voor jeugd gebruiken",
        "Heb je geen inlogcodes vraag deze dan aan de coördinator van het CJG.",
        reden="access to a regional system; not a decision about the case",
    ),
)


#: instructions found in a second audit of the sources, left out with their reason
WEGGELATEN += (
    _p(
        FEDRA,
        "1.3 Stap 3. Gesprek met ouders, leerling",
        "In het traject kan ook met de leerling zelf worden gesproken.",
        reden="optional; whether the child feels safe enough and the talk is in its own "
        "interest is the professional's judgement, not an input of the case",
    ),
    _p(
        FEDRA,
        "1.4 Stap 4. Wegen van geweld/kindermishandeling",
        "Als de afweging lastig is, heeft bespreking in het groot ondersteuningsteam de voorkeur.",
        reden="who takes part in the weighing; the weighing itself is the case's input",
    ),
    _p(
        FEDRA,
        "1.5.1 Beslissing melding Veilig Thuis",
        "Blijf in het gesprek bij de feiten en constatering en voorkom interpretaties of "
        "waardeoordelen.",
        reden=GESPREK,
    ),
    _p(
        FEDRA,
        "1.5.1 Beslissing melding Veilig Thuis",
        "In het gesprek wordt aan de ouders nadrukkelijk een reactie gevraagd.",
        reden=GESPREK,
    ),
    _p(
        FEDRA,
        "1.5.2 Hulp school",
        "Het ondersteuningsteam speelt een rol bij het organiseren van de noodzakelijke hulp en "
        "geeft tevens handelingsadviezen aan de leerkracht over de begeleiding van de leerling in "
        "de groep.",
        reden="classroom guidance within the help; not a decision of the meldcode",
    ),
    _p(
        FEDRA,
        "1.5.2 Hulp school",
        "Hierbij is het belangrijk om informatie te geven over de hulpverlenende instanties en "
        "over eventuele indicaties die nodig zijn voor het regelen van de hulp.",
        reden=GESPREK,
    ),
    _p(
        HANDELINGSWIJZER,
        "Stap 3: Ga in gesprek met betrokkenen",
        "Praat met het kind, niet over het kind.",
        reden=GESPREK,
    ),
    _p(
        JSO,
        "Stap 3: Gesprek met de ouder",
        "Bespreek de signalen met de ouder.",
        reden="encoded as the decision itself: oudergesprek_overslaan false means the talk with "
        "the parent takes place first (contract v1); the exceptions are rules",
    ),
    _p(
        JSO,
        "Stap 5b: Melden en bespreken met de ouder",
        "Vraag de leerling en/of ouder uitdrukkelijk om een reactie.",
        reden=GESPREK,
    ),
    _p(
        VCOG,
        "Aandachtspunten bij stap 5, Stap 5a: hulp organiseren en effecten volgen",
        "Wanneer de afweging wordt gemaakt alsnog te melden is het niet nodig alle fasen van de "
        "code nogmaals te doorlopen.",
        reden="a note on the route, not an instruction: a renewed report needs no new weighing "
        "(2013.stap-5a.alsnog-melden asks none)",
    ),
)


def _registratierijen(registraties: Iterable[Registratie]) -> list[Passage]:
    rijen = []
    for r in registraties:
        rijen.append(_p(r.bron.bestand, r.bron.sectie, r.citaat, r.id))
        rijen += [_p(v.bron.bestand, v.bron.sectie, v.citaat, r.id) for v in r.ook]
    return rijen


def passages(
    regels: Sequence[Regel], registraties: Sequence[Registratie] = REGISTRATIES
) -> tuple[Passage, ...]:
    """Every row of the coverage table, sorted by source and section.

    The passages quoted by ``regels`` and by the dossier's ``registraties`` (one row per passage,
    naming every rule and check that quotes it), then ``AANVULLEND``, ``DOSSIERCONTROLES`` and
    ``WEGGELATEN``.
    """
    gegroepeerd: dict[tuple[str, str, str], list[str]] = {}
    eigen = [_p(r.bron.bestand, r.bron.sectie, r.citaat, r.id) for r in regels]
    for p in (*eigen, *_registratierijen(registraties)):
        ids = gegroepeerd.setdefault((p.bestand, p.sectie, p.citaat), [])
        ids.extend(i for i in p.regels if i not in ids)
    rijen = [
        Passage(bestand=b, sectie=s, citaat=c, regels=tuple(ids))
        for (b, s, c), ids in gegroepeerd.items()
    ]
    rijen += [*AANVULLEND, *DOSSIERCONTROLES, *WEGGELATEN]
    return tuple(sorted(rijen, key=lambda p: (p.bestand, p.sectie, not p.regels, p.citaat)))
