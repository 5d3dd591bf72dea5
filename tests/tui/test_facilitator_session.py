"""Around the facilitator panel: the mode switch, hot-seat, undo, the end screen's debrief."""

from __future__ import annotations

from conftest import SIZE, game_screen, make_app, play_passively, until

from wargame import engine as E
from wargame.tui import facilitator_view as fv
from wargame.tui import session
from wargame.tui.session import FACILITATOR

SOLO = {"gna": "human", "isis": "random"}


def facilitated(saves_dir, game):
    from wargame.tui.app import WargameApp

    return WargameApp(saves_dir, game, seed=1, scenario_dirs=[], bot_delay=0, facilitator=True)


def finished_with_acts(scenario):
    """A whole game with a bookmark, a correction and a ruling by the facilitator in it."""
    game = session.start(scenario, 5, SOLO)
    game, _ = session.play(game, E.Bookmark("opening moves"), FACILITATOR)
    game, _ = session.play(game, E.Override("morale = 9", "the brigades were paid"), FACILITATOR)
    ruled = E.Act("pay_brigades", None, "success", reason="cash arrived")
    game, _ = session.play(game, ruled, FACILITATOR)
    return play_passively(game)


async def test_the_end_screen_writes_the_debrief_with_the_facilitators_acts(tutorial, saves_dir):
    from wargame.report import build_report, debrief_stem
    from wargame.tui.end import EndScreen

    game = finished_with_acts(tutorial)
    app = make_app(saves_dir, game)  # not a facilitated session: the debrief is for everyone
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, EndScreen))
        await pilot.press("d")
        out = saves_dir / f"{debrief_stem('tutorial', 5, game.started)}.debrief.html"
        await until(pilot, out.is_file)
        html = out.read_text(encoding="utf-8")
        for said in ("opening moves", "the brigades were paid", "cash arrived", "FACILITATOR"):
            assert said in html
        assert str(out) in str(app.screen.query_one("#end-debrief").render())
    kinds = [a.kind for a in build_report(session.record(game), tutorial).facilitator]
    assert kinds == ["bookmark", "override", "ruling"]


async def test_without_the_flag_there_is_no_panel_and_no_pause(tutorial, saves_dir):
    from wargame.tui.facilitator import FacilitatorPanel

    app = make_app(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        screen = game_screen(app)
        await pilot.press("f", "p")
        await pilot.pause()
        assert not screen.query(FacilitatorPanel) and not screen.paused
        assert not screen.check_action("facilitator", ())


async def test_the_start_screen_turns_the_facilitator_on(scenario_dir, saves_dir):
    from textual.widgets import Checkbox

    from wargame.tui.facilitator import FacilitatorPanel
    from wargame.tui.game import GameScreen
    from wargame.tui.start import StartScreen

    app = make_app(saves_dir, scenario_dir=scenario_dir)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        box = app.screen.query_one("#facilitator-mode", Checkbox)
        assert box.value is False
        await pilot.click("#facilitator-mode")
        assert box.value is True
        await pilot.click("#start")
        await until(pilot, lambda: isinstance(app.screen, GameScreen) and app.screen.game is not None)
        assert app.screen.facilitator and app.screen.query(FacilitatorPanel)
        await pilot.pause()  # let the panel's selects finish mounting before the app closes


def test_play_passes_the_flag_to_the_app(monkeypatch, tmp_path):
    from types import SimpleNamespace

    from wargame.tui import launch
    from wargame.tui.app import WargameApp

    seen = []
    monkeypatch.setattr(WargameApp, "run", lambda self: seen.append(self.facilitator))
    args = SimpleNamespace(scenario=None, seed=None, seat=[], load=None, facilitator=True, saves_dir=str(tmp_path))
    assert launch.cmd_play(args) == 0 and seen == [True]


async def test_hot_seat_the_rule_tab_waits_for_the_hand_over(hot_seat, saves_dir):
    from wargame.tui.handover import HandOver

    game = session.start(hot_seat, 7, {"gna": "human", "isis": "human"})
    assert fv.can_rule(game, None).startswith("Hand the keyboard to the G.N.A. team")
    app = facilitated(saves_dir, game)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HandOver))
        await pilot.press("enter")
        screen = game_screen(app)
        await until(pilot, lambda: app.screen is screen)
        await pilot.press("f")
        await pilot.pause()
        assert screen.query_one("#rule-body").display  # the G.N.A. has the keyboard
        screen.query_one("#actions-list").focus()
        await pilot.press("end", "enter")  # G.N.A. passes: ISIS's turn, behind the hand-over
        await until(pilot, lambda: isinstance(app.screen, HandOver))
        assert not screen.query_one("#rule-body").display
        assert not screen.query_one("#facilitator").display  # closed: the next team sees its screen
        assert "Hand the keyboard to the ISIS team" in str(screen.query_one("#rule-who").render())


async def test_undo_does_not_drop_a_facilitator_act(tutorial, saves_dir):
    game = session.start(tutorial, 7, SOLO)
    game, _ = session.play(game, E.Act("pay_brigades"))
    game, _ = session.play(game, E.Bookmark("after the pay"), FACILITATOR)
    app = facilitated(saves_dir, game)
    async with app.run_test(size=SIZE) as pilot:
        screen = game_screen(app)
        await pilot.press("u")
        await pilot.pause()
        assert screen.game.entries == game.entries


def test_rewind_points_name_turns_and_decisions(tutorial):
    game = session.start(tutorial, 7, SOLO)
    game, _ = session.play(game, E.Pass())
    game, _ = session.play(game, E.Bookmark("a note"), FACILITATOR)
    points = fv.rewind_points(game)
    assert [p.to for p in points] == [0, 1]
    assert points[0].label.startswith("Start of turn 1 · Jun 2016")
    assert "before #1: G.N.A. passes" in points[0].label
    assert points[1].label.strip() == "before #2: Bookmark: a note [F]"


def test_statements_from_the_pickers(tutorial):
    assert fv.statement(tutorial, "gna.treasury", "45") == "gna.treasury = 45"
    assert fv.statement(tutorial, "morale", "+2") == "morale += 2"
    assert fv.statement(tutorial, "morale", "- 3") == "morale -= 3"
    assert fv.statement(tutorial, "jufra.control", "G.N.A.") == "jufra.control = gna"
    assert fv.statement(tutorial, "jufra.control", "nobody") == "jufra.control = none"
    state = session.start(tutorial, 7, SOLO).state
    refused = fv.try_act(tutorial, state, E.Override("jufra.control = isil", "x"))
    assert refused.error and not refused.lines


async def test_keys_pressed_in_the_panel_never_play_for_a_team(tutorial, saves_dir):
    game = session.start(tutorial, 7, SOLO)
    game, _ = session.play(game, E.Pass())
    while game.state.pending.faction != "gna":  # the bot's move; then turn 2's US offer
        decision, why, by = session.bot_move(tutorial, game.state, "random")
        game, _ = session.play(game, decision, by, why)
    assert game.state.pending == E.Pending("choice", "gna", "us_offer")
    app = facilitated(saves_dir, game)
    async with app.run_test(size=SIZE) as pilot:
        screen = game_screen(app)
        await pilot.press("f", "tab")  # on the Inject tab's card picker
        await pilot.press("1", "u", "s", "r")  # a card option, undo, save, results: none of them
        await pilot.pause()
        assert screen.game.entries == game.entries and app.screen is screen
        await pilot.press("escape", "1")  # back in the game, 1 answers the card
        await until(pilot, lambda: len(screen.game.entries) > len(game.entries))
        assert screen.game.entries[len(game.entries)] == {"choose": 0, "by": "human"}
