"""`wargame replay SAVE`: a saved game printed turn by turn; `--verify` proves it replays exactly."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from wargame.cli.common import add_command
from wargame.errors import EXIT_OK, EXIT_USAGE, UserError

if TYPE_CHECKING:
    from wargame.cli.common import Subcommands


def add(sub: Subcommands) -> None:
    p = add_command(
        sub,
        "replay",
        help="print a saved game turn by turn; --verify checks it",
        description="Replay a save's decision log against its scenario and print the game turn by\n"
        "turn. With --verify the exit status says whether the replay reaches exactly\n"
        "the state the save recorded (and every rewound branch does too), and whether\n"
        "the audit trail (seats, who took each decision, reasons) is as it was saved.\n"
        "A hash the replay reaches is shown only when it is the saved one.",
        examples="""
wargame replay saves/my-game.json
wargame replay saves/my-game.json --to 12     the game as it stood after decision 12
wargame replay saves/my-game.json --verify    exit 0 only when the save is faithful
wargame replay saves/my-game.json --tui       step through it on screen (←/→, PgUp/PgDn)
""",
    )
    p.add_argument("save", help="a save file (.json)")
    p.add_argument(
        "--verify",
        action="store_true",
        help="exit 0 only if the replay reaches the saved state hash and the audit trail "
        "(seats, who decided, reasons, notes) matches its digest",
    )
    p.add_argument("--to", type=int, metavar="N", help="stop after decision N (0: the start); with --tui, open there")
    p.add_argument(
        "--tui",
        action="store_true",
        help="step through the game on screen: ←/→ by decision, PgUp/PgDn by turn (needs a terminal)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from wargame import engine as E
    from wargame import saves
    from wargame.cli.printing import console as make_console
    from wargame.cli.printing import print_game, print_scores

    if args.verify and args.to is not None:
        raise UserError("--verify checks the whole game; leave out --to", EXIT_USAGE)
    if args.tui and args.verify:
        raise UserError("--tui shows the game; --verify checks it: run them one at a time", EXIT_USAGE)
    if args.tui:
        from wargame.cli.play import terminal_problem

        problem = terminal_problem()
        if problem:
            raise UserError(problem.split(";")[0] + "; leave out --tui to print the game instead", EXIT_USAGE)
    try:
        saved = saves.read_save(args.save)
        scenario = saves.find_scenario(saved, args.save)
        saves.check_scenario(saved, scenario, args.save)
        if args.to is not None and not 0 <= args.to <= len(saved.decisions):
            raise UserError(f"--to must be between 0 and {len(saved.decisions)}", EXIT_USAGE)
        state, _events, by_step = saves.replay(scenario, saved, args.to)
    except saves.SaveError as exc:
        raise UserError(named(args.save, exc)) from None
    if args.tui:
        from wargame.tui.replay import Replay, ReplayApp

        ReplayApp(Replay.of(scenario, saved), args.to or 0).run()
        return EXIT_OK
    console = make_console()
    print_game(console, scenario, by_step, list(saved.decisions))
    # the reached hash is shown only when it is the saved one: an altered save must not be told
    # the value that would make it pass --verify
    reached = args.to is None and E.state_hash(state) == saved.state_hash
    print_scores(console, scenario, state, show_hash=reached)
    if args.to is None and not reached:
        console.print("[red]the replay does not reach the saved state hash[/] (replay --verify says why)")
    if args.verify:
        try:
            saves.verify(scenario, saved, args.save)
        except saves.SaveError as exc:
            raise UserError(named(args.save, exc)) from None
        branches = f" (and its {len(saved.branches)} branch(es))" if saved.branches else ""
        trail = " and the audit trail matches its digest" if saved.audit else ""
        console.print(f"[green]verified[/]: the replay reaches the saved state{branches}{trail}")
        note = saves.audit_note(saved)
        if note:
            console.print(f"[yellow]note[/]: {note}")
    return EXIT_OK


def named(path: str, exc: Exception) -> str:
    """A save error that names the save file, as every message about a file should."""
    message = str(exc)
    return message if path in message else f"{path}: {message}"
