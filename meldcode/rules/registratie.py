"""The record-keeping checks: what the sources require each dossier entry to record.

Each check is data: a stable id, the source file and section (``bron``), the source's own words
(``citaat``, verbatim up to whitespace and markdown ``*``), further sources saying the same
(``ook``), the kinds of event it applies to, a predicate, and the Dutch finding shown to
professionals. The predicate is a plain function of the event and its dossier (never a string
that gets evaluated); unlike the decision rules these checks are not compiled to other engines.

``controleer`` runs every check on every effective event (corrections applied) and returns the
findings per event. A finding never contains free text from the dossier.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from attrs import frozen

from meldcode.domain.dossier import (
    SCHOOLROLLEN,
    BesluitGenomen,
    Betrokkene,
    ConsultatieGehouden,
    Dossier,
    DossierGesloten,
    GesprekGevoerd,
    Gesprekspartner,
    HulpAfgesproken,
    Inhoud,
    MeldingGedaan,
    SignaalVastgelegd,
    WegingVastgelegd,
)
from meldcode.domain.waarden import SignaalBron
from meldcode.errors import OngeldigeRegelbasis
from meldcode.rules.model import Bron
from meldcode.rules.normen import LEEFTIJD_MELDING_BESPREKEN_MET_KIND
from meldcode.rules.regels import CJG, FEDRA, JSO, VCOG

__all__ = [
    "DESKUNDIGEN",
    "REGISTRATIES",
    "Bevinding",
    "Context",
    "Registratie",
    "Vindplaats",
    "controleer",
    "maak_registraties",
]

DESKUNDIGEN: frozenset[Betrokkene] = frozenset(
    {Betrokkene.ORTHOPEDAGOOG, Betrokkene.PSYCHOLOOG, Betrokkene.PSYCHIATER}
)
"""The professionals 001 names as trained to make a diagnosis."""

_VERSLAGEN = (SignaalVastgelegd, ConsultatieGehouden, GesprekGevoerd, WegingVastgelegd)


@frozen(kw_only=True)
class Context:
    """What a check may look at besides the event: the dossier's effective events around it."""

    volgnummer: int
    eerder: tuple[Inhoud, ...]
    alle: tuple[Inhoud, ...]


@frozen(kw_only=True)
class Vindplaats:
    """A further source that says the same: file and section, and its own words."""

    bron: Bron
    citaat: str


@frozen(kw_only=True)
class Registratie:
    """One record-keeping requirement of the sources, as data.

    ``in_orde(event, context)`` is ``True`` when the event records what the source asks;
    ``melding`` is the Dutch finding when it does not.
    """

    id: str
    bron: Bron
    citaat: str
    geldt_voor: tuple[type[Inhoud], ...]
    in_orde: Callable[[Inhoud, Context], bool]
    melding: str
    ook: tuple[Vindplaats, ...] = ()


@frozen(kw_only=True)
class Bevinding:
    """A missing record: which event, which check, the Dutch text, and the source it rests on."""

    volgnummer: int
    soort: str
    controle: str
    melding: str
    bron: str
    citaat: str


# --- predicates -----------------------------------------------------------------------------


def _plaats(g: Inhoud, _: Context) -> bool:
    return not isinstance(g, _VERSLAGEN) or bool(g.plaats.strip())


def _situatie(g: Inhoud, _: Context) -> bool:
    return not isinstance(g, _VERSLAGEN) or bool(g.situatie.strip())


def _aanwezigen(g: Inhoud, _: Context) -> bool:
    return not isinstance(g, _VERSLAGEN) or bool(g.aanwezigen)


def _bron_signaal(g: Inhoud, _: Context) -> bool:
    if not isinstance(g, SignaalVastgelegd):
        return True
    if g.signaal.bron is None:
        return False
    return g.signaal.bron is not SignaalBron.DERDE or g.herkomst is not None


def _hypothese(g: Inhoud, _: Context) -> bool:
    return (
        not isinstance(g, SignaalVastgelegd) or not g.interpretatie.strip() or (g.signaal.hypothese)
    )


def _diagnose(g: Inhoud, _: Context) -> bool:
    if not isinstance(g, SignaalVastgelegd) or g.diagnose is None:
        return True
    return g.diagnose.gesteld_door in DESKUNDIGEN


def _ondertekend(g: Inhoud, _: Context) -> bool:
    return (
        not isinstance(g, GesprekGevoerd) or g.ondertekend or bool(g.niet_ondertekend_reden.strip())
    )


def _twee_van_school(g: Inhoud, _: Context) -> bool:
    if not isinstance(g, GesprekGevoerd) or g.met is not Gesprekspartner.OUDERS:
        return True
    return len([r for r in g.aanwezigen if r in SCHOOLROLLEN]) >= 2


def _gesprek_uitkomst(g: Inhoud, _: Context) -> bool:
    return not isinstance(g, GesprekGevoerd) or bool(g.uitkomst.strip())


def _consultatie_onderwerp(g: Inhoud, _: Context) -> bool:
    return not isinstance(g, ConsultatieGehouden) or bool(g.onderwerp.strip())


def _consultatie_uitkomst(g: Inhoud, _: Context) -> bool:
    return not isinstance(g, ConsultatieGehouden) or bool(g.uitkomst.strip())


def _weging_overwegingen(g: Inhoud, _: Context) -> bool:
    return not isinstance(g, WegingVastgelegd) or bool(g.overwegingen.strip())


def _uitzondering_ergens(ctx: Context) -> bool:
    return any(
        isinstance(h, BesluitGenomen | MeldingGedaan) and h.uitzondering is not None
        for h in ctx.alle
    )


def _stappen_1_tot_3(g: Inhoud, ctx: Context) -> bool:
    if not isinstance(g, WegingVastgelegd):
        return True
    consultatie = any(isinstance(h, ConsultatieGehouden) for h in ctx.eerder)
    gesprek = any(
        isinstance(h, GesprekGevoerd) and h.met is Gesprekspartner.OUDERS for h in ctx.eerder
    )
    return consultatie and (gesprek or _uitzondering_ergens(ctx))


def _overslaan_overwegingen(g: Inhoud, _: Context) -> bool:
    if not isinstance(g, BesluitGenomen | MeldingGedaan) or g.uitzondering is None:
        return True
    return bool(g.overwegingen.strip())


def _overslaan_overleg(g: Inhoud, _: Context) -> bool:
    if not isinstance(g, BesluitGenomen | MeldingGedaan) or g.uitzondering is None:
        return True
    return g.overleg_veilig_thuis


def _wie_meldt(g: Inhoud, _: Context) -> bool:
    if isinstance(g, BesluitGenomen):
        return not g.melden or g.melder is not None
    if isinstance(g, MeldingGedaan):
        return g.door is not None
    return True


def _besluit_overwegingen(g: Inhoud, _: Context) -> bool:
    return not isinstance(g, BesluitGenomen) or bool(g.overwegingen.strip())


def _wie_informeert(g: Inhoud, _: Context) -> bool:
    return not isinstance(g, BesluitGenomen) or g.informeert_ouders is not None


def _besproken_met_ouders(g: Inhoud, _: Context) -> bool:
    if not isinstance(g, MeldingGedaan):
        return True
    if g.besproken_met_ouders is None:
        return False
    return g.besproken_met_ouders or g.uitzondering is not None or bool(g.overwegingen.strip())


def _informatie_derden(g: Inhoud, _: Context) -> bool:
    return not isinstance(g, MeldingGedaan) or g.informatie_van_derden is not None


def _kind_12(g: Inhoud, ctx: Context) -> bool:
    if not isinstance(g, MeldingGedaan) or g.besproken_met_kind or g.uitzondering is not None:
        return True
    wegingen = [h for h in ctx.eerder if isinstance(h, WegingVastgelegd)]
    leeftijd = wegingen[-1].kind.leeftijd if wegingen else None
    return leeftijd is None or leeftijd < LEEFTIJD_MELDING_BESPREKEN_MET_KIND.waarde


def _casemanager(g: Inhoud, _: Context) -> bool:
    return not isinstance(g, HulpAfgesproken) or g.casemanager is not None


def _afspraken(g: Inhoud, _: Context) -> bool:
    return not isinstance(g, HulpAfgesproken) or bool(g.afspraken.strip())


def _monitoring(g: Inhoud, ctx: Context) -> bool:
    if not isinstance(g, DossierGesloten):
        return True
    hulp = any(isinstance(h, HulpAfgesproken) for h in ctx.eerder)
    return not hulp or bool(g.monitoring.strip())


# --- the checks -----------------------------------------------------------------------------

_VCOG_STAP_1 = Bron(VCOG, "Aandachtspunten bij Stap 1: In kaart brengen van de signalen")
_DATUM_PLAATS = "Vermeld altijd datum, plaats, situatie, en overige aanwezigen"
_MELDING_003 = Bron(FEDRA, "1.5.1 Beslissing melding Veilig Thuis")


def maak_registraties(registraties: Sequence[Registratie]) -> tuple[Registratie, ...]:
    """Check a set of checks when it is built: unique ids, a section and a quote for each."""
    ids = [r.id for r in registraties]
    dubbel = sorted({i for i in ids if ids.count(i) > 1})
    if dubbel:
        raise OngeldigeRegelbasis(f"duplicate check ids: {', '.join(dubbel)}")
    for r in registraties:
        for v in (Vindplaats(bron=r.bron, citaat=r.citaat), *r.ook):
            if not v.bron.sectie.strip() or not v.citaat.strip():
                raise OngeldigeRegelbasis(f"check {r.id!r}: a source without section or quote")
        if not r.geldt_voor:
            raise OngeldigeRegelbasis(f"check {r.id!r} applies to no kind of event")
    return tuple(registraties)


#: the cited record-keeping checks ``controleer`` runs by default
REGISTRATIES: tuple[Registratie, ...] = maak_registraties(
    (
        Registratie(
            id="registratie.verslag.plaats",
            bron=_VCOG_STAP_1,
            citaat=_DATUM_PLAATS,
            geldt_voor=_VERSLAGEN,
            in_orde=_plaats,
            melding="De plaats is niet vastgelegd.",
        ),
        Registratie(
            id="registratie.verslag.situatie",
            bron=_VCOG_STAP_1,
            citaat=_DATUM_PLAATS,
            geldt_voor=_VERSLAGEN,
            in_orde=_situatie,
            melding="De situatie is niet beschreven.",
        ),
        Registratie(
            id="registratie.verslag.aanwezigen",
            bron=_VCOG_STAP_1,
            citaat=_DATUM_PLAATS,
            geldt_voor=_VERSLAGEN,
            in_orde=_aanwezigen,
            melding="Niet vastgelegd wie er aanwezig waren.",
        ),
        Registratie(
            id="registratie.signaal.bron",
            bron=_VCOG_STAP_1,
            citaat="Vermeld altijd de bron als er informatie van derden (TMO medewerker, "
            "vakleerkracht, andere leerkracht, directeur, onderwijsassistent)",
            geldt_voor=(SignaalVastgelegd,),
            in_orde=_bron_signaal,
            melding="De bron van het signaal is niet vermeld (bij informatie van derden: van "
            "wie de informatie komt).",
        ),
        Registratie(
            id="registratie.signaal.hypothese",
            bron=_VCOG_STAP_1,
            citaat="Wanneer er hypothesen en veronderstellingen worden vastgelegd vermeld dan "
            "uitdrukkelijk dat het gaat om een hypothese en /of veronderstelling.",
            geldt_voor=(SignaalVastgelegd,),
            in_orde=_hypothese,
            melding="Er is een interpretatie vastgelegd die niet als hypothese is gemarkeerd.",
        ),
        Registratie(
            id="registratie.signaal.diagnose",
            bron=_VCOG_STAP_1,
            citaat="Leg een diagnose alleen schriftelijk vast als ze is gesteld door een "
            "professional die hiertoe geschoold is (orthopedagoog, psycholoog, psychiater)",
            geldt_voor=(SignaalVastgelegd,),
            in_orde=_diagnose,
            melding="Er is een diagnose vastgelegd die niet door een daartoe geschoolde "
            "professional (orthopedagoog, psycholoog, psychiater) is gesteld.",
        ),
        Registratie(
            id="registratie.consultatie.onderwerp",
            bron=Bron(CJG, "Stap 2: Collegiale consultatie"),
            citaat="registreer met wie je hebt gesproken, wat het onderwerp was en wanneer je "
            "dit hebt gedaan.",
            geldt_voor=(ConsultatieGehouden,),
            in_orde=_consultatie_onderwerp,
            melding="Het onderwerp van de consultatie is niet vastgelegd.",
        ),
        Registratie(
            id="registratie.consultatie.uitkomst",
            bron=Bron(FEDRA, "1.2 Stap 2. Overleggen met collega's, externen"),
            citaat="De uitkomst van de bespreking en de te nemen stappen worden vastgelegd en "
            "bewaard in het leerlingendossier.",
            geldt_voor=(ConsultatieGehouden,),
            in_orde=_consultatie_uitkomst,
            melding="De uitkomst van de consultatie en de te nemen stappen zijn niet vastgelegd.",
        ),
        Registratie(
            id="registratie.gesprek.uitkomst",
            bron=Bron(CJG, "Stap 3: Bespreking met ouders/opvoeders"),
            citaat="Registreer in ieder geval wanneer je wat met wie besproken hebt en wat de "
            "uitkomsten van dit gesprek zijn.",
            geldt_voor=(GesprekGevoerd,),
            in_orde=_gesprek_uitkomst,
            melding="De uitkomst van het gesprek is niet vastgelegd.",
        ),
        Registratie(
            id="registratie.gesprek.ondertekend",
            bron=Bron(VCOG, "Aandachtspunten bij Stap 1: In kaart brengen van de signalen"),
            citaat="Gespreksverslagen worden door betrokkenen ondertekend",
            ook=(
                Vindplaats(
                    bron=Bron(JSO, "Stap 3: Gesprek met de ouder"),
                    citaat="Leg het gesprek vast en laat het indien mogelijk ondertekenen door "
                    "alle betrokkenen.",
                ),
                Vindplaats(
                    bron=Bron(FEDRA, "1.5.2 Hulp school"),
                    citaat="Leg de gesprekken vast en laat ouders het gespreksverslag "
                    "ondertekenen.",
                ),
            ),
            geldt_voor=(GesprekGevoerd,),
            in_orde=_ondertekend,
            melding="Het gespreksverslag is niet ondertekend en er is niet vastgelegd waarom niet.",
        ),
        Registratie(
            id="registratie.gesprek.twee-van-school",
            bron=Bron(VCOG, "Aandachtspunten bij stap 3 Gesprek met de ouder"),
            citaat="Bij het gesprek zijn altijd twee personen vanuit de school aanwezig",
            geldt_voor=(GesprekGevoerd,),
            in_orde=_twee_van_school,
            melding="Bij het gesprek met de ouders waren geen twee personen vanuit de school "
            "aanwezig (of dat is niet vastgelegd).",
        ),
        Registratie(
            id="registratie.weging.overwegingen",
            bron=Bron(FEDRA, "1.4 Stap 4. Wegen van geweld/kindermishandeling"),
            citaat="Registratie overwegingen en verslagen gesprekken",
            geldt_voor=(WegingVastgelegd,),
            in_orde=_weging_overwegingen,
            melding="De overwegingen bij de weging zijn niet vastgelegd.",
        ),
        Registratie(
            id="registratie.weging.stappen-1-tot-3",
            bron=Bron(FEDRA, "Figuur 2, afweging 1"),
            citaat="Ik heb de stappen 1 t/m 3 van de meldcode doorlopen.",
            geldt_voor=(WegingVastgelegd,),
            in_orde=_stappen_1_tot_3,
            melding="Vóór de weging zijn niet alle stappen 1 t/m 3 vastgelegd (consultatie en "
            "gesprek met de ouders, of de reden om dat gesprek over te slaan).",
        ),
        Registratie(
            id="registratie.oudergesprek-overslaan.overwegingen",
            bron=_MELDING_003,
            citaat="Het is van groot belang de overwegingen die ertoe leiden om niet in gesprek "
            "te gaan, goed te beschrijven.",
            geldt_voor=(BesluitGenomen, MeldingGedaan),
            in_orde=_overslaan_overwegingen,
            melding="Het gesprek met de ouders wordt overgeslagen, maar de overwegingen zijn "
            "niet beschreven.",
        ),
        Registratie(
            id="registratie.oudergesprek-overslaan.overleg-veilig-thuis",
            bron=_MELDING_003,
            citaat="Hierover is altijd overleg met Veilig Thuis.",
            geldt_voor=(BesluitGenomen, MeldingGedaan),
            in_orde=_overslaan_overleg,
            melding="Het overslaan van het gesprek met de ouders is niet met Veilig Thuis "
            "overlegd (of dat is niet vastgelegd).",
        ),
        Registratie(
            id="registratie.besluit.overwegingen",
            bron=Bron(FEDRA, "1.5 Stap 5. Twee beslissingen"),
            citaat="worden overwegingen, besluit en vervolgacties geregistreerd",
            geldt_voor=(BesluitGenomen,),
            in_orde=_besluit_overwegingen,
            melding="De overwegingen bij het besluit zijn niet vastgelegd.",
        ),
        Registratie(
            id="registratie.besluit.wie-meldt",
            bron=_MELDING_003,
            citaat="In het ondersteuningsteam wordt vastgelegd wie de melding doet bij Veilig "
            "Thuis.",
            ook=(
                Vindplaats(
                    bron=Bron(VCOG, "Stappenplan, Stap 5b: Melden en bespreken met de ouder"),
                    citaat="Bespreek in school wie de melding doet, Leerkracht, ib-er of de "
                    "directeur.",
                ),
            ),
            geldt_voor=(BesluitGenomen, MeldingGedaan),
            in_orde=_wie_meldt,
            melding="Niet vastgelegd wie de melding doet.",
        ),
        Registratie(
            id="registratie.besluit.wie-informeert-ouders",
            bron=_MELDING_003,
            citaat="Ook wordt afgesproken wie de ouders informeert over de uitkomsten van de "
            "bespreking en de eventuele melding bij Veilig Thuis.",
            geldt_voor=(BesluitGenomen,),
            in_orde=_wie_informeert,
            melding="Niet vastgelegd wie de ouders informeert over de uitkomst en de eventuele "
            "melding.",
        ),
        Registratie(
            id="registratie.melding.besproken-met-ouders",
            bron=Bron(CJG, "Stap 5: Zorg voor jeugd gebruiken"),
            citaat="Registreer wanneer je gemeld hebt en of je dit met ouders besproken hebt. "
            "Indien je niet met ouders gesproken hebt, registreer dan waarom.",
            geldt_voor=(MeldingGedaan,),
            in_orde=_besproken_met_ouders,
            melding="Niet vastgelegd of de melding met de ouders is besproken, en zo niet, "
            "waarom niet.",
        ),
        Registratie(
            id="registratie.melding.informatie-van-derden",
            bron=_MELDING_003,
            citaat="Geef aan welke informatie van de school en welke informatie van derden komt.",
            ook=(
                Vindplaats(
                    bron=Bron(JSO, "Stap 5b: Melden en bespreken met de ouder"),
                    citaat="geef duidelijk aan indien de informatie die u meldt (ook) van "
                    "anderen afkomstig is",
                ),
            ),
            geldt_voor=(MeldingGedaan,),
            in_orde=_informatie_derden,
            melding="Niet vastgelegd welke informatie van de school en welke van derden komt.",
        ),
        Registratie(
            id="registratie.melding.bespreken-met-kind",
            bron=Bron(VCOG, "Stap 5b: Melden en bespreken met de ouder"),
            citaat="Bespreek de melding vooraf met de ouder(s) en met de leerling wanneer deze "
            "12 jaar is of ouder.",
            geldt_voor=(MeldingGedaan,),
            in_orde=_kind_12,
            melding="De leerling is 12 jaar of ouder, maar de melding is niet met de leerling "
            "besproken (of dat is niet vastgelegd).",
        ),
        Registratie(
            id="registratie.hulp.casemanager",
            bron=Bron(FEDRA, "Figuur 2, afweging 4D"),
            citaat="Spreek af wie welke rol heeft en benoem casemanager.",
            geldt_voor=(HulpAfgesproken,),
            in_orde=_casemanager,
            melding="Er is geen casemanager benoemd.",
        ),
        Registratie(
            id="registratie.hulp.afspraken",
            bron=Bron(FEDRA, "Figuur 2, afweging 4D"),
            citaat="Zo concreet mogelijk maken en documenteren.",
            geldt_voor=(HulpAfgesproken,),
            in_orde=_afspraken,
            melding="De afspraken over de hulp zijn niet vastgelegd.",
        ),
        Registratie(
            id="registratie.sluiten.monitoring",
            bron=Bron(FEDRA, "Figuur 2, afweging 5B"),
            citaat="Hulp afsluiten met vastgelegde afspraken over het monitoren van de veiligheid "
            "van alle betrokkenen.",
            geldt_voor=(DossierGesloten,),
            in_orde=_monitoring,
            melding="De hulp is afgesloten zonder vastgelegde afspraken over het monitoren van "
            "de veiligheid.",
        ),
    )
)


def _bevindingen(dossier: Dossier, registraties: Sequence[Registratie]) -> Iterator[Bevinding]:
    geldend = dossier.geldend()
    alle = tuple(g for _, g in geldend)
    for i, (nummer, g) in enumerate(geldend):
        ctx = Context(volgnummer=nummer, eerder=alle[:i], alle=alle)
        for r in registraties:
            if isinstance(g, r.geldt_voor) and not r.in_orde(g, ctx):
                yield Bevinding(
                    volgnummer=nummer,
                    soort=g.soort,
                    controle=r.id,
                    melding=r.melding,
                    bron=str(r.bron),
                    citaat=r.citaat,
                )


def controleer(
    dossier: Dossier, registraties: Sequence[Registratie] = REGISTRATIES
) -> tuple[Bevinding, ...]:
    """Every finding of every check on the dossier's effective events, in event order.

    A correction that supplies the missing record clears the finding of the event it corrects.
    """
    return tuple(_bevindingen(dossier, registraties))
