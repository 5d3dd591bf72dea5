"""Whose file is it: each game's own autosave, and no save replacing another game's without asking.

A file may be replaced silently only by a save that holds everything it held:
the same game (`game_id`), with every decision line of the file (its main line
and its branches) still a prefix of one of the new save's lines. Anything else
(another game, the same game further on, a damaged file, not a save at all)
is a conflict, described in one line so the TUI can ask and the CLI refuse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from wargame.saves.document import DecisionDict, SavedGame, SaveError, stamp
from wargame.saves.files import read_save, safe_name, write_save

MAX_AUTOSAVE_TRIES = 100


def autosave_stem(saved: SavedGame) -> str:
    """'autosave-libya-2016-s1234-20261201-1532': the scenario, the seed and the start time."""
    stem = safe_name(f"autosave-{saved.scenario_id}-s{saved.seed}-{stamp(saved.started)}")[:-5]
    return stem[:56].rstrip(".-")  # room for a '-2' that must not be cut off


def autosave_names(saved: SavedGame) -> Iterator[str]:
    stem = autosave_stem(saved)
    yield f"{stem}.json"
    for k in range(2, MAX_AUTOSAVE_TRIES + 1):
        yield f"{stem}-{k}.json"


def lines(saved: SavedGame) -> list[tuple[DecisionDict, ...]]:
    """Every game the save holds: the main line and, for each branch, its own line."""
    out = [tuple(saved.decisions)]
    out += [(*saved.decisions[: b.from_step], *b.decisions) for b in saved.branches]
    return out


def covers(ours: SavedGame, theirs: SavedGame) -> bool:
    """True when `ours` is the same game and loses nothing of `theirs`."""
    if not ours.game_id or ours.game_id != theirs.game_id:
        return False
    mine = lines(ours)
    return all(any(line[: len(old)] == old for line in mine) for old in lines(theirs))


def conflict(path: str | Path, saved: SavedGame) -> str:
    """'' if `saved` may be written to `path` without a word; else what is there, as a predicate
    of the file ('holds another game (tutorial, turn 3, ...)')."""
    path = Path(path)
    try:
        if not path.exists() and not path.is_symlink():
            return ""
    except OSError:
        return ""
    try:
        there = read_save(path)
    except SaveError:
        return "is not a readable wargame save"
    if covers(saved, there):
        return ""
    what = describe(there)
    if there.game_id == saved.game_id:
        return f"holds this game at a point this save does not contain ({what})"
    return f"holds another game ({what})"


def describe(saved: SavedGame) -> str:
    """'tutorial, turn 3, 14 decisions, saved 2026-12-01 15:32' (only what the save says)."""
    parts = [saved.name, saved.scenario_id] if saved.name else [saved.scenario_id]
    if saved.turn:
        parts.append(f"turn {saved.turn}")
    parts.append(f"{len(saved.decisions)} decisions")
    if saved.saved_at:
        parts.append(f"saved {saved.saved_at[:16].replace('T', ' ')}")
    return ", ".join(parts)


def same_file_note(typed: str, path: Path) -> str:
    """Why two names meet: 'Team/A' and 'Team A' both become Team-A.json."""
    plain = re.sub(r"\.json$", "", typed.strip(), flags=re.IGNORECASE)
    if plain == path.stem:
        return ""
    return f"'{typed}' is saved as {path.name}"


def write_new(path: str | Path, saved: SavedGame, *, force: bool = False) -> Path:
    """Write a save where a user asked for it, refusing to replace another game's file.

    SaveError says what is there and how to go ahead (`force`: replace it anyway).
    """
    path = Path(path)
    if not force:
        why = conflict(path, saved)
        if why:
            raise SaveError(f"not saved: {path} {why}; choose another name, or replace it on purpose")
    return write_save(path, saved)


def write_autosave(directory: str | Path, saved: SavedGame, claimed: Path | None = None) -> Path:
    """Write the game's own autosave and return its path (pass it back as `claimed` next time).

    The first write picks the game's name (`autosave_names`): a free name is
    taken in one atomic step, an existing file only if it is this game's and
    this save covers it; otherwise the next name ('-2', '-3', ...). So two
    games never share an autosave, and resuming an earlier save of a game does
    not wipe the later autosave of the same game.
    """
    if claimed is not None:
        return write_save(claimed, saved)
    directory = Path(directory)
    for name in autosave_names(saved):
        path = directory / name
        if conflict(path, saved):
            continue
        try:
            return write_save(path, saved, exclusive=not path.exists())
        except FileExistsError:  # another process took the name a moment ago: look again
            if conflict(path, saved):
                continue
            return write_save(path, saved)
    raise SaveError(f"no free autosave name in {directory} for {autosave_stem(saved)}")
