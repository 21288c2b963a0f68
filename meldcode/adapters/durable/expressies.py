"""A small algebra of durable_rules' single-message expressions.

Negation is pushed down to the comparisons (De Morgan) and constants are folded away before
anything reaches durable, so that every outcome of a node, *unknown* included, is a plain
expression over one fact's fields.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeAlias

from attrs import frozen

__all__ = [
    "ONWAAR",
    "WAAR",
    "Constante",
    "En",
    "Expr",
    "Of",
    "Vergelijking",
    "en",
    "is_",
    "json_van",
    "niet",
    "of",
    "stappen",
    "velden",
]


@frozen
class Constante:
    """A constant (folded away before a pattern reaches durable)."""

    waarde: bool


@frozen
class Vergelijking:
    """``veld op waarde``; ``op`` is one of ``==``, ``!=``, ``>=``, ``<``."""

    veld: str
    op: str
    waarde: str | bool | int


@frozen
class En:
    """All parts hold."""

    delen: tuple[Expr, ...]


@frozen
class Of:
    """Some part holds."""

    delen: tuple[Expr, ...]


#: an expression of the algebra: a constant, a comparison, or an and/or of expressions
Expr: TypeAlias = Constante | Vergelijking | En | Of
#: the constant true: the empty conjunction, folded away by ``en`` and ``of``
WAAR = Constante(True)
#: the constant false: the empty disjunction, folded away by ``en`` and ``of``
ONWAAR = Constante(False)
_TEGENDEEL = {"==": "!=", "!=": "==", ">=": "<", "<": ">="}
_OPERATOR = {"!=": "$neq", ">=": "$gte", "<": "$lt"}


def en(*delen: Expr) -> Expr:
    """Conjunction, flattened, with constants folded."""
    platte: list[Expr] = []
    for deel in delen:
        if deel == ONWAAR:
            return ONWAAR
        if deel == WAAR:
            continue
        for d in deel.delen if isinstance(deel, En) else (deel,):
            if d not in platte:
                platte.append(d)
    if not platte:
        return WAAR
    return platte[0] if len(platte) == 1 else En(tuple(platte))


def of(*delen: Expr) -> Expr:
    """Disjunction, flattened, with constants folded."""
    platte: list[Expr] = []
    for deel in delen:
        if deel == WAAR:
            return WAAR
        if deel == ONWAAR:
            continue
        for d in deel.delen if isinstance(deel, Of) else (deel,):
            if d not in platte:
                platte.append(d)
    if not platte:
        return ONWAAR
    return platte[0] if len(platte) == 1 else Of(tuple(platte))


def niet(e: Expr) -> Expr:
    """Negation pushed down to the comparisons."""
    if isinstance(e, Constante):
        return Constante(not e.waarde)
    if isinstance(e, Vergelijking):
        return Vergelijking(e.veld, _TEGENDEEL[e.op], e.waarde)
    if isinstance(e, En):
        return of(*(niet(d) for d in e.delen))
    return en(*(niet(d) for d in e.delen))


def is_(veld: str, waarde: str | bool | int) -> Expr:
    """``veld == waarde``."""
    return Vergelijking(veld, "==", waarde)


def json_van(e: Expr) -> dict[str, Any]:
    """Durable's JSON for an expression; constants must have been folded away."""
    if isinstance(e, Vergelijking):
        if e.op == "==":
            return {e.veld: e.waarde}
        return {_OPERATOR[e.op]: {e.veld: e.waarde}}
    if isinstance(e, En):
        return {"$and": [json_van(d) for d in e.delen]}
    if isinstance(e, Of):
        return {"$or": [json_van(d) for d in e.delen]}
    raise AssertionError(f"{e!r} cannot be part of one fact's pattern")  # pragma: no cover


def stappen(e: Expr) -> int:
    """The and/or steps durable needs for ``e`` (durable accepts a limited number per rule)."""
    if isinstance(e, En | Of):
        return 1 + sum(stappen(d) for d in e.delen)
    return 0


def velden(e: Expr) -> Iterator[str]:
    """The fields ``e`` reads."""
    if isinstance(e, Vergelijking):
        yield e.veld
    elif isinstance(e, En | Of):
        for d in e.delen:
            yield from velden(d)
