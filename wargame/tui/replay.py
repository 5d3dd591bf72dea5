"""Provides the replay viewer: a saved game stepped through at the projector, decision by decision."""

from __future__ import annotations

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
from wargame.engine.codec import from_dict
from wargame.saves import SavedGame
from wargame.scenario import Scenario
from wargame.text import plain
from wargame.tui import facilitator_flow as flow
from wargame.tui import view
from wargame.tui.board import Board, Legend
from wargame.tui.header import GameHeader
from wargame.tui.log import GameLog
from wargame.tui.meters import Meters
from wargame.tui.plain_app import PlainApp


@attrs.frozen
class Replay:
    """A saved game as the sequence of its states: `states[k]` is the game after k decisions."""

    scenario: Scenario
    saved: SavedGame
    states: tuple[E.GameState, ...]
    by_step: tuple[tuple, ...]  # the events of each decision (index 0: before the first one)

    @classmethod
    def of(cls, scenario: Scenario, saved: SavedGame) -> Replay:
        """Every intermediate state, computed once: stepping back and forth is then free.
        (saves.replay gives only the last state; the save was verified before it gets here.)"""
        state, first = E.begin(scenario, saved.seed, saved.seats)
        states, by_step = [state], [tuple(first)]
        for entry in saved.decisions:
            state, events = E.apply(scenario, state, from_dict(entry))
            states.append(state)
            by_step.append(tuple(events))
        return cls(scenario, saved, tuple(states), tuple(by_step))

    @property
    def last(self) -> int:
        return len(self.states) - 1

    def turn_start(self, step: int, direction: int) -> int:
        """The first decision of the next (direction 1) or this/previous (direction -1) turn."""
        turn = self.states[step].turn
        if direction > 0:
            return next((k for k in range(step + 1, self.last + 1) if self.states[k].turn > turn), self.last)
        first_of_turn = next(k for k in range(step + 1) if self.states[k].turn == turn)
        if first_of_turn < step:
            return first_of_turn
        earlier = self.states[step - 1].turn if step > 0 else turn
        return next((k for k in range(step + 1) if self.states[k].turn == earlier), 0)

    def what(self, step: int) -> str:
        """Who decided what at this step, in the log's words (the first line of its events)."""
        if step == 0:
            return "The start, before the first decision"
        entry = self.saved.decisions[step - 1]
        lines = flow.log_lines(self.scenario, list(self.by_step[step]), entry)
        said = next((text for text, kind in lines if kind in ("decision", "facilitator")), "")
        return " ".join(said.split()) or "a decision"

    def log(self, step: int) -> list[tuple[str, str]]:
        lines = flow.log_lines(self.scenario, list(self.by_step[0]))
        for k in range(1, step + 1):
            lines += flow.log_lines(self.scenario, list(self.by_step[k]), self.saved.decisions[k - 1])
        return lines


class ReplayScreen(Screen[None]):
    """The board, meters and log as they were after a chosen decision; nothing can be changed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "step(1)", "Next decision", id="replay.next", priority=True),
        Binding("left", "step(-1)", "Previous", id="replay.previous", priority=True),
        Binding("pagedown", "turn(1)", "Next turn", id="replay.next_turn", priority=True),
        Binding("pageup", "turn(-1)", "Turn back", id="replay.previous_turn", priority=True),
        Binding("home", "go(0)", "Start", show=False, id="replay.start", priority=True),
        Binding("end", "go(-1)", "End", show=False, id="replay.end", priority=True),
        Binding("q", "app.quit", "Quit", id="replay.quit"),
    ]

    step: reactive[int] = reactive(-1, init=False)
    """How many decisions of the save are shown as played."""

    def __init__(self, replay: Replay, start_at: int = 0) -> None:
        super().__init__()
        self.replay = replay
        self.start_at = start_at

    def compose(self) -> ComposeResult:
        s = self.replay.scenario
        yield GameHeader(id="header")
        yield Static("", id="replay-what")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                with ScrollableContainer(id="board-box", can_focus=False):
                    yield Board(s, id="board")
                yield Legend(s, id="legend")
                yield GameLog(id="log")
            with Vertical(id="right"), VerticalScroll(id="meters-box", can_focus=True):
                yield Meters(id="meters")
        yield Footer()

    def on_mount(self) -> None:
        for wid, title in (("#board-box", "Board"), ("#meters-box", "Meters"), ("#log", "Log")):
            self.query_one(wid).border_title = title
        self.step = max(0, min(self.replay.last, self.start_at))

    def watch_step(self, step: int) -> None:
        r, s = self.replay, self.replay.scenario
        state = r.states[step]
        header = self.query_one(GameHeader)
        header.title, header.seed = s.title, r.saved.seed
        seats = dict(r.saved.seats)  # from the save: shown as characters, like every save text
        header.status = plain(f"Replay: decision {step} of {r.last} · " + view.status_text(s, state, seats))
        self.query_one("#replay-what", Static).update(
            Text.assemble((f" {step}/{r.last} ", "reverse"), " ", plain(r.what(step)))
        )
        self.query_one(Board).values = state.values
        self.query_one(Meters).groups = tuple(view.meter_groups(s, state, scores=True))
        log = self.query_one(GameLog)
        log.replace(r.log(step))
        log.scroll_end(animate=False)

    def action_step(self, by: int) -> None:
        self.step = max(0, min(self.replay.last, self.step + by))

    def action_turn(self, direction: int) -> None:
        self.step = self.replay.turn_start(self.step, direction)

    def action_go(self, where: int) -> None:
        self.step = self.replay.last if where < 0 else where


class ReplayApp(PlainApp):
    """`wargame replay SAVE --tui`: the debrief's walk through a game, at the projector."""

    CSS_PATH = "wargame.tcss"
    TITLE = "wargame replay"

    def __init__(self, replay: Replay, start_at: int = 0) -> None:
        super().__init__()
        self.replay = replay
        self.start_at = start_at  # --to N opens the viewer at decision N

    def on_mount(self) -> None:
        self.push_screen(ReplayScreen(self.replay, self.start_at))
