"""Pilot tests: nothing a user does loses their work (autosave per decision, collisions, quit)."""

from __future__ import annotations

import json
import os
import threading

import pytest
from conftest import SIZE, autosave_path, game_screen, make_app, until

from wargame import engine as E
from wargame import saves
from wargame.tui import session
from wargame.tui.confirm import Confirm
from wargame.tui.game import GameScreen
from wargame.tui.quit_dialog import QuitDialog
from wargame.tui.save_dialog import SaveDialog

SOLO = {"gna": "human", "isis": "random"}


def on_disk(saves_dir) -> tuple:
    found = list(saves_dir.glob("autosave-*.json"))
    return saves.read_save(found[0]).decisions if len(found) == 1 else None


def dialog_text(screen) -> str:
    from textual.widgets import Static

    return " ".join(str(w.render()) for w in screen.query(Static) if type(w) is Static)


async def test_each_decision_is_on_disk_before_the_next_key(tutorial, saves_dir):
    app = make_app(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        for _ in range(3):  # three of the team's decisions, each written before the next key
            n = len(screen.game.decisions)
            await until(pilot, lambda: screen.game.seats[screen.game.state.pending.faction] == "human")
            await pilot.press("end", "enter")  # pass
            await until(pilot, lambda n=n: len(screen.game.decisions) > n)
            await until(pilot, lambda: on_disk(saves_dir) == screen.game.decisions)
        assert any(e.get("by") == "random" for e in on_disk(saves_dir)), "the bots' decisions too"


async def test_no_key_waits_for_the_disk(tutorial, saves_dir, monkeypatch):
    gate = threading.Event()
    real = saves.write_autosave

    def slow(*args, **kwargs):
        gate.wait(20)  # a disk that takes its time
        return real(*args, **kwargs)

    monkeypatch.setattr(saves, "write_autosave", slow)
    app = make_app(saves_dir, session.start(tutorial, 7, {"gna": "human", "isis": "human"}))
    async with app.run_test(size=SIZE) as pilot:
        screen = game_screen(app)
        from wargame.tui.handover import HandOver

        for _ in range(3):  # decisions go on while the first write is still stuck
            await until(pilot, lambda: isinstance(app.screen, (HandOver, GameScreen)))
            if isinstance(app.screen, HandOver):
                await pilot.press("enter")
                await until(pilot, lambda: isinstance(app.screen, GameScreen))
            n = len(screen.game.decisions)
            await pilot.press("end", "enter")
            await until(pilot, lambda n=n: len(screen.game.decisions) > n)
        assert not list(saves_dir.glob("autosave-*.json"))
        gate.set()
        await until(pilot, lambda: on_disk(saves_dir) == screen.game.decisions)


async def test_resume_writes_the_resumed_games_autosave_only(tutorial, scenario_dir, saves_dir):
    other = session.autosave(session.play(session.start(tutorial, 5, SOLO), E.Pass())[0], saves_dir)
    mine = session.play(session.start(tutorial, 9, SOLO), E.Pass())[0]
    mine_path = session.save(mine, saves_dir, "mine")
    other_bytes, mine_bytes = other.read_bytes(), mine_path.read_bytes()
    app = make_app(saves_dir, scenario_dir=scenario_dir)
    async with app.run_test(size=SIZE) as pilot:
        start = app.screen
        labels = [str(o.prompt) for o in start.query_one("#saves").options]
        assert len(labels) == 2 and any("autosave" in x for x in labels)
        start.query_one("#saves").focus()
        start.query_one("#saves").highlighted = next(i for i, x in enumerate(labels) if "saved as mine" in x)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, GameScreen))
        screen = app.screen
        assert screen.game.game_id == mine.game_id
        await until(pilot, lambda: screen.game.seats[screen.game.state.pending.faction] == "human")
        await pilot.press("end", "enter")
        await until(pilot, lambda: len(screen.game.decisions) > len(mine.decisions))
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, QuitDialog))
        await pilot.press("y")
        await until(pilot, lambda: not app.is_running)
        entries = screen.game.decisions
    assert other.read_bytes() == other_bytes and mine_path.read_bytes() == mine_bytes
    autosaves = {p.name: saves.read_save(p) for p in saves_dir.glob("autosave-*.json")}
    assert len(autosaves) == 2
    (resumed,) = [s for s in autosaves.values() if s.game_id == mine.game_id]
    assert resumed.decisions == entries


async def test_saving_over_another_games_file_asks_first(tutorial, saves_dir):
    theirs = session.save(session.play(session.start(tutorial, 5, SOLO), E.Pass())[0], saves_dir, "Team A")
    before = theirs.read_bytes()
    app = make_app(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        for answer in ("n", "y"):
            await pilot.press("s")
            assert isinstance(app.screen, SaveDialog)
            app.screen.query_one("#save-name").value = "Team/A"
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, Confirm))
            text = dialog_text(app.screen)
            assert "Replace Team-A.json?" in text and "'Team/A' is saved as Team-A.json" in text
            assert "holds another game (Team A, tutorial" in text
            await pilot.press(answer)
            await until(pilot, lambda: app.screen is screen)
            if answer == "n":
                assert theirs.read_bytes() == before
    assert saves.read_save(theirs).game_id == screen.game.game_id


def unwritable(saves_dir):
    """A saves folder nobody can write into. Root ignores permissions, so then it is a plain file."""
    if os.geteuid() == 0:
        saves_dir.write_text("not a folder")
        return saves_dir
    saves_dir.mkdir()
    saves_dir.chmod(0o500)
    return saves_dir


async def quit_unsaved(pilot, app):
    screen = app.screen
    await until(pilot, lambda: screen.game.seats[screen.game.state.pending.faction] == "human")
    await pilot.press("end", "enter")
    await until(pilot, lambda: len(screen.game.decisions) >= 1)
    await pilot.press("q")
    await until(pilot, lambda: isinstance(app.screen, QuitDialog))
    return screen


async def test_quit_on_an_unwritable_folder_tells_the_truth_and_saves_elsewhere(tutorial, saves_dir, tmp_path):
    unwritable(saves_dir)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    app = make_app(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        screen = await quit_unsaved(pilot, app)
        text = dialog_text(app.screen)
        assert "It is NOT saved" in text and "It is saved" not in text and "failed" in text
        app.screen.query_one("#quit-save-path").value = str(elsewhere)
        await pilot.press("enter")
        await until(pilot, lambda: not app.is_running)
        entries = screen.game.decisions
    (written,) = elsewhere.glob("autosave-*.json")
    assert saves.read_save(written).decisions == entries


async def test_quit_on_an_unwritable_folder_can_keep_playing_or_quit_without_saving(tutorial, saves_dir, tmp_path):
    unwritable(saves_dir)
    app = make_app(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        screen = await quit_unsaved(pilot, app)
        await pilot.press("y", "ctrl+q")  # no single key throws the game away
        await pilot.pause()
        assert isinstance(app.screen, QuitDialog) and app.is_running
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, QuitDialog))
        taken = tmp_path / "taken.json"  # another game's file is refused, and the dialog says so
        taken.write_text(json.dumps({"my": "notes"}))
        app.screen.query_one("#quit-save-path").value = str(taken)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, QuitDialog) and "not a readable" in dialog_text(app.screen))
        assert json.loads(taken.read_text()) == {"my": "notes"}
        await pilot.click("#quit")
        await until(pilot, lambda: not app.is_running)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a 0o500 folder")
async def test_quit_on_a_read_only_folder(tutorial, saves_dir):
    saves_dir.mkdir()
    saves_dir.chmod(0o500)
    try:
        app = make_app(saves_dir, session.start(tutorial, 7, SOLO))
        async with app.run_test(size=SIZE) as pilot:
            await quit_unsaved(pilot, app)
            assert "It is NOT saved" in dialog_text(app.screen)
            await pilot.click("#quit")
            await until(pilot, lambda: not app.is_running)
    finally:
        saves_dir.chmod(0o700)


async def test_a_paused_session_is_saved_paused_and_resumes_paused(tutorial, saves_dir):
    from wargame.tui.app import WargameApp

    app = WargameApp(
        saves_dir, session.start(tutorial, 7, SOLO), seed=1, scenario_dirs=[], bot_delay=0, facilitator=True
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("p")
        await until(pilot, lambda: on_disk(saves_dir) is not None and saves.read_save(autosave_path(saves_dir)).paused)
        assert screen.query_one("#paused-banner").display
    scenario, saved, _, _ = saves.load_game(autosave_path(saves_dir))
    app = WargameApp(
        saves_dir, session.resume(scenario, saved), seed=1, scenario_dirs=[], bot_delay=0, facilitator=True
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.pause()
        assert screen.paused and screen.query_one("#paused-banner").display
        await pilot.press("p")
        await until(pilot, lambda: not saves.read_save(autosave_path(saves_dir)).paused)
