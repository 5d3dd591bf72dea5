"""Provides the game log: every event in plain words, each bot decision with its reason."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import RichLog

from wargame.text import plain
from wargame.tui import facilitator_flow as flow
from wargame.tui import view
from wargame.tui.session import Game

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
        super().__init__(id=id, wrap=True, markup=False, highlight=False, max_lines=5000, min_width=20)
        self._viewer: str | None = None  # whose sight the lines follow (None: everything)

    def add(self, lines: list[tuple[str, str]]) -> None:
        for text, kind in lines:
            self.write(Text(plain(text), style=STYLES.get(kind, "")))

    def replace(self, lines: list[tuple[str, str]]) -> None:
        self.clear()
        self.add(lines)

    def follow(self, old: Game | None, new: Game, viewer: str | None = None) -> None:
        """The game changed: one decision more adds its lines; anything else (or another team at
        the keyboard, who may see other things) rewrites the log."""
        same_viewer = viewer == self._viewer
        self._viewer = viewer
        if (
            same_viewer
            and old is not None
            and len(new.by_step) == len(old.by_step) + 1
            and new.by_step[-2] is old.by_step[-1]
        ):
            events = view.visible_events(new.scenario, new.state, viewer, new.by_step[-1])
            self.add(flow.log_lines(new.scenario, events, new.decisions[-1]))
            return
        self.replace(flow.game_log(new, viewer))  # the facilitator's acts and rewinds marked [F]
