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
from wargame.tui import choices, session, view
from wargame.tui import facilitator_flow as flow
from wargame.tui.actions import ActionsPanel
from wargame.tui.board import Board, Legend
from wargame.tui.bot_player import BotPlayer
from wargame.tui.card import EventCard
from wargame.tui.coach import Coach, Coached, decision_events
from wargame.tui.decision import DecisionBox
from wargame.tui.facilitator import FacilitatorPanel
from wargame.tui.header import GameHeader
from wargame.tui.keeper import Keeper
from wargame.tui.log import GameLog
from wargame.tui.messages import Decide, PickTarget, RegionSelected
from wargame.tui.meters import Meters
from wargame.tui.region import RegionPanel
from wargame.tui.session import FACILITATOR, HUMAN, Game
from wargame.words import plural

BANNER = "PAUSED by the facilitator · bots and teams wait · p resumes"
# the game's keys that still work while the keyboard is in the facilitator's panel
PANEL_KEYS = ("help", "facilitator", "pause")


class GameScreen(Screen[None]):
    """One screen for a whole game. Only it changes the game: panels get data and post messages.

    Its members do the rest: the decision box shows what to decide, the bot
    player plays the bots, the keeper writes the files, the facilitator's
    panel holds the pause and the facilitator's acts.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="game.help"),
        Binding("s", "save", "Save", id="game.save"),
        Binding("u", "undo", "Undo", id="game.undo"),
        Binding("space", "skip", "Skip wait", id="game.skip"),
        Binding("r", "results", "Results", id="game.results"),
        Binding("m", "meters", "Meters", id="game.meters"),
        Binding("q", "quit_game", "Quit", id="game.quit"),
        Binding("f", "facilitator", "Facilitator", id="game.facilitator"),
        Binding("p", "pause", "Pause", id="game.pause"),
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
        self._at_keyboard: str | None = None  # the human team that last passed the hand-over screen
        self._end_shown: E.GameState | None = None
        self._keys: tuple = ()

    @property
    def scenario(self):
        return self._initial.scenario

    @property
    def paused(self) -> bool:
        panel = self.panel()
        return panel is not None and panel.paused

    def panel(self) -> FacilitatorPanel | None:
        found = self.query(FacilitatorPanel)
        return found.first() if found else None

    def compose(self) -> ComposeResult:
        s = self.scenario
        yield GameHeader(id="header")
        yield Coach(s, id="coach")
        if self.facilitator:
            yield Static(Text(BANNER, style="bold"), id="paused-banner")
        with Horizontal(id="main"):
            with Vertical(id="left"):
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
                panel = FacilitatorPanel(lambda game: self.query_one(Keeper).debrief(game), id="facilitator")
                panel.display = False
                yield panel
        yield BotPlayer(self.bot_delay)
        yield Keeper(self.saves_dir)
        yield Footer()

    def on_mount(self) -> None:
        for wid, title in (
            ("#board-box", "Board"),
            ("#meters-box", "Meters (m: enlarge)"),
            ("#log", "Log"),
            ("#actions-detail", "Preview"),
        ):
            self.query_one(wid).border_title = title
        if self._initial.paused:  # a resumed session stays paused, as the facilitator left it
            self.panel().paused = True
        self.game = self._initial

    # --- the game changed: every panel is recomputed from it ------------------
    def watch_game(self, old: Game | None, new: Game) -> None:
        s, state = new.scenario, new.state
        header = self.query_one(GameHeader)
        header.title, header.status, header.seed = (
            s.title,
            view.status_text(s, state, new.seats),
            new.seed,
        )
        self.query_one(Coach).game_changed(state.values)
        self.show_sight(old, new)
        self.query_one(DecisionBox).show(new, self.paused)
        if old is not None and (
            new.entries is not old.entries or new.branches is not old.branches or new.paused != old.paused
        ):
            self.query_one(Keeper).autosave(new)  # every decision, undo and rewind reaches the disk
        keys = tuple(self.check_action(a, ()) for a in ("skip", "results", "undo"))
        if keys != self._keys:  # the footer recomposes on each refresh: only when keys change
            self._keys = keys
            self.refresh_bindings()
        self.query_one(BotPlayer).game = None if self.paused else new
        panel = self.panel()
        if panel is not None:
            panel.show(new, session.keyboard_team(new.seats, self._at_keyboard))
        self.call_after_refresh(self.next_step)

    def next_step(self) -> None:
        """After each change: end screen, a bot's move, or a human's turn (hand-over if needed)."""
        game = self.game
        state, p = game.state, game.state.pending
        if state.over:
            if self._end_shown is not state:
                self.show_end()
            return
        if p is None or self.paused:
            return
        if game.seats.get(p.faction, HUMAN) != HUMAN:
            return  # the bot player moves on its own
        if len(session.humans(game.seats)) > 1 and self._at_keyboard != p.faction:
            team = game.scenario.faction(p.faction).short
            what = "answer an event card" if p.kind == "choice" else "choose its actions"
            why = f"The {team} team must {what} ({game.scenario.calendar.label(state.turn)})."
            from wargame.tui.handover import HandOver

            if self.panel() is not None:
                self.panel().hide()
            self.app.push_screen(HandOver(team, why), lambda _: self.handed_over(p.faction))
            return
        self.focus_decision()

    def viewer(self) -> str:
        """Whose view the screen shows: the team at the keyboard, else the projector's (PUBLIC)."""
        from wargame.engine.observe import PUBLIC

        return session.keyboard_team(self.game.seats, self._at_keyboard) or PUBLIC

    def show_sight(self, old: Game | None, new: Game) -> None:
        """Board, region panel, meters and log as the team at the keyboard may see them (its own
        view: no marker, '?' or a band for what it does not see), recomputed on every change."""
        s, state, viewer = new.scenario, new.state, self.viewer()
        board = self.query_one(Board)
        board.hidden = view.unseen(s, state.values, viewer)
        board.values = state.values
        board.refresh()
        self.query_one(RegionPanel).lines = tuple(view.region_lines(s, state.values, board.selected, board.hidden))
        self.query_one(Meters).groups = tuple(view.meter_groups(s, state, scores=True, viewer=viewer))
        self.query_one(GameLog).follow(old, new, viewer)

    def handed_over(self, faction: str) -> None:
        self._at_keyboard = faction
        self.show_sight(self.game, self.game)  # this team's own view from now on
        if self.panel() is not None:
            self.panel().show(self.game, faction)
        self.focus_decision()

    def focus_decision(self) -> None:
        """Put the keyboard on the decision; a player reading the board or the log stays there."""
        p = self.game.state.pending
        if self.panel() is not None and self.panel().has_keyboard():
            return  # the facilitator is at work in the panel: leave the keyboard there
        if p is not None and p.kind == "choice":
            self.call_after_refresh(self.query_one(EventCard).focus_choice)
        elif not isinstance(self.focused, (Board, GameLog, VerticalScroll)):
            self.query_one(ActionsPanel).focus_list()

    # --- decisions ------------------------------------------------------------
    def decide(self, decision: E.Decision, by: str = HUMAN, why: str = "") -> bool:
        p = self.game.state.pending
        if p is not None and p.kind == "orders" and by == HUMAN and isinstance(decision, (E.Act, E.Pass)):
            return self.draft_order(p.faction, decision)
        if self.paused and by != FACILITATOR:
            if by == HUMAN:
                self.notify("The game is paused by the facilitator.", severity="warning")
            return False  # a bot's move is dropped: it thinks again on resume
        try:
            game, _events = session.play(self.game, decision, by, why)
        except E.DecisionError as exc:
            self.notify(str(exc), title="Not allowed", severity="error")
            return False
        if isinstance(decision, E.Choose):  # the card's buttons go: keep the keyboard in the game
            self.query_one(ActionsPanel).focus_list()
        if by == HUMAN:
            for event in decision_events(decision):
                self.query_one(Coach).seen(event)
        self.game = game
        return True

    def on_coached(self, message: Coached) -> None:
        message.stop()
        self.query_one(Coach).seen(message.event)

    def draft_order(self, faction: str, decision: E.Decision) -> bool:
        """A simultaneous turn: the team picks its actions one by one; they go in as one order, hidden
        behind the hand-over screen, when it has picked as many as it may or ends with Pass."""
        from wargame.engine.parts import SubmitOrders

        draft = (
            [*getattr(self, "_draft", ()), decision]
            if isinstance(decision, E.Act)
            else list(getattr(self, "_draft", ()))
        )
        most = self.scenario.faction(faction).actions_per_turn
        if isinstance(decision, E.Act) and len(draft) < most:
            self._draft = tuple(draft)
            name = self.scenario.action(decision.action).name
            self.notify(f"Order {len(draft)} of {most}: {name}. Pick the next, or Pass to submit.", title="Orders")
            return True
        self._draft = ()
        ok = self.decide_now(SubmitOrders(faction, tuple(draft)))
        if ok:
            self.notify(
                f"{self.scenario.faction(faction).short}: orders submitted ({len(draft)} action(s)); "
                "they are revealed when every team's are in.",
                title="Orders",
            )
        return ok

    def decide_now(self, decision: E.Decision, by: str = HUMAN, why: str = "") -> bool:
        try:
            game, _events = session.play(self.game, decision, by, why)
        except E.DecisionError as exc:
            self.notify(str(exc), title="Not allowed", severity="error")
            return False
        self.game = game
        return True

    def on_decide(self, message: Decide) -> None:
        """Apply a team's (or a bot's) decision if it is that seat's turn and still current."""
        message.stop()
        p = self.game.state.pending
        if message.asked is not None and message.asked is not self.game.state:
            return  # made for a state the game has left (undo, load): nothing to do
        if message.by == FACILITATOR:  # the facilitator may act at any moment; the engine checks
            self.decide(message.decision, message.by, message.why)
            return
        human = p is not None and self.game.seats.get(p.faction, HUMAN) == HUMAN
        if p is None or human != (message.by == HUMAN):
            self.notify("It is not this team's turn.", severity="warning")
            return
        self.decide(message.decision, message.by, message.why)

    def on_pick_target(self, message: PickTarget) -> None:
        message.stop()
        asked = self.game.state
        action = self.scenario.action(message.action)
        rows = choices.target_rows(self.scenario, asked, message.action)
        from wargame.tui.targets import TargetPicker

        def picked(region: str | None) -> None:
            if region is not None and self.game.state is asked:
                self.decide(E.Act(message.action, region))

        self.app.push_screen(TargetPicker(action.name, rows), picked)

    def on_region_selected(self, message: RegionSelected) -> None:
        message.stop()
        self.query_one(Coach).seen("region")
        hidden = self.query_one(Board).hidden
        self.query_one(RegionPanel).lines = tuple(
            view.region_lines(self.scenario, self.game.state.values, message.region, hidden)
        )

    # --- keys -----------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        game = self.game
        if game is None:
            return True
        panel = self.panel()
        if action not in PANEL_KEYS and panel is not None and panel.has_keyboard():
            return False  # a key pressed in the facilitator's panel never plays for a team
        p = game.state.pending
        if action == "skip":
            return p is not None and game.seats.get(p.faction, HUMAN) != HUMAN and not self.paused
        if action == "results":
            return game.state.over
        if action == "undo":
            return any(e.get("by", HUMAN) == HUMAN for e in game.entries)
        if action == "facilitator" and parameters == ("close",):
            return panel is not None and panel.display
        if action in ("facilitator", "pause"):
            return self.facilitator
        return True

    def action_choose(self, option: int) -> None:
        p = self.game.state.pending
        if p is not None and p.kind == "choice" and self.game.seats.get(p.faction, HUMAN) == HUMAN:
            self.decide(E.Choose(option))

    def action_meters(self) -> None:
        """Give the meters and tracks the whole screen, or give it back: every number in reach."""
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

    def action_skip(self) -> None:
        self.query_one(BotPlayer).hurry()

    def action_help(self) -> None:
        from wargame.tui.help import HelpScreen

        self.query_one(Coach).seen("help")
        self.app.push_screen(HelpScreen(self.scenario, self.game.seats))

    def action_results(self) -> None:
        if self.game.state.over:
            self.show_end()

    def show_end(self) -> None:
        from wargame.tui.end import EndScreen  # screens shown on demand are imported on demand

        game, keeper = self.game, self.query_one(Keeper)

        def left(where: str | None) -> None:
            if where == "new":
                self.app.show_start()
            elif where == "quit":
                keeper.quit(lambda: self.game)

        self._end_shown = game.state
        self.app.push_screen(EndScreen(self.scenario, game.state, game.events, lambda: keeper.debrief(game)), left)

    def action_undo(self) -> None:
        why = "the game is paused" if self.paused else flow.undo_blocked(self.game)
        undone, why = (None, why) if why else session.undo(self.game)
        if undone is None:
            self.notify(f"Cannot undo: {why}.", severity="warning")
            return
        self.query_one(BotPlayer).reset()
        self._end_shown = None
        self.game = undone
        self.notify("Your last decision was taken back (the dice will roll the same).")

    def action_save(self) -> None:
        self.query_one(Coach).seen("save")
        self.query_one(Keeper).ask_save(self.game)

    def action_quit_game(self) -> None:
        self.query_one(Keeper).quit(lambda: self.game)

    # --- the facilitator ------------------------------------------------------
    def action_facilitator(self, how: str = "toggle") -> None:
        """f opens or closes the panel, p pauses or resumes, Esc closes the panel."""
        panel = self.panel()
        if panel is None:
            return
        if how == "pause":
            panel.paused = not panel.paused
        elif how == "close":
            if panel.display:
                panel.action_close()
        else:
            panel.toggle(session.keyboard_team(self.game.seats, self._at_keyboard))

    def action_pause(self) -> None:
        """p (and the palette's Pause): the panel's `paused` reactive, which the screen follows."""
        self.action_facilitator("pause")

    def on_facilitator_panel_paused(self, message: FacilitatorPanel.Paused) -> None:
        """Paused: bots stop (the bot player forgets its move), teams' decisions are refused; the
        facilitator can still act. Resumed: everything picks up where it was."""
        message.stop()
        self.set_class(message.on, "-paused")
        if self.game.paused != message.on:  # the save keeps the pause (watch_game autosaves it)
            self.game = attrs.evolve(self.game, paused=message.on)
        bots = self.query_one(BotPlayer)
        bots.reset()
        bots.game = None if message.on else self.game
        self.query_one(DecisionBox).show(self.game, message.on)  # 'is deciding…' becomes 'waits'
        self.refresh_bindings()
        if message.on:
            self.notify("Paused: bots and teams wait until you resume (p).", title="Paused")
        else:
            self.notify("Resumed.")
            self.call_after_refresh(self.next_step)

    def on_facilitator_panel_rewound(self, message: FacilitatorPanel.Rewound) -> None:
        message.stop()
        if self.game is not message.asked:
            return
        self.query_one(BotPlayer).reset()
        self._end_shown = None
        self.game = message.game
        self.notify(
            f"Rewound: {plural(message.set_aside, 'decision')} set aside as branch "
            f"{len(message.game.branches)}, kept in the save."
        )
