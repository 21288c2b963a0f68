"""Every ```python block of the docs runs, and the stateless `meldcode` command lines too."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest

from meldcode.adapters.cli.main import main

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


SHELL = re.compile(r"^```bash[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
#: pages whose `meldcode ...` command lines need no state (a dossier store, a running monitor)
CLI_PAGINAS = ("tutorial.md", "howto/diagrams.md", "howto/other-languages.md")


def _opdrachten() -> list[tuple[str, str]]:
    out = []
    for naam in CLI_PAGINAS:
        for blok in SHELL.findall((DOCS / naam).read_text(encoding="utf-8")):
            for regel in blok.splitlines():
                opdracht = regel.split("#", 1)[0].strip()
                if opdracht.startswith("meldcode ") and not set("|<>") & set(opdracht):
                    out.append((naam, opdracht))
    return out


@pytest.mark.parametrize(("pagina", "opdracht"), _opdrachten())
def test_every_command_line_example_runs(
    pagina: str, opdracht: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The `meldcode ...` lines of the tutorial and how-to guides exit 0 (pipes are not run)."""
    monkeypatch.chdir(ROOT)

    with contextlib.redirect_stdout(io.StringIO()):
        status = main(shlex.split(opdracht)[1:])

    assert status == 0, f"{pagina}: {opdracht}"
