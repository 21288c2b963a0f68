"""Readable Dutch explanations of a ``Besluit`` and its grounds, for professionals."""

from __future__ import annotations

import textwrap

from meldcode.domain.besluit import Besluit
from meldcode.domain.waarden import Beslispunt, Partij, Protocol
from meldcode.rules.model import Regelbasis

__all__ = ["BESLISPUNT_LABELS", "PARTIJ_LABELS", "partij_label", "uitleg"]

BESLISPUNT_LABELS: dict[Beslispunt, str] = {
    Beslispunt.MELDEN: "Melden bij Veilig Thuis",
    Beslispunt.HULP_ORGANISEREN: "Hulp organiseren en effect volgen",
    Beslispunt.DOSSIER_SLUITEN: "Dossier vastleggen en sluiten",
    Beslispunt.VEILIG_THUIS_RAADPLEGEN: "Veilig Thuis raadplegen",
    Beslispunt.SPOED: "Spoed: direct contact opnemen",
    Beslispunt.OUDERGESPREK_OVERSLAAN: "Gesprek met de ouders mag vervallen",
    Beslispunt.BESPREKEN_MET_KIND: "Melding ook bespreken met het kind",
}

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
}

_PROTOCOL_NAAM = {
    Protocol.P2019: "meldcode 2019 (afwegingskader, Veilig Thuis)",
    Protocol.P2013: "meldcode 2013 (stap 5a hulp of 5b melden, AMK)",
}


def partij_label(partij: Partij, protocol: Protocol) -> str:
    """The Dutch name of a party; under 2013 Veilig Thuis is still the AMK."""
    if partij is Partij.VEILIG_THUIS and protocol is Protocol.P2013:
        return "AMK (nu Veilig Thuis)"
    return PARTIJ_LABELS[partij]


def _melden_label(protocol: Protocol) -> str:
    if protocol is Protocol.P2013:
        return "Melden bij het AMK (nu Veilig Thuis)"
    return BESLISPUNT_LABELS[Beslispunt.MELDEN]


def uitleg(besluit: Besluit, basis: Regelbasis | None = None) -> str:
    """The decision and its grounds as Dutch text: each decision, the next question, the rules.

    ``basis`` (the rule base that decided) lets the next question be shown in words.
    """
    regels = [f"Besluit volgens de {_PROTOCOL_NAAM[besluit.protocol]}"]
    if besluit.referentie:
        regels.append(f"Casus: {besluit.referentie}")
    regels.append("")
    labels = dict(BESLISPUNT_LABELS)
    labels[Beslispunt.MELDEN] = _melden_label(besluit.protocol)
    breedte = max(len(v) for v in labels.values()) + 2
    for punt in Beslispunt:
        waarde = "ja" if besluit.beslist(punt) else "nee"
        regels.append(f"  {labels[punt] + ':':<{breedte}} {waarde}")
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
