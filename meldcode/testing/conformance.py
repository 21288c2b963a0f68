"""The conformance kit: test vectors any language can run against a meldcode API.

``vectoren.json`` (shipped next to this module) holds the public vignettes and the example
cases as language-neutral vectors: an input case in the exchange format and the decision fields
expected for it. ``conformance.md`` (also shipped) is the short spec of how to compare; this
module is its reference implementation, and ``meldcode conformance --url URL`` runs it against a
running service. ``examples/node/conformance.mjs`` does the same in Node.js with nothing but the
standard library.

How to compare (the whole rule): for each key of ``verwacht`` the decision must have that key
with an equal JSON value; for ``contacten_bevat`` the decision's ``contacten`` must be a list that
contains every listed party (in any order). Keys the vector does not name are not checked. Equal
means equal as JSON values (``gelijk``): the same type and the same value, so ``1`` is not
``true``, ``0`` is not ``false`` and ``"true"`` is not ``true``, though a number is a number
whether whole or not (``5`` is ``5.0``). ``meldcode.testing.vignetten`` and the pytest plugin's
``vergelijk`` compare with the same function.

Bad arguments raise ``meldcode.OngeldigeInvoer`` naming the argument (``vector``, ``besluit``,
``url``, ``sleutel``, ``alle``, ``tijd``); a service that answers with something other than a
JSON object fails that vector instead.
"""

from __future__ import annotations

import json
import math
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from meldcode.errors import Fout, OngeldigeInvoer

__all__ = ["FORMAAT", "afwijkingen", "controleer_dienst", "gelijk", "vectoren"]

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


def gelijk(hun: object, ons: object) -> bool:
    """Whether two decoded JSON values are the same value of the same JSON type.

    Python's ``==`` lets ``1 == True`` and ``0 == False``: JSON does not. A boolean equals only
    a boolean; a number (not a boolean) equals a number of the same value (``5`` is ``5.0``);
    text equals only text; ``null`` only ``null``; lists (or tuples) and objects are compared
    item by item, objects on the same keys. This is the one comparison of the testing kit:
    ``afwijkingen`` here, ``Vignet.afwijkingen`` and the pytest plugin's ``vergelijk`` use it.
    """
    if isinstance(hun, bool) or isinstance(ons, bool):
        return isinstance(hun, bool) and isinstance(ons, bool) and hun is ons
    if isinstance(hun, int | float) or isinstance(ons, int | float):
        return isinstance(hun, int | float) and isinstance(ons, int | float) and hun == ons
    if isinstance(hun, list | tuple) or isinstance(ons, list | tuple):
        return (
            isinstance(hun, list | tuple)
            and isinstance(ons, list | tuple)
            and len(hun) == len(ons)
            and all(gelijk(h, o) for h, o in zip(hun, ons, strict=True))
        )
    if isinstance(hun, Mapping) or isinstance(ons, Mapping):
        return (
            isinstance(hun, Mapping)
            and isinstance(ons, Mapping)
            and hun.keys() == ons.keys()
            and all(gelijk(hun[k], ons[k]) for k in ons)
        )
    if isinstance(hun, str) or isinstance(ons, str):
        return isinstance(hun, str) and isinstance(ons, str) and hun == ons
    return type(hun) is type(ons) and hun == ons


def _getoond(waarde: object) -> str:
    """A value as a failure message shows it: ``repr``, with its type unless JSON's own.

    (``1 (int)`` against an expected ``True`` says why they differ.)
    """
    if isinstance(waarde, bool) or waarde is None or isinstance(waarde, str | list | dict):
        return repr(waarde)
    return f"{waarde!r} ({type(waarde).__name__})"


def afwijkingen(vector: Mapping[str, Any], besluit: Mapping[str, Any]) -> list[str]:
    """Every expectation of ``vector`` that the decision ``besluit`` (JSON) does not meet.

    Compared as the module says (``gelijk``: ``1`` is not ``true``). ``OngeldigeInvoer`` names
    ``vector`` when it is not a vector (an object with an ``id`` and an object ``verwacht``) and
    ``besluit`` when that is not a JSON object (a mapping).
    """
    naam, _casus, verwacht = _lees_vector(vector, "vector")
    return _afwijkingen(naam, verwacht, besluit)


def _afwijkingen(naam: str, verwacht: Mapping[str, Any], besluit: Mapping[str, Any]) -> list[str]:
    """Every expectation in ``verwacht`` that ``besluit`` does not meet, each line led by ``naam``.

    The comparison behind ``afwijkingen`` and ``Vignet.afwijkingen``; ``OngeldigeInvoer`` names
    ``besluit`` when it is not a mapping.
    """
    if not isinstance(besluit, Mapping):
        raise OngeldigeInvoer(
            [
                Fout(
                    "besluit",
                    f"<{type(besluit).__name__}>",
                    "besluit must be a decision in the exchange format (a JSON object, a dict)"
                    f" or a Besluit (got {type(besluit).__name__})",
                )
            ]
        )
    out: list[str] = []
    for sleutel, waarde in verwacht.items():
        if sleutel == "contacten_bevat":
            contacten = besluit.get("contacten")
            if not isinstance(contacten, list | tuple):
                out.append(
                    f"{naam}: contacten is {_getoond(contacten)}, expected a list containing "
                    f"{list(waarde)!r}"
                )
                continue
            ontbreekt = [p for p in waarde if not any(gelijk(c, p) for c in contacten)]
            if ontbreekt:
                out.append(f"{naam}: contacten lacks {ontbreekt}")
        elif sleutel not in besluit:
            out.append(f"{naam}: {sleutel} is missing (expected {waarde!r})")
        elif not gelijk(besluit[sleutel], waarde):
            out.append(f"{naam}: {sleutel} is {_getoond(besluit[sleutel])}, expected {waarde!r}")
    return out


def _lees_vector(vector: object, veld: str) -> tuple[str, Any, Mapping[str, Any]]:
    """A vector's ``id``, ``casus`` and ``verwacht``; ``OngeldigeInvoer`` naming ``veld``."""
    if (
        isinstance(vector, Mapping)
        and isinstance(vector.get("id"), str)
        and isinstance(vector.get("verwacht"), Mapping)
    ):
        return vector["id"], vector.get("casus"), vector["verwacht"]
    raise OngeldigeInvoer(
        [
            Fout(
                veld,
                f"<{type(vector).__name__}>",
                f"{veld} must be a vector: an object with a text 'id', a 'casus' and an object "
                "'verwacht' (see vectoren())",
            )
        ]
    )


def controleer_dienst(
    url: str, sleutel: str, *, alle: Sequence[Mapping[str, Any]] | None = None, tijd: float = 30
) -> tuple[int, list[str]]:
    """Decide every vector with the API at ``url`` (ending in ``/v1``); (passed, failures).

    ``alle`` replaces the shipped vectors; ``tijd`` is the timeout of each request in seconds.
    A vector the service does not answer, answers with an HTTP error or with something other
    than a JSON object fails with a line saying so. ``OngeldigeInvoer`` names ``url``,
    ``sleutel``, ``tijd`` or ``alle`` (``alle[3]``) when one is not what is documented.
    """
    fouten: list[str] = []
    gegeven: tuple[tuple[str, object], ...] = (("url", url), ("sleutel", sleutel))
    for veld, waarde in gegeven:  # callers may pass anything
        if not isinstance(waarde, str) or not waarde.strip():
            raise OngeldigeInvoer(
                [Fout(veld, f"<{type(waarde).__name__}>", f"{veld} must be a non-empty text")]
            )
    seconden: object = tijd
    if (
        isinstance(seconden, bool)
        or not isinstance(seconden, int | float)
        or not (math.isfinite(seconden) and seconden > 0)
    ):
        raise OngeldigeInvoer(
            [
                Fout(
                    "tijd",
                    _getoond(tijd),
                    f"tijd must be a number of seconds above 0 (got {tijd!r})",
                )
            ]
        )
    if alle is None:
        alle = vectoren()
    elif isinstance(alle, str | bytes | Mapping) or not isinstance(alle, Sequence):
        raise OngeldigeInvoer(
            [
                Fout(
                    "alle",
                    f"<{type(alle).__name__}>",
                    "alle must be a list of vectors (see vectoren())",
                )
            ]
        )
    gelezen = [_lees_vector(v, f"alle[{i}]") for i, v in enumerate(alle)]
    geslaagd = 0
    for naam, casus, verwacht in gelezen:
        verzoek = urllib.request.Request(
            f"{url.rstrip('/')}/besluiten",
            data=json.dumps(casus).encode("utf-8"),
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
            fouten.append(f"{naam}: HTTP {exc.code}")
            continue
        except (urllib.error.URLError, OSError, ValueError) as exc:
            fouten.append(f"{naam}: no answer ({type(exc).__name__})")
            continue
        if not isinstance(besluit, dict):
            fouten.append(f"{naam}: the answer is not a JSON object ({type(besluit).__name__})")
            continue
        verschil = _afwijkingen(naam, verwacht, besluit)
        if verschil:
            fouten.extend(verschil)
        else:
            geslaagd += 1
    return geslaagd, fouten
