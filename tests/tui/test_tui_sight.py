"""The game screen shows the team at the keyboard its own view: nothing its sight hides reaches the
board, the region panel or the log (the meters' bands and '?' are tested in test_tui_orders.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SIZE, make_app, until

from wargame.engine import events as ev
from wargame.scenario import load_scenario
from wargame.tui import facilitator_flow as flow
from wargame.tui import session, view
from wargame.tui.log import GameLog
from wargame.tui.region import RegionPanel

EXERCISE = Path(__file__).resolve().parents[1] / "engine" / "exercise.yaml"


@pytest.fixture(scope="module")
def exercise():
    return load_scenario(EXERCISE)[0]


def region_text(screen) -> str:
    return " ".join(screen.query_one(RegionPanel).lines)


async def test_a_team_sees_question_marks_where_its_sight_ends(exercise, saves_dir):
    seats = {"north": "random", "south": "human", "militia": "random"}
    app = make_app(saves_dir, session.start(exercise, 3, seats))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.game is not None)
        board = screen.query_one("Board")
        board.select("port")  # held by the militia: South sees neither its mines nor its unrest
        await pilot.pause()
        assert "Mines ?/3" in region_text(screen) and "Unrest ?/5" in region_text(screen)
        board.select("coast")  # South's own: its unrest is South's to see, the mines are not
        await pilot.pause()
        unrest = screen.game.state.values[exercise.slot_index["coast.unrest"]]
        assert f"Unrest {unrest}/5" in region_text(screen) and "Mines ?/3" in region_text(screen)
        hidden = view.unseen(exercise, screen.game.state.values, "south")
        assert exercise.slot_index["port.mines"] in hidden and board.hidden == hidden


def test_the_log_leaves_out_changes_a_team_does_not_see(exercise):
    """Every change of a value South does not see exactly is missing from South's log, and a roll
    whose odds read such a value keeps its verdict but not its numbers."""
    game = session.start(exercise, 5, {"north": "random", "south": "random", "militia": "random"})
    while not game.state.over:
        decision, why, by = session.bot_move(exercise, game.state, "random")
        game, _ = session.play(game, decision, by, why)
    full = [text for text, _ in flow.game_log(game)]
    south = [text for text, _ in flow.game_log(game, "south")]
    hidden_labels = [
        ev.slot_label(exercise, name)
        for i, name in enumerate(exercise.slot_names)
        if i in view.unseen(exercise, game.state.values, "south") and not name.startswith("uses:")
    ]
    assert len(south) < len(full)
    leaked = [line for line in south for label in hidden_labels if line.strip().startswith(label + " ")]
    assert leaked == []
    assert all("vs -1%" not in line for line in south)


async def test_the_screen_log_follows_the_team_at_the_keyboard(exercise, saves_dir):
    seats = {"north": "random", "south": "human", "militia": "random"}
    app = make_app(saves_dir, session.start(exercise, 3, seats))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.game is not None)
        shown = " ".join(line.text for line in screen.query_one(GameLog).lines)
        expected = " ".join(text for text, _ in flow.game_log(screen.game, "south"))
        assert " ".join(shown.split()) == " ".join(expected.split())
