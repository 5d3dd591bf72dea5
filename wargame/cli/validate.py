"""`wargame validate FILE...`: every problem of each scenario file, one line each, as FILE:LINE:COL."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from wargame.cli.common import add_command
from wargame.errors import EXIT_ERROR, EXIT_OK

if TYPE_CHECKING:
    from wargame.cli.common import Subcommands


def add(sub: Subcommands) -> None:
    p = add_command(
        sub,
        "validate",
        help="check scenario files; every problem as FILE:LINE:COL",
        description="Check scenario files without playing them. Every problem is one line\n"
        "FILE:LINE:COL: error|warning: MESSAGE, so editors and CI can jump to it.\n"
        "Exit status: 0 when every file is valid (warnings allowed), 1 otherwise.",
        examples="""
wargame validate scenarios/my-crisis.yaml
wargame validate -q scenarios/*.yaml      errors only, for CI
""",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="scenario files (.yaml) to check")
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only, no warnings")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from wargame.scenario import ScenarioError, load_scenario
    from wargame.text import plain
    from wargame.words import plural

    worst = EXIT_OK
    for name in args.files:
        try:
            _scenario, warnings = load_scenario(name)
        except ScenarioError as exc:
            for p in exc.problems:
                if p.severity == "error" or not args.quiet:
                    print(p)
            errors = sum(1 for p in exc.problems if p.severity == "error")
            print(plain(f"{name}: {plural(errors, 'error')}"), file=sys.stderr)
            worst = EXIT_ERROR
            continue
        if not args.quiet:
            for p in warnings:
                print(p)
        print(plain(f"{name}: ok" + (f" ({plural(len(warnings), 'warning')})" if warnings else "")), file=sys.stderr)
    return worst
