"""Pilot: a simultaneous turn in hot-seat, orders entered team by team behind the hand-over screen."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SIZE, game_screen, make_app, until

from wargame import engine as E
from wargame.engine import exevents as xe
from wargame.scenario import load_scenario
from wargame.tui import session
from wargame.tui.handover import HandOver

EXERCISE = Path(__file__).resolve().parents[1] / "engine" / "exercise.yaml"
TEAMS = {"north": "human", "south": "human", "militia": "random"}


async def take_keyboard(pilot, app, team: str) -> None:
    """Pass the hand-over screen as `team`; at its first turn, read its brief and close it."""
    from wargame.tui.brief import BriefScreen

    await until(pilot, lambda: isinstance(app.screen, HandOver) and app.screen.team == team)
    await pilot.press("enter")
    await pilot.pause()
    if isinstance(app.screen, BriefScreen):
        await pilot.press("escape")
        await pilot.pause()


def scenario_at(tmp_path: Path):
    shutil.copy(EXERCISE, tmp_path / "exercise.yaml")
    scenario = load_scenario(tmp_path / "exercise.yaml")[0]
    seed = next(s for s in range(200) if E.new_game(scenario, s).phase == "orders")  # no card choice first
    return scenario, seed


async def test_a_simultaneous_hot_seat_turn_is_revealed_when_every_team_is_in(tmp_path, saves_dir):
    scenario, seed = scenario_at(tmp_path)
    app = make_app(saves_dir, session.start(scenario, seed, TEAMS))
    async with app.run_test(size=SIZE) as pilot:
        await take_keyboard(pilot, app, "North")
        screen = game_screen(app)
        assert screen.game.state.pending == E.Pending("orders", "north")
        await pilot.press("end", "enter")  # North orders nothing: its (empty) orders go in
        await until(pilot, lambda: isinstance(app.screen, HandOver))
        assert app.screen.team == "South"  # the hand-over screen hides North's screen from South
        submitted = [e for e in screen.game.events if isinstance(e, xe.OrdersSubmitted)]
        assert [e.faction for e in submitted] == ["north"]
        assert not any(isinstance(e, xe.OrdersRevealed) for e in screen.game.events)
        await take_keyboard(pilot, app, "South")
        rows = [r for r in screen.query_one("ActionsPanel").rows if not r.reason and not r.targeted]
        assert rows, "South has an untargeted action open"
        index = [r.id for r in screen.query_one("ActionsPanel").rows].index(rows[0].id)
        await pilot.press("home", *(["down"] * index), "enter")  # South's one action: submitted at once
        await until(pilot, lambda: any(isinstance(e, xe.OrdersRevealed) for e in screen.game.events))
        revealed = [e for e in screen.game.events if isinstance(e, xe.OrdersRevealed)]
        assert {e.faction for e in revealed} >= {"north", "south"}
        south = next(e for e in revealed if e.faction == "south")
        assert south.actions == ((rows[0].id, None),)
        assert screen.game.entries[0]["orders"] == "north" and screen.game.entries[0]["actions"] == []


async def test_each_team_sees_its_own_view_on_the_meters(tmp_path, saves_dir):
    scenario, seed = scenario_at(tmp_path)
    app = make_app(saves_dir, session.start(scenario, seed, TEAMS))
    async with app.run_test(size=SIZE) as pilot:
        await take_keyboard(pilot, app, "North")
        screen = game_screen(app)
        rows = {r.slot: r for g in screen.query_one("Meters").groups for r in g.rows}
        truth = screen.game.state.values
        assert (
            rows["north.loyalty"].shown == ""
            and rows["north.loyalty"].value == truth[scenario.slot_index["north.loyalty"]]
        )
        assert rows["militia.fighters"].shown == "?"  # hidden from North
        lo, hi = (int(x) for x in rows["tension"].shown.split("-"))
        assert lo <= truth[scenario.slot_index["tension"]] <= hi
        groups = {g.title: g for g in screen.query_one("Meters").groups}
        assert groups["Port militia"].score == "score ?"
        await pilot.press("end", "enter")
        await take_keyboard(pilot, app, "South")
        rows = {r.slot: r for g in screen.query_one("Meters").groups for r in g.rows}
        assert rows["north.loyalty"].shown == "?" and rows["militia.fighters"].shown == ""
