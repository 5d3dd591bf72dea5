"""`wargame simulate`: zero-player games in processes, a balance report, sensitivity runs."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from wargame.analysis.aggregate import Aggregate
from wargame.analysis.findings import findings
from wargame.analysis.runner import run_games
from wargame.analysis.stats import rounded
from wargame.analysis.vary import load_varied, parse_vary
from wargame.bots import LEVELS
from wargame.catalog import load
from wargame.errors import UserError
from wargame.files import STDOUT, check_output, write_output
from wargame.scenario.problems import did_you_mean
from wargame.words import plural


def parse_seats(scenario, default: str, specs: list[str]) -> dict[str, str]:
    """Every faction's bot level: `--bots` for all, `--seat FACTION=LEVEL` for some."""
    seats = {f.id: default for f in scenario.factions}
    for spec in specs:
        fid, sep, level = spec.partition("=")
        fid, level = fid.strip(), level.strip()
        if not sep or not fid or not level:
            raise UserError(
                f"--seat '{spec}': write FACTION=LEVEL, e.g. --seat {scenario.factions[0].id}=hard"
            )
        if fid not in seats:
            raise UserError(
                f"--seat '{spec}': no faction '{fid}'{did_you_mean(fid, seats)}; "
                f"the factions are {', '.join(seats)}"
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
        raise UserError(f"{flag} {path}: cannot write it ({exc.strerror or exc})") from None


def reproduce(name: str, seed: int, seats: dict[str, str], vary: str = "") -> str:
    """The command that replays one game, for a problem report."""
    levels = sorted(sorted(set(seats.values())), key=list(seats.values()).count, reverse=True)
    common = levels[0]  # the level most seats have; the others are named with --seat
    cmd = f"wargame autoplay {name} --seed {seed} --bots {common}"
    cmd += "".join(f" --seat {f}={lv}" for f, lv in seats.items() if lv != common)
    return cmd + (f" (with {vary})" if vary else "")


class _Bar:
    """A rich progress bar on stderr when it is a terminal; no thread, so forking stays safe."""

    def __init__(self):
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
        self.warned = False  # the pace warning is said once per command

    def task(self, description: str, total: int):
        task = self.progress.add_task(description, total=total)

        def tick() -> None:
            self.progress.advance(task)
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


def run_one(
    text: str, name: str, scenario, seats, args, bar: _Bar, title: str, vary: str = ""
) -> dict:
    agg = Aggregate(scenario, seats)
    tick = bar.task(title, args.games)
    start, warned = time.monotonic(), bar.warned
    for result in run_games(text, name, seats, args.games, args.seed, args.workers, tick):
        agg.add(result)
        if not warned:  # after the first game: say so at once if the whole run will take long
            warned = bar.warned = True
            workers = args.workers or os.cpu_count() or 1
            note = pace_warning(time.monotonic() - start, args.games, min(workers, args.games))
            if note:
                bar.progress.console.print(note)
    report = agg.report()
    for ex in report["problems"]["examples"]:
        ex["reproduce"] = reproduce(args.scenario, ex["seed"], seats, vary)
    report["findings"] = findings(scenario, report)
    return report


def _load(name: str):
    """The scenario, or one line saying it does not exist (with the ids that do)."""
    from wargame.catalog import resolve_scenario_path, scenario_dirs

    if not resolve_scenario_path(name).exists():
        ids = sorted({p.stem for d in scenario_dirs() for p in d.glob("*.y*ml")})
        raise UserError(
            f"no scenario '{name}'{did_you_mean(name, ids)}: give a file or one of {', '.join(ids)}"
        )
    return load(name)


def cmd_simulate(args) -> int:
    scenario = _load(args.scenario)
    if args.games < 1:
        raise UserError("--games must be at least 1")
    if args.workers < 0:
        raise UserError("--workers must be 0 (one per core) or more")
    seats = parse_seats(scenario, args.bots, args.seat)
    try:
        text = Path(scenario.path).read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot read {scenario.path}: {exc.strerror}") from None
    _check_output(args.json, "--json")
    _check_output(args.csv, "--csv")
    if args.json == STDOUT and args.csv == STDOUT:
        raise UserError("--json - and --csv - cannot both go to stdout; give one of them a file name")
    to_stdout = STDOUT in (args.json, args.csv)  # then stdout is the data's, the readable report goes to stderr
    grids = []
    for spec in args.vary:
        key, values = parse_vary(spec)
        runs = [
            (value, *load_varied(text, scenario.path, key, value)) for value in values
        ]  # fail before playing
        grids.append((key, runs))
    doc = {
        "scenario": {"id": scenario.id, "title": scenario.title, "digest": scenario.digest},
        "settings": {"games": args.games, "seed": args.seed, "bots": args.bots, "seats": seats},
    }
    bar = _Bar()
    started = time.monotonic()
    with bar.progress:
        doc["report"] = run_one(
            text, scenario.path, scenario, seats, args, bar, f"Playing {scenario.id}"
        )
        sensitivity = []
        for key, runs in grids:
            points = []
            for value, varied, vtext in runs:
                r = run_one(
                    vtext,
                    scenario.path,
                    varied,
                    seats,
                    args,
                    bar,
                    f"{key}={value}",
                    f"{key}={value}",
                )
                points.append(
                    {
                        "value": value,
                        "win_rate": {f["id"]: f["win_rate"] for f in r["factions"]},
                        "ci95": {f["id"]: f["ci95"] for f in r["factions"]},
                        "draw_rate": r["draws"]["rate"],
                        "problems": r["problems"]["games"],
                    }
                )
            sensitivity.append({"key": key, "points": points})
        if sensitivity:
            doc["sensitivity"] = sensitivity
    elapsed = time.monotonic() - started
    from rich.console import Console

    from wargame.analysis.render import csv_text, print_report

    print_report(Console(highlight=False, stderr=to_stdout), doc)
    total = args.games * (1 + sum(len(runs) for _k, runs in grids))
    print(
        f"{total} games in {elapsed:.1f} s "
        f"({rounded(total / elapsed if elapsed else 0, 1)} games/s)",
        file=sys.stderr,
    )
    if args.json:
        _write(args.json, json.dumps(doc, indent=1, ensure_ascii=False) + "\n", "--json")
    if args.csv:
        _write(args.csv, csv_text(doc), "--csv")
    return 0
