"""The routes of the sources: whom to contact when, special routes, and who does what.

The core rules (``regels.py``) decide report / help / consult / close. The rules here add what a
professional must also know *now*: which party to call, in which order (002, "Wanneer leg je met
welke partij contact?"), the routes that are not the five steps at all (a school employee as
suspected perpetrator, the statutory duty for sexual offences by staff, the kindcheck), the
advice to register in the Verwijsindex / Zorg voor Jeugd, anonymous consultation when the parents
refuse consent, the dated follow-up after a report, and which role carries out each action.

Every rule cites its source file and section and quotes the source verbatim (up to whitespace
and markdown ``*``). ``SCHAKELAARS`` holds the rules a profile may switch on; they are not part of
the national rule base.
"""

from __future__ import annotations

from meldcode.domain.waarden import Partij, Rol, SignaalBron, SoortSignaal, Taak
from meldcode.rules.model import (
    Alle,
    Beslist,
    Bron,
    Conclusie,
    EenVan,
    ErIsSignaal,
    KindLeeftijdTot,
    KindLeeftijdVanaf,
    KindOngeboren,
    Niet,
    Omstandigheid,
    Opdracht,
    Opvolgtermijn,
    Regel,
    SignaalVan,
    antwoorden,
)
from meldcode.rules.normen import (
    LEEFTIJD_MELDING_BESPREKEN_MET_KIND,
    VEILIG_THUIS_BESLUIT_WERKDAGEN,
)
from meldcode.rules.regels import (
    BEIDE,
    CJG,
    FEDRA,
    HANDELINGSWIJZER,
    JSO,
    P13,
    P19,
    VCOG,
    VERMOEDEN_BLIJFT,
    B,
    V,
)

__all__ = ["INGETROKKEN", "ROUTES", "SCHAKELAARS"]

VT = (Partij.VEILIG_THUIS,)
AF = Rol.AANDACHTSFUNCTIONARIS
WIE_WAT = "Wanneer leg je met welke partij contact?"
JSO_STAP_2 = (
    "Stap 2: Collegiale consultatie en zo nodig raadplegen van het Advies- en Meldpunt "
    "Kindermishandeling"
)
JSO_5A = "Stap 5a: Hulp organiseren en effecten volgen"
JSO_5B = "Stap 5b: Melden en bespreken met de ouder"
FEDRA_MELDING = "1.5.1 Beslissing melding Veilig Thuis"
FEDRA_HULP = "1.5.2 Hulp school"
JSO_ROLLEN = (
    "II Verantwoordelijkheden van de Scholengroep Perspectief in het scheppen van "
    "randvoorwaarden voor een veilig werk- en meldklimaat"
)
MELDEN = Beslist(B.MELDEN)
#: 004 stap 5: register in Zorg voor Jeugd (advice), before and after 5B closes the help
ZORG_VOOR_JEUGD_REGISTREREN = Conclusie(
    acties=(
        Opdracht(
            taak=Taak.ZORG_VOOR_JEUGD_REGISTREREN,
            rol=AF,
            partij=Partij.VERWIJSINDEX,
            advies=True,
        ),
    )
)
#: a rule that yields once the dossier is closed (1A, 5B), but not while that is still open
GESLOTEN = frozenset({B.DOSSIER_SLUITEN})
#: the age from which a report may (000) or must (001) be discussed with the pupil as well
LEERLING_12 = LEEFTIJD_MELDING_BESPREKEN_MET_KIND.waarde
MET_OUDERS = Niet(Beslist(B.OUDERGESPREK_OVERSLAAN))
HULP = Beslist(B.HULP_ORGANISEREN)
WEIGERT = Omstandigheid("ouders_weigeren_toestemming")
UITZONDERING_OUDERGESPREK = EenVan(
    (Omstandigheid("veiligheid_in_geding"), Omstandigheid("contact_verbreken_verwacht"))
)


def _contact(partij: Partij, rol: Rol = AF, *, advies: bool = False) -> Opdracht:
    return Opdracht(taak=Taak.CONTACT_OPNEMEN, rol=rol, partij=partij, advies=advies)


#: the cited rules on whom to contact when, the special routes, the follow-up after a report
#: and who does what; with ``REGELS`` they make up the national rule base
ROUTES: tuple[Regel, ...] = (
    # ===== 002: which party to contact when (protocol 2019) =================================
    Regel(
        id="2019.contact.veilig-thuis-direct-ingrijpen",
        protocollen=P19,
        bron=Bron(HANDELINGSWIJZER, f"{WIE_WAT}, Moet er onmiddellijk ingegrepen worden?"),
        citaat="Bel Veilig Thuis bij andersoortige onveiligheid waar direct op ingegrepen moet "
        "worden.",
        als=antwoorden(V.ACUTE_ONVEILIGHEID, "ja", "twijfel"),
        dan=Conclusie(
            beslissingen=frozenset({B.SPOED}), contacten=VT, acties=(_contact(Partij.VEILIG_THUIS),)
        ),
        toelichting="Onveiligheid waarop direct moet worden ingegrepen, zonder levensgevaar: "
        "bel meteen Veilig Thuis (dag en nacht bereikbaar), niet 112.",
    ),
    Regel(
        id="2019.contact.jeugdbeschermer",
        protocollen=P19,
        bron=Bron(
            HANDELINGSWIJZER, f"{WIE_WAT}, Is er een Jeugdbeschermer betrokken bij het gezin?"
        ),
        citaat="Leg contact met de Jeugdbeschermer. De Jeugdbeschermer heeft regie in een "
        "gedwongen kader en bepaalt of en welke stappen nodig zijn.",
        als=Omstandigheid("jeugdbeschermer_betrokken"),
        dan=Conclusie(
            contacten=(Partij.JEUGDBESCHERMER,), acties=(_contact(Partij.JEUGDBESCHERMER),)
        ),
        toelichting="Er is een jeugdbeschermer betrokken: leg contact met hem of haar; de "
        "jeugdbeschermer heeft de regie in het gedwongen kader.",
    ),
    Regel(
        id="2019.contact.jeugdbeschermer.ook-melden",
        protocollen=P19,
        bron=Bron(
            HANDELINGSWIJZER, f"{WIE_WAT}, Is er een Jeugdbeschermer betrokken bij het gezin?"
        ),
        citaat="Vanaf 2019 ben je ook verplicht om in ernstige gevallen te melden bij Veilig "
        "Thuis, "
        "ook als er al sprake is van een gedwongen kader.",
        als=Alle((Omstandigheid("jeugdbeschermer_betrokken"), MELDEN)),
        dan=Conclusie(contacten=VT),
        toelichting="Een betrokken jeugdbeschermer neemt de plicht om te melden niet weg.",
    ),
    Regel(
        id="2019.contact.sociaal-team.casemanager",
        protocollen=P19,
        bron=Bron(
            HANDELINGSWIJZER,
            f"{WIE_WAT}, Is er al betrokkenheid van een Sociaal Team bij het gezin?",
        ),
        citaat="Is er al contact tussen het kind of ouders en Sociaal Team, dan maak je contact "
        "met de betreffende Casemanager Jeugd. Zij voeren dan het casemanagement in het "
        "vrijwillige kader.",
        als=Omstandigheid("sociaal_team_betrokken"),
        dan=Conclusie(contacten=(Partij.SOCIAAL_TEAM,), acties=(_contact(Partij.SOCIAAL_TEAM),)),
        toelichting="Het Sociaal Team is al betrokken: leg contact met de casemanager jeugd.",
    ),
    Regel(
        id="2019.contact.sociaal-team.ook-melden",
        protocollen=P19,
        bron=Bron(
            HANDELINGSWIJZER,
            f"{WIE_WAT}, Is er al betrokkenheid van een Sociaal Team bij het gezin?",
        ),
        citaat="Vanaf 2019 ben je ook verplicht om in ernstige gevallen te melden bij Veilig "
        "Thuis, "
        "ook als er al sprake is van vrijwillige hulp.",
        als=Alle((Omstandigheid("sociaal_team_betrokken"), MELDEN)),
        dan=Conclusie(contacten=VT),
        toelichting="Vrijwillige hulp door een Sociaal Team neemt de plicht om te melden niet weg.",
    ),
    Regel(
        id="2019.contact.ongeboren-of-pasgeboren.ggd-jgz",
        protocollen=P19,
        bron=Bron(HANDELINGSWIJZER, f"{WIE_WAT}, Is het kind ongebooren of net geboren?"),
        citaat="Leg contact met de GGD-JGZ. Zij kunnen de casusregie oppakken en waar nodig in "
        "samenwerking met jou opschalen naar Veilig Thuis of Sociaal Team.",
        als=EenVan((KindOngeboren(), KindLeeftijdTot(1))),
        dan=Conclusie(contacten=(Partij.GGD_JGZ,), acties=(_contact(Partij.GGD_JGZ),)),
        toelichting="Het kind is ongeboren of net geboren (jonger dan 1 jaar): leg contact met "
        "de GGD-JGZ.",
    ),
    Regel(
        id="2019.contact.ouders-willen-hulp.sociaal-team",
        protocollen=P19,
        bron=Bron(HANDELINGSWIJZER, f"{WIE_WAT}, Willen ouders hulpverlening?"),
        citaat="Je legt verbinding met een Casemanager Jeugd van een Sociaal Team in het gebied "
        "waar het kind woont.",
        als=Omstandigheid("ouders_willen_hulp"),
        dan=Conclusie(contacten=(Partij.SOCIAAL_TEAM,), acties=(_contact(Partij.SOCIAAL_TEAM),)),
        toelichting="De ouders willen hulp: leg verbinding met een casemanager jeugd van het "
        "Sociaal Team in het gebied waar het kind woont.",
    ),
    Regel(
        id="2019.contact.ouders-willen-hulp.ook-melden",
        protocollen=P19,
        bron=Bron(HANDELINGSWIJZER, f"{WIE_WAT}, Willen ouders hulpverlening?"),
        citaat="Vanaf 2019 ben je ook verplicht om in ernstige gevallen te melden bij Veilig "
        "Thuis, "
        "ook als ouders meewerken!",
        als=Alle((Omstandigheid("ouders_willen_hulp"), MELDEN)),
        dan=Conclusie(contacten=VT),
        toelichting="Ook als de ouders meewerken, blijft melden in ernstige gevallen verplicht.",
    ),
    Regel(
        id="2019.contact.lichte-ondersteuning",
        protocollen=P19,
        bron=Bron(
            HANDELINGSWIJZER,
            f"{WIE_WAT}, Vinden ouders, kind en jij het niet nodig op te schalen omdat de "
            "veiligheidsrisico's te 'licht' zijn?",
        ),
        citaat="Is er wel behoefte aan lichte ondersteuning in plaats van hulpverlening, "
        "organiseer dat dan dicht bij ouders en kind. Bijvoorbeeld bij een instantie die ouders "
        "al kennen, zoals GGD-JGZ via het consultatiebureau of school, een gedragsdeskundige op "
        "school",
        als=Omstandigheid("risico_licht"),
        dan=Conclusie(
            contacten=(Partij.GGD_JGZ, Partij.GEDRAGSDESKUNDIGE),
            acties=(Opdracht(taak=Taak.LICHTE_ONDERSTEUNING_ORGANISEREN, rol=AF, advies=True),),
        ),
        tenzij=frozenset({B.MELDEN}),
        toelichting="De risico's zijn te licht om op te schalen: organiseer lichte "
        "ondersteuning dicht bij ouders en kind (GGD-JGZ, gedragsdeskundige op school), ook "
        "terwijl de weging of de hulp nog loopt; niet als er wordt gemeld.",
    ),
    Regel(
        id="2019.contact.complexe-casus.overleg-melding",
        protocollen=P19,
        bron=Bron(
            HANDELINGSWIJZER,
            f"{WIE_WAT}, Gaat het om een complexe casus en of lukt het niet om hulpverlening te "
            "organiseren?",
        ),
        citaat="Overleg dan met Veilig Thuis over een melding doen. Bijvoorbeeld als ouders geen "
        "hulpverlening accepteren of contact met hulpverlening niet ontstaat.",
        als=EenVan((Omstandigheid("complexe_casus"), Omstandigheid("hulp_komt_niet_tot_stand"))),
        dan=Conclusie(
            beslissingen=frozenset({B.VEILIG_THUIS_RAADPLEGEN}),
            contacten=VT,
            acties=(
                Opdracht(taak=Taak.VEILIG_THUIS_RAADPLEGEN, rol=AF, partij=Partij.VEILIG_THUIS),
            ),
        ),
        toelichting="Complexe casus, of hulp komt niet tot stand: overleg met Veilig Thuis over "
        "een melding.",
    ),
    # ===== instructions of the steps that act on a case ======================================
    Regel(
        id="2019.stap-4.zorgen-en-contacten-registreren",
        protocollen=P19,
        bron=Bron(CJG, "Stap 4: Zorg en veiligheid bepalen"),
        citaat="Registreer welke zorgen je hebt en met wie je contact hebt opgenomen.",
        als=ErIsSignaal(),
        dan=Conclusie(acties=(Opdracht(taak=Taak.VASTLEGGEN, rol=Rol.MEDEWERKER),)),
        toelichting="Leg vast welke zorgen er zijn en met wie contact is opgenomen; de signalen "
        "worden als feiten en gebeurtenissen vastgelegd in het leerlingendossier.",
    ),
    Regel(
        id="2019.stap-2.eerdere-leerkrachten-betrekken",
        protocollen=P19,
        bron=Bron(FEDRA, "1.2 Stap 2. Overleggen met collega's, externen"),
        citaat="In dit overleg worden ook collega's meegenomen die de leerling eerder in de groep "
        "hebben gehad en de leerkrachten van broertjes en zusjes.",
        als=ErIsSignaal(),
        dan=Conclusie(
            acties=(Opdracht(taak=Taak.LEERKRACHTEN_BETREKKEN, rol=AF, partij=Partij.COLLEGA),)
        ),
        toelichting="Betrek bij het overleg over de signalen ook de collega's die de leerling "
        "eerder in de groep hadden en de leerkrachten van broertjes en zusjes.",
    ),
    Regel(
        id="2019.stap-3.wie-voert-de-gesprekken",
        protocollen=P19,
        bron=Bron(FEDRA, "1.3 Stap 3. Gesprek met ouders, leerling"),
        citaat="De gesprekken kunnen gevoerd worden door de leerkracht - na overleg met de "
        "directie en zorgcoördinator -, door de zorgcoördinator of door hen beiden.",
        als=Alle((ErIsSignaal(), MET_OUDERS)),
        dan=Conclusie(acties=(Opdracht(taak=Taak.OUDERGESPREK_VOEREN, rol=Rol.LEERKRACHT),)),
        toelichting="De leerkracht voert de gesprekken met de ouders, na overleg met de directie "
        "en de zorgcoördinator; ook de zorgcoördinator, of beiden samen, kunnen ze voeren.",
    ),
    Regel(
        id="2019.stap-4.uitkomst-overleg-delen",
        protocollen=P19,
        bron=Bron(
            HANDELINGSWIJZER,
            "Stap 4: Weeg aard en risico van de onveiligheid en raadpleeg bij twijfel Veilig Thuis",
        ),
        citaat="Deel met ouders en kind wat de uitkomsten zijn van overleg met anderen.",
        als=Alle((ErIsSignaal(), MET_OUDERS)),
        dan=Conclusie(acties=(Opdracht(taak=Taak.UITKOMST_OVERLEG_DELEN, rol=Rol.MEDEWERKER),)),
        toelichting="Deel met de ouders en het kind wat het overleg met anderen (collega's, "
        "Veilig Thuis, externen) heeft opgeleverd.",
    ),
    Regel(
        id="2013.stap-3.ouder-informeren-na-overleg",
        protocollen=P13,
        bron=Bron(JSO, "Stap 3: Gesprek met de ouder"),
        citaat="Breng de ouder na overleg met anderen op de hoogte.",
        als=Alle((ErIsSignaal(), MET_OUDERS)),
        dan=Conclusie(acties=(Opdracht(taak=Taak.UITKOMST_OVERLEG_DELEN, rol=Rol.MEDEWERKER),)),
        toelichting="Breng de ouder na het overleg met anderen (collega's, het AMK, het "
        "zorgadviesteam) op de hoogte van de uitkomst.",
    ),
    Regel(
        id="2013.stap-5a.aankomst-bij-hulp-nagaan",
        protocollen=P13,
        bron=Bron(JSO, JSO_5A),
        citaat="Verwijs de ouder door en vraag daarna of de ouder is aangekomen bij de hulp.",
        als=HULP,
        dan=Conclusie(acties=(Opdracht(taak=Taak.AANKOMST_BIJ_HULP_NAGAAN, rol=Rol.MEDEWERKER),)),
        toelichting="Vraag na het doorverwijzen na of de ouder bij de hulp is aangekomen, en "
        "volg of ouder en leerling hulp krijgen.",
    ),
    Regel(
        id="2013.stap-5a.zorgen-bespreken-met-ouder",
        protocollen=P13,
        bron=Bron(JSO, f"Route bij signalen van huiselijk geweld en kindermishandeling, {JSO_5A}"),
        citaat="Bespreek uw zorgen met de ouder",
        als=HULP,
        dan=Conclusie(acties=(Opdracht(taak=Taak.OUDERGESPREK_VOEREN, rol=Rol.MEDEWERKER),)),
        toelichting="De school organiseert hulp: bespreek de zorgen (nogmaals) met de ouder en "
        "bespreek de verder te nemen stappen voor de hulp.",
    ),
    Regel(
        id="2019.hulp.aankomst-bij-hulp-nagaan",
        protocollen=P19,
        bron=Bron(FEDRA, FEDRA_HULP),
        citaat="Belangrijk is om bij de ouders en de instantie te informeren of zij ook "
        "daadwerkelijk naar de verwijzende instantie zijn gegaan.",
        als=HULP,
        dan=Conclusie(acties=(Opdracht(taak=Taak.AANKOMST_BIJ_HULP_NAGAAN, rol=AF),)),
        toelichting="Vraag bij de ouders en de instantie na of de ouders daadwerkelijk naar de "
        "hulp zijn gegaan waarnaar ze zijn doorverwezen.",
    ),
    Regel(
        id="2019.melding.bescherming-overleggen",
        protocollen=P19,
        bron=Bron(FEDRA, FEDRA_MELDING),
        citaat="Overleg bij de melding met Veilig Thuis wat er na de melding - binnen de grenzen "
        "van de gebruikelijke werkzaamheden - gedaan kan worden om het kind, de ouders en "
        "mogelijke gezinsleden tegen het risico op kindermishandeling of huiselijk geweld te "
        "beschermen.",
        als=MELDEN,
        dan=Conclusie(
            acties=(Opdracht(taak=Taak.BESCHERMING_OVERLEGGEN, rol=AF, partij=Partij.VEILIG_THUIS),)
        ),
        toelichting="Overleg bij de melding met Veilig Thuis wat de school daarna, binnen haar "
        "gewone werk, nog kan doen om het kind en het gezin te beschermen.",
    ),
    Regel(
        id="2013.stap-5b.bescherming-overleggen",
        protocollen=P13,
        bron=Bron(JSO, JSO_5B),
        citaat="overleg bij uw melding met het Advies- en Meldpunt Kindermishandeling wat u na "
        "de melding, binnen de grenzen van uw gebruikelijke werkzaamheden, zelf nog kunt doen "
        "om uw leerling en zijn gezinsleden tegen het risico op huiselijk geweld of op "
        "mishandeling te beschermen.",
        als=MELDEN,
        dan=Conclusie(
            acties=(Opdracht(taak=Taak.BESCHERMING_OVERLEGGEN, rol=AF, partij=Partij.VEILIG_THUIS),)
        ),
        toelichting="Overleg bij de melding met het AMK (nu Veilig Thuis) wat de school daarna, "
        "binnen haar gewone werk, zelf nog kan doen om de leerling en het gezin te beschermen.",
    ),
    Regel(
        id="2019.melding.toestemming-aantonen",
        protocollen=P19,
        bron=Bron(FEDRA, FEDRA_MELDING),
        citaat="De school moet aan kunnen tonen zich ingespannen te hebben om toestemming voor de "
        "melding te krijgen",
        als=MELDEN,
        dan=Conclusie(acties=(Opdracht(taak=Taak.TOESTEMMING_AANTONEN, rol=AF),)),
        toelichting="Leg vast hoe de school heeft geprobeerd toestemming van de ouders voor de "
        "melding te krijgen; meldt de school buiten de ouders om, leg dan ook de overwegingen "
        "vast.",
    ),
    Regel(
        id="2019.melding.hulp-monitoren",
        protocollen=P19,
        bron=Bron(FEDRA, FEDRA_HULP),
        citaat="De betrokkenheid van de leerkracht bij het kind, de ouders en andere gezinsleden "
        "houdt niet op na de melding (stap 5). Monitor of het kind en de ouders daadwerkelijk "
        "hulp krijgen.",
        als=MELDEN,
        dan=Conclusie(acties=(Opdracht(taak=Taak.HULP_MONITOREN, rol=Rol.LEERKRACHT),)),
        toelichting="De melding beëindigt de betrokkenheid van de school niet: volg of het kind "
        "en de ouders daadwerkelijk hulp krijgen.",
    ),
    # ===== special routes ===================================================================
    Regel(
        id="2019.inleiding.alleen-huiselijke-sfeer",
        protocollen=P19,
        bron=Bron(FEDRA, "Inleiding en verantwoording"),
        citaat="De meldcode geldt voor situaties in de huiselijke en privé sfeer.",
        als=ErIsSignaal(kenmerk="pleger_is_medewerker"),
        dan=Conclusie(),
        toelichting="Geweld door een medewerker van de school valt buiten de huiselijke sfeer "
        "waarvoor de meldcode geldt; het schoolbestuur wordt onmiddellijk ingelicht (zie "
        "2013+2019.stap-1.pleger-is-medewerker).",
    ),
    Regel(
        id="2013+2019.meldplicht.seksueel-misdrijf-medewerker",
        protocollen=BEIDE,
        bron=Bron(FEDRA, "Inleiding en verantwoording, voetnoot 4"),
        citaat="Deze wet verplicht personeelsleden een vermoeden van een seksueel misdrijf te "
        "melden bij het bestuur, en verplicht bestuursleden een vermoeden van een seksueel "
        "misdrijf-na overleg met de vertrouwensinspecteur-te melden bij politie of justitie.",
        als=ErIsSignaal(
            soorten=frozenset({SoortSignaal.SEKSUEEL_GEWELD}), kenmerk="pleger_is_medewerker"
        ),
        dan=Conclusie(
            contacten=(Partij.BESTUUR,),
            acties=(
                Opdracht(taak=Taak.BESTUUR_INFORMEREN, rol=Rol.MEDEWERKER, partij=Partij.BESTUUR),
                Opdracht(taak=Taak.VERTROUWENSINSPECTEUR_RAADPLEGEN, rol=Rol.BESTUUR),
                Opdracht(taak=Taak.MELDEN_BIJ_POLITIE_OF_JUSTITIE, rol=Rol.BESTUUR),
            ),
        ),
        toelichting="Vermoeden van een seksueel misdrijf door een medewerker: wettelijke "
        "meldplicht (1999) bij het bestuur; het bestuur meldt na overleg met de "
        "vertrouwensinspecteur bij politie of justitie. Dit is een andere plicht dan de meldcode.",
    ),
    Regel(
        id="2019.stap-1.kindcheck",
        protocollen=P19,
        bron=Bron(FEDRA, "1.1 Stap 1. Signaleren, observeren en in kaart brengen"),
        citaat="Wanneer ouders in een situatie verkeren die minderjarige kinderen (ernstige) "
        "schade kan berokkenen, moet in een gesprek met de ouders onderzocht worden of er nog "
        "meer kinderen bij hen wonen en wie er voor deze kinderen zorgen: de zogeheten "
        "kindcheck.",
        als=Omstandigheid("ouder_in_schadelijke_situatie"),
        dan=Conclusie(acties=(Opdracht(taak=Taak.KINDCHECK, rol=AF),)),
        toelichting="Doe de kindcheck: ga in gesprek met de ouders na of er meer kinderen bij "
        "hen wonen en wie voor die kinderen zorgt.",
    ),
    Regel(
        id="2013.stap-2.verwijsindex-overwegen",
        protocollen=P13,
        bron=Bron(JSO, JSO_STAP_2),
        citaat="Vanaf stap 2 is het raadzaam registratie in de Verwijsindex Risicjongeren te "
        "overwegen indien u op dit systeem bent aangesloten.",
        als=EenVan((ErIsSignaal(), VERMOEDEN_BLIJFT)),
        tenzij=GESLOTEN,
        dan=Conclusie(
            acties=(
                Opdracht(
                    taak=Taak.VERWIJSINDEX_OVERWEGEN,
                    rol=AF,
                    partij=Partij.VERWIJSINDEX,
                    advies=True,
                ),
            )
        ),
        toelichting="Advies: overweeg registratie in de Verwijsindex, als de school daarop is "
        "aangesloten.",
    ),
    Regel(
        id="2019.stap-4.verwijsindex-bij-ernstige-zorgen",
        protocollen=P19,
        bron=Bron(FEDRA, "1.4 Stap 4. Wegen van geweld/kindermishandeling"),
        citaat="Als de zorgen ernstig zijn, is het raadzaam een registratie in de Verwijsindex op "
        "te nemen",
        als=MELDEN,
        dan=Conclusie(
            acties=(
                Opdracht(
                    taak=Taak.VERWIJSINDEX_OVERWEGEN,
                    rol=AF,
                    partij=Partij.VERWIJSINDEX,
                    advies=True,
                ),
            )
        ),
        toelichting="Advies: de zorgen zijn ernstig (er wordt gemeld); neem een registratie in "
        "de Verwijsindex op.",
    ),
    Regel(
        id="2019.stap-5.zorg-voor-jeugd",
        protocollen=P19,
        bron=Bron(CJG, "Stap 5: Zorg voor jeugd gebruiken"),
        citaat="Registreer wanneer je gemeld hebt en of je dit met ouders besproken hebt. Indien "
        "je niet met ouders gesproken hebt, registreer dan waarom.",
        als=VERMOEDEN_BLIJFT,
        tenzij=GESLOTEN,
        dan=ZORG_VOOR_JEUGD_REGISTREREN,
        toelichting="Advies: registreer in het signaleringssysteem Zorg voor Jeugd wanneer je "
        "gemeld hebt en of je dit met de ouders hebt besproken (zo niet: waarom niet).",
    ),
    Regel(
        # 5B closes the help also after a report (afweging 2B: "De afwegingen hierna worden
        # samen met Veilig Thuis doorlopen"); the report itself is still registered
        id="2019.stap-5.zorg-voor-jeugd.na-melding",
        protocollen=P19,
        bron=Bron(CJG, "Stap 5: Zorg voor jeugd gebruiken"),
        citaat="Registreer wanneer je gemeld hebt en of je dit met ouders besproken hebt. Indien "
        "je niet met ouders gesproken hebt, registreer dan waarom.",
        als=Alle((VERMOEDEN_BLIJFT, MELDEN, Beslist(B.DOSSIER_SLUITEN))),
        dan=ZORG_VOOR_JEUGD_REGISTREREN,
        toelichting="Advies: er is gemeld; ook nu de hulp is afgesloten (afweging 5B), "
        "registreer in het signaleringssysteem Zorg voor Jeugd wanneer je gemeld hebt en of je "
        "dit met de ouders hebt besproken (zo niet: waarom niet).",
    ),
    Regel(
        id="2013.stap-2.zonder-toestemming-anoniem",
        protocollen=P13,
        bron=Bron(JSO, JSO_STAP_2),
        citaat="De leerling kan overigens anoniem worden besproken wanneer de ouder geen "
        "toestemming heeft gegeven, maar dit verdient niet de voorkeur vanwege de eventuele "
        "vervolgacties.",
        als=WEIGERT,
        dan=Conclusie(acties=(Opdracht(taak=Taak.ALLEEN_ANONIEM_BESPREKEN, rol=AF),)),
        toelichting="Zonder toestemming van de ouder kan de leerling alleen anoniem worden "
        "besproken met externen (het zorgadviesteam, andere externe deskundigen). Dat gaat over "
        "het bespreken van de leerling, niet over een melding (stap 5b).",
    ),
    Regel(
        id="2019.stap-3.toestemming-voor-externen",
        protocollen=P19,
        bron=Bron(FEDRA, "1.3 Stap 3. Gesprek met ouders, leerling"),
        citaat="Voor bespreking in het groot ondersteuningsteam en met andere externe "
        "deskundigen is schriftelijke toestemming van ouders noodzakelijk.",
        als=Alle((WEIGERT, Niet(UITZONDERING_OUDERGESPREK))),
        dan=Conclusie(acties=(Opdracht(taak=Taak.ALLEEN_ANONIEM_BESPREKEN, rol=AF),)),
        toelichting="De ouders weigeren toestemming: bespreek de leerling met externen (het groot "
        "ondersteuningsteam, andere externe deskundigen) alleen anoniem. Een melding bij Veilig "
        "Thuis valt daar niet onder: die kan ook buiten de ouders om (1.5.1).",
    ),
    Regel(
        id="2019.stap-3.bespreken-zonder-toestemming",
        protocollen=P19,
        bron=Bron(FEDRA, "1.3 Stap 3. Gesprek met ouders, leerling"),
        citaat="De school kan afzien van een gesprek met de ouders over de zorgen, of de "
        "leerling bespreken zonder toestemming. Dit kan als de veiligheid van de leerling, de "
        "melder of andere betrokkenen gevaar loopt, of als er een goede reden is om te "
        "veronderstellen dat de ouders het contact met de school gaan verbreken.",
        als=UITZONDERING_OUDERGESPREK,
        dan=Conclusie(),
        toelichting="De veiligheid loopt gevaar of de ouders zullen het contact verbreken: de "
        "school kan afzien van het gesprek over de zorgen en de leerling zonder toestemming "
        "bespreken.",
    ),
    # ===== after a report: Veilig Thuis decides within five working days ====================
    Regel(
        id="2019.melding.besluit-veilig-thuis-binnen-vijf-werkdagen",
        protocollen=P19,
        bron=Bron(FEDRA, "Figuur 2, afweging 3A"),
        citaat=VEILIG_THUIS_BESLUIT_WERKDAGEN.citaat,
        als=MELDEN,
        dan=Conclusie(
            opvolging=(
                Opvolgtermijn(
                    taak=Taak.BESLUIT_VEILIG_THUIS_AFWACHTEN,
                    werkdagen=VEILIG_THUIS_BESLUIT_WERKDAGEN.waarde,
                    partij=Partij.VEILIG_THUIS,
                ),
            )
        ),
        toelichting="Veilig Thuis neemt binnen vijf werkdagen na de melding een besluit en "
        "koppelt dit terug; vraag ernaar als de terugkoppeling uitblijft.",
    ),
    # ===== who does what ======================================================================
    Regel(
        id="2019.rollen.zorgcoordinator-eerste-aanspreekpunt",
        protocollen=P19,
        bron=Bron(FEDRA, "1.1 Stap 1. Signaleren, observeren en in kaart brengen"),
        citaat="De zorgcoördinator is het eerste aanspreekpunt binnen de school voor alle "
        "medewerkers die zich zorgen maken om een kind of die een vermoeden hebben van "
        "kindermishandeling of huiselijk geweld.",
        als=ErIsSignaal(),
        dan=Conclusie(
            acties=(
                Opdracht(taak=Taak.OVERLEGGEN, rol=Rol.LEERKRACHT, partij=Partij.INTERN_BEGELEIDER),
            )
        ),
        toelichting="De leerkracht bespreekt de signalen met de aandachtsfunctionaris "
        "(zorgcoördinator).",
    ),
    Regel(
        id="2019.rollen.aandachtsfunctionaris-coordineert",
        protocollen=P19,
        bron=Bron(FEDRA, "Inleiding en verantwoording"),
        citaat="De zorgcoördinator (aandachtsfunctionaris) coördineert de uitvoering van de "
        "meldcode en is aanspreekpunt voor team, ouders en leerlingen.",
        als=EenVan((MELDEN, Beslist(B.VEILIG_THUIS_RAADPLEGEN), Beslist(B.HULP_ORGANISEREN))),
        dan=Conclusie(acties=(Opdracht(taak=Taak.COORDINEREN, rol=AF),)),
        toelichting="De aandachtsfunctionaris coördineert de stappen en is aanspreekpunt voor "
        "team, ouders en leerlingen.",
    ),
    Regel(
        id="2019.rollen.zorgcoordinator-vraagt-advies",
        protocollen=P19,
        bron=Bron(FEDRA, "1.2 Stap 2. Overleggen met collega's, externen"),
        citaat="Als de zorgcoördinator twijfelt over de oorzaak van de situatie en mogelijke "
        "onveiligheid bij het kind kan ook, eventueel anoniem, advies worden gevraagd bij "
        "Veilig Thuis.",
        als=Beslist(B.VEILIG_THUIS_RAADPLEGEN),
        dan=Conclusie(
            acties=(
                Opdracht(taak=Taak.VEILIG_THUIS_RAADPLEGEN, rol=AF, partij=Partij.VEILIG_THUIS),
            )
        ),
        toelichting="De aandachtsfunctionaris (zorgcoördinator) raadpleegt Veilig Thuis.",
    ),
    Regel(
        id="2019.rollen.directeur-eindverantwoordelijk",
        protocollen=P19,
        bron=Bron(FEDRA, "Inleiding en verantwoording"),
        citaat="De directeur draagt de eindverantwoordelijkheid voor de inhoud van het dossier.",
        als=EenVan((ErIsSignaal(), VERMOEDEN_BLIJFT)),
        dan=Conclusie(
            acties=(Opdracht(taak=Taak.EINDVERANTWOORDELIJKHEID_DOSSIER, rol=Rol.DIRECTIE),)
        ),
        toelichting="De directeur is eindverantwoordelijk voor de inhoud van het dossier.",
    ),
    Regel(
        id="2019.rollen.ondersteuningsteam-legt-vast-wie-meldt",
        protocollen=P19,
        bron=Bron(FEDRA, "1.5.1 Beslissing melding Veilig Thuis"),
        citaat="In het ondersteuningsteam wordt vastgelegd wie de melding doet bij Veilig Thuis.",
        als=MELDEN,
        dan=Conclusie(
            acties=(Opdracht(taak=Taak.VASTLEGGEN_WIE_MELDT, rol=Rol.ONDERSTEUNINGSTEAM),)
        ),
        toelichting="Het ondersteuningsteam legt vast wie de melding bij Veilig Thuis doet.",
    ),
    Regel(
        id="2019.rollen.melding-bespreken-met-ouders",
        protocollen=P19,
        bron=Bron(FEDRA, "1.5.1 Beslissing melding Veilig Thuis"),
        citaat="In het gesprek met de ouders legt een lid van het pedagogisch team van de school "
        "uit dat de school van plan is een melding te doen en met welk doel.",
        als=Alle((MELDEN, Niet(Beslist(B.OUDERGESPREK_OVERSLAAN)))),
        dan=Conclusie(
            acties=(Opdracht(taak=Taak.MELDING_BESPREKEN_MET_OUDERS, rol=Rol.LEERKRACHT),)
        ),
        toelichting="Een lid van het pedagogisch team (in de regel de leerkracht) bespreekt de "
        "voorgenomen melding met de ouders.",
    ),
    Regel(
        id="2019.rollen.zorgcoordinator-volgt-hulp",
        protocollen=P19,
        bron=Bron(FEDRA, "1.5.2 Hulp school"),
        citaat="In de meeste gevallen zal dit de zorgcoördinator zijn. Zij volgt de effecten van "
        "deze hulp en stelt de aanpak zo nodig bij.",
        als=Beslist(B.HULP_ORGANISEREN),
        dan=Conclusie(acties=(Opdracht(taak=Taak.HULP_COORDINEREN, rol=AF),)),
        toelichting="De aandachtsfunctionaris (zorgcoördinator) coördineert de hulp, volgt de "
        "effecten en stelt de aanpak zo nodig bij.",
    ),
    Regel(
        id="2019.afweging-4d.rollen-en-casemanager",
        protocollen=P19,
        bron=Bron(FEDRA, "Figuur 2, afweging 4D"),
        citaat="Spreek af wie welke rol heeft en benoem casemanager. Spreek af welke taken alle "
        "betrokkenen hebben en de casemanager specifiek heeft, zodat de verwachtingen voor "
        "iedereen helder zijn.",
        als=Beslist(B.HULP_ORGANISEREN),
        dan=Conclusie(
            acties=(Opdracht(taak=Taak.CASEMANAGER_BENOEMEN, rol=Rol.ONDERSTEUNINGSTEAM),)
        ),
        toelichting="Bij hulp: spreek af wie welke rol heeft, benoem een casemanager en spreek "
        "een termijn af waarbinnen effect merkbaar moet zijn.",
    ),
    Regel(
        id="2013.rollen.leerkracht-overlegt-met-ib",
        protocollen=P13,
        bron=Bron(JSO, JSO_ROLLEN),
        citaat="overlegt met de intern begeleider bij zorg over een leerling aan de hand van "
        "waargenomen signalen die kunnen wijzen op kindermishandeling of huiselijk geweld;",
        als=ErIsSignaal(),
        dan=Conclusie(
            acties=(
                Opdracht(taak=Taak.OVERLEGGEN, rol=Rol.LEERKRACHT, partij=Partij.INTERN_BEGELEIDER),
            )
        ),
        toelichting="De leerkracht overlegt met de intern begeleider over de signalen.",
    ),
    Regel(
        id="2013.rollen.aandachtsfunctionaris-coordineert",
        protocollen=P13,
        bron=Bron(JSO, JSO_ROLLEN),
        citaat="de uitvoering van de meldcode coördineert bij een vermoeden van huiselijk geweld "
        "en/of kindermishandeling;",
        als=VERMOEDEN_BLIJFT,
        dan=Conclusie(acties=(Opdracht(taak=Taak.COORDINEREN, rol=AF),)),
        toelichting="De intern begeleider coördineert als aandachtsfunctionaris de uitvoering "
        "van de meldcode.",
    ),
    Regel(
        id="2013.rollen.aandachtsfunctionaris-meldt",
        protocollen=P13,
        bron=Bron(JSO, JSO_ROLLEN),
        citaat="zo nodig contact opneemt met het AMK (Advies- en Meldpunt Kindermishandeling) "
        "voor advies of melding;",
        als=MELDEN,
        dan=Conclusie(acties=(Opdracht(taak=Taak.MELDEN, rol=AF, partij=Partij.VEILIG_THUIS),)),
        toelichting="De intern begeleider (aandachtsfunctionaris) doet de melding bij het AMK.",
    ),
    Regel(
        id="2013.rollen.aandachtsfunctionaris-vraagt-advies",
        protocollen=P13,
        bron=Bron(JSO, JSO_ROLLEN),
        citaat="zo nodig contact opneemt met het AMK (Advies- en Meldpunt Kindermishandeling) "
        "voor advies of melding;",
        als=Beslist(B.VEILIG_THUIS_RAADPLEGEN),
        dan=Conclusie(
            acties=(
                Opdracht(taak=Taak.VEILIG_THUIS_RAADPLEGEN, rol=AF, partij=Partij.VEILIG_THUIS),
            )
        ),
        toelichting="De intern begeleider (aandachtsfunctionaris) vraagt advies aan het AMK.",
    ),
    Regel(
        id="2013.stap-5b.melding-bespreken-met-ouder",
        protocollen=P13,
        bron=Bron(JSO, "Stap 5b: Melden en bespreken met de ouder"),
        citaat="Bespreek uw melding vooraf met de ouder.",
        als=Alle((MELDEN, MET_OUDERS)),
        dan=Conclusie(acties=(Opdracht(taak=Taak.MELDING_BESPREKEN_MET_OUDERS, rol=AF),)),
        toelichting="Bespreek de voorgenomen melding vooraf met de ouder.",
    ),
    Regel(
        id="2013.stap-5b.melding-bespreken-met-leerling",
        protocollen=P13,
        bron=Bron(JSO, JSO_5B),
        citaat="U kunt de melding ook bespreken met de leerling wanneer deze 12 jaar of ouder is.",
        als=Alle((MELDEN, KindLeeftijdVanaf(LEERLING_12), MET_OUDERS)),
        dan=Conclusie(
            acties=(Opdracht(taak=Taak.MELDING_BESPREKEN_MET_KIND, rol=AF, advies=True),)
        ),
        toelichting="De leerling is 12 jaar of ouder: de melding kan ook met de leerling worden "
        "besproken (000: een mogelijkheid, geen plicht). Van contact met de leerling over de "
        "melding kan worden afgezien als de veiligheid in het geding is of het contact "
        "verbroken dreigt te worden.",
    ),
)

#: rules a profile may switch on by name (``[schakelaars]``); off by default
SCHAKELAARS: dict[str, Regel] = {
    "melding_bespreken_met_leerling_verplicht": Regel(
        id="profiel.schakelaar.melding-bespreken-met-leerling-verplicht",
        protocollen=P13,
        bron=Bron(VCOG, "Stap 5b: Melden en bespreken met de ouder"),
        citaat="Bespreek de melding vooraf met de ouder(s) en met de leerling wanneer deze 12 "
        "jaar is of ouder.",
        als=Alle((MELDEN, KindLeeftijdVanaf(LEERLING_12), MET_OUDERS)),
        dan=Conclusie(beslissingen=frozenset({B.BESPREKEN_MET_KIND})),
        toelichting="Profielkeuze (001, VCOG): de leerling is 12 jaar of ouder, dus bespreek de "
        "voorgenomen melding vooraf ook met de leerling. Niet als het contact over de melding "
        "mag vervallen (veiligheid in het geding, contact verbroken).",
    ),
    "openbaring_kind_veilig_thuis_raadplegen": Regel(
        id="profiel.schakelaar.openbaring-kind-veilig-thuis-raadplegen",
        protocollen=BEIDE,
        bron=Bron(CJG, "Stap 2: Collegiale consultatie"),
        citaat="Het kan zelfs nu al nodig zijn om op te schalen en, al dan niet anoniem, contact "
        "te zoeken met Veilig Thuis ( 0800 2000).",
        als=SignaalVan(frozenset({SignaalBron.KIND})),
        dan=Conclusie(
            beslissingen=frozenset({B.VEILIG_THUIS_RAADPLEGEN}),
            contacten=VT,
            acties=(
                Opdracht(taak=Taak.VEILIG_THUIS_RAADPLEGEN, rol=AF, partij=Partij.VEILIG_THUIS),
            ),
        ),
        toelichting="Profielkeuze (sectorvariant, geen landelijke regel): vertelt het kind zelf "
        "over geweld of mishandeling, dan raadpleegt de school meteen (eventueel anoniem) "
        "Veilig Thuis, ook als de zorgen in de weging zijn weggenomen. 002: 'Geloof het kind "
        "als hij of zij signalen afgeeft.'",
    ),
}

#: switches that were withdrawn, with the reason a profile that switches one on is refused
INGETROKKEN: dict[str, str] = {
    "openbaring_kind_altijd_melden": "no source makes a child's disclosure a report by itself "
    "(002 Stap 1 says 'Geloof het kind als hij of zij signalen afgeeft', not 'meld'); use "
    "'openbaring_kind_veilig_thuis_raadplegen' (consult Veilig Thuis) instead",
}
