"""Every ```python block of the docs runs, top to bottom per page, so the docs cannot drift."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
BLOK = re.compile(r"^```python[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
PAGINAS = sorted(p for p in DOCS.rglob("*.md") if BLOK.search(p.read_text(encoding="utf-8")))


def test_the_docs_have_code_examples() -> None:
    """The tutorial and the how-to guides show code."""
    namen = {p.relative_to(DOCS).as_posix() for p in PAGINAS}

    assert {"tutorial.md", "howto/partner-tests.md", "howto/dataframes.md"} <= namen


@pytest.mark.parametrize("pagina", PAGINAS, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_python_example_on_a_page_runs(pagina: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's python blocks run in order in one namespace, from the repository root."""
    blokken = BLOK.findall(pagina.read_text(encoding="utf-8"))
    namespace: dict[str, object] = {"__name__": f"docs_{pagina.stem}"}
    monkeypatch.chdir(ROOT)

    for i, code in enumerate(blokken, start=1):
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(code, f"{pagina.name}[{i}]", "exec"), namespace)
