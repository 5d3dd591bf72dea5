"""The projector's link: the public picture, large, with the countdown, and nothing that changes the game."""

from __future__ import annotations

import asyncio
import html
import re
import shutil
import time
from pathlib import Path

import pytest
from serving import Server, call, orders_view

from wargame.server.join_app import JoinApp
from wargame.server.projector import ProjectorScreen, clock_text
from wargame.server.remote import connect
from wargame.tui.actions import ActionsPanel
from wargame.tui.board import Board
from wargame.tui.log import GameLog
from wargame.tui.meters import Meters

EXERCISE = Path(__file__).resolve().parents[1] / "engine" / "exercise.yaml"
SEATS = ["--seat", "north=human", "--seat", "south=human", "--seat", "militia=easy"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def orders_game(tmp_path):
    server = Server(tmp_path, str(EXERCISE), "--session", "two-hours", "--seed", "3", "--name", "pj", *SEATS)
    yield server
    server.stop()


def screen_text(app) -> str:
    """What the screen shows, as text: the screenshot without its SVG markup."""
    return html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")


def test_clock_text_counts_down_whole_seconds_rounded_up():
    assert [clock_text(x) for x in (600, 599.2, 61, 60, 0.4, 0)] == ["10:00", "10:00", "1:01", "1:00", "0:01", "0:00"]


def test_the_projector_shows_the_public_picture_and_the_countdown_and_takes_no_decision(orders_game):
    server = orders_game
    due = orders_view(server)
    before = call(server.url, "/api/view", server.token("facilitator"))[1]["step"]

    async def run():
        app = JoinApp(connect(server.url, server.token("projector")))
        async with app.run_test(size=(100, 32)) as pilot:
            screen = app.screen
            assert isinstance(screen, ProjectorScreen)
            assert not screen.query(ActionsPanel) and not app.screen.query("Footer")  # nothing to choose
            assert screen.query_one(Board).values and screen.query_one(Meters).groups
            assert screen.query_one(GameLog).lines
            digits = screen.query_one("#pj-clock").value
            assert re.fullmatch(r"\d+:\d\d", digits)
            assert 0 < int(digits.split(":")[0]) * 60 + int(digits.split(":")[1]) <= due["timer"]["seconds"]
            for key in ("enter", "space", "p", "o", "tab", "a", "1", "f"):  # keys change nothing
                await pilot.press(key)
            status, _ = await asyncio.to_thread(
                call,
                server.url,
                "/api/decide",
                server.token("north"),
                {"decision": {"orders": "north", "actions": [], "intent": "hold the line"}},
            )
            assert status == 200
            for _ in range(200):  # the server pushes the new public view
                if "Orders in: North" in str(screen.query_one("#pj-orders").render()):
                    break
                await pilot.pause(0.05)
            text = screen_text(app)
            assert "Orders: 1 of 3 in" in text and "Orders in: North" in text
            assert "hold the line" not in text  # the orders themselves stay secret
            assert "?" in text  # values hidden from the room read '?'
            await pilot.resize_terminal(160, 45)  # wider: the same picture, larger board
            await pilot.pause(0.2)
            assert screen.query_one(Board).region.width > 0

    asyncio.run(run())
    assert call(server.url, "/api/view", server.token("facilitator"))[1]["step"] == before + 1  # north's orders only


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it with apt)")
def test_the_projector_link_opens_in_a_browser_at_a_projector_s_size(orders_game, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    server = orders_game
    orders_view(server)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        page.goto(f"{server.url}/play?token={server.token('projector')}&fontsize=24")
        page.wait_for_selector("body.-first-byte", timeout=30_000)
        time.sleep(3)  # the screen mounts and draws
        shot = tmp_path / "projector.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 20_000  # a drawn screen, not a blank page
        text = page.evaluate("() => document.querySelector('#terminal').innerText || ''")
        page.close()
        browser.close()
    if text:  # the DOM renderer gives the text; the canvas one draws pixels only
        assert "public picture" in text
