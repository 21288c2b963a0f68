"""The pytest plugin: its fixtures, and the partner example that uses them, run in CI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from meldcode import Besluit, Protocol, beslis, casus_uit_dict
from meldcode.testing.pytest_plugin import BeslisFixture, vergelijk
from meldcode.testing.vignetten import Vignet

ROOT = Path(__file__).resolve().parents[2]


def test_the_plugin_parametrizes_over_every_vignette(
    meldcode_vignet: Vignet, meldcode_besluit: Besluit
) -> None:
    """meldcode_besluit is meldcode's own decision on meldcode_vignet."""
    assert beslis(meldcode_vignet.casus) == meldcode_besluit


@pytest.mark.meldcode_vignetten(protocol="2013")
def test_the_marker_narrows_the_vignettes_to_one_protocol(meldcode_vignet: Vignet) -> None:
    """@pytest.mark.meldcode_vignetten(protocol="2013") keeps only the 2013 vignettes."""
    assert Protocol.P2013 is meldcode_vignet.protocol


def test_meldcode_beslis_accepts_the_exchange_format(meldcode_beslis: BeslisFixture) -> None:
    """A partner may pass the case as the JSON it already has."""
    besluit = meldcode_beslis(
        {"protocol": "2019", "weging": {"vermoeden": "ja", "acute_onveiligheid": "ja"}}
    )

    assert besluit.melden


def test_vergelijk_quotes_the_rules_when_a_partner_disagrees() -> None:
    """The failure names the decision, both values and meldcode's rules."""
    besluit = beslis_acuut()

    with pytest.raises(AssertionError, match=r"melden: outcome False, meldcode True.*2019\."):
        vergelijk({"melden": False}, besluit)


def test_vergelijk_minstens_lets_a_partner_do_more_but_not_less() -> None:
    """minstens=True accepts True where meldcode says False."""
    besluit = beslis_acuut()

    vergelijk(
        {"melden": True, "dossier_sluiten": True},
        besluit,
        ["melden", "dossier_sluiten"],
        minstens=True,
    )
    with pytest.raises(AssertionError):
        vergelijk({"melden": True, "dossier_sluiten": True}, besluit, ["dossier_sluiten"])


def beslis_acuut() -> Besluit:
    return beslis(
        casus_uit_dict(
            {"protocol": "2019", "weging": {"vermoeden": "ja", "acute_onveiligheid": "ja"}}
        )
    )


def test_the_partner_example_passes_as_a_partner_runs_it() -> None:
    """examples/partner runs with a plain pytest: the plugin comes in through its entry point."""
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "examples/partner"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert out.returncode == 0, out.stdout + out.stderr


def test_the_old_name_of_the_fixture_type_still_imports_with_a_deprecation_warning() -> None:
    from meldcode.testing import pytest_plugin

    with pytest.warns(DeprecationWarning, match="BeslisFixture"):
        oud = pytest_plugin.Beslisser
    assert oud is pytest_plugin.BeslisFixture
