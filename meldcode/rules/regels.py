"""The cited rule base: every rule with its source file, section and the source's own words.

Sources (``shared/sources``):

- ``000_ee7bf8bfa9baa6b3.txt`` JSO, Meldcode basisonderwijs (2012) — protocol 2013
- ``001_a24e22b875c57711.txt`` VCOG, Protocol kindermishandeling en huiselijk geweld (2012) — 2013
- ``002_24846e95acae4c0c.txt`` Midden-Groningen, Handelingswijzer (2019) — protocol 2019
- ``003_4961db14b56be6cc.txt`` Stichting Fedra, Meldcode (versie 2019) — protocol 2019
- ``004_42db825e51d7dc85.txt`` CJG, stappen 1-5 voor professionals — transition

Quotes are verbatim up to whitespace, the source's markdown emphasis (``*``) and the markers of
its bulleted lists (``-`` or ``•`` at the start of a line), which the quote check folds away.

The 2013 rules follow 000 (the JSO model code, itself based on the national basismodel); what 001
(VCOG) adds to it, such as its mandatory consultations and the duty to discuss a report with a
pupil of 12 or older, belongs to the ``vcog`` profile. The 2019 rules follow 003 (Fedra), with
002 (the Handelingswijzer) and 004 (CJG) where they add to it.
"""

from __future__ import annotations

from meldcode.domain.waarden import Beslispunt, Partij, Protocol, Rol, SoortSignaal, Taak, Vraag
from meldcode.rules.bronnen import BRONNEN, CJG, FEDRA, HANDELINGSWIJZER, JSO, VCOG
from meldcode.rules.model import (
    Afweging,
    Alle,
    Beslist,
    Bron,
    Conclusie,
    Conditie,
    EenVan,
    ErIsSignaal,
    Omstandigheid,
    Opdracht,
    Regel,
    Waarschuwt,
    antwoorden,
)

__all__ = [
    "BRONNEN",
    "CJG",
    "CONTACTVOLGORDE",
    "FEDRA",
    "HANDELINGSWIJZER",
    "JSO",
    "ONVERENIGBAAR",
    "REGELS",
    "VCOG",
    "VRAGEN",
]


P13 = frozenset({Protocol.P2013})
P19 = frozenset({Protocol.P2019})
BEIDE = frozenset({Protocol.P2013, Protocol.P2019})

V = Vraag
B = Beslispunt

# --- shared conditions ---------------------------------------------------------------------

VERMOEDEN_JA = antwoorden(V.VERMOEDEN, "ja")
VERMOEDEN_BLIJFT = antwoorden(V.VERMOEDEN, "ja", "twijfel")
#: step 5 is reached when afweging 1 is not answered *nee*: "Zijn de zorgen weggenomen, dan wordt
#: de meldcode afgesloten" (003 Figuur 1); the always-report situations of 003 §1.5.1 belong here
STAP_5_2019: Conditie = VERMOEDEN_BLIJFT
HULP_MOGELIJK = antwoorden(V.HULP_MOGELIJK, "ja")
HULP_AANVAARD = antwoorden(V.HULP_AANVAARD, "ja")
ONVEILIGHEID_2019: Conditie = EenVan(
    (
        antwoorden(V.ACUTE_ONVEILIGHEID, "ja", "twijfel"),
        antwoorden(V.STRUCTURELE_ONVEILIGHEID, "ja", "twijfel"),
    )
)
ACUUT_2019: Conditie = EenVan(
    (antwoorden(V.ACUTE_ONVEILIGHEID, "ja", "twijfel"), ErIsSignaal(kenmerk="levensgevaar"))
)
VGV_OF_EER = ErIsSignaal(
    soorten=frozenset(
        {SoortSignaal.VROUWELIJKE_GENITALE_VERMINKING, SoortSignaal.EERGERELATEERD_GEWELD}
    )
)
TWIJFEL_2019: Conditie = EenVan(
    tuple(
        antwoorden(v, "twijfel")
        for v in (
            V.VERMOEDEN,
            V.ACUTE_ONVEILIGHEID,
            V.STRUCTURELE_ONVEILIGHEID,
            V.HULP_MOGELIJK,
            V.HULP_AANVAARD,
            V.HULP_RESULTAAT,
        )
    )
)
TWIJFEL_2013: Conditie = EenVan(
    (antwoorden(V.VERMOEDEN, "twijfel"), antwoorden(V.KAN_BESCHERMEN, "twijfel"))
)

# --- the questions, in the afwegingskader's order --------------------------------------------

#: the questions of the weging of each protocol, in the afwegingskader's order
VRAGEN: dict[Protocol, tuple[Afweging, ...]] = {
    Protocol.P2019: (
        Afweging(
            vraag=V.VERMOEDEN,
            naam="afweging 1",
            tekst="Is er op basis van de stappen 1 t/m 3 een (sterk) vermoeden van huiselijk "
            "geweld en/of kindermishandeling?",
        ),
        Afweging(
            vraag=V.ACUTE_ONVEILIGHEID,
            naam="afweging 2",
            tekst="Is er sprake van acute onveiligheid?",
            voorwaarde=VERMOEDEN_BLIJFT,
        ),
        Afweging(
            vraag=V.STRUCTURELE_ONVEILIGHEID,
            naam="afweging 2",
            tekst="Is er sprake van structurele onveiligheid?",
            voorwaarde=VERMOEDEN_BLIJFT,
        ),
        Afweging(
            vraag=V.HULP_MOGELIJK,
            naam="afweging 3",
            tekst="Is de school of een ketenpartner in staat effectieve hulp te bieden of te "
            "organiseren, zodat de dreiging wordt afgewend?",
            voorwaarde=VERMOEDEN_JA,
        ),
        Afweging(
            vraag=V.HULP_AANVAARD,
            naam="afweging 4",
            tekst="Aanvaarden de betrokkenen de hulp en zijn zij bereid zich actief in te zetten?",
            voorwaarde=Alle((VERMOEDEN_JA, HULP_MOGELIJK)),
        ),
        Afweging(
            vraag=V.HULP_RESULTAAT,
            naam="afweging 5",
            tekst="Leidt de hulp binnen de afgesproken termijn tot de afgesproken resultaten?",
            voorwaarde=Alle((VERMOEDEN_JA, HULP_MOGELIJK, HULP_AANVAARD)),
        ),
    ),
    Protocol.P2013: (
        Afweging(
            vraag=V.VERMOEDEN,
            naam="stap 4",
            tekst="Blijft na het wegen van risico, aard en ernst een vermoeden van huiselijk "
            "geweld of kindermishandeling bestaan?",
        ),
        Afweging(
            vraag=V.KAN_BESCHERMEN,
            naam="stap 5",
            tekst="Kan de school de leerling en het gezin redelijkerwijs voldoende beschermen "
            "tegen het risico op huiselijk geweld of kindermishandeling?",
            voorwaarde=VERMOEDEN_BLIJFT,
        ),
    ),
}

#: decisions that can never both be taken; protocol 2013 chooses stap 5a *or* 5b. Under 2019 a
#: report does not end the help track (003 §1.5 "Twee beslissingen"; afweging 2B "De afwegingen
#: hierna worden samen met Veilig Thuis doorlopen"), so 5B closes the help also after a report:
#: ``melden`` and ``dossier_sluiten`` may then both hold. Afweging 1A still gives way to a report.
ONVERENIGBAAR: dict[Protocol, frozenset[frozenset[Beslispunt]]] = {
    Protocol.P2019: frozenset({frozenset({B.DOSSIER_SLUITEN, B.HULP_ORGANISEREN})}),
    Protocol.P2013: frozenset(
        {
            frozenset({B.DOSSIER_SLUITEN, B.MELDEN}),
            frozenset({B.DOSSIER_SLUITEN, B.HULP_ORGANISEREN}),
            frozenset({B.MELDEN, B.HULP_ORGANISEREN}),
        }
    ),
}

#: the order of urgency in which ``contacten`` are listed
CONTACTVOLGORDE: tuple[Partij, ...] = (
    Partij.POLITIE_112,
    Partij.VEILIG_THUIS,
    Partij.BESTUUR,
    Partij.LEC_EGG,
    Partij.JEUGDBESCHERMER,
    Partij.SOCIAAL_TEAM,
    Partij.GGD_JGZ,
    Partij.GEDRAGSDESKUNDIGE,
    Partij.JEUGDARTS,
    Partij.SOCIAAL_VERPLEEGKUNDIGE,
    Partij.INTERN_BEGELEIDER,
    Partij.DIRECTIE,
    Partij.ZORGADVIESTEAM,
    Partij.LEERPLICHT,
    Partij.COLLEGA,
    Partij.VERWIJSINDEX,
)

VT = (Partij.VEILIG_THUIS,)
OUDERGESPREK_OVERSLAAN = Beslist(B.OUDERGESPREK_OVERSLAAN)
#: the 2013 exceptions to the parent talk are exceptions for a report: "Het doen van een melding
#: bij het AMK zonder dat de signalen zijn besproken met de ouder, is alleen mogelijk als: ..."
#: (000 stap 3); help organised under 5a starts with "Bespreek uw zorgen met de ouder"
MELDEN_2013 = Beslist(B.MELDEN)
GEEN_VERMOEDEN = antwoorden(V.VERMOEDEN, "nee")

#: what contradicts afweging 1 answered *nee*: (code suffix, condition, what the case says)
_TEGENSTRIJDIG: tuple[tuple[str, Conditie, str, frozenset[Protocol]], ...] = (
    (
        "ernstig-letsel",
        ErIsSignaal(kenmerk="ernstig_letsel"),
        "een signaal noemt geweld met ernstig letsel",
        BEIDE,
    ),
    (
        "levensgevaar",
        ErIsSignaal(kenmerk="levensgevaar"),
        "een signaal noemt levensgevaar",
        BEIDE,
    ),
    (
        "onveiligheid-herhaalt-zich",
        Omstandigheid("onveiligheid_herhaalt_zich"),
        "de casus zegt dat de onveiligheid niet stopt of zich herhaalt",
        BEIDE,
    ),
    (
        "onveiligheid",
        ONVEILIGHEID_2019,
        "afweging 2 is beantwoord met acute of structurele onveiligheid (ja of twijfel)",
        P19,
    ),
    (
        # the signal asks for urgent contact (000 stap 3) whatever afweging 1 says: the spoed
        # stands, and the contradiction with "nee" is said, not settled
        "vgv-of-eergerelateerd",
        VGV_OF_EER,
        "een signaal wijst op (voorgenomen) meisjesbesnijdenis of eergerelateerd geweld",
        BEIDE,
    ),
)


def _tegenstrijdig(protocol: Protocol) -> tuple[Regel, ...]:
    """Afweging 1 *nee* beside a grave signal: never resolved silently, but warned and consulted.

    The route ends at 1A (no report: the always-report situations belong to step 5), and the
    rule raises a warning and advises consulting Veilig Thuis (the AMK), whose passage on doubt
    about the cause and possible unsafety it quotes.
    """
    jaar = protocol.value
    if protocol == Protocol.P2019:
        bron = Bron(FEDRA, "1.2 Stap 2. Overleggen met collega's, externen")
        citaat = (
            "Als de zorgcoördinator twijfelt over de oorzaak van de situatie en mogelijke "
            "onveiligheid bij het kind kan ook, eventueel anoniem, advies worden gevraagd bij "
            "Veilig Thuis."
        )
        wie = "Veilig Thuis"
    else:
        bron = Bron(
            JSO,
            "Stap 2: Collegiale consultatie en zo nodig raadplegen van het Advies- en Meldpunt "
            "Kindermishandeling",
        )
        citaat = (
            "Indien u ook maar enige twijfel heeft over de oorzaak van de situatie en/of "
            "eventuele mogelijke onveiligheid bij de leerling, moet u advies vragen bij het AMK."
        )
        wie = "het AMK (nu Veilig Thuis)"
    regels = []
    for naam, conditie, wat, protocollen in _TEGENSTRIJDIG:
        if protocol not in protocollen:
            continue
        tekst = (
            f"Afweging 1 is 'nee' (de zorgen zijn weggenomen), maar {wat}. Dat spreekt elkaar "
            f"tegen en wordt niet stil opgelost: ga na of de weging klopt en vraag (eventueel "
            f"anoniem) advies aan {wie}."
        )
        regels.append(
            Regel(
                id=f"{jaar}.tegenstrijdig.vermoeden-nee-{naam}",
                protocollen=frozenset({protocol}),
                bron=bron,
                citaat=citaat,
                als=Alle((GEEN_VERMOEDEN, conditie)),
                dan=Conclusie(
                    beslissingen=frozenset({B.VEILIG_THUIS_RAADPLEGEN}),
                    contacten=VT,
                    waarschuwingen=(
                        Waarschuwt(code=f"tegenstrijdig.vermoeden-nee-{naam}", tekst=tekst),
                    ),
                ),
                toelichting=f"{tekst} Met afweging 1 'nee' eindigt de route bij het vastleggen "
                "en sluiten van het dossier; er wordt niet op eigen gezag gemeld.",
            )
        )
    return tuple(regels)


#: the cited core rules of both protocols (report, help, consult, close, and warnings for
#: contradictory input); with ``ROUTES`` they make up the national rule base
REGELS: tuple[Regel, ...] = (
    # ===== contradictory input: warned, never resolved silently =============================
    *_tegenstrijdig(Protocol.P2019),
    *_tegenstrijdig(Protocol.P2013),
    Regel(
        id="2019.tegenstrijdig.resultaat-ja-onveiligheid-herhaalt-zich",
        protocollen=P19,
        bron=Bron(FEDRA, "1.2 Stap 2. Overleggen met collega's, externen"),
        citaat="Als de zorgcoördinator twijfelt over de oorzaak van de situatie en mogelijke "
        "onveiligheid bij het kind kan ook, eventueel anoniem, advies worden gevraagd bij "
        "Veilig Thuis.",
        als=Alle(
            (
                VERMOEDEN_JA,
                HULP_MOGELIJK,
                HULP_AANVAARD,
                antwoorden(V.HULP_RESULTAAT, "ja"),
                Omstandigheid("onveiligheid_herhaalt_zich"),
            )
        ),
        dan=Conclusie(
            beslissingen=frozenset({B.VEILIG_THUIS_RAADPLEGEN}),
            contacten=VT,
            waarschuwingen=(
                Waarschuwt(
                    code="tegenstrijdig.resultaat-ja-onveiligheid-herhaalt-zich",
                    tekst="Afweging 5 is 'ja' (de hulp leidt tot de afgesproken resultaten), "
                    "maar de casus zegt dat de onveiligheid niet stopt of zich herhaalt. Dat "
                    "spreekt elkaar tegen en wordt niet stil opgelost: er wordt gemeld, de hulp "
                    "wordt afgesloten; ga na of de weging klopt en vraag (eventueel anoniem) "
                    "advies aan Veilig Thuis.",
                ),
            ),
        ),
        toelichting="Afweging 5B (resultaat bereikt) en onveiligheid die zich herhaalt ondanks "
        "de hulp (003 §1.5.1: altijd melden) spreken elkaar tegen: beide gelden, met een "
        "waarschuwing en het advies Veilig Thuis te raadplegen.",
    ),
    # ===== protocol 2019: the afwegingskader (003 Figuur 2) and stap 5 (003 §1.5) ==========
    Regel(
        id="2019.afweging-1.geen-actie",
        protocollen=P19,
        bron=Bron(FEDRA, "Figuur 2, afweging 1A"),
        citaat="Op basis van deze doorlopen stappen is geen actie nodig: dossier vastleggen en "
        "sluiten.",
        als=antwoorden(V.VERMOEDEN, "nee"),
        dan=Conclusie(beslissingen=frozenset({B.DOSSIER_SLUITEN})),
        tenzij=frozenset({B.MELDEN}),
        toelichting="De zorgen zijn in stap 1 t/m 3 weggenomen: leg het dossier vast en sluit het.",
    ),
    Regel(
        id="2019.stap-4.vermoeden-verplicht-raadplegen",
        protocollen=P19,
        bron=Bron(FEDRA, "1.4 Stap 4. Wegen van geweld/kindermishandeling"),
        citaat="Wanneer in deze fase een vermoeden van kindermishandeling of huiselijk geweld "
        "blijft bestaan, is de school verplicht om Veilig Thuis te raadplegen.",
        als=VERMOEDEN_BLIJFT,
        dan=Conclusie(beslissingen=frozenset({B.VEILIG_THUIS_RAADPLEGEN}), contacten=VT),
        toelichting="Het vermoeden blijft bestaan: Veilig Thuis raadplegen is verplicht.",
    ),
    Regel(
        id="2019.afweging-2.onveiligheid",
        protocollen=P19,
        bron=Bron(FEDRA, "Figuur 2, afweging 2B"),
        citaat="Ja of twijfel. Direct melding doen bij Veilig Thuis. De afwegingen hierna worden "
        "samen met Veilig Thuis doorlopen.",
        als=Alle((VERMOEDEN_JA, ONVEILIGHEID_2019)),
        dan=Conclusie(beslissingen=frozenset({B.MELDEN}), contacten=VT),
        toelichting="Acute en/of structurele onveiligheid (ja of twijfel): direct melden bij "
        "Veilig Thuis. De melding beëindigt de hulp niet: afweging 3 t/m 5 volgen samen met "
        "Veilig Thuis (twee losse besluiten).",
    ),
    Regel(
        id="2019.stap-5.altijd-melden.onveiligheid",
        protocollen=P19,
        bron=Bron(FEDRA, "1.5.1 Beslissing melding Veilig Thuis"),
        citaat="In alle gevallen van (vermoeden van) acute en/of structurele onveiligheid.",
        als=Alle((STAP_5_2019, EenVan((ONVEILIGHEID_2019, ErIsSignaal(kenmerk="levensgevaar"))))),
        dan=Conclusie(beslissingen=frozenset({B.MELDEN}), contacten=VT),
        toelichting="Stap 5 (na afweging 1B): (een vermoeden van) acute of structurele "
        "onveiligheid wordt altijd gemeld bij Veilig Thuis.",
    ),
    Regel(
        id="2019.stap-5.altijd-melden.ernstig-letsel",
        protocollen=P19,
        bron=Bron(FEDRA, "1.5.1 Beslissing melding Veilig Thuis"),
        citaat="In alle gevallen van geweld met ernstig letsel.",
        als=Alle((STAP_5_2019, ErIsSignaal(kenmerk="ernstig_letsel"))),
        dan=Conclusie(beslissingen=frozenset({B.MELDEN}), contacten=VT),
        toelichting="Stap 5 (na afweging 1B): geweld met ernstig letsel wordt altijd gemeld bij "
        "Veilig Thuis.",
    ),
    Regel(
        id="2019.stap-5.altijd-melden.onveiligheid-herhaalt-zich",
        protocollen=P19,
        bron=Bron(FEDRA, "1.5.1 Beslissing melding Veilig Thuis"),
        citaat="Wanneer de onveiligheid van het kind niet stopt of zich herhaalt, ondanks "
        "geboden hulp.",
        als=Alle((STAP_5_2019, Omstandigheid("onveiligheid_herhaalt_zich"))),
        dan=Conclusie(beslissingen=frozenset({B.MELDEN}), contacten=VT),
        toelichting="Stap 5 (na afweging 1B): de onveiligheid stopt niet of herhaalt zich "
        "ondanks hulp: melden bij Veilig Thuis.",
    ),
    Regel(
        id="2019.afweging-3.geen-effectieve-hulp",
        protocollen=P19,
        bron=Bron(FEDRA, "Figuur 2, afweging 3A"),
        citaat="Nee. Melden bij Veilig Thuis. Zij nemen binnen vijf werkdagen een besluit en "
        "koppelen dit terug naar de melder.",
        als=Alle((VERMOEDEN_JA, antwoorden(V.HULP_MOGELIJK, "nee"))),
        dan=Conclusie(beslissingen=frozenset({B.MELDEN}), contacten=VT),
        toelichting="De school of een ketenpartner kan geen effectieve hulp bieden of "
        "organiseren: melden. Veilig Thuis besluit binnen vijf werkdagen.",
    ),
    Regel(
        id="2019.afweging-4.hulp-niet-aanvaard",
        protocollen=P19,
        bron=Bron(FEDRA, "Figuur 2, afweging 4C"),
        citaat="Nee. Melden bij Veilig Thuis.",
        als=Alle((VERMOEDEN_JA, HULP_MOGELIJK, antwoorden(V.HULP_AANVAARD, "nee"))),
        dan=Conclusie(beslissingen=frozenset({B.MELDEN}), contacten=VT),
        toelichting="De betrokkenen aanvaarden de hulp niet: melden.",
    ),
    Regel(
        id="2019.afweging-4.hulp-aanvaard",
        protocollen=P19,
        bron=Bron(FEDRA, "Figuur 2, afweging 4D"),
        citaat="Ja. Hulp in gang zetten. Termijn afspreken waarbinnen effect merkbaar of meetbaar "
        "moet zijn.",
        als=Alle((VERMOEDEN_JA, HULP_MOGELIJK, HULP_AANVAARD)),
        dan=Conclusie(beslissingen=frozenset({B.HULP_ORGANISEREN})),
        tenzij=frozenset({B.DOSSIER_SLUITEN}),
        toelichting="Hulp in gang zetten, een termijn afspreken, rollen en casemanager vastleggen; "
        "na de termijn volgt afweging 5. Ook na een melding wordt de hulp (samen met Veilig "
        "Thuis) georganiseerd.",
    ),
    Regel(
        id="2019.afweging-5.geen-resultaat",
        protocollen=P19,
        bron=Bron(FEDRA, "Figuur 2, afweging 5A"),
        citaat="Nee. Melden bij Veilig Thuis.",
        als=Alle((VERMOEDEN_JA, HULP_MOGELIJK, HULP_AANVAARD, antwoorden(V.HULP_RESULTAAT, "nee"))),
        dan=Conclusie(beslissingen=frozenset({B.MELDEN}), contacten=VT),
        toelichting="De hulp leidt niet binnen de termijn tot het afgesproken resultaat: melden.",
    ),
    Regel(
        id="2019.afweging-5.resultaat-bereikt",
        protocollen=P19,
        bron=Bron(FEDRA, "Figuur 2, afweging 5B"),
        citaat="Ja. Hulp afsluiten met vastgelegde afspraken over het monitoren van de veiligheid "
        "van alle betrokkenen.",
        als=Alle((VERMOEDEN_JA, HULP_MOGELIJK, HULP_AANVAARD, antwoorden(V.HULP_RESULTAAT, "ja"))),
        dan=Conclusie(
            beslissingen=frozenset({B.DOSSIER_SLUITEN}),
            acties=(Opdracht(taak=Taak.MONITORING_AFSPREKEN, rol=Rol.AANDACHTSFUNCTIONARIS),),
        ),
        toelichting="Het resultaat is bereikt: sluit de hulp af en leg afspraken vast over het "
        "monitoren van de veiligheid van alle betrokkenen. Dat geldt ook als er is gemeld: na "
        "afweging 2B worden de afwegingen samen met Veilig Thuis doorlopen.",
    ),
    Regel(
        id="2019.stap-5.twijfel-over-hulp",
        protocollen=P19,
        bron=Bron(FEDRA, "1.5.2 Hulp school"),
        citaat="Wanneer de school niet in staat is om hulp te verlenen op basis van bovengenoemde "
        "punten, is melden bij Veilig Thuis noodzakelijk.",
        als=Alle(
            (
                VERMOEDEN_JA,
                EenVan(
                    (
                        antwoorden(V.HULP_MOGELIJK, "twijfel"),
                        Alle((HULP_MOGELIJK, antwoorden(V.HULP_AANVAARD, "twijfel"))),
                        Alle(
                            (
                                HULP_MOGELIJK,
                                HULP_AANVAARD,
                                antwoorden(V.HULP_RESULTAAT, "twijfel"),
                            )
                        ),
                    )
                ),
            )
        ),
        dan=Conclusie(beslissingen=frozenset({B.MELDEN}), contacten=VT),
        toelichting="Hulp door de school vraagt dat hulp mogelijk is, dat betrokkenen meewerken "
        "en dat de hulp tot duurzame veiligheid leidt; twijfel daarover betekent melden.",
    ),
    Regel(
        id="2019.stap-2.twijfel-advies-veilig-thuis",
        protocollen=P19,
        bron=Bron(FEDRA, "1.2 Stap 2. Overleggen met collega's, externen"),
        citaat="Als de zorgcoördinator twijfelt over de oorzaak van de situatie en mogelijke "
        "onveiligheid bij het kind kan ook, eventueel anoniem, advies worden gevraagd bij "
        "Veilig Thuis.",
        als=TWIJFEL_2019,
        dan=Conclusie(beslissingen=frozenset({B.VEILIG_THUIS_RAADPLEGEN}), contacten=VT),
        toelichting="Er is twijfel: vraag (eventueel anoniem) advies aan Veilig Thuis.",
    ),
    Regel(
        id="2019.noodsituatie.direct-contact-veilig-thuis",
        protocollen=P19,
        bron=Bron(FEDRA, "Noodsituaties"),
        citaat="Bij signalen die wijzen op acuut of zodanig ernstig geweld dat een kind of een "
        "gezinslid onmiddellijk moet worden beschermd, neemt de school direct contact op met "
        "Veilig Thuis.",
        als=ACUUT_2019,
        dan=Conclusie(beslissingen=frozenset({B.SPOED, B.VEILIG_THUIS_RAADPLEGEN}), contacten=VT),
        toelichting="Noodsituatie: signalen van acuut óf zodanig ernstig geweld dat het kind "
        "onmiddellijk moet worden beschermd (acute onveiligheid, levensgevaar). Neem direct "
        "contact op met Veilig Thuis, wat de weging ook is; Veilig Thuis weegt de ernst (24 uur "
        "per dag bereikbaar). Ernstig letsel alleen is geen noodsituatie: het wordt in stap 5 "
        "altijd gemeld.",
    ),
    Regel(
        id="2019.contact.112-levensgevaar",
        protocollen=P19,
        bron=Bron(
            HANDELINGSWIJZER,
            "Wanneer leg je met welke partij contact?, Moet er onmiddellijk ingegrepen worden?",
        ),
        citaat="Bel 112 voor Brandweer, Politie of Ambulance.",
        als=EenVan(
            (
                ErIsSignaal(kenmerk="levensgevaar"),
                Alle(
                    (
                        ErIsSignaal(kenmerk="ernstig_letsel"),
                        antwoorden(V.ACUTE_ONVEILIGHEID, "ja", "twijfel"),
                    )
                ),
            )
        ),
        dan=Conclusie(
            beslissingen=frozenset({B.SPOED}),
            contacten=(Partij.POLITIE_112,),
            acties=(Opdracht(taak=Taak.BELLEN_112, rol=Rol.MEDEWERKER, partij=Partij.POLITIE_112),),
        ),
        toelichting="Alleen in geval van leven of dood of risico op ernstig letsel moet er "
        "onmiddellijk worden ingegrepen: bel 112 (politie). Veilig Thuis volgt uit de "
        "noodsituatie.",
    ),
    Regel(
        id="2019.stap-4.eergerelateerd-lec-egg",
        protocollen=P19,
        bron=Bron(FEDRA, "1.4 Stap 4. Wegen van geweld/kindermishandeling"),
        citaat="In deze situatie kan ook het Landelijk Expertise Centrum Eengerelateerd Geweld "
        "(LEC EGG) van de politie om advies worden gevraagd.",
        als=ErIsSignaal(soorten=frozenset({SoortSignaal.EERGERELATEERD_GEWELD})),
        dan=Conclusie(contacten=(Partij.LEC_EGG,)),
        toelichting="Mogelijk eergerelateerd geweld: ook het LEC EGG van de politie kan om "
        "advies worden gevraagd (Veilig Thuis wordt met spoed geraadpleegd).",
    ),
    Regel(
        id="2019.stap-5.oudergesprek-overslaan",
        protocollen=P19,
        bron=Bron(FEDRA, "1.5.1 Beslissing melding Veilig Thuis"),
        citaat="De school kan afzien van een gesprek met de ouders over de melding als de "
        "veiligheid van de leerling, de melder of andere betrokkenen gevaar loopt, of als er "
        "een goede reden is te veronderstellen dat de ouders het contact met de school gaan "
        "verbreken.",
        als=EenVan(
            (Omstandigheid("veiligheid_in_geding"), Omstandigheid("contact_verbreken_verwacht"))
        ),
        dan=Conclusie(beslissingen=frozenset({B.OUDERGESPREK_OVERSLAAN})),
        toelichting="De veiligheid van leerling, melder of anderen is in gevaar, of de ouders "
        "zullen naar verwachting het contact verbreken: het gesprek met de ouders mag "
        "vervallen.",
    ),
    Regel(
        id="2019.stap-1.ouders-niet-aanspreekbaar",
        protocollen=P19,
        bron=Bron(FEDRA, "1.1 Stap 1. Signaleren, observeren en in kaart brengen"),
        citaat="Er zijn situaties waarin een gesprek met de ouders niet in het belang van de "
        "leerling is. Dit speelt als de veiligheid van de leerling, de melder of andere "
        "betrokkenen gevaar loopt of als de ouders niet aanspreekbaar zijn.",
        als=EenVan(
            (Omstandigheid("ouders_niet_aanspreekbaar"), Omstandigheid("veiligheid_in_geding"))
        ),
        dan=Conclusie(beslissingen=frozenset({B.OUDERGESPREK_OVERSLAAN})),
        toelichting="Een gesprek met de ouders is niet in het belang van de leerling: de ouders "
        "zijn niet aanspreekbaar of de veiligheid loopt gevaar.",
    ),
    Regel(
        id="2019.stap-5.oudergesprek-overleg-veilig-thuis",
        protocollen=P19,
        bron=Bron(FEDRA, "1.5.1 Beslissing melding Veilig Thuis"),
        citaat="Hierover is altijd overleg met Veilig Thuis.",
        als=OUDERGESPREK_OVERSLAAN,
        dan=Conclusie(beslissingen=frozenset({B.VEILIG_THUIS_RAADPLEGEN}), contacten=VT),
        toelichting="Overleg het overslaan van het gesprek met de ouders altijd met Veilig Thuis.",
    ),
    Regel(
        id="2019.stap-5.oudergesprek-overwegingen-vastleggen",
        protocollen=P19,
        bron=Bron(FEDRA, "1.5.1 Beslissing melding Veilig Thuis"),
        citaat="Het is van groot belang de overwegingen die ertoe leiden om niet in gesprek te "
        "gaan, goed te beschrijven.",
        als=OUDERGESPREK_OVERSLAAN,
        dan=Conclusie(),
        toelichting="Leg de redenen vast waarom het gesprek met de ouders niet plaatsvindt.",
    ),
    Regel(
        id="2019.stap-2.advies-altijd-anoniem",
        protocollen=P19,
        bron=Bron(
            HANDELINGSWIJZER, "Stap 2: Overleg met collegae en raadpleeg eventueel Veilig Thuis"
        ),
        citaat="Consulteer ook (anoniem) Veilig Thuis, Sociaal Team of GGD-JGZ.",
        als=EenVan((OUDERGESPREK_OVERSLAAN, Omstandigheid("ouders_weigeren_toestemming"))),
        dan=Conclusie(),
        toelichting="Advies vragen aan Veilig Thuis kan altijd, ook anoniem.",
    ),
    Regel(
        id="2019.stap-3.weigering-toestemming",
        protocollen=P19,
        bron=Bron(FEDRA, "1.3 Stap 3. Gesprek met ouders, leerling"),
        citaat="Als ouders die toestemming weigeren, is dit een zorgelijk signaal dat meegenomen "
        "moet worden in de verdere weging.",
        als=Omstandigheid("ouders_weigeren_toestemming"),
        dan=Conclusie(),
        toelichting="De ouders weigeren toestemming: een zorgelijk signaal voor de weging; "
        "consultatie kan dan alleen anoniem.",
    ),
    # ===== both protocols ==================================================================
    Regel(
        id="2013+2019.stap-3.spoed-vgv-eergerelateerd",
        protocollen=BEIDE,
        bron=Bron(JSO, "Stap 3: Gesprek met de ouder"),
        citaat="In geval van een vermoeden van (voorgenomen) vrouwelijke genitale verminking "
        "(meisjesbesnijdenis) of eer gerelateerd geweld neemt u met spoed contact op met het "
        "AMK.",
        als=VGV_OF_EER,
        dan=Conclusie(beslissingen=frozenset({B.SPOED, B.VEILIG_THUIS_RAADPLEGEN}), contacten=VT),
        toelichting="Vermoeden van (voorgenomen) meisjesbesnijdenis of eergerelateerd geweld: "
        "met spoed contact opnemen met Veilig Thuis (voorheen het AMK).",
    ),
    Regel(
        id="2013+2019.stap-1.pleger-is-medewerker",
        protocollen=BEIDE,
        bron=Bron(JSO, "Stap 1: In kaart brengen van signalen"),
        citaat="Indien de signalen duiden op kindermishandeling gepleegd door een medewerker van "
        "de school dan dient dit onmiddellijk gemeld te worden bij het schoolbestuur",
        als=ErIsSignaal(kenmerk="pleger_is_medewerker"),
        dan=Conclusie(
            contacten=(Partij.BESTUUR,),
            acties=(
                Opdracht(taak=Taak.BESTUUR_INFORMEREN, rol=Rol.MEDEWERKER, partij=Partij.BESTUUR),
            ),
        ),
        toelichting="De signalen wijzen op een medewerker van de school: meld dit onmiddellijk "
        "bij het schoolbestuur.",
    ),
    # ===== protocol 2013: stap 5a hulp organiseren of 5b melden (000, 001) ==================
    Regel(
        id="2013.stap-3.andere-oorzaak",
        protocollen=P13,
        bron=Bron(JSO, "Stap 3: Gesprek met de ouder"),
        citaat="Indien tijdens het gesprek met de ouder blijkt dat de zorgen een andere oorzaak "
        "hebben, kunt u dit traject afsluiten.",
        als=antwoorden(V.VERMOEDEN, "nee"),
        dan=Conclusie(beslissingen=frozenset({B.DOSSIER_SLUITEN})),
        tenzij=frozenset({B.MELDEN}),
        toelichting="De zorgen hebben een andere oorzaak: het traject kan worden afgesloten.",
    ),
    Regel(
        id="2013.stap-2.twijfel-advies-amk",
        protocollen=P13,
        bron=Bron(
            JSO,
            "Stap 2: Collegiale consultatie en zo nodig raadplegen van het Advies- "
            "en Meldpunt Kindermishandeling",
        ),
        citaat="Indien u ook maar enige twijfel heeft over de oorzaak van de situatie en/of "
        "eventuele mogelijke onveiligheid bij de leerling, moet u advies vragen bij het AMK.",
        als=TWIJFEL_2013,
        dan=Conclusie(beslissingen=frozenset({B.VEILIG_THUIS_RAADPLEGEN}), contacten=VT),
        toelichting="Bij enige twijfel moet advies worden gevraagd bij het AMK (nu Veilig Thuis).",
    ),
    Regel(
        id="2013.stap-4.oordeel-amk",
        protocollen=P13,
        bron=Bron(JSO, "Route bij signalen, Stap 4"),
        citaat="Weeg risico, aard en ernst van de kindermishandeling of huiselijk geweld.. Vraag "
        "het AMK hierover een oordeel te geven.",
        als=VERMOEDEN_BLIJFT,
        dan=Conclusie(beslissingen=frozenset({B.VEILIG_THUIS_RAADPLEGEN}), contacten=VT),
        toelichting="Vraag het AMK (nu Veilig Thuis) een oordeel over risico, aard en ernst.",
    ),
    Regel(
        id="2013.stap-5a.hulp-organiseren",
        protocollen=P13,
        bron=Bron(JSO, "Stap 5a: Hulp organiseren en effecten volgen"),
        citaat="Meent u, op basis van uw afweging in stap 4, dat u de leerling en zijn gezin "
        "redelijkerwijs voldoende tegen het risico op huiselijk geweld of op kindermishandeling "
        "kunt beschermen: organiseer dan de noodzakelijke hulp;",
        als=Alle((VERMOEDEN_BLIJFT, antwoorden(V.KAN_BESCHERMEN, "ja"))),
        dan=Conclusie(beslissingen=frozenset({B.HULP_ORGANISEREN})),
        tenzij=frozenset({B.MELDEN}),
        toelichting="Organiseer de noodzakelijke hulp, volg de effecten en meld alsnog als het "
        "geweld niet stopt of opnieuw begint.",
    ),
    Regel(
        id="2013.stap-5b.melden",
        protocollen=P13,
        bron=Bron(JSO, "Stap 5b: Melden en bespreken met de ouder"),
        citaat="Kunt u uw leerling niet voldoende tegen het risico op huiselijk geweld of "
        "kindermishandeling beschermen, of twijfelt u er aan of u hiertegen voldoende "
        "bescherming kunt bieden: meld uw vermoeden bij het Advies- en Meldpunt "
        "Kindermishandeling;",
        als=Alle((VERMOEDEN_BLIJFT, antwoorden(V.KAN_BESCHERMEN, "nee", "twijfel"))),
        dan=Conclusie(beslissingen=frozenset({B.MELDEN}), contacten=VT),
        toelichting="De school kan de leerling niet voldoende beschermen of twijfelt daaraan: "
        "meld het vermoeden bij het AMK (nu Veilig Thuis).",
    ),
    Regel(
        id="2013.stap-5a.alsnog-melden",
        protocollen=P13,
        bron=Bron(JSO, "Stap 5a: Hulp organiseren en effecten volgen"),
        citaat="doe alsnog een melding als er signalen zijn dat het huiselijk geweld of de "
        "kindermishandeling niet stopt, of opnieuw begint.",
        als=Alle((VERMOEDEN_BLIJFT, Omstandigheid("onveiligheid_herhaalt_zich"))),
        dan=Conclusie(beslissingen=frozenset({B.MELDEN}), contacten=VT),
        toelichting="Het geweld stopt niet of begint opnieuw: alsnog melden.",
    ),
    Regel(
        id="2013.stap-3.oudergesprek-overslaan.veiligheid",
        protocollen=P13,
        bron=Bron(JSO, "Stap 3: Gesprek met de ouder"),
        citaat="Het doen van een melding bij het AMK zonder dat de signalen zijn besproken met de "
        "ouder, is alleen mogelijk als: de veiligheid van de ouder, die van u zelf, of die van "
        "een ander in het geding is; of",
        als=Alle((Omstandigheid("veiligheid_in_geding"), MELDEN_2013)),
        dan=Conclusie(beslissingen=frozenset({B.OUDERGESPREK_OVERSLAAN})),
        toelichting="Er wordt gemeld en de veiligheid van de ouder, de melder of een ander is in "
        "het geding: melden zonder de signalen eerst met de ouder te bespreken is toegestaan.",
    ),
    Regel(
        id="2013.stap-3.oudergesprek-overslaan.contact-verbreken",
        protocollen=P13,
        bron=Bron(JSO, "Stap 3: Gesprek met de ouder"),
        citaat="Het doen van een melding bij het AMK zonder dat de signalen zijn besproken met de "
        "ouder, is alleen mogelijk als: de veiligheid van de ouder, die van u zelf, of die van "
        "een ander in het geding is; of als u goede redenen hebt om te veronderstellen dat de "
        "ouder door dit gesprek het contact met u zal verbreken en de school zal verlaten.",
        als=Alle((Omstandigheid("contact_verbreken_verwacht"), MELDEN_2013)),
        dan=Conclusie(beslissingen=frozenset({B.OUDERGESPREK_OVERSLAAN})),
        toelichting="Er wordt gemeld en er zijn goede redenen om te verwachten dat de ouder het "
        "contact verbreekt en de school verlaat: melden zonder voorafgaand gesprek is "
        "toegestaan.",
    ),
    Regel(
        id="2013.stap-3.advies-altijd-anoniem",
        protocollen=P13,
        bron=Bron(JSO, "Stap 3: Gesprek met de ouder"),
        citaat="Bij het vragen van advies aan het AMK geldt dit niet, advies vragen mag altijd "
        "anoniem.",
        als=EenVan((OUDERGESPREK_OVERSLAAN, Omstandigheid("ouders_weigeren_toestemming"))),
        dan=Conclusie(),
        toelichting="Advies vragen aan het AMK (nu Veilig Thuis) mag altijd anoniem.",
    ),
    Regel(
        id="2013.stap-1.vastleggen",
        protocollen=P13,
        bron=Bron(JSO, "Stap 1: In kaart brengen van signalen"),
        citaat="Leg ook de contacten over de signalen vast, evenals de stappen die worden gezet "
        "en de besluiten die worden genomen.",
        als=ErIsSignaal(),
        dan=Conclusie(acties=(Opdracht(taak=Taak.VASTLEGGEN, rol=Rol.MEDEWERKER),)),
        toelichting="Leg de signalen vast, en ook de contacten over de signalen, de stappen die "
        "worden gezet en de besluiten die worden genomen.",
    ),
    Regel(
        id="2013.stap-2.weigering-toestemming",
        protocollen=P13,
        bron=Bron(
            JSO,
            "Stap 2: Collegiale consultatie en zo nodig raadplegen van het Advies- "
            "en Meldpunt Kindermishandeling",
        ),
        citaat="Indien de ouder weigert, is dit een zorgelijk signaal en moet het worden "
        "meegenomen in de weging (stap 4).",
        als=Omstandigheid("ouders_weigeren_toestemming"),
        dan=Conclusie(),
        toelichting="De ouder weigert toestemming: een zorgelijk signaal voor de weging; de "
        "leerling kan dan alleen anoniem worden besproken.",
    ),
    Regel(
        id="2013.noodsituatie.advies-amk",
        protocollen=P13,
        bron=Bron(JSO, "Noodsituaties"),
        citaat="Bij signalen die wijzen op acuut en zodanig ernstig geweld dat de leerling of een "
        "gezinslid daartegen onmiddellijk moet worden beschermd, kunt u meteen advies vragen "
        "aan het Advies- en Meldpunt Kindermishandeling.",
        als=ErIsSignaal(kenmerk="levensgevaar"),
        dan=Conclusie(beslissingen=frozenset({B.SPOED, B.VEILIG_THUIS_RAADPLEGEN}), contacten=VT),
        toelichting="Noodsituatie: signalen van acuut én zodanig ernstig geweld dat de leerling "
        "onmiddellijk moet worden beschermd (levensgevaar). Vraag meteen advies aan het AMK (nu "
        "Veilig Thuis); zo nodig kan in hetzelfde gesprek een melding worden gedaan. Ernstig "
        "letsel alleen is onder de meldcode 2013 geen noodsituatie: volg de stappen.",
    ),
    Regel(
        id="2013.noodsituatie.politie",
        protocollen=P13,
        bron=Bron(JSO, "Noodsituaties"),
        citaat="In noodsituaties kunt u overigens ook contact zoeken met de crisisdienst van het "
        "Bureau Jeugdzorg en/of de politie vragen om hulp te bieden.",
        als=ErIsSignaal(kenmerk="levensgevaar"),
        dan=Conclusie(
            beslissingen=frozenset({B.SPOED}),
            contacten=(Partij.POLITIE_112,),
            acties=(Opdracht(taak=Taak.BELLEN_112, rol=Rol.MEDEWERKER, partij=Partij.POLITIE_112),),
        ),
        toelichting="Levensgevaar: vraag de politie (112) om hulp.",
    ),
)
