"""The decisions of a fixed set of cases, written down so that any change to one shows.

The set: every weging of each protocol (``tests.ruimte.wegingen``) on the base case, and every
named case variant (``tests.ruimte.benoemde_varianten``: one circumstance, signal or child
each) on a fixed sample of wegingen. One line per case: the protocol, the answers (one letter
a question, in the protocol's order: ``j`` ja, ``n`` nee, ``t`` twijfel, ``-`` open), the
variant's name, then the decision: a letter per ``Beslispunt`` taken (``.`` not taken), the
next question, the contacts in order, and the number and a digest of the rules that fired.

``tests/data/vastgelegde-besluiten.txt`` holds the lines of the released rule base; the test
beside this module compares. After a deliberate change of the rules, write the file again::

    .venv/bin/python -m tests.regressie.vastgelegd

and read its diff: every line that changes is a case decided otherwise. A changed decision is
contract behaviour: the changelog says so (under *Changed — decisions*) and the minor version
moves at least.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs

from meldcode import Beslispunt, Besluit, Oordeel, Protocol, beslis
from meldcode.rules.model import Regelbasis
from tests.ruimte import benoemde_varianten, vragen, wegingen

BESTAND = Path(__file__).parent.parent / "data" / "vastgelegde-besluiten.txt"
#: wegingen per protocol on which every variant is decided (all of them when there are fewer)
STEEKPROEF = 32
_SPREIDING = 2654435761
_LETTER = {None: "-", Oordeel.JA: "j", Oordeel.NEE: "n", Oordeel.TWIJFEL: "t"}
_KOP = f"""\
# The decisions of a fixed set of cases (see tests/regressie/vastgelegd.py).
# protocol, answers (in the protocol's order; j ja, n nee, t twijfel, - open), variant,
# decisions ({" ".join(f"{p.value[0].upper()}={p.value}" for p in Beslispunt)}; . not taken),
# next question, contacts, rules that fired (number:digest).
# Write again after a deliberate change: .venv/bin/python -m tests.regressie.vastgelegd
"""


def samenvatting(besluit: Besluit) -> str:
    """One decision as the part of a line after the case."""
    genomen = "".join(p.value[0].upper() if besluit.beslist(p) else "." for p in Beslispunt)
    volgende = "-" if besluit.volgende_vraag is None else besluit.volgende_vraag.value
    contacten = ",".join(p.value for p in besluit.contacten) or "-"
    regels = ",".join(sorted(g.regel for g in besluit.gronden))
    digest = hashlib.sha256(regels.encode()).hexdigest()[:8]
    return f"{genomen} {volgende} {contacten} {len(besluit.gronden)}:{digest}"


def regels(basis: dict[Protocol, Regelbasis] | None = None) -> Iterator[str]:
    """The lines of the fixed set, decided by the national rule bases or by ``basis``."""
    gevallen = benoemde_varianten()
    for protocol in (Protocol.P2013, Protocol.P2019):
        eigen = None if basis is None else basis.get(protocol)
        qs = vragen(protocol)
        alle = list(wegingen(protocol))
        # spread over the space by a fixed odd multiplier (a bijection modulo a power of
        # four): the same sample on every Python, and all of them when there are fewer
        gekozen = {k * _SPREIDING % len(alle) for k in range(min(STEEKPROEF, len(alle)))}
        for i, weging in enumerate(alle):
            antwoorden = "".join(_LETTER[getattr(weging, q.value)] for q in qs)
            for v, (naam, variant) in enumerate(gevallen):
                if v and i not in gekozen:
                    continue
                casus = attrs.evolve(variant, weging=weging)
                besluit = beslis(casus, protocol, basis=eigen)
                yield f"{protocol.value} {antwoorden} {naam} {samenvatting(besluit)}"


def tekst() -> str:
    """The whole file as it should read now."""
    return _KOP + "".join(f"{r}\n" for r in regels())


def main() -> int:
    """Write ``BESTAND`` anew; print how many lines changed."""
    oud = BESTAND.read_text(encoding="utf-8") if BESTAND.exists() else ""
    nieuw = tekst()
    BESTAND.write_text(nieuw, encoding="utf-8")
    veranderd = len(set(nieuw.splitlines()) ^ set(oud.splitlines()))
    print(f"{BESTAND}: {len(nieuw.splitlines())} lines, {veranderd} lines differ from before")
    return 0


if __name__ == "__main__":
    sys.exit(main())
