"""Hypothesis strategies for every meldcode domain type, and for whole cases.

Use them in your own property tests::

    from hypothesis import given
    from meldcode import beslis
    from meldcode.testing.strategies import casussen

    @given(casussen(protocol="2019", volledig=True))
    def test_our_system_reports_whenever_meldcode_does(casus):
        assert beslis(casus).melden <= our_system(casus).reports

Every strategy generates *valid* domain objects (they pass the attrs validators) built only from
synthetic data: pseudonymous references, no names. ``volledig=True`` answers every question the
afwegingskader reaches along the route of the drawn answers, and leaves the questions it passes by
unanswered, so the decision is complete (``besluit.volgende_vraag is None``).

Every name here is a *function* that returns a strategy (``casussen()``, ``datums("2019")``);
``meldcode.testing.dossier`` differs: its event strategies are ready-made strategy objects.

Bad arguments raise ``meldcode.OngeldigeInvoer`` naming the argument when the strategy is made,
not when Hypothesis draws from it: a ``protocol`` that is neither a ``Protocol``, ``"2013"``,
``"2019"`` nor ``None``; a ``max_signalen`` or ``max_consultaties`` that is not a whole number
of 0 or more; a ``kind``, ``omstandigheden`` or ``soorten`` that is not a strategy.

Requires Hypothesis (``pip install meldcode[testing]``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs
from hypothesis import strategies as st

from meldcode.domain.besluit import Besluit, Grond
from meldcode.domain.casus import (
    MAX_LEEFTIJD,
    Casus,
    Consultatie,
    Kind,
    Omstandigheden,
    Signaal,
    Weging,
)
from meldcode.domain.waarden import (
    Beslispunt,
    Oordeel,
    Partij,
    Protocol,
    SignaalBron,
    SoortSignaal,
    Vraag,
)
from meldcode.errors import Fout, OngeldigeInvoer
from meldcode.rules.basis import regelbasis
from meldcode.rules.beslis import lees_protocol
from meldcode.rules.referentie import evalueer
from meldcode.rules.regels import REGELS, VRAGEN
from meldcode.rules.versies import PROTOCOLLEN

__all__ = [
    "ERA",
    "besluiten",
    "casussen",
    "consultaties",
    "datums",
    "gronden",
    "kinderen",
    "omstandigheden",
    "oordelen",
    "partijen",
    "protocollen",
    "referenties",
    "signaalbronnen",
    "signalen",
    "soorten_signaal",
    "vragen",
    "wegingen",
]

#: the dates each protocol governed: 2013 from its introduction (1 July 2013) to the afwegingskader
#: (read-only: a test cannot widen an era for the tests after it)
ERA: Mapping[Protocol, tuple[dt.date, dt.date]] = MappingProxyType(
    {
        Protocol.P2013: (dt.date(2013, 7, 1), dt.date(2018, 12, 31)),
        Protocol.P2019: (dt.date(2019, 1, 1), dt.date(2030, 12, 31)),
    }
)

# synthetic, deliberately generic descriptions (a real description may describe a child)
_OMSCHRIJVINGEN = (
    "",
    "blauwe plekken op beide bovenarmen",
    "komt vaak zonder ontbijt naar school",
    "vertelt over ruzie thuis",
    "trekt zich terug in de klas",
    "verzuimt regelmatig zonder bericht",
    "zegt bang te zijn om naar huis te gaan",
)


def _protocol(protocol: Protocol | str | None) -> Protocol | None:
    """``protocol`` read as every entry point reads it; ``OngeldigeInvoer`` names ``protocol``."""
    return lees_protocol(protocol)


def _aantal(veld: str, waarde: object) -> int:
    """A whole number of 0 or more; ``OngeldigeInvoer`` naming ``veld`` otherwise."""
    if isinstance(waarde, bool) or not isinstance(waarde, int) or waarde < 0:
        shown = repr(waarde) if isinstance(waarde, int | float) else f"<{type(waarde).__name__}>"
        raise OngeldigeInvoer(
            [Fout(veld, shown, f"{veld} must be a whole number of 0 or more (got {shown})")]
        )
    return waarde


def _strategie(veld: str, waarde: object) -> None:
    """Refuse anything but ``None`` or a Hypothesis strategy, naming ``veld``."""
    if waarde is not None and not isinstance(waarde, st.SearchStrategy):
        soort = type(waarde).__name__
        raise OngeldigeInvoer(
            [
                Fout(
                    veld,
                    f"<{soort}>",
                    f"{veld} must be a Hypothesis strategy or None (got {soort}); "
                    f"for one value use st.just(...)",
                )
            ]
        )


def protocollen() -> st.SearchStrategy[Protocol]:
    """Any protocol."""
    return st.sampled_from(PROTOCOLLEN)


def oordelen(*, beantwoord: bool = False) -> st.SearchStrategy[Oordeel | None]:
    """An answer to an afweging, or ``None`` (unanswered) unless ``beantwoord``."""
    answers: st.SearchStrategy[Oordeel] = st.sampled_from(Oordeel)
    return answers if beantwoord else st.none() | answers


def vragen() -> st.SearchStrategy[Vraag]:
    """Any question of the weging."""
    return st.sampled_from(Vraag)


def soorten_signaal() -> st.SearchStrategy[SoortSignaal]:
    """Any kind of signal."""
    return st.sampled_from(SoortSignaal)


def signaalbronnen() -> st.SearchStrategy[SignaalBron]:
    """Any source of a signal."""
    return st.sampled_from(SignaalBron)


def partijen() -> st.SearchStrategy[Partij]:
    """Any party to consult or contact."""
    return st.sampled_from(Partij)


def datums(protocol: Protocol | str | None = None) -> st.SearchStrategy[dt.date]:
    """A date in the era of ``protocol`` (any era when ``None``)."""
    p = _protocol(protocol)
    if p is None:
        return st.dates(ERA[Protocol.P2013][0], ERA[Protocol.P2019][1])
    return st.dates(*ERA[p])


def referenties() -> st.SearchStrategy[str]:
    """A pseudonymous case id such as ``casus-00042`` or ``SCH7.2026-013`` (never a name)."""
    return st.one_of(
        st.integers(0, 99_999).map(lambda n: f"casus-{n:05d}"),
        st.tuples(st.integers(1, 99), st.integers(2013, 2030), st.integers(1, 999)).map(
            lambda t: f"SCH{t[0]}.{t[1]}-{t[2]:03d}"
        ),
    )


def kinderen() -> st.SearchStrategy[Kind]:
    """A child: an age from 0 to the maximum, or unknown; sometimes unborn (then no age)."""
    geboren = st.builds(
        Kind, leeftijd=st.none() | st.integers(0, MAX_LEEFTIJD), ongeboren=st.just(False)
    )
    return st.one_of(geboren, st.just(Kind(leeftijd=None, ongeboren=True)))


def signalen(
    protocol: Protocol | str | None = None,
    *,
    soorten: st.SearchStrategy[SoortSignaal] | None = None,
) -> st.SearchStrategy[Signaal]:
    """A signal with a synthetic description, dated in the era of ``protocol`` (or undated).

    ``soorten`` replaces the strategy for the kind of signal.
    """
    _strategie("soorten", soorten)
    return st.builds(
        Signaal,
        soort=soorten if soorten is not None else soorten_signaal(),
        omschrijving=st.sampled_from(_OMSCHRIJVINGEN) | st.text(max_size=30),
        datum=st.none() | datums(protocol),
        bron=st.none() | signaalbronnen(),
        **_booleans(Signaal),
    )


def _booleans(cls: type) -> dict[str, st.SearchStrategy[bool]]:
    """A strategy for every boolean field of ``cls``, so new flags are drawn without edits."""
    return {a.name: st.booleans() for a in attrs.fields(cls) if a.type in ("bool", bool)}


def consultaties(protocol: Protocol | str | None = None) -> st.SearchStrategy[Consultatie]:
    """A consultation with any party, dated in the era of ``protocol`` (or undated)."""
    return st.builds(
        Consultatie, met=partijen(), datum=st.none() | datums(protocol), **_booleans(Consultatie)
    )


def omstandigheden() -> st.SearchStrategy[Omstandigheden]:
    """Any combination of the circumstances."""
    return st.builds(Omstandigheden, **_booleans(Omstandigheden))


def _vragen_van(protocol: Protocol) -> tuple[Vraag, ...]:
    return tuple(a.vraag for a in VRAGEN[protocol])


@st.composite
def _route(draw: st.DrawFn, basis_casus: Casus, protocol: Protocol) -> Weging:
    """Answer the questions in the afwegingskader's order, only those the route reaches."""
    basis = regelbasis(protocol)
    antwoorden: dict[str, Oordeel] = {}
    for afweging in basis.vragen:
        casus = attrs.evolve(basis_casus, weging=Weging(**antwoorden))
        # the voorwaarde reads only earlier questions, all settled by now: True or False
        if evalueer(casus, basis).bereikbaar[afweging.vraag] is not False:
            antwoorden[afweging.vraag.value] = draw(st.sampled_from(Oordeel))
    return Weging(**antwoorden)


def wegingen(
    protocol: Protocol | str | None = None, *, volledig: bool = False
) -> st.SearchStrategy[Weging]:
    """A weging: answers to the questions of ``protocol`` (all questions when ``None``).

    With ``volledig=True`` every question the route reaches is answered and every question it
    passes by is left unanswered; with ``protocol=None`` a protocol is then drawn first.
    """
    p = _protocol(protocol)
    if volledig:
        if p is None:
            return protocollen().flatmap(lambda q: _route(Casus(protocol=q), q))
        return _route(Casus(protocol=p), p)
    gevraagd = tuple(Vraag) if p is None else _vragen_van(p)
    return st.builds(Weging, **{v.value: oordelen() for v in gevraagd})


@st.composite
def _casus(
    draw: st.DrawFn,
    protocol: Protocol | None,
    volledig: bool,
    max_signalen: int,
    max_consultaties: int,
    kind: st.SearchStrategy[Kind] | None,
    omstandigheid: st.SearchStrategy[Omstandigheden] | None,
) -> Casus:
    p = protocol if protocol is not None else draw(protocollen())
    # the case names its protocol, or leaves it to its date (which then lies in p's era)
    expliciet = draw(st.booleans())
    datum = draw(datums(p)) if not expliciet else draw(st.none() | datums(p))
    casus = Casus(
        kind=draw(kind if kind is not None else kinderen()),
        signalen=tuple(draw(st.lists(signalen(p), max_size=max_signalen))),
        consultaties=tuple(draw(st.lists(consultaties(p), max_size=max_consultaties))),
        omstandigheden=draw(omstandigheid if omstandigheid is not None else omstandigheden()),
        protocol=p if expliciet else None,
        datum=datum,
        referentie=draw(st.none() | referenties()),
    )
    weging = draw(_route(casus, p)) if volledig else draw(wegingen(p))
    return attrs.evolve(casus, weging=weging)


def casussen(
    protocol: Protocol | str | None = None,
    *,
    volledig: bool = False,
    max_signalen: int = 4,
    max_consultaties: int = 3,
    kind: st.SearchStrategy[Kind] | None = None,
    omstandigheden: st.SearchStrategy[Omstandigheden] | None = None,
) -> st.SearchStrategy[Casus]:
    """A whole case decided under ``protocol`` (drawn when ``None``).

    The case either names its protocol or carries a ``datum`` in that protocol's era, so
    ``kies_protocol(casus)`` is always the protocol drawn. Only the questions of that protocol
    are answered; with ``volledig=True``, exactly those the route reaches. ``kind`` and
    ``omstandigheden`` replace the default strategies for those parts. ``OngeldigeInvoer``
    names a bad ``protocol``, ``max_signalen``, ``max_consultaties``, ``kind`` or
    ``omstandigheden`` (see the module).
    """
    p = _protocol(protocol)
    _aantal("max_signalen", max_signalen)
    _aantal("max_consultaties", max_consultaties)
    _strategie("kind", kind)
    _strategie("omstandigheden", omstandigheden)
    return _casus(p, volledig, max_signalen, max_consultaties, kind, omstandigheden)


def gronden() -> st.SearchStrategy[Grond]:
    """A ground that quotes a real rule of the rule base."""
    return st.sampled_from(REGELS).map(
        lambda r: Grond(
            regel=r.id,
            bestand=r.bron.bestand,
            sectie=r.bron.sectie,
            citaat=r.citaat,
            toelichting=r.toelichting,
        )
    )


def besluiten(protocol: Protocol | str | None = None) -> st.SearchStrategy[Besluit]:
    """Any well-formed decision (not necessarily one the rule base would take).

    For decisions the rule base does take, map a case strategy: ``casussen().map(beslis)``.
    """
    p = _protocol(protocol)
    velden: dict[str, Any] = {b.value: st.booleans() for b in Beslispunt}
    return st.builds(
        Besluit,
        protocol=st.just(p) if p is not None else protocollen(),
        volgende_vraag=st.none() | vragen(),
        contacten=st.lists(partijen(), unique=True, max_size=4).map(tuple),
        gronden=st.lists(gronden(), max_size=3).map(tuple),
        referentie=st.none() | referenties(),
        **velden,
    )
