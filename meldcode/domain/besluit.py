"""A decision (``Besluit``): what the school must do now, and on which grounds."""

from __future__ import annotations

from attrs import field, frozen

from meldcode.domain._validatie import (
    valideer_bool,
    valideer_enum,
    valideer_pseudoniem,
    valideer_tekst,
    valideer_tuple_van,
)
from meldcode.domain.waarden import Beslispunt, Partij, Protocol, Vraag

__all__ = ["Besluit", "Grond"]


@frozen(kw_only=True)
class Grond:
    """Een grond: de regel die heeft gevuurd, met bronbestand, sectie en het letterlijke citaat."""

    regel: str = field(validator=valideer_tekst)
    bestand: str = field(validator=valideer_tekst)
    sectie: str = field(validator=valideer_tekst)
    citaat: str = field(validator=valideer_tekst)
    toelichting: str = field(default="", validator=valideer_tekst)

    @property
    def bron(self) -> str:
        """``bestand, sectie``: the citation as the JSON contract writes it."""
        return f"{self.bestand}, {self.sectie}"


@frozen(kw_only=True)
class Besluit:
    """Het besluit over een casus volgens één protocol.

    Every ``True`` decision is carried by at least one ``Grond``. ``volgende_vraag`` names the
    unanswered afweging the decision still depends on, or is ``None`` when it is complete.
    """

    protocol: Protocol = field(validator=valideer_enum(Protocol))
    melden: bool = field(default=False, validator=valideer_bool)
    hulp_organiseren: bool = field(default=False, validator=valideer_bool)
    dossier_sluiten: bool = field(default=False, validator=valideer_bool)
    veilig_thuis_raadplegen: bool = field(default=False, validator=valideer_bool)
    spoed: bool = field(default=False, validator=valideer_bool)
    oudergesprek_overslaan: bool = field(default=False, validator=valideer_bool)
    bespreken_met_kind: bool = field(default=False, validator=valideer_bool)
    volgende_vraag: Vraag | None = field(
        default=None, validator=valideer_enum(Vraag, optional=True)
    )
    contacten: tuple[Partij, ...] = field(default=(), validator=valideer_tuple_van(Partij))
    gronden: tuple[Grond, ...] = field(default=(), validator=valideer_tuple_van(Grond))
    referentie: str | None = field(default=None, validator=valideer_pseudoniem)

    def beslist(self, punt: Beslispunt) -> bool:
        """The value of one decision, by its ``Beslispunt``."""
        value: bool = getattr(self, punt.value)
        return value

    @property
    def volledig(self) -> bool:
        """``True`` when no unanswered afweging can change this decision."""
        return self.volgende_vraag is None
