"""Invariants of the routes on whole random cases (the public strategies partners use too)."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from meldcode import Besluit, Casus, Oordeel, Partij, Protocol, beslis
from meldcode.adapters.profiel import beschikbare_profielen, laad_profiel
from meldcode.errors import OngeldigeInvoer
from meldcode.rules import kies_protocol
from meldcode.rules.kalender import NEDERLAND, plus_werkdagen
from meldcode.rules.regels import CONTACTVOLGORDE
from meldcode.testing.strategies import casussen

PROFIELEN = {naam: laad_profiel(naam) for naam in beschikbare_profielen()}


@st.composite
def casus_en_profiel(draw: st.DrawFn) -> tuple[Casus, str | None]:
    """A case and a shipped profile (or none); a profile's case is of the profile's own era."""
    naam = draw(st.sampled_from([None, *sorted(PROFIELEN)]))
    if naam is None:
        return draw(casussen()), None
    protocol = draw(st.sampled_from(sorted(PROFIELEN[naam].protocollen, key=lambda p: p.value)))
    return draw(casussen(protocol)), naam


def _met_profiel(casus: Casus, naam: str | None) -> Besluit:
    if naam is None:
        return beslis(casus)
    return beslis(casus, basis=PROFIELEN[naam].regelbasis(kies_protocol(casus)))


@given(casus_en_profiel())
def test_contacten_are_always_in_urgency_order_and_each_once(
    casus_profiel: tuple[Casus, str | None],
) -> None:
    """``contacten`` (and their details) follow the order of urgency, without repeats."""
    casus, profiel = casus_profiel
    besluit = _met_profiel(casus, profiel)

    rang = [CONTACTVOLGORDE.index(p) for p in besluit.contacten]
    assert rang == sorted(set(rang))
    volgorde = list(dict.fromkeys(k.partij for k in besluit.contacten_details))
    assert volgorde == [
        p for p in besluit.contacten if p in {k.partij for k in besluit.contacten_details}
    ]


@given(casus_en_profiel())
def test_112_only_with_life_danger_or_serious_injury_risk(
    casus_profiel: tuple[Casus, str | None],
) -> None:
    """002: 112 only 'in geval van leven of dood of risico op ernstig letsel'."""
    casus, profiel = casus_profiel
    besluit = _met_profiel(casus, profiel)

    if Partij.POLITIE_112 in besluit.contacten:
        levensgevaar = any(s.levensgevaar for s in casus.signalen)
        letsel = any(s.ernstig_letsel for s in casus.signalen)
        assert levensgevaar or letsel
        assert besluit.contacten[0] is Partij.POLITIE_112


@given(
    casussen(Protocol.P2019),
    st.sampled_from(["jeugdbeschermer_betrokken", "sociaal_team_betrokken", "ouders_willen_hulp"]),
)
def test_an_involved_party_never_withdraws_a_report(casus: Casus, naam: str) -> None:
    """002 'Let op!': a jeugdbeschermer, Sociaal Team or cooperating parents never stop a report."""
    betrokken = attrs.evolve(
        casus, omstandigheden=attrs.evolve(casus.omstandigheden, **{naam: True})
    )

    voor, na = beslis(casus), beslis(betrokken)

    if voor.melden:
        assert na.melden
        assert Partij.VEILIG_THUIS in na.contacten


@given(casussen())
def test_every_action_names_a_role_and_a_rule_that_fired(casus: Casus) -> None:
    """Who does what: each action carries a role and the id of a rule among the grounds."""
    besluit = beslis(casus)

    gronden = {g.regel for g in besluit.gronden}
    for actie in besluit.acties:
        assert actie.regel in gronden
    assert len({(a.taak, a.rol, a.partij) for a in besluit.acties}) == len(besluit.acties)


@given(casussen(Protocol.P2019))
def test_a_report_always_has_its_dated_follow_up(casus: Casus) -> None:
    """003 afweging 3A: after a report Veilig Thuis decides within five working days."""
    besluit = beslis(casus)

    if besluit.melden:
        (opvolging,) = besluit.opvolging
        assert opvolging.werkdagen == 5
        verwacht = plus_werkdagen(NEDERLAND, casus.datum, 5) if casus.datum else None
        assert opvolging.datum == verwacht
    else:
        assert besluit.opvolging == ()


def test_life_danger_puts_112_first() -> None:
    """A concrete case: life danger -> politie (112) before Veilig Thuis."""
    from meldcode import Signaal, SoortSignaal, Weging

    casus = Casus(
        signalen=(Signaal(soort=SoortSignaal.LICHAMELIJK_GEWELD, levensgevaar=True),),
        weging=Weging(vermoeden=Oordeel.JA),
    )

    assert beslis(casus).contacten[:2] == (Partij.POLITIE_112, Partij.VEILIG_THUIS)


@given(casussen(), st.sampled_from(sorted(PROFIELEN)))
def test_a_profile_decides_only_cases_of_its_own_era(casus: Casus, naam: str) -> None:
    """A profile is written for its protocol(s); any other case is refused, naming the protocol.

    A 2012 profile's sociale kaart names the AMK (0900-...): never handed out for a 2019 case.
    """
    profiel = PROFIELEN[naam]
    protocol = kies_protocol(casus)

    if protocol in profiel.protocollen:
        besluit = beslis(casus, basis=profiel.regelbasis(protocol))
        assert besluit.protocol == protocol
    else:
        with pytest.raises(OngeldigeInvoer) as fout:
            profiel.regelbasis(protocol)
        assert fout.value.fouten[0].veld == "protocol"
        assert repr(protocol.value) in str(fout.value)
