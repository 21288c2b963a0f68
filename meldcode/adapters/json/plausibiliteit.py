"""Implausible input that is still decided: warnings with a stable code and a Dutch text.

What the reader refuses and what it only warns about:

- **errors** (``OngeldigeInvoer``, nothing is decided): input that contradicts itself in a way
  the rules read, such as an unborn child with an age (``kind.ongeboren`` with
  ``kind.leeftijd``), and everything of the wrong type or shape;
- **warnings** (decided, with ``waarschuwingen`` in the output): input that is possible but
  probably mistyped, where the decision does not depend on which reading is right or the school
  must check it anyway — a date after today, a signal or consultation dated after the weighing,
  an explicit protocol that does not belong to the case's date.

A warning is ``{"code": ..., "tekst": ...}``: the code is stable (for programs), the text is
Dutch (for professionals) and never holds free text or a value from the case. The decision's own
warnings, if any, come first; these are added after them (``met_waarschuwingen``).

Judging "in the future" needs today's date, which the pure core does not have: the command line
passes its clock, a caller of the API passes ``vandaag`` (or ``None`` to skip those checks).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from attrs import frozen

from meldcode.domain.casus import Casus
from meldcode.domain.waarden import Protocol

if TYPE_CHECKING:
    from meldcode.domain.dossier import Gebeurtenis

__all__ = [
    "CODES",
    "Waarschuwing",
    "casus_waarschuwingen",
    "gebeurtenis_waarschuwingen",
    "met_waarschuwingen",
    "waarschuwing_naar_dict",
    "waarschuwingen_tekst",
]

_INGANG_2019 = dt.date(2019, 1, 1)


@frozen
class Waarschuwing:
    """A warning about the input: a stable ``code`` and a Dutch ``tekst`` without case data."""

    code: str
    tekst: str


CODES: Mapping[str, str] = {
    "datum_in_toekomst": "De datum van de casus ligt na vandaag; controleer de datum.",
    "signaal_in_toekomst": "Een signaal is gedateerd na vandaag; controleer de datum.",
    "consultatie_in_toekomst": "Een consultatie is gedateerd na vandaag; controleer de datum.",
    "signaal_na_weging": (
        "Een signaal is gedateerd na de datum van de casus (de weging); weeg opnieuw met dit "
        "signaal erbij."
    ),
    "consultatie_na_weging": (
        "Een consultatie is gedateerd na de datum van de casus (de weging); weeg opnieuw met "
        "deze consultatie erbij."
    ),
    "protocol_past_niet_bij_datum": (
        "Het gekozen protocol hoort niet bij de datum van de casus (het afwegingskader geldt "
        "sinds 1 januari 2019); het besluit volgt het gekozen protocol."
    ),
    "gebeurtenis_in_toekomst": "De gebeurtenis is gedateerd na vandaag; controleer de datum.",
}
"""Every warning code with its Dutch text."""


def _w(code: str) -> Waarschuwing:
    return Waarschuwing(code, CODES[code])


def _casus(casus: Casus, vandaag: dt.date | None) -> Iterator[Waarschuwing]:
    if vandaag is not None:
        if casus.datum is not None and casus.datum > vandaag:
            yield _w("datum_in_toekomst")
        if any(s.datum is not None and s.datum > vandaag for s in casus.signalen):
            yield _w("signaal_in_toekomst")
        if any(c.datum is not None and c.datum > vandaag for c in casus.consultaties):
            yield _w("consultatie_in_toekomst")
    if casus.datum is not None:
        weging = casus.datum
        if any(s.datum is not None and s.datum > weging for s in casus.signalen):
            yield _w("signaal_na_weging")
        if any(c.datum is not None and c.datum > weging for c in casus.consultaties):
            yield _w("consultatie_na_weging")
        if casus.protocol is not None and (
            (casus.protocol == Protocol.P2013) != (casus.datum < _INGANG_2019)
        ):
            yield _w("protocol_past_niet_bij_datum")


def casus_waarschuwingen(casus: Casus, *, vandaag: dt.date | None) -> tuple[Waarschuwing, ...]:
    """The warnings about ``casus`` (see the module); ``vandaag=None`` skips the future checks."""
    return tuple(_casus(casus, vandaag))


def gebeurtenis_waarschuwingen(
    gebeurtenis: Gebeurtenis, *, vandaag: dt.date | None
) -> tuple[Waarschuwing, ...]:
    """The warnings about a dossier event: dated after ``vandaag`` (a help term may be)."""
    if vandaag is None:
        return ()
    # here, not at the top: a command that only decides cases does not load the dossier
    from meldcode.domain.dossier import Correctie, HulpAfgesproken

    inhoud = gebeurtenis.vervanging if isinstance(gebeurtenis, Correctie) else gebeurtenis
    datums: list[object] = [gebeurtenis.datum, inhoud.datum]
    if not isinstance(inhoud, HulpAfgesproken):
        datums += [
            getattr(getattr(inhoud, naam, None), "datum", None)
            for naam in ("signaal", "consultatie")
        ]
    if any(isinstance(d, dt.date) and d > vandaag for d in datums):
        return (_w("gebeurtenis_in_toekomst"),)
    return ()


def waarschuwing_naar_dict(waarschuwing: Waarschuwing) -> dict[str, str]:
    """A warning as JSON: ``{"code": ..., "tekst": ...}``."""
    return {"code": waarschuwing.code, "tekst": waarschuwing.tekst}


def met_waarschuwingen(
    data: dict[str, Any], waarschuwingen: Iterable[Waarschuwing]
) -> dict[str, Any]:
    """``data`` (a decision as JSON) with these warnings added after its own ``waarschuwingen``.

    The key is added only when there is a warning; a code already present is not repeated.
    """
    extra = [waarschuwing_naar_dict(w) for w in waarschuwingen]
    if not extra:
        return data
    eigen: list[dict[str, Any]] = list(data.get("waarschuwingen") or [])
    codes = {w.get("code") for w in eigen}
    return {**data, "waarschuwingen": [*eigen, *(w for w in extra if w["code"] not in codes)]}


def waarschuwingen_tekst(waarschuwingen: Iterable[Waarschuwing]) -> str:
    """The warnings of a case as Dutch text under an explanation (empty without warnings).

    What ``meldcode uitleg`` prints and ``POST /v1/uitleg`` returns after the explanation.
    """
    regels = [f"  - {w.tekst} [{w.code}]" for w in waarschuwingen]
    return "\nLet op:\n" + "\n".join(regels) + "\n" if regels else ""
