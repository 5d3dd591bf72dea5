"""`wargame merge PART...`: the parts of a sharded `simulate` run, merged into the report of the whole run."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from wargame.cli.common import add_command

if TYPE_CHECKING:
    from wargame.cli.common import Subcommands


def add(sub: Subcommands) -> None:
    p = add_command(
        sub,
        "merge",
        help="merge `simulate --shard K/N --out PART` parts into the report of the whole run",
        description="Check that the parts come from one run (same scenario, seed and settings),\n"
        "that no shard is given twice and none is missing, then print the report one run\n"
        "of all the games would print; --json and --csv write the same files, byte for byte.\n"
        "See docs/simulate.md (shards, SLURM and xargs examples).",
        examples="""
wargame merge parts/part-*.json
wargame merge parts/part-*.json --json report.json --csv report.csv
wargame merge part-1.json part-2.json part-4.json --partial    labelled: shard 3 missing
""",
    )
    p.add_argument("parts", nargs="+", metavar="PART", help="the files `simulate --out` wrote, in any order")
    p.add_argument("--partial", action="store_true", help="merge even with shards missing (the report says so)")
    p.add_argument("--json", metavar="FILE", help="write the whole report as JSON ('-': stdout)")
    p.add_argument("--csv", metavar="FILE", help="write one row per faction and run as CSV ('-': stdout)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from wargame.analysis.merge import cmd_merge

    return cmd_merge(args)
