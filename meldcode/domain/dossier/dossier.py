"""A ``Dossier``: a pseudonymous id and its events in the order they were recorded.

Nothing is changed in place and nothing is deleted: a ``Correctie`` is a new event that refers
to an earlier one and replaces its content in the *geldende* (effective) view.
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs
from attrs import evolve, field, frozen

from meldcode.domain._validatie import (
    valideer_pseudoniem,
)
from meldcode.domain.dossier.gebeurtenissen import _ALLE, Correctie, Gebeurtenis, Inhoud, _Basis
from meldcode.domain.dossier.stappen import controleer_volgorde
from meldcode.errors import Fout, OngeldigeInvoer

__all__ = ["Dossier"]


_T = TypeVar("_T", bound=_Basis)


def _valideer_gebeurtenissen(_: object, __: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        raise OngeldigeInvoer(
            [
                Fout(
                    "Dossier.gebeurtenissen",
                    f"<{type(value).__name__}>",
                    "Dossier.gebeurtenissen must be a tuple of dossier events",
                )
            ]
        )
    for i, g in enumerate(value):
        if not isinstance(g, _ALLE):
            veld = f"Dossier.gebeurtenissen[{i}]"
            raise OngeldigeInvoer(
                [Fout(veld, f"<{type(g).__name__}>", f"{veld} must be a dossier event")]
            )


@frozen(kw_only=True)
class Dossier:
    """A case record: a pseudonymous ``id`` and its events in the order they were recorded.

    Build it empty and grow it with ``voeg_toe``, which checks the step progression. A dossier
    read back from storage is built directly from its events (they were checked when appended).
    """

    id: str = field(validator=valideer_pseudoniem)
    gebeurtenissen: tuple[Gebeurtenis, ...] = field(
        default=(),
        validator=_valideer_gebeurtenissen,
    )

    def __attrs_post_init__(self) -> None:
        if self.id is None:
            raise OngeldigeInvoer([Fout("Dossier.id", "None", "Dossier.id is required")])

    def __len__(self) -> int:
        return len(self.gebeurtenissen)

    def voeg_toe(self, gebeurtenis: Gebeurtenis) -> Dossier:
        """A new dossier with ``gebeurtenis`` appended; ``StapOntbreekt`` if it may not follow."""
        controleer_volgorde(self, gebeurtenis)
        return evolve(self, gebeurtenissen=(*self.gebeurtenissen, gebeurtenis))

    def geldend(self) -> tuple[tuple[int, Inhoud], ...]:
        """The effective events with their volgnummer: corrections applied, not listed."""
        inhoud: dict[int, Inhoud] = {}
        for nummer, g in enumerate(self.gebeurtenissen, start=1):
            if isinstance(g, Correctie):
                if g.verwijst_naar in inhoud:
                    inhoud[g.verwijst_naar] = g.vervanging
            else:
                inhoud[nummer] = g
        return tuple(sorted(inhoud.items()))

    def van_soort(self, soort: type[_T]) -> tuple[_T, ...]:
        """The effective events of one kind, in order."""
        return tuple(g for _, g in self.geldend() if isinstance(g, soort))
