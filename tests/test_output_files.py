"""The one atomic writer (wargame.files) and '-' for stdout, on real symlinks, FIFOs and folders in tmp_path."""

from __future__ import annotations

import errno
import json
import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from wargame.files import OutputError, check_output, write_atomic

ROOT = Path(__file__).resolve().parents[1]
GOLDEN_SAVE = ROOT / "tests" / "report" / "saves" / "tutorial-facilitated.json"


def wargame(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "wargame", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".wargame-"))


def test_a_new_file_gets_the_usual_mode_not_0600(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.txt", b"hello")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644
    assert leftovers(tmp_path) == []


def test_an_existing_file_keeps_its_mode(tmp_path):
    path = tmp_path / "kept.txt"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new" and stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_symlink_stays_a_link_and_its_target_is_written(tmp_path):
    target = tmp_path / "real" / "report.json"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert write_atomic(link, b"new") == target
    assert link.is_symlink() and target.read_text() == "new"
    assert leftovers(target.parent) == [] and leftovers(tmp_path) == []


def test_a_fifo_is_written_through_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, b"through the pipe")
    reader.join(timeout=30)
    assert got == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode), "the FIFO is still a FIFO"


def test_a_character_device_is_written_through(tmp_path):
    assert write_atomic("/dev/null", b"gone") == Path("/dev/null")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_folder_or_a_socket_is_refused_with_nothing_written(tmp_path):
    with pytest.raises(OutputError, match="folder"):
        write_atomic(tmp_path, b"x")
    sock_path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(sock_path))
        with pytest.raises(OutputError, match="socket"):
            write_atomic(sock_path, b"x")
        assert check_output(str(sock_path), "--json") == f"--json {sock_path} is a socket, not a file; give a file name"
    finally:
        server.close()
    assert leftovers(tmp_path) == []


def test_a_full_disk_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "save.json"
    path.write_text("the old save")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space"):
        write_atomic(path, b"x" * 100_000)
    assert path.read_text() == "the old save"
    assert leftovers(tmp_path) == []


def test_report_simulate_and_autoplay_write_to_stdout_for_dash(tmp_path):
    save = tmp_path / "game.json"
    save.write_bytes(GOLDEN_SAVE.read_bytes())
    report = wargame("report", str(save), "-o", "-", cwd=tmp_path)
    assert report.returncode == 0 and report.stdout.startswith("#")
    assert not (tmp_path / "-").exists()

    sim = wargame(
        "simulate", "tutorial", "--games", "4", "--workers", "1", "--bots", "random", "--json", "-", cwd=tmp_path
    )
    assert sim.returncode == 0, sim.stderr
    assert json.loads(sim.stdout)["report"]["games"] == 4, "stdout holds only the JSON; the table went to stderr"
    assert not (tmp_path / "-").exists()

    csv = wargame(
        "simulate", "tutorial", "--games", "2", "--workers", "1", "--bots", "random", "--csv", "-", cwd=tmp_path
    )
    assert csv.returncode == 0 and csv.stdout.splitlines()[0].count(",") >= 2

    both = wargame("simulate", "tutorial", "--games", "2", "--json", "-", "--csv", "-", cwd=tmp_path)
    assert both.returncode == 1 and both.stderr.count("\n") == 1

    auto = wargame("autoplay", "tutorial", "--seed", "4", "--save", "-", "--quiet", cwd=tmp_path)
    assert auto.returncode == 0, auto.stderr
    (tmp_path / "piped.json").write_text(auto.stdout)
    assert wargame("replay", str(tmp_path / "piped.json"), "--verify").returncode == 0
    assert not (tmp_path / "-").exists()


def test_simulate_json_through_a_symlink_writes_the_target_with_the_usual_mode(tmp_path):
    target = tmp_path / "out.json"
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    sim = wargame(
        "simulate", "tutorial", "--games", "2", "--workers", "1", "--bots", "random", "--json", str(link), cwd=tmp_path
    )
    assert sim.returncode == 0, sim.stderr
    assert link.is_symlink() and json.loads(target.read_text())["report"]["games"] == 2
    assert stat.S_IMODE(target.stat().st_mode) != 0o600


def test_report_into_a_fifo_streams_to_its_reader(tmp_path):
    save = tmp_path / "game.json"
    save.write_bytes(GOLDEN_SAVE.read_bytes())
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    proc = wargame("report", str(save), "-o", str(fifo))
    reader.join(timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert got and got[0].startswith(b"#") and stat.S_ISFIFO(fifo.stat().st_mode)


def test_write_new_never_replaces_and_leaves_nothing_on_a_full_disk(tmp_path, monkeypatch):
    from wargame.files import write_new

    path = tmp_path / "new.yaml"
    write_new(path, b"first")
    with pytest.raises(FileExistsError):
        write_new(path, b"second")
    assert path.read_bytes() == b"first" and leftovers(tmp_path) == []

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space"):
        write_new(tmp_path / "other.yaml", b"x" * 1000)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.yaml"]


def test_new_on_a_full_disk_is_one_line_and_leaves_no_half_file(tmp_path):
    """The whole command in a process whose fsync reports a full disk: one line, no file at all."""
    code = (
        "import os, sys\n"
        "def full(fd):\n"
        "    raise OSError(28, 'No space left on device')\n"
        "os.fsync = full\n"
        "from wargame.cli.main import main\n"
        "sys.exit(main(['new', 'crisis', '--dir', sys.argv[1]]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s")], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "No space" in proc.stderr
    assert list((tmp_path / "s").iterdir()) == []
