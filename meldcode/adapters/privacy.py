"""Privacy operations on a dossier store: retention, erasure and access, as library functions.

The command line (``meldcode privacy ...``) and a service call these; each takes an ``Archief``
(one organisation's dossiers, with the key of the free text when one is configured) and its
dates and clock as inputs:

- ``verlopen``: the dossiers past the retention period of a profile at a date;
- ``opschonen``: erase them all (ground ``bewaartermijn``), then remove the residue once;
- ``wis``: erase one dossier (an honoured request, or re-applying an erasure after a backup
  was restored);
- ``inzage``: the access export (HTML or JSON) for a parent or a pupil of 16 or older, logged
  in the store with the SHA-256 of what was handed out.

Nothing here logs free text or prints; errors name dossier ids (pseudonymous) and fields.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping

from attrs import frozen

from meldcode.adapters.inzage import inzage_document, inzage_html, inzage_json
from meldcode.adapters.opslag.archief import Archief
from meldcode.adapters.opslag.inzagelog import Inzageregel
from meldcode.adapters.opslag.wissing import Wisgrond, Wissing
from meldcode.domain.dossier import Dossier
from meldcode.errors import DossierGewijzigd, DossierGewist, Fout, OngeldigeInvoer
from meldcode.rules.bewaartermijn import Bewaarstatus, Bewaartermijn, bewaarstatus
from meldcode.rules.inzage import Aanvrager, Achterhouding, veiligheidsbezwaar
from meldcode.rules.profiel import Profiel

__all__ = [
    "FORMATEN",
    "Bewaaroverzicht",
    "Overgeslagen",
    "inzage",
    "opschonen",
    "termijn_van",
    "verlopen",
    "wis",
]

FORMATEN = ("html", "json")
"""The forms of the access export."""


@frozen(kw_only=True)
class Overgeslagen:
    """A dossier that could not be judged: its id and why (Dutch, no content)."""

    dossier: str
    reden: str


@frozen(kw_only=True)
class Bewaaroverzicht:
    """The dossiers past their retention period at ``op``, and the ones that could not be judged.

    Erased dossiers are not listed: their period has been dealt with.
    """

    op: dt.date
    termijn: Bewaartermijn
    verlopen: tuple[Bewaarstatus, ...]
    overgeslagen: tuple[Overgeslagen, ...] = ()


def termijn_van(profiel: Profiel) -> Bewaartermijn:
    """The profile's retention rule; ``OngeldigeInvoer`` when the profile states none."""
    if profiel.bewaartermijn is None:
        raise OngeldigeInvoer(
            [
                Fout(
                    "bewaartermijn",
                    "<missing>",
                    f"profile {profiel.naam!r} states no bewaartermijn; add a [bewaartermijn] "
                    "table with vanaf, jaren and/or maanden, and grondslag (no national period "
                    "exists: the organisation sets its own)",
                )
            ]
        )
    return profiel.bewaartermijn


def verlopen(
    archief: Archief,
    termijn: Bewaartermijn,
    *,
    op: dt.date,
    uitschrijvingen: Mapping[str, dt.date] | None = None,
) -> Bewaaroverzicht:
    """The dossiers of ``archief`` past ``termijn`` at ``op``, and only those.

    Read without free text (no key needed). A dossier whose chain is broken cannot be judged:
    it is listed in ``overgeslagen`` and never erased by ``opschonen``.
    """
    bekend = uitschrijvingen or {}
    gevonden: list[Bewaarstatus] = []
    overgeslagen: list[Overgeslagen] = []
    for naam in archief.dossiers():
        try:
            dossier = archief.lees(naam, tekst=False)
        except DossierGewist:
            continue
        except DossierGewijzigd as exc:
            overgeslagen.append(
                Overgeslagen(
                    dossier=naam, reden=f"keten verbroken bij gebeurtenis {exc.volgnummer}"
                )
            )
            continue
        status = bewaarstatus(dossier, termijn, op=op, uitgeschreven_op=bekend.get(naam))
        if status.verlopen:
            gevonden.append(status)
    return Bewaaroverzicht(
        op=op, termijn=termijn, verlopen=tuple(gevonden), overgeslagen=tuple(overgeslagen)
    )


def opschonen(
    archief: Archief,
    profiel: Profiel,
    *,
    op: dt.date,
    uitschrijvingen: Mapping[str, dt.date] | None = None,
) -> tuple[Bewaaroverzicht, tuple[Wissing, ...], bool]:
    """Erase every dossier past the profile's retention period at ``op``.

    Returns the overview it acted on, the erasures (ground ``bewaartermijn``, the rule and the
    profile in each tombstone) and whether the residue was removed from the store's files.
    """
    termijn = termijn_van(profiel)
    overzicht = verlopen(archief, termijn, op=op, uitschrijvingen=uitschrijvingen)
    wissingen = tuple(
        archief.wis(
            status.dossier,
            grond=Wisgrond.BEWAARTERMIJN,
            op=op,
            regel=termijn.omschrijving,
            profiel=profiel.naam,
            opruimen=False,
        )
        for status in overzicht.verlopen
    )
    opgeruimd = archief.ruim_op() if wissingen else True
    return overzicht, wissingen, opgeruimd


def wis(
    archief: Archief, dossier: str, *, op: dt.date, grond: Wisgrond = Wisgrond.VERZOEK
) -> tuple[Wissing, bool]:
    """Erase one dossier on ``grond`` (default: an honoured request) and clean up at once.

    Returns the erasure and whether the residue was removed from the store's files.
    """
    wissing = archief.wis(dossier, grond=grond, op=op, opruimen=False)
    return wissing, archief.ruim_op()


def inzage(
    archief: Archief,
    dossier: str,
    aanvrager: Aanvrager,
    *,
    op: dt.date,
    tijd: dt.datetime,
    formaat: str = "html",
    leeftijd: int | None = None,
    achterhouden: frozenset[Achterhouding] = frozenset(Achterhouding),
    veiligheid_afgewogen: bool = False,
) -> str:
    """The access export of ``dossier`` for ``aanvrager`` as text, logged in the store.

    ``formaat`` is ``html`` (a readable Dutch page) or ``json``. The free text is decrypted
    with the archive's key. A parent's request for a dossier in which the school reported
    because the safety of the child, the reporter or others was at risk is refused unless
    ``veiligheid_afgewogen`` says the school has weighed that first (003 §1.5.1). An erased
    dossier gives a document that says so. Every export is logged (``Archief.log_inzage``) with
    ``tijd``, the requester, the form, the withheld kinds and the SHA-256 of the text.
    """
    if formaat not in FORMATEN:
        raise OngeldigeInvoer(
            [Fout("formaat", repr(formaat), f"formaat must be 'html' or 'json' (got {formaat!r})")]
        )
    wissing = archief.wissing(dossier)
    if wissing is None:
        gelezen = archief.lees(dossier)
        if (
            aanvrager is Aanvrager.OUDER
            and veiligheidsbezwaar(gelezen)
            and not veiligheid_afgewogen
        ):
            raise OngeldigeInvoer(
                [
                    Fout(
                        "veiligheid_afgewogen",
                        "False",
                        f"dossier {dossier!r} records a report made without the parents because "
                        "of safety (uitzondering: veiligheid); weigh whether access endangers "
                        "the child, the reporter or others before exporting for a parent, and "
                        "confirm it (veiligheid_afgewogen)",
                    )
                ]
            )
        document = inzage_document(
            gelezen, aanvrager, op=op, leeftijd=leeftijd, achterhouden=achterhouden
        )
    else:
        document = inzage_document(
            Dossier(id=dossier),
            aanvrager,
            op=op,
            leeftijd=leeftijd,
            wissing={"datum": wissing.datum.isoformat(), "grond": wissing.grond.value},
        )
    tekst = inzage_html(document) if formaat == "html" else inzage_json(document)
    archief.log_inzage(
        Inzageregel(
            tijd=tijd,
            organisatie=archief.organisatie,
            dossier=dossier,
            aanvrager=aanvrager.value,
            formaat=formaat,
            achtergehouden=tuple(r["soort"] for r in document["achtergehouden"]),
            document_hash=hashlib.sha256(tekst.encode("utf-8")).hexdigest(),
        )
    )
    return tekst
