"""The assembly of a ``Besluit`` from the rules that fired: one statement, one fast form.

``besluit_uit`` is the readable assembly every engine's result is held to; ``Samenstelling``
is the same assembly as per-rule tables, for the compiled engine (fired rules as bits). They
must agree on any set of fired rules, not only on the sets a case can reach: a profile of an
organisation may add rules that fire together in ways the national rules never do.
``Besluit.met`` gives a kept decision a case's own ``referentie`` and dated follow-ups; it must
equal the constructor's result and refuse what the constructor refuses, with the same error.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from meldcode import Besluit, OngeldigeInvoer, Protocol, Vraag
from meldcode.adapters.profiel import beschikbare_profielen, laad_profiel
from meldcode.domain.besluit import Opvolging
from meldcode.domain.waarden import Taak
from meldcode.errors import Fout
from meldcode.rules import regelbasis
from meldcode.rules.kalender import kalender_met
from meldcode.rules.model import Regelbasis
from meldcode.rules.samenstellen import besluit_uit, samenstelling
from meldcode.testing.strategies import datums, referenties


def _regelbases() -> list[Regelbasis]:
    """Both national rule bases and every shipped profile's, under each of its protocols."""
    bases = [regelbasis(p) for p in Protocol]
    for naam in beschikbare_profielen():
        profiel = laad_profiel(naam)
        bases += [profiel.regelbasis(p) for p in sorted(profiel.protocollen, key=str)]
    return bases


REGELBASES = _regelbases()


@pytest.mark.parametrize(
    "basis", REGELBASES, ids=lambda b: f"{b.profiel or 'landelijk'}-{b.protocol.value}"
)
@given(data=st.data())
def test_the_tables_assemble_what_besluit_uit_assembles(
    basis: Regelbasis, data: st.DataObject
) -> None:
    """Any set of fired rules, any next question, with and without a case's id and date."""
    gevuurd = data.draw(st.integers(0, (1 << len(basis.regels)) - 1), label="gevuurd")
    volgende = data.draw(st.none() | st.sampled_from(list(Vraag)), label="volgende")
    referentie = data.draw(st.none() | referenties(), label="referentie")
    datum = data.draw(st.none() | datums(basis.protocol), label="datum")
    vrij = data.draw(st.lists(datums(basis.protocol), max_size=2), label="vrije_dagen")
    kalender = kalender_met(None, vrij)
    ids = {r.id for i, r in enumerate(basis.regels) if gevuurd >> i & 1}

    verwacht = besluit_uit(
        basis, ids, volgende, referentie=referentie, datum=datum, kalender=kalender
    )
    assert (
        samenstelling(basis).besluit(
            gevuurd, volgende, referentie=referentie, datum=datum, kalender=kalender
        )
        == verwacht
    )


@pytest.mark.parametrize("basis", REGELBASES[:2], ids=lambda b: b.protocol.value)
def test_every_single_rule_and_every_rule_with_its_neighbour(basis: Regelbasis) -> None:
    """Exhaustive where it is small: each rule alone, and each adjacent pair of rules."""
    s = samenstelling(basis)
    n = len(basis.regels)
    for gevuurd in [1 << i for i in range(n)] + [3 << i for i in range(n - 1)]:
        ids = {r.id for i, r in enumerate(basis.regels) if gevuurd >> i & 1}
        assert s.besluit(gevuurd, None) == besluit_uit(basis, ids, None), ids


def _besluiten() -> st.SearchStrategy[Besluit]:
    """Decisions of the national rule bases, for random sets of fired rules."""
    return st.sampled_from(list(Protocol)).flatmap(
        lambda p: st.integers(0, (1 << len(regelbasis(p).regels)) - 1).map(
            lambda g: samenstelling(regelbasis(p)).besluit(g, None)
        )
    )


@given(_besluiten(), st.none() | referenties(), st.none() | datums())
def test_met_gives_what_the_constructor_gives(
    besluit: Besluit, referentie: str | None, datum: dt.date | None
) -> None:
    """Every field copied, the two replaced: equal to ``attrs.evolve`` (the constructor)."""
    opvolging = (
        None
        if datum is None
        else tuple(attrs.evolve(o, datum=datum + dt.timedelta(days=1)) for o in besluit.opvolging)
    )
    verwacht = attrs.evolve(
        besluit,
        referentie=referentie,
        **({} if opvolging is None else {"opvolging": opvolging}),
    )

    gekregen = besluit.met(referentie=referentie, opvolging=opvolging)

    assert gekregen == verwacht
    assert attrs.asdict(gekregen, recurse=False) == attrs.asdict(verwacht, recurse=False)
    assert hash(gekregen) == hash(verwacht)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        gekregen.referentie = "ander"  # type: ignore[misc]


def _dezelfde_fouten(besluit: Besluit, **vervangen: Any) -> list[Fout]:
    """``met`` refuses the replaced fields as the constructor does: the same problems."""
    with pytest.raises(OngeldigeInvoer) as constructor:
        attrs.evolve(besluit, **vervangen)
    with pytest.raises(OngeldigeInvoer) as met:
        besluit.met(**{"referentie": besluit.referentie, **vervangen})

    assert met.value.fouten == constructor.value.fouten
    return list(met.value.fouten)


_GEEN_PSEUDONIEM = st.one_of(
    st.text(min_size=1, max_size=8).filter(lambda t: not t.isascii() or " " in t or "/" in t),
    st.just(""),
    st.just("x" * 65),
    st.integers(),
    st.just(b"casus-1"),
)


@given(_besluiten(), _GEEN_PSEUDONIEM)
def test_met_refuses_a_referentie_the_constructor_refuses_with_the_same_error(
    besluit: Besluit, referentie: object
) -> None:
    """Not a pseudonymous id: the constructor's ``OngeldigeInvoer``, on ``Besluit.referentie``."""
    fouten = _dezelfde_fouten(besluit, referentie=referentie)

    assert fouten[0].veld == "Besluit.referentie"


@given(
    _besluiten(),
    st.one_of(
        st.just([]),
        st.just(("morgen",)),
        st.just((None,)),
        st.just((Taak.MELDEN,)),
        st.integers(),
    ),
)
def test_met_refuses_follow_ups_the_constructor_refuses_with_the_same_error(
    besluit: Besluit, opvolging: object
) -> None:
    """Not a tuple of ``Opvolging``: the constructor's error, naming ``Besluit.opvolging``."""
    fouten = _dezelfde_fouten(besluit, opvolging=opvolging)

    assert fouten[0].veld.startswith("Besluit.opvolging")


def test_met_keeps_the_decision_s_follow_ups_when_none_are_given() -> None:
    """Without ``opvolging`` the kept (undated) follow-ups stay, the same objects."""
    basis = regelbasis(Protocol.P2019)
    s = samenstelling(basis)
    met_termijn = next(
        s.besluit(1 << i, None) for i, r in enumerate(basis.regels) if r.dan.opvolging
    )
    assert met_termijn.opvolging
    kopie = met_termijn.met(referentie="casus-00001")

    assert kopie.opvolging is met_termijn.opvolging
    assert all(isinstance(o, Opvolging) and o.datum is None for o in kopie.opvolging)
    assert kopie.referentie == "casus-00001"
