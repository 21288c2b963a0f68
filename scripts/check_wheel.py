"""Build the wheel and check that it ships every file of the package, data included.

Usage: .venv/bin/python scripts/check_wheel.py

Every file git tracks under ``meldcode/`` (code, ``py.typed``, the JSON Schemas, the vignettes,
the profiles, the example cases of ``meldcode demo``) must be in the wheel, with the licence
text (``LICENSE``, EUPL-1.2) in its metadata, and the wheel's version must be the package's.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERPLICHT = {
    "meldcode/py.typed",
    "meldcode/schema/casus.schema.json",
    "meldcode/schema/besluit.schema.json",
    "meldcode/schema/gebeurtenis.schema.json",
    "meldcode/testing/vignetten.json",
}


def main() -> int:
    """Build into a temporary folder, list what is missing, return 1 if anything is."""
    from meldcode import __version__

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp, str(ROOT)],
            check=True,
        )
        (wiel,) = Path(tmp).glob("meldcode-*.whl")
        with zipfile.ZipFile(wiel) as z:
            inhoud = set(z.namelist())
    getrackt = subprocess.run(
        ["git", "ls-files", "meldcode"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    licentie = f"meldcode-{__version__}.dist-info/licenses/LICENSE"
    ontbreekt = sorted((VERPLICHT | set(getrackt) | {licentie}) - inhoud)
    for pad in ontbreekt:
        print(f"missing from the wheel: {pad}")
    if f"-{__version__}-" not in wiel.name:
        print(f"the wheel {wiel.name} does not carry version {__version__}")
        return 1
    print(f"{wiel.name}: {len(inhoud)} files, package data included")
    return 1 if ontbreekt else 0


if __name__ == "__main__":
    sys.exit(main())
