"""`wargame join`: the game screen as a thin client; the server decides, saves and runs the bots.

`RemoteGameScreen` is the TUI's own GameScreen with its few local moves
(applying a decision, undo, rewind, autosave, the bot player) replaced by
calls to the API; every panel draws exactly as in a local game. Views arrive
over a WebSocket, which reconnects by itself when the server restarts.
"""

from __future__ import annotations

from pathlib import Path

from textual import work

from wargame import engine as E
from wargame.engine.codec import to_dict
from wargame.server.listen import Following
from wargame.server.remote import Client, Mirror
from wargame.server.seatview import FACILITATOR, PUBLIC
from wargame.tui.bot_player import BotPlayer
from wargame.tui.clock import OrdersClock, clock_text
from wargame.tui.desk import Desk
from wargame.tui.game import GameScreen
from wargame.tui.header import GameHeader
from wargame.tui.hotseat import HotSeat
from wargame.tui.keeper import Keeper
from wargame.tui.plain_app import PlainApp

TEAM = "team"  # the seat level a client shows for another team (it is not a bot, and not at this keyboard)


class ServerKeeper(Keeper):
    """The files of a served game are the server's: a client writes none."""

    def autosave(self, game) -> None:
        """The server saved it before this client heard of it."""

    def ask_save(self, game) -> None:
        self.notify("The server saves the game after every decision.", title="Saved")

    def quit(self, current) -> None:
        self.app.exit()  # nothing to lose here: the game stays on the server

    def debrief(self, game) -> Path | None:
        self.notify("The debrief is written from the server's save: wargame report SAVE.", title="Debrief")
        return None


class ServerDesk(Desk):
    """The team's desk on a served game: the facilitator is at the server's other end, so a team may
    write a proposal even though this screen has no facilitator's panel."""

    def why_closed(self, what: str) -> str:
        s = self.host.scenario
        if what == "propose" and s.freeform is not None and self.team() is not None:
            return ""
        return super().why_closed(what)


class RemoteGameScreen(Following, GameScreen):
    """The game screen of one seat of a served game."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.mirror = Mirror(client.scenario, client.seat, client.first)
        self.me = client.viewer if client.viewer not in (FACILITATOR, PUBLIC) else None
        self._end_step: int | None = None
        super().__init__(
            self.mirror.game(self.screen_seats()), Path("."), bot_delay=0, facilitator=client.viewer == FACILITATOR
        )

    def screen_seats(self) -> dict[str, str]:
        """This team is the only 'human' the screen knows; other teams show as 'team'."""
        seats = dict(self.mirror.view["seats"])
        return {f: ("human" if f == self.me else TEAM if who == "human" else who) for f, who in seats.items()}

    def compose(self):
        for widget in super().compose():
            if type(widget) is Keeper:
                yield ServerKeeper(self.saves_dir)
            elif type(widget) is Desk:
                yield ServerDesk()
            else:
                yield widget

    def on_mount(self) -> None:
        super().on_mount()
        self.listen()

    # --- views in (Following) -------------------------------------------------------
    def show_mirror(self) -> None:
        self.game = self.mirror.game(self.screen_seats())

    # --- decisions out --------------------------------------------------------------
    def decide(self, decision: E.Decision, by: str = "human", why: str = "") -> bool:
        """As the local screen: in simultaneous orders a team's picks are drafted into one order first."""
        p = self.game.state.pending if self.game is not None else None
        if p is not None and p.kind == "orders" and self.me and by == "human" and isinstance(decision, (E.Act, E.Pass)):
            return self.query_one(HotSeat).draft_order(self.me, decision)  # it comes back as one SubmitOrders
        return self.decide_now(decision, by, why)

    def decide_now(self, decision: E.Decision, by: str = "human", why: str = "") -> bool:
        """Send the decision; the server's answer (the new view, or why not) comes back to this screen.

        A sequential move carries the view it was made from (`at`): the server
        refuses it if the game has moved on. Orders, offers, answers and
        proposals are made while other teams make theirs, so they do not: the
        engine checks them against the game as it is.
        """
        if self.client.viewer == PUBLIC:
            self.notify("The projector's view is read-only.", severity="warning")
            return False
        body: dict = {"decision": to_dict(decision)}
        if isinstance(decision, (E.Act, E.Pass, E.Choose)):
            body["at"] = self.mirror.at
        self.send("/api/decide", body)
        return True

    def on_facilitator_panel_rewound(self, message) -> None:
        """The panel worked out the rewind on its copy; the server does it for real."""
        message.stop()
        branch = message.game.branches[-1] if message.game.branches else None
        self.send("/api/rewind", {"to": len(message.game.decisions), "note": branch.note if branch else ""})

    @work(group="send")
    async def send(self, path: str, body: dict) -> None:
        import aiohttp

        try:
            async with self.http.post(self.client.url + path, json=body) as resp:
                answer = await resp.json()
        except (TimeoutError, aiohttp.ClientError, OSError, ValueError, AttributeError):
            self.notify("The server did not answer; nothing was sent. Try again.", severity="error")
            return
        if resp.status != 200:
            self.notify(answer.get("error", f"refused ({resp.status})"), title="Not allowed", severity="error")
            return
        self.take(answer)

    # --- what a client does not do locally --------------------------------------------
    def watch_game(self, old, new) -> None:
        super().watch_game(old, new)
        self.query_one(BotPlayer).game = None  # the server runs the bots
        from wargame.tui import view

        header = self.query_one(GameHeader)
        header.status = view.status_text(new.scenario, new.state, self.mirror.view["seats"])
        header.seed = None
        self.follow_clock()
        self.waiting_note(new)

    def viewer(self) -> str:
        """Whose sight the screen shows: always its seat's (the facilitator's sees everything)."""
        return self.client.viewer

    def follow_clock(self) -> None:
        """The server keeps the countdown: the screen shows the seconds it sent, and never closes the
        orders itself (a strict timer: the server does; otherwise the facilitator, from the panel)."""
        clock = self.query_one(OrdersClock)
        clock.acts = False
        timer = self.mirror.view.get("timer")
        left = timer.get("remaining") if isinstance(timer, dict) else None
        if clock.running and isinstance(left, (int, float)):
            clock.remaining = float(left)
            clock.text = clock_text(clock.remaining)

    def waiting_note(self, game) -> None:
        """'The L.N.A. team is deciding…' for another team (the screen knows only bots and this team)."""
        p = game.state.pending
        if p is not None and p.faction != self.me and not game.state.over:
            from wargame.tui.actions import ActionsPanel

            f = game.scenario.faction(p.faction)
            who = self.mirror.view["seats"].get(p.faction, "")
            note = f"The {f.short} team is deciding…" if who == "human" else f"{f.short} ({who} bot) is deciding…"
            self.query_one(ActionsPanel).note = note

    def next_step(self) -> None:
        if self.game is None:
            return
        state = self.game.state
        if state.over:
            if self._end_step != state.step:
                self._end_step = state.step
                self.show_end()
            return
        p = state.pending
        if p is not None and p.faction == self.me:
            self.focus_decision()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("undo", "save", "skip", "pause"):
            return False  # the server holds the game: it saves; undo is the facilitator's rewind
        return super().check_action(action, parameters)


class JoinApp(PlainApp):
    """`wargame join`: one seat of a served game."""

    CSS_PATH = str(Path(__file__).parent.parent / "tui" / "wargame.tcss")
    TITLE = "wargame"

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client

    def on_mount(self) -> None:
        if self.client.viewer == PUBLIC:  # the projector: the public picture, large, and nothing to press
            from wargame.server.projector import ProjectorScreen

            self.push_screen(ProjectorScreen(self.client))
        else:
            self.push_screen(RemoteGameScreen(self.client))


def run_join(client: Client) -> None:
    JoinApp(client).run()
