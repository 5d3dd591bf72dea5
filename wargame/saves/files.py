"""Save files on disk: atomic writes, careful reads, temp-file sweeping, the saves folder, safe names."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import Any

from wargame.files import TEMP_PREFIX, write_atomic, write_new
from wargame.inputs import InputError, read_regular
from wargame.saves.document import (
    MAX_SAVE_BYTES,
    SAVE_KIND,
    SavedGame,
    SaveError,
    from_json,
    to_json,
)

STALE_TEMP_SECONDS = 60


def read_save(path: str | Path) -> SavedGame:
    """Read and check a save file (not its replay); any problem is one SaveError in plain words."""
    path = Path(path)
    try:  # a regular file only, never past the cap: /dev/zero or a FIFO is refused, not read
        data = read_regular(path, MAX_SAVE_BYTES)
    except InputError as exc:
        why = str(exc)
        if why == "no such file":
            raise SaveError(f"{path}: no such save file") from None
        if why.startswith("this is a folder"):
            raise SaveError(f"{path} is a folder, not a save file") from None
        if why.startswith("file is"):
            raise SaveError(f"{path} is too large for a save ({why})") from None
        raise SaveError(f"{path}: {why}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError(f"{path} is not a wargame save file (not text)") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SaveError(
            f"{path} is damaged (invalid JSON at line {exc.lineno}, column {exc.colno}); it may have been cut short"
        ) from None
    except (ValueError, RecursionError):  # e.g. a number of 5,000 digits, or nesting 100,000 deep
        raise SaveError(f"{path} is damaged (not a save's JSON)") from None
    return from_json(doc, str(path))


def save_text(saved: SavedGame) -> str:
    """The save file's JSON text; SaveError when the game is too long to save."""
    text = json.dumps(to_json(saved), indent=1)
    size = len(text.encode("utf-8"))
    if size > MAX_SAVE_BYTES:
        raise SaveError(f"the game is too long to save ({size:,} bytes)")
    return text


def write_save(path: str | Path, saved: SavedGame, *, exclusive: bool = False) -> Path:
    """Write atomically (wargame.files.write_atomic): a reader sees the old file or the new one, never a torn one.

    Also sweeps temporary files that an earlier, killed save left in the folder.
    OSError (disk full, no permission) is left to the caller, with nothing overwritten;
    with `exclusive`, FileExistsError if the file exists (checked and created in one step).
    Whose file may be replaced is decided above this (`saves.owners`).
    """
    path = Path(path)
    data = save_text(saved).encode("utf-8")
    sweep_temp_files(path.parent if str(path.parent) else Path("."))
    if exclusive:
        write_new(path, data)  # FileExistsError if the name is taken, even in a race
    else:
        write_atomic(path, data)
    return path


def sweep_temp_files(directory: str | Path, min_age: float = STALE_TEMP_SECONDS) -> int:
    """Remove temporary files left by saves that were killed mid-write; returns how many.

    A temp file names the process that wrote it: it goes at once when that
    process is gone, otherwise only once it is `min_age` seconds old (another
    process may be saving right now).
    """
    removed = 0
    directory = Path(directory)
    try:
        found = list(directory.glob(f"{TEMP_PREFIX}*.tmp"))
    except OSError:
        return 0
    cutoff = time.time() - min_age
    for p in found:
        try:
            if _writer_gone(p.name) or p.stat().st_mtime < cutoff:
                p.unlink()
                removed += 1
        except OSError:
            pass
    return removed


def _writer_gone(name: str) -> bool:
    pid = name[len(TEMP_PREFIX) :].split("-", 1)[0]
    if os.name != "posix" or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, but someone else's
        return False
    return False


def saves_dir(override: str | None = None, configured: str | Path | None = None) -> Path:
    """--saves-dir, else $WARGAME_SAVES, else config.toml's saves_dir (`configured`), else ./saves
    when it exists, else the user's data folder."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("WARGAME_SAVES")
    if env:
        return Path(env).expanduser()
    if configured:
        return Path(configured).expanduser()
    local = Path.cwd() / "saves"
    if local.is_dir():
        return local
    import platformdirs

    return Path(platformdirs.user_data_dir("wargame")) / "saves"


RESERVED_NAMES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def safe_name(name: str) -> str:
    """A file name from what a user typed: no folders, no dots in front, nothing exotic.

    `../../etc/passwd` becomes `etc-passwd.json`; the result never leaves the
    saves folder it is joined to.
    """
    stem = str(name).strip()
    if stem.lower().endswith(".json"):
        stem = stem[:-5]
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem)
    stem = re.sub(r"\.{2,}", ".", stem).strip(".-")[:64].strip(".-")
    if not stem:
        raise SaveError(f"'{name}' cannot be used as a save name; use letters, digits, '-' or '_'")
    if stem.split(".")[0].lower() in RESERVED_NAMES:
        stem = f"save-{stem}"
    return stem + ".json"


def list_saves(directory: str | Path) -> list[tuple[Path, dict[str, Any]]]:
    """Saves in a folder, newest first, with a summary of each readable one: scenario, turn, date,
    seats, whether and how it ended, whether it is an autosave. Nothing is replayed (that is for
    loading), so a summary is only what the file says.

    Listing also sweeps temp files left by killed saves.
    """
    directory = Path(directory)
    out: list[tuple[Path, dict[str, Any]]] = []
    if not directory.is_dir():
        return out
    sweep_temp_files(directory)
    for p in directory.glob("*.json"):
        try:
            if not p.is_file() or p.stat().st_size > MAX_SAVE_BYTES:
                continue
            doc = json.loads(p.read_text(encoding="utf-8"))
            if not isinstance(doc, dict) or doc.get("kind") != SAVE_KIND:
                continue
            seats = doc.get("seats")
            seats = {str(k): str(v) for k, v in seats.items()} if isinstance(seats, dict) else {}
            turn = doc.get("turn")
            out.append(
                (
                    p,
                    {
                        "scenario": str(doc["scenario"]["id"]),
                        "saved": str(doc.get("saved", "")),
                        "decisions": len(doc.get("decisions", [])),
                        "turn": turn if type(turn) is int else None,
                        "name": str(doc.get("name", "")),
                        "version": doc.get("version"),
                        "seats": seats,
                        "ended": str(doc.get("ended") or ""),
                        "game_id": str(doc.get("game_id") or ""),
                        "autosave": p.name.startswith("autosave-"),
                    },
                )
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            continue
    out.sort(key=lambda item: item[1]["saved"], reverse=True)
    return out
