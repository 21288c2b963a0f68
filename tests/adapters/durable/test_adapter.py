"""The compiler's fences: unknown conditions, validation, no state between cases, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import attrs
import pytest

from meldcode import Casus, Oordeel, Protocol, Vraag, Weging
from meldcode.adapters.cli.engines import engine
from meldcode.adapters.cli.main import main
from meldcode.errors import MeldcodeError, OngeldigeInvoer, OngeldigeRegelbasis
from meldcode.rules import Antwoord, Conclusie, Regel, Regelbasis, maak_regelbasis, regelbasis
from meldcode.rules.model import Bron
from tests.conftest import vignetten

pytest.importorskip(
    "durable_rules_engine",
    reason="durable-rules is not installed (pip install 'meldcode[durable]'; Python < 3.13)",
)

from meldcode.adapters.durable import DurableFout, compileer
from meldcode.adapters.durable import engine as durable
from tests.adapters.durable.vergelijk import vergelijk

ACUUT = Casus(
    protocol=Protocol.P2019,
    weging=Weging(vermoeden=Oordeel.JA, acute_onveiligheid=Oordeel.JA),
)
GEEN_ZORG = Casus(protocol=Protocol.P2019, weging=Weging(vermoeden=Oordeel.NEE))


@attrs.frozen
class OnbekendeConditie:
    """A condition type the compiler has never seen."""


def test_an_unknown_condition_type_is_refused_when_the_rule_base_is_built() -> None:
    """A condition type that does not say what it means fails loudly, before any engine."""
    basis = regelbasis(Protocol.P2019)
    regel = attrs.evolve(basis.regels[0], als=OnbekendeConditie())  # type: ignore[arg-type]

    with pytest.raises(OngeldigeRegelbasis, match="OnbekendeConditie"):
        attrs.evolve(basis, regels=(regel, *basis.regels[1:]))


def test_every_compiled_ruleset_has_its_own_name() -> None:
    """Two compilations of one rule base never share a durable ruleset."""
    with compileer(regelbasis(Protocol.P2013)) as a, compileer(regelbasis(Protocol.P2013)) as b:
        assert a.naam != b.naam
        assert a.beslis(Casus(protocol=Protocol.P2013)) == b.beslis(Casus(protocol=Protocol.P2013))


def test_nothing_of_one_case_is_seen_by_the_next() -> None:
    """Deciding A then B gives B exactly what B gets on a fresh ruleset."""
    with (
        compileer(regelbasis(Protocol.P2019)) as gedeeld,
        compileer(regelbasis(Protocol.P2019)) as vers,
    ):
        gedeeld.beslis(ACUUT)
        na_acuut = gedeeld.beslis(GEEN_ZORG)

        assert na_acuut == vers.beslis(GEEN_ZORG)
        assert not na_acuut.melden


def test_more_cases_than_durable_holds_live_are_decided_one_after_another() -> None:
    """Durable refuses its 1025th live case id; a finished case leaves no live state."""
    with compileer(regelbasis(Protocol.P2013)) as regels:
        for _ in range(1_100):
            regels.beslis(Casus(protocol=Protocol.P2013, weging=Weging(vermoeden=Oordeel.JA)))


def test_a_forced_wrong_value_is_rejected_before_it_reaches_durable() -> None:
    """Durable matches 0 == False and "false" == False; validation runs again first."""
    casus = Casus(protocol=Protocol.P2019)
    object.__setattr__(casus.omstandigheden, "veiligheid_in_geding", 0)

    with pytest.raises(OngeldigeInvoer) as fout:
        durable.beslis(casus)

    assert "veiligheid_in_geding" in str(fout.value)


def test_a_fact_durable_cannot_match_is_an_error_not_a_least_protective_answer() -> None:
    """A field missing from the fact makes no rule match: that is reported, not defaulted."""
    with compileer(regelbasis(Protocol.P2019)) as regels:
        velden = regels._casusvelden(ACUUT)
        del velden["w_vermoeden"]
        with pytest.raises(DurableFout, match="outcomes"):
            regels._evalueer(velden)

        assert regels.beslis(ACUUT).melden  # the ruleset is still usable


def test_a_closed_ruleset_refuses_to_decide() -> None:
    """``close`` frees durable's memory; using the object afterwards is an error."""
    regels = compileer(regelbasis(Protocol.P2013))
    regels.close()

    with pytest.raises(DurableFout, match="closed"):
        regels.beslis(Casus(protocol=Protocol.P2013))


def test_durable_errors_are_meldcode_errors() -> None:
    """Callers catch one root."""
    assert issubclass(DurableFout, MeldcodeError)


def test_a_profile_rule_base_with_extra_rules_compiles_and_decides_like_the_pure_engine() -> None:
    """Extra rules (a profile) are compiled from the same objects as the national ones."""
    extra = Regel(
        id="2019.profiel.twijfel-hulp-aanvaard",
        protocollen=frozenset({Protocol.P2019}),
        bron=Bron("003_4961db14b56be6cc.txt", "Figuur 2, afweging 4"),
        citaat="Aanvaarden de betrokkenen de hulp",
        als=Antwoord(Vraag.HULP_AANVAARD, frozenset({Oordeel.TWIJFEL})),
        dan=Conclusie(),
    )
    basis: Regelbasis = maak_regelbasis(Protocol.P2019, (extra,))
    casus = Casus(
        protocol=Protocol.P2019,
        weging=Weging(
            vermoeden=Oordeel.JA, hulp_mogelijk=Oordeel.JA, hulp_aanvaard=Oordeel.TWIJFEL
        ),
    )

    vergelijk(casus, basis=basis)


def test_the_adapter_starts_no_thread() -> None:
    """Durable's Host starts two timer threads; the adapter runs on the caller's thread only."""
    voor = threading.active_count()
    with compileer(regelbasis(Protocol.P2019)) as regels:
        regels.beslis(ACUUT)
        assert threading.active_count() == voor


def test_importing_the_rules_does_not_import_durable() -> None:
    """The pure core stays free of durable: only the adapter imports it."""
    code = "import sys, meldcode, meldcode.rules; print('durable' in sys.modules)"
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert uit.stdout.strip() == "False"


@pytest.mark.parametrize("vignet", vignetten(), ids=lambda v: v["id"])
@pytest.mark.parametrize("opdracht", ["beslis", "uitleg"])
def test_the_cli_with_engine_durable_prints_exactly_what_the_pure_engine_prints(
    vignet: dict[str, Any], opdracht: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``meldcode beslis|uitleg --engine durable`` gives the pure engine's output, byte for byte."""
    pad = tmp_path / "casus.json"
    pad.write_text(json.dumps(vignet["casus"]), encoding="utf-8")

    uitvoer = {}
    for naam in ("pure", "durable"):
        status = main([opdracht, "--engine", naam, str(pad)])
        uitvoer[naam] = (status, capsys.readouterr().out)

    assert uitvoer["durable"] == uitvoer["pure"]


def test_the_engine_function_of_durable_is_the_adapters_beslis() -> None:
    """``--engine durable`` resolves to ``meldcode.adapters.durable.engine.beslis``."""
    assert engine("durable") is durable.beslis
