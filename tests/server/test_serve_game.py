"""Whole games through the API of a real server on 127.0.0.1: every team a client, bots on the other seats."""

from __future__ import annotations

import asyncio
import json
import random
import subprocess
import sys

import pytest
from serving import Server, call, my_turn, pick

from wargame.catalog import load


def play_through_api(server: Server, teams: list[str], seed: int) -> list[tuple[str, dict]]:
    """The team whose moment it is decides at random, until the end; returns what was accepted."""
    rng, accepted = random.Random(seed), []
    while True:
        status, seen = call(server.url, "/api/view", server.token("projector"))
        assert status == 200 and seen["legal"] == []  # the projector never gets decisions
        if seen["outcome"] is not None:
            return accepted
        team = seen["moment"]["faction"] if seen["moment"] else None
        if team not in teams:
            call(server.url, f"/api/events?since={seen['revision']}", server.token("projector"))
            continue
        view = my_turn(server.url, server.token(team))
        if view["outcome"] is not None:
            continue
        decision = pick(view, rng)
        status, after = call(server.url, "/api/decide", server.token(team), {"decision": decision, "at": view["at"]})
        assert status == 200, after
        assert after["step"] > view["step"]
        accepted.append((team, decision))


async def watch(url: str, token: str, until_over: list) -> dict:
    """A WebSocket client: the last view it was pushed (the game's end)."""
    import aiohttp

    last = None
    async with (
        aiohttp.ClientSession(headers={"Authorization": f"Bearer {token}"}) as http,
        http.ws_connect(url + "/api/events", max_msg_size=0) as ws,
    ):
        async for msg in ws:
            last = json.loads(msg.data)
            if last["outcome"] is not None and until_over:
                break
    return last


def run_game(tmp_path, scenario: str, seats: list[str], seed: int):
    s = load(scenario)
    server = Server(tmp_path, scenario, "--seed", str(seed), "--name", "class", *seats)
    try:
        teams = [f for f in server.links if f in s.faction_index]
        watchers = ["facilitator", "projector", *teams]

        async def together():
            tasks = [asyncio.create_task(watch(server.url, server.token(w), [True])) for w in watchers]
            await asyncio.sleep(0.3)
            accepted = await asyncio.to_thread(play_through_api, server, teams, seed)
            finals = await asyncio.wait_for(asyncio.gather(*tasks), 60)
            return accepted, finals

        accepted, finals = asyncio.run(together())
    finally:
        server.stop()
    return server, teams, accepted, finals


def check_game(tmp_path, server, teams, accepted, finals):
    save = tmp_path / "saves" / "class.json"
    doc = json.loads(save.read_text())
    humans = [d for d in doc["decisions"] if d.get("by") == "human"]
    assert [{k: v for k, v in d.items() if k != "by"} for d in humans] == [d for _, d in accepted]
    for view in finals:  # every client was pushed the end
        assert view["outcome"] is not None and view["step"] == len(doc["decisions"])
    assert "token" not in save.read_text()
    assert not any(server.token(seat) in save.read_text() for seat in server.links)
    run = subprocess.run(
        [sys.executable, "-m", "wargame.cli", "replay", str(save), "--verify"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "verified" in run.stdout


def test_the_tutorial_played_by_clients_through_the_api_replays_and_verifies(tmp_path):
    server, teams, accepted, finals = run_game(tmp_path, "tutorial", [], seed=4)
    assert teams == ["gna"] and len(finals) == 3 and accepted
    check_game(tmp_path, server, teams, accepted, finals)


@pytest.mark.slow
def test_libya_played_by_five_teams_with_the_facilitator_and_the_projector_watching(tmp_path):
    server, teams, accepted, finals = run_game(tmp_path, "libya-2016", ["--seat", "isis=easy"], seed=11)
    assert len(teams) == 5 and len(finals) == 7
    assert {t for t, _ in accepted} == set(teams)
    check_game(tmp_path, server, teams, accepted, finals)
