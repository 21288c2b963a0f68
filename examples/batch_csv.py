"""Decide every case of a CSV export from a pupil administration, and write the decisions.

Run: python examples/batch_csv.py [examples/export.csv] [besluiten.csv]

One row per case with flat columns named after the exchange format (``vermoeden``,
``acute_onveiligheid``, ``leeftijd``, ``veiligheid_in_geding``, ...). Only the standard library
and meldcode: each row becomes a case, a bad row is reported with its line, field and value, and
the run goes on.
"""

from __future__ import annotations

import contextlib
import csv
import sys
from pathlib import Path
from typing import Any

from meldcode import OngeldigeInvoer, beslis, casus_uit_dict
from meldcode.adapters.dataframe.plat import kolommen

HIER = Path(__file__).resolve().parent
BOOLEANS = {"true": True, "false": False, "ja": True, "nee": False}
GEHELE_GETALLEN = {"kind.leeftijd"}


def rij_naar_casus(rij: dict[str, str]) -> dict[str, Any]:
    """A CSV row as a case in the exchange format; empty cells are left out."""
    paden = kolommen()
    data: dict[str, Any] = {}
    for kolom, tekst in rij.items():
        if kolom not in paden or not tekst.strip():
            continue
        pad = paden[kolom]
        waarde: Any = tekst.strip()
        if pad in GEHELE_GETALLEN and waarde.isdigit():
            waarde = int(waarde)
        elif pad.startswith(("omstandigheden.", "kind.ongeboren")):
            waarde = BOOLEANS.get(waarde.lower(), waarde)
        obj, _, veld = pad.partition(".")
        if veld:
            data.setdefault(obj, {})[veld] = waarde
        else:
            data[obj] = waarde
    return data


def main(invoer: Path, uitvoer: Path | None) -> int:
    velden = [
        "referentie",
        "protocol",
        "melden",
        "hulp_organiseren",
        "spoed",
        "volgende_vraag",
        "fout",
    ]
    fouten = 0
    with invoer.open(encoding="utf-8", newline="") as f:
        rijen = list(csv.DictReader(f))
    uit = []
    for lijn, rij in enumerate(rijen, start=2):  # line 1 is the header
        try:
            besluit = beslis(casus_uit_dict(rij_naar_casus(rij)))
        except OngeldigeInvoer as exc:
            fouten += 1
            uit.append({"referentie": rij.get("referentie", ""), "fout": f"lijn {lijn}: {exc}"})
            continue
        uit.append(
            {
                "referentie": besluit.referentie or "",
                "protocol": besluit.protocol.value,
                "melden": besluit.melden,
                "hulp_organiseren": besluit.hulp_organiseren,
                "spoed": besluit.spoed,
                "volgende_vraag": besluit.volgende_vraag.value if besluit.volgende_vraag else "",
            }
        )
    with contextlib.ExitStack() as stack:
        doel = (
            stack.enter_context(uitvoer.open("w", encoding="utf-8", newline=""))
            if uitvoer
            else sys.stdout
        )
        schrijver = csv.DictWriter(doel, velden)
        schrijver.writeheader()
        schrijver.writerows(uit)
    gemeld = sum(1 for r in uit if r.get("melden") is True)
    print(f"{len(uit)} casussen, {gemeld} te melden, {fouten} ongeldig", file=sys.stderr)
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    invoer = Path(args[0]) if args else HIER / "export.csv"
    sys.exit(main(invoer, Path(args[1]) if len(args) > 1 else None))
