"""Provides the game screen: it owns the game, applies every decision, and feeds the panels."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer

from wargame import engine as E
from wargame import saves
from wargame.tui import choices, session, view
from wargame.tui.actions import ActionsPanel
from wargame.tui.board import Board
from wargame.tui.card import EventCard
from wargame.tui.confirm import Confirm
from wargame.tui.end import EndScreen
from wargame.tui.handover import HandOver
from wargame.tui.header import GameHeader
from wargame.tui.help import HelpScreen
from wargame.tui.log import GameLog
from wargame.tui.messages import Decide, PickTarget, RegionSelected
from wargame.tui.meters import Meters
from wargame.tui.region import RegionPanel
from wargame.tui.save_dialog import SaveDialog
from wargame.tui.session import HUMAN, Game
from wargame.tui.targets import TargetPicker


class BotDecided(Message):
    """A bot worker finished thinking about `asked` (ignored if the game moved on meanwhile)."""

    def __init__(self, asked: E.GameState, decision: E.Decision, by: str, why: str) -> None:
        super().__init__()
        self.asked, self.decision, self.by, self.why = asked, decision, by, why


class GameScreen(Screen[None]):
    """One screen for a whole game. Only it changes the game: panels get data and post messages."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help"),
        Binding("s", "save", "Save"),
        Binding("u", "undo", "Undo"),
        Binding("space", "skip", "Skip wait"),
        Binding("r", "results", "Results"),
        Binding("q", "quit_game", "Quit"),
        *(Binding(str(n), f"choose({n - 1})", show=False) for n in range(1, 10)),
    ]

    AUTO_FOCUS = "#actions-list"

    game: reactive[Game | None] = reactive(None, always_update=True, init=False)
    """The game: its state and decision log. Replaced whole after each decision, never edited."""

    def __init__(self, game: Game, saves_dir: Path, bot_delay: float = 0.7) -> None:
        super().__init__()
        self._initial = game
        self.saves_dir = Path(saves_dir)
        self.bot_delay = bot_delay
        self._fast = False  # skip the pacing of bot moves until a human must decide
        self._bot_timer: Timer | None = None
        self._bot_asked: E.GameState | None = None
        self._at_keyboard: str | None = None  # the human team that last passed the hand-over screen
        self._end_shown: E.GameState | None = None
        self._autosave_failed = False
        self._keys: tuple = ()

    @property
    def scenario(self):
        return self._initial.scenario

    def compose(self) -> ComposeResult:
        s = self.scenario
        yield GameHeader(id="header")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                with ScrollableContainer(id="board-box", can_focus=False):
                    yield Board(s, id="board")
                yield RegionPanel(id="region")
                yield GameLog(id="log")
            with Vertical(id="right"):
                yield Meters(id="meters")
                with Vertical(id="decision"):
                    yield EventCard(id="card")
                    yield ActionsPanel(id="actions")
        yield Footer()

    def on_mount(self) -> None:
        for wid, title in (
            ("#board-box", "Board"),
            ("#meters", "Meters"),
            ("#decision", "Decision"),
            ("#log", "Log"),
        ):
            self.query_one(wid).border_title = title
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
        board = self.query_one(Board)
        board.values = state.values
        self.query_one(RegionPanel).lines = tuple(
            view.region_lines(s, state.values, board.selected)
        )
        self.query_one(Meters).groups = tuple(view.meter_groups(s, state))
        self.show_decision(new)
        self.show_log(old, new)
        if old is None or old.state.turn != state.turn or (state.over and not old.state.over):
            self.autosave()
        keys = self.binding_state()
        if keys != self._keys:  # the footer recomposes on each refresh: only when keys change
            self._keys = keys
            self.refresh_bindings()
        self.call_after_refresh(self.next_step)

    def show_decision(self, game: Game) -> None:
        s, state, p = game.scenario, game.state, game.state.pending
        human = p is not None and game.seats.get(p.faction, HUMAN) == HUMAN
        card = self.query_one(EventCard)
        card.set_reactive(EventCard.human, human)
        card.cards = choices.cards_this_turn(s, state, list(game.events))
        actions = self.query_one(ActionsPanel)
        self.query_one("#decision").border_title = "Decision"
        if state.over:
            actions.note, actions.rows = "The game is over. Press r for the results.", ()
        elif p is None:
            actions.note, actions.rows = "", ()
        elif not human:
            who = f"{s.faction(p.faction).short} ({game.seats[p.faction]} bot)"
            actions.note, actions.rows = f"{who} is deciding… (space: skip the wait)", ()
        elif p.kind == "choice":
            actions.note, actions.rows = "Answer the event card above first.", ()
        else:
            f = s.faction(p.faction)
            self.query_one("#decision").border_title = f"{f.short}: choose an action"
            actions.note, actions.rows = "", choices.action_rows(s, state, p.faction)

    def show_log(self, old: Game | None, new: Game) -> None:
        log = self.query_one(GameLog)
        if (
            old is not None
            and len(new.by_step) == len(old.by_step) + 1
            and new.by_step[-2] is old.by_step[-1]
        ):
            log.add(choices.log_lines(new.scenario, list(new.by_step[-1]), new.entries[-1]))
            return
        lines = choices.log_lines(new.scenario, list(new.by_step[0]))
        for evs, entry in zip(new.by_step[1:], new.entries, strict=True):
            lines += choices.log_lines(new.scenario, list(evs), entry)
        log.replace(lines)

    def next_step(self) -> None:
        """After each change: end screen, a bot's move, or a human's turn (hand-over if needed)."""
        game = self.game
        state, p = game.state, game.state.pending
        if state.over:
            if self._end_shown is not state:
                self._end_shown = state
                self.app.push_screen(EndScreen(game.scenario, state, game.events), self.after_end)
            return
        if p is None:
            return
        if game.seats.get(p.faction, HUMAN) != HUMAN:
            self.schedule_bot()
            return
        self._fast = False
        if len(session.humans(game.seats)) > 1 and self._at_keyboard != p.faction:
            team = game.scenario.faction(p.faction).short
            what = "answer an event card" if p.kind == "choice" else "choose its actions"
            why = f"The {team} team must {what} ({game.scenario.calendar.label(state.turn)})."
            self.app.push_screen(HandOver(team, why), lambda _: self.handed_over(p.faction))
            return
        self.focus_decision()

    def handed_over(self, faction: str) -> None:
        self._at_keyboard = faction
        self.focus_decision()

    def focus_decision(self) -> None:
        """Put the keyboard on the decision; a player reading the board or the log stays there."""
        p = self.game.state.pending
        if p is not None and p.kind == "choice":
            self.call_after_refresh(self.query_one(EventCard).focus_choice)
        elif not isinstance(self.focused, (Board, GameLog)):
            self.query_one(ActionsPanel).focus_list()

    # --- decisions ------------------------------------------------------------
    def decide(self, decision: E.Decision, by: str = HUMAN, why: str = "") -> bool:
        try:
            game, _events = session.play(self.game, decision, by, why)
        except E.DecisionError as exc:
            self.notify(str(exc), title="Not allowed", severity="error")
            return False
        if isinstance(decision, E.Choose):  # the card's buttons go: keep the keyboard in the game
            self.query_one(ActionsPanel).focus_list()
        self.game = game
        return True

    def on_decide(self, message: Decide) -> None:
        message.stop()
        p = self.game.state.pending
        if message.by == HUMAN and (p is None or self.game.seats.get(p.faction, HUMAN) != HUMAN):
            self.notify("It is not a human team's turn.", severity="warning")
            return
        self.decide(message.decision, message.by, message.why)

    def on_pick_target(self, message: PickTarget) -> None:
        message.stop()
        asked = self.game.state
        action = self.scenario.action(message.action)
        rows = choices.target_rows(self.scenario, asked, message.action)

        def picked(region: str | None) -> None:
            if region is not None and self.game.state is asked:
                self.decide(E.Act(message.action, region))

        self.app.push_screen(TargetPicker(action.name, rows), picked)

    def on_region_selected(self, message: RegionSelected) -> None:
        message.stop()
        self.query_one(RegionPanel).lines = tuple(
            view.region_lines(self.scenario, self.game.state.values, message.region)
        )

    # --- bots -----------------------------------------------------------------
    def schedule_bot(self) -> None:
        if self._bot_timer is not None or self._bot_asked is self.game.state:
            return
        delay = 0.0 if self._fast else self.bot_delay
        self._bot_timer = self.set_timer(max(delay, 0.001), self.start_bot)

    def start_bot(self) -> None:
        self._bot_timer = None
        game = self.game
        if game.state.over or game.state.pending is None or self._bot_asked is game.state:
            return
        self._bot_asked = game.state
        self.think(game)

    @work(thread=True, exclusive=True, group="bot")
    def think(self, game: Game) -> None:
        state = game.state
        level = game.seats[state.pending.faction]
        try:
            decision, why, by = session.bot_move(game.scenario, state, level)
        except (
            Exception
        ) as exc:  # a broken bot must not end the session: play a random move instead
            decision, why, by = session.bot_move(game.scenario, state, "random")
            why = f"{why} (the {level} bot failed: {exc})"
        self.post_message(BotDecided(state, decision, by, why))

    def on_bot_decided(self, message: BotDecided) -> None:
        if message.asked is self.game.state:
            self.decide(message.decision, message.by, message.why)

    def cancel_bot(self) -> None:
        if self._bot_timer is not None:
            self._bot_timer.stop()
            self._bot_timer = None
        self._bot_asked = None

    # --- keys -----------------------------------------------------------------
    def binding_state(self) -> tuple:
        return tuple(self.check_action(a, ()) for a in ("skip", "results", "undo"))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        game = self.game
        if game is None:
            return True
        p = game.state.pending
        if action == "skip":
            return p is not None and game.seats.get(p.faction, HUMAN) != HUMAN
        if action == "results":
            return game.state.over
        if action == "undo":
            return any(e.get("by", HUMAN) == HUMAN for e in game.entries)
        return True

    def action_choose(self, option: int) -> None:
        p = self.game.state.pending
        if p is not None and p.kind == "choice" and self.game.seats.get(p.faction, HUMAN) == HUMAN:
            self.decide(E.Choose(option))

    def action_skip(self) -> None:
        self._fast = True
        if self._bot_timer is not None:
            self._bot_timer.stop()
            self._bot_timer = None
            self.start_bot()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.scenario, self.game.seats))

    def action_results(self) -> None:
        if self.game.state.over:
            self.app.push_screen(
                EndScreen(self.scenario, self.game.state, self.game.events), self.after_end
            )

    def after_end(self, where: str | None) -> None:
        if where == "new":
            self.app.show_start()
        elif where == "quit":
            self.app.exit()

    def action_undo(self) -> None:
        undone, why = session.undo(self.game)
        if undone is None:
            self.notify(f"Cannot undo: {why}.", severity="warning")
            return
        self.cancel_bot()
        self._end_shown = None
        self.game = undone
        self.notify("Your last decision was taken back (the dice will roll the same).")

    def action_save(self) -> None:
        s, state = self.scenario, self.game.state
        self.app.push_screen(
            SaveDialog(f"{s.id}-turn{state.turn}", str(self.saves_dir)), self.save_as
        )

    def save_as(self, name: str | None) -> None:
        if not name:
            return
        try:
            path = session.save(self.game, self.saves_dir, name)
        except saves.SaveError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
        except OSError as exc:
            self.notify(
                f"cannot write into {self.saves_dir}: {exc.strerror}",
                title="Not saved",
                severity="error",
            )
        else:
            self.notify(f"Saved to {path}", title="Saved")

    def autosave(self) -> None:
        try:
            session.autosave(self.game, self.saves_dir)
        except (OSError, saves.SaveError) as exc:
            if not self._autosave_failed:
                self._autosave_failed = True
                self.notify(
                    f"Autosave failed ({exc}); save with s to keep this game.", severity="warning"
                )

    def action_quit_game(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.autosave()
                self.app.exit()

        self.app.push_screen(
            Confirm(
                "Quit the game?",
                "It is saved: choose it under 'Continue' on the start "
                "screen (wargame play) to resume.",
                yes="Quit",
                no="Keep playing",
            ),
            answered,
        )
