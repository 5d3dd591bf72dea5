"""Provides the end screen: winner, scores and margins, meter histories as charts, cards drawn."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, Literal

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Sparkline, Static

from wargame.engine import events as ev
from wargame.engine.state import GameState
from wargame.scenario import Scenario
from wargame.tui import view
from wargame.words import plural


class EndScreen(Screen[str]):
    """The debrief in brief. Dismisses with 'board', 'new' or 'quit' for the game screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "leave('board')", "Back to the board", id="end.board"),
        Binding("escape", "leave('board')", "Back", show=False),
        Binding("d", "debrief", "Write the debrief", id="end.debrief"),
        Binding("n", "leave('new')", "New game", id="end.new"),
        Binding("q", "leave('quit')", "Quit", id="end.quit"),
    ]

    def __init__(
        self,
        scenario: Scenario,
        state: GameState,
        events: tuple,
        debrief: Callable[[], Path | None] | None = None,
    ) -> None:
        super().__init__()
        self.scenario = scenario
        self.state = state
        self.events = events
        self.debrief = debrief  # writes the debrief report and returns where (None: it failed)

    def compose(self) -> ComposeResult:
        s = self.scenario
        with VerticalScroll(id="end"):
            yield Static(self.headline(), id="end-title")
            yield Static(self.debrief_hint(None), id="end-debrief")
            yield Static(self.score_table(), id="end-scores")
            yield Static(Text("How the meters moved (one bar per turn)", style="bold"), classes="end-heading")
            for group in view.meter_groups(s, self.state):
                for row in group.rows:
                    with Horizontal(classes="end-meter"):
                        label = f"{group.title} {row.label}" if group.color else row.label
                        first, last = (
                            view.money(row.series[0], row.unit),
                            view.money(row.value, row.unit),
                        )
                        span = f"{first} → {last}"
                        yield Static(Text(label, no_wrap=True, overflow="ellipsis"), classes="end-label")
                        yield Sparkline([float(x) for x in row.series], classes="end-spark")
                        yield Static(Text(span, no_wrap=True), classes="end-span")
            yield Static(
                Text("The cards drawn, and what really happened", style="bold"),
                classes="end-heading",
            )
            yield Static(self.cards(), id="end-cards")
        yield Footer()

    def headline(self) -> Text:
        s, o = self.scenario, self.state.outcome
        if o is None:
            return Text("The game is not over")
        when = f"in {s.calendar.label(o.turn)} (turn {o.turn})"
        if o.winner is None:
            names = " and ".join(s.faction(f).name for f in o.tied)
            return Text.assemble((f"A draw between {names}", "bold"), f", {when}.")
        name = s.faction(o.winner).name
        if o.reason == "threshold":
            past = f", passing it by {plural(o.margin, 'point')}" if o.margin else " exactly"
            how = f"reached its victory threshold of {s.faction(o.winner).threshold} {when}{past}."
        else:
            how = f"has the highest score after the last turn, {plural(o.margin, 'point')} ahead."
        return Text.assemble((f"{name} wins", "bold"), ": it ", how)

    def score_table(self) -> Table:
        s, o = self.scenario, self.state.outcome
        table = Table(box=None, padding=(0, 2), show_edge=False)
        columns: tuple[tuple[str, Literal["left", "right"]], ...] = (
            ("Faction", "left"),
            ("Score", "right"),
            ("Behind the winner", "right"),
            ("Wins at once at", "right"),
        )
        for col, just in columns:
            table.add_column(col, justify=just, no_wrap=True)
        best = max((x for _, x in o.scores), default=0) if o else 0
        for fid, score in o.scores if o else ():
            f = s.faction(fid)
            name = Text(f" {f.short} ", style=Style(bold=True, color=view.ink_for(f.color), bgcolor=f.color))
            table.add_row(
                name,
                str(score),
                "-" if score == best else str(best - score),
                str(f.threshold) if f.threshold is not None else "-",
            )
        return table

    def cards(self) -> Text:
        s = self.scenario
        drawn = [e for e in self.events if isinstance(e, ev.CardDrawn)]
        if not drawn:
            return Text("No card was drawn.", style="dim")
        lines = []
        for e in drawn:
            card = s.card(e.card)
            lines.append(Text.assemble((f"{s.calendar.label(e.turn)}  ", "dim"), (card.title, "bold")))
            if card.history:
                lines.append(Text("    " + card.history, style="italic"))
        return Text("\n").join(lines)

    def debrief_hint(self, path: Path | None) -> Text:
        if path is not None:
            return Text.assemble("Debrief written to ", (str(path), "bold"), " (open it in a browser)")
        if self.debrief is None:
            return Text("")
        return Text("d: write the full debrief (HTML) for the hot-wash", style="dim")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return self.debrief is not None if action == "debrief" else True

    def action_debrief(self) -> None:
        if self.debrief is None:
            return
        path = self.debrief()
        if path is not None:
            self.query_one("#end-debrief", Static).update(self.debrief_hint(path))

    def on_mount(self) -> None:
        self.query_one("#end").focus()

    def action_leave(self, where: str) -> None:
        self.dismiss(where)
