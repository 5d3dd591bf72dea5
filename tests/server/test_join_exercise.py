"""`wargame join` in an exercise game: two teams' screens send orders, an offer, its answer and a proposal
through GameScreen.decide (as the screen's forms do), and each screen holds only what its team may know."""

from __future__ import annotations

import asyncio
from pathlib import Path

from serving import Server, call, orders_view

from wargame import engine as E
from wargame.engine.codec import from_dict
from wargame.engine.parts import Answer, Commitment, Offer, Propose, SubmitOrders
from wargame.server.join_app import JoinApp, RemoteGameScreen
from wargame.server.remote import connect

EXERCISE = Path(__file__).resolve().parents[1] / "engine" / "exercise.yaml"


async def until(pilot, condition, seconds: float = 20.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the screen never got there")


def test_two_teams_trade_propose_and_order_from_their_own_screens(tmp_path):
    seats = ["--seat", "north=human", "--seat", "south=human"]
    server = Server(tmp_path, str(EXERCISE), "--session", "two-hours", "--seed", "3", "--name", "jx", *seats)
    try:
        orders_view(server)  # the event cards answered: the turn's orders are due
        north_app = JoinApp(connect(server.url, server.token("north")))
        south_app = JoinApp(connect(server.url, server.token("south")))

        async def run():
            async with north_app.run_test(size=(140, 45)) as north, south_app.run_test(size=(140, 45)) as south:
                n, s = north_app.screen, south_app.screen
                assert isinstance(n, RemoteGameScreen) and isinstance(s, RemoteGameScreen)
                promise = Commitment("north", "no patrols near the port", 5)
                offer = Offer("north", "south", (("treasury", 4),), (("fuel", 1),), (promise,), "a quiet month")
                assert n.decide(offer)
                await until(south, lambda: any(d.status == "open" for d in s.game.state.ex.deals))
                deal = s.game.state.ex.deals[0]
                assert deal.offer == offer  # the other party reads the terms
                assert s.decide(Answer(deal.id, True))
                await until(north, lambda: [d.status for d in n.game.state.ex.deals] == ["accepted"])

                assert n.decide(Propose("north", "Joint patrols at the port", ("tension -= 1",), "both gain"))
                await until(north, lambda: len(n.game.state.ex.proposals) == 1)
                assert s.game.state.ex.proposals == ()  # not the other team's until it is decided

                assert s.game.state.pending == E.Pending("orders", "south", None)  # each screen: its own orders due
                legal = [from_dict(i["decision"]) for i in n.mirror.view["legal"] if i["legal"]]
                ordered = next(d for d in legal if isinstance(d, SubmitOrders) and d.actions)
                assert n.mirror.scenario.faction("north").actions_per_turn == 1  # the preset's: one pick is the order
                assert n.decide(ordered.actions[0])  # picked as on the local screen: drafted into one order, sent
                await until(south, lambda: any(o is not None for o in s.game.state.ex.orders))
                theirs = next(o for o in s.game.state.ex.orders if o is not None)
                assert theirs == SubmitOrders("north")  # in, and nothing of what it is
                mine = next(o for o in n.game.state.ex.orders if o is not None)
                assert mine.actions == ordered.actions[:1]

                s.decide(Answer(deal.id, False))  # sent; the server answers 409 (already taken): nothing changes
                await south.pause(0.5)
                assert [d.status for d in s.game.state.ex.deals] == ["accepted"]

        asyncio.run(run())
        status, view = call(server.url, "/api/view", server.token("facilitator"))
        kinds = [next(k for k in d if k not in ("by", "why")) for d in view["decisions"]]
        assert kinds.count("offer") == kinds.count("answer") == kinds.count("propose") == 1
        assert "orders" in kinds
    finally:
        server.stop()


def test_the_deal_and_proposal_forms_work_on_served_screens(tmp_path):
    """The hot seat's forms (d: deals, w: proposals) on two teams' `wargame join` screens: what they
    send reaches the server, the other team answers from its own screen, and the facilitator rules."""
    from wargame.tui.deals import DealsScreen, OfferForm
    from wargame.tui.propose import ProposeForm

    seats = ["--seat", "north=human", "--seat", "south=human"]
    server = Server(tmp_path, str(EXERCISE), "--session", "two-hours", "--seed", "3", "--name", "forms", *seats)
    try:
        orders_view(server)
        north_app = JoinApp(connect(server.url, server.token("north")))
        south_app = JoinApp(connect(server.url, server.token("south")))

        async def run():
            async with north_app.run_test(size=(140, 45)) as north, south_app.run_test(size=(140, 45)) as south:
                n, s = north_app.screen, south_app.screen
                await north.press("d")
                await until(north, lambda: isinstance(north_app.screen, DealsScreen))
                await north.press("o")
                await until(north, lambda: isinstance(north_app.screen, OfferForm))
                form = north_app.screen
                form.query_one("#offer-to").value = "south"
                await north.pause()
                form.query_one("#give-south-treasury").value = "5"
                form.query_one("#offer-theirs").value = "Open the coast road"
                form.query_one("#offer-theirs").focus()
                await north.press("enter")  # Enter in any field sends the offer
                await until(north, lambda: not isinstance(north_app.screen, OfferForm))
                await until(south, lambda: any(d.status == "open" for d in s.game.state.ex.deals))
                deal = s.game.state.ex.deals[0]
                assert deal.offer.give == (("treasury", 5),) and deal.promises[0].text == "Open the coast road"

                await south.press("d")
                await until(south, lambda: isinstance(south_app.screen, DealsScreen))
                south_app.screen.query_one(f"#accept-{deal.id}").press()
                await until(north, lambda: [d.status for d in n.game.state.ex.deals] == ["accepted"])

                while not isinstance(north_app.screen, RemoteGameScreen):  # back to the game screen
                    await north.press("escape")
                    await north.pause()
                await north.press("w")
                await until(north, lambda: isinstance(north_app.screen, ProposeForm))
                form = north_app.screen
                form.query_one("#propose-words").value = "We open a border crossing for traders"
                form.query_one("#propose-effects").text = "tension -= 2\naid += 1"
                form.query_one("#propose-arguments").text = "Traders want it."
                await north.pause()
                form.query_one("#propose-send").press()  # (a toast about the offer may cover it)
                await until(north, lambda: bool(n.game.state.ex.proposals))
                assert n.game.state.ex.proposals[0].effects == ("tension -= 2", "aid += 1")

        asyncio.run(run())
        _, view = call(server.url, "/api/view", server.token("facilitator"))
        by_kind = {next(k for k in d if k not in ("by", "why")): d for d in view["decisions"]}
        assert by_kind["offer"]["to"] == "south" and by_kind["answer"]["accept"] is True
        assert by_kind["propose"]["words"] == "We open a border crossing for traders"
        status, _ = call(
            server.url,
            "/api/decide",
            server.token("facilitator"),
            {"decision": {"adjudicate": view["proposals"][0]["id"], "ruling": "success", "reason": "agreed"}},
        )
        assert status == 200
    finally:
        server.stop()
