"""Shared by the saves tests: a finished game on a private copy of the tutorial, as a save."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
sys.path.insert(0, str(ROOT / "tests" / "engine"))

from engine_helpers import play_random  # noqa: E402

from wargame import saves  # noqa: E402
from wargame.scenario import load_scenario  # noqa: E402


def scenario_copy(tmp: Path, source: Path = GOLDEN / "tutorial.yaml"):
    """A scenario file of the test's own (so a test may edit it) and the loaded scenario."""
    path = tmp / source.name
    shutil.copy(source, path)
    return path, load_scenario(path)[0]


def finished_game(tmp: Path, seed: int = 3, name: str = "game"):
    """(scenario, saved, path of the written save) for a random game played to its end."""
    scenario_path, scenario = scenario_copy(tmp)
    state, entries, _ = play_random(scenario, seed)
    saved = saves.record(scenario, state, entries, name=name)
    path = saves.write_save(tmp / "saves" / f"{name}.json", saved)
    return scenario, saved, path
