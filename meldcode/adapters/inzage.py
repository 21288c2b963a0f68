"""The access export (inzage) as JSON and as a readable Dutch HTML page.

``inzage_document`` turns a dossier into the document a parent, or a pupil of 16 or older,
receives: every recorded event with its date, step and fields, less what
``meldcode.rules.inzage`` withholds for that requester — the withheld fields are removed from the
document, not blanked, and only the *kind* of what was withheld is named, with its explanation,
legal ground and source. An erased dossier gives a document that says when and on which ground
it was erased, and nothing else. ``inzage_html`` renders the same document as one self-contained,
escaped HTML page in Dutch (no scripts, no external resources); ``inzage_json`` as JSON text.

Pure: the date of the export is an input; logging the export is the caller's
(``meldcode.adapters.privacy.inzage``).
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import json
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from meldcode.adapters.json.casus import datum_uit_tekst
from meldcode.adapters.json.dossier import gebeurtenis_naar_dict
from meldcode.adapters.opslag.wissing import Wisgrond
from meldcode.domain.casus import Signaal
from meldcode.domain.dossier import SOORTEN, Correctie, Dossier, Stap
from meldcode.rules.inzage import (
    REDENEN,
    Aanvrager,
    Achterhouding,
    achtergehouden,
    controleer_aanvrager,
)

__all__ = ["FORMAAT", "TITELS", "VRIJE_TEKST", "inzage_document", "inzage_html", "inzage_json"]

FORMAAT = "1"
"""The version of the access document's JSON form (``meldcode_inzage``)."""

#: the Dutch title of each kind of event (by its ``soort`` tag) in the access document
TITELS = {
    "signaal_vastgelegd": "Signaal vastgelegd",
    "consultatie_gehouden": "Collegiale consultatie",
    "gesprek_gevoerd": "Gesprek gevoerd",
    "weging_vastgelegd": "Weging vastgelegd",
    "besluit_genomen": "Besluit genomen",
    "melding_gedaan": "Melding gedaan",
    "terugkoppeling_veilig_thuis": "Terugkoppeling van Veilig Thuis",
    "hulp_afgesproken": "Hulp afgesproken",
    "evaluatie_gehouden": "Evaluatie van de hulp",
    "dossier_gesloten": "Dossier gesloten",
    "correctie": "Correctie van een eerdere vastlegging",
}

_LABELS = {
    "datum": "Datum",
    "vastgelegd_door": "Vastgelegd door",
    "plaats": "Plaats",
    "situatie": "Situatie",
    "aanwezigen": "Aanwezigen",
    "signaal": "Signaal",
    "soort": "Soort",
    "omschrijving": "Omschrijving",
    "bron": "Bron",
    "hypothese": "Hypothese",
    "ernstig_letsel": "Ernstig letsel",
    "levensgevaar": "Levensgevaar",
    "pleger_is_medewerker": "Vermoedelijke pleger is een medewerker",
    "herkomst": "Herkomst van de informatie",
    "interpretatie": "Interpretatie",
    "diagnose": "Diagnose",
    "gesteld_door": "Gesteld door",
    "consultatie": "Consultatie",
    "met": "Met",
    "anoniem": "Anoniem",
    "onderwerp": "Onderwerp",
    "uitkomst": "Uitkomst",
    "over_melding": "Over de (voorgenomen) melding",
    "ondertekend": "Verslag ondertekend",
    "niet_ondertekend_reden": "Waarom niet ondertekend",
    "bezwaren": "Bezwaren",
    "weging": "Weging (afwegingskader)",
    "vermoeden": "Afweging 1: vermoeden",
    "acute_onveiligheid": "Afweging 2: acute onveiligheid",
    "structurele_onveiligheid": "Afweging 2: structurele onveiligheid",
    "hulp_mogelijk": "Afweging 3: is hulp mogelijk",
    "hulp_aanvaard": "Afweging 4: wordt hulp aanvaard",
    "hulp_resultaat": "Afweging 5: resultaat van de hulp",
    "kan_beschermen": "Kan de school voldoende beschermen",
    "omstandigheden": "Omstandigheden",
    "kind": "Kind",
    "leeftijd": "Leeftijd",
    "ongeboren": "Ongeboren",
    "protocol": "Protocol",
    "overwegingen": "Overwegingen",
    "melden": "Melden bij Veilig Thuis",
    "hulp_organiseren": "Hulp organiseren",
    "melder": "Wie meldt",
    "informeert_ouders": "Wie informeert de ouders",
    "uitzondering": "Uitzondering op het gesprek met de ouders",
    "overleg_veilig_thuis": "Overlegd met Veilig Thuis",
    "aan": "Aan",
    "door": "Door",
    "besproken_met_ouders": "Besproken met de ouders",
    "informatie_van_derden": "Bevat informatie van derden",
    "besproken_met_kind": "Besproken met het kind",
    "spoed": "Met spoed (noodsituatie)",
    "toelichting": "Toelichting",
    "termijn": "Termijn",
    "casemanager": "Casemanager",
    "afspraken": "Afspraken",
    "reden": "Reden",
    "monitoring": "Afspraken over monitoring",
    "verwijst_naar": "Corrigeert vastlegging nummer",
    "vervanging": "Nieuwe inhoud",
}

_MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def _datum_nl(tekst: str) -> str:
    """A date ``YYYY-MM-DD`` in Dutch words; any other text (a week date too) as it is."""
    d = datum_uit_tekst(tekst)
    if d is None:
        return tekst
    return f"{d.day} {_MAANDEN[d.month - 1]} {d.year}"


def _verwijder(data: dict[str, Any], pad: str) -> None:
    *boven, laatste = pad.split(".")
    plek: Any = data
    for deel in boven:
        plek = plek.get(deel) if isinstance(plek, dict) else None
    if isinstance(plek, dict):
        plek.pop(laatste, None)


def _reden_naar_dict(soort: Achterhouding) -> dict[str, Any]:
    r = REDENEN[soort]
    return {
        "soort": soort.value,
        "titel": r.titel,
        "uitleg": r.uitleg,
        "grondslag": r.grondslag,
        "bron": {"bestand": r.bron.bestand, "sectie": r.bron.sectie},
        "citaat": r.citaat,
    }


def inzage_document(
    dossier: Dossier,
    aanvrager: Aanvrager,
    *,
    op: dt.date,
    leeftijd: int | None = None,
    achterhouden: frozenset[Achterhouding] = frozenset(Achterhouding),
    wissing: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The access document for ``aanvrager`` as a JSON-ready dict (``meldcode_inzage``: "1").

    ``leeftijd`` is required for a pupil's own request (16 or older). ``wissing`` (the tombstone
    of an erased dossier: ``datum``, ``grond``) gives the document of an erased dossier, which
    lists no events. Withheld fields are absent from ``gebeurtenissen``; ``achtergehouden`` names
    each kind withheld, once, with its explanation and grounds.
    """
    controleer_aanvrager(aanvrager, leeftijd)
    posten: list[dict[str, Any]] = []
    gebruikt: set[Achterhouding] = set()
    for nummer, g in enumerate(dossier.gebeurtenissen, start=1):
        weg = achtergehouden(g, aanvrager, achterhouden=achterhouden)
        gegevens = gebeurtenis_naar_dict(g)
        for pad, _ in weg:
            _verwijder(gegevens, pad)
        soort = gegevens.pop("soort")
        kinds = sorted({s for _, s in weg}, key=lambda s: s.value)
        gebruikt.update(kinds)
        posten.append(
            {
                "volgnummer": nummer,
                "soort": soort,
                "titel": TITELS.get(soort, soort),
                "stap": None if isinstance(g, Correctie) else int(g.stap),
                "datum": gegevens["datum"],
                "gegevens": gegevens,
                "achtergehouden": [s.value for s in kinds],
            }
        )
    return {
        "meldcode_inzage": FORMAAT,
        "dossier": dossier.id,
        "aanvrager": aanvrager.value,
        "op": op.isoformat(),
        "gewist": None
        if wissing is None
        else {"datum": str(wissing["datum"]), "grond": str(wissing["grond"])},
        "gebeurtenissen": posten,
        "achtergehouden": [
            _reden_naar_dict(s)
            for s in sorted(gebruikt, key=lambda s: list(Achterhouding).index(s))
        ],
    }


def inzage_json(document: Mapping[str, Any]) -> str:
    """The access document as JSON text (UTF-8, indented, ending in a newline)."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- HTML -----------------------------------------------------------------------------------

_STIJL = """
body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1a1a1a; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-bottom: .25rem; }
section.post { border-top: 1px solid #ccc; padding-top: .5rem; }
dl { display: grid; grid-template-columns: 16rem 1fr; gap: .15rem 1rem; margin: .5rem 0; }
dt { font-weight: 600; } dd { margin: 0; white-space: pre-wrap; }
dl dl { grid-template-columns: 14rem 1fr; }
.niet-getoond { font-style: italic; color: #555; }
blockquote { margin: .25rem 0 .25rem 1rem; color: #333; }
""".strip()


def _e(tekst: object) -> str:
    return html.escape(str(tekst), quote=True)


def _waarde_nl(sleutel: str, waarde: Any) -> str | None:
    if waarde is None or waarde == "" or waarde == []:
        return None
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, list):
        delen = [_waarde_nl(sleutel, w) for w in waarde]
        return ", ".join(d for d in delen if d)
    if isinstance(waarde, str) and sleutel in {"datum", "termijn"}:
        return _datum_nl(waarde)
    if isinstance(waarde, str) and sleutel not in VRIJE_TEKST:
        return waarde.replace("_", " ")
    return str(waarde)


VRIJE_TEKST: frozenset[str] = frozenset(
    a.name
    for klasse in (*SOORTEN.values(), Correctie, Signaal)
    for a in attrs.fields(klasse)
    if a.repr is False  # free text is what the domain keeps out of repr
)
"""The free-text fields of events and signals, shown as written (not as a value's label)."""


def _velden_html(gegevens: Mapping[str, Any], overslaan: Iterable[str] = ()) -> str:
    rijen: list[str] = []
    for sleutel, waarde in gegevens.items():
        if sleutel in overslaan:
            continue
        label = _LABELS.get(sleutel, sleutel.replace("_", " ").capitalize())
        if isinstance(waarde, dict):
            if sleutel == "omstandigheden":
                waar = [k.replace("_", " ") for k, v in waarde.items() if v is True]
                if waar:
                    rijen.append(f"<dt>{_e(label)}</dt><dd>{_e('; '.join(waar))}</dd>")
                continue
            binnen = copy.copy(waarde)
            if sleutel == "vervanging":
                soort = binnen.pop("soort", "")
                label = f"{label} ({TITELS.get(soort, soort)})"
            inner = _velden_html(binnen)
            if inner:
                rijen.append(f"<dt>{_e(label)}</dt><dd>{inner}</dd>")
            continue
        tekst = _waarde_nl(sleutel, waarde)
        if tekst is not None:
            rijen.append(f"<dt>{_e(label)}</dt><dd>{_e(tekst)}</dd>")
    return f"<dl>{''.join(rijen)}</dl>" if rijen else ""


def inzage_html(document: Mapping[str, Any]) -> str:
    """The access document as one self-contained Dutch HTML page (every value escaped)."""
    aanvrager = "een ouder of verzorger" if document["aanvrager"] == "ouder" else "de leerling"
    titel = f"Inzage in het meldcodedossier {document['dossier']}"
    delen = [
        "<!DOCTYPE html>",
        '<html lang="nl">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(titel)}</title><style>{_STIJL}</style></head>",
        "<body>",
        f"<h1>{_e(titel)}</h1>",
        "<p>Dit overzicht laat zien wat de school heeft vastgelegd in het kader van de Meldcode "
        "huiselijk geweld en kindermishandeling. Het is opgesteld op "
        f"{_e(_datum_nl(document['op']))} voor {_e(aanvrager)}. Het dossier is bekend onder "
        f"het kenmerk <strong>{_e(document['dossier'])}</strong>; namen staan er niet in.</p>",
    ]
    gewist = document.get("gewist")
    if gewist:
        grond = Wisgrond(gewist["grond"]).naam_nl
        delen.append(
            "<h2>Dit dossier is gewist</h2>"
            f"<p>De inhoud van dit dossier is op {_e(_datum_nl(gewist['datum']))} gewist: "
            f"{_e(grond)}. De school bewaart alleen nog dát het dossier bestond en wanneer en "
            "waarom het is gewist; de inhoud zelf is niet meer te herstellen.</p>"
        )
    redenen = document["achtergehouden"]
    if redenen:
        delen.append("<h2>Wat niet wordt getoond, en waarom</h2>")
        delen.append(
            "<p>Een kopie mag de rechten en vrijheden van anderen niet schaden. Daarom laat de "
            "school het volgende weg:</p><ul>"
        )
        for r in redenen:
            delen.append(
                f"<li><strong>{_e(r['titel'])}.</strong> {_e(r['uitleg'])} "
                f"<br><small>Grondslag: {_e(r['grondslag'])}. Uit de meldcode "
                f"({_e(r['bron']['sectie'])}):</small>"
                f"<blockquote>“{_e(r['citaat'])}”</blockquote></li>"
            )
        delen.append("</ul>")
    posten = document["gebeurtenissen"]
    if posten:
        delen.append("<h2>Vastgelegde gegevens</h2>")
    for post in posten:
        stap = post.get("stap")
        stapnaam = f" — {Stap(stap).naam_nl}" if stap else ""
        kop = f"{post['volgnummer']}. {post['titel']}, {_datum_nl(post['datum'])}{stapnaam}"
        delen.append(f'<section class="post"><h3>{_e(kop)}</h3>')
        delen.append(_velden_html(post["gegevens"], overslaan=("datum",)))
        if post["achtergehouden"]:
            titels = [_titel_van(s, redenen) for s in post["achtergehouden"]]
            delen.append(
                f'<p class="niet-getoond">Niet getoond: {_e("; ".join(titels))} (zie boven).</p>'
            )
        delen.append("</section>")
    delen.append(
        "<h2>Uw rechten</h2><p>Klopt er iets niet, of mist er iets? U kunt de school vragen "
        "gegevens te corrigeren of uw eigen verklaring aan het dossier toe te voegen. Bent u het "
        "niet eens met de manier waarop de school met uw gegevens omgaat, dan kunt u contact "
        "opnemen met de functionaris gegevensbescherming van de school, of een klacht indienen "
        "bij de Autoriteit Persoonsgegevens.</p>"
    )
    delen.append("</body></html>")
    return "\n".join(d for d in delen if d) + "\n"


def _titel_van(soort: str, redenen: list[dict[str, Any]]) -> str:
    return next((r["titel"] for r in redenen if r["soort"] == soort), soort)
