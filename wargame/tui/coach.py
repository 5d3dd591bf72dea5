"""Provides the coach: a scenario's own steps that teach a newcomer the screen, one at a time."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from wargame import engine as E
from wargame.scenario import Scenario


class Coached(Message):
    """Something a coach step may wait for happened on screen ('explain', 'meters'...)."""

    def __init__(self, event: str) -> None:
        super().__init__()
        self.event = event


def decision_events(decision: E.Decision) -> tuple[str, ...]:
    """The screen events a team's decision stands for: a targeted act is also a target picked."""
    if isinstance(decision, E.Act):
        return ("target", "action") if decision.target else ("action",)
    if isinstance(decision, E.Pass):
        return ("pass",)
    if isinstance(decision, E.Choose):
        return ("card",)
    return ()


class Coach(Static):
    """The scenario's `coach:` steps, shown one at a time above the game. A step moves on when
    its screen event happens (`after:`) or its condition holds in the game (`when:`); the coach
    hides itself after the last one, and never changes the game."""

    step: reactive[int] = reactive(0)
    """The index of the step shown; len(steps) once the coach is done."""

    def __init__(self, scenario: Scenario, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.steps = scenario.coach

    def on_mount(self) -> None:
        self.display = bool(self.steps)
        self.watch_step(self.step)

    def watch_step(self, step: int) -> None:
        if step >= len(self.steps):
            self.display = False
            return
        n = len(self.steps)
        self.update(Text.assemble((f" Coach {step + 1}/{n} ", "reverse bold"), " ", self.steps[step].say))

    def seen(self, event: str) -> None:
        """A screen event happened: the current step moves on if it was waiting for it."""
        if self.step < len(self.steps) and self.steps[self.step].after == event:
            self.step += 1

    def game_changed(self, values: tuple[int, ...]) -> None:
        """The game moved: every step whose condition now holds is done (in order)."""
        while self.step < len(self.steps):
            when = self.steps[self.step].when
            if when is None or not when(values):
                return
            self.step += 1
