"""The orders countdown survives a restart: a crash lets it run on, a stop on purpose pauses it."""

from __future__ import annotations

import json
import time
from pathlib import Path

from serving import Server, call, orders_view

EXERCISE = Path(__file__).resolve().parents[1] / "engine" / "exercise.yaml"
SEATS = ["--seat", "north=human", "--seat", "south=human", "--seat", "militia=easy"]


def test_a_resumed_server_continues_the_countdown_instead_of_starting_it_again(tmp_path):
    server = Server(tmp_path, str(EXERCISE), "--session", "two-hours", "--seed", "3", "--name", "clock", *SEATS)
    save = tmp_path / "saves" / "clock.json"
    try:
        before = orders_view(server)
        assert before["timer"]["seconds"] == 600 and 0 < before["timer"]["remaining"] <= 600
        kept = json.loads((tmp_path / "saves" / "clock.tokens").read_text())["timer"]
        assert kept["turn"] == before["turn"] and "deadline" in kept
        assert "timer" not in json.loads(save.read_text())  # not in the save handed round for the debrief
    finally:
        server.kill()  # SIGKILL: no chance to write anything more
    time.sleep(0.3)
    server = Server(tmp_path, "--resume", str(save), port=server.port)
    try:
        status, after = call(server.url, "/api/view", server.token("north"))
        assert status == 200 and after["turn"] == before["turn"] and after["phase"] == "orders"
        assert 0 < after["timer"]["remaining"] < before["timer"]["remaining"]  # it ran on, it did not restart
        paused_at = after["timer"]["remaining"]
        server.stop()  # Ctrl+C: the seconds left are kept
        left = json.loads((tmp_path / "saves" / "clock.tokens").read_text())["timer"]["left"]
        assert 0 < left <= paused_at
        time.sleep(0.3)
        started = time.monotonic()
        server = Server(tmp_path, "--resume", str(save), port=server.port)
        status, again = call(server.url, "/api/view", server.token("south"))
        waited = time.monotonic() - started
        assert status == 200
        assert left - waited - 1 <= again["timer"]["remaining"] <= left  # paused while the server was down
    finally:
        server.kill()


def test_a_kept_countdown_is_read_with_suspicion_and_a_rewind_starts_a_fresh_one():
    from wargame.server.clock import OrdersClock

    for junk in (
        None,
        [],
        "x",
        {"turn": "2"},
        {"turn": 2, "seconds": float("nan"), "left": 5},
        {"turn": 2, "seconds": 600, "left": "5"},
        {"turn": 2, "seconds": 1e300, "deadline": 1e300},
        {"turn": True, "seconds": 600, "left": 5},
        {"turn": 2, "rewinds": "1", "seconds": 600, "left": 5},
    ):
        assert OrdersClock.from_json(junk) == OrdersClock(), junk
    kept = OrdersClock.from_json({"turn": 2, "rewinds": 1, "seconds": 600, "left": 9999})
    assert kept.left() <= 600  # never more than the turn's time
    left, fresh = kept.remaining(2, 600, 1)
    assert not fresh and left <= 600
    left, fresh = kept.remaining(2, 600, 2)  # the facilitator rewound: a fresh countdown
    assert fresh and left > 599
    assert kept.to_json(stopping=True)["rewinds"] == 2
