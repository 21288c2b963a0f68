"""Synthetic case populations for policy analysis and benchmarks: seeded, vectorized, flat.

``genereer_populatie(n, seed=...)`` draws ``n`` synthetic cases as one flat frame (polars or
pandas, built through narwhals) in the column vocabulary of ``meldcode.adapters.dataframe.plat``:
``weging.<vraag>`` answers, ``kind.leeftijd`` and ``kind.ongeboren``,
``omstandigheden.<veld>``, the flag columns ``signaal.<soort>``, ``signaal.<kenmerk>``,
``signaal.<soort>.<kenmerk>``, ``signaal.bron.<bron>`` and ``consultatie.<partij>``, and an
optional pseudonymous ``referentie`` (``SYN-0000001``). Every row is one case with exactly one
signal and zero or more consultations.

The answers follow the afwegingskader's route: a question is answered only where the route of
the earlier answers reaches it (its ``voorwaarde`` in the rule base of each protocol), so every
row is a valid case under protocol 2013 and 2019 alike. A share of the cases stops early: from
a point on the route on, the questions stay unanswered under both protocols, and the engine
asks ``volgende_vraag`` (unless the decision no longer depends on the answer).

The data are synthetic. The default ``Populatieparameters`` are assumptions chosen to exercise
every route of the rule base, not estimates of real prevalence. No row describes a real child.

``casussen_uit_populatie(frame)`` is the exact inverse: it rebuilds each row as a ``Casus`` whose
flat form (``meldcode.adapters.dataframe.plat.rij_uit_casus``) equals the row.

Requires narwhals and numpy (``pip install meldcode[dataframe]``) and polars or pandas.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import warnings
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Literal, TypeGuard, cast

import attrs
import narwhals as nw
import numpy as np
import numpy.typing as npt
from attrs import field, frozen

from meldcode.adapters.dataframe.plat import (
    GENEST,
    KENMERKEN,
    LIJSTEN,
    OBJECTEN,
    VLAGKOLOMMEN,
    dubbele_kolommen,
    geneste_kolom,
    kolommen,
    lijkt_op,
    naam_geen_tekst,
    schijn,
    vlaggen,
)
from meldcode.adapters.json.casus import casus_uit_dict, datum_uit_tekst
from meldcode.adapters.json.sleutels import naaste
from meldcode.domain._validatie import toon
from meldcode.domain.casus import (
    MAX_LEEFTIJD,
    Casus,
    Consultatie,
    Kind,
    Omstandigheden,
    Signaal,
    Weging,
)
from meldcode.domain.waarden import Oordeel, Partij, Protocol, SignaalBron, SoortSignaal, Vraag
from meldcode.errors import Fout, OngeldigeInvoer
from meldcode.rules.basis import regelbasis
from meldcode.rules.beslis import lees_protocol
from meldcode.rules.model import Alle, Antwoord, Conditie, EenVan, Niet, vragen_in
from meldcode.rules.versies import HUIDIG_PROTOCOL, PROTOCOLLEN

__all__ = [
    "ANTWOORDEN",
    "BACKENDS",
    "STANDAARD_CONSULTATIES",
    "STANDAARD_KENMERKEN",
    "STANDAARD_OMSTANDIGHEDEN",
    "Populatieparameters",
    "casussen_uit_populatie",
    "genereer_populatie",
]

#: the categories of an answer column, in this order (``Oordeel``'s order); null is unanswered
ANTWOORDEN: tuple[str, ...] = tuple(o.value for o in Oordeel)
#: the dataframe libraries ``genereer_populatie`` builds
BACKENDS: tuple[str, ...] = ("polars", "pandas")
_Bibliotheek = Literal["polars", "pandas"]

_OMSTANDIGHEDEN: tuple[str, ...] = tuple(a.name for a in attrs.fields(Omstandigheden))
_SOORTEN: tuple[str, ...] = tuple(s.value for s in SoortSignaal)
_BRONNEN: tuple[str, ...] = tuple(b.value for b in SignaalBron)
_PARTIJEN: tuple[str, ...] = tuple(p.value for p in Partij)
_TOLERANTIE = 1e-9
_PREFIX = "SYN-"
_STUK = 1 << 20  # rows per block when a column is built from strings

#: default share of cases with each circumstance (independent draws)
STANDAARD_OMSTANDIGHEDEN: Mapping[str, float] = MappingProxyType(
    {
        "veiligheid_in_geding": 0.05,
        "contact_verbreken_verwacht": 0.05,
        "ouders_niet_aanspreekbaar": 0.05,
        "ouders_weigeren_toestemming": 0.05,
        "jeugdbeschermer_betrokken": 0.05,
        "sociaal_team_betrokken": 0.10,
        "onveiligheid_herhaalt_zich": 0.05,
        "ouders_willen_hulp": 0.30,
        "risico_licht": 0.10,
        "complexe_casus": 0.10,
        "hulp_komt_niet_tot_stand": 0.05,
        "ouder_in_schadelijke_situatie": 0.05,
    }
)
#: default share of signals with each kenmerk (independent draws)
STANDAARD_KENMERKEN: Mapping[str, float] = MappingProxyType(
    {"hypothese": 0.20, "ernstig_letsel": 0.05, "levensgevaar": 0.02, "pleger_is_medewerker": 0.05}
)
#: default share of cases that record a consultation with each party (independent draws)
STANDAARD_CONSULTATIES: Mapping[str, float] = MappingProxyType(
    {
        "intern_begeleider": 0.60,
        "collega": 0.40,
        "directie": 0.20,
        "bestuur": 0.02,
        "sociaal_verpleegkundige": 0.05,
        "jeugdarts": 0.05,
        "ggd_jgz": 0.10,
        "zorgadviesteam": 0.10,
        "leerplicht": 0.03,
        "sociaal_team": 0.05,
        "jeugdbeschermer": 0.02,
        "veilig_thuis": 0.25,
        "politie_112": 0.01,
        "lec_egg": 0.01,
        "verwijsindex": 0.02,
        "gedragsdeskundige": 0.03,
    }
)
_STANDAARD_SOORTEN: Mapping[str, float] = MappingProxyType(
    {
        "lichamelijk_geweld": 0.20,
        "psychisch_geweld": 0.15,
        "seksueel_geweld": 0.08,
        "verwaarlozing": 0.20,
        "getuige_huiselijk_geweld": 0.12,
        "eergerelateerd_geweld": 0.02,
        "vrouwelijke_genitale_verminking": 0.01,
        "huwelijksdwang": 0.02,
        "zorgelijke_ontwikkeling": 0.20,
    }
)
_STANDAARD_BRONNEN: Mapping[str, float] = MappingProxyType(
    {"eigen_waarneming": 0.40, "kind": 0.30, "ouder": 0.15, "derde": 0.15}
)
_STANDAARD_LEEFTIJDEN: Mapping[int, float] = MappingProxyType(
    {j: 0.5 if j < 4 else 1.0 if j < 12 else 0.8 for j in range(18)}
)


# --- parameters -----------------------------------------------------------------------------


def _verdeling(ja: float, nee: float, twijfel: float) -> Mapping[str, float]:
    return MappingProxyType({"ja": ja, "nee": nee, "twijfel": twijfel})


def _oordelen(waarde: Mapping[str, float]) -> Mapping[str, float]:
    """An answer mix: an unnamed answer has share 0."""
    w: object = waarde
    if not isinstance(w, Mapping):
        return waarde  # reported by the check
    return MappingProxyType({**dict.fromkeys(ANTWOORDEN, 0.0), **w})


def _gewichten(waarde: Mapping[Any, float]) -> Mapping[Any, float]:
    """A mix of relative weights: given whole, an unnamed value has weight 0."""
    w: object = waarde
    return MappingProxyType(dict(w)) if isinstance(w, Mapping) else waarde


def _aangevuld(waarde: Mapping[str, float], standaard: Mapping[str, float]) -> Mapping[str, float]:
    w: object = waarde
    return MappingProxyType({**standaard, **w}) if isinstance(w, Mapping) else waarde


def _omstandigheden(waarde: Mapping[str, float]) -> Mapping[str, float]:
    """Shares per circumstance: an unnamed circumstance keeps its default."""
    return _aangevuld(waarde, STANDAARD_OMSTANDIGHEDEN)


def _kenmerken(waarde: Mapping[str, float]) -> Mapping[str, float]:
    """Shares per kenmerk: an unnamed kenmerk keeps its default."""
    return _aangevuld(waarde, STANDAARD_KENMERKEN)


def _consultaties(waarde: Mapping[str, float]) -> Mapping[str, float]:
    """Shares per party: an unnamed party keeps its default."""
    return _aangevuld(waarde, STANDAARD_CONSULTATIES)


def _getal(waarde: object) -> TypeGuard[float]:
    """A finite real number (an int or float, not a bool)."""
    return (
        isinstance(waarde, int | float)
        and not isinstance(waarde, bool)
        and math.isfinite(float(waarde))
    )


def _is_aandeel(waarde: object) -> bool:
    return _getal(waarde) and 0.0 <= waarde <= 1.0


def _toon_kaart(kaart: Mapping[Any, Any]) -> str:
    delen = [f"{toon(k)}: {toon(v)}" for k, v in list(kaart.items())[:6]]
    return "{" + ", ".join(delen) + (", …}" if len(kaart) > 6 else "}")


@frozen(kw_only=True)
class Populatieparameters:
    """The rates of a synthetic population; every default is an assumption, not an estimate.

    Answers (``vermoeden`` .. ``kan_beschermen``, named after the ``weging`` fields): for each
    question the shares of ``ja``, ``nee`` and ``twijfel`` among the cases whose route reaches
    it; they add up to 1 (an unnamed answer has share 0). ``stopt_vroeg``: the share of cases
    whose weighing stops early, at a question drawn uniformly from the ones the 2019 route
    reaches: that question, every later one and ``kan_beschermen`` (2013) stay unanswered, so
    the weighing is incomplete under both protocols.

    The child: ``ongeboren`` is the share of unborn children (no age), ``leeftijd_onbekend``
    the share of born children of unknown age, ``leeftijden`` relative weights per age in years
    (an unnamed age has weight 0).

    Shares with independent draws, where an unnamed key keeps its default:
    ``omstandigheden`` (per field of ``Omstandigheden``), ``kenmerken`` (per boolean of
    ``Signaal``: the one signal of a case has it) and ``consultaties`` (per ``Partij``: the case
    records one consultation with it). Relative weights, given whole (an unnamed value has
    weight 0): ``soorten`` (the kind of the signal) and ``bronnen`` (its source, among the signals
    whose source is known); ``bron_onbekend`` is the share of signals without a source.

    Invalid values raise ``OngeldigeInvoer`` naming every bad field and its value.
    """

    vermoeden: Mapping[str, float] = field(
        default=_verdeling(0.50, 0.20, 0.30), converter=_oordelen, hash=False
    )
    acute_onveiligheid: Mapping[str, float] = field(
        default=_verdeling(0.15, 0.75, 0.10), converter=_oordelen, hash=False
    )
    structurele_onveiligheid: Mapping[str, float] = field(
        default=_verdeling(0.25, 0.60, 0.15), converter=_oordelen, hash=False
    )
    hulp_mogelijk: Mapping[str, float] = field(
        default=_verdeling(0.70, 0.20, 0.10), converter=_oordelen, hash=False
    )
    hulp_aanvaard: Mapping[str, float] = field(
        default=_verdeling(0.70, 0.20, 0.10), converter=_oordelen, hash=False
    )
    hulp_resultaat: Mapping[str, float] = field(
        default=_verdeling(0.60, 0.25, 0.15), converter=_oordelen, hash=False
    )
    kan_beschermen: Mapping[str, float] = field(
        default=_verdeling(0.50, 0.35, 0.15), converter=_oordelen, hash=False
    )
    stopt_vroeg: float = 0.10
    ongeboren: float = 0.01
    leeftijd_onbekend: float = 0.05
    leeftijden: Mapping[int, float] = field(
        default=_STANDAARD_LEEFTIJDEN, converter=_gewichten, hash=False
    )
    omstandigheden: Mapping[str, float] = field(
        default=STANDAARD_OMSTANDIGHEDEN, converter=_omstandigheden, hash=False
    )
    soorten: Mapping[str, float] = field(
        default=_STANDAARD_SOORTEN, converter=_gewichten, hash=False
    )
    kenmerken: Mapping[str, float] = field(
        default=STANDAARD_KENMERKEN, converter=_kenmerken, hash=False
    )
    bron_onbekend: float = 0.10
    bronnen: Mapping[str, float] = field(
        default=_STANDAARD_BRONNEN, converter=_gewichten, hash=False
    )
    consultaties: Mapping[str, float] = field(
        default=STANDAARD_CONSULTATIES, converter=_consultaties, hash=False
    )

    def __attrs_post_init__(self) -> None:
        fouten: list[Fout] = []
        for v in Vraag:
            fouten += _check_oordelen(f"Populatieparameters.{v.value}", getattr(self, v.value))
        for naam in ("stopt_vroeg", "ongeboren", "leeftijd_onbekend", "bron_onbekend"):
            waarde = getattr(self, naam)
            if not _is_aandeel(waarde):
                veld = f"Populatieparameters.{naam}"
                fouten.append(
                    Fout(
                        veld,
                        toon(waarde),
                        f"{veld} must be a share from 0 to 1 (got {toon(waarde)})",
                    )
                )
        kaarten: tuple[tuple[str, Sequence[object], str, bool], ...] = (
            ("omstandigheden", _OMSTANDIGHEDEN, "a field of Omstandigheden", True),
            ("kenmerken", KENMERKEN, "a boolean field of Signaal", True),
            ("consultaties", _PARTIJEN, "a Partij", True),
            ("soorten", _SOORTEN, "a SoortSignaal", False),
            ("bronnen", _BRONNEN, "a SignaalBron", False),
            ("leeftijden", range(MAX_LEEFTIJD + 1), f"an age from 0 to {MAX_LEEFTIJD}", False),
        )
        for naam, sleutels, wat, aandeel in kaarten:
            fouten += _check_kaart(naam, getattr(self, naam), sleutels, wat, aandeel=aandeel)
        if fouten:
            raise OngeldigeInvoer(fouten)


def _check_oordelen(veld: str, waarde: object) -> list[Fout]:
    if not isinstance(waarde, Mapping):
        return [Fout(veld, toon(waarde), f"{veld} must map 'ja', 'nee', 'twijfel' to shares")]
    fouten = []
    for k, v in waarde.items():
        if k not in ANTWOORDEN:
            fouten.append(Fout(veld, toon(k), f"{veld}: {toon(k)} is not 'ja', 'nee' or 'twijfel'"))
        elif not _is_aandeel(v):
            fouten.append(
                Fout(
                    f"{veld}.{k}",
                    toon(v),
                    f"{veld}.{k} must be a share from 0 to 1 (got {toon(v)})",
                )
            )
    if not fouten and abs(sum(waarde.values()) - 1.0) > _TOLERANTIE:
        getoond = _toon_kaart(waarde)
        fouten.append(
            Fout(
                veld,
                getoond,
                f"{veld}: the shares of ja, nee, twijfel must add up to 1 (got {getoond})",
            )
        )
    return fouten


def _check_kaart(
    naam: str, kaart: object, sleutels: Sequence[object], wat: str, *, aandeel: bool
) -> list[Fout]:
    veld = f"Populatieparameters.{naam}"
    if not isinstance(kaart, Mapping):
        return [Fout(veld, toon(kaart), f"{veld} must be a mapping (got {toon(kaart)})")]
    fouten = []
    for k, v in kaart.items():
        if k not in sleutels:
            fouten.append(Fout(veld, toon(k), f"{veld}: {toon(k)} is not {wat} (got {toon(k)})"))
        elif aandeel and not _is_aandeel(v):
            fouten.append(
                Fout(
                    f"{veld}.{k}",
                    toon(v),
                    f"{veld}.{k} must be a share from 0 to 1 (got {toon(v)})",
                )
            )
        elif not aandeel and not (_getal(v) and float(v) >= 0.0):
            fouten.append(
                Fout(
                    f"{veld}.{k}",
                    toon(v),
                    f"{veld}.{k} must be a weight of 0 or more (got {toon(v)})",
                )
            )
    if not fouten and not aandeel and sum(float(v) for v in kaart.values()) <= 0.0:
        getoond = _toon_kaart(kaart)
        fouten.append(Fout(veld, getoond, f"{veld} needs a positive weight (got {getoond})"))
    return fouten


# --- generation -----------------------------------------------------------------------------

_Bool = npt.NDArray[np.bool_]
_Int8 = npt.NDArray[np.int8]
_CODE: dict[Oordeel, int] = {o: i for i, o in enumerate(Oordeel)}
#: the random streams, one per part of a case: changing one part's rates leaves the others alone
_STROMEN: tuple[str, ...] = (
    *(f"weging.{v.value}" for v in Vraag),
    "stopt_vroeg",
    "kind",
    "omstandigheden",
    "signaal",
    "consultaties",
)


def _onder(rng: np.random.Generator, n: int, aandeel: float) -> _Bool:
    """``n`` independent draws that are true with probability ``aandeel`` (0 and 1 exact)."""
    out: _Bool = rng.random(n, dtype=np.float32) < np.float32(aandeel)
    return out


def _kies(rng: np.random.Generator, n: int, gewichten: Sequence[float]) -> _Int8:
    """``n`` draws of an index into ``gewichten`` (relative weights), as int8 codes.

    One float32 uniform per row, compared with each cumulative bound: small at 10**7 rows.
    """
    w = np.asarray(gewichten, dtype=np.float64)
    grenzen = np.cumsum(w / w.sum())[:-1].astype(np.float32)
    u = rng.random(n, dtype=np.float32)
    codes: _Int8 = np.zeros(n, dtype=np.int8)
    for grens in grenzen:
        codes += u >= grens
    # rounding must never draw a zero weight at the end
    np.minimum(codes, np.int8(np.flatnonzero(w > 0)[-1]), out=codes)
    return codes


def _waar(c: Conditie, codes: Mapping[Vraag, _Int8]) -> _Bool:
    """A ``voorwaarde`` per row, given the answers drawn so far (-1: unanswered, passed by)."""
    if isinstance(c, Antwoord):
        return np.isin(codes[c.vraag], [_CODE[o] for o in c.waarden])
    if isinstance(c, Alle):
        uit: _Bool = np.logical_and.reduce([_waar(d, codes) for d in c.delen])
        return uit
    if isinstance(c, EenVan):
        een: _Bool = np.logical_or.reduce([_waar(d, codes) for d in c.delen])
        return een
    if isinstance(c, Niet):
        return ~_waar(c.deel, codes)
    raise TypeError(
        f"a voorwaarde reads {type(c).__name__}: the population generator draws the weging "
        "from earlier answers only"
    )


def _ketens() -> dict[Protocol, tuple[Vraag, ...]]:
    return {p: tuple(a.vraag for a in regelbasis(p).vragen) for p in PROTOCOLLEN}


def _route(
    n: int, p: Populatieparameters, stromen: Mapping[str, np.random.Generator]
) -> dict[Vraag, _Int8]:
    """Answer codes per question: drawn where a protocol's route reaches the question."""
    codes: dict[Vraag, _Int8] = {}
    afwegingen = [(p_, a) for p_ in PROTOCOLLEN for a in regelbasis(p_).vragen]
    for vraag in Vraag:
        verdeling = getattr(p, vraag.value)
        getrokken = _kies(stromen[f"weging.{vraag.value}"], n, [verdeling[a] for a in ANTWOORDEN])
        bereikt = np.zeros(n, dtype=np.bool_)
        for _, a in (pa for pa in afwegingen if pa[1].vraag is vraag):
            if a.voorwaarde is None:
                bereikt[:] = True
                continue
            if not vragen_in(a.voorwaarde) <= codes.keys():
                raise TypeError(f"the voorwaarde of {vraag.value!r} reads a later question")
            bereikt |= _waar(a.voorwaarde, codes)
        getrokken[~bereikt] = -1
        codes[vraag] = getrokken
    return codes


def _afkappen(
    keten: Sequence[Vraag],
    beantwoord: Mapping[Vraag, _Bool],
    leeg: Mapping[Vraag, _Bool],
    u: npt.NDArray[np.float32],
) -> None:
    """Blank (in ``leeg``) the ``floor(u * m)``-th of the ``m`` answered questions and the rest."""
    m = np.zeros(len(u), dtype=np.int8)
    for v in keten:
        m += beantwoord[v]
    k = np.minimum(np.floor(u * m), m - 1)  # u < 1, but float32 rounding
    rang = np.zeros(len(u), dtype=np.int8)
    for v in keten:
        leeg[v] |= beantwoord[v] & (rang >= k)
        rang += beantwoord[v]


def _stop_vroeg(codes: dict[Vraag, _Int8], aandeel: float, rng: np.random.Generator) -> None:
    """Cut the weging short for a share of the rows (in place), under every protocol.

    The cut lies on the route of the current protocol (2019), at a question drawn uniformly
    from the ones it answered: that question and every later one are blanked. On each other
    route the questions of its own (2013: ``kan_beschermen``) are cut the same way, so the
    weighing is incomplete under every protocol; a blanked shared question (``vermoeden``)
    blanks everything after it on every route.
    """
    rijen = np.flatnonzero(_onder(rng, len(codes[Vraag.VERMOEDEN]), aandeel))
    beantwoord = {v: c[rijen] >= 0 for v, c in codes.items()}
    leeg = {v: np.zeros(len(rijen), dtype=np.bool_) for v in codes}
    ketens = _ketens()
    hoofd = ketens[HUIDIG_PROTOCOL]
    _afkappen(hoofd, beantwoord, leeg, rng.random(len(rijen), dtype=np.float32))
    for protocol, keten in ketens.items():
        if protocol is not HUIDIG_PROTOCOL:
            eigen = [v for v in keten if v not in hoofd]
            _afkappen(eigen, beantwoord, leeg, rng.random(len(rijen), dtype=np.float32))
    veranderd = True
    while veranderd:  # a blanked question blanks the rest of every route it lies on
        veranderd = False
        for keten in ketens.values():
            gezien = np.zeros(len(rijen), dtype=np.bool_)
            for v in keten:
                gezien |= leeg[v]
                nieuw = gezien & beantwoord[v] & ~leeg[v]
                if nieuw.any():
                    leeg[v] |= nieuw
                    veranderd = True
    for v, c in codes.items():
        c[rijen[leeg[v]]] = -1


def _frame(data: Mapping[str, Any], backend: _Bibliotheek) -> nw.DataFrame[Any]:
    return nw.from_dict(dict(data), backend=backend)


def _vlagkolommen(
    n: int, aandelen: Mapping[str, float], rng: np.random.Generator, backend: _Bibliotheek
) -> nw.DataFrame[Any]:
    """One boolean column per name, drawn and converted one at a time (small peak memory)."""
    delen = [_frame({naam: _onder(rng, n, a)}, backend) for naam, a in aandelen.items()]
    return nw.concat(delen, how="horizontal")


def _in_stukken(
    n: int, backend: _Bibliotheek, maak: Callable[[int, int], nw.DataFrame[Any]]
) -> nw.DataFrame[Any]:
    """``maak(begin, eind)`` over blocks of rows, stacked: a string step's peak stays small.

    polars converts block by block; pandas in one piece (stacking would repeat its index).
    """
    stuk = max(n, 1) if backend == "pandas" else _STUK
    if n <= stuk:
        return maak(0, n)
    return nw.concat([maak(i, min(n, i + stuk)) for i in range(0, n, stuk)], how="vertical")


def _antwoordkolom(naam: str, codes: _Int8, backend: _Bibliotheek) -> nw.DataFrame[Any]:
    """Answer codes (-1 unanswered) as an enum column of ``ANTWOORDEN`` with nulls."""
    oud = list(range(len(ANTWOORDEN)))
    expr = (
        nw.when(nw.col(naam) >= 0)
        .then(nw.col(naam))
        .replace_strict(oud, list(ANTWOORDEN), return_dtype=nw.Enum(ANTWOORDEN))
        .alias(naam)
    )
    return _in_stukken(
        len(codes), backend, lambda a, b: _frame({naam: codes[a:b]}, backend).select(expr)
    )


def _kind(
    n: int, p: Populatieparameters, rng: np.random.Generator, backend: _Bibliotheek
) -> nw.DataFrame[Any]:
    ongeboren = _onder(rng, n, p.ongeboren)
    onbekend = _onder(rng, n, p.leeftijd_onbekend) | ongeboren
    jaren = sorted(j for j, w in p.leeftijden.items() if w > 0)
    leeftijd = np.asarray(jaren, dtype=np.int8)[_kies(rng, n, [p.leeftijden[j] for j in jaren])]
    leeftijd[onbekend] = 0
    if backend == "pandas":
        # a pandas integer column with gaps needs the nullable extension type
        pd = nw.Implementation.from_backend(backend).to_native_namespace()
        kolom = pd.Series(pd.arrays.IntegerArray(leeftijd, onbekend), name="kind.leeftijd")
        frame = _frame({"kind.ongeboren": ongeboren}, backend)
        return frame.with_columns(nw.from_native(kolom, series_only=True)).select(
            "kind.leeftijd", "kind.ongeboren"
        )
    frame = _frame(
        {"kind.leeftijd": leeftijd, "_onbekend": onbekend, "kind.ongeboren": ongeboren}, backend
    )
    return frame.select(
        nw.when(~nw.col("_onbekend")).then(nw.col("kind.leeftijd")).alias("kind.leeftijd"),
        "kind.ongeboren",
    )


def _signaal(
    n: int, p: Populatieparameters, rng: np.random.Generator, backend: _Bibliotheek
) -> nw.DataFrame[Any]:
    soort = _kies(rng, n, [p.soorten.get(s, 0.0) for s in _SOORTEN])
    kenmerken = {k: _onder(rng, n, p.kenmerken[k]) for k in KENMERKEN}
    zonder_bron = _onder(rng, n, p.bron_onbekend)
    if any(p.bronnen.get(b, 0.0) > 0 for b in _BRONNEN):
        bron = _kies(rng, n, [p.bronnen.get(b, 0.0) for b in _BRONNEN])
        bron[zonder_bron] = -1
    else:
        bron = np.full(n, -1, dtype=np.int8)
    frame = _frame({"_soort": soort, "_bron": bron, **kenmerken}, backend)
    soort_is = {s: nw.col("_soort") == i for i, s in enumerate(_SOORTEN)}
    uit: list[nw.Expr] = [soort_is[s].alias(f"signaal.{s}") for s in _SOORTEN]
    uit += [nw.col(k).alias(f"signaal.{k}") for k in KENMERKEN]
    uit += [
        (soort_is[s] & nw.col(k)).alias(f"signaal.{s}.{k}") for s in _SOORTEN for k in KENMERKEN
    ]
    uit += [(nw.col("_bron") == i).alias(f"signaal.bron.{b}") for i, b in enumerate(_BRONNEN)]
    return frame.select(uit)


def _referenties(n: int, backend: _Bibliotheek) -> nw.DataFrame[Any]:
    """``SYN-0000001`` .. ``SYN-<n>``: row numbers, pseudonymous by construction."""
    breedte = max(7, len(str(n)))
    expr = nw.concat_str(
        [nw.lit(_PREFIX), nw.col("referentie").cast(nw.String).str.zfill(breedte)]
    ).alias("referentie")
    return _in_stukken(
        n,
        backend,
        lambda a, b: _frame(
            {"referentie": np.arange(a + 1, b + 1, dtype=np.int64)}, backend
        ).select(expr),
    )


def _check_aanroep(n: object, seed: object, parameters: object, backend: object) -> None:
    fouten = []
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 0:
        fouten.append(Fout("n", toon(n), f"n must be a whole number of 0 or more (got {toon(n)})"))
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        fouten.append(
            Fout("seed", toon(seed), f"seed must be a whole number of 0 or more (got {toon(seed)})")
        )
    if parameters is not None and not isinstance(parameters, Populatieparameters):
        fouten.append(
            Fout("parameters", toon(parameters), "parameters must be Populatieparameters or None")
        )
    if backend not in BACKENDS:
        fouten.append(
            Fout(
                "backend",
                toon(backend),
                f"backend must be 'polars' or 'pandas' (got {toon(backend)})",
            )
        )
    if fouten:
        raise OngeldigeInvoer(fouten)


def genereer_populatie(
    n: int,
    *,
    seed: int,
    parameters: Populatieparameters | None = None,
    backend: str = "polars",
    referenties: bool = True,
) -> Any:
    """``n`` synthetic cases as one flat frame of ``backend`` (``"polars"`` or ``"pandas"``).

    The same ``n``, ``seed`` and ``parameters`` always give the same frame. Columns, in order:
    ``referentie`` (``SYN-0000001`` .. when ``referenties``), the answers ``weging.<vraag>``
    (an enum of ``ANTWOORDEN``; null is unanswered), ``kind.leeftijd`` (int8, null when unknown
    or unborn), ``kind.ongeboren``, ``omstandigheden.<veld>`` and the boolean flag columns of
    ``meldcode.adapters.dataframe.plat`` for the one signal and the consultations. No ``protocol``
    and no
    ``datum``: every row is a valid case under both protocols, the analyst chooses one when
    deciding. The data are synthetic (see ``Populatieparameters``). Raises ``OngeldigeInvoer``
    for a bad ``n``, ``seed``, ``parameters`` or ``backend``.
    """
    _check_aanroep(n, seed, parameters, backend)
    n = int(n)
    p = parameters if parameters is not None else Populatieparameters()
    bibliotheek = cast(_Bibliotheek, backend)
    stromen = dict(
        zip(_STROMEN, np.random.default_rng(int(seed)).spawn(len(_STROMEN)), strict=True)
    )

    delen: list[nw.DataFrame[Any]] = []
    if referenties:
        delen.append(_referenties(n, bibliotheek))
    codes = _route(n, p, stromen)
    _stop_vroeg(codes, p.stopt_vroeg, stromen["stopt_vroeg"])
    delen += [_antwoordkolom(f"weging.{v.value}", c, bibliotheek) for v, c in codes.items()]
    del codes
    delen.append(_kind(n, p, stromen["kind"], bibliotheek))
    omstandigheden = {f"omstandigheden.{o}": p.omstandigheden[o] for o in _OMSTANDIGHEDEN}
    delen.append(_vlagkolommen(n, omstandigheden, stromen["omstandigheden"], bibliotheek))
    delen.append(_signaal(n, p, stromen["signaal"], bibliotheek))
    consultaties = {f"consultatie.{c}": p.consultaties[c] for c in _PARTIJEN}
    delen.append(_vlagkolommen(n, consultaties, stromen["consultaties"], bibliotheek))
    return nw.concat(delen, how="horizontal").to_native()


# --- the inverse: rows back to cases --------------------------------------------------------

_PROTOCOLLEN = frozenset(p.value for p in PROTOCOLLEN)


def _jaren_van_het_contract(df: Any, kolom: str) -> None:
    """Refuse a date column with a year no ``YYYY-MM-DD`` has (polars: ``+10000-01-01``).

    Python's dates cannot hold such a year, so reading the cell would fail; it is a bad row, as
    the same text is in JSON.
    """
    jaren = df[kolom].dt.year()
    buiten = ((jaren < 1) | (jaren > 9999)).fill_null(value=False)
    if buiten.any():
        rij = int(buiten.arg_true()[0])
        getoond = df[kolom].cast(nw.String)[rij]
        raise _fout(rij, kolom, getoond, "must be a date YYYY-MM-DD")


def _python(waarde: object) -> object:
    """A cell as a plain Python value; every kind of missing value becomes ``None``."""
    if waarde is None or type(waarde).__name__ in ("NAType", "NaTType"):
        return None
    if type(waarde).__module__ == "numpy" and hasattr(waarde, "item"):
        waarde = waarde.item()
    if isinstance(waarde, float):
        if math.isnan(waarde):
            return None
        if waarde.is_integer():
            return int(waarde)  # pandas stores an integer column with gaps as float
    if hasattr(waarde, "to_pydatetime"):
        waarde = waarde.to_pydatetime()
    if isinstance(waarde, dt.datetime):
        return waarde.date()
    return waarde


#: what the population's reader does with a column of its own, in a message
_EIGEN = "other columns are ignored, but not one whose name looks like a contract column"


def _kaart(namen: Sequence[Any]) -> dict[str, str]:
    """Which column feeds which path; refuse typos, double spellings and list columns."""
    bekend = kolommen()
    kaart: dict[str, str] = {}
    fouten: list[Fout] = []
    for naam in namen:
        if not isinstance(naam, str):  # a pandas MultiIndex, bytes: refused if it looks like ours
            fout = naam_geen_tekst(naam, bekend, eigen=_EIGEN)
            if fout is not None:
                fouten.append(fout)
            continue
        pad = bekend.get(naam)
        if naam in GENEST:
            fouten.append(geneste_kolom(naam))
        elif pad in LIJSTEN:
            fouten.append(
                Fout(
                    naam,
                    toon(naam),
                    f"column {naam!r} holds a JSON list: a population has "
                    "flag columns (use meldcode.adapters.dataframe.beslis for JSON lists)",
                )
            )
        elif pad is not None:
            if pad in kaart.values():
                fouten.append(Fout(naam, toon(naam), f"column {naam!r} repeats {pad!r}"))
            kaart[naam] = pad
        elif (bedoeld := lijkt_op(naam, bekend)) is not None or (
            "." in naam and naam.split(".", 1)[0] in (*OBJECTEN, "signaal", "consultatie")
        ):
            # a near miss (``vermoedn``), or a name that only looks like a column of the
            # contract (a byte-order mark, a Cyrillic letter), must not be ignored as "another
            # column": the question would count as unanswered
            hint = f"; did you mean {bedoeld!r}?" if bedoeld else ""
            if bedoeld and naaste(naam, bekend) is None:
                hint += f" Its name only looks like it: {schijn(naam)}"
            fouten.append(
                Fout(
                    naam,
                    toon(naam),
                    f"column {naam!r} is not a field of the contract or a flag{hint}",
                )
            )
    if fouten:
        raise OngeldigeInvoer(fouten)
    return kaart


def _eigen_velden(cellen: Mapping[str, Any], ongeboren: bool) -> dict[str, Any]:
    """The row's own fields (``protocol``, ``datum``, ``referentie``, ``kind``) as JSON has them."""
    data: dict[str, Any] = {}
    for pad in ("protocol", "datum", "referentie"):
        waarde = cellen.get(pad)
        if waarde is not None:
            data[pad] = waarde.isoformat() if isinstance(waarde, dt.date) else waarde
    kind: dict[str, Any] = {"ongeboren": ongeboren}
    if cellen.get("kind.leeftijd") is not None:
        kind["leeftijd"] = cellen["kind.leeftijd"]
    data["kind"] = kind
    return data


def _json_fout(
    rij: int, data: Mapping[str, Any], anders: OngeldigeInvoer | None = None
) -> OngeldigeInvoer:
    """The JSON reader's error for the cells ``data`` (as a case), each problem given its row.

    What the contract's reader says of the same values, naming the column (``datum``,
    ``kind.leeftijd``) as it names the field. ``anders`` when the reader takes them: the
    domain's own error then, its row given.
    """
    fouten = anders.fouten if anders is not None else ()
    try:
        casus_uit_dict(data)
    except OngeldigeInvoer as exc:
        fouten = exc.fouten
    if not fouten:  # pragma: no cover - the callers ask only of values the reader refuses
        fouten = (Fout("row", str(rij), "cannot be read as a case"),)
    return OngeldigeInvoer([Fout(f.veld, f.waarde, f"row {rij}: {f.melding}") for f in fouten])


def _fout(rij: int, veld: str, waarde: object, wat: str) -> OngeldigeInvoer:
    getoond = toon(waarde)
    return OngeldigeInvoer([Fout(veld, getoond, f"row {rij}: {veld} {wat} (got {getoond})")])


def _vlag(rij: int, pad: str, waarde: object) -> bool:
    if waarde is None:
        return False  # an empty flag cell is false, as an absent flag column
    if not isinstance(waarde, bool):
        raise _fout(rij, pad, waarde, "must be true or false")
    return waarde


def _oordeel(rij: int, pad: str, waarde: object) -> Oordeel | None:
    if waarde is None:
        return None
    if waarde not in ANTWOORDEN:
        raise _fout(rij, pad, waarde, "must be one of 'ja', 'nee', 'twijfel' or empty")
    return Oordeel(waarde)


def _een(rij: int, prefix: str, gevonden: list[str]) -> str | None:
    """The one flagged value of a group of flags (``signaal.bron.*``), or ``None``."""
    if len(gevonden) > 1:
        kolommen_ = [f"{prefix}{g}" for g in gevonden]
        raise OngeldigeInvoer(
            [
                Fout(
                    kolommen_[1],
                    "true",
                    f"row {rij}: a population row has one signal, so one of "
                    f"{', '.join(kolommen_)} (got all of them true)",
                )
            ]
        )
    return gevonden[0] if gevonden else None


def _casus(rij: int, cellen: Mapping[str, Any]) -> Casus:
    """One row (cells by contract path) as a ``Casus``; check that its flags come back."""
    weging = {
        v.value: _oordeel(rij, f"weging.{v.value}", cellen.get(f"weging.{v.value}")) for v in Vraag
    }
    omstandigheden = {
        o: _vlag(rij, f"omstandigheden.{o}", cellen.get(f"omstandigheden.{o}"))
        for o in _OMSTANDIGHEDEN
    }
    vlag: Callable[[str], bool] = lambda pad: _vlag(rij, pad, cellen.get(pad))  # noqa: E731
    soort = _een(rij, "signaal.", [s for s in _SOORTEN if vlag(f"signaal.{s}")])
    bron = _een(rij, "signaal.bron.", [b for b in _BRONNEN if vlag(f"signaal.bron.{b}")])
    signalen: tuple[Signaal, ...] = ()
    if soort is not None:
        kenmerken = {
            k: vlag(f"signaal.{soort}.{k}")
            if f"signaal.{soort}.{k}" in cellen
            else vlag(f"signaal.{k}")
            for k in KENMERKEN
        }
        velden: dict[str, Any] = {
            "soort": SoortSignaal(soort),
            "bron": SignaalBron(bron) if bron is not None else None,
            **kenmerken,
        }
        signalen = (Signaal(**velden),)
    consultaties = tuple(Consultatie(met=Partij(c)) for c in _PARTIJEN if vlag(f"consultatie.{c}"))
    # the case's own fields, read as the contract's reader reads them: a date as text too (what
    # a CSV file gives); anything it would refuse, refused in its words, naming the column
    protocol = cellen.get("protocol")
    datum = cellen.get("datum")
    if isinstance(datum, str):
        datum = datum_uit_tekst(datum) or datum
    leeftijd = cellen.get("kind.leeftijd")
    referentie = cellen.get("referentie")
    ongeboren = _vlag(rij, "kind.ongeboren", cellen.get("kind.ongeboren"))
    if (
        (protocol is not None and protocol not in _PROTOCOLLEN)
        or not (datum is None or isinstance(datum, dt.date))
        or not (
            leeftijd is None
            or (
                isinstance(leeftijd, int)
                and not isinstance(leeftijd, bool)
                and 0 <= leeftijd <= MAX_LEEFTIJD
                and not ongeboren  # an unborn child has no age
            )
        )
    ):
        raise _json_fout(rij, _eigen_velden(cellen, ongeboren))
    try:
        casus = Casus(
            kind=Kind(leeftijd=leeftijd, ongeboren=ongeboren),
            signalen=signalen,
            consultaties=consultaties,
            omstandigheden=Omstandigheden(**omstandigheden),
            weging=Weging(**weging),
            protocol=None if protocol is None else lees_protocol(protocol),
            datum=datum,
            referentie=referentie,
        )
    except OngeldigeInvoer as exc:  # a bad ``referentie``: named as the JSON reader names it
        raise _json_fout(rij, _eigen_velden(cellen, ongeboren), exc) from None
    # a flag no case with one signal can give (a kenmerk without a signal, a bron on none, ...)
    terug = vlaggen(casus)
    for pad in VLAGKOLOMMEN:
        if pad in cellen and vlag(pad) != terug[pad]:
            raise _fout(
                rij,
                pad,
                cellen[pad],
                f"does not fit the rest of the row's flags (expected {str(terug[pad]).lower()})",
            )
    return casus


def _geen_frame(frame: Any) -> OngeldigeInvoer:
    """The error for something that is no eager frame: a lazy one is told to collect."""
    getoond = f"<{type(frame).__name__}>"
    try:
        with warnings.catch_warnings():
            # narwhals announces that its Dask support moves to a separate package
            warnings.filterwarnings("ignore", message=".*Dask support is moving.*")
            lazy = isinstance(nw.from_native(frame), nw.LazyFrame)
    except (TypeError, nw.exceptions.NarwhalsError):
        lazy = False
    hint = ": collect it first (.collect(), Dask .compute())" if lazy else ""
    wat = "a lazy frame" if lazy else getoond
    return OngeldigeInvoer(
        [
            Fout(
                "frame",
                getoond,
                "frame must be an eager dataframe narwhals supports (pandas, polars, ...) "
                f"(got {wat}){hint}",
            )
        ]
    )


def casussen_uit_populatie(frame: Any) -> list[Casus]:
    """Rebuild every row of a population frame as a ``Casus``: the inverse of the generator.

    For each row, ``rij_uit_casus(casus)`` restricted to the frame's columns equals the row
    (answers as strings, ``None`` for unanswered). Reads the flat vocabulary of
    ``meldcode.adapters.dataframe.plat`` with or without prefixes; an absent flag column, or an
    empty
    flag cell, is false. Other columns (a region, decision columns) are ignored. A row becomes
    one case with at most one signal and one consultation per flagged party. The case's own
    fields (``protocol``, ``datum``, ``kind.leeftijd``, ``kind.ongeboren``, ``referentie``) are
    read as the JSON reader reads them: ``datum`` as a date or as text ``YYYY-MM-DD`` (what a
    CSV file gives), a value it refuses refused in its words, naming the column. Raises
    ``OngeldigeInvoer`` naming the column (and the row) for a misspelled contract column (or one
    whose name only looks like one: a byte-order mark, a Cyrillic letter; or a pandas label
    that is a tuple or bytes and looks like one), a bad
    value, or flags that no such case gives (two kinds of signal, a kenmerk without a signal),
    for a column that holds a contract object nested (``weging``: flatten it first), and for
    something that is not an eager frame (a lazy one: collect it first).
    """
    try:
        df = nw.from_native(frame, eager_only=True)
    except nw.exceptions.DuplicateError:
        raise dubbele_kolommen(frame) from None
    except TypeError:
        raise _geen_frame(frame) from None
    kaart = _kaart(df.columns)
    for kolom in kaart:
        if isinstance(df.schema[kolom], nw.Date | nw.Datetime):
            _jaren_van_het_contract(df, kolom)
    kolomwaarden = {pad: [_python(w) for w in df[kolom].to_list()] for kolom, pad in kaart.items()}
    return [
        _casus(i, {pad: waarden[i] for pad, waarden in kolomwaarden.items()})
        for i in range(len(df))
    ]
