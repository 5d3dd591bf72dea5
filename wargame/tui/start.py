"""Provides the start screen: pick a scenario, seats and a seed, or resume a recent game."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from wargame.scenario import Scenario
from wargame.text import plain
from wargame.tui import catalog, session
from wargame.tui.seat import SeatPicker


class StartScreen(Screen[None]):
    """The first thing a trainee sees: everything needed to begin, and nothing else."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit", id="start.quit"),
        Binding("question_mark", "help", "Help", id="start.help"),
    ]

    class NewGame(Message):
        """Start `scenario` with these seats and seed (the app builds the game screen)."""

        def __init__(self, scenario: Scenario, seed: int, seats: dict[str, str], facilitator: bool = False) -> None:
            super().__init__()
            self.scenario, self.seed, self.seats = scenario, seed, seats
            self.facilitator = facilitator

    class Resume(Message):
        """Continue the save at `path`."""

        def __init__(self, path: Path, facilitator: bool = False) -> None:
            super().__init__()
            self.path = path
            self.facilitator = facilitator

    def __init__(self, scenario_dirs: list[Path], saves_dir: Path, seed: int, facilitator: bool = False) -> None:
        super().__init__()
        self.facilitator = facilitator
        self.entries = catalog.find_scenarios(scenario_dirs)
        known = {e.scenario.id: e.scenario for e in self.entries if e.scenario is not None}
        self.saved = catalog.find_saves(saves_dir, known)
        self.seed = seed
        self.current: Scenario | None = None
        self.seats: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static(
            Text.assemble(("wargame", "bold"), " · political-military crisis training"),
            id="start-title",
        )
        yield Static(
            Text("Pick a scenario (↑↓ Enter), set the seats, then Start. ? explains it.", style="dim"),
            id="start-hint",
        )
        with Horizontal(id="start-main"):
            with Vertical(id="start-left"):
                yield OptionList(*self.scenario_options(), id="scenarios")
                yield OptionList(*self.save_options(), id="saves")
            with Vertical(id="start-right"):
                with VerticalScroll(id="setup", can_focus=False):
                    yield Static("", id="scenario-info")
                    yield Static(Text("Seats (←/→ or click to change)", style="bold"))
                    yield Vertical(id="seats")
                    yield Static("", id="scenario-summary")
                with Horizontal(id="seed-row"):
                    yield Static("Seed ", id="seed-label")
                    yield Input(str(self.seed), id="seed", type="integer")
                    yield Static(Text(" (same seed, same dice)", style="dim"))
                yield Checkbox(
                    "Facilitator's controls (f in the game)",
                    self.facilitator,
                    id="facilitator-mode",
                    compact=True,
                )
                yield Button("Start the game", id="start", variant="primary", compact=True)
        yield Footer()

    def scenario_options(self) -> list[Option]:
        out = []
        for i, e in enumerate(self.entries):
            if e.scenario is None:
                label = Text.assemble((e.path.name, "dim strike"), (f"  cannot be played: {e.error}", "dim"))
                out.append(Option(label, id=f"s{i}", disabled=True))
            else:
                s = e.scenario
                factions = ", ".join(f.short for f in s.factions)
                label = Text.assemble((s.title, "bold"), (f"\n  {s.turns} turns · {factions}", "dim"))
                out.append(Option(label, id=f"s{i}"))
        return out or [Option(Text("No scenarios found in ./scenarios", style="dim"), disabled=True)]

    def save_options(self) -> list[Option]:
        if not self.saved:
            return [Option(Text("No saved games yet", style="dim"), disabled=True)]
        return [Option(Text(plain(e.label)), id=f"v{i}") for i, e in enumerate(self.saved)]

    def on_mount(self) -> None:
        self.query_one("#scenarios").border_title = "New game"
        self.query_one("#saves").border_title = "Recent games"
        self.query_one("#start-right").border_title = "Setup"
        scenarios = self.query_one("#scenarios", OptionList)
        first = next((i for i, e in enumerate(self.entries) if e.scenario is not None), None)
        chosen = self.entries[first].scenario if first is not None else None
        if first is not None and chosen is not None:
            scenarios.highlighted = first
            self.show(chosen)
        scenarios.focus()

    def show(self, scenario: Scenario) -> None:
        if scenario is self.current:
            return
        self.current = scenario
        config = getattr(self.app, "config", None)  # config.toml's [seats], when the app has settings
        self.seats = session.configured_seats(scenario, config.seats if config else {}, strict=False)
        cal = scenario.calendar
        info = Text.assemble(
            (scenario.title, "bold"),
            "\n",
            (f"{cal.turns} turns, {cal.label(1)} to {cal.label(cal.turns)}", "dim"),
        )
        self.query_one("#scenario-info", Static).update(info)
        self.query_one("#scenario-summary", Static).update(Text(scenario.summary))
        box = self.query_one("#seats", Vertical)
        box.remove_children()
        box.mount_all([SeatPicker(f, self.seats[f.id]) for f in scenario.factions])

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "scenarios" and event.option.id:
            entry = self.entries[int(event.option.id[1:])]
            if entry.scenario is not None:
                self.show(entry.scenario)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "saves" and event.option.id:
            path = self.saved[int(event.option.id[1:])].path
            self.post_message(self.Resume(path, self.facilitator_mode()))
        elif event.option_list.id == "scenarios":
            self.query_one("#start", Button).focus()

    def on_seat_picker_changed(self, event: SeatPicker.Changed) -> None:
        self.seats[event.faction] = event.who

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.begin()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.begin()

    def begin(self) -> None:
        if self.current is None:
            self.notify("Pick a scenario first.", severity="warning")
            return
        text = self.query_one("#seed", Input).value.strip()
        try:
            seed = int(text)
        except ValueError:
            self.notify(f"The seed must be a whole number, not '{text}'.", severity="error")
            return
        self.post_message(self.NewGame(self.current, seed, dict(self.seats), self.facilitator_mode()))

    def facilitator_mode(self) -> bool:
        return self.query_one("#facilitator-mode", Checkbox).value

    def action_help(self) -> None:
        from wargame.tui.help import HelpScreen

        if self.current is not None:
            self.app.push_screen(HelpScreen(self.current, self.seats))
