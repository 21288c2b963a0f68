"""A decision (``Besluit``): what the school must do now, and on which grounds."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable

import attrs
from attrs import field, frozen

from meldcode.domain._validatie import (
    valideer_bool,
    valideer_code,
    valideer_datum,
    valideer_enum,
    valideer_int_bereik,
    valideer_protocol,
    valideer_pseudoniem,
    valideer_tekst,
    valideer_tuple_van,
)
from meldcode.domain.waarden import Beslispunt, Partij, Protocol, Rol, Taak, Vraag

__all__ = ["Actie", "Besluit", "Contactgegevens", "Grond", "Opvolging", "Waarschuwing"]


@frozen(kw_only=True)
class Grond:
    """Een grond: de regel die heeft gevuurd, met bronbestand, sectie en het letterlijke citaat."""

    regel: str = field(validator=valideer_tekst)
    bestand: str = field(validator=valideer_tekst)
    sectie: str = field(validator=valideer_tekst)
    citaat: str = field(validator=valideer_tekst)
    toelichting: str = field(default="", validator=valideer_tekst)

    @property
    def bron(self) -> str:
        """``bestand, sectie``: the citation as the JSON contract writes it."""
        return f"{self.bestand}, {self.sectie}"


@frozen(kw_only=True)
class Actie:
    """Een actie: wat moet gebeuren (``taak``), door wie (``rol``), en op grond van welke regel.

    ``partij`` is the party the action concerns (whom to contact or consult), if any;
    ``advies`` marks an action the source advises rather than requires.
    """

    taak: Taak = field(validator=valideer_enum(Taak))
    rol: Rol = field(validator=valideer_enum(Rol))
    regel: str = field(validator=valideer_tekst)
    partij: Partij | None = field(default=None, validator=valideer_enum(Partij, optional=True))
    advies: bool = field(default=False, validator=valideer_bool)


@frozen(kw_only=True)
class Opvolging:
    """Een opvolging met een termijn: wat moet binnen hoeveel werkdagen gebeurd zijn.

    ``datum`` is the case's ``datum`` plus ``werkdagen`` working days (Monday to Friday, without
    public holidays unless a calendar is given), or ``None`` when the case has no date.
    """

    taak: Taak = field(validator=valideer_enum(Taak))
    werkdagen: int = field(validator=valideer_int_bereik(1, 366, optional=False))
    regel: str = field(validator=valideer_tekst)
    datum: dt.date | None = field(default=None, validator=valideer_datum(optional=True))
    partij: Partij | None = field(default=None, validator=valideer_enum(Partij, optional=True))


@frozen(kw_only=True)
class Contactgegevens:
    """Een regel van de sociale kaart: organisatie, telefoon, e-mail en website van een partij.

    Values are copied from the sociale kaart printed in the profile's source; empty when the
    source leaves them blank.
    """

    partij: Partij = field(validator=valideer_enum(Partij))
    organisatie: str = field(validator=valideer_tekst)
    telefoon: str = field(default="", validator=valideer_tekst)
    email: str = field(default="", validator=valideer_tekst)
    website: str = field(default="", validator=valideer_tekst)


@frozen(kw_only=True)
class Waarschuwing:
    """Een waarschuwing: de invoer is tegenstrijdig of onwaarschijnlijk en wordt niet stil opgelost.

    ``code`` is stable (``tegenstrijdig.vermoeden-nee-ernstig-letsel``), ``tekst`` the Dutch
    explanation for professionals, ``regel`` the rule that raised it (empty for a warning of the
    reader). Never contains free text from the case.
    """

    code: str = field(validator=valideer_code)
    tekst: str = field(validator=valideer_tekst)
    regel: str = field(default="", validator=valideer_tekst)


@frozen(kw_only=True)
class Besluit:
    """Het besluit over een casus volgens één protocol.

    Every ``True`` decision is carried by at least one ``Grond``. ``volgende_vraag`` names the
    unanswered afweging the decision still depends on, or is ``None`` when it is complete.
    ``acties`` say who does what, ``opvolging`` what must follow by which date,
    ``ontbrekende_consultaties`` the consultations a profile requires that the case does not
    record yet, ``contacten_details`` the sociale kaart entries of ``contacten``, and
    ``waarschuwingen`` what in the case contradicts itself (never resolved silently).
    """

    protocol: Protocol = field(validator=valideer_protocol(optional=False))
    melden: bool = field(default=False, validator=valideer_bool)
    hulp_organiseren: bool = field(default=False, validator=valideer_bool)
    dossier_sluiten: bool = field(default=False, validator=valideer_bool)
    veilig_thuis_raadplegen: bool = field(default=False, validator=valideer_bool)
    spoed: bool = field(default=False, validator=valideer_bool)
    oudergesprek_overslaan: bool = field(default=False, validator=valideer_bool)
    bespreken_met_kind: bool = field(default=False, validator=valideer_bool)
    volgende_vraag: Vraag | None = field(
        default=None, validator=valideer_enum(Vraag, optional=True)
    )
    contacten: tuple[Partij, ...] = field(default=(), validator=valideer_tuple_van(Partij))
    gronden: tuple[Grond, ...] = field(default=(), validator=valideer_tuple_van(Grond))
    referentie: str | None = field(default=None, validator=valideer_pseudoniem)
    acties: tuple[Actie, ...] = field(default=(), validator=valideer_tuple_van(Actie))
    opvolging: tuple[Opvolging, ...] = field(default=(), validator=valideer_tuple_van(Opvolging))
    ontbrekende_consultaties: tuple[Partij, ...] = field(
        default=(), validator=valideer_tuple_van(Partij)
    )
    contacten_details: tuple[Contactgegevens, ...] = field(
        default=(), validator=valideer_tuple_van(Contactgegevens)
    )
    waarschuwingen: tuple[Waarschuwing, ...] = field(
        default=(), validator=valideer_tuple_van(Waarschuwing)
    )

    def beslist(self, punt: Beslispunt) -> bool:
        """The value of one decision, by its ``Beslispunt``."""
        value: bool = getattr(self, punt.value)
        return value

    def met(
        self, *, referentie: str | None, opvolging: tuple[Opvolging, ...] | None = None
    ) -> Besluit:
        """The same decision for one case: its ``referentie``, and its dated ``opvolging``.

        Only the fields replaced are validated (by their own validators, with the same
        errors); every other field was validated when this ``Besluit`` was built and, frozen,
        cannot have changed. An engine that keeps one decision for many cases with the same
        answers gives each case its own this way, at a third of the constructor's cost.
        """
        _REFERENTIE.validator(self, _REFERENTIE, referentie)  # type: ignore[misc]
        if opvolging is None:
            opvolging = self.opvolging
        else:
            _OPVOLGING.validator(self, _OPVOLGING, opvolging)  # type: ignore[misc]
        return _kopie(self, referentie, opvolging)

    @property
    def volledig(self) -> bool:
        """``True`` when no unanswered afweging can change this decision."""
        return self.volgende_vraag is None

    def _repr_html_(self) -> str:
        """The decision as an HTML table, for Jupyter: decisions, next question, contacts, grounds.

        Every value is escaped (a profile's text or a quote may hold ``<`` or ``&``).
        """
        import html  # only a notebook shows this: not loaded for the rest (a cold start)

        e = html.escape
        kop = f"Besluit volgens protocol {e(self.protocol.value)}"
        if self.referentie is not None:
            kop += f" (referentie {e(self.referentie)})"
        rijen = [
            f"<tr><th>{e(label)}</th><td>{'ja' if getattr(self, naam) else 'nee'}</td></tr>"
            for naam, label in _LABELS
        ]
        vraag = (
            "geen: het besluit is volledig"
            if self.volgende_vraag is None
            else self.volgende_vraag.value
        )
        rijen.append(f"<tr><th>Volgende vraag</th><td>{e(vraag)}</td></tr>")
        contacten = ", ".join(p.value for p in self.contacten) or "geen"
        rijen.append(f"<tr><th>Contacten</th><td>{e(contacten)}</td></tr>")
        gronden = [
            "<tr>"
            + "".join(
                f"<td>{e(w)}</td>" for w in (g.regel, g.bestand, g.sectie, g.citaat, g.toelichting)
            )
            + "</tr>"
            for g in self.gronden
        ]
        koppen = "".join(
            f"<th>{k}</th>" for k in ("Regel", "Bestand", "Sectie", "Citaat", "Toelichting")
        )
        grondtabel = (
            f"<table><caption>Gronden</caption><thead><tr>{koppen}</tr></thead>"
            f"<tbody>{''.join(gronden)}</tbody></table>"
            if gronden
            else "<p>Gronden: geen (geen regel heeft gevuurd)</p>"
        )
        return (
            f'<div class="meldcode-besluit"><table><caption>{kop}</caption>'
            f"<tbody>{''.join(rijen)}</tbody></table>{grondtabel}</div>"
        )


#: the decisions of a ``Besluit`` with their Dutch labels, in the contract's order
_LABELS: tuple[tuple[str, str], ...] = (
    ("melden", "Melden bij Veilig Thuis"),
    ("hulp_organiseren", "Hulp organiseren en effect volgen"),
    ("dossier_sluiten", "Dossier vastleggen en sluiten"),
    ("veilig_thuis_raadplegen", "Veilig Thuis raadplegen"),
    ("spoed", "Spoed: direct contact opnemen"),
    ("oudergesprek_overslaan", "Gesprek met de ouders mag vervallen"),
    ("bespreken_met_kind", "Melding ook bespreken met het kind"),
)


_REFERENTIE = attrs.fields(Besluit).referentie
_OPVOLGING = attrs.fields(Besluit).opvolging


def _kopieerder() -> Callable[[Besluit, str | None, tuple[Opvolging, ...]], Besluit]:
    """``Besluit.met``'s copy as one generated function of every field, in field order.

    Generated the way attrs generates ``__init__``: only ``Besluit``'s own field names go into
    the source. Each field is set through its slot's own descriptor (what
    ``object.__setattr__`` finds by name on every call: a copy costs about 0.9 instead of
    1.4 µs), or by ``object.__setattr__`` for a field without a slot.
    """
    regels = ["def kopie(b, referentie, opvolging):", "    n = nieuw(Besluit)"]
    namen: dict[str, object] = {
        "nieuw": object.__new__,
        "zet": object.__setattr__,
        "Besluit": Besluit,
    }
    for a in attrs.fields(Besluit):
        if not a.name.isidentifier():  # pragma: no cover - attrs field names are identifiers
            raise ValueError(f"not an identifier: {a.name!r}")
        waarde = a.name if a.name in ("referentie", "opvolging") else f"b.{a.name}"
        slot = Besluit.__dict__.get(a.name)
        if isinstance(slot, types.MemberDescriptorType):
            namen[f"zet_{a.name}"] = slot.__set__
            regels.append(f"    zet_{a.name}(n, {waarde})")
        else:  # pragma: no cover - Besluit is slotted; kept right should that change
            regels.append(f"    zet(n, {a.name!r}, {waarde})")
    regels.append("    return n")
    exec(compile("\n".join(regels), "<meldcode Besluit.met>", "exec"), namen)
    kopie: Callable[[Besluit, str | None, tuple[Opvolging, ...]], Besluit]
    kopie = namen["kopie"]  # type: ignore[assignment]
    return kopie


_kopie = _kopieerder()
