"""observe()'s per-scenario tables (labels, who sees what) give the views a fresh build would."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from engine_helpers import SCENARIO_FILES, load, play_random, scenario_ids

from wargame.engine import events as ev
from wargame.engine.observe import FACILITATOR, PUBLIC, Value, band, observe, sight, sights

FILES = [*SCENARIO_FILES, Path(__file__).parent / "exercise.yaml", Path(__file__).parent / "sequence.yaml"]
IDS = [*scenario_ids(), "exercise.yaml", "sequence.yaml"]


def reference_sight(s, values, slot: int, viewer: str) -> str:
    """The visibility rules read straight from the scenario, with no table: the oracle."""
    if viewer == FACILITATOR:
        return "exact"
    owner, vis = s.slot_visibility[slot]
    if vis.kind == "all":
        return "exact"
    if vis.kind == "estimate":
        return "band"
    if vis.kind == "list":
        everyone = set(vis.factions) >= {f.id for f in s.factions}
        return "exact" if viewer in vis.factions or (viewer == PUBLIC and everyone) else "unknown"
    if viewer == PUBLIC:
        return "unknown"
    if owner in {f.id for f in s.factions}:
        return "exact" if owner == viewer else "unknown"
    controller = values[s.slot_names.index(f"{owner}.control")]
    return "exact" if controller >= 0 and s.factions[controller].id == viewer else "unknown"


def reference_value(s, state, slot: int, viewer: str) -> Value:
    name = s.slot_names[slot]
    label = ev.slot_label(s, name)  # made afresh, by the slot's name
    how = reference_sight(s, state.values, slot, viewer)
    if how == "exact":
        return Value(name, label, "exact", state.values[slot])
    if how == "band":
        lo, hi = s.slot_bounds[slot]
        b = band(state.seed, name, s.slot_visibility[slot][1].width, state.values[slot], lo, hi)
        return Value(name, label, "band", None, *b)
    return Value(name, label, "unknown")


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_the_cached_labels_are_the_labels_made_afresh(path):
    s = load(path)
    assert sights(s).labels == tuple(ev.slot_label(s, name) for name in s.slot_names)
    assert sights(s) is sights(s)  # built once per scenario


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_every_view_equals_one_built_afresh(path):
    s = load(path)
    viewers = (*(f.id for f in s.factions), FACILITATOR, PUBLIC)
    for seed, steps in ((1, 0), (2, 9), (3, 40), (4, None)):
        state, _entries, events = play_random(s, seed, limit=steps)
        for viewer in viewers:
            view = observe(s, state, viewer, events)
            listed = [s.slot_index[v.slot] for v in view.values]
            assert view.values == tuple(reference_value(s, state, i, viewer) for i in listed)
            for slot in range(len(s.slot_names)):
                assert sight(s, state.values, slot, viewer) == reference_sight(s, state.values, slot, viewer)


def test_a_region_changing_hands_changes_who_sees_it_with_the_tables_built():
    s = load(Path(__file__).parent / "exercise.yaml")
    state, _entries, _events = play_random(s, 5, limit=0)
    hills, control = s.slot_index["hills.unrest"], s.slot_index["hills.control"]
    sights(s)  # the tables exist before the control changes: they must not have fixed the answer
    for owner in range(len(s.factions)):
        values = list(state.values)
        values[control] = owner
        for f in s.factions:
            assert sight(s, values, hills, f.id) == ("exact" if f.id == s.factions[owner].id else "unknown")
    values[control] = -1
    assert all(sight(s, values, hills, f.id) == "unknown" for f in s.factions)


def test_a_copy_of_a_scenario_gets_its_own_labels():
    s = load(Path(__file__).parent / "exercise.yaml")
    sights(s)
    renamed = attrs.evolve(s, factions=tuple(attrs.evolve(f, short=f"{f.short}!") for f in s.factions))
    assert sights(renamed) is not sights(s)
    assert sights(renamed).labels == tuple(ev.slot_label(renamed, name) for name in renamed.slot_names)
    assert sights(renamed).labels != sights(s).labels
