"""A save survives its writer being SIGKILLed at any moment: the old file or the new one, never a torn one."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

import pytest
from saves_helpers import finished_game

from wargame import engine as E
from wargame import saves
from wargame.engine.codec import to_dict

WRITER = """
import sys
from pathlib import Path
from wargame import saves
a, b, target = saves.read_save(sys.argv[1]), saves.read_save(sys.argv[2]), Path(sys.argv[3])
saves.write_save(target, a)
print("ready", flush=True)
while True:
    saves.write_save(target, b)
    saves.write_save(target, a)
"""


def big_save(scenario, saved, notes: int, text: str):
    """The game followed by many long bookmarks (allowed after the end): a save of a megabyte or two."""
    state = saves.replay(scenario, saved)[0]
    entries = list(saved.decisions)
    for k in range(notes):
        d = E.Bookmark(f"{text} {k}: " + "debrief note " * 40)
        state, _ = E.apply(scenario, state, d)
        entries.append(to_dict(d, by="facilitator"))
    return saves.record(scenario, state, entries, name=text)


def kill_while_saving(tmp_path, kills: int):
    scenario, saved, path = finished_game(tmp_path)
    a = big_save(scenario, saved, 2000, "first")
    b = big_save(scenario, saved, 1900, "second")
    src_a = saves.write_save(tmp_path / "a.json", a)
    src_b = saves.write_save(tmp_path / "b.json", b)
    assert src_a.stat().st_size > 1_000_000
    folder = tmp_path / "live"
    folder.mkdir()
    target = folder / "game.json"
    rng = random.Random(20161)
    torn_writes = 0
    for k in range(kills):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(src_a), str(src_b), str(target)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.08))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        torn_writes += bool(list(folder.glob(".wargame-*.tmp")))
        got = saves.read_save(target)  # raises SaveError if the file were torn
        assert got.state_hash in (a.state_hash, b.state_hash)
        if k % 10 == 0:
            saves.load_game(target)  # and it replays to that hash
        assert [p.name for p in folder.iterdir() if not p.name.startswith(".wargame-")] == ["game.json"]
    assert [p for p, _ in saves.list_saves(folder)] == [target]
    assert not list(folder.glob(".wargame-*")), "listing the folder swept what the killed writers left"
    return torn_writes


@pytest.mark.slow  # about 20-40 s; the default run has the quicker save tests
def test_thirty_kills_at_random_moments_never_leave_a_torn_save(tmp_path):
    torn = kill_while_saving(tmp_path, 30)
    assert torn >= 1, "no kill landed inside a write: the test proved nothing"


@pytest.mark.slow
def test_many_more_kills(tmp_path):
    kill_while_saving(tmp_path, 60)
