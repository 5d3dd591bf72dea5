"""`python -m wargame`: the same command as `wargame`."""

import sys

from wargame.cli.main import main

sys.exit(main())
