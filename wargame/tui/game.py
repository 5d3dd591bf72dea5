"""Provides the game screen: it owns the game, applies every decision, and feeds the panels."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import attrs
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, ScrollableContainer, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static

from wargame import engine as E
from wargame.engine.parts import PUBLIC
from wargame.scenario import Scenario
from wargame.tui import facilitator_flow as flow
from wargame.tui import session, view
from wargame.tui.actions import ActionsPanel
from wargame.tui.board import Board, Legend
from wargame.tui.bot_player import BotPlayer
from wargame.tui.card import EventCard
from wargame.tui.clock import OrdersClock
from wargame.tui.coach import Coach, Coached, decision_events
from wargame.tui.decision import DecisionBox
from wargame.tui.desk import DESK_KEYS, Desk
from wargame.tui.facilitator import FacilitatorPanel
from wargame.tui.facilitator_exercise import exercise_tabs
from wargame.tui.header import GameHeader
from wargame.tui.hotseat import HotSeat
from wargame.tui.keeper import Keeper
from wargame.tui.log import GameLog
from wargame.tui.messages import Decide
from wargame.tui.meters import Meters
from wargame.tui.region import BoardColumn, RegionPanel
from wargame.tui.session import FACILITATOR, HUMAN, Decision, Game
from wargame.words import plural

BANNER = "PAUSED by the facilitator · bots and teams wait · p resumes"
# the game's keys that still work while the keyboard is in the facilitator's panel
PANEL_KEYS = ("facilitator",)
PANEL_SHOWS = ("help",)


class GameScreen(Screen[None]):
    """One screen for a whole game. Only it changes the game: panels get data and post messages.

    Its members do the rest: the decision box shows what to decide, the bot
    player plays the bots, the keeper writes the files, the hot seat passes
    the keyboard, the desk holds a team's brief, deals and proposals, the
    clock times the orders, the facilitator's panel the pause and the acts.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "show('help')", "Help", id="game.help"),
        Binding("s", "save", "Save", id="game.save"),
        Binding("u", "undo", "Undo", id="game.undo"),
        Binding("space", "skip", "Skip wait", id="game.skip"),
        Binding("r", "show('results')", "Results", id="game.results"),
        Binding("m", "show('meters')", "Meters", id="game.meters"),
        Binding("b", "show('brief')", "Brief", id="game.brief"),
        Binding("d", "show('deals')", "Deals", id="game.deals"),
        Binding("w", "show('propose')", "Propose", id="game.propose"),
        Binding("q", "quit_game", "Quit", id="game.quit"),
        Binding("f", "facilitator", "Facilitator", id="game.facilitator"),
        Binding("p", "facilitator('pause')", "Pause", id="game.pause"),
        Binding("escape", "facilitator('close')", "Close the panel", show=False, id="game.close_panel"),
        *(Binding(str(n), f"choose({n - 1})", show=False) for n in range(1, 10)),
    ]

    AUTO_FOCUS = "#actions-list"

    game: reactive[Game | None] = reactive(None, always_update=True, init=False)
    """The game: its state and decision log. Replaced whole after each decision, never edited."""

    def __init__(self, game: Game, saves_dir: Path, bot_delay: float = 0.7, facilitator: bool = False) -> None:
        super().__init__()
        self.facilitator = facilitator  # the facilitator's panel (f) and pause (p) are available
        if game.paused and not facilitator:  # nobody could resume it: play on
            game = attrs.evolve(game, paused=False)
        self._initial = game
        self.saves_dir = Path(saves_dir)
        self.bot_delay = bot_delay
        self._end_shown: E.GameState | None = None
        self._keys: tuple = ()
        self.facilitator_panel: FacilitatorPanel | None = None

    @property
    def scenario(self) -> Scenario:
        return self._initial.scenario

    def current(self) -> Game:
        """The game (set on mount, before any key or message can arrive)."""
        assert self.game is not None
        return self.game

    @property
    def paused(self) -> bool:
        panel = self.facilitator_panel
        return panel is not None and panel.paused

    def compose(self) -> ComposeResult:
        s = self.scenario
        yield GameHeader(id="header")
        yield Coach(s, id="coach")
        if self.facilitator:
            yield Static(Text(BANNER, style="bold"), id="paused-banner")
        with Horizontal(id="main"):
            with BoardColumn(id="left"):
                with ScrollableContainer(id="board-box", can_focus=False):
                    yield Board(s, id="board")
                yield Legend(s, id="legend")
                yield RegionPanel(id="region")
                yield Static("", id="actions-detail")  # the highlighted action's preview, at full width
                yield GameLog(id="log")
            with Vertical(id="right"):
                with VerticalScroll(id="meters-box", can_focus=True):  # Tab reaches it; ↑↓ PgUp PgDn scroll
                    yield Meters(id="meters")
                with DecisionBox(id="decision"):
                    yield EventCard(id="card")
                    yield ActionsPanel(id="actions")
            if self.facilitator:  # over the right column, on its own layer
                panel = FacilitatorPanel(
                    lambda game: self.query_one(Keeper).debrief(game),
                    extra=exercise_tabs(s, self._initial.seats),
                    id="facilitator",
                )
                panel.display = False
                self.facilitator_panel = panel
                yield panel
        yield BotPlayer(self.bot_delay)
        yield Keeper(self.saves_dir)
        yield HotSeat()
        yield Desk()
        yield OrdersClock(s.session.timer if s.session is not None else 0)
        yield Footer()

    def on_mount(self) -> None:
        for wid, title in (
            ("#board-box", "Board"),
            ("#meters-box", "Meters (m: enlarge)"),
            ("#log", "Log"),
            ("#actions-detail", "Preview"),
        ):
            self.query_one(wid).border_title = title
        if self._initial.paused and self.facilitator_panel is not None:  # a resumed session stays paused
            self.facilitator_panel.paused = True
        self.game = self._initial

    # --- the game changed: every panel is recomputed from it ------------------
    def watch_game(self, old: Game | None, new: Game) -> None:
        s, state = new.scenario, new.state
        header = self.query_one(GameHeader)
        header.title, header.status, header.seed = s.title, view.status_text(s, state, new.seats), new.seed
        self.query_one(Coach).game_changed(state.values)
        hot = self.query_one(HotSeat)
        hot.show_sight(old, new, self.viewer(), self.paused)
        self.query_one(OrdersClock).follow(new)
        if old is not None and (
            new.entries is not old.entries or new.branches is not old.branches or new.paused != old.paused
        ):
            self.query_one(Keeper).autosave(new)  # every decision, undo and rewind reaches the disk
        keys = tuple(self.check_action(a, w) for a, w in (("skip", ()), ("show", ("results",)), ("undo", ())))
        if keys != self._keys:  # the footer recomposes on each refresh: only when keys change
            self._keys = keys
            self.refresh_bindings()
        self.query_one(BotPlayer).game = None if self.paused else new
        if self.facilitator_panel is not None:
            self.facilitator_panel.show(new, hot.keyboard_team(new))
        hot.reveal(old, new, PUBLIC if len(session.humans(new.seats)) > 1 else self.viewer())
        self.call_after_refresh(self.next_step)

    def next_step(self) -> None:
        """After each change: end screen, a bot's move, or a human's turn (hand-over if needed)."""
        game, hot = self.game, self.query_one(HotSeat)
        if game is None or hot.revealing:
            return  # the room is watching the turn resolve: what comes next waits for it
        state, p = game.state, game.state.pending
        if state.over:
            if self._end_shown is not state:
                self.show_end()
            return
        if p is None or self.paused:
            return
        if game.seats.get(p.faction, HUMAN) != HUMAN:
            return  # the bot player moves on its own
        if hot.needs_hand_over(game, p.faction):
            hot.hand_over(game, p.faction, p.kind)
            return
        self.focus_decision()

    def viewer(self) -> str:
        """Whose view the screen shows: the team at the keyboard, else the projector's (PUBLIC)."""
        game = self.game
        return (self.query_one(HotSeat).keyboard_team(game) if game is not None else None) or PUBLIC

    def focus_decision(self) -> None:
        """Put the keyboard on the decision; a player reading the board or the log stays there."""
        game = self.game
        p = game.state.pending if game is not None else None
        if self.facilitator_panel is not None and self.facilitator_panel.has_keyboard():
            return  # the facilitator is at work in the panel: leave the keyboard there
        if p is not None and p.kind == "choice":
            self.call_after_refresh(self.query_one(EventCard).focus_choice)
        elif not isinstance(self.focused, (Board, GameLog, VerticalScroll)):
            self.query_one(ActionsPanel).focus_list()

    # --- decisions ------------------------------------------------------------
    def decide(self, decision: Decision, by: str = HUMAN, why: str = "") -> bool:
        """The one path of every decision: a team's, a bot's, the facilitator's, the clock's.

        In a simultaneous turn a team's actions are drafted by the hot seat and
        come back here as one SubmitOrders.
        """
        game = self.game
        if game is None:
            return False
        p = game.state.pending
        if p is not None and p.kind == "orders" and by == HUMAN and isinstance(decision, (E.Act, E.Pass)):
            return self.query_one(HotSeat).draft_order(p.faction, decision)
        if self.paused and by != FACILITATOR:
            if by == HUMAN:
                self.notify("The game is paused by the facilitator.", severity="warning")
            return False  # a bot's move is dropped: it thinks again on resume
        try:
            game, _events = session.play(game, decision, by, why)
        except E.DecisionError as exc:
            self.notify(str(exc), title="Not allowed", severity="error")
            return False
        if isinstance(decision, E.Choose):  # the card's buttons go: keep the keyboard in the game
            self.query_one(ActionsPanel).focus_list()
        if by == HUMAN and isinstance(decision, (E.Act, E.Pass, E.Choose)):
            for event in decision_events(decision):
                self.query_one(Coach).seen(event)
        self.game = game
        return True

    def on_coached(self, message: Coached) -> None:
        message.stop()
        self.query_one(Coach).seen(message.event)

    def on_decide(self, message: Decide) -> None:
        """Apply a team's (or a bot's) decision if it is that seat's turn and still current."""
        message.stop()
        game = self.game
        if game is None or (message.asked is not None and message.asked is not game.state):
            return  # made for a state the game has left (undo, load): nothing to do
        if message.by == FACILITATOR:  # the facilitator may act at any moment; the engine checks
            self.decide(message.decision, message.by, message.why)
            return
        p = game.state.pending
        human = p is not None and game.seats.get(p.faction, HUMAN) == HUMAN
        if p is None or human != (message.by == HUMAN):
            self.notify("It is not this team's turn.", severity="warning")
            return
        self.decide(message.decision, message.by, message.why)

    # --- keys -----------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        game = self.game
        if game is None:
            return True
        panel = self.facilitator_panel
        in_panel = panel is not None and panel.has_keyboard()
        if in_panel and action not in PANEL_KEYS and not (action == "show" and parameters[:1] == PANEL_SHOWS):
            return False  # a key pressed in the facilitator's panel never plays for a team
        p = game.state.pending
        if action == "skip":
            return p is not None and game.seats.get(p.faction, HUMAN) != HUMAN and not self.paused
        if action == "undo":
            return any(e.get("by", HUMAN) == HUMAN for e in game.entries)
        if action == "facilitator" and parameters == ("close",):
            return panel is not None and panel.display
        if action == "facilitator":
            return self.facilitator
        what = parameters[0] if action == "show" and parameters else ""
        if what == "results":
            return game.state.over
        if what in DESK_KEYS:
            return not self.query_one(Desk).why_closed(what)
        return True

    def action_show(self, what: str) -> None:
        """The keys that show something and change nothing: ? help, r results, m meters (enlarged or
        back), and the team's desk: b its brief, d its deals, w a proposal of its own."""
        game = self.current()
        if what in DESK_KEYS:
            self.query_one(Desk).open(what)
        elif what == "help":
            from wargame.tui.help import HelpScreen

            self.query_one(Coach).seen("help")
            self.app.push_screen(HelpScreen(self.scenario, game.seats))
        elif what == "results" and game.state.over:
            self.show_end()
        elif what == "meters":  # the meters and tracks get the whole screen, or give it back
            self.query_one(Coach).seen("meters")
            big = not self.has_class("-meters-big")
            self.set_class(big, "-meters-big")
            box = self.query_one("#meters-box")
            box.border_title = "Meters (m: back to the board)" if big else "Meters (m: enlarge)"
            if big:
                box.focus()
            else:  # back to the decision, wherever the keyboard was in the meters
                self.set_focus(None)
                self.focus_decision()

    def action_choose(self, option: int) -> None:
        game = self.game
        p = game.state.pending if game is not None else None
        if game is not None and p is not None and p.kind == "choice" and game.seats.get(p.faction, HUMAN) == HUMAN:
            self.decide(E.Choose(option))

    def action_skip(self) -> None:
        self.query_one(BotPlayer).hurry()

    def show_end(self) -> None:
        from wargame.tui.end import EndScreen  # screens shown on demand are imported on demand

        game, keeper = self.game, self.query_one(Keeper)
        if game is None:
            return

        def left(where: str | None) -> None:
            show_start = getattr(self.app, "show_start", None)  # the app of `wargame play` has it
            if where == "new" and show_start is not None:
                show_start()
            elif where == "quit":
                keeper.quit(self.current)

        self._end_shown = game.state
        self.app.push_screen(EndScreen(self.scenario, game.state, game.events, lambda: keeper.debrief(game)), left)

    def action_undo(self) -> None:
        game = self.current()
        why = "the game is paused" if self.paused else flow.undo_blocked(game)
        undone, why = (None, why) if why else session.undo(game)
        if undone is None:
            self.notify(f"Cannot undo: {why}.", severity="warning")
            return
        self.restart(undone, "Your last decision was taken back (the dice will roll the same).")

    def restart(self, game: Game, said: str) -> None:
        """An undo or a rewind: the game is rebuilt; bots forget their move, the end may come again."""
        self.query_one(BotPlayer).reset()
        self._end_shown = None
        self.game = game
        self.notify(said)

    def action_save(self) -> None:
        self.query_one(Coach).seen("save")
        self.query_one(Keeper).ask_save(self.current())

    def action_quit_game(self) -> None:
        self.query_one(Keeper).quit(self.current)

    # --- the facilitator ------------------------------------------------------
    def action_facilitator(self, how: str = "toggle") -> None:
        """f opens or closes the panel, p pauses or resumes, Esc closes the panel."""
        panel = self.facilitator_panel
        if panel is None or self.game is None:
            return
        if how == "pause":
            panel.paused = not panel.paused
        elif how == "close":
            if panel.display:
                panel.action_close()
        else:
            panel.toggle(self.query_one(HotSeat).keyboard_team(self.game))

    def on_facilitator_panel_paused(self, message: FacilitatorPanel.Paused) -> None:
        """Paused: bots stop (the bot player forgets its move), teams' decisions are refused; the
        facilitator can still act. Resumed: everything picks up where it was."""
        message.stop()
        self.set_class(message.on, "-paused")
        game = self.current()
        if game.paused != message.on:  # the save keeps the pause (watch_game autosaves it)
            game = attrs.evolve(game, paused=message.on)
        self.query_one(BotPlayer).reset()
        self.game = game  # bots held or freed, 'is deciding…' becomes 'waits', keys and next step follow
        self.refresh_bindings()
        if message.on:
            self.notify("Paused: bots and teams wait until you resume (p).", title="Paused")
        else:
            self.notify("Resumed.")

    def on_facilitator_panel_rewound(self, message: FacilitatorPanel.Rewound) -> None:
        message.stop()
        if self.game is not message.asked:
            return
        self.restart(
            message.game,
            f"Rewound: {plural(message.set_aside, 'decision')} set aside as branch "
            f"{len(message.game.branches)}, kept in the save.",
        )
