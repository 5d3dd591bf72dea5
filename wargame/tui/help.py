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
  Board    Each region is drawn in the colour of the faction holding it
           (underlined: nobody holds it); markers say what is in it, as
           the legend explains. Arrows (after Tab) or the mouse select a
           region; the panel below says who holds it and what it borders.
  Meters   Each faction's victory score (and the score that wins at
           once), then its meters as bars; ▲/▼ is the change since this
           turn began. Tracks are shared numbers; their small graph is
           their history, one bar per turn.
  Event    The card drawn this turn. When it asks your team to choose,
           each option shows what it would change before you pick it.
  Actions  What your team can do now: cost, then the odds of success.
           Greyed-out rows say what is missing. Rows marked → need a
           target: you will see the odds on each target. 'e' shows how
           the odds are computed. Pass ends your actions for the turn.
  Log      Everything that happened, in order: every die roll, and the
           reason of every bot decision.
  Undo     'u' takes back your last decision; the dice do not change, so
           the same decision gets the same roll."""

KEYS = """\
Keys
  ↑ ↓ Enter  choose an action or an option    1-9    pick a card option
  Tab        move between the panels          Space  hurry the bots
  e          explain the odds                 s      save (autosaved too)
  u          undo your last decision          ?      this help
  q          quit (asks first)                Ctrl+P light or dark theme"""


def rules(s: Scenario) -> str:
    """The scoring and the actions, from the scenario's own expressions."""
    lines = ["Victory scores (the highest after the last turn wins)"]
    for f in s.factions:
        sudden = f"; wins at once on reaching {f.threshold}" if f.threshold is not None else ""
        lines.append(f"  {f.short}: {f.score.text}{sudden}")
    lines += ["", "Actions (cost; chance of success in percent)"]
    for fid in s.order:
        for a in s.actions_of(fid):
            cost = ", ".join(f"{n} {m}" for m, n in a.cost) or "free"
            chance = a.chance.text if a.chance is not None else "always works"
            target = " → a region" if a.targeted else ""
            lines.append(f"  {s.faction(fid).short} {a.name}{target}: {cost}; {chance}")
            if a.requires is not None:
                lines.append(f"      only when {a.requires.text}")
            if a.per_turn:
                lines.append(f"      at most {'once' if a.per_turn == 1 else f'{a.per_turn} times'} a turn")
    return "\n".join(lines)


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
            yield Static(Text("\n" + rules(s)))
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
