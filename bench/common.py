"""What the benchmarks share: the project on the import path, and which bundled scenario to measure."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wargame.scenario import ScenarioError, load_scenario  # noqa: E402


def bundled() -> list[Path]:
    """The first bundled scenario that loads (libya-2016, else the tutorial): a benchmark still runs
    while someone is halfway through editing one."""
    for name in ("libya-2016", "tutorial"):
        path = ROOT / "scenarios" / f"{name}.yaml"
        try:
            load_scenario(path)
            return [path]
        except ScenarioError:
            print(f"({path.name} does not load; trying the next)", file=sys.stderr)
    raise SystemExit("no bundled scenario loads")


def load_or_exit(path: Path):
    """The scenario at `path`, or the loader's first problem as the benchmark's exit message."""
    try:
        return load_scenario(path)[0]
    except ScenarioError as exc:
        raise SystemExit(f"{path}: does not load: {exc.problems[0]}") from None
