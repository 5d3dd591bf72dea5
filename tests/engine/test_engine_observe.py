"""observe(): each viewer sees what the scenario's `visible` keys allow, and never the dice or the deck."""

from __future__ import annotations

import json
from pathlib import Path

from engine_helpers import play_random
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame import engine as E
from wargame.engine import events as ev
from wargame.engine.observe import FACILITATOR, PUBLIC, band, believed_values, observe, sight, view_to_dict
from wargame.scenario import load_scenario

EXERCISE = Path(__file__).parent / "exercise.yaml"
SCENARIO = load_scenario(EXERCISE)[0]
VIEWERS = ("north", "south", "militia", PUBLIC, FACILITATOR)


def game(seed: int, steps: int):
    state, _entries, events = play_random(SCENARIO, seed, limit=steps)
    return state, events


def test_each_viewer_sees_what_visible_allows():
    state, events = game(3, 4)
    south, north, public, fac = (observe(SCENARIO, state, v, events) for v in ("south", "north", PUBLIC, FACILITATOR))
    assert north.value("north.loyalty").kind == "exact"
    assert south.value("north.loyalty").kind == "unknown" and south.value("north.loyalty").text() == "?"
    assert south.value("militia.fighters").kind == "exact" and north.value("militia.fighters").kind == "unknown"
    assert north.value("port.mines").kind == "exact" and south.value("port.mines").kind == "unknown"
    assert public.value("militia.fighters").kind == "unknown" and public.value("north.treasury").kind == "exact"
    tension = south.value("tension")
    true = state.values[SCENARIO.slot_index["tension"]]
    assert tension.kind == "band" and tension.lo <= true <= tension.hi and tension.hi - tension.lo <= 2
    assert all(v.kind == "exact" for v in fac.values)
    assert dict(fac.scores)["militia"] is not None and dict(north.scores)["militia"] is None


def test_own_region_attribute_follows_the_controller():
    state, _ = game(5, 0)
    hills = SCENARIO.slot_index["hills.unrest"]
    assert sight(SCENARIO, state.values, hills, "north") == "exact"  # north holds the hills
    assert sight(SCENARIO, state.values, hills, "south") == "unknown"
    after, _ = E.apply(SCENARIO, state, E.Override("hills.control = south", "test"))
    assert sight(SCENARIO, after.values, hills, "south") == "exact"
    assert sight(SCENARIO, after.values, hills, "north") == "unknown"


@given(st.integers(0, 10**6), st.integers(2, 9), st.integers(-50, 50))
def test_a_band_holds_the_value_and_depends_on_the_value_alone(seed, width, value):
    lo, hi = band(seed, "tension", width, value, -1000, 1000)
    assert lo <= value <= hi and hi - lo + 1 == width
    # every value of the same cell shows the same band: the band tells nothing finer than its cell
    assert all(band(seed, "tension", width, x, -1000, 1000) == (lo, hi) for x in range(lo, hi + 1))
    assert band(seed, "tension", width, value, 0, 10)[0] >= 0


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**6), st.integers(0, 60))
def test_no_view_holds_a_hidden_value_the_dice_or_the_deck(seed, steps):
    state, events = game(seed, steps)
    for viewer in VIEWERS:
        view = observe(SCENARIO, state, viewer, events)
        doc = view_to_dict(view, SCENARIO)
        json.dumps(doc)  # JSON-friendly
        assert not {"rng", "deck", "forced", "seed"} & set(doc)
        for v in view.values:
            slot = SCENARIO.slot_index[v.slot]
            how = sight(SCENARIO, state.values, slot, viewer)
            assert v.kind == how
            if how == "unknown":
                assert v.value is None and v.lo is None
            if how == "band":
                assert v.value is None and v.lo <= state.values[slot] <= v.hi
        for _seq, e in view.events:
            if isinstance(e, ev.Changed):
                assert sight(SCENARIO, state.values, SCENARIO.slot_index[e.slot], viewer) == "exact"
        if viewer != FACILITATOR:
            believed = believed_values(SCENARIO, state, viewer)
            for v in view.values:
                if v.kind == "unknown":
                    slot = SCENARIO.slot_index[v.slot]
                    assert believed[slot] == SCENARIO.initial[slot]


def test_the_odds_of_a_hidden_chance_are_not_shown():
    state, events = game(11, 40)
    rolls = [e for e in events if isinstance(e, ev.Rolled) and e.action == "patrol"]
    assert rolls
    seen = [
        e
        for _s, e in observe(SCENARIO, state, "south", events).events
        if isinstance(e, ev.Rolled) and e.action == "patrol"
    ]
    assert seen and all(e.chance == -1 and e.roll == -1 for e in seen)  # patrol's chance reads the mines
    fac = [e for _s, e in observe(SCENARIO, state, FACILITATOR, events).events if isinstance(e, ev.Rolled)]
    assert any(e.chance >= 0 for e in fac)


def test_events_since_a_sequence_number():
    state, events = game(2, 10)
    view = observe(SCENARIO, state, FACILITATOR, events, since=5)
    assert [seq for seq, _ in view.events] == list(range(5, len(events)))


def test_a_scenario_without_visible_keys_shows_everything_exactly():
    tutorial = load_scenario(Path(__file__).parents[2] / "scenarios" / "tutorial.yaml")[0]
    state = E.new_game(tutorial, seed=1)
    view = observe(tutorial, state, PUBLIC)
    assert all(v.kind == "exact" for v in view.values)
    assert believed_values(tutorial, state, tutorial.order[0]) is state.values
