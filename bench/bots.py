"""Bot speed: decisions/s per level and games/s, as ratios to the engine measured in the same run.

    .venv/bin/python bench/bots.py [SCENARIO ...] [--seconds S] [--games N] [--workers K] [--json]
    .venv/bin/python bench/bots.py --ladder N [--pair hard:normal] [SCENARIO ...]

Without a scenario it uses the bundled libya-2016 if it loads, else the
tutorial. Decisions are timed on the same positions for every level (taken
from normal-bot games), in CPU time of this process, best of three rounds,
so a busy machine changes them less. The baseline is the engine itself in
the same run: `apply` of the chosen decision (what every decision costs
anyway) and the random policy. Last, `--games` games (default 2000) with
normal bots in `--workers` processes (default 2), as `wargame simulate`
plays them, in wall time. Nothing here is asserted: tests never assert on time.

`--ladder N` calibrates the levels instead: for each pair (X above Y) and
each faction, N seeds with that faction at X and the others at Y, then the
same seeds swapped (the faction at Y, the others at X). The faction's win
rate at X against its win rate at Y, pooled over factions, with Wilson 95%
intervals, is the figure docs/bots.md reports.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from common import ROOT, bundled, load_or_exit  # the project on the import path, then the bundled scenario

from wargame import bots
from wargame import engine as E
from wargame.analysis.backends import open_backend
from wargame.analysis.stats import wilson
from wargame.analysis.sweep import prepare, run
from wargame.scenario import load_scenario

ROUNDS = 3
HARD_POSITIONS = 40


def positions(scenario, games: int = 4) -> list:
    """Every position of a few normal-bot games (the states bots really meet)."""
    out = []
    for seed in range(games):
        state = E.new_game(scenario, 1000 + seed)
        while state.outcome is None:
            out.append(state)
            state, _ = E.apply(scenario, state, bots.choose(scenario, state, "normal")[0])
    return out


def per_item(work, items, budget: float) -> float:
    """CPU seconds per item: the best of ROUNDS passes over `items` (each >= budget/ROUNDS)."""
    best = float("inf")
    for _ in range(ROUNDS):
        start, done = time.process_time(), 0
        while True:
            for item in items:
                work(item)
            done += len(items)
            spent = time.process_time() - start
            if spent >= budget / ROUNDS:
                break
        best = min(best, spent / done)
    return best


def game(scenario, seed: int, level: str) -> int:
    state = E.new_game(scenario, seed)
    n = 0
    while state.outcome is None:
        state, _ = E.apply(scenario, state, bots.choose(scenario, state, level)[0])
        n += 1
    return n


def measure(scenario, path: Path, seconds: float, games: int, workers: int) -> dict:
    states = positions(scenario)
    moves = [(s, bots.choose(scenario, s, "random")[0]) for s in states]
    m: dict = {"scenario": scenario.id, "positions": len(states)}
    m["apply_s"] = per_item(lambda sd: E.apply(scenario, sd[0], sd[1]), moves, seconds / 6)
    for level in ("random", "easy", "normal"):
        m[f"{level}_s"] = per_item(lambda s, lv=level: bots.choose(scenario, s, lv), states, seconds / 6)
    step = max(1, len(states) // HARD_POSITIONS)
    m["hard_s"] = per_item(lambda s: bots.choose(scenario, s, "hard"), states[::step], seconds / 6)
    m["hard_worst_s"] = max(_wall(lambda s=s: bots.choose(scenario, s, "hard")) for s in states[::step])
    for level in ("random", "easy", "normal"):
        seeds = iter(range(10**6))
        m[f"{level}_game_s"] = per_item(lambda _x, lv=level, sd=seeds: game(scenario, next(sd), lv), [0], seconds / 6)
    if games:
        text = path.read_text(encoding="utf-8")
        seats = {f.id: "normal" for f in scenario.factions}
        start = time.perf_counter()
        sweep = prepare(str(path), str(path), scenario, text, seats, [])
        with open_backend("processes", workers, None) as backend:
            run(sweep, 0, games, 1, backend, 100)
        m.update(batch_games=games, batch_workers=workers, batch_wall_s=time.perf_counter() - start)
    return m


def _wall(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def report(m: dict) -> str:
    apply_s = m["apply_s"]
    lines = [
        f"{m['scenario']}: {m['positions']} positions from normal-bot games (CPU time, one core, best of {ROUNDS})",
        f"  baseline  engine apply      {1 / apply_s:>9,.0f} /s  ({1e6 * apply_s:.0f} us)",
    ]
    for level in ("random", "easy", "normal", "hard"):
        s = m[f"{level}_s"]
        lines.append(
            f"  {level:<7} decisions         {1 / s:>9,.0f} /s  ({1e6 * s:,.0f} us = {s / apply_s:.2f} applies)"
        )
    lines.append(f"  hard    slowest decision  {m['hard_worst_s'] * 1000:>9,.0f} ms (wall)")
    for level in ("random", "easy", "normal"):
        g = m[f"{level}_game_s"]
        ratio = g / m["random_game_s"]
        lines.append(f"  {level:<7} whole games       {1 / g:>9,.1f} /s  ({ratio:.1f}x a random-policy game)")
    if "batch_games" in m:
        projected = m["batch_games"] * m["normal_game_s"] / m["batch_workers"]
        lines.append(
            f"  {m['batch_games']} normal games in {m['batch_workers']} processes: "
            f"{m['batch_wall_s']:.1f} s wall "
            f"(CPU-time projection {projected:.1f} s)"
        )
    return "\n".join(lines)


def _duel(job: tuple) -> str | None:
    path, seed, seats = job
    scenario, _ = load_scenario(path) if path not in _LOADED else (_LOADED[path], None)
    _LOADED[path] = scenario
    state = E.new_game(scenario, seed)
    while state.outcome is None:
        decision = bots.choose(scenario, state, seats[state.pending.faction])[0]
        state, _ = E.apply(scenario, state, decision)
    return state.outcome.winner


_LOADED: dict = {}


def ladder(path: Path, strong: str, weak: str, seeds: int, workers: int, first: int = 0) -> dict:
    """One seat at `strong` against the rest at `weak`, and swapped, for every faction and seed."""
    from multiprocessing import get_context

    scenario, _ = load_scenario(path)
    jobs = []
    for f in scenario.factions:
        for k in range(first, first + seeds):
            seed = 7919 * k + 17
            jobs.append((path, seed, {g.id: strong if g.id == f.id else weak for g in scenario.factions}))
            jobs.append((path, seed, {g.id: weak if g.id == f.id else strong for g in scenario.factions}))
    with get_context("fork").Pool(workers) as pool:
        winners = pool.map(_duel, jobs, chunksize=2)
    rows, up, down = [], 0, 0
    for n, f in enumerate(scenario.factions):
        part = winners[2 * seeds * n : 2 * seeds * (n + 1)]
        a, b = sum(w == f.id for w in part[0::2]), sum(w == f.id for w in part[1::2])
        rows.append({"faction": f.id, "strong_wins": a, "weak_wins": b, "games": seeds})
        up, down = up + a, down + b
    games = seeds * len(scenario.factions)
    return {
        "scenario": scenario.id,
        "strong": strong,
        "weak": weak,
        "games_each": games,
        "strong_rate": up / games,
        "strong_ci": wilson(up, games),
        "weak_rate": down / games,
        "weak_ci": wilson(down, games),
        "factions": rows,
    }


def ladder_report(m: dict) -> str:
    lo, hi = m["strong_ci"]
    wlo, whi = m["weak_ci"]
    lines = [
        f"{m['scenario']}: one seat at {m['strong']} vs the rest at {m['weak']}, and swapped "
        f"({m['games_each']} games each way)",
        f"  seat at {m['strong']:<7} wins {m['strong_rate']:6.1%}  (95% CI {lo:.1%}-{hi:.1%})",
        f"  seat at {m['weak']:<7} wins {m['weak_rate']:6.1%}  (95% CI {wlo:.1%}-{whi:.1%})",
    ]
    for r in m["factions"]:
        a, b = r["strong_wins"] / r["games"], r["weak_wins"] / r["games"]
        lines.append(f"    {r['faction']:<8} {a:6.1%} vs {b:6.1%}")
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("scenarios", nargs="*", type=Path)
    p.add_argument("--seconds", type=float, default=12.0, help="CPU time budget per scenario (default 12)")
    p.add_argument(
        "--games",
        type=int,
        default=2000,
        help="normal-bot games in processes (default 2000; 0: skip)",
    )
    p.add_argument("--workers", type=int, default=2, help="processes for those games (default 2)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--first", type=int, default=0, metavar="K", help="with --ladder: start at seed number K")
    p.add_argument("--ladder", type=int, metavar="N", help="calibrate the levels: N seeds per faction")
    p.add_argument(
        "--pair",
        action="append",
        metavar="X:Y",
        help="levels to compare (default normal:easy, hard:normal)",
    )
    args = p.parse_args()
    if args.ladder:
        pairs = [tuple(x.split(":")) for x in (args.pair or ["normal:easy", "hard:normal"])]
        for path in args.scenarios or [ROOT / "scenarios" / "tutorial.yaml", *bundled()]:
            for strong, weak in pairs:
                m = ladder(path, strong, weak, args.ladder, args.workers, args.first)
                print(json.dumps(m) if args.json else ladder_report(m), flush=True)
        return
    results = []
    for path in args.scenarios or bundled():
        scenario = load_or_exit(path)
        results.append(measure(scenario, path, args.seconds, args.games, args.workers))
    print(json.dumps(results, indent=1) if args.json else "\n".join(report(m) for m in results))


if __name__ == "__main__":
    main()
