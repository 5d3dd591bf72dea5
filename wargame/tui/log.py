"""Provides the game log: every event in plain words, each bot move with its reason."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import RichLog

from wargame.text import plain

STYLES = {
    "turn": "bold reverse",
    "decision": "bold",
    "reason": "italic dim",
    "success": "green",
    "failure": "red",
    "card": "bold magenta",
    "over": "bold green",
    "facilitator": "bold yellow",
    "detail": "",
    "story": "italic",
}


class GameLog(RichLog):
    """A read-only record: the screen writes the lines it derived from the engine's events."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            id=id, wrap=True, markup=False, highlight=False, max_lines=5000, min_width=20
        )

    def add(self, lines: list[tuple[str, str]]) -> None:
        for text, kind in lines:
            self.write(Text(plain(text), style=STYLES.get(kind, "")))

    def replace(self, lines: list[tuple[str, str]]) -> None:
        self.clear()
        self.add(lines)
