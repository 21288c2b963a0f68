"""A school system decides one case: build it in Python, decide, show the grounds.

Run: python examples/school_systeem.py
"""

from __future__ import annotations

import datetime as dt

from meldcode import (
    Casus,
    Consultatie,
    Kind,
    Oordeel,
    Partij,
    Signaal,
    SignaalBron,
    SoortSignaal,
    Weging,
    beslis,
    besluit_naar_dict,
    uitleg,
)
from meldcode.rules import regelbasis


def main() -> None:
    casus = Casus(
        referentie="SCH12.2026-041",
        datum=dt.date(2026, 3, 14),
        kind=Kind(leeftijd=9),
        signalen=(
            Signaal(
                soort=SoortSignaal.LICHAMELIJK_GEWELD,
                omschrijving="blauwe plekken op beide bovenarmen",
                datum=dt.date(2026, 3, 2),
                bron=SignaalBron.EIGEN_WAARNEMING,
            ),
        ),
        consultaties=(Consultatie(met=Partij.INTERN_BEGELEIDER, datum=dt.date(2026, 3, 4)),),
        weging=Weging(
            vermoeden=Oordeel.JA,
            acute_onveiligheid=Oordeel.NEE,
            structurele_onveiligheid=Oordeel.NEE,
            hulp_mogelijk=Oordeel.JA,
            hulp_aanvaard=Oordeel.JA,
        ),
    )

    besluit = beslis(casus)

    print(f"melden: {besluit.melden}, hulp organiseren: {besluit.hulp_organiseren}")
    if besluit.volgende_vraag is not None:
        print(f"nog te beantwoorden: {besluit.volgende_vraag.value}")
    print()
    print(uitleg(besluit, regelbasis(besluit.protocol)))
    # what a school system stores or sends on: the decision in the exchange format
    assert besluit_naar_dict(besluit)["referentie"] == "SCH12.2026-041"


if __name__ == "__main__":
    main()
