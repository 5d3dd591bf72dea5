"""Provides the team brief screen: the team's own page of the handout pack, as Markdown."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, MarkdownViewer, Static

from wargame import briefs
from wargame.scenario import Scenario


def brief_markdown(scenario: Scenario, faction: str) -> str:
    """The team's page of `wargame briefs` (situation, aims, resources, what it knows), one document."""
    return briefs.to_markdown([briefs.team_page(scenario, faction)])


class BriefScreen(ModalScreen[None]):
    """Shown to a team when it first takes the keyboard, and on b: only its own brief, never another's.

    The brief is the scenario author's Markdown (control characters dropped by
    `briefs.clean`); links in it open nothing.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,b,enter", "close", "Back to the game"),
    ]

    def __init__(self, scenario: Scenario, faction: str) -> None:
        super().__init__()
        self.scenario, self.faction = scenario, faction

    def compose(self) -> ComposeResult:
        team = self.scenario.faction(self.faction).short
        with Vertical(id="brief"):
            yield Static(Text(f"{team} team: your brief (only your team sees it)", style="bold"), id="brief-title")
            yield MarkdownViewer(
                brief_markdown(self.scenario, self.faction), show_table_of_contents=False, open_links=False
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(MarkdownViewer).focus()

    def action_close(self) -> None:
        self.dismiss(None)
