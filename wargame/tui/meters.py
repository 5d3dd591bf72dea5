"""Provides the meters panel: faction meters as bars, tracks as sparklines, this turn's change."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from wargame.tui import view


class Meters(Widget):
    """Treasuries, legitimacy and every other meter: what a team watches between decisions."""

    groups: reactive[tuple[view.MeterGroup, ...]] = reactive(())
    """The screen's view of the meters (values, bounds, the history of each)."""

    def watch_groups(self, old: tuple, new: tuple) -> None:
        def shape(groups: tuple) -> list:
            return [(g.title, [r.label for r in g.rows]) for g in groups]

        self.refresh(layout=shape(old) != shape(new))  # a re-layout costs a full redraw

    def render(self) -> Text:
        rows = [(g, r) for g in self.groups for r in g.rows]
        if not self.groups:
            return Text("")
        full = max(self.size.width, 24)
        width = min(full, 72)  # enlarged (m): a readable column, not labels a screen away from values
        bar_w = 16 if width >= 64 else 8 if width >= 40 else 5
        values = {r.slot: r.shown or view.money(r.value, r.unit) for _, r in rows}
        deltas = {r.slot: view.delta_text(r.delta) for _, r in rows}
        value_w = max((len(v) for v in values.values()), default=1)
        delta_w = max(max((len(d) for d in deltas.values()), default=2), 2)
        label_w = max(6, width - bar_w - value_w - delta_w - 4)
        lines = []
        for g in self.groups:
            if g.color:  # a chip in the faction's colour reads on dark and light themes alike
                ink = view.ink_for(g.color)
                chip = Style(bold=True, color=ink, bgcolor=g.color)
                title = Text(f" {g.title} ", style=chip)
                if g.score:
                    gap = max(1, width - len(title) - len(g.score) - 1)
                    title.append(" " * gap)
                    title.append(g.score, style="bold")
                lines.append(title)
            else:
                lines.append(Text(g.title, style="bold"))
            for row in g.rows:
                label = row.label
                if len(label) > label_w:  # a long label gets its own line: a cut one is unreadable
                    lines.append(Text(" " + label))
                    label = ""
                if row.shown:  # a band or '?': no bar or trend that would draw the hidden value
                    graph = Text("·" * bar_w, style="dim")
                elif g.color is None:  # a track: its history matters more than its level
                    graph = Text(view.spark(row.series, row.lo, row.hi, bar_w).ljust(bar_w), style="cyan")
                else:
                    graph = Text(view.bar(row, bar_w), style=Style(color=g.color))
                delta = Text(
                    deltas[row.slot].ljust(delta_w),
                    style="green" if row.delta > 0 else "red" if row.delta < 0 else "",
                )
                lines.append(
                    Text.assemble(
                        " ",
                        label.ljust(label_w),
                        " ",
                        graph,
                        " ",
                        values[row.slot].rjust(value_w),
                        " ",
                        delta,
                    )
                )
        return Text("\n").join(lines)
