"""Sweeps: the built-in process pool against a local Dask cluster, and the parent's memory as games grow.

    .venv/bin/python bench/sweep.py [--games N] [--workers K] [--batch B] [--json]

Plays N tutorial games (default 20,000, normal bots) through the built-in
pool, then the same games through a local Dask cluster of K workers (default
2) in the same run, checks that both give the same report, and prints Dask's
overhead as the ratio of the two wall times (the cluster's start-up is timed
apart: it is paid once per command). Then it runs `wargame simulate` for N/10
and for N games, each in a fresh process, and prints the parent's peak
resident memory for both (the workers' memory is their own). Nothing here is
asserted: tests never assert on time.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

from common import ROOT  # the project on the import path

from wargame.analysis.backends import Processes
from wargame.analysis.sweep import prepare, run
from wargame.scenario import load_scenario

TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def timed_sweep(backend, games: int, batch: int) -> tuple[float, dict]:
    scenario = load_scenario(TUTORIAL)[0]
    seats = {f.id: "normal" for f in scenario.factions}
    sweep = prepare("tutorial", str(TUTORIAL), scenario, TUTORIAL.read_text(encoding="utf-8"), seats, [])
    start = time.perf_counter()
    aggs = run(sweep, 0, games, 1, backend, batch)
    return time.perf_counter() - start, aggs[0].report()


def parent_peak_kb(games: int, workers: int, batch: int) -> int:
    """`wargame simulate` in a fresh process; its own peak RSS, measured by itself (child mode)."""
    cmd = [sys.executable, __file__, "--child", str(games), "--workers", str(workers), "--batch", str(batch)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=1800)
    return int(out.stdout.strip().splitlines()[-1])


def child(games: int, workers: int, batch: int) -> None:
    import contextlib
    import io

    from wargame.cli import main

    argv = ["simulate", str(TUTORIAL), "--games", str(games), "--workers", str(workers), "--batch", str(batch)]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        main(argv)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def measure(games: int, workers: int, batch: int) -> dict:
    m: dict = {"games": games, "workers": workers, "batch": batch}
    with Processes(workers) as pool:
        m["pool_s"], pool_report = timed_sweep(pool, games, batch)
    try:
        import distributed  # noqa: F401  (the optional extra)
    except ImportError:
        pass
    else:
        from wargame.analysis.dask_backend import DaskBackend

        start = time.perf_counter()
        with DaskBackend(workers) as cluster:
            m["dask_start_s"] = time.perf_counter() - start
            m["dask_s"], dask_report = timed_sweep(cluster, games, batch)
        m["same_report"] = dask_report == pool_report
        m["dask_overhead"] = m["dask_s"] / m["pool_s"] - 1
    small = max(1, games // 10)
    m["rss_small_games"], m["rss_small_kb"] = small, parent_peak_kb(small, workers, batch)
    m["rss_kb"] = parent_peak_kb(games, workers, batch)
    return m


def report(m: dict) -> str:
    n = m["games"]
    lines = [
        f"{n:,} tutorial games, normal bots, {m['workers']} workers, batches of {m['batch']}",
        f"  baseline  built-in pool     {m['pool_s']:7.1f} s  ({n / m['pool_s']:,.0f} games/s)",
    ]
    if "dask_s" in m:
        lines += [
            f"  dask      local cluster     {m['dask_s']:7.1f} s  ({n / m['dask_s']:,.0f} games/s), "
            f"overhead {m['dask_overhead']:+.1%} against the pool; same report: {m['same_report']}",
            f"            cluster start-up  {m['dask_start_s']:7.1f} s  (once per command)",
        ]
    else:
        lines.append("  dask      not installed: pip install 'wargame[dask]'")
    small = m["rss_small_games"]
    lines.append(
        f"  memory    parent peak RSS   {m['rss_small_kb'] / 1024:.1f} MB for {small:,} games, "
        f"{m['rss_kb'] / 1024:.1f} MB for {n:,} games: x{m['rss_kb'] / m['rss_small_kb']:.3f}"
    )
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--games", type=int, default=20_000, help="games per backend (default 20,000)")
    p.add_argument("--workers", type=int, default=2, help="pool processes and Dask workers (default 2)")
    p.add_argument("--batch", type=int, default=100, help="games per task (default 100, as `simulate`)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        child(args.child, args.workers, args.batch)
        return
    m = measure(args.games, args.workers, args.batch)
    print(json.dumps(m, indent=1) if args.json else report(m))


if __name__ == "__main__":
    main()
