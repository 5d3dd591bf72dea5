"""What the compiler says an expression reads is complete: every slot an evaluation touches is in its `reads`."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_helpers import SCENARIO_FILES, load, play_random, scenario_ids, text_scenario

from wargame.scenario.expr.compile import BOOL, compile_expression
from wargame.scenario.expr.functions import FUNCTIONS, Extra


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
def test_what_an_expression_reads_is_within_its_declared_reads(path):
    scenario = load(path)
    lay, adj = scenario.layout, scenario.symbols.adjacency
    states = []
    for seed in range(4):
        final, _, _ = play_random(scenario, seed)
        states += [*final.history, final.values]
    for values in states:
        for e, targeted in expressions(scenario):
            anywhere = e.reads.at(lay, adj, -1)
            for t in range(len(scenario.regions)) if targeted else (-1,):
                rec = Recorder(values)
                e.fn(rec, t, -1)
                here = e.reads.at(lay, adj, t)
                assert rec.read <= here <= anywhere, f"'{e.text}' on {t} read {sorted(rec.read - here)}"


def test_reads_are_specific():
    s = text_scenario((Path(__file__).with_name("sequence.yaml")).read_text())
    lay, adj = s.layout, s.symbols.adjacency

    def slots(text, t=-1):
        c = compile_expression(text, BOOL, s.symbols, True)
        return {s.slot_names[i] for i in c.reads.at(lay, adj, t)}

    assert slots("red.cash >= 4") == {"red.cash"}
    assert slots("target.control == blue") == {"north.control", "south.control", "east.control"}
    assert slots("target.control == blue", 1) == {"south.control"}
    assert slots("count(troops > 0) + turn > 0") == {"turn", "north.troops", "south.troops", "east.troops"}
    assert slots("south.troops + tension > 0") == {"south.troops", "tension"}
    assert slots("adjacent(north, red)") == {"south.control", "east.control"}, "its neighbours' control"
    assert slots("adjacent(target, red)") == {"north.control", "south.control", "east.control"}
    assert slots("target.troops > 0 and adjacent(target, red)", 1) == {"south.troops", "north.control"}
    assert slots("controls(red, target)", 2) == {"east.control"}
    assert slots("7 > 1") == set()


def test_every_function_declares_what_it_reads():
    assert {f.reads for f in FUNCTIONS.values()} <= set(Extra)
    for name, f in FUNCTIONS.items():
        if f.reads in (Extra.CONTROL, Extra.NEIGHBOURS_CONTROL):
            assert f.region_arg >= 0, name
