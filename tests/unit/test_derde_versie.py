"""A third version of the meldcode, defined here as data, decided by every engine unchanged.

Versions are data (``meldcode.rules.versies.Protocolversie``): this one has its own name, its
own questions (two of the weging's, with its own texts and reach) and its own rules, one of them
on a kind of condition of its own that says what it means in primitives (``verlaag``). No
engine or adapter knows it; each must decide it as its rules say, which the test states
independently (``verwacht``).
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import attrs
import pytest

from meldcode import (
    Beslispunt,
    Casus,
    Kind,
    Oordeel,
    Protocol,
    Signaal,
    SoortSignaal,
    Vraag,
    Weging,
    beslis,
)
from meldcode.rules import evalueer
from meldcode.rules.basis import maak_regelbasis
from meldcode.rules.gecompileerd import besluit_van
from meldcode.rules.model import (
    Afweging,
    Alle,
    Bron,
    Conclusie,
    Conditie,
    ErIsSignaal,
    KindLeeftijdVanaf,
    Regel,
    Regelbasis,
    antwoorden,
)
from meldcode.rules.versies import Protocolversie

FEDRA = "003_4961db14b56be6cc.txt"
DERDE = Protocol("2030-proef")
P = frozenset({DERDE})
B = Beslispunt


@attrs.frozen
class OuderDanTwaalfMetLetsel(ErIsSignaal):
    """A leaf of this version's own: a serious injury to a child of twelve or older."""

    def verlaag(self) -> Conditie:
        """A signal with serious injury, and the age."""
        return Alle((ErIsSignaal(kenmerk="ernstig_letsel").verlaag(), KindLeeftijdVanaf(12)))


def _regel(
    naam: str, als: Conditie, *punten: Beslispunt, tenzij: frozenset[B] = frozenset()
) -> Regel:
    return Regel(
        id=f"2030.proef.{naam}",
        protocollen=P,
        bron=Bron(FEDRA, "Figuur 2"),
        citaat="een proefversie",
        als=als,
        dan=Conclusie(beslissingen=frozenset(punten)),
        tenzij=tenzij,
    )


VERSIE = Protocolversie(
    protocol=DERDE,
    ingang=dt.date(2030, 1, 1),
    vragen=(
        Afweging(vraag=Vraag.VERMOEDEN, naam="vraag 1", tekst="Is er een vermoeden?"),
        Afweging(
            vraag=Vraag.HULP_MOGELIJK,
            naam="vraag 2",
            tekst="Is hulp mogelijk?",
            voorwaarde=antwoorden(Vraag.VERMOEDEN, "ja"),
        ),
    ),
    onverenigbaar=frozenset({frozenset({B.MELDEN, B.DOSSIER_SLUITEN})}),
    regels=(
        _regel(
            "sluiten",
            antwoorden(Vraag.VERMOEDEN, "nee"),
            B.DOSSIER_SLUITEN,
            tenzij=frozenset({B.MELDEN}),
        ),
        _regel(
            "melden",
            Alle(
                (
                    antwoorden(Vraag.VERMOEDEN, "ja"),
                    antwoorden(Vraag.HULP_MOGELIJK, "nee", "twijfel"),
                )
            ),
            B.MELDEN,
        ),
        _regel(
            "hulp",
            Alle((antwoorden(Vraag.VERMOEDEN, "ja"), antwoorden(Vraag.HULP_MOGELIJK, "ja"))),
            B.HULP_ORGANISEREN,
        ),
        _regel("letsel", OuderDanTwaalfMetLetsel(), B.MELDEN, B.SPOED),
        _regel("twijfel", antwoorden(Vraag.VERMOEDEN, "twijfel"), B.VEILIG_THUIS_RAADPLEGEN),
    ),
    naam="meldcode 2030 (proef)",
    meldpunt="Veilig Thuis",
)

ANTWOORDEN = (None, *Oordeel)


def _casussen() -> list[Casus]:
    uit = []
    for vermoeden, hulp, letsel, leeftijd in itertools.product(
        ANTWOORDEN, ANTWOORDEN, (False, True), (None, 11, 12)
    ):
        uit.append(
            Casus(
                protocol=DERDE,
                kind=Kind(leeftijd=leeftijd),
                signalen=(Signaal(soort=SoortSignaal.LICHAMELIJK_GEWELD, ernstig_letsel=letsel),),
                weging=Weging(vermoeden=vermoeden, hulp_mogelijk=hulp),
                referentie="proef-1",
            )
        )
    return uit


def verwacht(casus: Casus) -> dict[str, Any]:
    """What this version's rules say, stated without any engine."""
    w = casus.weging
    letsel = casus.signalen[0].ernstig_letsel and (casus.kind.leeftijd or 0) >= 12
    melden = (
        w.vermoeden is Oordeel.JA and w.hulp_mogelijk in (Oordeel.NEE, Oordeel.TWIJFEL)
    ) or letsel
    volgende = None
    if w.vermoeden is None:
        volgende = Vraag.VERMOEDEN
    elif w.vermoeden is Oordeel.JA and w.hulp_mogelijk is None:
        volgende = Vraag.HULP_MOGELIJK
    return {
        "melden": melden,
        "hulp_organiseren": w.vermoeden is Oordeel.JA and w.hulp_mogelijk is Oordeel.JA,
        "dossier_sluiten": w.vermoeden is Oordeel.NEE and not melden,
        "spoed": letsel,
        "veilig_thuis_raadplegen": w.vermoeden is Oordeel.TWIJFEL,
        "volgende_vraag": volgende,
    }


def _deel(besluit: Any) -> dict[str, Any]:
    return {k: getattr(besluit, k) for k in verwacht(_casussen()[0])}


@pytest.fixture(scope="module")
def basis() -> Regelbasis:
    return maak_regelbasis(VERSIE)


def test_the_pure_engines_decide_the_third_version_as_its_rules_say(basis: Regelbasis) -> None:
    """``beslis``, the compiled engine and ``evalueer``, on every combination of answers."""
    for casus in _casussen():
        besluit = beslis(casus, basis=basis)

        assert besluit.protocol is DERDE
        assert _deel(besluit) == verwacht(casus), casus
        assert besluit == evalueer(casus, basis).besluit == besluit_van(casus, basis)


def test_durable_decides_the_third_version_like_the_pure_engine(basis: Regelbasis) -> None:
    """The durable compiler needs no change for a version (or a condition) it never saw."""
    durable = pytest.importorskip("meldcode.adapters.durable", reason="needs meldcode[durable]")
    for casus in _casussen():
        assert durable.beslis(casus, basis=basis) == beslis(casus, basis=basis), casus


@pytest.mark.parametrize("backend", ["pandas", "polars", "polars-lazy"])
def test_frames_decide_the_third_version_like_the_pure_engine(
    basis: Regelbasis, backend: str
) -> None:
    """``beslis_frame`` with the version's rule base, on pandas, polars and a lazy frame."""
    pytest.importorskip("narwhals", reason="needs meldcode[dataframe]")
    from meldcode.adapters.dataframe import beslis_frame, frame_uit_casussen
    from meldcode.adapters.dataframe.plat import leeg

    casussen = _casussen()
    frame = frame_uit_casussen(casussen, backend="polars" if backend != "pandas" else "pandas")
    if backend == "polars-lazy":
        frame = frame.lazy()
    uit = beslis_frame(frame, basis=basis)
    if backend == "polars-lazy":
        uit = uit.collect()
    rijen = uit.to_dicts() if backend != "pandas" else uit.to_dict("records")
    for casus, rij in zip(casussen, rijen, strict=True):
        b = beslis(casus, basis=basis)
        for punt in ("melden", "hulp_organiseren", "dossier_sluiten", "spoed"):
            assert bool(rij[f"besluit.{punt}"]) is getattr(b, punt), (casus, punt)
        vraag = rij["besluit.volgende_vraag"]
        verwacht_ = b.volgende_vraag.value if b.volgende_vraag else None
        assert (None if leeg(vraag) else vraag) == verwacht_, casus
