"""Organisation profiles: national protocol + sector + organisation, as data.

A ``Profiel`` adds an organisation's own cited rules to the national rule base, names its roles
(who is the aandachtsfunctionaris), carries its sociale kaart so ``contacten`` resolve to real
phone numbers, and switches on sector variants (``SCHAKELAARS``, off by default). It may state
the organisation's retention rule for dossiers (``bewaartermijn``: no national period exists,
so the profile names its own and its basis). It is pure data; ``meldcode.adapters.profiel``
reads it from a TOML file.
"""

from __future__ import annotations

import re

from attrs import frozen

from meldcode.domain.besluit import Contactgegevens
from meldcode.domain.waarden import Protocol, Rol
from meldcode.errors import OngeldigeRegelbasis
from meldcode.rules.basis import maak_regelbasis
from meldcode.rules.bewaartermijn import Bewaartermijn
from meldcode.rules.model import Regel, Regelbasis
from meldcode.rules.routes import SCHAKELAARS

__all__ = ["Profiel"]

_NAAM = re.compile(r"^[a-z][a-z0-9-]{0,39}$")


@frozen(kw_only=True)
class Profiel:
    """Een profiel: de eigen regels, rolnamen, sociale kaart en schakelaars van een organisatie.

    Checked when built: the name is a short lower-case id, every own rule's id starts with
    ``<naam>.``, and every switch is one of ``SCHAKELAARS``. ``regelbasis`` then builds (and
    checks) the full rule base of one protocol.
    """

    naam: str
    titel: str
    bron: str
    protocollen: frozenset[Protocol]
    regels: tuple[Regel, ...] = ()
    sociale_kaart: tuple[Contactgegevens, ...] = ()
    rolnamen: tuple[tuple[Rol, str], ...] = ()
    schakelaars: frozenset[str] = frozenset()
    bewaartermijn: Bewaartermijn | None = None

    def __attrs_post_init__(self) -> None:
        if not _NAAM.match(self.naam):
            raise OngeldigeRegelbasis(
                f"profile name must be 1-40 lower-case letters, digits or '-' (got {self.naam!r})"
            )
        for regel in self.regels:
            if not regel.id.startswith(f"{self.naam}."):
                raise OngeldigeRegelbasis(
                    f"rule {regel.id!r} of profile {self.naam!r} must have an id starting with "
                    f"'{self.naam}.'"
                )
        onbekend = sorted(self.schakelaars - SCHAKELAARS.keys())
        if onbekend:
            raise OngeldigeRegelbasis(
                f"profile {self.naam!r} switches on unknown schakelaars {onbekend}; known: "
                f"{sorted(SCHAKELAARS)}"
            )

    @property
    def eigen_regels(self) -> tuple[Regel, ...]:
        """The profile's own rules plus the rules of the switches it turns on."""
        return self.regels + tuple(SCHAKELAARS[s] for s in sorted(self.schakelaars))

    def regelbasis(self, protocol: Protocol) -> Regelbasis:
        """The national rule base of ``protocol`` extended with this profile (checked)."""
        return maak_regelbasis(
            protocol,
            self.eigen_regels,
            profiel=self.naam,
            sociale_kaart=self.sociale_kaart,
            rolnamen=self.rolnamen,
        )
