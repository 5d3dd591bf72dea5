"""Property: no hidden value reaches a seat through the scenario it is sent, nor through its views' decision log."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from serving import Server, call

from wargame import engine as E
from wargame.scenario import load_scenario, load_text
from wargame.server import seatview
from wargame.server.room import FACILITATOR_SEAT, PROJECTOR, Room
from wargame.server.sentscenario import masked_slots, masked_text

ROOT = Path(__file__).resolve().parents[2]
LIBYA = ROOT / "scenarios" / "libya-2016.yaml"
EXERCISE = ROOT / "tests" / "engine" / "exercise.yaml"
VIEWERS = {
    LIBYA: ["gna", "lna", "us", "europe", "russia", "isis", seatview.PUBLIC, seatview.FACILITATOR],
    EXERCISE: ["north", "south", "militia", seatview.PUBLIC, seatview.FACILITATOR],
}


def with_starts(text: str, starts: dict[str, int]) -> str:
    """The file with other starting values for some tracks and meters (each written `name: {... start: N`)."""
    for name, value in starts.items():
        text, n = re.subn(rf"(\n\s+{re.escape(name)}:\s+\{{[^}}]*?start: )(\d+)", rf"\g<1>{value}", text)
        assert n == 1, name
    return text


@settings(max_examples=25, deadline=None)
@given(viewer=st.sampled_from(VIEWERS[LIBYA]), data=st.data())
def test_a_seat_is_sent_the_same_scenario_whatever_the_values_hidden_from_it_start_at(viewer, data):
    text = LIBYA.read_text()
    s = load_text(text, str(LIBYA))[0]
    hidden = [s.slot_names[i] for i in masked_slots(s, viewer)]
    assert (hidden == []) == (viewer == seatview.FACILITATOR)
    starts = {n: data.draw(st.integers(*s.slot_bounds[s.slot_index[n]]), label=n) for n in hidden if "." not in n}
    starts.update(
        {n.split(".")[1]: data.draw(st.integers(*s.slot_bounds[s.slot_index[n]]), label=n) for n in hidden if "." in n}
    )
    other_text = with_starts(text, starts)
    other = load_text(other_text, str(LIBYA))[0]
    assert masked_text(other, other_text, viewer) == masked_text(s, text, viewer)  # it tells nothing of them


@pytest.mark.parametrize("path", [LIBYA, EXERCISE], ids=["libya", "exercise"])
def test_each_seat_s_scenario_plays_the_same_rules_with_its_hidden_starts_at_their_lowest(path):
    s = load_scenario(path)[0]
    for viewer in VIEWERS[path]:
        sent = load_text(masked_text(s, path.read_text(), viewer), s.path)[0]
        masked = set(masked_slots(s, viewer))
        for i, (true, seen) in enumerate(zip(s.initial, sent.initial, strict=True)):
            assert seen == (s.slot_bounds[i][0] if i in masked else true), (viewer, s.slot_names[i])
        same = attrs.evolve(sent, initial=s.initial, digest=s.digest)  # given the true starts: the same game
        rng = random.Random(len(masked))
        (a, ea), (b, eb) = E.begin(s, 9), E.begin(same, 9)
        for _ in range(40):
            if a.over:
                break
            decision = rng.choice(E.legal_decisions(s, a))
            (a, ea), (b, eb) = E.apply(s, a, decision), E.apply(same, b, decision)
            assert (a, ea) == (b, eb)


def check_log(room: Room) -> None:
    """Each seat's `decisions`: the open moves, and of the rest only its own (and its deals')."""
    s, entries = room.scenario, room.saved.decisions
    for seat in [*room.tokens, PROJECTOR]:
        view = json.loads(room.view_text(seat))
        for e in view["events"]:  # a client rebuilds every event it is sent, and words it the same
            assert E.describe(seatview.event_from_json(e), s) == e["text"]
        sent = view["decisions"]
        assert len(sent) == len(entries)
        for mine, true in zip(sent, entries, strict=True):
            if seat == FACILITATOR_SEAT:
                assert mine == true
            elif mine == {"hidden": True}:
                assert not any(k in true for k in seatview.OPEN_KINDS)
                assert seat not in (true.get("orders"), true.get("offer"), true.get("to"), true.get("propose"))
            else:
                kind = next((k for k in ("orders", "offer", "propose", "answer") if k in true), None)
                if kind is None:  # an open move: a bot's reason may quote its hidden values
                    assert "why" not in mine or not s.has_hidden
                elif kind != "answer":  # its own (or a deal it is party to)
                    assert seat in (true[kind], true.get("to"))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**31), moves=st.integers(5, 80))
def test_no_seat_reads_another_team_s_orders_offers_or_proposals_in_the_log(tmp_path_factory, seed, moves):
    s = load_scenario(EXERCISE)[0]
    seats = {"north": "human", "south": "human", "militia": "human"}
    room = Room.create(s, seed, seats, tmp_path_factory.mktemp("log") / "g.json", "g")
    rng = random.Random(seed)
    for _ in range(moves):
        if room.state.over:
            break
        legal = E.legal_decisions(s, room.state)
        room.apply(rng.choice(legal), "easy", why="the easy bot's reason")
        check_log(room)


def test_the_server_sends_the_masked_scenario_and_the_client_loads_it(tmp_path):
    from wargame.server.remote import load_sent_scenario

    server = Server(tmp_path, "libya-2016", "--seed", "2", "--name", "masked")
    try:
        s = load_scenario(LIBYA)[0]
        strength = s.slot_index["isis_strength"]
        for seat in server.links:
            status, sent = call(server.url, "/api/scenario", server.token(seat))
            assert status == 200 and "#" not in sent["text"].split("\n")[0]
            mine = load_sent_scenario(sent)
            lowest = s.slot_bounds[strength][0]
            assert mine.initial[strength] == (s.initial[strength] if seat == "facilitator" else lowest)
            assert mine.id == s.id and len(mine.actions) == len(s.actions)
        assert call(server.url, "/api/scenario", "not-a-token")[0] == 403
    finally:
        server.stop()
