"""The facts of a case that rules can read: named boolean flags, and the child's age.

Every leaf condition of the rule language reads a case through these names only, so every
engine reads a case the same way: the engine from a ``Casus`` (``vlaggen``), a dataframe from its
flag columns, durable_rules from the fields of the fact it is posted. The names:

- ``omstandigheden.<naam>``: a circumstance holds (``omstandigheden.veiligheid_in_geding``);
- ``kind.ongeboren``: the child is not yet born;
- ``signaal.<soort>``: there is a signal of this soort (``signaal.seksueel_geweld``);
- ``signaal.<kenmerk>``: there is a signal with this kenmerk (``signaal.levensgevaar``);
- ``signaal.<soort>.<kenmerk>``: one signal has both
  (``signaal.seksueel_geweld.pleger_is_medewerker``);
- ``signaal.bron.<bron>``: a signal's information comes from this bron (``signaal.bron.kind``);
- ``consultatie.<partij>``: the case records a consultation with this party.

The child's age is the one fact that is not a flag: ``Kind.leeftijd`` (``None``: unknown).
"""

from __future__ import annotations

import attrs

from meldcode.domain.casus import Casus, Omstandigheden, Signaal
from meldcode.domain.waarden import Partij, SignaalBron, SoortSignaal

__all__ = ["KENMERKEN", "LIJSTVLAGGEN", "OMSTANDIGHEDEN", "VLAGGEN", "signaalvlaggen", "vlaggen"]

#: the boolean circumstances of a case, in the order of ``Omstandigheden``'s fields
OMSTANDIGHEDEN: tuple[str, ...] = tuple(a.name for a in attrs.fields(Omstandigheden))
#: the boolean kenmerken of a signal, in the order of ``Signaal``'s fields
KENMERKEN: tuple[str, ...] = tuple(
    a.name for a in attrs.fields(Signaal) if a.type in ("bool", bool)
)


def _lijstvlaggen() -> tuple[str, ...]:
    namen = [f"signaal.{s.value}" for s in SoortSignaal]
    namen += [f"signaal.{k}" for k in KENMERKEN]
    namen += [f"signaal.{s.value}.{k}" for s in SoortSignaal for k in KENMERKEN]
    namen += [f"signaal.bron.{b.value}" for b in SignaalBron]
    namen += [f"consultatie.{p.value}" for p in Partij]
    return tuple(namen)


#: the flags that the lists of a case (``signalen``, ``consultaties``) give
LIJSTVLAGGEN: tuple[str, ...] = _lijstvlaggen()
#: every flag a rule can read, in a stable order
VLAGGEN: tuple[str, ...] = (
    *(f"omstandigheden.{n}" for n in OMSTANDIGHEDEN),
    "kind.ongeboren",
    *LIJSTVLAGGEN,
)


def signaalvlaggen(signaal: Signaal) -> frozenset[str]:
    """The flags one signal makes true."""
    soort = signaal.soort.value
    uit = {f"signaal.{soort}"}
    if signaal.bron is not None:
        uit.add(f"signaal.bron.{signaal.bron.value}")
    for k in KENMERKEN:
        if getattr(signaal, k):
            uit.add(f"signaal.{k}")
            uit.add(f"signaal.{soort}.{k}")
    return frozenset(uit)


def vlaggen(casus: Casus) -> frozenset[str]:
    """The flags that are true for ``casus`` (every other flag of ``VLAGGEN`` is false)."""
    uit: set[str] = {
        f"omstandigheden.{n}" for n in OMSTANDIGHEDEN if getattr(casus.omstandigheden, n)
    }
    if casus.kind.ongeboren:
        uit.add("kind.ongeboren")
    for s in casus.signalen:
        uit |= signaalvlaggen(s)
    for c in casus.consultaties:
        uit.add(f"consultatie.{c.met.value}")
    return frozenset(uit)
