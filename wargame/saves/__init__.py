"""Saves: versioned JSON decision logs, written atomically, replayed and checked on load, rewound into branches."""

from wargame.saves.document import (
    MAX_SAVE_BYTES,
    MIGRATIONS,
    SAVE_KIND,
    SAVE_VERSION,
    Branch,
    SavedGame,
    SaveError,
    explain_changes,
    extend,
    fingerprint,
    from_json,
    record,
    to_json,
)
from wargame.saves.files import (
    STALE_TEMP_SECONDS,
    TEMP_PREFIX,
    list_saves,
    read_save,
    safe_name,
    save_text,
    saves_dir,
    sweep_temp_files,
    write_atomic,
    write_save,
)
from wargame.saves.games import (
    branch_line,
    check_scenario,
    find_scenario,
    load_game,
    replay,
    rewind,
    verify,
)

__all__ = [
    "MAX_SAVE_BYTES", "MIGRATIONS", "SAVE_KIND", "SAVE_VERSION", "STALE_TEMP_SECONDS", "TEMP_PREFIX", "Branch",
    "SaveError", "SavedGame", "branch_line", "check_scenario", "explain_changes", "extend", "find_scenario",
    "fingerprint", "from_json", "list_saves", "load_game", "read_save", "record", "replay", "rewind", "safe_name",
    "save_text", "saves_dir", "sweep_temp_files", "to_json", "verify", "write_atomic", "write_save",
]
