"""`for each region [where COND]: ASSIGNMENT`: the same as one line per region, checked region by region."""

from __future__ import annotations

import json

from engine_helpers import ROOT, play_random, text_scenario

from wargame import engine as E
from wargame.engine.rules import run_statements
from wargame.scenario.expr.statements import ForEachStmt, writes

TUTORIAL = (ROOT / "scenarios" / "tutorial.yaml").read_text()
UPKEEP = "  - us_air_support -= 1\n"


def with_upkeep(*lines: str):
    extra = "".join(f"  - {json.dumps(line)}\n" for line in lines)  # a JSON string is a YAML one
    assert UPKEEP in TUTORIAL
    return text_scenario(TUTORIAL.replace(UPKEEP, UPKEEP + extra))


def loops(s) -> tuple:
    return tuple(st for st in s.upkeep if isinstance(st, ForEachStmt))


def test_a_loop_plays_exactly_like_one_line_per_region():
    loop = with_upkeep("for each region where control == isis and isis < 3: isis += 1")
    ids = [r.id for r in loop.regions]
    unrolled = with_upkeep(*(f"{r}.isis += 1 if {r}.control == isis and {r}.isis < 3 else 0" for r in ids))
    for seed in range(8):
        a, _, events_a = play_random(loop, seed, check=True)
        b, _, events_b = play_random(unrolled, seed)
        assert a.values == b.values and a.outcome == b.outcome
        assert [E.describe(e, loop) for e in events_a] == [E.describe(e, unrolled) for e in events_b]


def test_the_condition_is_checked_for_each_region_just_before_its_turn():
    s = with_upkeep("for each region where count(rubble > 0) < 2: rubble += 1")
    state, _ = E.begin(s, 3)
    v = list(state.values)
    run_statements(s, v, loops(s), -1, "upkeep", None, None)
    rubble = [v[s.slot_index[f"{r.id}.rubble"]] for r in s.regions]
    assert rubble == [1, 1, 0, 0, 0, 0, 0]  # the first two regions in file order, then the count stops it


def test_a_loop_reports_each_change_and_the_bots_know_what_it_writes():
    s = with_upkeep("for each region: rubble += 4")
    state, _ = E.begin(s, 3)
    v, events = list(state.values), []
    run_statements(s, v, loops(s), -1, "card", events, None)
    assert [e.slot for e in events] == [f"{r.id}.rubble" for r in s.regions]
    assert all(e.new == 3 and e.wanted == 4 for e in events)  # clamped at the attribute's maximum
    assert writes(s.symbols, loops(s), -1) == {s.slot_index[f"{r.id}.rubble"] for r in s.regions}
