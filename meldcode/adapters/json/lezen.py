r"""Decode JSON text strictly: one reading of the input, or an error that says where it went wrong.

``json.loads`` alone accepts input that can change a decision without a word, or end a run with
an exception that is not ``OngeldigeInvoer``. Every JSON reader of meldcode (cases, batches,
dossier events, evaluation lines) decodes through ``laad_json``, which:

- refuses a **duplicate key** (``{"acute_onveiligheid": "ja", "acute_onveiligheid": "nee"}``):
  with last-wins the report would silently disappear;
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
from collections.abc import Iterator
from typing import Any

from meldcode.adapters.json.sleutels import toon_sleutel
from meldcode.errors import Fout, OngeldigeInvoer

__all__ = ["MAX_CIJFERS", "MAX_DIEPTE", "GrootGetal", "decodeer", "laad_json", "laad_json_reeks"]

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
    stapel: list[tuple[str, object]] = [("", data)]
    while stapel:
        pad, waarde = stapel.pop()
        if isinstance(waarde, dict):
            if isinstance(waarde, _Dubbel):
                for sleutel in waarde.dubbel:
                    getoond, _ = toon_sleutel(sleutel)
                    veld = _stap(pad, getoond)
                    yield Fout(
                        veld,
                        repr(sleutel) if getoond == sleutel else "<key>",
                        f"{veld} appears more than once (duplicate key): which copy counts "
                        "would be a guess",
                    )
            for sleutel, sub in reversed(waarde.items()):
                getoond, _ = toon_sleutel(sleutel)
                stapel.append((_stap(pad, getoond), sub))
        elif isinstance(waarde, list):
            stapel.extend((_stap(pad, i), sub) for i, sub in reversed(list(enumerate(waarde))))


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
    uit: list[object | OngeldigeInvoer] = list(data)
    if dubbel:
        for i, element in enumerate(data):
            fouten = list(_dubbele_sleutels(element))
            if fouten:
                uit[i] = OngeldigeInvoer(fouten)
    for plek, (_, _, pad) in te_diep.items():
        melding = f"{pad or 'the element'} is nested more than {MAX_DIEPTE} levels deep"
        uit[plek] = OngeldigeInvoer([Fout(pad, "<value>", f"{melding} (the array counts as one)")])
    return uit
