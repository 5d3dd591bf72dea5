"""`wargame serve` refuses what it cannot do with one plain line and a non-zero exit, and overwrites nothing."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from serving import Server


def serve(tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TEXTUAL_THEME")}
    return subprocess.run(
        [sys.executable, "-m", "wargame.cli", "serve", *args, "--saves-dir", str(tmp_path / "saves")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env=env,
    )


def plain(run: subprocess.CompletedProcess, code: int, words: str) -> None:
    assert run.returncode == code, run.stderr
    assert words in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr


def test_bad_arguments_get_one_line(tmp_path):
    plain(serve(tmp_path), 2, "name a scenario")
    plain(serve(tmp_path, "tutorial", "--seat", "nobody=human"), 2, "no faction 'nobody'")
    plain(serve(tmp_path, "tutorial", "--seat", "gna=easy"), 2, "no team would play")
    plain(serve(tmp_path, "tutorial", "--port", "70000"), 2, "not a port")
    plain(serve(tmp_path, "tutorial", "--session", "nope"), 2, "has no session 'nope'")
    plain(serve(tmp_path, "--resume", "missing"), 1, "missing")
    plain(serve(tmp_path, "tutorial", "--resume", "missing"), 2, "only --resume")
    plain(serve(tmp_path, "no-such-scenario"), 1, "no-such-scenario")


def test_an_existing_game_is_never_overwritten_and_a_busy_port_is_named(tmp_path):
    server = Server(tmp_path, "tutorial", "--name", "kept")
    try:
        before = (tmp_path / "saves" / "kept.json").read_bytes()
        plain(serve(tmp_path, "tutorial", "--name", "kept", "--port", "0"), 1, "already exists")
        assert (tmp_path / "saves" / "kept.json").read_bytes() == before
    finally:
        server.stop()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        run = serve(tmp_path, "tutorial", "--name", "other", "--port", str(busy.getsockname()[1]))
    plain(run, 1, "cannot listen on 127.0.0.1")
    assert not (tmp_path / "saves" / "other.json").exists()  # nothing left behind by a game that never started


def test_ctrl_c_stops_it_saying_where_the_game_is_and_how_to_resume(tmp_path):
    server = Server(tmp_path, "tutorial", "--name", "night", "--host", "127.0.0.1")
    out = server.links_file.read_text()
    assert "token" in out
    err = server.stop()
    assert server.proc.returncode == 0 and "night.json" in err and "Traceback" not in err
