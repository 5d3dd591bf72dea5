"""Provides the target picker: the regions an action may target, each with its odds and outcomes."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from wargame.text import markup
from wargame.tui.choices import TargetRow, odds_sentence


def prompt(row: TargetRow) -> Table:
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    grid.add_column(justify="right", width=7, no_wrap=True)
    grid.add_row(markup(f"{row.name} ({row.controller})"), f"{row.percent}%" if row.rolled else "sure")
    return grid


class TargetPicker(ModalScreen[str | None]):
    """Choose where a targeted action lands. Returns the region id, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, rows: tuple[TargetRow, ...]) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(Text(f"{self.title_text}: choose a target", style="bold"), id="picker-title")
            yield OptionList(*(Option(prompt(r), id=r.region) for r in self.rows), id="picker-list")
            yield Static("", id="picker-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#picker").border_title = "Target"
        options = self.query_one(OptionList)
        if self.rows:
            options.highlighted = max(range(len(self.rows)), key=lambda i: self.rows[i].percent)
        options.focus()
        self.show_detail()

    def show_detail(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None or not self.rows:
            return
        row = self.rows[options.highlighted]
        parts = [Text("If it works: " + "; ".join(row.success))]
        if row.rolled:
            parts.append(Text("If it fails: " + "; ".join(row.failure)))
            parts.append(Text("Odds: " + odds_sentence(row.terms, row.percent), style="dim"))
        self.query_one("#picker-detail", Static).update(Text("\n").join(parts))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_detail()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
