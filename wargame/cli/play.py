"""`wargame play`: checks the command line and the terminal before any screen opens, then runs the TUI."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from wargame.cli.common import add_command, seat_option
from wargame.errors import EXIT_USAGE, UserError

if TYPE_CHECKING:
    from wargame.cli.common import Subcommands

DRIVER_ENV = "TEXTUAL_DRIVER"  # set by textual-serve (and textual-web) to run the app without a terminal


def add(sub: Subcommands) -> None:
    p = add_command(
        sub,
        "play",
        help="play in the terminal (the start screen, a scenario, or a save to resume)",
        description="Play in the terminal. With no scenario, the start screen lets you pick one,\n"
        "who plays each faction, facilitator mode, or a saved game to resume.\n"
        "Needs a terminal: it refuses to start with stdin or stdout redirected.\n"
        "Defaults for seats and the saves folder can be set in config.toml (see README).",
        examples="""
wargame play                                   the start screen
wargame play tutorial                          a ten-minute game that teaches the screen
wargame play libya-2016 --seat gna=human --seat lna=human   hot-seat, two teams
wargame play libya-2016 --facilitator --seed 2016
wargame play saves/my-game.json                resume a saved game
""",
    )
    p.add_argument(
        "scenario",
        nargs="?",
        help="a scenario id or file, or a saved game (.json) to resume (default: the start screen)",
    )
    p.add_argument("--seed", type=int, metavar="N", help="the random seed (default: random, shown on screen)")
    seat_option(
        p,
        "FACTION=WHO",
        "who plays a faction: human, easy, normal or hard (repeatable; faction ids: wargame describe SCENARIO)",
    )
    p.add_argument("--load", metavar="SAVE", help="resume a saved game (the same as giving SAVE.json)")
    p.add_argument("--facilitator", action="store_true", help="show the facilitator's controls")
    p.add_argument("--session", metavar="NAME", help="play the scenario's session preset NAME (wargame describe)")
    p.add_argument(
        "--saves-dir",
        metavar="DIR",
        help="where saves go (default: $WARGAME_SAVES, else saves_dir in config.toml, else ./saves)",
    )
    p.set_defaults(run=run)


def terminal_problem() -> str | None:
    """Why the game cannot open a screen here (None when it can), before Textual takes the terminal.

    Without this, `wargame play </dev/null` or `wargame play | head` kept running,
    writing escape codes into a pipe. textual-serve runs the app without a terminal
    but sets TEXTUAL_DRIVER, so a driver in the environment lets it start.
    """
    if os.environ.get(DRIVER_ENV):
        return None
    for name, stream in (("input", sys.stdin), ("output", sys.stdout)):
        try:
            tty = stream is not None and stream.isatty()
        except (ValueError, OSError):
            tty = False
        if not tty:
            return (
                f"the game needs a terminal, but its {name} is not one (redirected or piped); "
                "run it in a terminal, or use `wargame autoplay` for a game without a screen"
            )
    return None


def run(args: argparse.Namespace) -> int:
    from wargame.config import load_config

    args.config = load_config()  # a bad config.toml is one line naming the file and key, before any screen
    problem = terminal_problem()
    if problem:
        raise UserError(problem, EXIT_USAGE)
    from wargame.tui.launch import cmd_play

    return cmd_play(args)
