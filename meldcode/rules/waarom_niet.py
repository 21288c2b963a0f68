"""Why not: the smallest changes of answers or facts that would have changed a decision.

For a decision of a ``Besluit`` that was not taken, ``waarom_niet`` lists every *minimal* change
of the case that would have taken it, each with the rules that would then conclude it; for a
decision that was taken, the minimal changes that would undo it, each with the rules that would
lapse. The search is exhaustive over a finite space derived from the rule base itself:

- the answer to every question of the weging: ``ja``, ``nee``, ``twijfel`` or unanswered;
- every fact a rule reads (``Omstandigheid``, ``ErIsSignaal``, ``SignaalVan``, ``Geconsulteerd``,
  ``KindOngeboren``), made true or false;
- the child's age, as the classes of ages the rule base's thresholds tell apart (and unknown).

Only the answers and facts the decision depends on are varied: those read by the rules that
conclude it, by the rules concluding the decisions they build on or are overruled by
(``tenzij``), and by the ``voorwaarde`` of the questions they read. A change is a set of such
edits, at most one per answer or fact; it is *minimal* when no proper subset of it changes the
decision as well. Each change is checked with ``beslis`` itself, so a suggestion never claims
what the engine would not decide.

A fact is made true by adding one signal (or consultation) with exactly the properties the rule
base reads and no more; it is made false by clearing the flag (``levensgevaar``, ...) or the
``bron`` of the signals that have it, or by leaving out the signals of that kind (or the
consultations with that party). Pure and deterministic: the same case and rule base always give
the same suggestions in the same order.
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeAlias

import attrs
from attrs import frozen

from meldcode.domain._validatie import toon
from meldcode.domain.besluit import Besluit, Grond
from meldcode.domain.casus import MAX_LEEFTIJD, Casus, Consultatie, Kind, Signaal
from meldcode.domain.waarden import Beslispunt, Oordeel, Protocol, SignaalBron, SoortSignaal, Vraag
from meldcode.errors import Fout, OngeldigeInvoer
from meldcode.rules.beslis import beslis, kies_regelbasis
from meldcode.rules.model import (
    Alle,
    Antwoord,
    Beslist,
    Conditie,
    EenVan,
    ErIsSignaal,
    Geconsulteerd,
    KindLeeftijdTot,
    KindLeeftijdVanaf,
    KindOngeboren,
    Niet,
    Omstandigheid,
    Regelbasis,
    SignaalVan,
)
from meldcode.rules.uitleg import (
    BESLISPUNT_LABELS,
    BRON_LABELS,
    KENMERK_LABELS,
    OMSTANDIGHEID_LABELS,
    OORDEEL_LABELS,
    SOORT_LABELS,
    partij_label,
)

__all__ = [
    "MAX_WIJZIGINGEN",
    "Afhankelijkheden",
    "Alternatief",
    "AntwoordWijziging",
    "Feit",
    "FeitWijziging",
    "LeeftijdWijziging",
    "WaaromNiet",
    "Wijziging",
    "afhankelijkheden",
    "beschrijf",
    "kandidaten",
    "pas_toe",
    "uitleg_waarom_niet",
    "waarom_niet",
]

#: the default bound on the size of a change (answers and facts changed together)
MAX_WIJZIGINGEN = 3
_MAX_GRENS = 5  # beyond this the exhaustive search is too slow to be useful

Feit: TypeAlias = Omstandigheid | ErIsSignaal | SignaalVan | Geconsulteerd | KindOngeboren
"""A two-valued fact of a case that a rule can read (the child's age has classes of its own)."""

_FEITEN = (Omstandigheid, ErIsSignaal, SignaalVan, Geconsulteerd, KindOngeboren)
_ANTWOORDEN: tuple[Oordeel | None, ...] = (Oordeel.JA, Oordeel.NEE, Oordeel.TWIJFEL, None)


# --- the edits ---------------------------------------------------------------------------------


@frozen
class AntwoordWijziging:
    """Answer ``vraag`` with ``naar`` (``None``: leave it unanswered) instead of ``van``."""

    vraag: Vraag
    van: Oordeel | None
    naar: Oordeel | None


@frozen
class FeitWijziging:
    """Make ``feit`` true (``waar``) or false; the case has the other value."""

    feit: Feit
    waar: bool


@frozen
class LeeftijdWijziging:
    """Give the child an age from ``vanaf`` up to (not including) ``tot`` instead of ``van``.

    ``vanaf`` ``None``: the age unknown. ``tot`` ``None``: no upper bound. The ages in one class
    are the ages the rule base cannot tell apart; the change gives the child the age ``vanaf``.
    """

    van: int | None
    vanaf: int | None
    tot: int | None


Wijziging: TypeAlias = AntwoordWijziging | FeitWijziging | LeeftijdWijziging
"""One edit of a case: one answer, one fact or the child's age."""


@frozen(kw_only=True)
class Alternatief:
    """A minimal change that would change the decision, and the rules it turns on or off.

    ``gronden``: for a decision that is not taken, the rules that would then conclude it; for a
    decision that is taken, the rules concluding it now that would then no longer fire.
    """

    wijzigingen: tuple[Wijziging, ...]
    gronden: tuple[Grond, ...]


@frozen(kw_only=True)
class WaaromNiet:
    """Why a decision is (not) taken: the minimal changes that would have changed it.

    ``genomen`` is the decision's value now; ``regels`` the ids of the rules of the rule base
    that can conclude it (none: no change of the case can take it); ``alternatieven`` every
    minimal change of at most ``max_wijzigingen`` answers or facts, smallest first. Empty with
    ``regels`` present: no change that small would do.
    """

    beslissing: Beslispunt
    genomen: bool
    regels: tuple[str, ...]
    alternatieven: tuple[Alternatief, ...]
    max_wijzigingen: int


# --- reading and changing the facts of a case -------------------------------------------------


def _signaal_past(feit: ErIsSignaal | SignaalVan, s: Signaal) -> bool:
    if isinstance(feit, SignaalVan):
        return s.bron in feit.bronnen
    if feit.soorten and s.soort not in feit.soorten:
        return False
    return feit.kenmerk is None or bool(getattr(s, feit.kenmerk))


def _feit_waar(feit: Feit, casus: Casus) -> bool:
    if isinstance(feit, Omstandigheid):
        return bool(getattr(casus.omstandigheden, feit.naam))
    if isinstance(feit, ErIsSignaal | SignaalVan):
        return any(_signaal_past(feit, s) for s in casus.signalen)
    if isinstance(feit, Geconsulteerd):
        return any(k.met is feit.partij for k in casus.consultaties)
    return casus.kind.ongeboren


def _atomen(c: Conditie) -> Iterator[Conditie]:
    if isinstance(c, Alle | EenVan):
        for deel in c.delen:
            yield from _atomen(deel)
    elif isinstance(c, Niet):
        yield from _atomen(c.deel)
    else:
        yield c


@frozen
class _Ruimte:
    """What a rule base reads: its facts, its age thresholds, and a witness per signal fact."""

    feiten: tuple[Feit, ...]
    drempels: tuple[int, ...]
    #: for each signal fact, the signal that makes it true and as few other facts as possible
    getuigen: tuple[tuple[Feit, Signaal], ...]


def _ruimte(basis: Regelbasis) -> _Ruimte:
    feiten: dict[Feit, None] = {}
    drempels: set[int] = set()
    for regel in basis.regels:
        for a in _atomen(regel.als):
            if isinstance(a, _FEITEN):
                feiten.setdefault(a)
            elif isinstance(a, KindLeeftijdVanaf | KindLeeftijdTot):
                drempels.add(a.jaren)
    signaalfeiten = [f for f in feiten if isinstance(f, ErIsSignaal | SignaalVan)]
    return _Ruimte(
        feiten=tuple(feiten),
        drempels=tuple(sorted(d for d in drempels if 0 < d <= MAX_LEEFTIJD)),
        getuigen=tuple((f, _getuige(f, signaalfeiten)) for f in signaalfeiten),
    )


def _klassen(waarden: Sequence[object], sets: Iterable[frozenset[object]]) -> list[object]:
    """One representative (the first) of each class of ``waarden`` that ``sets`` tell apart."""
    sets = list(sets)
    gezien: dict[tuple[bool, ...], object] = {}
    for w in waarden:
        gezien.setdefault(tuple(w in s for s in sets), w)
    return list(gezien.values())


def _getuige(feit: ErIsSignaal | SignaalVan, alle: Sequence[ErIsSignaal | SignaalVan]) -> Signaal:
    """The signal that makes ``feit`` true together with the fewest other signal facts."""
    soorten = _klassen(
        list(SoortSignaal), (a.soorten for a in alle if isinstance(a, ErIsSignaal) and a.soorten)
    )
    bronnen = _klassen(
        [None, *SignaalBron], (frozenset(a.bronnen) for a in alle if isinstance(a, SignaalVan))
    )
    kenmerken = sorted({a.kenmerk for a in alle if isinstance(a, ErIsSignaal) and a.kenmerk})
    beste: tuple[int, int, Signaal] | None = None
    volgnummer = 0
    for soort in soorten:
        for bron in bronnen:
            for n in range(len(kenmerken) + 1):
                for gezet in itertools.combinations(kenmerken, n):
                    velden: dict[str, Any] = {"soort": soort, "bron": bron}
                    velden.update(dict.fromkeys(gezet, True))
                    s = Signaal(**velden)
                    volgnummer += 1
                    if not _signaal_past(feit, s):
                        continue
                    grootte = sum(_signaal_past(a, s) for a in alle)
                    if beste is None or grootte < beste[0]:
                        beste = (grootte, volgnummer, s)
    assert beste is not None, "every signal fact has a signal that makes it true"
    return beste[2]


def _zonder(feit: ErIsSignaal | SignaalVan, s: Signaal) -> Signaal | None:
    """``s`` changed as little as possible so that it no longer shows ``feit`` (``None``: gone)."""
    if not _signaal_past(feit, s):
        return s
    if isinstance(feit, SignaalVan):
        return attrs.evolve(s, bron=None)
    if feit.kenmerk is not None:
        uit: dict[str, Any] = {feit.kenmerk: False}
        return attrs.evolve(s, **uit)
    return None


def _klasse(leeftijd: int | None, drempels: Sequence[int]) -> tuple[int | None, int | None]:
    if leeftijd is None:
        return (None, None)
    vanaf, tot = 0, None
    for d in drempels:
        if leeftijd >= d:
            vanaf = d
        else:
            tot = d
            break
    return (vanaf, tot)


def _leeftijdsklassen(drempels: Sequence[int]) -> list[tuple[int | None, int | None]]:
    grenzen = [0, *drempels]
    klassen: list[tuple[int | None, int | None]] = [
        (a, b) for a, b in zip(grenzen, [*drempels, None], strict=True) if b is None or a < b
    ]
    return [*klassen, (None, None)]


def pas_toe(casus: Casus, wijzigingen: Iterable[Wijziging], basis: Regelbasis) -> Casus:
    """The case with ``wijzigingen`` made, as ``waarom_niet`` makes them; pure.

    ``OngeldigeInvoer`` when two edits contradict each other (one leaves out what the other
    adds), so that the result does not show every edit.
    """
    wijzigingen = tuple(wijzigingen)
    nieuw = _pas_toe(casus, wijzigingen, _ruimte(basis))
    if nieuw is None:
        raise OngeldigeInvoer(
            [
                Fout(
                    "wijzigingen",
                    "; ".join(beschrijf(w, basis) for w in wijzigingen),
                    "the changes contradict each other",
                )
            ]
        )
    return nieuw


def _pas_toe(casus: Casus, wijzigingen: tuple[Wijziging, ...], ruimte: _Ruimte) -> Casus | None:
    """``pas_toe``; ``None`` when the edits contradict each other."""
    weging = casus.weging
    omstandigheden = casus.omstandigheden
    kind = casus.kind
    signalen: list[Signaal] = list(casus.signalen)
    consultaties: list[Consultatie] = list(casus.consultaties)
    getuigen = dict(ruimte.getuigen)
    erbij: list[Signaal] = []
    for w in wijzigingen:
        if isinstance(w, AntwoordWijziging):
            weging = attrs.evolve(weging, **{w.vraag.value: w.naar})
        elif isinstance(w, LeeftijdWijziging):
            kind = attrs.evolve(kind, leeftijd=w.vanaf)
        else:
            feit = w.feit
            if isinstance(feit, Omstandigheid):
                omstandigheden = attrs.evolve(omstandigheden, **{feit.naam: w.waar})
            elif isinstance(feit, KindOngeboren):
                kind = attrs.evolve(kind, ongeboren=w.waar)
            elif isinstance(feit, Geconsulteerd):
                if w.waar:
                    consultaties.append(Consultatie(met=feit.partij))
                else:
                    consultaties = [k for k in consultaties if k.met is not feit.partij]
            elif w.waar:
                erbij.append(getuigen.get(feit) or _getuige(feit, [feit]))
            else:
                signalen = [z for s in signalen if (z := _zonder(feit, s)) is not None]
    nieuw = attrs.evolve(
        casus,
        weging=weging,
        omstandigheden=omstandigheden,
        kind=kind,
        signalen=(*signalen, *erbij),
        consultaties=tuple(consultaties),
    )
    for w in wijzigingen:
        if isinstance(w, FeitWijziging) and _feit_waar(w.feit, nieuw) is not w.waar:
            return None
    return nieuw


# --- which answers and facts a decision depends on ---------------------------------------------


@frozen(kw_only=True)
class Afhankelijkheden:
    """What one decision depends on: questions, facts and (``leeftijd``) the child's age."""

    vragen: frozenset[Vraag]
    feiten: frozenset[Feit]
    leeftijd: bool


def afhankelijkheden(basis: Regelbasis, punt: Beslispunt) -> Afhankelijkheden:
    """The answers and facts ``punt`` depends on in ``basis`` (the space ``waarom_niet`` varies).

    Those read by the rules concluding ``punt``, by the rules concluding the decisions these
    read or are overruled by (``tenzij``), and by the ``voorwaarde`` of every question read.
    """
    vragen, feiten, leeftijd = _invloed(basis, punt)
    return Afhankelijkheden(vragen=frozenset(vragen), feiten=frozenset(feiten), leeftijd=leeftijd)


def _invloed(basis: Regelbasis, punt: Beslispunt) -> tuple[set[Vraag], set[Feit], bool]:
    """The questions, facts and whether the age are read on the way to ``punt``."""
    vragen: set[Vraag] = set()
    feiten: set[Feit] = set()
    leeftijd = False
    punten = {punt}
    todo = [punt]
    while todo:
        p = todo.pop()
        for regel in basis.regels:
            if p not in regel.dan.beslissingen:
                continue
            for a in _atomen(regel.als):
                if isinstance(a, Antwoord):
                    vragen.add(a.vraag)
                elif isinstance(a, Beslist):
                    if a.punt not in punten:
                        punten.add(a.punt)
                        todo.append(a.punt)
                elif isinstance(a, KindLeeftijdVanaf | KindLeeftijdTot):
                    leeftijd = True
                elif isinstance(a, _FEITEN):
                    feiten.add(a)
            for q in regel.tenzij - punten:
                punten.add(q)
                todo.append(q)
    # a question's reach depends on the answers its voorwaarde reads
    todo_vragen = list(vragen)
    while todo_vragen:
        v = todo_vragen.pop()
        voorwaarde = basis.afweging(v).voorwaarde
        if voorwaarde is None:
            continue
        for a in _atomen(voorwaarde):
            if isinstance(a, Antwoord) and a.vraag not in vragen:
                vragen.add(a.vraag)
                todo_vragen.append(a.vraag)
    return vragen, feiten, leeftijd


def kandidaten(casus: Casus, basis: Regelbasis, punt: Beslispunt) -> tuple[Wijziging, ...]:
    """Every single edit ``waarom_niet`` combines for ``punt``, in its order.

    Each other answer (``ja``, ``nee``, ``twijfel``, unanswered) to each question ``punt``
    depends on, each fact it depends on made the opposite of what it is, and each other class
    of the child's age.
    """
    return tuple(w for _, w in _kandidaten(casus, basis, _ruimte(basis), punt))


def _kandidaten(
    casus: Casus, basis: Regelbasis, ruimte: _Ruimte, punt: Beslispunt
) -> list[tuple[object, Wijziging]]:
    """Every single edit of what ``punt`` depends on, with the answer or fact it edits."""
    vragen, feiten, leeftijd = _invloed(basis, punt)
    uit: list[tuple[object, Wijziging]] = []
    for afweging in basis.vragen:
        if afweging.vraag not in vragen:
            continue
        nu = casus.weging.antwoord(afweging.vraag)
        for naar in _ANTWOORDEN:
            if naar is not nu:
                uit.append((afweging.vraag, AntwoordWijziging(afweging.vraag, nu, naar)))
    for feit in ruimte.feiten:
        if feit in feiten:
            uit.append((feit, FeitWijziging(feit, not _feit_waar(feit, casus))))
    if leeftijd:
        nu_klasse = _klasse(casus.kind.leeftijd, ruimte.drempels)
        for vanaf, tot in _leeftijdsklassen(ruimte.drempels):
            if (vanaf, tot) != nu_klasse:
                uit.append((Kind, LeeftijdWijziging(casus.kind.leeftijd, vanaf, tot)))
    return uit


# --- the search ---------------------------------------------------------------------------------


def _lees_punt(punt: Beslispunt | str) -> Beslispunt:
    if isinstance(punt, Beslispunt):
        return punt
    try:
        return Beslispunt(punt)
    except ValueError:
        toegestaan = ", ".join(p.value for p in Beslispunt)
        shown = toon(punt)  # a key (``'meldn'``) as typed; a name or a number by its type
        raise OngeldigeInvoer(
            [Fout("beslissing", shown, f"beslissing must be one of {toegestaan} (got {shown})")]
        ) from None


def waarom_niet(
    casus: Casus,
    protocol: Protocol | str | None = None,
    *,
    basis: Regelbasis | None = None,
    beslissingen: Iterable[Beslispunt | str] | None = None,
    max_wijzigingen: int = MAX_WIJZIGINGEN,
) -> tuple[WaaromNiet, ...]:
    """Why (not): for each decision, every minimal change of the case that would change it.

    ``beslissingen`` defaults to the decisions the case does *not* get; name a decision that it
    does get to see what would undo it. ``protocol`` and ``basis`` choose the rule base as for
    ``beslis``. Changes of at most ``max_wijzigingen`` answers or facts are searched, all of
    them (see the module's docstring for the space); each is checked with ``beslis``.
    """
    grens: object = max_wijzigingen
    if type(grens) is not int or not 1 <= grens <= _MAX_GRENS:
        shown = repr(grens)[:20]
        raise OngeldigeInvoer(
            [Fout("max_wijzigingen", shown, f"max_wijzigingen must be 1 to {_MAX_GRENS}")]
        )
    gekozen = kies_regelbasis(casus, protocol, basis=basis)
    besluit = beslis(casus, gekozen.protocol, basis=gekozen)
    if beslissingen is None:
        punten = [p for p in Beslispunt if not besluit.beslist(p)]
    else:
        punten = list(dict.fromkeys(_lees_punt(p) for p in beslissingen))
    ruimte = _ruimte(gekozen)
    gezien: dict[frozenset[Wijziging], Besluit | None] = {}
    return tuple(
        _waarom(casus, gekozen, besluit, ruimte, punt, max_wijzigingen, gezien) for punt in punten
    )


def _waarom(
    casus: Casus,
    basis: Regelbasis,
    besluit: Besluit,
    ruimte: _Ruimte,
    punt: Beslispunt,
    max_wijzigingen: int,
    gezien: dict[frozenset[Wijziging], Besluit | None],
) -> WaaromNiet:
    genomen = besluit.beslist(punt)
    regels = tuple(r.id for r in basis.regels if punt in r.dan.beslissingen)
    if not regels:
        return WaaromNiet(
            beslissing=punt,
            genomen=genomen,
            regels=(),
            alternatieven=(),
            max_wijzigingen=max_wijzigingen,
        )
    kandidaten = _kandidaten(casus, basis, ruimte, punt)
    oplossingen: list[tuple[frozenset[int], Besluit]] = []
    for grootte in range(1, max_wijzigingen + 1):
        for combinatie in itertools.combinations(range(len(kandidaten)), grootte):
            if len({kandidaten[i][0] for i in combinatie}) < grootte:
                continue  # two edits of the same answer or fact
            als_set = frozenset(combinatie)
            if any(o <= als_set for o, _ in oplossingen):
                continue  # a part of it already changes the decision: not minimal
            wijzigingen = tuple(kandidaten[i][1] for i in combinatie)
            sleutel = frozenset(wijzigingen)
            if sleutel not in gezien:
                nieuw = _pas_toe(casus, wijzigingen, ruimte)
                gezien[sleutel] = (
                    None if nieuw is None else beslis(nieuw, basis.protocol, basis=basis)
                )
            anders = gezien[sleutel]
            if anders is not None and anders.beslist(punt) is not genomen:
                oplossingen.append((als_set, anders))
    alternatieven = []
    for als_set, anders in oplossingen:
        wijzigingen = tuple(kandidaten[i][1] for i in sorted(als_set))
        if genomen:
            nog = {g.regel for g in anders.gronden}
            gronden = tuple(g for g in besluit.gronden if g.regel in regels and g.regel not in nog)
        else:
            gronden = tuple(g for g in anders.gronden if g.regel in regels)
        alternatieven.append(Alternatief(wijzigingen=wijzigingen, gronden=gronden))
    return WaaromNiet(
        beslissing=punt,
        genomen=genomen,
        regels=regels,
        alternatieven=tuple(alternatieven),
        max_wijzigingen=max_wijzigingen,
    )


# --- in words --------------------------------------------------------------------------------


def _of(delen: Sequence[str]) -> str:
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " of " + delen[-1]


def _signaal_tekst(feit: ErIsSignaal | SignaalVan, lidwoord: str) -> str:
    if isinstance(feit, SignaalVan):
        bronnen = [BRON_LABELS[b] for b in SignaalBron if b in feit.bronnen]
        return f"{lidwoord} signaal waarvan de informatie komt van {_of(bronnen)}"
    tekst = f"{lidwoord} signaal"
    if feit.soorten:
        tekst += " van " + _of([SOORT_LABELS[s] for s in SoortSignaal if s in feit.soorten])
    if feit.kenmerk is not None:
        tekst += " met " + KENMERK_LABELS.get(feit.kenmerk, feit.kenmerk)
    return tekst


def _oordeel(o: Oordeel | None) -> str:
    return "onbeantwoord" if o is None else f"‘{OORDEEL_LABELS[o]}’"


def _leeftijd(vanaf: int | None, tot: int | None) -> str:
    if vanaf is None:
        return "leeftijd onbekend"
    if tot is None:
        return f"{vanaf} jaar of ouder"
    if tot == vanaf + 1:
        return f"{vanaf} jaar"
    return f"{vanaf} tot {tot} jaar"


def beschrijf(wijziging: Wijziging, basis: Regelbasis) -> str:
    """One edit in Dutch, for professionals (``basis`` gives the questions' own words)."""
    if isinstance(wijziging, AntwoordWijziging):
        afweging = basis.afweging(wijziging.vraag)
        return (
            f"{afweging.naam} — {afweging.tekst} {_oordeel(wijziging.naar)} "
            f"(nu {_oordeel(wijziging.van)})"
        )
    if isinstance(wijziging, LeeftijdWijziging):
        nu = "onbekend" if wijziging.van is None else f"{wijziging.van} jaar"
        return f"het kind: {_leeftijd(wijziging.vanaf, wijziging.tot)} (nu {nu})"
    feit, waar = wijziging.feit, wijziging.waar
    if isinstance(feit, Omstandigheid):
        label = OMSTANDIGHEID_LABELS.get(feit.naam, feit.naam)
        return f"wel: {label} (nu niet)" if waar else f"niet: {label} (nu wel)"
    if isinstance(feit, KindOngeboren):
        return "het kind is nog ongeboren" if waar else "het kind is geboren"
    if isinstance(feit, Geconsulteerd):
        wie = partij_label(feit.partij, basis.protocol)
        return (
            f"er is overlegd met {wie} (nu niet)"
            if waar
            else f"er is niet overlegd met {wie} (nu wel)"
        )
    if waar:
        return f"er is {_signaal_tekst(feit, 'een')} (nu niet)"
    return f"er is {_signaal_tekst(feit, 'geen')} (nu wel)"


def uitleg_waarom_niet(resultaten: Iterable[WaaromNiet], basis: Regelbasis) -> str:
    """``waarom_niet``'s answer as Dutch text: per decision, each change and its rules."""
    regels: list[str] = []
    for w in resultaten:
        label = BESLISPUNT_LABELS[w.beslissing]
        if w.genomen:
            regels.append(f"{label}: ja. Wat dit besluit ongedaan zou maken:")
        else:
            regels.append(f"{label}: nee. Waarom niet — wat dit besluit wel zou geven:")
        if not w.regels:
            regels.append("  Geen regel van deze regelbasis neemt dit besluit.")
        elif not w.alternatieven:
            regels.append(
                f"  Geen wijziging van hooguit {w.max_wijzigingen} antwoorden of feiten "
                "verandert dit besluit."
            )
        for i, alt in enumerate(w.alternatieven, start=1):
            regels.append(f"  {i}. Als:")
            for wijziging in alt.wijzigingen:
                regels.extend(
                    textwrap.wrap(
                        f"- {beschrijf(wijziging, basis)}",
                        92,
                        initial_indent="     ",
                        subsequent_indent="       ",
                    )
                )
            werkwoord = "vervalt" if w.genomen else "geldt"
            for g in alt.gronden:
                regels.extend(
                    textwrap.wrap(
                        f"dan {werkwoord}: {g.regel} ({g.bron})",
                        92,
                        initial_indent="     ",
                        subsequent_indent="       ",
                    )
                )
                regels.extend(
                    textwrap.wrap(
                        f"“{g.citaat}”", 92, initial_indent="       ", subsequent_indent="        "
                    )
                )
        regels.append("")
    return "\n".join(regels)
