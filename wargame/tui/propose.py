"""Provides the free-form proposal form: a team's own action in words, effects and arguments."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static, TextArea

from wargame import engine as E
from wargame.engine import freeform
from wargame.engine.parts import Propose
from wargame.scenario import Scenario
from wargame.tui import session

HINT = "One statement a line, in the scenario's language, e.g.  tension -= 2  or  north.treasury += 3"


def effect_lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def check_effects(scenario: Scenario, text: str) -> str:
    """'' if every line compiles, else the engine compiler's located error ('effect 2, column 9: ...')."""
    lines = effect_lines(text)
    if not lines:
        return "Write at least one effect: what your action would change if it succeeds."
    try:
        freeform.compile_effects(scenario, lines)
    except E.DecisionError as exc:
        return str(exc)
    return ""


class ProposeForm(ModalScreen["Propose | None"]):
    """The team writes what it wants to do; the facilitator hears the arguments and decides.

    Effects are checked as they are typed, by the compiler the scenario file
    itself goes through, so a team sees the column of its mistake at once.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, scenario: Scenario, state: E.GameState, team: str) -> None:
        super().__init__()
        self.scenario, self.state, self.team = scenario, state, team

    def compose(self) -> ComposeResult:
        s = self.scenario
        with Vertical(id="propose"):
            yield Static(Text(f"{s.faction(self.team).short} proposes an action of its own", style="bold"))
            yield Input(placeholder="What you do, in a sentence", id="propose-words", compact=True)
            yield Static(Text(HINT, style="dim"), classes="form-note")
            yield TextArea(id="propose-effects", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="propose-check")
            yield Static(Text("Your arguments: why it would work", style="dim"), classes="form-note")
            yield TextArea(id="propose-arguments", soft_wrap=True, show_line_numbers=False)
            with Horizontal(id="dialog-buttons"):
                yield Button("Propose it", id="propose-send", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="propose-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#propose-words", Input).focus()

    def say(self, text: str, error: bool = True) -> None:
        self.query_one("#propose-check", Static).update(Text(text, style="bold red" if error else "green"))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "propose-effects":
            why = check_effects(self.scenario, event.text_area.text)
            self.say(why or "The effects read well.", error=bool(why))

    def proposal(self) -> Propose | str:
        words = self.query_one("#propose-words", Input).value.strip()
        if not words:
            return "Say in a sentence what your team does."
        effects = self.query_one("#propose-effects", TextArea).text
        why = check_effects(self.scenario, effects)
        if why:
            return why
        arguments = self.query_one("#propose-arguments", TextArea).text.strip()
        return Propose(self.team, words, effect_lines(effects), arguments)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "propose-cancel":
            self.dismiss(None)
            return
        made = self.proposal()
        if isinstance(made, str):
            self.say(made)
            return
        try:
            session.apply(self.scenario, self.state, made)  # a trial on the pure engine: nothing is applied
        except E.DecisionError as exc:
            self.say(f"Not proposed: {exc}")
            return
        self.dismiss(made)

    def action_cancel(self) -> None:
        self.dismiss(None)
