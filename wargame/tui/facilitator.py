"""Provides the facilitator panel: inject, correct, rule, rewind, bookmark, pause and debrief."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button, Input, Static, TabbedContent, TabPane, Tabs

from wargame import engine as E
from wargame.tui.facilitator_forms import CorrectForm, Form, InjectForm, RewindForm, RuleForm
from wargame.tui.session import Game

TABS = (
    ("inject", "Inject", InjectForm),
    ("correct", "Correct", CorrectForm),
    ("rule", "Rule", RuleForm),
    ("rewind", "Rewind", RewindForm),
)


class SessionForm(Form):
    """Bookmark a moment, pause or resume, write the debrief."""

    class Pause(Message):
        """Pause the game (bots stop, teams wait) or resume it."""

    class Debrief(Message):
        """Write the debrief of the game as it stands."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="A note for the debrief", id="bookmark-note", compact=True)
        yield Button("Bookmark this moment", id="bookmark-go", variant="primary", compact=True)
        yield Static("", classes="form-result")
        yield Button("Pause the game (p)", id="pause-go", compact=True)
        yield Button("Write the debrief (HTML)", id="debrief-go", compact=True)
        yield Static("", id="debrief-where", classes="form-note")
        yield Static(
            Text(
                "f or Esc: close this panel. Every act here is a decision in the save, "
                "marked [F] in the log and FACILITATOR in the debrief.",
                style="dim",
            ),
            classes="form-note",
        )

    def paused(self, on: bool) -> None:
        self.query_one("#pause-go", Button).label = (
            "Resume the game (p)" if on else "Pause the game (p)"
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "bookmark-go":
            self.bookmark()
        elif event.button.id == "pause-go":
            self.post_message(self.Pause())
        elif event.button.id == "debrief-go":
            self.post_message(self.Debrief())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.bookmark()

    def bookmark(self) -> None:
        note = self.need("#bookmark-note", "a note")
        if note is not None and self.send(E.Bookmark(note), f"Bookmarked: {note}"):
            self.query_one("#bookmark-note", Input).value = ""

    def wrote(self, where: str) -> None:
        self.query_one("#debrief-where", Static).update(Text(where))


class FacilitatorPanel(Vertical):
    """The facilitator's hand on the game, over the right of the game screen (at the projector).

    It shows nothing a team would not see on the game screen: the Rule tab
    lists the acting team's actions only once that team has the keyboard.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close the panel"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.game: Game | None = None
        self.at_keyboard: str | None = None

    def compose(self) -> ComposeResult:
        with TabbedContent(id="facilitator-tabs"):
            for tid, title, form in TABS:
                with TabPane(title, id=f"tab-{tid}"):
                    yield form(id=f"form-{tid}")
            with TabPane("Session", id="tab-session"):
                yield SessionForm(id="form-session")

    def on_mount(self) -> None:
        self.border_title = "Facilitator"

    def show(self, game: Game, at_keyboard: str | None) -> None:
        """The game changed (or the panel opened): refresh the forms, if the panel is shown."""
        self.game, self.at_keyboard = game, at_keyboard
        if self.display:
            for form in self.query(Form):
                form.show(game, at_keyboard)

    def open(self, tab: str | None = None) -> None:
        self.display = True
        if self.game is not None:
            self.show(self.game, self.at_keyboard)
        tabs = self.query_one(TabbedContent)
        if tab is not None:
            tabs.active = f"tab-{tab}"
        self.call_after_refresh(self.focus_tabs if tab is None else self.focus_form)

    def focus_tabs(self) -> None:
        """The tab bar first: ←/→ pick a tab, Tab goes into its form."""
        self.query_one(Tabs).focus()

    def focus_form(self) -> None:
        tabs = self.query_one(TabbedContent)
        pane = tabs.query_one(f"#{tabs.active}", TabPane)
        for widget in pane.query("Select, Input, OptionList, Counter, Button"):
            if widget.display and widget.focusable:
                widget.focus()
                return

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        event.stop()

    def action_close(self) -> None:
        self.display = False
        self.screen.focus_decision()

    def paused(self, on: bool) -> None:
        self.query_one(SessionForm).paused(on)
