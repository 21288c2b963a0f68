"""Every quote carries its conclusion: a reviewed table of which words support each conclusion.

For every rule (national, switches, shipped profiles) and every part of what it concludes (a
decision, a party to contact, an action with its role and party, a follow-up, a missing
consultation, a warning), ``DRAGERS`` names the words of the rule's own citation (its section
heading or its quote) that say so. A rule whose quote does not say what it concludes is a defect:
the test fails for a conclusion without words, for words the citation does not contain, and for
a rule that is not in the table (a new rule is reviewed here before it lands).

Where the words carry the conclusion only with a reading, a comment says which.
"""

from __future__ import annotations

import pytest

from meldcode.adapters.dekking import alle_regels
from meldcode.rules.dekking import vouw
from meldcode.rules.model import Regel

REGELS = {r.id: r for r in alle_regels()}

VT = "Veilig Thuis"
AMK = "Advies- en Meldpunt Kindermishandeling"
MELDING_VT = "Beslissing melding Veilig Thuis"  # the section heading of 003 §1.5.1


def _tegenstrijdig(jaar: str, naam: str) -> dict[str, str]:
    """A warning rule: doubt about the cause and possible unsafety, so ask Veilig Thuis / AMK."""
    if jaar == "2019":
        return {
            "beslissing:veilig_thuis_raadplegen": "advies worden gevraagd bij Veilig Thuis",
            "contact:veilig_thuis": "bij Veilig Thuis",
            f"waarschuwing:tegenstrijdig.vermoeden-nee-{naam}": "twijfelt over de oorzaak van de "
            "situatie en mogelijke onveiligheid",
        }
    return {
        "beslissing:veilig_thuis_raadplegen": "moet u advies vragen bij het AMK",
        "contact:veilig_thuis": "bij het AMK",
        f"waarschuwing:tegenstrijdig.vermoeden-nee-{naam}": "enige twijfel heeft over de oorzaak "
        "van de situatie",
    }


DRAGERS: dict[str, dict[str, str]] = {
    # ===== contradictory input (afweging 1 nee beside a grave signal) ========================
    **{
        f"{jaar}.tegenstrijdig.vermoeden-nee-{naam}": _tegenstrijdig(jaar, naam)
        for jaar, namen in (
            (
                "2019",
                (
                    "ernstig-letsel",
                    "levensgevaar",
                    "onveiligheid-herhaalt-zich",
                    "onveiligheid",
                    "vgv-of-eergerelateerd",
                ),
            ),
            (
                "2013",
                (
                    "ernstig-letsel",
                    "levensgevaar",
                    "onveiligheid-herhaalt-zich",
                    "vgv-of-eergerelateerd",
                ),
            ),
        )
        for naam in namen
    },
    "2019.tegenstrijdig.resultaat-ja-onveiligheid-herhaalt-zich": {
        "beslissing:veilig_thuis_raadplegen": "advies worden gevraagd bij Veilig Thuis",
        "contact:veilig_thuis": "bij Veilig Thuis",
        "waarschuwing:tegenstrijdig.resultaat-ja-onveiligheid-herhaalt-zich": "twijfelt over de "
        "oorzaak van de situatie en mogelijke onveiligheid",
    },
    # ===== 2019: the afwegingskader (003 Figuur 2) and stap 5 (003 §1.5) =====================
    "2019.afweging-1.geen-actie": {
        "beslissing:dossier_sluiten": "geen actie nodig: dossier vastleggen en sluiten",
    },
    "2019.stap-4.vermoeden-verplicht-raadplegen": {
        "beslissing:veilig_thuis_raadplegen": "verplicht om Veilig Thuis te raadplegen",
        "contact:veilig_thuis": "Veilig Thuis te raadplegen",
    },
    "2019.afweging-2.onveiligheid": {
        "beslissing:melden": "Direct melding doen bij Veilig Thuis",
        "contact:veilig_thuis": "melding doen bij Veilig Thuis",
    },
    # the list of §1.5.1 under the heading "Een melding bij Veilig Thuis is noodzakelijk:"; the
    # section heading names the decision and the party
    "2019.stap-5.altijd-melden.onveiligheid": {
        "beslissing:melden": MELDING_VT,
        "contact:veilig_thuis": MELDING_VT,
    },
    "2019.stap-5.altijd-melden.ernstig-letsel": {
        "beslissing:melden": MELDING_VT,
        "contact:veilig_thuis": MELDING_VT,
    },
    "2019.stap-5.altijd-melden.onveiligheid-herhaalt-zich": {
        "beslissing:melden": MELDING_VT,
        "contact:veilig_thuis": MELDING_VT,
    },
    "2019.afweging-3.geen-effectieve-hulp": {
        "beslissing:melden": "Melden bij Veilig Thuis",
        "contact:veilig_thuis": "Melden bij Veilig Thuis",
    },
    "2019.afweging-4.hulp-niet-aanvaard": {
        "beslissing:melden": "Melden bij Veilig Thuis",
        "contact:veilig_thuis": "Melden bij Veilig Thuis",
    },
    "2019.afweging-4.hulp-aanvaard": {
        "beslissing:hulp_organiseren": "Hulp in gang zetten",
    },
    "2019.afweging-5.geen-resultaat": {
        "beslissing:melden": "Melden bij Veilig Thuis",
        "contact:veilig_thuis": "Melden bij Veilig Thuis",
    },
    # 5B closes the help track: the route of the meldcode ends (dossier_sluiten), with the
    # monitoring agreements recorded as the action
    "2019.afweging-5.resultaat-bereikt": {
        "beslissing:dossier_sluiten": "Hulp afsluiten",
        "actie:monitoring_afspreken/aandachtsfunctionaris": "vastgelegde afspraken over het "
        "monitoren van de veiligheid",
    },
    "2019.stap-5.twijfel-over-hulp": {
        "beslissing:melden": "is melden bij Veilig Thuis noodzakelijk",
        "contact:veilig_thuis": "melden bij Veilig Thuis",
    },
    "2019.stap-2.twijfel-advies-veilig-thuis": {
        "beslissing:veilig_thuis_raadplegen": "advies worden gevraagd bij Veilig Thuis",
        "contact:veilig_thuis": "bij Veilig Thuis",
    },
    "2019.noodsituatie.direct-contact-veilig-thuis": {
        "beslissing:spoed": "onmiddellijk moet worden beschermd",
        "beslissing:veilig_thuis_raadplegen": "neemt de school direct contact op met Veilig Thuis",
        "contact:veilig_thuis": "direct contact op met Veilig Thuis",
    },
    "2019.contact.112-levensgevaar": {
        "beslissing:spoed": "Moet er onmiddellijk ingegrepen worden?",
        "contact:politie_112": "Bel 112 voor Brandweer, Politie of Ambulance",
        # "Bel" addresses whoever reads the guide: the staff member with the signals
        "actie:bellen_112/medewerker/politie_112": "Bel 112",
    },
    "2019.stap-4.eergerelateerd-lec-egg": {
        "contact:lec_egg": "(LEC EGG) van de politie om advies worden gevraagd",
    },
    "2019.stap-5.oudergesprek-overslaan": {
        "beslissing:oudergesprek_overslaan": "De school kan afzien van een gesprek met de ouders",
    },
    "2019.stap-1.ouders-niet-aanspreekbaar": {
        "beslissing:oudergesprek_overslaan": "een gesprek met de ouders niet in het belang van de "
        "leerling is",
    },
    "2019.stap-5.oudergesprek-overleg-veilig-thuis": {
        # "Hierover": about not talking with the parents (the sentence before)
        "beslissing:veilig_thuis_raadplegen": "altijd overleg met Veilig Thuis",
        "contact:veilig_thuis": "overleg met Veilig Thuis",
    },
    "2019.stap-5.oudergesprek-overwegingen-vastleggen": {},
    "2019.stap-2.advies-altijd-anoniem": {},
    "2019.stap-3.weigering-toestemming": {},
    # ===== both protocols ==================================================================
    # 000 names the AMK: Veilig Thuis since 2015
    "2013+2019.stap-3.spoed-vgv-eergerelateerd": {
        "beslissing:spoed": "met spoed contact op",
        "beslissing:veilig_thuis_raadplegen": "contact op met het AMK",
        "contact:veilig_thuis": "het AMK",
    },
    "2013+2019.stap-1.pleger-is-medewerker": {
        "contact:bestuur": "onmiddellijk gemeld te worden bij het schoolbestuur",
        # the signals are the staff member's who has them
        "actie:bestuur_informeren/medewerker/bestuur": "gemeld te worden bij het schoolbestuur",
    },
    # ===== 2013: stap 5a hulp organiseren of 5b melden (000) ==============================
    "2013.stap-3.andere-oorzaak": {
        "beslissing:dossier_sluiten": "kunt u dit traject afsluiten",
    },
    "2013.stap-2.twijfel-advies-amk": {
        "beslissing:veilig_thuis_raadplegen": "moet u advies vragen bij het AMK",
        "contact:veilig_thuis": "bij het AMK",
    },
    "2013.stap-4.oordeel-amk": {
        "beslissing:veilig_thuis_raadplegen": "Vraag het AMK hierover een oordeel te geven",
        "contact:veilig_thuis": "Vraag het AMK",
    },
    "2013.stap-5a.hulp-organiseren": {
        "beslissing:hulp_organiseren": "organiseer dan de noodzakelijke hulp",
    },
    "2013.stap-5b.melden": {
        "beslissing:melden": "meld uw vermoeden",
        "contact:veilig_thuis": f"meld uw vermoeden bij het {AMK}",
    },
    "2013.stap-5a.alsnog-melden": {
        "beslissing:melden": "doe alsnog een melding",
        # a melding under the meldcode is always made at the AMK (000 stap 5b)
        "contact:veilig_thuis": "een melding",
    },
    "2013.stap-3.oudergesprek-overslaan.veiligheid": {
        "beslissing:oudergesprek_overslaan": "zonder dat de signalen zijn besproken met de ouder, "
        "is alleen mogelijk als: de veiligheid",
    },
    "2013.stap-3.oudergesprek-overslaan.contact-verbreken": {
        "beslissing:oudergesprek_overslaan": "zonder dat de signalen zijn besproken met de ouder, "
        "is alleen mogelijk als",
    },
    "2013.stap-3.advies-altijd-anoniem": {},
    "2013.stap-1.vastleggen": {
        # 000 addresses the staff member ("u"; "onder medewerker in deze code wordt verstaan")
        "actie:vastleggen/medewerker": "Leg ook de contacten over de signalen vast",
    },
    "2013.stap-2.weigering-toestemming": {},
    "2013.noodsituatie.advies-amk": {
        "beslissing:spoed": "kunt u meteen advies vragen",
        "beslissing:veilig_thuis_raadplegen": f"advies vragen aan het {AMK}",
        "contact:veilig_thuis": AMK,
    },
    "2013.noodsituatie.politie": {
        "beslissing:spoed": "In noodsituaties",
        "contact:politie_112": "de politie vragen om hulp te bieden",
        "actie:bellen_112/medewerker/politie_112": "de politie vragen om hulp te bieden",
    },
    # ===== 002: which party to contact when (2019) =========================================
    "2019.contact.veilig-thuis-direct-ingrijpen": {
        "beslissing:spoed": "waar direct op ingegrepen moet worden",
        "contact:veilig_thuis": "Bel Veilig Thuis",
        # the aandachtsfunctionaris is the school's link to Veilig Thuis (003 Inleiding)
        "actie:contact_opnemen/aandachtsfunctionaris/veilig_thuis": "Bel Veilig Thuis",
    },
    "2019.contact.jeugdbeschermer": {
        "contact:jeugdbeschermer": "Leg contact met de Jeugdbeschermer",
        "actie:contact_opnemen/aandachtsfunctionaris/jeugdbeschermer": "Leg contact met de "
        "Jeugdbeschermer",
    },
    "2019.contact.jeugdbeschermer.ook-melden": {
        "contact:veilig_thuis": "te melden bij Veilig Thuis",
    },
    "2019.contact.sociaal-team.casemanager": {
        "contact:sociaal_team": "maak je contact met de betreffende Casemanager Jeugd",
        "actie:contact_opnemen/aandachtsfunctionaris/sociaal_team": "maak je contact met de "
        "betreffende Casemanager Jeugd",
    },
    "2019.contact.sociaal-team.ook-melden": {
        "contact:veilig_thuis": "te melden bij Veilig Thuis",
    },
    "2019.contact.ongeboren-of-pasgeboren.ggd-jgz": {
        "contact:ggd_jgz": "Leg contact met de GGD-JGZ",
        "actie:contact_opnemen/aandachtsfunctionaris/ggd_jgz": "Leg contact met de GGD-JGZ",
    },
    "2019.contact.ouders-willen-hulp.sociaal-team": {
        "contact:sociaal_team": "Casemanager Jeugd van een Sociaal Team",
        "actie:contact_opnemen/aandachtsfunctionaris/sociaal_team": "Je legt verbinding met een "
        "Casemanager Jeugd",
    },
    "2019.contact.ouders-willen-hulp.ook-melden": {
        "contact:veilig_thuis": "te melden bij Veilig Thuis",
    },
    "2019.contact.lichte-ondersteuning": {
        "contact:ggd_jgz": "GGD-JGZ via het consultatiebureau of school",
        "contact:gedragsdeskundige": "een gedragsdeskundige op school",
        "actie:lichte_ondersteuning_organiseren/aandachtsfunctionaris": "lichte ondersteuning "
        "in plaats van hulpverlening, organiseer dat dan dicht bij ouders en kind",
    },
    "2019.contact.complexe-casus.overleg-melding": {
        "beslissing:veilig_thuis_raadplegen": "Overleg dan met Veilig Thuis over een melding",
        "contact:veilig_thuis": "Overleg dan met Veilig Thuis",
        "actie:veilig_thuis_raadplegen/aandachtsfunctionaris/veilig_thuis": "Overleg dan met "
        "Veilig Thuis",
    },
    # ===== instructions of the steps that act on a case ====================================
    "2019.stap-4.zorgen-en-contacten-registreren": {
        "actie:vastleggen/medewerker": "Registreer welke zorgen je hebt en met wie je contact "
        "hebt opgenomen",
    },
    "2019.stap-2.eerdere-leerkrachten-betrekken": {
        # the zorgcoördinator leads this overleg (the sentences before: "De zorgcoördinator
        # coördineert het interne ondersteuningsteam")
        "actie:leerkrachten_betrekken/aandachtsfunctionaris/collega": "ook collega's meegenomen "
        "die de leerling eerder in de groep hebben gehad",
    },
    "2019.stap-3.wie-voert-de-gesprekken": {
        "actie:oudergesprek_voeren/leerkracht": "De gesprekken kunnen gevoerd worden door de "
        "leerkracht",
    },
    "2019.stap-4.uitkomst-overleg-delen": {
        "actie:uitkomst_overleg_delen/medewerker": "Deel met ouders en kind wat de uitkomsten "
        "zijn van overleg met anderen",
    },
    "2013.stap-3.ouder-informeren-na-overleg": {
        "actie:uitkomst_overleg_delen/medewerker": "Breng de ouder na overleg met anderen op de "
        "hoogte",
    },
    "2013.stap-5a.aankomst-bij-hulp-nagaan": {
        "actie:aankomst_bij_hulp_nagaan/medewerker": "vraag daarna of de ouder is aangekomen bij "
        "de hulp",
    },
    "2013.stap-5a.zorgen-bespreken-met-ouder": {
        "actie:oudergesprek_voeren/medewerker": "Bespreek uw zorgen met de ouder",
    },
    "2019.hulp.aankomst-bij-hulp-nagaan": {
        # the zorgcoördinator follows the help (same section: "Zij volgt de effecten")
        "actie:aankomst_bij_hulp_nagaan/aandachtsfunctionaris": "informeren of zij ook "
        "daadwerkelijk naar de verwijzende instantie zijn gegaan",
    },
    "2019.melding.bescherming-overleggen": {
        "actie:bescherming_overleggen/aandachtsfunctionaris/veilig_thuis": "Overleg bij de "
        "melding met Veilig Thuis wat er na de melding",
    },
    "2013.stap-5b.bescherming-overleggen": {
        "actie:bescherming_overleggen/aandachtsfunctionaris/veilig_thuis": f"overleg bij uw "
        f"melding met het {AMK} wat u na de melding",
    },
    "2019.melding.toestemming-aantonen": {
        "actie:toestemming_aantonen/aandachtsfunctionaris": "aan kunnen tonen zich ingespannen "
        "te hebben om toestemming voor de melding te krijgen",
    },
    "2019.melding.hulp-monitoren": {
        "actie:hulp_monitoren/leerkracht": "Monitor of het kind en de ouders daadwerkelijk hulp "
        "krijgen",
    },
    # ===== special routes ===================================================================
    # out of scope: the board is informed by 2013+2019.stap-1.pleger-is-medewerker
    "2019.inleiding.alleen-huiselijke-sfeer": {},
    "2013+2019.meldplicht.seksueel-misdrijf-medewerker": {
        "contact:bestuur": "te melden bij het bestuur",
        "actie:bestuur_informeren/medewerker/bestuur": "verplicht personeelsleden een vermoeden "
        "van een seksueel misdrijf te melden bij het bestuur",
        "actie:vertrouwensinspecteur_raadplegen/bestuur": "na overleg met de vertrouwensinspecteur",
        "actie:melden_bij_politie_of_justitie/bestuur": "verplicht bestuursleden",
    },
    "2019.stap-1.kindcheck": {
        "actie:kindcheck/aandachtsfunctionaris": "de zogeheten kindcheck",
    },
    "2013.stap-2.verwijsindex-overwegen": {
        "actie:verwijsindex_overwegen/aandachtsfunctionaris/verwijsindex": "raadzaam registratie "
        "in de Verwijsindex Risicjongeren te overwegen",
    },
    "2019.stap-4.verwijsindex-bij-ernstige-zorgen": {
        "actie:verwijsindex_overwegen/aandachtsfunctionaris/verwijsindex": "raadzaam een "
        "registratie in de Verwijsindex op te nemen",
    },
    "2019.stap-5.zorg-voor-jeugd": {
        "actie:zorg_voor_jeugd_registreren/aandachtsfunctionaris/verwijsindex": "Zorg voor jeugd "
        "gebruiken",
    },
    "2019.stap-5.zorg-voor-jeugd.na-melding": {
        "actie:zorg_voor_jeugd_registreren/aandachtsfunctionaris/verwijsindex": "Zorg voor jeugd "
        "gebruiken",
    },
    "2013.stap-2.zonder-toestemming-anoniem": {
        "actie:alleen_anoniem_bespreken/aandachtsfunctionaris": "anoniem worden besproken wanneer "
        "de ouder geen toestemming heeft gegeven",
    },
    "2019.stap-3.toestemming-voor-externen": {
        # without the written consent the case cannot be discussed openly: only anonymously
        "actie:alleen_anoniem_bespreken/aandachtsfunctionaris": "is schriftelijke toestemming "
        "van ouders noodzakelijk",
    },
    "2019.stap-3.bespreken-zonder-toestemming": {},
    # ===== after a report ==================================================================
    "2019.melding.besluit-veilig-thuis-binnen-vijf-werkdagen": {
        "opvolging:besluit_veilig_thuis_afwachten": "binnen vijf werkdagen een besluit",
    },
    # ===== who does what ====================================================================
    "2019.rollen.zorgcoordinator-eerste-aanspreekpunt": {
        "actie:overleggen/leerkracht/intern_begeleider": "De zorgcoördinator is het eerste "
        "aanspreekpunt binnen de school voor alle medewerkers die zich zorgen maken",
    },
    "2019.rollen.aandachtsfunctionaris-coordineert": {
        "actie:coordineren/aandachtsfunctionaris": "(aandachtsfunctionaris) coördineert de "
        "uitvoering van de meldcode",
    },
    "2019.rollen.zorgcoordinator-vraagt-advies": {
        "actie:veilig_thuis_raadplegen/aandachtsfunctionaris/veilig_thuis": "Als de "
        "zorgcoördinator twijfelt",
    },
    "2019.rollen.directeur-eindverantwoordelijk": {
        "actie:eindverantwoordelijkheid_dossier/directie": "De directeur draagt de "
        "eindverantwoordelijkheid voor de inhoud van het dossier",
    },
    "2019.rollen.ondersteuningsteam-legt-vast-wie-meldt": {
        "actie:vastleggen_wie_meldt/ondersteuningsteam": "In het ondersteuningsteam wordt "
        "vastgelegd wie de melding doet",
    },
    "2019.rollen.melding-bespreken-met-ouders": {
        # "een lid van het pedagogisch team": as a rule the teacher
        "actie:melding_bespreken_met_ouders/leerkracht": "een lid van het pedagogisch team van de "
        "school uit dat de school van plan is een melding te doen",
    },
    "2019.rollen.zorgcoordinator-volgt-hulp": {
        "actie:hulp_coordineren/aandachtsfunctionaris": "Zij volgt de effecten van deze hulp",
    },
    "2019.afweging-4d.rollen-en-casemanager": {
        "actie:casemanager_benoemen/ondersteuningsteam": "Spreek af wie welke rol heeft en "
        "benoem casemanager",
    },
    "2013.rollen.leerkracht-overlegt-met-ib": {
        "actie:overleggen/leerkracht/intern_begeleider": "overlegt met de intern begeleider",
    },
    "2013.rollen.aandachtsfunctionaris-coordineert": {
        "actie:coordineren/aandachtsfunctionaris": "de uitvoering van de meldcode coördineert",
    },
    "2013.rollen.aandachtsfunctionaris-meldt": {
        "actie:melden/aandachtsfunctionaris/veilig_thuis": "contact opneemt met het AMK "
        f"({AMK}) voor advies of melding",
    },
    "2013.rollen.aandachtsfunctionaris-vraagt-advies": {
        "actie:veilig_thuis_raadplegen/aandachtsfunctionaris/veilig_thuis": "contact opneemt met "
        f"het AMK ({AMK}) voor advies",
    },
    "2013.stap-5b.melding-bespreken-met-ouder": {
        "actie:melding_bespreken_met_ouders/aandachtsfunctionaris": "Bespreek uw melding vooraf "
        "met de ouder",
    },
    "2013.stap-5b.melding-bespreken-met-leerling": {
        # "U kunt": an advised action, not a decision (000); the duty is 001's switch below
        "actie:melding_bespreken_met_kind/aandachtsfunctionaris": "U kunt de melding ook "
        "bespreken met de leerling",
    },
    # ===== switches ==========================================================================
    "profiel.schakelaar.melding-bespreken-met-leerling-verplicht": {
        "beslissing:bespreken_met_kind": "Bespreek de melding vooraf met de ouder(s) en met de "
        "leerling",
    },
    "profiel.schakelaar.openbaring-kind-veilig-thuis-raadplegen": {
        "beslissing:veilig_thuis_raadplegen": "contact te zoeken met Veilig Thuis",
        "contact:veilig_thuis": "contact te zoeken met Veilig Thuis",
        "actie:veilig_thuis_raadplegen/aandachtsfunctionaris/veilig_thuis": "al dan niet "
        "anoniem, contact te zoeken met Veilig Thuis",
    },
    # ===== shipped profiles ===================================================================
    "fedra.afweging-1b.bestuur-informeren": {
        "contact:bestuur": "Het bestuur is op de hoogte gebracht",
        # afweging 2 names "directie, bestuur" as the school that weighs
        "actie:bestuur_informeren/directie/bestuur": "Het bestuur is op de hoogte gebracht",
    },
    "fedra.stap-5.interne-evaluatie": {
        "actie:interne_evaluatie/aandachtsfunctionaris": "de zorgcoördinator monitort hoe vaak",
    },
    "perspectief.stap-5a.verwijzen-naar-bureau-jeugdzorg": {
        # Bureau Jeugdzorg: the jeugdbeschermer's party (its sociale kaart entry)
        "actie:hulp_organiseren/medewerker/jeugdbeschermer": "Organiseer hulp door ouder en "
        "leerling door te verwijzen naar Bureau Jeugdzorg",
    },
    "vcog.stap-2.verplicht.intern-begeleider": {
        "ontbrekend:intern_begeleider": "overleg Ib-er (verplicht)",
    },
    "vcog.stap-2.verplicht.sociaal-verpleegkundige": {
        "ontbrekend:sociaal_verpleegkundige": "overleg sociaalverpleegkundige (verplicht)",
    },
    "vcog.stap-2.verplicht.collega-leerkracht": {
        "ontbrekend:collega": "overleg collega leerkracht (verplicht)",
    },
    "vcog.stap-2.consulteer-amk": {
        "ontbrekend:veilig_thuis": f"Consulteer het {AMK}",
    },
    "vcog.stap-1.directeur-inlichten": {
        "actie:directie_informeren/aandachtsfunctionaris": "inlichten directeur van de school",
    },
    "vcog.stap-3.gesprek-leerkracht-en-ib-er": {
        "actie:oudergesprek_voeren/leerkracht": "door de leerkracht",
        "actie:oudergesprek_voeren/aandachtsfunctionaris": "en de ib-er",
    },
    "vcog.stap-5a.hulp-via-sociaal-verpleegkundige": {
        "contact:sociaal_verpleegkundige": "via de sociaal verpleegkundige van de school",
        "actie:hulp_organiseren/sociaal_verpleegkundige": "Organiseer de noodzakelijke hulp, via "
        "de sociaal verpleegkundige",
    },
    "vcog.stap-5a.verwijsindex-met-sociaal-verpleegkundige": {
        "actie:verwijsindex_overwegen/sociaal_verpleegkundige/verwijsindex": "Overweeg met de "
        "sociaal verpleegkundige registratie in de verwijsindex",
    },
    "vcog.stap-5a.sociaal-verpleegkundige-houdt-school-op-de-hoogte": {
        "actie:school_informeren_over_hulp/sociaal_verpleegkundige": "houdt de sociaal "
        "verpleegkundige de school op de hoogte",
    },
    "vcog.stap-5b.bespreek-wie-meldt": {
        "actie:vastleggen_wie_meldt/aandachtsfunctionaris": "Bespreek in school wie de melding "
        "doet",
    },
}


def conclusies(regel: Regel) -> set[str]:
    """Every part of what ``regel`` concludes, named as the keys of ``DRAGERS``."""
    dan = regel.dan
    uit = {f"beslissing:{b.value}" for b in dan.beslissingen}
    uit |= {f"contact:{p.value}" for p in dan.contacten}
    for a in dan.acties:
        partij = f"/{a.partij.value}" if a.partij is not None else ""
        uit.add(f"actie:{a.taak.value}/{a.rol.value}{partij}")
    uit |= {f"opvolging:{t.taak.value}" for t in dan.opvolging}
    uit |= {f"ontbrekend:{p.value}" for p in dan.ontbrekende_consultaties}
    uit |= {f"waarschuwing:{w.code}" for w in dan.waarschuwingen}
    return uit


def test_every_rule_is_in_the_reviewed_table() -> None:
    """A rule is reviewed here before it lands; the table names no rule that is gone."""
    assert set(DRAGERS) == set(REGELS)


@pytest.mark.parametrize("regel_id", sorted(REGELS))
def test_every_conclusion_of_a_rule_is_carried_by_its_own_words(regel_id: str) -> None:
    """Each decision, contact, action, follow-up and warning has words in the citation."""
    regel = REGELS[regel_id]
    woorden = DRAGERS.get(regel_id, {})
    citatie = vouw(f"{regel.bron.sectie} {regel.citaat}")

    assert set(woorden) == conclusies(regel), "conclusions without words, or words for none"
    for conclusie, drager in woorden.items():
        assert vouw(drager) in citatie, (conclusie, drager)


def test_the_table_detects_a_quote_that_does_not_carry_its_conclusion() -> None:
    """Not vacuous: the old disclosure switch (melden from 'Geloof het kind') would fail."""
    import attrs

    regel = REGELS["profiel.schakelaar.openbaring-kind-veilig-thuis-raadplegen"]
    oud = attrs.evolve(
        regel,
        citaat="Geloof het kind als hij of zij signalen afgeeft. Er is een reden voor het kind "
        "om het te vertellen.",
    )
    citatie = vouw(f"{oud.bron.sectie} {oud.citaat}")

    assert not all(vouw(d) in citatie for d in DRAGERS[regel.id].values())
