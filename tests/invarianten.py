"""The protocol's invariants, each a check on one case; used exhaustively and by Hypothesis."""

from __future__ import annotations

import functools

import attrs

from meldcode import (
    Beslispunt,
    Besluit,
    Casus,
    Oordeel,
    Partij,
    Protocol,
    SoortSignaal,
    Taak,
    beslis,
)
from meldcode.rules import evalueer_casus, kies_protocol, regelbasis
from tests.ruimte import RISICO_OPLOPEND

VGV = SoortSignaal.VROUWELIJKE_GENITALE_VERMINKING
EER = SoortSignaal.EERGERELATEERD_GEWELD

BESLISPUNTEN = tuple(Beslispunt)


def beslissingen(besluit: Besluit) -> tuple[bool, ...]:
    """The yes/no decisions of a Besluit, in contract order."""
    return tuple(besluit.beslist(p) for p in BESLISPUNTEN)


RISICO = frozenset({Oordeel.JA, Oordeel.TWIJFEL})


def acute_of_structurele_onveiligheid_wordt_gemeld(casus: Casus, besluit: Besluit) -> None:
    """2019: (a suspicion of) acute or structural unsafety is always reported at step 5.

    003 §1.5.1 "Een melding bij Veilig Thuis is noodzakelijk: In alle gevallen van (vermoeden
    van) acute en/of structurele onveiligheid. In alle gevallen van geweld met ernstig letsel."
    These situations are decided at step 5, which the route reaches when afweging 1 is not
    answered *nee* (003 Figuur 1: "Zijn de zorgen weggenomen, dan wordt de meldcode afgesloten";
    Figuur 2, 1A "geen actie nodig: dossier vastleggen en sluiten"). Before, this invariant
    demanded a report whatever afweging 1 said: a misreading of where the list belongs.
    """
    if besluit.protocol != Protocol.P2019:
        return
    w = casus.weging
    if w.vermoeden not in RISICO:
        return
    if w.acute_onveiligheid in RISICO or w.structurele_onveiligheid in RISICO:
        assert besluit.melden, f"unsafety not reported: {w}"
    if any(s.ernstig_letsel or s.levensgevaar for s in casus.signalen):
        assert besluit.melden, "serious injury or life danger not reported"


def noodsituatie_staat_los_van_de_weging(casus: Casus, besluit: Besluit) -> None:
    """Life danger always means urgency and Veilig Thuis (the AMK), whatever the weging says.

    003 Noodsituaties: "Bij signalen die wijzen op acuut of zodanig ernstig geweld dat een kind
    of een gezinslid onmiddellijk moet worden beschermd, neemt de school direct contact op met
    Veilig Thuis." 000 Noodsituaties: "acuut en zodanig ernstig geweld" ... "kunt u meteen advies
    vragen aan het Advies- en Meldpunt Kindermishandeling."
    """
    if any(s.levensgevaar for s in casus.signalen):
        assert besluit.spoed, "life danger without urgency"
        assert besluit.veilig_thuis_raadplegen, "life danger without Veilig Thuis"
        assert Partij.VEILIG_THUIS in besluit.contacten
        assert besluit.contacten[0] is Partij.POLITIE_112
    if besluit.protocol == Protocol.P2019 and casus.weging.acute_onveiligheid in RISICO:
        assert besluit.spoed, "acute unsafety without urgency"
        assert Partij.VEILIG_THUIS in besluit.contacten


def afweging_1_nee_meldt_niet(casus: Casus, besluit: Besluit) -> None:
    """When the suspicion is weighed away the national route never reports: it ends at 1A.

    003 Figuur 2, 1A: "Op basis van deze doorlopen stappen is geen actie nodig: dossier
    vastleggen en sluiten." 000 Stap 3: "Indien tijdens het gesprek met de ouder blijkt dat de
    zorgen een andere oorzaak hebben, kunt u dit traject afsluiten." A signal that contradicts
    the weging is not resolved by reporting silently (nor by closing silently: see
    ``tegenstrijdigheid_wordt_gemeld``).
    """
    if casus.weging.vermoeden is Oordeel.NEE:
        assert not besluit.melden, "a report although afweging 1 is nee"
        assert besluit.dossier_sluiten


@functools.cache
def _concluderend(protocol: Protocol) -> dict[Beslispunt, frozenset[str]]:
    basis = regelbasis(protocol)
    return {
        p: frozenset(r.id for r in basis.regels if p in r.dan.beslissingen) for p in BESLISPUNTEN
    }


def geen_besluit_zonder_grond(casus: Casus, besluit: Besluit) -> None:
    """Every decision taken is carried by a ground from a rule that concludes it."""
    basis = regelbasis(besluit.protocol)
    concluderend = _concluderend(besluit.protocol)
    gronden = {g.regel for g in besluit.gronden}
    for p in BESLISPUNTEN:
        if besluit.beslist(p):
            assert gronden & concluderend[p], f"{p.value} without grounds"
    for partij in besluit.contacten:
        assert any(partij in basis.regel(g).dan.contacten for g in gronden), partij


def _tegenstrijdig(casus: Casus, protocol: Protocol) -> set[str]:
    """What contradicts afweging 1 answered *nee*, as the codes of the warnings it must raise."""
    uit = set()
    if any(s.ernstig_letsel for s in casus.signalen):
        uit.add("tegenstrijdig.vermoeden-nee-ernstig-letsel")
    if any(s.levensgevaar for s in casus.signalen):
        uit.add("tegenstrijdig.vermoeden-nee-levensgevaar")
    if casus.omstandigheden.onveiligheid_herhaalt_zich:
        uit.add("tegenstrijdig.vermoeden-nee-onveiligheid-herhaalt-zich")
    # 000 stap 3: such a signal asks for urgent contact; beside "nee" that is a contradiction
    if any(s.soort in (VGV, EER) for s in casus.signalen):
        uit.add("tegenstrijdig.vermoeden-nee-vgv-of-eergerelateerd")
    w = casus.weging
    if protocol == Protocol.P2019 and RISICO & {w.acute_onveiligheid, w.structurele_onveiligheid}:
        uit.add("tegenstrijdig.vermoeden-nee-onveiligheid")
    return uit


def tegenstrijdigheid_wordt_gemeld(casus: Casus, besluit: Besluit) -> None:
    """Afweging 1 *nee* beside a grave signal is warned about, with advice to consult Veilig Thuis.

    Never resolved silently: not by a report (the route ends at 1A, 003 Figuur 2), and not by
    closing without a word. 003 §1.2 "Als de zorgcoördinator twijfelt over de oorzaak van de
    situatie en mogelijke onveiligheid bij het kind kan ook, eventueel anoniem, advies worden
    gevraagd bij Veilig Thuis"; 000 stap 2 "Indien u ook maar enige twijfel heeft ... moet u
    advies vragen bij het AMK." Without a contradiction there is no warning.
    """
    codes = {w.code for w in besluit.waarschuwingen}
    w = casus.weging
    vijf_b = (w.vermoeden, w.hulp_mogelijk, w.hulp_aanvaard, w.hulp_resultaat) == (Oordeel.JA,) * 4
    if (
        besluit.protocol == Protocol.P2019
        and vijf_b
        and casus.omstandigheden.onveiligheid_herhaalt_zich
    ):
        # 5B (help achieved its results) beside unsafety that repeats itself despite the help
        assert codes == {"tegenstrijdig.resultaat-ja-onveiligheid-herhaalt-zich"}, codes
        assert besluit.melden
        assert besluit.veilig_thuis_raadplegen
        return
    if casus.weging.vermoeden is not Oordeel.NEE:
        assert not codes, codes
        return
    verwacht = _tegenstrijdig(casus, besluit.protocol)
    assert codes == verwacht, (codes, verwacht)
    if verwacht:
        assert besluit.veilig_thuis_raadplegen
        assert Partij.VEILIG_THUIS in besluit.contacten
    for w in besluit.waarschuwingen:
        assert w.regel in {g.regel for g in besluit.gronden}


def een_melding_beeindigt_de_hulp_niet(casus: Casus, besluit: Besluit) -> None:
    """2019: with or without a report, afwegingen 3-5 are asked and decide the help.

    003 afweging 2B: "Direct melding doen bij Veilig Thuis. De afwegingen hierna worden samen met
    Veilig Thuis doorlopen."; 4D "Leg vast, voer uit en ga verder met afweging 5."; 5B "Hulp
    afsluiten met vastgelegde afspraken over het monitoren van de veiligheid van alle
    betrokkenen."; §1.5 "Twee beslissingen".
    """
    w = casus.weging
    if besluit.protocol != Protocol.P2019 or w.vermoeden is not Oordeel.JA:
        return
    ja = Oordeel.JA
    if w.hulp_mogelijk is ja and w.hulp_aanvaard is ja:
        if w.hulp_resultaat is ja:
            assert besluit.dossier_sluiten, "5B: help not closed"
            assert not besluit.hulp_organiseren, "5B: help not closed"
        else:
            assert besluit.hulp_organiseren, "4D: help not organised"
    nog_open = (w.hulp_mogelijk, w.hulp_aanvaard, w.hulp_resultaat) in (
        (None, None, None),
        (ja, None, None),
        (ja, ja, None),
    )
    if nog_open:
        assert besluit.volgende_vraag is not None, "the help questions are no longer asked"


def geen_tegenstrijdige_conclusies(casus: Casus, besluit: Besluit) -> None:
    """Decisions the protocol declares incompatible are never taken together.

    A closed dossier and a report go together only under 2019, and only where afweging 5B
    closes the help after a report: 003 §1.5 "Twee beslissingen", afweging 2B "De afwegingen
    hierna worden samen met Veilig Thuis doorlopen", 5B "Hulp afsluiten met vastgelegde
    afspraken over het monitoren van de veiligheid van alle betrokkenen". Under 2013 stap 5a
    *or* 5b holds, and a closed track is never a report.
    """
    for paar in regelbasis(besluit.protocol).onverenigbaar:
        assert not all(besluit.beslist(p) for p in paar), sorted(p.value for p in paar)
    if besluit.dossier_sluiten and besluit.melden:
        assert besluit.protocol == Protocol.P2019, "2013: a closed track and a report"
        w = casus.weging
        assert (w.vermoeden, w.hulp_mogelijk, w.hulp_aanvaard, w.hulp_resultaat) == (
            Oordeel.JA,
            Oordeel.JA,
            Oordeel.JA,
            Oordeel.JA,
        ), "a closed dossier beside a report outside afweging 5B"


def oudergesprek_2013_vervalt_alleen_voor_een_melding(casus: Casus, besluit: Besluit) -> None:
    """2013: the parent talk may be skipped only for a report, never when help is organised.

    000 stap 3: "Het doen van een melding bij het AMK zonder dat de signalen zijn besproken met
    de ouder, is alleen mogelijk als: ..."; stap 5b: "Van contacten met de leerling en/of ouder
    over de melding kunt u afzien: ..."; stap 5a starts with "Bespreek uw zorgen met de ouder".
    (2019 also lets the talk about the concerns go, 003 §1.3: not checked here.)
    """
    if besluit.protocol == Protocol.P2013 and besluit.oudergesprek_overslaan:
        assert besluit.melden, "2013: the parent talk skipped without a report"


def een_melding_wordt_geregistreerd(casus: Casus, besluit: Besluit) -> None:
    """2019: every report comes with the advice to register it in Zorg voor Jeugd.

    004 stap 5: "Registreer wanneer je gemeld hebt en of je dit met ouders besproken hebt.";
    003 §1.5.2 "De betrokkenheid van de leerkracht ... houdt niet op na de melding"; also when
    afweging 5B has closed the help after the report.
    """
    if besluit.protocol == Protocol.P2019 and besluit.melden:
        taken = {a.taak for a in besluit.acties}
        assert Taak.ZORG_VOOR_JEUGD_REGISTREREN in taken, "a report that is not registered"


def volgende_vraag_is_open_en_bereikbaar(casus: Casus, besluit: Besluit) -> None:
    """``volgende_vraag`` names an unanswered question that the route has reached."""
    if besluit.volgende_vraag is None:
        return
    evaluatie = evalueer_casus(casus)
    assert casus.weging.antwoord(besluit.volgende_vraag) is None
    assert evaluatie.bereikbaar[besluit.volgende_vraag] is True


def raadt_niet(casus: Casus, besluit: Besluit) -> None:
    """A complete decision does not change whatever the open reachable questions are answered."""
    if besluit.volgende_vraag is not None:
        return
    evaluatie = evalueer_casus(casus)
    for vraag, bereikbaar in evaluatie.bereikbaar.items():
        if bereikbaar is not True or casus.weging.antwoord(vraag) is not None:
            continue
        for antwoord in Oordeel:
            anders = attrs.evolve(
                casus, weging=attrs.evolve(casus.weging, **{vraag.value: antwoord})
            )
            assert beslissingen(beslis(anders)) == beslissingen(besluit), (
                f"answering {vraag.value}={antwoord.value} changes a complete decision"
            )


def meer_risico_maakt_van_melden_nooit_niet_melden(casus: Casus, besluit: Besluit) -> None:
    """Raising the risk of any one answer or circumstance never withdraws a report."""
    if not besluit.melden:
        return
    protocol = kies_protocol(casus)
    for vraag in (a.vraag for a in regelbasis(protocol).vragen):
        antwoord = casus.weging.antwoord(vraag)
        if antwoord is None:
            continue
        volgorde = RISICO_OPLOPEND[vraag]
        for hoger in volgorde[volgorde.index(antwoord) + 1 :]:
            riskanter = attrs.evolve(
                casus, weging=attrs.evolve(casus.weging, **{vraag.value: hoger})
            )
            assert beslis(riskanter).melden, f"{vraag.value} {antwoord.value}->{hoger.value}"
    for naam in (
        "veiligheid_in_geding",
        "onveiligheid_herhaalt_zich",
        "ouders_weigeren_toestemming",
    ):
        if not getattr(casus.omstandigheden, naam):
            riskanter = attrs.evolve(
                casus, omstandigheden=attrs.evolve(casus.omstandigheden, **{naam: True})
            )
            assert beslis(riskanter).melden, naam


ALLE = (
    acute_of_structurele_onveiligheid_wordt_gemeld,
    noodsituatie_staat_los_van_de_weging,
    afweging_1_nee_meldt_niet,
    een_melding_beeindigt_de_hulp_niet,
    tegenstrijdigheid_wordt_gemeld,
    geen_besluit_zonder_grond,
    geen_tegenstrijdige_conclusies,
    oudergesprek_2013_vervalt_alleen_voor_een_melding,
    een_melding_wordt_geregistreerd,
    volgende_vraag_is_open_en_bereikbaar,
    raadt_niet,
    meer_risico_maakt_van_melden_nooit_niet_melden,
)


def controleer(casus: Casus) -> Besluit:
    """Decide ``casus`` and check every invariant; returns the decision."""
    besluit = beslis(casus)
    for invariant in ALLE:
        invariant(casus, besluit)
    return besluit


__all__ = ["ALLE", "beslissingen", "controleer"]
