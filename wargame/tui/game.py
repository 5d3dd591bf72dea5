"""Provides the game screen: it owns the game, applies every decision, and feeds the panels."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer

from wargame import engine as E
from wargame import saves
from wargame.tui import choices, session, view
from wargame.tui import facilitator_flow as flow
from wargame.tui.actions import ActionsPanel
from wargame.tui.board import Board
from wargame.tui.bot_player import BotPlayer
from wargame.tui.card import EventCard
from wargame.tui.facilitator_control import PANEL_KEYS, FacilitatorControls
from wargame.tui.header import GameHeader
from wargame.tui.log import GameLog
from wargame.tui.messages import Decide, PickTarget, RegionSelected
from wargame.tui.meters import Meters
from wargame.tui.region import RegionPanel
from wargame.tui.session import FACILITATOR, HUMAN, Game


class GameScreen(FacilitatorControls, Screen[None]):
    """One screen for a whole game. Only it changes the game: panels get data and post messages."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="game.help"),
        Binding("s", "save", "Save", id="game.save"),
        Binding("u", "undo", "Undo", id="game.undo"),
        Binding("space", "skip", "Skip wait", id="game.skip"),
        Binding("r", "results", "Results", id="game.results"),
        Binding("q", "quit_game", "Quit", id="game.quit"),
        Binding("f", "facilitator", "Facilitator", id="game.facilitator"),
        Binding("p", "pause", "Pause", id="game.pause"),
        Binding("escape", "close_panel", "Close the panel", show=False),
        *(Binding(str(n), f"choose({n - 1})", show=False) for n in range(1, 10)),
    ]

    AUTO_FOCUS = "#actions-list"

    game: reactive[Game | None] = reactive(None, always_update=True, init=False)
    """The game: its state and decision log. Replaced whole after each decision, never edited."""

    def __init__(
        self, game: Game, saves_dir: Path, bot_delay: float = 0.7, facilitator: bool = False
    ) -> None:
        super().__init__()
        self.facilitator = facilitator  # the facilitator's panel (f) and pause (p) are available
        self._initial = game
        self.saves_dir = Path(saves_dir)
        self.bot_delay = bot_delay
        self._at_keyboard: str | None = None  # the human team that last passed the hand-over screen
        self._end_shown: E.GameState | None = None
        self._autosave_failed = False
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self._keys: tuple = ()

    @property
    def scenario(self):
        return self._initial.scenario

    def compose(self) -> ComposeResult:
        s = self.scenario
        yield GameHeader(id="header")
        yield from self.facilitator_banner()
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
            yield from self.facilitator_panel()  # over the right column, on its own layer
        yield BotPlayer(self.bot_delay)
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
        self.query_one(Meters).groups = tuple(view.meter_groups(s, state, scores=True))
        self.show_decision(new)
        self.show_log(old, new)
        if old is not None and (old.state.turn != state.turn or state.over != old.state.over):
            self.autosave()
        keys = self.binding_state()
        if keys != self._keys:  # the footer recomposes on each refresh: only when keys change
            self._keys = keys
            self.refresh_bindings()
        self.query_one(BotPlayer).game = None if self.paused else new
        self.publish_to_panel()
        self.call_after_refresh(self.next_step)

    def show_decision(self, game: Game) -> None:
        s, state, p = game.scenario, game.state, game.state.pending
        human = p is not None and game.seats.get(p.faction, HUMAN) == HUMAN
        card = self.query_one(EventCard)
        card.set_reactive(EventCard.human, human)
        card.cards = choices.cards_this_turn(s, state, list(game.events))
        actions = self.query_one(ActionsPanel)
        decision = self.query_one("#decision")
        decision.border_title = "Decision"
        choosing = human and p.kind == "choice"
        decision.set_class(choosing, "-choosing")  # the card takes the whole panel
        if choosing:
            decision.border_title = Text(f"{s.faction(p.faction).short}: answer the event")
        if state.over:
            actions.note, actions.rows = "The game is over. Press r for the results.", ()
        elif p is None:
            actions.note, actions.rows = "", ()
        elif not human:
            who = f"{s.faction(p.faction).short} ({game.seats[p.faction]} bot)"
            waits = "is deciding… (space: skip the wait)"
            if self.paused:
                waits = "waits: the game is paused"
            actions.note, actions.rows = f"{who} {waits}", ()
        elif p.kind == "choice":
            actions.note, actions.rows = "Answer the event card first.", ()
        else:
            f = s.faction(p.faction)
            decision.border_title = Text(f"{f.short}: choose an action")
            actions.note, actions.rows = "", choices.action_rows(s, state, p.faction)
        events = list(game.events)
        mine = human and p is not None and p.kind == "action" and not state.over
        actions.since = choices.moves_since(s, events, p.faction) if mine else ()
        actions.last = choices.last_result(s, state, events, own_only=mine)

    def show_log(self, old: Game | None, new: Game) -> None:
        log = self.query_one(GameLog)
        if (
            old is not None
            and len(new.by_step) == len(old.by_step) + 1
            and new.by_step[-2] is old.by_step[-1]
        ):
            log.add(flow.log_lines(new.scenario, list(new.by_step[-1]), new.entries[-1]))
            return
        log.replace(flow.game_log(new))  # the facilitator's acts and rewinds marked [F]

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

            self.hand_over_panel()
            self.app.push_screen(HandOver(team, why), lambda _: self.handed_over(p.faction))
            return
        self.focus_decision()

    def handed_over(self, faction: str) -> None:
        self._at_keyboard = faction
        self.publish_to_panel()
        self.focus_decision()

    def focus_decision(self) -> None:
        """Put the keyboard on the decision; a player reading the board or the log stays there."""
        p = self.game.state.pending
        if self.panel_has_focus():
            return  # the facilitator is at work in the panel: leave the keyboard there
        if p is not None and p.kind == "choice":
            self.call_after_refresh(self.query_one(EventCard).focus_choice)
        elif not isinstance(self.focused, (Board, GameLog)):
            self.query_one(ActionsPanel).focus_list()

    # --- decisions ------------------------------------------------------------
    def decide(self, decision: E.Decision, by: str = HUMAN, why: str = "") -> bool:
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
        self.game = game
        return True

    def on_decide(self, message: Decide) -> None:
        """Apply a team's (or a bot's) decision if it is that seat's turn and still current."""
        message.stop()
        p = self.game.state.pending
        if message.asked is not None and message.asked is not self.game.state:
            return  # made for a state the game has left (undo, load): nothing to do
        if message.by == FACILITATOR:  # the facilitator may act at any moment; the engine checks
            if self.decide(message.decision, message.by, message.why):
                self.autosave()  # the audit trail reaches the disk at once
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
        self.query_one(RegionPanel).lines = tuple(
            view.region_lines(self.scenario, self.game.state.values, message.region)
        )

    # --- keys -----------------------------------------------------------------
    def binding_state(self) -> tuple:
        return tuple(self.check_action(a, ()) for a in ("skip", "results", "undo"))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        game = self.game
        if game is None:
            return True
        if action not in PANEL_KEYS and self.panel_has_focus():
            return False  # a key pressed in the facilitator's panel never plays for a team
        p = game.state.pending
        if action == "skip":
            return p is not None and game.seats.get(p.faction, HUMAN) != HUMAN and not self.paused
        if action == "results":
            return game.state.over
        if action == "undo":
            return any(e.get("by", HUMAN) == HUMAN for e in game.entries)
        if action in ("facilitator", "pause"):
            return self.facilitator
        if action == "close_panel":
            return self.panel() is not None and self.panel().display
        return True

    def action_choose(self, option: int) -> None:
        p = self.game.state.pending
        if p is not None and p.kind == "choice" and self.game.seats.get(p.faction, HUMAN) == HUMAN:
            self.decide(E.Choose(option))

    def action_skip(self) -> None:
        self.query_one(BotPlayer).hurry()

    def action_help(self) -> None:
        from wargame.tui.help import HelpScreen

        self.app.push_screen(HelpScreen(self.scenario, self.game.seats))

    def action_results(self) -> None:
        if self.game.state.over:
            self.show_end()

    def show_end(self) -> None:
        from wargame.tui.end import EndScreen  # screens shown on demand are imported on demand

        self._end_shown = self.game.state
        self.app.push_screen(
            EndScreen(self.scenario, self.game.state, self.game.events, self.write_debrief),
            self.after_end,
        )

    def after_end(self, where: str | None) -> None:
        if where == "new":
            self.app.show_start()
        elif where == "quit":
            self.app.exit()

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
        from wargame.tui.save_dialog import SaveDialog

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
        """Write the autosave on one background thread: in order, and no keypress waits on disk."""
        self._writer.submit(session.autosave, self.game, self.saves_dir).add_done_callback(
            self.saved
        )

    def saved(self, future: Future) -> None:
        exc = future.exception()
        if exc is not None and not self._autosave_failed:  # runs on the writer thread
            self._autosave_failed = True
            self.app.call_from_thread(
                self.notify,
                f"Autosave failed ({exc}); save with s to keep this game.",
                severity="warning",
            )

    def on_unmount(self) -> None:
        self._writer.shutdown(wait=True)

    def action_quit_game(self) -> None:
        from wargame.tui.confirm import Confirm

        def answered(yes: bool | None) -> None:
            if yes:
                self.autosave()
                self._writer.shutdown(wait=True)
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
