"""Provides the facilitator's flow (rewind, debrief, the marked log) as plain functions."""

from __future__ import annotations

from pathlib import Path

import attrs

from wargame import engine as E
from wargame import saves
from wargame.engine import events as ev
from wargame.engine.codec import from_dict
from wargame.tui import choices, session, view
from wargame.tui.session import FACILITATOR, Game
from wargame.words import plural

MARK = "[F] "  # the facilitator's lines in the log carry this, not only a colour
FACILITATOR_EVENTS = (ev.Overridden, ev.Injected, ev.Bookmarked, ev.Ruled)


# --- rewind ----------------------------------------------------------------------------


def rewind(game: Game, to: int, note: str) -> Game:
    """The game as it was just after `to` decisions; the rest is kept as a saves.Branch.

    Uses saves.rewind, so earlier branches are re-anchored exactly as a save
    file's would be, and the result is what `session.save` will write.
    """
    shorter, _state = saves.rewind(session.record(game), to, scenario=game.scenario, note=note)
    rebuilt = session.rebuild(game.scenario, game.seed, game.seats, shorter.entries)
    return attrs.evolve(session.same_game(rebuilt, game), branches=shorter.branches)


def undo_blocked(game: Game) -> str:
    """Why undo must not run: it would drop a facilitator act taken after the team's decision."""
    cut, _why = session.undo_point(game)
    if cut is None:
        return ""
    if any(e.get("by") == FACILITATOR for e in game.entries[cut:]):
        return (
            "the facilitator has acted since that decision; "
            "the facilitator can rewind instead (f, Rewind), which keeps both"
        )
    return ""


# --- the debrief ---------------------------------------------------------------------


def debrief_path(game: Game, directory: Path, fmt: str = "html") -> Path:
    """Beside the saves: 'first-try.debrief.html' for a named save, else (a new game, or the
    autosave resumed) '<scenario>-seed<N>-<start>.debrief.html' (report.debrief_stem)."""
    from wargame.report import debrief_stem, default_path

    stem = debrief_stem(game.scenario.id, game.seed, game.started, game.name)
    return default_path(Path(directory) / saves.safe_name(stem), fmt)


def write_debrief(game: Game, directory: Path, fmt: str = "html") -> Path:
    """Write the debrief of the game as it stands (facilitator acts and rewinds included).

    Raises OSError (cannot write), saves.SaveError or ValueError as write_report does.
    """
    from wargame.report import write_report

    return write_report(session.record(game), fmt, debrief_path(game, directory, fmt), scenario=game.scenario)


# --- the log ---------------------------------------------------------------------------


def log_lines(scenario, events: list, entry: dict | None = None) -> list[tuple[str, str]]:
    """choices.log_lines, with every line of a facilitator's act marked [F].

    A ruled or argued action stays the team's (its ActionTaken line is not
    marked), but the ruling or the 2d6 roll, and the argument, are.
    """
    if not entry or entry.get("by") != FACILITATOR:
        return choices.log_lines(scenario, events, entry)
    decision = from_dict(entry)
    out: list[tuple[str, str]] = []
    for e in events:
        lines = choices.log_lines(scenario, [e])
        if isinstance(e, FACILITATOR_EVENTS) or (isinstance(e, ev.Rolled) and e.dice == "2d6"):
            lines = [_marked(text, kind) for text, kind in lines]
        out += lines
        if isinstance(e, ev.ActionTaken) and isinstance(decision, E.Act) and decision.ruling == "argue":
            said = f": {decision.reason}" if decision.reason else ""
            out.append(
                _marked(
                    f"  argued before the facilitator ({decision.pro} for, {decision.con} against){said}",
                    "facilitator",
                )
            )
    return out


def _marked(text: str, kind: str) -> tuple[str, str]:
    indent = len(text) - len(text.lstrip(" "))
    return (text[:indent] + MARK + text[indent:], kind)


def game_log(game: Game, viewer: str | None = None) -> list[tuple[str, str]]:
    """The whole log, with a line where each rewind set decisions aside (kept in the save); with
    `viewer`, only what that team may see (view.visible_events)."""
    s = game.scenario

    def seen(evs) -> list:
        return view.visible_events(s, game.state, viewer, evs)

    at: dict[int, list] = {}
    for k, b in enumerate(game.branches):
        at.setdefault(b.from_step, []).append((k, b))
    lines = choices.log_lines(s, seen(game.by_step[0]))
    for step, (evs, entry) in enumerate(zip(game.by_step[1:], game.entries, strict=True)):
        lines += _rewinds(at.get(step, ()))
        lines += log_lines(s, seen(evs), entry)
    lines += _rewinds(at.get(len(game.entries), ()))
    return lines


def _rewinds(branches) -> list[tuple[str, str]]:
    out = []
    for k, b in branches:
        why = f": {b.note}" if b.note else ""
        out.append(
            (
                f"{MARK}Rewound to here; {plural(len(b.decisions), 'later decision')} set aside "
                f"as branch {k + 1}, kept in the save{why}",
                "facilitator",
            )
        )
    return out
