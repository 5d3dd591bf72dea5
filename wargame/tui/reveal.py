"""Provides the step-by-step reveal of a simultaneous turn: every faction's orders, then each one's results."""

from __future__ import annotations

from typing import ClassVar

import attrs
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from wargame.engine import events as ev
from wargame.engine import exevents as xe
from wargame.engine.state import GameState
from wargame.scenario import Scenario
from wargame.text import plain
from wargame.tui import choices, view
from wargame.tui.log import STYLES

ACTING = (ev.ActionTaken, ev.Passed, xe.Skipped)  # the events that open a faction's part of the resolution


@attrs.frozen
class Step:
    """One page of the reveal: a title and its log lines (text, kind)."""

    title: str
    lines: tuple[tuple[str, str], ...]


def steps(scenario: Scenario, state: GameState, viewer: str, events) -> list[Step]:
    """The resolution cut into pages: the orders all together, each faction's results in `order`,
    then what followed (upkeep, the next turn). Only what `viewer` may see is in them."""
    seen = view.visible_events(scenario, state, viewer, events)
    start = next((k for k, e in enumerate(seen) if isinstance(e, xe.OrdersRevealed)), None)
    if start is None:
        return []
    orders = [e for e in seen if isinstance(e, xe.OrdersRevealed)]
    out = [Step("Orders revealed", tuple(choices.log_lines(scenario, orders)))]
    current: str | None = None
    part: list = []
    rest = [e for e in seen[start:] if not isinstance(e, xe.OrdersRevealed)]

    def flush(title: str) -> None:
        if part:
            out.append(Step(title, tuple(choices.log_lines(scenario, part))))
            part.clear()

    for e in rest:
        if isinstance(e, ACTING) and e.faction != current:
            flush(scenario.faction(current).short if current else "Resolution")
            current = e.faction
        elif isinstance(e, (ev.TurnBegan, ev.PhaseBegan, ev.GameOver)) and current is not None:
            flush(scenario.faction(current).short)
            current = None
        part.append(e)
    flush(scenario.faction(current).short if current else "Then")
    return out


class RevealScreen(Screen[None]):
    """The room watches the turn resolve one faction at a time; Enter shows the next, Esc all the rest.

    A whole screen, not a dialog: the log and meters behind it already hold
    the end of the turn, which would give the story away.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "next", "Next", priority=True),
        Binding("escape", "skip", "Show all"),
    ]

    def __init__(self, pages: list[Step]) -> None:
        super().__init__()
        self.pages = pages
        self.at = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="reveal"):
            yield Static("", id="reveal-title")
            with VerticalScroll(id="reveal-body"):
                yield Static("", id="reveal-lines")
            yield Static("", id="reveal-hint", classes="form-note")
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    def show(self, upto: int | None = None) -> None:
        """Pages 0..`at` one under the other, so the room keeps what it has already seen."""
        last = self.at if upto is None else upto
        body = Text()
        for page in self.pages[: last + 1]:
            body.append(plain(page.title) + "\n", style="bold reverse")
            for text, kind in page.lines:
                body.append(plain(text) + "\n", style=STYLES.get(kind, ""))
        self.query_one("#reveal-lines", Static).update(body)
        self.query_one("#reveal-title", Static).update(
            Text(f"The turn resolves: {last + 1} of {len(self.pages)}", style="bold")
        )
        more = last + 1 < len(self.pages)
        hint = "Enter: next · Esc: show all" if more else "Enter: back to the game"
        self.query_one("#reveal-hint", Static).update(Text(hint, style="dim"))
        self.query_one("#reveal-body", VerticalScroll).scroll_end(animate=False)

    def action_next(self) -> None:
        if self.at + 1 >= len(self.pages):
            self.dismiss(None)
            return
        self.at += 1
        self.show()

    def action_skip(self) -> None:
        if self.at + 1 >= len(self.pages):
            self.dismiss(None)
            return
        self.at = len(self.pages) - 1
        self.show()
