"""The conformance kit: test vectors any language can run against a meldcode API.

``vectoren.json`` (shipped next to this module) holds the public vignettes and the example
cases as language-neutral vectors: an input case in the exchange format and the decision fields
expected for it. ``conformance.md`` (also shipped) is the short spec of how to compare; this
module is its reference implementation, and ``meldcode conformance --url URL`` runs it against a
running service. ``examples/node/conformance.mjs`` does the same in Node.js with nothing but the
standard library.

How to compare (the whole rule): for each key of ``verwacht`` the decision must have that key
with an equal JSON value; for ``contacten_bevat`` the decision's ``contacten`` must contain every
listed party (in any order). Keys the vector does not name are not checked.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

__all__ = ["FORMAAT", "afwijkingen", "controleer_dienst", "vectoren"]

FORMAAT = "meldcode-conformance/1"
"""The format of ``vectoren.json``; a new incompatible format gets a new number."""


def vectoren() -> list[dict[str, Any]]:
    """The shipped vectors: each ``{"id", "bron", "casus", "verwacht"}``."""
    tekst = resources.files("meldcode.testing").joinpath("vectoren.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(tekst)
    if data.get("formaat") != FORMAAT:  # pragma: no cover - a damaged installation
        raise ValueError(f"vectoren.json is not in format {FORMAAT}")
    uit: list[dict[str, Any]] = data["vectoren"]
    return uit


def afwijkingen(vector: Mapping[str, Any], besluit: Mapping[str, Any]) -> list[str]:
    """Every expectation of ``vector`` that the decision ``besluit`` (JSON) does not meet."""
    out: list[str] = []
    for sleutel, verwacht in vector["verwacht"].items():
        if sleutel == "contacten_bevat":
            ontbreekt = [p for p in verwacht if p not in besluit.get("contacten", [])]
            if ontbreekt:
                out.append(f"{vector['id']}: contacten lacks {ontbreekt}")
        elif sleutel not in besluit:
            out.append(f"{vector['id']}: {sleutel} is missing (expected {verwacht!r})")
        elif besluit[sleutel] != verwacht:
            out.append(f"{vector['id']}: {sleutel} is {besluit[sleutel]!r}, expected {verwacht!r}")
    return out


def controleer_dienst(
    url: str, sleutel: str, *, alle: Sequence[Mapping[str, Any]] | None = None, tijd: float = 30
) -> tuple[int, list[str]]:
    """Decide every vector with the API at ``url`` (ending in ``/v1``); (passed, failures)."""
    geslaagd = 0
    fouten: list[str] = []
    for vector in alle if alle is not None else vectoren():
        verzoek = urllib.request.Request(
            f"{url.rstrip('/')}/besluiten",
            data=json.dumps(vector["casus"]).encode("utf-8"),
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json",
                "Authorization": f"Bearer {sleutel}",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(verzoek, timeout=tijd) as antwoord:
                besluit = json.loads(antwoord.read())
        except urllib.error.HTTPError as exc:
            fouten.append(f"{vector['id']}: HTTP {exc.code}")
            continue
        except (urllib.error.URLError, OSError, ValueError) as exc:
            fouten.append(f"{vector['id']}: no answer ({type(exc).__name__})")
            continue
        verschil = afwijkingen(vector, besluit)
        if verschil:
            fouten.extend(verschil)
        else:
            geslaagd += 1
    return geslaagd, fouten
