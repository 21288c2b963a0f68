"""Readable Dutch explanations of a ``Besluit`` and its grounds, for professionals."""

from __future__ import annotations

import textwrap

from meldcode.domain._validatie import toon
from meldcode.domain.besluit import Besluit, Contactgegevens
from meldcode.domain.casus import Casus
from meldcode.domain.waarden import (
    Beslispunt,
    Oordeel,
    Partij,
    Protocol,
    Rol,
    SignaalBron,
    SoortSignaal,
    Taak,
)
from meldcode.errors import Fout, OngeldigeInvoer
from meldcode.rules.model import Regelbasis
from meldcode.rules.versies import VERSIES

__all__ = [
    "BESLISPUNT_LABELS",
    "BRON_LABELS",
    "KENMERK_LABELS",
    "OMSTANDIGHEID_LABELS",
    "OORDEEL_LABELS",
    "PARTIJ_LABELS",
    "ROL_LABELS",
    "SOORT_LABELS",
    "TAAK_LABELS",
    "partij_label",
    "rol_label",
    "uitleg",
]

#: the labels shown to professionals for each Beslispunt
BESLISPUNT_LABELS: dict[Beslispunt, str] = {
    Beslispunt.MELDEN: "Melden bij Veilig Thuis",
    Beslispunt.HULP_ORGANISEREN: "Hulp organiseren en effect volgen",
    Beslispunt.DOSSIER_SLUITEN: "Dossier vastleggen en sluiten",
    Beslispunt.VEILIG_THUIS_RAADPLEGEN: "Veilig Thuis raadplegen",
    Beslispunt.SPOED: "Spoed: direct contact opnemen",
    Beslispunt.OUDERGESPREK_OVERSLAAN: "Gesprek met de ouders mag vervallen",
    Beslispunt.BESPREKEN_MET_KIND: "Melding ook bespreken met het kind",
}

#: the labels shown to professionals for each Partij (see ``partij_label`` for protocol 2013)
PARTIJ_LABELS: dict[Partij, str] = {
    Partij.INTERN_BEGELEIDER: "intern begeleider / aandachtsfunctionaris",
    Partij.COLLEGA: "collega",
    Partij.DIRECTIE: "directie",
    Partij.BESTUUR: "schoolbestuur",
    Partij.SOCIAAL_VERPLEEGKUNDIGE: "sociaal verpleegkundige",
    Partij.JEUGDARTS: "jeugdarts",
    Partij.GGD_JGZ: "GGD-JGZ",
    Partij.ZORGADVIESTEAM: "zorgadviesteam (ZAT)",
    Partij.LEERPLICHT: "leerplichtambtenaar",
    Partij.SOCIAAL_TEAM: "Sociaal Team (casemanager jeugd)",
    Partij.JEUGDBESCHERMER: "jeugdbeschermer",
    Partij.VEILIG_THUIS: "Veilig Thuis",
    Partij.POLITIE_112: "politie (112)",
    Partij.LEC_EGG: "LEC Eergerelateerd Geweld (politie)",
    Partij.VERWIJSINDEX: "Verwijsindex / Zorg voor Jeugd",
    Partij.GEDRAGSDESKUNDIGE: "gedragsdeskundige op school",
}

#: the labels shown to professionals for each Rol (see ``rol_label`` for a profile's own name)
ROL_LABELS: dict[Rol, str] = {
    Rol.LEERKRACHT: "leerkracht",
    Rol.AANDACHTSFUNCTIONARIS: "aandachtsfunctionaris",
    Rol.DIRECTIE: "directie",
    Rol.BESTUUR: "schoolbestuur",
    Rol.ONDERSTEUNINGSTEAM: "ondersteuningsteam",
    Rol.SOCIAAL_VERPLEEGKUNDIGE: "sociaal verpleegkundige",
    Rol.MEDEWERKER: "medewerker die signaleert",
}

#: each Taak as an instruction to professionals (who does what, and the follow-up)
TAAK_LABELS: dict[Taak, str] = {
    Taak.BELLEN_112: "bel 112",
    Taak.BESTUUR_INFORMEREN: "informeer onmiddellijk het schoolbestuur",
    Taak.MELDEN: "doe de melding",
    Taak.BESCHERMING_OVERLEGGEN: "overleg bij de melding wat de school daarna nog kan doen om "
    "kind en gezin te beschermen",
    Taak.CONTACT_OPNEMEN: "neem contact op",
    Taak.VEILIG_THUIS_RAADPLEGEN: "raadpleeg Veilig Thuis (eventueel anoniem)",
    Taak.VERTROUWENSINSPECTEUR_RAADPLEGEN: "overleg met de vertrouwensinspecteur",
    Taak.MELDEN_BIJ_POLITIE_OF_JUSTITIE: "meld het vermoeden bij politie of justitie",
    Taak.KINDCHECK: "doe de kindcheck: wonen er meer kinderen bij de ouders, wie zorgt voor hen?",
    Taak.OVERLEGGEN: "bespreek de signalen",
    Taak.LEERKRACHTEN_BETREKKEN: "betrek eerdere leerkrachten van de leerling en de leerkrachten "
    "van broertjes en zusjes bij het overleg",
    Taak.UITKOMST_OVERLEG_DELEN: "deel de uitkomst van het overleg met anderen met de ouders (en "
    "het kind)",
    Taak.ALLEEN_ANONIEM_BESPREKEN: "bespreek de leerling met externen alleen anoniem",
    Taak.VASTLEGGEN_WIE_MELDT: "leg vast wie de melding doet",
    Taak.MELDING_BESPREKEN_MET_OUDERS: "bespreek de voorgenomen melding met de ouders",
    Taak.MELDING_BESPREKEN_MET_KIND: "bespreek de voorgenomen melding ook met de leerling",
    Taak.TOESTEMMING_AANTONEN: "leg vast hoe is geprobeerd toestemming voor de melding te krijgen",
    Taak.COORDINEREN: "coördineer de uitvoering van de meldcode",
    Taak.HULP_COORDINEREN: "coördineer de hulp en volg de effecten",
    Taak.LICHTE_ONDERSTEUNING_ORGANISEREN: "organiseer lichte ondersteuning dicht bij ouders en "
    "kind",
    Taak.DIRECTIE_INFORMEREN: "licht de directeur in (ook over de voortgang)",
    Taak.OUDERGESPREK_VOEREN: "voer het gesprek met de ouders over de zorgen",
    Taak.HULP_ORGANISEREN: "organiseer de noodzakelijke hulp",
    Taak.AANKOMST_BIJ_HULP_NAGAAN: "vraag na of de doorverwezen ouders bij de hulp zijn aangekomen",
    Taak.SCHOOL_INFORMEREN_OVER_HULP: "houd de school op de hoogte of de ouders de geadviseerde "
    "hulp oppakken",
    Taak.HULP_MONITOREN: "volg na de melding of kind en ouders daadwerkelijk hulp krijgen",
    Taak.MONITORING_AFSPREKEN: "sluit de hulp af met vastgelegde afspraken over het monitoren "
    "van de veiligheid",
    Taak.CASEMANAGER_BENOEMEN: "spreek af wie welke rol heeft, benoem een casemanager en leg "
    "een termijn vast",
    Taak.BESLUIT_VEILIG_THUIS_AFWACHTEN: "besluit van Veilig Thuis, teruggekoppeld aan de melder",
    Taak.EINDVERANTWOORDELIJKHEID_DOSSIER: "draag de eindverantwoordelijkheid voor het dossier",
    Taak.VASTLEGGEN: "leg de signalen, de zorgen, de contacten, de stappen en de besluiten vast",
    Taak.VERWIJSINDEX_OVERWEGEN: "overweeg registratie in de Verwijsindex",
    Taak.ZORG_VOOR_JEUGD_REGISTREREN: "registreer in Zorg voor Jeugd (en of het met de ouders is "
    "besproken)",
    Taak.INTERNE_EVALUATIE: "evalueer de toepassing van de meldcode en registreer de casus",
}


def _protocolnaam(protocol: Protocol) -> str:
    """How a Dutch text names the version: its own name, or ``meldcode <name>``."""
    for v in VERSIES:
        if v.protocol is protocol:
            return v.naam
    return f"meldcode {protocol.value}"


#: the labels shown to professionals for each Oordeel (an answer to an afweging)
OORDEEL_LABELS: dict[Oordeel, str] = {
    Oordeel.JA: "ja",
    Oordeel.NEE: "nee",
    Oordeel.TWIJFEL: "twijfel",
}

#: each field of ``Omstandigheden`` as a statement about the case
OMSTANDIGHEID_LABELS: dict[str, str] = {
    "veiligheid_in_geding": "de veiligheid van het kind, de medewerker of anderen is in het geding",
    "contact_verbreken_verwacht": "de ouders zullen naar verwachting het contact met de school "
    "verbreken",
    "ouders_niet_aanspreekbaar": "de ouders zijn niet aanspreekbaar",
    "ouders_weigeren_toestemming": "de ouders weigeren toestemming",
    "jeugdbeschermer_betrokken": "er is een jeugdbeschermer betrokken",
    "sociaal_team_betrokken": "het Sociaal Team is betrokken",
    "onveiligheid_herhaalt_zich": "de onveiligheid stopt niet of herhaalt zich, ondanks geboden "
    "hulp",
    "ouders_willen_hulp": "de ouders willen hulp",
    "risico_licht": "ouders, kind en school vinden de risico's te licht om op te schalen",
    "complexe_casus": "het is een complexe casus",
    "hulp_komt_niet_tot_stand": "hulp komt niet tot stand (geweigerd of geen contact)",
    "ouder_in_schadelijke_situatie": "een ouder is in een situatie die kinderen (ernstig) kan "
    "schaden (kindcheck)",
}

#: the labels shown to professionals for each SoortSignaal (the kind of a signal)
SOORT_LABELS: dict[SoortSignaal, str] = {
    SoortSignaal.LICHAMELIJK_GEWELD: "lichamelijk geweld",
    SoortSignaal.PSYCHISCH_GEWELD: "psychisch geweld",
    SoortSignaal.SEKSUEEL_GEWELD: "seksueel geweld",
    SoortSignaal.VERWAARLOZING: "verwaarlozing",
    SoortSignaal.GETUIGE_HUISELIJK_GEWELD: "getuige van huiselijk geweld",
    SoortSignaal.EERGERELATEERD_GEWELD: "eergerelateerd geweld",
    SoortSignaal.VROUWELIJKE_GENITALE_VERMINKING: "vrouwelijke genitale verminking "
    "(meisjesbesnijdenis)",
    SoortSignaal.HUWELIJKSDWANG: "huwelijksdwang",
    SoortSignaal.ZORGELIJKE_ONTWIKKELING: "zorgelijke ontwikkeling",
}

#: each two-valued flag of ``Signaal`` as what the signal shows
KENMERK_LABELS: dict[str, str] = {
    "hypothese": "een interpretatie (hypothese) in plaats van een feit",
    "ernstig_letsel": "ernstig letsel",
    "levensgevaar": "levensgevaar",
    "pleger_is_medewerker": "een medewerker van de school als vermoedelijke pleger",
}

#: the labels shown to professionals for each SignaalBron (where a signal comes from)
BRON_LABELS: dict[SignaalBron, str] = {
    SignaalBron.EIGEN_WAARNEMING: "eigen waarneming",
    SignaalBron.KIND: "het kind zelf",
    SignaalBron.OUDER: "een ouder",
    SignaalBron.DERDE: "een derde",
}

_PROTOCOL_NAAM = {
    Protocol.P2019: "meldcode 2019 (afwegingskader, Veilig Thuis)",
    Protocol.P2013: "meldcode 2013 (stap 5a hulp of 5b melden, AMK)",
}


def partij_label(partij: Partij, protocol: Protocol) -> str:
    """The Dutch name of a party; under 2013 the AMK and Bureau Jeugdzorg keep their names."""
    if partij is Partij.VEILIG_THUIS and protocol == Protocol.P2013:
        return "AMK (nu Veilig Thuis)"
    if partij is Partij.JEUGDBESCHERMER and protocol == Protocol.P2013:
        return "Bureau Jeugdzorg"
    return PARTIJ_LABELS[partij]


def rol_label(rol: Rol, basis: Regelbasis | None = None) -> str:
    """The Dutch name of a role, with the organisation's own name when its profile gives one."""
    eigen = basis.rolnaam(rol) if basis is not None else None
    return f"{ROL_LABELS[rol]} ({eigen})" if eigen else ROL_LABELS[rol]


def _details(k: Contactgegevens) -> str:
    delen = [k.organisatie]
    if k.telefoon:
        delen.append(f"tel. {k.telefoon}")
    if k.email:
        delen.append(f"e-mail {k.email}")
    if k.website:
        delen.append(k.website)
    return ", ".join(delen)


def _melden_label(protocol: Protocol) -> str:
    if protocol == Protocol.P2013:
        return "Melden bij het AMK (nu Veilig Thuis)"
    return BESLISPUNT_LABELS[Beslispunt.MELDEN]


def uitleg(besluit: Besluit, basis: Regelbasis | None = None) -> str:
    """The decision and its grounds as Dutch text: decisions, warnings, next question, rules.

    ``basis`` (the rule base that decided) lets the next question be shown in words.
    ``OngeldigeInvoer`` names ``besluit`` when it is not a ``Besluit`` (a ``Casus`` is decided
    first, with ``beslis``) and ``basis`` when it is neither a ``Regelbasis`` nor ``None``.
    """
    gegeven: object = besluit  # callers may pass anything: None, a Casus, a dict
    if not isinstance(gegeven, Besluit):
        getoond = toon(gegeven)
        hint = "; decide the case first with beslis" if isinstance(gegeven, Casus) else ""
        raise OngeldigeInvoer(
            [Fout("besluit", getoond, f"besluit must be a Besluit (got {getoond}){hint}")]
        )
    gegeven_basis: object = basis
    if gegeven_basis is not None and not isinstance(gegeven_basis, Regelbasis):
        getoond = toon(gegeven_basis)
        raise OngeldigeInvoer(
            [Fout("basis", getoond, f"basis must be a Regelbasis or None (got {getoond})")]
        )
    regels = [f"Besluit volgens de {_protocolnaam(besluit.protocol)}"]
    if basis is not None and basis.profiel:
        regels.append(f"Profiel: {basis.profiel}")
    if besluit.referentie:
        regels.append(f"Casus: {besluit.referentie}")
    regels.append("")
    labels = dict(BESLISPUNT_LABELS)
    labels[Beslispunt.MELDEN] = _melden_label(besluit.protocol)
    breedte = max(len(v) for v in labels.values()) + 2
    for punt in Beslispunt:
        waarde = "ja" if besluit.beslist(punt) else "nee"
        regels.append(f"  {labels[punt] + ':':<{breedte}} {waarde}")
    if besluit.waarschuwingen:
        regels.append("")
        regels.append("Let op, de invoer spreekt zichzelf tegen:")
        for w in besluit.waarschuwingen:
            regels.extend(
                textwrap.wrap(
                    f"- {w.tekst} ({w.code})",
                    94,
                    initial_indent="  ",
                    subsequent_indent="    ",
                    break_on_hyphens=False,
                )
            )
    if besluit.volgende_vraag is not None:
        vraag = besluit.volgende_vraag
        tekst = vraag.value
        if basis is not None:
            afweging = basis.afweging(vraag)
            tekst = f"{afweging.naam} ({vraag.value}): {afweging.tekst}"
        regels.append("")
        regels.append("Het besluit is nog niet volledig. Beantwoord eerst:")
        regels.extend(textwrap.wrap(tekst, 96, initial_indent="  ", subsequent_indent="  "))
    else:
        regels.append("")
        regels.append("Het besluit is volledig: geen openstaande afweging verandert het nog.")
    if besluit.contacten:
        regels.append("")
        regels.append("Neem contact op met (in volgorde van urgentie):")
        for i, partij in enumerate(besluit.contacten, start=1):
            regels.append(f"  {i}. {partij_label(partij, besluit.protocol)}")
            for k in besluit.contacten_details:
                if k.partij is partij:
                    regels.extend(
                        textwrap.wrap(
                            _details(k), 92, initial_indent="     ", subsequent_indent="     "
                        )
                    )
    if besluit.acties:
        regels.append("")
        regels.append("Wie doet wat:")
        for actie in besluit.acties:
            tekst = TAAK_LABELS[actie.taak]
            if actie.partij is not None:
                tekst += f" ({partij_label(actie.partij, besluit.protocol)})"
            if actie.advies:
                tekst += " [advies]"
            regels.extend(
                textwrap.wrap(
                    f"- {rol_label(actie.rol, basis)}: {tekst}",
                    94,
                    initial_indent="  ",
                    subsequent_indent="    ",
                )
            )
    if besluit.opvolging:
        regels.append("")
        regels.append("Opvolging:")
        for o in besluit.opvolging:
            wanneer = (
                f"uiterlijk {o.datum.isoformat()} ({o.werkdagen} werkdagen, ma-vr)"
                if o.datum is not None
                else f"binnen {o.werkdagen} werkdagen na de melding"
            )
            regels.append(f"  - {wanneer}: {TAAK_LABELS[o.taak]}")
    if besluit.ontbrekende_consultaties:
        regels.append("")
        regels.append("Nog ontbrekende verplichte consultaties:")
        for partij in besluit.ontbrekende_consultaties:
            regels.append(f"  - {partij_label(partij, besluit.protocol)}")
    regels.append("")
    if not besluit.gronden:
        regels.append("Gronden: geen regel van toepassing.")
    else:
        regels.append("Gronden:")
        for i, grond in enumerate(besluit.gronden, start=1):
            regels.append(f"  {i}. {grond.regel}")
            regels.append(f"     Bron: {grond.bron}")
            regels.extend(
                textwrap.wrap(
                    f"“{grond.citaat}”", 92, initial_indent="     ", subsequent_indent="      "
                )
            )
            if grond.toelichting:
                regels.extend(
                    textwrap.wrap(
                        f"→ {grond.toelichting}",
                        92,
                        initial_indent="     ",
                        subsequent_indent="       ",
                    )
                )
    return "\n".join(regels) + "\n"
