"""The coverage table: generated, complete, honest, naming only real rules, every rule tested."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from meldcode.adapters.cli.main import main
from meldcode.adapters.dekking import alle_regels, dekking_markdown, passages
from meldcode.adapters.json.casus import casus_uit_dict
from meldcode.rules import evalueer_casus, kies_protocol
from meldcode.rules.dekking import AANVULLEND, DOSSIERCONTROLES, WEGGELATEN, vouw
from meldcode.rules.registratie import REGISTRATIES
from tests.conftest import ROOT, vignetten
from tests.routes.conftest import route_vignetten

TABEL = ROOT / "docs" / "coverage.md"


def test_the_committed_coverage_table_is_not_stale() -> None:
    """``docs/coverage.md`` is exactly what ``scripts/generate.py`` writes now."""
    assert TABEL.read_text(encoding="utf-8") == dekking_markdown(), (
        "docs/coverage.md is stale: run '.venv/bin/python scripts/generate.py' and review the diff"
    )


def test_the_user_command_line_has_no_dekking_command(capsys: pytest.CaptureFixture[str]) -> None:
    """The coverage table is a maintainer's file: ``scripts/generate.py`` writes it."""
    with pytest.raises(SystemExit) as exit_:
        main(["dekking"])

    assert exit_.value.code == 2
    assert "invalid choice: 'dekking'" in capsys.readouterr().err


def test_every_rule_quotes_a_passage_that_is_in_the_table() -> None:
    """Each rule's file, section and quote appear in a row of the committed table."""
    tabel = TABEL.read_text(encoding="utf-8")

    for regel in alle_regels():
        assert f"`{regel.id}`" in tabel, regel.id
        assert f"| {regel.bron.sectie} | {regel.citaat.replace('|', chr(92) + '|')} |" in tabel


def test_the_table_names_no_rule_that_does_not_exist() -> None:
    """Every id in the table is a rule (national, switch, profile) or a dossier check."""
    regels = {r.id for r in alle_regels()}
    controles = {r.id for r in REGISTRATIES}
    genoemd = set(re.findall(r"`([a-z0-9+]+(?:\.[a-z0-9-]+)+)`", TABEL.read_text("utf-8")))

    assert genoemd - regels - controles == set()
    assert {i for p in AANVULLEND for i in p.regels} <= regels
    assert {i for p in DOSSIERCONTROLES for i in p.regels} <= regels | controles


def test_every_listed_passage_is_verbatim_in_its_source(bronnen: Path) -> None:
    """Rows without a rule quote their source too, and every left-out row gives a reason."""
    for passage in (*AANVULLEND, *DOSSIERCONTROLES, *WEGGELATEN):
        tekst = vouw((bronnen / passage.bestand).read_text(encoding="utf-8"))
        assert vouw(passage.citaat) in tekst, passage.citaat
    assert all(p.reden for p in WEGGELATEN)
    assert not any(p.reden for p in (*AANVULLEND, *DOSSIERCONTROLES))


def test_what_the_dossier_checks_counts_as_encoded_not_as_left_out() -> None:
    """Every record-keeping check's passages are rows naming the check; none is 'left out'.

    ``meldcode controleer`` checks them, so the table counts them as encoded.
    """
    rijen = passages()
    for controle in REGISTRATIES:
        for bestand, citaat in (
            (controle.bron.bestand, controle.citaat),
            *((v.bron.bestand, v.citaat) for v in controle.ook),
        ):
            rij = [p for p in rijen if (p.bestand, p.citaat) == (bestand, citaat)]
            assert any(controle.id in p.regels for p in rij), controle.id
            assert not any(p.reden for p in rij), controle.id
    encoded = [vouw(p.citaat) for p in rijen if p.regels]
    for p in WEGGELATEN:
        # a left-out passage is not encoded elsewhere under another section or a longer quote
        assert not any(vouw(p.citaat) in e or e in vouw(p.citaat) for e in encoded), p.citaat
        assert "dossier (issue" not in p.reden


def test_the_counts_in_the_header_are_the_table_s_own() -> None:
    """The summary line counts the rows as they are: encoded, by rules or checks, left out."""
    rijen = passages()
    gedekt = [p for p in rijen if p.regels]
    kop = dekking_markdown().splitlines()[12]

    assert kop.startswith(f"{len(rijen)} instructions: {len(gedekt)} encoded (")
    assert kop.endswith(f"{len(rijen) - len(gedekt)} left out with a reason.")
    assert f"{len(alle_regels())} rules" in kop
    assert f"{len(REGISTRATIES)} dossier checks" in kop


def test_every_rule_in_the_table_is_exercised_by_a_vignette() -> None:
    """Each rule fires in at least one vignette (the core's or the routes'): every row is tested.

    The 2013 AMK-era rules that only fire in the exhaustive core tests are covered there.
    """
    from meldcode.adapters.profiel import laad_profiel

    gevuurd: set[str] = set()
    for vignet in [*vignetten(), *route_vignetten()]:
        casus = casus_uit_dict(vignet["casus"])
        basis = None
        if vignet.get("profiel"):
            basis = laad_profiel(vignet["profiel"]).regelbasis(kies_protocol(casus))
        gevuurd |= set(evalueer_casus(casus, basis=basis).gevuurd)
    switch = "profiel.schakelaar.openbaring-kind-veilig-thuis-raadplegen"  # test_profielen
    kern = {r.id for r in alle_regels()} - gevuurd - {switch}

    assert kern <= EXHAUSTIEF_GETEST, sorted(kern - EXHAUSTIEF_GETEST)


#: core rules whose firing the core's exhaustive tests check (tests/unit/test_exhaustief.py)
EXHAUSTIEF_GETEST = frozenset(
    {
        "2019.stap-5.twijfel-over-hulp",
        "2019.afweging-4.hulp-niet-aanvaard",
        "2019.afweging-5.geen-resultaat",
        "2019.afweging-5.resultaat-bereikt",
        "2019.stap-2.twijfel-advies-veilig-thuis",
        "2019.stap-5.altijd-melden.onveiligheid-herhaalt-zich",
        "2019.stap-5.oudergesprek-overslaan",
        "2019.stap-2.advies-altijd-anoniem",
        "2013.stap-2.twijfel-advies-amk",
        "2013.stap-5a.alsnog-melden",
        "2013.stap-3.oudergesprek-overslaan.veiligheid",
        "2013.stap-3.advies-altijd-anoniem",
        "2013.noodsituatie.advies-amk",
        "2013.noodsituatie.politie",
        "2013.stap-3.andere-oorzaak",
        "2013.tegenstrijdig.vermoeden-nee-levensgevaar",
        "2013.tegenstrijdig.vermoeden-nee-onveiligheid-herhaalt-zich",
        "2013.tegenstrijdig.vermoeden-nee-vgv-of-eergerelateerd",
        "2019.tegenstrijdig.vermoeden-nee-vgv-of-eergerelateerd",
    }
)
