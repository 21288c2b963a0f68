"""One run of the stress scenario: 5 000 posts through durable, printed as a checksum.

Run as a script (``python tests/adapters/durable/stress_scenario.py``) so that a crash of the
interpreter shows as the exit code of its own process. Mixes what the issue measured (5 000
posts) with everything the adapter does with durable: monitoring events with timers on an
injected clock over 200 dossiers that open and close, and rule-base evaluations in between.
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import hashlib
import random
import threading

from meldcode import Casus, Oordeel, Protocol, Signaal, SoortSignaal, Weging
from meldcode.adapters.durable import Bewaker, compileer
from meldcode.domain.dossier import (
    BesluitGenomen,
    DossierGesloten,
    EvaluatieGehouden,
    HulpAfgesproken,
    MeldingGedaan,
    SignaalVastgelegd,
    TerugkoppelingVeiligThuis,
)
from meldcode.rules import regelbasis

POSTS = 5_000
START = dt.date(2026, 1, 5)


def main() -> None:
    faulthandler.enable()
    rnd = random.Random(20261123)
    draden = threading.active_count()
    regels = compileer(regelbasis(Protocol.P2019))
    h = hashlib.sha256()
    with Bewaker() as bewaker:
        for n in range(POSTS):
            dag = START + dt.timedelta(days=n // 50)
            if n % 50 == 0:
                for s in bewaker.tik(dag):
                    h.update(f"{s.dossier}{s.soort.value}{s.sinds}".encode())
            dossier = f"d-{rnd.randrange(200)}"
            soort = 7 if n % 40 == 39 else rnd.randrange(7)
            gebeurtenis = [
                MeldingGedaan(datum=dag),
                TerugkoppelingVeiligThuis(datum=dag),
                HulpAfgesproken(datum=dag, termijn=dag + dt.timedelta(days=10)),
                EvaluatieGehouden(datum=dag, hulp_resultaat=Oordeel.NEE),
                SignaalVastgelegd(datum=dag, signaal=Signaal(soort=SoortSignaal.VERWAARLOZING)),
                BesluitGenomen(datum=dag, melden=True, hulp_organiseren=False),
                DossierGesloten(datum=dag),
                None,
            ][soort]
            if gebeurtenis is None:
                weging = Weging(**{v: rnd.choice([None, *Oordeel]) for v in ("vermoeden",)})
                besluit = regels.beslis(Casus(protocol=Protocol.P2019, weging=weging))
                h.update(repr(besluit.melden).encode())
                continue
            for s in bewaker.verwerk(dossier, gebeurtenis):
                h.update(f"{s.dossier}{s.soort.value}{s.sinds}".encode())
    regels.close()
    # the adapter starts no thread: durable's Host would have started two
    print(h.hexdigest(), threading.active_count() - draden)


if __name__ == "__main__":
    main()
