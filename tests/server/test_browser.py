"""A real browser (Playwright driving Debian's chromium) plays a team's /play link; a wrong token gets 403."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from serving import Server, call

from wargame.catalog import load

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it with apt)")


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc: what a browser tab started)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        kids = children(todo.pop())
        found += kids
        todo += kids
    return found


def wait_for(condition, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_a_team_plays_in_the_browser_and_a_wrong_token_starts_nothing(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    server = Server(tmp_path, "tutorial", "--seed", "2", "--name", "b")
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            wrong = page.goto(f"{server.url}/play?token=wrong")
            assert wrong.status == 403 and "does not open a seat" in page.content()
            assert descendants(server.proc.pid) == []  # no process started for it

            page.goto(f"{server.url}/play?token={server.token('gna')}")
            page.wait_for_selector("body.-first-byte", timeout=30_000)  # the TUI's first screen arrived
            assert len(descendants(server.proc.pid)) >= 1  # its `wargame join` runs on the server
            time.sleep(2)  # the game screen mounts and draws its meters
            page.screenshot(path=str(tmp_path / "team.png"))

            def step() -> int:
                return call(server.url, "/api/view", server.token("facilitator"))[1]["step"]

            deadline = time.monotonic() + 90
            page.click("#terminal", position={"x": 1200, "y": 300})  # the keyboard goes to the terminal
            while step() == 0:  # Enter takes the highlighted action (a targeted one: Enter again picks)
                assert time.monotonic() < deadline, "the team's keys never reached the server"
                page.keyboard.press("Enter")
                time.sleep(1.5)
            _, view = call(server.url, "/api/view", server.token("facilitator"))
            first = view["decisions"][0]
            assert first["by"] == "human" and first["act"] in {a.id for a in load("tutorial").actions_of("gna")}
            page.close()
            browser.close()
        wait_for(lambda: descendants(server.proc.pid) == [], 60)  # closing the tab ends its process
    finally:
        server.stop()
