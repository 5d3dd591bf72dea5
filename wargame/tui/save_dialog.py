"""Provides the save dialog: a name for the save file, with the folder it goes to."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class SaveDialog(ModalScreen[str | None]):
    """Asks for a save name; returns it (the screen checks and writes it), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, suggestion: str, folder: str) -> None:
        super().__init__()
        self.suggestion = suggestion
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text("Save the game as", style="bold"))
            yield Input(self.suggestion, id="save-name", select_on_focus=True)
            yield Static(Text(f"into {self.folder} · Enter: save · Esc: cancel", style="dim"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
