"""Hypothesis strategies for dossier events, and a complete example dossier.

For partners who store meldcode dossiers (``meldcode.domain.dossier``) and want to test that
their system keeps what meldcode keeps::

    from hypothesis import given
    from meldcode.testing.dossier import geldige_dossiers

    @given(geldige_dossiers())
    def test_our_store_keeps_every_event(dossier):
        assert our_store.roundtrip(dossier) == dossier

``volledig_voorbeeld()`` is one dossier through all five steps, recorded as the sources ask (no
record-keeping findings). Every strategy draws synthetic data only: roles, never names.

**Ready-made strategies, not functions.** Unlike ``meldcode.testing.strategies``, whose names
are functions that *return* a strategy (``casussen()``, ``datums("2019")``), the event
strategies here are strategy *objects*: use them without calling them::

    from hypothesis import given
    from meldcode.testing.dossier import melding_gedaan, weging_vastgelegd

    @given(weging_vastgelegd, melding_gedaan)   # no ()
    def test_our_store_keeps_weighings_and_reports(weging, melding): ...

They are ``datums``, ``signaal_vastgelegd``, ``consultatie_gehouden``, ``gesprek_gevoerd``,
``weging_vastgelegd``, ``besluit_genomen``, ``melding_gedaan``, ``terugkoppeling``,
``hulp_afgesproken``, ``evaluatie_gehouden``, ``dossier_gesloten`` and ``inhoud`` (any one of
them). ``datums`` here is a strategy of dates from June 2018 to 2027, not the function
``strategies.datums(protocol)``. The functions are ``geldige_dossiers(max_size=30)`` (call it:
it returns a strategy), ``volledig_voorbeeld()`` and ``voorbeeld_dossier(dossier_id)`` (plain
values). Calling an event strategy (``melding_gedaan()``) is Python's ``TypeError``, "object
is not callable": drop the ``()``. A bad ``max_size`` or ``dossier_id`` raises
``meldcode.OngeldigeInvoer`` naming it.

Requires Hypothesis (``pip install meldcode[testing]``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType

from hypothesis import strategies as st

from meldcode.domain import (
    Consultatie,
    Kind,
    Omstandigheden,
    Oordeel,
    Partij,
    Signaal,
    SignaalBron,
    SoortSignaal,
    Weging,
)
from meldcode.domain.dossier import (
    BesluitGenomen,
    Betrokkene,
    ConsultatieGehouden,
    Correctie,
    Diagnose,
    Dossier,
    DossierGesloten,
    EvaluatieGehouden,
    Gebeurtenis,
    GesprekGevoerd,
    Gesprekspartner,
    HulpAfgesproken,
    Inhoud,
    MeldingGedaan,
    SignaalVastgelegd,
    TerugkoppelingVeiligThuis,
    Uitzondering,
    WegingVastgelegd,
)
from meldcode.errors import Fout, OngeldigeInvoer, StapOntbreekt
from meldcode.rules.versies import PROTOCOLLEN

__all__ = [
    "besluit_genomen",
    "consultatie_gehouden",
    "datums",
    "dossier_gesloten",
    "evaluatie_gehouden",
    "geldige_dossiers",
    "gesprek_gevoerd",
    "hulp_afgesproken",
    "inhoud",
    "melding_gedaan",
    "signaal_vastgelegd",
    "terugkoppeling",
    "volledig_voorbeeld",
    "voorbeeld_dossier",
    "weging_vastgelegd",
]

D = dt.date
datums = st.dates(min_value=D(2018, 6, 1), max_value=D(2027, 12, 31))
"""A ready-made strategy (use it uncalled) of dates from 1 June 2018 to 31 December 2027."""
tekst = st.text(max_size=12)
rollen = st.sampled_from(Betrokkene)
rollen_of_niets = st.none() | rollen
aanwezigen = st.lists(rollen, max_size=4).map(tuple)
oordelen = st.none() | st.sampled_from(Oordeel)


def _verslag() -> dict[str, st.SearchStrategy[object]]:
    return {
        "datum": datums,
        "vastgelegd_door": rollen_of_niets,
        "plaats": tekst,
        "situatie": tekst,
        "aanwezigen": aanwezigen,
    }


signalen = st.builds(
    Signaal,
    soort=st.sampled_from(SoortSignaal),
    omschrijving=tekst,
    bron=st.none() | st.sampled_from(SignaalBron),
    hypothese=st.booleans(),
    ernstig_letsel=st.booleans(),
    levensgevaar=st.booleans(),
)
signaal_vastgelegd = st.builds(
    SignaalVastgelegd,
    signaal=signalen,
    herkomst=rollen_of_niets,
    interpretatie=tekst,
    diagnose=st.none() | st.builds(Diagnose, gesteld_door=rollen, omschrijving=tekst),
    **_verslag(),
)
"""A ready-made strategy (use it uncalled) of ``SignaalVastgelegd`` events (stap 1)."""
consultatie_gehouden = st.builds(
    ConsultatieGehouden,
    consultatie=st.builds(Consultatie, met=st.sampled_from(Partij), anoniem=st.booleans()),
    onderwerp=tekst,
    uitkomst=tekst,
    **_verslag(),
)
"""A ready-made strategy (use it uncalled) of ``ConsultatieGehouden`` events (stap 2)."""
gesprek_gevoerd = st.builds(
    GesprekGevoerd,
    met=st.sampled_from(Gesprekspartner),
    over_melding=st.booleans(),
    uitkomst=tekst,
    ondertekend=st.booleans(),
    niet_ondertekend_reden=tekst,
    **_verslag(),
)
"""A ready-made strategy (use it uncalled) of ``GesprekGevoerd`` events (stap 3)."""
wegingen = st.builds(
    Weging,
    vermoeden=oordelen,
    acute_onveiligheid=oordelen,
    structurele_onveiligheid=oordelen,
    hulp_mogelijk=oordelen,
    hulp_aanvaard=oordelen,
    hulp_resultaat=oordelen,
    kan_beschermen=oordelen,
)
weging_vastgelegd = st.builds(
    WegingVastgelegd,
    weging=wegingen,
    omstandigheden=st.builds(
        Omstandigheden,
        veiligheid_in_geding=st.booleans(),
        contact_verbreken_verwacht=st.booleans(),
    ),
    kind=st.builds(Kind, leeftijd=st.none() | st.integers(0, 18)),
    protocol=st.none() | st.sampled_from(PROTOCOLLEN),
    overwegingen=tekst,
    **_verslag(),
)
"""A ready-made strategy (use it uncalled) of ``WegingVastgelegd`` events (stap 4)."""
uitzonderingen = st.none() | st.sampled_from(Uitzondering)
besluit_genomen = st.builds(
    BesluitGenomen,
    datum=datums,
    melden=st.booleans(),
    hulp_organiseren=st.booleans(),
    melder=rollen_of_niets,
    informeert_ouders=rollen_of_niets,
    uitzondering=uitzonderingen,
    overleg_veilig_thuis=st.booleans(),
    overwegingen=tekst,
)
"""A ready-made strategy (use it uncalled) of ``BesluitGenomen`` events (stap 5)."""
melding_gedaan = st.builds(
    MeldingGedaan,
    datum=datums,
    door=rollen_of_niets,
    besproken_met_ouders=st.none() | st.booleans(),
    uitzondering=uitzonderingen,
    overleg_veilig_thuis=st.booleans(),
    overwegingen=tekst,
    informatie_van_derden=st.none() | st.booleans(),
    besproken_met_kind=st.booleans(),
    spoed=st.booleans(),
)
"""A ready-made strategy (use it uncalled) of ``MeldingGedaan`` events (a report)."""
terugkoppeling = st.builds(TerugkoppelingVeiligThuis, datum=datums, toelichting=tekst)
"""A ready-made strategy (use it uncalled) of ``TerugkoppelingVeiligThuis`` events."""
hulp_afgesproken = datums.flatmap(
    lambda d: st.builds(
        HulpAfgesproken,
        datum=st.just(d),
        termijn=st.dates(min_value=d, max_value=d + dt.timedelta(days=120)),
        casemanager=rollen_of_niets,
        afspraken=tekst,
    )
)
"""A ready-made strategy (use it uncalled) of ``HulpAfgesproken`` events; the
``termijn`` lies 0 to 120 days after the ``datum``.
"""
evaluatie_gehouden = st.builds(
    EvaluatieGehouden, datum=datums, hulp_resultaat=st.sampled_from(Oordeel), toelichting=tekst
)
"""A ready-made strategy (use it uncalled) of ``EvaluatieGehouden`` events."""
dossier_gesloten = st.builds(DossierGesloten, datum=datums, reden=tekst, monitoring=tekst)
"""A ready-made strategy (use it uncalled) of ``DossierGesloten`` events."""

inhoud: st.SearchStrategy[Inhoud] = st.one_of(
    signaal_vastgelegd,
    consultatie_gehouden,
    gesprek_gevoerd,
    weging_vastgelegd,
    besluit_genomen,
    melding_gedaan,
    terugkoppeling,
    hulp_afgesproken,
    evaluatie_gehouden,
    dossier_gesloten,
)
"""A ready-made strategy (use it uncalled) of any one event above (never a ``Correctie``)."""


def geldige_dossiers(max_size: int = 30) -> st.SearchStrategy[Dossier]:
    """A strategy (a function: call it) of dossiers grown by ``voeg_toe`` from random events.

    Up to ``max_size`` events are drawn; those ``voeg_toe`` refuses are left out. Corrections are
    drawn too: they refer to a random earlier event and replace it with one of the same kind.
    ``OngeldigeInvoer`` names ``max_size`` unless it is a whole number of 0 or more.
    """
    grootte: object = max_size  # callers may pass anything
    if isinstance(grootte, bool) or not isinstance(grootte, int) or grootte < 0:
        shown = repr(grootte) if isinstance(grootte, int | float) else f"<{type(grootte).__name__}>"
        raise OngeldigeInvoer(
            [Fout("max_size", shown, f"max_size must be a whole number of 0 or more (got {shown})")]
        )
    return _geldige_dossiers(max_size)


@st.composite
def _geldige_dossiers(draw: st.DrawFn, max_size: int) -> Dossier:
    """The strategy behind ``geldige_dossiers``."""
    dossier = Dossier(id=draw(st.from_regex(r"[a-z]{3}-[0-9]{1,4}", fullmatch=True)))
    if draw(st.booleans()):
        dossier = dossier.voeg_toe(draw(signaal_vastgelegd))
    for _ in range(draw(st.integers(0, max_size))):
        g: Gebeurtenis
        if dossier.gebeurtenissen and draw(st.integers(0, 5)) == 0:
            nummer = draw(st.integers(1, len(dossier)))
            oud = dossier.gebeurtenissen[nummer - 1]
            if isinstance(oud, Correctie):
                continue
            vervanging = draw(SOORT_STRATEGIE[type(oud)])
            g = Correctie(datum=draw(datums), verwijst_naar=nummer, vervanging=vervanging)
        else:
            g = draw(inhoud)
        try:
            dossier = dossier.voeg_toe(g)
        except (StapOntbreekt, OngeldigeInvoer):
            continue
    return dossier


#: the strategy of each kind of event, for drawing a correction's replacement (read-only)
SOORT_STRATEGIE: Mapping[type, st.SearchStrategy[Inhoud]] = MappingProxyType(
    {
        SignaalVastgelegd: signaal_vastgelegd,
        ConsultatieGehouden: consultatie_gehouden,
        GesprekGevoerd: gesprek_gevoerd,
        WegingVastgelegd: weging_vastgelegd,
        BesluitGenomen: besluit_genomen,
        MeldingGedaan: melding_gedaan,
        TerugkoppelingVeiligThuis: terugkoppeling,
        HulpAfgesproken: hulp_afgesproken,
        EvaluatieGehouden: evaluatie_gehouden,
        DossierGesloten: dossier_gesloten,
    }
)

#: the school's people present at most steps of the example dossier
SCHOOL = (Betrokkene.LEERKRACHT, Betrokkene.INTERN_BEGELEIDER)


def volledig_voorbeeld() -> tuple[Gebeurtenis, ...]:
    """A dossier through all five steps, recorded as the sources ask (no findings)."""
    return (
        SignaalVastgelegd(
            datum=D(2026, 3, 2),
            signaal=Signaal(
                soort=SoortSignaal.LICHAMELIJK_GEWELD,
                omschrijving="blauwe plekken op beide bovenarmen",
                bron=SignaalBron.EIGEN_WAARNEMING,
            ),
            plaats="gymzaal",
            situatie="omkleden na de gymles",
            aanwezigen=SCHOOL,
            vastgelegd_door=Betrokkene.LEERKRACHT,
        ),
        ConsultatieGehouden(
            datum=D(2026, 3, 4),
            consultatie=Consultatie(met=Partij.INTERN_BEGELEIDER),
            onderwerp="de signalen van 2 maart",
            uitkomst="gesprek met de ouders plannen",
            plaats="kamer ib",
            situatie="zorgoverleg",
            aanwezigen=SCHOOL,
        ),
        GesprekGevoerd(
            datum=D(2026, 3, 9),
            met=Gesprekspartner.OUDERS,
            uitkomst="ouders herkennen de zorgen",
            ondertekend=True,
            plaats="kamer ib",
            situatie="gesprek na schooltijd",
            aanwezigen=(*SCHOOL, Betrokkene.OUDER),
        ),
        WegingVastgelegd(
            datum=D(2026, 3, 12),
            weging=Weging(
                vermoeden=Oordeel.JA,
                acute_onveiligheid=Oordeel.NEE,
                structurele_onveiligheid=Oordeel.NEE,
                hulp_mogelijk=Oordeel.JA,
                hulp_aanvaard=Oordeel.JA,
            ),
            kind=Kind(leeftijd=9),
            overwegingen="hulp via het ondersteuningsteam is mogelijk en aanvaard",
            plaats="kamer ib",
            situatie="ondersteuningsteam",
            aanwezigen=(*SCHOOL, Betrokkene.DIRECTIE),
        ),
        BesluitGenomen(
            datum=D(2026, 3, 12),
            melden=False,
            hulp_organiseren=True,
            informeert_ouders=Betrokkene.INTERN_BEGELEIDER,
            overwegingen="geen acute of structurele onveiligheid; hulp is aanvaard",
        ),
        HulpAfgesproken(
            datum=D(2026, 3, 16),
            termijn=D(2026, 5, 15),
            casemanager=Betrokkene.INTERN_BEGELEIDER,
            afspraken="opvoedondersteuning via het CJG",
        ),
        EvaluatieGehouden(datum=D(2026, 5, 15), hulp_resultaat=Oordeel.NEE),
        BesluitGenomen(
            datum=D(2026, 5, 15),
            melden=True,
            hulp_organiseren=False,
            melder=Betrokkene.INTERN_BEGELEIDER,
            informeert_ouders=Betrokkene.INTERN_BEGELEIDER,
            overwegingen="de hulp heeft binnen de termijn niet tot resultaat geleid (afweging 5A)",
        ),
        GesprekGevoerd(
            datum=D(2026, 5, 18),
            met=Gesprekspartner.OUDERS,
            over_melding=True,
            uitkomst="ouders begrijpen de melding",
            ondertekend=True,
            plaats="kamer ib",
            situatie="gesprek over de voorgenomen melding",
            aanwezigen=(*SCHOOL, Betrokkene.OUDER),
        ),
        MeldingGedaan(
            datum=D(2026, 5, 19),
            door=Betrokkene.INTERN_BEGELEIDER,
            besproken_met_ouders=True,
            informatie_van_derden=False,
        ),
        TerugkoppelingVeiligThuis(datum=D(2026, 5, 22)),
        DossierGesloten(
            datum=D(2026, 6, 1),
            reden="Veilig Thuis heeft de zorg overgenomen",
            monitoring="ib volgt de leerling en overlegt maandelijks met Veilig Thuis",
        ),
    )


def voorbeeld_dossier(dossier_id: str = "lln-0042") -> Dossier:
    """``volledig_voorbeeld`` appended one by one (so the progression is checked).

    ``dossier_id`` is the dossier's pseudonymous id; ``OngeldigeInvoer`` names ``dossier_id``
    when ``Dossier`` refuses it (a name, a space, a number that may be a BSN).
    """
    try:
        dossier = Dossier(id=dossier_id)
    except OngeldigeInvoer as exc:
        raise OngeldigeInvoer(
            [
                Fout("dossier_id", f.waarde, f.melding.replace("Dossier.id", "dossier_id"))
                for f in exc.fouten
            ]
        ) from None
    for g in volledig_voorbeeld():
        dossier = dossier.voeg_toe(g)
    return dossier
