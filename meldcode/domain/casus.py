"""A case (``Casus``): the child, the signals, the consultations, the circumstances and the weging.

Immutable and validated on the way in; change a case with ``attrs.evolve``.
"""

from __future__ import annotations

import datetime as dt

from attrs import field, frozen

from meldcode.domain._validatie import (
    valideer_bool,
    valideer_datum,
    valideer_enum,
    valideer_instantie,
    valideer_int_bereik,
    valideer_protocol,
    valideer_pseudoniem,
    valideer_tekst,
    valideer_tuple_van,
)
from meldcode.domain.waarden import Oordeel, Partij, Protocol, SignaalBron, SoortSignaal, Vraag

__all__ = ["Casus", "Consultatie", "Kind", "Omstandigheden", "Signaal", "Weging"]

_Oordeel = valideer_enum(Oordeel, optional=True)
MAX_LEEFTIJD = 30


@frozen(kw_only=True)
class Kind:
    """Het kind: leeftijd in jaren (onbekend: ``None``) en of het nog ongeboren is."""

    leeftijd: int | None = field(
        default=None, validator=valideer_int_bereik(0, MAX_LEEFTIJD, optional=True)
    )
    ongeboren: bool = field(default=False, validator=valideer_bool)


@frozen(kw_only=True)
class Signaal:
    """Een signaal: wat is gezien of gehoord, wanneer, van wie, en hoe ernstig.

    ``omschrijving`` is free text about a child: it is kept, but never logged or shown in errors.
    ``hypothese`` marks an interpretation rather than a fact (001: hypotheses marked as such).
    """

    soort: SoortSignaal = field(validator=valideer_enum(SoortSignaal))
    omschrijving: str = field(default="", validator=valideer_tekst, repr=False)
    datum: dt.date | None = field(default=None, validator=valideer_datum(optional=True))
    bron: SignaalBron | None = field(
        default=None, validator=valideer_enum(SignaalBron, optional=True)
    )
    hypothese: bool = field(default=False, validator=valideer_bool)
    ernstig_letsel: bool = field(default=False, validator=valideer_bool)
    levensgevaar: bool = field(default=False, validator=valideer_bool)
    pleger_is_medewerker: bool = field(default=False, validator=valideer_bool)


@frozen(kw_only=True)
class Consultatie:
    """Een consultatie: met wie, wanneer, en of het anoniem was."""

    met: Partij = field(validator=valideer_enum(Partij))
    datum: dt.date | None = field(default=None, validator=valideer_datum(optional=True))
    anoniem: bool = field(default=False, validator=valideer_bool)


@frozen(kw_only=True)
class Omstandigheden:
    """De omstandigheden die de route bepalen buiten de afwegingen om."""

    veiligheid_in_geding: bool = field(default=False, validator=valideer_bool)
    contact_verbreken_verwacht: bool = field(default=False, validator=valideer_bool)
    ouders_niet_aanspreekbaar: bool = field(default=False, validator=valideer_bool)
    ouders_weigeren_toestemming: bool = field(default=False, validator=valideer_bool)
    jeugdbeschermer_betrokken: bool = field(default=False, validator=valideer_bool)
    sociaal_team_betrokken: bool = field(default=False, validator=valideer_bool)
    onveiligheid_herhaalt_zich: bool = field(default=False, validator=valideer_bool)
    #: 002: the parents want help (hulpverlening)
    ouders_willen_hulp: bool = field(default=False, validator=valideer_bool)
    #: 002: parents, child and professional find the safety risks too 'light' to scale up
    risico_licht: bool = field(default=False, validator=valideer_bool)
    #: 002: a complex case
    complexe_casus: bool = field(default=False, validator=valideer_bool)
    #: 002: help cannot be organised (refused, or contact with help does not come about)
    hulp_komt_niet_tot_stand: bool = field(default=False, validator=valideer_bool)
    #: 003 §1.1: a parent is in a situation that can (seriously) harm children (the kindcheck)
    ouder_in_schadelijke_situatie: bool = field(default=False, validator=valideer_bool)


@frozen(kw_only=True)
class Weging:
    """Het oordeel van stap 4: de antwoorden op de afwegingen (``None``: nog niet beantwoord).

    ``vermoeden`` .. ``hulp_resultaat`` are afwegingen 1-5 of the 2019 afwegingskader;
    ``kan_beschermen`` is the question of stap 5a/5b of protocol 2013.
    """

    vermoeden: Oordeel | None = field(default=None, validator=_Oordeel)
    acute_onveiligheid: Oordeel | None = field(default=None, validator=_Oordeel)
    structurele_onveiligheid: Oordeel | None = field(default=None, validator=_Oordeel)
    hulp_mogelijk: Oordeel | None = field(default=None, validator=_Oordeel)
    hulp_aanvaard: Oordeel | None = field(default=None, validator=_Oordeel)
    hulp_resultaat: Oordeel | None = field(default=None, validator=_Oordeel)
    kan_beschermen: Oordeel | None = field(default=None, validator=_Oordeel)

    def antwoord(self, vraag: Vraag) -> Oordeel | None:
        """The answer to ``vraag``, or ``None`` when it has not been answered."""
        answer: Oordeel | None = getattr(self, vraag.value)
        return answer


@frozen(kw_only=True)
class Casus:
    """Een casus: alles wat de school weet op het moment van beslissen.

    ``protocol`` chooses the meldcode version; when ``None`` it follows from ``datum`` (the date
    of the weighing). ``referentie`` is an optional pseudonymous id, echoed in the ``Besluit``.
    """

    kind: Kind = field(factory=Kind, validator=valideer_instantie(Kind))
    signalen: tuple[Signaal, ...] = field(default=(), validator=valideer_tuple_van(Signaal))
    consultaties: tuple[Consultatie, ...] = field(
        default=(), validator=valideer_tuple_van(Consultatie)
    )
    omstandigheden: Omstandigheden = field(
        factory=Omstandigheden, validator=valideer_instantie(Omstandigheden)
    )
    weging: Weging = field(factory=Weging, validator=valideer_instantie(Weging))
    protocol: Protocol | None = field(default=None, validator=valideer_protocol(optional=True))
    datum: dt.date | None = field(default=None, validator=valideer_datum(optional=True))
    referentie: str | None = field(default=None, validator=valideer_pseudoniem)
