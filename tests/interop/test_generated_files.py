"""Generated files are never stale: schemas, diagrams and shipped vignettes match their sources."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _generate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "scripts" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATE = _generate()


@pytest.mark.parametrize("pad", sorted(GENERATE.ARTEFACTEN))
def test_a_generated_file_matches_what_its_source_gives_now(pad: str) -> None:
    """Run `.venv/bin/python scripts/generate.py` after changing the rules or the domain."""
    expected = GENERATE.ARTEFACTEN[pad]()

    actual = (ROOT / pad).read_text(encoding="utf-8")

    assert expected == actual, f"{pad} is stale: run .venv/bin/python scripts/generate.py"
