"""Prints a game turn by turn and its final scores with Rich (for `autoplay` and `replay`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from wargame.engine import GameState
    from wargame.engine.events import Event
    from wargame.scenario import Scenario


def console(stderr: bool = False) -> Console:
    """A Rich console whose closed pipe (`wargame replay x | head`) ends the command quietly with exit 0."""
    from rich.console import Console

    class PipeConsole(Console):
        def on_broken_pipe(self) -> None:  # Rich's own exits 1; main() treats a closed pipe as done
            self.quiet = True
            raise BrokenPipeError

    return PipeConsole(highlight=False, emoji=False, stderr=stderr)


def print_game(
    console: Console,
    scenario: Scenario,
    by_step: Sequence[Sequence[Event]],
    entries: Sequence[dict[str, Any]],
) -> None:
    """Print each step's events, decisions in bold, with bots' reasons where recorded.

    Event text comes from the scenario file, reasons and authors from the save: they are
    printed as data (Text, never markup), with control characters shown as symbols.
    """
    from rich.text import Text

    from wargame.engine import describe
    from wargame.engine.events import ActionTaken, Chose, GameOver, Passed, TurnBegan
    from wargame.text import one_line, plain

    def line(e: Event) -> None:
        text = plain(describe(e, scenario))
        if isinstance(e, TurnBegan):
            console.rule(Text(text, style="bold"))
        elif isinstance(e, (ActionTaken, Chose, Passed)):
            console.print(Text(text, style="bold"))
        elif isinstance(e, GameOver):
            console.print(Text(text, style="bold green"))
        else:
            console.print(Text(text))

    for step, evs in enumerate(by_step):
        entry = entries[step - 1] if step and entries else {}
        if entry.get("why"):
            console.print(Text(f"  ({one_line(entry.get('by', 'bot'))}: {one_line(entry['why'], 500)})", style="dim"))
        for e in evs:
            line(e)


def print_scores(console: Console, scenario: Scenario, state: GameState, show_hash: bool = True) -> None:
    from rich.table import Table
    from rich.text import Text

    from wargame.engine import scores, state_hash

    table = Table(title=Text(f"{scenario.title}: final scores" if state.outcome else "scores"))
    table.add_column("faction")
    table.add_column("score", justify="right")
    table.add_column("threshold", justify="right")
    winner = state.outcome.winner if state.outcome else None
    for fid, value in scores(scenario, state.values).items():
        f = scenario.faction(fid)
        mark = " (winner)" if fid == winner else ""
        table.add_row(Text(f.name + mark), str(value), str(f.threshold) if f.threshold is not None else "-")
    console.print(table)
    if show_hash:
        console.print(f"state hash {state_hash(state)}")
