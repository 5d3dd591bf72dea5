"""A strict orders timer: when the countdown runs out, the server closes the orders itself."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import aiohttp
import attrs
from aiohttp import web

from wargame.engine.sessions import apply_session
from wargame.scenario import load_scenario
from wargame.server.api import make_app
from wargame.server.room import Room

EXERCISE = Path(__file__).resolve().parents[1] / "engine" / "exercise.yaml"


def test_the_server_closes_the_orders_when_a_strict_timer_runs_out(tmp_path):
    s = apply_session(load_scenario(EXERCISE)[0], "two-hours")
    s = attrs.evolve(s, session=attrs.evolve(s.session, timer=1, timer_strict=True))
    room = Room.create(s, 3, {"north": "human", "south": "human", "militia": "easy"}, tmp_path / "t.json", "t")

    async def run():
        runner = web.AppRunner(make_app(room, web_client=False))
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        url = f"http://127.0.0.1:{runner.addresses[0][1]}"
        headers = {"Authorization": f"Bearer {room.tokens['north']}"}
        south = {"Authorization": f"Bearer {room.tokens['south']}"}
        try:
            async with aiohttp.ClientSession(headers=headers) as http:
                for _ in range(200):  # the teams answer any event card; then the turn's orders are due
                    async with http.get(url + "/api/view") as resp:
                        view = await resp.json()
                    if view["phase"] == "orders" and "orders" in view["pending"]:
                        break
                    for who in (headers, south):
                        async with http.get(url + "/api/view", headers=who) as resp:
                            mine = await resp.json()
                        if "choice" in mine["pending"]:
                            first = next(i["decision"] for i in mine["legal"] if i["legal"])
                            async with http.post(url + "/api/decide", headers=who, json={"decision": first}) as r:
                                assert r.status == 200, await r.text()
                    await asyncio.sleep(0.05)
                assert view["timer"]["strict"] and 0 <= view["timer"]["remaining"] <= 1
                turn = view["turn"]
                for _ in range(100):  # nobody sends orders: the clock closes them
                    async with http.get(url + "/api/view") as resp:
                        view = await resp.json()
                    if view["turn"] > turn or view["phase"] != "orders":
                        break
                    await asyncio.sleep(0.05)
        finally:
            await runner.cleanup()
        return view

    view = asyncio.run(run())
    assert view["turn"] > 1 or view["phase"] != "orders"
    entries = json.loads((tmp_path / "t.json").read_text())["decisions"]
    closes = [e for e in entries if "close_orders" in e or e.get("by") == "facilitator"]
    assert closes and closes[0]["by"] == "facilitator"
