"""Provides the board: the scenario's map art with each region drawn in its controller's colour."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.reactive import reactive
from textual.widget import Widget

from wargame.scenario import Scenario
from wargame.tui import view
from wargame.tui.messages import RegionSelected

# how far a step sideways counts against a step ahead (cells are about twice as tall as wide)
SIDEWAYS, ROW = 3, 2


class Board(Widget, can_focus=True):
    """The map. It shows the values it is given and reports which region the player points at."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1, 0)", "Region", show=False),
        Binding("right", "move(1, 0)", "Region", show=False),
        Binding("up", "move(0, -1)", "Region", show=False),
        Binding("down", "move(0, 1)", "Region", show=False),
    ]

    values: reactive[tuple[int, ...]] = reactive(())
    """The game's values (from the screen's state): who holds what, and the attribute markers."""

    selected: reactive[str] = reactive("")
    """The region under the cursor (not a game fact: the region panel shows its details)."""

    def __init__(self, scenario: Scenario, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scenario = scenario
        self.selected = scenario.regions[0].id if scenario.regions else ""
        self._layout: view.BoardLayout | None = None
        self._layout_width = 0  # the width the layout was made for (art-less boards re-flow)
        self._cached: tuple | None = None
        self.marks: dict[int, str] = {}  # controller letters, when colour cannot tell who holds what
        self.hidden: frozenset[int] = frozenset()  # slots the team at the keyboard does not see: no marker

    def on_mount(self) -> None:
        if self.app.no_color:  # NO_COLOR: two factions' colours become near-identical greys
            self.marks = view.control_marks(self.scenario)

    def layout_now(self) -> view.BoardLayout:
        width = self.container_size.width or 60
        if self._layout is None or (not self._layout.from_art and self._layout_width != width):
            self._layout = view.layout(self.scenario, width)
            self._layout_width = width
        return self._layout

    def get_content_width(self, container, viewport) -> int:
        return max((line.cell_len for line in self._text().split()), default=1)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._text().split()) if self.values else 1

    def render(self) -> Text:
        return self._text()

    def _text(self) -> Text:
        """The board as rich text, cached: it is measured and drawn for each frame."""
        key = (self.values, self.selected, self.container_size.width, self.hidden)
        if self._cached is None or self._cached[0] != key:
            self._cached = (key, self._draw())
        return self._cached[1]

    def _draw(self) -> Text:
        if not self.values:
            return Text("")
        s, values = self.scenario, self.values
        board = self.layout_now()
        rows = [Text(line, style="dim") for line in board.lines]
        for chip in board.chips:
            look = view.region_look(s, values, chip.region, self.hidden)
            label = view.chip_text(look, chip.width, self.marks.get(look.index, ""))
            if look.color:
                style = Style(color=view.ink_for(look.color), bgcolor=look.color, bold=True)
            else:
                style = Style(underline=True, bold=True)
            if chip.region == self.selected:
                style += Style(reverse=True)
            row = rows[chip.y]
            if row.cell_len < chip.x + chip.width:
                row.pad_right(chip.x + chip.width - row.cell_len)
            plain = row.plain
            row.plain = plain[: chip.x] + label + plain[chip.x + chip.width :]
            row.stylize(style, chip.x, chip.x + chip.width)
        text = Text("\n").join(rows)
        text.no_wrap, text.overflow = True, "crop"
        return text

    def select(self, region: str) -> None:
        if region != self.selected:
            self.selected = region
            self.post_message(RegionSelected(region))
        chip = self._chip(region)
        if chip and isinstance(self.parent, Widget):
            self.parent.scroll_to_region(Region(chip.x, chip.y, chip.width, 1), animate=False)

    def _chip(self, region: str) -> view.Chip | None:
        return next((c for c in self.layout_now().chips if c.region == region), None)

    def action_move(self, dx: int, dy: int) -> None:
        """Select the nearest region in that direction, preferring those straight ahead."""
        here = self._chip(self.selected)
        chips = self.layout_now().chips
        if here is None:
            if chips:
                self.select(chips[0].region)
            return
        hx, hy = here.x + here.width / 2, here.y
        best, best_score = None, None
        for c in chips:
            cx, cy = c.x + c.width / 2, c.y
            ahead = (cx - hx) * dx + (cy - hy) * dy * ROW
            side = abs(cy - hy) * ROW if dx else abs(cx - hx)
            if c is here or ahead <= 0:
                continue
            score = ahead + SIDEWAYS * side
            if best_score is None or score < best_score:
                best, best_score = c, score
        if best is not None:
            self.select(best.region)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for c in self.layout_now().chips:
            if c.y == offset.y and c.x <= offset.x < c.x + c.width:
                self.select(c.region)
                return


class Legend(Widget):
    """Which colour (or letter) is whose and what each marker means, under the board at every size."""

    def __init__(self, scenario: Scenario, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scenario = scenario

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Text:
        return Text("\n").join(self._lines(self.size.width))

    def _lines(self, width: int) -> list[Text]:
        marks = view.control_marks(self.scenario) if self.app.no_color else {}
        items = [
            Text.assemble((f"{marks[i]}" if marks else " ", Style(bgcolor=f.color, bold=True)), f" {f.short}")
            for i, f in enumerate(self.scenario.factions)
        ]
        items.append(Text.assemble(("under", Style(underline=True)), "lined: nobody"))
        items += [Text(f"{a.marker} {a.label}") for a in self.scenario.attributes if a.marker]
        lines, line = [], Text()
        for item in items:
            if line.cell_len and line.cell_len + 2 + item.cell_len > max(width, 20):
                lines.append(line)
                line = Text()
            line = Text.assemble(line, "  " if line.cell_len else "", item)
        return [*lines, line] if line.cell_len else lines
