"""Pilot: deals, free-form proposals, briefs, the orders timer and the reveal in a hot-seat game."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SIZE, game_screen, make_app, until
from test_tui_orders import TEAMS, scenario_at, take_keyboard

from wargame import engine as E
from wargame.engine import exevents as xe
from wargame.engine.sessions import apply_session
from wargame.scenario import load_scenario
from wargame.tui import session
from wargame.tui.brief import BriefScreen
from wargame.tui.deals import DealsScreen, OfferForm
from wargame.tui.handover import HandOver
from wargame.tui.propose import ProposeForm
from wargame.tui.reveal import RevealScreen

EXERCISE = Path(__file__).resolve().parents[1] / "engine" / "exercise.yaml"


async def test_a_deal_offered_by_one_team_is_accepted_by_the_other(tmp_path, saves_dir):
    scenario, seed = scenario_at(tmp_path)
    app = make_app(saves_dir, session.start(scenario, seed, TEAMS))
    async with app.run_test(size=SIZE) as pilot:
        await take_keyboard(pilot, app, "North")
        screen = game_screen(app)
        treasury = scenario.slot_index["north.treasury"], scenario.slot_index["south.treasury"]
        before = [screen.game.state.values[i] for i in treasury]
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, DealsScreen))
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, OfferForm))
        form = app.screen
        form.query_one("#offer-to").value = "south"
        await pilot.pause()
        assert form.query_one("#give-south-treasury").display
        assert not any(f.display for f in form.query("Input") if (f.id or "").startswith("give-militia"))
        form.query_one("#give-south-treasury").value = "5"
        form.query_one("#offer-theirs").value = "Open the coast road"
        form.query_one("#offer-theirs").focus()
        await pilot.press("enter")  # Enter in any field sends the offer
        await pilot.pause()
        assert not isinstance(app.screen, OfferForm), form.query_one("#offer-error").render()
        deal = screen.game.state.ex.deals[0]
        assert deal.status == "open" and deal.offer.to == "south" and deal.offer.give == (("treasury", 5),)
        assert deal.promises[0].by == "south" and deal.promises[0].text == "Open the coast road"
        await pilot.press("end", "enter")  # North submits no orders: the keyboard goes to South
        await take_keyboard(pilot, app, "South")
        await until(pilot, lambda: isinstance(app.screen, DealsScreen))  # the offer waits: it comes first
        await pilot.click(f"#accept-{deal.id}")
        await until(pilot, lambda: screen.game.state.ex.deals[0].status == "accepted")
        after = [screen.game.state.values[i] for i in treasury]
        assert after == [before[0] - 5, before[1] + 5]
        assert any(isinstance(e, xe.DealAnswered) and e.accepted for e in screen.game.events)
        assert screen.game.entries[-1]["answer"] == deal.id and screen.game.entries[-1]["accept"] is True


async def test_the_facilitator_marks_a_promise_kept(tmp_path, saves_dir):
    scenario, seed = scenario_at(tmp_path)
    game = session.start(scenario, seed, TEAMS)
    from wargame.engine.parts import Answer, Commitment, Offer

    game, _ = session.play(game, Offer("north", "south", promises=(Commitment("north", "Withdraw", 2),)))
    game, _ = session.play(game, Answer(1, True))
    app = make_app(saves_dir, game)
    app.facilitator = True
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HandOver))
        await pilot.press("enter")
        await pilot.pause()
        if isinstance(app.screen, BriefScreen):
            await pilot.press("escape")
        screen = game_screen(app)
        await pilot.press("f")
        panel = screen.facilitator_panel
        panel.open("deals")
        await pilot.pause()
        panel.query_one("#deals-reason").value = "The troops left the hills"
        await pilot.click("#deals-kept")
        await until(pilot, lambda: screen.game.state.ex.deals[0].promises[0].fate == "kept")
        assert screen.game.entries[-1]["by"] == "facilitator"


async def test_a_free_form_proposal_is_made_and_adjudicated(tmp_path, saves_dir):
    scenario, seed = scenario_at(tmp_path)
    app = make_app(saves_dir, session.start(scenario, seed, TEAMS))
    app.facilitator = True
    async with app.run_test(size=SIZE) as pilot:
        await take_keyboard(pilot, app, "North")
        screen = game_screen(app)
        await pilot.press("w")
        await until(pilot, lambda: isinstance(app.screen, ProposeForm))
        form = app.screen
        form.query_one("#propose-words").value = "We open a border crossing for traders"
        form.query_one("#propose-effects").text = "tension -= \naid += 1"
        await pilot.pause()
        assert "effect 1, column" in str(form.query_one("#propose-check").render())  # located, as the compiler says
        form.query_one("#propose-effects").text = "tension -= 2\naid += 1"
        form.query_one("#propose-arguments").text = "Traders want it; the militia is weak."
        await pilot.pause()
        await pilot.click("#propose-send")
        await until(pilot, lambda: bool(screen.game.state.ex.proposals))
        p = screen.game.state.ex.proposals[0]
        assert p.status == "open" and p.effects == ("tension -= 2", "aid += 1")
        panel = screen.facilitator_panel
        panel.open("proposals")
        await pilot.pause()
        assert "2d6 + pro - con >= 7" in str(panel.query_one("#prop-text").render())
        panel.query_one("#prop-reason").value = "A crossing the room agrees on"
        await pilot.click("#prop-success")
        await until(pilot, lambda: screen.game.state.ex.proposals[0].status == "success")
        aid = scenario.slot_index["aid"]
        assert screen.game.state.values[aid] == 3
        assert any(isinstance(e, xe.ProposalDecided) and e.success for e in screen.game.events)


async def test_a_team_sees_its_brief_at_its_first_hand_over_and_on_b(tmp_path, saves_dir):
    scenario, seed = scenario_at(tmp_path)
    app = make_app(saves_dir, session.start(scenario, seed, TEAMS))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HandOver))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, BriefScreen))
        assert app.screen.faction == "north"
        assert "hold it and keep the treasury above 10" in app.screen.query_one("MarkdownViewer").document.source
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, BriefScreen))
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, BriefScreen))
        assert app.screen.faction == "north"  # the team at the keyboard's, never another's


async def test_a_strict_timer_running_out_closes_the_orders(tmp_path, saves_dir):
    shutil.copy(EXERCISE, tmp_path / "exercise.yaml")
    scenario = apply_session(load_scenario(tmp_path / "exercise.yaml")[0], "two-hours")
    seed = next(s for s in range(200) if E.new_game(scenario, s).phase == "orders")
    app = make_app(saves_dir, session.start(scenario, seed, TEAMS))
    async with app.run_test(size=SIZE) as pilot:
        await take_keyboard(pilot, app, "North")
        screen = game_screen(app)
        clock = screen.query_one("OrdersClock")
        clock._timer.pause()  # the test's clock, not the wall's: it ticks when told
        assert clock.running and screen.query_one("GameHeader").clock.startswith(("Orders 9:", "Orders 10:00"))
        await pilot.press("end", "enter")  # North's orders are in; South is still to come
        await until(pilot, lambda: isinstance(app.screen, HandOver))
        clock.tick(clock.remaining - 1)
        assert screen.query_one("GameHeader").clock == "Orders 0:01 left"
        assert "Orders 0:01 left" in str(app.screen.query_one("#handover-clock").render())  # the swap is timed too
        clock.tick(1)
        await until(pilot, lambda: any(isinstance(e, xe.OrdersClosed) for e in screen.game.events))
        closed = next(e for e in screen.game.events if isinstance(e, xe.OrdersClosed))
        assert "south" in closed.factions and "north" not in closed.factions
        assert any(e.get("close_orders") and e["by"] == "facilitator" for e in screen.game.entries)
        await until(pilot, lambda: isinstance(app.screen, RevealScreen))  # the turn resolves before the room
        assert not any(isinstance(s, HandOver) for s in app.screen_stack)  # South's turn to take it is gone
        turn = screen.game.state.turn
        await pilot.press("escape", "enter")
        await until(pilot, lambda: not isinstance(app.screen, RevealScreen))
        assert screen.game.state.turn == turn  # the next turn had begun under the reveal
        assert sum(isinstance(s, HandOver) for s in app.screen_stack) <= 1


async def test_a_timer_running_out_asks_the_facilitator_who_extends_it(tmp_path, saves_dir):
    text = EXERCISE.read_text(encoding="utf-8").replace("    timer_strict: true\n", "")
    (tmp_path / "exercise.yaml").write_text(text, encoding="utf-8")
    scenario = apply_session(load_scenario(tmp_path / "exercise.yaml")[0], "two-hours")
    seed = next(s for s in range(200) if E.new_game(scenario, s).phase == "orders")
    app = make_app(saves_dir, session.start(scenario, seed, TEAMS))
    app.facilitator = True
    async with app.run_test(size=SIZE) as pilot:
        await take_keyboard(pilot, app, "North")
        screen = game_screen(app)
        clock = screen.query_one("OrdersClock")
        clock._timer.pause()
        clock.tick(600)
        from wargame.tui.confirm import Confirm

        await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("n")  # two more minutes
        await until(pilot, lambda: not isinstance(app.screen, Confirm))
        assert clock.remaining == 120 and not any(isinstance(e, xe.OrdersClosed) for e in screen.game.events)
        clock.tick(120)
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")  # close them now
        await until(pilot, lambda: any(isinstance(e, xe.OrdersClosed) for e in screen.game.events))
        await until(pilot, lambda: isinstance(app.screen, RevealScreen))
        await pilot.press("escape", "enter")


async def test_the_reveal_shows_each_faction_in_turn_and_the_debrief_has_the_deal_and_proposal(tmp_path, saves_dir):
    scenario, seed = scenario_at(tmp_path)
    from wargame.engine.parts import Adjudicate, Offer, Propose

    game = session.start(scenario, seed, TEAMS)
    game, _ = session.play(game, Offer("north", "south", give=(("fuel", 1),)))
    game, _ = session.play(game, Propose("north", "A market day", ("aid += 1",), "Everyone gains"))
    game, _ = session.play(game, Adjudicate(1, "success", reason="Agreed"), by="facilitator")
    app = make_app(saves_dir, game)
    async with app.run_test(size=SIZE) as pilot:
        await take_keyboard(pilot, app, "North")
        screen = game_screen(app)
        await pilot.press("end", "enter")
        await take_keyboard(pilot, app, "South")
        await until(pilot, lambda: isinstance(app.screen, DealsScreen))
        await pilot.click("#accept-1")
        await until(pilot, lambda: not isinstance(app.screen, DealsScreen))
        await pilot.pause()
        await pilot.press("end", "enter")  # South passes: every order is in, the turn resolves
        await until(pilot, lambda: isinstance(app.screen, RevealScreen))
        reveal = app.screen
        titles = [p.title for p in reveal.pages]
        assert titles[0] == "Orders revealed" and len(titles) >= 2
        assert reveal.at == 0
        await pilot.press("enter")
        assert reveal.at == 1
        await pilot.press("escape")  # the rest at once
        assert reveal.at == len(reveal.pages) - 1
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, RevealScreen))
        from wargame.report import build_report, render  # the debrief, as `wargame report` writes it

        report = render(build_report(session.record(screen.game), scenario=scenario), "md")
    assert "#1" in report or "deal" in report.lower()
    assert "A market day" in report
    assert "accepted" in report.lower()


async def test_previews_and_the_target_picker_use_what_the_team_believes(tmp_path, saves_dir):
    """South does not see the mines: its odds on the port are worked out on the mines it believes
    (the start value), never on the true ones, so a preview cannot tell the hidden value."""
    scenario, seed = scenario_at(tmp_path)
    game = session.start(scenario, seed, TEAMS)
    game, _ = session.play(game, E.Override("port.mines = 3", "mines laid overnight"), by="facilitator")
    mines = scenario.slot_index["port.mines"]
    assert game.state.values[mines] == 3 and scenario.initial[mines] == 1
    app = make_app(saves_dir, game)
    async with app.run_test(size=SIZE) as pilot:
        await take_keyboard(pilot, app, "North")
        screen = game_screen(app)
        await pilot.press("end", "enter")
        await take_keyboard(pilot, app, "South")
        seize = next(r for r in screen.query_one("ActionsPanel").rows if r.id == "seize")
        assert dict(seize.by_target)["Port"] == 40  # 50 - 10 * 1 believed; the truth would give 20
        index = [r.id for r in screen.query_one("ActionsPanel").rows].index("seize")
        await pilot.press("home", *(["down"] * index), "enter")
        from wargame.tui.targets import TargetPicker

        await until(pilot, lambda: isinstance(app.screen, TargetPicker))
        port = next(r for r in app.screen.rows if r.region == "port")
        assert port.percent == 40


async def test_the_facilitator_counts_arguments_and_rolls_for_a_proposal(tmp_path, saves_dir):
    from wargame.engine.parts import Propose

    scenario, seed = scenario_at(tmp_path)
    game = session.start(scenario, seed, TEAMS)
    game, _ = session.play(game, Propose("south", "Talks in the port", ("tension -= 1",), "Both sides are tired"))
    app = make_app(saves_dir, game)
    app.facilitator = True
    async with app.run_test(size=SIZE) as pilot:
        await take_keyboard(pilot, app, "North")
        screen = game_screen(app)
        panel = screen.facilitator_panel
        panel.open("proposals")
        await pilot.pause()
        panel.query_one("#prop-pro").focus()
        await pilot.press("right", "right", "right")  # three arguments for
        await pilot.pause()
        assert "with 3 for, 0 against" in str(panel.query_one("#prop-text").render())
        assert "Roll (" in str(panel.query_one("#prop-roll").label)
        await pilot.click("#prop-roll")
        await until(pilot, lambda: screen.game.state.ex.proposals[0].status != "open")
        decided = next(e for e in screen.game.events if isinstance(e, xe.ProposalDecided))
        assert decided.how.startswith("2d6 rolled") and "3 for" in decided.how
        assert screen.game.state.ex.proposals[0].pro == 3
        assert screen.game.entries[-1]["by"] == "facilitator"
