"""The replay viewer steps through a saved game with the board, meters and log as they were."""

from __future__ import annotations

from conftest import play_passively

from wargame.tui import session, view
from wargame.tui.board import Board
from wargame.tui.meters import Meters
from wargame.tui.replay import Replay, ReplayApp, ReplayScreen


def saved_game(tutorial):
    game = play_passively(session.start(tutorial, 5, {"gna": "human", "isis": "random"}))
    return session.record(game)


async def test_arrows_step_by_decision_and_pages_by_turn(tutorial):
    replay = Replay.of(tutorial, saved_game(tutorial))
    assert replay.states[-1].over and replay.last == len(replay.saved.decisions)
    app = ReplayApp(replay)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReplayScreen) and screen.step == 0

        def shown_as(k: int) -> bool:
            state = replay.states[k]
            return screen.query_one(Board).values == state.values and screen.query_one(Meters).groups == tuple(
                view.meter_groups(tutorial, state, scores=True)
            )

        assert shown_as(0)
        await pilot.press("right", "right")
        assert screen.step == 2 and shown_as(2)
        await pilot.press("left")
        assert screen.step == 1 and shown_as(1)
        await pilot.press("pagedown")
        turn = replay.states[screen.step].turn
        assert turn == replay.states[1].turn + 1 and replay.states[screen.step - 1].turn == turn - 1
        await pilot.press("pageup")
        assert replay.states[screen.step].turn == turn - 1
        await pilot.press("end")
        assert screen.step == replay.last and shown_as(replay.last)
        await pilot.press("right")  # past the end stays at the end
        assert screen.step == replay.last
        what = str(screen.query_one("#replay-what").render())
        assert f"{replay.last}/{replay.last}" in what


async def test_opens_at_the_requested_decision(tutorial):
    replay = Replay.of(tutorial, saved_game(tutorial))
    app = ReplayApp(replay, start_at=4)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.step == 4
        assert app.screen.query_one(Board).values == replay.states[4].values


def test_the_viewer_needs_a_terminal(tmp_path):
    import os
    import subprocess
    import sys

    save = tmp_path / "game.json"
    auto = [sys.executable, "-m", "wargame", "autoplay", "tutorial", "--seed", "2", "--save", str(save), "--quiet"]
    subprocess.run(auto, check=True, capture_output=True)
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    done = subprocess.run(
        [sys.executable, "-m", "wargame", "replay", str(save), "--tui"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2
    assert "needs a terminal" in done.stderr and "leave out --tui" in done.stderr
    assert "Traceback" not in done.stderr
