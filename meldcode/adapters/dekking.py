"""The coverage table ``docs/coverage.md``, rendered from the passages kept with the rules.

The passages (quoted by rules and dossier checks, encoded besides, or left out with a reason) are
``meldcode.rules.dekking``; this module adds the rules of the shipped profiles, which it reads
from their files, and writes the markdown.
"""

from __future__ import annotations

from collections.abc import Iterable

from meldcode.adapters.profiel import beschikbare_profielen, laad_profiel
from meldcode.rules.basis import LANDELIJK
from meldcode.rules.dekking import (
    AANVULLEND,
    BRONNAMEN,
    DOSSIERCONTROLES,
    WEGGELATEN,
    Passage,
)
from meldcode.rules.dekking import passages as _passages
from meldcode.rules.model import Regel
from meldcode.rules.registratie import REGISTRATIES
from meldcode.rules.routes import SCHAKELAARS

__all__ = [
    "AANVULLEND",
    "DOSSIERCONTROLES",
    "WEGGELATEN",
    "Passage",
    "alle_regels",
    "dekking_markdown",
    "passages",
]


def alle_regels() -> tuple[Regel, ...]:
    """Every rule the coverage table accounts for: national, switches, shipped profiles."""
    regels: dict[str, Regel] = {r.id: r for r in LANDELIJK}
    for r in SCHAKELAARS.values():
        regels.setdefault(r.id, r)
    for naam in beschikbare_profielen():
        for r in laad_profiel(naam).regels:
            regels.setdefault(r.id, r)
    return tuple(regels.values())


def passages() -> tuple[Passage, ...]:
    """Every row of the table: the quoted passages of all rules and checks, then the others."""
    return _passages(alle_regels(), REGISTRATIES)


def _cel(tekst: str) -> str:
    return tekst.replace("|", "\\|").replace("\n", " ")


def _rijen(rijen: Iterable[Passage]) -> list[str]:
    out = [
        "| section | instruction (verbatim) | rules and checks | left out because |",
        "|---|---|---|---|",
    ]
    for p in rijen:
        regels = "<br>".join(f"`{i}`" for i in p.regels) if p.regels else "—"
        out.append(f"| {_cel(p.sectie)} | {_cel(p.citaat)} | {regels} | {_cel(p.reden)} |")
    return out


def dekking_markdown() -> str:
    """The text of ``docs/coverage.md``."""
    rijen = passages()
    regels = alle_regels()
    gedekt = [p for p in rijen if p.regels]
    controles = {r.id for r in REGISTRATIES}
    door_regels = sum(1 for p in gedekt if set(p.regels) - controles)
    alleen_dossier = len(gedekt) - door_regels
    lines = [
        "# Coverage of the sources",
        "",
        "<!-- generated from meldcode.rules.dekking; do not edit by hand -->",
        "",
        "Every instruction of the five sources that tells a professional what to do, with the ids",
        "of the rules that encode it, or the reason it is deliberately left out. Rules of the",
        "shipped profiles (`vcog`, `fedra`, `perspectief`) and of profile switches are included.",
        "An instruction about what a dossier must record counts as encoded when a record-keeping",
        "check of the dossier (`meldcode controleer`, ids `registratie.*`) checks it. A test fails",
        "when this file is stale, when a rule or check quotes a passage that is not listed, or",
        "when a row names a rule or check that does not exist.",
        "",
        f"{len(rijen)} instructions: {len(gedekt)} encoded ({door_regels} by {len(regels)} "
        f"rules, {alleen_dossier} only by {len(REGISTRATIES)} dossier checks), "
        f"{len(rijen) - len(gedekt)} left out with a reason.",
    ]
    for bestand, naam in sorted(BRONNAMEN.items()):
        lines += ["", f"## `{bestand}` — {naam}", ""]
        lines += _rijen(p for p in rijen if p.bestand == bestand)
    return "\n".join(lines) + "\n"
