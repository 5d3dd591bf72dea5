"""At 100x32 and 80x24 every action, card option, meter and track can be reached and read in full."""

from __future__ import annotations

import pytest
from conftest import make_app, until

from wargame import engine as E
from wargame.catalog import load
from wargame.tui import session, view
from wargame.tui.card import EventCard
from wargame.tui.meters import Meters

SIZES = [(100, 32), (80, 24)]


@pytest.fixture(scope="module")
def libya():
    return load("libya-2016")


def seats(scenario, human: str) -> dict[str, str]:
    return {f.id: ("human" if f.id == human else "random") for f in scenario.factions}


def first_action_turn(scenario, human: str):
    """A game advanced (humans take a card's first option) until the human team picks an action."""
    game = session.start(scenario, 3, seats(scenario, human))
    while not (game.state.pending.faction == human and game.state.pending.kind == "action"):
        p = game.state.pending
        decision = E.Choose(0) if p.faction == human else session.bot_move(scenario, game.state, "random")[0]
        game, _ = session.play(game, decision)
    return game


@pytest.mark.parametrize("size", SIZES)
async def test_every_action_is_reachable_and_named_in_full(libya, saves_dir, size):
    app = make_app(saves_dir, first_action_turn(libya, "gna"))
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.game is not None)
        listing = screen.query_one("#actions-list")
        preview = screen.query_one("#actions-detail")
        rows = {r.id: r for r in screen.query_one("ActionsPanel").rows}
        assert rows, "the G.N.A. has actions"
        seen = set()
        await pilot.press("home")
        for _ in range(len(listing.options) + 2):
            option = listing.highlighted_option
            if option is not None and option.id in rows:
                seen.add(option.id)
                row = rows[option.id]  # the preview speaks of the highlighted row, whole
                said = " ".join(str(preview.render()).split())
                assert said.startswith("Not now") if row.reason else " ".join(row.text.split()) in said
            await pilot.press("down")
        enabled = {r.id for r in rows.values() if not r.reason}
        assert enabled <= seen
        for row in rows.values():  # names wrap instead of being cut
            prompt = listing.get_option(row.id).prompt
            text = "".join(seg.text for seg in app.console.render(prompt, app.console.options.update_width(30)))
            assert "…" not in text.split("\n")[0] or row.name.endswith("…")
            assert all(word in text for word in row.name.split())


@pytest.mark.parametrize("size", SIZES)
async def test_every_meter_and_track_can_be_read_in_full(libya, saves_dir, size):
    app = make_app(saves_dir, first_action_turn(libya, "gna"))
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.game is not None)
        await pilot.press("m")
        await pilot.pause()
        box = screen.query_one("#meters-box")
        assert box.region.width >= size[0] - 2, "m gives the meters the screen's width"
        shown = str(screen.query_one(Meters).render())
        for group in view.meter_groups(libya, screen.game.state):
            for row in group.rows:
                assert row.label in shown, f"{row.label} is cut or missing"
        box.scroll_end(animate=False)
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y
        await pilot.press("m")
        await pilot.pause()
        assert screen.query_one("#left").display


@pytest.mark.parametrize("size", SIZES)
async def test_card_options_are_in_view_with_their_keys(libya, saves_dir, size):
    game = session.start(libya, 3, seats(libya, "gna"))
    while not (game.state.pending.faction == "gna" and game.state.pending.kind == "choice"):
        p = game.state.pending
        decision = E.Pass() if p.faction == "gna" else session.bot_move(libya, game.state, "random")[0]
        game, _ = session.play(game, decision)
    app = make_app(saves_dir, game)
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.game is not None and screen.query("#option-0"))
        await pilot.pause()
        card = screen.query_one(EventCard)
        prompt = str(card.query_one(".card-prompt").render())
        assert "press 1" in prompt
        buttons = [b for b in card.query("Button") if not b.disabled]
        for button in buttons:
            assert screen.focused is button or button is not buttons[0]
            assert screen.region.contains_region(button.region), f"{button.label} is out of view"
            await pilot.press("down")
            await pilot.pause()


async def test_e_on_a_targeted_action_gives_the_odds_on_each_target(tutorial, saves_dir):
    app = make_app(saves_dir, session.start(tutorial, 7, {"gna": "human", "isis": "random"}))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.game is not None)
        await pilot.press("home")  # 'Assault a district', a targeted action
        row = screen.query_one("ActionsPanel").current()
        assert row is not None and row.targeted and row.by_target
        preview = screen.query_one("#actions-detail")
        assert "Odds by target" not in str(preview.render())
        await pilot.press("e")
        said = " ".join(str(preview.render()).split())
        assert "Odds by target: " + ", ".join(f"{name} {p}%" for name, p in row.by_target) in said
