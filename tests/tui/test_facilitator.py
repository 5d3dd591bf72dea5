"""The facilitator panel through the UI: each act lands in the game, the save and the log."""

from __future__ import annotations

import json

import pytest
from conftest import SIZE, autosave_path, game_screen, play_passively, until

from wargame import engine as E
from wargame import saves
from wargame.engine import events as ev
from wargame.report import debrief_stem
from wargame.tui import session

SOLO = {"gna": "human", "isis": "random"}
BOTH_BOTS = {"gna": "random", "isis": "random"}


def facilitated(saves_dir, game, bot_delay: float = 0):
    from wargame.tui.app import WargameApp

    return WargameApp(saves_dir, game, seed=1, scenario_dirs=[], bot_delay=bot_delay, facilitator=True)


async def open_tab(pilot, n: int):
    """f opens the panel on its tab bar; → n times picks the tab (0 Inject ... 4 Session)."""
    from wargame.tui.facilitator import FacilitatorPanel

    panel = pilot.app.screen.query_one(FacilitatorPanel)
    if not panel.display:
        await pilot.press("f")
        await pilot.pause()
    from textual.widgets import Tabs

    pilot.app.screen.query_one(Tabs).focus()
    await pilot.press("home", *["right"] * n)
    await pilot.pause()
    return panel


async def type_into(pilot, selector: str, text: str):
    """Focus the field and paste the text into it, as a terminal paste does (one event, not a
    keystroke per character: the tests stay quick)."""
    from textual import events

    field = pilot.app.screen.query_one(selector)
    field.focus()
    await pilot.pause()
    field.post_message(events.Paste(text))
    await pilot.pause()


def log_text(screen) -> str:
    from wargame.tui.log import GameLog

    text = " ".join(line.text for line in screen.query_one(GameLog).lines)
    return " ".join(text.split())  # the log wraps long lines: compare words, not line breaks


def result_text(screen, form: str) -> str:
    return str(screen.query_one(f"#form-{form} .form-result").render())


def autosave(saves_dir) -> dict:
    return json.loads(autosave_path(saves_dir).read_text(encoding="utf-8"))


async def test_inject_now_and_schedule(tutorial, saves_dir):
    from textual.widgets import Select

    app = facilitated(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        screen = game_screen(app)
        await open_tab(pilot, 0)
        screen.query_one("#inject-card", Select).value = "oil_revenue"
        await type_into(pilot, "#inject-reason", "the tanker came early")
        await pilot.click("#inject-go")
        await until(pilot, lambda: len(screen.game.entries) == 1)
        assert screen.game.entries[0] == {
            "inject": "oil_revenue",
            "reason": "the tanker came early",
            "by": "facilitator",
        }
        assert ev.CardDrawn(1, "oil_revenue", True) in screen.game.events
        assert screen.game.state.values[tutorial.slot_index["gna.treasury"]] == 70  # 60-10+20

        screen.query_one("#inject-card", Select).value = "civilians_flee"
        screen.query_one("#inject-when", Select).value = 3
        await type_into(pilot, "#inject-reason", "test the exodus")
        await pilot.press("enter")  # Enter in the reason field injects too
        await until(pilot, lambda: len(screen.game.entries) == 2)
        assert screen.game.entries[1] == {
            "inject": "civilians_flee",
            "reason": "test the exodus",
            "turn": 3,
            "by": "facilitator",
        }
        card = tutorial.card_index["civilians_flee"]
        assert [(s.turn, s.card) for s in screen.game.state.scheduled] == [(3, card)]
        log = log_text(screen)
        assert "[F] Facilitator injects 'A tanker leaves Ras Lanuf' (the tanker came early)" in log
        assert "[F] Facilitator injects 'Civilians flee the city' for Aug 2016" in log
        await until(pilot, lambda: list(saves_dir.glob("autosave-*.json")))
        await until(pilot, lambda: len(autosave(saves_dir)["decisions"]) == 2)
        assert autosave(saves_dir)["decisions"] == list(screen.game.entries)


async def test_correct_needs_a_reason_and_shows_the_engines_refusal(tutorial, saves_dir):
    from textual.widgets import Input, Select

    app = facilitated(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        screen = game_screen(app)
        await open_tab(pilot, 1)
        screen.query_one("#correct-slot", Select).value = "gna.treasury"
        await type_into(pilot, "#correct-value", "45")
        await pilot.pause()
        assert "G.N.A. Treasury 50 -> 45" in str(screen.query_one("#correct-preview").render())
        await pilot.click("#correct-go")  # no reason yet: refused, nothing applied
        await pilot.pause()
        assert screen.game.entries == ()
        assert "Give a reason for the correction" in result_text(screen, "correct")
        assert screen.focused is screen.query_one("#correct-reason", Input)
        await type_into(pilot, "#correct-reason", "the bank paid late")
        await pilot.press("enter")
        await until(pilot, lambda: len(screen.game.entries) == 1)
        assert screen.game.entries[0] == {
            "override": "gna.treasury = 45",
            "reason": "the bank paid late",
            "by": "facilitator",
        }
        assert screen.game.state.values[tutorial.slot_index["gna.treasury"]] == 45

        # control by a faction's short name; then a malformed statement shows the engine's words
        screen.query_one("#correct-slot", Select).value = "jufra.control"
        await type_into(pilot, "#correct-value", "isis")
        await type_into(pilot, "#correct-reason", "ISIS crossed the desert")
        await pilot.click("#correct-go")
        await until(pilot, lambda: len(screen.game.entries) == 2)
        assert screen.game.entries[1]["override"] == "jufra.control = isis"
        jufra = tutorial.slot_index["jufra.control"]
        assert screen.game.state.values[jufra] == tutorial.faction_index["isis"]

        await type_into(pilot, "#correct-stmt", "morale += = 2")
        await type_into(pilot, "#correct-reason", "typo")
        await pilot.click("#correct-go")
        await pilot.pause()
        assert len(screen.game.entries) == 2
        with pytest.raises(E.MalformedDecision) as refused:
            E.apply(tutorial, screen.game.state, E.Override("morale += = 2", "typo"))
        assert str(refused.value) in result_text(screen, "correct")


async def test_argument_odds_are_shown_before_the_roll(tutorial, saves_dir):
    from textual.widgets import Select

    app = facilitated(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        screen = game_screen(app)
        await open_tab(pilot, 2)
        screen.query_one("#rule-action", Select).value = "assault"
        await pilot.pause()
        screen.query_one("#rule-target", Select).value = "district_3"
        await type_into(pilot, "#rule-argument", "air cover and fresh brigades")
        screen.query_one("#rule-pro").focus()
        await pilot.press("right", "right", "right")
        screen.query_one("#rule-con").focus()
        await pilot.press("right")
        await pilot.pause()
        state = screen.game.state
        act = E.Act("assault", "district_3", "argue", 3, 1)
        expected = E.odds(tutorial, state, act).percent
        odds = str(screen.query_one("#rule-odds").render())
        assert f"2d6 + 3 for - 1 against >= 7: {expected}%" in odds
        assert screen.game.entries == ()  # shown before anything is rolled
        await pilot.click("#rule-roll")
        await until(pilot, lambda: len(screen.game.entries) == 1)
        assert screen.game.entries[0] == {
            "act": "assault",
            "target": "district_3",
            "ruling": "argue",
            "pro": 3,
            "con": 1,
            "reason": "air cover and fresh brigades",
            "by": "facilitator",
        }
        rolled = [e for e in screen.game.by_step[1] if isinstance(e, ev.Rolled)]
        assert rolled and rolled[0].dice == "2d6" and rolled[0].chance == expected
        said = f"2d6 + modifiers = {rolled[0].roll} vs 7 ({expected}% odds)"
        assert said in result_text(screen, "rule")  # the facilitator sees how the dice fell
        from wargame.tui.actions import ActionsPanel

        last = screen.query_one(ActionsPanel).last[0]  # the team's own line reads 2d6, not d100
        assert f"argued, 2d6 + modifiers = {rolled[0].roll}, needed 7 or more" in last
        log = log_text(screen)
        assert "[F] argued before the facilitator (3 for, 1 against): air cover" in log
        assert "[F] argued: 2d6" in log


async def test_rule_success_and_failure_with_a_reason(tutorial, saves_dir):
    from textual.widgets import Select

    app = facilitated(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        screen = game_screen(app)
        await open_tab(pilot, 2)
        screen.query_one("#rule-action", Select).value = "request_strikes"
        await pilot.pause()
        await pilot.click("#rule-success")  # no reason: refused
        await pilot.pause()
        assert screen.game.entries == ()
        await type_into(pilot, "#rule-reason", "AFRICOM was ready")
        await pilot.click("#rule-success")
        await until(pilot, lambda: len(screen.game.entries) == 1)
        assert screen.game.entries[0] == {
            "act": "request_strikes",
            "ruling": "success",
            "pro": 0,
            "con": 0,
            "reason": "AFRICOM was ready",
            "by": "facilitator",
        }
        assert any(isinstance(e, ev.Ruled) and e.success for e in screen.game.by_step[1])
        assert screen.game.state.values[tutorial.slot_index["us_air_support"]] == 3
        screen.query_one("#rule-action", Select).value = "pay_brigades"
        await type_into(pilot, "#rule-reason", "the money went missing at the CBL")
        await pilot.click("#rule-failure")
        await until(pilot, lambda: len(screen.game.entries) >= 2)  # then the bot moves
        assert screen.game.entries[1]["ruling"] == "failure"
        said = "Ruled a failure by the facilitator: the money went missing at the CBL"
        assert said in result_text(screen, "rule")  # as typed: the reason keeps its capitals
        assert f"[F] {said[0].lower()}{said[1:]}" in log_text(screen)


async def test_pause_stops_bots_and_teams_and_shows_the_banner(tutorial, saves_dir):
    from wargame.tui.bot_player import BotPlayer

    app = facilitated(saves_dir, session.start(tutorial, 7, BOTH_BOTS), bot_delay=0.05)
    async with app.run_test(size=SIZE) as pilot:
        screen = game_screen(app)
        await pilot.press("p")
        await pilot.pause()
        banner = screen.query_one("#paused-banner")
        assert screen.paused and banner.display
        assert "PAUSED by the facilitator" in str(banner.render())
        n = len(screen.game.entries)
        await pilot.pause(0.6)  # a dozen bot moves' worth of time
        assert len(screen.game.entries) == n and screen.query_one(BotPlayer).game is None
        assert "waits: the game is paused" in screen.query_one("#actions").note
        assert not screen.check_action("skip", ())
        await pilot.press("p")
        await until(pilot, lambda: len(screen.game.entries) > n + 2)
        assert not banner.display


async def test_pause_refuses_a_teams_move(tutorial, saves_dir):
    app = facilitated(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        screen = game_screen(app)
        await pilot.press("p")
        screen.query_one("#actions-list").focus()
        await pilot.press("end", "enter")  # Pass
        await pilot.pause()
        assert screen.game.entries == ()
        await pilot.press("p", "end", "enter")
        await until(pilot, lambda: len(screen.game.entries) >= 1)
        assert screen.game.entries[0] == {"pass": True, "by": "human"}


async def test_rewind_keeps_the_branch_in_the_save(tutorial, saves_dir):
    from textual.widgets import OptionList

    game = play_passively(session.start(tutorial, 7, SOLO), steps=6)  # G.N.A. passes, the bot plays: into turn 3
    app = facilitated(saves_dir, game)
    async with app.run_test(size=SIZE) as pilot:
        screen = game_screen(app)
        before = screen.game.entries
        await open_tab(pilot, 3)
        rewind_list = screen.query_one("#rewind-list", OptionList)
        turn2 = next(i for i, o in enumerate(rewind_list.options) if "Start of turn 2" in str(o.prompt))
        to = int(rewind_list.get_option_at_index(turn2).id)
        rewind_list.highlighted = turn2
        await type_into(pilot, "#rewind-reason", "replay the US offer")
        await pilot.click("#rewind-go")
        await pilot.pause()
        await pilot.press("y")  # the confirmation says the decisions are kept
        await until(pilot, lambda: len(screen.game.entries) <= to + 1)
        assert screen.game.entries[:to] == before[:to]
        branch = screen.game.branches[0]
        assert (branch.from_step, branch.decisions, branch.note) == (
            to,
            before[to:],
            "replay the US offer",
        )
        assert "[F] Rewound to here" in log_text(screen)
        await until(pilot, lambda: autosave(saves_dir)["branches"] != [])
        path = autosave_path(saves_dir)
        saved = saves.read_save(path)
        assert saved.branches[0].decisions == before[to:]
        assert saved.branches[0].note == "replay the US offer"
        saves.verify(tutorial, saved)  # both lines replay to their recorded states


async def test_bookmark_and_the_audit_trail(tutorial, saves_dir):
    app = facilitated(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        screen = game_screen(app)
        await open_tab(pilot, 4)
        await pilot.click("#bookmark-go")  # an empty note is refused
        await pilot.pause()
        assert screen.game.entries == ()
        await type_into(pilot, "#bookmark-note", "first contact")
        await pilot.press("enter")
        await until(pilot, lambda: len(screen.game.entries) == 1)
        assert screen.game.entries[0] == {"bookmark": "first contact", "by": "facilitator"}
        assert "[F] Bookmark: first contact" in log_text(screen)
        await pilot.click("#debrief-go")
        await pilot.pause()
        out = saves_dir / f"{debrief_stem('tutorial', 7, screen.game.started)}.debrief.html"
        assert out.is_file() and "first contact" in out.read_text(encoding="utf-8")
        assert str(out) in str(screen.query_one("#debrief-where").render())


async def test_one_key_per_tab_and_an_injects_effects_before_it_lands(tutorial, saves_dir):
    from textual.widgets import Select, TabbedContent

    app = facilitated(saves_dir, session.start(tutorial, 7, SOLO))
    async with app.run_test(size=SIZE) as pilot:
        screen = game_screen(app)
        await pilot.press("f")
        await pilot.pause()
        tabs = screen.query_one(TabbedContent)
        for n, tab in ((3, "tab-rule"), (5, "tab-session"), (1, "tab-inject")):
            await pilot.press(f"f{n}")
            await pilot.pause()
            assert tabs.active == tab
            assert screen.focused is not None and screen.query_one("#facilitator") in screen.focused.ancestors
        screen.query_one("#inject-card", Select).value = "oil_revenue"
        await pilot.pause()
        shown = " ".join(str(screen.query_one("#inject-text").render()).split())
        treasury = screen.game.state.values[tutorial.slot_index["gna.treasury"]]
        assert f"If injected now: G.N.A. Treasury {treasury} -> {treasury + 20}" in shown
        assert screen.game.entries == ()  # seeing the effects decides nothing
