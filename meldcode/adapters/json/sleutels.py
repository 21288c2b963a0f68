"""The contract's keys, and whether an unknown key (or column) is a near miss of one.

A key that is not in the contract is refused. Whether it is *shown* in the error depends on what
it looks like: a near miss of a contract key (``vermoedn``, ``Acute Onveiligheid``) is a typo and
is shown with the key it resembles ("did you mean ``weging.vermoeden``?"); anything else may be
a name someone typed (``"GEHEIM Jan de Vries": true``) and is rendered as ``<key>``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable
from typing import Any

import attrs

__all__ = ["contract_paden", "lijkt_op", "naaste", "normaal", "toon_sleutel"]

_VEILIG = re.compile(r"^[A-Za-z0-9_. -]{1,60}$")
_SCHEIDING = re.compile(r"[\s.\-]+")
#: how alike a name and a key must be (``difflib`` ratio of their normal forms) to be a near miss
GELIJKENIS = 0.8


def _velden(cls: type, pad: str, uit: dict[str, list[str]]) -> None:
    for a in attrs.fields(cls):
        hier = f"{pad}.{a.name}" if pad else a.name
        uit.setdefault(a.name, []).append(hier)


@functools.cache
def contract_paden() -> dict[str, tuple[str, ...]]:
    """Every key of the contract (case and dossier events) with the paths where it occurs.

    Built on first use (an unknown key): deciding a well-formed case never needs it, and the
    dossier's event classes it reads are not loaded for a command that only decides.
    """
    from meldcode.domain.casus import Casus, Consultatie, Kind, Omstandigheden, Signaal, Weging
    from meldcode.domain.dossier import SOORTEN, Diagnose

    uit: dict[str, list[str]] = {}
    _velden(Casus, "", uit)
    # annotations are strings here, so attrs cannot follow them: the nested objects by hand
    for naam, cls in (
        ("kind", Kind),
        ("signalen[]", Signaal),
        ("consultaties[]", Consultatie),
        ("omstandigheden", Omstandigheden),
        ("weging", Weging),
        ("signaal_vastgelegd.diagnose", Diagnose),
    ):
        _velden(cls, naam, uit)
    uit.setdefault("soort", []).append("soort")
    for soort, klasse in SOORTEN.items():
        for a in attrs.fields(klasse):
            uit.setdefault(a.name, []).append(f"{soort}.{a.name}")
    return {k: tuple(dict.fromkeys(v)) for k, v in uit.items()}


def __getattr__(naam: str) -> Any:
    # ``CONTRACT_PADEN`` stays importable as a constant; it is built when first asked for
    if naam == "CONTRACT_PADEN":
        return contract_paden()
    raise AttributeError(f"module {__name__!r} has no attribute {naam!r}")


def normaal(naam: str) -> str:
    """A name in the form keys are compared in: lower case, spaces, dots and dashes as ``_``."""
    return _SCHEIDING.sub("_", naam.strip().lower())


def naaste(naam: str, kandidaten: Iterable[str], *, gelijkenis: float = GELIJKENIS) -> str | None:
    """The candidate ``naam`` is a near miss of (compared in normal form), or ``None``.

    An exact match counts too: ``kind_leeftijd`` is a near miss of ``kind.leeftijd``.
    """
    if not _VEILIG.match(naam):
        return None
    import difflib  # only an unknown key needs it: not loaded for a cold start that has none

    vormen: dict[str, str] = {}
    for k in kandidaten:
        vormen.setdefault(normaal(k), k)
    gevonden = difflib.get_close_matches(normaal(naam), list(vormen), n=1, cutoff=gelijkenis)
    return vormen[gevonden[0]] if gevonden else None


@functools.lru_cache(maxsize=4096)
def _globaal(naam: str) -> str | None:
    return naaste(naam, contract_paden())


def lijkt_op(naam: str) -> bool:
    """Whether ``naam`` is (a near miss of) a key of the contract, so safe to show."""
    return _globaal(naam) is not None


def toon_sleutel(sleutel: str, hier: Collection[str] = (), pad: str = "") -> tuple[str, str | None]:
    """How to show an unknown ``sleutel`` found at ``pad``, and the contract key it resembles.

    ``hier`` are the keys the object at ``pad`` may have: a near miss of one of them is suggested
    as ``pad.key``; otherwise the nearest key anywhere in the contract. The key itself is shown
    only when it resembles a contract key; otherwise it is ``<key>``.
    """
    eigen = naaste(sleutel, hier) if hier else None
    if eigen is not None:
        return sleutel, f"{pad}.{eigen}" if pad else eigen
    ergens = _globaal(sleutel)
    if ergens is None:
        return "<key>", None
    paden = contract_paden()[ergens]
    return sleutel, paden[0].replace("[]", "[0]") if len(paden) == 1 else ergens
