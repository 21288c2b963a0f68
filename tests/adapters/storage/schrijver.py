"""A writer process for the crash and concurrency tests: appends signals, acknowledges each.

Usage: python schrijver.py DB DOSSIER NAAM AANTAL
Prints ``ack <volgnummer> <naam>-<i>`` (flushed) after each append has returned.
"""

from __future__ import annotations

import datetime as dt
import sys

from meldcode.adapters.opslag.archief import Archief, open_opslag
from meldcode.domain import Signaal, SignaalBron, SoortSignaal
from meldcode.domain.dossier import SignaalVastgelegd


def main() -> None:
    db, dossier, naam, aantal = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    archief = Archief(open_opslag(db))
    for i in range(aantal):
        merk = f"{naam}-{i}"
        g = SignaalVastgelegd(
            datum=dt.date(2026, 3, 2),
            signaal=Signaal(
                soort=SoortSignaal.VERWAARLOZING,
                omschrijving=merk,
                bron=SignaalBron.EIGEN_WAARNEMING,
            ),
        )
        nummer = archief.voeg_toe(dossier, g, pogingen=10_000)
        sys.stdout.write(f"ack {nummer} {merk}\n")
        sys.stdout.flush()
    archief.sluit()


if __name__ == "__main__":
    main()
