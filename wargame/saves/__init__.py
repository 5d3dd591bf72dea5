"""Saves: versioned JSON decision logs, written atomically, replayed and checked on load, rewound into branches."""

from wargame.saves.document import (
    MAX_SAVE_BYTES,
    MIGRATIONS,
    SAVE_KIND,
    SAVE_VERSION,
    Branch,
    SavedGame,
    SaveError,
    audit_digest,
    explain_changes,
    extend,
    fingerprint,
    from_json,
    new_game_id,
    record,
    stamp,
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
    audit_note,
    branch_line,
    check_audit,
    check_scenario,
    find_scenario,
    load_game,
    replay,
    rewind,
    verify,
)
from wargame.saves.owners import (
    autosave_stem,
    conflict,
    covers,
    describe,
    same_file_note,
    write_autosave,
    write_new,
)

__all__ = [
    "MAX_SAVE_BYTES", "MIGRATIONS", "SAVE_KIND", "SAVE_VERSION", "STALE_TEMP_SECONDS", "TEMP_PREFIX", "Branch",
    "SaveError", "SavedGame", "audit_digest", "audit_note", "autosave_stem", "branch_line", "check_audit",
    "check_scenario", "conflict", "covers", "describe", "explain_changes", "extend", "find_scenario", "fingerprint",
    "from_json", "list_saves", "load_game", "new_game_id", "read_save", "record", "replay", "rewind", "safe_name",
    "same_file_note", "save_text", "saves_dir", "stamp", "sweep_temp_files", "to_json", "verify", "write_atomic",
    "write_autosave", "write_new", "write_save",
]
