"""The user's settings file, config.toml: read once into a frozen Config, with one-line errors.

Where: $WARGAME_CONFIG if set, else `config.toml` in the user's config folder
(platformdirs, app "wargame": ~/.config/wargame/config.toml on Linux). A missing
file means the defaults. Every key is optional:

    theme = "nord"              # a Textual theme; the one picked in the palette is written here
    bot_delay = 0.7             # seconds a bot's decision stays on screen before the next (0 to 10)
    saves_dir = "~/wargame"     # where saves go (--saves-dir and $WARGAME_SAVES win over it)

    [seats]                     # who plays a faction when `wargame play SCENARIO` starts a game;
    gna = "human"               # factions a scenario does not have are ignored; --seat wins
    isis = "hard"

    [keymap]                    # rebind the game's keys: binding id = keys (see docs/tui.md)
    "game.undo" = "ctrl+z"

Only the flat keys this module owns are ever written back (`set_value`): the
file's other lines, comments and tables are kept as they are.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from wargame.errors import UserError

ENV = "WARGAME_CONFIG"
WHO = ("human", "random", "easy", "normal", "hard")
MAX_BOT_DELAY = 10.0
KEYS = ("theme", "bot_delay", "saves_dir", "seats", "keymap")
_EMPTY: MappingProxyType[str, str] = MappingProxyType({})


class ConfigError(UserError):
    """A config file that cannot be used: one line naming the file and the key."""


@dataclass(frozen=True)
class Config:
    """The settings in force; every field has the default a missing file gives."""

    path: Path | None = None  # the file read (None: defaults only)
    theme: str | None = None
    bot_delay: float = 0.7
    saves_dir: Path | None = None
    seats: MappingProxyType[str, str] = field(default_factory=lambda: _EMPTY)
    keymap: MappingProxyType[str, str] = field(default_factory=lambda: _EMPTY)


def config_path() -> Path:
    """$WARGAME_CONFIG, else config.toml in the user's config folder."""
    env = os.environ.get(ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("wargame")) / "config.toml"


def load_config(path: Path | None = None) -> Config:
    """The settings from `path` (default: config_path()); ConfigError names the file and key at fault."""
    path = config_path() if path is None else Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Config(path=path)
    except IsADirectoryError:
        raise ConfigError(f"config file {path} is a folder, not a file") from None
    except OSError as exc:
        raise ConfigError(f"config file {path}: cannot read it ({exc.strerror})") from None
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"config file {path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    return _parse(path, doc)


def _parse(path: Path, doc: dict[str, Any]) -> Config:
    def bad(key: str, why: str) -> ConfigError:
        return ConfigError(f"config file {path}: {key}: {why}")

    for key in doc:
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f" (the keys are {', '.join(KEYS)})"
            raise bad(key, f"not a setting{hint}")
    theme = doc.get("theme")
    if theme is not None and (not isinstance(theme, str) or not theme.strip()):
        raise bad("theme", 'write a theme name in quotes, e.g. theme = "nord"')
    delay = doc.get("bot_delay", Config.bot_delay)
    if isinstance(delay, bool) or not isinstance(delay, int | float) or not 0 <= delay <= MAX_BOT_DELAY:
        raise bad("bot_delay", f"write a number of seconds from 0 to {MAX_BOT_DELAY:g}, e.g. bot_delay = 0.7")
    saves = doc.get("saves_dir")
    if saves is not None and (not isinstance(saves, str) or not saves.strip()):
        raise bad("saves_dir", 'write a folder in quotes, e.g. saves_dir = "~/wargame-saves"')
    seats = _table(doc, "seats", bad)
    for fid, who in seats.items():
        if who not in WHO:
            raise bad(f"seats.{fid}", f"'{who}' is not one of {', '.join(WHO)}")
    keymap = _table(doc, "keymap", bad)
    return Config(
        path=path,
        theme=theme.strip() if theme else None,
        bot_delay=float(delay),
        saves_dir=Path(saves).expanduser() if saves else None,
        seats=MappingProxyType(seats),
        keymap=MappingProxyType(keymap),
    )


def _table(doc: dict[str, Any], key: str, bad: Callable[[str, str], ConfigError]) -> dict[str, str]:
    table = doc.get(key, {})
    if not isinstance(table, dict):
        raise bad(key, f'write it as a table: a line [{key}], then name = "value" lines')
    for name, value in table.items():
        if not isinstance(value, str):
            raise bad(f"{key}.{name}", 'write the value in quotes, e.g. "human"')
    return dict(table)


# -- writing back -----------------------------------------------------------------------------------

_TABLE_HEADER = re.compile(r"^\s*\[")


def toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def set_value(path: Path, key: str, value: str) -> None:
    """Set the top-level string `key` in the file at `path`, keeping every other line as it is.

    A tiny writer for the flat keys this module owns (only `theme` today): the
    key's line is replaced where it stands, or added before the first [table]
    (top-level keys must come before any table). Written atomically; the file
    and its folder are created when missing. OSError when it cannot be written.
    """
    from wargame.files import write_atomic

    if key not in KEYS or key in ("seats", "keymap"):
        raise ValueError(f"{key} is not a flat config key")
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    line = f"{key} = {toml_string(value)}"
    mine = re.compile(rf"^\s*{re.escape(key)}\s*=")
    first_table = next((i for i, text in enumerate(lines) if _TABLE_HEADER.match(text)), len(lines))
    for i in range(first_table):
        if mine.match(lines[i]):
            lines[i] = line
            break
    else:
        lines.insert(first_table, line)
    write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"))
