"""Provides the region panel (the selected region's controller, attributes, neighbours) and the board column."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widget import Widget

from wargame.tui import view
from wargame.tui.board import Board
from wargame.tui.coach import Coached
from wargame.tui.messages import RegionSelected
from wargame.tui.view import wrapped_height


class RegionPanel(Widget):
    """Shows the lines the screen computed for the region selected on the board."""

    lines: reactive[tuple[str, ...]] = reactive(())
    """Plain lines: 'Sirte centre: held by ISIS', its attributes, 'Next to: ...'."""

    def watch_lines(self, old: tuple[str, ...], new: tuple[str, ...]) -> None:
        width = self.size.width
        self.refresh(layout=wrapped_height(list(old), width) != wrapped_height(list(new), width))

    def render(self) -> Text:
        if not self.lines:
            return Text("Select a region on the board (arrows or mouse)", style="dim")
        first, *rest = self.lines
        return Text("\n").join([Text(first, style="bold"), *(Text(line) for line in rest)])


class BoardColumn(Vertical):
    """The board with its legend and region panel: a region picked on the board is described below it."""

    def on_region_selected(self, message: RegionSelected) -> None:
        message.stop()
        self.post_message(Coached("region"))
        board = self.query_one(Board)
        self.query_one(RegionPanel).lines = tuple(
            view.region_lines(board.scenario, board.values, message.region, board.hidden)
        )
