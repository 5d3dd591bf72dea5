"""The view text a seat is sent: the same whether its picture was made early (while the save synced) or on demand."""

from __future__ import annotations

import json
import random
from pathlib import Path

from wargame import engine as E
from wargame.scenario import load_scenario
from wargame.server.room import PROJECTOR, Room

ROOT = Path(__file__).resolve().parents[2]
LIBYA = ROOT / "scenarios" / "libya-2016.yaml"


def as_one_dump(room: Room, seat: str, since: int) -> str:
    """The text as one json.dumps of the view, the countdown last (how the server first wrote it)."""
    v = room.view(seat, since)
    timer = v.pop("timer", None)
    return json.dumps(v)[:-1] + f', "timer": {json.dumps(timer)}}}'


def test_early_views_are_the_views_made_on_demand(tmp_path):
    s = load_scenario(LIBYA)[0]
    seats = {f.id: "human" for f in s.factions} | {"isis": "easy"}
    early = Room.create(s, 4, seats, tmp_path / "early.json", "early")
    late = Room.create(s, 4, seats, tmp_path / "late.json", "late")
    late.revision = early.revision
    every = [*early.tokens, PROJECTOR]
    rng = random.Random(4)
    for n in range(60):
        if early.state.over:
            break
        decision = rng.choice(E.legal_decisions(s, early.state))
        a, b = early.prepare(decision, "human"), late.prepare(decision, "human")
        early.warm(a, set(every[: 1 + n % len(every)]))  # some seats early, the rest on demand
        assert len(a.views) >= 1 and not b.views
        for room, change in ((early, a), (late, b)):
            room.write_change(change)
            room.commit(change)
        for seat in every:
            for since in (0, max(0, len(early.events) - 7)):
                text = early.view_text(seat, since)
                assert text == late.view_text(seat, since) == as_one_dump(late, seat, since)
                assert json.loads(text)["step"] == early.state.step


def test_a_view_made_early_is_never_that_of_the_state_before(tmp_path):
    s = load_scenario(LIBYA)[0]
    room = Room.create(s, 5, {f.id: "human" for f in s.factions}, tmp_path / "g.json", "g")
    before = json.loads(room.view_text("gna"))
    change = room.prepare(E.legal_decisions(s, room.state)[0], "human")
    room.warm(change, {"gna", PROJECTOR})
    assert json.loads(room.view_text("gna")) == before  # not committed: nobody sees the new state yet
    room.write_change(change)
    room.commit(change)
    after = json.loads(room.view_text("gna"))
    assert after["step"] == before["step"] + 1 == change.state.step
