"""`wargame simulate`: zero-player games on a backend, a balance report, sensitivity runs, shard parts."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from wargame.analysis.backends import open_backend
from wargame.analysis.probes import add_probe_reports, add_probes
from wargame.analysis.shards import parse_shard, shard_doc, shard_range
from wargame.analysis.stats import rounded
from wargame.analysis.sweep import document, prepare, run
from wargame.bots import LEVELS
from wargame.catalog import load
from wargame.errors import UserError
from wargame.files import STDOUT, check_output, write_output
from wargame.scenario import Scenario
from wargame.scenario.problems import did_you_mean
from wargame.text import markup, plain
from wargame.words import plural


def parse_seats(scenario: Scenario, default: str, specs: list[str]) -> dict[str, str]:
    """Every faction's bot level: `--bots` for all, `--seat FACTION=LEVEL` for some."""
    seats = {f.id: default for f in scenario.factions}
    for spec in specs:
        fid, sep, level = spec.partition("=")
        fid, level = fid.strip(), level.strip()
        if not sep or not fid or not level:
            raise UserError(f"--seat '{spec}': write FACTION=LEVEL, e.g. --seat {scenario.factions[0].id}=hard")
        if fid not in seats:
            raise UserError(
                f"--seat '{spec}': no faction '{fid}'{did_you_mean(fid, seats)}; the factions are {', '.join(seats)}"
            )
        if level not in LEVELS:
            raise UserError(
                f"--seat '{spec}': no bot level '{level}'{did_you_mean(level, LEVELS)}; "
                f"the levels are {', '.join(LEVELS)}"
            )
        seats[fid] = level
    return seats


def _check_output(path: str | None, flag: str) -> None:
    problem = check_output(path, flag)
    if problem:
        raise UserError(problem)


def _write(path: str, text: str, flag: str) -> None:
    """Write atomically (wargame.files), or to stdout for '-': an interrupted run never leaves a torn report."""
    try:
        write_output(path, text)
    except OSError as exc:
        raise UserError(f"{flag} {plain(path)}: cannot write it ({exc.strerror or exc})") from None


class _Bar:
    """A rich progress bar on stderr when it is a terminal; no thread, so forking stays safe."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        console = Console(stderr=True)
        self.on = console.is_terminal
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            auto_refresh=False,
            disable=not self.on,
        )
        self.last = 0.0

    def task(self, description: str, total: int) -> Callable[[int], None]:
        task = self.progress.add_task(markup(description), total=total)

        def tick(games: int = 1) -> None:
            self.progress.advance(task, games)
            now = time.monotonic()
            if self.on and now - self.last > 0.1:
                self.last = now
                self.progress.refresh()

        return tick


def pace_warning(first_game_s: float, games: int, workers: int) -> str | None:
    """One line when the run will take more than ten minutes at the first game's pace, else None."""
    total = first_game_s * games / max(workers, 1)
    if total < 600:
        return None
    took = f"{total / 3600:.1f} hours" if total >= 5400 else f"{total / 60:.0f} minutes"
    on = plural(workers, "process", "processes")
    return f"At {first_game_s:.1f} s a game, {games:,} games take about {took} on {on}; Ctrl+C stops the run."


def _load(name: str) -> Scenario:
    """The scenario, or one line saying it does not exist (with the ids that do)."""
    from wargame.catalog import resolve_scenario_path, scenario_dirs

    if not resolve_scenario_path(name).exists():
        ids = sorted({p.stem for d in scenario_dirs() for p in d.glob("*.y*ml")})
        raise UserError(f"no scenario '{name}'{did_you_mean(name, ids)}: give a file or one of {', '.join(ids)}")
    return load(name)


def _sessions(base: Scenario, names: list[str]) -> list[Scenario]:
    """The scenario as each named preset plays it (just the scenario when none is named)."""
    from wargame.engine.sessions import UnknownSession, apply_session

    try:
        return [apply_session(base, name) for name in dict.fromkeys(names)] or [base]
    except UnknownSession as exc:
        raise UserError(str(exc)) from None


def cmd_simulate(args: argparse.Namespace) -> int:
    played = _sessions(_load(args.scenario), getattr(args, "session", []) or [])
    scenario = played[0]
    if args.games < 1:
        raise UserError("--games must be at least 1")
    if args.workers < 0:
        raise UserError("--workers must be 0 (one per core) or more")
    if args.batch < 1:
        raise UserError("--batch must be at least 1 game")
    shard = parse_shard(args.shard, args.games) if args.shard else None
    if shard and not args.out:
        raise UserError("--shard K/N needs --out FILE: the part is merged later with `wargame merge`")
    if args.out and (args.json or args.csv):
        raise UserError("--out writes a part for `wargame merge`; the merge writes --json and --csv")
    seats = parse_seats(scenario, args.bots, args.seat)
    try:
        text = Path(scenario.path).read_bytes().decode("utf-8")  # exactly the bytes its digest is of
    except OSError as exc:
        raise UserError(f"cannot read {scenario.path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise UserError(f"{scenario.path}: not UTF-8 text") from None
    for flag in ("json", "csv", "out"):
        _check_output(getattr(args, flag), f"--{flag}")
    check_stdout(args.json, args.csv)
    sweep = prepare(args.scenario, scenario.path, scenario, text, seats, args.vary, tuple(played[1:]))
    probes = add_probes(sweep, scenario, text, seats, args)
    if probes and args.out:
        raise UserError("probes (--prefer, --avoid, --choose) are reported by a whole run; they cannot be sharded")
    settings = {
        "games": args.games,
        "seed": args.seed,
        "bots": args.bots,
        "seats": seats,
        "vary": args.vary,
        "session": scenario.session.id if scenario.session else None,
        "sessions": [p.session.id for p in played if p.session is not None],  # every preset: merge rebuilds them
        "orders": scenario.orders,
    }
    k, n = shard or (1, 1)
    first, end = shard_range(k, n, args.games)
    backend = open_backend(args.backend, args.workers, args.scheduler)
    bar = _Bar()
    total = (end - first) * len(sweep.groups)
    started = time.monotonic()
    tick = bar.task(f"Playing {scenario.id}" if n == 1 else f"Shard {k}/{n} of {scenario.id}", total)

    def first_game(seconds: float) -> None:
        note = pace_warning(seconds, total, backend.workers)
        if note:
            bar.progress.console.print(note)

    with backend, bar.progress:
        aggs = run(sweep, first, end, args.seed, backend, args.batch, tick, first_game)
    elapsed = time.monotonic() - started
    print(
        f"{total} games in {elapsed:.1f} s ({rounded(total / elapsed if elapsed else 0, 1)} games/s)",
        file=sys.stderr,
    )
    if args.out:
        doc = shard_doc(sweep, text, settings, k, n, aggs)
        _write(args.out, json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", "--out")
        where = "stdout" if args.out == STDOUT else args.out
        print(f"shard {k}/{n}: games {first}..{end - 1} of {args.games}, written to {where}", file=sys.stderr)
        return 0
    doc = document(sweep, report_settings(settings), aggs)
    add_probe_reports(doc, sweep, aggs, probes, args.watch)
    if args.human_paths:
        from wargame.analysis.paths import find

        doc["human_paths"] = find(scenario, seats, args.human_paths, args.seed)
    write_report(doc, args.json, args.csv)
    return 0


def report_settings(settings: dict) -> dict:
    """The settings a report shows: what changes the games, less the --vary specs (they have their own section)."""
    return {k: v for k, v in settings.items() if k != "vary"}


def check_stdout(json_path: str | None, csv_path: str | None) -> None:
    """'-' sends a file to stdout; then the readable report goes to stderr, so only one file may be '-'."""
    if json_path == STDOUT and csv_path == STDOUT:
        raise UserError("--json - and --csv - cannot both go to stdout; give one of them a file name")


def write_report(doc: dict, json_path: str | None, csv_path: str | None) -> None:
    """Print the report; write --json and --csv (atomically) when asked."""
    from rich.console import Console

    from wargame.analysis.render import csv_text, print_report
    from wargame.analysis.render_probes import print_human_paths, print_probes

    console = Console(highlight=False, emoji=False, stderr=STDOUT in (json_path, csv_path))
    print_report(console, doc)
    print_probes(console, doc)
    print_human_paths(console, doc)
    if json_path:
        _write(json_path, json.dumps(doc, indent=1, ensure_ascii=False) + "\n", "--json")
    if csv_path:
        _write(csv_path, csv_text(doc), "--csv")
