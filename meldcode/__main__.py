"""``python -m meldcode``."""

import sys

from meldcode.adapters.cli import main

sys.exit(main())
