"""Pilot: where no meter can change hands (Libya), two teams of people can still deal in promises."""

from __future__ import annotations

from conftest import SIZE, game_screen, make_app, until
from test_tui_orders import take_keyboard

from wargame import engine as E
from wargame.catalog import load
from wargame.tui import session
from wargame.tui.deals import DealsScreen, OfferForm, can_deal
from wargame.tui.desk import Desk

TWO_TEAMS = {"gna": "human", "lna": "human", "us": "random", "europe": "random", "russia": "random", "isis": "random"}


def at_gna_actions(scenario, seats):
    """A game moved on (humans take a card's first option) to the G.N.A.'s first action."""
    game = session.start(scenario, 5, seats)
    while game.state.pending != E.Pending("action", "gna"):
        p = game.state.pending
        if seats[p.faction] == "human":
            game, _ = session.play(game, E.Choose(0) if p.kind == "choice" else E.Pass())
        else:
            decision, why, by = session.bot_move(scenario, game.state, "random")
            game, _ = session.play(game, decision, by, why)
    return game


async def test_two_teams_without_tradable_meters_agree_a_promise(saves_dir):
    libya = load("libya-2016")
    assert not any(m.tradable for f in libya.factions for m in f.meters)
    app = make_app(saves_dir, at_gna_actions(libya, TWO_TEAMS))
    async with app.run_test(size=SIZE) as pilot:
        await take_keyboard(pilot, app, "G.N.A.")
        screen = game_screen(app)
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, DealsScreen))
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, OfferForm))
        form = app.screen
        assert form.others == ["lna"]  # the bots weigh only what changes hands: promises are for people
        form.query_one("#offer-theirs").value = "Hold fire on Sirte's approaches"
        form.query_one("#offer-theirs").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, OfferForm), form.query_one("#offer-error").render()
        deal = screen.game.state.ex.deals[0]
        assert (deal.offer.to, deal.offer.give, deal.offer.get) == ("lna", (), ())
        assert deal.promises[0].by == "lna"
        await pilot.press("end", "enter")  # the G.N.A. passes; the keyboard goes to the L.N.A. in time
        await take_keyboard(pilot, app, "L.N.A.")
        await until(pilot, lambda: isinstance(app.screen, DealsScreen))  # the offer waits: it comes first
        await pilot.click(f"#accept-{deal.id}")
        await until(pilot, lambda: screen.game.state.ex.deals[0].status == "accepted")
        assert screen.game.entries[-1]["answer"] == deal.id


async def test_a_solo_game_without_tradable_meters_offers_no_deals(saves_dir):
    libya = load("libya-2016")
    solo = {f.id: ("human" if f.id == "gna" else "random") for f in libya.factions}
    assert not can_deal(libya, solo) and can_deal(libya, TWO_TEAMS)
    app = make_app(saves_dir, at_gna_actions(libya, solo))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: game_screen(app).game is not None)
        await pilot.pause()
        why = game_screen(app).query_one(Desk).why_closed("deals")
        assert "no tradable meters" in why
        await pilot.press("d")
        await pilot.pause()
        assert not isinstance(app.screen, DealsScreen)
