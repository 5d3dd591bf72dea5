"""Fixtures for the TUI tests: a scenario folder, a saves folder, an app factory, a wait helper."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playing import play_passively, until  # noqa: F401  (re-exported: the TUI tests import them from here)

from wargame.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
SIZE = (100, 30)


@pytest.fixture
def scenario_dir(tmp_path: Path) -> Path:
    """A scenario folder with the tutorial and one broken file (the start screen greys it out)."""
    d = tmp_path / "scenarios"
    d.mkdir()
    shutil.copy(TUTORIAL, d / "tutorial.yaml")
    (d / "broken.yaml").write_text("format: 1\nid: broken\ntitle: Broken\n", encoding="utf-8")
    return d


@pytest.fixture
def saves_dir(tmp_path: Path) -> Path:
    return tmp_path / "saves"


@pytest.fixture
def tutorial(scenario_dir: Path):
    return load_scenario(scenario_dir / "tutorial.yaml")[0]


@pytest.fixture
def hot_seat(scenario_dir: Path):
    """The tutorial with ISIS playable, so two teams can share the keyboard."""
    text = TUTORIAL.read_text(encoding="utf-8")
    text = text.replace("id: tutorial ", "id: hotseat ").replace(
        "playable: false             # always run by a bot", "playable: true"
    )
    path = scenario_dir / "hotseat.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)[0]


def make_app(saves_dir: Path, game=None, scenario_dir: Path | None = None, seed: int = 1234):
    """The app as `wargame play` builds it, with bots that do not wait between moves."""
    from wargame.tui.app import WargameApp

    dirs = [scenario_dir] if scenario_dir is not None else []
    return WargameApp(saves_dir, game, seed=seed, scenario_dirs=dirs, bot_delay=0)


def autosave_path(saves_dir: Path) -> Path:
    """The one autosave in the folder (each game has its own; these tests play one game)."""
    found = sorted(saves_dir.glob("autosave-*.json"))
    assert len(found) == 1, f"expected one autosave, found {[p.name for p in found]}"
    return found[0]


def game_screen(app):
    from wargame.tui.game import GameScreen

    return next(s for s in reversed(app.screen_stack) if isinstance(s, GameScreen))


def human_turn(app) -> bool:
    """True once a human must decide (or the game is over): bots are done for now."""
    from wargame.tui.game import GameScreen

    screen = next((s for s in reversed(app.screen_stack) if isinstance(s, GameScreen)), None)
    if screen is None or screen.game is None:
        return False
    state = screen.game.state
    return state.over or screen.game.seats.get(state.pending.faction) == "human"
