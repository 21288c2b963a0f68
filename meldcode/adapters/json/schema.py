"""JSON Schema (draft 2020-12) of cases, decisions and dossier events, from the domain classes.

Generated, not hand-written, so it cannot drift from what the JSON reader accepts. What a schema
can say about several fields at once is said too (an unborn child has no age); the one rule of
the reader it cannot say — a date not before another — is in the field's description.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import Any

import attrs

from meldcode.domain._validatie import PERSOONSNUMMER, PSEUDONIEM
from meldcode.domain.besluit import Besluit, Grond
from meldcode.domain.casus import Casus
from meldcode.domain.dossier import SOORTEN, Correctie
from meldcode.domain.waarden import Protocol
from meldcode.rules.versies import PROTOCOLLEN

__all__ = [
    "BESLUIT_AANVULLINGEN",
    "PSEUDONIEM_SCHEMA",
    "besluit_schema",
    "casus_schema",
    "gebeurtenis_schema",
]

#: keys of a decision added to contract v1 by the routes (additions, never renames)
BESLUIT_AANVULLINGEN: tuple[str, ...] = (
    "acties",
    "opvolging",
    "ontbrekende_consultaties",
    "contacten_details",
    "waarschuwingen",
)

_DATUM = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
#: a pseudonymous id (``is_pseudoniem``): its form, and no personal number in it
PSEUDONIEM_SCHEMA: dict[str, Any] = {
    "pattern": PSEUDONIEM.pattern,
    "not": {"type": "string", "pattern": PERSOONSNUMMER.pattern},
}
_FIELD_EXTRA: dict[tuple[str, str], dict[str, Any]] = {
    ("Casus", "referentie"): PSEUDONIEM_SCHEMA,
    ("Besluit", "referentie"): PSEUDONIEM_SCHEMA,
    ("HulpAfgesproken", "termijn"): {"description": "Not before `datum`."},
}
#: what a class's schema says about several of its fields together (the reader refuses the rest)
_KLASSE_EXTRA: dict[str, dict[str, Any]] = {
    "Kind": {
        # an unborn child has no age: the rules read both, so a contradiction is refused
        "if": {"properties": {"ongeboren": {"const": True}}, "required": ["ongeboren"]},
        "then": {"properties": {"leeftijd": {"type": "null"}}},
    },
}


def _type(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == len(typing.get_args(tp)):  # no None: one of several kinds
            return {"oneOf": [_type(a, defs) for a in args]}
        inner = (
            _type(args[0], defs) if len(args) == 1 else {"anyOf": [_type(a, defs) for a in args]}
        )
        return {"anyOf": [inner, {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _type(typing.get_args(tp)[0], defs)}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"type": "string", "enum": [m.value for m in tp]}
    if tp is Protocol:
        return {"type": "string", "enum": [p.value for p in PROTOCOLLEN]}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is str:
        return {"type": "string"}
    if tp is dt.date:
        return dict(_DATUM)
    if attrs.has(tp):
        naam = tp.__name__
        if naam not in defs:
            defs[naam] = {}
            defs[naam] = _object(tp, defs)
        return {"$ref": f"#/$defs/{naam}"}
    raise TypeError(f"no schema for {tp!r}")  # pragma: no cover - guarded by tests


def _object(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    required: list[str] = []
    soort = getattr(cls, "soort", None)
    if cls in SOORTEN.values() and isinstance(soort, str):
        # a dossier event: its tag first, as the writer puts it
        props["soort"] = {"const": soort}
        required.append("soort")
    for a in attrs.fields(cls):
        if not a.init:
            continue
        schema = _type(hints[a.name], defs)
        laag, hoog = getattr(a.validator, "laag", None), getattr(a.validator, "hoog", None)
        if isinstance(laag, int) and isinstance(hoog, int):
            # the bounds of the field's validator, where the JSON has a number
            getal = next((d for d in schema.get("anyOf", [schema]) if "type" in d), schema)
            getal.update({"minimum": laag, "maximum": hoog})
        schema.update(_FIELD_EXTRA.get((cls.__name__, a.name), {}))
        if a.default is attrs.NOTHING:
            required.append(a.name)
        props[a.name] = schema
    out: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    if cls.__doc__:
        out["description"] = cls.__doc__.strip().splitlines()[0]
    if required:
        out["required"] = required
    out.update(_KLASSE_EXTRA.get(cls.__name__, {}))
    return out


def casus_schema() -> dict[str, Any]:
    """The JSON Schema of a case (``Casus``) in the exchange format."""
    defs: dict[str, Any] = {}
    root = _object(Casus, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://meldcode.invalid/schema/casus-v1.json",
        "title": "Casus (meldcode contract v1)",
        **root,
        "$defs": defs,
    }


def besluit_schema() -> dict[str, Any]:
    """The JSON Schema of a decision (``Besluit``) as the library writes it."""
    defs: dict[str, Any] = {}
    root = _object(Besluit, defs)
    defs["Grond"] = {
        "type": "object",
        "description": (Grond.__doc__ or "").strip().splitlines()[0],
        "properties": {
            "regel": {"type": "string"},
            "bron": {"type": "string"},
            "citaat": {"type": "string"},
            "toelichting": {"type": "string"},
        },
        "required": ["regel", "bron", "citaat"],
        "additionalProperties": False,
    }
    # the keys added after contract v1 was first published are written always, but not
    # required, so decisions written by earlier versions still validate
    root["required"] = [
        a.name
        for a in attrs.fields(Besluit)
        if a.name != "referentie" and a.name not in BESLUIT_AANVULLINGEN
    ]
    root["properties"]["protocol"] = {"type": "string", "enum": [p.value for p in PROTOCOLLEN]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://meldcode.invalid/schema/besluit-v1.json",
        "title": "Besluit (meldcode contract v1)",
        **root,
        "$defs": defs,
    }


def gebeurtenis_schema() -> dict[str, Any]:
    """The JSON Schema of a dossier event as ``meldcode dossier toevoegen`` and the API read it.

    One of the event kinds, told apart by ``soort``; a ``correctie`` holds the replacing event
    (of any kind but a correction) in ``vervanging``. Whether an event may follow the ones
    already in a dossier is the dossier's to judge, not the schema's.
    """
    defs: dict[str, Any] = {}
    soorten = [_type(klasse, defs) for klasse in SOORTEN.values()]
    assert Correctie.__name__ in defs
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://meldcode.invalid/schema/gebeurtenis-v1.json",
        "title": "Gebeurtenis (meldcode dossier, contract v1)",
        "description": "One event of a dossier; `soort` names its kind.",
        "oneOf": soorten,
        "$defs": defs,
    }
