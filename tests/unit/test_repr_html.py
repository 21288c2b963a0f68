"""A Besluit shows itself as an HTML table in Jupyter (``_repr_html_``), every value escaped."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import attrs

from meldcode import Besluit, Casus, Grond, Oordeel, Protocol, Signaal, SoortSignaal, Weging, beslis


class _Tekst(HTMLParser):
    """The text of an HTML fragment, and whether its tags are balanced."""

    def __init__(self) -> None:
        super().__init__()
        self.delen: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs_: object) -> None:
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open, f"unbalanced </{tag}>"
        assert self.open.pop() == tag, f"unbalanced </{tag}>"

    def handle_data(self, data: str) -> None:
        self.delen.append(data)


def tekst(fragment: str) -> str:
    parser = _Tekst()
    parser.feed(fragment)
    parser.close()
    assert parser.open == []
    return " ".join(parser.delen)


ACUUT = Casus(
    protocol=Protocol.P2019,
    weging=Weging(vermoeden=Oordeel.JA, acute_onveiligheid=Oordeel.TWIJFEL),
    signalen=(Signaal(soort=SoortSignaal.LICHAMELIJK_GEWELD, levensgevaar=True),),
    referentie="lln-0042",
)


def test_every_ground_s_rule_id_and_quote_are_shown() -> None:
    """Each fired rule with its source file, section, verbatim quote and explanation."""
    besluit = beslis(ACUUT)
    weergave = besluit._repr_html_()
    zichtbaar = tekst(weergave)

    assert besluit.gronden
    for grond in besluit.gronden:
        for waarde in (grond.regel, grond.bestand, grond.sectie, grond.citaat, grond.toelichting):
            assert html.escape(waarde) in weergave
            assert waarde in zichtbaar


def test_the_decisions_the_next_question_and_the_contacts_are_shown_in_dutch() -> None:
    """Labels in Dutch, ja/nee per decision, the open question, whom to contact."""
    besluit = beslis(ACUUT)
    zichtbaar = tekst(besluit._repr_html_())

    assert besluit.volgende_vraag is not None
    assert f"Volgende vraag {besluit.volgende_vraag.value}" in zichtbaar
    assert "Melden bij Veilig Thuis ja" in zichtbaar
    assert "Hulp organiseren en effect volgen nee" in zichtbaar
    assert "politie_112, veilig_thuis" in zichtbaar
    assert "lln-0042" in zichtbaar
    assert "Citaat" in zichtbaar


def test_a_complete_decision_says_there_is_no_next_question() -> None:
    """No open question: said in words, not left blank."""
    besluit = beslis(Casus(weging=Weging(vermoeden=Oordeel.NEE)))

    assert besluit.volledig
    assert "Volgende vraag geen: het besluit is volledig" in tekst(besluit._repr_html_())


def test_every_value_is_escaped() -> None:
    """A quote or explanation with markup characters is shown as text, never as markup."""
    kwaad = '<script>alert("x")</script> & <b>'
    grond = Grond(
        regel="2019.test.<b>",
        bestand="003_4961db14b56be6cc.txt",
        sectie="<i>sectie</i>",
        citaat=kwaad,
        toelichting=kwaad,
    )
    besluit = attrs.evolve(beslis(ACUUT), gronden=(grond,))
    weergave = besluit._repr_html_()

    assert "<script>" not in weergave
    assert "<b>" not in weergave
    assert "<i>" not in weergave
    assert html.escape(kwaad) in weergave
    assert kwaad in tekst(weergave)


def test_a_decision_without_grounds_says_so() -> None:
    """An empty Besluit still renders, with a line instead of an empty table."""
    weergave = Besluit(protocol=Protocol.P2013)._repr_html_()

    assert "Gronden: geen" in tekst(weergave)
    assert "protocol 2013" in tekst(weergave)
