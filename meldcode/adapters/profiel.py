"""Read organisation profiles from TOML (stdlib ``tomllib``): rules, roles, sociale kaart, switches.

A profile is data, never code: conditions are written as the same small trees ``meldcode regels
--json`` prints (``{omstandigheid = "..."}``, ``{alle = [...]}``, ...), so a profile file is read,
checked and turned into the pure ``Profiel`` of ``meldcode.rules.profiel`` — nothing in it is
executed. Every problem raises ``OngeldigeInvoer`` naming the key path in the file and the value.

The profiles printed in the sources ship with the package (``meldcode/profielen/*.toml``):
``laad_profiel("vcog")`` or ``laad_profiel("path/to/own.toml")``.
"""

from __future__ import annotations

import enum
import tomllib
from collections.abc import Callable, Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

from meldcode.domain._validatie import toon
from meldcode.domain.besluit import Contactgegevens
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
from meldcode.rules.versies import PROTOCOLLEN

__all__ = [
    "beschikbare_profielen",
    "conditie_uit_dict",
    "laad_profiel",
    "profiel_uit_dict",
    "profiel_uit_toml",
]

_E = TypeVar("_E", bound=enum.Enum)


def _fout(pad: str, waarde: object, verwacht: str) -> OngeldigeInvoer:
    shown = toon(waarde)
    return OngeldigeInvoer([Fout(pad, shown, f"{pad} must be {verwacht} (got {shown})")])


def _tabel(data: object, pad: str, sleutels: set[str], verplicht: set[str]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise _fout(pad or "profile", data, "a table")
    onbekend = sorted(set(data) - sleutels)
    if onbekend:
        plek = f"{pad}.{onbekend[0]}" if pad else onbekend[0]
        raise OngeldigeInvoer(
            [Fout(plek, toon(onbekend[0]), f"{plek} is not a key of a profile (unknown key)")]
        )
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


def _int(waarde: object, pad: str) -> int:
    if isinstance(waarde, bool) or not isinstance(waarde, int):
        raise _fout(pad, waarde, "a whole number")
    return waarde


def _bool(waarde: object, pad: str) -> bool:
    if not isinstance(waarde, bool):
        raise _fout(pad, waarde, "true or false")
    return waarde


# --- conditions ------------------------------------------------------------------------------


def _antwoord(d: dict[str, Any], pad: str) -> Conditie:
    _tabel(d, pad, {"antwoord", "in"}, {"antwoord", "in"})
    vraag = _enum(Vraag, d["antwoord"], f"{pad}.antwoord")
    return Antwoord(vraag, frozenset(_enums(Oordeel, d["in"], f"{pad}.in")))


def _signaal(d: dict[str, Any], pad: str) -> Conditie:
    inner = _tabel(d["signaal"], f"{pad}.signaal", {"soorten", "kenmerk"}, set())
    soorten = frozenset(_enums(SoortSignaal, inner.get("soorten", []), f"{pad}.signaal.soorten"))
    kenmerk = inner.get("kenmerk")
    if kenmerk is not None and not isinstance(kenmerk, str):
        raise _fout(f"{pad}.signaal.kenmerk", kenmerk, "text")
    return ErIsSignaal(soorten=soorten, kenmerk=kenmerk)


_ENKEL: dict[str, Callable[[Any, str], Conditie]] = {
    "omstandigheid": lambda w, p: Omstandigheid(_tekst({"o": w}, "o", p)),
    "kind_leeftijd_vanaf": lambda w, p: KindLeeftijdVanaf(_int(w, p)),
    "kind_leeftijd_tot": lambda w, p: KindLeeftijdTot(_int(w, p)),
    "kind_ongeboren": lambda w, p: KindOngeboren() if _bool(w, p) else Niet(KindOngeboren()),
    "signaal_van": lambda w, p: SignaalVan(frozenset(_enums(SignaalBron, w, p))),
    "geconsulteerd": lambda w, p: Geconsulteerd(_enum(Partij, w, p)),
    "beslist": lambda w, p: Beslist(_enum(Beslispunt, w, p)),
    "alle": lambda w, p: Alle(_delen(w, p)),
    "een_van": lambda w, p: EenVan(_delen(w, p)),
    "niet": lambda w, p: Niet(conditie_uit_dict(w, p)),
}


def _delen(waarde: object, pad: str) -> tuple[Conditie, ...]:
    lijst = _lijst(waarde, pad)
    if not lijst:
        raise _fout(pad, waarde, "a non-empty list of conditions")
    return tuple(conditie_uit_dict(d, f"{pad}[{i}]") for i, d in enumerate(lijst))


def conditie_uit_dict(data: object, pad: str = "als") -> Conditie:
    """A condition tree from its dict form (as ``meldcode regels --json`` writes conditions).

    Raises ``OngeldigeInvoer`` naming the key path when the form is not one of the condition
    types of ``meldcode.rules.model``.
    """
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
    soorten = ", ".join(sorted([*_ENKEL, "antwoord", "signaal"]))
    raise _fout(pad, "<table>", f"a condition with exactly one of the keys {soorten}")


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
        werkdagen=_int(t["werkdagen"], f"{pad}.werkdagen"),
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


def _regel(d: object, pad: str, bestand: str, protocollen: frozenset[Protocol]) -> Regel:
    sleutels = {"id", "protocollen", "bestand", "sectie", "citaat", "als", "dan", "tenzij"}
    t = _tabel(d, pad, sleutels | {"toelichting"}, {"id", "sectie", "citaat", "als", "dan"})
    eigen = t.get("protocollen")
    return Regel(
        id=_tekst(t, "id", pad),
        protocollen=protocollen
        if eigen is None
        else frozenset(_protocollen(eigen, f"{pad}.protocollen")),
        bron=Bron(_tekst(t, "bestand", pad, bestand), _tekst(t, "sectie", pad)),
        citaat=_tekst(t, "citaat", pad),
        als=conditie_uit_dict(t["als"], f"{pad}.als"),
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
    jaren = _int(t.get("jaren", 0), f"{pad}.jaren")
    maanden = _int(t.get("maanden", 0), f"{pad}.maanden")
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


def profiel_uit_dict(data: object) -> Profiel:
    """A ``Profiel`` from a decoded TOML (or JSON) table; every rule base check is run too.

    Raises ``OngeldigeInvoer`` for a malformed file (naming the key path) and
    ``OngeldigeRegelbasis`` when the profile's rules do not fit the national rule base.
    """
    sleutels = {"naam", "titel", "bron", "protocollen", "rollen", "schakelaars"}
    sleutels |= {"bewaartermijn"}
    t = _tabel(
        data, "", sleutels | {"sociale_kaart", "regel"}, {"naam", "titel", "bron", "protocollen"}
    )
    bron = _tekst(t, "bron", "")
    # a profile belongs to an era: it names the protocol(s) it is written for, never by default
    protocollen = frozenset(_protocollen(t["protocollen"], "protocollen"))
    if not protocollen:
        raise _fout("protocollen", t["protocollen"], "a non-empty list of protocols")
    rollen = _tabel(t.get("rollen", {}), "rollen", {r.value for r in Rol}, set())
    schakelaars = t.get("schakelaars", {})
    if not isinstance(schakelaars, dict):
        raise _fout("schakelaars", schakelaars, "a table")
    profiel = Profiel(
        naam=_tekst(t, "naam", ""),
        titel=_tekst(t, "titel", ""),
        bron=bron,
        protocollen=protocollen,
        regels=tuple(
            _regel(r, f"regel[{i}]", bron, protocollen)
            for i, r in enumerate(_lijst(t.get("regel", []), "regel"))
        ),
        sociale_kaart=tuple(
            _kaart(k, f"sociale_kaart[{i}]")
            for i, k in enumerate(_lijst(t.get("sociale_kaart", []), "sociale_kaart"))
        ),
        rolnamen=tuple((Rol(naam), _tekst(rollen, naam, "rollen")) for naam in sorted(rollen)),
        schakelaars=frozenset(
            naam for naam, aan in schakelaars.items() if _bool(aan, f"schakelaars.{naam}")
        ),
        bewaartermijn=None
        if "bewaartermijn" not in t
        else _bewaartermijn(t["bewaartermijn"], "bewaartermijn"),
    )
    for protocol in profiel.protocollen:
        profiel.regelbasis(protocol)  # check the rules against the national rule base now
    return profiel


def profiel_uit_toml(tekst: str) -> Profiel:
    """A ``Profiel`` from TOML text."""
    try:
        data = tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as exc:
        raise OngeldigeInvoer([Fout("", "<text>", f"not valid TOML ({exc})")]) from None
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


def laad_profiel(naam_of_pad: str) -> Profiel:
    """A shipped profile by name (``"vcog"``, ``"fedra"``) or a profile file by path.

    A value ending in ``.toml`` or naming an existing file is read as a path.
    """
    pad = Path(naam_of_pad)
    if naam_of_pad.endswith(".toml") or pad.is_file():
        try:
            tekst = pad.read_text(encoding="utf-8")
        except OSError as exc:
            raise OngeldigeInvoer(
                [
                    Fout(
                        "",
                        repr(naam_of_pad),
                        f"{naam_of_pad}: cannot read profile ({type(exc).__name__})",
                    )
                ]
            ) from None
        return profiel_uit_toml(tekst)
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
    bestand = _map().joinpath(f"{naam_of_pad}.toml")
    return profiel_uit_toml(bestand.read_text(encoding="utf-8"))
