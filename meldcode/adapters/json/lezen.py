r"""Decode JSON text strictly: one reading of the input, or an error that says where it went wrong.

``json.loads`` alone accepts input that can change a decision without a word, or end a run with
an exception that is not ``OngeldigeInvoer``. Every JSON reader of meldcode (cases, batches,
dossier events, evaluation lines) decodes through ``laad_json``, which:

- refuses a **duplicate key** (``{"acute_onveiligheid": "ja", "acute_onveiligheid": "nee"}``):
  with last-wins the report would silently disappear (a reader of cases or events names it with
  the document's other problems: ``decodeer_json`` keeps the object marked, ``lees_gedecodeerd``
  reads it and judges nothing inside an object that holds a duplicate);
- refuses nesting deeper than ``MAX_DIEPTE`` levels (the contract needs four) instead of
  raising ``RecursionError``;
- reads an integer of more than ``MAX_CIJFERS`` digits as a value no field accepts, so the field
  that holds it is named (``json.loads`` raises ``ValueError`` beyond 4300 digits);
- accepts a UTF-8 byte-order mark, as .NET and PowerShell write it, and refuses bytes that are
  not UTF-8 with the offset of the first bad byte.

``NaN`` and ``Infinity`` decode to floats, which no field of the contract accepts: the field is
named. Text fields refuse lone surrogates (``\ud800`` escaped in JSON) in the structuring
hooks. Nothing here echoes the input: an error names a position or a path, never the text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from meldcode.adapters.json.sleutels import toon_sleutel
from meldcode.errors import Fout, OngeldigeInvoer

__all__ = [
    "MAX_CIJFERS",
    "MAX_DIEPTE",
    "GrootGetal",
    "decodeer",
    "decodeer_json",
    "heeft_dubbele_sleutel",
    "laad_json",
    "laad_json_reeks",
    "lees_gedecodeerd",
    "lees_json",
    "lees_json_reeks",
]

_T = TypeVar("_T")

MAX_DIEPTE = 32
"""The deepest nesting a JSON document may have (a case needs four levels, an event five)."""
MAX_CIJFERS = 40
"""Integers with more digits than this are read as a ``GrootGetal``, which no field accepts."""

_BOM = "\ufeff"
# a JSON string (with its escapes), optionally followed by the colon that makes it a key, or a
# bracket or comma: enough to follow the nesting without decoding
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"\s*:?|[\[\]{},]', re.DOTALL)


class GrootGetal:
    """An integer too long to be meant as a number here; no field of the contract accepts it.

    Kept in place of the value so that the field holding it can be named in the error.
    """

    __slots__ = ("cijfers",)

    def __init__(self, cijfers: int) -> None:
        self.cijfers = cijfers

    def __repr__(self) -> str:
        return f"<integer of {self.cijfers} digits>"


def _geheel(tekst: str) -> int | GrootGetal:
    if len(tekst.lstrip("-")) > MAX_CIJFERS:
        return GrootGetal(len(tekst.lstrip("-")))
    return int(tekst)


class _Dubbel(dict[str, Any]):
    """A decoded object that had a key more than once (``dubbel``: those keys, in order)."""

    __slots__ = ("dubbel",)

    dubbel: tuple[str, ...]


def _object(paren: list[tuple[str, Any]], gezien: list[bool]) -> dict[str, Any]:
    data = dict(paren)
    if len(data) == len(paren):
        return data
    eerder: set[str] = set()
    dubbel: dict[str, None] = {}
    for sleutel, _waarde in paren:
        if sleutel in eerder:
            dubbel[sleutel] = None
        eerder.add(sleutel)
    uit = _Dubbel(data)
    uit.dubbel = tuple(dubbel)
    gezien[0] = True
    return uit


def _stap(pad: str, deel: str | int) -> str:
    if isinstance(deel, int):
        return f"{pad}[{deel}]"
    return f"{pad}.{deel}" if pad else deel


def _dubbele_sleutels(data: object) -> Iterator[Fout]:
    """Every duplicate key, with its path (walked without recursion)."""
    for _, fout in _dubbele_objecten(data):
        yield fout


def _dubbele_objecten(data: object) -> Iterator[tuple[str, Fout]]:
    """Every duplicate key: the path of the object that holds it, and its error.

    The object's path is made of the keys as they are (to compare with a reader's fields, never
    shown); the error's path shows a key only as ``toon_sleutel`` does.
    """
    stapel: list[tuple[str, str, object]] = [("", "", data)]
    while stapel:
        pad, getoond_pad, waarde = stapel.pop()
        if isinstance(waarde, dict):
            if isinstance(waarde, _Dubbel):
                for sleutel in waarde.dubbel:
                    getoond, _ = toon_sleutel(sleutel)
                    veld = _stap(getoond_pad, getoond)
                    melding = (
                        f"{veld} appears more than once (duplicate key): which copy counts "
                        "would be a guess"
                    )
                    yield pad, Fout(veld, repr(sleutel) if getoond == sleutel else "<key>", melding)
            for sleutel, sub in reversed(waarde.items()):
                getoond, _ = toon_sleutel(sleutel)
                stapel.append((_stap(pad, sleutel), _stap(getoond_pad, getoond), sub))
        elif isinstance(waarde, list):
            stapel.extend(
                (_stap(pad, i), _stap(getoond_pad, i), sub)
                for i, sub in reversed(list(enumerate(waarde)))
            )


def _binnen(veld: str, pad: str) -> bool:
    """Whether the field ``veld`` lies in the object at ``pad`` (``""``: the document)."""
    return not pad or veld == pad or veld.startswith((pad + ".", pad + "["))


def heeft_dubbele_sleutel(data: object, sleutel: str) -> bool:
    """Whether the decoded object ``data`` had ``sleutel`` more than once (``decodeer_json``)."""
    return isinstance(data, _Dubbel) and sleutel in data.dubbel


def lees_gedecodeerd(data: object, lees: Callable[[object], _T], *, dubbel: bool = True) -> _T:
    """``lees(data)`` for a document from ``decodeer_json``: a duplicate key among every problem.

    ``dubbel`` is what ``decodeer_json`` said: whether the document holds a duplicate key
    anywhere (``False``: this is ``lees(data)``, nothing is walked). With one, ``OngeldigeInvoer``
    names each duplicate, and with them every problem ``lees`` finds outside the objects that
    hold one: in such an object which copy counts would be a guess, so nothing in it is judged
    further (a duplicate at the top level leaves the duplicates alone). So a case with a
    duplicate key in ``weging`` and an age of 99 in ``kind`` names both at once.
    """
    dubbele = list(_dubbele_objecten(data)) if dubbel else []
    if not dubbele:
        return lees(data)
    fouten = [fout for _, fout in dubbele]
    try:
        lees(data)
    except OngeldigeInvoer as exc:
        fouten += [f for f in exc.fouten if not any(_binnen(f.veld, pad) for pad, _ in dubbele)]
    raise OngeldigeInvoer(fouten)


def _noteer_sleutel(stapel: list[list[Any]], token: str) -> None:
    """A string followed by its colon is a key: the open object's current part (for a path)."""
    if token[-1] == ":" and stapel and stapel[-1][0] == "{":
        try:
            stapel[-1][1] = json.loads(token[:-1].rstrip())
        except ValueError:
            stapel[-1][1] = "<key>"


def _te_diep(tekst: str) -> str | None:
    """The path at which ``tekst`` nests deeper than ``MAX_DIEPTE``, or ``None``.

    Follows the brackets outside strings; only called when the text has that many brackets.
    """
    stapel: list[list[Any]] = []  # per open container: its bracket and the current key/index
    for m in _TOKEN.finditer(tekst):
        token = m.group()
        if token[0] == '"':
            _noteer_sleutel(stapel, token)
            continue
        if token in "[{":
            stapel.append([token, 0 if token == "[" else None])
            if len(stapel) > MAX_DIEPTE:
                return _pad_van(stapel)
        elif token in "]}":
            if stapel:
                stapel.pop()
        elif stapel and stapel[-1][0] == "[":
            stapel[-1][1] += 1
    return None


def _pad_van(stapel: list[list[Any]]) -> str:
    """The path of the outer containers (three steps at most: enough to name the field)."""
    pad = ""
    for haak, deel in stapel[:-1][:3]:
        if haak == "[":
            pad = _stap(pad, int(deel))
        elif isinstance(deel, str):
            pad = _stap(pad, toon_sleutel(deel)[0])
    return pad


def _te_diepe_elementen(tekst: str) -> dict[int, tuple[int, int, str]]:
    """Per element of a top-level array that nests too deeply: its start, end and path.

    The path is relative to the element. Empty when the text is not an array whose brackets
    balance (the whole document is then refused as ``laad_json`` refuses it).
    """
    uit: dict[int, tuple[int, int, str]] = {}
    stapel: list[list[Any]] = []  # per open container: its bracket and the current key/index
    begin = 0
    pad: str | None = None
    for m in _TOKEN.finditer(tekst):
        token = m.group()
        if token[0] == '"':
            _noteer_sleutel(stapel, token)
        elif token in "[{":
            if not stapel and token != "[":
                return {}
            stapel.append([token, 0 if token == "[" else None])
            if len(stapel) == 2:
                begin, pad = m.start(), None
            elif len(stapel) > MAX_DIEPTE and pad is None:
                pad = _pad_van(stapel[1:])
        elif token in "]}":
            if not stapel:
                return {}
            stapel.pop()
            if not stapel:
                return uit  # what follows the array is the document's to refuse
            if len(stapel) == 1 and pad is not None:
                uit[stapel[0][1]] = (begin, m.end(), pad)
                pad = None
        elif stapel and stapel[-1][0] == "[":
            stapel[-1][1] += 1
    return {}


def decodeer(tekst: str | bytes) -> str:
    """``tekst`` as a string: bytes decoded as strict UTF-8, a leading byte-order mark dropped.

    Bytes that are not UTF-8 raise ``OngeldigeInvoer`` with the offset of the first bad byte.
    """
    if isinstance(tekst, bytes | bytearray):
        try:
            tekst = bytes(tekst).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise OngeldigeInvoer(
                [Fout("", "<bytes>", f"not valid UTF-8 (byte {exc.start} cannot be decoded)")]
            ) from None
    return tekst[1:] if tekst.startswith(_BOM) else tekst


def _decodeer_json(tekst: str | bytes) -> tuple[object, bool]:
    """The decoded document, and whether it holds a duplicate key anywhere."""
    tekst = decodeer(tekst)
    if tekst.count("[") + tekst.count("{") > MAX_DIEPTE:
        diep = _te_diep(tekst)
        if diep is not None:
            raise OngeldigeInvoer(
                [
                    Fout(
                        diep,
                        "<value>",
                        f"{diep or 'the input'} is nested more than {MAX_DIEPTE} levels deep",
                    )
                ]
            )
    gezien = [False]
    decoder = json.JSONDecoder(
        object_pairs_hook=lambda paren: _object(paren, gezien), parse_int=_geheel
    )
    try:
        data = decoder.decode(tekst)
    except json.JSONDecodeError as exc:
        leeg = " (empty input)" if not tekst.strip() else ""
        raise OngeldigeInvoer(
            [Fout("", "<text>", f"not valid JSON at character {exc.pos}{leeg}")]
        ) from None
    except RecursionError:  # pragma: no cover - the scan above stops this first
        raise OngeldigeInvoer(
            [Fout("", "<text>", f"the input is nested more than {MAX_DIEPTE} levels deep")]
        ) from None
    except ValueError:  # pragma: no cover - a number the decoder cannot convert
        raise OngeldigeInvoer(
            [Fout("", "<text>", "not valid JSON (a number out of range)")]
        ) from None
    return data, gezien[0]


def laad_json(tekst: str | bytes) -> object:
    """Decode one JSON document strictly (see the module); ``OngeldigeInvoer`` names the problem."""
    data, dubbel = _decodeer_json(tekst)
    if dubbel:
        raise OngeldigeInvoer(list(_dubbele_sleutels(data)))
    return data


def decodeer_json(tekst: str | bytes) -> tuple[object, bool]:
    """Decode one JSON document strictly, but keep an object with a duplicate key, marked.

    Returns the document and whether it holds a duplicate key anywhere. For a reader that names
    a duplicate key among the document's other problems: pass both to ``lees_gedecodeerd``,
    never the document to a reader on its own (the last copy of a duplicate stands in the
    object, and it must not silently count).
    """
    return _decodeer_json(tekst)


def lees_json(tekst: str | bytes, lees: Callable[[object], _T]) -> _T:
    """Decode ``tekst`` strictly and read it with ``lees``: every problem at once, duplicates too.

    (``decodeer_json``, then ``lees_gedecodeerd``.)
    """
    data, dubbel = _decodeer_json(tekst)
    return lees_gedecodeerd(data, lees, dubbel=dubbel)


def laad_json_reeks(
    tekst: str | bytes, *, wat: str = "a JSON array"
) -> list[object | OngeldigeInvoer]:
    """Decode a JSON array strictly, each element on its own: a batch of cases.

    The document as a whole must decode (else ``OngeldigeInvoer``, as ``laad_json`` raises) and
    be an array (else the error says ``wat`` was expected). A duplicate key inside an element, or
    an element nested deeper than ``MAX_DIEPTE`` levels (the array counts as one), makes that
    element an ``OngeldigeInvoer`` in its place (paths relative to the element), so the elements
    around it are still read. (A deep element is found without decoding, at any depth, and
    blanked to ``null`` of the same length before the rest is decoded: every other element and
    every position in an error stays as it was.)
    """
    return lees_json_reeks(tekst, _zoals_het_is, wat=wat)


def _zoals_het_is(data: object) -> object:
    return data


def lees_json_reeks(
    tekst: str | bytes, lees: Callable[[object], _T], *, wat: str = "a JSON array"
) -> list[_T | OngeldigeInvoer]:
    """``laad_json_reeks`` with each element read by ``lees``: its value, or its error in place.

    An element's error names all its problems at once, a duplicate key among them
    (``lees_gedecodeerd``).
    """
    tekst = decodeer(tekst)
    te_diep: dict[int, tuple[int, int, str]] = {}
    if tekst.count("[") + tekst.count("{") > MAX_DIEPTE:
        te_diep = _te_diepe_elementen(tekst)
    if te_diep:
        delen: list[str] = []
        vorige = 0
        for begin, eind, _ in te_diep.values():
            delen += [tekst[vorige:begin], "null".ljust(eind - begin)]
            vorige = eind
        delen.append(tekst[vorige:])
        tekst = "".join(delen)
    data, dubbel = _decodeer_json(tekst)
    if not isinstance(data, list):
        raise OngeldigeInvoer([Fout("", "<value>", f"expected {wat}")])
    uit: list[_T | OngeldigeInvoer] = []
    for plek, element in enumerate(data):
        if plek in te_diep:
            pad = te_diep[plek][2]
            melding = f"{pad or 'the element'} is nested more than {MAX_DIEPTE} levels deep"
            fout = Fout(pad, "<value>", f"{melding} (the array counts as one)")
            uit.append(OngeldigeInvoer([fout]))
            continue
        try:
            uit.append(lees_gedecodeerd(element, lees, dubbel=dubbel))
        except OngeldigeInvoer as exc:
            uit.append(exc)
    return uit
