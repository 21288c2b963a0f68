"""``python -m meldcode``."""

import sys

from meldcode.adapters.cli.main import main

sys.exit(main())
