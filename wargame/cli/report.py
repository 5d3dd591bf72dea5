"""`wargame report SAVE`: the debrief of a saved game as Markdown or HTML."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from wargame.cli.common import add_command

if TYPE_CHECKING:
    from wargame.cli.common import Subcommands


def add(sub: Subcommands) -> None:
    p = add_command(
        sub,
        "report",
        help="write the debrief of a saved game (Markdown or HTML)",
        description="Build the debrief of a saved game: the timeline of decisions and rolls,\n"
        "the meters over time, the facilitator's record and every rewound branch.\n"
        "HTML is one self-contained file with inline charts. See docs/report.md.",
        examples="""
wargame report saves/my-game.json                       Markdown on stdout
wargame report saves/my-game.json --format html -o debrief.html
wargame report saves/my-game.json -o - | less            '-' is stdout too
""",
    )
    p.add_argument("save", help="a save file (.json)")
    p.add_argument("--format", default="md", choices=["md", "html"], help="md (Markdown, default) or html")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of printing ('-': stdout)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from wargame.report.cli import cmd_report

    return cmd_report(args)
