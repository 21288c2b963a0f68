"""Properties of the evaluation figures over random dossiers and decisions."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given
from hypothesis import strategies as st

from meldcode.domain import Besluit
from meldcode.domain.dossier import Dossier, MeldingGedaan
from meldcode.rules.dossier import vouw
from meldcode.rules.evaluatiecijfers import (
    TELLINGEN,
    Evaluatiecijfers,
    Periode,
    evaluatiecijfers_uit_besluiten,
    evaluatiecijfers_uit_dossiers,
    geval_uit_dossier,
)
from meldcode.rules.kalender import WeekendKalender
from meldcode.testing.dossier import datums, geldige_dossiers
from meldcode.testing.strategies import besluiten

perioden = st.sampled_from(Periode)
gedateerd = st.lists(st.tuples(datums, besluiten()), max_size=25)
dossiers = st.lists(geldige_dossiers(max_size=12), max_size=6)


def controleer_samenhang(cijfers: Evaluatiecijfers) -> None:
    """What must hold of any result: sums, orderings, and the limits between the counts."""
    rijen = cijfers.perioden
    for i, t in enumerate(TELLINGEN):
        assert sum(p.tellingen()[i] for p in rijen) == cijfers.totaal.tellingen()[i], t.naam
    sleutels = [p.periode for p in rijen]
    assert sleutels == sorted(sleutels)
    assert len(set(sleutels)) == len(sleutels)
    for p in (*rijen, cijfers.totaal):
        assert p.gemeld <= p.vermoedens <= p.gevallen
        assert p.gesloten + p.lopend == p.gevallen
        assert all(0 <= n <= p.gevallen for n in p.tellingen())
    if rijen:  # the first and the last period have cases; none in between is missing
        assert rijen[0].gevallen > 0
        assert rijen[-1].gevallen > 0


@given(gedateerd, perioden)
def test_decision_figures_add_up(paren: list[tuple[dt.date, Besluit]], periode: Periode) -> None:
    """The periods add up to the totals, which count every decision once."""
    cijfers = evaluatiecijfers_uit_besluiten(paren, periode)

    controleer_samenhang(cijfers)
    assert cijfers.totaal.gevallen == len(paren)
    assert cijfers.totaal.gemeld == sum(b.melden for _, b in paren)
    assert cijfers.totaal.gesloten == sum(b.dossier_sluiten for _, b in paren)


@given(dossiers, perioden)
def test_dossier_figures_add_up(lijst: list[Dossier], periode: Periode) -> None:
    """Every started dossier counts once; reported ones are those with a melding recorded."""
    cijfers = evaluatiecijfers_uit_dossiers(lijst, periode)

    controleer_samenhang(cijfers)
    gestart = [d for d in lijst if d.geldend()]
    assert cijfers.totaal.gevallen == len(gestart)
    assert cijfers.totaal.gemeld == sum(bool(d.van_soort(MeldingGedaan)) for d in gestart)


@given(gedateerd, st.randoms(use_true_random=False))
def test_the_order_of_the_input_does_not_matter(
    paren: list[tuple[dt.date, Besluit]], toeval: random.Random
) -> None:
    """Shuffled, the same figures."""
    geschud = list(paren)
    toeval.shuffle(geschud)

    a, b = evaluatiecijfers_uit_besluiten(paren), evaluatiecijfers_uit_besluiten(geschud)

    assert (a.perioden, a.totaal) == (b.perioden, b.totaal)


@given(gedateerd)
def test_a_year_is_its_quarters_and_its_months(paren: list[tuple[dt.date, Besluit]]) -> None:
    """Each year's row is the sum of its quarters' rows and of its months' rows."""
    jaren = evaluatiecijfers_uit_besluiten(paren, "jaar")
    kwartalen = evaluatiecijfers_uit_besluiten(paren, "kwartaal")
    maanden = evaluatiecijfers_uit_besluiten(paren, "maand")

    for jaar in jaren.perioden:
        for fijner in (kwartalen, maanden):
            delen = [p for p in fijner.perioden if p.periode.startswith(f"{jaar.periode}-")]
            som = [sum(x) for x in zip(*(p.tellingen() for p in delen), strict=True)]
            assert (som or [0] * len(TELLINGEN)) == list(jaar.tellingen())


@given(geldige_dossiers(max_size=15))
def test_closed_is_the_state_the_fold_gives(dossier: Dossier) -> None:
    """Without a reference date, closed means what ``Toestand.gesloten`` means."""
    geval = geval_uit_dossier(dossier)
    toestand = vouw(dossier, op=dt.date(2030, 1, 1), kalender=WeekendKalender())

    assert (geval is None) == (not dossier.geldend())
    if geval is not None:
        assert geval.gesloten == toestand.gesloten


@given(geldige_dossiers(max_size=15), datums)
def test_a_reference_date_never_counts_more(dossier: Dossier, op: dt.date) -> None:
    """At an earlier date there is never more of anything that only grows (cases, reports)."""
    eerder = evaluatiecijfers_uit_dossiers([dossier], op=op).totaal
    alles = evaluatiecijfers_uit_dossiers([dossier]).totaal

    for naam in ("gevallen", "vermoedens", "veilig_thuis_geraadpleegd", "hulp_georganiseerd"):
        assert getattr(eerder, naam) <= getattr(alles, naam), naam
    assert eerder.gemeld <= alles.gemeld
