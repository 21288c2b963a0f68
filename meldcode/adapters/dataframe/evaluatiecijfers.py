"""The evaluation figures of 003 §1.5.3 from a table of decisions (pandas, polars, ...).

The frame has one row per decided case: a date column (``datum``) and the decision columns
``besluit.melden``, ``besluit.hulp_organiseren``, ``besluit.veilig_thuis_raadplegen``,
``besluit.spoed`` and ``besluit.dossier_sluiten`` (the columns ``beslis_frame`` adds; another
prefix with ``prefix=``). Other columns are ignored. The counting is a narwhals ``group_by`` on
the frame's own backend; what each figure means is exactly what
``meldcode.rules.evaluatiecijfers.evaluatiecijfers_uit_besluiten`` counts, and the result is
the same ``Evaluatiecijfers``.

A row without a usable date or with an empty decision (a row ``beslis_frame`` could not decide)
is not counted: it is listed in ``overgeslagen`` by its position, with the column and a safe
rendering of the value. Requires narwhals (``pip install meldcode[dataframe]``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import narwhals as nw

from meldcode.adapters.dataframe.plat import dubbele_kolommen, leeg
from meldcode.adapters.json.casus import datum_uit_tekst
from meldcode.domain._validatie import toon
from meldcode.errors import Fout, OngeldigeInvoer
from meldcode.rules.evaluatiecijfers import (
    Eenheid,
    Evaluatiecijfers,
    Overgeslagen,
    Periode,
    Periodecijfers,
    cijfers_uit_perioden,
    datumfout,
    kies_periode,
    periodesleutel,
)

__all__ = ["BESLISSINGEN", "evaluatiecijfers_uit_frame"]

BESLISSINGEN: tuple[str, ...] = (
    "melden",
    "hulp_organiseren",
    "veilig_thuis_raadplegen",
    "spoed",
    "dossier_sluiten",
)
"""The decision columns the figures read (each with the prefix, ``besluit.melden``)."""

_PERIODE = "__evaluatie_periode"
_TELBAAR = "__evaluatie_telbaar"


def _python(waarde: object) -> object:
    """A native scalar: numpy scalars unwrapped, timestamps as datetimes."""
    if type(waarde).__module__ == "numpy" and hasattr(waarde, "item"):
        waarde = waarde.item()
    if hasattr(waarde, "to_pydatetime"):
        waarde = waarde.to_pydatetime()
    return waarde


def _datum(waarde: object) -> object:
    """The cell as a ``date`` where it is one (a timestamp's day, text ``YYYY-MM-DD``), else as is.

    Text in any other form that Python reads as a date (a week date ``2018-W10-1``, the basic
    form ``20180305``) stays as is: ``datumfout`` reports it, naming the column.
    """
    if leeg(waarde):
        return None
    waarde = _python(waarde)
    if isinstance(waarde, dt.datetime):
        return waarde.date()
    return datum_uit_tekst(waarde) or waarde


def _beslissing(kolom: str, waarde: object) -> Fout | None:
    if leeg(waarde):
        return Fout(kolom, "None", f"{kolom} must be true or false (got None: not decided)")
    waarde = _python(waarde)
    if isinstance(waarde, bool):
        return None
    shown = toon(waarde) if not isinstance(waarde, str) else "<text>"
    return Fout(kolom, shown, f"{kolom} must be true or false (got {shown})")


def evaluatiecijfers_uit_frame(
    frame: Any,
    periode: Periode | str = Periode.KWARTAAL,
    *,
    prefix: str = "besluit.",
    datum: str = "datum",
) -> Evaluatiecijfers:
    """The figures of a frame of decisions, per period of the ``datum`` column.

    Gives what ``evaluatiecijfers_uit_besluiten`` gives for the same dated decisions. Raises
    ``OngeldigeInvoer`` for an unknown ``periode`` or a missing column (naming it), and
    ``TypeError`` for a lazy frame (collect it first).
    """
    p = kies_periode(periode)
    try:
        df = nw.from_native(frame, eager_only=True)
    except nw.exceptions.DuplicateError:
        raise dubbele_kolommen(frame) from None
    kolommen = {naam: f"{prefix}{naam}" for naam in BESLISSINGEN}
    ontbreekt = [k for k in (datum, *kolommen.values()) if k not in df.columns]
    if ontbreekt:
        raise OngeldigeInvoer(
            [Fout(k, "<missing>", f"column {k!r} is required") for k in ontbreekt]
        )

    # per row, in Python: its period and whether it can be counted (the same checks as the core)
    sleutels: list[str | None] = []
    overgeslagen: list[Overgeslagen] = []
    waarden = {k: df[k].to_list() for k in kolommen.values()}
    for i, cel in enumerate(df[datum].to_list()):
        d = _datum(cel)
        fouten = [f for f in (datumfout(datum, d),) if f is not None]
        fouten += [f for k in kolommen.values() if (f := _beslissing(k, waarden[k][i])) is not None]
        if fouten:
            overgeslagen.append(Overgeslagen(positie=i, fouten=tuple(fouten)))
            sleutels.append(None)
        else:
            assert isinstance(d, dt.date)
            sleutels.append(periodesleutel(d, p))

    # the counting: a group_by on the frame's own backend
    ns = nw.get_native_namespace(df)
    telbaar = [s is not None for s in sleutels]
    goed = df.select(*kolommen.values()).with_columns(
        nw.new_series(_PERIODE, [s or "" for s in sleutels], nw.String, backend=ns),
        nw.new_series(_TELBAAR, telbaar, nw.Boolean, backend=ns),
    )
    goed = goed.filter(nw.col(_TELBAAR))
    b = {naam: nw.col(k).cast(nw.Boolean) for naam, k in kolommen.items()}
    goed = goed.with_columns(
        (b["melden"] | b["hulp_organiseren"] | b["veilig_thuis_raadplegen"] | b["spoed"])
        .cast(nw.Int64)
        .alias("vermoedens"),
        b["veilig_thuis_raadplegen"].cast(nw.Int64).alias("veilig_thuis_geraadpleegd"),
        b["hulp_organiseren"].cast(nw.Int64).alias("hulp_georganiseerd"),
        b["melden"].cast(nw.Int64).alias("gemeld"),
        b["spoed"].cast(nw.Int64).alias("spoed_"),
        b["dossier_sluiten"].cast(nw.Int64).alias("gesloten"),
        (~b["dossier_sluiten"]).cast(nw.Int64).alias("lopend"),
    )
    sommen = (
        "vermoedens",
        "veilig_thuis_geraadpleegd",
        "hulp_georganiseerd",
        "gemeld",
        "spoed_",
        "gesloten",
        "lopend",
    )
    groepen = goed.group_by(_PERIODE).agg(
        nw.len().alias("gevallen"), *(nw.col(s).sum() for s in sommen)
    )
    rijen = [
        Periodecijfers(
            periode=str(r[_PERIODE]),
            gevallen=int(r["gevallen"]),
            vermoedens=int(r["vermoedens"]),
            veilig_thuis_geraadpleegd=int(r["veilig_thuis_geraadpleegd"]),
            hulp_georganiseerd=int(r["hulp_georganiseerd"]),
            gemeld=int(r["gemeld"]),
            spoed=int(r["spoed_"]),
            gesloten=int(r["gesloten"]),
            lopend=int(r["lopend"]),
        )
        for r in groepen.iter_rows(named=True)
    ]
    return cijfers_uit_perioden(rijen, p, eenheid=Eenheid.BESLUIT, overgeslagen=overgeslagen)
