"""Retention as an organisation's policy: how long a meldcode dossier is kept, and from when.

No national retention period exists for a school's meldcode dossier: none of the sources names
one (they demand that every step be written down and kept "in het leerlingendossier", 003 §1.1,
and that the information be "voldoende beveiligd", 001 stap 1), and the AVG asks that personal
data be kept no longer than the purpose needs. So the period is the organisation's own choice,
stated in its profile together with its basis (``grondslag``): a ``Bewaartermijn`` counts a
number of years and months from a named event (``Bewaarmoment``):

- ``dossier_gesloten``: the date of the dossier's effective closing (``dossier_gesloten``); a
  dossier reopened by a later signal is open again and its period has not started;
- ``uitschrijving``: the date the pupil left the school. meldcode does not know it (the mapping
  from a pseudonym to a pupil lives outside meldcode): it is an input, per dossier id.

An open dossier is never past its period, whatever the event: a case that is still running is
not ended by a clock. The end date adds whole months to the start (a day that does not exist in
the target month becomes the month's last day: 29 February + 1 year = 28 February); a dossier is
*past its period* on the end date and after.

Pure: the reference date ``op`` is an input, nothing here reads a clock or a store.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from typing import Any

from attrs import field, frozen

from meldcode.domain.dossier import Dossier, DossierGesloten, SignaalVastgelegd
from meldcode.errors import Fout, OngeldigeInvoer

__all__ = [
    "Bewaarmoment",
    "Bewaarstatus",
    "Bewaartermijn",
    "bewaarstatus",
    "einddatum",
    "plus_maanden",
    "sluitdatum",
    "verlopen_dossiers",
]


class Bewaarmoment(enum.Enum):
    """The event a retention period is counted from."""

    DOSSIER_GESLOTEN = "dossier_gesloten"
    UITSCHRIJVING = "uitschrijving"

    @property
    def naam_nl(self) -> str:
        """The event in Dutch, for texts shown to professionals."""
        return _MOMENTNAMEN[self]


_MOMENTNAMEN = {
    Bewaarmoment.DOSSIER_GESLOTEN: "het sluiten van het dossier",
    Bewaarmoment.UITSCHRIJVING: "de uitschrijving van de leerling",
}


def _niet_negatief(instance: object, attribute: object, value: Any) -> None:
    naam = getattr(attribute, "name", "?")
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100 * 12:
        veld = f"Bewaartermijn.{naam}"
        raise OngeldigeInvoer(
            [
                Fout(
                    veld,
                    repr(value),
                    f"{veld} must be a whole number from 0 to 1200 (got {value!r})",
                )
            ]
        )


def _moment(instance: object, attribute: object, value: Any) -> None:
    if not isinstance(value, Bewaarmoment):
        toegestaan = ", ".join(repr(m.value) for m in Bewaarmoment)
        raise OngeldigeInvoer(
            [
                Fout(
                    "Bewaartermijn.vanaf",
                    f"<{type(value).__name__}>",
                    f"Bewaartermijn.vanaf must be one of {toegestaan}",
                )
            ]
        )


def _grondslag(instance: object, attribute: object, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise OngeldigeInvoer(
            [
                Fout(
                    "Bewaartermijn.grondslag",
                    "<missing>" if not value else f"<{type(value).__name__}>",
                    "Bewaartermijn.grondslag must state the basis of the period (no national "
                    "period exists for a school's meldcode dossier)",
                )
            ]
        )


def _tekst(instance: object, attribute: object, value: Any) -> None:
    if not isinstance(value, str):
        raise OngeldigeInvoer(
            [
                Fout(
                    "Bewaartermijn.toelichting",
                    f"<{type(value).__name__}>",
                    "Bewaartermijn.toelichting must be text",
                )
            ]
        )


@frozen(kw_only=True)
class Bewaartermijn:
    """A retention rule: ``jaren`` years and ``maanden`` months after ``vanaf``.

    ``grondslag`` is required: the organisation's own basis for the period (its privacy
    regulation, a decision of its board); ``toelichting`` may explain it further.
    """

    vanaf: Bewaarmoment = field(validator=_moment)
    jaren: int = field(default=0, validator=_niet_negatief)
    maanden: int = field(default=0, validator=_niet_negatief)
    grondslag: str = field(validator=_grondslag)
    toelichting: str = field(default="", validator=_tekst)

    def __attrs_post_init__(self) -> None:
        if self.jaren == 0 and self.maanden == 0:
            raise OngeldigeInvoer(
                [
                    Fout(
                        "Bewaartermijn.jaren",
                        "0",
                        "Bewaartermijn needs a period: jaren or maanden must be more than 0",
                    )
                ]
            )

    @property
    def omschrijving(self) -> str:
        """The rule in Dutch: ``5 jaar na het sluiten van het dossier``."""
        delen = []
        if self.jaren:
            delen.append(f"{self.jaren} jaar")
        if self.maanden:
            delen.append(f"{self.maanden} maand{'en' if self.maanden != 1 else ''}")
        return f"{' en '.join(delen)} na {self.vanaf.naam_nl}"


def plus_maanden(datum: dt.date, maanden: int) -> dt.date:
    """``datum`` plus whole months; a day past the target month's end becomes its last day."""
    index = datum.year * 12 + (datum.month - 1) + maanden
    jaar, maand = divmod(index, 12)
    laatste = calendar.monthrange(jaar, maand + 1)[1]
    return dt.date(jaar, maand + 1, min(datum.day, laatste))


def sluitdatum(dossier: Dossier) -> dt.date | None:
    """The date of the dossier's effective closing, or ``None`` while it is open.

    A later signal reopens a closed dossier ("opnieuw begint", 000 stap 5a): it is open again.
    """
    gesloten: dt.date | None = None
    for _, g in dossier.geldend():
        if isinstance(g, DossierGesloten):
            gesloten = g.datum
        elif isinstance(g, SignaalVastgelegd):
            gesloten = None
    return gesloten


def einddatum(
    dossier: Dossier, termijn: Bewaartermijn, *, uitgeschreven_op: dt.date | None = None
) -> dt.date | None:
    """The date from which ``dossier`` is past its period, or ``None`` when it has not started.

    It has not started while the dossier is open, and, for ``uitschrijving``, while the pupil's
    leaving date is unknown (``uitgeschreven_op`` is ``None``).
    """
    gesloten = sluitdatum(dossier)
    if gesloten is None:
        return None
    if termijn.vanaf is Bewaarmoment.DOSSIER_GESLOTEN:
        begin = gesloten
    else:
        if uitgeschreven_op is None:
            return None
        begin = uitgeschreven_op
    return plus_maanden(begin, termijn.jaren * 12 + termijn.maanden)


@frozen(kw_only=True)
class Bewaarstatus:
    """Where one dossier stands against the retention rule at ``op``.

    ``begin`` is the date the period started (``None``: not started, with ``reden`` saying why),
    ``einde`` the date from which it is past; ``verlopen`` is ``op >= einde``.
    """

    dossier: str
    op: dt.date
    begin: dt.date | None
    einde: dt.date | None
    reden: str = ""

    @property
    def verlopen(self) -> bool:
        """``True`` when the dossier is past its retention period at ``op``."""
        return self.einde is not None and self.op >= self.einde


def bewaarstatus(
    dossier: Dossier,
    termijn: Bewaartermijn,
    *,
    op: dt.date,
    uitgeschreven_op: dt.date | None = None,
) -> Bewaarstatus:
    """The retention status of ``dossier`` at ``op`` (Dutch ``reden`` when not started)."""
    if type(op) is not dt.date:
        raise OngeldigeInvoer([Fout("op", f"<{type(op).__name__}>", "op must be a date")])
    gesloten = sluitdatum(dossier)
    if gesloten is None:
        return Bewaarstatus(
            dossier=dossier.id, op=op, begin=None, einde=None, reden="het dossier is open"
        )
    if termijn.vanaf is Bewaarmoment.UITSCHRIJVING and uitgeschreven_op is None:
        return Bewaarstatus(
            dossier=dossier.id,
            op=op,
            begin=None,
            einde=None,
            reden="de datum van uitschrijving is niet opgegeven",
        )
    begin = gesloten if termijn.vanaf is Bewaarmoment.DOSSIER_GESLOTEN else uitgeschreven_op
    return Bewaarstatus(
        dossier=dossier.id,
        op=op,
        begin=begin,
        einde=einddatum(dossier, termijn, uitgeschreven_op=uitgeschreven_op),
    )


def verlopen_dossiers(
    dossiers: Iterable[Dossier],
    termijn: Bewaartermijn,
    *,
    op: dt.date,
    uitschrijvingen: Mapping[str, dt.date] | None = None,
) -> tuple[Bewaarstatus, ...]:
    """The dossiers past their retention period at ``op`` (and only those), in the given order.

    ``uitschrijvingen`` maps a dossier id to the date its pupil left (for ``uitschrijving``).
    """
    bekend = uitschrijvingen or {}
    uit = []
    for dossier in dossiers:
        status = bewaarstatus(dossier, termijn, op=op, uitgeschreven_op=bekend.get(dossier.id))
        if status.verlopen:
            uit.append(status)
    return tuple(uit)
