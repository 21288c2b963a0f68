"""Every public name is documented: what a partner reads in ``help()`` and in the API reference.

A public name is one a module lists in ``__all__``. A function or class needs a docstring; a
constant (any other assignment: a table, a type alias, a ready-made strategy) needs a documenting
comment before it (``#: ...``, the form Sphinx and mkdocstrings read), one on its line, or a
string literal right after it (an attribute docstring). A name a module re-exports is documented
where it is defined. The source is read with ``ast``: nothing is imported, so optional
dependencies need not be installed.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from attrs import frozen

ROOT = Path(__file__).resolve().parents[2]
PAKKET = ROOT / "meldcode"

#: public names still without documentation, by the file that must document them. These files
#: are outside the change that added this test; each entry is to be removed by documenting the
#: name there (the test below fails for an entry that has become documented, so the list only
#: shrinks).
NOG_ONGEDOCUMENTEERD: dict[str, frozenset[str]] = {}


@frozen
class Bron:
    """One module's source: its statements, and the lines that carry a ``#:`` comment."""

    boom: ast.Module
    #: line number -> whether the ``#:`` comment stands alone on its line (else after code)
    commentaren: Mapping[int, bool]
    pakket: bool  # an ``__init__.py``: relative imports start from the module itself

    @classmethod
    def lees(cls, tekst: str, *, pakket: bool = False) -> Bron:
        """Parse ``tekst``, keeping where its documenting comments are."""
        commentaren: dict[int, bool] = {}
        for token in tokenize.generate_tokens(io.StringIO(tekst).readline):
            documenteert = token.string.startswith("#:") and token.string[2:].strip()
            if token.type == tokenize.COMMENT and documenteert:
                commentaren[token.start[0]] = not token.line[: token.start[1]].strip()
        return cls(ast.parse(tekst), commentaren, pakket)


class Pakket:
    """The modules of a package by dotted name, read on demand."""

    def __init__(self, bronnen: Mapping[str, tuple[str, bool]]) -> None:
        self._teksten = bronnen
        self._gelezen: dict[str, Bron] = {}

    def __contains__(self, module: str) -> bool:
        return module in self._teksten

    def __iter__(self) -> Iterator[str]:
        return iter(self._teksten)

    def __getitem__(self, module: str) -> Bron:
        if module not in self._gelezen:
            tekst, pakket = self._teksten[module]
            self._gelezen[module] = Bron.lees(tekst, pakket=pakket)
        return self._gelezen[module]

    def publiek(self, module: str) -> tuple[str, ...]:
        """The literal ``__all__`` of ``module`` (every module of meldcode spells it out)."""
        for stmt, _volgende in _bovenste(self[module].boom.body):
            if "__all__" in _toegewezen(stmt):
                waarde = stmt.value if isinstance(stmt, ast.Assign | ast.AnnAssign) else None
                assert waarde is not None, module
                return tuple(ast.literal_eval(waarde))
        return ()

    def definitie(self, module: str, naam: str, *, diepte: int = 0) -> tuple[str, ast.stmt | None]:
        """Where ``naam`` of ``module`` is defined: the module and the statement.

        A re-export is followed to its source; a submodule is its module (statement ``None``).
        """
        body = self[module].boom.body
        for stmt, _volgende in _bovenste(body):
            if _definieert(stmt, naam):
                return module, stmt
        for stmt, _volgende in _bovenste(body):
            if isinstance(stmt, ast.ImportFrom):
                for alias in stmt.names:
                    if (alias.asname or alias.name) == naam:
                        bron = self._bron_module(module, stmt)
                        if f"{bron}.{alias.name}" in self:
                            return f"{bron}.{alias.name}", None
                        if bron in self and diepte < 20:
                            return self.definitie(bron, alias.name, diepte=diepte + 1)
                        return bron, stmt  # from outside the package: not ours to document
        if f"{module}.{naam}" in self:
            return f"{module}.{naam}", None
        return module, None

    def reden(self, module: str, naam: str) -> str | None:
        """Why ``naam`` of ``module`` counts as undocumented (``None``: it is documented)."""
        waar, stmt = self.definitie(module, naam)
        if waar not in self:
            return None
        bron = self[waar]
        if stmt is None:  # a submodule, or nothing at all
            if waar == module:
                return "is listed in __all__ but not defined"
            return None if ast.get_docstring(bron.boom) else "is a module without a docstring"
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            return None if ast.get_docstring(stmt) else "has no docstring"
        if isinstance(stmt, ast.ImportFrom):
            return None
        volgende = dict(_bovenste(bron.boom.body)).get(stmt)
        if _commentaar(bron, stmt) or _is_tekst(volgende):
            return None
        return "is assigned without a #: comment or a docstring after it"

    def _bron_module(self, module: str, imp: ast.ImportFrom) -> str:
        if imp.level == 0:
            return imp.module or ""
        delen = module.split(".") if self[module].pakket else module.split(".")[:-1]
        basis = delen[: len(delen) - (imp.level - 1)]
        return ".".join([*basis, imp.module] if imp.module else basis)


def _bovenste(body: list[ast.stmt]) -> Iterator[tuple[ast.stmt, ast.stmt | None]]:
    """The module's own statements with the one after each, looking inside ``if`` and ``try``."""
    for i, stmt in enumerate(body):
        yield stmt, body[i + 1] if i + 1 < len(body) else None
        if isinstance(stmt, ast.If | ast.Try):
            yield from _bovenste(stmt.body)
            yield from _bovenste(stmt.orelse)
        if isinstance(stmt, ast.Try):
            yield from _bovenste(stmt.finalbody)
            for handler in stmt.handlers:
                yield from _bovenste(handler.body)


def _namen(doel: ast.expr) -> set[str]:
    if isinstance(doel, ast.Name):
        return {doel.id}
    if isinstance(doel, ast.Tuple | ast.List):
        return {n for e in doel.elts for n in _namen(e)}
    return set()


def _toegewezen(stmt: ast.stmt) -> set[str]:
    if isinstance(stmt, ast.Assign):
        return {n for t in stmt.targets for n in _namen(t)}
    if isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
        return _namen(stmt.target)
    return set()


def _definieert(stmt: ast.stmt, naam: str) -> bool:
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return stmt.name == naam
    return naam in _toegewezen(stmt)


def _commentaar(bron: Bron, stmt: ast.stmt) -> bool:
    """A ``#:`` comment documents ``stmt``: on the line right above it, or after its first line."""
    return (
        bron.commentaren.get(stmt.lineno) is False or bron.commentaren.get(stmt.lineno - 1) is True
    )


def _is_tekst(stmt: ast.stmt | None) -> bool:
    return (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Constant)
        and isinstance(stmt.value.value, str)
        and bool(stmt.value.value.strip())
    )


def _modulenaam(pad: Path) -> str:
    delen = pad.relative_to(ROOT).with_suffix("").parts
    return ".".join(delen[:-1] if delen[-1] == "__init__" else delen)


MELDCODE = Pakket(
    {
        _modulenaam(p): (p.read_text(encoding="utf-8"), p.name == "__init__.py")
        for p in sorted(PAKKET.rglob("*.py"))
    }
)
"""The package as it is on disk."""


def _bestand(module: str) -> str:
    pad = PAKKET.parent.joinpath(*module.split("."))
    return (
        (pad / "__init__.py" if pad.is_dir() else pad.with_suffix(".py"))
        .relative_to(ROOT)
        .as_posix()
    )


def _publieke_namen(pakket: Pakket) -> list[tuple[str, str]]:
    return [(m, naam) for m in pakket for naam in pakket.publiek(m)]


def _vals(**modules: str) -> Pakket:
    """A package ``p`` of the given modules (``init`` is ``p/__init__.py``)."""
    return Pakket(
        {
            ("p" if naam == "init" else f"p.{naam}"): (tekst, naam == "init")
            for naam, tekst in modules.items()
        }
    )


GEDOCUMENTEERD = {
    "a function with a docstring": 'def x():\n    """Doc."""\n',
    "a class with a docstring": 'class x:\n    """Doc."""\n',
    "a #: comment above": "#: doc\nx = 1\n",
    "a #: comment above an annotated assignment": "#: doc\nx: int = 1\n",
    "a #: comment block above": "#: doc\n#: more\nx = (\n    1\n)\n",
    "a #: comment after the code": "x = 1  #: doc\n",
    "a docstring after": 'x = 1\n"""Doc."""\n',
    "a docstring after a long assignment": 'x = {\n    1: 2,\n}\n"""Doc."""\n',
    "defined under TYPE_CHECKING": 'if T:\n    x = 1\n    """Doc."""\n',
    "from outside the package": "from os import x\n",
}
"""Forms of documentation the check accepts, each as the source of a module defining ``x``."""

ONGEDOCUMENTEERD = {
    "a function without docstring": "def x():\n    pass\n",
    "a class without docstring": "class x:\n    pass\n",
    "a bare assignment": "x = 1\n",
    "an ordinary comment above": "# not documenting\nx = 1\n",
    "an empty #: comment above": "#:\nx = 1\n",
    "a #: comment above a blank line": "#: doc\n\nx = 1\n",
    "a #: comment two statements up": "#: doc\ny = 2\nx = 1\n",
    "a #: comment inside a long value": "x = {\n    1: 2,  #: one entry\n}\n",
    "a docstring after a statement in between": 'x = 1\ny = 2\n"""Doc."""\n',
    "an empty docstring after": 'x = 1\n"""  """\n',
    "not defined at all": "y = 1\n",
}
"""Forms the check refuses, likewise."""


#: where ``x`` is defined in a package ``p`` of two modules: the text of ``p/__init__.py``
HERKOMST = {
    "defined": "",
    "re-exported": "from p.a import x\n",
    "re-exported relatively": "from .a import x\n",
}


def _pakket(tekst: str, via: str) -> Pakket:
    """A package ``p`` with ``tekst`` defining ``x``, in ``__init__`` or re-exported from ``a``."""
    uitvoer = HERKOMST[via]
    return _vals(a=tekst, init=uitvoer) if uitvoer else _vals(init=tekst)


@pytest.mark.parametrize("tekst", GEDOCUMENTEERD.values(), ids=list(GEDOCUMENTEERD))
@pytest.mark.parametrize("via", list(HERKOMST))
def test_each_form_of_documentation_counts(tekst: str, via: str) -> None:
    """Docstrings, ``#:`` comments and attribute docstrings, where defined or re-exported."""
    pakket = _pakket(tekst, via)

    assert pakket.reden("p", "x") is None


@pytest.mark.parametrize("tekst", ONGEDOCUMENTEERD.values(), ids=list(ONGEDOCUMENTEERD))
@pytest.mark.parametrize("via", list(HERKOMST))
def test_undocumented_names_are_found(tekst: str, via: str) -> None:
    """A bare definition is found where defined and through every re-export."""
    pakket = _pakket(tekst, via)

    assert pakket.reden("p", "x") is not None


def test_a_submodule_listed_in_all_needs_its_module_docstring() -> None:
    """``__all__ = ["a"]`` for a submodule ``a``: the module's docstring documents it."""
    assert _vals(init='__all__ = ["a"]\n', a='"""Doc."""\n').reden("p", "a") is None
    assert _vals(init='__all__ = ["a"]\n', a="x = 1\n").reden("p", "a") is not None


def test_the_walk_finds_the_public_names_of_the_package() -> None:
    """The walk sees the facade, the kit and the rules (an empty walk would pass vacuously)."""
    namen = set(_publieke_namen(MELDCODE))

    assert {
        ("meldcode", "beslis"),
        ("meldcode", "__version__"),
        ("meldcode.testing.dossier", "signaal_vastgelegd"),
        ("meldcode.testing.vignetten", "Vignet"),
        ("meldcode.rules.versies", "VERSIES"),
    } <= namen
    assert len(namen) > 500
    assert MELDCODE.definitie("meldcode", "beslis")[0] == "meldcode.rules.beslis"


def test_every_public_name_is_documented() -> None:
    """Each name in an ``__all__`` has a docstring or a ``#:`` comment (less the allow-list)."""
    ontbrekend = sorted(
        {
            f"{_bestand(waar)}: {naam} {reden}"
            for m, naam in _publieke_namen(MELDCODE)
            if (reden := MELDCODE.reden(m, naam)) is not None
            and (waar := MELDCODE.definitie(m, naam)[0])
            and naam not in NOG_ONGEDOCUMENTEERD.get(_bestand(waar), frozenset())
        }
    )

    assert ontbrekend == [], "\n".join(ontbrekend)


def test_the_allow_list_names_only_names_still_undocumented() -> None:
    """An entry whose name has been documented (or removed) is stale: delete it from the list."""
    verouderd = [
        f"{bestand}: {naam}"
        for bestand, namen in NOG_ONGEDOCUMENTEERD.items()
        for naam in sorted(namen)
        if (reden := MELDCODE.reden(_modulenaam(ROOT / bestand), naam)) is None
        or "not defined" in reden
    ]

    assert verouderd == [], "\n".join(verouderd)


#: Dutch words of the public API a partner meets in the testing kit, in a decision and in a
#: population; each must have a row in the glossary (in its first column)
WOORDEN_VAN_DE_API = (
    "vignet",
    "afwijkingen",
    "minstens",
    "punten",
    "aantal",
    "aandeel",
    "volgende_vraag",
    "waarschuwing",
    "waarschuwingen",
    "beslispunt",
    "gebeurtenis",
    "opvolging",
    "termijn",
    "ongeboren",
    "kenmerk",
    "hypothese",
    "stopt_vroeg",
)


def _glossarium() -> set[str]:
    """The Dutch terms of ``docs/glossary.md``: its first column, split on commas and slashes."""
    termen: set[str] = set()
    for regel in (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8").splitlines():
        cellen = [c.strip() for c in regel.strip().strip("|").split("|")]
        if len(cellen) >= 2 and cellen[0] not in ("Dutch", "") and not set(cellen[0]) <= {"-"}:
            for term in re.split(r"[,/]", re.sub(r"\(.*?\)", "", cellen[0])):
                termen.add(term.strip().lower())
    return termen


@pytest.mark.parametrize("woord", WOORDEN_VAN_DE_API)
def test_the_glossary_explains_the_dutch_words_of_the_api(woord: str) -> None:
    """A partner reading ``vergelijk(..., minstens=True)`` can look the word up."""
    assert woord.replace("_", " ") in _glossarium()
