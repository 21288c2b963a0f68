"""durable_rules decides exactly what the pure engine decides, field by field, grounds included."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given

from meldcode import (
    Casus,
    Consultatie,
    Kind,
    Omstandigheden,
    Partij,
    Protocol,
    Signaal,
    SignaalBron,
    SoortSignaal,
)
from meldcode.rules import regelbasis
from meldcode.testing.strategies import casussen
from tests.ruimte import varianten, wegingen

pytest.importorskip(
    "durable_rules_engine",
    reason="durable-rules is not installed (pip install 'meldcode[durable]'; Python < 3.13)",
)

from tests.adapters.durable.vergelijk import vergelijk

#: contexts combined with the whole weging space: none, and two that switch on every
#: circumstance, signal feature, source, consultation and age band the rules read
CONTEXTEN: dict[str, Casus] = {
    "kaal": Casus(),
    "onveilig": Casus(
        kind=Kind(leeftijd=14),
        signalen=(
            Signaal(
                soort=SoortSignaal.LICHAMELIJK_GEWELD, levensgevaar=True, bron=SignaalBron.KIND
            ),
            Signaal(soort=SoortSignaal.VERWAARLOZING, ernstig_letsel=True),
        ),
        omstandigheden=Omstandigheden(veiligheid_in_geding=True, onveiligheid_herhaalt_zich=True),
        consultaties=(Consultatie(met=Partij.VEILIG_THUIS),),
    ),
    "eer": Casus(
        kind=Kind(),
        signalen=(
            Signaal(
                soort=SoortSignaal.EERGERELATEERD_GEWELD,
                pleger_is_medewerker=True,
                bron=SignaalBron.DERDE,
            ),
        ),
        omstandigheden=Omstandigheden(
            ouders_niet_aanspreekbaar=True,
            ouders_weigeren_toestemming=True,
            contact_verbreken_verwacht=True,
        ),
        consultaties=(Consultatie(met=Partij.INTERN_BEGELEIDER, anoniem=True),),
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("context", list(CONTEXTEN), ids=str)
@pytest.mark.parametrize("protocol", list(Protocol), ids=lambda p: p.value)
def test_durable_decides_like_the_pure_engine_on_the_whole_weging_space(
    protocol: Protocol, context: str
) -> None:
    """Every combination of answers (ja/nee/twijfel/open) to the protocol's questions."""
    aantal = 0
    for weging in wegingen(protocol):
        vergelijk(attrs.evolve(CONTEXTEN[context], protocol=protocol, weging=weging))
        aantal += 1

    assert aantal == 4 ** len(regelbasis(protocol).vragen)


@pytest.mark.slow
@pytest.mark.parametrize("protocol", list(Protocol), ids=lambda p: p.value)
def test_durable_decides_like_the_pure_engine_for_every_single_input_variant(
    protocol: Protocol,
) -> None:
    """Each circumstance, signal, source, child and consultation on its own.

    Over a spread of wegingen: the whole space for 2013, every 61st weging for 2019.
    """
    stap = 1 if protocol is Protocol.P2013 else 61
    alle = list(wegingen(protocol))
    for variant in varianten():
        for weging in alle[::stap]:
            vergelijk(attrs.evolve(variant, protocol=protocol, weging=weging))


@given(casussen())
def test_durable_decides_like_the_pure_engine_on_random_cases(casus: Casus) -> None:
    """Whole random cases, both protocols, with dates, signals and consultations."""
    vergelijk(casus)


@given(casussen(volledig=True))
def test_durable_decides_like_the_pure_engine_on_completed_routes(casus: Casus) -> None:
    """Cases whose route is answered to the end (every reachable question answered)."""
    vergelijk(casus)


@pytest.mark.parametrize("protocol", list(Protocol), ids=lambda p: p.value)
def test_durable_decides_like_the_pure_engine_when_another_protocol_is_asked(
    protocol: Protocol,
) -> None:
    """The ``protocol`` argument overrides the case's own, in both engines."""
    for weging in list(wegingen(protocol))[::97]:
        vergelijk(attrs.evolve(CONTEXTEN["onveilig"], weging=weging), protocol)


def test_durable_decides_like_the_pure_engine_with_every_shipped_profile() -> None:
    """Organisation profiles add cited rules; durable compiles them from the same objects."""
    from meldcode.adapters.profiel import beschikbare_profielen, laad_profiel

    for naam in beschikbare_profielen():
        profiel = laad_profiel(naam)
        for protocol in profiel.protocollen:
            basis = profiel.regelbasis(protocol)
            stap = 1 if protocol is Protocol.P2013 else 97
            for variant in varianten()[::3]:
                for weging in list(wegingen(protocol))[::stap]:
                    vergelijk(attrs.evolve(variant, protocol=protocol, weging=weging), basis=basis)
