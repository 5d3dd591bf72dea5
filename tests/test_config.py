"""config.toml: read with tomllib into a frozen Config, one-line errors naming file and key, written back safely."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from wargame import saves
from wargame.config import Config, ConfigError, config_path, load_config, set_value, toml_string

ROOT = Path(__file__).resolve().parents[1]

FULL = """\
# my settings
theme = "nord"
bot_delay = 0.25
saves_dir = "~/wargame-saves"

[seats]
gna = "human"
isis = "hard"

[keymap]
"game.undo" = "z"
"""


def test_a_missing_file_means_the_defaults(tmp_path):
    config = load_config(tmp_path / "absent.toml")
    assert config == Config(path=tmp_path / "absent.toml")
    assert config.bot_delay == 0.7 and config.theme is None and dict(config.seats) == {}


def test_every_key_is_read(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(FULL)
    config = load_config(path)
    assert config.theme == "nord" and config.bot_delay == 0.25
    assert config.saves_dir == Path("~/wargame-saves").expanduser()
    assert dict(config.seats) == {"gna": "human", "isis": "hard"}
    assert dict(config.keymap) == {"game.undo": "z"}
    with pytest.raises(AttributeError):
        config.theme = "other"  # frozen
    with pytest.raises(TypeError):
        config.seats["gna"] = "easy"  # read-only


def test_the_env_variable_picks_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("WARGAME_CONFIG", str(tmp_path / "elsewhere.toml"))
    assert config_path() == tmp_path / "elsewhere.toml"
    monkeypatch.delenv("WARGAME_CONFIG")
    assert config_path().name == "config.toml" and "wargame" in str(config_path())


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("theme = nord\n", ["not valid TOML", "line 1"]),
        ("thme = 'nord'\n", ["thme", "did you mean 'theme'"]),
        ("bot_delay = 'fast'\n", ["bot_delay", "seconds"]),
        ("bot_delay = 99\n", ["bot_delay", "0 to 10"]),
        ("bot_delay = true\n", ["bot_delay"]),
        ("theme = 3\n", ["theme", "quotes"]),
        ("saves_dir = ''\n", ["saves_dir"]),
        ("seats = 'human'\n", ["seats", "table"]),
        ("[seats]\ngna = 'expert'\n", ["seats.gna", "'expert'"]),
        ("[keymap]\n'game.undo' = 3\n", ["keymap.game.undo", "quotes"]),
    ],
)
def test_a_bad_file_is_one_line_naming_the_file_and_the_key(tmp_path, text, words):
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    message = str(err.value)
    assert "\n" not in message and str(path) in message
    for word in words:
        assert word in message


def test_a_bad_config_stops_play_with_one_line_and_no_traceback(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("bot_delay = 'slow'\n")
    env = {**os.environ, "WARGAME_CONFIG": str(path)}
    proc = subprocess.run(
        [sys.executable, "-m", "wargame", "play", "tutorial"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert str(path) in proc.stderr and "bot_delay" in proc.stderr


def test_set_value_keeps_every_other_line_comment_and_table(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(FULL)
    set_value(path, "theme", "dracula")
    text = path.read_text()
    assert text == FULL.replace('theme = "nord"', 'theme = "dracula"')
    path.write_text(FULL.replace('theme = "nord"\n', ""))
    set_value(path, "theme", 'odd "name" \\ \t')
    doc = tomllib.loads(path.read_text())
    assert doc["theme"] == 'odd "name" \\ \t', "the value is escaped"
    assert doc["seats"] == {"gna": "human", "isis": "hard"}, "a top-level key goes before the first table"
    assert path.read_text().startswith("# my settings\n")


def test_set_value_creates_the_file_and_its_folder(tmp_path):
    path = tmp_path / "deep" / "config.toml"
    set_value(path, "theme", "nord")
    assert load_config(path).theme == "nord"
    assert oct(path.stat().st_mode & 0o777) != oct(0o600)


def test_toml_strings_round_trip():
    for value in ["plain", 'q"uote', "back\\slash", "tab\there", "\x7f", "ünïcode"]:
        assert tomllib.loads(f"v = {toml_string(value)}")["v"] == value


def test_saves_folder_order_is_flag_then_env_then_config_then_local(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WARGAME_SAVES", raising=False)
    assert saves.saves_dir("flag", "conf") == Path("flag")
    assert saves.saves_dir(None, "conf") == Path("conf")
    monkeypatch.setenv("WARGAME_SAVES", "env")
    assert saves.saves_dir(None, "conf") == Path("env")
    assert saves.saves_dir("flag", "conf") == Path("flag")
    monkeypatch.delenv("WARGAME_SAVES")
    (tmp_path / "saves").mkdir()
    assert saves.saves_dir(None, None) == tmp_path / "saves"


def play_args(**kw) -> argparse.Namespace:
    base = dict(scenario=None, seed=None, seat=[], load=None, facilitator=False, saves_dir=None, config=None)
    return argparse.Namespace(**{**base, **kw})


def test_default_seats_come_from_the_config_and_the_command_line_wins(tmp_path):
    from wargame.tui import launch

    tutorial = str(ROOT / "scenarios" / "tutorial.yaml")
    path = tmp_path / "config.toml"
    path.write_text('[seats]\ngna = "easy"\nisis = "hard"\nnobody = "human"\n')
    config = load_config(path)
    game, _ = launch.plan(play_args(scenario=tutorial, config=config))
    assert game.seats == {"gna": "easy", "isis": "hard"}, "a faction the scenario lacks is skipped"
    game, _ = launch.plan(play_args(scenario=tutorial, config=config, seat=["gna=human"]))
    assert game.seats == {"gna": "human", "isis": "hard"}


def test_a_seat_the_scenario_forbids_names_the_config_file(tmp_path):
    from wargame.errors import UserError
    from wargame.tui import launch

    path = tmp_path / "config.toml"
    path.write_text('[seats]\nisis = "human"\n')
    with pytest.raises(UserError, match=r"config file .*config.toml: \[seats\]"):
        launch.plan(play_args(scenario=str(ROOT / "scenarios" / "tutorial.yaml"), config=load_config(path)))
