"""Scenario.derived: the declared place where the layers above keep what they build from a scenario."""

from __future__ import annotations

from pathlib import Path

import attrs

from wargame.scenario import load_scenario
from wargame.scenario.model import Scenario

HERE = Path(__file__).parent


def test_built_once_per_scenario_and_per_builder():
    s, _ = load_scenario(HERE / "mini.yaml")
    calls: list[str] = []

    def slots(sc: Scenario) -> int:
        calls.append("slots")
        return len(sc.slot_names)

    def names(sc: Scenario) -> tuple[str, ...]:
        calls.append("names")
        return tuple(f.id for f in sc.factions)

    assert s.derived(slots) == len(s.slot_names)
    assert s.derived(slots) == len(s.slot_names)
    assert s.derived(names) == tuple(f.id for f in s.factions)
    assert calls == ["slots", "names"]


def test_a_copy_starts_empty_so_it_never_sees_the_original_tables():
    s, _ = load_scenario(HERE / "mini.yaml")

    def turns(sc: Scenario) -> int:
        return sc.turns

    assert s.derived(turns) == s.turns
    copy = attrs.evolve(s, calendar=attrs.evolve(s.calendar, turns=s.turns + 1))
    assert copy.derived(turns) == s.turns + 1
    assert s.derived(turns) == s.turns
    assert "derived" not in repr(s)
