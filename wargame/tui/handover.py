"""Provides the hot-seat hand-over screen: it hides the board while the keyboard changes hands."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Static


class HandOver(Screen[None]):
    """Covers the game so one team cannot see another's options by accident."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "ready", "I am ready", priority=True)]

    def __init__(self, team: str, why: str, clock: str = "") -> None:
        super().__init__()
        self.team = team
        self.why = why
        self.clock = clock  # the orders timer, when the session has one: it runs on while teams swap

    def compose(self) -> ComposeResult:
        with Vertical(id="handover"):
            yield Static(
                Text(f"Pass to the {self.team} team, then press Enter", style="bold"),
                id="handover-title",
            )
            yield Static(Text(self.why), id="handover-why")
            if self.clock:
                yield Static(Text(self.clock, style="bold"), id="handover-clock")
            yield Static(Text("Other teams: please look away from the screen.", style="dim"))
            with Center():
                yield Button(
                    f"I am the {self.team} team: show our options",
                    id="handover-ready",
                    variant="primary",
                )
        yield Footer()

    def tick(self, clock: str) -> None:
        """The orders clock moved on."""
        for shown in self.query("#handover-clock").results(Static):
            shown.update(Text(clock, style="bold"))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_ready(self) -> None:
        self.dismiss(None)
