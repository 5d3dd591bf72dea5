"""Provides the orders clock: the session's countdown for each orders phase, and what happens at zero."""

from __future__ import annotations

from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget

from wargame.engine.parts import CloseOrders
from wargame.tui.host import Host, host
from wargame.tui.reveal import RevealScreen
from wargame.tui.session import FACILITATOR, Game

EXTEND = 120  # seconds the facilitator adds when the room needs a little longer
STRICT_REASON = "the timer ran out (strict session): orders not in become passes"


def clock_text(remaining: float) -> str:
    """'Orders 9:58 left', or 'Orders: time is up'."""
    if remaining <= 0:
        return "Orders: time is up"
    left = int(remaining + 0.999)
    return f"Orders {left // 60}:{left % 60:02d} left"


class OrdersClock(Widget):
    """Counts down while a simultaneous turn's orders are collected (the session's `timer`).

    It stops while the game is paused. At zero: with `timer_strict` the orders
    close at once (the teams not in pass, through the engine's CloseOrders);
    otherwise the facilitator is asked to close them now or give more time,
    and without a facilitator the teams are told and play on.
    """

    DEFAULT_CSS = "OrdersClock { display: none; }"

    text: reactive[str] = reactive("")
    """What the header shows ('' outside an orders phase or without a timer)."""

    def __init__(self, seconds: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.seconds = seconds  # the session's timer (0: none)
        self.remaining = 0.0
        self.phase: tuple[int, int] | None = None  # (turn, step the phase began at) being timed
        self.running = False
        self.fired = False
        self.acts = True  # at zero it closes the orders or asks; a screen whose seat may not (a team's
        # screen of a served game) sets False and only tells its team the time is up
        self._timer: Timer | None = None

    @property
    def host(self) -> Host:
        return host(self.screen)

    def watch_text(self, text: str) -> None:
        from wargame.tui.handover import HandOver
        from wargame.tui.header import GameHeader

        for header in self.screen.query(GameHeader):
            header.clock = text
        if isinstance(self.app.screen, HandOver):  # the teams swapping places see the time run too
            self.app.screen.tick(text)

    def on_mount(self) -> None:
        if self.seconds:
            self._timer = self.set_interval(1.0, self.tick)

    def follow(self, game: Game) -> None:
        """The game changed: a new orders phase starts the clock, the end of one stops it."""
        if not self.seconds:
            return
        state = game.state
        if state.phase != "orders" or state.over:
            self.running, self.phase, self.text = False, None, ""
            return
        if self.phase is None or self.phase[0] != state.turn:
            self.phase, self.remaining, self.fired, self.running = (
                (state.turn, state.step),
                float(self.seconds),
                False,
                True,
            )
            self.text = clock_text(self.remaining)

    def tick(self, seconds: float = 1.0) -> None:
        """One second gone (tests pass more); at zero, once, what the session says to do."""
        if not self.running or self.host.paused or isinstance(self.app.screen, RevealScreen):
            return  # the room is not deciding: watching the last turn resolve is not orders time
        self.remaining = max(self.remaining - seconds, 0.0)
        self.text = clock_text(self.remaining)
        if self.remaining <= 0 and not self.fired:
            self.fired = True
            self.run_out()

    def run_out(self) -> None:
        game = self.host.game
        session = game.scenario.session if game is not None else None
        if not self.acts:
            self.notify("Time is up for this turn's orders.", title="Timer", severity="warning")
            return
        if session is not None and session.timer_strict:
            if self.host.decide(CloseOrders(STRICT_REASON), by=FACILITATOR):
                self.notify("Time is up: the orders are closed; teams not in pass.", title="Timer")
            return
        if not self.host.facilitator:
            self.notify("Time is up for this turn's orders.", title="Timer", severity="warning")
            return
        from wargame.tui.confirm import Confirm

        self.app.push_screen(
            Confirm(
                "Time is up for this turn's orders.",
                "Close them now (teams whose orders are not in pass), or give the room two more minutes?",
                yes="Close the orders now",
                no="Two more minutes",
            ),
            self.decided,
        )

    def decided(self, close: bool | None) -> None:
        if close:
            self.host.decide(CloseOrders("the facilitator closed the orders when the timer ran out"), by=FACILITATOR)
        else:
            self.remaining, self.fired = float(EXTEND), False
            self.text = clock_text(self.remaining)
