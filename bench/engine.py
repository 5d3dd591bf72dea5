"""Engine speed: random-policy decisions/s and whole games/s, as ratios to baselines measured in the same run.

    .venv/bin/python bench/engine.py [SCENARIO ...] [--seconds S] [--json]

Without a scenario it plays the bundled libya-2016 if it loads, else the
tutorial. Times are CPU time of this process (one core), best of five rounds,
so a busy machine changes them less; the ratios to the baselines (an
`attrs.evolve` of a GameState, a plain dict update) are what to compare
between machines. Nothing here is asserted: tests never assert on time.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import attrs
from common import bundled, load_or_exit  # the project on the import path, then the bundled scenario

from wargame import engine as E
from wargame import saves
from wargame.engine.codec import to_dict
from wargame.engine.rng import below

ROUNDS = 5
GOAL = {"libya-2016": 60_000}  # issue #11: random-policy decisions/s on one core


def random_game(scenario, seed: int) -> int:
    """One whole game with the random policy (a uniform pick among the legal decisions); returns its length."""
    state = E.new_game(scenario, seed)
    r, n = seed * 2654435761 + 1, 0
    while state.outcome is None:
        options = E.legal_decisions(scenario, state)
        r, i = below(r, len(options))
        state, _ = E.apply(scenario, state, options[i])
        n += 1
    return n


def best_rate(work, budget: float) -> tuple[float, int]:
    """(seconds per unit, units per round): the best of ROUNDS rounds of about budget/ROUNDS seconds each."""
    best, units = float("inf"), 0
    for _ in range(ROUNDS):
        start, done = time.process_time(), 0
        while True:
            done += work()
            spent = time.process_time() - start
            if spent >= budget / ROUNDS:
                break
        best, units = min(best, spent / done), done
    return best, units


def measure(scenario, seconds: float) -> dict:
    random_game(scenario, 0)  # warm the per-scenario tables
    seeds = iter(range(1, 10**9))
    lengths: list[int] = []

    def games() -> int:
        lengths.append(random_game(scenario, next(seeds)))
        return lengths[-1]

    per_decision, _ = best_rate(games, seconds)
    per_game = per_decision * sum(lengths) / len(lengths)

    state = E.new_game(scenario, 1)

    def evolves() -> int:
        s = state
        for i in range(1000):
            s = attrs.evolve(s, actor=i)
        return 1000

    d: dict = {f"k{i}": i for i in range(len(scenario.slot_names))}

    def dict_updates() -> int:
        for i in range(1000):
            d["k3"] = i
            d["k7"] = d["k3"] + 1
        return 2000

    per_evolve, _ = best_rate(evolves, seconds / 4)
    per_update, _ = best_rate(dict_updates, seconds / 4)

    final = state
    entries, r = [], 11
    while final.outcome is None:
        options = E.legal_decisions(scenario, final)
        r, i = below(r, len(options))
        final, _ = E.apply(scenario, final, options[i])
        entries.append(to_dict(options[i]))
    saved = saves.record(scenario, final, entries)
    per_replayed, _ = best_rate(lambda: (saves.replay(scenario, saved), len(entries))[1], seconds / 4)
    return {
        "scenario": scenario.id,
        "slots": len(scenario.slot_names),
        "decisions_per_game": sum(lengths) / len(lengths),
        "decisions_per_s": 1 / per_decision,
        "games_per_s": 1 / per_game,
        "replayed_decisions_per_s": 1 / per_replayed,
        "evolve_per_s": 1 / per_evolve,
        "dict_updates_per_s": 1 / per_update,
        "decision_in_evolves": per_decision / per_evolve,
        "decision_in_dict_updates": per_decision / per_update,
    }


def report(m: dict) -> str:
    us = 1e6 / m["decisions_per_s"]
    return "\n".join(
        [
            f"{m['scenario']}: {m['slots']} value slots, {m['decisions_per_game']:.0f} decisions per random game "
            f"(CPU time, one core, best of {ROUNDS})",
            f"  random policy  {m['decisions_per_s']:>11,.0f} decisions/s  ({us:.1f} us each, legal_decisions + apply)",
            f"  whole games    {m['games_per_s']:>11,.1f} games/s",
            f"  replay (saves) {m['replayed_decisions_per_s']:>11,.0f} decisions/s",
            f"  baseline       {m['evolve_per_s']:>11,.0f} attrs.evolve/s of a GameState: "
            f"a decision costs {m['decision_in_evolves']:.1f} evolves",
            f"  baseline       {m['dict_updates_per_s']:>11,.0f} dict updates/s: "
            f"a decision costs {m['decision_in_dict_updates']:,.0f} dict updates",
            *_goal(m),
        ]
    )


def _goal(m: dict) -> list[str]:
    """Issue #11's goal for this scenario, if it has one, and whether this run meets it."""
    want = GOAL.get(m["scenario"])
    if want is None:
        return []
    met = "met" if m["decisions_per_s"] >= want else f"NOT met ({m['decisions_per_s'] / want:.0%} of it)"
    return [f"  goal           {want:>11,} decisions/s (issue #11): {met}"]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("scenarios", nargs="*", type=Path)
    p.add_argument("--seconds", type=float, default=6.0, help="time budget per scenario (default 6)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = p.parse_args()
    results = []
    for path in args.scenarios or bundled():
        scenario = load_or_exit(path)
        results.append(measure(scenario, args.seconds))
    print(json.dumps(results, indent=1) if args.json else "\n".join(report(m) for m in results))


if __name__ == "__main__":
    main()
