"""Read a decision column back as plain Python values, whatever the frame's library."""

from __future__ import annotations

import warnings
from typing import Any

import narwhals as nw

from meldcode.adapters.dataframe.plat import leeg


def kolom(df: Any, naam: str) -> list[Any]:
    """The values of column ``naam`` (a lazy frame is collected); empty cells become ``None``."""
    with warnings.catch_warnings():
        # narwhals announces that its Dask support moves to a separate package; it still works
        warnings.filterwarnings("ignore", message=".*Dask support is moving.*")
        nwdf = nw.from_native(df)
    if isinstance(nwdf, nw.LazyFrame):
        nwdf = nwdf.collect()
    return [None if leeg(v) else v for v in nwdf[naam].to_list()]
