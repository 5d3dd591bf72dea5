"""Provides what the start screen lists (scenarios, valid or not, and saves), without Textual."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
from rich.text import Text

from wargame import saves
from wargame.scenario import Scenario, ScenarioError, load_scenario
from wargame.tui import session


@attrs.frozen
class Entry:
    """A scenario file: loaded, or the first problem that keeps it from loading."""

    path: Path
    scenario: Scenario | None
    error: str = ""


@attrs.frozen
class SaveEntry:
    """A game to resume: a save or an autosave, as the start screen lists it."""

    path: Path
    label: Text


def find_scenarios(dirs: list[Path]) -> list[Entry]:
    """Every *.yaml in the scenario folders, in the order the start screen lists them."""
    out, seen = [], set()
    for d in dirs:
        for path in sorted([*d.glob("*.yaml"), *d.glob("*.yml")]):
            key = path.resolve()
            if key in seen:
                continue
            seen.add(key)
            try:
                scenario, _ = load_scenario(path)
            except ScenarioError as exc:
                errors = [p for p in exc.problems if p.severity == "error"] or list(exc.problems)
                first = errors[0] if errors else None
                out.append(
                    Entry(
                        path,
                        None,
                        f"line {first.where.line}: {first.message}" if first else "invalid",
                    )
                )
            except (OSError, UnicodeDecodeError) as exc:
                out.append(Entry(path, None, f"cannot read: {exc}"))
            else:
                out.append(Entry(path, scenario))
    return sorted(out, key=order)


def order(e: Entry) -> tuple:
    """Playable first, shortest first (a newcomer meets the tutorial first), then by title."""
    if e.scenario is None:
        return (1, 0, e.path.name)
    return (0, e.scenario.turns, e.scenario.title)


def find_saves(directory: Path, scenarios: dict[str, Scenario] | None = None) -> list[SaveEntry]:
    """Recent games, newest first, autosaves included, three short lines each (the list is narrow):

    Tutorial: The battle for Sirte
      turn 3 · G.N.A. (human) vs 1 bot          or   ENDED turn 6, ISIS won · bots only
      autosave · today 15:32                    or   saved as monday · 28 Nov 09:10

    Titles and team names come from `scenarios` (by id) when the scenario is
    known; the text is only what the save file says, never markup.
    """
    scenarios = scenarios or {}
    out = []
    for path, info in saves.list_saves(directory):
        s = scenarios.get(info["scenario"])
        label = Text(s.title if s is not None else info["scenario"], style="bold")
        turn = f"turn {info['turn']}" if info.get("turn") else f"{info['decisions']} decisions"
        label.append("\n  ")
        if info["ended"]:
            label.append(f"ENDED {ended_words(s, info['ended'])}", style="bold")
        else:
            label.append(turn)
        who = who_plays(s, info["seats"])
        label.append(f" · {who}" if who else "")
        what = "autosave" if info["autosave"] else f"saved as {info['name'] or path.stem}"
        label.append(f"\n  {what} · {when(info['saved'])}", style="dim")
        out.append(SaveEntry(path, label))
    return out


def when(iso: str, now: dt.datetime | None = None) -> str:
    """'today 15:32', '28 Nov 09:10', '28 Nov 2025' in the local time zone; '' if not a time."""
    try:
        t = dt.datetime.fromisoformat(iso).astimezone()
    except (TypeError, ValueError):
        return ""
    now = now or dt.datetime.now().astimezone()
    if t.date() == now.date():
        return f"today {t:%H:%M}"
    if t.year == now.year:
        return f"{t:%d %b %H:%M}"
    return f"{t:%d %b %Y}"


def who_plays(scenario: Scenario | None, seats: dict[str, str]) -> str:
    """'G.N.A. (human) vs 4 bots', 'G.N.A. and L.N.A. (hot seat) vs 3 bots', 'bots only'."""

    def name(fid: str) -> str:
        if scenario is not None and fid in scenario.faction_index:
            return scenario.faction(fid).short
        return fid

    teams = [name(f) for f, who in seats.items() if who == session.HUMAN]
    bots = len(seats) - len(teams)
    vs = f" vs {bots} bot{'s' if bots != 1 else ''}" if bots else ""
    if not teams:
        return "bots only" if seats else ""
    if len(teams) == 1:
        return f"{teams[0]} (human){vs}"
    return f"{', '.join(teams[:-1])} and {teams[-1]} (hot seat){vs}"


def ended_words(scenario: Scenario | None, ended: str) -> str:
    """'gna (final, turn 8)' from the save becomes 'turn 8, G.N.A. won'."""
    winner, _, rest = ended.partition(" ")
    turn = rest[rest.find("turn") :].rstrip(")") if "turn" in rest else ""
    if scenario is not None and winner in scenario.faction_index:
        winner = scenario.faction(winner).short
    result = "a draw" if winner == "draw" else f"{winner} won"
    return f"{turn}, {result}" if turn else result
