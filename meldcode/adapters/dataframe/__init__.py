"""Dataframes: decide whole populations in one pass (pandas, polars, lazy polars, Dask).

``beslis_frame`` and ``vergelijk`` (``dataframe.beslis``) are the entry points; ``vertaling``
translates the rule base into narwhals expressions, ``plat`` names the flat columns,
``populatie`` draws synthetic populations and ``evaluatiecijfers`` counts §1.5.3 figures.
"""

from meldcode.adapters.dataframe.beslis import (
    BESLUIT_KOLOMMEN,
    KENMERKEN,
    VLAGKOLOMMEN,
    Vergelijking,
    beslis_frame,
    frame_uit_casussen,
    kolommen,
    vergelijk,
)

__all__ = [
    "BESLUIT_KOLOMMEN",
    "KENMERKEN",
    "VLAGKOLOMMEN",
    "Vergelijking",
    "beslis_frame",
    "frame_uit_casussen",
    "kolommen",
    "vergelijk",
]
