"""The rule base as a flowchart: Mermaid and Graphviz DOT, generated from the rules themselves.

The afwegingskader is drawn as the sources draw it: the questions (afwegingen) in order, each
reached from the answer of an earlier question that its ``voorwaarde`` names, and every rule as a
box labelled with its id and its conclusion, reached from the answers that make it fire. Every
condition is first brought into disjunctive normal form; each disjunct becomes one arrow, drawn
from the last question it reads (in the afwegingskader's order) and labelled with the answers it
needs there plus any other facts (signals, circumstances, the child). A condition that reads no
question starts at the signals of steps 1-3; a condition that reads another decision starts at
that decision, which is fed by the rules that conclude it.

A condition type this module does not know makes it raise ``TypeError`` naming the type: the
diagram never silently leaves a rule out.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Iterator

from attrs import frozen

from meldcode.domain.waarden import Beslispunt, Oordeel, Protocol, Vraag
from meldcode.rules.basis import regelbasis
from meldcode.rules.beslis import lees_protocol
from meldcode.rules.model import (
    Alle,
    Antwoord,
    Atoom,
    Beslist,
    Conditie,
    EenVan,
    ErIsSignaal,
    Geconsulteerd,
    KindLeeftijdTot,
    KindLeeftijdVanaf,
    KindOngeboren,
    Leeftijd,
    Niet,
    Omstandigheid,
    Regel,
    Regelbasis,
    SignaalVan,
    Vlag,
)
from meldcode.rules.versies import HUIDIG_PROTOCOL

__all__ = ["FORMATEN", "Diagram", "Knoop", "Pijl", "diagram", "dot", "mermaid", "teken"]

#: the text formats ``teken`` can draw a diagram in: Mermaid and Graphviz DOT
FORMATEN: tuple[str, ...] = ("mermaid", "dot")
START = "start"
_ORDE = {o: i for i, o in enumerate(Oordeel)}


@frozen
class Knoop:
    """A node: ``soort`` is ``start``, ``vraag``, ``regel`` or ``besluit``; ``label`` its lines."""

    id: str
    soort: str
    label: tuple[str, ...]


@frozen
class Pijl:
    """An arrow from one node to another, with the answers or facts it needs."""

    van: str
    naar: str
    label: str = ""
    gestippeld: bool = False


@frozen
class Diagram:
    """The flowchart of one protocol's rule base, independent of the output format."""

    protocol: Protocol
    knopen: tuple[Knoop, ...]
    pijlen: tuple[Pijl, ...]


# --- conditions in disjunctive normal form ---------------------------------------------------

_Atoom = Atoom  # the rule language's own list of leaf condition types
_Term = tuple[tuple[_Atoom, bool], ...]  # (atom, positive)


#: the leaf types the diagram names in words (others are drawn as their primitives)
_BEKEND: dict[type, bool] = {
    t: True
    for t in (
        Omstandigheid,
        ErIsSignaal,
        KindLeeftijdVanaf,
        KindLeeftijdTot,
        KindOngeboren,
        SignaalVan,
        Geconsulteerd,
        Vlag,
        Leeftijd,
    )
}


def _onbekend(c: object) -> TypeError:
    return TypeError(
        f"the diagram cannot draw a condition of type {type(c).__name__}: "
        "teach meldcode/adapters/diagram.py to render it"
    )


def _dnf(c: Conditie, positief: bool = True) -> list[_Term]:
    """The condition as a list of conjunctions of (atom, sign); Niet is pushed to the atoms."""
    if isinstance(c, Niet):
        return _dnf(c.deel, not positief)
    if isinstance(c, Alle | EenVan):
        conj = isinstance(c, Alle) == positief
        delen = [_dnf(d, positief) for d in c.delen]
        if not conj:
            return [t for d in delen for t in d]
        out: list[_Term] = [()]
        for d in delen:
            out = [a + b for a in out for b in d]
        return out
    if isinstance(c, Antwoord) and not positief:
        return [((Antwoord(c.vraag, frozenset(Oordeel) - c.waarden), True),)]
    if _BEKEND.get(type(c)) is not None or isinstance(c, Antwoord | Beslist):
        return [((c, positief),)]
    verlaag = getattr(c, "verlaag", None)
    if callable(verlaag):  # a leaf of a partner's own: drawn as its primitives
        return _dnf(verlaag(), positief)
    raise _onbekend(c)


def _tekst(atoom: _Atoom, positief: bool) -> str:
    """A short, readable rendering of one fact."""
    if isinstance(atoom, Antwoord):
        tekst = f"{atoom.vraag.value}: {_waarden(atoom.waarden)}"
    elif isinstance(atoom, Omstandigheid):
        tekst = atoom.naam.replace("_", " ")
    elif isinstance(atoom, ErIsSignaal):
        soorten = " of ".join(sorted(s.value.replace("_", " ") for s in atoom.soorten))
        kenmerk = atoom.kenmerk.replace("_", " ") if atoom.kenmerk else ""
        tekst = (
            "signaal: " + " + ".join(t for t in (soorten, kenmerk) if t)
            if (soorten or kenmerk)
            else "een signaal"
        )
    elif isinstance(atoom, KindLeeftijdVanaf):
        tekst = f"kind {atoom.jaren} jaar of ouder"
    elif isinstance(atoom, KindLeeftijdTot):
        tekst = f"kind jonger dan {atoom.jaren} jaar"
    elif isinstance(atoom, KindOngeboren):
        tekst = "kind ongeboren"
    elif isinstance(atoom, SignaalVan):
        tekst = "signaal van " + " of ".join(sorted(b.value for b in atoom.bronnen))
    elif isinstance(atoom, Geconsulteerd):
        tekst = f"geconsulteerd: {atoom.partij.value.replace('_', ' ')}"
    elif isinstance(atoom, Beslist):
        tekst = f"besluit {atoom.punt.value}"
    elif isinstance(atoom, Vlag):
        tekst = atoom.pad.replace("_", " ").replace(".", ": ", 1)
    elif isinstance(atoom, Leeftijd):
        delen = [f"{atoom.vanaf} jaar of ouder" if atoom.vanaf is not None else ""]
        delen.append(f"jonger dan {atoom.tot} jaar" if atoom.tot is not None else "")
        tekst = "kind " + " en ".join(d for d in delen if d)
    else:  # pragma: no cover - _dnf already rejected it
        raise _onbekend(atoom)
    return tekst if positief else f"niet {tekst}"


def _waarden(waarden: Iterable[Oordeel]) -> str:
    return " / ".join(o.value for o in sorted(waarden, key=_ORDE.__getitem__))


# --- building the graph ----------------------------------------------------------------------


def _id(prefix: str, naam: str) -> str:
    return f"{prefix}_{re.sub(r'[^A-Za-z0-9]', '_', naam)}"


def _vraag_id(v: Vraag) -> str:
    return _id("v", v.value)


def _regel_id(r: Regel) -> str:
    return _id("r", r.id)


def _besluit_id(p: Beslispunt) -> str:
    return _id("b", p.value)


def _conclusie(r: Regel) -> str:
    delen = [p.value for p in sorted(r.dan.beslissingen, key=lambda b: list(Beslispunt).index(b))]
    if r.dan.contacten:
        delen.append("contact: " + ", ".join(p.value for p in r.dan.contacten))
    if not delen:
        delen.append("vastleggen")
    tekst = " · ".join(delen)
    if r.tenzij:
        tekst += " (tenzij " + ", ".join(sorted(p.value for p in r.tenzij)) + ")"
    return tekst


def _route_eisen(basis: Regelbasis, vraag: Vraag) -> dict[Vraag, frozenset[Oordeel]]:
    """The answers every route to ``vraag`` requires (nothing when its voorwaarde branches)."""
    voorwaarde = basis.afweging(vraag).voorwaarde
    if voorwaarde is None:
        return {}
    termen = _dnf(voorwaarde)
    if len(termen) != 1:
        return {}
    eisen: dict[Vraag, frozenset[Oordeel]] = {}
    for a, positief in termen[0]:
        if isinstance(a, Antwoord) and positief:
            for q, w in [(a.vraag, a.waarden), *_route_eisen(basis, a.vraag).items()]:
                eisen[q] = eisen.get(q, frozenset(Oordeel)) & w
    return eisen


def _pijlen(basis: Regelbasis, conditie: Conditie | None, naar: str) -> Iterator[Pijl]:
    """One arrow per disjunct of ``conditie``, from where that disjunct is decided."""
    if conditie is None:
        yield Pijl(START, naar)
        return
    orde = {a.vraag: i for i, a in enumerate(basis.vragen)}
    gezien: set[tuple[str, str]] = set()
    for term in _dnf(conditie):
        vragen = [(a, s) for a, s in term if isinstance(a, Antwoord)]
        besluiten = [(a, s) for a, s in term if isinstance(a, Beslist) and s]
        if vragen:
            laatste = max(vragen, key=lambda x: orde[x[0].vraag])[0]
            van = _vraag_id(laatste.vraag)
            # the answers needed at the last question; earlier ones are implied by the route
            waarden = frozenset(Oordeel)
            for a, _s in vragen:
                if a.vraag is laatste.vraag:
                    waarden &= a.waarden
            # answers to earlier questions that reaching this one does not already guarantee
            route = _route_eisen(basis, laatste.vraag)
            eerder = [
                _tekst(a, True)
                for a, _s in vragen
                if a.vraag is not laatste.vraag
                and not route.get(a.vraag, frozenset(Oordeel)) <= a.waarden
            ]
            rest = [_tekst(a, s) for a, s in term if not isinstance(a, Antwoord)]
            label = " + ".join([_waarden(waarden) or "(geen antwoord)", *eerder, *rest])
        elif besluiten:
            van = _besluit_id(besluiten[0][0].punt)
            label = " + ".join(_tekst(a, s) for a, s in term if (a, s) != besluiten[0])
        else:
            van = START
            label = " + ".join(_tekst(a, s) for a, s in term)
        if (van, label) not in gezien:
            gezien.add((van, label))
            yield Pijl(van, naar, label)


def diagram(protocol: Protocol | str, *, basis: Regelbasis | None = None) -> Diagram:
    """The flowchart of the national rule base of ``protocol``, or of ``basis`` (a profile)."""
    if basis is None:
        basis = regelbasis(lees_protocol(protocol) or HUIDIG_PROTOCOL)
    knopen: list[Knoop] = [Knoop(START, "start", ("signalen in kaart", "stappen 1-3"))]
    pijlen: list[Pijl] = []
    for a in basis.vragen:
        knopen.append(Knoop(_vraag_id(a.vraag), "vraag", (f"{a.naam}: {a.vraag.value}", a.tekst)))
        pijlen.extend(_pijlen(basis, a.voorwaarde, _vraag_id(a.vraag)))
    gelezen = sorted(
        {p for r in basis.regels for p in r.afhankelijk_van}, key=list(Beslispunt).index
    )
    for r in basis.regels:
        knopen.append(Knoop(_regel_id(r), "regel", (r.id, _conclusie(r))))
        pijlen.extend(_pijlen(basis, r.als, _regel_id(r)))
    for p in gelezen:
        knopen.append(Knoop(_besluit_id(p), "besluit", (f"besluit: {p.value}",)))
        for r in basis.regels:
            if p in r.dan.beslissingen:
                pijlen.append(Pijl(_regel_id(r), _besluit_id(p), gestippeld=True))
        for r in basis.regels:
            if p in r.tenzij:
                pijlen.append(Pijl(_besluit_id(p), _regel_id(r), "tenzij", gestippeld=True))
    return Diagram(protocol=basis.protocol, knopen=tuple(knopen), pijlen=tuple(pijlen))


# --- output formats --------------------------------------------------------------------------

_MERMAID_VORM = {
    "start": ('(["', '"])'),
    "vraag": ('{{"', '"}}'),
    "regel": ('["', '"]'),
    "besluit": ('[["', '"]]'),
}
_DOT_VORM = {
    "start": "shape=oval",
    "vraag": "shape=hexagon",
    "regel": "shape=box, style=rounded",
    "besluit": "shape=box, style=dashed",
}


def _mermaid_tekst(tekst: str) -> str:
    return tekst.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def mermaid(d: Diagram) -> str:
    """The diagram as a Mermaid flowchart (top to bottom)."""
    regels = [f"%% meldcode rule base, protocol {d.protocol.value} (generated; do not edit)"]
    regels.append("flowchart TD")
    for k in d.knopen:
        open_, sluit = _MERMAID_VORM[k.soort]
        # plain text and line breaks only: Mermaid's default (strict) security level escapes
        # other HTML, which would show up as literal tags
        label = "<br/>".join(_mermaid_tekst(t) for t in k.label)
        regels.append(f"    {k.id}{open_}{label}{sluit}")
    for p in d.pijlen:
        pijl = "-.->" if p.gestippeld else "-->"
        label = f'|"{_mermaid_tekst(p.label)}"|' if p.label else ""
        regels.append(f"    {p.van} {pijl}{label} {p.naar}")
    return "\n".join(regels) + "\n"


def _regels(tekst: str) -> list[str]:
    return textwrap.wrap(tekst, 48, break_long_words=False, break_on_hyphens=False)


def _dot_tekst(tekst: str) -> str:
    return tekst.replace("\\", "\\\\").replace('"', '\\"')


def dot(d: Diagram) -> str:
    """The diagram as a Graphviz DOT digraph (render with ``dot -Tsvg``)."""
    regels = [
        f"// meldcode rule base, protocol {d.protocol.value} (generated; do not edit)",
        f'digraph "meldcode_{d.protocol.value}" {{',
        "    rankdir=TB;",
        '    node [fontname="Helvetica", fontsize=10];',
        '    edge [fontname="Helvetica", fontsize=9];',
    ]
    for k in d.knopen:
        label = "\\n".join(_dot_tekst(r) for t in k.label for r in _regels(t))
        regels.append(f'    {k.id} [{_DOT_VORM[k.soort]}, label="{label}"];')
    for p in d.pijlen:
        attrs = [f'label="{_dot_tekst(p.label)}"'] if p.label else []
        if p.gestippeld:
            attrs.append("style=dashed")
        suffix = f" [{', '.join(attrs)}]" if attrs else ""
        regels.append(f"    {p.van} -> {p.naar}{suffix};")
    regels.append("}")
    return "\n".join(regels) + "\n"


def teken(
    protocol: Protocol | str, formaat: str = "mermaid", *, basis: Regelbasis | None = None
) -> str:
    """The rule base of ``protocol`` (or ``basis``) as text in ``formaat``: mermaid or dot."""
    if formaat not in FORMATEN:
        raise ValueError(f"formaat must be one of {', '.join(FORMATEN)} (got {formaat!r})")
    d = diagram(protocol, basis=basis)
    return mermaid(d) if formaat == "mermaid" else dot(d)
