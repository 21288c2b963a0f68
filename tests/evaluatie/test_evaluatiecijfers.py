"""The evaluation figures count what the dossiers and decisions record, per period."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import attrs
import pytest

from meldcode import Casus, Oordeel, Weging, beslis
from meldcode.domain import Besluit, Protocol
from meldcode.domain.dossier import Correctie, WegingVastgelegd
from meldcode.errors import OngeldigeInvoer
from meldcode.rules.dossier import vouw
from meldcode.rules.evaluatiecijfers import (
    BRON,
    CITAAT,
    TELLINGEN,
    TOTAAL,
    Eenheid,
    Periode,
    Periodecijfers,
    cijfers_uit_perioden,
    evaluatiecijfers_uit_besluiten,
    evaluatiecijfers_uit_dossiers,
    geval_uit_dossier,
    kies_periode,
    periodesleutel,
)
from meldcode.rules.kalender import WeekendKalender
from meldcode.rules.regels import BRONNEN
from meldcode.testing.dossier import voorbeeld_dossier
from tests.evaluatie.bouw import SLEUTEL, VELDEN, D, Opzet, dossier, verwacht

OPZETTEN = [
    Opzet(id="a-1", signaal=D(2025, 11, 3), vermoeden=Oordeel.NEE, gesloten=True),
    Opzet(id="a-2", signaal=D(2025, 12, 30), vermoeden=Oordeel.JA, veilig_thuis=True, hulp=True),
    Opzet(id="a-3", signaal=D(2026, 1, 5), vermoeden=Oordeel.TWIJFEL, melding=True, gesloten=True),
    Opzet(id="a-4", signaal=D(2026, 1, 20), melding=True, spoed=True),
    Opzet(id="a-5", signaal=D(2026, 3, 31), vermoeden=Oordeel.JA, veilig_thuis=True, melding=True),
    Opzet(id="a-6", signaal=D(2026, 3, 31)),
    Opzet(id="a-7", signaal=D(2026, 8, 14), vermoeden=Oordeel.JA, hulp=True, gesloten=True),
    Opzet(id="a-8", signaal=D(2026, 8, 15), veilig_thuis=True, stap=60),
]


def rijen(cijfers: object) -> dict[str, dict[str, int]]:
    """The non-empty period rows as plain dicts (without the period key)."""
    uit = {}
    for p in cijfers.perioden:  # type: ignore[attr-defined]
        telling = {v: getattr(p, v) for v in VELDEN}
        if telling["gevallen"]:
            uit[p.periode] = telling
    return uit


@pytest.mark.parametrize("periode", ["maand", "kwartaal", "jaar"])
def test_each_dossier_counts_in_the_period_of_its_first_signal(periode: str) -> None:
    """The counts per period are what the hand-built dossiers record."""
    cijfers = evaluatiecijfers_uit_dossiers([dossier(o) for o in OPZETTEN], periode)

    assert rijen(cijfers) == {
        k: {v: c[v] for v in VELDEN} for k, c in verwacht(OPZETTEN, periode).items()
    }
    assert cijfers.eenheid is Eenheid.DOSSIER
    assert cijfers.periode is Periode(periode)
    assert cijfers.totaal.periode == TOTAAL
    assert cijfers.totaal.gevallen == len(OPZETTEN)
    assert cijfers.overgeslagen == ()


def test_periods_without_cases_are_listed_with_zeros_in_order() -> None:
    """From the first period to the last, across the turn of the year, none skipped."""
    cijfers = evaluatiecijfers_uit_dossiers([dossier(o) for o in OPZETTEN], "kwartaal")

    assert [p.periode for p in cijfers.perioden] == [
        "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3",
    ]  # fmt: skip
    assert cijfers.perioden[2] == Periodecijfers(periode="2026-Q2")
    maanden = [
        p.periode
        for p in evaluatiecijfers_uit_dossiers([dossier(o) for o in OPZETTEN], "maand").perioden
    ]
    assert maanden[:3] == ["2025-11", "2025-12", "2026-01"]
    assert len(maanden) == 10  # 2025-11 up to and including 2026-08


def test_a_report_in_a_later_period_counts_with_the_first_signal() -> None:
    """The dossier opened in March and reported in May counts in 2026-Q1 (a cohort)."""
    o = Opzet(id="b-1", signaal=D(2026, 3, 25), vermoeden=Oordeel.JA, melding=True, stap=10)
    d = dossier(o)
    assert d.gebeurtenissen[-1].datum.month == 5

    cijfers = evaluatiecijfers_uit_dossiers([d], "kwartaal")

    assert [(p.periode, p.gemeld) for p in cijfers.perioden] == [("2026-Q1", 1)]


def test_op_counts_only_what_was_recorded_by_then() -> None:
    """At the end of March the May report is not there yet and the dossier is still open."""
    o = Opzet(
        id="b-2", signaal=D(2026, 3, 2), vermoeden=Oordeel.JA, melding=True, gesloten=True, stap=10
    )
    later = Opzet(id="b-3", signaal=D(2026, 4, 2), vermoeden=Oordeel.JA)
    dossiers = [dossier(o), dossier(later)]

    op_31_maart = evaluatiecijfers_uit_dossiers(dossiers, "jaar", op=D(2026, 3, 31))
    alles = evaluatiecijfers_uit_dossiers(dossiers, "jaar")

    assert op_31_maart.op == D(2026, 3, 31)
    t = op_31_maart.totaal
    assert (t.gevallen, t.vermoedens, t.gemeld, t.gesloten, t.lopend) == (1, 1, 0, 0, 1)
    t = alles.totaal
    assert (t.gevallen, t.vermoedens, t.gemeld, t.gesloten, t.lopend) == (2, 2, 1, 1, 1)


def test_a_new_signal_reopens_a_closed_dossier_which_still_counts_once() -> None:
    """Closed, then a new signal (000 stap 5a): one case, open again."""
    d = dossier(Opzet(id="b-4", signaal=D(2026, 1, 5), vermoeden=Oordeel.NEE, gesloten=True))
    nieuw = attrs.evolve(d.gebeurtenissen[0], datum=D(2026, 6, 1))
    heropend = d.voeg_toe(nieuw)

    voor, na = (evaluatiecijfers_uit_dossiers([x], "kwartaal").totaal for x in (d, heropend))

    assert (voor.gevallen, voor.gesloten, voor.lopend) == (1, 1, 0)
    assert (na.gevallen, na.gesloten, na.lopend) == (1, 0, 1)
    assert [p.periode for p in evaluatiecijfers_uit_dossiers([heropend]).perioden] == ["2026-Q1"]


def test_a_corrected_weighing_counts_as_corrected() -> None:
    """The effective view: the weighing corrected from ja to nee is no suspicion."""
    d = dossier(Opzet(id="b-5", signaal=D(2026, 2, 2), vermoeden=Oordeel.JA))
    nummer, weging = next(
        (n, g) for n, g in enumerate(d.gebeurtenissen, 1) if isinstance(g, WegingVastgelegd)
    )
    gecorrigeerd = d.voeg_toe(
        Correctie(
            datum=D(2026, 2, 20),
            verwijst_naar=nummer,
            vervanging=attrs.evolve(weging, weging=Weging(vermoeden=Oordeel.NEE)),
        )
    )

    assert evaluatiecijfers_uit_dossiers([d]).totaal.vermoedens == 1
    assert evaluatiecijfers_uit_dossiers([gecorrigeerd]).totaal.vermoedens == 0


def test_the_example_dossier() -> None:
    """The complete example: one case in 2026-03, a suspicion, help, a report, closed."""
    geval = geval_uit_dossier(voorbeeld_dossier())

    assert geval is not None
    assert geval.datum == D(2026, 3, 2)
    assert (geval.vermoeden, geval.hulp_georganiseerd, geval.gemeld, geval.gesloten) == (
        True, True, True, True,
    )  # fmt: skip
    assert (
        geval.gesloten
        == vouw(voorbeeld_dossier(), op=D(2026, 7, 1), kalender=WeekendKalender()).gesloten
    )


def test_an_empty_dossier_counts_nowhere() -> None:
    """Nothing recorded yet: no case."""
    from meldcode.domain.dossier import Dossier

    cijfers = evaluatiecijfers_uit_dossiers([Dossier(id="leeg-1")])

    assert cijfers.perioden == ()
    assert cijfers.totaal == Periodecijfers(periode=TOTAAL)
    assert cijfers.overgeslagen == ()


# --- decisions ------------------------------------------------------------------------------

CASUSSEN = [
    (D(2026, 1, 10), Weging(vermoeden=Oordeel.NEE)),
    (D(2026, 2, 11), Weging(vermoeden=Oordeel.JA, acute_onveiligheid=Oordeel.JA)),
    (D(2026, 2, 12), Weging(vermoeden=Oordeel.TWIJFEL)),
    (D(2026, 5, 1), Weging()),
    (
        D(2026, 11, 30),
        Weging(
            vermoeden=Oordeel.JA,
            acute_onveiligheid=Oordeel.NEE,
            structurele_onveiligheid=Oordeel.NEE,
            hulp_mogelijk=Oordeel.JA,
            hulp_aanvaard=Oordeel.JA,
        ),
    ),
]


def besluiten() -> list[tuple[dt.date, Besluit]]:
    return [(d, beslis(Casus(weging=w, datum=d))) for d, w in CASUSSEN]


@pytest.mark.parametrize("periode", ["maand", "kwartaal", "jaar"])
def test_decisions_count_in_the_period_of_their_case(periode: str) -> None:
    """Each count is the number of decisions of the period with that decision taken."""
    paren = besluiten()

    cijfers = evaluatiecijfers_uit_besluiten(paren, periode)

    verwacht: dict[str, dict[str, int]] = {}
    for d, b in paren:
        c = verwacht.setdefault(SLEUTEL[periode](d), dict.fromkeys(VELDEN, 0))
        c["gevallen"] += 1
        c["vermoedens"] += b.melden or b.hulp_organiseren or b.veilig_thuis_raadplegen or b.spoed
        c["veilig_thuis_geraadpleegd"] += b.veilig_thuis_raadplegen
        c["hulp_georganiseerd"] += b.hulp_organiseren
        c["gemeld"] += b.melden
        c["spoed"] += b.spoed
        c["gesloten"] += b.dossier_sluiten
        c["lopend"] += not b.dossier_sluiten
    assert rijen(cijfers) == verwacht
    assert cijfers.eenheid is Eenheid.BESLUIT


def test_a_suspicion_in_a_decision_is_what_the_rule_base_does_about_one() -> None:
    """Vermoeden nee: closed, no suspicion; ja or twijfel: at least Veilig Thuis consulted."""
    for p in Protocol:
        for oordeel, vermoeden in [(Oordeel.NEE, 0), (Oordeel.JA, 1), (Oordeel.TWIJFEL, 1)]:
            b = beslis(Casus(weging=Weging(vermoeden=oordeel)), p)
            t = evaluatiecijfers_uit_besluiten([(D(2026, 1, 1), b)]).totaal
            assert t.vermoedens == vermoeden, (p, oordeel)
            assert t.gesloten == 1 - vermoeden, (p, oordeel)


# --- bad input ------------------------------------------------------------------------------


def test_an_unknown_period_names_the_field_and_the_value() -> None:
    """``week`` is no period: OngeldigeInvoer on ``periode`` with the value."""
    with pytest.raises(OngeldigeInvoer) as fout:
        evaluatiecijfers_uit_besluiten(besluiten(), "week")

    assert fout.value.veld == "periode"
    assert fout.value.waarde == "'week'"
    assert "'maand', 'kwartaal', 'jaar'" in str(fout.value)


def test_a_period_name_that_looks_like_free_text_is_not_echoed() -> None:
    """A value with spaces may be a name: shown by its type only."""
    with pytest.raises(OngeldigeInvoer) as fout:
        kies_periode("Jan de Vries")

    assert fout.value.waarde == "<text>"
    assert "Jan" not in str(fout.value)


def test_a_decision_without_a_date_is_reported_and_the_others_counted() -> None:
    """The batch goes on: the bad items are listed by position, naming field and value."""
    goed = besluiten()
    b = goed[0][1]
    invoer: list[object] = [
        goed[0],
        (None, b),
        goed[1],
        ("Piet Puk", b),
        (dt.datetime(2026, 1, 1, 9, 30), b),
        ("2026-01-01", "geen besluit"),
        "los",
        goed[2],
    ]

    cijfers = evaluatiecijfers_uit_besluiten(invoer)  # type: ignore[arg-type]

    assert cijfers.totaal.gevallen == 3
    assert cijfers.totaal == evaluatiecijfers_uit_besluiten(goed[:3]).totaal
    overgeslagen = {o.positie: [(f.veld, f.waarde) for f in o.fouten] for o in cijfers.overgeslagen}
    assert overgeslagen == {
        1: [("datum", "None")],
        3: [("datum", "<text>")],
        4: [("datum", "2026-01-01T09:30:00")],
        5: [("datum", "'2026-01-01'"), ("besluit", "<str>")],
        6: [("", "<str>")],
    }
    assert cijfers.overgeslagen[0].fout.veld == "datum"
    assert "Piet" not in repr(cijfers)


def test_something_that_is_not_a_dossier_is_reported_and_the_others_counted() -> None:
    """Position and type only."""
    d = dossier(OPZETTEN[0])

    cijfers = evaluatiecijfers_uit_dossiers([d, "lln-0001", d])  # type: ignore[list-item]

    assert cijfers.totaal.gevallen == 2
    assert [(o.positie, o.fouten[0].veld, o.fouten[0].waarde) for o in cijfers.overgeslagen] == [
        (1, "dossier", "<str>")
    ]


def test_op_must_be_a_date() -> None:
    """A date and time, or text, is refused naming ``op``."""
    with pytest.raises(OngeldigeInvoer) as fout:
        evaluatiecijfers_uit_dossiers([], op="2026-01-01")  # type: ignore[arg-type]

    assert (fout.value.veld, fout.value.waarde) == ("op", "'2026-01-01'")


def test_period_rows_must_carry_keys_of_the_period() -> None:
    """Putting rows together checks their keys."""
    with pytest.raises(OngeldigeInvoer) as fout:
        cijfers_uit_perioden(
            [Periodecijfers(periode="2026-13", gevallen=1)], "maand", eenheid=Eenheid.BESLUIT
        )

    assert (fout.value.veld, fout.value.waarde) == ("periode", "'2026-13'")


def test_rows_of_one_key_are_added_up() -> None:
    """Two partial rows of one quarter make one row."""
    cijfers = cijfers_uit_perioden(
        [
            Periodecijfers(periode="2026-Q1", gevallen=2, gemeld=1, lopend=2),
            Periodecijfers(periode="2026-Q1", gevallen=1, gesloten=1),
        ],
        eenheid=Eenheid.BESLUIT,
    )

    assert cijfers.perioden == (
        Periodecijfers(periode="2026-Q1", gevallen=3, gemeld=1, gesloten=1, lopend=2),
    )


# --- keys, labels, the source ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("datum", "maand_", "kwartaal_", "jaar_"),
    [
        (D(2026, 1, 1), "2026-01", "2026-Q1", "2026"),
        (D(2026, 3, 31), "2026-03", "2026-Q1", "2026"),
        (D(2026, 4, 1), "2026-04", "2026-Q2", "2026"),
        (D(2019, 12, 31), "2019-12", "2019-Q4", "2019"),
    ],
)
def test_period_keys(datum: dt.date, maand_: str, kwartaal_: str, jaar_: str) -> None:
    """``2026-03``, ``2026-Q1``, ``2026``; the quarter boundaries fall where they should."""
    assert [periodesleutel(datum, p) for p in ("maand", "kwartaal", "jaar")] == [
        maand_, kwartaal_, jaar_,
    ]  # fmt: skip


def test_every_count_has_a_dutch_head_and_meaning_for_both_units() -> None:
    """The labels list exactly the counts of Periodecijfers, in order."""
    velden = [a.name for a in attrs.fields(Periodecijfers) if a.name != "periode"]

    assert [t.naam for t in TELLINGEN] == velden == list(VELDEN)
    for t in TELLINGEN:
        assert t.kop
        assert t.uitleg(Eenheid.DOSSIER) != t.uitleg(Eenheid.BESLUIT)


def normaliseer(tekst: str) -> str:
    return re.sub(r"\s+", " ", tekst.replace("*", "")).strip()


def test_the_quote_occurs_verbatim_in_its_source(bronnen: Path) -> None:
    """003 §1.5.3 in its own words, under that section heading."""
    tekst = (bronnen / BRON.bestand).read_text(encoding="utf-8")
    sectie = tekst.split(f"### {BRON.sectie}", 1)

    assert BRON.bestand in BRONNEN
    assert len(sectie) == 2, "the section heading is in the source"
    assert normaliseer(CITAAT) in normaliseer(sectie[1].split("###", 1)[0])
    assert normaliseer(CITAAT.replace("daadwerkelijke", "mogelijke")) not in normaliseer(tekst)
