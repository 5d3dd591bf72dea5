"""`wargame simulate SCENARIO`: many bot games in batches on a backend, a balance report, sensitivity runs, shards."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from wargame.cli.common import LEVELS, add_command, seat_option

if TYPE_CHECKING:
    from wargame.cli.common import Subcommands


def add(sub: Subcommands) -> None:
    p = add_command(
        sub,
        "simulate",
        help="play many bot games and report balance",
        description="Play many whole games with bots in every seat (in parallel processes) and\n"
        "report win rates with 95% intervals, game lengths, which actions and cards\n"
        "matter, and findings such as a dominant faction or a never-used action.\n"
        "The same seed gives the same report whatever the number of workers.\n"
        "See docs/simulate.md.",
        examples="""
wargame simulate tutorial --games 500
wargame simulate libya-2016 --bots easy --seat gna=hard --games 200
wargame simulate tutorial --vary factions.gna.meters.treasury.start=10..30
wargame simulate tutorial --json report.json --csv games.csv
wargame simulate tutorial --json - | jq .report.factions    the JSON on stdout
wargame simulate libya-2016 --games 20000 --shard 2/8 --out part-2.json   one share, for `wargame merge`
wargame simulate libya-2016 --games 20000 --backend dask --scheduler tcp://10.0.0.5:8786
""",
    )
    p.add_argument("scenario", help="a scenario id or a scenario file")
    p.add_argument("--games", type=int, default=200, metavar="N", help="games to play per run (default: 200)")
    p.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="N",
        help="the master seed: each game's seed comes from it and the game's number (default: 1)",
    )
    p.add_argument("--workers", type=int, default=0, metavar="N", help="processes to play in (default 0: one per core)")
    p.add_argument(
        "--bots",
        default="normal",
        choices=LEVELS,
        metavar="LEVEL",
        help="bot level in every seat: random, easy, normal or hard (default: normal)",
    )
    seat_option(p, "FACTION=LEVEL", "a different bot level for one faction (repeatable; faction ids: wargame describe)")
    p.add_argument(
        "--vary",
        action="append",
        default=[],
        metavar="KEY=LO..HI",
        help="sensitivity: run again with one scenario number set to 5 values from LO to HI, e.g. "
        "factions.gna.meters.treasury.start=10..30 (repeatable)",
    )
    p.add_argument(
        "--session",
        action="append",
        default=[],
        metavar="NAME",
        help="play session preset NAME (repeatable: a table of win rates per preset)",
    )
    p.add_argument("--json", metavar="FILE", help="write the whole report as JSON ('-': stdout)")
    p.add_argument("--csv", metavar="FILE", help="write one row per faction and run as CSV ('-': stdout)")
    p.add_argument(
        "--shard",
        metavar="K/N",
        help="play only the K-th of N equal shares of the game numbers (needs --out; see `wargame merge`)",
    )
    p.add_argument("--out", metavar="FILE", help="write a part for `wargame merge` instead of the report ('-': stdout)")
    p.add_argument(
        "--batch", type=int, default=100, metavar="N", help="games per task: workers send back totals (default: 100)"
    )
    p.add_argument(
        "--backend",
        default="processes",
        choices=("processes", "dask"),
        help="processes on this machine (default), or a Dask cluster: pip install 'wargame[dask]'",
    )
    p.add_argument(
        "--scheduler", metavar="ADDRESS", help="with --backend dask: the cluster's scheduler (default: a local cluster)"
    )
    p.add_argument(
        "--prefer",
        action="append",
        default=[],
        metavar="FACTION=ACTION[,ACTION]",
        help="probe: that bot takes these actions whenever legal (compared with the base run)",
    )
    p.add_argument(
        "--avoid",
        action="append",
        default=[],
        metavar="FACTION=ACTION[,ACTION]",
        help="probe: that bot never takes these actions while anything else is legal",
    )
    p.add_argument(
        "--choose",
        action="append",
        default=[],
        metavar="CARD=OPTION",
        help="probe: the card's option (number from 1, or label) whenever it is offered",
    )
    p.add_argument(
        "--watch",
        action="append",
        default=[],
        metavar="METER",
        help="with probes: report the change in this meter or track at the end",
    )
    p.add_argument(
        "--human-paths",
        type=int,
        default=0,
        metavar="N",
        help="also play N games per playable faction at random: options and actions only humans reach",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from wargame.analysis.cli import cmd_simulate

    return cmd_simulate(args)
