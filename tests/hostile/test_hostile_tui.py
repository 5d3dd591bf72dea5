"""The TUI on hostile files (Pilot): markup in every scenario text, escapes and markup in every save field,
a link to /dev/zero and a FIFO among the scenarios. Every screen opens, shows the text as written, sends no escape."""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

from hostile_files import MARKUP, hostile_save, markup_scenario
from playing import play_passively, until

SIZE = (140, 45)


def make_app(saves_dir: Path, game=None, scenario_dir: Path | None = None):
    from wargame.tui.app import WargameApp

    return WargameApp(saves_dir, game, seed=1, scenario_dirs=[scenario_dir] if scenario_dir else [], bot_delay=0)


def screen_text(app) -> str:
    """What the screen shows, as text: the screenshot without its SVG markup."""
    svg = app.export_screenshot()
    assert "\x1b" not in svg and "\x07" not in svg
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def _folders(tmp_path: Path) -> tuple[Path, Path, Path]:
    scenarios, saves = tmp_path / "scenarios", tmp_path / "saves"
    scenarios.mkdir()
    saves.mkdir()
    scenario = markup_scenario(scenarios)
    (scenarios / "evil.yaml").symlink_to("/dev/zero")
    os.mkfifo(scenarios / "pipe.yaml")
    shutil.move(hostile_save(tmp_path, scenario), saves / "hostile.json")
    shutil.move(hostile_save(tmp_path, scenario, seats=False, file="seated.json"), saves / "seated.json")
    return scenarios, saves, scenario


async def test_the_start_screen_lists_hostile_saves_and_refuses_devices(tmp_path):
    from wargame.tui.start import StartScreen

    scenarios, saves, _scenario = _folders(tmp_path)
    app = make_app(saves, scenario_dir=scenarios)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.pause()
        text = screen_text(app)
        assert "[/] \u241b]0;pwned" in text  # the save's name, its ESC shown as a symbol, never sent
        assert "evil.yaml" in text and "pipe.yaml" in text  # listed as not loadable, not read forever
        assert app.is_running


async def test_resuming_a_hostile_save_and_playing_to_the_end(tmp_path):
    from wargame.tui.end import EndScreen
    from wargame.tui.game import GameScreen
    from wargame.tui.start import StartScreen

    scenarios, saves, _scenario = _folders(tmp_path)
    app = make_app(saves, scenario_dir=scenarios)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        app.screen.post_message(StartScreen.Resume(saves / "hostile.json", False))  # seats nobody can run
        await until(pilot, lambda: bool(app._notifications))
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        (note,) = [n.message for n in app._notifications]
        assert "hostile.json: the save seats 'random \u241b]0;pwned" in note and "a seat is human" in note
        app.screen.post_message(StartScreen.Resume(saves / "seated.json", False))
        await until(pilot, lambda: isinstance(app.screen, (GameScreen, EndScreen)))
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]" in text  # shown, not made a button
        assert app.is_running


async def test_a_game_of_a_scenario_with_markup_everywhere(tmp_path):
    from wargame.scenario import load_scenario
    from wargame.tui import session
    from wargame.tui.end import EndScreen
    from wargame.tui.game import GameScreen

    scenario, _ = load_scenario(markup_scenario(tmp_path))
    game = session.start(scenario, 5, {"gna": "human", "isis": "random"})
    app = make_app(tmp_path / "saves", game)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, GameScreen))
        await pilot.pause()
        text = screen_text(app)
        assert MARKUP in text or "[/][/]" in text
        await pilot.press("question_mark")  # help: the scenario described in full
        await pilot.pause()
        assert "[@click=app.quit]" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GameScreen)
        screen.game = play_passively(screen.game)  # to the end: the end screen shows names and history
        await until(pilot, lambda: isinstance(app.screen, EndScreen), timeout=20)
        await pilot.pause()
        assert "[/][/]" in screen_text(app)
        assert app.is_running


def test_play_refuses_a_save_whose_seats_it_cannot_run(tmp_path):
    import argparse

    import pytest

    from wargame.errors import UserError
    from wargame.tui import launch

    save = hostile_save(tmp_path, markup_scenario(tmp_path))
    args = argparse.Namespace(scenario=None, seed=None, seat=[], load=str(save), facilitator=False, saves_dir=None)
    with pytest.raises(UserError) as info:
        launch.plan(args)
    assert str(info.value).startswith(f"{save}: the save seats 'random ")
