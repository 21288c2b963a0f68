"""Why not: each suggested change really changes the decision, none is larger than needed.

And none that small is missing: a brute force over the same space finds the same changes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldcode import (
    Beslispunt,
    Casus,
    Kind,
    Oordeel,
    Protocol,
    Signaal,
    SoortSignaal,
    Vraag,
    Weging,
)
from meldcode import beslis as beslis_
from meldcode.adapters.profiel import beschikbare_profielen, laad_profiel
from meldcode.errors import OngeldigeInvoer
from meldcode.rules.basis import regelbasis
from meldcode.rules.beslis import kies_regelbasis
from meldcode.rules.model import (
    Alle,
    Antwoord,
    Conditie,
    EenVan,
    ErIsSignaal,
    Geconsulteerd,
    KindLeeftijdTot,
    KindLeeftijdVanaf,
    KindOngeboren,
    Niet,
    Omstandigheid,
    Regelbasis,
    SignaalVan,
)
from meldcode.rules.uitleg import KENMERK_LABELS, OMSTANDIGHEID_LABELS
from meldcode.rules.waarom_niet import (
    Afhankelijkheden,
    AntwoordWijziging,
    FeitWijziging,
    LeeftijdWijziging,
    WaaromNiet,
    Wijziging,
    afhankelijkheden,
    beschrijf,
    kandidaten,
    pas_toe,
    uitleg_waarom_niet,
    waarom_niet,
)
from meldcode.testing.strategies import casussen

P19, P13 = Protocol.P2019, Protocol.P2013


def _basissen() -> list[Regelbasis]:
    uit = [regelbasis(P19), regelbasis(P13)]
    for naam in beschikbare_profielen():
        profiel = laad_profiel(naam)
        uit.extend(profiel.regelbasis(p) for p in (P19, P13) if p in profiel.protocollen)
    return uit


BASISSEN = _basissen()


def _beslist(casus: Casus, basis: Regelbasis, punt: Beslispunt) -> bool:
    return beslis_(casus, basis.protocol, basis=basis).beslist(punt)


def _flipt(
    casus: Casus, wijzigingen: tuple[Wijziging, ...], basis: Regelbasis, punt: Beslispunt, nu: bool
) -> bool:
    try:
        nieuw = pas_toe(casus, wijzigingen, basis)
    except OngeldigeInvoer:
        return False  # contradictory edits are no change at all
    return _beslist(nieuw, basis, punt) is not nu


def _controleer(casus: Casus, basis: Regelbasis, resultaten: tuple[WaaromNiet, ...]) -> None:
    """Each suggestion flips its decision under ``beslis``, and no proper part of it does."""
    for w in resultaten:
        nu = _beslist(casus, basis, w.beslissing)
        assert w.genomen is nu
        for alt in w.alternatieven:
            assert alt.wijzigingen
            assert _flipt(casus, alt.wijzigingen, basis, w.beslissing, nu), alt
            for n in range(1, len(alt.wijzigingen)):
                for deel in itertools.combinations(alt.wijzigingen, n):
                    assert not _flipt(casus, deel, basis, w.beslissing, nu), (alt, deel)
            # the rules named are the ones that conclude the decision and (stop to) fire
            assert {g.regel for g in alt.gronden} <= set(w.regels)
            if not nu:
                assert alt.gronden, "a decision that becomes true has a rule that concludes it"


def _casus_onder(basis: Regelbasis) -> st.SearchStrategy[Casus]:
    return casussen(basis.protocol, max_signalen=2, max_consultaties=2).map(
        lambda c: attrs.evolve(c, protocol=basis.protocol)
    )


@st.composite
def _casus_en_basis(draw: st.DrawFn) -> tuple[Casus, Regelbasis]:
    basis = draw(st.sampled_from(BASISSEN))
    return draw(_casus_onder(basis)), basis


# --- soundness and minimality -------------------------------------------------------------


@given(_casus_en_basis())
@settings(max_examples=40)
def test_every_suggestion_flips_the_decision_and_no_part_of_it_does(
    paar: tuple[Casus, Regelbasis],
) -> None:
    casus, basis = paar
    _controleer(casus, basis, waarom_niet(casus, basis=basis, max_wijzigingen=2))


@given(_casus_en_basis(), st.sampled_from(Beslispunt))
@settings(max_examples=30)
def test_a_decision_that_was_taken_gets_what_would_undo_it(
    paar: tuple[Casus, Regelbasis], punt: Beslispunt
) -> None:
    casus, basis = paar
    resultaten = waarom_niet(casus, basis=basis, beslissingen=[punt], max_wijzigingen=2)
    assert [w.beslissing for w in resultaten] == [punt]
    _controleer(casus, basis, resultaten)


def _wegingen_langs_de_route(protocol: Protocol) -> Iterator[Weging]:
    """Every weging a walk through the afwegingskader can produce (unanswered from some point)."""
    basis = regelbasis(protocol)

    def verder(antwoorden: dict[str, Oordeel], i: int) -> Iterator[Weging]:
        yield Weging(**antwoorden)
        for j in range(i, len(basis.vragen)):
            afweging = basis.vragen[j]
            voorwaarde = afweging.voorwaarde
            if voorwaarde is not None and not _houdt(voorwaarde, antwoorden):
                continue
            for o in Oordeel:
                yield from verder({**antwoorden, afweging.vraag.value: o}, j + 1)
            return

    yield from verder({}, 0)


def _houdt(c: Conditie, antwoorden: dict[str, Oordeel]) -> bool:
    if isinstance(c, Antwoord):
        return antwoorden.get(c.vraag.value) in c.waarden
    if isinstance(c, Alle):
        return all(_houdt(d, antwoorden) for d in c.delen)
    raise AssertionError(f"unexpected voorwaarde {c!r}")


@pytest.mark.parametrize("protocol", [P13, P19], ids=["2013", "2019"])
def test_every_weging_of_the_route_exhaustively(protocol: Protocol) -> None:
    """Exhaustive over the finite answer space a walk can reach (plain facts)."""
    basis = regelbasis(protocol)
    wegingen = list(_wegingen_langs_de_route(protocol))
    # 2013: none, 3 x vermoeden, 2 x 3 kan_beschermen; 2019 has many more
    assert len(wegingen) >= (10 if protocol == P13 else 100)
    for weging in wegingen:
        casus = Casus(protocol=protocol, weging=weging, kind=Kind(leeftijd=10))
        _controleer(casus, basis, waarom_niet(casus, max_wijzigingen=1))


# --- completeness: a brute force over the same space finds nothing else -------------------


def _minimaal_brute_force(
    casus: Casus, basis: Regelbasis, punt: Beslispunt, k: int
) -> set[frozenset[Wijziging]]:
    nu = _beslist(casus, basis, punt)
    alle = kandidaten(casus, basis, punt)
    flipt = {
        frozenset(c)
        for n in range(1, k + 1)
        for c in itertools.combinations(alle, n)
        if len({_coordinaat(w) for w in c}) == n and _flipt(casus, c, basis, punt, nu)
    }
    return {s for s in flipt if not any(t < s for t in flipt)}


def _coordinaat(w: Wijziging) -> object:
    if isinstance(w, AntwoordWijziging):
        return w.vraag
    if isinstance(w, FeitWijziging):
        return w.feit
    return "leeftijd"


@given(_casus_en_basis(), st.sampled_from(Beslispunt))
@settings(max_examples=25)
def test_no_minimal_change_is_missing(paar: tuple[Casus, Regelbasis], punt: Beslispunt) -> None:
    casus, basis = paar
    (w,) = waarom_niet(casus, basis=basis, beslissingen=[punt], max_wijzigingen=2)
    gevonden = {frozenset(a.wijzigingen) for a in w.alternatieven}
    assert gevonden == _minimaal_brute_force(casus, basis, punt, 2)


def _feiten(c: Conditie) -> Iterator[Conditie]:
    if isinstance(c, Alle | EenVan):
        for d in c.delen:
            yield from _feiten(d)
    elif isinstance(c, Niet):
        yield from _feiten(c.deel)
    else:
        yield c


@pytest.mark.parametrize(
    "basis", BASISSEN, ids=lambda b: f"{b.profiel or 'landelijk'}-{b.protocol.value}"
)
def test_the_space_is_every_answer_and_every_fact_the_decision_reads(basis: Regelbasis) -> None:
    """Derived from the rule base: each question 4 ways, each fact both ways, every age class."""
    leeg = Casus(protocol=basis.protocol)
    beantwoord = attrs.evolve(
        leeg, weging=Weging(**{a.vraag.value: Oordeel.JA for a in basis.vragen})
    )
    for punt in Beslispunt:
        concluderend = [r for r in basis.regels if punt in r.dan.beslissingen]
        afh = afhankelijkheden(basis, punt)
        gelezen = {a for r in concluderend for a in _feiten(r.als)}
        assert {a.vraag for a in gelezen if isinstance(a, Antwoord)} <= afh.vragen
        feiten = {
            a
            for a in gelezen
            if isinstance(
                a, Omstandigheid | ErIsSignaal | SignaalVan | Geconsulteerd | KindOngeboren
            )
        }
        assert feiten <= afh.feiten
        for casus, anders in (
            (leeg, {Oordeel.JA, Oordeel.NEE, Oordeel.TWIJFEL}),
            (beantwoord, {None, Oordeel.NEE, Oordeel.TWIJFEL}),
        ):
            ruimte = kandidaten(casus, basis, punt)
            for v in afh.vragen:
                naar = {w.naar for w in ruimte if isinstance(w, AntwoordWijziging) and w.vraag is v}
                assert naar == anders
            assert {w.feit for w in ruimte if isinstance(w, FeitWijziging)} == afh.feiten
        ruimte = kandidaten(leeg, basis, punt)
        leeftijden = [w for w in ruimte if isinstance(w, LeeftijdWijziging)]
        assert bool(leeftijden) is afh.leeftijd
        if afh.leeftijd:
            drempels = {
                a.jaren
                for r in basis.regels
                for a in _feiten(r.als)
                if isinstance(a, KindLeeftijdVanaf | KindLeeftijdTot)
            }
            assert {w.vanaf for w in leeftijden} == {0} | drempels  # unknown now: no None


@given(_casus_en_basis())
@settings(max_examples=15)
def test_a_decision_depends_only_on_what_afhankelijkheden_names(
    paar: tuple[Casus, Regelbasis],
) -> None:
    """Changing anything else never changes the decision (the space is not too small)."""
    casus, basis = paar
    for punt in Beslispunt:
        afh = afhankelijkheden(basis, punt)
        nu = _beslist(casus, basis, punt)
        for w in _buiten(casus, basis, afh):
            nieuw = pas_toe(casus, (w,), basis)
            assert _beslist(nieuw, basis, punt) is nu, (punt, w)


def _buiten(casus: Casus, basis: Regelbasis, afh: Afhankelijkheden) -> Iterator[Wijziging]:
    """Single edits of the answers and circumstances outside ``afh``."""
    for a in basis.vragen:
        if a.vraag not in afh.vragen:
            for o in (*Oordeel, None):
                if o is not casus.weging.antwoord(a.vraag):
                    yield AntwoordWijziging(a.vraag, casus.weging.antwoord(a.vraag), o)
    for naam in OMSTANDIGHEID_LABELS:
        feit = Omstandigheid(naam)
        if feit not in afh.feiten:
            yield FeitWijziging(feit, not getattr(casus.omstandigheden, naam))


# --- determinism, text, bad input ---------------------------------------------------------


@given(_casus_en_basis())
@settings(max_examples=15)
def test_deterministic_and_independent_of_the_other_decisions_asked(
    paar: tuple[Casus, Regelbasis],
) -> None:
    casus, basis = paar
    alle = waarom_niet(casus, basis=basis, beslissingen=list(Beslispunt), max_wijzigingen=2)
    assert alle == waarom_niet(casus, basis=basis, beslissingen=list(Beslispunt), max_wijzigingen=2)
    for w in alle:
        (los,) = waarom_niet(casus, basis=basis, beslissingen=[w.beslissing], max_wijzigingen=2)
        assert los == w
    groottes = [len(a.wijzigingen) for w in alle for a in w.alternatieven]
    for w in alle:
        assert [len(a.wijzigingen) for a in w.alternatieven] == sorted(
            len(a.wijzigingen) for a in w.alternatieven
        )
    assert all(g <= 2 for g in groottes)


def test_by_default_the_decisions_not_taken() -> None:
    casus = Casus(weging=Weging(vermoeden=Oordeel.JA, acute_onveiligheid=Oordeel.JA))
    besluit = beslis_(casus)
    assert [w.beslissing for w in waarom_niet(casus)] == [
        p for p in Beslispunt if not besluit.beslist(p)
    ]


def test_why_not_melden_names_the_always_report_rules() -> None:
    """2019: a signal of mortal danger gives a report at step 5, reached through afweging 1B.

    With the help done (5B) a signal of mortal danger alone would give a report. With afweging 1
    *nee* it would not: the route ends at 1A (003 Figuur 2, "geen actie nodig: dossier
    vastleggen en sluiten"), so afweging 1 must change as well.
    """
    ja = Oordeel.JA
    gewogen = Casus(
        weging=Weging(
            vermoeden=ja,
            acute_onveiligheid=Oordeel.NEE,
            structurele_onveiligheid=Oordeel.NEE,
            hulp_mogelijk=ja,
            hulp_aanvaard=ja,
            hulp_resultaat=ja,
        )
    )
    (w,) = waarom_niet(gewogen, beslissingen=["melden"])
    enkel = {a.wijzigingen for a in w.alternatieven if len(a.wijzigingen) == 1}
    levensgevaar = FeitWijziging(ErIsSignaal(kenmerk="levensgevaar"), True)
    assert (levensgevaar,) in enkel
    alt = next(a for a in w.alternatieven if a.wijzigingen == (levensgevaar,))
    nieuw = pas_toe(gewogen, alt.wijzigingen, regelbasis(P19))
    assert [s.levensgevaar for s in nieuw.signalen] == [True]  # one signal, nothing else set
    assert {g.regel for g in alt.gronden} <= {g.regel for g in beslis_(nieuw).gronden}

    weggewogen = Casus(weging=Weging(vermoeden=Oordeel.NEE))
    (w,) = waarom_niet(weggewogen, beslissingen=["melden"])
    assert (levensgevaar,) not in {a.wijzigingen for a in w.alternatieven}
    vermoeden = AntwoordWijziging(Vraag.VERMOEDEN, Oordeel.NEE, ja)
    assert (vermoeden, levensgevaar) in {a.wijzigingen for a in w.alternatieven}


def test_a_decision_no_rule_takes_says_so() -> None:
    (w,) = waarom_niet(Casus(), "2019", beslissingen=[Beslispunt.BESPREKEN_MET_KIND])
    assert w.regels == ()
    assert w.alternatieven == ()
    assert "Geen regel" in uitleg_waarom_niet([w], regelbasis(P19))


def test_the_child_s_age_is_varied_by_the_rule_base_s_own_thresholds() -> None:
    """The pupil talk is a decision of the vcog profile (001); nationally (000) it is advised."""
    vcog = laad_profiel("vcog").regelbasis(P13)
    casus = Casus(
        protocol=P13,
        kind=Kind(leeftijd=13),
        weging=Weging(vermoeden=Oordeel.JA, kan_beschermen=Oordeel.NEE),
    )
    (w,) = waarom_niet(casus, basis=vcog, beslissingen=["bespreken_met_kind"], max_wijzigingen=1)
    leeftijden = [
        a.wijzigingen[0] for a in w.alternatieven if isinstance(a.wijzigingen[0], LeeftijdWijziging)
    ]
    assert {(x.vanaf, x.tot) for x in leeftijden} == {(0, 12), (None, None)}
    tekst = uitleg_waarom_niet([w], vcog)
    assert "0 tot 12 jaar (nu 13 jaar)" in tekst
    assert "leeftijd onbekend" in tekst


def test_the_text_is_dutch_and_quotes_the_source() -> None:
    casus = Casus(weging=Weging(vermoeden=Oordeel.NEE))
    basis = kies_regelbasis(casus)
    tekst = uitleg_waarom_niet(waarom_niet(casus, beslissingen=["melden"]), basis)
    assert "Melden bij Veilig Thuis: nee. Waarom niet" in tekst
    assert "er is een signaal met levensgevaar (nu niet)" in tekst
    assert "“In alle gevallen van geweld met ernstig letsel.”" in tekst


def test_no_free_text_of_the_case_reaches_the_explanation() -> None:
    geheim = "Jantje-de-Vries-geheim"
    casus = Casus(
        signalen=(
            Signaal(soort=SoortSignaal.VERWAARLOZING, omschrijving=geheim, levensgevaar=True),
        ),
        referentie="lln-0042",
    )
    basis = kies_regelbasis(casus)
    resultaten = waarom_niet(casus, beslissingen=list(Beslispunt), max_wijzigingen=1)
    assert geheim not in uitleg_waarom_niet(resultaten, basis)
    assert geheim not in repr(resultaten)


@pytest.mark.parametrize("punt", ["misschien", "", "MELDEN"])
def test_an_unknown_decision_is_bad_input_naming_it(punt: str) -> None:
    with pytest.raises(OngeldigeInvoer) as info:
        waarom_niet(Casus(), beslissingen=[punt])
    assert info.value.fouten[0].veld == "beslissing"


@pytest.mark.parametrize("grens", [0, 6, -1, True, 2.0])
def test_the_size_bound_is_checked(grens: object) -> None:
    with pytest.raises(OngeldigeInvoer) as info:
        waarom_niet(Casus(), max_wijzigingen=grens)  # type: ignore[arg-type]
    assert info.value.fouten[0].veld == "max_wijzigingen"


def test_contradictory_edits_are_refused_by_pas_toe() -> None:
    basis = regelbasis(P19)
    with pytest.raises(OngeldigeInvoer):
        pas_toe(
            Casus(),
            (
                FeitWijziging(ErIsSignaal(), False),
                FeitWijziging(ErIsSignaal(kenmerk="levensgevaar"), True),
            ),
            basis,
        )


def test_every_flag_and_circumstance_has_a_dutch_label() -> None:
    from meldcode.domain.casus import Omstandigheden

    assert set(OMSTANDIGHEID_LABELS) == {a.name for a in attrs.fields(Omstandigheden)}
    assert set(KENMERK_LABELS) == {
        a.name for a in attrs.fields(Signaal) if a.type in ("bool", bool)
    }
    for basis in BASISSEN:
        for punt in Beslispunt:
            for w in kandidaten(Casus(protocol=basis.protocol, kind=Kind(leeftijd=5)), basis, punt):
                assert "_" not in beschrijf(w, basis), w  # no field names in the Dutch text
