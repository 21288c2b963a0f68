"""Write the screenshots of the walk-through in docs/walkthrough (PNG and HTML digest per page).

Usage: .venv/bin/python scripts/screenshots.py [--check]

Drives Debian's chromium (scripts/install-chromium) through one fixed walk on a server of its
own. ``--check`` only compares the HTML digests with the stored ones (exit 1 when stale), as
the tests do.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser.schermafdrukken import (
    MAP,
    PAGINAS,
    maak,
    opgeslagen,
    schrijf_digests,
)
from tests.browser.wandelaar import chromium


def main() -> int:
    """Write (or with ``--check`` compare) the screenshots; the exit status."""
    if chromium() is None:
        print("screenshots: no chromium (run scripts/install-chromium as root)", file=sys.stderr)
        return 1
    check = "--check" in sys.argv[1:]
    digests = maak(schrijf=not check)
    assert set(digests) == set(PAGINAS)
    if check:
        oud = opgeslagen()
        verouderd = sorted(n for n in PAGINAS if oud.get(n) != digests[n])
        if verouderd:
            print(f"screenshots: stale pages {verouderd}; run scripts/screenshots.py")
            return 1
        return 0
    schrijf_digests(digests)
    print(f"screenshots: {len(digests)} pages written to {MAP}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
