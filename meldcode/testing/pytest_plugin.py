"""The meldcode pytest plugin, registered through the ``pytest11`` entry point.

Installed with meldcode, it adds fixtures so that a partner's suite can check its own system
against the rule base in three lines::

    def test_we_report_whenever_meldcode_says_report(meldcode_vignet, meldcode_besluit):
        uitkomst = our_system.assess(meldcode_vignet.casus_json)
        assert uitkomst["melden"] or not meldcode_besluit.melden

- ``meldcode_vignet``: every public vignette in turn (the test is parametrized over them);
  narrow it with ``@pytest.mark.meldcode_vignetten(protocol="2019")``.
- ``meldcode_besluit``: the decision meldcode takes on that vignette's case.
- ``meldcode_beslis``: ``beslis`` that also accepts a case in the exchange format (a dict).
- ``meldcode_vergelijk``: assert that a partner's outcome agrees with meldcode on chosen
  decisions, with a message that quotes the rules behind meldcode's decision.

The plugin imports neither Hypothesis nor anything outside meldcode's core dependencies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pytest

from meldcode.adapters.json.casus import besluit_naar_dict, casus_uit_dict
from meldcode.domain.besluit import Besluit
from meldcode.domain.casus import Casus
from meldcode.domain.waarden import Protocol
from meldcode.rules.beslis import beslis
from meldcode.testing.vignetten import Vignet, parameters

__all__ = [
    "Beslisser",
    "Vergelijker",
    "meldcode_beslis",
    "meldcode_besluit",
    "meldcode_vergelijk",
    "meldcode_vignet",
    "pytest_configure",
    "pytest_generate_tests",
    "vergelijk",
]

Beslisser = Callable[..., Besluit]
Vergelijker = Callable[..., None]
_VIGNET = "meldcode_vignet"


def pytest_configure(config: pytest.Config) -> None:
    """Declare the plugin's marker, so ``--strict-markers`` suites accept it."""
    config.addinivalue_line(
        "markers",
        "meldcode_vignetten(protocol): run the meldcode_vignet fixture only for the vignettes "
        "decided under this protocol ('2013' or '2019')",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize every test that uses ``meldcode_vignet`` over the public vignettes."""
    if _VIGNET not in metafunc.fixturenames:
        return
    marker = metafunc.definition.get_closest_marker("meldcode_vignetten")
    protocol = None
    if marker is not None:
        protocol = marker.kwargs.get("protocol", marker.args[0] if marker.args else None)
    metafunc.parametrize(_VIGNET, parameters(protocol))


@pytest.fixture
def meldcode_vignet() -> Vignet:  # pragma: no cover - replaced by pytest_generate_tests
    """Each public vignette in turn (the test is parametrized over them)."""
    raise pytest.UsageError("meldcode_vignet is parametrized by the meldcode plugin")


@pytest.fixture
def meldcode_besluit(meldcode_vignet: Vignet) -> Besluit:
    """The decision meldcode takes on the current vignette's case."""
    return beslis(meldcode_vignet.casus)


def _beslis(casus: Casus | Mapping[str, Any], protocol: Protocol | str | None = None) -> Besluit:
    gelezen = casus if isinstance(casus, Casus) else casus_uit_dict(dict(casus))
    return beslis(gelezen, protocol)


@pytest.fixture
def meldcode_beslis() -> Beslisser:
    """``beslis(casus, protocol=None)`` accepting a ``Casus`` or a case in the exchange format."""
    return _beslis


def vergelijk(
    uitkomst: Besluit | Mapping[str, Any],
    besluit: Besluit,
    punten: Iterable[str] = ("melden",),
    *,
    minstens: bool = False,
) -> None:
    """Assert that a partner's ``uitkomst`` agrees with meldcode's ``besluit`` on ``punten``.

    ``uitkomst`` is a ``Besluit`` or a mapping with the contract's keys. With ``minstens=True``
    a partner may do more than meldcode (``True`` where meldcode says ``False``) but never less.
    The failure message lists the disagreements and the rules behind meldcode's decision.
    """
    ons = besluit_naar_dict(besluit)
    hun = besluit_naar_dict(uitkomst) if isinstance(uitkomst, Besluit) else uitkomst
    verschillen: list[str] = []
    for punt in punten:
        if punt not in ons:
            raise KeyError(f"{punt!r} is not a key of a decision (see the JSON contract)")
        if punt not in hun:
            verschillen.append(f"{punt}: missing in the outcome (meldcode: {ons[punt]!r})")
            continue
        if hun[punt] == ons[punt] or (minstens and ons[punt] is False and hun[punt] is True):
            continue
        verschillen.append(f"{punt}: outcome {hun[punt]!r}, meldcode {ons[punt]!r}")
    if verschillen:
        regels = ", ".join(g.regel for g in besluit.gronden) or "(no rule fired)"
        raise AssertionError(
            "the outcome disagrees with meldcode (protocol "
            f"{besluit.protocol.value}): "
            + "; ".join(verschillen)
            + f". meldcode's rules: {regels}"
        )


@pytest.fixture
def meldcode_vergelijk() -> Vergelijker:
    """The function ``vergelijk``: assert that an outcome agrees with a meldcode decision."""
    return vergelijk
