"""Bot cost as scenarios grow: normal-bot decisions on Libya and on generated scenarios, Libya as the baseline.

    .venv/bin/python bench/scale.py [--seconds S] [--sizes 50/500/200,200/60/40,200/2000/800]

Each size runs in its own process (so its memory is its own): it loads the
scenario, then plays normal-bot games for about S seconds of CPU time (at
least a few decisions, fewer at the big sizes) and reports the mean and
slowest decision, the peak and final memory of the process. The sizes run
in turn, Libya first, for --rounds rounds (default 3), and each size's row
is its round with the lowest mean: other jobs on a shared machine only ever
slow a round down, and a burst during one size's single run would otherwise
move its ratio to Libya by a fifth. The ratios to Libya's figures from the
same run are what to compare between machines; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

from common import ROOT, bundled, load_or_exit  # the project on the import path, then the bundled scenario
from load import large_scenario

from wargame import bots
from wargame import engine as E
from wargame.scenario import load_text

SIZES = ((50, 500, 200), (200, 60, 40), (200, 2000, 800))
# issue #11's goals for the normal bot: (seconds per decision at most, x Libya at most, peak MB under)
GOALS = {"50/500/200": (0.005, None, None), "200/2000/800": (0.020, 50, 300)}
MIN_DECISIONS = 5


def rss_mb() -> float:
    """The process's resident memory now, in MB (Linux), else its peak."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return peak_mb()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(size: str, seconds: float, level: str) -> dict:
    """Measure one size in this process: 'libya' or 'R/C/A' (regions/cards/actions)."""
    start = time.perf_counter()
    if size == "libya":
        scenario = load_or_exit(bundled()[0])
    else:
        r, c, a = (int(x) for x in size.split("/"))
        scenario = load_text(large_scenario(r, c, a), f"<generated {size}>")[0]
    load_s = time.perf_counter() - start
    times: list[float] = []
    seed, spent = 1, 0.0
    state = E.new_game(scenario, seed)
    while spent < seconds or len(times) < MIN_DECISIONS:
        if state.outcome is not None:
            seed += 1
            state = E.new_game(scenario, seed)
        t0 = time.process_time()
        decision, _ = bots.choose(scenario, state, level)
        dt = time.process_time() - t0
        times.append(dt)
        spent += dt
        state, _ = E.apply(scenario, state, decision)
    return {
        "size": size,
        "decisions": len(times),
        "mean_s": sum(times) / len(times),
        "max_s": max(times),
        "peak_mb": peak_mb(),
        "end_mb": rss_mb(),
        "load_s": load_s,
        "slots": len(scenario.slot_names),
        "level": level,
    }


def label(size: str) -> str:
    return "Libya (14 / 57 / 44)" if size == "libya" else " / ".join(f"{int(x):,}" for x in size.split("/"))


def fmt_s(s: float) -> str:
    return f"{s * 1e6:,.0f} us" if s < 1e-3 else f"{s * 1e3:,.1f} ms" if s < 1 else f"{s:,.2f} s"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=15.0, help="CPU seconds of decisions per size (default 15)")
    p.add_argument("--sizes", default=",".join("/".join(map(str, s)) for s in SIZES))
    p.add_argument("--level", default="normal")
    p.add_argument("--rounds", type=int, default=3, help="runs of every size, in turn; the best counts (default 3)")
    p.add_argument("--one", help=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true")
    args = p.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.seconds, args.level)))
        return
    sizes = ["libya", *args.sizes.split(",")]
    runs: dict[str, list[dict]] = {size: [] for size in sizes}
    for _ in range(max(1, args.rounds)):
        for size in sizes:
            out = subprocess.run(
                [sys.executable, __file__, "--one", size, "--seconds", str(args.seconds), "--level", args.level],
                capture_output=True,
                text=True,
                cwd=ROOT,
                check=False,
            )
            if out.returncode:
                raise SystemExit(f"{size}: {out.stderr.strip().splitlines()[-1:]}")
            runs[size].append(json.loads(out.stdout))
    rows = [min(runs[size], key=lambda m: m["mean_s"]) for size in sizes]
    if args.json:
        print(json.dumps(rows, indent=1))
        return
    base = rows[0]["mean_s"]
    print(
        f"{args.level} bot, CPU time per decision (one process per size and round, the best of "
        f"{max(1, args.rounds)} rounds; ratios to Libya in this run)"
    )
    print(
        f"{'regions / cards / actions':<26} {'decisions':>9} {'per decision':>13} {'x Libya':>8} "
        f"{'slowest':>10} {'peak MB':>8} {'end MB':>7}  goal (issue #11)"
    )
    for m in rows:
        line = (
            f"{label(m['size']):<26} {m['decisions']:>9,} {fmt_s(m['mean_s']):>13} {m['mean_s'] / base:>8,.0f} "
            f"{fmt_s(m['max_s']):>10} {m['peak_mb']:>8.0f} {m['end_mb']:>7.0f}  {goal(m, base)}"
        )
        print(line.rstrip())


def goal(m: dict, base: float) -> str:
    """Whether this size meets issue #11's goals: 'met', 'NOT met (...)', or '' where it sets none."""
    limits = GOALS.get(m["size"])
    if limits is None or m["level"] != "normal":
        return ""
    per, ratio, mb = limits
    misses = [
        *([f"over {fmt_s(per)}"] if m["mean_s"] > per else []),
        *([f"over {ratio}x Libya"] if ratio is not None and m["mean_s"] / base > ratio else []),
        *([f"peak over {mb} MB"] if mb is not None and m["peak_mb"] >= mb else []),
    ]
    return f"NOT met ({', '.join(misses)})" if misses else "met"


if __name__ == "__main__":
    main()
