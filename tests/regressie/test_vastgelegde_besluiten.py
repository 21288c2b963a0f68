"""No decision changes unnoticed: the fixed set of cases is decided as written down.

``tests/data/vastgelegde-besluiten.txt`` holds the decisions of every weging of both protocols
and of every case variant on a sample of them (``tests.regressie.vastgelegd``). A change to
the rules that decides any of these cases otherwise fails here, naming the cases, until the
file is written again on purpose (and the changelog says which decisions change).
"""

from __future__ import annotations

import attrs

from meldcode import Protocol
from meldcode.rules import regelbasis
from meldcode.rules.model import Regelbasis
from tests.regressie.vastgelegd import BESTAND, regels, tekst
from tests.ruimte import benoemde_varianten

_TONEN = 25


def _geval(regel: str) -> str:
    """The case of a line: protocol, answers and variant."""
    return " ".join(regel.split(" ", 3)[:3])


def _verschil(oud: list[str], nieuw: list[str]) -> str:
    """The cases decided otherwise, as ``was`` / ``now`` lines (at most ``_TONEN``)."""
    was = {_geval(r): r for r in oud}
    nu = {_geval(r): r for r in nieuw}
    anders = [k for k in nu if was.get(k) != nu[k]] + [k for k in was if k not in nu]
    regels_ = [f"was: {was.get(k, '(absent)')}\nnow: {nu.get(k, '(absent)')}" for k in anders]
    return f"{len(anders)} case(s) decided otherwise:\n" + "\n".join(regels_[:_TONEN])


def _gelezen() -> list[str]:
    return [
        r for r in BESTAND.read_text(encoding="utf-8").splitlines() if r and not r.startswith("#")
    ]


def test_the_fixed_cases_are_decided_as_written_down() -> None:
    """The file is what the writer writes now: every line as decided, none missing or edited."""
    nu = tekst()
    assert BESTAND.read_text(encoding="utf-8") == nu, (
        _verschil(_gelezen(), [r for r in nu.splitlines() if not r.startswith("#")])
        + "\nIf the change is intended: .venv/bin/python -m tests.regressie.vastgelegd, and say "
        "which decisions change in CHANGELOG.md (a minor version at least)."
    )


def test_the_set_covers_every_weging_of_both_protocols_and_every_variant() -> None:
    """Each protocol's whole weging space is in the file, and every variant appears."""
    gelezen = _gelezen()
    for protocol, vragen in ((Protocol.P2013, 2), (Protocol.P2019, 6)):
        basis = {r.split()[1] for r in gelezen if r.startswith(f"{protocol.value} ")}
        assert len(basis) == 4**vragen
        assert all(len(a) == vragen for a in basis)
    assert {r.split()[2] for r in gelezen} == {naam for naam, _ in benoemde_varianten()}


def _zonder(protocol: Protocol, regel_id: str) -> Regelbasis:
    basis = regelbasis(protocol)
    over = tuple(r for r in basis.regels if r.id != regel_id)
    assert len(over) == len(basis.regels) - 1
    return attrs.evolve(basis, regels=over)


def test_one_rule_less_shows_in_the_cases_it_decides() -> None:
    """The file notices a change that keeps every decision and changes only the grounds.

    Without 2019's afweging 2B rule ("Ja of twijfel. Direct melding doen bij Veilig Thuis.")
    the cases it decides still report (step 5 always reports acute and structural unsafety),
    but on one ground less: exactly the lines with a suspicion (afweging 1 ja) and acute or
    structural unsafety (ja or twijfel) change, each by one rule that fired.
    """
    gewijzigd = {Protocol.P2019: _zonder(Protocol.P2019, "2019.afweging-2.onveiligheid")}
    oud = _gelezen()
    nieuw = list(regels(gewijzigd))
    anders = {_geval(a): (a, b) for a, b in zip(oud, nieuw, strict=True) if a != b}
    verwacht = {
        _geval(r)
        for r in oud
        if r.startswith("2019 j") and ({r.split()[1][1], r.split()[1][2]} & {"j", "t"})
    }
    assert set(anders) == verwacht
    for a, b in anders.values():
        assert a.split()[3:-1] == b.split()[3:-1]  # the same decisions, question and contacts
        assert int(a.split()[-1].split(":")[0]) == int(b.split()[-1].split(":")[0]) + 1
    assert f"{len(verwacht)} case(s) decided otherwise" in _verschil(oud, nieuw)
