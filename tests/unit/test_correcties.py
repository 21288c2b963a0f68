"""Each correction against the sources, with the passage that decides it (checked verbatim).

Every test names its ``Passage``: the source file and the source's own words. One test checks
that every passage is verbatim in its source (skipped when the sources are not present); the
others show the behaviour the passage demands, and each failed on the behaviour before.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from attrs import frozen

from meldcode import (
    Casus,
    Kind,
    Omstandigheden,
    Oordeel,
    Partij,
    Protocol,
    Signaal,
    SignaalBron,
    SoortSignaal,
    Taak,
    Vraag,
    Weging,
    beslis,
)
from meldcode.adapters.profiel import laad_profiel
from meldcode.domain.besluit import Besluit
from meldcode.rules import regelbasis
from meldcode.rules.dekking import vouw
from meldcode.rules.regels import CJG, FEDRA, HANDELINGSWIJZER, JSO, VCOG

JA, NEE, TWIJFEL = Oordeel.JA, Oordeel.NEE, Oordeel.TWIJFEL
P13, P19 = Protocol.P2013, Protocol.P2019
SIGNAAL = Signaal(soort=SoortSignaal.LICHAMELIJK_GEWELD)
LETSEL = Signaal(soort=SoortSignaal.LICHAMELIJK_GEWELD, ernstig_letsel=True)
LEVENSGEVAAR = Signaal(soort=SoortSignaal.LICHAMELIJK_GEWELD, levensgevaar=True)


@frozen
class Passage:
    """The words of a source that decide a correction."""

    bestand: str
    tekst: str


# --- the deciding passages ---------------------------------------------------------------------

TWEE_BESLISSINGEN = Passage(
    FEDRA,
    "Bij stap 5 vervalt de keuze tussen hulpverlening óf melden. In de nieuwe situatie neemt de "
    "professional twee losse besluiten:",
)
AFWEGING_2B = Passage(
    FEDRA,
    "Ja of twijfel. Direct melding doen bij Veilig Thuis. De afwegingen hierna worden samen met "
    "Veilig Thuis doorlopen.",
)
AFWEGING_4D = Passage(FEDRA, "Leg vast, voer uit en ga verder met afweging 5.")
AFWEGING_5B = Passage(
    FEDRA,
    "Ja. Hulp afsluiten met vastgelegde afspraken over het monitoren van de veiligheid van alle "
    "betrokkenen.",
)
HULP_NA_MELDING = Passage(
    FEDRA,
    "Wanneer de school, op basis van de afweging in stap 4, een melding doet bij Veilig Thuis, "
    "wordt de tweede beslissingsvraag over hulp in overleg met Veilig Thuis beantwoord.",
)
AFWEGING_1A = Passage(
    FEDRA, "Op basis van deze doorlopen stappen is geen actie nodig: dossier vastleggen en sluiten."
)
ZORGEN_WEGGENOMEN = Passage(
    FEDRA,
    "Zijn de zorgen weggenomen, dan wordt de meldcode afgesloten. Bij (een vermoeden van) "
    "huiselijk geweld of kindermishandeling wordt bij stap 5 een beslissing genomen over melden "
    "en hulpverlening.",
)
ALTIJD_MELDEN = Passage(
    FEDRA,
    "Een melding bij Veilig Thuis is noodzakelijk: In alle gevallen van (vermoeden van) acute "
    "en/of structurele onveiligheid. In alle gevallen van geweld met ernstig letsel.",
)
TWIJFEL_2019 = Passage(
    FEDRA,
    "Als de zorgcoördinator twijfelt over de oorzaak van de situatie en mogelijke onveiligheid bij "
    "het kind kan ook, eventueel anoniem, advies worden gevraagd bij Veilig Thuis.",
)
TWIJFEL_2013 = Passage(
    JSO,
    "Indien u ook maar enige twijfel heeft over de oorzaak van de situatie en/of eventuele "
    "mogelijke onveiligheid bij de leerling, moet u advies vragen bij het AMK.",
)
NOOD_2019 = Passage(
    FEDRA,
    "Bij signalen die wijzen op acuut of zodanig ernstig geweld dat een kind of een gezinslid "
    "onmiddellijk moet worden beschermd, neemt de school direct contact op met Veilig Thuis.",
)
NOOD_2013 = Passage(
    JSO,
    "Bij signalen die wijzen op acuut en zodanig ernstig geweld dat de leerling of een gezinslid "
    "daartegen onmiddellijk moet worden beschermd, kunt u meteen advies vragen aan het Advies- en "
    "Meldpunt Kindermishandeling.",
)
LICHT = Passage(
    HANDELINGSWIJZER,
    "Is er wel behoefte aan lichte ondersteuning in plaats van hulpverlening, organiseer dat dan "
    "dicht bij ouders en kind.",
)
LEERLING_KAN = Passage(
    JSO,
    "Bespreek uw melding vooraf met de ouder. U kunt de melding ook bespreken met de leerling "
    "wanneer deze 12 jaar of ouder is.",
)
LEERLING_MOET = Passage(
    VCOG,
    "Bespreek de melding vooraf met de ouder(s) en met de leerling wanneer deze 12 jaar is of "
    "ouder.",
)
LEERLING_AFZIEN = Passage(
    JSO,
    "Van contacten met de leerling en/of ouder over de melding kunt u afzien: als de veiligheid "
    "van de leerling, die van u zelf, of die van een ander in het geding is; of",
)
AMK_NUMMER = Passage(
    JSO,
    "Organisatie : Advies- en Meldpunt Kindermishandeling Contactpersoon : Adres : "
    "Telefoonnummer: 0900-1251250",
)
VERBETERD_2019 = Passage(
    FEDRA,
    "De meldcode huiselijk geweld en kindermishandeling (HG&KM) is per 1 januari 2019 verbeterd "
    "en aangescherpt.",
)
VASTLEGGEN_2013 = Passage(
    JSO,
    "Leg ook de contacten over de signalen vast, evenals de stappen die worden gezet en de "
    "besluiten die worden genomen.",
)
UITKOMST_DELEN_2013 = Passage(JSO, "Breng de ouder na overleg met anderen op de hoogte.")
UITKOMST_DELEN_2019 = Passage(
    HANDELINGSWIJZER, "Deel met ouders en kind wat de uitkomsten zijn van overleg met anderen."
)
AANKOMST_2013 = Passage(
    JSO, "Verwijs de ouder door en vraag daarna of de ouder is aangekomen bij de hulp."
)
BUREAU_JEUGDZORG = Passage(
    JSO, "Organiseer hulp door ouder en leerling door te verwijzen naar Bureau Jeugdzorg"
)
SOCIAAL_VERPLEEGKUNDIGE = Passage(
    VCOG,
    "Daarnaast houdt de sociaal verpleegkundige de school op de hoogte van de bespreking van de "
    "hulpvraag en of ouder(s) daadwerkelijk de hulp die hen geadviseerd wordt oppakken. "
    "Bovenstaande is van belang in verband met de eventuele afweging om alsnog een melding te "
    "doen.",
)
EERDERE_LEERKRACHTEN = Passage(
    FEDRA,
    "In dit overleg worden ook collega's meegenomen die de leerling eerder in de groep hebben "
    "gehad en de leerkrachten van broertjes en zusjes.",
)
WIE_VOERT_GESPREKKEN = Passage(
    FEDRA,
    "De gesprekken kunnen gevoerd worden door de leerkracht - na overleg met de directie en "
    "zorgcoördinator -, door de zorgcoördinator of door hen beiden.",
)
BESCHERMING_2019 = Passage(
    FEDRA,
    "Overleg bij de melding met Veilig Thuis wat er na de melding - binnen de grenzen van de "
    "gebruikelijke werkzaamheden - gedaan kan worden om het kind, de ouders en mogelijke "
    "gezinsleden tegen het risico op kindermishandeling of huiselijk geweld te beschermen.",
)
BESCHERMING_2013 = Passage(
    JSO,
    "overleg bij uw melding met het Advies- en Meldpunt Kindermishandeling wat u na de melding, "
    "binnen de grenzen van uw gebruikelijke werkzaamheden, zelf nog kunt doen",
)
TOESTEMMING = Passage(
    FEDRA,
    "De school moet aan kunnen tonen zich ingespannen te hebben om toestemming voor de melding te "
    "krijgen",
)
MONITOREN_NA_MELDING = Passage(
    FEDRA,
    "De betrokkenheid van de leerkracht bij het kind, de ouders en andere gezinsleden houdt niet "
    "op na de melding (stap 5). Monitor of het kind en de ouders daadwerkelijk hulp krijgen.",
)
REGISTREER_ZORGEN = Passage(
    CJG, "Registreer welke zorgen je hebt en met wie je contact hebt opgenomen."
)
HUISELIJKE_SFEER = Passage(
    FEDRA, "De meldcode geldt voor situaties in de huiselijke en privé sfeer."
)
BESTUUR = Passage(
    JSO,
    "Indien de signalen duiden op kindermishandeling gepleegd door een medewerker van de school "
    "dan dient dit onmiddellijk gemeld te worden bij het schoolbestuur",
)
GELOOF_HET_KIND = Passage(
    HANDELINGSWIJZER,
    "Geloof het kind als hij of zij signalen afgeeft. Er is een reden voor het kind om het te "
    "vertellen.",
)

PASSAGES = {n: p for n, p in dict(globals()).items() if isinstance(p, Passage)}


@pytest.mark.parametrize("naam", sorted(PASSAGES))
def test_every_deciding_passage_is_verbatim_in_its_source(naam: str, bronnen: Path) -> None:
    """The passages below are the sources' own words."""
    passage = PASSAGES[naam]
    tekst = vouw((bronnen / passage.bestand).read_text(encoding="utf-8"))

    assert vouw(passage.tekst) in tekst


def _casus(protocol: Protocol = P19, *signalen: Signaal, **antwoorden: Oordeel) -> Casus:
    return Casus(
        protocol=protocol,
        kind=Kind(leeftijd=9),
        signalen=signalen or (SIGNAAL,),
        weging=Weging(**antwoorden),
    )


def _met(casus: Casus, **omstandigheden: bool) -> Casus:
    return attrs.evolve(casus, omstandigheden=Omstandigheden(**omstandigheden))


def _taken(besluit: Besluit) -> set[Taak]:
    return {a.taak for a in besluit.acties}


def _gronden(besluit: Besluit) -> set[str]:
    return {g.regel for g in besluit.gronden}


# --- 1. two decisions after a report (2019) -----------------------------------------------------


@pytest.mark.parametrize("onveiligheid", ["acute_onveiligheid", "structurele_onveiligheid"])
def test_a_report_at_2b_still_asks_afwegingen_3_to_5(onveiligheid: str) -> None:
    """``AFWEGING_2B``, ``HULP_NA_MELDING``: after the report the help questions follow."""
    afweging_2 = {"acute_onveiligheid": NEE, "structurele_onveiligheid": NEE, onveiligheid: JA}
    gemeld = _casus(vermoeden=JA, **afweging_2)

    stappen = [
        (beslis(gemeld), Vraag.HULP_MOGELIJK),
        (beslis(_casus(**{**_weging(gemeld), "hulp_mogelijk": JA})), Vraag.HULP_AANVAARD),
        (
            beslis(_casus(**{**_weging(gemeld), "hulp_mogelijk": JA, "hulp_aanvaard": JA})),
            Vraag.HULP_RESULTAAT,
        ),
    ]

    for besluit, vraag in stappen:
        assert besluit.melden
        assert besluit.volgende_vraag is vraag


def _weging(casus: Casus) -> dict[str, Oordeel]:
    return {k: v for k, v in attrs.asdict(casus.weging).items() if v is not None}


def test_a_report_does_not_end_the_help_track() -> None:
    """``TWEE_BESLISSINGEN``, ``AFWEGING_4D``: help is organised beside the report."""
    besluit = beslis(
        _casus(vermoeden=JA, acute_onveiligheid=JA, hulp_mogelijk=JA, hulp_aanvaard=JA)
    )

    assert (besluit.melden, besluit.hulp_organiseren, besluit.dossier_sluiten) == (
        True,
        True,
        False,
    )
    assert "2019.afweging-4.hulp-aanvaard" in _gronden(besluit)


def test_5b_closes_the_help_also_when_a_report_was_made() -> None:
    """``AFWEGING_5B``: the help is closed with monitoring agreements, report or not."""
    besluit = beslis(
        _casus(
            vermoeden=JA,
            acute_onveiligheid=JA,
            hulp_mogelijk=JA,
            hulp_aanvaard=JA,
            hulp_resultaat=JA,
        )
    )

    assert (besluit.melden, besluit.hulp_organiseren, besluit.dossier_sluiten) == (
        True,
        False,
        True,
    )
    assert besluit.volledig
    assert Taak.MONITORING_AFSPREKEN in _taken(besluit)
    assert frozenset({Taak.MELDEN}) not in regelbasis(P19).onverenigbaar


# --- 2. the always-report situations belong to step 5 ----------------------------------------


@pytest.mark.parametrize("signaal", [LETSEL, LEVENSGEVAAR], ids=["letsel", "levensgevaar"])
def test_afweging_1_nee_ends_the_route_whatever_the_signal(signaal: Signaal) -> None:
    """``AFWEGING_1A``, ``ZORGEN_WEGGENOMEN``: the list of ``ALTIJD_MELDEN`` is step 5's."""
    weggewogen = beslis(_casus(P19, signaal, vermoeden=NEE))
    gewogen = beslis(_casus(P19, signaal, vermoeden=JA))

    assert (weggewogen.melden, weggewogen.dossier_sluiten) == (False, True)
    assert gewogen.melden
    assert "2019.stap-5.altijd-melden.onveiligheid" not in _gronden(weggewogen)
    assert "2019.stap-5.altijd-melden.ernstig-letsel" not in _gronden(weggewogen)


@pytest.mark.parametrize("protocol", [P13, P19], ids=["2013", "2019"])
@pytest.mark.parametrize(
    ("signaal", "code"),
    [
        (LETSEL, "tegenstrijdig.vermoeden-nee-ernstig-letsel"),
        (LEVENSGEVAAR, "tegenstrijdig.vermoeden-nee-levensgevaar"),
    ],
    ids=["letsel", "levensgevaar"],
)
def test_a_grave_signal_beside_afweging_1_nee_is_warned_about_and_veilig_thuis_advised(
    protocol: Protocol, signaal: Signaal, code: str
) -> None:
    """Contradictory input is never resolved silently: ``TWIJFEL_2019``, ``TWIJFEL_2013``.

    Neither a silent report (before) nor a silent close: a stable warning, Dutch text without
    free text from the case, and advice to consult Veilig Thuis (the AMK).
    """
    besluit = beslis(_casus(protocol, signaal, vermoeden=NEE))

    (waarschuwing,) = besluit.waarschuwingen
    assert waarschuwing.code == code
    assert waarschuwing.regel == f"{protocol.value}.{code}"
    assert "Afweging 1 is 'nee'" in waarschuwing.tekst
    assert not besluit.melden
    assert besluit.veilig_thuis_raadplegen
    assert Partij.VEILIG_THUIS in besluit.contacten
    assert beslis(_casus(protocol, signaal, vermoeden=JA)).waarschuwingen == ()


def test_the_warning_is_in_the_json_and_the_explanation() -> None:
    """The additive contract field ``waarschuwingen``: ``[{"code", "tekst", "regel"}]``."""
    from meldcode import besluit_naar_dict
    from meldcode.rules.uitleg import uitleg

    casus = attrs.evolve(_casus(P19, LETSEL, vermoeden=NEE), signalen=(LETSEL,))
    besluit = beslis(casus)

    assert besluit_naar_dict(besluit)["waarschuwingen"] == [
        {
            "code": "tegenstrijdig.vermoeden-nee-ernstig-letsel",
            "tekst": besluit.waarschuwingen[0].tekst,
            "regel": "2019.tegenstrijdig.vermoeden-nee-ernstig-letsel",
        }
    ]
    assert "(tegenstrijdig.vermoeden-nee-ernstig-letsel)" in uitleg(besluit)


def test_a_doubtful_suspicion_still_reaches_step_5() -> None:
    """Afweging 1 *twijfel* is no 1A ("geen actie nodig"): serious injury is reported."""
    besluit = beslis(_casus(P19, LETSEL, vermoeden=TWIJFEL))

    assert besluit.melden


def test_life_danger_is_an_emergency_whatever_the_weging_says() -> None:
    """``NOOD_2019``: direct contact with Veilig Thuis, urgent, even with afweging 1 nee."""
    besluit = beslis(_casus(P19, LEVENSGEVAAR, vermoeden=NEE))

    assert besluit.spoed
    assert besluit.veilig_thuis_raadplegen
    assert besluit.contacten[:2] == (Partij.POLITIE_112, Partij.VEILIG_THUIS)


# --- 3. emergencies per era, in their own words ---------------------------------------------


def test_serious_injury_alone_is_not_the_2013_emergency() -> None:
    """``NOOD_2013``: "acuut en zodanig ernstig"; serious injury alone follows the steps."""
    letsel = beslis(_casus(P13, LETSEL))
    gevaar = beslis(_casus(P13, LEVENSGEVAAR))

    assert (letsel.spoed, letsel.veilig_thuis_raadplegen) == (False, False)
    assert (gevaar.spoed, gevaar.veilig_thuis_raadplegen) == (True, True)
    grond = regelbasis(P13).gronden["2013.noodsituatie.advies-amk"]
    assert "acuut én zodanig ernstig" in grond.toelichting
    assert "Ernstig letsel alleen" in grond.toelichting


def test_the_2019_emergency_is_acute_or_so_serious() -> None:
    """``NOOD_2019``: "acuut of zodanig ernstig": acute unsafety (or its doubt) suffices."""
    besluit = beslis(_casus(vermoeden=JA, acute_onveiligheid=TWIJFEL))

    assert besluit.spoed
    grond = regelbasis(P19).gronden["2019.noodsituatie.direct-contact-veilig-thuis"]
    assert "acuut óf zodanig ernstig" in grond.toelichting


# --- 4. light support while help runs -------------------------------------------------------


def test_light_support_is_offered_while_the_help_runs() -> None:
    """``LICHT``: offered when the risk is light, not only once the help track has ended."""
    lopend = _met(
        _casus(
            vermoeden=JA,
            acute_onveiligheid=NEE,
            structurele_onveiligheid=NEE,
            hulp_mogelijk=JA,
            hulp_aanvaard=JA,
        ),
        risico_licht=True,
    )

    besluit = beslis(lopend)

    assert besluit.hulp_organiseren
    assert besluit.volgende_vraag is Vraag.HULP_RESULTAAT
    assert Taak.LICHTE_ONDERSTEUNING_ORGANISEREN in _taken(besluit)
    gemeld = beslis(_met(_casus(vermoeden=JA, acute_onveiligheid=JA), risico_licht=True))
    assert Taak.LICHTE_ONDERSTEUNING_ORGANISEREN not in _taken(gemeld)


# --- 5. 2013: the pupil talk -------------------------------------------------------------------


def _leerling(**omstandigheden: bool) -> Casus:
    casus = attrs.evolve(_casus(P13, vermoeden=JA, kan_beschermen=NEE), kind=Kind(leeftijd=14))
    return _met(casus, **omstandigheden)


def test_nationally_the_2013_pupil_talk_is_advised_not_decided() -> None:
    """``LEERLING_KAN`` (000, the national 2013 rules): "U kunt": an advised action."""
    besluit = beslis(_leerling())

    assert besluit.melden
    assert not besluit.bespreken_met_kind
    (actie,) = [a for a in besluit.acties if a.taak is Taak.MELDING_BESPREKEN_MET_KIND]
    assert actie.advies


def test_the_vcog_profile_makes_the_pupil_talk_a_duty() -> None:
    """``LEERLING_MOET`` (001): "Bespreek": the vcog profile's decision."""
    vcog = laad_profiel("vcog").regelbasis(P13)

    assert beslis(_leerling(), basis=vcog).bespreken_met_kind


@pytest.mark.parametrize("omstandigheid", ["veiligheid_in_geding", "contact_verbreken_verwacht"])
def test_the_exception_of_stap_5b_covers_the_pupil_too(omstandigheid: str) -> None:
    """``LEERLING_AFZIEN``: where the parent talk may be skipped, the pupil talk is not due."""
    vcog = laad_profiel("vcog").regelbasis(P13)
    casus = _leerling(**{omstandigheid: True})

    for besluit in (beslis(casus), beslis(casus, basis=vcog)):
        assert besluit.oudergesprek_overslaan
        assert not besluit.bespreken_met_kind
        assert Taak.MELDING_BESPREKEN_MET_KIND not in _taken(besluit)


# --- 6. profiles belong to an era ------------------------------------------------------------


def test_an_amk_profile_never_hands_out_the_amk_number_for_a_2019_case() -> None:
    """``AMK_NUMMER`` is 2013's; ``VERBETERD_2019``: the 2019 code is another era."""
    from meldcode.errors import OngeldigeInvoer

    for naam in ("perspectief", "vcog"):
        profiel = laad_profiel(naam)
        amk = [k for k in profiel.sociale_kaart if k.partij is Partij.VEILIG_THUIS]
        assert all(k.telefoon.startswith("0900-") for k in amk)
        with pytest.raises(OngeldigeInvoer, match="not for '2019'"):
            profiel.regelbasis(P19)


# --- 7. quotes that carry their conclusion -----------------------------------------------------


def test_the_staff_rule_informs_the_board_not_the_scope_rule() -> None:
    """``BESTUUR`` names the board; ``HUISELIJKE_SFEER`` only the scope, and concludes nothing."""
    basis = regelbasis(P19)

    assert basis.regel("2019.inleiding.alleen-huiselijke-sfeer").dan.contacten == ()
    assert Partij.BESTUUR in basis.regel("2013+2019.stap-1.pleger-is-medewerker").dan.contacten


def test_the_2013_recording_duty_is_general() -> None:
    """``VASTLEGGEN_2013``: record contacts, steps and decisions, not only a skipped talk."""
    besluit = beslis(_casus(P13, vermoeden=JA))

    assert not besluit.oudergesprek_overslaan
    assert Taak.VASTLEGGEN in _taken(besluit)
    assert "2013.stap-1.vastleggen" in _gronden(besluit)


def test_disclosure_by_the_child_is_no_report_by_itself() -> None:
    """``GELOOF_HET_KIND`` says believe the child, not report: the switch consults Veilig Thuis."""
    from meldcode.rules.routes import INGETROKKEN, SCHAKELAARS

    assert "openbaring_kind_altijd_melden" in INGETROKKEN
    regel = SCHAKELAARS["openbaring_kind_veilig_thuis_raadplegen"]
    assert "melden" not in {b.value for b in regel.dan.beslissingen}
    kind = Signaal(soort=SoortSignaal.LICHAMELIJK_GEWELD, bron=SignaalBron.KIND)
    assert not beslis(_casus(P19, kind, vermoeden=NEE)).melden


# --- 8. instructions that act on a case --------------------------------------------------------


@pytest.mark.parametrize(
    ("casus", "taak", "regel"),
    [
        (
            _casus(P13, vermoeden=JA),
            Taak.UITKOMST_OVERLEG_DELEN,
            "2013.stap-3.ouder-informeren-na-overleg",
        ),
        (
            _casus(P19, vermoeden=JA),
            Taak.UITKOMST_OVERLEG_DELEN,
            "2019.stap-4.uitkomst-overleg-delen",
        ),
        (
            _casus(P13, vermoeden=JA, kan_beschermen=JA),
            Taak.AANKOMST_BIJ_HULP_NAGAAN,
            "2013.stap-5a.aankomst-bij-hulp-nagaan",
        ),
        (_casus(P19), Taak.LEERKRACHTEN_BETREKKEN, "2019.stap-2.eerdere-leerkrachten-betrekken"),
        (_casus(P19), Taak.OUDERGESPREK_VOEREN, "2019.stap-3.wie-voert-de-gesprekken"),
        (
            _casus(P19, vermoeden=JA, acute_onveiligheid=JA),
            Taak.BESCHERMING_OVERLEGGEN,
            "2019.melding.bescherming-overleggen",
        ),
        (
            _casus(P13, vermoeden=JA, kan_beschermen=NEE),
            Taak.BESCHERMING_OVERLEGGEN,
            "2013.stap-5b.bescherming-overleggen",
        ),
        (
            _casus(P19, vermoeden=JA, acute_onveiligheid=JA),
            Taak.TOESTEMMING_AANTONEN,
            "2019.melding.toestemming-aantonen",
        ),
        (
            _casus(P19, vermoeden=JA, acute_onveiligheid=JA),
            Taak.HULP_MONITOREN,
            "2019.melding.hulp-monitoren",
        ),
        (_casus(P19), Taak.VASTLEGGEN, "2019.stap-4.zorgen-en-contacten-registreren"),
    ],
    ids=lambda x: x if isinstance(x, str) else "",
)
def test_a_missing_instruction_is_now_an_action(casus: Casus, taak: Taak, regel: str) -> None:
    """An instruction that acts on a case is now the action of a cited rule.

    ``UITKOMST_DELEN_2013``, ``UITKOMST_DELEN_2019``, ``AANKOMST_2013``,
    ``EERDERE_LEERKRACHTEN``, ``WIE_VOERT_GESPREKKEN``, ``BESCHERMING_2019``,
    ``BESCHERMING_2013``, ``TOESTEMMING``, ``MONITOREN_NA_MELDING``, ``REGISTREER_ZORGEN``.
    """
    besluit = beslis(casus)

    assert taak in _taken(besluit)
    assert regel in _gronden(besluit)


def test_sharing_outcomes_with_the_parents_waits_where_the_talk_may_be_skipped() -> None:
    """Outcomes are shared with the parents only where the talk with them takes place."""
    overslaan = _met(_casus(P19, vermoeden=JA), veiligheid_in_geding=True)

    assert Taak.UITKOMST_OVERLEG_DELEN not in _taken(beslis(overslaan))


def test_whom_2013_help_goes_through_is_the_organisation_s_own() -> None:
    """``BUREAU_JEUGDZORG`` (000, perspectief) and ``SOCIAAL_VERPLEEGKUNDIGE`` (001, vcog)."""
    casus = _casus(P13, vermoeden=JA, kan_beschermen=JA)
    perspectief = beslis(casus, basis=laad_profiel("perspectief").regelbasis(P13))
    vcog = beslis(casus, basis=laad_profiel("vcog").regelbasis(P13))

    via = {(a.taak, a.partij) for a in perspectief.acties}
    assert (Taak.HULP_ORGANISEREN, Partij.JEUGDBESCHERMER) in via
    assert Taak.SCHOOL_INFORMEREN_OVER_HULP in _taken(vcog)
    assert Taak.SCHOOL_INFORMEREN_OVER_HULP not in _taken(perspectief)
