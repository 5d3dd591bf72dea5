"""`wargame join URL --token TOKEN`: play a served game in this terminal."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from wargame.cli.common import add_command

if TYPE_CHECKING:
    from wargame.cli.common import Subcommands


def add(sub: Subcommands) -> None:
    p = add_command(
        sub,
        "join",
        help="play a served game in this terminal (the URL and token 'wargame serve' printed)",
        description="The game screen of 'wargame play' over a server's API: the server applies the\n"
        "decisions, saves and plays the bots. A team's token plays for that team; the\n"
        "facilitator's opens the facilitator's panel; the projector's is read-only.\n"
        "When the server goes away, the screen reconnects by itself.",
        examples="""
wargame join http://192.168.1.20:8000 --token 3q2...Xw
WARGAME_TOKEN=3q2...Xw wargame join http://127.0.0.1:8000
""",
    )
    p.add_argument("url", help="the server's address, as 'wargame serve' printed it")
    p.add_argument("--token", help="your team's token (or set WARGAME_TOKEN)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from wargame.server.cli import cmd_join

    return cmd_join(args)
