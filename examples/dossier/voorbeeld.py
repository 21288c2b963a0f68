"""Walk a dossier through the five steps with the Python API, store it, check it, show it.

Run: python examples/dossier/voorbeeld.py
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from meldcode.adapters.cli.dossier import toestand_tekst
from meldcode.adapters.json.dossier import gebeurtenis_uit_json
from meldcode.adapters.opslag.archief import Archief, SQLiteOpslag
from meldcode.domain import Oordeel
from meldcode.domain.dossier import Betrokkene, EvaluatieGehouden, MeldingGedaan
from meldcode.errors import StapOntbreekt
from meldcode.rules.dossier import toestand
from meldcode.rules.kalender import NEDERLAND
from meldcode.rules.registratie import controleer

MAP = Path(__file__).parent


def main() -> None:
    archief = Archief(SQLiteOpslag(Path(tempfile.mkdtemp()) / "dossiers.sqlite3"))
    kalender = NEDERLAND

    # steps 1-4 and the first decision of step 5, from the example's JSON files
    for pad in sorted(MAP.glob("0[1-6]-*.json")):
        archief.voeg_toe("lln-0042", gebeurtenis_uit_json(pad.read_text(encoding="utf-8")))

    # a report now would skip the conversation about it: refused, naming what is missing
    try:
        archief.voeg_toe("lln-0042", MeldingGedaan(datum=dt.date(2026, 5, 15)))
    except StapOntbreekt as fout:
        print(f"geweigerd: {fout}")

    print(
        toestand_tekst(
            toestand(archief.lees("lln-0042"), op=dt.date(2026, 5, 18), kalender=kalender)
        )
    )

    archief.voeg_toe(
        "lln-0042",
        EvaluatieGehouden(
            datum=dt.date(2026, 5, 15),
            hulp_resultaat=Oordeel.NEE,
            vastgelegd_door=Betrokkene.INTERN_BEGELEIDER,
        ),
    )
    for pad in sorted(MAP.glob("*.json"))[7:]:
        archief.voeg_toe("lln-0042", gebeurtenis_uit_json(pad.read_text(encoding="utf-8")))

    dossier = archief.lees("lln-0042")
    print(toestand_tekst(toestand(dossier, op=dt.date(2026, 6, 1), kalender=kalender)))
    print(f"keten intact: {archief.controleer_keten('lln-0042') == ()}")
    print(f"bevindingen: {len(controleer(dossier))}")
    archief.sluit()


if __name__ == "__main__":
    main()
