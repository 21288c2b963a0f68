"""JSON Schemas of the service's own envelopes.

The contract's ``Casus`` and ``Besluit`` are the shipped files; see
``meldcode.adapters.http.openapi``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["EIGEN_SCHEMAS"]

_REF = "#/components/schemas/"
_DATUM = {"type": "string", "format": "date"}

EIGEN_SCHEMAS: dict[str, Any] = {
    "Fout": {
        "type": "object",
        "description": "Eén ongeldig veld: pad, veilige weergave van de waarde, melding.",
        "properties": {
            "veld": {"type": "string", "description": "Pad van het veld, bv. `weging.vermoeden`."},
            "waarde": {"type": "string"},
            "melding": {"type": "string"},
        },
        "required": ["veld", "waarde", "melding"],
    },
    "Probleem": {
        "type": "object",
        "description": "Probleemdetails (RFC 9457).",
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": {"type": "string"},
            "code": {"type": "string", "description": "Stabiele code van het soort fout."},
            "fouten": {"type": "array", "items": {"$ref": f"{_REF}Fout"}},
            "verwacht": {
                "type": "integer",
                "description": "409: het verwachte aantal gebeurtenissen.",
            },
            "gevonden": {"type": "integer", "description": "409: het werkelijke aantal."},
        },
        "required": ["type", "title", "status", "detail", "code"],
    },
    "Batchresultaat": {
        "type": "object",
        "properties": {
            "aantal": {"type": "integer", "minimum": 0},
            "geweigerd": {"type": "integer", "minimum": 0},
            "resultaten": {
                "type": "array",
                "items": {
                    "oneOf": [
                        {
                            "type": "object",
                            "properties": {"besluit": {"$ref": f"{_REF}Besluit"}},
                            "required": ["besluit"],
                            "additionalProperties": False,
                        },
                        {
                            "type": "object",
                            "properties": {"probleem": {"$ref": f"{_REF}Probleem"}},
                            "required": ["probleem"],
                            "additionalProperties": False,
                        },
                    ]
                },
            },
        },
        "required": ["aantal", "geweigerd", "resultaten"],
    },
    "Uitleg": {
        "type": "object",
        "properties": {
            "besluit": {"$ref": f"{_REF}Besluit"},
            "uitleg": {
                "type": "string",
                "description": "Het besluit en de gronden, in het Nederlands.",
            },
        },
        "required": ["besluit", "uitleg"],
    },
    "Gezondheid": {
        "type": "object",
        "properties": {"status": {"type": "string", "enum": ["ok"]}},
        "required": ["status"],
    },
}
"""The service's own schemas, by component name."""
