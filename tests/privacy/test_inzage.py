"""The access export never contains what is withheld: one test per withheld kind, and a property."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from meldcode.adapters.inzage import TITELS, VRIJE_TEKST, inzage_document, inzage_html, inzage_json
from meldcode.adapters.opslag.versleuteling import vrije_tekstpaden
from meldcode.domain.dossier import (
    SOORTEN,
    Betrokkene,
    Correctie,
    Dossier,
    GesprekGevoerd,
    Gesprekspartner,
    SignaalVastgelegd,
    Uitzondering,
)
from meldcode.domain.waarden import SignaalBron
from meldcode.errors import OngeldigeInvoer
from meldcode.rules.inzage import (
    REDENEN,
    Aanvrager,
    Achterhouding,
    achtergehouden,
    controleer_aanvrager,
    veiligheidsbezwaar,
)
from meldcode.testing.dossier import geldige_dossiers, volledig_voorbeeld, voorbeeld_dossier

OP = dt.date(2026, 6, 5)
GEHEIM = "GEHEIM-Sanne-Bakker-7f3a"


def _uitvoer(
    dossier: Dossier, aanvrager: Aanvrager = Aanvrager.OUDER, **kw: Any
) -> tuple[dict[str, Any], str, str]:
    document = inzage_document(dossier, aanvrager, op=OP, **kw)
    return document, inzage_json(document), inzage_html(document)


def _met(dossier: Dossier, nummer: int, **wijzig: Any) -> Dossier:
    gebeurtenissen = list(dossier.gebeurtenissen)
    gebeurtenissen[nummer - 1] = attrs.evolve(gebeurtenissen[nummer - 1], **wijzig)
    return Dossier(id=dossier.id, gebeurtenissen=tuple(gebeurtenissen))


def _gegevens(document: dict[str, Any], nummer: int) -> dict[str, Any]:
    post: dict[str, Any] = document["gebeurtenissen"][nummer - 1]
    gegevens: dict[str, Any] = post["gegevens"]
    return gegevens


# --- one test per withheld kind -------------------------------------------------------------


def test_the_reporter_and_the_sources_of_information_are_withheld() -> None:
    """``melder``: who noticed (signal), where third-party information came from, who reports."""
    dossier = voorbeeld_dossier()
    dossier = _met(dossier, 1, herkomst=Betrokkene.DERDE)
    document, tekst, html = _uitvoer(dossier)

    signaal = _gegevens(document, 1)
    assert "vastgelegd_door" not in signaal
    assert "herkomst" not in signaal
    assert "bron" not in signaal["signaal"]
    assert "melder" not in _gegevens(document, 8)
    assert "door" not in _gegevens(document, 10)
    assert "eigen_waarneming" not in tekst
    assert "eigen waarneming" not in html
    for label in ("Herkomst van de informatie", "Wie meldt", "Vastgelegd door", "<dt>Door</dt>"):
        assert label not in html
    assert document["gebeurtenissen"][0]["achtergehouden"] == ["melder"]
    assert [r["soort"] for r in document["achtergehouden"]] == ["melder"]
    # what is not the reporter's identity is shown: who informs the parents
    assert _gegevens(document, 8)["informeert_ouders"] == "intern_begeleider"


def test_a_professionals_working_note_is_withheld() -> None:
    """``werkaantekening``: the recorder's own reading of a signal, unless the school shows it."""
    dossier = _met(voorbeeld_dossier(), 1, interpretatie=GEHEIM)

    document, tekst, html = _uitvoer(dossier)
    assert "interpretatie" not in _gegevens(document, 1)
    assert GEHEIM not in tekst
    assert GEHEIM not in html
    assert "werkaantekening" in document["gebeurtenissen"][0]["achtergehouden"]

    getoond, tekst, _ = _uitvoer(
        dossier, achterhouden=frozenset(Achterhouding) - {Achterhouding.WERKAANTEKENING}
    )
    assert _gegevens(getoond, 1)["interpretatie"] == GEHEIM
    assert GEHEIM in tekst


def test_what_the_child_said_is_withheld_from_a_parent_not_from_the_pupil() -> None:
    """``gesprek_met_kind``: for a parent the content goes, the fact and date of the talk stay."""
    gesprek = GesprekGevoerd(
        datum=dt.date(2026, 3, 10),
        met=Gesprekspartner.KIND,
        uitkomst=GEHEIM,
        bezwaren=GEHEIM + "-b",
        plaats=GEHEIM + "-p",
        situatie=GEHEIM + "-s",
        niet_ondertekend_reden=GEHEIM + "-n",
    )
    dossier = Dossier(id="lln-1", gebeurtenissen=(volledig_voorbeeld()[0], gesprek))

    document, tekst, html = _uitvoer(dossier)
    gegevens = _gegevens(document, 2)
    assert GEHEIM not in tekst
    assert GEHEIM not in html
    assert set(gegevens) == {
        "datum",
        "vastgelegd_door",
        "aanwezigen",
        "met",
        "over_melding",
        "ondertekend",
    }
    assert gegevens["met"] == "kind"
    assert document["gebeurtenissen"][1]["achtergehouden"] == ["gesprek_met_kind"]

    leerling, tekst, _ = _uitvoer(dossier, Aanvrager.LEERLING, leeftijd=16)
    assert _gegevens(leerling, 2)["uitkomst"] == GEHEIM
    assert GEHEIM in tekst


def test_a_correction_is_judged_by_what_it_puts_in_place() -> None:
    """A correction of a signal withholds the same fields of its replacement."""
    eerste = volledig_voorbeeld()[0]
    assert isinstance(eerste, SignaalVastgelegd)
    vervanging = attrs.evolve(eerste, interpretatie=GEHEIM, herkomst=Betrokkene.DERDE)
    correctie = Correctie(datum=dt.date(2026, 3, 3), verwijst_naar=1, vervanging=vervanging)
    dossier = Dossier(id="lln-1", gebeurtenissen=(eerste, correctie))

    document, tekst, html = _uitvoer(dossier)

    nieuw = _gegevens(document, 2)["vervanging"]
    assert {"interpretatie", "herkomst", "vastgelegd_door"}.isdisjoint(nieuw)
    assert "bron" not in nieuw["signaal"]
    assert GEHEIM not in tekst
    assert GEHEIM not in html


# --- the property ---------------------------------------------------------------------------


def _zonder(gegevens: Any, pad: str) -> bool:
    kop, _, rest = pad.partition(".")
    if not isinstance(gegevens, dict) or kop not in gegevens:
        return True
    return bool(rest) and _zonder(gegevens[kop], rest)


@given(
    dossier=geldige_dossiers(max_size=14),
    aanvrager=st.sampled_from(Aanvrager),
    achterhouden=st.frozensets(st.sampled_from(Achterhouding)),
)
def test_the_export_never_contains_a_withheld_field(
    dossier: Dossier, aanvrager: Aanvrager, achterhouden: frozenset[Achterhouding]
) -> None:
    """Every path ``achtergehouden`` names is absent from its event in the JSON document.

    Each withheld kind is explained once; every free text not withheld is there.
    """
    dossier = Dossier(
        id=dossier.id,
        gebeurtenissen=tuple(
            _markeer(g, nummer) for nummer, g in enumerate(dossier.gebeurtenissen, start=1)
        ),
    )
    document, tekst, html = _uitvoer(dossier, aanvrager, leeftijd=17, achterhouden=achterhouden)
    soorten = set()
    for nummer, g in enumerate(dossier.gebeurtenissen, start=1):
        weg = achtergehouden(g, aanvrager, achterhouden=achterhouden)
        gegevens = _gegevens(document, nummer)
        for pad, soort in weg:
            assert soort in achterhouden
            assert _zonder(gegevens, pad)
            soorten.add(soort.value)
            waarde = _waarde(g, pad)
            if isinstance(waarde, str) and waarde.startswith("MARK"):
                assert waarde not in tekst
                assert waarde not in html
        for pad in vrije_tekstpaden(g):
            if pad not in {p for p, _ in weg} and _waarde(g, pad):
                assert _waarde(g, pad) in tekst
    assert {r["soort"] for r in document["achtergehouden"]} == soorten
    assert json.loads(tekst) == document


def _markeer(g: Any, nummer: int) -> Any:
    """Every free text a unique marker, so its absence can be checked in the output."""
    from tests.privacy.hulp import zet

    for i, pad in enumerate(vrije_tekstpaden(g)):
        g = zet(g, pad, f"MARK{nummer:03d}x{i:02d}y")
    return g


def _waarde(g: Any, pad: str) -> Any:
    for deel in pad.split("."):
        g = getattr(g, deel)
    return g


# --- requesters, safety, form ---------------------------------------------------------------


@pytest.mark.parametrize("leeftijd", [None, 12, 15, True, "16"])
def test_a_pupil_under_16_asks_through_the_parents(leeftijd: object) -> None:
    """Below 16 (or without a stated age) a pupil's own request is refused, naming the field."""
    with pytest.raises(OngeldigeInvoer) as info:
        controleer_aanvrager(Aanvrager.LEERLING, leeftijd)

    assert info.value.veld == "leeftijd"


def test_a_pupil_of_16_may_ask_and_a_parent_needs_no_age() -> None:
    """The boundary is 16 inclusive."""
    controleer_aanvrager(Aanvrager.LEERLING, 16)
    controleer_aanvrager(Aanvrager.OUDER, None)


def test_a_report_made_without_the_parents_for_safety_is_flagged() -> None:
    """003 §1.5.1: the school weighs a parent's copy first when it acted for safety."""
    assert not veiligheidsbezwaar(voorbeeld_dossier())
    dossier = _met(voorbeeld_dossier(), 10, uitzondering=Uitzondering.VEILIGHEID)
    assert veiligheidsbezwaar(dossier)
    besluit = _met(voorbeeld_dossier(), 8, uitzondering=Uitzondering.CONTACT_VERBREKEN)
    assert not veiligheidsbezwaar(besluit)


def test_the_html_is_escaped_dutch_and_self_contained() -> None:
    """Free text cannot inject markup; no scripts, no external resources."""
    dossier = _met(voorbeeld_dossier(), 12, reden='<script>alert("x")</script> & co')

    _, _, html = _uitvoer(dossier)

    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in html
    assert 'lang="nl"' in html
    assert "http://" not in html
    assert "https://" not in html
    assert "2 maart 2026" in html  # dates in Dutch
    assert "Uw rechten" in html


def test_an_erased_dossier_gives_a_document_that_says_so() -> None:
    """Nothing of the content, only when and why it was erased."""
    document, _tekst, html = _uitvoer(
        Dossier(id="lln-1"), wissing={"datum": "2031-07-01", "grond": "bewaartermijn"}
    )

    assert document["gebeurtenissen"] == []
    assert document["gewist"] == {"datum": "2031-07-01", "grond": "bewaartermijn"}
    assert "Dit dossier is gewist" in html
    assert "1 juli 2031" in html


def test_every_kind_of_event_has_a_dutch_title_and_every_free_text_is_known() -> None:
    """The page has a title for each event kind; its plain-text fields are the domain's."""
    assert set(TITELS) == set(SOORTEN)
    namen = set()
    for g in [
        *volledig_voorbeeld(),
        _met(voorbeeld_dossier(), 1, interpretatie="x").gebeurtenissen[0],
    ]:
        namen |= {p.rsplit(".", 1)[-1] for p in vrije_tekstpaden(g)}
    assert namen <= VRIJE_TEKST


def test_each_withheld_kind_quotes_its_source_verbatim(bronnen: Any) -> None:
    """The passage behind each reason is the source's own words."""
    from tests.unit.test_citaten import normaliseer

    for reden in REDENEN.values():
        tekst = normaliseer((bronnen / reden.bron.bestand).read_text(encoding="utf-8"))
        assert normaliseer(reden.citaat) in tekst, reden.soort


def test_withholding_depends_on_the_requester_only_for_the_childs_conversation() -> None:
    """A parent and a pupil see the same, except what the child said."""
    for g in volledig_voorbeeld():
        assert achtergehouden(g, Aanvrager.OUDER) == achtergehouden(g, Aanvrager.LEERLING)
    bron = attrs.evolve(
        volledig_voorbeeld()[0],
        signaal=attrs.evolve(volledig_voorbeeld()[0].signaal, bron=SignaalBron.KIND),  # type: ignore[attr-defined]
    )
    assert ("signaal.bron", Achterhouding.MELDER) in achtergehouden(bron, Aanvrager.LEERLING)
