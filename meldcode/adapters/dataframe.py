"""Decide a whole table of cases at once: pandas, polars or any frame narwhals supports.

For policy analysts: one row per case, flat columns, the decisions come back as columns beside
the input. A column is named after the contract's key, with or without its object's prefix:
``weging.vermoeden`` or ``vermoeden``, ``kind.leeftijd`` or ``leeftijd``,
``omstandigheden.veiligheid_in_geding`` or ``veiligheid_in_geding``; top-level ``protocol``,
``datum`` and ``referentie``; ``signalen`` and ``consultaties`` hold a JSON list (text) when
present. Other columns (a region, a school) are carried along untouched. A column with a known
prefix but an unknown key (``weging.vermoden``) is refused: a typo must never silently become
"not answered".

Each row goes through the same JSON reader and the same engine as a single case, so the table
decides exactly what ``beslis`` decides. A bad row does not stop the table: its decision columns
are empty and ``besluit.fout`` names the field and the value.

Requires narwhals (``pip install meldcode[dataframe]``).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

import narwhals as nw

from meldcode.adapters.json import casus_uit_dict
from meldcode.adapters.plat import LIJSTEN, OBJECTEN, kolommen
from meldcode.domain.besluit import Besluit
from meldcode.domain.casus import Casus
from meldcode.domain.waarden import Beslispunt, Protocol
from meldcode.errors import Fout, OngeldigeInvoer
from meldcode.rules.beslis import beslis

__all__ = ["BESLUIT_KOLOMMEN", "beslis_frame", "kolommen"]

FrameT = TypeVar("FrameT")


#: the decision columns, in order (each prefixed, ``besluit.melden`` by default)
BESLUIT_KOLOMMEN: tuple[str, ...] = (
    "protocol",
    *(p.value for p in Beslispunt),
    "volgende_vraag",
    "contacten",
    "regels",
    "fout",
)


def _kaart(namen: list[str], prefix: str) -> dict[str, str]:
    """Which column feeds which contract path; refuse typos and double spellings."""
    bekend = kolommen()
    kaart: dict[str, str] = {}
    fouten: list[Fout] = []
    for naam in namen:
        if naam.startswith(prefix):
            continue  # an earlier decision in the same frame
        if naam in bekend:
            pad = bekend[naam]
            if pad in kaart.values():
                fouten.append(Fout(naam, repr(naam), f"column {naam!r} repeats {pad!r}"))
            kaart[naam] = pad
        elif naam.split(".", 1)[0] in OBJECTEN and "." in naam:
            fouten.append(Fout(naam, repr(naam), f"column {naam!r} is not a field of the contract"))
    if fouten:
        raise OngeldigeInvoer(fouten)
    return kaart


def _leeg(waarde: object) -> bool:
    if waarde is None:
        return True
    if isinstance(waarde, float) and math.isnan(waarde):
        return True
    return type(waarde).__name__ in ("NAType", "NaTType")


def _python(waarde: object) -> object:
    """A native scalar as the JSON reader expects it (numpy scalars, timestamps, floats)."""
    if type(waarde).__module__ == "numpy" and hasattr(waarde, "item"):
        waarde = waarde.item()
    if isinstance(waarde, float) and waarde.is_integer():
        return int(waarde)  # pandas stores an integer column with gaps as float
    if isinstance(waarde, dt.datetime):
        return waarde.date().isoformat()
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if hasattr(waarde, "to_pydatetime"):
        return _python(waarde.to_pydatetime())
    return waarde


def _casus(rij: Mapping[str, Any], kaart: Mapping[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for kolom, pad in kaart.items():
        waarde = rij[kolom]
        if _leeg(waarde):
            continue
        waarde = _python(waarde)
        if pad in LIJSTEN and isinstance(waarde, str):
            try:
                waarde = json.loads(waarde)
            except json.JSONDecodeError:
                raise OngeldigeInvoer(
                    [Fout(pad, "<text>", f"{pad} must be a JSON list (got <text>)")]
                ) from None
        if "." in pad:
            obj, veld = pad.split(".", 1)
            data.setdefault(obj, {})[veld] = waarde
        else:
            data[pad] = waarde
    return data


def _uitkomsten(
    rijen: Iterator[Mapping[str, Any]], kaart: Mapping[str, str], protocol: Protocol | None
) -> Iterator[Besluit | OngeldigeInvoer]:
    for rij in rijen:
        try:
            casus: Casus = casus_uit_dict(_casus(rij, kaart))
            yield beslis(casus, protocol)
        except OngeldigeInvoer as exc:
            yield exc


def _serie(naam: str, waarden: list[Any], dtype: Any, frame: nw.DataFrame[Any]) -> nw.Series[Any]:
    ns = nw.get_native_namespace(frame)
    if dtype == nw.Boolean and nw.dependencies.is_pandas_dataframe(frame.to_native()):
        # a plain pandas bool column turns a missing decision into False: use the nullable dtype
        return nw.new_series(naam, ns.array(waarden, dtype="boolean"), backend=ns)
    return nw.new_series(naam, waarden, dtype, backend=ns)


def beslis_frame(
    frame: FrameT, protocol: Protocol | str | None = None, *, prefix: str = "besluit."
) -> FrameT:
    """Decide every row of ``frame``; return the same kind of frame with decision columns added.

    ``protocol`` decides every row under that version (to compare 2013 with 2019, call twice with
    different prefixes); by default each row's ``protocol`` or ``datum`` chooses. The added columns
    are ``BESLUIT_KOLOMMEN`` with ``prefix``: booleans, ``volgende_vraag``, ``contacten`` and
    ``regels`` (comma-separated), and ``fout``, empty for a decided row and otherwise the first
    problem of the row, naming its field and value. Raises ``OngeldigeInvoer`` when a column name
    is a misspelled contract key, and ``TypeError`` for a lazy frame (collect it first).
    """
    gekozen = None if protocol is None else Protocol(protocol)
    native: Any = frame
    df = nw.from_native(native, eager_only=True)
    kaart = _kaart(list(df.columns), prefix)
    uitkomsten = list(_uitkomsten(df.iter_rows(named=True), kaart, gekozen))

    def kolom(waarde: Any) -> list[Any]:
        return [None if isinstance(u, OngeldigeInvoer) else waarde(u) for u in uitkomsten]

    nieuw: list[nw.Series[Any]] = [
        _serie(f"{prefix}protocol", kolom(lambda b: b.protocol.value), nw.String, df)
    ]
    for punt in Beslispunt:
        nieuw.append(
            _serie(f"{prefix}{punt.value}", kolom(lambda b, p=punt: b.beslist(p)), nw.Boolean, df)
        )
    tekst: dict[str, Any] = {
        "volgende_vraag": lambda b: b.volgende_vraag.value if b.volgende_vraag else None,
        "contacten": lambda b: ",".join(p.value for p in b.contacten),
        "regels": lambda b: ",".join(g.regel for g in b.gronden),
    }
    for naam, waarde in tekst.items():
        nieuw.append(_serie(f"{prefix}{naam}", kolom(waarde), nw.String, df))
    fouten = [str(u) if isinstance(u, OngeldigeInvoer) else None for u in uitkomsten]
    nieuw.append(_serie(f"{prefix}fout", fouten, nw.String, df))
    resultaat: FrameT = df.with_columns(*nieuw).to_native()
    return resultaat
