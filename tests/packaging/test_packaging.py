"""The version is said once in every place it appears, and meldcode[all] brings every adapter."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import meldcode

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_package_and_pyproject_agree_on_the_version() -> None:
    """meldcode/_version.py and pyproject.toml name the same version."""
    assert PYPROJECT["project"]["version"] == meldcode.__version__


def test_the_installed_metadata_has_the_same_version() -> None:
    """What pip sees is what the package says (reinstall after a version bump)."""
    assert meldcode.__version__ == metadata.version("meldcode")


def test_the_changelog_has_an_unreleased_section_and_the_current_version() -> None:
    """CHANGELOG.md keeps [Unreleased] on top and a section for the current version."""
    tekst = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")

    koppen = re.findall(r"^## \[([^\]]+)\]", tekst, re.MULTILINE)
    assert koppen[0] == "Unreleased"
    assert meldcode.__version__ in koppen


def test_the_all_extra_brings_every_adapter() -> None:
    """Every optional extra but docs, dev and browser (tools to build and test) is in [all]."""
    extras = PYPROJECT["project"]["optional-dependencies"]
    (alles,) = extras["all"]

    genoemd = set(re.fullmatch(r"meldcode\[(.*)\]", alles).group(1).split(","))
    assert set(extras) - {"all", "docs", "dev", "browser"} == genoemd


def test_the_pytest_plugin_is_registered_as_an_entry_point() -> None:
    """Installing meldcode makes its fixtures available to any pytest run."""
    punten = metadata.entry_points(group="pytest11")

    assert "meldcode.testing.pytest_plugin" in {p.value for p in punten if p.name == "meldcode"}
