"""Validators that name the field and the value, and never echo free text."""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from collections.abc import Callable
from typing import Any, TypeGuard

import attrs

from meldcode.errors import Fout, OngeldigeInvoer

__all__ = [
    "GETALACHTIG",
    "PERSOONSNUMMER",
    "PSEUDONIEM",
    "SLEUTELACHTIG",
    "is_pseudoniem",
    "is_tekst",
    "toon",
    "valideer_bool",
    "valideer_code",
    "valideer_datum",
    "valideer_enum",
    "valideer_instantie",
    "valideer_int_bereik",
    "valideer_protocol",
    "valideer_pseudoniem",
    "valideer_tekst",
    "valideer_tuple_van",
]

_Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
#: the form of a pseudonymous id (``is_pseudoniem`` also refuses a personal number in it)
PSEUDONIEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
PERSOONSNUMMER = re.compile(r"[0-9]{9}|0[0-9]{1,3}[-.][0-9]{6}")
"""What no pseudonymous id may hold: nine digits in a row (a citizen service number, a phone
number written without a dash) or a Dutch phone number (``06-12345678``, ``010-1234567``)."""
CODE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
#: text that looks like a key or a value set's member (``misschien``, ``lichamelijk_geweld``)
SLEUTELACHTIG = re.compile(r"^[a-z0-9_]{1,40}$")
#: text that looks like a number or a date (``9``, ``-1``, ``14-03-2026``, ``2019/03/01``)
GETALACHTIG = re.compile(r"^[+-]?[0-9][0-9 .,:/+-]{0,24}$")
#: at most this many digits in a number shown in a message: an age, a year or a date has
#: eight at most; a citizen service number (BSN) has nine, a phone number ten
_CIJFERS = 8
_GROOTSTE = 10**_CIJFERS


def toon(value: object) -> str:
    """Render a value for an error message without ever echoing free text.

    Scalars are shown as ``repr``; text only when it looks like a key or a number or date
    (``'misschien'``, ``'9'``, ``'14-03-2026'``) and otherwise as ``<str>``: text typed into a
    field may be a name. A number of more than eight digits, as a number or as text, is shown
    by its type (``<int>``, ``<float>``, ``<str>``): it may be a citizen service number (BSN),
    a phone or an account number. Containers are shown by their type.
    """
    if isinstance(value, enum.Enum):
        return repr(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _GROOTSTE:
        return "<int>"
    if isinstance(value, float) and math.isfinite(value) and abs(value) >= _GROOTSTE:
        return "<float>"
    if value is None or isinstance(value, bool | int | float):
        return repr(value)
    if isinstance(value, str):
        if not value:
            return repr(value)
        if (SLEUTELACHTIG.match(value) or GETALACHTIG.match(value)) and sum(
            c.isdigit() for c in value
        ) <= _CIJFERS:
            return repr(value)
        return "<str>"
    return f"<{type(value).__name__}>"


def is_tekst(value: str) -> bool:
    """Whether ``value`` can be stored and printed: no lone surrogates (such as U+D800)."""
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _lidwoord(naam: str) -> str:
    return "an" if naam[:1].lower() in "aeiou" else "a"


def _naam(instance: object, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def _fout(instance: object, attribute: attrs.Attribute[Any], shown: str, msg: str) -> None:
    veld = _naam(instance, attribute)
    raise OngeldigeInvoer([Fout(veld, shown, f"{veld} {msg} (got {shown})")])


def valideer_enum(soort: type[enum.Enum], *, optional: bool = False) -> _Validator:
    """Accept only members of ``soort`` (and ``None`` when optional)."""
    allowed = ", ".join(repr(m.value) for m in soort)

    leden = ", ".join(f"{soort.__name__}.{m.name}" for m in soort)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if isinstance(value, soort):
            return
        if isinstance(value, str) and value in {m.value for m in soort}:
            # the contract's string where Python wants the member: say how to get it
            _fout(
                instance,
                attribute,
                toon(value),
                f"must be {_lidwoord(soort.__name__)} {soort.__name__} ({leden}), not text: "
                f"use {soort.__name__}({value!r})",
            )
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


@attrs.frozen
class _IntBereik:
    """The validator of ``valideer_int_bereik``; its bounds are readable (the JSON Schema's)."""

    laag: int
    hoog: int
    optional: bool

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and self.optional:
            return
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not self.laag <= value <= self.hoog
        ):
            _fout(
                instance,
                attribute,
                toon(value),
                f"must be a whole number from {self.laag} to {self.hoog}",
            )


def valideer_int_bereik(laag: int, hoog: int, *, optional: bool) -> _Validator:
    """Accept an ``int`` (not a ``bool``) in ``[laag, hoog]``, or ``None`` when optional.

    The validator has ``laag`` and ``hoog``: the schema generator states them.
    """
    return _IntBereik(laag, hoog, optional)


def valideer_tekst(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Accept any string that can be stored; the value is never shown, it may describe a child.

    A lone surrogate (such as U+D800) cannot be written as UTF-8, so it is refused here rather
    than when the dossier is stored.
    """
    if not isinstance(value, str):
        _fout(instance, attribute, f"<{type(value).__name__}>", "must be text")
    elif not is_tekst(value):
        _fout(
            instance, attribute, "<str>", "must be valid Unicode text (it holds a lone surrogate)"
        )


def valideer_code(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Accept a stable code: 1-80 lowercase letters, digits and ``. _ -``."""
    if not isinstance(value, str) or not CODE.match(value):
        shown = toon(value) if isinstance(value, str) and CODE.match(value[:80]) else "<value>"
        _fout(instance, attribute, shown, "must be a code of lowercase letters, digits and '._-'")


def is_pseudoniem(value: object) -> TypeGuard[str]:
    """Whether ``value`` is a pseudonymous id, safe to store and to show.

    1-64 letters, digits and ``_ . : -``, no spaces, and no personal number in it
    (``PERSOONSNUMMER``: a citizen service or phone number).
    """
    return (
        isinstance(value, str)
        and PSEUDONIEM.match(value) is not None
        and PERSOONSNUMMER.search(value) is None
    )


def valideer_pseudoniem(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Accept ``None`` or a pseudonymous id (``is_pseudoniem``)."""
    if value is None or is_pseudoniem(value):
        return
    _fout(
        instance,
        attribute,
        "<text>"
        if not isinstance(value, str)
        or not PSEUDONIEM.match(value[:64])
        or PERSOONSNUMMER.search(value)
        else toon(value),
        "must be a pseudonymous id of 1-64 letters, digits or '_.:-' (no names, no spaces, "
        "no citizen service or phone number)",
    )


def valideer_tuple_van(soort: type) -> _Validator:
    """Accept a tuple whose items are all instances of ``soort``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is tuple:
            for item in value:  # the common case: a short tuple of the right items
                if not isinstance(item, soort):
                    break
            else:
                return
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


def valideer_protocol(*, optional: bool) -> _Validator:
    """Accept a ``Protocol`` (and ``None`` when optional)."""
    soort: list[type] = []  # ``Protocol``, looked up once (waarden imports this module)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not soort:
            from meldcode.domain.waarden import Protocol

            soort.append(Protocol)
        if value is None and optional:
            return
        if not isinstance(value, soort[0]):
            _fout(instance, attribute, toon(value), "must be a Protocol (e.g. Protocol.P2019)")

    return check


def valideer_instantie(soort: type) -> _Validator:
    """Accept only instances of ``soort``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, soort):
            _fout(instance, attribute, toon(value), f"must be a {soort.__name__}")

    return check
