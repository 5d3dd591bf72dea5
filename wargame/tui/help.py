"""Provides the help screen: the scenario's rules from its data, how to read the screen, keys."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from wargame.describe import describe
from wargame.scenario import Scenario

READING = """\
How to read the screen
  Board     each region in the colour of the faction that holds it (underlined: nobody);
            markers show what is in it (see the legend). Arrows or the mouse select a region;
            the panel under the board says who holds it, what is in it and what it borders.
  Meters    each faction's meters as bars; ▲/▼ is the change since this turn began.
            Tracks are shared numbers; the small graph is their history, one bar per turn.
  Event     the card drawn this turn. When it asks your team to choose, each option shows
            what it would change before you pick it.
  Actions   what your team can do now: cost, then the odds of success. Greyed-out rows say
            what is missing. Actions marked → need a target: you will see the odds per target.
            'e' spells out how the odds are computed. Pass ends your actions for the turn.
  Log       everything that happened, in order, with each die roll and each bot's reason.
  Undo (u) takes back your last decision, but the dice do not change: the same decision
            gives the same roll."""

KEYS = """\
Keys
  ↑ ↓ Enter   choose an action or an option     1-9   pick a card option
  Tab         move between board, actions, log  ← → ↑ ↓ on the board: select a region
  e           explain the odds                  Space  skip the wait while bots play
  s           save (autosaved every turn)       u      undo your last decision
  ?           this help                         q      quit (asks first)
  Ctrl+P      commands, such as a light or dark theme"""


class HelpScreen(ModalScreen[None]):
    """Everything a new player needs, generated from the scenario itself, never by hand."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close", show=False),
        Binding("q", "close", "Close", show=False),
    ]

    def __init__(self, scenario: Scenario, seats: dict[str, str] | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.seats = seats or {}

    def compose(self) -> ComposeResult:
        s = self.scenario
        seats = ", ".join(
            f"{s.faction(f).short}: {'you' if who == 'human' else who + ' bot'}"
            for f, who in self.seats.items()
            if f in s.faction_index
        )
        with VerticalScroll(id="help"):
            yield Static(Text(describe(s)))
            if seats:
                yield Static(Text("\nSeats: " + seats))
            if s.objectives:
                lines = "\n".join(f"  {k}: {v}" for k, v in s.objectives.items())
                yield Static(Text("\nLearning objectives\n" + lines))
            yield Static(Text("\n" + READING))
            yield Static(Text("\n" + KEYS))
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Help"
        self.query_one("#help").focus()

    def action_close(self) -> None:
        self.dismiss(None)
