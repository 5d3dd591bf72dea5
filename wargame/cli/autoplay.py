"""`wargame autoplay SCENARIO`: one whole game played by bots, printed turn by turn, optionally saved."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from wargame.cli.common import LEVELS, add_command, hidden_alias, seat_option
from wargame.errors import EXIT_OK, UserError

if TYPE_CHECKING:
    from wargame.cli.common import Subcommands


def add(sub: Subcommands) -> None:
    p = add_command(
        sub,
        "autoplay",
        help="play one whole game with bots, no screen",
        description="Play one whole game with a bot in every seat and print it turn by turn, each\n"
        "decision with the bot's reason, then the final scores and the state hash.\n"
        "The same scenario, seed and levels always play the same game.",
        examples="""
wargame autoplay tutorial --seed 7
wargame autoplay libya-2016 --bots hard --seat gna=easy --quiet
wargame autoplay tutorial --seed 7 --save game.json      then: wargame replay game.json
wargame autoplay tutorial --save - --quiet > game.json   the save on stdout, the rest on stderr
""",
    )
    p.add_argument("scenario", help="a scenario id or a scenario file")
    p.add_argument("--seed", type=int, metavar="N", help="the random seed (default: the scenario's own seed)")
    p.add_argument(
        "--bots",
        choices=LEVELS,
        default="random",
        metavar="LEVEL",
        help="bot level in every seat: random, easy, normal or hard (default: random)",
    )
    hidden_alias(p, "--policy", "bots", choices=LEVELS)  # the old name of --bots
    seat_option(p, "FACTION=LEVEL", "a different bot level for one faction (repeatable; faction ids: wargame describe)")
    p.add_argument(
        "--save",
        metavar="FILE",
        help="write the game to a save file ('-': stdout); an existing save is never replaced without --force",
    )
    p.add_argument("--force", action="store_true", help="with --save: replace the file even if it holds another game")
    p.add_argument("--quiet", action="store_true", help="print only the final line")
    p.add_argument("--session", metavar="NAME", help="play the scenario's session preset NAME (wargame describe)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from wargame import bots, saves
    from wargame import engine as E
    from wargame.analysis.cli import parse_seats
    from wargame.cli.common import load_session
    from wargame.cli.printing import console as make_console
    from wargame.cli.printing import print_game, print_scores
    from wargame.engine.codec import to_dict
    from wargame.files import OutputError, check_output, write_output
    from wargame.text import plain

    scenario = load_session(args.scenario, args.session)
    problem = check_output(args.save, "--save")
    if problem:
        raise UserError(problem)
    seed = scenario.seed if args.seed is None else args.seed
    seats = parse_seats(scenario, args.bots, args.seat)
    state, events = E.begin(scenario, seed, seats)
    by_step, entries = [events], []
    while state.outcome is None and state.pending is not None:
        level = seats[state.pending.faction]
        decision, why = bots.choose(scenario, state, level)
        entries.append(to_dict(decision, by=level, why=why))
        state, evs = E.apply(scenario, state, decision)
        by_step.append(evs)
    to_stdout = args.save == "-"
    if args.save:  # before printing: a closed pipe must not lose the save
        saved = saves.record(scenario, state, entries)
        target = os.path.realpath(args.save)
        why = "" if to_stdout or args.force or not os.path.isfile(target) else saves.conflict(target, saved)
        if why:
            raise UserError(f"not saved: {args.save} {why}; choose another file, or add --force to replace it")
        try:
            write_output(args.save, saves.save_text(saved))
        except OutputError as exc:
            raise UserError(str(exc)) from None
        except OSError as exc:
            raise UserError(f"cannot write {args.save}: {exc.strerror}") from None
        except saves.SaveError as exc:
            raise UserError(str(exc)) from None
    out = sys.stderr if to_stdout else sys.stdout  # with --save -, stdout holds only the save
    if not args.quiet:
        console = make_console(stderr=to_stdout)
        print_game(console, scenario, by_step, entries)
        print_scores(console, scenario, state)
    else:  # a plain print: one line, never wrapped at Rich's 80 columns in a pipe
        end = saves.ended_text(state) or "not finished"  # "gna (final, turn 12)", as a save's listing says
        line = f"{scenario.id} seed {seed}: {end} hash {E.state_hash(state)}"
        print(plain(line), file=out)
    if args.save and not to_stdout:
        print(plain(f"saved to {args.save}"), file=out)
    return EXIT_OK
