"""Four classes of bad frame input that once went wrong silently, each held to the JSON reader.

- a text ``datum`` of the form ``YYYY-MM-DD`` that is no day (``2018-02-30``) was decided under
  the protocol of some date;
- a personal number (a citizen service number, a phone number) in an age, a protocol, an
  answer, a date or a flag was echoed in ``besluit.fout``;
- a decimal age that is not whole (``9.50``) was decided as if it were;
- a column whose name only looks like a contract column (a byte-order mark, an invisible,
  accented or full-width character, another separator, a pandas tuple) was carried along as
  the caller's own, so its question counted as unanswered.

Each family goes through polars (eager and lazy) and pandas, wherever the input exists there.
A bad row gets the JSON reader's own first error for the same value in ``besluit.fout``
(naming the field), its decisions stay empty, every good row beside it is decided exactly as
``beslis`` decides its case, and no personal number appears in any output.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from meldcode import Casus, OngeldigeInvoer, beslis, casus_naar_dict, casus_uit_dict
from meldcode.adapters.json.casus import datum_uit_tekst
from meldcode.domain.casus import MAX_LEEFTIJD
from meldcode.testing.strategies import casussen

pa = pytest.importorskip("pyarrow", reason="pyarrow is in the dev extra")
pd = pytest.importorskip("pandas", reason="pandas is in the dev extra")
pl = pytest.importorskip("polars", reason="polars is in the dev extra")

from meldcode.adapters.dataframe.beslis import (  # noqa: E402
    BESLUIT_KOLOMMEN,
    beslis_frame,
    frame_uit_casussen,
)
from meldcode.adapters.dataframe.plat import kolommen  # noqa: E402
from meldcode.adapters.dataframe.populatie import casussen_uit_populatie  # noqa: E402
from tests.adapters.dataframe.test_vectorisatie import verwacht  # noqa: E402
from tests.adapters.dataframe.uitlezen import kolom  # noqa: E402

#: a run of nine digits or more: no output may hold one (``toon`` shows eight at most)
NUMMER = re.compile(r"[0-9]{9,}")
#: pandas' text dtypes: NumPy objects, Arrow strings, pandas' own default (``str``)
PANDAS_TEKST = ("object", "string[pyarrow]", "str")

# --- running a family -----------------------------------------------------------------------


def _lees(casus: Casus, pad: str, waarde: object) -> Casus | str:
    """What the JSON reader makes of ``casus`` with ``waarde`` at ``pad``: a case, or its error.

    The error is the reader's first problem as ``besluit.fout`` gives it (``... @ $.pad``).
    ``None`` leaves the key out, as an empty cell does.
    """
    data = casus_naar_dict(casus)
    obj, _, veld = pad.rpartition(".")
    doel = data.setdefault(obj, {}) if obj else data
    doel.pop(veld, None)
    if waarde is not None:
        doel[veld] = waarde
    try:
        return casus_uit_dict(data)
    except OngeldigeInvoer as exc:
        return str(exc.fouten[0])


def _frames(
    casussen_: list[Casus], pad: str, waarden: list[Any], polars: Any, pandas: dict[str, Any]
) -> dict[str, Any]:
    """The cases as frames with the column ``pad`` replaced by ``waarden``.

    ``polars``: the polars dtype (``None``: no polars frame, the input does not exist there);
    ``pandas``: a pandas dtype per label.
    """
    uit: dict[str, Any] = {}
    if polars is not None:
        frame = frame_uit_casussen(casussen_, "polars").with_columns(
            pl.Series(pad, waarden, dtype=polars)
        )
        uit["polars"] = frame
        uit["polars-lazy"] = frame.lazy()
    for label, dtype in pandas.items():
        frame = frame_uit_casussen(casussen_, "pandas")
        frame[pad] = pd.Series(waarden, dtype=dtype, index=frame.index)
        uit[f"pandas-{label}"] = frame
    return uit


def _toets(
    casussen_: list[Casus],
    pad: str,
    waarden: list[Any],
    json_waarden: list[Any],
    frames: dict[str, Any],
    geheim: Sequence[str] = (),
) -> None:
    """Every frame: each row as the JSON reader reads it with its own value, and no secret out."""
    gelezen = [_lees(c, pad, w) for c, w in zip(casussen_, json_waarden, strict=True)]
    for label, frame in frames.items():
        uit = _verzameld(beslis_frame(frame))
        besluiten = {k: kolom(uit, f"besluit.{k}") for k in BESLUIT_KOLOMMEN}
        for i, lezing in enumerate(gelezen):
            waar = (label, i, waarden[i])
            if isinstance(lezing, str):  # a bad row: the reader's words, nothing decided
                assert besluiten["fout"][i] == lezing, waar
                assert f"$.{pad}" in besluiten["fout"][i], waar
                assert all(besluiten[k][i] is None for k in BESLUIT_KOLOMMEN if k != "fout"), waar
            else:  # a good row beside it: decided as ``beslis`` decides the case read
                besluit = beslis(lezing)
                for k in BESLUIT_KOLOMMEN:
                    assert besluiten[k][i] == verwacht(besluit, k), (*waar, k)
        _geen_geheim(besluiten, geheim)


def _geen_geheim(besluiten: dict[str, list[Any]], geheim: Sequence[str]) -> None:
    for naam, waarden in besluiten.items():
        for waarde in waarden:
            if isinstance(waarde, str):
                assert not NUMMER.search(waarde), (naam, waarde)
                assert not any(g in waarde for g in geheim), (naam, waarde)


# --- 1. dates of the contract's form that are no day -----------------------------------------


def _schrikkeljaar(jaar: int) -> bool:
    return jaar % 4 == 0 and (jaar % 100 != 0 or jaar % 400 == 0)


def _vorm(jaar: int, maand: int, dag: int) -> str:
    return f"{jaar:04d}-{maand:02d}-{dag:02d}"


#: text of exactly the form YYYY-MM-DD that is no day
GEEN_DAG = st.one_of(
    # any digits: mostly a month or a day that does not exist
    st.builds(_vorm, st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99)),
    # the leap day of a year that has none (1900, 2019, 2100, ...)
    st.integers(1, 9999).filter(lambda j: not _schrikkeljaar(j)).map(lambda j: _vorm(j, 2, 29)),
    # the day after a month's last
    st.builds(
        lambda j, m: _vorm(j, m, {2: 30, 4: 31, 6: 31, 9: 31, 11: 31}.get(m, 32)),
        st.integers(1, 9999),
        st.integers(1, 12),
    ),
    # year 0 (no such year in the calendar Python reads)
    st.builds(lambda m, d: _vorm(0, m, d), st.integers(1, 12), st.integers(1, 28)),
).filter(lambda tekst: datum_uit_tekst(tekst) is None)
#: other text that is no date: other forms, personal numbers, free text
ANDERE_TEKST = st.one_of(
    st.sampled_from(["2018-1-5", "05-03-2018", "2018/03/05", "20180305", "2018-W10-1", ""]),
    st.integers(10**8, 10**11).map(str),
    st.integers(0, 10**8 - 1).map(lambda n: f"06-{n:08d}"),
    st.text(st.characters(codec="utf-8", exclude_characters="\n"), max_size=20),
).filter(lambda tekst: datum_uit_tekst(tekst) is None)


@settings(max_examples=40, deadline=None)
@given(data=st.data(), casussen_=st.lists(casussen(), min_size=1, max_size=6))
def test_a_text_date_that_is_no_day_is_named_as_the_json_reader_names_it(
    data: st.DataObject, casussen_: list[Casus]
) -> None:
    """``2018-13-01``, ``2018-02-30``, ``2019-02-29``, ``0000-01-01``: never decided."""
    waarden: list[str | None] = []
    for casus in casussen_:
        goed = None if casus.datum is None else casus.datum.isoformat()
        waarden.append(data.draw(st.just(goed) | GEEN_DAG | ANDERE_TEKST, label="datum"))
    pandas = {dtype: dtype for dtype in PANDAS_TEKST}
    frames = _frames(casussen_, "datum", waarden, pl.String, pandas)
    geheim = _geheimen(waarden)
    _toets(casussen_, "datum", waarden, waarden, frames, geheim)


@pytest.mark.parametrize("tekst", ["2019-03-01\n", "2019-03-01 ", " 2019-03-01", "2019-03-01\n\n"])
@pytest.mark.parametrize("dtype", ["polars", "polars-lazy", *PANDAS_TEKST])
def test_a_date_with_anything_around_it_is_no_date(tekst: str, dtype: str) -> None:
    """Python's (and so pandas') ``$`` matches before a final newline: the frame does not."""
    casus = Casus(datum=dt.date(2019, 3, 1))
    if dtype.startswith("polars"):
        frames = _frames([casus, casus], "datum", [tekst, "2019-03-01"], pl.String, {})
        frame = frames[dtype]
    else:
        frame = _frames([casus, casus], "datum", [tekst, "2019-03-01"], None, {"": dtype})[
            "pandas-"
        ]

    fout = kolom(beslis_frame(frame), "besluit.fout")

    assert fout[0] is not None
    assert fout[0].startswith("datum must be a date YYYY-MM-DD (got ")
    assert fout[1] is None


# --- 2. personal numbers, wherever a row's value is shown -----------------------------------

#: a citizen service number or a phone number as a whole number (JSON has no leading zero)
GETALLEN = st.integers(10**8, 2**62) | st.integers(-(2**62), -(10**8))
#: the same as text, and keys and phone numbers with one in them
NUMMERTEKST = st.one_of(
    GETALLEN.map(str),
    st.integers(10**8, 10**11).map(lambda n: f"bsn{n}"),
    st.integers(0, 10**8 - 1).map(lambda n: f"06-{n:08d}"),
    st.integers(0, 10**8 - 1).map(lambda n: f"+316{n:08d}"),
)


def _met_nummers(
    data: st.DataObject, goed: list[Any], nummers: st.SearchStrategy[Any]
) -> list[Any]:
    """Each row its own good value or a personal number, at least one of those."""
    uit = [data.draw(st.just(g) | nummers, label="waarde") for g in goed]
    if all(u is g for u, g in zip(uit, goed, strict=True)):
        uit[0] = data.draw(nummers, label="nummer")
    return uit


def _geheimen(waarden: list[Any]) -> list[str]:
    """The personal numbers among ``waarden``: each as written, and the last eight of its digits.

    (A value of more than eight digits: ``toon`` shows it by its type, never itself.)
    """
    uit = []
    for waarde in waarden:
        tekst = str(waarde)
        cijfers = re.sub(r"[^0-9]", "", tekst)
        if len(cijfers) > 8:
            uit += [tekst, cijfers[-8:]]
    return uit


@settings(max_examples=40, deadline=None)
@given(
    data=st.data(),
    casussen_=st.lists(casussen(), min_size=1, max_size=6),
    soort=st.sampled_from(["Int64", "Int32", "UInt64", "Float64", "Decimal"]),
)
def test_an_age_that_is_a_personal_number_is_shown_by_its_type(
    data: st.DataObject, casussen_: list[Casus], soort: str
) -> None:
    """``<int>``, or ``<float>`` when not whole, as in JSON, whatever the type: never the number."""
    grenzen = {"Int32": (-(2**31), 2**31 - 1), "UInt64": (0, 2**62)}
    laag, hoog = grenzen.get(soort, (-(2**62), 2**62))
    getallen = GETALLEN.filter(lambda n: laag <= n <= hoog)
    if soort == "Float64":
        nummers: st.SearchStrategy[Any] = getallen.map(float) | getallen.map(
            lambda n: n + math.copysign(0.5, n)
        )
    elif soort == "Decimal":
        # a fraction only below 2**50: beyond, the JSON reader's float and polars' decimal
        # arithmetic (through floats) no longer keep a quarter, and the two messages may differ
        nummers = getallen.filter(lambda n: abs(n) < 10**17).map(Decimal) | getallen.filter(
            lambda n: abs(n) < 2**50
        ).map(lambda n: Decimal(n) + Decimal(math.copysign(0.25, n)))
    else:
        nummers = getallen
    goed = [c.kind.leeftijd for c in casussen_]
    if soort == "Float64":
        goed = [None if g is None else float(g) for g in goed]
    elif soort == "Decimal":
        goed = [None if g is None else Decimal(g) for g in goed]
    waarden = _met_nummers(data, goed, nummers)
    json_waarden = [float(w) if isinstance(w, Decimal) else w for w in waarden]
    polars_dtype = pl.Decimal(20, 2) if soort == "Decimal" else getattr(pl, soort)
    pandas_dtype = pd.ArrowDtype(pa.decimal128(20, 2)) if soort == "Decimal" else soort
    frames = _frames(casussen_, "kind.leeftijd", waarden, polars_dtype, {soort: pandas_dtype})

    _toets(casussen_, "kind.leeftijd", waarden, json_waarden, frames, _geheimen(waarden))


@settings(max_examples=40, deadline=None)
@given(
    data=st.data(),
    casussen_=st.lists(casussen(), min_size=1, max_size=6),
    pad=st.sampled_from(["protocol", "weging.vermoeden", "weging.acute_onveiligheid", "datum"]),
    dtype=st.sampled_from(["String", "Categorical", *PANDAS_TEKST]),
)
def test_a_text_that_is_a_personal_number_is_never_shown(
    data: st.DataObject, casussen_: list[Casus], pad: str, dtype: str
) -> None:
    """A protocol, an answer or a date that holds a BSN or a phone number: ``<str>``, as in JSON."""
    if pad == "datum":
        goed = [None if c.datum is None else c.datum.isoformat() for c in casussen_]
    elif pad == "protocol":
        goed = [None if c.protocol is None else c.protocol.value for c in casussen_]
    else:
        goed = [
            None if (a := getattr(c.weging, pad.split(".")[1])) is None else a.value
            for c in casussen_
        ]
    assume(not (dtype == "Categorical" and pad == "datum"))  # no date column is categorical
    waarden = _met_nummers(data, goed, NUMMERTEKST)
    if dtype in PANDAS_TEKST:
        frames = _frames(casussen_, pad, waarden, None, {dtype: dtype})
    else:
        frames = _frames(casussen_, pad, waarden, getattr(pl, dtype), {})

    _toets(casussen_, pad, waarden, waarden, frames, _geheimen(waarden))


@settings(max_examples=30, deadline=None)
@given(data=st.data(), casussen_=st.lists(casussen(), min_size=1, max_size=6))
def test_a_flag_that_is_a_personal_number_is_shown_by_its_type(
    data: st.DataObject, casussen_: list[Casus]
) -> None:
    """A pandas flag column with gaps holds objects, checked one by one: a number never shown.

    (A polars flag column of numbers is refused as a whole, naming the column.)
    """
    pad = "omstandigheden.veiligheid_in_geding"
    goed = [c.omstandigheden.veiligheid_in_geding for c in casussen_]
    waarden = [*_met_nummers(data, goed, GETALLEN | NUMMERTEKST), False]
    casussen_ = [*casussen_, Casus()]
    frames = _frames(casussen_, pad, waarden, None, {"object": object})

    _toets(casussen_, pad, waarden, waarden, frames, _geheimen(waarden))


# --- 3. decimal ages ------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(
    data=st.data(),
    casussen_=st.lists(casussen(), min_size=1, max_size=6),
    schaal=st.integers(0, 3),
)
def test_a_decimal_age_is_read_as_the_json_reader_reads_the_same_number(
    data: st.DataObject, casussen_: list[Casus], schaal: int
) -> None:
    """``9.00`` is the whole number 9, as ``9.0`` is in JSON; ``9.50`` is refused, never cut to 9.

    Any scale, in range or not, an unborn child or not: the reader's verdict on the number.
    """
    eenheid = Decimal(1).scaleb(-schaal)  # 1, 0.1, 0.01, 0.001
    getallen = st.decimals(
        min_value=-3, max_value=MAX_LEEFTIJD + 3, places=schaal, allow_nan=False
    ) | st.integers(-3, MAX_LEEFTIJD + 3).map(lambda n: Decimal(n).quantize(eenheid))
    waarden = [data.draw(st.none() | getallen, label="leeftijd") for _ in casussen_]
    json_waarden = [None if w is None else float(w) for w in waarden]
    frames = _frames(
        casussen_,
        "kind.leeftijd",
        waarden,
        pl.Decimal(10, schaal),
        {"decimal": pd.ArrowDtype(pa.decimal128(10, schaal))},
    )

    _toets(casussen_, "kind.leeftijd", waarden, json_waarden, frames)


# --- 4. columns whose name only looks like a contract column --------------------------------

CONTRACT = sorted(kolommen())
#: what makes a name only look like another: each takes the name and a draw
_ONZICHTBAAR = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff"]
_ACCENTEN = ["\u0308", "\u0301", "\u0300", "\u0302", "\u030a"]
_SCHEIDINGEN = ["/", "\\", ":", "|", "\u00b7", "\u2192", "+"]
_SCHRIFT = dict(zip("aeiopcyxsdk", "аеіорсухѕԁк", strict=True))


@st.composite
def _schijn(draw: st.DrawFn, naam: str) -> str:
    """``naam`` changed so that it still looks like ``naam`` (one to three changes)."""
    for _ in range(draw(st.integers(1, 3))):
        soort = draw(
            st.sampled_from(["bom", "mojibake", "onzichtbaar", "breed", "accent", "scheiding"])
            | st.just("schrift")
        )
        i = draw(st.integers(0, len(naam)))
        if soort == "bom":  # once or more, also after its own bytes read as Latin-1
            naam = "\ufeff" + naam
        elif soort == "mojibake":
            naam = "\ufeff".encode().decode(draw(st.sampled_from(["latin-1", "cp1252"]))) + naam
        elif soort == "onzichtbaar":
            naam = naam[:i] + draw(st.sampled_from(_ONZICHTBAAR)) + naam[i:]
        elif soort == "breed":
            naam = "".join(
                chr(ord(c) + 0xFEE0) if draw(st.booleans()) and "!" <= c <= "~" else c for c in naam
            )
        elif soort == "accent":
            letters = [j for j, c in enumerate(naam) if c.isascii() and c.isalpha()]
            if letters:
                j = draw(st.sampled_from(letters))
                teken = naam[j] + draw(st.sampled_from(_ACCENTEN))
                if draw(st.booleans()):
                    teken = unicodedata.normalize("NFC", teken)  # ë as one character
                naam = naam[:j] + teken + naam[j + 1 :]
        elif soort == "scheiding":
            scheidingen = [j for j, c in enumerate(naam) if c in "._"]
            if scheidingen:
                j = draw(st.sampled_from(scheidingen))
                naam = naam[:j] + draw(st.sampled_from(_SCHEIDINGEN)) + naam[j + 1 :]
        elif soort == "schrift":
            letters = [j for j, c in enumerate(naam) if c in _SCHRIFT]
            if letters:
                j = draw(st.sampled_from(letters))
                naam = naam[:j] + _SCHRIFT[naam[j]] + naam[j + 1 :]
    return naam


@st.composite
def _schijnnamen(draw: st.DrawFn) -> tuple[str, str]:
    """A contract column and a name that only looks like it."""
    naam = draw(st.sampled_from(CONTRACT))
    variant = draw(_schijn(naam).filter(lambda v: v != naam and v not in kolommen()))
    return naam, variant


def _verzameld(frame: Any) -> Any:
    """A lazy result collected once (reading each column would run the query anew)."""
    return frame.collect() if isinstance(frame, pl.LazyFrame) else frame


def _frame_met(backend: str, kolommen_: dict[Any, list[Any]]) -> Any:
    if backend == "pandas":
        return pd.DataFrame(kolommen_)
    frame = pl.DataFrame(kolommen_)
    return frame.lazy() if backend == "polars-lazy" else frame


@settings(max_examples=150, deadline=None)
@given(paar=_schijnnamen(), backend=st.sampled_from(["polars", "polars-lazy", "pandas"]))
def test_a_column_that_only_looks_like_a_contract_column_is_refused_naming_it(
    paar: tuple[str, str], backend: str
) -> None:
    """A byte-order mark, an invisible, accented, full-width or Cyrillic letter, a slash: refused.

    Never carried along as the caller's own while the question it names counts as unanswered;
    the error names the column and the contract column it looks like. ``extra`` keeps it.
    """
    naam, variant = paar
    kolommen_ = {variant: ["ja", "nee"], "acute_onveiligheid": ["nee", "nee"]}
    if naam == "acute_onveiligheid":
        kolommen_ = {variant: ["ja", "nee"], "vermoeden": ["ja", "ja"]}

    with pytest.raises(OngeldigeInvoer) as fout:
        beslis_frame(_frame_met(backend, kolommen_))

    assert fout.value.veld == variant
    assert f"did you mean {naam!r}?" in str(fout.value)
    assert "only looks like it" in str(fout.value)
    assert f"extra=[{variant!r}]" in str(fout.value)

    zonder = {k: v for k, v in kolommen_.items() if k != variant}
    uit = _verzameld(beslis_frame(_frame_met(backend, kolommen_), extra=[variant]))
    verwacht_ = _verzameld(beslis_frame(_frame_met(backend, zonder)))
    assert kolom(uit, variant) == ["ja", "nee"]
    for k in BESLUIT_KOLOMMEN:
        assert kolom(uit, f"besluit.{k}") == kolom(verwacht_, f"besluit.{k}"), k


@pytest.mark.parametrize(
    ("variant", "naam"),
    [
        ("\ufeffvermoeden", "vermoeden"),
        ("vermoeden\u200b", "vermoeden"),
        ("ｖｅｒｍｏｅｄｅｎ", "vermoeden"),
        ("vermoëden", "vermoeden"),
        ("weging/vermoeden", "weging.vermoeden"),
        ("\u00ef\u00bb\u00bfvermoeden", "vermoeden"),
    ],
)
def test_the_reviewer_s_lookalikes_are_refused(variant: str, naam: str) -> None:
    """The names of the report, each on its own (the family above draws them all)."""
    for backend in ("polars", "polars-lazy", "pandas"):
        with pytest.raises(OngeldigeInvoer, match=re.escape(f"did you mean {naam!r}?")):
            beslis_frame(_frame_met(backend, {variant: ["ja"], "acute_onveiligheid": ["nee"]}))


def test_a_byte_order_mark_says_how_to_read_the_file() -> None:
    """The usual cause (a CSV file saved with a BOM, read as UTF-8) gets its own remedy."""
    with pytest.raises(OngeldigeInvoer, match="encoding='utf-8-sig'"):
        beslis_frame(pl.DataFrame({"\ufeffweging.vermoeden": ["ja"]}))


@st.composite
def _tuples(draw: st.DrawFn) -> tuple[tuple[Any, ...] | bytes, str]:
    """A pandas label that names a contract column: a tuple (a MultiIndex's) or bytes."""
    naam = draw(st.sampled_from(CONTRACT))
    kop, punt, staart = naam.partition(".")
    vormen: list[tuple[Any, ...] | bytes] = [
        (naam, ""),
        ("", naam),
        (draw(st.sampled_from(["casus", "antwoorden", "invoer"])), naam),
        naam.encode(),
    ]
    if punt:
        vormen.append((kop, staart))
    label = draw(st.sampled_from(vormen))
    if isinstance(label, tuple) and draw(st.booleans()):  # and a part that only looks like it
        label = tuple(draw(_schijn(d)) if d and d != "casus" else d for d in label)
    return label, naam


def _frame_met_label(label: tuple[Any, ...] | bytes, multiindex: bool) -> Any:
    """A pandas frame of an answer column named ``label`` and a column of the caller's own."""
    eigen: Any = ("meta", "regio") if isinstance(label, tuple) else "regio"
    if multiindex and isinstance(label, tuple):
        kolommen_ = pd.MultiIndex.from_tuples([label, eigen])
    else:
        kolommen_ = pd.Index([label, eigen], tupleize_cols=False)
    return pd.DataFrame([["ja", "noord"], ["nee", "zuid"]], columns=kolommen_)


def _geweigerd(lezer: Any, frame: Any, label: tuple[Any, ...] | bytes) -> str:
    """``lezer``'s refusal of ``frame``, which says to flatten (a tuple) or decode (bytes)."""
    with pytest.raises(OngeldigeInvoer) as fout:
        lezer(frame)
    melding = str(fout.value)
    assert ("Flatten the names" if isinstance(label, tuple) else "Decode the names") in melding
    return melding


@settings(max_examples=100, deadline=None)
@given(paar=_tuples(), multiindex=st.booleans())
def test_a_pandas_column_named_by_a_tuple_or_bytes_is_refused_saying_to_flatten(
    paar: tuple[tuple[Any, ...] | bytes, str], multiindex: bool
) -> None:
    """``("weging", "vermoeden")`` is not ``weging.vermoeden``: refused, never read as absent.

    As a column of a flat index or of a ``MultiIndex``; ``extra`` keeps it.
    """
    label, naam = paar
    frame = _frame_met_label(label, multiindex)

    melding = _geweigerd(beslis_frame, frame, label)
    gelijkend = re.search(r"it looks like '([^']+)'", melding)
    assert gelijkend is not None, melding
    assert gelijkend.group(1) in kolommen(), melding
    if label in (naam.encode(), (naam, ""), ("", naam), tuple(naam.split(".", 1))):
        assert kolommen()[gelijkend.group(1)] == kolommen()[naam], melding
    assert "noord" not in melding

    uit = beslis_frame(frame, extra=[label])
    assert kolom(uit, "besluit.fout") == [None, None]


@settings(max_examples=100, deadline=None)
@given(paar=_schijnnamen(), backend=st.sampled_from(["polars", "pandas"]))
def test_a_population_with_a_lookalike_column_name_is_refused_naming_it(
    paar: tuple[str, str], backend: str
) -> None:
    """``casussen_uit_populatie`` reads no lookalike name as "another column" either.

    Its other columns are ignored; one whose name only looks like a contract column would
    leave that question unanswered in every case it builds.
    """
    naam, variant = paar
    kolommen_ = {variant: ["ja", "nee"], "regio": ["noord", "zuid"]}

    with pytest.raises(OngeldigeInvoer) as fout:
        casussen_uit_populatie(_frame_met(backend, kolommen_))

    assert fout.value.veld == variant
    assert f"did you mean {naam!r}?" in str(fout.value)
    assert "noord" not in str(fout.value)
    assert len(casussen_uit_populatie(_frame_met(backend, {"regio": ["noord", "zuid"]}))) == 2


@settings(max_examples=60, deadline=None)
@given(paar=_tuples(), multiindex=st.booleans())
def test_a_population_with_a_column_named_by_a_tuple_or_bytes_is_refused_not_a_crash(
    paar: tuple[tuple[Any, ...] | bytes, str], multiindex: bool
) -> None:
    """A pandas ``MultiIndex`` or bytes as names: an ``OngeldigeInvoer`` saying to flatten."""
    label, _ = paar

    melding = _geweigerd(casussen_uit_populatie, _frame_met_label(label, multiindex), label)
    assert "it looks like" in melding
    assert "noord" not in melding


# --- dates of a date type with a year no YYYY-MM-DD has --------------------------------------

#: a year: most of the contract's, some before year 1 or after 9999 (polars' dates hold them)
JAREN = st.one_of(
    st.integers(1, 9999),
    st.sampled_from([0, -1, -5, -9999, -10000, 10000, 12000, 99999]),
    st.integers(-200_000, 200_000),
)


@settings(max_examples=40, deadline=None)
@given(
    data=st.data(),
    casussen_=st.lists(casussen(), min_size=1, max_size=6),
    soort=st.sampled_from(["Date", "Datetime", "Datetime-tz"]),
)
def test_a_date_type_with_a_year_of_no_contract_date_is_named_as_json_names_its_text(
    data: st.DataObject, casussen_: list[Casus], soort: str
) -> None:
    """``+10000-01-01``, ``-0005-01-01``: a bad row, with the JSON reader's words for its text.

    polars' dates hold years that Python's (and the contract's ``YYYY-MM-DD``) do not; such a
    date was decided, by its year, under one protocol or the other.
    """
    dagen = [
        (
            data.draw(JAREN, label="jaar"),
            data.draw(st.integers(1, 12)),
            data.draw(st.integers(1, 28)),
        )
        for _ in casussen_
    ]
    datums = pl.select(
        pl.date(
            pl.Series([j for j, _, _ in dagen]),
            pl.Series([m for _, m, _ in dagen]),
            pl.Series([d for _, _, d in dagen]),
        ).alias("datum")
    )["datum"]
    teksten = datums.cast(pl.String).to_list()
    if soort == "Datetime":
        datums = datums.cast(pl.Datetime("us"))
    elif soort == "Datetime-tz":  # noon, so that the local date is the same day
        datums = (
            datums.cast(pl.Datetime("ms"))
            .dt.offset_by("12h")
            .dt.replace_time_zone("Europe/Amsterdam")
        )
    frame = frame_uit_casussen(casussen_, "polars").with_columns(datums)
    frames = {"polars": frame, "polars-lazy": frame.lazy()}
    _toets(casussen_, "datum", teksten, teksten, frames)

    eerste_fout = next(
        (i for i, t in enumerate(teksten) if isinstance(_lees(casussen_[i], "datum", t), str)),
        None,
    )
    populatie = pl.DataFrame({"weging.vermoeden": ["ja"] * len(datums)}).with_columns(datums)
    if eerste_fout is None:
        assert len(casussen_uit_populatie(populatie)) == len(casussen_)
    else:
        with pytest.raises(OngeldigeInvoer, match=rf"^row {eerste_fout}: datum must be a date"):
            casussen_uit_populatie(populatie)


def test_a_pandas_timestamp_beyond_year_9999_is_a_bad_row() -> None:
    """A pandas ``datetime64[s]`` holds years beyond 9999 too: such a date is a bad row."""
    casus = Casus(datum=dt.date(2019, 3, 1))
    frame = frame_uit_casussen([casus, casus], "pandas")
    frame["datum"] = np.array(["2019-03-01", "12000-01-01"], dtype="datetime64[s]")

    uit = beslis_frame(frame)

    assert kolom(uit, "besluit.fout") == [
        None,
        "datum must be a date YYYY-MM-DD (got <str>) @ $.datum",
    ]
    assert kolom(uit, "besluit.melden")[1] is None


# --- the population's reader reads the case's own fields as the JSON reader does ---------------

_EIGEN_VELDEN = {
    "datum": st.sampled_from(
        ["2019-03-01", "2012-12-31", "2019-02-30", "1-3-2019", "2018-W10-1", "", "gisteren"]
    )
    | st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))
    | st.integers(-5, 20190301),
    "protocol": st.sampled_from(["2013", "2019", "2020", "x", ""]) | st.integers(2012, 2020),
    "kind.leeftijd": st.integers(-3, MAX_LEEFTIJD + 3) | st.sampled_from(["negen", "9", 5.5, True]),
    "kind.ongeboren": st.booleans(),
    "referentie": st.sampled_from(["SYN-1", "leerling_7", "Jan Jansen", "", "06-12345678"])
    | st.integers(0, 10),
}


def _als_json(cellen: dict[str, Any]) -> dict[str, Any]:
    """The same cells as a case in the exchange format (a date as its text)."""
    data: dict[str, Any] = {}
    for pad, waarde in cellen.items():
        if isinstance(waarde, dt.date):
            waarde = waarde.isoformat()
        obj, _, veld = pad.partition(".")
        if veld:
            data.setdefault(obj, {})[veld] = waarde
        else:
            data[obj] = waarde
    return data


@settings(max_examples=200, deadline=None)
@given(
    cellen=st.fixed_dictionaries({}, optional=_EIGEN_VELDEN),
    backend=st.sampled_from(["polars", "pandas", "arrow"]),
)
def test_the_population_reader_reads_a_cases_own_fields_as_the_json_reader(
    cellen: dict[str, Any], backend: str
) -> None:
    """A date as text (what a CSV file gives), a protocol, an age, an unborn child, a referentie.

    Read as the contract's reader reads the same values, or refused naming the column and the
    row in the JSON reader's words; the domain's own field names (``Casus.datum``,
    ``Kind.leeftijd``) never reach the caller.
    """
    assume(cellen)
    kolommen_ = {pad: [waarde] for pad, waarde in cellen.items()}
    try:
        frame: Any = (
            pd.DataFrame(kolommen_, dtype=object)
            if backend == "pandas"
            else pl.DataFrame(kolommen_, strict=False)
        )
    except Exception:  # a column polars cannot hold as given (a bool among numbers): no frame
        assume(False)
    if backend == "arrow":
        frame = frame.to_arrow()
    try:
        verwacht: Casus | str = casus_uit_dict(_als_json(cellen))
    except OngeldigeInvoer as fout:
        verwacht = f"row 0: {fout.fouten[0].melding}"

    geheel = ""
    try:
        gelezen: Casus | str = casussen_uit_populatie(frame)[0]
    except OngeldigeInvoer as fout:
        gelezen, geheel = str(fout.fouten[0].melding), str(fout)
    assert "Casus." not in geheel
    assert "Kind." not in geheel

    if isinstance(verwacht, Casus):
        assert isinstance(gelezen, Casus), gelezen
        for veld in ("datum", "protocol", "kind", "referentie"):
            assert getattr(gelezen, veld) == getattr(verwacht, veld), veld
    else:
        assert gelezen == verwacht
