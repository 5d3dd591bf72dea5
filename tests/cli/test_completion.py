"""`wargame completion bash|zsh|fish`: scripts the shells accept, naming every subcommand, completing for real."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wargame.cli.main import COMMANDS

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def script(shell: str) -> str:
    proc = subprocess.run([str(BIN / "wargame"), "completion", shell], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_bash_accepts_the_bash_script(tmp_path):
    path = tmp_path / "wargame.bash"
    path.write_text(script("bash"))
    proc = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def complete(tmp_path, *words: str) -> list[str]:
    """What bash offers after `wargame WORDS...` (the last word is the one being completed)."""
    path = tmp_path / "wargame.bash"
    path.write_text(script("bash"))
    quoted = " ".join(shlex.quote(w) for w in words)
    code = (
        f"source {path}\nCOMP_WORDS=(wargame {quoted})\nCOMP_CWORD={len(words)}\n"
        "_wargame\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
    )
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(["bash", "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return [w for w in proc.stdout.splitlines() if w]


def test_bash_completes_subcommands_options_levels_and_scenario_ids(tmp_path):
    assert complete(tmp_path, "sim") == ["simulate"]
    assert set(complete(tmp_path, "")) >= set(COMMANDS)
    assert "--workers" in complete(tmp_path, "simulate", "--w")
    assert complete(tmp_path, "simulate", "--bots", "") == ["random", "easy", "normal", "hard"]
    assert "tutorial" in complete(tmp_path, "play", "tut")  # asked of `wargame completion --scenarios`
    assert "libya-2016" in complete(tmp_path, "describe", "li")


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_name_every_subcommand(shell):
    text = script(shell)
    assert text.strip()
    for name in COMMANDS:
        assert name in text
    if shutil.which(shell):  # when the shell is installed, it must accept the script
        proc = subprocess.run(
            [shell, "-n", "-c", text] if shell == "fish" else [shell, "-n"], input=text, capture_output=True, text=True
        )
        assert proc.returncode == 0, proc.stderr


def test_no_shell_named_is_one_line_and_exit_2():
    proc = subprocess.run([str(BIN / "wargame"), "completion"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "bash" in proc.stderr


def test_scenario_ids_for_completion_include_the_bundled_ones():
    proc = subprocess.run(
        [str(BIN / "wargame"), "completion", "--scenarios"], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert {"tutorial", "libya-2016"} <= set(proc.stdout.split())
