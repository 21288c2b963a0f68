"""The diagram is drawn from the rule base: every rule and question appears, nothing is guessed."""

from __future__ import annotations

import contextlib
import io
import typing

import pytest
from attrs import frozen

from meldcode import Protocol
from meldcode.adapters.cli.main import main
from meldcode.adapters.diagram import diagram, dot, mermaid, teken
from meldcode.errors import OngeldigeRegelbasis
from meldcode.rules import Bron, Conclusie, Regel, maak_regelbasis, regelbasis


@pytest.mark.parametrize("protocol", list(Protocol))
@pytest.mark.parametrize("formaat", ["mermaid", "dot"])
def test_every_rule_and_question_is_labelled_with_its_id(protocol: Protocol, formaat: str) -> None:
    """Each rule id and each question key of the protocol appears in the drawing."""
    basis = regelbasis(protocol)

    tekst = teken(protocol, formaat)

    for regel in basis.regels:
        assert regel.id in tekst
    for afweging in basis.vragen:
        assert afweging.vraag.value in tekst


@pytest.mark.parametrize("protocol", list(Protocol))
def test_every_rule_is_reached_by_an_arrow(protocol: Protocol) -> None:
    """No rule box floats: each has at least one incoming arrow."""
    d = diagram(protocol)

    bereikt = {p.naar for p in d.pijlen}
    assert [k.id for k in d.knopen if k.soort == "regel" and k.id not in bereikt] == []


def test_the_2019_route_follows_the_voorwaarden_of_the_afwegingen() -> None:
    """Afweging 3 is reached from a 'ja' to afweging 1; afweging 2 from 'ja' or 'twijfel'."""
    pijlen = {(p.van, p.naar): p.label for p in diagram("2019").pijlen}

    assert pijlen[("v_vermoeden", "v_hulp_mogelijk")] == "ja"
    assert pijlen[("v_vermoeden", "v_acute_onveiligheid")] == "ja / twijfel"
    assert pijlen[("v_hulp_aanvaard", "r_2019_afweging_4_hulp_niet_aanvaard")] == "nee"


def test_an_earlier_answer_the_route_does_not_guarantee_is_named_on_the_arrow() -> None:
    """Afweging 2 is reached on 'ja' or 'twijfel'; rule afweging-2 needs a 'ja' to afweging 1."""
    pijlen = {(p.van, p.naar): p.label for p in diagram("2019").pijlen}

    label = pijlen[("v_acute_onveiligheid", "r_2019_afweging_2_onveiligheid")]

    assert label == "ja / twijfel + vermoeden: ja"


def test_mermaid_and_dot_draw_the_same_graph() -> None:
    """Both formats have one line per node and per arrow."""
    d = diagram("2013")

    assert len(d.pijlen) == mermaid(d).count("-->") + mermaid(d).count("-.->")
    assert len(d.pijlen) == dot(d).count(" -> ")


@frozen
class Maanstand:
    """A condition type the diagram has never heard of."""


def test_an_unknown_condition_type_fails_loudly_naming_it() -> None:
    """A condition that does not say what it means is refused before anything draws it."""
    vreemd = Regel(
        id="2019.test.maanstand",
        protocollen=frozenset({Protocol.P2019}),
        bron=Bron("003_4961db14b56be6cc.txt", "test"),
        citaat="test",
        als=Maanstand(),  # type: ignore[arg-type]
        dan=Conclusie(),
    )
    with pytest.raises(OngeldigeRegelbasis, match="Maanstand"):
        maak_regelbasis(Protocol.P2019, extra=(vreemd,))


def test_an_unknown_format_is_refused() -> None:
    """Only mermaid and dot."""
    with pytest.raises(ValueError, match="svg"):
        teken("2019", "svg")


@pytest.mark.parametrize("formaat", ["mermaid", "dot"])
def test_the_cli_prints_the_diagram(formaat: str) -> None:
    """Meldcode diagram --protocol 2013 --format dot prints teken('2013', 'dot')."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["diagram", "--protocol", "2013", "--format", formaat])

    assert status == 0
    assert teken("2013", formaat) == out.getvalue()


def test_the_diagram_knows_every_condition_type_of_the_rule_language() -> None:
    """A new condition type must be taught to the diagram before any rule can use it."""
    from meldcode.adapters import diagram as module
    from meldcode.rules import model

    bekend = set(typing.get_args(module._Atoom)) | {model.Alle, model.EenVan, model.Niet}

    assert set() == set(typing.get_args(model.Conditie)) - bekend
