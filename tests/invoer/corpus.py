"""A generated corpus of bad input: every field of a case and of every dossier event, mutated.

Each item is one JSON document on one line (bytes, as a file or a line of a batch holds it) with
the field its error must name. The corpus is generated from full, valid documents:

- every leaf gets wrong values for its type: a boolean gets ``"false"``, ``1``, a list, free
  text; a number gets text, a fraction, ``true``, an integer of 5000 digits, ``NaN``,
  ``Infinity``; a date gets other formats and impossible days; a value set gets unknown words,
  over-long strings and lone surrogates; free text gets numbers, lists and lone surrogates;
- every object gets a near-miss key, a key that is free text, and is replaced by an array, text
  or a number; every key is also written twice (a duplicate key);
- deep nesting, huge numbers, ``NaN``/``Infinity``, every encoding problem (bytes that are not
  UTF-8 in a value and in a key, UTF-16, Latin-1, overlong and surrogate encodings), a
  byte-order mark, empty input, over-long strings, and text that is not JSON at all.

Free text in the corpus is ``GEHEIM`` and a name: it must never come back in any output.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from typing import Any

from attrs import frozen

from meldcode import (
    Casus,
    Consultatie,
    Kind,
    Omstandigheden,
    Oordeel,
    Partij,
    Protocol,
    Signaal,
    SignaalBron,
    SoortSignaal,
    Weging,
    casus_naar_dict,
)
from meldcode.adapters.json.dossier import gebeurtenis_naar_dict
from meldcode.domain.dossier import Correctie
from meldcode.testing.dossier import volledig_voorbeeld

GEHEIM = "GEHEIM Jan de Vries"
"""Free text (a name) that no output may ever contain."""
GEHEIME_SLEUTEL = "GEHEIM Piet Jansen"
"""A key that is free text: no output may contain it either."""
BSN = "123456782"
"""A citizen service number typed where a value belongs: no output may contain it."""
TELEFOON = "06-12345678"
"""A phone number typed where a value belongs: no output may contain it."""
TELEFOON_GETAL = 612345678
"""The same phone number as a JSON number (its leading zero lost), where no number belongs
(a number field may hold a large number: an event's sequence number)."""
VERBODEN = re.compile(r"GEHEIM|Jan de Vries|Piet Jansen|x{60,}|10{59,}|9{60,}|123456782|12345678")
"""What must never appear in an output: the secrets, personal numbers, and runs echoed from
over-long input."""

VRIJE_TEKST = frozenset(
    {
        "omschrijving",
        "plaats",
        "situatie",
        "interpretatie",
        "onderwerp",
        "uitkomst",
        "niet_ondertekend_reden",
        "bezwaren",
        "overwegingen",
        "toelichting",
        "afspraken",
        "reden",
        "monitoring",
    }
)
_DATUM = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@frozen
class Rauw:
    """JSON text written as is (``NaN``, an escape, a huge number)."""

    tekst: str


@frozen
class Bytes:
    """Bytes written as is, where no text could hold them (not UTF-8)."""

    data: bytes


@frozen
class Dubbel:
    """An object written with a key twice: ``paren`` in order."""

    paren: tuple[tuple[str, Any], ...]


@frozen
class Invoer:
    """One corpus item: its name, the document, and the field its error must name.

    ``veld`` is ``None`` for input that is valid (it must be decided), ``""`` for input that is
    not a JSON document at all (no field to name), else the path the error names (a prefix:
    ``weging.vermoeden`` is named by ``weging.vermoeden`` or ``weging.vermoeden[0]``).
    """

    naam: str
    tekst: bytes
    veld: str | None
    wenk: str | None = None  # text the message must hold ("did you mean", ...)


def schrijf(waarde: Any) -> bytes:
    """``waarde`` as one line of JSON; ``Rauw``, ``Bytes`` and ``Dubbel`` written as they say."""
    stukken: list[bytes] = []

    def tekst(x: Any) -> None:
        if isinstance(x, Rauw):
            stukken.append(x.tekst.encode("utf-8"))
        elif isinstance(x, Bytes):
            stukken.append(x.data)
        elif isinstance(x, Dubbel | dict):
            paren = x.paren if isinstance(x, Dubbel) else tuple(x.items())
            stukken.append(b"{")
            for i, (k, v) in enumerate(paren):
                if i:
                    stukken.append(b",")
                sleutel = k.data if isinstance(k, Bytes) else json.dumps(k, ensure_ascii=False)
                stukken.append(sleutel if isinstance(sleutel, bytes) else sleutel.encode())
                stukken.append(b":")
                tekst(v)
            stukken.append(b"}")
        elif isinstance(x, list):
            stukken.append(b"[")
            for i, v in enumerate(x):
                if i:
                    stukken.append(b",")
                tekst(v)
            stukken.append(b"]")
        else:
            stukken.append(json.dumps(x, ensure_ascii=False).encode("utf-8"))

    tekst(waarde)
    return b"".join(stukken)


def _pad(pad: str, deel: str | int) -> str:
    if isinstance(deel, int):
        return f"{pad}[{deel}]"
    return f"{pad}.{deel}" if pad else deel


def bladeren(data: Any, pad: str = "") -> Iterator[tuple[str, str, Any]]:
    """Every leaf and container: ``(path, key, value)`` (the root has path and key ``""``)."""
    yield pad, pad.rsplit(".", 1)[-1].split("[", 1)[0], data
    if isinstance(data, dict):
        for k, v in data.items():
            yield from bladeren(v, _pad(pad, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from bladeren(v, _pad(pad, i))


def vervang(data: Any, pad: str, nieuw: Any) -> Any:
    """A copy of ``data`` with the value at ``pad`` replaced by ``nieuw``."""
    if pad == "":
        return nieuw
    delen = re.findall(r"[^.\[\]]+|\[\d+\]", pad)
    kop = delen[0]
    rest = pad[len(kop) :].lstrip(".")
    if kop.startswith("["):
        i = int(kop[1:-1])
        return [vervang(v, rest, nieuw) if j == i else v for j, v in enumerate(data)]
    return {k: (vervang(v, rest, nieuw) if k == kop else v) for k, v in data.items()}


GROOT = Rauw("1" + "0" * 5000)
LANG = "x" * 100_000
_BOOL = ["false", 1, 0, GEHEIM, [GEHEIM], {"j": True}, Rauw("NaN"), GROOT, TELEFOON_GETAL]
_GETAL = [
    "9",
    9.5,
    True,
    GEHEIM,
    GROOT,
    Rauw("-" + "9" * 400),
    Rauw("NaN"),
    Rauw("Infinity"),
    Rauw("-Infinity"),
    Rauw("1e999"),
    [9],
    TELEFOON,
    BSN,
]
_DATUMS = [
    "14-03-2026",
    20260314,
    GEHEIM,
    "2026-02-30",
    "2026-03-14T10:00",
    LANG,
    BSN,
    TELEFOON_GETAL,
]
_WAARDEN = [
    "misschien",
    1,
    GEHEIM,
    LANG,
    Rauw('"\\ud800"'),
    ["ja"],
    True,
    GROOT,
    TELEFOON,
    TELEFOON_GETAL,
]
_TEKST = [7, [GEHEIM], {"t": GEHEIM}, Rauw(f'"\\ud800 {GEHEIM}"'), Rauw('"\\udfff"'), True]
_PSEUDONIEM = [GEHEIM, 5, LANG, Rauw('"\\ud800"')]
_OBJECT = [[], [GEHEIM], GEHEIM, 5, True]
_LIJST = [{}, GEHEIM, 5, {"soort": "verwaarlozing"}]


def _fout_waarden(sleutel: str, waarde: Any) -> list[Any]:
    if isinstance(waarde, bool):
        return _BOOL
    if isinstance(waarde, int):
        return _GETAL
    if isinstance(waarde, dict):
        return _OBJECT
    if isinstance(waarde, list):
        return _LIJST
    if sleutel == "referentie":
        return _PSEUDONIEM
    if sleutel in VRIJE_TEKST:
        return _TEKST
    if isinstance(waarde, str) and _DATUM.match(waarde):
        return _DATUMS
    return _WAARDEN  # a value set (or an unanswered one, ``null``)


def _andere(waarde: Any) -> Any:
    """Another valid-looking value for a duplicate key: the last copy must not silently win."""
    if isinstance(waarde, bool):
        return not waarde
    if waarde == "ja":
        return "nee"
    return waarde


def _near_miss(sleutel: str) -> str:
    """The key with two letters swapped: a typo that must be shown with a suggestion."""
    i = len(sleutel) // 2
    return sleutel[: i - 1] + sleutel[i] + sleutel[i - 1] + sleutel[i + 1 :]


def _met_dubbel(data: Any, pad: str, sleutel: str) -> Any:
    """``data`` with ``sleutel`` of the object at ``pad`` written twice."""
    obj = data if pad == "" else _haal(data, pad)
    paren = []
    for k, v in obj.items():
        if k == sleutel:
            paren.append((k, _andere(v)))
        paren.append((k, v))
    return vervang(data, pad, Dubbel(tuple(paren)))


def _haal(data: Any, pad: str) -> Any:
    for deel in re.findall(r"[^.\[\]]+|\[\d+\]", pad):
        data = data[int(deel[1:-1])] if deel.startswith("[") else data[deel]
    return data


def _velden(naam: str, data: dict[str, Any], vast: frozenset[str]) -> Iterator[Invoer]:
    """Every field of ``data`` with wrong values, every object with odd keys, every duplicate."""
    for pad, sleutel, waarde in bladeren(data):
        if pad in vast:
            continue  # e.g. ``soort``: the tag that chooses the kind of event (tested apart)
        if pad:
            for i, fout in enumerate(_fout_waarden(sleutel, waarde)):
                yield Invoer(f"{naam}:{pad}:type{i}", schrijf(vervang(data, pad, fout)), pad)
            ouder = pad.rsplit(".", 1)[0] if "." in pad else ""
            if not pad.endswith("]"):  # a key of an object (not an item of a list)
                yield Invoer(
                    f"{naam}:{pad}:dubbel", schrijf(_met_dubbel(data, ouder, sleutel)), pad
                )
        if isinstance(waarde, dict) and waarde:
            eerste = max(waarde, key=len)
            bijna = _near_miss(eerste)
            yield Invoer(
                f"{naam}:{pad or '$'}:near-miss",
                schrijf(vervang(data, pad, {**waarde, bijna: waarde[eerste]})),
                _pad(pad, bijna),
                wenk="did you mean",
            )
            yield Invoer(
                f"{naam}:{pad or '$'}:geheime-sleutel",
                schrijf(vervang(data, pad, {**waarde, GEHEIME_SLEUTEL: True})),
                pad,
            )
            yield Invoer(
                f"{naam}:{pad or '$'}:diep",
                schrijf(vervang(data, pad, Rauw("[" * 3000 + "]" * 3000))),
                pad,
            )


def _document(naam: str, data: dict[str, Any], geldig: bytes) -> Iterator[Invoer]:
    """What goes wrong with a whole document: encodings, nesting, emptiness, not JSON."""
    tekst = geldig.decode("utf-8")
    vrij = next(p for p, k, v in bladeren(data) if k in VRIJE_TEKST and isinstance(v, str))
    sleutel = next(k for k in data if k != "soort")
    ongeldig = {
        "ff-in-tekst": schrijf(vervang(data, vrij, Rauw('"caf\xe9'[:-1] + '"'))).replace(
            b"caf", b"caf\xff", 1
        ),
        "ff-in-sleutel": schrijf({Bytes(b'"ge\xffheim"'): 1, **data}),
        "afgebroken-utf8": geldig[:-1] + b'"\xc3"}',
        "overlong": schrijf(vervang(data, vrij, "x")).replace(b'"x"', b'"\xc0\xaf"', 1),
        "cesu-surrogaat": schrijf(vervang(data, vrij, "x")).replace(b'"x"', b'"\xed\xa0\x80"', 1),
        "latin1": schrijf(vervang(data, vrij, f"café {GEHEIM}")).decode().encode("latin-1"),
        "utf16": tekst.encode("utf-16"),
        "dubbele-bom": b"\xef\xbb\xbf\xef\xbb\xbf" + geldig,
        "nul": geldig.replace(b"{", b"\x00{", 1),
    }
    for soort, data_ in ongeldig.items():
        yield Invoer(f"{naam}:encoding:{soort}", data_, "")
    for diepte, haak in itertools.product((40, 3000, 100_000), ("[", '{"a":')):
        sluit = "]" if haak == "[" else "}"
        kern = haak * diepte + ("1" if haak != "[" else "") + sluit * diepte
        yield Invoer(f"{naam}:diep-{haak[0]}-{diepte}", kern.encode(), "")
    leeg = {
        "leeg": b"",
        "spaties": b"   ",
        "null": b"null",
        "nul-getal": b"0",
        "tekst": b'"' + GEHEIM.encode() + b'"',
        "lijst": b"[]",
        "lijst-van-object": b"[" + geldig + b"]",
        "geen-json": f"dit is geen json {GEHEIM}".encode(),
        "enkele-quotes": b"{'soort': 1}",
        "komma": geldig[:-1] + b",}",
        "rest": geldig + b" {}",
        "groot-getal": GROOT.tekst.encode(),
        "nan": b"NaN",
        "alleen-bom": b"\xef\xbb\xbf",
        "lange-tekst": json.dumps(LANG).encode(),
    }
    for soort, data_ in leeg.items():
        yield Invoer(f"{naam}:{soort}", data_, "")
    yield Invoer(f"{naam}:bom", b"\xef\xbb\xbf" + geldig, None)
    yield Invoer(f"{naam}:emoji", schrijf(vervang(data, vrij, Rauw('"\\ud83d\\ude00"'))), None)
    yield Invoer(f"{naam}:lange-vrije-tekst", schrijf(vervang(data, vrij, LANG)), None)
    yield Invoer(f"{naam}:onbekende-sleutel-top", schrijf({**data, sleutel + "x": 1}), "")


def volle_casus() -> Casus:
    """A case with every field present (so every field gets mutated)."""
    return Casus(
        protocol=Protocol.P2019,
        datum=__import__("datetime").date(2026, 3, 14),
        referentie="lln-0042",
        kind=Kind(leeftijd=9, ongeboren=False),
        signalen=(
            Signaal(
                soort=SoortSignaal.LICHAMELIJK_GEWELD,
                omschrijving="blauwe plekken",
                datum=__import__("datetime").date(2026, 3, 2),
                bron=SignaalBron.EIGEN_WAARNEMING,
            ),
        ),
        consultaties=(Consultatie(met=Partij.INTERN_BEGELEIDER, anoniem=False),),
        omstandigheden=Omstandigheden(),
        weging=Weging(vermoeden=Oordeel.JA, acute_onveiligheid=Oordeel.NEE),
    )


def casus_data() -> dict[str, Any]:
    """The full case as the contract writes it."""
    data = casus_naar_dict(volle_casus())
    data["signalen"][0]["datum"] = "2026-03-02"
    return data


def casus_corpus() -> list[Invoer]:
    """Every bad case: field by field, then the whole document."""
    data = casus_data()
    items = [*_velden("casus", data, frozenset()), *_document("casus", data, schrijf(data))]
    items.append(
        Invoer(
            "casus:ongeboren-met-leeftijd",
            schrijf({**data, "kind": {"leeftijd": 0, "ongeboren": True}}),
            "kind.leeftijd",
        )
    )
    items.append(
        Invoer("casus:bool-null", schrijf({**data, "kind": {"ongeboren": None}}), "kind.ongeboren")
    )
    return items


def gebeurtenis_data() -> list[dict[str, Any]]:
    """Every kind of event of the example dossier, and a correction, as JSON."""
    voorbeeld = volledig_voorbeeld()
    gezien: dict[str, dict[str, Any]] = {}
    for g in voorbeeld:
        gezien.setdefault(g.soort, gebeurtenis_naar_dict(g))
    correctie = Correctie(
        datum=voorbeeld[0].datum, verwijst_naar=1, vervanging=voorbeeld[0], reden="typfout"
    )
    gezien["correctie"] = gebeurtenis_naar_dict(correctie)
    return list(gezien.values())


def gebeurtenis_corpus() -> list[Invoer]:
    """Every bad event: each kind field by field, the tag, and the whole document."""
    items: list[Invoer] = []
    for data in gebeurtenis_data():
        naam = data["soort"]
        items += _velden(naam, data, frozenset({"soort"}))
    eerste = gebeurtenis_data()[0]
    items += _document("gebeurtenis", eerste, schrijf(eerste))
    for i, fout in enumerate(["misschien", 1, GEHEIM, LANG, None, ["signaal_vastgelegd"]]):
        items.append(Invoer(f"gebeurtenis:soort:{i}", schrijf({**eerste, "soort": fout}), "soort"))
    zonder = {k: v for k, v in eerste.items() if k != "soort"}
    items.append(Invoer("gebeurtenis:soort:ontbreekt", schrijf(zonder), "soort"))
    return items
