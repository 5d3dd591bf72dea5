"""The command line as a newcomer meets it: `python -m wargame`, help with examples, did-you-mean, one vocabulary."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wargame.cli.main import COMMANDS, build_parser

ROOT = Path(__file__).resolve().parents[2]
WARGAME = str(Path(sys.executable).parent / "wargame")


def run(*args: str, cwd: Path = ROOT, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "wargame", *args], capture_output=True, text=True, cwd=cwd, timeout=120, env=env, **kw
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def subparsers() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_python_dash_m_wargame_runs_the_command():
    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("wargame ")
    assert run("--help").stdout == subprocess.run([WARGAME, "--help"], capture_output=True, text=True).stdout


def test_every_registered_module_is_a_subcommand():
    assert list(subparsers()) == list(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_subcommand_has_a_description_examples_and_help_on_every_option(name):
    parser = subparsers()[name]
    assert parser.description and len(parser.description) > 40
    assert parser.epilog.startswith("examples:") and f"wargame {name}" in parser.epilog
    for action in parser._actions:
        if action.help == argparse.SUPPRESS or action.dest == "help":
            continue
        assert action.help and len(action.help) > 5, (name, action.dest)
    text = run(name, "--help").stdout
    assert "examples:" in text and parser.description.splitlines()[0] in text


@pytest.mark.parametrize("flag", ["--games", "--seed", "--bots", "--seat", "--vary", "--json", "--csv", "--workers"])
def test_simulate_help_explains_each_option(flag):
    text = run("simulate", "--help").stdout
    line = next(line for line in text.splitlines() if line.strip().startswith(flag))
    assert len(line.split(None, 2)) == 3, f"{flag} has no help text: {line!r}"


def test_a_mistyped_subcommand_gets_did_you_mean_and_exit_2():
    proc = run("simualte", "tutorial")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "did you mean 'simulate'?" in proc.stderr
    proc = run("xyzzy")
    assert proc.returncode == 2 and "no command 'xyzzy'" in proc.stderr and "play" in proc.stderr


def test_no_subcommand_prints_help_and_exits_2():
    proc = run()
    assert proc.returncode == 2 and "COMMAND" in proc.stdout and "examples:" in proc.stdout


def test_the_bot_level_is_bots_everywhere_and_policy_still_works_hidden():
    assert "--policy" not in run("autoplay", "--help").stdout
    assert "--bots" in run("autoplay", "--help").stdout
    old = run("autoplay", "tutorial", "--seed", "3", "--policy", "easy", "--quiet")
    new = run("autoplay", "tutorial", "--seed", "3", "--bots", "easy", "--quiet")
    assert old.returncode == new.returncode == 0, old.stderr
    assert old.stdout == new.stdout and "hash" in new.stdout


def test_autoplay_seat_sets_one_factions_level_and_checks_the_id():
    proc = run("autoplay", "tutorial", "--seed", "3", "--seat", "gna=easy")
    assert proc.returncode == 0, proc.stderr
    assert "(easy:" in proc.stdout and "(random:" in proc.stdout
    bad = run("autoplay", "tutorial", "--seat", "gan=easy")
    assert bad.returncode == 1 and "did you mean 'gna'" in bad.stderr and bad.stderr.count("\n") == 1


def test_describe_shows_faction_ids_actions_and_cards():
    from wargame.catalog import load

    scenario = load("tutorial")
    out = run("describe", "tutorial").stdout
    for f in scenario.factions:
        assert f"[id: {f.id}]" in out
    for a in scenario.actions:
        assert f"{a.id}: {a.name}" in out
    for c in scenario.cards:
        assert f"{c.id}: {c.title}" in out


def test_play_refuses_without_a_terminal(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    env["WARGAME_CONFIG"] = str(tmp_path / "none.toml")
    for stdin in (subprocess.DEVNULL, None):
        proc = run("play", "tutorial", env=env, stdin=stdin)  # stdout is a pipe in both
        assert proc.returncode == 2
        assert proc.stdout == "" and proc.stderr.count("\n") == 1
        assert "needs a terminal" in proc.stderr


def test_a_driver_in_the_environment_lets_play_start_without_a_terminal(monkeypatch):
    from wargame.cli.play import DRIVER_ENV, terminal_problem

    monkeypatch.delenv(DRIVER_ENV, raising=False)
    assert terminal_problem() is not None  # pytest captures stdout: not a terminal
    monkeypatch.setenv(DRIVER_ENV, "textual.drivers.web_driver:WebDriver")  # what textual-serve sets
    assert terminal_problem() is None


@pytest.mark.parametrize(
    "argv", [["replay", "tests/report/saves/tutorial-seed3.json"], ["describe", "libya-2016"], ["autoplay", "tutorial"]]
)
def test_a_reader_that_stops_early_ends_the_command_quietly(argv):
    command = " ".join([WARGAME, *argv]) + ' | head -1 >/dev/null; echo "rc=${PIPESTATUS[0]}" >&2'
    proc = subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.stderr.strip() == "rc=0", proc.stderr


def test_play_starts_in_a_real_terminal(tmp_path):
    """In a pseudo-terminal the game opens (Textual switches to the alternate screen) instead of refusing."""
    import pty
    import select
    import signal
    import time

    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    env.update(WARGAME_CONFIG=str(tmp_path / "none.toml"), WARGAME_SAVES=str(tmp_path / "saves"), TERM="xterm")
    pid, fd = pty.fork()
    if pid == 0:  # the child: the game, with the pty as its terminal
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, "-m", "wargame", "play", "tutorial", "--seed", "1"], env)
    seen = b""
    try:
        deadline = time.monotonic() + 90
        while b"\x1b[?1049h" not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 1)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    assert b"needs a terminal" not in seen
    assert b"\x1b[?1049h" in seen, seen[-400:]


def test_the_bot_levels_and_seat_values_have_one_owner():
    from wargame.bots import LEVELS
    from wargame.cli.common import LEVELS as CLI_LEVELS
    from wargame.config import WHO
    from wargame.tui.session import ALL_LEVELS, HUMAN

    assert CLI_LEVELS == LEVELS, "the CLI's copy (kept so parsing does not load the engine) is the bots' list"
    assert set(WHO) == {HUMAN, *ALL_LEVELS}, "config.toml's [seats] takes what --seat takes"


def test_parsing_the_command_line_loads_no_subcommands_work():
    """Every subcommand module is imported to build the parser, so each must keep its heavy imports in `run`."""
    code = (
        "import contextlib, io, json, sys\n"
        "from wargame.cli.main import build_parser\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    build_parser().format_help()\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    modules = json.loads(proc.stdout.splitlines()[-1])
    heavy = [
        m
        for m in modules
        if m.split(".")[0] in ("textual", "rich", "yaml")
        or m.startswith(("wargame.scenario", "wargame.engine", "wargame.bots", "wargame.tui"))
    ]
    assert heavy == []
