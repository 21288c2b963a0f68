"""The settings of the service: where the store is, and the limits of one request."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import attrs
from attrs import frozen

__all__ = ["OMGEVING", "Instellingen", "standaard_db"]

OMGEVING = "MELDCODE_SERVICE"
"""The environment variable that hands the settings to each worker process (JSON)."""


def standaard_db() -> str:
    """The embedded store of the current user: ``dossiers.sqlite3`` in the user's data folder.

    ``platformdirs`` where installed (``meldcode[service]``), else the XDG rule
    (``$XDG_DATA_HOME/meldcode``, else ``~/.local/share/meldcode``). The folder is created,
    readable by its owner only.
    """
    try:
        from platformdirs import user_data_dir

        map_ = Path(user_data_dir("meldcode", appauthor=False))
    except ImportError:  # pragma: no cover - the service extra brings platformdirs
        basis = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        map_ = Path(basis) / "meldcode"
    map_.mkdir(parents=True, exist_ok=True, mode=0o700)
    return str(map_ / "dossiers.sqlite3")


@frozen(kw_only=True)
class Instellingen:
    """What one service instance needs; every field has a safe default.

    ``db``: a SQLite file or a ``postgresql://`` URL (default: ``standaard_db()``).
    ``max_bytes``: the largest request body; ``max_batch``: the most cases in one batch;
    ``tijdslimiet``: seconds a request may take before the client gets a 503.
    ``contact``: the OpenAPI ``info.contact`` (``name``, ``url``, ``email``) of whoever runs
    the service, when given.
    """

    db: str = attrs.field(factory=standaard_db)
    max_bytes: int = 1_048_576
    max_batch: int = 1000
    tijdslimiet: float = 30.0
    contact: dict[str, str] | None = None

    def naar_json(self) -> str:
        """The settings as JSON text (for ``OMGEVING``)."""
        return json.dumps(attrs.asdict(self))

    @classmethod
    def uit_json(cls, tekst: str) -> Instellingen:
        """Settings from ``naar_json`` text."""
        data: dict[str, Any] = json.loads(tekst)
        return cls(**data)

    @classmethod
    def uit_omgeving(cls) -> Instellingen:
        """The settings in ``$MELDCODE_SERVICE``, else the defaults."""
        tekst = os.environ.get(OMGEVING)
        return cls() if not tekst else cls.uit_json(tekst)
