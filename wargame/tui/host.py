"""Provides what the game screen offers the widgets inside it, so they need not import it."""

from __future__ import annotations

from typing import Protocol, cast

from textual.screen import Screen

from wargame.scenario import Scenario
from wargame.tui.session import HUMAN, Decision, Game


class Host(Protocol):
    """The game screen as its members see it: the game, and the one path every decision takes."""

    @property
    def game(self) -> Game | None: ...

    @property
    def scenario(self) -> Scenario: ...

    @property
    def facilitator(self) -> bool: ...

    @property
    def paused(self) -> bool: ...

    def decide(self, decision: Decision, by: str = HUMAN, why: str = "") -> bool: ...

    def focus_decision(self) -> None: ...

    def next_step(self) -> None: ...

    def viewer(self) -> str: ...


def host(screen: Screen) -> Host:
    """The game screen a widget sits in (every widget that calls this is composed by it)."""
    return cast(Host, screen)
