"""The exceptions of meldcode: one root, with builtin branches callers already catch.

Every message says what was expected, what was found and where. A message never contains free
text from a case (a signal's description): these are data about children.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "DossierGewijzigd",
    "DossierGewist",
    "DossierNietGevonden",
    "EngineNietBeschikbaar",
    "Fout",
    "MeldcodeError",
    "OngeldigeInvoer",
    "OngeldigeRegelbasis",
    "OpslagBeschadigd",
    "SleutelFout",
    "StapOntbreekt",
    "VolgnummerConflict",
]


class MeldcodeError(Exception):
    """Root of every error meldcode raises on purpose."""


class Fout:
    """One problem with one field of the input: where it is, what was found, what is wrong.

    ``waarde`` is a safe rendering of the offending value: never free text from the case.
    """

    __slots__ = ("melding", "veld", "waarde")

    def __init__(self, veld: str, waarde: str, melding: str) -> None:
        self.veld = veld
        self.waarde = waarde
        self.melding = melding

    def __repr__(self) -> str:
        return f"Fout(veld={self.veld!r}, waarde={self.waarde!r}, melding={self.melding!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Fout):
            return NotImplemented
        return (self.veld, self.waarde, self.melding) == (other.veld, other.waarde, other.melding)

    def __hash__(self) -> int:
        return hash((self.veld, self.waarde, self.melding))

    def __str__(self) -> str:
        return f"{self.melding} @ $.{self.veld}" if self.veld else self.melding

    def onder(self, voor: str) -> Fout:
        """The same problem, found inside ``voor`` (``vervanging``, ``[2]``): path and text say so.

        ``[2]`` + ``weging.vermoeden`` is ``[2].weging.vermoeden``; a message that begins with
        the old path begins with the new one.
        """
        if not self.veld:
            return Fout(voor, self.waarde, f"{voor}: {self.melding}")
        veld = (
            f"{voor}{self.veld}" if self.veld.startswith("[") or not voor else f"{voor}.{self.veld}"
        )
        if self.melding.startswith(self.veld):
            return Fout(veld, self.waarde, veld + self.melding[len(self.veld) :])
        return Fout(veld, self.waarde, self.melding)


class OngeldigeInvoer(MeldcodeError, ValueError):
    """Input that does not fit the domain or the JSON contract.

    ``fouten`` lists every problem found, each naming its field and value; the message is the
    first of them followed by a count of the rest.
    """

    def __init__(self, fouten: Sequence[Fout]) -> None:
        if not fouten:
            fouten = [Fout("", "", "invalid input")]
        self.fouten: tuple[Fout, ...] = tuple(fouten)
        first = str(self.fouten[0])
        rest = len(self.fouten) - 1
        message = first if rest == 0 else f"{first} (and {rest} more)"
        super().__init__(message)

    @property
    def veld(self) -> str:
        """The field of the first problem, as a dotted path (``weging.vermoeden``)."""
        return self.fouten[0].veld

    @property
    def waarde(self) -> str:
        """The safe rendering of the first problem's value."""
        return self.fouten[0].waarde


class OngeldigeRegelbasis(MeldcodeError, ValueError):
    """A rule base that is inconsistent; raised while it is built, never mid-evaluation."""

    def __init__(self, message: str) -> None:
        super().__init__(message)


class EngineNietBeschikbaar(MeldcodeError, RuntimeError):
    """An evaluation engine was asked for that cannot run here, with what to install."""

    def __init__(self, message: str) -> None:
        super().__init__(message)


class StapOntbreekt(MeldcodeError, ValueError):
    """An event that the meldcode does not allow yet: ``ontbreekt`` names the missing step.

    ``gebeurtenis`` is the kind of event that was refused (``melding_gedaan``), ``ontbreekt`` the
    step or record that must come first: a step (``stap 3``) or a contract key
    (``hulp_afgesproken``, ``gesprek_gevoerd.over_melding``); neither ever contains free text.
    """

    def __init__(self, gebeurtenis: str, ontbreekt: str, message: str) -> None:
        self.gebeurtenis = gebeurtenis
        self.ontbreekt = ontbreekt
        super().__init__(message)


class VolgnummerConflict(MeldcodeError, RuntimeError):
    """Another writer appended to the dossier first: re-read it and try again."""

    def __init__(self, dossier: str, verwacht: int, gevonden: int) -> None:
        self.dossier = dossier
        self.verwacht = verwacht
        self.gevonden = gevonden
        super().__init__(
            f"dossier {dossier!r} has {gevonden} event(s), expected {verwacht}: another writer "
            "appended first; re-read the dossier and try again"
        )


class DossierNietGevonden(MeldcodeError, LookupError):
    """No dossier with this pseudonymous id in the store."""

    def __init__(self, dossier: str) -> None:
        self.dossier = dossier
        super().__init__(f"no dossier {dossier!r} in this store")


class DossierGewijzigd(MeldcodeError, RuntimeError):
    """The stored events do not match their hash chain: edited or deleted outside meldcode.

    ``volgnummer`` is the first event whose record does not fit the chain; ``reden`` says how
    (English: "was edited (its hash does not match)").
    """

    def __init__(self, dossier: str, volgnummer: int, reden: str) -> None:
        self.dossier = dossier
        self.volgnummer = volgnummer
        self.reden = reden
        super().__init__(f"dossier {dossier!r}: event {volgnummer} {reden}")


class OpslagBeschadigd(MeldcodeError, RuntimeError):
    """The dossier store itself cannot be read: a truncated or corrupt file, not a database.

    Not a bug and not bad input: the store must be restored from a backup. ``adres`` is where
    the store is (the file the user named); ``reden`` what the database engine reported. meldcode
    writes nothing to a damaged store.
    """

    def __init__(self, adres: str, reden: str) -> None:
        self.adres = adres
        self.reden = reden
        super().__init__(
            f"the dossier store {adres} is damaged ({reden}); nothing was read or written: "
            "restore it from a backup"
        )


class DossierGewist(DossierNietGevonden):
    """The dossier was erased (end of its retention period, or an honoured request).

    Its chain remains, with a tombstone that says when (``datum``) and on which ground
    (``grond``); its content is gone. It is a ``DossierNietGevonden``: there is nothing to read.
    """

    def __init__(self, dossier: str, datum: str, grond: str) -> None:
        super().__init__(dossier)
        self.datum = datum
        self.grond = grond
        self.args = (f"dossier {dossier!r} was erased on {datum} (grond: {grond})",)


class SleutelFout(MeldcodeError, ValueError):
    """A key that is missing, malformed or another one, or text that does not decrypt with it.

    The message names the key's origin or the field's place (dossier id, event, field path):
    never a key, a ciphertext or the text.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
