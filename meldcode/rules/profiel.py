"""Organisation profiles: national protocol + sector + organisation, as data.

A ``Profiel`` adds an organisation's own cited rules to the national rule base, names its roles
(who is the aandachtsfunctionaris), carries its sociale kaart so ``contacten`` resolve to real
phone numbers, and switches on sector variants (``SCHAKELAARS``, off by default). It may state
the organisation's retention rule for dossiers (``bewaartermijn``: no national period exists,
so the profile names its own and its basis). It is pure data; ``meldcode.adapters.profiel``
reads it from a TOML file.

A profile belongs to an era: it declares the protocol(s) it is written for, and it is applied to
no other. A 2012 profile names the AMK and its 0900 number; handing that out as the Veilig Thuis
contact of a 2019 case would send a professional to a body that no longer exists.
"""

from __future__ import annotations

import re

from attrs import frozen

from meldcode.domain.besluit import Contactgegevens
from meldcode.domain.waarden import Protocol, Rol
from meldcode.errors import Fout, OngeldigeInvoer, OngeldigeRegelbasis
from meldcode.rules.basis import maak_regelbasis
from meldcode.rules.bewaartermijn import Bewaartermijn
from meldcode.rules.model import Regel, Regelbasis
from meldcode.rules.routes import INGETROKKEN, SCHAKELAARS

__all__ = ["Profiel"]

_NAAM = re.compile(r"^[a-z][a-z0-9-]{0,39}$")


@frozen(kw_only=True)
class Profiel:
    """Een profiel: de eigen regels, rolnamen, sociale kaart en schakelaars van een organisatie.

    Checked when built: the name is a short lower-case id, it is written for at least one
    protocol, every own rule's id starts with ``<naam>.`` and belongs to one of the profile's
    protocols, and every switch is one of ``SCHAKELAARS``. ``regelbasis`` then builds (and
    checks) the full rule base of one of the profile's protocols, and refuses any other.
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
        if not self.protocollen:
            raise OngeldigeRegelbasis(
                f"profile {self.naam!r} must name the protocol(s) it is written for"
            )
        for regel in self.regels:
            if not regel.protocollen & self.protocollen:
                raise OngeldigeRegelbasis(
                    f"rule {regel.id!r} of profile {self.naam!r} belongs to none of the "
                    f"profile's protocols ({_jaren(self.protocollen)})"
                )
            if not regel.id.startswith(f"{self.naam}."):
                raise OngeldigeRegelbasis(
                    f"rule {regel.id!r} of profile {self.naam!r} must have an id starting with "
                    f"'{self.naam}.'"
                )
        ingetrokken = sorted(self.schakelaars & INGETROKKEN.keys())
        if ingetrokken:
            raise OngeldigeRegelbasis(
                f"profile {self.naam!r} switches on {ingetrokken[0]!r}, which was withdrawn: "
                f"{INGETROKKEN[ingetrokken[0]]}"
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
        """The national rule base of ``protocol`` extended with this profile (checked).

        Raises ``OngeldigeInvoer`` (field ``protocol``) when the profile is not written for
        ``protocol``: its roles, rules and sociale kaart belong to another era.
        """
        if protocol not in self.protocollen:
            raise OngeldigeInvoer(
                [
                    Fout(
                        "protocol",
                        repr(protocol.value),
                        f"profile {self.naam!r} is written for protocol "
                        f"{_jaren(self.protocollen)}, not for {protocol.value!r}: its sociale "
                        "kaart and roles belong to that era; decide the case without the "
                        "profile or with a profile for its protocol",
                    )
                ]
            )
        return maak_regelbasis(
            protocol,
            self.eigen_regels,
            profiel=self.naam,
            sociale_kaart=self.sociale_kaart,
            rolnamen=self.rolnamen,
        )


def _jaren(protocollen: frozenset[Protocol]) -> str:
    return " and ".join(repr(p.value) for p in sorted(protocollen, key=lambda p: p.value))
