"""Read organisation profiles from TOML (stdlib ``tomllib``): rules, roles, sociale kaart, switches.

A profile is data, never code: conditions are written as the same small trees ``meldcode regels
--json`` prints (``{omstandigheid = "..."}``, ``{alle = [...]}``, ...), so a profile file is read,
checked and turned into the pure ``Profiel`` of ``meldcode.rules.profiel`` — nothing in it is
executed. Every problem raises ``OngeldigeInvoer`` naming the key path in the file.

A value or key typed into a profile may be a name or a number (``naam = "Jan de Vries"``,
``"Jan de Vries 123456782" = 1``), so an error shows it only as ``toon`` shows it (a short key
or number as typed, anything else by its type); an unknown key is shown when it is a near miss
of a key that belongs there (with that key as the suggestion) and otherwise as ``<key>``, as the
case reader does. Whatever the national rule base would refuse with the value in its message
(the profile's name, a rule's id, a fact, an age, a number of working days, a switch) is checked
here first. A file that is not UTF-8, not TOML, or nested more than ``MAX_DIEPTE`` levels deep
is refused naming the file (by its name, never its folders), not with an exception of the
reader.

The profiles printed in the sources ship with the package (``meldcode/profielen/*.toml``):
``laad_profiel("vcog")`` or ``laad_profiel("path/to/own.toml")``.
"""

from __future__ import annotations

import enum
import re
import tomllib
from collections.abc import Callable, Collection, Iterator, Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

from meldcode.adapters.json.lezen import MAX_DIEPTE, decodeer
from meldcode.adapters.json.sleutels import naaste
from meldcode.domain._validatie import toon
from meldcode.domain.besluit import Contactgegevens
from meldcode.domain.casus import MAX_LEEFTIJD
from meldcode.domain.feiten import KENMERKEN, OMSTANDIGHEDEN
from meldcode.domain.waarden import (
    Beslispunt,
    Oordeel,
    Partij,
    Protocol,
    Rol,
    SignaalBron,
    SoortSignaal,
    Taak,
    Vraag,
)
from meldcode.errors import Fout, OngeldigeInvoer
from meldcode.rules.bewaartermijn import Bewaarmoment, Bewaartermijn
from meldcode.rules.model import (
    Alle,
    Antwoord,
    Beslist,
    Bron,
    Conclusie,
    Conditie,
    EenVan,
    ErIsSignaal,
    Geconsulteerd,
    KindLeeftijdTot,
    KindLeeftijdVanaf,
    KindOngeboren,
    Niet,
    Omstandigheid,
    Opdracht,
    Opvolgtermijn,
    Regel,
    SignaalVan,
)
from meldcode.rules.profiel import Profiel
from meldcode.rules.routes import INGETROKKEN, SCHAKELAARS
from meldcode.rules.versies import PROTOCOLLEN

__all__ = [
    "MAX_DIEPTE",
    "beschikbare_profielen",
    "conditie_uit_dict",
    "laad_profiel",
    "profiel_uit_dict",
    "profiel_uit_toml",
]

_E = TypeVar("_E", bound=enum.Enum)

#: a profile's name, as ``meldcode.rules.profiel.Profiel`` requires it
_NAAM = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
#: a rule's id, as ``meldcode.rules.model.Regelbasis`` requires it (and at most 80 characters)
_REGEL_ID = re.compile(r"^[a-z0-9+-]+(\.[a-z0-9-]+)+$")
_REGEL_ID_LENGTE = 80
#: a number of working days of an ``opvolging`` termijn, as the rule base allows it
_WERKDAGEN = (1, 366)
#: years and months of a ``bewaartermijn``, as ``Bewaartermijn`` allows them
_BEWAARTERMIJN = (0, 1200)
#: a file's name is shown when it is this plain (no spaces, at most eight digits)
_BESTANDSNAAM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$")


def _fout(pad: str, waarde: object, verwacht: str) -> OngeldigeInvoer:
    shown = toon(waarde)
    return OngeldigeInvoer([Fout(pad, shown, f"{pad} must be {verwacht} (got {shown})")])


def _veilige_sleutel(sleutel: object) -> str | None:
    """``sleutel`` as it may be shown (a short key or number: ``toon`` shows it), else ``None``."""
    if isinstance(sleutel, str) and toon(sleutel) == repr(sleutel):
        return sleutel
    return None


def _toon_sleutel(sleutel: object, bekend: Collection[str]) -> tuple[str, str | None]:
    """How to show an unknown key, and the known key (of ``bekend``) it is a near miss of.

    A near miss is shown with its suggestion (``nam`` for ``naam``); a key ``toon`` shows as typed
    (``kleur``) is shown; anything else may be a name someone typed and is ``<key>``.
    """
    bijna = naaste(sleutel, bekend) if isinstance(sleutel, str) and bekend else None
    if bijna is not None:
        assert isinstance(sleutel, str)
        return sleutel, bijna
    return _veilige_sleutel(sleutel) or "<key>", None


def _onbekende_sleutel(
    pad: str, sleutel: object, bekend: Collection[str], wat: str, soort: str = "unknown key"
) -> OngeldigeInvoer:
    """``pad.sleutel is not {wat} ({soort})``, the key shown only as ``_toon_sleutel`` allows."""
    shown, bijna = _toon_sleutel(sleutel, bekend)
    plek = f"{pad}.{shown}" if pad else shown
    melding = f"{plek} is not {wat} ({soort})"
    if bijna is not None:
        melding += f"; did you mean {pad + '.' if pad else ''}{bijna}?"
    return OngeldigeInvoer([Fout(plek, repr(sleutel) if shown == sleutel else shown, melding)])


def _tabel(data: object, pad: str, sleutels: set[str], verplicht: set[str]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise _fout(pad or "profile", data, "a table")
    onbekend = [k for k in data if k not in sleutels]
    if onbekend:
        raise _onbekende_sleutel(pad, onbekend[0], sleutels, "a key of a profile")
    ontbreekt = sorted(verplicht - set(data))
    if ontbreekt:
        plek = f"{pad}.{ontbreekt[0]}" if pad else ontbreekt[0]
        raise OngeldigeInvoer([Fout(plek, "<missing>", f"{plek} is required")])
    return data


def _tekst(data: Mapping[str, Any], sleutel: str, pad: str, default: str | None = None) -> str:
    waarde = data.get(sleutel, default)
    if not isinstance(waarde, str):
        raise _fout(f"{pad}.{sleutel}" if pad else sleutel, waarde, "text")
    return waarde


def _enum(soort: type[_E], waarde: object, pad: str) -> _E:
    if isinstance(waarde, str):
        try:
            return soort(waarde)
        except ValueError:
            pass
    allowed = ", ".join(repr(m.value) for m in soort)
    raise _fout(pad, waarde, f"one of {allowed}")


def _lijst(waarde: object, pad: str) -> list[Any]:
    if not isinstance(waarde, list):
        raise _fout(pad, waarde, "a list")
    return waarde


def _enums(soort: type[_E], waarde: object, pad: str) -> tuple[_E, ...]:
    return tuple(_enum(soort, w, f"{pad}[{i}]") for i, w in enumerate(_lijst(waarde, pad)))


def _protocollen(waarde: object, pad: str) -> tuple[Protocol, ...]:
    """The national protocols named in a list (``["2013"]``)."""
    per_naam = {p.value: p for p in PROTOCOLLEN}
    uit = []
    for i, w in enumerate(_lijst(waarde, pad)):
        if not isinstance(w, str) or w not in per_naam:
            allowed = ", ".join(repr(n) for n in per_naam)
            raise _fout(f"{pad}[{i}]", w, f"one of {allowed}")
        uit.append(per_naam[w])
    return tuple(uit)


def _int(waarde: object, pad: str, bereik: tuple[int, int] | None = None) -> int:
    if bereik is None:
        if isinstance(waarde, bool) or not isinstance(waarde, int):
            raise _fout(pad, waarde, "a whole number")
        return waarde
    laag, hoog = bereik
    if isinstance(waarde, bool) or not isinstance(waarde, int) or not laag <= waarde <= hoog:
        raise _fout(pad, waarde, f"a whole number from {laag} to {hoog}")
    return waarde


def _bool(waarde: object, pad: str) -> bool:
    if not isinstance(waarde, bool):
        raise _fout(pad, waarde, "true or false")
    return waarde


def _naam_uit(waarde: object, pad: str, namen: Collection[str], wat: str) -> str:
    """One of ``namen``: a wrong one is shown as ``toon`` shows it, with a near miss suggested."""
    if isinstance(waarde, str) and waarde in namen:
        return waarde
    shown = toon(waarde)
    bijna = naaste(waarde, namen) if isinstance(waarde, str) else None
    hint = f"; did you mean {bijna!r}?" if bijna is not None else ""
    raise OngeldigeInvoer([Fout(pad, shown, f"{pad} must be one of the {wat} (got {shown}){hint}")])


# --- conditions ------------------------------------------------------------------------------


def _antwoord(d: dict[str, Any], pad: str) -> Conditie:
    _tabel(d, pad, {"antwoord", "in"}, {"antwoord", "in"})
    vraag = _enum(Vraag, d["antwoord"], f"{pad}.antwoord")
    return Antwoord(vraag, frozenset(_enums(Oordeel, d["in"], f"{pad}.in")))


def _signaal(d: dict[str, Any], pad: str) -> Conditie:
    inner = _tabel(d["signaal"], f"{pad}.signaal", {"soorten", "kenmerk"}, set())
    soorten = frozenset(_enums(SoortSignaal, inner.get("soorten", []), f"{pad}.signaal.soorten"))
    kenmerk = inner.get("kenmerk")
    if kenmerk is not None:
        kenmerk = _naam_uit(kenmerk, f"{pad}.signaal.kenmerk", KENMERKEN, "kenmerken of a signal")
    return ErIsSignaal(soorten=soorten, kenmerk=kenmerk)


_LEEFTIJD = (0, MAX_LEEFTIJD)

_ENKEL: dict[str, Callable[[Any, str], Conditie]] = {
    "omstandigheid": lambda w, p: Omstandigheid(
        _naam_uit(w, p, OMSTANDIGHEDEN, "omstandigheden of a case")
    ),
    "kind_leeftijd_vanaf": lambda w, p: KindLeeftijdVanaf(_int(w, p, _LEEFTIJD)),
    "kind_leeftijd_tot": lambda w, p: KindLeeftijdTot(_int(w, p, _LEEFTIJD)),
    "kind_ongeboren": lambda w, p: KindOngeboren() if _bool(w, p) else Niet(KindOngeboren()),
    "signaal_van": lambda w, p: SignaalVan(frozenset(_enums(SignaalBron, w, p))),
    "geconsulteerd": lambda w, p: Geconsulteerd(_enum(Partij, w, p)),
    "beslist": lambda w, p: Beslist(_enum(Beslispunt, w, p)),
    "alle": lambda w, p: Alle(_delen(w, p)),
    "een_van": lambda w, p: EenVan(_delen(w, p)),
    "niet": lambda w, p: Niet(_conditie(w, p)),
}
_CONDITIESLEUTELS = frozenset([*_ENKEL, "antwoord", "signaal"])


def _delen(waarde: object, pad: str) -> tuple[Conditie, ...]:
    lijst = _lijst(waarde, pad)
    if not lijst:
        raise _fout(pad, waarde, "a non-empty list of conditions")
    return tuple(_conditie(d, f"{pad}[{i}]") for i, d in enumerate(lijst))


def conditie_uit_dict(data: object, pad: str = "als") -> Conditie:
    """A condition tree from its dict form (as ``meldcode regels --json`` writes conditions).

    Raises ``OngeldigeInvoer`` naming the key path when the form is not one of the condition
    types of ``meldcode.rules.model``, or when it is nested more than ``MAX_DIEPTE`` levels deep.
    """
    _controleer_diepte(data, pad)
    return _conditie(data, pad)


def _conditie(data: object, pad: str) -> Conditie:
    if not isinstance(data, dict):
        raise _fout(pad, data, "a condition table")
    if "antwoord" in data:
        return _antwoord(data, pad)
    if set(data) == {"signaal"}:
        return _signaal(data, pad)
    if len(data) == 1:
        ((sleutel, waarde),) = data.items()
        maak = _ENKEL.get(sleutel)
        if maak is not None:
            return maak(waarde, f"{pad}.{sleutel}")
    soorten = ", ".join(sorted(_CONDITIESLEUTELS))
    onbekend = [k for k in data if k not in _CONDITIESLEUTELS]
    if onbekend:
        raise _onbekende_sleutel(
            pad,
            onbekend[0],
            _CONDITIESLEUTELS,
            "a key of a condition",
            f"unknown key; a condition has exactly one of the keys {soorten}",
        )
    raise _fout(pad, "<table>", f"a condition with exactly one of the keys {soorten}")


# --- nesting ----------------------------------------------------------------------------------


def _te_diep(data: object) -> list[str] | None:
    """The steps to the first table or list nested deeper than ``MAX_DIEPTE``, or ``None``.

    Iterative, so a decoded document of any depth is walked without ``RecursionError``; the
    document itself is level 1. A key that may not be shown is ``<key>``.
    """
    stapel: list[tuple[object, int, list[str]]] = [(data, 1, [])]
    while stapel:
        waarde, diepte, pad = stapel.pop()
        if isinstance(waarde, dict):
            delen: Iterator[tuple[str, object]] = (
                (f".{_veilige_sleutel(k) or '<key>'}", v) for k, v in waarde.items()
            )
        elif isinstance(waarde, list):
            delen = ((f"[{i}]", v) for i, v in enumerate(waarde))
        else:
            continue
        if diepte > MAX_DIEPTE:
            return pad
        stapel.extend((v, diepte + 1, [*pad, stap]) for stap, v in delen)
    return None


def _controleer_diepte(data: object, pad: str = "") -> None:
    stappen = _te_diep(data)
    if stappen is None:
        return
    # the first steps name the place (``regel[0].als``); the rest would be the same key again
    plek = (pad + "".join(stappen[:3])).lstrip(".") or "the profile"
    raise OngeldigeInvoer(
        [Fout(plek, "<table>", f"{plek} is nested more than {MAX_DIEPTE} levels deep")]
    )


# --- rules and profiles ---------------------------------------------------------------------


def _opdracht(d: object, pad: str) -> Opdracht:
    t = _tabel(d, pad, {"taak", "rol", "partij", "advies"}, {"taak", "rol"})
    partij = t.get("partij")
    return Opdracht(
        taak=_enum(Taak, t["taak"], f"{pad}.taak"),
        rol=_enum(Rol, t["rol"], f"{pad}.rol"),
        partij=None if partij is None else _enum(Partij, partij, f"{pad}.partij"),
        advies=_bool(t.get("advies", False), f"{pad}.advies"),
    )


def _termijn(d: object, pad: str) -> Opvolgtermijn:
    t = _tabel(d, pad, {"taak", "werkdagen", "partij"}, {"taak", "werkdagen"})
    partij = t.get("partij")
    return Opvolgtermijn(
        taak=_enum(Taak, t["taak"], f"{pad}.taak"),
        werkdagen=_int(t["werkdagen"], f"{pad}.werkdagen", _WERKDAGEN),
        partij=None if partij is None else _enum(Partij, partij, f"{pad}.partij"),
    )


def _conclusie(d: object, pad: str) -> Conclusie:
    sleutels = {"beslissingen", "contacten", "acties", "opvolging", "ontbrekende_consultaties"}
    t = _tabel(d, pad, sleutels, set())
    return Conclusie(
        beslissingen=frozenset(
            _enums(Beslispunt, t.get("beslissingen", []), f"{pad}.beslissingen")
        ),
        contacten=_enums(Partij, t.get("contacten", []), f"{pad}.contacten"),
        acties=tuple(
            _opdracht(a, f"{pad}.acties[{i}]")
            for i, a in enumerate(_lijst(t.get("acties", []), f"{pad}.acties"))
        ),
        opvolging=tuple(
            _termijn(a, f"{pad}.opvolging[{i}]")
            for i, a in enumerate(_lijst(t.get("opvolging", []), f"{pad}.opvolging"))
        ),
        ontbrekende_consultaties=_enums(
            Partij, t.get("ontbrekende_consultaties", []), f"{pad}.ontbrekende_consultaties"
        ),
    )


def _regel_id(t: Mapping[str, Any], pad: str, profiel: str, gezien: dict[str, str]) -> str:
    """The rule's id, checked as the rule base checks it, but shown only as ``toon`` shows it."""
    regel_id = _tekst(t, "id", pad)
    plek = f"{pad}.id"
    shown = toon(regel_id)
    if len(regel_id) > _REGEL_ID_LENGTE or not _REGEL_ID.match(regel_id):
        raise OngeldigeInvoer(
            [
                Fout(
                    plek,
                    shown,
                    f"{plek} must look like '{profiel}.step.name': at most {_REGEL_ID_LENGTE} "
                    f"lower-case letters, digits, '-' and '.' (got {shown})",
                )
            ]
        )
    if not regel_id.startswith(f"{profiel}."):
        raise OngeldigeInvoer(
            [
                Fout(
                    plek,
                    shown,
                    f"{plek}: a rule of profile {profiel!r} must have an id starting with "
                    f"'{profiel}.' (got {shown})",
                )
            ]
        )
    if regel_id in gezien:
        raise OngeldigeInvoer(
            [Fout(plek, shown, f"{plek} is the id of {gezien[regel_id]} too (a duplicate id)")]
        )
    gezien[regel_id] = pad
    return regel_id


def _regel(
    d: object,
    pad: str,
    bestand: str,
    protocollen: frozenset[Protocol],
    profiel: str,
    gezien: dict[str, str],
) -> Regel:
    sleutels = {"id", "protocollen", "bestand", "sectie", "citaat", "als", "dan", "tenzij"}
    t = _tabel(d, pad, sleutels | {"toelichting"}, {"id", "sectie", "citaat", "als", "dan"})
    eigen = t.get("protocollen")
    return Regel(
        id=_regel_id(t, pad, profiel, gezien),
        protocollen=protocollen
        if eigen is None
        else frozenset(_protocollen(eigen, f"{pad}.protocollen")),
        bron=Bron(_tekst(t, "bestand", pad, bestand), _tekst(t, "sectie", pad)),
        citaat=_tekst(t, "citaat", pad),
        als=_conditie(t["als"], f"{pad}.als"),
        dan=_conclusie(t["dan"], f"{pad}.dan"),
        tenzij=frozenset(_enums(Beslispunt, t.get("tenzij", []), f"{pad}.tenzij")),
        toelichting=_tekst(t, "toelichting", pad, ""),
    )


def _kaart(d: object, pad: str) -> Contactgegevens:
    sleutels = {"partij", "organisatie", "telefoon", "email", "website"}
    t = _tabel(d, pad, sleutels, {"partij", "organisatie"})
    return Contactgegevens(
        partij=_enum(Partij, t["partij"], f"{pad}.partij"),
        organisatie=_tekst(t, "organisatie", pad),
        telefoon=_tekst(t, "telefoon", pad, ""),
        email=_tekst(t, "email", pad, ""),
        website=_tekst(t, "website", pad, ""),
    )


def _bewaartermijn(d: object, pad: str) -> Bewaartermijn:
    sleutels = {"vanaf", "jaren", "maanden", "grondslag", "toelichting"}
    t = _tabel(d, pad, sleutels, {"vanaf", "grondslag"})
    vanaf = _enum(Bewaarmoment, t["vanaf"], f"{pad}.vanaf")
    jaren = _int(t.get("jaren", 0), f"{pad}.jaren", _BEWAARTERMIJN)
    maanden = _int(t.get("maanden", 0), f"{pad}.maanden", _BEWAARTERMIJN)
    grondslag = _tekst(t, "grondslag", pad)
    toelichting = _tekst(t, "toelichting", pad, "")
    try:
        return Bewaartermijn(
            vanaf=vanaf, jaren=jaren, maanden=maanden, grondslag=grondslag, toelichting=toelichting
        )
    except OngeldigeInvoer as exc:  # name the key path of the file, not the class
        raise OngeldigeInvoer(
            [
                Fout(
                    f.veld.replace("Bewaartermijn.", f"{pad}."),
                    f.waarde,
                    f.melding.replace("Bewaartermijn.", f"{pad}."),
                )
                for f in exc.fouten
            ]
        ) from None


def _schakelaars(waarde: object) -> frozenset[str]:
    """The switches turned on; an unknown one is named as ``toon`` shows it (or ``<key>``)."""
    if not isinstance(waarde, dict):
        raise _fout("schakelaars", waarde, "a table")
    bekend = SCHAKELAARS.keys() | INGETROKKEN.keys()
    for naam in waarde:
        if naam not in bekend:
            known = ", ".join(sorted(SCHAKELAARS))
            raise _onbekende_sleutel(
                "schakelaars",
                naam,
                sorted(SCHAKELAARS),
                "a known schakelaar",
                f"unknown schakelaars; known: {known}",
            )
    # a withdrawn switch that is on is refused by ``Profiel``, with the reason
    return frozenset(naam for naam, aan in waarde.items() if _bool(aan, f"schakelaars.{naam}"))


def profiel_uit_dict(data: object) -> Profiel:
    """A ``Profiel`` from a decoded TOML (or JSON) table; every rule base check is run too.

    Raises ``OngeldigeInvoer`` for a malformed file (naming the key path) and
    ``OngeldigeRegelbasis`` when the profile's rules do not fit the national rule base.
    """
    _controleer_diepte(data)
    sleutels = {"naam", "titel", "bron", "protocollen", "rollen", "schakelaars"}
    sleutels |= {"bewaartermijn"}
    t = _tabel(
        data, "", sleutels | {"sociale_kaart", "regel"}, {"naam", "titel", "bron", "protocollen"}
    )
    naam = _tekst(t, "naam", "")
    if not _NAAM.match(naam):
        raise _fout("naam", naam, "1-40 lower-case letters, digits or '-', starting with a letter")
    bron = _tekst(t, "bron", "")
    # a profile belongs to an era: it names the protocol(s) it is written for, never by default
    protocollen = frozenset(_protocollen(t["protocollen"], "protocollen"))
    if not protocollen:
        raise _fout("protocollen", t["protocollen"], "a non-empty list of protocols")
    rollen = _tabel(t.get("rollen", {}), "rollen", {r.value for r in Rol}, set())
    gezien: dict[str, str] = {}
    profiel = Profiel(
        naam=naam,
        titel=_tekst(t, "titel", ""),
        bron=bron,
        protocollen=protocollen,
        regels=tuple(
            _regel(r, f"regel[{i}]", bron, protocollen, naam, gezien)
            for i, r in enumerate(_lijst(t.get("regel", []), "regel"))
        ),
        sociale_kaart=tuple(
            _kaart(k, f"sociale_kaart[{i}]")
            for i, k in enumerate(_lijst(t.get("sociale_kaart", []), "sociale_kaart"))
        ),
        rolnamen=tuple((Rol(naam), _tekst(rollen, naam, "rollen")) for naam in sorted(rollen)),
        schakelaars=_schakelaars(t.get("schakelaars", {})),
        bewaartermijn=None
        if "bewaartermijn" not in t
        else _bewaartermijn(t["bewaartermijn"], "bewaartermijn"),
    )
    for protocol in profiel.protocollen:
        profiel.regelbasis(protocol)  # check the rules against the national rule base now
    return profiel


# messages of ``tomllib`` that hold no part of the file, shown as they are
_TOML_MELDINGEN = frozenset(
    {
        "Invalid statement",
        "Expected newline or end of document after a statement",
        "Cannot overwrite a value",
        "Expected ']' at the end of a table declaration",
        "Expected ']]' at the end of an array declaration",
        "Expected '=' after a key in a key/value pair",
        "Invalid initial character for a key part",
        "Unclosed array",
        "Unclosed inline table",
        "Unescaped '\\' in a string",
        "Invalid hex value",
        "Escaped character is not a Unicode scalar value",
        "Unterminated string",
        "Invalid date or datetime",
        "Invalid value",
    }
)
# messages of ``tomllib`` that quote a key or a character of the file: said without it
_TOML_ZONDER_WAARDE = (
    ("Cannot declare ", "a table is declared twice"),
    ("Cannot mutate immutable namespace ", "a table given inline is extended later"),
    ("Cannot redefine namespace ", "an array of tables is redefined"),
    ("Duplicate inline table key ", "a key is given twice in an inline table"),
    ("Found invalid character ", "a character that is not allowed here"),
    ("Illegal character ", "a control character that TOML does not allow"),
)
_TOML_PLEK = re.compile(r"^(?P<melding>.*) \(at (?P<plek>line \d+, column \d+|end of document)\)$")


def _toml_fout(exc: tomllib.TOMLDecodeError) -> str:
    """What is wrong and where (line and column), without any text of the file."""
    gevonden = _TOML_PLEK.match(str(exc))
    if gevonden is None:
        return "not valid TOML"
    melding, plek = gevonden["melding"], gevonden["plek"]
    if melding not in _TOML_MELDINGEN and not re.fullmatch(r"Expected '[^']{1,4}'", melding):
        melding = next(
            (zonder for begin, zonder in _TOML_ZONDER_WAARDE if melding.startswith(begin)),
            "a syntax error",
        )
    return f"not valid TOML ({melding} at {plek})"


def profiel_uit_toml(tekst: str | bytes) -> Profiel:
    """A ``Profiel`` from TOML text (or its UTF-8 bytes).

    Text that is not UTF-8 or not TOML, or nested more than ``MAX_DIEPTE`` levels deep, raises
    ``OngeldigeInvoer`` saying where (never with text of the file).
    """
    tekst = decodeer(tekst)
    try:
        data = tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as exc:
        raise OngeldigeInvoer([Fout("", "<text>", _toml_fout(exc))]) from None
    except RecursionError:  # brackets nested far deeper than any profile needs
        raise OngeldigeInvoer(
            [Fout("", "<text>", f"the profile is nested more than {MAX_DIEPTE} levels deep")]
        ) from None
    return profiel_uit_dict(data)


def _map() -> Traversable:
    # package data in meldcode/profielen, read without importing it as a subpackage
    return resources.files("meldcode").joinpath("profielen")


def beschikbare_profielen() -> tuple[str, ...]:
    """The names of the profiles shipped with meldcode (``meldcode profielen`` lists them)."""
    map_ = _map()
    return tuple(
        sorted(p.name.removesuffix(".toml") for p in map_.iterdir() if p.name.endswith(".toml"))
    )


def _toon_bestand(pad: Path) -> str:
    """A profile file for a message: its name when that is plain, never its folders.

    A folder (``/home/jan.de.vries/``) or a name with spaces (``Jan de Vries.toml``) may name a
    person: the file is then ``<file>``.
    """
    naam = pad.name
    if _BESTANDSNAAM.match(naam) and sum(c.isdigit() for c in naam) <= 8:
        return repr(naam)
    return "<file>"


def laad_profiel(naam_of_pad: str) -> Profiel:
    """A shipped profile by name (``"vcog"``, ``"fedra"``) or a profile file by path.

    A value ending in ``.toml`` or naming an existing file is read as a path. A file that
    cannot be read, or is not UTF-8 or TOML, raises ``OngeldigeInvoer`` naming the file (as
    ``_toon_bestand`` shows it) under the field ``profiel``.
    """
    pad = Path(naam_of_pad)
    if naam_of_pad.endswith(".toml") or pad.is_file():
        bestand = _toon_bestand(pad)
        try:
            inhoud = pad.read_bytes()
        except OSError as exc:
            reden = {
                FileNotFoundError: "not found",
                IsADirectoryError: "a folder, not a file",
                PermissionError: "no permission to read it",
            }.get(type(exc), f"cannot be read ({type(exc).__name__})")
            raise OngeldigeInvoer(
                [Fout("profiel", bestand, f"profile file {bestand}: {reden}")]
            ) from None
        try:
            return profiel_uit_toml(inhoud)
        except OngeldigeInvoer as exc:  # a problem of the whole file: say which file
            if any(f.veld for f in exc.fouten):
                raise
            raise OngeldigeInvoer(
                [
                    Fout("profiel", f.waarde, f"profile file {bestand}: {f.melding}")
                    for f in exc.fouten
                ]
            ) from None
    if naam_of_pad not in beschikbare_profielen():
        shown = toon(naam_of_pad)
        raise OngeldigeInvoer(
            [
                Fout(
                    "profiel",
                    shown,
                    f"profiel must be a file or one of {', '.join(beschikbare_profielen())} "
                    f"(got {shown})",
                )
            ]
        )
    return profiel_uit_toml(_map().joinpath(f"{naam_of_pad}.toml").read_bytes())
