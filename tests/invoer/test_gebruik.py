"""Misuse of the API names the argument; what a newcomer meets works outside the repository."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from meldcode import (
    Casus,
    OngeldigeInvoer,
    Oordeel,
    Signaal,
    SoortSignaal,
    Weging,
    beslis,
)
from tests.invoer.draai import draai, problemen

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("maak", "veld", "hint"),
    [
        (lambda: Weging(vermoeden="ja"), "Weging.vermoeden", "Oordeel('ja')"),
        (lambda: Signaal(soort="verwaarlozing"), "Signaal.soort", "SoortSignaal('verwaarlozing')"),
        (lambda: Weging(vermoeden="misschien"), "Weging.vermoeden", "one of"),
    ],
)
def test_a_domain_object_built_with_the_contract_s_text_says_what_it_expects(
    maak: object, veld: str, hint: str
) -> None:
    """``Weging(vermoeden="ja")``: an ``Oordeel`` is expected, and how to get one."""
    with pytest.raises(OngeldigeInvoer) as fout:
        maak()  # type: ignore[operator]

    assert fout.value.veld == veld
    assert hint in str(fout.value)


@pytest.mark.parametrize(
    ("protocol", "getoond"),
    [(2019, "the number 2019"), (2019.0, "<float>"), (["2019"], "<list>"), ("2020", "'2020'")],
)
def test_beslis_with_a_protocol_of_the_wrong_type_names_the_argument(
    protocol: object, getoond: str
) -> None:
    """``beslis(casus, protocol=2019)`` is ``OngeldigeInvoer``, not ``TypeError: ... len()``."""
    with pytest.raises(OngeldigeInvoer) as fout:
        beslis(Casus(weging=Weging(vermoeden=Oordeel.JA)), protocol)  # type: ignore[arg-type]

    assert fout.value.veld == "protocol"
    assert getoond in str(fout.value)


def test_a_text_field_refuses_a_lone_surrogate_before_it_reaches_the_store() -> None:
    """Built in Python too: refused at once, so a dossier never fails to store later."""
    with pytest.raises(OngeldigeInvoer) as fout:
        Signaal(soort=SoortSignaal.VERWAARLOZING, omschrijving="\ud800")

    assert fout.value.veld == "Signaal.omschrijving"


def test_a_typo_in_the_plugin_marker_fails_the_test_naming_the_argument(tmp_path: Path) -> None:
    """``protocol="2020"`` or ``protocl=...``: those tests fail with the reason, the rest run."""
    (tmp_path / "test_partner.py").write_text(
        textwrap.dedent(
            """
            import pytest

            @pytest.mark.meldcode_vignetten(protocol="2020")
            def test_jaar(meldcode_vignet):
                pass

            @pytest.mark.meldcode_vignetten(protocl="2013")
            def test_typo(meldcode_vignet):
                pass

            @pytest.mark.meldcode_vignetten(protocol="2013")
            def test_goed(meldcode_vignet):
                pass
            """
        ),
        encoding="utf-8",
    )

    proces = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )

    uit = proces.stdout + proces.stderr
    assert proces.returncode == 1, uit
    assert re.search(r"2 (failed|errors)", uit)
    assert re.search(r"\d+ passed", uit)
    assert "protocol must be '2013' or '2019' (got '2020')" in uit
    assert "'protocl'" in uit
    assert "Traceback" not in uit
    assert "ValueError" not in uit


def test_the_demo_runs_outside_the_repository(tmp_path: Path) -> None:
    """``meldcode demo`` without a folder uses the example cases shipped with the package."""
    proces = subprocess.run(
        [sys.executable, "-m", "meldcode", "demo"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )

    assert proces.returncode == 0, proces.stderr
    voorbeelden = sorted((ROOT / "examples" / "casussen").glob("*.json"))
    assert proces.stdout.count("=== ") == len(voorbeelden)
    assert "Besluit volgens de meldcode" in proces.stdout


def test_demo_on_a_folder_that_is_not_there_is_bad_input(tmp_path: Path) -> None:
    """A clear refusal naming the folder, exit 1."""
    status, uit, err = draai(["demo", str(tmp_path / "nergens")])

    assert problemen(status, uit, err, {1}) == []
    assert "not a folder" in err


def test_the_licence_text_is_in_the_repository() -> None:
    """LICENSE holds the EUPL-1.2 that pyproject.toml declares (the wheel check ships it)."""
    licentie = (ROOT / "LICENSE").read_text(encoding="utf-8")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    assert licentie.lstrip().startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    assert "15. Applicable Law" in licentie
    assert project["license"] == {"text": "EUPL-1.2"}


def test_the_install_lines_name_every_extra_and_how_to_install_before_publication() -> None:
    """README and docs/index.md: from a clone or a built wheel; every extra by name."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")

    for extra in project["optional-dependencies"]:
        assert f"meldcode[{extra}]" in readme, extra
    for tekst in (readme, index):
        assert "git clone" in tekst
        assert ".whl" in tekst
        assert "not on PyPI" in tekst
    assert "pip install meldcode " not in index


def test_a_profile_with_a_duplicate_key_is_refused() -> None:
    """Profiles are TOML, whose reader already refuses a key given twice; the message is ours."""
    from meldcode.adapters.profiel import profiel_uit_toml

    with pytest.raises(OngeldigeInvoer, match="not valid TOML"):
        profiel_uit_toml('naam = "a"\nnaam = "b"\n')
