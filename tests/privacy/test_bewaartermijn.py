"""Retention as policy: the period in the profile, and exactly the dossiers past it at a date."""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meldcode.adapters.profiel import laad_profiel, profiel_uit_toml
from meldcode.domain.casus import Signaal
from meldcode.domain.dossier import (
    Dossier,
    DossierGesloten,
    GesprekGevoerd,
    Gesprekspartner,
    SignaalVastgelegd,
)
from meldcode.domain.waarden import SoortSignaal
from meldcode.errors import OngeldigeInvoer
from meldcode.rules.bewaartermijn import (
    Bewaarmoment,
    Bewaartermijn,
    bewaarstatus,
    plus_maanden,
    sluitdatum,
    verlopen_dossiers,
)

D = dt.date
ROOT = Path(__file__).resolve().parents[2]
GRONDSLAG = "Privacyreglement, artikel 12"
VIJF_JAAR = Bewaartermijn(vanaf=Bewaarmoment.DOSSIER_GESLOTEN, jaren=5, grondslag=GRONDSLAG)


def _signaal(datum: dt.date) -> SignaalVastgelegd:
    return SignaalVastgelegd(datum=datum, signaal=Signaal(soort=SoortSignaal.VERWAARLOZING))


def _dossier(naam: str, begin: dt.date, gesloten: dt.date | None, heropend: bool) -> Dossier:
    """Signal, parent talk, and (optionally) closed; a reopened one has a new signal after."""
    d = Dossier(id=naam).voeg_toe(_signaal(begin))
    d = d.voeg_toe(GesprekGevoerd(datum=begin, met=Gesprekspartner.OUDERS))
    if gesloten is not None:
        d = d.voeg_toe(DossierGesloten(datum=gesloten))
        if heropend:
            d = d.voeg_toe(_signaal(gesloten))
    return d


def _einde_oracle(begin: dt.date, maanden: int) -> dt.date:
    """The end date computed another way: year and month by division, clamped to the month."""
    jaar = begin.year + (begin.month - 1 + maanden) // 12
    maand = (begin.month - 1 + maanden) % 12 + 1
    dag = min(begin.day, calendar.monthrange(jaar, maand)[1])
    return D(jaar, maand, dag)


gevallen = st.lists(
    st.tuples(
        st.dates(D(2015, 1, 1), D(2030, 12, 31)),
        st.none() | st.integers(0, 400),
        st.booleans(),
    ),
    max_size=12,
)


@given(
    gevallen=gevallen,
    jaren=st.integers(0, 7),
    maanden=st.integers(0, 11),
    op=st.dates(D(2015, 1, 1), D(2045, 12, 31)),
)
def test_with_an_injected_clock_exactly_the_dossiers_past_their_period_are_found(
    gevallen: list[tuple[dt.date, int | None, bool]], jaren: int, maanden: int, op: dt.date
) -> None:
    """Closed (and not reopened) dossiers whose period ended on or before ``op``; no others."""
    if jaren == 0 and maanden == 0:
        maanden = 1
    termijn = Bewaartermijn(
        vanaf=Bewaarmoment.DOSSIER_GESLOTEN, jaren=jaren, maanden=maanden, grondslag=GRONDSLAG
    )
    dossiers = []
    verwacht = set()
    for i, (begin, na, heropend) in enumerate(gevallen):
        gesloten = None if na is None else begin + dt.timedelta(days=na)
        dossiers.append(_dossier(f"lln-{i}", begin, gesloten, heropend))
        einde = None if gesloten is None else _einde_oracle(gesloten, jaren * 12 + maanden)
        if einde is not None and not heropend and op >= einde:
            verwacht.add(f"lln-{i}")

    gevonden = verlopen_dossiers(dossiers, termijn, op=op)

    assert {s.dossier for s in gevonden} == verwacht
    assert all(s.verlopen and s.einde is not None and s.einde <= op for s in gevonden)


def test_the_period_ends_on_its_end_date_not_a_day_earlier() -> None:
    """Closed 2026-06-01, five years: kept on 2031-05-31, past on 2031-06-01."""
    dossier = _dossier("lln-1", D(2026, 3, 2), D(2026, 6, 1), heropend=False)

    assert not bewaarstatus(dossier, VIJF_JAAR, op=D(2031, 5, 31)).verlopen
    status = bewaarstatus(dossier, VIJF_JAAR, op=D(2031, 6, 1))
    assert status.verlopen
    assert (status.begin, status.einde) == (D(2026, 6, 1), D(2031, 6, 1))


def test_an_open_or_reopened_dossier_is_never_past_its_period() -> None:
    """A running case is not ended by a clock, however long ago it started or was closed."""
    open_ = _dossier("lln-1", D(2000, 1, 1), None, heropend=False)
    heropend = _dossier("lln-2", D(2000, 1, 1), D(2001, 1, 1), heropend=True)

    for d in (open_, heropend):
        status = bewaarstatus(d, VIJF_JAAR, op=D(2099, 1, 1))
        assert not status.verlopen
        assert status.reden == "het dossier is open"
    assert sluitdatum(heropend) is None


def test_counted_from_leaving_the_period_needs_the_date_of_leaving() -> None:
    """``uitschrijving``: unknown leaving date, not started; with it, counted from it."""
    termijn = Bewaartermijn(vanaf=Bewaarmoment.UITSCHRIJVING, jaren=2, grondslag=GRONDSLAG)
    dossier = _dossier("lln-1", D(2020, 1, 6), D(2020, 3, 1), heropend=False)

    zonder = bewaarstatus(dossier, termijn, op=D(2030, 1, 1))
    assert not zonder.verlopen
    assert zonder.reden == "de datum van uitschrijving is niet opgegeven"
    met = verlopen_dossiers(
        [dossier], termijn, op=D(2024, 7, 1), uitschrijvingen={"lln-1": D(2022, 7, 1)}
    )
    assert [(s.dossier, s.begin, s.einde) for s in met] == [("lln-1", D(2022, 7, 1), D(2024, 7, 1))]


def test_a_day_missing_from_the_target_month_becomes_its_last_day() -> None:
    """29 February plus a year is 28 February; 31 January plus a month is 28/29 February."""
    assert plus_maanden(D(2024, 2, 29), 12) == D(2025, 2, 28)
    assert plus_maanden(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert plus_maanden(D(2023, 12, 15), 1) == D(2024, 1, 15)


def test_the_rule_says_itself_in_dutch() -> None:
    """For lists shown to professionals and for the tombstone."""
    assert VIJF_JAAR.omschrijving == "5 jaar na het sluiten van het dossier"
    assert (
        Bewaartermijn(
            vanaf=Bewaarmoment.UITSCHRIJVING, jaren=2, maanden=1, grondslag=GRONDSLAG
        ).omschrijving
        == "2 jaar en 1 maand na de uitschrijving van de leerling"
    )


PROFIEL = """
naam = "school"
titel = "School"
bron = "003_4961db14b56be6cc.txt"
protocollen = ["2019"]
[bewaartermijn]
{regels}
"""


def test_a_profile_states_its_period_and_basis() -> None:
    """The TOML table becomes the profile's ``Bewaartermijn``."""
    profiel = profiel_uit_toml(
        PROFIEL.format(regels='vanaf = "dossier_gesloten"\njaren = 5\ngrondslag = "Reglement"')
    )

    assert profiel.bewaartermijn == Bewaartermijn(
        vanaf=Bewaarmoment.DOSSIER_GESLOTEN, jaren=5, grondslag="Reglement"
    )


@pytest.mark.parametrize(
    ("regels", "veld"),
    [
        ('vanaf = "dossier_gesloten"\njaren = 5', "bewaartermijn.grondslag"),
        ('vanaf = "dossier_gesloten"\njaren = 5\ngrondslag = "  "', "bewaartermijn.grondslag"),
        ('vanaf = "inschrijving"\njaren = 5\ngrondslag = "R"', "bewaartermijn.vanaf"),
        ('vanaf = "dossier_gesloten"\njaren = "vijf"\ngrondslag = "R"', "bewaartermijn.jaren"),
        ('vanaf = "dossier_gesloten"\njaren = -1\ngrondslag = "R"', "bewaartermijn.jaren"),
        ('vanaf = "dossier_gesloten"\ngrondslag = "R"', "bewaartermijn.jaren"),
        ('vanaf = "dossier_gesloten"\nweken = 3\ngrondslag = "R"', "bewaartermijn.weken"),
    ],
)
def test_a_bad_retention_rule_names_its_key(regels: str, veld: str) -> None:
    """Missing basis, unknown event, a period that is not a positive whole number, unknown key."""
    with pytest.raises(OngeldigeInvoer) as info:
        profiel_uit_toml(PROFIEL.format(regels=regels))

    assert info.value.veld == veld


def test_the_shipped_profiles_state_no_period_because_their_sources_name_none() -> None:
    """No period is invented for an organisation: the example profile shows how to state one."""
    for naam in ("fedra", "vcog", "perspectief", "midden-groningen"):
        assert laad_profiel(naam).bewaartermijn is None
    voorbeeld = laad_profiel(str(ROOT / "examples" / "privacy" / "school.toml"))
    assert voorbeeld.bewaartermijn is not None
    assert voorbeeld.bewaartermijn.grondslag
