"""The record-keeping checks flag each missing record the sources require, and only those."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs
import pytest

from meldcode.domain import Kind, Oordeel, Signaal, SignaalBron, SoortSignaal, Weging
from meldcode.domain.dossier import (
    Betrokkene,
    Correctie,
    Diagnose,
    Dossier,
    Gebeurtenis,
    SignaalVastgelegd,
    Uitzondering,
    WegingVastgelegd,
)
from meldcode.errors import OngeldigeRegelbasis
from meldcode.rules.regels import BRONNEN
from meldcode.rules.registratie import REGISTRATIES, controleer, maak_registraties
from meldcode.testing.dossier import D, volledig_voorbeeld, voorbeeld_dossier

VOORBEELD = volledig_voorbeeld()


def met(index: int, **wijziging: Any) -> tuple[Gebeurtenis, ...]:
    """The complete example with one event changed."""
    gebeurtenissen = list(VOORBEELD)
    gebeurtenissen[index] = attrs.evolve(gebeurtenissen[index], **wijziging)
    return tuple(gebeurtenissen)


def dossier(gebeurtenissen: tuple[Gebeurtenis, ...]) -> Dossier:
    d = Dossier(id="lln-0042")
    for g in gebeurtenissen:
        d = d.voeg_toe(g)
    return d


SIGNAAL = VOORBEELD[0]
GEVALLEN: dict[str, tuple[tuple[Gebeurtenis, ...], int]] = {
    "registratie.verslag.plaats": (met(0, plaats=""), 1),
    "registratie.verslag.situatie": (met(1, situatie=" "), 2),
    "registratie.verslag.aanwezigen": (met(3, aanwezigen=()), 4),
    "registratie.signaal.bron": (
        met(0, signaal=attrs.evolve(SIGNAAL.signaal, bron=SignaalBron.DERDE)),  # type: ignore[union-attr]
        1,
    ),
    "registratie.signaal.hypothese": (met(0, interpretatie="lijkt op mishandeling"), 1),
    "registratie.signaal.diagnose": (
        met(0, diagnose=Diagnose(gesteld_door=Betrokkene.LEERKRACHT)),
        1,
    ),
    "registratie.consultatie.onderwerp": (met(1, onderwerp=""), 2),
    "registratie.consultatie.uitkomst": (met(1, uitkomst=""), 2),
    "registratie.gesprek.uitkomst": (met(2, uitkomst=""), 3),
    "registratie.gesprek.ondertekend": (met(2, ondertekend=False), 3),
    "registratie.gesprek.twee-van-school": (
        met(2, aanwezigen=(Betrokkene.LEERKRACHT, Betrokkene.OUDER)),
        3,
    ),
    "registratie.weging.overwegingen": (met(3, overwegingen=""), 4),
    "registratie.weging.stappen-1-tot-3": ((VOORBEELD[0], *VOORBEELD[3:5]), 2),
    "registratie.oudergesprek-overslaan.overwegingen": (
        met(9, uitzondering=Uitzondering.VEILIGHEID, overleg_veilig_thuis=True),
        10,
    ),
    "registratie.oudergesprek-overslaan.overleg-veilig-thuis": (
        met(7, uitzondering=Uitzondering.VEILIGHEID, overwegingen="de vader dreigt"),
        8,
    ),
    "registratie.besluit.overwegingen": (met(4, overwegingen=""), 5),
    "registratie.besluit.wie-meldt": (met(7, melder=None), 8),
    "registratie.besluit.wie-informeert-ouders": (met(4, informeert_ouders=None), 5),
    "registratie.melding.besproken-met-ouders": (met(9, besproken_met_ouders=None), 10),
    "registratie.melding.informatie-van-derden": (met(9, informatie_van_derden=None), 10),
    "registratie.melding.bespreken-met-kind": (met(3, kind=Kind(leeftijd=13)), 10),
    "registratie.hulp.casemanager": (met(5, casemanager=None), 6),
    "registratie.hulp.afspraken": (met(5, afspraken=""), 6),
    "registratie.sluiten.monitoring": (met(11, monitoring=""), 12),
}


def test_the_complete_example_has_no_findings() -> None:
    """Recorded as the sources ask: nothing to report."""
    assert controleer(voorbeeld_dossier()) == ()


def test_every_check_has_a_case_here() -> None:
    """No check goes untested."""
    assert sorted(GEVALLEN) == sorted(r.id for r in REGISTRATIES)


@pytest.mark.parametrize("controle", sorted(GEVALLEN))
def test_each_missing_record_is_flagged_on_its_event(controle: str) -> None:
    """Exactly the check for the missing record fires, on the event that lacks it."""
    gebeurtenissen, volgnummer = GEVALLEN[controle]

    bevindingen = controleer(dossier(gebeurtenissen))

    assert [(b.controle, b.volgnummer) for b in bevindingen] == [(controle, volgnummer)]


def test_a_third_party_signal_with_its_origin_is_in_order() -> None:
    """001: the source of third-party information is named (as a role)."""
    signaal = attrs.evolve(SIGNAAL.signaal, bron=SignaalBron.DERDE)  # type: ignore[union-attr]
    d = dossier(met(0, signaal=signaal, herkomst=Betrokkene.ONDERWIJSASSISTENT))

    assert controleer(d) == ()


def test_a_diagnosis_by_a_psychologist_and_a_marked_hypothesis_are_in_order() -> None:
    """001: diagnoses from qualified professionals; interpretations marked as hypotheses."""
    signaal = attrs.evolve(SIGNAAL.signaal, hypothese=True)  # type: ignore[union-attr]
    d = dossier(
        met(
            0,
            signaal=signaal,
            interpretatie="mogelijk angst",
            diagnose=Diagnose(gesteld_door=Betrokkene.PSYCHOLOOG),
        )
    )

    assert controleer(d) == ()


def test_a_correction_that_adds_the_missing_record_clears_the_finding() -> None:
    """Nothing is changed in place: the correction supplies what was missing."""
    d = dossier(met(0, plaats=""))

    d = d.voeg_toe(Correctie(datum=D(2026, 3, 3), verwijst_naar=1, vervanging=SIGNAAL))

    assert controleer(d) == ()


def test_a_finding_never_contains_free_text_from_the_dossier() -> None:
    """Findings show the check's own Dutch text and the source, never the case's words."""
    geheim = "geheim-kindgegeven"
    g = SignaalVastgelegd(
        datum=D(2026, 3, 2),
        signaal=Signaal(soort=SoortSignaal.VERWAARLOZING, omschrijving=geheim),
        interpretatie=geheim,
    )
    w = WegingVastgelegd(datum=D(2026, 3, 3), weging=Weging(vermoeden=Oordeel.NEE))

    bevindingen = controleer(dossier((g, w)))

    assert bevindingen
    assert all(geheim not in repr(b) for b in bevindingen)


def test_a_check_set_with_duplicate_ids_is_refused() -> None:
    """Checked when built, like the rule base."""
    with pytest.raises(OngeldigeRegelbasis, match="duplicate"):
        maak_registraties([REGISTRATIES[0], REGISTRATIES[0]])


def normaliseer(tekst: str) -> str:
    return re.sub(r"\s+", " ", tekst.replace("*", "")).strip()


@pytest.mark.parametrize("controle", [r.id for r in REGISTRATIES])
def test_every_quote_occurs_verbatim_in_its_source(controle: str, bronnen: Path) -> None:
    """The check's quote (and each further source's) is the source's own words."""
    r = next(r for r in REGISTRATIES if r.id == controle)
    for bron, citaat in [(r.bron, r.citaat), *((v.bron, v.citaat) for v in r.ook)]:
        assert bron.bestand in BRONNEN
        tekst = normaliseer((bronnen / bron.bestand).read_text(encoding="utf-8"))
        assert normaliseer(citaat) in tekst, f"{controle}: {bron}"
