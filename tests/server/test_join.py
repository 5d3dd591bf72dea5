"""`wargame join`: the game screen over a real server (Pilot), its keys, its seats, and reconnecting."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys

import pytest
from serving import Server, call, free_port

from wargame.server.join_app import JoinApp, RemoteGameScreen
from wargame.server.remote import RemoteError, connect
from wargame.tui.meters import Meters


async def until(pilot, condition, seconds: float = 15.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the screen never got there")


@pytest.fixture
def tutorial(tmp_path):
    port = free_port()
    server = Server(tmp_path, "tutorial", "--seed", "2", "--name", "j", port=port)
    yield server
    server.stop()


def test_a_team_plays_with_its_keys_and_the_server_has_the_decision(tutorial, tmp_path, monkeypatch):
    server = tutorial
    here = tmp_path / "client"
    here.mkdir()
    monkeypatch.chdir(here)
    app = JoinApp(connect(server.url, server.token("gna")))

    async def run():
        async with app.run_test(size=(140, 45)) as pilot:
            screen = app.screen
            assert isinstance(screen, RemoteGameScreen) and not screen.facilitator
            await until(pilot, lambda: bool(screen.query_one(Meters).groups))
            assert screen.query_one("#header").seed is None  # the seed never reaches a client
            await pilot.press("down", "enter")  # the second action: Pay the brigades (no target)
            await until(pilot, lambda: screen.game.state.step >= 1)

    asyncio.run(run())
    status, view = call(server.url, "/api/view", server.token("facilitator"))
    assert status == 200 and view["decisions"][0] == {"act": "pay_brigades", "by": "human"}
    assert list(here.iterdir()) == []  # the client writes no save of its own: the server's is the game


def test_the_facilitator_and_the_projector_open_their_own_screens(tutorial):
    server = tutorial

    async def run(seat: str):
        app = JoinApp(connect(server.url, server.token(seat)))
        async with app.run_test(size=(140, 45)) as pilot:
            screen = app.screen
            await until(pilot, lambda: bool(screen.query_one(Meters).groups))
            if seat == "projector":  # its own screen: read-only, nothing to decide with
                return type(screen).__name__, hasattr(screen, "decide")
            return screen.facilitator, screen.me

    assert asyncio.run(run("facilitator")) == (True, None)
    assert asyncio.run(run("projector")) == ("ProjectorScreen", False)


def test_the_client_reconnects_by_itself_when_the_server_comes_back(tmp_path):
    port = free_port()
    server = Server(tmp_path, "tutorial", "--seed", "2", "--name", "r", port=port)
    save = tmp_path / "saves" / "r.json"
    app = JoinApp(connect(server.url, server.token("gna")))
    box = {"server": server}

    async def run():
        async with app.run_test(size=(140, 45)) as pilot:
            screen = app.screen
            await until(pilot, lambda: bool(screen.query_one(Meters).groups))
            box["server"].kill()
            await until(pilot, lambda: screen._lost)
            box["server"] = await asyncio.to_thread(Server, tmp_path, "--resume", str(save), port=port)
            await until(pilot, lambda: not screen._lost, 20)
            status, _ = await asyncio.to_thread(
                call, server.url, "/api/decide", server.token("facilitator"), {"decision": {"bookmark": "lunch"}}
            )
            assert status == 200
            await until(pilot, lambda: screen.game.state.step == 1)

    try:
        asyncio.run(run())
    finally:
        box["server"].stop()
    assert json.loads(save.read_text())["decisions"] == [{"bookmark": "lunch", "by": "facilitator"}]


def test_join_says_plainly_what_is_wrong(tutorial, tmp_path):
    server = tutorial
    with pytest.raises(RemoteError, match="refused \\(403\\)"):
        connect(server.url, "wrong")
    with pytest.raises(RemoteError, match="starts with http"):
        connect("127.0.0.1:1", "x")
    run = subprocess.run(
        [sys.executable, "-m", "wargame.cli", "join", f"http://127.0.0.1:{free_port()}", "--token", "x"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1 and "cannot reach the server" in run.stderr and "Traceback" not in run.stderr
    run = subprocess.run(
        [sys.executable, "-m", "wargame.cli", "join", server.url],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 2 and "--token" in run.stderr
