"""Shared fixtures and Hypothesis profiles ("dev" locally, "ci" in CI, "diep" by hand)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=60, deadline=None)
# a search for rare failures, run by hand: HYPOTHESIS_PROFILE=diep scripts/test tests/unit
settings.register_profile(
    "diep", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SOURCES = ROOT.parent / "shared" / "sources"


def vignetten() -> list[dict[str, Any]]:
    """The public vignettes, copied from shared/cases/scenarios.json into tests/data."""
    data: list[dict[str, Any]] = json.loads((DATA / "scenarios.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def bronnen() -> Path:
    """The folder of source protocols; tests that need it skip with a reason when absent."""
    if not SOURCES.is_dir():
        pytest.skip(f"the source protocols are not present at {SOURCES} (they are not shipped)")
    return SOURCES
