"""The legality caches are sound: what an expression reads is always within what deps.py says it may read."""

from __future__ import annotations

import pytest
from engine_helpers import SCENARIO_FILES, load, play_random, scenario_ids

from wargame.engine.deps import reads


class Recorder:
    """Values that note which slots were read: v[int], or v[a:b:c] (count() scans a strided slice).

    Anything else is refused, so nothing slips past.
    """

    def __init__(self, values):
        self.values, self.read = values, set()

    def __getitem__(self, i):
        if type(i) is slice:
            self.read.update(range(*i.indices(len(self.values))))
            return self.values[i]
        assert type(i) is int
        self.read.add(i)
        return self.values[i]


def expressions(scenario):
    """Every compiled expression of the scenario, with whether it takes a target."""
    for a in scenario.actions:
        if a.requires is not None:
            yield a.requires, False
        for e in (a.chance, a.target_if):
            if e is not None:
                yield e, a.targeted
    for c in scenario.cards:
        if c.when is not None:
            yield c.when, False
        for o in c.choice.options if c.choice else ():
            if o.requires is not None:
                yield o.requires, False
    for f in scenario.factions:
        yield f.score, False
    for i in scenario.injects:
        if i.when is not None:
            yield i.when, False


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=scenario_ids())
def test_what_an_expression_reads_is_within_its_analysed_slots(path):
    scenario = load(path)
    analysed = {id(e): reads(scenario, e) for e, _ in expressions(scenario)}
    for_target = {(id(e), t): reads(scenario, e, t) for e, targeted in expressions(scenario) if targeted
                  for t in range(len(scenario.regions))}
    for a in scenario.actions:
        if a.target_if is not None:
            assert analysed[id(a.target_if)] is not None, f"'{a.target_if.text}' could not be analysed"
    states = []
    for seed in range(4):
        final, entries, _ = play_random(scenario, seed)
        states += list(final.history) + [final.values]
    for values in states:
        for e, targeted in expressions(scenario):
            slots = analysed[id(e)]
            if slots is None:
                continue
            for t in range(len(scenario.regions)) if targeted else (-1,):
                rec = Recorder(values)
                e.fn(rec, t, -1)
                assert rec.read <= slots, f"'{e.text}' read {sorted(rec.read - slots)} beyond its analysis"
                one = for_target.get((id(e), t))
                if one is not None:
                    assert rec.read <= one <= slots, f"'{e.text}' for target {t}"


def test_the_analysis_is_specific_and_says_when_it_is_unsure():
    from pathlib import Path

    from engine_helpers import text_scenario

    from wargame.scenario.model import Expr

    s = text_scenario(Path(__file__).with_name("sequence.yaml").read_text())

    def slots(text):
        got = reads(s, Expr(text, None, None))
        return None if got is None else {s.slot_names[i] for i in got}

    assert slots("red.cash >= 4") == {"red.cash"}
    assert slots("target.control == blue") == {"north.control", "south.control", "east.control"}
    assert slots("count(troops > 0) + turn") == {"turn", "north.troops", "south.troops", "east.troops"}
    assert slots("south.troops + tension") == {"south.troops", "tension"}
    assert slots("adjacent(north, red)") == {"south.control", "east.control"}, "its neighbours' control"
    assert slots("adjacent(target, red)") == {"north.control", "south.control", "east.control"}
    assert {s.slot_names[i] for i in reads(s, Expr("target.troops > 0 and adjacent(target, red)", None, None), 1)} \
        == {"south.troops", "north.control"}, "for a known target: its own slots and its neighbours' control"
    assert slots("7") == set()
    assert reads(s, None) == frozenset()
    assert slots("nowhere.troops > 0") is None
    assert slots("this is not an expression") is None
