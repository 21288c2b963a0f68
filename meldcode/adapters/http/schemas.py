"""JSON Schemas of the service's own envelopes.

The contract's ``Casus`` and ``Besluit`` are the shipped files; see
``meldcode.adapters.http.openapi``.
"""

from __future__ import annotations

from typing import Any

from meldcode.domain.waarden import Beslispunt, Oordeel

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

_TERMIJN = {
    "type": "object",
    "properties": {
        "soort": {"type": "string"},
        "volgnummer": {"type": "integer"},
        "vanaf": _DATUM,
        "uiterlijk": _DATUM,
        "voldaan_op": {"anyOf": [_DATUM, {"type": "null"}]},
        "status": {"type": "string", "enum": ["voldaan", "lopend", "verlopen"]},
    },
    "required": ["soort", "volgnummer", "vanaf", "uiterlijk", "voldaan_op", "status"],
}
_TOESTAND = {
    "type": "object",
    "description": "De stand van een dossier op een datum.",
    "properties": {
        "dossier": {"type": "string"},
        "op": _DATUM,
        "aantal": {"type": "integer", "minimum": 0, "description": "Het aantal gebeurtenissen."},
        "stap": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
        "gesloten": {"type": "boolean"},
        "openstaand": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "code": {"type": "string"},
                    "stap": {"type": "integer"},
                    "melding": {"type": "string"},
                },
                "required": ["code", "stap", "melding"],
            },
        },
        "termijnen": {"type": "array", "items": _TERMIJN},
        "casus": {"$ref": f"{_REF}Casus"},
        "besluit": {"anyOf": [{"$ref": f"{_REF}Besluit"}, {"type": "null"}]},
    },
    "required": ["dossier", "op", "aantal", "stap", "gesloten", "openstaand", "termijnen"],
}
_KETEN = {
    "type": "object",
    "properties": {
        "intact": {"type": "boolean"},
        "fouten": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"volgnummer": {"type": "integer"}, "reden": {"type": "string"}},
                "required": ["volgnummer", "reden"],
            },
        },
        "laatste_hash": {"anyOf": [{"type": "string"}, {"type": "null"}]},
    },
    "required": ["intact", "fouten", "laatste_hash"],
}
_BEVINDING = {
    "type": "object",
    "properties": {
        "volgnummer": {"type": "integer"},
        "soort": {"type": "string"},
        "controle": {"type": "string"},
        "melding": {"type": "string"},
        "bron": {"type": "string"},
        "citaat": {"type": "string"},
    },
    "required": ["volgnummer", "soort", "controle", "melding", "bron", "citaat"],
}
_TELLING = {
    "type": "object",
    "properties": {"periode": {"type": "string"}},
    "required": ["periode"],
    "additionalProperties": {"type": "integer", "minimum": 0},
}
_GEWIST = {
    "type": ["object", "null"],
    "description": "The erasure of the dossier (its tombstone), or null when it was not erased.",
    "properties": {
        "datum": _DATUM,
        "grond": {"type": "string", "enum": ["bewaartermijn", "verzoek"]},
        "gewist": {"type": "array", "items": {"type": "integer", "minimum": 1}},
        "volgnummer": {"type": "integer", "minimum": 1},
    },
    "required": ["datum", "grond", "gewist", "volgnummer"],
}
_REGEL = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "protocollen": {"type": "array", "items": {"type": "string", "enum": ["2013", "2019"]}},
        "bron": {"type": "string"},
        "citaat": {"type": "string"},
        "conditie": {"type": "object"},
        "conclusie": {"type": "object"},
        "tenzij": {"type": "array", "items": {"type": "string"}},
        "toelichting": {"type": "string"},
    },
    "required": ["id", "protocollen", "bron", "citaat", "conditie", "conclusie"],
}
_PROFIEL = {
    "type": "object",
    "properties": {
        "naam": {"type": "string"},
        "titel": {"type": "string"},
        "bron": {"type": "string"},
        "protocollen": {"type": "array", "items": {"type": "string", "enum": ["2013", "2019"]}},
        "regels": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["naam", "titel", "bron", "protocollen", "regels"],
}

_OORDEEL_OF_NIETS = {"type": ["string", "null"], "enum": [*(o.value for o in Oordeel), None]}
_LEEFTIJD_OF_NIETS = {"type": ["integer", "null"], "minimum": 0}
_WIJZIGING = {
    "description": "Eén wijziging, met haar Nederlandse `tekst`.",
    "oneOf": [
        {
            "type": "object",
            "properties": {
                "soort": {"const": "antwoord"},
                "vraag": {"type": "string"},
                "van": _OORDEEL_OF_NIETS,
                "naar": _OORDEEL_OF_NIETS,
                "tekst": {"type": "string"},
            },
            "required": ["soort", "vraag", "van", "naar", "tekst"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {
                "soort": {"const": "feit"},
                "feit": {
                    "type": "object",
                    "description": "Het feit, zoals `meldcode regels --json` condities schrijft.",
                },
                "waar": {"type": "boolean"},
                "tekst": {"type": "string"},
            },
            "required": ["soort", "feit", "waar", "tekst"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {
                "soort": {"const": "leeftijd"},
                "van": _LEEFTIJD_OF_NIETS,
                "vanaf": _LEEFTIJD_OF_NIETS,
                "tot": _LEEFTIJD_OF_NIETS,
                "tekst": {"type": "string"},
            },
            "required": ["soort", "van", "vanaf", "tot", "tekst"],
            "additionalProperties": False,
        },
    ],
}
EIGEN_SCHEMAS["WaaromNiet"] = {
    "type": "array",
    "description": "Per beslissing: genomen of niet, de regels die haar geven, en de kleinste "
    "wijzigingen die haar veranderen (zoals `meldcode waarom-niet --json`).",
    "items": {
        "type": "object",
        "properties": {
            "beslissing": {
                "type": "string",
                "enum": [b.value for b in Beslispunt],
            },
            "genomen": {"type": "boolean"},
            "regels": {"type": "array", "items": {"type": "string"}},
            "max_wijzigingen": {"type": "integer", "minimum": 1},
            "alternatieven": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "wijzigingen": {"type": "array", "items": _WIJZIGING, "minItems": 1},
                        "gronden": {"type": "array", "items": {"$ref": f"{_REF}Grond"}},
                    },
                    "required": ["wijzigingen", "gronden"],
                    "additionalProperties": False,
                },
            },
        },
        "required": ["beslissing", "genomen", "regels", "max_wijzigingen", "alternatieven"],
        "additionalProperties": False,
    },
}

EIGEN_SCHEMAS.update(
    {
        "Dossierlijst": {
            "type": "object",
            "properties": {"dossiers": {"type": "array", "items": {"type": "string"}}},
            "required": ["dossiers"],
        },
        "Vastgelegd": {
            "type": "object",
            "properties": {
                "dossier": {"type": "string"},
                "volgnummer": {"type": "integer", "minimum": 1},
                "hash": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            },
            "required": ["dossier", "volgnummer", "hash"],
        },
        "Toestand": _TOESTAND,
        "Controle": {
            "type": "object",
            "properties": {
                "dossier": {"type": "string"},
                "keten": _KETEN,
                "gewist": _GEWIST,
                "volgorde": {"type": "array", "items": {"type": "object"}},
                "bevindingen": {"type": "array", "items": _BEVINDING},
            },
            "required": ["dossier", "keten", "volgorde", "bevindingen"],
        },
        "Export": {
            "type": "object",
            "properties": {
                "meldcode_export": {"type": "string", "enum": ["1"]},
                "dossier": {"type": "string"},
                "op": _DATUM,
                "keten": _KETEN,
                "gewist": _GEWIST,
                "gebeurtenissen": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "volgnummer": {"type": "integer"},
                            "vorige_hash": {"type": "string"},
                            "hash": {"type": "string"},
                            "gebeurtenis": {
                                "anyOf": [{"$ref": f"{_REF}Gebeurtenis"}, {"type": "null"}],
                                "description": "null: the record is unreadable or erased",
                            },
                        },
                        "required": ["volgnummer", "vorige_hash", "hash", "gebeurtenis"],
                    },
                },
                "toestand": _TOESTAND,
                "bevindingen": {"type": "array", "items": _BEVINDING},
            },
            "required": ["meldcode_export", "dossier", "op", "keten", "gebeurtenissen"],
        },
        "Evaluatiecijfers": {
            "type": "object",
            "properties": {
                "eenheid": {"type": "string"},
                "periode": {"type": "string", "enum": ["maand", "kwartaal", "jaar"]},
                "op": {"anyOf": [_DATUM, {"type": "null"}]},
                "perioden": {"type": "array", "items": _TELLING},
                "totaal": _TELLING,
                "overgeslagen": {"type": "array", "items": {"type": "object"}},
                "bron": {"type": "string"},
                "citaat": {"type": "string"},
            },
            "required": ["eenheid", "periode", "perioden", "totaal", "bron", "citaat"],
        },
        "Regel": _REGEL,
        "Regels": {
            "type": "object",
            "properties": {"regels": {"type": "array", "items": _REGEL}},
            "required": ["regels"],
        },
        "Profiel": _PROFIEL,
        "Profielen": {
            "type": "object",
            "properties": {"profielen": {"type": "array", "items": _PROFIEL}},
            "required": ["profielen"],
        },
    }
)
