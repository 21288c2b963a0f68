"""The walk-through as a person uses it: Chromium, a real server, axe-core on every page.

Each walk is checked against the engine's ``Besluit`` for the same answers, computed here: the
page must show exactly the engine's decisions, contacts and grounds, and ask exactly the
questions the engine asks, in its order. The vignettes (tests/data/scenarios.json) name the
routes; no outcome beyond what a vignette states is written into these tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs
import pytest

from meldcode import Casus, Consultatie, Kind, Protocol, Signaal, Weging, beslis
from meldcode.adapters.opslag.archief import Archief, open_opslag
from meldcode.adapters.profiel import laad_profiel
from meldcode.domain.dossier import DossierGesloten
from meldcode.domain.waarden import Beslispunt, Oordeel, Partij, SoortSignaal
from meldcode.rules.basis import regelbasis
from meldcode.rules.dossier import casus_uit_dossier
from meldcode.rules.model import Regelbasis
from meldcode.rules.uitleg import partij_label
from tests.browser.server import Server
from tests.browser.wandelaar import Wandelaar
from tests.conftest import vignetten

VIGNETTEN = {v["id"]: v for v in vignetten()}
VRIJE_TEKST = "Vrije tekst die nooit in een URL komt"


@pytest.fixture
def wandelaar(browser: Any, server: Server) -> Iterator[Wandelaar]:
    w = Wandelaar(browser, server.adres)
    yield w
    w.sluit()


def _weging(vignet: str) -> dict[str, str]:
    v = VIGNETTEN[vignet]
    weging: dict[str, str] = v.get("casus", v)["weging"]
    return weging


def _verwacht(vignet: str) -> dict[str, Any]:
    verwacht: dict[str, Any] = VIGNETTEN[vignet]["verwacht"]
    return verwacht


def _volgorde(casus: Casus, antwoorden: dict[str, str], basis: Regelbasis) -> list[str]:
    """The questions the engine asks, one at a time, answering each from ``antwoorden``."""
    gevraagd: list[str] = []
    while (vraag := beslis(casus, basis.protocol, basis=basis).volgende_vraag) is not None:
        gevraagd.append(vraag.value)
        casus = attrs.evolve(
            casus,
            weging=attrs.evolve(casus.weging, **{vraag.value: Oordeel(antwoorden[vraag.value])}),
        )
    return gevraagd


def _controleer_pagina(w: Wandelaar, casus: Casus, basis: Regelbasis) -> None:
    """The decision page shows exactly the engine's Besluit for the same case."""
    besluit = beslis(casus, basis.protocol, basis=basis)
    assert w.besluit() == {p.value: besluit.beslist(p) for p in Beslispunt}
    assert w.contacten() == [p.value for p in besluit.contacten]
    beslissende = {
        g.regel
        for g in besluit.gronden
        if basis.regel(g.regel).dan.beslissingen & {p for p in Beslispunt if besluit.beslist(p)}
    }
    assert w.gronden() == beslissende
    # the decision's own warnings first, each with its text; the case's implausible input after
    getoond = w.waarschuwingen()
    assert getoond[: len(besluit.waarschuwingen)] == [x.code for x in besluit.waarschuwingen]
    for x in besluit.waarschuwingen:
        assert x.tekst in w.tekst(f'[data-test=waarschuwingen] li[data-code="{x.code}"]')
    niet_genomen = [p for p in Beslispunt if not besluit.beslist(p)]
    assert w.page.locator("[data-test=waarom-niet]").count() == len(niet_genomen)
    for g in besluit.gronden:
        if g.regel in beslissende:
            assert g.citaat in w.tekst(f'.grond[data-regel="{g.regel}"] blockquote')


def _controleer_dossier(
    server: Server, organisatie: str, ref: str, casus: Casus, basis: Regelbasis
) -> None:
    """The answers were recorded as events: the dossier describes the same case."""
    opslag = open_opslag(server.db)
    try:
        dossier = Archief(opslag, organisatie=organisatie).lees(ref)
    finally:
        opslag.sluit()
    uit_dossier = casus_uit_dossier(dossier)
    assert uit_dossier.weging == casus.weging
    assert uit_dossier.omstandigheden == casus.omstandigheden
    assert uit_dossier.kind == casus.kind
    a = beslis(uit_dossier, basis.protocol, basis=basis)
    b = beslis(casus, basis.protocol, basis=basis)
    assert {p: a.beslist(p) for p in Beslispunt} == {p: b.beslist(p) for p in Beslispunt}
    assert a.contacten == b.contacten


def _zonder_casusgegevens(w: Wandelaar, ref: str) -> None:
    assert w.schendingen == [], w.schendingen
    for pad in w.bezocht:
        assert ref not in pad
        assert "Vrije" not in pad


def test_a_2019_case_to_melden_and_hulp(wandelaar: Wandelaar, server: Server) -> None:
    """Vignette p19-07 (structural unsafety, help accepted), under the Fedra profile."""
    w, ref = wandelaar, "lln-19-07"
    # 003 afweging 2B: "De afwegingen hierna worden samen met Veilig Thuis doorlopen": after the
    # report the help questions are asked to the end, afweging 5 too
    antwoorden = {**_weging("p19-07"), "hulp_resultaat": "nee"}
    w.log_in(server.sleutels["school-a"])
    w.kies_profiel("fedra")
    w.nieuwe_casus(ref)
    w.signaal("verwaarlozing", "2026-03-02")
    w.consultatie("intern_begeleider", "2026-03-03")
    w.oudergesprek("2026-03-04")
    w.omstandigheden("2026-03-05", leeftijd=9)
    gevraagd = w.beantwoord(antwoorden)

    profiel = laad_profiel("fedra")
    basis = profiel.regelbasis(Protocol.P2019)
    casus = Casus(
        kind=Kind(leeftijd=9),
        signalen=(Signaal(soort=SoortSignaal.VERWAARLOZING, datum=dt.date(2026, 3, 2)),),
        consultaties=(Consultatie(met=Partij.INTERN_BEGELEIDER, datum=dt.date(2026, 3, 3)),),
        datum=dt.date(2026, 3, 5),
    )
    assert gevraagd == _volgorde(casus, antwoorden, basis)
    casus = attrs.evolve(
        casus, weging=Weging(**{k: Oordeel(v) for k, v in antwoorden.items() if k in gevraagd})
    )
    assert w.page.url.endswith("/wandeling/stap/besluit")
    assert beslis(casus, basis=basis).melden is _verwacht("p19-07")["melden"]
    _controleer_pagina(w, casus, basis)
    for detail in beslis(casus, basis=basis).contacten_details:
        assert detail.organisatie in w.tekst("main [data-test=contacten]")
    assert "fedra" in w.tekst("[data-test=profiel]")
    _controleer_dossier(server, "school-a", ref, casus, basis)
    w.ga_naar("/wandeling/samenvatting")
    assert w.page.locator("[data-besluit]").count() == len(Beslispunt)
    _zonder_casusgegevens(w, ref)


def test_an_emergency_is_shown_first_and_on_every_page(
    wandelaar: Wandelaar, server: Server
) -> None:
    """A signal of mortal danger: the engine's spoed, before anything else on the page."""
    w, ref = wandelaar, "lln-nood"
    w.log_in(server.sleutels["school-c"])
    w.kies_profiel(None)
    w.nieuwe_casus(ref)
    w.signaal("lichamelijk_geweld", "2026-03-02", kenmerken=("levensgevaar",))
    casus = Casus(
        signalen=(
            Signaal(
                soort=SoortSignaal.LICHAMELIJK_GEWELD, datum=dt.date(2026, 3, 2), levensgevaar=True
            ),
        ),
        datum=dt.date(2026, 3, 2),
    )
    basis = regelbasis(Protocol.P2019)
    besluit = beslis(casus, basis=basis)
    assert besluit.spoed, "a signal of mortal danger is an emergency"
    nood = w.page.locator("[data-test=noodsituatie]")
    assert nood.count() == 1
    # first: before the step navigation and the page's own content
    voor_main = w.page.evaluate(
        "() => !!(document.querySelector('[data-test=noodsituatie]').compareDocumentPosition("
        "document.querySelector('main')) & Node.DOCUMENT_POSITION_FOLLOWING)"
    )
    assert voor_main
    assert nood.get_attribute("role") == "alert"
    for partij in besluit.contacten:
        assert nood.locator(f'[data-partij="{partij.value}"]').count() == 1
    _controleer_pagina(w, casus, basis)
    for stap in ("consultatie", "oudergesprek", "omstandigheden"):
        w.ga_naar(f"/wandeling/stap/{stap}")
        assert w.page.locator("[data-test=noodsituatie]").count() == 1
    _zonder_casusgegevens(w, ref)


def test_a_case_closed_at_afweging_1(wandelaar: Wandelaar, server: Server) -> None:
    """Vignette p19-01: no suspicion remains; the school records the closing."""
    w, ref = wandelaar, "lln-19-01"
    antwoorden = _weging("p19-01")
    w.log_in(server.sleutels["school-e"])
    w.kies_profiel(None)
    w.nieuwe_casus(ref)
    w.signaal("psychisch_geweld", "2026-03-02")
    w.consultatie("collega", "2026-03-03")
    w.oudergesprek("2026-03-04")
    w.omstandigheden("2026-03-05", leeftijd=7)
    gevraagd = w.beantwoord(antwoorden)
    basis = regelbasis(Protocol.P2019)
    casus = Casus(
        kind=Kind(leeftijd=7),
        signalen=(Signaal(soort=SoortSignaal.PSYCHISCH_GEWELD, datum=dt.date(2026, 3, 2)),),
        consultaties=(Consultatie(met=Partij.COLLEGA, datum=dt.date(2026, 3, 3)),),
        weging=Weging(**{k: Oordeel(v) for k, v in antwoorden.items()}),
        datum=dt.date(2026, 3, 5),
    )
    assert gevraagd == ["vermoeden"]
    besluit = beslis(casus, basis=basis)
    for sleutel, waarde in _verwacht("p19-01").items():
        assert getattr(besluit, sleutel) == waarde
    _controleer_pagina(w, casus, basis)
    w.page.get_by_label("Het dossier wordt gesloten").check()
    w.page.locator("form[action$='/stap/opvolging'] input[name=datum]").fill("2026-03-06")
    w.klik("Opvolging vastleggen")
    opslag = open_opslag(server.db)
    try:
        dossier = Archief(opslag, organisatie="school-e").lees(ref)
    finally:
        opslag.sluit()
    assert isinstance(dossier.gebeurtenissen[-1], DossierGesloten)
    _zonder_casusgegevens(w, ref)


def test_a_contradiction_is_shown_beside_the_decision(wandelaar: Wandelaar, server: Server) -> None:
    """Afweging 1 *nee* beside serious injury: the page says so, as ``meldcode uitleg`` does.

    The rule base resolves neither way silently (docs/engine.md): the decision closes the
    dossier and warns, and a professional on the walk-through must see that warning.
    """
    w, ref = wandelaar, "lln-tegen-01"
    w.log_in(server.sleutels["school-f"])
    w.kies_profiel(None)
    w.nieuwe_casus(ref)
    w.signaal("lichamelijk_geweld", "2026-03-02", kenmerken=("ernstig_letsel",))
    w.consultatie("collega", "2026-03-03")
    w.oudergesprek("2026-03-04")
    w.omstandigheden("2026-03-05", leeftijd=7)
    assert w.beantwoord({"vermoeden": "nee"}) == ["vermoeden"]
    basis = regelbasis(Protocol.P2019)
    casus = Casus(
        kind=Kind(leeftijd=7),
        signalen=(
            Signaal(
                soort=SoortSignaal.LICHAMELIJK_GEWELD,
                datum=dt.date(2026, 3, 2),
                ernstig_letsel=True,
            ),
        ),
        consultaties=(Consultatie(met=Partij.COLLEGA, datum=dt.date(2026, 3, 3)),),
        weging=Weging(vermoeden=Oordeel.NEE),
        datum=dt.date(2026, 3, 5),
    )
    besluit = beslis(casus, basis=basis)
    assert besluit.waarschuwingen, "the engine no longer warns: the walk proves nothing"
    _controleer_pagina(w, casus, basis)
    w.ga_naar("/wandeling/samenvatting")  # the printable summary says it too
    assert w.waarschuwingen()[: len(besluit.waarschuwingen)] == [
        x.code for x in besluit.waarschuwingen
    ]
    _zonder_casusgegevens(w, ref)


def test_a_2013_case_under_a_profile(wandelaar: Wandelaar, server: Server) -> None:
    """Vignette p13-03 (doubt whether the school can protect), under the VCOG profile."""
    w, ref = wandelaar, "lln-13-03"
    antwoorden = _weging("p13-03")
    w.log_in(server.sleutels["school-b"])
    w.kies_profiel("vcog")
    w.nieuwe_casus(ref)
    w.signaal("seksueel_geweld", "2015-03-02")
    w.consultatie("intern_begeleider", "2015-03-03")
    w.oudergesprek("2015-03-04")
    w.omstandigheden("2015-03-05", leeftijd=13, protocol="2013")
    gevraagd = w.beantwoord(antwoorden)
    basis = laad_profiel("vcog").regelbasis(Protocol.P2013)
    casus = Casus(
        kind=Kind(leeftijd=13),
        signalen=(Signaal(soort=SoortSignaal.SEKSUEEL_GEWELD, datum=dt.date(2015, 3, 2)),),
        consultaties=(Consultatie(met=Partij.INTERN_BEGELEIDER, datum=dt.date(2015, 3, 3)),),
        protocol=Protocol.P2013,
        datum=dt.date(2015, 3, 5),
    )
    assert gevraagd == _volgorde(casus, antwoorden, basis)
    casus = attrs.evolve(casus, weging=Weging(**{k: Oordeel(v) for k, v in antwoorden.items()}))
    besluit = beslis(casus, basis=basis)
    for sleutel, waarde in _verwacht("p13-03").items():
        if sleutel == "bespreken_met_kind":
            # 001 stap 5b makes the pupil talk a duty under vcog; nationally (000) it is advised
            assert besluit.bespreken_met_kind
            continue
        assert getattr(besluit, sleutel) == waarde
    _controleer_pagina(w, casus, basis)
    assert "Melden bij het AMK" in w.tekst("[data-besluit=melden] h3")
    for partij in besluit.ontbrekende_consultaties:
        assert partij_label(partij, Protocol.P2013) in w.tekst("main")
    _controleer_dossier(server, "school-b", ref, casus, basis)
    # the profile is shown on every page after it was chosen
    na_keuze = w.profielen[w.profielen.index(next(p for p in w.profielen if "vcog" in p)) :]
    assert len(na_keuze) >= 8
    assert all("vcog" in p for p in na_keuze)
    _zonder_casusgegevens(w, ref)


def test_keyboard_only(browser: Any, server: Server) -> None:
    """One route with the keyboard alone: Tab to each field in page order, type, Space, Enter."""
    w = Wandelaar(browser, server.adres)
    k = w.page.keyboard

    def tab_naar(selector: str, max_stappen: int = 80) -> None:
        doel = w.page.locator(selector).first
        for _ in range(max_stappen):
            k.press("Tab")
            if doel.evaluate("e => e === document.activeElement"):
                return
        raise AssertionError(f"Tab never reaches {selector}")

    def verstuur(toets: str = "Enter") -> None:
        with w.page.expect_navigation():
            k.press(toets)
        w.controleer()

    def enter_op(selector: str) -> None:
        tab_naar(selector)
        verstuur()

    try:
        w.ga_naar("/wandeling/")
        # the skip link is the first stop, and leads to the content
        k.press("Tab")
        assert w.page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
        tab_naar("#veld-sleutel")
        k.type(server.sleutels["school-d"])
        verstuur()
        tab_naar("#veld-profiel")
        k.press("Space")
        enter_op("button[type=submit]:has-text('Profiel vastleggen')")
        tab_naar("#veld-referentie")
        k.type("lln-toetsenbord")
        verstuur()
        tab_naar("#veld-soort")
        k.press("ArrowDown")  # the first kind of signal
        tab_naar("#veld-datum")
        k.press("Control+A")
        k.type("2026-04-01")
        enter_op("button[value=opslaan]")
        enter_op("button[value=verder]")  # no consultation yet
        enter_op("button[value=verder]")  # no parent talk yet
        tab_naar("#veld-leeftijd")
        k.type("10")
        enter_op("button[value=opslaan]")
        assert w.gevraagd() == "vermoeden"
        tab_naar("#veld-antwoord")  # a radio group is one Tab stop; arrows choose within it
        k.press("ArrowDown")
        assert w.page.locator("#veld-antwoord-nee").is_checked()
        enter_op("button[type=submit]:has-text('Antwoord vastleggen')")
        assert w.page.url.endswith("/wandeling/stap/besluit")
        casus = Casus(
            kind=Kind(leeftijd=10),
            signalen=(Signaal(soort=SoortSignaal.LICHAMELIJK_GEWELD, datum=dt.date(2026, 4, 1)),),
            weging=Weging(vermoeden=Oordeel.NEE),
            datum=dt.date(2026, 4, 1),
        )
        _controleer_pagina(w, casus, regelbasis(Protocol.P2019))
        # "why not" opens with the keyboard too
        tab_naar("[data-besluit=melden] summary")
        k.press("Enter")
        assert w.page.locator("[data-besluit=melden] details").get_attribute("open") is not None
        assert w.schendingen == []
    finally:
        w.sluit()


def test_axe_really_checks(browser: Any, server: Server) -> None:
    """The checker is live: a field without its label is a WCAG violation it reports."""
    w = Wandelaar(browser, server.adres)
    try:
        w.ga_naar("/wandeling/inloggen")
        assert w.schendingen == []
        w.page.evaluate("document.querySelector('label[for=veld-sleutel]').remove()")
        w.controleer()
        assert any(regel == "label" for _, regel, _ in w.schendingen)
    finally:
        w.sluit()
