"""The tombstone of an erased dossier: what was erased, when, and on which ground.

Erasing a dossier empties the content of every record and appends one more record to its chain,
the tombstone (``soort``: ``dossier_gewist``). It is not an event of the meldcode (it is not in
``SOORTEN``): it is the store's own statement, hash-chained like every record, that says

- ``datum``: the date of the erasure;
- ``grond``: why — ``bewaartermijn`` (the retention period ended) or ``verzoek`` (an honoured
  request for erasure);
- ``gewist``: which records were emptied, each with the hash it had, so the chain still
  verifies without their content;
- ``regel``: for ``bewaartermijn``, the retention rule in Dutch (``5 jaar na het sluiten van
  het dossier``), and ``profiel``, the profile that states it.

No free text and no content of the erased records is ever part of a tombstone.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from attrs import frozen

from meldcode.adapters.json.casus import datum_uit_tekst
from meldcode.domain._validatie import PSEUDONIEM
from meldcode.errors import Fout, OngeldigeInvoer

__all__ = [
    "GRAFSTEEN",
    "Wisgrond",
    "Wissing",
    "grafsteen_naar_dict",
    "grafsteen_uit_dict",
    "is_grafsteen",
]

GRAFSTEEN = "dossier_gewist"
"""The ``soort`` of a tombstone record."""

_HASH_LENGTE = 64


class Wisgrond(enum.Enum):
    """Why a dossier was erased."""

    BEWAARTERMIJN = "bewaartermijn"
    VERZOEK = "verzoek"

    @property
    def naam_nl(self) -> str:
        """The ground in Dutch."""
        return {
            Wisgrond.BEWAARTERMIJN: "de bewaartermijn is verstreken",
            Wisgrond.VERZOEK: "op verzoek van een betrokkene (recht op gegevenswissing)",
        }[self]


@frozen(kw_only=True)
class Wissing:
    """An erasure as its tombstone records it.

    ``gewist`` lists each emptied record's ``volgnummer`` and the hash it had; ``volgnummer`` is
    the tombstone's own place in the chain.
    """

    dossier: str
    datum: dt.date
    grond: Wisgrond
    gewist: tuple[tuple[int, str], ...]
    volgnummer: int
    regel: str = ""
    profiel: str = ""


def grafsteen_naar_dict(wissing: Wissing) -> dict[str, Any]:
    """The tombstone's JSON form (stored as canonical JSON, and hashed)."""
    data: dict[str, Any] = {
        "soort": GRAFSTEEN,
        "datum": wissing.datum.isoformat(),
        "grond": wissing.grond.value,
        "gewist": [{"volgnummer": n, "hash": h} for n, h in wissing.gewist],
    }
    if wissing.regel:
        data["regel"] = wissing.regel
    if wissing.profiel:
        data["profiel"] = wissing.profiel
    return data


def is_grafsteen(data: object) -> bool:
    """``True`` for a decoded record whose ``soort`` is the tombstone's."""
    return isinstance(data, dict) and data.get("soort") == GRAFSTEEN


def _fout(veld: str, melding: str) -> OngeldigeInvoer:
    return OngeldigeInvoer([Fout(veld, "<value>", f"tombstone: {veld} {melding}")])


def grafsteen_uit_dict(data: object, *, dossier: str, volgnummer: int) -> Wissing:
    """Read a tombstone strictly; ``OngeldigeInvoer`` names the first bad key."""
    if not is_grafsteen(data):
        raise _fout("soort", f"must be {GRAFSTEEN!r}")
    assert isinstance(data, dict)
    onbekend = sorted(set(data) - {"soort", "datum", "grond", "gewist", "regel", "profiel"})
    if onbekend:
        raise _fout(onbekend[0], "is not a key of a tombstone")
    datum = datum_uit_tekst(data.get("datum"))  # exactly YYYY-MM-DD, as every stored date
    if datum is None:
        raise _fout("datum", "must be a date YYYY-MM-DD")
    try:
        grond = Wisgrond(data.get("grond"))
    except ValueError:
        raise _fout("grond", "must be 'bewaartermijn' or 'verzoek'") from None
    gewist = data.get("gewist")
    if not isinstance(gewist, list):
        raise _fout("gewist", "must be a list")
    paren: list[tuple[int, str]] = []
    for i, item in enumerate(gewist):
        n = item.get("volgnummer") if isinstance(item, dict) else None
        h = item.get("hash") if isinstance(item, dict) else None
        if (
            not isinstance(n, int)
            or isinstance(n, bool)
            or not 1 <= n < volgnummer
            or not isinstance(h, str)
            or len(h) != _HASH_LENGTE
        ):
            raise _fout(f"gewist[{i}]", "must be {volgnummer: an earlier event, hash: 64 hex}")
        paren.append((n, h))
    teksten = {}
    for sleutel in ("regel", "profiel"):
        waarde = data.get(sleutel, "")
        if not isinstance(waarde, str):
            raise _fout(sleutel, "must be text")
        teksten[sleutel] = waarde
    if teksten["profiel"] and not PSEUDONIEM.match(teksten["profiel"]):
        raise _fout("profiel", "must be a profile name")
    return Wissing(
        dossier=dossier,
        datum=datum,
        grond=grond,
        gewist=tuple(paren),
        volgnummer=volgnummer,
        regel=teksten["regel"],
        profiel=teksten["profiel"],
    )
