"""Free text encrypted at rest: AES-256-GCM per field, with a key from the environment or a file.

The structured part of a dossier event (its kind, dates, roles, the answers of the weging) is
pseudonymous and stays readable, so the step progression, the deadlines, retention and the
evaluation figures work without the key. Its free text (``omschrijving``, ``situatie``,
``overwegingen``, ... — every text field the domain keeps out of ``repr``) is personal data about
a child and a family: when a key is configured, each such field is stored as
``{"versleuteld": "v1.<key id>.<nonce and ciphertext, base64url>"}`` instead of the text.

- The cipher is AES-256-GCM from the ``cryptography`` package (``pip install
  'meldcode[privacy]'``); a fresh 96-bit nonce per field. The associated data binds each
  ciphertext to its place (dossier id, sequence number, field path): a ciphertext copied to
  another event or field does not decrypt.
- The key comes from ``$MELDCODE_TEKSTSLEUTEL`` (the key text) or from a key file named by
  ``$MELDCODE_TEKSTSLEUTELBESTAND`` (or by a path the caller passes), never from a command-line
  argument. A key file must be readable by its owner only; ``schrijf_sleutelbestand`` creates one
  with mode 0600. The key text is 32 random bytes, base64url.
- The key id (``kenmerk``) is an HMAC of the key: it tells a wrong key from a damaged
  ciphertext without revealing the key.

Nothing here logs, and no error message contains free text, a key or a ciphertext.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

from meldcode.errors import EngineNietBeschikbaar, SleutelFout

__all__ = [
    "SLEUTELBESTAND_OMGEVING",
    "SLEUTEL_OMGEVING",
    "VERBORGEN",
    "VERSLEUTELD",
    "Tekstsleutel",
    "lees_geheim_bestand",
    "lees_sleutelbestand",
    "ontsleutel_velden",
    "schrijf_sleutelbestand",
    "sleutel_uit_omgeving",
    "sleutelkenmerken",
    "versleutel_velden",
    "vrije_tekstpaden",
    "zonder_vrije_tekst",
]

SLEUTEL_OMGEVING = "MELDCODE_TEKSTSLEUTEL"
"""Environment variable holding the key text (base64url of 32 bytes)."""

SLEUTELBESTAND_OMGEVING = "MELDCODE_TEKSTSLEUTELBESTAND"
"""Environment variable naming a key file (mode 0600) that holds the key text."""

VERBORGEN = "…"
"""What a non-empty free-text field reads as without its text: present, but not shown."""

VERSLEUTELD = "versleuteld"
"""The only key of the JSON object that stands for an encrypted text field."""

_VERSIE = "v1"
_LENGTE = 32
_NONCE = 12


def _aesgcm() -> Any:
    try:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    except ImportError:
        raise EngineNietBeschikbaar(
            "encryption at rest needs the cryptography package: pip install 'meldcode[privacy]'"
        ) from None
    return AESGCM


@attrs.frozen
class Tekstsleutel:
    """A 256-bit key for the free text of dossiers. Never shown: ``repr`` gives its id only."""

    _bytes: bytes = attrs.field(repr=False, alias="ruw")

    def __attrs_post_init__(self) -> None:
        ruw: object = self._bytes
        if not isinstance(ruw, bytes) or len(ruw) != _LENGTE:
            raise SleutelFout("a key must be exactly 32 bytes (base64url text of 43-44 characters)")

    def __repr__(self) -> str:
        return f"Tekstsleutel(kenmerk={self.kenmerk!r})"

    @classmethod
    def nieuw(cls) -> Tekstsleutel:
        """A fresh random key (``os.urandom``)."""
        return cls(os.urandom(_LENGTE))

    @classmethod
    def uit_tekst(cls, tekst: str, *, herkomst: str) -> Tekstsleutel:
        """The key from its text form; ``herkomst`` names where it came from (for errors)."""
        schoon = tekst.strip()
        try:
            ruw = base64.urlsafe_b64decode(schoon + "=" * (-len(schoon) % 4))
        except (binascii.Error, ValueError):
            raise SleutelFout(f"{herkomst}: not a base64url key") from None
        if len(ruw) != _LENGTE:
            raise SleutelFout(f"{herkomst}: a key must decode to 32 bytes (got {len(ruw)})")
        return cls(ruw)

    def tekst(self) -> str:
        """The key's text form (base64url), for a key file."""
        return base64.urlsafe_b64encode(self._bytes).decode("ascii")

    @property
    def kenmerk(self) -> str:
        """A short id of the key (HMAC-SHA256, 16 hex digits): which key, not the key."""
        return hmac.new(self._bytes, b"meldcode sleutelkenmerk", hashlib.sha256).hexdigest()[:16]

    def versleutel(self, tekst: str, context: str) -> str:
        """``tekst`` encrypted and bound to ``context`` (the field's place)."""
        nonce = os.urandom(_NONCE)
        geheim = _aesgcm()(self._bytes).encrypt(
            nonce, tekst.encode("utf-8"), context.encode("utf-8")
        )
        inhoud = base64.urlsafe_b64encode(nonce + geheim).decode("ascii").rstrip("=")
        return f"{_VERSIE}.{self.kenmerk}.{inhoud}"

    def ontsleutel(self, waarde: object, context: str) -> str:
        """The text of a value made by ``versleutel`` with the same key and ``context``."""
        delen = waarde.split(".") if isinstance(waarde, str) else []
        if len(delen) != 3 or delen[0] != _VERSIE:
            raise SleutelFout(f"{context}: not an encrypted value of this version")
        if delen[1] != self.kenmerk:
            raise SleutelFout(
                f"{context}: encrypted with another key (key id {delen[1]}, this key "
                f"{self.kenmerk})"
            )
        try:
            ruw = base64.urlsafe_b64decode(delen[2] + "=" * (-len(delen[2]) % 4))
        except (binascii.Error, ValueError):
            raise SleutelFout(f"{context}: the encrypted value is damaged") from None
        from cryptography.exceptions import InvalidTag

        try:
            tekst = _aesgcm()(self._bytes).decrypt(
                ruw[:_NONCE], ruw[_NONCE:], context.encode("utf-8")
            )
        except (InvalidTag, ValueError):
            raise SleutelFout(
                f"{context}: the encrypted value is damaged or belongs to another place"
            ) from None
        return bytes(tekst).decode("utf-8")


def _controleer_rechten(pad: Path) -> None:
    try:
        modus = pad.stat().st_mode
    except FileNotFoundError:
        raise SleutelFout(f"{pad}: key file not found") from None
    except OSError as exc:
        raise SleutelFout(f"{pad}: cannot read key file ({type(exc).__name__})") from None
    if os.name == "posix" and modus & (stat.S_IRWXG | stat.S_IRWXO):
        raise SleutelFout(
            f"{pad}: key file is readable by others (mode {stat.S_IMODE(modus):04o}); "
            "make it 0600 (chmod 600)"
        )


def lees_geheim_bestand(pad: str | os.PathLike[str]) -> str:
    """The text of a key file (any secret: a text key, an API key), without surrounding space.

    Refused (``SleutelFout``) when the file is readable by group or others, missing, unreadable
    or not ASCII; the message names the file, never its content.
    """
    bestand = Path(pad)
    _controleer_rechten(bestand)
    try:
        return bestand.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise SleutelFout(f"{bestand}: cannot read key file ({type(exc).__name__})") from None


def lees_sleutelbestand(pad: str | os.PathLike[str]) -> Tekstsleutel:
    """The key in a key file; refused when the file is readable by group or others."""
    return Tekstsleutel.uit_tekst(lees_geheim_bestand(pad), herkomst=str(Path(pad)))


def schrijf_sleutelbestand(pad: str | os.PathLike[str]) -> Tekstsleutel:
    """Create a key file with a fresh key, mode 0600; an existing file is never overwritten."""
    sleutel = Tekstsleutel.nieuw()
    try:
        fd = os.open(os.fspath(pad), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise SleutelFout(f"{os.fspath(pad)}: exists; a key file is never overwritten") from None
    with os.fdopen(fd, "w", encoding="ascii") as uit:
        uit.write(sleutel.tekst() + "\n")
    return sleutel


def sleutel_uit_omgeving(
    omgeving: Mapping[str, str] | None = None, *, bestand: str | os.PathLike[str] | None = None
) -> Tekstsleutel | None:
    """The configured key, or ``None`` when none is configured (free text is then stored as is).

    Looked for in ``bestand`` (a path, never the key itself), else the file named by
    ``$MELDCODE_TEKSTSLEUTELBESTAND``, else the key text in ``$MELDCODE_TEKSTSLEUTEL``.
    """
    env = os.environ if omgeving is None else omgeving
    pad = bestand or env.get(SLEUTELBESTAND_OMGEVING)
    if pad:
        return lees_sleutelbestand(pad)
    tekst = env.get(SLEUTEL_OMGEVING)
    if tekst:
        return Tekstsleutel.uit_tekst(tekst, herkomst=f"${SLEUTEL_OMGEVING}")
    return None


# --- free text of events -------------------------------------------------------------------


def vrije_tekstpaden(waarde: object, pad: str = "") -> tuple[str, ...]:
    """The dotted paths of the free-text fields in an attrs object (events, signals, ...).

    Free text is what the domain keeps out of ``repr``: every text field declared with
    ``repr=False``. Nested attrs objects are followed (``signaal.omschrijving``,
    ``vervanging.situatie``).
    """
    soort = type(waarde)
    if not attrs.has(soort):
        return ()
    paden: list[str] = []
    for a in attrs.fields(soort):
        v = getattr(waarde, a.name)
        plek = f"{pad}.{a.name}" if pad else a.name
        if isinstance(v, str) and a.repr is False:
            paden.append(plek)
        elif attrs.has(type(v)):
            paden.extend(vrije_tekstpaden(v, plek))
    return tuple(paden)


def zonder_vrije_tekst(waarde: Any) -> Any:
    """A copy of an attrs object with every non-empty free-text field replaced by ``VERBORGEN``.

    Nested objects too. Whether a field was filled in stays visible (the record-keeping checks
    need that), its text does not. What counts or checks without reading text — the evaluation
    figures, retention, the step progression — works on this view, so free text never enters
    them.
    """
    if not attrs.has(type(waarde)):
        return waarde
    wijzig: dict[str, Any] = {}
    for a in attrs.fields(type(waarde)):
        v = getattr(waarde, a.name)
        if isinstance(v, str) and a.repr is False and v and v != VERBORGEN:
            wijzig[a.alias or a.name] = VERBORGEN
        elif attrs.has(type(v)):
            nieuw = zonder_vrije_tekst(v)
            if nieuw is not v:
                wijzig[a.alias or a.name] = nieuw
    return attrs.evolve(waarde, **wijzig) if wijzig else waarde


def _zet(data: dict[str, Any], pad: str, maak: Callable[[str, str], Any]) -> None:
    *boven, laatste = pad.split(".")
    plek: Any = data
    for deel in boven:
        plek = plek[deel]
    tekst = plek[laatste]
    if isinstance(tekst, str) and tekst:
        plek[laatste] = maak(tekst, pad)


def versleutel_velden(
    data: dict[str, Any], paden: tuple[str, ...], sleutel: Tekstsleutel, context: str
) -> dict[str, Any]:
    """``data`` (an event as JSON-ready dict) with the text at each of ``paden`` encrypted.

    ``data`` is changed in place and returned. Each ciphertext is bound to ``context`` plus its
    path. Empty text stays empty.
    """
    for pad in paden:
        _zet(data, pad, lambda t, p: {VERSLEUTELD: sleutel.versleutel(t, f"{context}:{p}")})
    return data


def _is_versleuteld(waarde: object) -> bool:
    return isinstance(waarde, dict) and set(waarde) == {VERSLEUTELD}


def sleutelkenmerken(data: object) -> frozenset[str]:
    """The ids of the keys that encrypted fields of a decoded stored event (empty: none)."""
    if _is_versleuteld(data):
        assert isinstance(data, dict)
        delen = str(data[VERSLEUTELD]).split(".")
        return frozenset({delen[1] if len(delen) == 3 else "?"})
    if isinstance(data, dict):
        return frozenset().union(*(sleutelkenmerken(v) for v in data.values()))
    if isinstance(data, list):
        return frozenset().union(*(sleutelkenmerken(v) for v in data))
    return frozenset()


def ontsleutel_velden(
    data: object,
    sleutel: Tekstsleutel | None,
    context: str,
    *,
    tekst: bool | None = True,
    pad: str = "",
) -> Any:
    """A decoded stored event with every encrypted field replaced by its text.

    With ``tekst=False`` encrypted fields become ``VERBORGEN`` and no key is needed; with
    ``tekst=None`` they are decrypted when there is a key and ``VERBORGEN`` when there is none.
    With ``tekst=True`` and no key an encrypted field raises ``SleutelFout`` (naming the dossier
    and field, never content).
    """
    if _is_versleuteld(data):
        if tekst is False or (tekst is None and sleutel is None):
            return VERBORGEN
        if sleutel is None:
            raise SleutelFout(
                f"{context}, field {pad}: the text is encrypted and no key is configured "
                f"(set ${SLEUTELBESTAND_OMGEVING} to a key file, or ${SLEUTEL_OMGEVING})"
            )
        assert isinstance(data, dict)
        return sleutel.ontsleutel(data[VERSLEUTELD], f"{context}:{pad}")
    if isinstance(data, dict):
        return {
            k: ontsleutel_velden(v, sleutel, context, tekst=tekst, pad=f"{pad}.{k}" if pad else k)
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [
            ontsleutel_velden(v, sleutel, context, tekst=tekst, pad=f"{pad}[{i}]")
            for i, v in enumerate(data)
        ]
    return data
