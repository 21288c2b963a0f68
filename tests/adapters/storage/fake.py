"""An in-memory ``Opslag`` for tests: the same port as SQLite and PostgreSQL, nothing patched."""

from __future__ import annotations

import attrs

from meldcode.adapters.opslag.archief import STANDAARD_ORGANISATIE, Kop, Record
from meldcode.adapters.opslag.inzagelog import Inzageregel
from meldcode.errors import VolgnummerConflict


class GeheugenOpslag:
    """Records in a dict keyed by (organisation, dossier); the same append rule as the real ones."""

    def __init__(self) -> None:
        self.tabel: dict[tuple[str, str], list[Record]] = {}
        self.koppen: dict[tuple[str, str], Kop] = {}
        self.inzagen: list[Inzageregel] = []

    def records(
        self, dossier: str, *, organisatie: str = STANDAARD_ORGANISATIE
    ) -> tuple[Record, ...]:
        rijen = self.tabel.get((organisatie, dossier), [])
        return tuple(sorted(rijen, key=lambda r: r.volgnummer))

    def kop(self, dossier: str, *, organisatie: str = STANDAARD_ORGANISATIE) -> Kop | None:
        return self.koppen.get((organisatie, dossier))

    def momentopname(
        self, dossier: str, *, organisatie: str = STANDAARD_ORGANISATIE
    ) -> tuple[tuple[Record, ...], Kop | None]:
        return (
            self.records(dossier, organisatie=organisatie),
            self.kop(dossier, organisatie=organisatie),
        )

    def schrijf(self, record: Record) -> None:
        sleutel = (record.organisatie, record.dossier)
        kop = self.koppen.get(sleutel)
        lengte = 0 if kop is None else kop.lengte
        if lengte != record.volgnummer - 1:
            raise VolgnummerConflict(record.dossier, record.volgnummer - 1, lengte)
        self.tabel.setdefault(sleutel, []).append(record)
        self.koppen[sleutel] = Kop(lengte=record.volgnummer, laatste_hash=record.hash)

    def dossiers(self, *, organisatie: str = STANDAARD_ORGANISATIE) -> tuple[str, ...]:
        return tuple(sorted({d for o, d in (*self.tabel, *self.koppen) if o == organisatie}))

    def wis(self, grafsteen: Record) -> None:
        sleutel = (grafsteen.organisatie, grafsteen.dossier)
        kop = self.koppen.get(sleutel)
        lengte = 0 if kop is None else kop.lengte
        if lengte != grafsteen.volgnummer - 1:
            raise VolgnummerConflict(grafsteen.dossier, grafsteen.volgnummer - 1, lengte)
        self.tabel[sleutel] = [
            attrs.evolve(r, inhoud="", zout=None) for r in self.tabel.get(sleutel, [])
        ]
        self.schrijf(grafsteen)

    def ruim_op(self) -> bool:
        return True

    def schrijf_inzage(self, regel: Inzageregel) -> None:
        self.inzagen.append(regel)

    def inzagelog(self, *, organisatie: str, dossier: str | None = None) -> tuple[Inzageregel, ...]:
        return tuple(
            r
            for r in self.inzagen
            if r.organisatie == organisatie and (dossier is None or r.dossier == dossier)
        )

    def sluit(self) -> None:
        pass
