"""`wargame merge PART...`: the report of a run played as shards, from its parts."""

from __future__ import annotations

from wargame.cli.common import add_command


def add(sub) -> None:
    p = add_command(
        sub,
        "merge",
        help="merge `simulate --out` parts into the report of the whole run",
        description="Merge the parts written by `wargame simulate --shard K/N --out PART` into the\n"
        "report one run of all the games gives. See docs/simulate.md.",
        examples="""
wargame merge part-*.json --json report.json
""",
    )
    p.add_argument("parts", nargs="+", metavar="PART", help="the parts written by simulate --shard K/N --out PART")
    p.add_argument("--partial", action="store_true", help="merge even with shards missing (labelled)")
    p.add_argument("--json", metavar="FILE", help="write the whole report as JSON")
    p.add_argument("--csv", metavar="FILE", help="write the report as CSV")
    p.set_defaults(run=run)


def run(args) -> int:
    from wargame.analysis.merge import cmd_merge

    return cmd_merge(args)
