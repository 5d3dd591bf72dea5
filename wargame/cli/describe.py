"""`wargame describe SCENARIO`: a scenario's factions (with ids), meters, tracks, actions and cards."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from wargame.cli.common import add_command
from wargame.errors import EXIT_OK

if TYPE_CHECKING:
    from wargame.cli.common import Subcommands


def add(sub: Subcommands) -> None:
    p = add_command(
        sub,
        "describe",
        help="summarise a scenario: factions and their ids, meters, actions, cards",
        description="Summarise a scenario: each faction with the id that --seat takes, its meters\n"
        "and victory condition, the shared tracks, every action and card with its id.",
        examples="""
wargame describe tutorial
wargame describe scenarios/my-crisis.yaml
wargame describe libya-2016 | less
""",
    )
    p.add_argument("scenario", help="a scenario id (see `wargame play`) or a scenario file")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from wargame.catalog import load
    from wargame.describe import describe
    from wargame.files import print_text
    from wargame.text import plain

    print_text(plain(describe(load(args.scenario), ids=True)) + "\n")
    return EXIT_OK
