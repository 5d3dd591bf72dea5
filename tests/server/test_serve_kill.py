"""SIGKILL the server at random moments, even mid-decision, and resume: nothing answered with 200 is lost."""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
import urllib.error
from pathlib import Path

import pytest
from serving import Server, call, free_port, my_turn, pick

from wargame import bots
from wargame import engine as E
from wargame.catalog import load
from wargame.engine.codec import from_dict
from wargame.server.room import Room


def try_decide(server: Server, team: str, body: dict, out: dict) -> None:
    try:
        out["answer"] = call(server.url, "/api/decide", server.token(team), body, timeout=10)
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, OSError):
        out["answer"] = None  # the server died under the request: it may or may not have taken it


def uninterrupted_hash(tmp: Path, scenario: str, seed: int, seats: dict, human: list[dict]) -> str:
    """The same game in one process with no kill: the bots move, the teams' decisions come in order."""
    s = load(scenario)
    room = Room.create(s, seed, seats, tmp / "uninterrupted.json", "u")
    todo = iter(human)
    while not room.state.over:
        level = room.bot_to_move()
        if level is not None:
            decision, why = bots.choose(s, room.state, level)
            room.apply(decision, level, why)
        else:
            room.apply(from_dict(next(todo)), "human")
    assert next(todo, None) is None
    return E.state_hash(room.state)


def play_with_kills(tmp: Path, seed: int, kills: int) -> int:
    """One tutorial game; kills the server up to `kills` times; returns how many kills it made."""
    rng, port = random.Random(seed), free_port()
    save = tmp / "saves" / "k.json"
    server = Server(tmp, "tutorial", "--seed", str(seed), "--name", "k", port=port)
    links, accepted, made = server.links, [], 0
    try:
        while True:
            view = my_turn(server.url, server.token("gna"))
            if view["outcome"] is not None:
                break
            body = {"decision": pick(view, rng), "at": view["at"]}
            out: dict = {}
            if made < kills and rng.random() < 0.6:
                sender = threading.Thread(target=try_decide, args=(server, "gna", body, out))
                sender.start()
                time.sleep(rng.uniform(0, 0.03))  # before, during or after the save is written
                server.kill()
                sender.join(15)
                made += 1
                server = Server(tmp, "--resume", str(save), port=port)
                assert server.links == links  # the same tokens: every team's link still works
            else:
                try_decide(server, "gna", body, out)
            answer = out.get("answer")
            if answer is not None and answer[0] == 200:
                accepted.append((answer[1]["step"], body["decision"]))
            entries = json.loads(save.read_text())["decisions"]
            for step, decision in accepted:  # every 200 is on disk, at its place in the log
                assert {k: v for k, v in entries[step - 1].items() if k != "by"} == decision
    finally:
        server.stop()
    doc = json.loads(save.read_text())
    human = [{k: v for k, v in d.items() if k != "by"} for d in doc["decisions"] if d["by"] == "human"]
    assert doc["state_hash"] == uninterrupted_hash(tmp, "tutorial", seed, doc["seats"], human)
    return made


def test_a_few_kills_mid_game_lose_no_accepted_decision(tmp_path):
    assert play_with_kills(tmp_path, seed=21, kills=3) >= 1


@pytest.mark.slow
def test_twenty_kills_lose_no_accepted_decision(tmp_path):
    made, game = 0, 0
    while made < 20:
        where = tmp_path / f"game{game}"
        where.mkdir()
        made += play_with_kills(where, seed=100 + game, kills=20 - made)
        game += 1
