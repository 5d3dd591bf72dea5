"""Benchmark the TUI: launch to the first game screen, and a key press to the redrawn screen.

Both are printed as ratios to a bare Textual app measured in the same run, so
the figures mean the same on a slow laptop and on a fast workstation.

    .venv/bin/python bench/tui.py [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"

BARE_LAUNCH = """
from textual.app import App
from textual.widgets import Footer, Static

class Bare(App):
    def compose(self):
        yield Static("hello")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.exit)

Bare().run(headless=True, size=(100, 30))
"""

GAME_LAUNCH = """
import argparse, sys
from wargame.tui import launch

args = argparse.Namespace(scenario=sys.argv[1], seed=1, seat=[], load=None, facilitator=False,
                          saves_dir=sys.argv[2])
game, seed = launch.plan(args)
from wargame.tui.app import WargameApp
from wargame.tui.game import GameScreen

mounted = GameScreen.on_mount

def on_mount(self):
    mounted(self)
    self.call_after_refresh(self.app.exit)

GameScreen.on_mount = on_mount
WargameApp(sys.argv[2], game, seed).run(headless=True, size=(100, 30))
"""


CORE_IMPORT = "import wargame.saves, wargame.catalog, wargame.bots"


def launch_time(code: str, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, cwd=ROOT)
    return time.perf_counter() - start


def spy_frames(app) -> list[tuple[float, object]]:
    """Record when each frame is drawn, and the game state it showed (headless apps still draw)."""
    frames: list[tuple[float, object]] = []
    display = app._display

    def spy(screen, renderable):
        if renderable is not None:
            frames.append((time.perf_counter(), getattr(getattr(screen, "game", None), "state", None)))
        display(screen, renderable)

    app._display = spy
    return frames


async def bare_key_latency(runs: int) -> list[float]:
    from textual.app import App
    from textual.binding import Binding
    from textual.widgets import Footer, Static

    class Bare(App):
        BINDINGS = [Binding("x", "bump", "Bump")]  # noqa: RUF012
        count = 0

        def compose(self):
            yield Static("0", id="n")
            yield Footer()

        def action_bump(self) -> None:
            self.count += 1
            self.query_one("#n", Static).update(str(self.count))

    app = Bare()
    out = []
    async with app.run_test(size=(100, 30)) as pilot:
        frames = spy_frames(app)
        await pilot.pause(0.2)
        for _ in range(runs):
            frames.clear()
            start = time.perf_counter()
            await pilot.press("x")
            await pilot.pause(0.05)
            out.append(frames[0][0] - start)
    return out


async def game_key_latency(runs: int, saves: Path) -> list[float]:
    """Enter on 'Pay the brigades' until the screen shows the new state; undo between runs."""
    from wargame.scenario import load_scenario
    from wargame.tui import session
    from wargame.tui.app import WargameApp

    scenario = load_scenario(TUTORIAL)[0]
    game = session.start(scenario, 1, {"gna": "human", "isis": "random"})
    app = WargameApp(saves, game, 1, bot_delay=0)
    out = []
    async with app.run_test(size=(100, 30)) as pilot:
        frames = spy_frames(app)
        await pilot.pause(0.3)
        screen = app.screen
        await pilot.press("down")
        for _ in range(runs):
            before = screen.game.state
            frames.clear()
            start = time.perf_counter()
            await pilot.press("enter")
            await pilot.pause(0.05)
            drawn = next(t for t, state in frames if state is not None and state is not before)
            out.append(drawn - start)
            await pilot.press("u")
            await pilot.pause(0.05)
    return out


def ms(xs: list[float]) -> str:
    return f"{statistics.median(xs) * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bare, game, core, empty = [], [], [], []
        for _ in range(args.runs):  # interleaved, so a busy moment hurts both sides alike
            bare.append(launch_time(BARE_LAUNCH))
            game.append(launch_time(GAME_LAUNCH, str(TUTORIAL), tmp))
            core.append(launch_time(CORE_IMPORT))
            empty.append(launch_time("pass"))
        print(
            f"launch to first screen: bare Textual app {ms(bare)}, wargame game screen {ms(game)}, "
            f"ratio {statistics.median(game) / statistics.median(bare):.2f}x (aim: at most 1.3x)"
        )
        core_ms = statistics.median(core) - statistics.median(empty)
        print(
            f"  of which importing the engine, scenarios, saves (no UI): {core_ms * 1000:.0f} ms; "
            f"without it the ratio would be "
            f"{(statistics.median(game) - core_ms) / statistics.median(bare):.2f}x"
        )
        runs = args.runs * 3
        bare_keys = asyncio.run(bare_key_latency(runs))
        game_keys = asyncio.run(game_key_latency(runs, Path(tmp)))
        print(
            f"key press to redrawn screen: bare app {ms(bare_keys)}, "
            f"an action in the game {ms(game_keys)}, "
            f"ratio {statistics.median(game_keys) / statistics.median(bare_keys):.2f}x"
        )


if __name__ == "__main__":
    main()
