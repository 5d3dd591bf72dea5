"""Provides the facilitator panel: inject, correct, rule, rewind, bookmark, pause and debrief."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Input, Static, TabbedContent, TabPane, Tabs

from wargame import engine as E
from wargame import saves
from wargame.tui import facilitator_flow as flow
from wargame.tui.facilitator_forms import CorrectForm, Form, InjectForm, RewindForm, RuleForm
from wargame.tui.host import host
from wargame.tui.session import Game
from wargame.words import plural

TABS: tuple[tuple[str, str, type[Form]], ...] = (
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
        self.query_one("#pause-go", Button).label = "Resume the game (p)" if on else "Pause the game (p)"

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
    Engine decisions leave it as `Decide(..., by="facilitator")`; the pause and
    a rewind (which are not engine decisions) leave it as the messages below.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close the panel"),
        *(Binding(f"f{n}", f"tab({n - 1})", f"Tab {n}", show=False) for n in range(1, 10)),
    ]

    paused: reactive[bool] = reactive(False, init=False)
    """Bots stop and teams' decisions are refused; the panel, the screen and the save follow it."""

    class Paused(Message):
        """The pause changed: the screen holds or frees the bots and shows the banner."""

        def __init__(self, on: bool) -> None:
            super().__init__()
            self.on = on

    class Rewound(Message):
        """Play goes back: `game` replaces `asked` (if the game is still `asked`)."""

        def __init__(self, game: Game, asked: Game, set_aside: int) -> None:
            super().__init__()
            self.game, self.asked, self.set_aside = game, asked, set_aside

    def __init__(
        self,
        debrief: Callable[[Game], Path | None] | None = None,
        *,
        extra: Sequence[tuple[str, str, type[Form]]] = (),
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.game: Game | None = None
        self.at_keyboard: str | None = None
        self.debrief = debrief  # writes the debrief and returns where (None: it failed and said why)
        self.panes: list[tuple[str, str, type[Form]]] = [*TABS, ("session", "Session", SessionForm), *extra]

    def compose(self) -> ComposeResult:
        with TabbedContent(id="facilitator-tabs"):
            for n, (tid, title, form) in enumerate(self.panes, 1):
                with TabPane(f"{title} F{n}", id=f"tab-{tid}"):  # one key per tab, from anywhere in it
                    yield form(id=f"form-{tid}")

    def action_tab(self, n: int) -> None:
        """F1, F2...: straight to that tab's form, however deep the keyboard is in another."""
        panes = list(self.query(TabPane))
        if 0 <= n < len(panes):
            pane_id = panes[n].id
            self.open(pane_id.removeprefix("tab-") if pane_id else None)

    def on_mount(self) -> None:
        self.border_title = f"Facilitator (F1-F{len(self.panes)}: tabs, Esc: close)"

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

    def toggle(self, at_keyboard: str | None) -> None:
        """f: open the panel; in it, close it; open but elsewhere, go back to its tabs."""
        if self.display and self.has_keyboard():
            self.action_close()
        elif self.display:
            self.focus_tabs()
        else:
            self.at_keyboard = at_keyboard
            self.open()

    def has_keyboard(self) -> bool:
        """The panel is shown and the focus is in it (then no key plays for a team)."""
        focused = self.screen.focused
        return self.display and focused is not None and self in focused.ancestors_with_self

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
        host(self.screen).focus_decision()

    def hide(self) -> None:
        """The keyboard goes to a team: the panel closes so that team sees its own screen."""
        self.display = False

    # --- the pause, the rewind and the debrief ----------------------------------------
    def watch_paused(self, on: bool) -> None:
        self.set_class(on, "-paused")
        self.query_one(SessionForm).paused(on)
        self.post_message(self.Paused(on))

    def on_session_form_pause(self, message: SessionForm.Pause) -> None:
        message.stop()
        self.paused = not self.paused

    def on_rewind_form_rewind(self, message) -> None:
        message.stop()
        from wargame.tui.confirm import Confirm

        to, note, asked = message.to, message.note, self.game
        if asked is None:
            return
        n = len(asked.entries) - to

        def answered(yes: bool | None) -> None:
            if not yes or self.game is not asked:
                return
            try:
                game = flow.rewind(asked, to, note)
            except saves.SaveError as exc:
                self.notify(str(exc), title="Not rewound", severity="error")
                return
            self.post_message(self.Rewound(game, asked, n))

        self.app.push_screen(
            Confirm(
                f"Rewind, setting aside the last {plural(n, 'decision')}?",
                "They stay in the save as a branch (the debrief lists it); play goes on from the moment you picked.",
                yes="Rewind",
                no="Cancel",
            ),
            answered,
        )

    def on_session_form_debrief(self, message: SessionForm.Debrief) -> None:
        message.stop()
        path = self.debrief(self.game) if self.debrief and self.game else None
        if path is not None:
            self.query_one(SessionForm).wrote(f"Written to {path}")
