"""Provides what the start screen lists (scenarios, valid or not, and saves), without Textual."""

from __future__ import annotations

from pathlib import Path

import attrs

from wargame import saves
from wargame.scenario import Scenario, ScenarioError, load_scenario


@attrs.frozen
class Entry:
    """A scenario file: loaded, or the first problem that keeps it from loading."""

    path: Path
    scenario: Scenario | None
    error: str = ""


@attrs.frozen
class SaveEntry:
    path: Path
    label: str


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


def find_saves(directory: Path) -> list[SaveEntry]:
    """The saves in the folder, newest first: 'name · scenario · turn N · date'."""
    out = []
    for path, info in saves.list_saves(directory):
        when = str(info.get("saved", ""))[:16].replace("T", " ")
        name = info.get("name") or path.stem
        turn = (
            f"turn {info['turn']}" if info.get("turn") else f"{info.get('decisions', 0)} decisions"
        )
        out.append(SaveEntry(path, f"{name} · {info['scenario']} · {turn} · {when}"))
    return out
