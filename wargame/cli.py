"""The `wargame` command: parses arguments and hands each subcommand to its module.

Subcommands import what they need when they run, so `validate` and `schema`
never load Textual (a test measures it).
"""

from __future__ import annotations

import argparse
import sys

from wargame import commands


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one plain line on a usage error (no usage dump)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n(see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="wargame", description="A terminal wargame for political-military crisis training.")
    p.add_argument("--version", action="version", version=f"wargame {commands.version()}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    play = sub.add_parser("play", help="play in the terminal (start screen, or a scenario)")
    play.add_argument(
        "scenario",
        nargs="?",
        help="a scenario file or id, or a saved game (.json) to resume (default: the start screen)",
    )
    play.add_argument("--seed", type=int, help="the random seed (default: random, shown on screen)")
    play.add_argument("--seat", action="append", default=[], metavar="FACTION=WHO",
                      help="who plays a faction: human, easy, normal or hard (repeatable)")
    play.add_argument("--load", metavar="SAVE", help="resume a saved game")
    play.add_argument("--facilitator", action="store_true", help="show the facilitator's controls")
    play.add_argument("--saves-dir", metavar="DIR", help="where saves go (default: ./saves or WARGAME_SAVES)")

    validate = sub.add_parser("validate", help="check scenario files; errors as FILE:LINE:COL")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument("-q", "--quiet", action="store_true", help="print errors only, no warnings")

    sub.add_parser("schema", help="print the JSON Schema of the scenario format (for editors)")

    info = sub.add_parser("describe", help="summarise a scenario: factions, meters, actions, cards")
    info.add_argument("scenario")

    auto = sub.add_parser("autoplay", help="play one whole game with bots, no UI")
    auto.add_argument("scenario")
    auto.add_argument("--seed", type=int)
    auto.add_argument("--policy", default="random", choices=["random", "easy", "normal", "hard"])
    auto.add_argument("--save", metavar="FILE", help="write the game to a save file")
    auto.add_argument("--quiet", action="store_true", help="only the final line")

    replay = sub.add_parser("replay", help="print a saved game turn by turn")
    replay.add_argument("save")
    replay.add_argument("--verify", action="store_true", help="exit 0 only if the replay reaches the saved hash")
    replay.add_argument("--to", type=int, metavar="N", help="stop after decision N")

    sim = sub.add_parser("simulate", help="play many bot games and report balance")
    sim.add_argument("scenario")
    sim.add_argument("--games", type=int, default=200)
    sim.add_argument("--seed", type=int, default=1)
    sim.add_argument("--workers", type=int, default=0, help="processes (default: the number of cores)")
    sim.add_argument("--bots", default="normal", choices=["random", "easy", "normal", "hard"])
    sim.add_argument("--seat", action="append", default=[], metavar="FACTION=LEVEL")
    sim.add_argument("--vary", action="append", default=[], metavar="KEY=LO..HI")
    sim.add_argument("--json", metavar="FILE")
    sim.add_argument("--csv", metavar="FILE")
    sim.add_argument("--shard", metavar="K/N", help="play only the K-th of N equal shares of the games")
    sim.add_argument("--out", metavar="FILE", help="write a part for `wargame merge` instead of the report")
    sim.add_argument("--backend", default="processes", choices=["processes", "dask"])
    sim.add_argument("--scheduler", metavar="ADDRESS", help="a Dask scheduler (default: a local cluster)")
    sim.add_argument("--batch", type=int, default=100, metavar="N", help="games per task (default 100)")
    sim.add_argument("--prefer", action="append", default=[], metavar="FACTION=ACTION[,ACTION]",
                     help="probe: that bot takes these actions whenever legal (compared with the base run)")
    sim.add_argument("--avoid", action="append", default=[], metavar="FACTION=ACTION[,ACTION]",
                     help="probe: that bot never takes these actions while anything else is legal")
    sim.add_argument("--choose", action="append", default=[], metavar="CARD=OPTION",
                     help="probe: the card's option (number from 1, or label) whenever it is offered")
    sim.add_argument("--watch", action="append", default=[], metavar="METER",
                     help="with probes: report the change in this meter or track at the end")
    sim.add_argument("--human-paths", type=int, default=0, metavar="N",
                     help="also play N games per playable faction at random: options and actions only humans reach")

    merge = sub.add_parser("merge", help="merge `simulate --out` parts into the report of the whole run")
    merge.add_argument("parts", nargs="+", metavar="PART")
    merge.add_argument("--partial", action="store_true", help="merge even with shards missing (labelled)")
    merge.add_argument("--json", metavar="FILE")
    merge.add_argument("--csv", metavar="FILE")

    report = sub.add_parser("report", help="write the debrief of a saved game")
    report.add_argument("save")
    report.add_argument("--format", default="md", choices=["md", "html"])
    report.add_argument("-o", "--output", metavar="FILE", help="write here instead of printing")

    new = sub.add_parser("new", help="write a commented starter scenario into scenarios/NAME.yaml")
    new.add_argument("name")
    new.add_argument("--dir", default="scenarios", help="where to write it (default: scenarios)")
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return commands.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
