"""The exit statuses of ``meldcode``: one table, used by every command and by the docs.

A script can tell from the status alone what happened: bad input is not a damaged store, an
edited dossier record is not a missing extra, and none of these is a bug (70).
"""

from __future__ import annotations

from attrs import frozen

__all__ = [
    "EXIT_AFHANKELIJKHEID",
    "EXIT_BEVINDINGEN",
    "EXIT_GEBRUIK",
    "EXIT_GEWIJZIGD",
    "EXIT_INTERN",
    "EXIT_INVOER",
    "EXIT_OK",
    "EXIT_OPSLAG",
    "STATUSSEN",
    "Status",
]

#: done: every input was decided, recorded or checked
EXIT_OK = 0
#: bad input: a case, event or file was refused (the message names the field)
EXIT_INVOER = 1
#: usage: an unknown command or option, or a wrong value of an option
EXIT_GEBRUIK = 2
#: findings: ``controleer`` found record-keeping findings (the chain itself is intact)
EXIT_BEVINDINGEN = 3
#: edited record: a stored dossier record was edited, removed, re-chained or is unreadable
EXIT_GEWIJZIGD = 4
#: damaged store: the dossier store cannot be read; nothing was written
EXIT_OPSLAG = 5
#: missing dependency: an optional dependency is not installed (the message names the extra)
EXIT_AFHANKELIJKHEID = 6
#: internal error: a bug in meldcode, never bad input
EXIT_INTERN = 70


@frozen
class Status:
    """One exit status: its number, a short name, and when ``meldcode`` returns it."""

    code: int
    naam: str
    betekenis: str


STATUSSEN: tuple[Status, ...] = (
    Status(EXIT_OK, "ok", "done; every input was decided, recorded or checked"),
    Status(
        EXIT_INVOER,
        "bad input",
        "a case, event or file was refused (a message names the field), or a file to write "
        "(`-o`, a key file's path, `--db`) cannot be written there; in a batch the good lines "
        "are still decided and the status is 1 at the end",
    ),
    Status(
        EXIT_GEBRUIK,
        "usage",
        "unknown command or option, or an option's value is wrong (a number not in ASCII "
        "digits or out of its range)",
    ),
    Status(
        EXIT_BEVINDINGEN,
        "findings",
        "`controleer`: the chain is intact, but the record-keeping has findings or an event "
        "would now be refused",
    ),
    Status(
        EXIT_GEWIJZIGD,
        "edited record",
        "`controleer`, `exporteer`, `dossier`: a stored record was edited, removed, re-chained, "
        "is unreadable, or the chain does not reach the given `--anker`",
    ),
    Status(
        EXIT_OPSLAG,
        "damaged store",
        "the dossier store cannot be read (a truncated or corrupt file, not a database); "
        "restore it from a backup, nothing was written",
    ),
    Status(
        EXIT_AFHANKELIJKHEID,
        "missing dependency",
        "an optional dependency is not installed (or cannot run on this Python); the message "
        "names the extra to install, such as `meldcode[dossier]`",
    ),
    Status(
        EXIT_INTERN,
        "internal error",
        "a bug in meldcode (never bad input); rerun with `MELDCODE_DEBUG=1` for the traceback",
    ),
)
"""Every exit status, in order; ``docs/reference/exit-statuses.md`` lists exactly these."""
