"""Provides the region panel: the selected region's controller, attributes and neighbours."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

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
