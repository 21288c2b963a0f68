"""Free text encrypted at rest; keys from the environment or a 0600 file, never an argument."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

import pytest
from hypothesis import given

from meldcode.adapters.cli.main import bouw_parser, main
from meldcode.adapters.json.dossier import gebeurtenis_naar_dict, gebeurtenis_uit_dict
from meldcode.adapters.opslag.versleuteling import (
    SLEUTEL_OMGEVING,
    SLEUTELBESTAND_OMGEVING,
    VERBORGEN,
    VERSLEUTELD,
    Tekstsleutel,
    lees_sleutelbestand,
    ontsleutel_velden,
    schrijf_sleutelbestand,
    sleutel_uit_omgeving,
    sleutelkenmerken,
    versleutel_velden,
    vrije_tekstpaden,
    zonder_vrije_tekst,
)
from meldcode.domain.dossier import SOORTEN
from meldcode.errors import SleutelFout
from meldcode.testing.dossier import inhoud, volledig_voorbeeld

SLEUTEL = Tekstsleutel.nieuw()
PLAATS = "organisatie standaard dossier lln-1 gebeurtenis 1"


@given(g=inhoud)
def test_every_free_text_is_encrypted_and_comes_back(g: object) -> None:
    """No free text stays readable in the stored form; decrypting gives the event back."""
    paden = vrije_tekstpaden(g)
    data = versleutel_velden(gebeurtenis_naar_dict(g), paden, SLEUTEL, PLAATS)  # type: ignore[arg-type]

    for pad in paden:
        waarde = _waarde(data, pad)
        tekst = _waarde(gebeurtenis_naar_dict(g), pad)  # type: ignore[arg-type]
        assert waarde == "" if tekst == "" else set(waarde) == {VERSLEUTELD}
    assert gebeurtenis_uit_dict(ontsleutel_velden(data, SLEUTEL, PLAATS)) == g
    assert sleutelkenmerken(data) <= {SLEUTEL.kenmerk}


def _waarde(data: dict[str, object], pad: str) -> object:
    plek: object = data
    for deel in pad.split("."):
        assert isinstance(plek, dict)
        plek = plek[deel]
    return plek


def test_free_text_is_what_the_domain_keeps_out_of_repr() -> None:
    """Every text field of an event is free text (``repr=False``): none is missed."""
    import attrs

    for klasse in SOORTEN.values():
        for a in attrs.fields(klasse):
            if a.type in ("str", str):
                assert a.repr is False, f"{klasse.__name__}.{a.name}"


def test_a_ciphertext_is_bound_to_its_place() -> None:
    """Copied to another event or field, it does not decrypt (authenticated data)."""
    data = versleutel_velden(
        gebeurtenis_naar_dict(volledig_voorbeeld()[0]), ("plaats",), SLEUTEL, PLAATS
    )

    with pytest.raises(SleutelFout, match="another place"):
        ontsleutel_velden(data, SLEUTEL, PLAATS.replace("gebeurtenis 1", "gebeurtenis 2"))
    verplaatst = {**data, "situatie": data["plaats"]}
    with pytest.raises(SleutelFout):
        ontsleutel_velden(verplaatst, SLEUTEL, PLAATS)


def test_without_the_key_encrypted_text_is_refused_or_hidden() -> None:
    """No key: an error that names the field (never content); or, for counting, hidden."""
    data = versleutel_velden(
        gebeurtenis_naar_dict(volledig_voorbeeld()[0]), ("plaats",), SLEUTEL, PLAATS
    )

    with pytest.raises(SleutelFout) as info:
        ontsleutel_velden(data, None, PLAATS)
    assert "plaats" in str(info.value)
    assert "gymzaal" not in str(info.value)
    assert ontsleutel_velden(data, None, PLAATS, tekst=False)["plaats"] == VERBORGEN
    with pytest.raises(SleutelFout, match="another key"):
        ontsleutel_velden(data, Tekstsleutel.nieuw(), PLAATS)


def test_hiding_free_text_keeps_whether_it_was_there() -> None:
    """Record-keeping checks need presence; counts need nothing: neither sees the text."""
    g = volledig_voorbeeld()[0]

    verborgen = zonder_vrije_tekst(g)

    assert verborgen.plaats == VERBORGEN
    assert verborgen.signaal.omschrijving == VERBORGEN
    assert verborgen.interpretatie == ""
    assert verborgen.signaal.soort == g.signaal.soort  # type: ignore[union-attr]


def test_the_key_is_never_shown() -> None:
    """``repr`` gives the key id only."""
    assert SLEUTEL.tekst() not in repr(SLEUTEL)
    assert SLEUTEL.kenmerk in repr(SLEUTEL)


def test_a_key_file_is_created_0600_and_never_overwritten(tmp_path: Path) -> None:
    """The file holds one key, is readable by its owner only, and is not replaced."""
    pad = tmp_path / "sleutel"

    sleutel = schrijf_sleutelbestand(pad)

    assert os.stat(pad).st_mode & 0o777 == 0o600
    assert lees_sleutelbestand(pad) == sleutel
    with pytest.raises(SleutelFout, match="never overwritten"):
        schrijf_sleutelbestand(pad)
    assert lees_sleutelbestand(pad) == sleutel


def test_a_key_file_readable_by_others_is_refused(tmp_path: Path) -> None:
    """Like ssh: a key others can read is not a secret any more."""
    pad = tmp_path / "sleutel"
    schrijf_sleutelbestand(pad)
    pad.chmod(0o644)

    with pytest.raises(SleutelFout, match="readable by others"):
        lees_sleutelbestand(pad)


def test_the_key_comes_from_the_environment(tmp_path: Path) -> None:
    """A key file named by the environment wins over the key text; none: no encryption."""
    pad = tmp_path / "sleutel"
    uit_bestand = schrijf_sleutelbestand(pad)

    assert sleutel_uit_omgeving({}) is None
    assert sleutel_uit_omgeving({SLEUTEL_OMGEVING: SLEUTEL.tekst()}) == SLEUTEL
    assert (
        sleutel_uit_omgeving({SLEUTEL_OMGEVING: SLEUTEL.tekst(), SLEUTELBESTAND_OMGEVING: str(pad)})
        == uit_bestand
    )


# a key four characters short (fixed, so every test worker collects the same ids)
@pytest.mark.parametrize("tekst", ["", "kort", "!" * 43, "A" * 40])
def test_a_malformed_key_is_refused_without_showing_it(tekst: str) -> None:
    """The error names where the key came from, not what it is."""
    with pytest.raises(SleutelFout) as info:
        Tekstsleutel.uit_tekst(tekst, herkomst="$MELDCODE_TEKSTSLEUTEL")

    assert "$MELDCODE_TEKSTSLEUTEL" in str(info.value)
    if tekst:
        assert tekst not in str(info.value)


def _argumenten(
    parser: argparse.ArgumentParser, opdracht: str = "meldcode"
) -> list[tuple[str, str]]:
    """Every option and positional argument of every command: (command, name)."""
    uit: list[tuple[str, str]] = []
    for actie in parser._actions:
        if isinstance(actie, argparse._SubParsersAction):
            for naam, sub in actie.choices.items():
                uit.extend(_argumenten(sub, f"{opdracht} {naam}"))
        elif actie.option_strings:
            uit.extend((opdracht, o) for o in actie.option_strings)
        else:
            uit.append((opdracht, actie.dest))
    return uit


GEHEIM = re.compile(r"sleutel|key|token|wachtwoord|password|passwd|secret|geheim", re.IGNORECASE)


def test_no_command_takes_a_key_or_password_as_an_argument() -> None:
    """No command of ``meldcode`` has an argument for a key, a token or a password.

    A secret on the command line ends up in shell history and process lists. What names a key
    may name a file holding it (``--sleutelbestand``: a file of mode 0600) or a key's public id.
    """
    alle = _argumenten(bouw_parser())
    namen = {naam for _, naam in alle}

    assert len({opdracht for opdracht, _ in alle}) >= 25  # the walk sees every command
    assert {"--db", "--sleutelbestand", "sleutel_id", "pad"} <= namen
    geheim = [
        (opdracht, naam)
        for opdracht, naam in alle
        if GEHEIM.search(naam) and not naam.endswith(("bestand", "_id"))
    ]
    assert geheim == []


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://meldcode:GeHeIm@db.example/meldcode",
        "postgres://meldcode:GeHeIm@/meldcode?host=/run/postgresql",
        "postgresql:///meldcode?user=meldcode&password=GeHeIm",
    ],
)
@pytest.mark.parametrize(
    "opdracht",
    [
        ["dossier", "lijst"],
        ["controleer", "lln-1"],
        ["serve"],
        ["sleutel", "lijst"],
        ["privacy", "wissingen"],
        ["evaluatie"],
    ],
    ids=lambda o: "-".join(o),
)
def test_a_password_in_db_is_refused_before_anything_happens(
    opdracht: list[str], url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A store's URL with a password belongs in $MELDCODE_DB (or PGPASSWORD, ~/.pgpass)."""
    with pytest.raises(SystemExit) as afloop:
        main([*opdracht, "--db", url])

    fout = capsys.readouterr().err
    assert afloop.value.code == 2
    assert "$MELDCODE_DB" in fout
    assert "GeHeIm" not in fout


def test_a_db_url_without_a_password_is_taken() -> None:
    from meldcode.adapters.cli.dossier import db_argument

    for url in ("postgresql://meldcode@/postgres?host=/tmp&port=5432", "dossiers.sqlite3"):
        assert db_argument(url) == url
