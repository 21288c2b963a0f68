"""An in-memory ``Opslag`` for tests: the same port as SQLite and PostgreSQL, nothing patched."""

from __future__ import annotations

from meldcode.adapters.opslag.archief import Kop, Record
from meldcode.errors import VolgnummerConflict


class GeheugenOpslag:
    """Records in a dict; the same append-if-length-matches rule as the real backends."""

    def __init__(self) -> None:
        self.tabel: dict[str, list[Record]] = {}
        self.koppen: dict[str, Kop] = {}

    def records(self, dossier: str) -> tuple[Record, ...]:
        return tuple(sorted(self.tabel.get(dossier, []), key=lambda r: r.volgnummer))

    def kop(self, dossier: str) -> Kop | None:
        return self.koppen.get(dossier)

    def momentopname(self, dossier: str) -> tuple[tuple[Record, ...], Kop | None]:
        return self.records(dossier), self.kop(dossier)

    def schrijf(self, record: Record) -> None:
        kop = self.koppen.get(record.dossier)
        lengte = 0 if kop is None else kop.lengte
        if lengte != record.volgnummer - 1:
            raise VolgnummerConflict(record.dossier, record.volgnummer - 1, lengte)
        self.tabel.setdefault(record.dossier, []).append(record)
        self.koppen[record.dossier] = Kop(lengte=record.volgnummer, laatste_hash=record.hash)

    def dossiers(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.tabel) | set(self.koppen)))

    def sluit(self) -> None:
        pass
