"""`python -m wargame.cli` (kept for old scripts; `python -m wargame` is the short form)."""

import sys

from wargame.cli.main import main

sys.exit(main())
