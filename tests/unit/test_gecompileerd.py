"""``beslis`` decides through a compiled rule base and a bounded memo: always the full Besluit.

The reference is ``evalueer`` (the evaluator that walks every condition tree, every time);
``beslis`` must give exactly its ``Besluit``, field by field, for every case and rule base,
whether the decision is assembled anew or taken from the memo.
"""

from __future__ import annotations

import copy
import datetime as dt
import pickle
import random
import threading
from collections.abc import Collection

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from meldcode import (
    Besluit,
    Casus,
    Consultatie,
    Omstandigheden,
    Oordeel,
    Partij,
    Protocol,
    Signaal,
    SignaalBron,
    SoortSignaal,
    Vraag,
    Weging,
    beslis,
)
from meldcode.adapters.profiel import beschikbare_profielen, laad_profiel
from meldcode.rules import evalueer, evalueer_casus, gecompileerd, maak_regelbasis
from meldcode.rules.gecompileerd import _Begrensd, besluit_van, programma
from meldcode.rules.model import (
    Alle,
    Bron,
    Conclusie,
    Conditie,
    EenVan,
    Geconsulteerd,
    Omstandigheid,
    Regel,
    Regelbasis,
    SignaalVan,
    antwoorden,
)
from meldcode.rules.regels import VRAGEN
from meldcode.testing.strategies import casussen, datums, referenties
from tests.ruimte import varianten, wegingen

FEDRA = "003_4961db14b56be6cc.txt"


def volledig(casus: Casus, vrije_dagen: Collection[dt.date] = ()) -> Besluit:
    """The reference: the full evaluation's Besluit."""
    return evalueer_casus(casus, vrije_dagen=vrije_dagen).besluit


@given(casussen())
def test_beslis_gives_the_full_evaluation_s_besluit_also_from_the_memo(casus: Casus) -> None:
    """Assembled anew or kept: the same Besluit as the reference, field by field."""
    verwacht = volledig(casus)

    assert beslis(casus) == verwacht
    assert beslis(casus) == verwacht  # now from the memo


@given(
    casussen(),
    st.none() | referenties(),
    st.none() | datums("2019"),
    st.lists(datums("2019"), max_size=3),
)
def test_a_kept_decision_gets_the_case_s_own_referentie_and_dates(
    casus: Casus, referentie: str | None, datum: dt.date | None, vrije_dagen: list[dt.date]
) -> None:
    """Not part of the projection, ``referentie`` and ``datum`` are applied to a kept decision."""
    eerst = attrs.evolve(casus, protocol=Protocol.P2019)
    beslis(eerst)  # kept under the projection of ``eerst``
    ander = attrs.evolve(eerst, referentie=referentie, datum=datum)

    assert beslis(ander, vrije_dagen=vrije_dagen) == volledig(ander, vrije_dagen=vrije_dagen)


@given(casussen(max_signalen=3), st.randoms(use_true_random=False))
def test_the_order_and_repetition_of_signals_do_not_matter(
    casus: Casus, toeval: random.Random
) -> None:
    """The same set of signals in another order, one repeated: the reference's Besluit."""
    signalen = list(casus.signalen) * 2
    toeval.shuffle(signalen)
    anders = attrs.evolve(casus, signalen=tuple(signalen))
    beslis(casus)

    assert beslis(anders) == volledig(anders)


@pytest.mark.parametrize("protocol", list(Protocol), ids=lambda p: p.value)
def test_the_whole_weging_space_of_one_case(protocol: Protocol) -> None:
    """Every combination of answers, for a case with a signal and a child: the reference."""
    basis = varianten()[0]
    for weging in wegingen(protocol):
        casus = attrs.evolve(basis, protocol=protocol, weging=weging)
        assert beslis(casus) == volledig(casus), weging


@pytest.mark.slow
@pytest.mark.parametrize("protocol", list(Protocol), ids=lambda p: p.value)
def test_the_whole_weging_space_in_every_variant(protocol: Protocol) -> None:
    """Every circumstance, signal and child variant with every combination of answers."""
    for variant in varianten():
        for weging in wegingen(protocol):
            casus = attrs.evolve(variant, protocol=protocol, weging=weging, referentie="r-1")
            assert beslis(casus) == volledig(casus), casus


@pytest.mark.parametrize("naam", beschikbare_profielen())
@given(data=st.data())
def test_every_shipped_profile(naam: str, data: st.DataObject) -> None:
    """A profile's rule base (its own rules, sociale kaart and roles): the reference."""
    profiel = laad_profiel(naam)
    protocol = data.draw(st.sampled_from(sorted(profiel.protocollen, key=lambda p: p.value)))
    basis = profiel.regelbasis(protocol)
    casus = data.draw(casussen(protocol))

    assert besluit_van(casus, basis) == evalueer(casus, basis).besluit
    assert besluit_van(casus, basis) == evalueer(casus, basis).besluit


def _regel(regel_id: str, als: object) -> Regel:
    return Regel(
        id=regel_id,
        protocollen=frozenset({Protocol.P2019}),
        bron=Bron(FEDRA, "1.4 Stap 4. Wegen van geweld/kindermishandeling"),
        citaat="een citaat",
        als=als,  # type: ignore[arg-type]
        dan=Conclusie(contacten=(Partij.GGD_JGZ,)),
    )


@given(casussen("2019"))
def test_conditions_on_a_signal_s_source_and_on_consultations_are_compiled(casus: Casus) -> None:
    """SignaalVan and Geconsulteerd (the national rules use neither): the reference."""
    basis = maak_regelbasis(
        Protocol.P2019,
        [
            _regel("2019.test.van-kind", SignaalVan(frozenset({SignaalBron.KIND}))),
            _regel("2019.test.jeugdarts", Geconsulteerd(Partij.JEUGDARTS)),
        ],
    )
    assert besluit_van(casus, basis) == evalueer(casus, basis).besluit
    assert besluit_van(casus, basis) == evalueer(casus, basis).besluit


def test_the_question_a_rule_waits_for_depends_on_the_facts_too() -> None:
    """Same answers, other facts: the unknown rule waits for another question."""
    wacht = _regel(
        "2019.test.wacht",
        EenVan(
            (
                Alle((Omstandigheid("risico_licht"), antwoorden(Vraag.ACUTE_ONVEILIGHEID, "ja"))),
                Alle((Omstandigheid("complexe_casus"), antwoorden(Vraag.HULP_MOGELIJK, "ja"))),
            )
        ),
    )
    basis = Regelbasis(protocol=Protocol.P2019, regels=(wacht,), vragen=VRAGEN[Protocol.P2019])
    weging = Weging(vermoeden=Oordeel.JA, structurele_onveiligheid=Oordeel.NEE)
    licht = Casus(weging=weging, omstandigheden=Omstandigheden(risico_licht=True))
    complex_ = Casus(weging=weging, omstandigheden=Omstandigheden(complexe_casus=True))

    assert besluit_van(licht, basis).volgende_vraag is Vraag.ACUTE_ONVEILIGHEID
    assert besluit_van(complex_, basis).volgende_vraag is Vraag.HULP_MOGELIJK
    assert besluit_van(licht, basis) == evalueer(licht, basis).besluit


@attrs.frozen
class BeideOmstandigheden(Omstandigheid):
    """A condition type of a partner's own: it says in primitives what it reads (``verlaag``)."""

    ook: str = "complexe_casus"

    def verlaag(self) -> Conditie:
        """Both circumstances hold."""
        return Alle((Omstandigheid(self.naam), Omstandigheid(self.ook)))


@pytest.mark.parametrize("complex_", [False, True])
def test_a_condition_type_of_its_own_is_compiled_through_its_primitives(complex_: bool) -> None:
    """A new kind of leaf lowers itself; the compiled engine needs no code for it."""
    basis = maak_regelbasis(
        Protocol.P2019, [_regel("2019.test.eigen", BeideOmstandigheden("risico_licht"))]
    )
    casus = Casus(
        protocol=Protocol.P2019,
        omstandigheden=Omstandigheden(risico_licht=True, complexe_casus=complex_),
        weging=Weging(vermoeden=Oordeel.JA),
    )

    besluit = besluit_van(casus, basis)
    assert besluit == evalueer(casus, basis).besluit
    assert ("2019.test.eigen" in {g.regel for g in besluit.gronden}) is complex_


def test_the_memo_keeps_at_most_its_bound_and_drops_the_oldest_first() -> None:
    """A full memo makes room by forgetting its oldest entry."""
    memo = _Begrensd(3)
    for i in range(10):
        memo.bewaar(i, str(i))

    assert len(memo) == 3
    assert [memo.get(i) for i in range(10)] == [None] * 7 + ["7", "8", "9"]


def test_a_rule_base_s_memo_stays_within_its_bound_and_stays_exact() -> None:
    """Many more distinct cases than the memo holds: bounded, and every decision exact."""
    basis = maak_regelbasis(Protocol.P2019)
    p = programma(basis)
    p.besluiten = _Begrensd(25)
    oms = [a.name for a in attrs.fields(Omstandigheden)]
    gezien = 0
    for i, weging in enumerate(wegingen(Protocol.P2019)):
        if i % 13:
            continue
        casus = Casus(
            weging=weging,
            omstandigheden=Omstandigheden(**{oms[i % len(oms)]: True}),
            signalen=(Signaal(soort=list(SoortSignaal)[i % 9], levensgevaar=i % 5 == 0),),
            consultaties=(Consultatie(met=Partij.VEILIG_THUIS),),
            referentie=f"r-{i}",
        )
        assert besluit_van(casus, basis) == evalueer(casus, basis).besluit
        assert len(p.besluiten) <= 25
        gezien += 1

    assert gezien > 250
    assert p.besluiten.grootte == 25


def test_the_answer_nodes_kept_per_combination_of_answers_stay_bounded_and_exact(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Answer-only nodes kept per combination of answers: bounded, exact, emptied with the memo.

    Past its bound the table computes and does not keep.
    """
    monkeypatch.setattr(gecompileerd, "_ANTWOORDDELEN", 7)
    basis = maak_regelbasis(Protocol.P2019)
    p = programma(basis)
    basis_casus = varianten()[1]
    for i, weging in enumerate(wegingen(Protocol.P2019)):
        if i % 11:
            continue
        casus = attrs.evolve(basis_casus, protocol=Protocol.P2019, weging=weging)
        assert besluit_van(casus, basis) == evalueer(casus, basis).besluit
        p.projecties.wis()  # every case through the circuit again
        assert len(p.antwoorddelen) <= 7

    assert len(p.antwoorddelen) == 7
    assert any(p.samenstelling._delen)  # what groups of rules gave, kept for the assembly
    p.vergeet()
    assert not p.antwoorddelen
    assert not any(p.samenstelling._delen)


def test_the_memo_is_not_part_of_the_rule_base_s_value_and_copies_start_empty() -> None:
    """Equality, hash and repr ignore it; a pickle or copy decides like the original."""
    basis = maak_regelbasis(Protocol.P2019)
    casus = Casus(weging=Weging(vermoeden=Oordeel.JA, acute_onveiligheid=Oordeel.JA))
    verwacht = besluit_van(casus, basis)

    for kopie in (pickle.loads(pickle.dumps(basis)), copy.deepcopy(basis), copy.copy(basis)):
        assert kopie == basis
        assert hash(kopie) == hash(basis)
        assert besluit_van(casus, kopie) == verwacht
    assert pickle.loads(pickle.dumps(basis.geheugen)).leeg
    assert "geheugen" not in repr(basis)


def test_forgetting_starts_cold_and_decides_the_same() -> None:
    """``geheugen.wis()`` drops the compiled form and the memo; the next decision is the same."""
    basis = maak_regelbasis(Protocol.P2019)
    casus = Casus(weging=Weging(vermoeden=Oordeel.JA, hulp_mogelijk=Oordeel.NEE), referentie="a")
    eerst = besluit_van(casus, basis)
    assert basis.geheugen.heeft("programma")

    basis.geheugen.wis()

    assert basis.geheugen.leeg
    assert besluit_van(casus, basis) == eerst == evalueer(casus, basis).besluit


def test_threads_deciding_at_once_get_the_reference() -> None:
    """The compiled form is built once and the memo is shared safely between threads."""
    basis = maak_regelbasis(Protocol.P2019)
    casussen_ = [
        attrs.evolve(variant, protocol=Protocol.P2019, weging=weging, referentie=f"r-{i}")
        for i, (variant, weging) in enumerate(
            (v, w) for v in varianten()[:6] for w in list(wegingen(Protocol.P2019))[::37]
        )
    ]
    verwacht = [evalueer(c, basis).besluit for c in casussen_]
    uitkomsten: dict[int, list[object]] = {}

    def werk(nummer: int) -> None:
        uitkomsten[nummer] = [beslis(c, basis=basis) for c in casussen_]

    draden = [threading.Thread(target=werk, args=(n,)) for n in range(4)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()

    assert all(uitkomsten[n] == verwacht for n in range(4))


def test_beslis_evaluates_a_rule_base_s_first_cases_in_full_then_compiles_it() -> None:
    """One case, or a handful, never pays for compiling; from then on the compiled engine.

    Across the switch every decision is the full evaluation's, including each case's own
    ``referentie`` and dated follow-ups.
    """
    from meldcode.rules.beslis import VOOR_COMPILATIE

    basis = maak_regelbasis(Protocol.P2019)
    alle = list(wegingen(Protocol.P2019))
    casussen_ = [
        Casus(weging=w, referentie=f"r-{i}", datum=dt.date(2026, 3, 2))
        for i, w in enumerate(alle[:: max(1, len(alle) // (3 * VOOR_COMPILATIE))])
    ]
    assert len(casussen_) > 2 * VOOR_COMPILATIE

    for i, casus in enumerate(casussen_):
        assert basis.geheugen.heeft("programma") is (i > VOOR_COMPILATIE)
        assert beslis(casus, basis=basis) == evalueer(casus, basis).besluit

    assert len(programma(basis).projecties) > 0  # the compiled engine's memo was used
