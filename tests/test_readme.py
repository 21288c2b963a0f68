"""The README's Python example runs, and the rule ids its table names exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from meldcode import Protocol, regelbasis

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_python_example_in_the_readme_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """Every ```python block of the README executes without error."""
    blokken = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)

    assert blokken
    for blok in blokken:
        exec(compile(blok, str(README), "exec"), {})
    assert "2019.afweging-2.onveiligheid" in capsys.readouterr().out


def test_every_rule_id_in_the_readme_exists() -> None:
    """The table of sources names real rules (a trailing ``*`` stands for a family of ids)."""
    ids = {r.id for p in Protocol for r in regelbasis(p).regels}
    genoemd = re.findall(r"`((?:2013|2019|2013\+2019)\.[a-z0-9.+*-]+)`", README.read_text("utf-8"))

    assert genoemd
    for naam in genoemd:
        if naam.endswith("*"):
            assert any(i.startswith(naam[:-1]) for i in ids), naam
        else:
            assert naam in ids, naam
