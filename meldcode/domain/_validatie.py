"""Validators that name the field and the value, and never echo free text."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable
from typing import Any

import attrs

from meldcode.errors import Fout, OngeldigeInvoer

__all__ = [
    "toon",
    "valideer_bool",
    "valideer_code",
    "valideer_datum",
    "valideer_enum",
    "valideer_instantie",
    "valideer_int_bereik",
    "valideer_pseudoniem",
    "valideer_tekst",
    "valideer_tuple_van",
]

_Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
_MAX = 40
PSEUDONIEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
CODE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")


def toon(value: object) -> str:
    """Render a value for an error message: short scalars as repr, anything else by type only."""
    if isinstance(value, enum.Enum):
        return repr(value.value)
    if value is None or isinstance(value, bool | int | float | dt.date):
        return repr(value) if not isinstance(value, dt.date) else value.isoformat()
    if isinstance(value, str):
        shown = value if len(value) <= _MAX else value[:_MAX] + "…"
        return repr(shown)
    return f"<{type(value).__name__}>"


def _naam(instance: object, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def _fout(instance: object, attribute: attrs.Attribute[Any], shown: str, msg: str) -> None:
    veld = _naam(instance, attribute)
    raise OngeldigeInvoer([Fout(veld, shown, f"{veld} {msg} (got {shown})")])


def valideer_enum(soort: type[enum.Enum], *, optional: bool = False) -> _Validator:
    """Accept only members of ``soort`` (and ``None`` when optional)."""
    allowed = ", ".join(repr(m.value) for m in soort)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, soort):
            suffix = " or null" if optional else ""
            _fout(instance, attribute, toon(value), f"must be one of {allowed}{suffix}")

    return check


def valideer_bool(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Accept only ``True`` and ``False`` — not ``0``, ``1`` or ``"false"``."""
    if not isinstance(value, bool):
        _fout(instance, attribute, toon(value), "must be true or false")


def valideer_datum(*, optional: bool) -> _Validator:
    """Accept a ``datetime.date`` (not a datetime), or ``None`` when optional."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            _fout(instance, attribute, toon(value), "must be a date (YYYY-MM-DD)")

    return check


def valideer_int_bereik(laag: int, hoog: int, *, optional: bool) -> _Validator:
    """Accept an ``int`` (not a ``bool``) in ``[laag, hoog]``, or ``None`` when optional."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if isinstance(value, bool) or not isinstance(value, int) or not laag <= value <= hoog:
            _fout(instance, attribute, toon(value), f"must be a whole number from {laag} to {hoog}")

    return check


def valideer_tekst(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Accept any string; the value itself is never shown, it may describe a child."""
    if not isinstance(value, str):
        _fout(instance, attribute, f"<{type(value).__name__}>", "must be text")


def valideer_code(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Accept a stable code: 1-80 lowercase letters, digits and ``. _ -``."""
    if not isinstance(value, str) or not CODE.match(value):
        shown = toon(value) if isinstance(value, str) and CODE.match(value[:80]) else "<value>"
        _fout(instance, attribute, shown, "must be a code of lowercase letters, digits and '._-'")


def valideer_pseudoniem(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Accept ``None`` or a pseudonymous id: 1-64 letters, digits and ``_ . : -``, no spaces."""
    if value is None:
        return
    if not isinstance(value, str) or not PSEUDONIEM.match(value):
        _fout(
            instance,
            attribute,
            toon(value) if isinstance(value, str) and PSEUDONIEM.match(value[:64]) else "<text>",
            "must be a pseudonymous id of 1-64 letters, digits or '_.:-' (no names, no spaces)",
        )


def valideer_tuple_van(soort: type) -> _Validator:
    """Accept a tuple whose items are all instances of ``soort``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            _fout(instance, attribute, toon(value), f"must be a tuple of {soort.__name__}")
            return
        for i, item in enumerate(value):
            if not isinstance(item, soort):
                veld = f"{_naam(instance, attribute)}[{i}]"
                raise OngeldigeInvoer(
                    [
                        Fout(
                            veld,
                            toon(item),
                            f"{veld} must be a {soort.__name__} (got {toon(item)})",
                        )
                    ]
                )

    return check


def valideer_instantie(soort: type) -> _Validator:
    """Accept only instances of ``soort``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, soort):
            _fout(instance, attribute, toon(value), f"must be a {soort.__name__}")

    return check
