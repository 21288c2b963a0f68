"""What a reader accepts it decides as read: reading then writing gives back exactly the input.

For cases, dossier events and frames: either the reader refuses the input (a duplicate key, a
near-miss key or column), or writing what it read gives back every key and value of the input
(keys left out come back with their contract defaults).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldcode import OngeldigeInvoer, beslis, casus_naar_dict, casus_uit_json
from meldcode.adapters.json.dossier import (
    canoniek,
    gebeurtenis_naar_dict,
    gebeurtenis_uit_json,
    zoals_geschreven,
)
from meldcode.adapters.json.lezen import laad_json
from meldcode.testing.dossier import geldige_dossiers
from meldcode.testing.strategies import casussen
from tests.invoer.corpus import Dubbel, bladeren, schrijf, vervang

MUTATIES = ("geen", "weglaten", "dubbel", "bijna", "hoofdletters")


def bevat(geschreven: Any, gelezen: Any) -> bool:
    """Every key and value of ``gelezen`` is in ``geschreven`` (which may have more keys)."""
    if isinstance(gelezen, dict):
        return isinstance(geschreven, dict) and all(
            k in geschreven and bevat(geschreven[k], v) for k, v in gelezen.items()
        )
    if isinstance(gelezen, list):
        return (
            isinstance(geschreven, list)
            and len(geschreven) == len(gelezen)
            and all(bevat(w, r) for w, r in zip(geschreven, gelezen, strict=True))
        )
    return type(geschreven) is type(gelezen) and geschreven == gelezen


def muteer(data: dict[str, Any], mutatie: str, keuze: st.DataObject) -> tuple[bytes, bool]:
    """``data`` written with one change; whether the reader must refuse it."""
    objecten = [(p, v) for p, _, v in bladeren(data) if isinstance(v, dict) and v]
    pad, obj = keuze.draw(st.sampled_from(objecten), label="object")
    sleutel = keuze.draw(st.sampled_from(sorted(obj)), label="key")
    if mutatie == "geen":
        return schrijf(data), False
    if mutatie == "weglaten":
        rest = {k: v for k, v in obj.items() if k != sleutel}
        if pad == "" and sleutel == "soort":
            return schrijf(data), False  # an event's tag cannot be left out
        return schrijf(vervang(data, pad, rest)), False
    if mutatie == "dubbel":
        paren = (*tuple((k, v) for k, v in obj.items()), (sleutel, obj[sleutel]))
        return schrijf(vervang(data, pad, Dubbel(paren))), True
    if mutatie == "bijna":
        bijna = sleutel[:-1] if len(sleutel) > 4 else sleutel + "e"
        return schrijf(vervang(data, pad, {**obj, bijna: obj[sleutel]})), True
    upper = sleutel.upper()
    return schrijf(vervang(data, pad, {**obj, upper: obj[sleutel]})), upper != sleutel


@settings(max_examples=150)
@given(casus=casussen(), mutatie=st.sampled_from(MUTATIES), keuze=st.data())
def test_a_case_is_decided_exactly_as_read_or_refused(
    casus: Any, mutatie: str, keuze: st.DataObject
) -> None:
    """Duplicates and near-miss keys are refused; otherwise writing gives back the input."""
    tekst, moet_weigeren = muteer(casus_naar_dict(casus), mutatie, keuze)

    try:
        gelezen = casus_uit_json(tekst)
    except OngeldigeInvoer as exc:
        fout = str(exc)
    else:
        fout = None
    if fout is not None:
        assert moet_weigeren or (mutatie == "weglaten" and "is required" in fout), tekst
        return
    assert not moet_weigeren, tekst
    assert bevat(casus_naar_dict(gelezen), laad_json(tekst))
    assert beslis(gelezen) == beslis(casus_uit_json(schrijf(casus_naar_dict(gelezen))))


@settings(max_examples=100)
@given(dossier=geldige_dossiers(max_size=6), mutatie=st.sampled_from(MUTATIES), keuze=st.data())
def test_a_dossier_event_is_read_exactly_as_written_or_refused(
    dossier: Any, mutatie: str, keuze: st.DataObject
) -> None:
    """The same for every kind of event, nested corrections included."""
    for gebeurtenis in dossier.gebeurtenissen:
        data = gebeurtenis_naar_dict(gebeurtenis)
        tekst, moet_weigeren = muteer(data, mutatie, keuze)
        try:
            gelezen = gebeurtenis_uit_json(tekst)
        except OngeldigeInvoer as exc:
            fout = str(exc)
        else:
            fout = None
        if fout is not None:
            assert moet_weigeren or (mutatie == "weglaten" and "is required" in fout), tekst
            continue
        assert not moet_weigeren, tekst
        assert bevat(gebeurtenis_naar_dict(gelezen), laad_json(tekst))
        if mutatie == "geen":
            assert gelezen == gebeurtenis
            assert zoals_geschreven(canoniek(data), gelezen)


def test_a_stored_text_that_is_not_canonical_is_not_as_written() -> None:
    """The store's check: spaces, reordered keys or a duplicate mean another writer."""
    gebeurtenis = gebeurtenis_uit_json(
        json.dumps({"soort": "terugkoppeling_veilig_thuis", "datum": "2026-05-22"})
    )
    canon = canoniek(gebeurtenis_naar_dict(gebeurtenis))

    assert zoals_geschreven(canon, gebeurtenis)
    assert not zoals_geschreven(canon.replace(",", ", "), gebeurtenis)
    assert not zoals_geschreven(json.dumps(json.loads(canon)), gebeurtenis)


pl = pytest.importorskip("polars", reason="polars is in the dev extra")
from meldcode.adapters.dataframe.beslis import beslis_frame, frame_uit_casussen  # noqa: E402
from meldcode.adapters.dataframe.plat import kolommen, rij_uit_casus  # noqa: E402
from meldcode.adapters.dataframe.populatie import casussen_uit_populatie  # noqa: E402
from tests.adapters.dataframe.uitlezen import kolom  # noqa: E402


@settings(max_examples=25)
@given(
    lijst=st.lists(casussen().filter(lambda c: len(c.signalen) <= 1), min_size=1, max_size=4),
    naam=st.sampled_from(sorted(kolommen())),
    bijna=st.booleans(),
)
def test_a_frame_is_decided_as_read_and_a_near_miss_column_refused(
    lijst: list[Any], naam: str, bijna: bool
) -> None:
    """Read back, a written frame gives its rows again; each row is decided as its case is."""
    df = frame_uit_casussen(lijst, "polars")
    if bijna:
        typo = naam[:-1] + naam[-1].upper() if naam[-1].isalpha() else naam + "x"
        with pytest.raises(OngeldigeInvoer) as fout:
            beslis_frame(df.with_columns(pl.lit(None).alias(typo)))
        assert fout.value.veld == typo
        return

    terug = casussen_uit_populatie(df)
    uit = beslis_frame(df)

    rijen = [rij_uit_casus(c) for c in lijst]
    assert [{k: r[k] for k in df.columns} for r in map(rij_uit_casus, terug)] == [
        {k: r[k] for k in df.columns} for r in rijen
    ]
    assert kolom(uit, "besluit.melden") == [beslis(c).melden for c in lijst]
