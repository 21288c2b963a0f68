"""Internal evaluation figures: how often suspicions occur, how they are handled, how many reported.

003 §1.5.3 asks the zorgcoördinator to monitor "hoe vaak vermoedens van kindermishandeling
binnen de school voorkomen, op welke wijze daarmee wordt omgegaan en in hoeveel gevallen de
vermoedens tot een daadwerkelijke melding leiden" (``BRON``, ``CITAAT``). This module counts
exactly that, per month, quarter or year, from dossiers or from dated decisions.

Every counted item is first reduced to a ``Geval``: the date that places it in a period and six
yes/no facts (suspicion, Veilig Thuis consulted, help organised, reported, urgent, closed).

- A **dossier** counts once, in the period of its first signal (the earliest effective
  ``signaal_vastgelegd``; without one, its earliest event). Its facts are what its effective
  events record up to ``op`` (all of them when ``op`` is ``None``): a *vermoeden* is a weighing
  that answered afweging 1 with ``ja`` or ``twijfel``, a decision to report, or a report; Veilig
  Thuis is consulted when a ``consultatie_gehouden`` with ``veilig_thuis`` is recorded; help is
  organised when ``hulp_afgesproken`` is recorded; *gemeld* is a recorded ``melding_gedaan`` (the
  source's "daadwerkelijke melding"), *spoed* one marked as an emergency report; *gesloten* is
  the state of ``Toestand.gesloten`` (closed, and not reopened by a later signal).
- A **decision** (``Besluit`` with the date of its case) counts in the period of that date. A
  decision carries no weighing, so its *vermoeden* is what the decision does about one: report,
  organise help, consult Veilig Thuis, or act at once (the rule bases consult Veilig Thuis as
  soon as a suspicion remains, 003 §1.4 and 000 stap 2). The other facts are its decisions
  ``veilig_thuis_raadplegen``, ``hulp_organiseren``, ``melden`` (decided, not necessarily made),
  ``spoed`` and ``dossier_sluiten``.

Every figure is a count: no dossier id, date or text of a case is ever part of the result. In a
batch, an item that cannot be counted is skipped and reported (``Overgeslagen``: its position and
the problems, each naming the field and a safe rendering of the value); the others are counted.
Pure: no clock (the reference date ``op`` is an input), no I/O.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Sequence

from attrs import frozen

from meldcode.domain._validatie import toon
from meldcode.domain.besluit import Besluit
from meldcode.domain.dossier import (
    BesluitGenomen,
    ConsultatieGehouden,
    Dossier,
    DossierGesloten,
    HulpAfgesproken,
    MeldingGedaan,
    SignaalVastgelegd,
    WegingVastgelegd,
)
from meldcode.domain.waarden import Oordeel, Partij
from meldcode.errors import Fout, OngeldigeInvoer
from meldcode.rules.model import Bron
from meldcode.rules.regels import FEDRA

__all__ = [
    "BRON",
    "CITAAT",
    "TELLINGEN",
    "TOTAAL",
    "Eenheid",
    "Evaluatiecijfers",
    "Geval",
    "Overgeslagen",
    "Periode",
    "Periodecijfers",
    "Telling",
    "cijfers_uit_perioden",
    "datumfout",
    "evaluatiecijfers_uit_besluiten",
    "evaluatiecijfers_uit_dossiers",
    "geval_uit_besluit",
    "geval_uit_dossier",
    "kies_periode",
    "periodesleutel",
    "tel",
]

BRON = Bron(FEDRA, "1.5.3 Interne evaluatie")
"""Where the evaluation figures are asked for."""

CITAAT = (
    "Het is ook belangrijk dat de zorgcoördinator monitort hoe vaak vermoedens van "
    "kindermishandeling binnen de school voorkomen, op welke wijze daarmee wordt omgegaan en in "
    "hoeveel gevallen de vermoedens tot een daadwerkelijke melding leiden."
)
"""The source's own words (verbatim)."""

TOTAAL = "totaal"
"""The ``periode`` of the totals row."""

_VERMOEDEN = frozenset({Oordeel.JA, Oordeel.TWIJFEL})
_SLEUTEL = re.compile(r"[A-Za-z0-9_-]{1,40}")


class Periode(enum.Enum):
    """The length of a period: its value is the name accepted as input."""

    MAAND = "maand"
    KWARTAAL = "kwartaal"
    JAAR = "jaar"


class Eenheid(enum.Enum):
    """What was counted: dossiers, or dated decisions."""

    DOSSIER = "dossier"
    BESLUIT = "besluit"


def kies_periode(periode: Periode | str) -> Periode:
    """The ``Periode`` named ``maand``, ``kwartaal`` or ``jaar``; else ``OngeldigeInvoer``."""
    if isinstance(periode, Periode):
        return periode
    naam: object = periode  # callers may pass anything
    if isinstance(naam, str):
        try:
            return Periode(naam)
        except ValueError:
            pass
    toegestaan = ", ".join(repr(p.value) for p in Periode)
    # a value that does not look like a key may be free text: shown by its type only
    sleutelachtig = not isinstance(naam, str) or _SLEUTEL.fullmatch(naam)
    waarde = toon(naam) if sleutelachtig else "<text>"
    raise OngeldigeInvoer(
        [Fout("periode", waarde, f"periode must be one of {toegestaan} (got {waarde})")]
    )


def periodesleutel(datum: dt.date, periode: Periode | str = Periode.KWARTAAL) -> str:
    """The key of the period ``datum`` falls in: ``2026-03``, ``2026-Q1`` or ``2026``.

    Keys of one kind sort as their periods do.
    """
    p = kies_periode(periode)
    if p is Periode.MAAND:
        return f"{datum.year:04d}-{datum.month:02d}"
    if p is Periode.KWARTAAL:
        return f"{datum.year:04d}-Q{(datum.month - 1) // 3 + 1}"
    return f"{datum.year:04d}"


_SLEUTELS = {
    Periode.MAAND: re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"),
    Periode.KWARTAAL: re.compile(r"^(\d{4})-Q([1-4])$"),
    Periode.JAAR: re.compile(r"^(\d{4})$"),
}
_PER_JAAR = {Periode.MAAND: 12, Periode.KWARTAAL: 4, Periode.JAAR: 1}


def _volgnummer(sleutel: object, periode: Periode) -> int:
    """The period as a running number (year times periods per year, plus its index)."""
    treffer = _SLEUTELS[periode].match(sleutel) if isinstance(sleutel, str) else None
    if treffer is None:
        sleutelachtig = isinstance(sleutel, str) and _SLEUTEL.fullmatch(sleutel)
        waarde = toon(sleutel) if sleutelachtig or not isinstance(sleutel, str) else "<text>"
        raise OngeldigeInvoer(
            [
                Fout(
                    "periode",
                    waarde,
                    f"periode must be a {periode.value} key like "
                    f"{periodesleutel(dt.date(2026, 3, 1), periode)!r} (got {waarde})",
                )
            ]
        )
    jaar = int(treffer.group(1))
    index = int(treffer.group(2)) - 1 if periode is not Periode.JAAR else 0
    return jaar * _PER_JAAR[periode] + index


def _sleutel(volgnummer: int, periode: Periode) -> str:
    jaar, index = divmod(volgnummer, _PER_JAAR[periode])
    if periode is Periode.MAAND:
        return f"{jaar:04d}-{index + 1:02d}"
    if periode is Periode.KWARTAAL:
        return f"{jaar:04d}-Q{index + 1}"
    return f"{jaar:04d}"


# --- results ---------------------------------------------------------------------------------


@frozen(kw_only=True)
class Telling:
    """One count of ``Periodecijfers``: its field, a short Dutch column head, and what it counts.

    ``dossier`` and ``besluit`` say in Dutch what the count means for each ``Eenheid``.
    """

    naam: str
    kop: str
    dossier: str
    besluit: str

    def uitleg(self, eenheid: Eenheid) -> str:
        """What this count means for ``eenheid``, in Dutch."""
        return self.dossier if eenheid is Eenheid.DOSSIER else self.besluit


TELLINGEN: tuple[Telling, ...] = (
    Telling(
        naam="gevallen",
        kop="gevallen",
        dossier="dossiers met hun eerste signaal in de periode",
        besluit="besluiten over een casus met een datum in de periode",
    ),
    Telling(
        naam="vermoedens",
        kop="vermoeden",
        dossier="afweging 1 (vermoeden) beantwoord met ja of twijfel, of tot melden besloten, "
        "of gemeld",
        besluit="besloten tot melden, hulp organiseren, Veilig Thuis raadplegen of spoed",
    ),
    Telling(
        naam="veilig_thuis_geraadpleegd",
        kop="VT geraadpleegd",
        dossier="een consultatie met Veilig Thuis vastgelegd",
        besluit="besloten Veilig Thuis te raadplegen",
    ),
    Telling(
        naam="hulp_georganiseerd",
        kop="hulp",
        dossier="hulp in gang gezet (hulp afgesproken)",
        besluit="besloten hulp te organiseren",
    ),
    Telling(
        naam="gemeld",
        kop="gemeld",
        dossier="een melding bij Veilig Thuis gedaan",
        besluit="besloten te melden bij Veilig Thuis",
    ),
    Telling(
        naam="spoed",
        kop="spoed",
        dossier="een melding met spoed gedaan (noodsituatie)",
        besluit="besloten direct contact op te nemen (spoed)",
    ),
    Telling(
        naam="gesloten",
        kop="gesloten",
        dossier="dossier gesloten (en niet heropend door een nieuw signaal)",
        besluit="besloten het dossier te sluiten",
    ),
    Telling(
        naam="lopend",
        kop="lopend",
        dossier="dossier nog niet gesloten",
        besluit="besloten het dossier (nog) niet te sluiten",
    ),
)
"""The counts of ``Periodecijfers``, in column order, with their Dutch heads and meanings."""


@frozen(kw_only=True)
class Periodecijfers:
    """The counts of one period (``2026-Q1``; ``totaal`` for the totals). Counts only.

    Each count is a number of cases (dossiers or decisions) of which the fact holds; a case
    can be counted under several kinds of handling. Always ``gesloten + lopend == gevallen``
    and ``gemeld <= vermoedens <= gevallen``.
    """

    periode: str
    gevallen: int = 0
    vermoedens: int = 0
    veilig_thuis_geraadpleegd: int = 0
    hulp_georganiseerd: int = 0
    gemeld: int = 0
    spoed: int = 0
    gesloten: int = 0
    lopend: int = 0

    def tellingen(self) -> tuple[int, ...]:
        """The counts in the order of ``TELLINGEN``."""
        return tuple(int(getattr(self, t.naam)) for t in TELLINGEN)

    def plus(self, ander: Periodecijfers, periode: str | None = None) -> Periodecijfers:
        """The counts of both added up, under ``periode`` (default: this one's)."""
        som = {
            t.naam: a + b
            for t, a, b in zip(TELLINGEN, self.tellingen(), ander.tellingen(), strict=True)
        }
        return Periodecijfers(periode=self.periode if periode is None else periode, **som)


@frozen(kw_only=True)
class Overgeslagen:
    """An item of the input that was not counted: its position (from 0) and its problems.

    Each ``Fout`` names the field of the item (``datum``, ``besluit``, ``dossier``) and a safe
    rendering of its value, never free text from a case.
    """

    positie: int
    fouten: tuple[Fout, ...]

    @property
    def fout(self) -> OngeldigeInvoer:
        """The problems as the error the item would raise on its own."""
        return OngeldigeInvoer(self.fouten)


@frozen(kw_only=True)
class Evaluatiecijfers:
    """The evaluation figures: one row per period from the first to the last, and the totals.

    Periods without cases between the first and the last are listed with zeros, so a series
    has no gaps. ``overgeslagen`` lists the items that could not be counted; ``op`` is the
    reference date of dossier figures (``None``: every recorded event).
    """

    eenheid: Eenheid
    periode: Periode
    perioden: tuple[Periodecijfers, ...]
    totaal: Periodecijfers
    overgeslagen: tuple[Overgeslagen, ...] = ()
    op: dt.date | None = None

    @property
    def bron(self) -> Bron:
        """The source that asks for these figures (003 §1.5.3)."""
        return BRON

    @property
    def citaat(self) -> str:
        """The source's own words."""
        return CITAAT


@frozen(kw_only=True)
class Geval:
    """One counted case reduced to what the figures need: its date and six facts.

    ``datum`` places it in a period (a dossier's first signal, a decision's case date).
    ``gemeld`` implies ``vermoeden``: a report always rests on a suspicion.
    """

    datum: dt.date
    vermoeden: bool
    veilig_thuis_geraadpleegd: bool
    hulp_georganiseerd: bool
    gemeld: bool
    spoed: bool
    gesloten: bool


# --- one case --------------------------------------------------------------------------------


def geval_uit_dossier(dossier: Dossier, *, op: dt.date | None = None) -> Geval | None:
    """The ``Geval`` of a dossier from its effective events dated up to ``op``.

    ``None`` when nothing was recorded by then (a dossier that has not started counts nowhere).
    """
    geldend = [g for _, g in dossier.geldend() if op is None or g.datum <= op]
    if not geldend:
        return None
    signalen = [g.datum for g in geldend if isinstance(g, SignaalVastgelegd)]
    begin = min(signalen) if signalen else min(g.datum for g in geldend)
    meldingen = [g for g in geldend if isinstance(g, MeldingGedaan)]
    besloten = any(isinstance(g, BesluitGenomen) and g.melden for g in geldend)
    gewogen = any(
        isinstance(g, WegingVastgelegd) and g.weging.vermoeden in _VERMOEDEN for g in geldend
    )
    gesloten = False
    for g in geldend:  # a new signal reopens a closed dossier (000 stap 5a)
        if isinstance(g, DossierGesloten):
            gesloten = True
        elif isinstance(g, SignaalVastgelegd):
            gesloten = False
    return Geval(
        datum=begin,
        vermoeden=gewogen or besloten or bool(meldingen),
        veilig_thuis_geraadpleegd=any(
            isinstance(g, ConsultatieGehouden) and g.consultatie.met is Partij.VEILIG_THUIS
            for g in geldend
        ),
        hulp_georganiseerd=any(isinstance(g, HulpAfgesproken) for g in geldend),
        gemeld=bool(meldingen),
        spoed=any(m.spoed for m in meldingen),
        gesloten=gesloten,
    )


def geval_uit_besluit(datum: dt.date, besluit: Besluit) -> Geval:
    """The ``Geval`` of a decision about a case dated ``datum``."""
    return Geval(
        datum=datum,
        vermoeden=besluit.melden
        or besluit.hulp_organiseren
        or besluit.veilig_thuis_raadplegen
        or besluit.spoed,
        veilig_thuis_geraadpleegd=besluit.veilig_thuis_raadplegen,
        hulp_georganiseerd=besluit.hulp_organiseren,
        gemeld=besluit.melden,
        spoed=besluit.spoed,
        gesloten=besluit.dossier_sluiten,
    )


# --- counting --------------------------------------------------------------------------------


def cijfers_uit_perioden(
    perioden: Iterable[Periodecijfers],
    periode: Periode | str = Periode.KWARTAAL,
    *,
    eenheid: Eenheid,
    overgeslagen: Sequence[Overgeslagen] = (),
    op: dt.date | None = None,
) -> Evaluatiecijfers:
    """Put counts per period together: rows of one key added up, gaps filled, totals added.

    Every ``Periodecijfers.periode`` must be a key of ``periode`` (``2026-Q1`` for quarters);
    ``OngeldigeInvoer`` names the first that is not.
    """
    p = kies_periode(periode)
    per: dict[int, Periodecijfers] = {}
    for rij in perioden:
        n = _volgnummer(rij.periode, p)
        per[n] = rij if n not in per else per[n].plus(rij)
    rijen: list[Periodecijfers] = []
    if per:
        for n in range(min(per), max(per) + 1):
            rijen.append(per.get(n, Periodecijfers(periode=_sleutel(n, p))))
    totaal = Periodecijfers(periode=TOTAAL)
    for rij in rijen:
        totaal = totaal.plus(rij)
    return Evaluatiecijfers(
        eenheid=eenheid,
        periode=p,
        perioden=tuple(rijen),
        totaal=totaal,
        overgeslagen=tuple(overgeslagen),
        op=op,
    )


def tel(
    gevallen: Iterable[Geval],
    periode: Periode | str = Periode.KWARTAAL,
    *,
    eenheid: Eenheid,
    overgeslagen: Sequence[Overgeslagen] = (),
    op: dt.date | None = None,
) -> Evaluatiecijfers:
    """Count cases per period of their ``datum``."""
    p = kies_periode(periode)
    rijen = []
    for g in gevallen:
        rijen.append(
            Periodecijfers(
                periode=periodesleutel(g.datum, p),
                gevallen=1,
                vermoedens=int(g.vermoeden),
                veilig_thuis_geraadpleegd=int(g.veilig_thuis_geraadpleegd),
                hulp_georganiseerd=int(g.hulp_georganiseerd),
                gemeld=int(g.gemeld),
                spoed=int(g.spoed),
                gesloten=int(g.gesloten),
                lopend=int(not g.gesloten),
            )
        )
    return cijfers_uit_perioden(rijen, p, eenheid=eenheid, overgeslagen=overgeslagen, op=op)


def datumfout(veld: str, datum: object) -> Fout | None:
    """``None`` when ``datum`` is a date; else the problem with field ``veld``, for a batch.

    The value is shown only as ``toon`` shows it: text of digits and dashes may be a phone
    number, anything else free text.
    """
    if type(datum) is dt.date:
        return None
    if datum is None:
        return Fout(veld, "None", f"{veld} is required: a date YYYY-MM-DD (got None)")
    if isinstance(datum, dt.datetime):
        waarde = datum.isoformat()
    else:  # text only as ``toon`` shows it: digits and dashes may be a phone number
        waarde = toon(datum)
        waarde = "<text>" if waarde == "<str>" else waarde
    return Fout(veld, waarde, f"{veld} must be a date YYYY-MM-DD (got {waarde})")


def evaluatiecijfers_uit_besluiten(
    besluiten: Iterable[tuple[dt.date, Besluit]],
    periode: Periode | str = Periode.KWARTAAL,
) -> Evaluatiecijfers:
    """The figures of dated decisions: pairs ``(datum, besluit)``, ``datum`` the case's date.

    An item that is not such a pair (no date, a date and time, no ``Besluit``) is skipped and
    listed in ``overgeslagen``; the others are counted. ``OngeldigeInvoer`` for an unknown
    ``periode``.
    """
    p = kies_periode(periode)
    gevallen: list[Geval] = []
    overgeslagen: list[Overgeslagen] = []
    items: Iterable[object] = besluiten  # checked one by one: a batch may hold anything
    for i, item in enumerate(items):
        if not isinstance(item, tuple | list) or len(item) != 2:
            waarde = f"<{type(item).__name__}>"
            fout = Fout("", waarde, f"an item must be a pair (datum, besluit) (got {waarde})")
            overgeslagen.append(Overgeslagen(positie=i, fouten=(fout,)))
            continue
        datum, besluit = item
        fouten = [f for f in (datumfout("datum", datum),) if f is not None]
        if not isinstance(besluit, Besluit):
            waarde = f"<{type(besluit).__name__}>"
            fouten.append(Fout("besluit", waarde, f"besluit must be a Besluit (got {waarde})"))
        if fouten:
            overgeslagen.append(Overgeslagen(positie=i, fouten=tuple(fouten)))
            continue
        gevallen.append(geval_uit_besluit(datum, besluit))
    return tel(gevallen, p, eenheid=Eenheid.BESLUIT, overgeslagen=overgeslagen)


def evaluatiecijfers_uit_dossiers(
    dossiers: Iterable[Dossier],
    periode: Periode | str = Periode.KWARTAAL,
    *,
    op: dt.date | None = None,
) -> Evaluatiecijfers:
    """The figures of a set of dossiers, each in the period of its first signal.

    ``op`` counts only the events dated up to that day (``None``: all), so figures of a past
    period can be reproduced. An item that is not a ``Dossier`` is skipped and listed in
    ``overgeslagen``. ``OngeldigeInvoer`` for an unknown ``periode`` or an ``op`` that is not a
    date.
    """
    p = kies_periode(periode)
    fout = None if op is None else datumfout("op", op)
    if fout is not None:
        raise OngeldigeInvoer([fout])
    gevallen: list[Geval] = []
    overgeslagen: list[Overgeslagen] = []
    items: Iterable[object] = dossiers  # checked one by one: a batch may hold anything
    for i, dossier in enumerate(items):
        if not isinstance(dossier, Dossier):
            waarde = f"<{type(dossier).__name__}>"
            fout = Fout("dossier", waarde, f"dossier must be a Dossier (got {waarde})")
            overgeslagen.append(Overgeslagen(positie=i, fouten=(fout,)))
            continue
        geval = geval_uit_dossier(dossier, op=op)
        if geval is not None:
            gevallen.append(geval)
    return tel(gevallen, p, eenheid=Eenheid.DOSSIER, overgeslagen=overgeslagen, op=op)
