"""The architecture, pinned: imports flow adapters -> rules -> domain, never back."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import meldcode

PAKKET = Path(meldcode.__file__).parent
ZWARE = ("pandas", "polars", "narwhals", "durable", "sqlite3", "psycopg", "hypothesis", "holidays")


def imports(pad: Path) -> set[str]:
    """Top-level module names imported by one file."""
    boom = ast.parse(pad.read_text(encoding="utf-8"))
    namen: set[str] = set()
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Import):
            namen.update(a.name for a in knoop.names)
        elif isinstance(knoop, ast.ImportFrom) and knoop.module and knoop.level == 0:
            namen.add(knoop.module)
    return namen


def laatste_regel(code: str, *args: str) -> str:
    """The last line ``code`` prints, run in a fresh interpreter with ``args``."""
    proces = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    return proces.stdout.strip().splitlines()[-1]


def geladen(code: str, prefixen: tuple[str, ...], *args: str) -> list[str]:
    """The modules under ``prefixen`` that ``code`` loads, run in a fresh interpreter."""
    telling = f"\nimport sys\nprint(sorted(m for m in sys.modules if m.startswith({prefixen!r})))"
    uit: list[str] = ast.literal_eval(laatste_regel(code + telling, *args))
    return uit


@pytest.mark.parametrize("laag", ["domain", "rules"])
def test_the_core_never_imports_an_adapter(laag: str) -> None:
    """Nothing in domain/ or rules/ imports meldcode.adapters or a third-party engine."""
    for pad in (PAKKET / laag).rglob("*.py"):
        for naam in imports(pad):
            assert not naam.startswith("meldcode.adapters"), f"{pad.name} imports {naam}"
            assert naam.split(".")[0] not in ZWARE, f"{pad.name} imports {naam}"


def test_the_domain_uses_only_the_standard_library_and_attrs() -> None:
    """domain/ imports nothing but the standard library, attrs and itself (and errors)."""
    toegestaan = set(sys.stdlib_module_names) | {"attrs", "meldcode"}
    for pad in (PAKKET / "domain").rglob("*.py"):
        for naam in imports(pad):
            assert naam.split(".")[0] in toegestaan, f"{pad.name} imports {naam}"
            if naam.startswith("meldcode."):
                assert naam.startswith(("meldcode.domain", "meldcode.errors")), naam


def test_importing_the_rules_loads_no_optional_library() -> None:
    """``import meldcode.rules`` in a fresh interpreter loads none of the optional libraries."""
    code = (
        "import sys, meldcode.rules, meldcode; "
        f"print(sorted(m for m in {ZWARE!r} if m in sys.modules))"
    )
    assert laatste_regel(code) == "[]"


def test_dunder_all_is_sorted_and_lists_exactly_the_public_names() -> None:
    """The facade's ``__all__`` is sorted and matches what it exports (some on first use)."""
    lui = set(meldcode._WAAR)  # imported from their module when first asked for
    assert all(getattr(meldcode, n) is not None for n in lui)
    publiek = lui | {n for n in vars(meldcode) if not n.startswith(("_", "@"))} - {
        "adapters",
        "domain",
        "errors",
        "rules",
        "testing",
    }

    assert sorted(meldcode.__all__) == meldcode.__all__
    assert set(meldcode.__all__) - {"__version__"} == publiek


def test_every_public_name_has_a_docstring() -> None:
    """Docstrings on every public class and function of the facade."""
    for naam in meldcode.__all__:
        obj = getattr(meldcode, naam)
        if callable(obj):
            assert (obj.__doc__ or "").strip(), naam


def test_the_version_matches_pyproject() -> None:
    """One version: the package's and pyproject's agree."""
    import tomllib

    pyproject = tomllib.loads((PAKKET.parent / "pyproject.toml").read_text(encoding="utf-8"))

    assert pyproject["project"]["version"] == meldcode.__version__


def test_every_error_of_the_api_is_exported_and_has_the_root() -> None:
    """The errors are part of the API: each is a MeldcodeError, exported from the facade."""
    import meldcode.errors as errors

    for naam in errors.__all__:
        obj = getattr(errors, naam)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, meldcode.MeldcodeError), naam
            assert naam in meldcode.__all__, naam


def test_deciding_one_case_on_the_command_line_loads_only_what_deciding_needs() -> None:
    """``meldcode beslis`` on one case loads neither the dossier nor the compiled engine.

    The dossier's event classes and the compiled engine (its circuit and generated functions)
    cost a cold process more than deciding one case does; a command that decides one case
    needs neither (``beslis`` evaluates a rule base's first cases in full). Nor does it load
    what only other paths use: ``shutil`` (argparse's terminal width, and the compression
    modules with it), ``difflib`` (near misses of an unknown key), ``html`` (a notebook's view).
    """
    code = (
        "import io, sys, contextlib\n"
        "from meldcode.adapters.cli.main import main\n"
        "sys.stdin = io.TextIOWrapper(io.BytesIO(sys.argv[1].encode()))\n"
        "with contextlib.redirect_stdout(io.StringIO()) as uit:\n"
        "    status = main(['beslis', '-'])\n"
        "assert status == 0 and '\"melden\": true' in uit.getvalue(), uit.getvalue()"
    )
    niet_nodig = (
        "meldcode.domain.dossier",
        "meldcode.rules.gecompileerd",
        "meldcode.rules.semantiek",
        "shutil",
        "difflib",
        "html",
    )
    casus = '{"protocol": "2019", "weging": {"vermoeden": "ja", "acute_onveiligheid": "ja"}}'
    assert geladen(code, niet_nodig, casus) == []


def test_reading_and_writing_json_loads_no_rule_base() -> None:
    """The JSON reader and writer need the domain alone, not the rules.

    A partner that only checks its JSON against the contract, or writes decisions it received,
    loads neither the rule language nor the cited rules. The reader accepts the national
    protocols as the domain lists them, which are the versions the rule base defines (below).
    """
    code = (
        "import sys\n"
        "from meldcode.adapters.json.casus import besluit_naar_dict, casus_uit_json\n"
        "from meldcode.domain import Besluit, Grond\n"
        "casus = casus_uit_json(sys.argv[1])\n"
        "besluit = Besluit(protocol=casus.protocol, melden=True, gronden=(Grond(\n"
        "    regel='2019.x', bestand='003_4961db14b56be6cc.txt', sectie='s', citaat='c'),))\n"
        "assert besluit_naar_dict(besluit)['melden'] is True"
    )
    casus = '{"protocol": "2013", "weging": {"vermoeden": "ja"}}'
    assert geladen(code, ("meldcode.rules",), casus) == []


def test_the_domains_national_protocols_are_the_rule_bases_versions() -> None:
    """``list(Protocol)`` (what the JSON reader accepts) names exactly the versions with rules."""
    from meldcode.domain.waarden import Protocol
    from meldcode.rules.versies import PROTOCOLLEN

    assert tuple(Protocol) == PROTOCOLLEN
