"""meldcode as an HTTP service: a JSON API by the Dutch API Design Rules (``meldcode serve``).

``maak_app(instellingen)`` builds the FastAPI application: the decisions, explanations, rule
base, schemas, profiles, dossiers and evaluation figures under ``/v1``, each a router of its own,
behind bearer API keys per organisation (``meldcode sleutel maak ORG``). Request bodies are read
by the library's own JSON readers and answers written by its writers: the contract is the one of
the library and the command line. Needs ``meldcode[service]`` (FastAPI, uvicorn, platformdirs).
"""

from __future__ import annotations

from meldcode.adapters.http.app import API_VERSIE, maak_app
from meldcode.adapters.http.instellingen import Instellingen

__all__ = ["API_VERSIE", "Instellingen", "maak_app"]
