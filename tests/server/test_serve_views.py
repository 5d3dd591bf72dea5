"""Property: no view the server sends a seat holds the generator, the seed, the deck or a hidden value."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame import engine as E
from wargame.scenario import load_scenario
from wargame.server import seatview
from wargame.server.room import FACILITATOR_SEAT, PROJECTOR, Room

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = [*sorted((ROOT / "scenarios").glob("*.y*ml")), ROOT / "tests" / "engine" / "exercise.yaml"]
_loaded: dict = {}


def with_per_turn(tmp: Path) -> Path:
    """The tutorial with a per-turn limit, so the scenario has a hidden value to keep."""
    text = (ROOT / "scenarios" / "tutorial.yaml").read_text()
    text, n = re.subn(r"(\n  pay_brigades:\n    faction: gna\n)", r"\1    per_turn: 1\n", text)
    assert n == 1
    path = tmp / "tutorial-limited.yaml"
    path.write_text(text)
    return path


def scenario(path: Path):
    if path not in _loaded:
        _loaded[path] = load_scenario(path)[0]
    return _loaded[path]


def strings_and_ints(doc, strings: set, ints: set) -> None:
    if isinstance(doc, dict):
        for k, v in doc.items():
            strings.add(k)
            strings_and_ints(v, strings, ints)
    elif isinstance(doc, list):
        for v in doc:
            strings_and_ints(v, strings, ints)
    elif isinstance(doc, str):
        strings.add(doc)
    elif isinstance(doc, int) and not isinstance(doc, bool):
        ints.add(doc)


def check_views(s, state: E.GameState, events: list) -> None:
    hidden = {s.slot_names[i] for i in seatview.hidden_slots(s)}
    undrawn = {s.cards[c].id for c in state.deck} - set(s.faction_index) - set(s.region_index)
    undrawn -= {a.id for a in s.actions}
    for viewer in [*(f.id for f in s.factions), seatview.FACILITATOR, seatview.PUBLIC]:
        view = seatview.seat_view(s, state, viewer)
        seen = [seatview.visible_event(s, state, viewer, e) for e in events]  # as the room filters them
        view["events"] = [seatview.event_json(e, s) for e in seen if e is not None]
        text = json.dumps(view)
        strings, ints = set(), set()
        strings_and_ints(json.loads(text), strings, ints)
        assert not {"rng", "seed", "deck", "scheduled", "delayed", "fired"} & strings
        assert not hidden & strings and not hidden & {v["slot"] for v in view["values"]}
        for v in view["values"]:  # a value not seen exactly is given as a band or not at all
            exact = seatview.sight(s, state.values, s.slot_index[v["slot"]], viewer) == "exact"
            assert (v["value"] is not None) == exact
            if not exact:
                assert not any(e.get("slot") == v["slot"] for e in view["events"])
        if view["my_orders"] is not None:
            mine = view["my_orders"]  # never another team's orders; the engine's "nothing to do" has no faction
            assert mine["orders"] == viewer or (mine["orders"] == "" and mine["actions"] == [])
        assert state.rng not in ints or state.rng < 1000  # the generator's 64-bit state never goes out
        assert not undrawn & strings, undrawn & strings  # no card still in the deck is named
        p = state.pending
        if viewer == seatview.PUBLIC:
            assert view["legal"] == []
        elif viewer != seatview.FACILITATOR:  # only its own options: its orders, or its moment's decisions
            for item in view["legal"]:
                d = item["decision"] or {}
                if "orders" in d:
                    assert d["orders"] == viewer
                elif "answer" not in d:
                    assert p is not None and p.faction == viewer


def random_game(s, seed: int, moves: int, check) -> None:
    state, events = E.begin(s, seed)
    rng = random.Random(seed)
    check(s, state, events)
    for _ in range(moves):
        if state.over:
            break
        decision = rng.choice(E.legal_decisions(s, state))
        state, evs = E.apply(s, state, decision)
        events = [*events, *evs]
        check(s, state, events)


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.name for p in SCENARIOS])
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**31), moves=st.integers(0, 60))
def test_no_view_of_a_random_game_leaks(path, seed, moves):
    random_game(scenario(path), seed, moves, check_views)


def test_a_hidden_per_turn_counter_never_leaves_the_server(tmp_path):
    s = load_scenario(with_per_turn(tmp_path))[0]
    assert seatview.hidden_slots(s)
    for seed in range(6):
        random_game(s, seed, 40, check_views)


def test_the_room_sends_each_seat_only_its_own_decisions(tmp_path):
    s = scenario(ROOT / "scenarios" / "libya-2016.yaml")
    seats = {f.id: ("human" if f.playable else "easy") for f in s.factions}
    room = Room.create(s, 5, seats, tmp_path / "g.json", "g")
    p = room.state.pending
    for seat in (*room.tokens, PROJECTOR):
        view = room.view(seat)
        assert (view["legal"] != []) == (seat == p.faction)  # the facilitator's acts are not listed
        expected = {PROJECTOR: seatview.PUBLIC, FACILITATOR_SEAT: seatview.FACILITATOR}.get(seat, seat)
        assert view["viewer"] == expected
    assert "tokens" not in (tmp_path / "g.json").read_text()
    assert json.loads((tmp_path / "g.tokens").read_text())["tokens"] == room.tokens
    assert (tmp_path / "g.tokens").stat().st_mode & 0o077 == 0  # only the facilitator's account reads it


def test_a_view_s_values_are_written_as_the_engine_writes_them():
    """seatview writes each value itself (faster than attrs.asdict): the same fields, the same content."""
    from wargame.engine.observe import observe, view_to_dict

    s = scenario(ROOT / "tests" / "engine" / "exercise.yaml")
    state, _ = E.begin(s, 4)
    for viewer in [*(f.id for f in s.factions), seatview.FACILITATOR, seatview.PUBLIC]:
        expected = view_to_dict(observe(s, state, viewer), s)["values"]
        assert seatview.seat_view(s, state, viewer)["values"] == expected
        assert {v["kind"] for v in expected} >= ({"exact"} if viewer == seatview.FACILITATOR else {"exact", "band"})
