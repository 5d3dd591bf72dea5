"""Provides the one-line game header: scenario, turn, date, phase and who decides."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class GameHeader(Widget):
    """A title bar without a clock, so screenshots of a game are the same every time.

    When the line is too short the scenario title gives way first: who must
    decide what is the part a team cannot do without.
    """

    title: reactive[str] = reactive("")
    """The scenario's title."""

    status: reactive[str] = reactive("")
    """'Turn 2/6 · Jul 2016 · Actions: G.N.A. to act (2 of 2 left)'."""

    seed: reactive[int | None] = reactive(None)
    """The game's seed, shown so a session can be replayed exactly."""

    clock: reactive[str] = reactive("")
    """The orders timer ('Orders 9:58 left'), when the session has one; '' otherwise."""

    def render(self) -> Text:
        width = self.size.width - 2
        right = f"seed {self.seed} · ? help" if self.seed is not None else "? help"
        if self.clock:
            right = f"{self.clock} · ? help"
        if len(self.status) + len(right) + 2 > width:
            right = self.clock  # the countdown stays: a team must see it
        room = width - len(self.status) - len(right) - 4
        title = self.title if len(self.title) <= room else (self.title[: room - 1] + "…" if room > 8 else "")
        left = Text.assemble((title, "bold"), " · " if title else "", (self.status, "bold"))
        gap = max(width - left.cell_len - len(right), 1)
        return Text.assemble(" ", left, " " * gap, (right, "bold" if self.clock else "dim"))
