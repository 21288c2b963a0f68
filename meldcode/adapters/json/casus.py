"""Read and write cases and decisions in the JSON exchange format (contract v1).

Built on a cattrs converter with strict hooks: ``"false"`` is not a boolean, ``1`` is not
``true``, an unknown key is an error (a mistyped key must never silently become the least
protective default), and so is a duplicate key (see ``meldcode.adapters.json.lezen``). Every
problem is reported with its path and a safe rendering of its value; free text (a signal's
``omschrijving``, text typed into a number or a date) never appears in an error, and an unknown
key is shown only when it resembles a contract key, with that key as a suggestion.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from meldcode.adapters.json.lezen import (
    GrootGetal,
    decodeer_json,
    heeft_dubbele_sleutel,
    lees_gedecodeerd,
    lees_json,
)
from meldcode.adapters.json.sleutels import toon_sleutel
from meldcode.domain._validatie import (
    SLEUTELACHTIG,
    is_pseudoniem,
    is_tekst,
    toon,
    valideer_bool,
    valideer_tekst,
)
from meldcode.domain.besluit import Besluit, Grond
from meldcode.domain.casus import Casus, Kind
from meldcode.domain.waarden import Oordeel, Partij, Protocol, SignaalBron, SoortSignaal, Vraag
from meldcode.errors import Fout, OngeldigeInvoer

__all__ = [
    "CONTRACT_VERSIE",
    "DATUMVORM",
    "LEGE_REGEL",
    "Resultaat",
    "besluit_naar_dict",
    "besluit_uit_dict",
    "casus_naar_dict",
    "casus_uit_dict",
    "casus_uit_json",
    "converter",
    "datum_uit_tekst",
    "dumps",
    "fout_naar_dict",
    "lees_json_lines",
    "lees_regel",
    "referentie_van",
]

#: the version of the JSON exchange format (the contract) this module reads and writes
CONTRACT_VERSIE = "1"
_T = TypeVar("_T")
_VRIJE_TEKST = frozenset({"omschrijving"})


class _Waardefout(ValueError):
    """Raised by a hook: carries the safe rendering of the value and the expectation."""

    def __init__(self, verwacht: str, waarde: object, *, tekst: bool = False) -> None:
        self.verwacht = verwacht
        if isinstance(waarde, GrootGetal):
            self.waarde = repr(waarde)
        else:
            self.waarde = f"<{type(waarde).__name__}>" if tekst else toon(waarde)
        super().__init__(f"must be {verwacht} (got {self.waarde})")


_SLEUTEL = SLEUTELACHTIG


def _enum_hook(waarden: Iterable[Any]) -> Any:
    """Accept exactly the contract's values; a wrong value is shown only if it looks like a key.

    ``waarden`` are the members (an enum, or the national ``Protocol``s), each with its contract
    string as ``value``. A name typed where a party or a role belongs (``"met": "<a name>"``)
    must not end up in an error message or a log, so such a value is rendered as ``<text>``.
    """
    per_tekst = {m.value: m for m in waarden}
    allowed = ", ".join(repr(v) for v in per_tekst)

    def structure(value: object, _: object) -> Any:
        if isinstance(value, str):
            gevonden = per_tekst.get(value)
            if gevonden is not None:
                return gevonden
            if not _SLEUTEL.match(value):
                raise _Waardefout(f"one of {allowed}", value, tekst=True)
        raise _Waardefout(f"one of {allowed}", value)

    return structure


def _bool(value: object, _: object) -> bool:
    if isinstance(value, bool):
        return value
    raise _Waardefout("true or false", value)


def _int(value: object, _: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        # JSON has one kind of number: 15.0 is the whole number 15 (JSON Schema's "integer"
        # says so too), and some writers put it that way
        return int(value)
    raise _Waardefout("a whole number", value)


def _str(value: object, _: object) -> str:
    if isinstance(value, str):
        if is_tekst(value):
            return value
        raise _Waardefout("valid Unicode text (no lone surrogates)", value, tekst=True)
    raise _Waardefout("text", value, tekst=True)


GRONDSLEUTELS: tuple[str, ...] = ("regel", "bron", "citaat", "toelichting")
"""The keys of a ground (``Besluit.gronden``) in the contract: ``bron`` is ``file, section``."""

DATUMVORM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
r"""The one form of a date in the contract, for ``fullmatch``: ``YYYY-MM-DD`` in ASCII digits.

(``\d`` would take any script's digits, and ``match`` with ``$`` a trailing newline.)
"""


def datum_uit_tekst(value: object) -> dt.date | None:
    """``value`` as a date when it is text of exactly the form ``YYYY-MM-DD``, else ``None``.

    ``datetime.date.fromisoformat`` alone also reads ISO week dates (``2018-W10-1``), ordinal
    dates (``2018-064``), the basic format (``20180305``) and digits of other scripts: each
    is a different string for a date the contract does not allow, and the date picks the
    protocol. This accepts the contract's one form (and a real day) only.
    """
    if isinstance(value, str) and DATUMVORM.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:  # a day that does not exist: 2019-02-30
            return None
    return None


def _date(value: object, _: object) -> dt.date:
    datum = datum_uit_tekst(value)
    if datum is None:
        raise _Waardefout("a date YYYY-MM-DD", value)
    return datum


class _Veldfout(ValueError):
    """Raised by a field's hook: the field's own validator refused the value.

    ``naam`` is how the validator names the field (``Casus.referentie``); ``fouten`` its errors.
    """

    def __init__(self, naam: str, fouten: list[Fout]) -> None:
        self.naam = naam
        self.fouten = fouten
        super().__init__("; ".join(f.melding for f in fouten))


_Hook = Callable[[Any, Any], Any]


def _gecontroleerd(model: object, veld: attrs.Attribute[Any], hook: _Hook) -> _Hook:
    """``hook`` followed by the validator of ``veld``, whose errors become a ``_Veldfout``.

    A validator runs when the object is built, which happens only when every field could be
    read: a bad ``referentie`` next to a bad ``weging`` would show only once the weging is
    fixed. Run here, it is reported with the other fields' errors. ``model`` is an unbuilt
    instance of the class: validators take the class's name from it.
    """
    validator = veld.validator
    naam = f"{type(model).__name__}.{veld.name}"

    def structure(value: object, soort: object) -> Any:
        uit = hook(value, soort)
        try:
            validator(model, veld, uit)  # type: ignore[misc]  # set: see _validatie_per_veld
        except OngeldigeInvoer as exc:
            raise _Veldfout(naam, list(exc.fouten)) from None
        except AttributeError:  # pragma: no cover - a validator that reads other fields
            pass  # runs when the object is built
        return uit

    return structure


# validators that the hooks above already enforce (``_bool``, ``_str``): not run twice
_GEDEKT: frozenset[object] = frozenset({valideer_bool, valideer_tekst})


def _validatie_per_veld(klasse: type, conv: cattrs.Converter) -> dict[str, Any]:
    """Overrides for ``make_dict_structure_fn``: each validated field checked as it is read."""
    attrs.resolve_types(klasse)
    model: object = object.__new__(klasse)
    return {
        a.name: override(struct_hook=_gecontroleerd(model, a, conv.get_structure_hook(a.type)))
        for a in attrs.fields(klasse)
        if a.validator is not None and a.validator not in _GEDEKT and a.init
    }


def _maak_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    soorten: tuple[tuple[type, Iterable[Any]], ...] = (
        (Oordeel, Oordeel),
        (Partij, Partij),
        (Protocol, Protocol),  # the national versions, as ``meldcode.rules.versies`` has them
        (SignaalBron, SignaalBron),
        (SoortSignaal, SoortSignaal),
        (Vraag, Vraag),
    )
    for soort, waarden in soorten:
        conv.register_structure_hook(soort, _enum_hook(waarden))
        conv.register_unstructure_hook(soort, lambda e: e.value)
    conv.register_structure_hook(bool, _bool)
    conv.register_structure_hook(int, _int)
    conv.register_structure_hook(str, _str)
    conv.register_structure_hook(dt.date, _date)
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())

    def is_tuple(t: Any) -> bool:
        return getattr(t, "__origin__", None) is tuple

    def tuple_hook(t: Any, huidig: cattrs.Converter) -> Any:
        # takes the converter it is used by, so a copy (with more hooks) uses its own hooks
        (item_type, _ellipsis) = t.__args__
        item_hook = huidig.get_structure_hook(item_type)

        def structure(value: object, _: object) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise _Waardefout("a list", value)
            items: list[Any] = []
            errors: list[Exception] = []
            for i, item in enumerate(value):
                try:
                    items.append(item_hook(item, item_type))
                except Exception as exc:
                    note = IterableValidationNote(f"Structuring {t} @ index {i}", i, item_type)
                    exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                    errors.append(exc)
            if errors:
                raise IterableValidationError("invalid items", errors, t)
            return tuple(items)

        return structure

    conv.register_structure_hook_factory(is_tuple, tuple_hook)

    def attrs_hook(t: Any, huidig: cattrs.Converter) -> Any:
        # every attrs class is read field by field with its fields' validators, so that all
        # bad fields are named at once (a copy of the converter uses its own hooks)
        return make_dict_structure_fn(t, huidig, **_validatie_per_veld(t, huidig))

    conv.register_structure_hook_factory(attrs.has, attrs_hook)

    kind_basis = make_dict_structure_fn(Kind, conv, **_validatie_per_veld(Kind, conv))

    def kind_uit(value: object, soort: Any) -> Kind:
        kind: Kind = kind_basis(value, soort)  # type: ignore[arg-type]  # checked by the hook
        if kind.ongeboren and kind.leeftijd is not None:
            # the rules read both: deciding would pick one reading of a contradiction
            getoond = toon(kind.leeftijd)
            raise OngeldigeInvoer(
                [
                    Fout(
                        "Kind.leeftijd",
                        getoond,
                        "Kind.leeftijd must be null when ongeboren is true: an unborn child "
                        f"has no age (got {getoond})",
                    )
                ]
            )
        return kind

    conv.register_structure_hook(Kind, kind_uit)

    def grond_uit(value: object, _: object) -> Grond:
        # the contract writes a ground as regel, bron ("file, section"), citaat, toelichting:
        # every key named in its error, an unknown key refused, as for any other object
        if not isinstance(value, dict):
            raise _Waardefout("an object", value)
        fouten: list[Fout] = []
        gelezen: dict[str, str] = {}
        for sleutel in GRONDSLEUTELS:
            veld = f"Grond.{sleutel}"
            if sleutel not in value:
                if sleutel != "toelichting":
                    fouten.append(Fout(veld, "<missing>", f"{veld} is required"))
                continue
            try:
                gelezen[sleutel] = _str(value[sleutel], None)
            except _Waardefout as exc:
                fouten.append(
                    Fout(veld, exc.waarde, f"{veld} must be {exc.verwacht} (got {exc.waarde})")
                )
        bestand, komma, sectie = gelezen.get("bron", "").partition(", ")
        if "bron" in gelezen and not (bestand and komma and sectie):
            getoond = toon(gelezen["bron"])
            fouten.append(
                Fout(
                    "Grond.bron",
                    getoond,
                    f"Grond.bron must be 'file, section', as a decision writes it (got {getoond})",
                )
            )
        for sleutel in sorted(value.keys() - set(GRONDSLEUTELS), key=str):
            getoond, bedoeld = toon_sleutel(sleutel, GRONDSLEUTELS)
            hint = f"; did you mean `{bedoeld}`?" if bedoeld and getoond == sleutel else ""
            fouten.append(
                Fout(
                    f"Grond.{getoond}",
                    repr(sleutel) if getoond == sleutel else "<key>",
                    f"Grond.{getoond} is not a field of the contract (unknown key){hint}",
                )
            )
        if fouten:
            raise OngeldigeInvoer(fouten)
        return Grond(
            regel=gelezen["regel"],
            bestand=bestand,
            sectie=sectie,
            citaat=gelezen["citaat"],
            toelichting=gelezen.get("toelichting", ""),
        )

    conv.register_structure_hook(Grond, grond_uit)
    conv.register_unstructure_hook(
        Grond,
        lambda g: {
            "regel": g.regel,
            "bron": g.bron,
            "citaat": g.citaat,
            "toelichting": g.toelichting,
        },
    )
    # generated on first use (cattrs keeps what a factory gives): a command that writes no
    # case does not pay for generating its writer at start-up; a subclass is written as its
    # base, as a hook registered for the class itself would write it
    conv.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, Besluit),
        lambda _t: make_dict_unstructure_fn(
            Besluit, conv, referentie=override(omit_if_default=True)
        ),
    )
    conv.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, Casus),
        lambda _t: make_dict_unstructure_fn(
            Casus,
            conv,
            referentie=override(omit_if_default=True),
            protocol=override(omit_if_default=True),
            datum=override(omit_if_default=True),
        ),
    )
    return conv


converter = _maak_converter()
"""The converter behind this module; use it to structure other domain types the same way."""


# --- errors with their paths ----------------------------------------------------------------


def _veld(pad: list[str]) -> str:
    out = ""
    for deel in pad:
        out += deel if deel.startswith("[") else (f".{deel}" if out else deel)
    return out


def _fouten(exc: BaseException, pad: list[str]) -> Iterator[Fout]:
    if isinstance(exc, ClassValidationError):
        met_noot, zonder = exc.group_exceptions()
        for sub, noot in met_noot:
            yield from _fouten(sub, [*pad, noot.name])
        for sub in zonder:
            yield from _fouten(sub, pad)
        return
    if isinstance(exc, IterableValidationError):
        met_index, zonder_index = exc.group_exceptions()
        for sub, index_noot in met_index:
            yield from _fouten(sub, [*pad, f"[{index_noot.index}]"])
        for sub in zonder_index:
            yield from _fouten(sub, pad)
        return
    veld = _veld(pad)
    if isinstance(exc, ForbiddenExtraKeysError):
        yield from _onbekend(veld, exc.cl, exc.extra_fields)
        return
    if isinstance(exc, KeyError):
        yield Fout(veld, "<missing>", f"{veld} is required")
        return
    if isinstance(exc, _Waardefout):
        naam = pad[-1] if pad else ""
        waarde = f"<{exc.waarde.strip('<>')}>" if naam in _VRIJE_TEKST else exc.waarde
        yield Fout(veld, waarde, f"{veld} must be {exc.verwacht} (got {waarde})")
        return
    if isinstance(exc, _Veldfout):
        for f in exc.fouten:
            # the validator names Class.field: the JSON path takes its place
            rest = f.veld[len(exc.naam) :] if f.veld.startswith(exc.naam) else ""
            plek = f"{veld}{rest}"
            yield Fout(plek, f.waarde, f.melding.replace(f.veld, plek) if f.veld else f.melding)
        return
    if isinstance(exc, OngeldigeInvoer):
        for f in exc.fouten:
            # a domain validator names Class.field; keep the JSON path where we have it
            eigen = f.veld.split(".", 1)[-1]
            plek = f"{veld}.{eigen}" if veld else eigen
            yield Fout(plek, f.waarde, f.melding.replace(f.veld, plek))
        return
    if isinstance(exc, TypeError | AttributeError):
        yield Fout(veld, "<value>", f"{veld or 'the case'} must be an object")
        return
    yield Fout(veld, "<value>", f"{veld or 'the case'} is invalid")


def _onbekend(veld: str, cl: type, sleutels: Iterable[str]) -> Iterator[Fout]:
    """Unknown keys: shown (with a suggestion) when they resemble a contract key, else hidden."""
    hier = [a.name for a in attrs.fields(cl)] if attrs.has(cl) else []
    verborgen = 0
    for key in sorted(sleutels, key=str):
        getoond, bedoeld = toon_sleutel(key, hier, veld)
        if getoond != key:
            verborgen += 1
            continue
        plek = f"{veld}.{key}" if veld else key
        hint = f"; did you mean `{bedoeld}`?" if bedoeld and bedoeld != plek else ""
        yield Fout(plek, repr(key), f"{plek} is not a field of the contract (unknown key){hint}")
    if verborgen:
        waar = veld or "the input"
        aantal = "a key" if verborgen == 1 else f"{verborgen} keys"
        yield Fout(
            veld,
            "<key>",
            f"{waar} has {aantal} that the contract does not know (not shown: a key that "
            f"resembles no field may be personal data); its fields are {', '.join(hier)}",
        )


def _structure(data: object, soort: type[_T]) -> _T:
    if not isinstance(data, dict):
        raise OngeldigeInvoer(
            [Fout("", toon(data), f"a {soort.__name__.lower()} must be a JSON object")]
        )
    try:
        return converter.structure(data, soort)
    except OngeldigeInvoer as exc:
        raise OngeldigeInvoer(list(_fouten(exc, []))) from None
    except Exception as exc:  # every structuring problem becomes OngeldigeInvoer
        fouten = list(_fouten(exc, []))
        raise OngeldigeInvoer(fouten) from None


# --- the public API -------------------------------------------------------------------------


def casus_uit_dict(data: object) -> Casus:
    """Read a case from a decoded JSON object; ``OngeldigeInvoer`` names every bad field."""
    return _structure(data, Casus)


def casus_uit_json(tekst: str | bytes) -> Casus:
    """Read a case from JSON text (or UTF-8 bytes); a duplicate key is bad input.

    ``OngeldigeInvoer`` names every problem at once, a duplicate key among them (outside the
    object that holds the duplicate: there, which copy counts would be a guess).
    """
    return lees_json(tekst, casus_uit_dict)


def casus_naar_dict(casus: Casus) -> dict[str, Any]:
    """Write a case as a JSON-ready dict in the contract format."""
    data: dict[str, Any] = converter.unstructure(casus, Casus)
    return data


def besluit_naar_dict(besluit: Besluit) -> dict[str, Any]:
    """Write a decision as a JSON-ready dict with exactly the contract's keys (and additions)."""
    data: dict[str, Any] = converter.unstructure(besluit, Besluit)
    return data


def besluit_uit_dict(data: object) -> Besluit:
    """Read a decision written by ``besluit_naar_dict`` (for partner tests and round trips)."""
    return _structure(data, Besluit)


def fout_naar_dict(
    fout: OngeldigeInvoer, *, lijn: int | None = None, referentie: str | None = None
) -> dict[str, Any]:
    """The ``{"fout": ...}`` object of a batch: the first problem and the full list.

    ``lijn`` is the line number in a batch, ``referentie`` the case's pseudonymous id when it
    could be read, so that a partner can match the error to the case.
    """
    eerste = fout.fouten[0]
    body: dict[str, Any] = {}
    if lijn is not None:
        body["lijn"] = lijn
    if referentie is not None:
        body["referentie"] = referentie
    body.update(
        {
            "veld": eerste.veld,
            "waarde": eerste.waarde,
            "melding": eerste.melding,
            "fouten": [
                {"veld": f.veld, "waarde": f.waarde, "melding": f.melding} for f in fout.fouten
            ],
        }
    )
    return {"fout": body}


def dumps(data: Mapping[str, Any]) -> str:
    """One line of JSON, UTF-8 characters kept as they are."""
    return json.dumps(data, ensure_ascii=False)


@attrs.frozen
class Resultaat:
    """One line of a batch: its number and either a case or the error that rejected it.

    ``referentie`` is the case's pseudonymous id, also for a rejected line when it was readable.
    """

    lijn: int
    casus: Casus | None = None
    fout: OngeldigeInvoer | None = None
    referentie: str | None = None


#: the error message for a blank line in JSON Lines input
LEGE_REGEL = "empty line: every line of JSON Lines must hold one case"


def referentie_van(data: object) -> str | None:
    """The ``referentie`` of decoded input when it is a valid pseudonym, else ``None``."""
    if isinstance(data, dict) and not heeft_dubbele_sleutel(data, "referentie"):
        ref = data.get("referentie")
        if is_pseudoniem(ref):
            return ref
    return None


def lees_regel(regel: str | bytes, nummer: int) -> Resultaat:
    """One line of JSON Lines (text, or bytes decoded as UTF-8 for this line alone)."""
    data: object = None
    try:
        if not regel.strip():
            raise OngeldigeInvoer([Fout("", "<empty>", LEGE_REGEL)])
        data, dubbel = decodeer_json(regel)
        casus = lees_gedecodeerd(data, casus_uit_dict, dubbel=dubbel)
    except OngeldigeInvoer as exc:
        return Resultaat(lijn=nummer, fout=exc, referentie=referentie_van(data))
    return Resultaat(lijn=nummer, casus=casus, referentie=casus.referentie)


def lees_json_lines(regels: Iterable[str | bytes]) -> Iterator[Resultaat]:
    """Read JSON Lines lazily: exactly one ``Resultaat`` per line, a bad line with its error.

    Each line is decoded on its own (bytes that are not UTF-8 spoil that line only), so every
    good line of a batch is still read. A blank line is an error too (``LEGE_REGEL``): it keeps
    the output lines matched to the input lines by position, and a missing case is never
    silent.
    """
    for nummer, regel in enumerate(regels, start=1):
        yield lees_regel(regel, nummer)
