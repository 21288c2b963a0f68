"""Flat rows (CSV, spreadsheets, dataframes) and the nested exchange format: which column is which.

A column is named after the contract's key, with or without its object's prefix:
``weging.vermoeden`` or ``vermoeden``. Standard library and attrs only, so a CSV reader can use
it without the dataframe extra.
"""

from __future__ import annotations

import attrs

from meldcode.domain.casus import Kind, Omstandigheden, Weging

__all__ = ["BOVEN", "LIJSTEN", "OBJECTEN", "kolommen"]

#: the nested objects of a case whose fields may be flat columns
OBJECTEN: dict[str, type] = {"kind": Kind, "omstandigheden": Omstandigheden, "weging": Weging}
#: the top-level scalar keys of a case
BOVEN: tuple[str, ...] = ("protocol", "datum", "referentie")
#: the list keys of a case (a flat column holds them as JSON text)
LIJSTEN: tuple[str, ...] = ("signalen", "consultaties")


def kolommen() -> dict[str, str]:
    """Every column a flat row may have, mapped to its contract path.

    Both spellings are listed: ``vermoeden`` and ``weging.vermoeden`` -> ``weging.vermoeden``.
    A bare name that two objects share is left out: only its dotted spellings are read.
    """
    out: dict[str, str] = {}
    kaal: dict[str, list[str]] = {}
    for obj, cls in OBJECTEN.items():
        for a in attrs.fields(cls):
            out[f"{obj}.{a.name}"] = f"{obj}.{a.name}"
            kaal.setdefault(a.name, []).append(f"{obj}.{a.name}")
    for naam, paden in kaal.items():
        if len(paden) == 1 and naam not in (*BOVEN, *LIJSTEN):
            out[naam] = paden[0]
    for naam in (*BOVEN, *LIJSTEN):
        out[naam] = naam
    return out
