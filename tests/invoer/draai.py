"""Run the command line in-process with bytes on standard input, and check what it gives back."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Sequence

from meldcode.adapters.cli.main import main
from tests.invoer.corpus import VERBODEN


def draai(argv: Sequence[str], stdin: bytes = b"") -> tuple[int, str, str]:
    """``meldcode ARGV`` with ``stdin`` as its standard input: status, stdout, stderr."""
    uit, fout = io.StringIO(), io.StringIO()
    oud = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(uit), contextlib.redirect_stderr(fout):
            try:
                status = main(list(argv))
            except SystemExit as exc:  # argparse: a usage error
                status = int(exc.code or 0)
    finally:
        sys.stdin = oud
    return status, uit.getvalue(), fout.getvalue()


def problemen(status: int, uit: str, fout: str, toegestaan: set[int]) -> list[str]:
    """What is wrong with one run: a status, a traceback, an echo of the input."""
    gevonden = []
    if status not in toegestaan:
        gevonden.append(f"status {status}, expected {sorted(toegestaan)}")
    if "Traceback" in fout or "internal error" in fout:
        gevonden.append("a traceback or an internal error")
    echo = VERBODEN.search(uit + fout)
    if echo:
        gevonden.append(f"echoes the input: {echo.group()[:30]!r}")
    return gevonden
