"""The autosave writer on its own: one thread, in order, failures said once, never a stuck caller."""

from __future__ import annotations

from conftest import play_passively

from wargame import saves
from wargame.tui import session
from wargame.tui.autosave import AutosaveWriter

SOLO = {"gna": "human", "isis": "random"}


def test_failures_are_reported_once_and_recovery_too(tutorial, tmp_path):
    folder = tmp_path / "saves"
    folder.write_text("a file where the folder should be")  # root ignores permissions; this it cannot
    reports = []
    writer = AutosaveWriter(folder, lambda path, error: reports.append((path, error)))
    game = session.start(tutorial, 7, SOLO)
    for _ in range(3):
        game = play_passively(game, steps=1)
        writer.write(game)
        assert writer.wait(10)
    assert not writer.ok and not writer.saved(game) and writer.error
    assert len(reports) == 1 and reports[0][0] is None
    folder.unlink()
    writer.write(game)
    assert writer.wait(10) and writer.ok and writer.saved(game)
    assert reports[-1][0] == writer.path and saves.read_save(writer.path).decisions == game.decisions
    writer.stop()


def test_the_newest_of_many_queued_games_is_the_one_on_disk(tutorial, tmp_path):
    writer = AutosaveWriter(tmp_path, lambda path, error: None)
    game = session.start(tutorial, 7, SOLO)
    for _ in range(12):
        game = play_passively(game, steps=1)
        writer.write(game)
    assert writer.wait(20) and writer.saved(game)
    assert saves.read_save(writer.path).decisions == game.decisions
    writer.stop()
