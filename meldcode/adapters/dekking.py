"""The coverage table: every instruction of the five sources, with the rules that encode it.

``docs/coverage.md`` is generated from the rule base (national rules, the switch rules and the
shipped profiles), from ``AANVULLEND`` (further passages a rule also encodes) and from
``WEGGELATEN`` (instructions deliberately left out, each with its reason). ``meldcode dekking``
writes it; ``meldcode dekking --check`` fails when the committed file is stale.
"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import frozen

from meldcode.adapters.profiel import beschikbare_profielen, laad_profiel
from meldcode.rules.basis import LANDELIJK
from meldcode.rules.model import Regel
from meldcode.rules.regels import CJG, FEDRA, HANDELINGSWIJZER, JSO, VCOG
from meldcode.rules.routes import SCHAKELAARS

__all__ = ["AANVULLEND", "WEGGELATEN", "Passage", "alle_regels", "dekking_markdown", "passages"]

BRONNAMEN = {
    JSO: "JSO, Meldcode basisonderwijs (2012) — protocol 2013",
    VCOG: "VCOG, Protocol kindermishandeling en huiselijk geweld (2012) — protocol 2013",
    HANDELINGSWIJZER: "Midden-Groningen, Handelingswijzer (2019) — protocol 2019",
    FEDRA: "Stichting Fedra, Meldcode (versie 2019) — protocol 2019",
    CJG: "Centrum voor Jeugd en Gezin, stappen 1-5 voor professionals — transition",
}


@frozen(kw_only=True)
class Passage:
    """One instruction of a source: where it is, its words, and the rules or the reason."""

    bestand: str
    sectie: str
    citaat: str
    regels: tuple[str, ...] = ()
    reden: str = ""


def _p(bestand: str, sectie: str, citaat: str, *regels: str, reden: str = "") -> Passage:
    return Passage(bestand=bestand, sectie=sectie, citaat=citaat, regels=regels, reden=reden)


DOSSIER = "recording and dossier content: the dossier (issue 4), not a decision about the case"
GESPREK = "guidance on how to hold the conversation; not a decision"
ORGANISATIE = "an organisational precondition of the school, not a decision about a case"
VEILIG_THUIS_DOET = "describes what Veilig Thuis does, not what the school must do"

#: passages a rule encodes besides the one it quotes
AANVULLEND: tuple[Passage, ...] = (
    _p(
        HANDELINGSWIJZER,
        "Wanneer leg je met welke partij contact?, Moet er onmiddellijk ingegrepen worden?",
        "Bel 112 voor Brandweer, Politie of Ambulance.",
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
        "Stap 5a: Hulp organiseren en effecten volgen",
        "organiseer dan de noodzakelijke hulp;",
        "2013.stap-5a.hulp-organiseren",
    ),
    _p(
        JSO,
        "Stap 5b: Melden en bespreken met de ouder",
        "meld uw vermoeden bij het Advies- en Meldpunt Kindermishandeling;",
        "2013.stap-5b.melden",
        "2013.rollen.aandachtsfunctionaris-meldt",
    ),
    _p(
        JSO,
        "Stap 5b: Melden en bespreken met de ouder",
        "U kunt de melding ook bespreken met de leerling wanneer deze 12 jaar of ouder is.",
        "2013.stap-5b.bespreken-met-kind",
    ),
    _p(
        JSO,
        "Stap 5b: Melden en bespreken met de ouder",
        "als de veiligheid van de leerling, die van u zelf, of die van een ander in het geding "
        "is; of",
        "2013.stap-3.oudergesprek-overslaan.veiligheid",
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
        "1.5.2 Hulp school",
        "Belangrijk is om bij de ouders en de instantie te informeren of zij ook daadwerkelijk "
        "naar de verwijzende instantie zijn gegaan.",
        "2019.rollen.zorgcoordinator-volgt-hulp",
    ),
    _p(
        FEDRA,
        "Noodsituaties",
        "Voor noodsituaties is Veilig Thuis 24 uur per dag beschikbaar.",
        "2019.noodsituatie.direct-contact-veilig-thuis",
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
        "Stap 1: In kaart brengen van signalen",
        "Alle gegevens die te maken hebben met het signaleren en handelen legt u schriftelijk "
        "vast.",
        reden=DOSSIER,
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
        "Aandachtspunten bij Stap 1",
        "Vermeld altijd datum, plaats, situatie, en overige aanwezigen",
        reden=DOSSIER,
    ),
    _p(
        VCOG,
        "Aandachtspunten bij Stap 1",
        "Leg een diagnose alleen schriftelijk vast als ze is gesteld door een professional die "
        "hiertoe geschoold is",
        reden=DOSSIER,
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
        "Stap 1: In kaart brengen van signalen",
        "Leg vast wat je ziet, doet, hoe kind en ouders daarop reageren en welke afspraken zijn "
        "gemaakt (dossieropbouw).",
        reden=DOSSIER,
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
        "1.1 Stap 1. Signaleren, observeren en in kaart brengen",
        "De signalen worden in kaart gebracht en vastgelegd.",
        reden=DOSSIER,
    ),
    _p(
        FEDRA,
        "1.5.1 Beslissing melding Veilig Thuis",
        "Als de ouders bezwaren hebben tegen de melding, worden de bezwaren vastgelegd en het "
        "verslag wordt voor gezien getekend.",
        reden=DOSSIER,
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
        VCOG,
        "Aandachtspunten bij stap 3",
        "Bij het gesprek zijn altijd twee personen vanuit de school aanwezig",
        reden="who attends is encoded as actions (vcog.stap-3.gesprek-leerkracht-en-ib-er); the "
        "attendance itself is recorded in the dossier",
    ),
    _p(
        VCOG,
        "Aandachtspunten bij Stap 1",
        "Gespreksverslagen worden door betrokkenen ondertekend",
        reden=DOSSIER,
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
        HANDELINGSWIJZER,
        "Stap 5: Beslis over zelf hulp organiseren of melden",
        "Monitor of ouders of instanties doen wat je afspreekt. Onderneem actie als dat niet zo "
        "is.",
        reden="following the help is hulp_organiseren; when it fails, afweging 5 or "
        "onveiligheid_herhaalt_zich leads to a report",
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
        "Stap 3: Bespreking met ouders/opvoeders",
        "Registreer in ieder geval wanneer je wat met wie besproken hebt en wat de uitkomsten van "
        "dit gesprek zijn.",
        reden=DOSSIER,
    ),
    _p(
        CJG,
        "Stap 2: Collegiale consultatie",
        "Bespreek met hen je observaties en registreer met wie je hebt gesproken, wat het "
        "onderwerp was en wanneer je dit hebt gedaan.",
        reden=DOSSIER,
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
        "Stap 5b: Melden en bespreken met de ouder",
        "overleg bij uw melding met het Advies- en Meldpunt Kindermishandeling wat u na de "
        "melding, binnen de grenzen van uw gebruikelijke werkzaamheden, zelf nog kunt doen",
        reden="the content of the conversation with the AMK at the report",
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
        FEDRA,
        "1.5.1 Beslissing melding Veilig Thuis",
        "Van de leerkracht wordt verwacht dat hij, binnen zijn mogelijkheden, het kind blijft "
        "ondersteunen en beschermen.",
        reden="a standing duty after every report, not a decision that depends on the case",
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


def alle_regels() -> tuple[Regel, ...]:
    """Every rule the coverage table accounts for: national, switches, shipped profiles."""
    regels: dict[str, Regel] = {r.id: r for r in LANDELIJK}
    for r in SCHAKELAARS.values():
        regels.setdefault(r.id, r)
    for naam in beschikbare_profielen():
        for r in laad_profiel(naam).regels:
            regels.setdefault(r.id, r)
    return tuple(regels.values())


def passages() -> tuple[Passage, ...]:
    """Every row of the table: the quoted passages of all rules (grouped), then the others."""
    gegroepeerd: dict[tuple[str, str, str], list[str]] = {}
    for r in alle_regels():
        gegroepeerd.setdefault((r.bron.bestand, r.bron.sectie, r.citaat), []).append(r.id)
    rijen = [
        Passage(bestand=b, sectie=s, citaat=c, regels=tuple(ids))
        for (b, s, c), ids in gegroepeerd.items()
    ]
    rijen += [*AANVULLEND, *WEGGELATEN]
    return tuple(sorted(rijen, key=lambda p: (p.bestand, p.sectie, not p.regels, p.citaat)))


def _cel(tekst: str) -> str:
    return tekst.replace("|", "\\|").replace("\n", " ")


def _rijen(rijen: Iterable[Passage]) -> list[str]:
    out = ["| section | instruction (verbatim) | rules | left out because |", "|---|---|---|---|"]
    for p in rijen:
        regels = "<br>".join(f"`{i}`" for i in p.regels) if p.regels else "—"
        out.append(f"| {_cel(p.sectie)} | {_cel(p.citaat)} | {regels} | {_cel(p.reden)} |")
    return out


def dekking_markdown() -> str:
    """The text of ``docs/coverage.md``."""
    rijen = passages()
    regels = alle_regels()
    gedekt = sum(1 for p in rijen if p.regels)
    lines = [
        "# Coverage of the sources",
        "",
        "<!-- generated by `meldcode dekking`; do not edit by hand -->",
        "",
        "Every instruction of the five sources that tells a professional what to do, with the ids",
        "of the rules that encode it, or the reason it is deliberately left out. Rules of the",
        "shipped profiles (`vcog`, `fedra`) and of profile switches are included. A test fails",
        "when this file is stale, when a rule quotes a passage that is not listed, or when a",
        "row names a rule that does not exist.",
        "",
        f"{len(rijen)} instructions: {gedekt} encoded by {len(regels)} rules, "
        f"{len(rijen) - gedekt} left out with a reason.",
    ]
    for bestand, naam in sorted(BRONNAMEN.items()):
        lines += ["", f"## `{bestand}` — {naam}", ""]
        lines += _rijen(p for p in rijen if p.bestand == bestand)
    return "\n".join(lines) + "\n"
