"""Provides the seat picker: one line per faction, cycling between a human and the bot levels."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from wargame.scenario.model import Faction
from wargame.tui.session import BOT_LEVELS, HUMAN, SEAT_CHOICES
from wargame.tui.view import ink_for

LABELS = {
    HUMAN: "human",
    "easy": "easy bot",
    "normal": "normal bot",
    "hard": "hard bot",
    "random": "random bot",
}


class SeatPicker(Widget, can_focus=True):
    """Who plays one faction. Factions that are not playable cycle through bot levels only."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "cycle(-1)", "Change seat", show=False),
        Binding("right", "cycle(1)", "Change seat"),
        Binding("space", "cycle(1)", "Change seat", show=False),
    ]

    who: reactive[str] = reactive(HUMAN)
    """'human' or a bot level."""

    class Changed(Message):
        def __init__(self, faction: str, who: str) -> None:
            super().__init__()
            self.faction, self.who = faction, who

    def __init__(self, faction: Faction, who: str) -> None:
        super().__init__(classes="seat")
        self.faction = faction
        self.choices = SEAT_CHOICES if faction.playable else BOT_LEVELS
        self.who = who if who in self.choices else self.choices[-2]

    def render(self) -> Text:
        f = self.faction
        note = "" if f.playable else "  (bot only)"
        return Text.assemble(
            (f" {f.short} ", Style(bold=True, color=ink_for(f.color), bgcolor=f.color)),
            " " * max(1, 9 - len(f.short)),
            "\u2039 ",
            (f"{LABELS.get(self.who, self.who):^10}", "bold"),
            " \u203a",
            (note, "dim"),
        )

    def action_cycle(self, step: int) -> None:
        i = self.choices.index(self.who) if self.who in self.choices else 0
        self.who = self.choices[(i + step) % len(self.choices)]
        self.post_message(self.Changed(self.faction.id, self.who))

    def on_click(self, event: events.Click) -> None:
        self.action_cycle(1)
