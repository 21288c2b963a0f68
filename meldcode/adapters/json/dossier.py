"""Dossier events, states and findings as JSON.

An event is an object with a ``"soort"`` tag (``"signaal_vastgelegd"``, ``"melding_gedaan"``,
...) and its fields; nested cases' values (signals, consultations, the weging) use the case
contract's keys and values. Reading is as strict as for cases: an unknown key or a value of the
wrong type is an ``OngeldigeInvoer`` naming its path, and free text is never echoed.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

import attrs
import cattrs

# the case reader's strict hooks and error paths, so events read exactly like cases do
from meldcode.adapters.json.casus import (
    _SLEUTEL,
    _enum_hook,
    _fouten,
    besluit_naar_dict,
    casus_naar_dict,
    converter,
)
from meldcode.adapters.json.lezen import decodeer_json, laad_json, lees_gedecodeerd, lees_json
from meldcode.domain.dossier import (
    SOORTEN,
    Betrokkene,
    Correctie,
    Gebeurtenis,
    Gesprekspartner,
    Inhoud,
    Uitzondering,
)
from meldcode.errors import Fout, OngeldigeInvoer
from meldcode.rules.dossier import TermijnSoort, Toestand
from meldcode.rules.registratie import Bevinding

__all__ = [
    "bevinding_naar_dict",
    "canoniek",
    "gebeurtenis_naar_dict",
    "gebeurtenis_uit_dict",
    "gebeurtenis_uit_json",
    "gebeurtenissen_uit_json",
    "toestand_naar_dict",
    "zoals_geschreven",
]


def _maak_converter() -> cattrs.Converter:
    conv = converter.copy()
    for soort in (Betrokkene, Gesprekspartner, Uitzondering, TermijnSoort):
        conv.register_structure_hook(soort, _enum_hook(soort))
        conv.register_unstructure_hook(soort, lambda e: e.value)
    return conv


class _Gelezen(OngeldigeInvoer):
    """An error whose paths are already complete (from a nested event)."""


_conv = _maak_converter()


def gebeurtenis_naar_dict(gebeurtenis: Gebeurtenis) -> dict[str, Any]:
    """An event as a JSON-ready dict: ``"soort"`` first, then every field."""
    velden: dict[str, Any] = {}
    for a in attrs.fields(type(gebeurtenis)):
        waarde = getattr(gebeurtenis, a.name)
        if isinstance(gebeurtenis, Correctie) and a.name == "vervanging":
            velden[a.name] = gebeurtenis_naar_dict(waarde)
        else:
            velden[a.name] = _conv.unstructure(waarde)
    return {"soort": gebeurtenis.soort, **velden}


@attrs.frozen(kw_only=True)
class _CorrectieVelden:
    """The fields of a ``Correctie`` other than its replacement, read with the strict hooks.

    Each field has the validator ``Correctie`` has, so that it is checked while it is read.
    """

    datum: dt.date
    verwijst_naar: int = attrs.field(validator=attrs.fields(Correctie).verwijst_naar.validator)
    vastgelegd_door: Betrokkene | None = None
    reden: str = ""


def _structureer(data: dict[str, Any], klasse: type[Any]) -> Any:
    if klasse is not Correctie:
        return _conv.structure(data, klasse)
    # the replacement and the correction's own fields are both read before anything is
    # raised: every bad field is named at once
    fouten: list[Fout] = []
    vervanging: Inhoud | None = None
    if "vervanging" not in data:
        fouten.append(Fout("vervanging", "<missing>", "vervanging is required"))
    else:
        try:
            gelezen = gebeurtenis_uit_dict(data.pop("vervanging"))
        except OngeldigeInvoer as exc:
            fouten.extend(f.onder("vervanging") for f in exc.fouten)
        else:
            if isinstance(gelezen, Correctie):
                fouten.append(
                    Fout(
                        "vervanging.soort",
                        "'correctie'",
                        "vervanging.soort must name the corrected kind of event, not 'correctie'",
                    )
                )
            else:
                vervanging = gelezen
    try:
        velden = _conv.structure(data, _CorrectieVelden)
    except Exception as exc:  # every structuring problem becomes OngeldigeInvoer
        fouten.extend(_fouten(exc, []))
    if fouten or vervanging is None:  # no replacement: an error says why
        raise _Gelezen(fouten)
    return Correctie(
        datum=velden.datum,
        vastgelegd_door=velden.vastgelegd_door,
        verwijst_naar=velden.verwijst_naar,
        reden=velden.reden,
        vervanging=vervanging,
    )


def gebeurtenis_uit_dict(data: object) -> Gebeurtenis:
    """Read an event from a decoded JSON object; ``OngeldigeInvoer`` names every bad field."""
    if not isinstance(data, dict):
        raise OngeldigeInvoer([Fout("", "<value>", "an event must be a JSON object")])
    if "soort" not in data:
        raise OngeldigeInvoer([Fout("soort", "<missing>", "soort is required")])
    soort = data.get("soort")
    klasse = SOORTEN.get(soort) if isinstance(soort, str) else None
    if klasse is None:
        shown = repr(soort) if isinstance(soort, str) and _SLEUTEL.match(soort) else "<value>"
        toegestaan = ", ".join(repr(s) for s in SOORTEN)
        raise OngeldigeInvoer(
            [Fout("soort", shown, f"soort must be one of {toegestaan} (got {shown})")]
        )
    rest = {k: v for k, v in data.items() if k != "soort"}
    try:
        gebeurtenis: Gebeurtenis = _structureer(rest, klasse)
    except _Gelezen as exc:
        raise OngeldigeInvoer(exc.fouten) from None
    except OngeldigeInvoer as exc:
        raise OngeldigeInvoer(list(_fouten(exc, []))) from None
    except Exception as exc:  # every structuring problem becomes OngeldigeInvoer
        raise OngeldigeInvoer(list(_fouten(exc, []))) from None
    return gebeurtenis


def gebeurtenis_uit_json(tekst: str | bytes) -> Gebeurtenis:
    """Read one event from JSON text (or UTF-8 bytes); a duplicate key is bad input.

    ``OngeldigeInvoer`` names every problem at once, as ``casus_uit_json`` does.
    """
    return lees_json(tekst, gebeurtenis_uit_dict)


def gebeurtenissen_uit_json(tekst: str | bytes) -> tuple[Gebeurtenis, ...]:
    """Read one event (an object) or several (a list of objects) from JSON text."""
    data, dubbel = decodeer_json(tekst)
    if isinstance(data, list):
        uit: list[Gebeurtenis] = []
        fouten: list[Fout] = []
        for i, item in enumerate(data):
            try:
                uit.append(lees_gedecodeerd(item, gebeurtenis_uit_dict, dubbel=dubbel))
            except OngeldigeInvoer as exc:  # the next events are read too: all errors at once
                fouten.extend(f.onder(f"[{i}]") for f in exc.fouten)
        if fouten:
            raise OngeldigeInvoer(fouten)
        return tuple(uit)
    return (lees_gedecodeerd(data, gebeurtenis_uit_dict, dubbel=dubbel),)


def _bevat(geschreven: object, gelezen: object) -> bool:
    """Whether writing gave back every key and value that was read (defaults may be added)."""
    if isinstance(gelezen, dict):
        return isinstance(geschreven, dict) and all(
            k in geschreven and _bevat(geschreven[k], v) for k, v in gelezen.items()
        )
    if isinstance(gelezen, list):
        return (
            isinstance(geschreven, list)
            and len(geschreven) == len(gelezen)
            and all(_bevat(w, r) for w, r in zip(geschreven, gelezen, strict=True))
        )
    return type(geschreven) is type(gelezen) and geschreven == gelezen


def zoals_geschreven(tekst: str, gebeurtenis: Gebeurtenis) -> bool:
    """Whether ``tekst`` is what meldcode writes for ``gebeurtenis``, the event read from it.

    The text must be canonical (``canoniek``), and writing the event must give back every key
    and value of the text: a record that was reformatted, or whose meaning the reader would
    change, was not written by meldcode. Keys added since (with their defaults) are allowed, so
    records written by an earlier version still pass.
    """
    gelezen = laad_json(tekst)
    if not isinstance(gelezen, dict) or canoniek(gelezen) != tekst:
        return False
    return _bevat(gebeurtenis_naar_dict(gebeurtenis), gelezen)


def canoniek(data: Mapping[str, Any]) -> str:
    """The canonical JSON text that is stored and hashed: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def bevinding_naar_dict(bevinding: Bevinding) -> dict[str, Any]:
    """A finding as JSON: event number and kind, check id, Dutch text, source and quote."""
    return {
        "volgnummer": bevinding.volgnummer,
        "soort": bevinding.soort,
        "controle": bevinding.controle,
        "melding": bevinding.melding,
        "bron": bevinding.bron,
        "citaat": bevinding.citaat,
    }


def toestand_naar_dict(toestand: Toestand) -> dict[str, Any]:
    """A state as JSON: step, closed, outstanding items, deadlines with status, the decision."""
    return {
        "dossier": toestand.dossier,
        "op": toestand.op.isoformat(),
        "aantal": toestand.aantal,
        "stap": int(toestand.stap) if toestand.stap is not None else None,
        "gesloten": toestand.gesloten,
        "openstaand": [
            {"code": o.code, "stap": int(o.stap), "melding": o.melding} for o in toestand.openstaand
        ],
        "termijnen": [
            {
                "soort": t.soort.value,
                "volgnummer": t.volgnummer,
                "vanaf": t.vanaf.isoformat(),
                "uiterlijk": t.uiterlijk.isoformat(),
                "voldaan_op": t.voldaan_op.isoformat() if t.voldaan_op else None,
                "status": t.status(toestand.op).value,
            }
            for t in toestand.termijnen
        ],
        "casus": casus_naar_dict(toestand.casus),
        "besluit": besluit_naar_dict(toestand.besluit) if toestand.besluit else None,
    }
