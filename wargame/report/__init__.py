"""The debrief of a saved game (issue #7): build a Report from a save, render it as Markdown or HTML.

For the TUI's end screen and the CLI alike:

    from wargame.report import write_report
    path = write_report("saves/game.json", "html", "debrief.html")
    path = write_report(saves.record(scenario, state, entries), "md", out, scenario=scenario)
"""

from __future__ import annotations

from pathlib import Path

from wargame.files import write_atomic
from wargame.report.build import build_report
from wargame.report.model import Report
from wargame.saves import SavedGame, SaveError
from wargame.scenario.model import Scenario

FORMATS = ("md", "html")
SUFFIXES = {"md": ".md", "html": ".html"}


def render(report: Report, fmt: str = "md") -> str:
    """The report as text in `fmt` ("md" or "html")."""
    if fmt == "md":
        from wargame.report.markdown import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from wargame.report.html import render_html

        return render_html(report)
    raise ValueError(f"unknown report format '{fmt}': use one of {', '.join(FORMATS)}")


def default_path(save_path: str | Path, fmt: str) -> Path:
    """Where a debrief goes when nobody says: beside the save, 'game.json' -> 'game.debrief.html'."""
    save_path = Path(save_path)
    return save_path.with_name(f"{save_path.stem}.debrief{SUFFIXES[fmt]}")


def debrief_stem(scenario_id: str, seed: int, started: str, name: str = "") -> str:
    """The debrief's file name without suffix: the save's name if it has one, else the scenario,
    the seed and the game's start to the second ('libya-2016-seed7-20261201-153207'), so two
    unnamed games of the same seed (a replay of a seed, a second class) never share a file."""
    from wargame.saves.document import stamp

    named = name and not name.startswith("autosave-")  # 'autosave-tutorial': an autosave before v2
    return name if named else f"{scenario_id}-seed{seed}-{stamp(started, seconds=True)}"


def write_report(
    source: str | Path | SavedGame,
    fmt: str = "html",
    out_path: str | Path | None = None,
    *,
    scenario: Scenario | None = None,
) -> Path:
    """Build the debrief of `source` (a save file, or an in-memory SavedGame) and write it atomically.

    `out_path` defaults to beside the save file (required for an in-memory
    save). `scenario` skips looking the scenario up. Returns the path written.
    Raises SaveError when the save cannot be read or replayed faithfully,
    ValueError for a bad format or path, OSError when the file cannot be written.
    The save itself is never written to.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format '{fmt}': use one of {', '.join(FORMATS)}")
    if out_path is None:
        if isinstance(source, SavedGame):
            raise ValueError("an in-memory save needs an output path for its report")
        out_path = default_path(source, fmt)
    out = Path(out_path)
    if not isinstance(source, SavedGame) and _same_file(out, Path(source)):
        raise ValueError(f"{out} is the save itself; choose another file for the report")
    text = render(build_report(source, scenario), fmt)
    write_atomic(out, text.encode("utf-8"))
    return out


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


__all__ = ["FORMATS", "Report", "SaveError", "build_report", "debrief_stem", "default_path", "render", "write_report"]
