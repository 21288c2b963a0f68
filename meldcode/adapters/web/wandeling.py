"""The view logic of the walk-through: what each page shows and which event each answer records.

Pure functions of a dossier, the organisation's profile and a date, so the pages hold no logic of
their own: the route through the weging is the engine's ``volgende_vraag``, every decision and
its grounds are the engine's ``Besluit``, "why not" is ``meldcode.rules.waarom_niet``, what is
outstanding and the deadlines are the dossier's ``Toestand``, and the record-keeping findings are
``meldcode.rules.registratie.controleer``. A form becomes exactly one dossier event
(``*_uit_formulier``); bad input raises ``OngeldigeInvoer`` naming the form field.

The weighing is one ``WegingVastgelegd`` event (the circumstances, the child, the protocol); each
answer to an afweging is a ``Correctie`` of it that replaces the weging with one more answer, so
the dossier keeps every answer in order while its effective view has one weighing.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence

import attrs
from attrs import frozen

from meldcode.adapters.json.casus import DATUMVORM, datum_uit_tekst
from meldcode.adapters.json.plausibiliteit import Waarschuwing as Plausibiliteit
from meldcode.adapters.json.plausibiliteit import casus_waarschuwingen
from meldcode.domain.besluit import Besluit, Contactgegevens, Waarschuwing
from meldcode.domain.casus import Casus, Consultatie, Kind, Omstandigheden, Signaal
from meldcode.domain.dossier import (
    BesluitGenomen,
    Betrokkene,
    ConsultatieGehouden,
    Correctie,
    Dossier,
    DossierGesloten,
    Gebeurtenis,
    GesprekGevoerd,
    Gesprekspartner,
    HulpAfgesproken,
    MeldingGedaan,
    SignaalVastgelegd,
    Uitzondering,
    WegingVastgelegd,
)
from meldcode.domain.waarden import (
    Beslispunt,
    Oordeel,
    Partij,
    Protocol,
    SignaalBron,
    SoortSignaal,
    Vraag,
)
from meldcode.errors import Fout, OngeldigeInvoer
from meldcode.rules import kies_protocol
from meldcode.rules.basis import regelbasis
from meldcode.rules.beslis import beslis, lees_protocol
from meldcode.rules.dossier import Toestand, casus_uit_dossier, toestand
from meldcode.rules.kalender import NEDERLAND, Werkdagkalender
from meldcode.rules.model import Regelbasis
from meldcode.rules.profiel import Profiel
from meldcode.rules.registratie import Bevinding, controleer
from meldcode.rules.waarom_niet import WaaromNiet, waarom_niet

__all__ = [
    "STAPPEN",
    "Overzicht",
    "Stap",
    "antwoord_uit_formulier",
    "basis_voor",
    "besluit_uit_formulier",
    "consultatie_uit_formulier",
    "gesprek_uit_formulier",
    "huidige_stap",
    "omstandigheden_uit_formulier",
    "opvolging_uit_formulier",
    "overzicht",
    "signaal_uit_formulier",
    "waarom_niet_voor",
]

Formulier = Mapping[str, str | Sequence[str]]
"""A submitted form: field name to value (or values, for check boxes)."""


class Stap(enum.Enum):
    """The pages of the route, in order; the value is the page's path segment."""

    SIGNALEN = "signalen"
    CONSULTATIE = "consultatie"
    OUDERGESPREK = "oudergesprek"
    OMSTANDIGHEDEN = "omstandigheden"
    WEGING = "weging"
    BESLUIT = "besluit"


STAPPEN: tuple[tuple[Stap, str], ...] = (
    (Stap.SIGNALEN, "1. Signalen in kaart brengen"),
    (Stap.CONSULTATIE, "2. Collegiale consultatie"),
    (Stap.OUDERGESPREK, "3. Gesprek met de ouders"),
    (Stap.OMSTANDIGHEDEN, "4a. Omstandigheden en kind"),
    (Stap.WEGING, "4b. Wegen met het afwegingskader"),
    (Stap.BESLUIT, "5. Beslissen"),
)
"""Each page with its Dutch name, as the step navigation shows it."""


def _kalender() -> Werkdagkalender:
    return NEDERLAND


@frozen(kw_only=True)
class Overzicht:
    """Everything a page shows about the open case, derived from the dossier.

    ``basis`` is the rule base that decides (the profile's when it covers the case's protocol:
    ``profiel_geldt``); ``besluit`` the engine's decision on the case the dossier describes;
    ``toestand`` what is outstanding and the deadlines; ``bevindingen`` the record-keeping
    check's findings; ``weging_nummer`` the volgnummer of the weighing event (``None``: none);
    ``waarschuwingen`` what the decision warns about (input that contradicts itself, never
    resolved silently) and then the case's implausible input, as ``meldcode uitleg`` shows
    them: each has a stable ``code`` and a Dutch ``tekst``.
    """

    dossier: Dossier
    casus: Casus
    basis: Regelbasis
    profiel_geldt: bool
    besluit: Besluit
    toestand: Toestand
    bevindingen: tuple[Bevinding, ...]
    weging_nummer: int | None
    waarschuwingen: tuple[Waarschuwing | Plausibiliteit, ...] = ()


def basis_voor(casus: Casus, profiel: Profiel | None) -> tuple[Regelbasis, bool]:
    """The rule base that decides ``casus``: the profile's if it covers the protocol.

    Returns the rule base and whether the profile applies.
    """
    protocol = kies_protocol(casus)
    if profiel is not None and protocol in profiel.protocollen:
        return profiel.regelbasis(protocol), True
    return regelbasis(protocol), False


def overzicht(dossier: Dossier, profiel: Profiel | None, *, op: dt.date) -> Overzicht:
    """The page model of the open case at date ``op``."""
    casus = casus_uit_dossier(dossier)
    basis, geldt = basis_voor(casus, profiel)
    t = toestand(dossier, op=op, kalender=_kalender(), protocol=basis.protocol, basis=basis)
    assert t.besluit is not None or not dossier.gebeurtenissen
    besluit = t.besluit if t.besluit is not None else _beslis(casus, basis)
    return Overzicht(
        dossier=dossier,
        casus=casus,
        basis=basis,
        profiel_geldt=geldt,
        besluit=besluit,
        toestand=t,
        bevindingen=controleer(dossier),
        weging_nummer=_weging_nummer(dossier),
        waarschuwingen=(*besluit.waarschuwingen, *casus_waarschuwingen(casus, vandaag=op)),
    )


def _beslis(casus: Casus, basis: Regelbasis) -> Besluit:
    return beslis(casus, basis.protocol, basis=basis)


def _weging_nummer(dossier: Dossier) -> int | None:
    for nummer, g in enumerate(dossier.gebeurtenissen, start=1):
        if isinstance(g, WegingVastgelegd):
            return nummer
    return None


def huidige_stap(o: Overzicht | None) -> Stap:
    """The page a case opens on: the first step that has nothing recorded yet.

    Once weighed, the weging page while the engine still has a ``volgende_vraag``, else the
    decision page.
    """
    if o is None or not o.dossier.gebeurtenissen:
        return Stap.SIGNALEN
    soorten = {type(g) for _, g in o.dossier.geldend()}
    if o.weging_nummer is None:
        if ConsultatieGehouden not in soorten:
            return Stap.CONSULTATIE
        if GesprekGevoerd not in soorten:
            return Stap.OUDERGESPREK
        return Stap.OMSTANDIGHEDEN
    if o.besluit.volgende_vraag is not None:
        return Stap.WEGING
    return Stap.BESLUIT


def waarom_niet_voor(o: Overzicht) -> dict[Beslispunt, WaaromNiet]:
    """Why not, for every decision the case does not get, by decision."""
    return {w.beslissing: w for w in waarom_niet(o.casus, o.basis.protocol, basis=o.basis)}


# --- forms to events ----------------------------------------------------------------------------


def _fout(veld: str, waarde: str, melding: str) -> OngeldigeInvoer:
    getoond = waarde if len(waarde) <= 40 else "<tekst>"
    return OngeldigeInvoer([Fout(veld, getoond, melding)])


def _een(formulier: Formulier, naam: str) -> str:
    waarde = formulier.get(naam, "")
    if isinstance(waarde, str):
        return waarde.strip()
    return waarde[-1].strip() if waarde else ""


def _alle(formulier: Formulier, naam: str) -> list[str]:
    waarde = formulier.get(naam, ())
    return [waarde] if isinstance(waarde, str) else list(waarde)


def _datum(formulier: Formulier, *, naam: str = "datum") -> dt.date:
    tekst = _een(formulier, naam)
    if not DATUMVORM.fullmatch(tekst):
        raise _fout(naam, tekst, "Vul een datum in als JJJJ-MM-DD, bijvoorbeeld 2026-03-14.")
    datum = datum_uit_tekst(tekst)  # read as the JSON reader reads a case's dates
    if datum is None:
        raise _fout(naam, tekst, "Deze datum bestaat niet.")
    return datum


_E = enum.Enum


def _keuze(
    formulier: Formulier, naam: str, soort: type[_E], *, verplicht: bool = True
) -> _E | None:
    tekst = _een(formulier, naam)
    if not tekst and not verplicht:
        return None
    try:
        return soort(tekst)
    except ValueError:
        raise _fout(naam, tekst, "Maak een keuze uit de lijst.") from None


def _vink(formulier: Formulier, naam: str) -> bool:
    return _een(formulier, naam) in {"ja", "on", "true"}


def _tekst(formulier: Formulier, naam: str, *, max_lengte: int = 4000) -> str:
    tekst = _een(formulier, naam)
    if len(tekst) > max_lengte:
        raise _fout(naam, "<tekst>", f"Gebruik hooguit {max_lengte} tekens.")
    return tekst


def _rollen(formulier: Formulier, naam: str) -> tuple[Betrokkene, ...]:
    uit = []
    for w in _alle(formulier, naam):
        try:
            uit.append(Betrokkene(w))
        except ValueError:
            raise _fout(naam, w, "Maak een keuze uit de lijst.") from None
    return tuple(dict.fromkeys(uit))


def signaal_uit_formulier(formulier: Formulier) -> SignaalVastgelegd:
    """Stap 1: one signal, with its kind, source, flags, date and the recorder's notes."""
    soort = _keuze(formulier, "soort", SoortSignaal)
    bron = _keuze(formulier, "bron", SignaalBron, verplicht=False)
    assert isinstance(soort, SoortSignaal)
    signaal = Signaal(
        soort=soort,
        bron=bron if isinstance(bron, SignaalBron) else None,
        datum=_datum(formulier),
        omschrijving=_tekst(formulier, "omschrijving"),
        hypothese=_vink(formulier, "hypothese"),
        ernstig_letsel=_vink(formulier, "ernstig_letsel"),
        levensgevaar=_vink(formulier, "levensgevaar"),
        pleger_is_medewerker=_vink(formulier, "pleger_is_medewerker"),
    )
    herkomst = _keuze(formulier, "herkomst", Betrokkene, verplicht=False)
    return SignaalVastgelegd(
        datum=_datum(formulier),
        signaal=signaal,
        plaats=_tekst(formulier, "plaats", max_lengte=200),
        situatie=_tekst(formulier, "situatie"),
        aanwezigen=_rollen(formulier, "aanwezigen"),
        vastgelegd_door=_vastgelegd_door(formulier),
        herkomst=herkomst if isinstance(herkomst, Betrokkene) else None,
    )


def _vastgelegd_door(formulier: Formulier) -> Betrokkene | None:
    door = _keuze(formulier, "vastgelegd_door", Betrokkene, verplicht=False)
    return door if isinstance(door, Betrokkene) else None


def consultatie_uit_formulier(formulier: Formulier) -> ConsultatieGehouden:
    """Stap 2: a consultation, with whom, whether anonymous, and its outcome."""
    met = _keuze(formulier, "met", Partij)
    assert isinstance(met, Partij)
    datum = _datum(formulier)
    return ConsultatieGehouden(
        datum=datum,
        consultatie=Consultatie(met=met, datum=datum, anoniem=_vink(formulier, "anoniem")),
        plaats=_tekst(formulier, "plaats", max_lengte=200),
        situatie=_tekst(formulier, "situatie"),
        aanwezigen=_rollen(formulier, "aanwezigen"),
        uitkomst=_tekst(formulier, "uitkomst"),
        vastgelegd_door=_vastgelegd_door(formulier),
    )


def gesprek_uit_formulier(formulier: Formulier) -> GesprekGevoerd:
    """Stap 3 (or about the intended report): a conversation with the parents or the child."""
    met = _keuze(formulier, "met", Gesprekspartner)
    assert isinstance(met, Gesprekspartner)
    return GesprekGevoerd(
        datum=_datum(formulier),
        met=met,
        over_melding=_vink(formulier, "over_melding"),
        uitkomst=_tekst(formulier, "uitkomst"),
        ondertekend=_vink(formulier, "ondertekend"),
        plaats=_tekst(formulier, "plaats", max_lengte=200),
        situatie=_tekst(formulier, "situatie"),
        aanwezigen=_rollen(formulier, "aanwezigen"),
        vastgelegd_door=_vastgelegd_door(formulier),
    )


OMSTANDIGHEDEN: tuple[str, ...] = tuple(a.name for a in attrs.fields(Omstandigheden))
"""The circumstances the omstandigheden page asks, in the domain's order."""


def omstandigheden_uit_formulier(formulier: Formulier, o: Overzicht) -> Gebeurtenis:
    """Stap 4a: the circumstances, the child and the protocol, as the weighing event.

    The first time a ``WegingVastgelegd`` (with no answers yet); after that a ``Correctie`` of it
    that keeps the answers given.
    """
    omstandigheden = Omstandigheden(**{n: _vink(formulier, n) for n in OMSTANDIGHEDEN})
    leeftijd_tekst = _een(formulier, "leeftijd")
    leeftijd: int | None = None
    if leeftijd_tekst:
        if not leeftijd_tekst.isdigit() or int(leeftijd_tekst) > 30:
            raise _fout("leeftijd", leeftijd_tekst, "Vul een leeftijd in jaren in (0 tot 30).")
        leeftijd = int(leeftijd_tekst)
    ongeboren = _vink(formulier, "ongeboren")
    kind = Kind(leeftijd=None if ongeboren else leeftijd, ongeboren=ongeboren)
    protocol_tekst = _een(formulier, "protocol")
    try:
        protocol = lees_protocol(protocol_tekst) if protocol_tekst else None
    except OngeldigeInvoer:
        raise _fout("protocol", protocol_tekst, "Kies 2013, 2019 of ‘op datum’.") from None
    oud = _weging(o)
    nieuw = WegingVastgelegd(
        datum=_datum(formulier),
        weging=oud.weging if oud is not None else o.casus.weging,
        omstandigheden=omstandigheden,
        kind=kind,
        protocol=protocol,
        plaats=_tekst(formulier, "plaats", max_lengte=200),
        situatie=_tekst(formulier, "situatie"),
        aanwezigen=_rollen(formulier, "aanwezigen"),
        vastgelegd_door=_vastgelegd_door(formulier),
    )
    if o.weging_nummer is None:
        return nieuw
    return Correctie(
        datum=nieuw.datum,
        verwijst_naar=o.weging_nummer,
        vervanging=nieuw,
        reden="Omstandigheden bijgewerkt in de wandeling",
    )


def _weging(o: Overzicht) -> WegingVastgelegd | None:
    for _, g in o.dossier.geldend():
        if isinstance(g, WegingVastgelegd):
            return g
    return None


def antwoord_uit_formulier(formulier: Formulier, o: Overzicht) -> Correctie:
    """Stap 4b: one answer to one afweging, as a correction of the weighing event.

    Only a question of the deciding rule base is accepted; which one to ask is the engine's
    ``volgende_vraag`` (the page offers that one, or an earlier one to change).
    """
    oud = _weging(o)
    if oud is None or o.weging_nummer is None:
        raise _fout("vraag", "", "Leg eerst de omstandigheden vast (stap 4a).")
    vraag_tekst = _een(formulier, "vraag")
    gevraagd = {a.vraag.value: a.vraag for a in o.basis.vragen}
    if vraag_tekst not in gevraagd:
        raise _fout("vraag", vraag_tekst, "Deze afweging hoort niet bij dit protocol.")
    vraag: Vraag = gevraagd[vraag_tekst]
    oordeel = _keuze(formulier, "antwoord", Oordeel)
    assert isinstance(oordeel, Oordeel)
    weging = attrs.evolve(oud.weging, **{vraag.value: oordeel})
    vervanging = attrs.evolve(oud, weging=weging)
    datum = _datum(formulier) if _een(formulier, "datum") else oud.datum
    return Correctie(
        datum=max(datum, oud.datum),
        verwijst_naar=o.weging_nummer,
        vervanging=vervanging,
        reden=f"Afweging beantwoord: {o.basis.afweging(vraag).naam}",
    )


def besluit_uit_formulier(formulier: Formulier, o: Overzicht) -> BesluitGenomen:
    """Stap 5: the school's decisions (report? help?), who reports and who informs the parents.

    The form is filled in with the engine's decisions; what is recorded is what the school
    confirms. When the engine allows skipping the parent talk, the reason may be recorded.
    """
    uitzondering = _keuze(formulier, "uitzondering", Uitzondering, verplicht=False)
    melder = _keuze(formulier, "melder", Betrokkene, verplicht=False)
    informeert = _keuze(formulier, "informeert_ouders", Betrokkene, verplicht=False)
    return BesluitGenomen(
        datum=_datum(formulier),
        melden=_vink(formulier, "melden"),
        hulp_organiseren=_vink(formulier, "hulp_organiseren"),
        melder=melder if isinstance(melder, Betrokkene) else None,
        informeert_ouders=informeert if isinstance(informeert, Betrokkene) else None,
        uitzondering=uitzondering if isinstance(uitzondering, Uitzondering) else None,
        overleg_veilig_thuis=_vink(formulier, "overleg_veilig_thuis"),
        overwegingen=_tekst(formulier, "overwegingen"),
        vastgelegd_door=_vastgelegd_door(formulier),
    )


def opvolging_uit_formulier(formulier: Formulier, o: Overzicht) -> Gebeurtenis:
    """Stap 5 follow-up: the report made, help agreed with its term, or the dossier closed."""
    soort = _een(formulier, "soort")
    datum = _datum(formulier)
    if soort == "melding":
        uitzondering = _keuze(formulier, "uitzondering", Uitzondering, verplicht=False)
        return MeldingGedaan(
            datum=datum,
            aan=Partij.VEILIG_THUIS,
            door=_vastgelegd_door(formulier),
            besproken_met_ouders=_vink(formulier, "besproken_met_ouders"),
            uitzondering=uitzondering if isinstance(uitzondering, Uitzondering) else None,
            spoed=o.besluit.spoed,
            besproken_met_kind=_vink(formulier, "besproken_met_kind"),
        )
    if soort == "hulp":
        termijn = _datum(formulier, naam="termijn")
        if termijn < datum:
            raise _fout("termijn", termijn.isoformat(), "De termijn ligt na de datum van vandaag.")
        return HulpAfgesproken(
            datum=datum, termijn=termijn, casemanager=_vastgelegd_door(formulier)
        )
    if soort == "sluiten":
        return DossierGesloten(datum=datum, reden=_tekst(formulier, "reden"))
    raise _fout("soort", soort, "Kies wat u wilt vastleggen.")


def contactgegevens(o: Overzicht, partij: Partij) -> tuple[Contactgegevens, ...]:
    """The sociale kaart entries of ``partij`` in the decision (the profile's details)."""
    return tuple(k for k in o.besluit.contacten_details if k.partij is partij)


def protocol_van(o: Overzicht) -> Protocol:
    """The protocol that decides the open case."""
    return o.basis.protocol
