"""Bot speed: decisions/s per level and games/s, as ratios to the engine measured in the same run.

    .venv/bin/python bench/bots.py [SCENARIO ...] [--seconds S] [--games N] [--workers K] [--json]

Without a scenario it uses the bundled libya-2016 if it loads, else the
tutorial. Decisions are timed on the same positions for every level (taken
from normal-bot games), in CPU time of this process, best of three rounds,
so a busy machine changes them less. The baseline is the engine itself in
the same run: `apply` of the chosen decision (what every decision costs
anyway) and the random policy. Last, `--games` games (default 2000) with
normal bots in `--workers` processes (default 2), as `wargame simulate`
plays them, in wall time. Nothing here is asserted: tests never assert on time.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wargame import bots  # noqa: E402
from wargame import engine as E  # noqa: E402
from wargame.analysis.runner import run_games  # noqa: E402
from wargame.scenario import ScenarioError, load_scenario  # noqa: E402

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
        m[f"{level}_s"] = per_item(
            lambda s, lv=level: bots.choose(scenario, s, lv), states, seconds / 6
        )
    step = max(1, len(states) // HARD_POSITIONS)
    m["hard_s"] = per_item(lambda s: bots.choose(scenario, s, "hard"), states[::step], seconds / 6)
    m["hard_worst_s"] = max(
        _wall(lambda s=s: bots.choose(scenario, s, "hard")) for s in states[::step]
    )
    for level in ("random", "easy", "normal"):
        seeds = iter(range(10**6))
        m[f"{level}_game_s"] = per_item(
            lambda _x, lv=level, sd=seeds: game(scenario, next(sd), lv), [0], seconds / 6
        )
    if games:
        text = path.read_text(encoding="utf-8")
        seats = {f.id: "normal" for f in scenario.factions}
        start = time.perf_counter()
        for _ in run_games(text, str(path), seats, games, 1, workers):
            pass
        m.update(batch_games=games, batch_workers=workers, batch_wall_s=time.perf_counter() - start)
    return m


def _wall(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def report(m: dict) -> str:
    apply_s = m["apply_s"]
    lines = [
        f"{m['scenario']}: {m['positions']} positions from normal-bot games "
        f"(CPU time, one core, best of {ROUNDS})",
        f"  baseline  engine apply      {1 / apply_s:>9,.0f} /s  ({1e6 * apply_s:.0f} us)",
    ]
    for level in ("random", "easy", "normal", "hard"):
        s = m[f"{level}_s"]
        lines.append(
            f"  {level:<7} decisions         {1 / s:>9,.0f} /s  "
            f"({1e6 * s:,.0f} us = {s / apply_s:.2f} applies)"
        )
    lines.append(f"  hard    slowest decision  {m['hard_worst_s'] * 1000:>9,.0f} ms (wall)")
    for level in ("random", "easy", "normal"):
        g = m[f"{level}_game_s"]
        ratio = g / m["random_game_s"]
        lines.append(
            f"  {level:<7} whole games       {1 / g:>9,.1f} /s  ({ratio:.1f}x a random-policy game)"
        )
    if "batch_games" in m:
        projected = m["batch_games"] * m["normal_game_s"] / m["batch_workers"]
        lines.append(
            f"  {m['batch_games']} normal games in {m['batch_workers']} processes: "
            f"{m['batch_wall_s']:.1f} s wall "
            f"(CPU-time projection {projected:.1f} s)"
        )
    return "\n".join(lines)


def bundled() -> list[Path]:
    for name in ("libya-2016", "tutorial"):
        path = ROOT / "scenarios" / f"{name}.yaml"
        try:
            load_scenario(path)
            return [path]
        except ScenarioError:
            print(f"({path.name} does not load; trying the next)", file=sys.stderr)
    raise SystemExit("no bundled scenario loads")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("scenarios", nargs="*", type=Path)
    p.add_argument(
        "--seconds", type=float, default=12.0, help="CPU time budget per scenario (default 12)"
    )
    p.add_argument(
        "--games",
        type=int,
        default=2000,
        help="normal-bot games in processes (default 2000; 0: skip)",
    )
    p.add_argument("--workers", type=int, default=2, help="processes for those games (default 2)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = p.parse_args()
    results = []
    for path in args.scenarios or bundled():
        try:
            scenario, _ = load_scenario(path)
        except ScenarioError as exc:
            raise SystemExit(f"{path}: does not load: {exc.problems[0]}") from None
        results.append(measure(scenario, path, args.seconds, args.games, args.workers))
    print(json.dumps(results, indent=1) if args.json else "\n".join(report(m) for m in results))


if __name__ == "__main__":
    main()
