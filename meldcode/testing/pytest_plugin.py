"""The meldcode pytest plugin, registered through the ``pytest11`` entry point.

Installed with meldcode, it adds fixtures so that a partner's suite can check its own system
against the rule base in three lines::

    def test_we_report_whenever_meldcode_says_report(meldcode_vignet, meldcode_besluit):
        uitkomst = our_system.assess(meldcode_vignet.casus_json)
        assert uitkomst["melden"] or not meldcode_besluit.melden

- ``meldcode_vignet``: every public vignette in turn (the test is parametrized over them);
  narrow it with ``@pytest.mark.meldcode_vignetten(protocol="2019")``. A marker with a wrong
  protocol or an unknown argument fails the tests that carry it, naming the argument, instead
  of silently running every vignette or aborting the collection.
- ``meldcode_besluit``: the decision meldcode takes on that vignette's case.
- ``meldcode_beslis``: ``beslis`` that also accepts a case in the exchange format (a dict).
- ``meldcode_vergelijk``: assert that a partner's outcome agrees with meldcode on chosen
  decisions, with a message that quotes the rules behind meldcode's decision. A disagreement is
  an ``AssertionError``; a wrong argument (a misspelt key, an outcome that is no mapping) is
  ``meldcode.OngeldigeInvoer`` naming the argument, never ``KeyError`` or ``TypeError``.

The plugin imports neither Hypothesis nor anything outside meldcode's core dependencies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pytest

from meldcode.adapters.json.casus import besluit_naar_dict, casus_uit_dict
from meldcode.adapters.json.sleutels import naaste
from meldcode.domain._validatie import toon
from meldcode.domain.besluit import Besluit
from meldcode.domain.casus import Casus
from meldcode.domain.waarden import Protocol
from meldcode.errors import Fout, OngeldigeInvoer
from meldcode.rules.beslis import beslis, lees_protocol
from meldcode.testing.conformance import _getoond, gelijk
from meldcode.testing.vignetten import Vignet, parameters

__all__ = [
    "BeslisFixture",
    "Vergelijker",
    "meldcode_beslis",
    "meldcode_besluit",
    "meldcode_vergelijk",
    "meldcode_vignet",
    "pytest_configure",
    "pytest_generate_tests",
    "vergelijk",
]

BeslisFixture = Callable[..., Besluit]
"""The type of the ``meldcode_beslis`` fixture: ``(casus, protocol=None) -> Besluit``."""
Vergelijker = Callable[..., None]
"""The type of the ``meldcode_vergelijk`` fixture."""
_VIGNET = "meldcode_vignet"


def pytest_configure(config: pytest.Config) -> None:
    """Declare the plugin's marker, so ``--strict-markers`` suites accept it."""
    config.addinivalue_line(
        "markers",
        "meldcode_vignetten(protocol): run the meldcode_vignet fixture only for the vignettes "
        "decided under this protocol ('2013' or '2019')",
    )


class _MarkerFout:
    """A ``meldcode_vignetten`` marker the plugin cannot read: the message to fail with."""

    def __init__(self, melding: str) -> None:
        self.melding = melding

    def __repr__(self) -> str:
        return "meldcode_vignetten-marker-error"


def _marker_protocol(marker: pytest.Mark | None) -> Protocol | None:
    """The protocol a ``meldcode_vignetten`` marker asks for; ``OngeldigeInvoer`` names a typo."""
    if marker is None:
        return None
    onbekend = sorted(set(marker.kwargs) - {"protocol"})
    if onbekend or len(marker.args) > 1 or (marker.args and "protocol" in marker.kwargs):
        naam = onbekend[0] if onbekend else "protocol"
        raise OngeldigeInvoer(
            [
                Fout(
                    naam,
                    repr(naam),
                    "meldcode_vignetten takes one argument, protocol ('2013' or '2019') "
                    f"(got {', '.join(map(repr, onbekend)) or 'more than one'})",
                )
            ]
        )
    waarde: Any = marker.kwargs.get("protocol", marker.args[0] if marker.args else None)
    return lees_protocol(waarde)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize every test that uses ``meldcode_vignet`` over the public vignettes.

    A marker the plugin cannot read gives the test one case that fails with the reason, naming
    the argument: neither all vignettes (a silent widening) nor an aborted collection.
    """
    if _VIGNET not in metafunc.fixturenames:
        return
    marker = metafunc.definition.get_closest_marker("meldcode_vignetten")
    try:
        protocol = _marker_protocol(marker)
    except OngeldigeInvoer as exc:
        fout = _MarkerFout(f"@pytest.mark.meldcode_vignetten: {exc}")
        metafunc.parametrize(_VIGNET, [pytest.param(fout, id="marker-error")], indirect=True)
        return
    metafunc.parametrize(_VIGNET, parameters(protocol), indirect=True)


@pytest.fixture
def meldcode_vignet(request: pytest.FixtureRequest) -> Vignet:
    """Each public vignette in turn (the test is parametrized over them)."""
    waarde: object = getattr(request, "param", None)
    if isinstance(waarde, _MarkerFout):
        pytest.fail(waarde.melding, pytrace=False)
    if not isinstance(waarde, Vignet):  # pragma: no cover - always parametrized by the plugin
        raise pytest.UsageError("meldcode_vignet is parametrized by the meldcode plugin")
    return waarde


@pytest.fixture
def meldcode_besluit(meldcode_vignet: Vignet) -> Besluit:
    """The decision meldcode takes on the current vignette's case."""
    return beslis(meldcode_vignet.casus)


def _beslis(casus: Casus | Mapping[str, Any], protocol: Protocol | str | None = None) -> Besluit:
    """``beslis`` of a ``Casus`` or of a case in the exchange format (refused as beslis does)."""
    gelezen = casus_uit_dict(dict(casus)) if isinstance(casus, Mapping) else casus
    return beslis(gelezen, protocol)


@pytest.fixture
def meldcode_beslis() -> BeslisFixture:
    """``beslis(casus, protocol=None)`` accepting a ``Casus`` or a case in the exchange format."""
    return _beslis


def vergelijk(
    uitkomst: Besluit | Mapping[str, Any],
    besluit: Besluit,
    punten: Iterable[str] | str = ("melden",),
    *,
    minstens: bool = False,
) -> None:
    """Assert that a partner's ``uitkomst`` agrees with meldcode's ``besluit`` on ``punten``.

    ``uitkomst`` is a ``Besluit`` or a mapping with the contract's keys; ``punten`` are keys of a
    decision in the exchange format (one key may be given as a bare string: ``"melden"`` is
    ``["melden"]``). With ``minstens=True`` a partner may do more than meldcode (``True`` where
    meldcode says ``False``) but never less. The comparison is the contract's, type and value
    (``meldcode.testing.conformance.gelijk``): ``1`` is not ``true`` and ``"true"`` is not
    ``true`` (JSON tells them apart, so a partner that answers with them disagrees), nested
    lists and objects alike; a number is a number whether whole or not (``5`` is ``5.0``).
    The failure (``AssertionError``) lists the disagreements and the rules behind meldcode's
    decision.

    Wrong arguments are no disagreement: they raise ``meldcode.OngeldigeInvoer`` naming the
    argument, ``uitkomst`` (neither a ``Besluit`` nor a mapping), ``besluit`` (not a
    ``Besluit``), ``punten`` (empty, not text, or not a key of a decision; a misspelt key gets
    the key it resembles: "did you mean 'melden'?") or ``minstens`` (not a boolean).
    """
    if not isinstance(besluit, Besluit):
        raise _fout("besluit", besluit, "besluit must be meldcode's Besluit")
    if not isinstance(uitkomst, Besluit | Mapping):
        raise _fout(
            "uitkomst", uitkomst, "uitkomst must be a Besluit or a decision in the exchange format"
        )
    if not isinstance(minstens, bool):
        raise _fout("minstens", minstens, "minstens must be True or False")
    ons = besluit_naar_dict(besluit)
    hun = besluit_naar_dict(uitkomst) if isinstance(uitkomst, Besluit) else uitkomst
    verschillen: list[str] = []
    for punt in _punten(punten, ons):
        if punt not in hun:
            verschillen.append(f"{punt}: missing in the outcome (meldcode: {ons[punt]!r})")
            continue
        if gelijk(hun[punt], ons[punt]) or (minstens and ons[punt] is False and hun[punt] is True):
            continue
        verschillen.append(f"{punt}: outcome {_getoond(hun[punt])}, meldcode {ons[punt]!r}")
    if verschillen:
        regels = ", ".join(g.regel for g in besluit.gronden) or "(no rule fired)"
        raise AssertionError(
            "the outcome disagrees with meldcode (protocol "
            f"{besluit.protocol.value}): "
            + "; ".join(verschillen)
            + f". meldcode's rules: {regels}"
        )


def _punten(punten: object, ons: Mapping[str, Any]) -> tuple[str, ...]:
    """``punten`` as a tuple of keys of a decision; ``OngeldigeInvoer`` naming ``punten``."""
    enkel = isinstance(punten, str)
    if isinstance(punten, str):
        punten = (punten,)
    if isinstance(punten, bytes | Mapping) or not isinstance(punten, Iterable):
        raise _fout("punten", punten, "punten must be a list of keys of a decision (or one key)")
    gelezen = tuple(punten)
    if not gelezen:
        raise OngeldigeInvoer(
            [Fout("punten", "[]", "punten must name at least one key of a decision")]
        )
    for i, punt in enumerate(gelezen):
        veld = "punten" if enkel else f"punten[{i}]"
        if not isinstance(punt, str):
            raise _fout(veld, punt, "each of punten must be a key of a decision (text)")
        if punt not in ons:
            bedoeld = naaste(punt, ons)
            hint = f"; did you mean {bedoeld!r}?" if bedoeld is not None else ""
            getoond = toon(punt)
            raise OngeldigeInvoer(
                [
                    Fout(
                        veld,
                        getoond,
                        f"{getoond} is not a key of a decision (one of {', '.join(ons)}){hint}",
                    )
                ]
            )
    return gelezen


def _fout(veld: str, waarde: object, melding: str) -> OngeldigeInvoer:
    """``OngeldigeInvoer`` naming ``veld``, showing the value by its type only."""
    soort = type(waarde).__name__
    return OngeldigeInvoer([Fout(veld, f"<{soort}>", f"{melding} (got {soort})")])


@pytest.fixture
def meldcode_vergelijk() -> Vergelijker:
    """The function ``vergelijk``: assert that an outcome agrees with a meldcode decision."""
    return vergelijk


def __getattr__(naam: str) -> Any:
    """``Beslisser``, this module's old name for ``BeslisFixture``, with a deprecation warning.

    The name is kept for ``meldcode.rules.dossier.Beslisser`` (a decide function of one case).
    """
    if naam == "Beslisser":
        import warnings

        warnings.warn(
            "meldcode.testing.pytest_plugin.Beslisser is renamed BeslisFixture",
            DeprecationWarning,
            stacklevel=2,
        )
        return BeslisFixture
    raise AttributeError(f"module {__name__!r} has no attribute {naam!r}")
