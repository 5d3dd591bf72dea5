"""Provides the quit dialog: it says whether the game is saved, and offers a way out that loses nothing."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

QUIT, KEEP, SAVE = "quit", "keep", "save"


class QuitDialog(ModalScreen[tuple[str, str]]):
    """Dismisses with (QUIT, ""), (KEEP, "") or (SAVE, path typed).

    Saved (`problem` empty, `status` says where): Quit or Keep playing, y/n. Not saved:
    the problem in plain words, a path to save elsewhere, Quit without saving,
    Keep playing; no single letter throws the game away.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "keep", "Keep playing", show=False)]

    def __init__(self, status: str, problem: str = "", suggestion: str = "") -> None:
        super().__init__()
        self.status, self.problem, self.suggestion = status, problem, suggestion

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            if not self.problem:
                yield Static(Text("Quit the game?", style="bold"))
                yield Static(Text(self.status, style="dim"))
                with Horizontal(id="dialog-buttons"):
                    yield Button("Quit (y)", id="quit", variant="error", compact=True)
                    yield Button("Keep playing (n)", id="keep", compact=True)
                return
            yield Static(Text("Quit the game? It is NOT saved.", style="bold"))
            yield Static(Text(self.problem))
            yield Static(Text("Save it elsewhere (a folder, or a file ending .json):", style="dim"))
            yield Input(self.suggestion, id="quit-save-path", select_on_focus=False)
            with Horizontal(id="dialog-buttons"):
                yield Button("Save and quit", id="save", variant="primary", compact=True)
                yield Button("Quit, not saved", id="quit", variant="error", compact=True)
                yield Button("Keep playing", id="keep", compact=True)

    def on_mount(self) -> None:
        if self.problem:
            self.query_one(Input).focus()
        else:
            self.query_one("#keep", Button).focus()

    def on_key(self, event) -> None:
        if not self.problem and event.key in ("y", "n"):
            event.stop()
            self.dismiss((QUIT, "") if event.key == "y" else (KEEP, ""))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.save()
        else:
            self.dismiss((event.button.id or "", ""))

    def save(self) -> None:
        path = self.query_one(Input).value.strip()
        if not path:
            self.notify("Type a folder or a file to save to.", severity="warning")
            return
        self.dismiss((SAVE, path))

    def action_keep(self) -> None:
        self.dismiss((KEEP, ""))
