"""The core and the authoring commands never load Textual or Rich."""

import json
import subprocess
import sys

import pytest

CORE = ["wargame.engine", "wargame.scenario", "wargame.bots", "wargame.saves", "wargame.engine.codec"]


def loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


@pytest.mark.parametrize("module", CORE)
def test_core_imports_no_ui(module):
    mods = loaded_after(f"import {module}")
    assert module in mods
    assert not {m for m in mods if m.split(".")[0] in ("textual", "rich")}


def test_core_plays_a_game_without_ui():
    code = (
        "from wargame.scenario import load_scenario\n"
        "from wargame import engine, bots\n"
        "s, _ = load_scenario('scenarios/tutorial.yaml')\n"
        "st = engine.new_game(s, 1)\n"
        "while st.outcome is None:\n"
        "    st, _ = engine.apply(s, st, bots.choose(s, st, 'random')[0])\n"
    )
    mods = loaded_after(code)
    assert not {m for m in mods if m.split(".")[0] in ("textual", "rich")}


@pytest.mark.parametrize("argv", [["validate", "scenarios/tutorial.yaml"], ["schema"]])
def test_authoring_commands_do_not_import_textual(argv):
    code = (
        "import sys, io, contextlib\n"
        "from wargame.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    rc = main({argv!r})\n"
        "assert rc == 0\n"
    )
    mods = loaded_after(code)
    assert "wargame.scenario" in mods
    assert not {m for m in mods if m.split(".")[0] == "textual"}
