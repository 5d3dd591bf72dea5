"""The projector's screen: the public picture of a served game, large, with the countdown and nothing to press.

What the whole room may see and nothing more: the board, the public meters
and tracks, the public log, whose orders are in, and the orders countdown in
big digits that read from the back of the room. It is drawn from the PUBLIC
view the server sends the projector's link, so it cannot show what a team's
screen hides, and it has no decision panel: the projector's token is
read-only on the server too.
"""

from __future__ import annotations

import time
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Static

from wargame.engine.observe import PUBLIC
from wargame.server.listen import Following
from wargame.server.remote import Client, Mirror
from wargame.tui import view
from wargame.tui.board import Board, Legend
from wargame.tui.log import GameLog
from wargame.tui.meters import Meters
from wargame.tui.session import Game


def clock_text(seconds: float) -> str:
    """'12:05': minutes and seconds left, rounded up (a countdown reads 0:00 only when it is over)."""
    whole = int(-(-seconds // 1))
    return f"{whole // 60}:{whole % 60:02d}"


class ProjectorScreen(Following, Screen[None]):
    """Read-only: it follows the server's PUBLIC view and never sends anything."""

    BINDINGS: ClassVar[list] = []
    DEFAULT_CSS = """
    ProjectorScreen { layout: vertical; }
    #pj-title { height: 1; background: $primary; color: $text; text-style: bold; padding: 0 1; }
    #pj-status { height: auto; padding: 0 1; text-style: bold; }
    #pj-clock-row { height: auto; display: none; }
    #pj-clock-row.-running { display: block; }
    #pj-clock { width: auto; padding: 0 2; }
    #pj-orders { width: 1fr; padding: 1 1 0 1; }
    #pj-main { height: 1fr; }
    #pj-left { width: 3fr; }
    #pj-board-box { height: auto; max-height: 70%; border: round $primary; padding: 0 0 0 1; }
    #pj-board { width: auto; height: auto; }
    #pj-legend { height: auto; padding: 0 1; }
    #pj-meters { width: 2fr; min-width: 36; border: round $primary; padding: 0 1; overflow-y: hidden; }
    #pj-log { height: 1fr; min-height: 6; border: round $primary; }
    """

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.mirror = Mirror(client.scenario, client.seat, client.first)
        self._received = time.monotonic()
        self._game: Game | None = None

    def compose(self) -> ComposeResult:
        s = self.client.scenario
        yield Static(Text(f"{s.title}: the public picture"), id="pj-title")
        yield Static("", id="pj-status")
        with Horizontal(id="pj-clock-row"):
            yield Digits("", id="pj-clock")
            yield Static("", id="pj-orders")
        with Horizontal(id="pj-main"):
            with Vertical(id="pj-left"):
                with Container(id="pj-board-box"):
                    yield Board(s, id="pj-board")
                yield Legend(s, id="pj-legend")
                yield GameLog(id="pj-log")
            yield Meters(id="pj-meters")  # the whole height: a scenario's meters are a long column

    def on_mount(self) -> None:
        board = self.query_one(Board)
        board.can_focus = False  # nothing on this screen takes keys: there is nothing to choose
        self.query_one("#pj-board-box").border_title = "Board"
        self.query_one(Meters).border_title = "Meters and tracks (public)"
        self.query_one(GameLog).border_title = "Log (public)"
        self.show_mirror()
        self.set_interval(1.0, self.tick)
        self.listen()

    def show_mirror(self) -> None:
        """A new view: redraw everything from the mirror (the server sent only the public picture)."""
        v, s = self.mirror.view, self.client.scenario
        old, game = self._game, self.mirror.game(dict(v["seats"]))
        self._game, self._received = game, time.monotonic()
        state = game.state
        self.query_one("#pj-status", Static).update(self.status_text(v, game))
        board = self.query_one(Board)
        board.hidden = view.unseen(s, state.values, PUBLIC)
        board.values = state.values
        board.refresh(layout=True)  # its height follows the values (none before the first view)
        self.query_one(Meters).groups = tuple(view.meter_groups(s, state, scores=True, viewer=PUBLIC))
        self.query_one(GameLog).follow(old, game, PUBLIC)
        self.query_one("#pj-orders", Static).update(self.orders_text(v))
        self.tick()

    def status_text(self, v: dict, game: Game) -> str:
        """'Turn 3/5 · Aug 2016 · Orders: 1 of 3 in', or the header's line outside simultaneous orders."""
        s, state = self.client.scenario, game.state
        if v.get("phase") != "orders" or state.over:
            return view.status_text(s, state, dict(v["seats"]))
        done, due = len(v.get("submitted", [])), len(v.get("submitted", [])) + len(v.get("awaiting", []))
        turn = min(state.turn, s.turns)
        return f"Turn {turn}/{s.turns} · {s.calendar.label(turn)} · Orders: {done} of {due} in"

    def orders_text(self, v: dict) -> Text:
        """Whose orders are in and whose are awaited (names only: the orders stay secret until revealed)."""
        s = self.client.scenario
        names = [s.faction(f).short for f in v.get("submitted", []) if f in s.faction_index]
        waiting = [s.faction(f).short for f in v.get("awaiting", []) if f in s.faction_index]
        if not names and not waiting:
            return Text("")
        return Text.assemble(
            ("Orders in: ", "bold"),
            ", ".join(names) or "none yet",
            "\n",
            ("Waiting for: ", "bold"),
            ", ".join(waiting) or "nobody",
        )

    def tick(self) -> None:
        """The countdown, from the seconds the server gave and the time since (the server keeps the clock)."""
        timer = self.mirror.view.get("timer")
        row = self.query_one("#pj-clock-row")
        left = timer.get("remaining") if isinstance(timer, dict) else None
        row.set_class(isinstance(left, (int, float)), "-running")
        if isinstance(left, (int, float)):
            shown = max(0.0, left - (time.monotonic() - self._received))
            self.query_one(Digits).update(clock_text(shown))
