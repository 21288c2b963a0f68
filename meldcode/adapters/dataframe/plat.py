"""Flat rows (CSV, spreadsheets, dataframes) and the nested exchange format: which column is which.

A column is named after the contract's key, with or without its object's prefix:
``weging.vermoeden`` or ``vermoeden``. The lists of a case (``signalen``, ``consultaties``) do not
fit in one cell as data, so a flat row says what the rules read of them as boolean *flag
columns*:

- ``signaal.<soort>``: there is a signal of this soort (``signaal.seksueel_geweld``);
- ``signaal.<kenmerk>``: there is a signal with this kenmerk (``signaal.levensgevaar``);
- ``signaal.<soort>.<kenmerk>``: one signal has both
  (``signaal.seksueel_geweld.pleger_is_medewerker``);
- ``signaal.bron.<bron>``: a signal's information comes from this bron (``signaal.bron.kind``);
- ``consultatie.<partij>``: the case records a consultation with this party.

A flag column answers its own question; where a frame has no column for a general fact, the
more specific flags answer it (``signaal.seksueel_geweld.levensgevaar`` means there is a
sexual-violence signal, and a signal with levensgevaar). An absent flag column is ``false``, as
an absent list is empty in the exchange format. Standard library and attrs only, so a CSV reader
can use it without the dataframe extra.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

import attrs

from meldcode.adapters.json.sleutels import naaste
from meldcode.domain._validatie import toon
from meldcode.domain.casus import Casus, Kind, Omstandigheden, Weging
from meldcode.domain.feiten import KENMERKEN, LIJSTVLAGGEN
from meldcode.errors import Fout, OngeldigeInvoer

__all__ = [
    "BOMS",
    "BOVEN",
    "GENEST",
    "KENMERKEN",
    "LIJSTEN",
    "OBJECTEN",
    "VLAGKOLOMMEN",
    "dubbele_kolommen",
    "geneste_kolom",
    "kolommen",
    "leeg",
    "lijkt_op",
    "naam_geen_tekst",
    "rij_uit_casus",
    "schijn",
    "toon_kolomnaam",
    "uiterlijk",
    "vlaggen",
]

#: the nested objects of a case whose fields may be flat columns
OBJECTEN: dict[str, type] = {"kind": Kind, "omstandigheden": Omstandigheden, "weging": Weging}
#: the top-level scalar keys of a case
BOVEN: tuple[str, ...] = ("protocol", "datum", "referentie")
#: the list keys of a case (a flat column holds them as JSON text)
LIJSTEN: tuple[str, ...] = ("signalen", "consultaties")
#: every flag column a flat row may have (see the module's docstring): the flags the lists of a
#: case give, as the domain defines them
VLAGKOLOMMEN: tuple[str, ...] = LIJSTVLAGGEN


def kolommen() -> dict[str, str]:
    """Every column a flat row may have, mapped to its contract path (a flag to itself).

    Both spellings are listed: ``vermoeden`` and ``weging.vermoeden`` -> ``weging.vermoeden``.
    A bare name that two objects share is left out: only its dotted spellings are read.
    """
    out: dict[str, str] = {}
    kaal: dict[str, list[str]] = {}
    for obj, cls in OBJECTEN.items():
        for a in attrs.fields(cls):
            out[f"{obj}.{a.name}"] = f"{obj}.{a.name}"
            kaal.setdefault(a.name, []).append(f"{obj}.{a.name}")
    for naam, paden in kaal.items():
        if len(paden) == 1 and naam not in (*BOVEN, *LIJSTEN):
            out[naam] = paden[0]
    for naam in (*BOVEN, *LIJSTEN, *VLAGKOLOMMEN):
        out[naam] = naam
    return out


def _genest() -> dict[str, tuple[str, ...]]:
    """The keys of a case that hold an object whose fields are flat columns, with the columns.

    Derived from the flat-column mapping: the first part of every dotted contract path that
    is a key of a case (``weging`` of ``weging.vermoeden``; not ``signaal`` of a flag).
    """
    sleutels = {a.name for a in attrs.fields(Casus)}
    uit: dict[str, list[str]] = {}
    for pad in dict.fromkeys(kolommen().values()):
        deel = pad.split(".", 1)[0]
        if "." in pad and deel in sleutels:
            uit.setdefault(deel, []).append(pad)
    return {obj: tuple(paden) for obj, paden in uit.items()}


#: the contract's objects whose fields are flat columns (``weging``, ``kind``,
#: ``omstandigheden``), each with its flat columns: a column named after one holds the object
#: nested (a polars struct, a pandas column of dicts, JSON text), as ``pl.read_ndjson`` or
#: ``pd.read_json`` give it, which a flat row never does
GENEST: dict[str, tuple[str, ...]] = _genest()


def geneste_kolom(naam: str, *, extra: bool = False) -> Fout:
    """The problem of a column that holds the contract object ``naam`` nested; how to flatten.

    ``naam`` is a key of ``GENEST``; ``extra``: the reader takes ``extra=[...]``, columns of
    the caller's own (the message says so).
    """
    velden = GENEST[naam]
    eigen = (
        f"; a column of your own of this name is declared with extra=[{naam!r}]" if extra else ""
    )
    return Fout(
        naam,
        repr(naam),
        f"column {naam!r} holds the contract object {naam!r} nested (as pl.read_ndjson or "
        f"pd.read_json give it), which is not read: its fields must be flat columns "
        f"({velden[0]!r}, {velden[1]!r}, ...). Flatten it first: in polars "
        f"df.unnest({naam!r}, separator='.'); in pandas pd.json_normalize(cases) of the "
        f"decoded JSON objects ([json.loads(line) for line in lines]){eigen}",
    )


def vlaggen(casus: Casus) -> dict[str, bool]:
    """The flag columns of a case: every one of ``VLAGKOLOMMEN``, true or false."""
    uit = dict.fromkeys(VLAGKOLOMMEN, False)
    for s in casus.signalen:
        uit[f"signaal.{s.soort.value}"] = True
        if s.bron is not None:
            uit[f"signaal.bron.{s.bron.value}"] = True
        for k in KENMERKEN:
            if getattr(s, k):
                uit[f"signaal.{k}"] = True
                uit[f"signaal.{s.soort.value}.{k}"] = True
    for c in casus.consultaties:
        uit[f"consultatie.{c.met.value}"] = True
    return uit


def rij_uit_casus(casus: Casus) -> dict[str, Any]:
    """A case as one flat row: every contract scalar under its dotted name, plus the flags.

    Answers are their contract strings (``None``: unanswered), ``datum`` a ``datetime.date``.
    Free text (a signal's omschrijving) is not part of a flat row.
    """
    uit: dict[str, Any] = {
        "referentie": casus.referentie,
        "protocol": casus.protocol.value if casus.protocol is not None else None,
        "datum": casus.datum,
    }
    for obj in OBJECTEN:
        waarde = getattr(casus, obj)
        for a in attrs.fields(type(waarde)):
            v = getattr(waarde, a.name)
            uit[f"{obj}.{a.name}"] = v.value if hasattr(v, "value") else v
    uit.update(vlaggen(casus))
    return uit


def leeg(waarde: object) -> bool:
    """Whether a cell is empty: ``None``, a float NaN, or pandas' ``NA`` / ``NaT``."""
    if waarde is None:
        return True
    if isinstance(waarde, float) and math.isnan(waarde):
        return True
    return type(waarde).__name__ in ("NAType", "NaTType")


def dubbele_kolommen(native: Any) -> OngeldigeInvoer:
    """The error for a frame with two columns of one name: one problem per such name.

    A contract column is shown as it is; any other name only when it looks like a key (a
    column may be named after a person).
    """
    # an Arrow table's ``columns`` are its columns' data; its names are ``column_names``
    gelezen: Any = getattr(native, "column_names", None) or getattr(native, "columns", ())
    namen: list[Any] = list(gelezen)
    fouten = [
        Fout(
            naam if getoond != "<str>" and isinstance(naam, str) else "frame",
            getoond,
            f"column {getoond} appears {namen.count(naam)} times: every column of a frame "
            "needs a name of its own",
        )
        for naam in dict.fromkeys(namen)
        if namen.count(naam) > 1
        for getoond in [toon_kolomnaam(naam)]
    ] or [Fout("frame", "<frame>", "every column of a frame needs a name of its own")]
    return OngeldigeInvoer(fouten)


#: a byte-order mark, and one read in the wrong encoding: UTF-8's as Latin-1 or cp1252, UTF-16's
#: as Latin-1
BOMS: tuple[str, ...] = ("\ufeff", "\u00ef\u00bb\u00bf", "\u00fe\u00ff", "\u00ff\u00fe")
#: letters of other scripts that look like the Latin letters of the contract's keys (Cyrillic,
#: Greek; the dotless i and the script g are Latin)
_LOOKALIKES = str.maketrans(
    {
        **dict(zip("аеіјорсухѕԁ", "aeijopcyxsd", strict=True)),
        **dict(zip("АВЕІЈКМНОРСТХЅ", "ABEIJKMHOPCTXS", strict=True)),
        **dict(zip("αικνορυ", "aikvopu", strict=True)),
        **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)),
        "ı": "i",
        "ɡ": "g",
    }
)
#: what is left that is not a letter, a digit, ``_``, ``.``, ``-`` or a space: a separator
_ANDERE_SCHEIDING = re.compile(r"[^A-Za-z0-9_. -]+")


def uiterlijk(naam: str) -> str:
    r"""The name ``naam`` looks like: what a reader sees of a column name, in plain ASCII.

    Byte-order marks before it (``\ufeff``, or its bytes read as Latin-1: ``ï»¿``, once or
    more), invisible characters (a zero-width space, a soft hyphen: Unicode's format
    characters) and accents (``vermoëden``) are dropped; full-width and other compatibility
    forms (``ｖｅｒｍｏｅｄｅｎ``) and Cyrillic or Greek letters that look Latin become the letters
    they look like; any other sign between words (``weging/vermoeden``) becomes ``_``. A column
    so named would otherwise be carried along as the caller's own while the contract column it
    looks like counts as absent. The result is compared as any other name
    (``sleutels.naaste``).
    """
    while naam.startswith(BOMS):  # a file written, or read wrongly, more than once
        naam = next(naam[len(bom) :] for bom in BOMS if naam.startswith(bom))
    if naam.isascii():
        return _ANDERE_SCHEIDING.sub("_", naam)
    naam = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", naam))
    naam = "".join(
        c for c in naam if not unicodedata.combining(c) and unicodedata.category(c) != "Cf"
    )
    return _ANDERE_SCHEIDING.sub("_", naam.translate(_LOOKALIKES))


def toon_kolomnaam(naam: object) -> str:
    """A column's name in a message: a contract column or a dotted key as it is, else its kind.

    (``besluit.melden`` and ``regio`` are shown; ``Jan de Vries`` is not.)
    """
    if isinstance(naam, str) and (
        naam in kolommen() or all(toon(deel) == repr(deel) for deel in naam.split("."))
    ):
        return repr(naam)
    return toon(naam)


def schijn(naam: str) -> str:
    """What makes ``naam`` only look like a contract column, and how to repair it."""
    if naam.startswith(BOMS):
        return "it begins with a byte-order mark; read the file with encoding='utf-8-sig'"
    return (
        "it holds an invisible, accented or full-width character, a letter of another script "
        "or another separator; rename the column"
    )


def lijkt_op(naam: str, bekend: Mapping[str, str]) -> str | None:
    """The contract column ``naam`` is, is a near miss of, or only looks like; else ``None``."""
    if naam in bekend:
        return naam
    bedoeld = naaste(naam, bekend)
    if bedoeld is None and (gezien := uiterlijk(naam)) != naam:
        bedoeld = gezien if gezien in bekend else naaste(gezien, bekend)
    return bedoeld


def naam_geen_tekst(naam: object, bekend: Mapping[str, str], *, eigen: str) -> Fout | None:
    """A column named by a tuple (pandas' ``MultiIndex``) or by bytes that looks like ours.

    Such a column is never read as the contract column it looks like (``("weging",
    "vermoeden")`` is not ``weging.vermoeden``), so the question would count as absent. The
    tuple's text parts, joined by dots and each alone, are compared as any other name; a
    column that resembles none is the caller's own, as before. ``eigen`` ends the message: what
    the caller does with a column of its own, ``{kolom}`` standing for the name as shown.
    """
    if isinstance(naam, bytes):
        delen = [naam.decode("utf-8", "replace")]
        soort = "bytes, not text"
        plat_maken = "decode the names first (df.columns = [k.decode() for k in df.columns])"
        getoond = repr(naam) if lijkt_op(delen[0], bekend) else "<bytes>"
    elif isinstance(naam, tuple):
        delen = [
            d.decode("utf-8", "replace") if isinstance(d, bytes) else d
            for d in naam
            if isinstance(d, str | bytes) and d
        ]
        soort = "a tuple (a pandas MultiIndex), which the contract does not read"
        plat_maken = (
            "flatten the names first (df.columns = "
            "['.'.join(map(str, filter(None, k))) for k in df.columns])"
        )
        delen_getoond = [toon_kolomnaam(d) for d in naam]
        getoond = f"({', '.join(delen_getoond)}{',' if len(naam) == 1 else ''})"
    else:
        return None
    kandidaten = [".".join(delen), *delen] if len(delen) > 1 else delen
    bedoeld = next((b for k in kandidaten if (b := lijkt_op(k, bekend)) is not None), None)
    if bedoeld is None:
        return None
    return Fout(
        getoond,
        getoond,
        f"column {getoond} is named by {soort}: it looks like {bedoeld!r}, which would count "
        f"as absent. {plat_maken[0].upper()}{plat_maken[1:]}; {eigen.format(kolom=getoond)}",
    )
