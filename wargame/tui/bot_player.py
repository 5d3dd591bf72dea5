"""Provides the bot player: an invisible panel playing the bot seats, one visible move at a time."""

from __future__ import annotations

from textual import work
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget

from wargame import engine as E
from wargame.tui import session
from wargame.tui.messages import Decide
from wargame.tui.session import HUMAN, Game


class BotPlayer(Widget):
    """Sits at the table like a team: it sees the game, thinks on a thread, posts its decision.

    Moves are paced by `delay` so a trainee can follow them in the log; `hurry`
    drops the pauses until a human must decide again. A decision made for a
    state the game has since left (after an undo, a load) is dropped by the screen.
    """

    DEFAULT_CSS = "BotPlayer { display: none; }"

    game: reactive[Game | None] = reactive(None, always_update=True)
    """The game as the screen last published it."""

    def __init__(self, delay: float, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.delay = delay
        self.fast = False
        self._timer: Timer | None = None
        self._asked: E.GameState | None = None  # the state a bot is (or was last) thinking about

    def to_play(self) -> bool:
        game = self.game
        if game is None or game.state.pending is None:
            return False
        return game.seats.get(game.state.pending.faction, HUMAN) != HUMAN

    def watch_game(self, game: Game | None) -> None:
        if not self.to_play():
            self.fast = False
            return
        if game is not None and self._timer is None and self._asked is not game.state:
            self._timer = self.set_timer(max(0.0 if self.fast else self.delay, 0.001), self.move)

    def move(self) -> None:
        self._timer = None
        game = self.game
        if game is not None and self.to_play() and self._asked is not game.state:
            self._asked = game.state
            self.think(game)

    @work(thread=True, exclusive=True, group="bot")
    def think(self, game: Game) -> None:
        state = game.state
        if state.pending is None:
            return
        level = game.seats[state.pending.faction]
        try:
            decision, why, by = session.bot_move(game.scenario, state, level)
        except Exception as exc:  # a broken bot must not end the session: play at random instead
            decision, why, by = session.bot_move(game.scenario, state, "random")
            why = f"{why} (the {level} bot failed: {exc})"
        self.post_message(Decide(decision, by, why, asked=state))

    def hurry(self) -> None:
        """Skip the pauses between bot decisions until a human must decide."""
        self.fast = True
        if self._timer is not None:
            self._timer.stop()
            self.move()

    def reset(self) -> None:
        """Forget the pending move (the game was rebuilt): the next publication starts afresh."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._asked = None
