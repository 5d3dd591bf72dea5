"""Provides the messages panels post up to the game screen, where decisions are applied."""

from __future__ import annotations

from textual.message import Message

from wargame import engine as E
from wargame.tui.session import Decision


class Decide(Message):
    """A decision for the screen to apply: a team's action or choice, or later a facilitator's act.

    `by` is recorded in the save ("human", a bot level, "facilitator") so undo
    and the debrief know who decided; `why` is the one-line reason shown in the log.
    `asked` is the state the decision was made for, when it took time (a bot
    thinking): the screen drops it if the game has moved on meanwhile.
    """

    def __init__(
        self,
        decision: Decision,
        by: str = "human",
        why: str = "",
        asked: E.GameState | None = None,
    ) -> None:
        super().__init__()
        self.decision = decision
        self.by = by
        self.why = why
        self.asked = asked


class PickTarget(Message):
    """The team chose a targeted action: the screen opens the target picker for it."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action


class RegionSelected(Message):
    """The board's selection moved: the screen shows that region's details."""

    def __init__(self, region: str) -> None:
        super().__init__()
        self.region = region
