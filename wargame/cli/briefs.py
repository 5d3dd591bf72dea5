"""`wargame briefs SCENARIO`: the handout pack, one page per team and a facilitator page."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from wargame.cli.common import add_command

if TYPE_CHECKING:
    from wargame.cli.common import Subcommands


def add(sub: Subcommands) -> None:
    p = add_command(
        sub,
        "briefs",
        help="print the handout pack: each team's brief and a facilitator page",
        description="Print the briefs of a scenario: one page per playable faction (its brief, how it\n"
        "wins, its resources and actions, what it sees and what is hidden from it) and a\n"
        "facilitator page with every brief, the hidden values and the session's settings.",
        examples="""
wargame briefs libya-2016
wargame briefs libya-2016 --session two-hours --format html -o briefs.html
""",
    )
    p.add_argument("scenario", help="a scenario id or a scenario file")
    p.add_argument("--session", metavar="NAME", help="the session preset whose settings the pack shows")
    p.add_argument("--format", default="md", choices=["md", "html"], help="md (Markdown, default) or html")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of printing")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from wargame.briefs import pack, to_html, to_markdown
    from wargame.cli.common import load_session
    from wargame.errors import EXIT_OK, UserError
    from wargame.files import write_atomic

    scenario = load_session(args.scenario, args.session)
    pages = pack(scenario)
    text = to_html(pages, f"{scenario.title}: briefs") if args.format == "html" else to_markdown(pages)
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    try:
        write_atomic(Path(args.output), text.encode("utf-8"))
    except OSError as exc:
        raise UserError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(f"briefs written to {args.output}")
    return EXIT_OK
