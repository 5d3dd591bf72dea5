"""`wargame serve SCENARIO`: one game held by a server; each team plays it from its own laptop or browser."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from wargame.cli.common import add_command, seat_option

if TYPE_CHECKING:
    from wargame.cli.common import Subcommands


def add(sub: Subcommands) -> None:
    p = add_command(
        sub,
        "serve",
        help="hold one game for teams on their own laptops or browsers (docs/serve.md)",
        description="Hold one game: the engine, the bots of bot seats and the decision log, saved after\n"
        "every decision. Prints a link per team, the facilitator's and the projector's, each\n"
        "opened in a browser (URL/play?token=T) or a terminal (wargame join URL --token T).\n"
        "Killed at any moment, 'wargame serve --resume SAVE' continues with the same links.",
        examples="""
wargame serve libya-2016                          every playable faction a team, on this machine only
wargame serve libya-2016 --host 0.0.0.0 --name cohort-12 --links links.json
wargame serve tutorial --seat gna=human --seed 7  a rehearsal
wargame serve --resume saves/cohort-12.json --host 0.0.0.0
""",
    )
    p.add_argument("scenario", nargs="?", help="a scenario file or id (not with --resume)")
    p.add_argument("--session", metavar="PRESET", help="one of the scenario's session presets (turns, timer...)")
    p.add_argument("--name", metavar="NAME", help="the game's name: its save is NAME.json (default: scenario and date)")
    p.add_argument("--seed", type=int, help="the random seed (default: random)")
    seat_option(p, "FACTION=WHO", "human, easy, normal or hard (default: every playable faction is a team)")
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1: this machine only; 0.0.0.0: the network)",
    )
    p.add_argument("--port", type=int, default=8000, help="the port (default 8000; 0: any free port)")
    p.add_argument("--resume", metavar="SAVE", help="continue a served game from its save, with the same links")
    p.add_argument("--links", metavar="FILE", help="also write the links as JSON to FILE")
    p.add_argument("--saves-dir", metavar="DIR", help="where the save goes (default: ./saves or WARGAME_SAVES)")
    p.add_argument(
        "--bot-delay",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="a pause before each bot decision, so teams can follow (default 0)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from wargame.server.cli import cmd_serve

    return cmd_serve(args)
