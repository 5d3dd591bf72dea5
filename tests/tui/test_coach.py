"""The coach: a scenario's own steps move on with what the player does, then step aside."""

from __future__ import annotations

from conftest import SIZE, human_turn, make_app, until

from wargame.scenario import load_scenario
from wargame.tui import session
from wargame.tui.coach import Coach

SOLO = {"gna": "human", "isis": "random"}


def shown(app) -> str:
    coach = app.screen.query_one(Coach)
    return str(coach.render()) if coach.display else ""


async def test_the_tutorial_coach_follows_the_player(tutorial, saves_dir):
    steps = tutorial.coach
    assert [s.after for s in steps] == ["explain", "target", "meters", "pass", "card", "help"]
    app = make_app(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert "Coach 1/6" in shown(app) and "press e" in shown(app)
        await pilot.press("m")  # not what step 1 waits for: it stays
        await pilot.press("m")
        assert "Coach 1/6" in shown(app)
        await pilot.press("e")
        assert "Coach 2/6" in shown(app)
        await pilot.press("home", "enter")  # the assault: its target picker opens
        await pilot.pause()
        await pilot.press("enter")  # the first target
        await until(pilot, lambda: len(screen.game.decisions) >= 1)
        assert "Coach 3/6" in shown(app)
        await pilot.press("m", "m", "end", "enter")  # meters, then Pass
        await until(pilot, lambda: human_turn(app) and screen.game.state.turn == 2)
        assert "Coach 5/6" in shown(app)
        await pilot.press("1")
        await until(pilot, lambda: "Coach 6/6" in shown(app))
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert shown(app) == ""  # done: the coach steps aside


async def test_a_condition_step_moves_on_when_the_game_gets_there(scenario_dir, saves_dir):
    text = (scenario_dir / "tutorial.yaml").read_text(encoding="utf-8")
    cut = text.index("\ncoach:")
    steps = '  - say: "Hold on until turn 2."\n    when: "turn >= 2"\n  - say: "Now ask for help."\n    after: help\n'
    text = text[:cut] + "\ncoach:\n" + steps
    path = scenario_dir / "coached.yaml"
    path.write_text(text.replace("id: tutorial ", "id: coached "), encoding="utf-8")
    scenario = load_scenario(path)[0]
    app = make_app(saves_dir, session.start(scenario, 7, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert "Hold on until turn 2" in shown(app)
        await pilot.press("end", "enter")
        await until(pilot, lambda: screen.game.state.turn == 2)
        await pilot.pause()
        assert "Now ask for help" in shown(app)


async def test_no_coach_no_line(scenario_dir, saves_dir):
    text = (scenario_dir / "tutorial.yaml").read_text(encoding="utf-8")
    path = scenario_dir / "plain.yaml"
    path.write_text(text[: text.index("\ncoach:")].replace("id: tutorial ", "id: plain "), encoding="utf-8")
    app = make_app(saves_dir, session.start(load_scenario(path)[0], 7, SOLO))
    async with app.run_test(size=SIZE):
        assert shown(app) == ""
