"""What each CLI subcommand does; every user error becomes one line and an exit code."""

from __future__ import annotations

import json
import sys

from wargame.catalog import load, resolve_scenario_path, scenario_dirs  # noqa: F401  (re-exported for old callers)
from wargame.errors import EXIT_ERROR, EXIT_OK, EXIT_USAGE, UserError, version  # noqa: F401
from wargame.words import plural


def run(args) -> int:
    handler = globals()[f"cmd_{args.command}"]
    try:
        return handler(args)
    except UserError as exc:
        print(f"wargame {args.command}: error: {exc}", file=sys.stderr)
        return exc.code


def cmd_validate(args) -> int:
    from wargame.scenario import ScenarioError, load_scenario

    worst = EXIT_OK
    for name in args.files:
        try:
            _scenario, warnings = load_scenario(name)
        except ScenarioError as exc:
            for p in exc.problems:
                if p.severity == "error" or not args.quiet:
                    print(p)
            errors = sum(1 for p in exc.problems if p.severity == "error")
            print(f"{name}: {plural(errors, 'error')}", file=sys.stderr)
            worst = EXIT_ERROR
            continue
        if not args.quiet:
            for p in warnings:
                print(p)
        print(f"{name}: ok" + (f" ({plural(len(warnings), 'warning')})" if warnings else ""), file=sys.stderr)
    return worst


def cmd_schema(args) -> int:
    from wargame.scenario.spec import json_schema

    print(json.dumps(json_schema(), indent=2))
    return EXIT_OK


def cmd_describe(args) -> int:
    from wargame.describe import describe

    print(describe(load(args.scenario)))
    return EXIT_OK


def _console():
    from rich.console import Console

    return Console(highlight=False)


def print_game(console, scenario, events, by_step=None, entries=None) -> None:
    """Print events turn by turn, decisions in bold, with bots' reasons where recorded."""
    from wargame.engine import describe
    from wargame.engine.events import ActionTaken, Chose, GameOver, Passed, TurnBegan

    def line(e):
        text = describe(e, scenario)
        if isinstance(e, TurnBegan):
            console.rule(f"[bold]{text}")
        elif isinstance(e, (ActionTaken, Chose, Passed)):
            console.print(f"[bold]{text}[/]")
        elif isinstance(e, GameOver):
            console.print(f"[bold green]{text}[/]")
        else:
            console.print(text, markup=False)

    if by_step is None:
        for e in events:
            line(e)
        return
    for step, evs in enumerate(by_step):
        entry = entries[step - 1] if step and entries else {}
        if entry.get("why"):
            console.print(f"[dim]  ({entry.get('by', 'bot')}: {entry['why']})[/]", markup=True)
        for e in evs:
            line(e)


def print_scores(console, scenario, state) -> None:
    from rich.table import Table

    from wargame.engine import scores, state_hash

    table = Table(title=f"{scenario.title}: final scores" if state.outcome else "scores")
    table.add_column("faction")
    table.add_column("score", justify="right")
    table.add_column("threshold", justify="right")
    winner = state.outcome.winner if state.outcome else None
    for fid, value in scores(scenario, state.values).items():
        f = scenario.faction(fid)
        mark = " (winner)" if fid == winner else ""
        table.add_row(f.name + mark, str(value), str(f.threshold) if f.threshold is not None else "-")
    console.print(table)
    console.print(f"state hash {state_hash(state)}")


def cmd_autoplay(args) -> int:
    from wargame import bots, saves
    from wargame import engine as E
    from wargame.engine.codec import to_dict

    scenario = load(args.scenario)
    seed = scenario.seed if args.seed is None else args.seed
    seats = {f.id: args.policy for f in scenario.factions}
    state, events = E.begin(scenario, seed, seats)
    by_step, entries = [events], []
    while state.outcome is not None or state.pending is not None:
        if state.outcome is not None:
            break
        decision, why = bots.choose(scenario, state, args.policy)
        entries.append(to_dict(decision, by=args.policy, why=why))
        state, evs = E.apply(scenario, state, decision)
        by_step.append(evs)
    if args.save:  # before printing: a closed pipe must not lose the save
        try:
            saves.write_save(args.save, saves.record(scenario, state, entries))
        except OSError as exc:
            raise UserError(f"cannot write {args.save}: {exc.strerror}") from None
    console = _console()
    if not args.quiet:
        print_game(console, scenario, None, by_step, entries)
        print_scores(console, scenario, state)
    else:
        o = state.outcome
        console.print(f"{scenario.id} seed {seed}: {o.winner or 'draw'} ({o.reason}, turn {o.turn}) "
                      f"hash {E.state_hash(state)}")
    if args.save:
        console.print(f"saved to {args.save}")
    return EXIT_OK


def cmd_replay(args) -> int:
    from wargame import saves

    try:
        saved = saves.read_save(args.save)
        scenario = saves.find_scenario(saved, args.save)
        saves.check_scenario(saved, scenario, args.save)
        if args.to is not None and not 0 <= args.to <= len(saved.entries):
            raise UserError(f"--to must be between 0 and {len(saved.entries)}", EXIT_USAGE)
        state, _events, by_step = saves.replay(scenario, saved, args.to)
    except saves.SaveError as exc:
        raise UserError(str(exc)) from None
    console = _console()
    print_game(console, scenario, None, by_step, list(saved.entries))
    print_scores(console, scenario, state)
    if args.verify:
        if args.to is not None:
            raise UserError("--verify checks the whole game; leave out --to", EXIT_USAGE)
        try:
            saves.verify(scenario, saved, args.save)
        except saves.SaveError as exc:
            raise UserError(str(exc)) from None
        branches = f" (and its {len(saved.branches)} branch(es))" if saved.branches else ""
        console.print(f"[green]verified[/]: the replay reaches the saved state{branches}")
    return EXIT_OK


def cmd_simulate(args) -> int:
    from wargame.analysis.cli import cmd_simulate as simulate

    return simulate(args)


def cmd_merge(args) -> int:
    from wargame.analysis.merge import cmd_merge as merge

    return merge(args)


def cmd_play(args) -> int:
    from wargame.tui.launch import cmd_play as play

    return play(args)


def cmd_report(args) -> int:
    from wargame.report.cli import cmd_report as report

    return report(args)


def cmd_new(args) -> int:
    from wargame.starter import cmd_new as new

    return new(args)
