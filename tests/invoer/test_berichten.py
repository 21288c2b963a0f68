"""Messages: one language per surface, unknown keys shown only as typos, warnings and errors.

Technical messages (errors, stderr) are English; what professionals read (explanations, the
dossier's state and checks, warnings) is Dutch. Domain terms (stap, melding, Veilig Thuis, the
contract's keys and values) are Dutch everywhere.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from meldcode import OngeldigeInvoer, casus_uit_dict, casus_uit_json
from meldcode.adapters.json.dossier import gebeurtenis_uit_json
from meldcode.adapters.json.plausibiliteit import (
    CODES,
    Waarschuwing,
    casus_waarschuwingen,
    met_waarschuwingen,
)
from meldcode.domain.dossier import SOORTEN, Dossier, DossierGesloten, SignaalVastgelegd
from meldcode.errors import StapOntbreekt
from meldcode.testing.dossier import volledig_voorbeeld
from tests.invoer.corpus import casus_corpus, casus_data, gebeurtenis_corpus
from tests.invoer.draai import draai, problemen

ROOT = Path(__file__).resolve().parents[2]

NEDERLANDS = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "van",
        "niet",
        "geen",
        "zijn",
        "wordt",
        "worden",
        "zou",
        "moet",
        "nog",
        "bij",
        "naar",
        "dat",
        "die",
        "deze",
        "ook",
        "heeft",
        "ontbreekt",
        "gewijzigd",
        "onleesbaar",
        "verwijderd",
        "gebeurtenis",
        "ongeldige",
    ]
)
ENGELS = frozenset(
    [
        "the",
        "must",
        "cannot",
        "should",
        "missing",
        "which",
        "with",
        "and",
        "not",
        "be",
        "was",
        "were",
        "has",
        "have",
        "this",
        "that",
        "invalid",
        "error",
        "expected",
        "got",
    ]
)


def woorden(tekst: str) -> set[str]:
    """The plain words of a message: quoted parts, keys, paths and numbers left out."""
    tekst = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`|“[^”]*”|\([^)]*[_.][^)]*\)", " ", tekst)
    return {
        w.lower()
        for w in re.findall(r"[A-Za-zÀ-ÿ_.\[\]0-9-]+", tekst)
        if not re.search(r"[_.\[\]0-9]", w)
    }


def engelse_berichten() -> list[str]:
    """Every error message the readers give on the corpus, and every step refusal."""
    berichten: list[str] = []
    for reader, items in (
        (casus_uit_json, casus_corpus()),
        (gebeurtenis_uit_json, gebeurtenis_corpus()),
    ):
        for item in items:
            try:
                reader(item.tekst)
            except OngeldigeInvoer as exc:
                berichten += [f.melding for f in exc.fouten]
    gesloten = Dossier(id="d-1")
    for g in volledig_voorbeeld():
        gesloten = gesloten.voeg_toe(g)
    for voorbeeld in volledig_voorbeeld():
        for dossier in (Dossier(id="d-1"), gesloten):
            try:
                dossier.voeg_toe(voorbeeld)
            except StapOntbreekt as exc:
                berichten.append(str(exc))
    return berichten


def test_technical_messages_are_english() -> None:
    """No Dutch sentence in an error: "cannot record ...: het gesprek ... is missing" is gone."""
    berichten = engelse_berichten()
    gemengd = [b for b in berichten if woorden(b) & NEDERLANDS]

    assert len(berichten) > 1000
    assert gemengd == [], gemengd[:10]


def nederlandse_teksten() -> dict[str, str]:
    """What professionals read: explanations, dossier output, warnings, chain reasons."""
    teksten = {
        p.name: p.read_text(encoding="utf-8") for p in (ROOT / "tests/data/uitleg").glob("*")
    }
    for p in (ROOT / "examples/dossier/uitvoer").glob("*.txt"):
        teksten[p.name] = p.read_text(encoding="utf-8")
    teksten.update({f"waarschuwing {c}": t for c, t in CODES.items()})
    status, uit, _ = draai(["demo"])
    assert status == 0
    teksten["demo"] = uit
    return teksten


def test_what_professionals_read_is_dutch() -> None:
    """Explanations, the dossier's state and checks, warnings: no English sentence."""
    teksten = nederlandse_teksten()
    gemengd = {
        naam: sorted(woorden(regel) & ENGELS)
        for naam, tekst in teksten.items()
        for regel in tekst.splitlines()
        if woorden(regel) & ENGELS
    }

    assert len(teksten) > 20
    assert gemengd == {}


def test_the_scan_finds_a_mixed_message() -> None:
    """The scan itself: the message the issue quotes is caught, a clean one is not."""
    oud = "cannot record melding_gedaan: het gesprek met de ouders over de melding is missing"

    assert woorden(oud) & NEDERLANDS
    assert not woorden("cannot record melding_gedaan: stap 4 is missing (record it)") & NEDERLANDS
    assert woorden("Niet beslist: the line is bad") & ENGELS


@pytest.mark.parametrize(
    ("invoer", "veld", "wenk"),
    [
        ({"weging": {"vermoedn": "ja"}}, "weging.vermoedn", "`weging.vermoeden`"),
        ({"vermoeden": "ja"}, "vermoeden", "`weging.vermoeden`"),
        (
            {"weging": {"Acute Onveiligheid": "ja"}},
            "weging.Acute Onveiligheid",
            "acute_onveiligheid",
        ),
        ({"kind": {"leeftyd": 3}}, "kind.leeftyd", "`kind.leeftijd`"),
    ],
)
def test_an_unknown_key_that_resembles_a_contract_key_is_shown_with_a_suggestion(
    invoer: dict[str, object], veld: str, wenk: str
) -> None:
    """The typo is named and the key it resembles suggested: "did you mean ..."."""
    with pytest.raises(OngeldigeInvoer) as fout:
        casus_uit_dict(invoer)

    assert fout.value.veld == veld
    assert f"did you mean {wenk}" in str(fout.value) or wenk in str(fout.value)


@pytest.mark.parametrize("sleutel", ["GEHEIM Jan de Vries", "jan_de_vries_12", "Fatima"])
def test_an_unknown_key_that_resembles_nothing_is_not_shown(sleutel: str) -> None:
    """A key can be a name: it is counted, not shown; the object's fields are listed instead."""
    with pytest.raises(OngeldigeInvoer) as fout:
        casus_uit_dict({"weging": {sleutel: True}})

    assert fout.value.veld == "weging"
    assert fout.value.waarde == "<key>"
    assert sleutel not in str(fout.value)
    assert "vermoeden" in str(fout.value)


@pytest.mark.parametrize(
    ("invoer", "veld"),
    [
        ({"kind": {"leeftijd": "Jan de Vries"}}, "kind.leeftijd"),
        ({"kind": {"ongeboren": "Jan de Vries"}}, "kind.ongeboren"),
        ({"datum": "Jan de Vries"}, "datum"),
        ({"omstandigheden": {"risico_licht": "zie dossier Jan"}}, "omstandigheden.risico_licht"),
    ],
)
def test_free_text_typed_into_a_number_date_or_boolean_is_not_echoed(
    invoer: dict[str, object], veld: str
) -> None:
    """Shown as ``<str>``, as value sets do; a number or a date as typed is still shown."""
    with pytest.raises(OngeldigeInvoer) as fout:
        casus_uit_dict(invoer)

    assert fout.value.veld == veld
    assert fout.value.waarde == "<str>"
    assert "Jan" not in str(fout.value)


def test_a_date_typed_in_another_format_is_still_shown() -> None:
    """Digits and separators are not free text: showing them helps."""
    with pytest.raises(OngeldigeInvoer) as fout:
        casus_uit_dict({"datum": "14-03-2026"})

    assert fout.value.waarde == "'14-03-2026'"


def test_an_unborn_child_with_an_age_is_an_error() -> None:
    """Contradictory input the rules read (ongeboren and leeftijd): refused, not decided."""
    with pytest.raises(OngeldigeInvoer) as fout:
        casus_uit_dict({"kind": {"ongeboren": True, "leeftijd": 0}})

    assert fout.value.veld == "kind.leeftijd"
    assert "unborn" in str(fout.value)


VANDAAG = dt.date(2026, 6, 1)


@pytest.mark.parametrize(
    ("wijziging", "code"),
    [
        ({"datum": "2099-01-01"}, "datum_in_toekomst"),
        (
            {"signalen": [{"soort": "verwaarlozing", "datum": "2099-01-01"}], "datum": None},
            "signaal_in_toekomst",
        ),
        ({"consultaties": [{"met": "collega", "datum": "2099-01-01"}]}, "consultatie_in_toekomst"),
        ({"signalen": [{"soort": "verwaarlozing", "datum": "2026-04-01"}]}, "signaal_na_weging"),
        ({"consultaties": [{"met": "collega", "datum": "2026-04-01"}]}, "consultatie_na_weging"),
        ({"protocol": "2013"}, "protocol_past_niet_bij_datum"),
        ({"protocol": "2019", "datum": "2016-05-01"}, "protocol_past_niet_bij_datum"),
    ],
)
def test_an_implausible_case_is_decided_with_a_warning(
    wijziging: dict[str, object], code: str
) -> None:
    """Warnings have a stable code and a Dutch text without case data; the case is decided."""
    data = {**casus_data(), **wijziging}
    data = {k: v for k, v in data.items() if v is not None}
    casus = casus_uit_dict(data)

    codes = [w.code for w in casus_waarschuwingen(casus, vandaag=VANDAAG)]

    assert code in codes
    assert all(w.code in CODES for w in casus_waarschuwingen(casus, vandaag=VANDAAG))


def test_a_plausible_case_has_no_warning() -> None:
    """The contract's example: nothing to warn about."""
    assert casus_waarschuwingen(casus_uit_dict(casus_data()), vandaag=VANDAAG) == ()


def test_beslis_puts_warnings_in_the_decision_and_on_stderr(tmp_path: Path) -> None:
    """``waarschuwingen``: a list of ``{"code", "tekst"}``; the decision itself is still made."""
    pad = tmp_path / "casus.json"
    pad.write_text(json.dumps({**casus_data(), "datum": "2099-01-01"}), encoding="utf-8")

    status, uit, err = draai(["beslis", str(pad)])
    uitleg = draai(["uitleg", str(pad)])

    assert problemen(status, uit, err, {0}) == []
    besluit = json.loads(uit)
    assert besluit["melden"] is not None
    assert {"code": "datum_in_toekomst", "tekst": CODES["datum_in_toekomst"]} in besluit[
        "waarschuwingen"
    ]
    assert "warning: datum_in_toekomst" in err
    assert "Let op:" in uitleg[1]


def test_warnings_are_added_after_the_decision_s_own_and_not_repeated() -> None:
    """``met_waarschuwingen`` merges: the decision's own warnings first, no code twice."""
    eigen = {"waarschuwingen": [{"code": "regel", "tekst": "Van een regel."}]}
    extra = [Waarschuwing("regel", "dubbel"), Waarschuwing("datum_in_toekomst", "t")]

    uit = met_waarschuwingen(eigen, extra)

    assert uit["waarschuwingen"] == [
        {"code": "regel", "tekst": "Van een regel."},
        {"code": "datum_in_toekomst", "tekst": "t"},
    ]
    assert met_waarschuwingen({"melden": True}, []) == {"melden": True}


def test_a_future_dossier_event_is_recorded_with_a_warning(tmp_path: Path) -> None:
    """``dossier toevoegen``: recorded, and a Dutch "let op" line with the code."""
    eerste = json.loads(json.dumps(gebeurtenis_data_eerste()))
    eerste["datum"] = "2099-01-01"
    pad = tmp_path / "e.json"
    pad.write_text(json.dumps(eerste), encoding="utf-8")

    status, uit, _ = draai(
        ["dossier", "toevoegen", "lln-1", str(pad), "--db", str(tmp_path / "d.sqlite3")]
    )

    assert status == 0
    assert "let op:" in uit
    assert "[gebeurtenis_in_toekomst]" in uit


def gebeurtenis_data_eerste() -> dict[str, object]:
    from tests.invoer.corpus import gebeurtenis_data

    return gebeurtenis_data()[0]


def test_json_lines_answer_every_line_and_carry_the_referentie() -> None:
    """A blank line gets its own error line; an error object names the case's referentie."""
    regels = [
        json.dumps({"referentie": "lln-7", "weging": {"vermoeden": "misschien"}}),
        "",
        "   ",
        json.dumps({"referentie": "lln-8"}),
    ]

    status, uit, _ = draai(["beslis", "-"], ("\n".join(regels) + "\n").encode())

    lijnen = [json.loads(r) for r in uit.splitlines()]
    assert status == 1
    assert len(lijnen) == 4
    assert lijnen[0]["fout"]["referentie"] == "lln-7"
    assert [("fout" in r) for r in lijnen] == [True, True, True, False]
    assert "empty line" in lijnen[1]["fout"]["melding"]
    assert lijnen[3]["referentie"] == "lln-8"


def test_non_utf8_bytes_on_stdin_are_an_error_of_that_line_only() -> None:
    """Under any locale: the line with a stray byte is refused, the others decided."""
    goed = json.dumps({"referentie": "lln-1"}).encode()
    slecht = b'{"signalen": [{"soort": "verwaarlozing", "omschrijving": "caf\xe9"}]}'

    status, uit, _ = draai(["beslis", "-"], goed + b"\n" + slecht + b"\n" + goed + b"\n")

    lijnen = [json.loads(r) for r in uit.splitlines()]
    assert status == 1
    assert [("fout" in r) for r in lijnen] == [False, True, False]
    assert "not valid UTF-8" in lijnen[1]["fout"]["melding"]


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """As .NET and PowerShell write it: decided, not "not valid JSON at character 0"."""
    pad = tmp_path / "casus.json"
    pad.write_bytes(b"\xef\xbb\xbf" + json.dumps(casus_data()).encode())

    status, uit, err = draai(["beslis", str(pad)])

    assert (status, err) == (0, "")
    assert json.loads(uit)["referentie"] == "lln-0042"


def test_every_soort_has_an_english_refusal_or_none() -> None:
    """Each kind of event, refused on an empty dossier, says what is missing in English."""
    for soort, klasse in SOORTEN.items():
        assert klasse.soort == soort
    with pytest.raises(StapOntbreekt) as fout:
        Dossier(id="d").voeg_toe(volledig_voorbeeld()[1])
    gesloten = Dossier(id="d")
    for g in (volledig_voorbeeld()[0], volledig_voorbeeld()[2]):
        gesloten = gesloten.voeg_toe(g)
    gesloten = gesloten.voeg_toe(DossierGesloten(datum=dt.date(2026, 3, 10)))
    with pytest.raises(StapOntbreekt) as heropen:
        gesloten.voeg_toe(volledig_voorbeeld()[1])

    assert "stap 1 is missing" in str(fout.value)
    assert heropen.value.ontbreekt == "signaal_vastgelegd"
    assert isinstance(volledig_voorbeeld()[0], SignaalVastgelegd)
