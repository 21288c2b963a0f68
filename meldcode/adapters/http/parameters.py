"""Query parameters held to the body's rules: no unknown name, no repeat, dates as ``YYYY-MM-DD``.

A body refuses an unknown key, a duplicate key and a date that is not ISO ``YYYY-MM-DD``; left to
themselves, FastAPI and pydantic would let the query through with a typo ignored
(``?protocl=2013``), the last of a repeat winning (``?protocol=2013&protocol=2019``) and a
Unix timestamp or a midnight datetime read as a date (``?op=0`` is 1970-01-01). ``strikte_query``
is a dependency of every route of the API (``maak_app`` adds it to each router it includes): it
reads the names a route declares from the route itself, so a new endpoint or parameter is
covered without a list to keep. A date is held to the form of the case's dates
(``datum_uit_tekst``). Every violation is a 400 problem naming the parameter; a value is shown
only as ``toon`` shows it, a name only when it looks like a key.
"""

from __future__ import annotations

import datetime as dt
import difflib
import typing
from collections import Counter
from collections.abc import Iterator
from typing import Any

from fastapi import Request

from meldcode.adapters.http.problemen import ProbleemFout
from meldcode.adapters.json.casus import datum_uit_tekst
from meldcode.domain._validatie import toon
from meldcode.errors import Fout

__all__ = ["query_parameters", "strikte_query"]


def _velden(dependant: Any) -> Iterator[Any]:
    """The query fields of a route's dependant and of all its dependencies (no recursion)."""
    stapel = [dependant]
    while stapel:
        d = stapel.pop()
        yield from d.query_params
        stapel.extend(d.dependencies)


def _is_datum(annotatie: Any) -> bool:
    soorten = typing.get_args(annotatie) or (annotatie,)
    return any(s is dt.date for s in soorten)


def query_parameters(route: Any) -> dict[str, bool]:
    """The query parameters ``route`` declares: name -> whether it is a date."""
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return {}
    return {v.alias: _is_datum(v.field_info.annotation) for v in _velden(dependant)}


def _naam(naam: str) -> str:
    """A parameter's name as an error may show it: itself when it looks like a key."""
    return naam if toon(naam) == repr(naam) else "<parameter>"


def _onbekend(naam: str, waarde: str, bekend: dict[str, bool]) -> Fout:
    getoond = _naam(naam)
    if not bekend:
        neemt = "this endpoint takes no query parameters"
    else:
        neemt = f"this endpoint takes {', '.join(sorted(bekend))}"
        bijna = difflib.get_close_matches(naam, bekend, n=1, cutoff=0.75)
        if bijna:
            neemt = f"did you mean {bijna[0]}? {neemt}"
    return Fout(getoond, toon(waarde), f"{getoond} is not a query parameter here; {neemt}")


async def strikte_query(request: Request) -> None:
    """Refuse an unknown or repeated query parameter, or a date that is not ``YYYY-MM-DD``."""
    bekend = query_parameters(request.scope.get("route"))
    paren = request.query_params.multi_items()
    aantallen = Counter(naam for naam, _ in paren)
    eerste = dict(reversed(paren))
    fouten: list[Fout] = []
    for naam, aantal in aantallen.items():
        if naam not in bekend:
            fouten.append(_onbekend(naam, eerste[naam], bekend))
        elif aantal > 1:
            fouten.append(
                Fout(
                    naam,
                    f"<{aantal} values>",
                    f"{naam} is given {aantal} times; give a query parameter once",
                )
            )
    for naam, waarde in paren:
        if bekend.get(naam) and aantallen[naam] == 1 and datum_uit_tekst(waarde) is None:
            getoond = toon(waarde)
            fouten.append(
                Fout(naam, getoond, f"{naam} must be a date as YYYY-MM-DD (got {getoond})")
            )
    if fouten:
        detail = fouten[0].melding if len(fouten) == 1 else f"{len(fouten)} invalid parameters"
        raise ProbleemFout(400, detail, code="ongeldige_invoer", fouten=fouten)
