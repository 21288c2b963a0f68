"""Profiles as data: loaded from a file, they change decisions exactly where their source says."""

from __future__ import annotations

import itertools
import re
from importlib import resources
from pathlib import Path

import attrs
import pytest

from meldcode import (
    Casus,
    Consultatie,
    Kind,
    Oordeel,
    Partij,
    Protocol,
    Signaal,
    SignaalBron,
    SoortSignaal,
    Vraag,
    Weging,
    beslis,
)
from meldcode.adapters.profiel import beschikbare_profielen, laad_profiel, profiel_uit_toml
from meldcode.errors import OngeldigeInvoer, OngeldigeRegelbasis
from meldcode.rules import kies_protocol, regelbasis
from tests.ruimte import wegingen

SIGNAAL = (Signaal(soort=SoortSignaal.VERWAARLOZING),)
BESLISSINGEN = (
    "melden",
    "hulp_organiseren",
    "dossier_sluiten",
    "veilig_thuis_raadplegen",
    "spoed",
    "oudergesprek_overslaan",
    "bespreken_met_kind",
    "volgende_vraag",
)


def kopie(naam: str, tmp_path: Path, vervang: tuple[str, str] | None = None) -> Path:
    """The shipped profile ``naam`` copied to a file (optionally with one text replaced)."""
    tekst = resources.files("meldcode").joinpath("profielen", f"{naam}.toml").read_text("utf-8")
    if vervang is not None:
        assert vervang[0] in tekst
        tekst = tekst.replace(*vervang)
    pad = tmp_path / f"eigen-{naam}.toml"
    pad.write_text(tekst, encoding="utf-8")
    return pad


def test_the_shipped_profiles_are_vcog_and_fedra() -> None:
    """Both school profiles of the sources ship with the package (with the other kaarten)."""
    assert {"fedra", "vcog"} <= set(beschikbare_profielen())


def test_fedra_from_a_file_adds_the_board_exactly_at_afweging_1b(tmp_path: Path) -> None:
    """003: the board is informed when the suspicion is strong; no decision changes."""
    profiel = laad_profiel(str(kopie("fedra", tmp_path)))
    basis = profiel.regelbasis(Protocol.P2019)

    for weging in wegingen(Protocol.P2019):
        casus = Casus(protocol=Protocol.P2019, signalen=SIGNAAL, weging=weging)
        landelijk, eigen = beslis(casus), beslis(casus, basis=basis)
        for sleutel in BESLISSINGEN[:-1]:
            assert getattr(eigen, sleutel) == getattr(landelijk, sleutel), sleutel
        if eigen.volgende_vraag != landelijk.volgende_vraag:
            # the board contact waits for afweging 1 only
            assert (eigen.volgende_vraag, weging.vermoeden) == (Vraag.VERMOEDEN, None)
        extra = set(eigen.contacten) - set(landelijk.contacten)
        assert extra == ({Partij.BESTUUR} if weging.vermoeden is Oordeel.JA else set())
        nieuwe_gronden = {g.regel for g in eigen.gronden} - {g.regel for g in landelijk.gronden}
        assert all(regel.startswith("fedra.") for regel in nieuwe_gronden)
        evaluatie = eigen.melden or eigen.hulp_organiseren
        assert ("fedra.stap-5.interne-evaluatie" in nieuwe_gronden) == evaluatie


def test_vcog_from_a_file_lists_the_missing_mandatory_consultations(tmp_path: Path) -> None:
    """001: ib-er, sociaal verpleegkundige, colleague (and the AMK) until each is recorded."""
    profiel = laad_profiel(str(kopie("vcog", tmp_path)))
    basis = profiel.regelbasis(Protocol.P2013)
    verplicht = (
        Partij.INTERN_BEGELEIDER,
        Partij.SOCIAAL_VERPLEEGKUNDIGE,
        Partij.COLLEGA,
        Partij.VEILIG_THUIS,
    )
    facultatief = (Partij.ZORGADVIESTEAM, Partij.LEERPLICHT)

    for n in range(len(verplicht) + 1):
        for gedaan in itertools.combinations(verplicht + facultatief, n):
            casus = Casus(
                protocol=Protocol.P2013,
                signalen=SIGNAAL,
                consultaties=tuple(Consultatie(met=p) for p in gedaan),
            )
            besluit = beslis(casus, basis=basis)
            assert set(besluit.ontbrekende_consultaties) == set(verplicht) - set(gedaan)


def test_vcog_changes_no_national_decision_but_the_pupil_talk(tmp_path: Path) -> None:
    """001 adds roles, consultations, the sociaal verpleegkundige, and one decision.

    001 stap 5b: "Bespreek de melding vooraf met de ouder(s) en met de leerling wanneer deze 12
    jaar is of ouder." The national 2013 rules follow 000 ("U kunt de melding ook bespreken met
    de leerling"), so only the profile makes ``bespreken_met_kind`` a decision; and not when the
    contact about the report may be skipped (000: "Van contacten met de leerling en/of ouder
    over de melding kunt u afzien").
    """
    basis = laad_profiel(str(kopie("vcog", tmp_path))).regelbasis(Protocol.P2013)

    for weging, leeftijd, overslaan in itertools.product(
        wegingen(Protocol.P2013), (9, 12), (False, True)
    ):
        casus = Casus(
            protocol=Protocol.P2013,
            kind=Kind(leeftijd=leeftijd),
            signalen=SIGNAAL,
            omstandigheden=attrs.evolve(Casus().omstandigheden, veiligheid_in_geding=overslaan),
            weging=weging,
        )
        landelijk, eigen = beslis(casus), beslis(casus, basis=basis)
        for sleutel in BESLISSINGEN:
            if sleutel != "bespreken_met_kind":
                assert getattr(eigen, sleutel) == getattr(landelijk, sleutel), sleutel
        assert not landelijk.bespreken_met_kind
        assert eigen.bespreken_met_kind == (landelijk.melden and leeftijd >= 12 and not overslaan)
        extra = set(eigen.contacten) - set(landelijk.contacten)
        assert extra == ({Partij.SOCIAAL_VERPLEEGKUNDIGE} if eigen.hulp_organiseren else set())


def test_without_a_profile_there_are_no_missing_consultations_or_phone_numbers() -> None:
    """The national rule base names no mandatory consultations and carries no sociale kaart."""
    casus = Casus(signalen=SIGNAAL, weging=Weging(vermoeden=Oordeel.JA))

    besluit = beslis(casus)

    assert (besluit.ontbrekende_consultaties, besluit.contacten_details) == ((), ())


SCHAKELAAR_UIT = "openbaring_kind_veilig_thuis_raadplegen = false"


def test_the_disclosure_switch_is_off_by_default_and_consults_veilig_thuis_when_on(
    tmp_path: Path,
) -> None:
    """A profile switch makes disclosure by the child a reason to consult Veilig Thuis at once.

    004 Stap 2: "Het kan zelfs nu al nodig zijn om op te schalen en, al dan niet anoniem, contact
    te zoeken met Veilig Thuis"; it never reports by itself, not even when weighed away.
    """
    signaal = (Signaal(soort=SoortSignaal.LICHAMELIJK_GEWELD, bron=SignaalBron.KIND),)
    casus = Casus(
        protocol=Protocol.P2019,
        kind=Kind(leeftijd=9),
        signalen=signaal,
        weging=Weging(vermoeden=Oordeel.NEE),
    )
    uit = laad_profiel(str(kopie("fedra", tmp_path)))
    aan = laad_profiel(
        str(kopie("fedra", tmp_path, (SCHAKELAAR_UIT, SCHAKELAAR_UIT.replace("false", "true"))))
    )

    besluit_uit = beslis(casus, basis=uit.regelbasis(Protocol.P2019))
    besluit_aan = beslis(casus, basis=aan.regelbasis(Protocol.P2019))

    assert (besluit_uit.veilig_thuis_raadplegen, besluit_aan.veilig_thuis_raadplegen) == (
        False,
        True,
    )
    assert not besluit_aan.melden
    assert "profiel.schakelaar.openbaring-kind-veilig-thuis-raadplegen" in {
        g.regel for g in besluit_aan.gronden
    }
    other = attrs.evolve(casus, signalen=(Signaal(soort=SoortSignaal.LICHAMELIJK_GEWELD),))
    assert not beslis(other, basis=aan.regelbasis(Protocol.P2019)).veilig_thuis_raadplegen


def test_the_withdrawn_always_report_switch_is_refused_with_its_reason(tmp_path: Path) -> None:
    """No source makes disclosure a report: a profile switching it on is refused, not ignored."""
    pad = kopie("fedra", tmp_path, (SCHAKELAAR_UIT, "openbaring_kind_altijd_melden = true"))

    with pytest.raises(OngeldigeRegelbasis, match="'openbaring_kind_altijd_melden', which was"):
        laad_profiel(str(pad))


def test_every_sociale_kaart_entry_is_printed_in_its_source(bronnen: Path) -> None:
    """Organisation, phone, e-mail and website are copied verbatim from the profile's source."""
    for naam in beschikbare_profielen():
        profiel = laad_profiel(naam)
        tekst = re.sub(r"\s+", " ", (bronnen / profiel.bron).read_text("utf-8").replace("*", ""))
        for k in profiel.sociale_kaart:
            for waarde in (k.organisatie, k.email, k.website, *k.telefoon.split(" / ")):
                assert waarde in tekst, (naam, waarde)


@pytest.mark.parametrize(
    ("vervang", "melding"),
    [
        (('naam = "fedra"', 'naam = "fedra"\nkleur = "blauw"'), "kleur is not a key"),
        (('{ antwoord = "vermoeden", in = ["ja"] }', '{ maanstand = "vol" }'), "regel[0].als"),
        (('rol = "directie"', 'rol = "conciërge"'), "regel[0].dan.acties[0].rol must be one of"),
        (('partij = "politie_112"', 'partij = "brandweer"'), "sociale_kaart[0].partij"),
        ((SCHAKELAAR_UIT, "toveren = true"), "unknown schakelaars"),
        (('protocollen = ["2019"]', ""), "protocollen is required"),
        (('protocollen = ["2019"]', "protocollen = []"), "protocollen must be a non-empty list"),
        (('protocollen = ["2019"]', 'protocollen = ["2020"]'), "protocollen[0] must be"),
        (('id = "fedra.afweging-1b', 'id = "vcog.afweging-1b'), "must have an id starting with"),
    ],
)
def test_a_bad_profile_file_names_the_key_and_the_value(
    tmp_path: Path, vervang: tuple[str, str], melding: str
) -> None:
    """A malformed profile is rejected with the path of the key, never half loaded."""
    pad = kopie("fedra", tmp_path, vervang)

    with pytest.raises((OngeldigeInvoer, OngeldigeRegelbasis), match=re.escape(melding)):
        laad_profiel(str(pad))


def test_a_profile_rule_that_conflicts_with_the_national_rules_is_rejected() -> None:
    """A 2013 profile rule that would organise help while reporting fails the rule base check."""
    tekst = """
naam = "strijdig"
titel = "test"
bron = "000_ee7bf8bfa9baa6b3.txt"
protocollen = ["2013"]
[[regel]]
id = "strijdig.hulp"
sectie = "Stap 5a: Hulp organiseren en effecten volgen"
citaat = "organiseer dan de noodzakelijke hulp;"
als = { signaal = {} }
dan = { beslissingen = ["hulp_organiseren"] }
"""
    with pytest.raises(OngeldigeRegelbasis, match="incompatible"):
        profiel_uit_toml(tekst)


def test_profile_rule_bases_keep_the_national_rules() -> None:
    """A profile only adds: every national rule is in the profile's rule base."""
    for naam in beschikbare_profielen():
        profiel = laad_profiel(naam)
        for protocol in profiel.protocollen:
            eigen = {r.id for r in profiel.regelbasis(protocol).regels}
            assert {r.id for r in regelbasis(protocol).regels} <= eigen


def test_a_party_with_several_entries_lists_them_all() -> None:
    """Midden-Groningen has one Sociaal Team per area: all five are given, in the kaart's order."""
    profiel = laad_profiel("midden-groningen")
    casus = Casus(
        protocol=Protocol.P2019,
        signalen=SIGNAAL,
        omstandigheden=attrs.evolve(Casus().omstandigheden, sociaal_team_betrokken=True),
    )

    besluit = beslis(casus, basis=profiel.regelbasis(Protocol.P2019))

    teams = [k.organisatie for k in besluit.contacten_details if k.partij is Partij.SOCIAAL_TEAM]
    assert teams == [
        "Sociaal Team Oost",
        "Sociaal Team West",
        "Sociaal Team Zuid",
        "Sociaal Team Menterwolde",
        "Sociaal Team Slochteren",
    ]


def test_the_profile_condition_format_is_what_regels_json_prints() -> None:
    """Every condition of every rule reads back from its ``meldcode regels --json`` form."""
    from meldcode.adapters.cli.main import regel_naar_dict
    from meldcode.adapters.dekking import alle_regels
    from meldcode.adapters.profiel import conditie_uit_dict

    for regel in alle_regels():
        assert conditie_uit_dict(regel_naar_dict(regel)["conditie"]) == regel.als, regel.id


def test_regels_with_a_profile_lists_its_own_rules(capsys: pytest.CaptureFixture[str]) -> None:
    """``meldcode regels --profiel vcog`` shows the national rules and the profile's."""
    from meldcode.adapters.cli.main import main

    status = main(["regels", "--profiel", "vcog", "--protocol", "2013"])
    out = capsys.readouterr().out

    assert status == 0
    assert "vcog.stap-2.verplicht.intern-begeleider  [2013]" in out
    assert "2013.stap-5b.melden  [2013]" in out


@pytest.mark.parametrize("naam", ["perspectief", "vcog"])
def test_a_2012_profile_is_refused_for_a_2019_case_never_giving_the_amk_number(
    naam: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The AMK's 0900 number is never handed out as the Veilig Thuis contact of a 2019 case."""
    from meldcode.adapters.cli.main import main

    pad = tmp_path / "casus.json"
    pad.write_text(
        '{"protocol": "2019", "weging": {"vermoeden": "ja", "acute_onveiligheid": "ja"}}',
        encoding="utf-8",
    )

    status = main(["beslis", str(pad), "--profiel", naam])
    uit, err = capsys.readouterr()

    assert status == 1
    assert uit == ""
    assert f"profile {naam!r} is written for protocol '2013', not for '2019'" in err
    assert "0900" not in err
    with pytest.raises(OngeldigeInvoer, match="written for protocol '2013'"):
        laad_profiel(naam).regelbasis(Protocol.P2019)


def test_a_2019_profile_is_refused_for_a_case_dated_before_2019() -> None:
    """By date a 2018 case falls under 2013, where Fedra's 2019 kaart does not apply."""
    import datetime as dt

    casus = Casus(datum=dt.date(2018, 6, 1), signalen=SIGNAAL)
    fedra = laad_profiel("fedra")

    with pytest.raises(OngeldigeInvoer) as fout:
        beslis(casus, basis=fedra.regelbasis(kies_protocol(casus)))
    assert fout.value.fouten[0].veld == "protocol"


def test_regels_with_a_profile_lists_only_its_own_era(capsys: pytest.CaptureFixture[str]) -> None:
    """``meldcode regels --profiel fedra`` shows 2019 rules only; another era is refused."""
    from meldcode.adapters.cli.main import main

    assert main(["regels", "--profiel", "fedra"]) == 0
    out = capsys.readouterr().out
    assert "fedra.afweging-1b.bestuur-informeren" in out
    assert "  [2013]  " not in out
    assert main(["regels", "--profiel", "fedra", "--protocol", "2013"]) == 1
