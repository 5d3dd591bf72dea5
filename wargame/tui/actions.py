"""Provides the actions panel: the deciding team's actions, their cost and odds, and why not."""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import _widget_navigation
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from wargame import engine as E
from wargame.text import markup
from wargame.tui.choices import ActionRow, odds_sentence
from wargame.tui.coach import Coached
from wargame.tui.messages import Decide, PickTarget
from wargame.tui.view import wrapped_height

PASS = "__pass__"


def prompt(row: ActionRow) -> Group | Table:
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(ratio=1, overflow="fold")  # a long name wraps: a cut name hides what it does
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(justify="right", width=7, no_wrap=True)
    name = row.name + (" →" if row.targeted else "")
    grid.add_row(markup(name), markup(row.cost), markup(row.odds))  # a Rich table: names escaped, never markup
    if not row.reason:
        return grid
    return Group(grid, Text("  " + row.reason, style="italic"))


class ActionList(OptionList):
    """The action rows. The cursor stops at either end instead of wrapping: ↑ at the top
    must not land on 'Pass' and end a team's turn on the next Enter."""

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_down(self) -> None:
        self._step(1)

    def _step(self, direction: Literal[-1, 1]) -> None:
        found = _widget_navigation.find_next_enabled_no_wrap(self.options, anchor=self.highlighted, direction=direction)
        if found is not None:
            self.highlighted = found


class ActionsPanel(Vertical):
    """What the team at the keyboard can do now. Every row shows cost and odds before the choice;
    the highlighted row explains itself in the preview under the board (`e` adds the odds' terms)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("e", "explain", "Explain odds", id="game.explain")]

    rows: reactive[tuple[ActionRow, ...]] = reactive(())
    """The screen's view of the deciding faction's actions."""

    note: reactive[str] = reactive("")
    """What to show instead of the list ('ISIS is deciding…'), '' when a human is to act."""

    since: reactive[tuple[str, ...]] = reactive(())
    """The other factions' moves since this team last decided, one line per faction."""

    last: reactive[tuple[str, bool] | None] = reactive(None)
    """This turn's latest rolled action and whether it worked, so a team sees its dice at once."""

    explain: reactive[bool] = reactive(False)
    """Whether the odds' terms are spelled out (a display preference, not a game fact)."""

    def compose(self) -> ComposeResult:
        yield Static("", id="actions-since")
        yield Static("", id="actions-last")
        yield Static("", id="actions-note")
        yield ActionList(id="actions-list")

    def watch_since(self, since: tuple[str, ...]) -> None:
        widget = self.query_one("#actions-since", Static)
        widget.display = bool(since)
        lines = [Text("Since your last move:", style="bold")]
        lines += [Text(line, style="dim") for line in since]
        widget.update(Text("\n").join(lines))  # one row per faction (the stylesheet stops wrapping)

    def watch_last(self, last: tuple[str, bool] | None) -> None:
        widget = self.query_one("#actions-last", Static)
        widget.display = last is not None
        if last is not None:
            widget.update(Text(last[0], style="bold green" if last[1] else "bold red"))

    def watch_note(self, note: str) -> None:
        self.query_one("#actions-note", Static).update(Text(note, style="italic"))
        self.set_class(bool(note), "-waiting")
        box = self.preview_box()
        if box is not None:
            box.display = not note

    def preview_box(self) -> Static | None:
        """The highlighted action's preview lives beside the list, under the board, where it has
        the width to be read whole; the screen provides it (a bare panel in a test may not)."""
        found = self.screen.query("#actions-detail")
        return found.first(Static) if found else None

    def watch_rows(self, old: tuple[ActionRow, ...], rows: tuple[ActionRow, ...]) -> None:
        options = self.query_one("#actions-list", OptionList)
        items = [Option(prompt(r), id=r.id, disabled=bool(r.reason)) for r in rows]
        if rows:
            items.append(Option(Text("Pass: end my turn"), id=PASS))

        def shape(opts) -> list:
            return [(o.id, o.disabled) for o in opts]

        same_shape = shape(options.options) == shape(items)
        if same_shape:  # same rows, new numbers: keep the cursor and skip a re-layout
            for i, item in enumerate(items):
                options.replace_option_prompt_at_index(i, item.prompt)
        else:
            keep = options.highlighted_option.id if options.highlighted_option else None
            at = options.highlighted or 0
            options.set_options(items)
            options.highlighted = stable_cursor(items, keep, at)
        self.show_detail()

    def watch_explain(self) -> None:
        self.show_detail()

    def current(self) -> ActionRow | None:
        option = self.query_one("#actions-list", OptionList).highlighted_option
        if option is None:
            return None
        return next((r for r in self.rows if r.id == option.id), None)

    def show_detail(self) -> None:
        option = self.query_one("#actions-list", OptionList).highlighted_option
        row = self.current()
        if row is None:
            text = "Enter: end your actions this turn." if option is not None and option.id == PASS else ""
            self.set_detail(Text(text, style="dim"))
            return
        parts = []  # what it does first: on a small screen the story is what gets cut
        if row.reason:
            parts.append(Text(f"Not now: {row.reason}", style="bold"))
        if row.targeted and not row.reason:
            parts.append(Text(target_hint(row)))
            if row.by_target and self.explain:  # the odds differ by target: say each one
                parts.append(Text("Odds by target: " + ", ".join(f"{name} {p}%" for name, p in row.by_target)))
            elif row.by_target:
                parts.append(Text("e: odds by target", style="dim"))
        else:
            rolled = row.percent is not None and bool(row.failure)
            if row.percent is not None and rolled and self.explain:  # asked for: first, so a small screen shows it
                parts.append(Text("Odds: " + odds_sentence(row.terms, row.percent)))
            when = f" (lands in {row.delay} turns)" if row.delay else ""
            verb = "If it works" if row.failure else "Effect"
            parts.append(Text(f"{verb}{when}: " + "; ".join(row.success)))
            if row.failure:
                parts.append(Text("If it fails: " + "; ".join(row.failure)))
            if rolled and not self.explain:
                parts.append(Text("e: explain the odds", style="dim"))
        if row.text:
            parts.append(Text(row.text, style="italic"))
        self.set_detail(Text("\n").join(parts))

    def set_detail(self, text: Text) -> None:
        detail = self.preview_box()
        if detail is None:
            return
        width = detail.size.width
        before = wrapped_height(str(detail.render()).split("\n"), width)
        detail.update(text, layout=before != wrapped_height(text.plain.split("\n"), width))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.show_detail()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.note:  # the list is hidden while others decide: a stray Enter does nothing
            return
        if event.option.id == PASS:
            self.post_message(Decide(E.Pass()))
            return
        row = next((r for r in self.rows if r.id == event.option.id), None)
        if row is None or row.reason:
            return
        self.post_message(PickTarget(row.id) if row.targeted else Decide(E.Act(row.id)))

    def action_explain(self) -> None:
        self.explain = not self.explain
        self.post_message(Coached("explain"))

    def focus_list(self) -> None:
        self.query_one("#actions-list", OptionList).focus()


def target_hint(row: ActionRow) -> str:
    """What choosing a targeted action leads to: one target or several, and the odds on them."""
    sure = row.odds == "sure"
    if row.targets == 1:
        return ("Always works" if sure else f"Odds {row.odds}") + " on the only possible target. Enter: see it."
    spread = "always works" if sure else f"odds {row.odds} depending on the target"
    return f"{row.targets} possible targets, {spread}. Enter: choose one."


def stable_cursor(items: list[Option], keep: str | None, at: int) -> int | None:
    """Where the cursor goes when the rows change: the same action if it can still be taken,
    else the nearest takeable row below where it was (then above), never 'Pass' if avoidable."""
    ids = [o.id for o in items]
    if keep in ids and not items[ids.index(keep)].disabled:
        return ids.index(keep)
    takeable = [i for i, o in enumerate(items) if not o.disabled and o.id != PASS]
    if not takeable:
        return len(items) - 1 if items else None
    below = [i for i in takeable if i >= at]
    return below[0] if below else takeable[-1]
