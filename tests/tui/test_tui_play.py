"""Pilot tests: a trainee's path through the TUI, asserting on the game state and the messages."""

from __future__ import annotations

from conftest import SIZE, autosave_path, game_screen, human_turn, make_app, until

from wargame import engine as E
from wargame import saves
from wargame.tui import session
from wargame.tui.end import EndScreen
from wargame.tui.game import GameScreen
from wargame.tui.handover import HandOver
from wargame.tui.messages import Decide, PickTarget
from wargame.tui.save_dialog import SaveDialog
from wargame.tui.start import StartScreen
from wargame.tui.targets import TargetPicker

SOLO = {"gna": "human", "isis": "random"}


async def test_start_screen_starts_a_game(scenario_dir, saves_dir):
    messages = []
    app = make_app(saves_dir, scenario_dir=scenario_dir, seed=4242)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        assert isinstance(app.screen, StartScreen)
        options = app.screen.query_one("#scenarios")
        assert [o.disabled for o in options.options] == [False, True]  # broken.yaml is greyed out
        await pilot.press("enter")  # choose the tutorial: the Start button takes the keyboard
        assert app.focused.id == "start"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, GameScreen))
        game = app.screen.game
        assert game.seed == 4242 and game.scenario.id == "tutorial"
        assert game.seats == {"gna": "human", "isis": "normal"}
        assert game.state.pending == E.Pending("action", "gna")
        started = [m for m in messages if isinstance(m, StartScreen.NewGame)]
        assert len({id(m) for m in started}) == 1 and started[0].seed == 4242  # seen as it bubbles


async def test_seat_picker_changes_who_plays(scenario_dir, saves_dir):
    app = make_app(saves_dir, scenario_dir=scenario_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("SeatPicker")  # G.N.A.: human -> easy bot
        await pilot.click("#start")
        await until(pilot, lambda: isinstance(app.screen, (GameScreen, EndScreen)))
        await until(pilot, lambda: game_screen(app).game is not None)  # set as the screen mounts
        assert game_screen(app).game.seats["gna"] == "easy"


async def test_targeted_action_goes_through_the_picker(tutorial, saves_dir):
    messages = []
    app = make_app(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        screen = app.screen
        before = screen.game.state
        await pilot.press("enter")  # the first action, 'Assault a district', needs a target
        assert isinstance(app.screen, TargetPicker)
        picker = app.screen
        assert [r.region for r in picker.rows] == E.targets(tutorial, before.values, tutorial.action("assault"))
        odds = {r.region: E.odds(tutorial, before, E.Act("assault", r.region)).percent for r in picker.rows}
        assert {r.region: r.percent for r in picker.rows} == odds == {"sirte_centre": 20, "district_3": 30}
        await pilot.press("down", "enter")
        await until(pilot, lambda: screen.game.state is not before)
        assert screen.game.decisions[-1] == {
            "act": "assault",
            "target": "sirte_centre",
            "by": "human",
        }
        assert screen.game.state.actions_taken == 1
        assert any(isinstance(m, PickTarget) and m.action == "assault" for m in messages)


async def test_escape_leaves_the_picker_without_deciding(tutorial, saves_dir):
    app = make_app(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "escape")
        assert isinstance(app.screen, GameScreen) and app.screen.game.decisions == ()


async def test_answering_a_card_choice(tutorial, saves_dir):
    messages = []
    app = make_app(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        screen = app.screen
        await pilot.press("end", "enter")  # G.N.A. passes; the bot plays; turn 2 brings the US offer
        await until(pilot, lambda: human_turn(app) and screen.game.state.turn == 2)
        state = screen.game.state
        assert state.pending == E.Pending("choice", "gna", "us_offer")
        assert screen.query_one("#option-1").label.plain == "2 Fight alone"
        await pilot.click("#option-1")
        await until(pilot, lambda: screen.game.state is not state)
        assert screen.game.decisions[-1] == {"choose": 1, "by": "human"}
        assert any(isinstance(m, Decide) and m.decision == E.Choose(1) for m in messages)
        slot = tutorial.slot_index["gna.legitimacy"]
        assert screen.game.state.values[slot] == state.values[slot] + 2


async def test_back_at_the_keyboard_a_team_sees_the_bots_moves_and_its_score(tutorial, saves_dir):
    app = make_app(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        since = screen.query_one("#actions-since")
        assert not since.display  # nothing happened yet
        await pilot.press("end", "enter")  # G.N.A. passes; the bot plays; turn 2's card asks the G.N.A.
        await until(pilot, lambda: human_turn(app) and screen.game.state.turn == 2)
        await pilot.press("2")  # fight alone: now the G.N.A.'s actions, with the news above them
        await until(pilot, lambda: screen.game.state.pending == E.Pending("action", "gna"))
        await pilot.pause()
        assert since.display and "ISIS: " in str(since.render())
        meters = str(screen.query_one("#meters").render())
        score = E.scores(tutorial, screen.game.state.values)["gna"]
        assert f"score {score}/140" in meters


async def test_a_whole_game_to_the_end_screen(tutorial, saves_dir):
    app = make_app(saves_dir, session.start(tutorial, 11, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        for _ in range(60):
            await until(pilot, lambda: human_turn(app))
            if screen.game.state.over:
                break
            step, pending = screen.game.state.step, screen.game.state.pending
            await pilot.press("1" if pending.kind == "choice" else "enter")
            if isinstance(app.screen, TargetPicker):
                await pilot.press("enter")
            await until(pilot, lambda step=step: screen.game.state.step > step)
        await until(pilot, lambda: isinstance(app.screen, EndScreen))
        outcome = screen.game.state.outcome
        assert outcome is not None and outcome.turn <= tutorial.turns
        text = str(app.screen.query_one("#end-title").render())
        winner = tutorial.faction(outcome.winner).name if outcome.winner else "draw"
        assert winner.split()[0] in text
        final = E.state_hash(screen.game.state)
        replayed = session.rebuild(tutorial, 11, SOLO, screen.game.decisions)
        assert E.state_hash(replayed.state) == final

        def autosaved() -> bool:  # written on a background thread
            found = list(saves_dir.glob("autosave-*.json"))
            return len(found) == 1 and saves.read_save(found[0]).state_hash == final

        await until(pilot, autosaved)
        await pilot.press("b")
        assert isinstance(app.screen, GameScreen)


async def test_hot_seat_hands_over_between_teams(hot_seat, saves_dir):
    both = {"gna": "human", "isis": "human"}
    app = make_app(saves_dir, session.start(hot_seat, 7, both))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HandOver))
        assert app.screen.team == "G.N.A."
        await pilot.press("enter")
        screen = game_screen(app)
        assert app.screen is screen
        assert {r.id for r in screen.query_one("ActionsPanel").rows} >= {"assault", "pay_brigades"}
        await pilot.press("end", "enter")  # G.N.A. passes: ISIS's turn, on the same keyboard
        await until(pilot, lambda: isinstance(app.screen, HandOver))
        assert app.screen.team == "ISIS"
        await pilot.press("enter")
        rows = screen.query_one("ActionsPanel").rows
        assert rows and {r.id for r in rows} <= {"counterattack", "dig_in", "recruit"}
        entries = screen.game.decisions
        await pilot.press("u")  # ISIS may not take back the G.N.A. team's decision
        assert screen.game.decisions == entries


async def test_save_then_resume_from_the_start_screen(tutorial, scenario_dir, saves_dir):
    app = make_app(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("down", "enter")  # pay the brigades
        await until(pilot, lambda: len(screen.game.decisions) == 1)
        await pilot.press("s")
        assert isinstance(app.screen, SaveDialog)
        await pilot.press(*"my save", "enter")
        await until(pilot, lambda: (saves_dir / "my-save.json").exists())
        expected = E.state_hash(screen.game.state)
    assert saves.read_save(saves_dir / "my-save.json").state_hash == expected

    app = make_app(saves_dir, scenario_dir=scenario_dir)
    async with app.run_test(size=SIZE) as pilot:
        start = app.screen
        labels = [str(o.prompt) for o in start.query_one("#saves").options]
        index = next(i for i, label in enumerate(labels) if "saved as my save" in label)
        start.query_one("#saves").focus()
        start.query_one("#saves").highlighted = index
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, GameScreen))
        assert E.state_hash(app.screen.game.state) == expected
        assert app.screen.game.decisions[-1]["act"] == "pay_brigades"


async def test_undo_takes_back_the_last_human_decision(tutorial, saves_dir):
    app = make_app(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        first = E.state_hash(screen.game.state)
        await pilot.press("down", "enter")  # pay the brigades
        await until(pilot, lambda: len(screen.game.decisions) == 1)
        second = E.state_hash(screen.game.state)
        await pilot.press("end", "enter")  # pass: the bot moves, turn 2 begins
        await until(pilot, lambda: human_turn(app) and screen.game.state.turn == 2)
        assert any(e.get("by") == "random" for e in screen.game.decisions)
        await pilot.press("u")
        assert E.state_hash(screen.game.state) == second and len(screen.game.decisions) == 1
        await pilot.press("u")
        assert E.state_hash(screen.game.state) == first and screen.game.decisions == ()


async def test_quit_asks_first_and_autosaves(tutorial, saves_dir):
    from wargame.tui.quit_dialog import QuitDialog

    app = make_app(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, QuitDialog))
        assert "Nothing has been decided yet" in dialog_text(app.screen)  # not 'It is saved'
        await pilot.press("n")
        assert isinstance(app.screen, GameScreen)
        await pilot.press("down", "enter")
        await until(pilot, lambda: len(app.screen.game.decisions) == 1)
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, QuitDialog))
        assert f"It is saved as {autosave_path(saves_dir).name}" in dialog_text(app.screen)
        await pilot.press("y")
        await until(pilot, lambda: not app.is_running)
    saved = saves.read_save(autosave_path(saves_dir))
    assert saved.decisions[-1]["act"] == "pay_brigades"


def dialog_text(screen) -> str:
    from textual.widgets import Static

    return " ".join(str(w.render()) for w in screen.query(Static) if type(w) is Static)


async def test_bots_wait_visibly_and_space_skips_the_wait(tutorial, saves_dir):
    from wargame.tui.app import WargameApp
    from wargame.tui.log import GameLog

    app = WargameApp(saves_dir, session.start(tutorial, 7, SOLO), seed=7, bot_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("end", "enter")  # G.N.A. passes: ISIS (a bot) is to act, after a pause
        await pilot.pause(0.2)
        assert screen.game.state.pending.faction == "isis"
        assert "ISIS (random bot) is deciding" in str(screen.query_one("#actions-note").render())
        await pilot.press("space")
        await until(pilot, lambda: human_turn(app))
        bot = [e for e in screen.game.decisions if e.get("by") == "random"]
        assert bot and bot[0]["why"] == "picked at random"
        log = "\n".join(line.text for line in screen.query_one(GameLog).lines)
        assert "(random bot: picked at random)" in log


async def test_a_decision_for_a_state_the_game_left_is_dropped(tutorial, saves_dir):
    app = make_app(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        stale = screen.game.state
        await pilot.press("down", "enter")
        await until(pilot, lambda: len(screen.game.decisions) == 1)
        screen.post_message(Decide(E.Pass(), asked=stale))
        await pilot.pause(0.1)
        assert len(screen.game.decisions) == 1


async def test_board_arrows_and_mouse_select_regions(tutorial, saves_dir):
    from wargame.tui.board import Board
    from wargame.tui.messages import RegionSelected
    from wargame.tui.region import RegionPanel

    messages = []
    app = make_app(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        board = app.screen.query_one(Board)
        board.focus()
        await pilot.press("right", "right")
        assert board.selected == "sirte_centre"
        assert app.screen.query_one(RegionPanel).lines[0] == "Sirte centre: held by ISIS"
        chip = next(c for c in board.layout_now().chips if c.region == "east_sirte")
        await pilot.click(Board, offset=(chip.x + 1, chip.y))
        assert board.selected == "east_sirte"
        assert [m.region for m in messages if isinstance(m, RegionSelected)][-1] == "east_sirte"


async def test_a_facilitator_decision_goes_through_the_same_door(tutorial, saves_dir):
    from wargame.tui.log import GameLog

    app = make_app(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        screen.post_message(Decide(E.Bookmark("before the assault"), by="facilitator"))
        await until(pilot, lambda: len(screen.game.decisions) == 1)
        assert screen.game.decisions[0] == {"bookmark": "before the assault", "by": "facilitator"}
        log = "\n".join(line.text for line in screen.query_one(GameLog).lines)
        assert "Bookmark: before the assault" in log
        await pilot.press("u")  # undo is for a team's decisions: there is none to take back
        assert len(screen.game.decisions) == 1
