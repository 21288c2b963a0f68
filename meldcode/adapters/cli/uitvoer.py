"""Files the command line writes: refused up front as bad input, logged only once written.

``meldcode privacy inzage -o FILE`` and ``meldcode exporteer -o FILE`` hand out data about a
child, and both are recorded in the store's register of exports (``privacy inzagelog``). The
register must say only what happened, so:

- ``Uitvoer`` checks the file before anything is read from the store: it makes a temporary file
  (mode 0600) beside it, so a folder that does not exist, a folder given as the file, or a
  place without write permission is bad input (exit 1) naming the option, and nothing is read
  or logged;
- the export is written to the temporary file, which then replaces the file in one step (a
  reader never sees half an export), and only then is the export logged
  (``ArchiefMetUitgesteldLog`` keeps its register rows until then). If logging fails the file
  is removed again: no export leaves without its row.

``bestandsfout`` says why a path cannot be written, for ``privacy sleutel PAD`` and ``--db`` too.
A message names the option and the reason, never the path: a file's name may be a child's.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from meldcode.adapters.opslag.archief import STANDAARD_ORGANISATIE, Archief, Opslag
from meldcode.adapters.opslag.inzagelog import Inzageregel
from meldcode.adapters.opslag.versleuteling import Tekstsleutel
from meldcode.errors import Fout, OngeldigeInvoer

__all__ = ["ArchiefMetUitgesteldLog", "Uitvoer", "bestandsfout", "reden", "uitvoer_optie"]


def uitvoer_optie(parser: Any) -> None:
    """Add ``-o/--uitvoer FILE`` to a command that writes an export (the register follows it)."""
    parser.add_argument(
        "-o",
        "--uitvoer",
        default=None,
        metavar="FILE",
        help="file to write (mode 0600; default: stdout); logged only once it is written",
    )


def reden(exc: OSError) -> str:
    """Why a path cannot be written (or opened), in a few words, without the path."""
    if isinstance(exc, FileNotFoundError):
        return "its folder does not exist"
    if isinstance(exc, IsADirectoryError):
        return "it is a folder, not a file"
    if isinstance(exc, NotADirectoryError):
        return "a part of its path is not a folder"
    if isinstance(exc, PermissionError):
        return "no permission to write there"
    if isinstance(exc, FileExistsError):
        return "a file exists there"
    bekend = {
        errno.ENAMETOOLONG: "its name is too long",
        errno.EROFS: "the file system is read-only",
        errno.ENOSPC: "no space is left on the device",
        errno.EDQUOT: "the disk quota is exceeded",
    }
    return bekend.get(exc.errno or 0, f"it cannot be written ({type(exc).__name__})")


def bestandsfout(
    veld: str, optie: str, waarom: str, wat: str = "the file cannot be written"
) -> OngeldigeInvoer:
    """Bad input naming ``optie`` (``-o/--uitvoer``, ``PAD``, ``--db``) and why; not the path."""
    return OngeldigeInvoer([Fout(veld, "<path>", f"{optie}: {wat}: {waarom}; nothing was written")])


class Uitvoer:
    """The file of ``-o`` (``veld``, ``optie`` for messages), checked when made; see the module.

    A device or a pipe that exists (``/dev/stdout``) is opened and written as it is; any other
    path gets a temporary file beside it, which ``schrijf`` puts in its place. Use it as a
    context manager: leaving it unwritten removes the temporary file.
    """

    def __init__(self, pad: str, *, veld: str = "uitvoer", optie: str = "-o/--uitvoer") -> None:
        self._veld = veld
        self._optie = optie
        self._tijdelijk: Path | None = None
        self._fd: int | None = None
        # a symbolic link is followed, as opening the path for writing would
        doel = Path(os.path.realpath(pad)) if os.path.islink(pad) else Path(pad)
        self._doel = doel
        try:
            toestand = doel.stat()
        except FileNotFoundError:
            toestand = None
        except OSError as exc:
            raise self._fout(reden(exc)) from None
        if toestand is not None and stat.S_ISDIR(toestand.st_mode):
            raise self._fout("it is a folder, not a file")
        try:
            if toestand is not None and not stat.S_ISREG(toestand.st_mode):
                self._fd = os.open(doel, os.O_WRONLY)
                return
            if toestand is not None and not os.access(doel, os.W_OK):
                raise PermissionError(errno.EACCES, "read-only")
            # an export holds data about a child: readable by its owner only
            tijdelijk = doel.with_name(f".{doel.name}.{os.urandom(6).hex()}.tmp")
            self._fd = os.open(tijdelijk, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            self._tijdelijk = tijdelijk
        except OSError as exc:
            raise self._fout(reden(exc)) from None

    def _fout(self, waarom: str) -> OngeldigeInvoer:
        return bestandsfout(self._veld, self._optie, waarom)

    def schrijf(self, tekst: str, daarna: Callable[[], None] = lambda: None) -> None:
        """Write ``tekst`` and put the file in place, then run ``daarna`` (log the export).

        A failure to write is ``OngeldigeInvoer`` naming the option (the file is not there); a
        failure of ``daarna`` removes the written file again and is raised as it is.
        """
        fd, self._fd = self._fd, None
        if fd is None:
            raise RuntimeError("Uitvoer.schrijf: already written or discarded")
        try:
            with os.fdopen(fd, "wb") as uit:
                uit.write(tekst.encode("utf-8"))
                uit.flush()
                if self._tijdelijk is not None:
                    os.fsync(uit.fileno())
            if self._tijdelijk is not None:
                os.replace(self._tijdelijk, self._doel)
        except OSError as exc:
            self.verwerp()
            raise self._fout(reden(exc)) from None
        geplaatst, self._tijdelijk = self._tijdelijk is not None, None
        try:
            daarna()
        except BaseException:
            if geplaatst:  # not logged, so not handed out
                with contextlib.suppress(OSError):
                    self._doel.unlink()
            raise

    def verwerp(self) -> None:
        """Close and remove the temporary file, if it is still there (nothing is written)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)
        tijdelijk, self._tijdelijk = self._tijdelijk, None
        if tijdelijk is not None:
            with contextlib.suppress(OSError):
                tijdelijk.unlink()

    def __enter__(self) -> Uitvoer:
        return self

    def __exit__(
        self,
        soort: type[BaseException] | None,
        fout: BaseException | None,
        spoor: TracebackType | None,
    ) -> None:
        self.verwerp()


class ArchiefMetUitgesteldLog(Archief):
    """An ``Archief`` that logs the exports it hands out only when ``log_uitgesteld`` is called.

    ``meldcode.adapters.privacy.inzage`` and ``export_naar_dict`` log an export as soon as its
    text is made; the command line calls ``log_uitgesteld`` once the file is written, so an
    export whose file could not be written is never in the register.
    """

    def __init__(
        self,
        opslag: Opslag,
        *,
        organisatie: str = STANDAARD_ORGANISATIE,
        sleutel: Tekstsleutel | None = None,
    ) -> None:
        super().__init__(opslag, organisatie=organisatie, sleutel=sleutel)
        self.uitgesteld: list[Inzageregel] = []

    def log_inzage(self, regel: Inzageregel) -> None:
        """Keep ``regel`` until ``log_uitgesteld``."""
        self.uitgesteld.append(regel)

    def log_uitgesteld(self) -> None:
        """Write the kept rows to the register, oldest first."""
        while self.uitgesteld:
            super().log_inzage(self.uitgesteld.pop(0))
