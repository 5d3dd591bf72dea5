"""The bots' shortcuts are exact: memoised scores, slot dependencies and previews match rules."""

from __future__ import annotations

import random

import pytest
from bots_helpers import BUNDLED, SYNTH, position, scenario
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from synth import synth_text

from wargame.bots.model import MEMO_SLOTS, model
from wargame.engine.rules import run_statements
from wargame.scenario import load_text
from wargame.scenario.expr.statements import writes
from wargame.scenario.layout import SlotKind

NAMES = BUNDLED + SYNTH
SETTINGS = {"deadline": None, "derandomize": True, "suppress_health_check": list(HealthCheck)}


def scrambled(s, values, rnd: random.Random, k: int) -> list[int]:
    """Values with k random slots set to random values within their bounds."""
    v = list(values)
    for _ in range(k):
        slot = rnd.randrange(1, len(v))
        lo, hi = s.slot_bounds[slot]
        v[slot] = rnd.randint(lo, min(hi, lo + 300))
    return v


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=30, **SETTINGS)
@given(seed=st.integers(0, 10_000), steps=st.integers(0, 200), k=st.integers(0, 12))
def test_memoised_scores_equal_the_scenario_scores(name, seed, steps, k):
    s = scenario(name)
    md = model(s)
    rnd = random.Random(seed)
    v = scrambled(s, position(s, seed, steps).values, rnd, k)
    assert md.scores(v) == [f.score.fn(v, -1, -1) for f in s.factions]


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=30, **SETTINGS)
@given(seed=st.integers(0, 10_000), k=st.integers(1, 12))
def test_a_score_ignores_every_slot_outside_its_dependencies(name, seed, k):
    s = scenario(name)
    rnd = random.Random(seed)
    v = scrambled(s, s.initial, rnd, k)
    for f in s.factions:
        d = f.score.reads.slots
        w = list(v)
        for slot in range(1, len(w)):
            if slot not in d:
                lo, hi = s.slot_bounds[slot]
                w[slot] = rnd.randint(lo, min(hi, lo + 300))
        assert f.score.fn(w, -1, -1) == f.score.fn(v, -1, -1), f.id


@pytest.mark.parametrize("name", NAMES)
def test_statements_write_only_the_slots_the_bots_expect(name):
    s = scenario(name)
    rnd = random.Random(1)
    for a in s.actions:
        for t in range(len(s.regions)) if a.targeted else (-1,):
            for stmts in (a.success, a.failure):
                slots = writes(s.symbols, stmts, t)
                for _ in range(3):
                    v = scrambled(s, s.initial, rnd, 8)
                    w = list(v)
                    run_statements(s, w, stmts, t, "", None, None)
                    changed = {i for i, (x, y) in enumerate(zip(v, w, strict=True)) if x != y}
                    assert changed <= slots, (a.id, t)


def test_a_preview_is_exactly_what_the_rules_do():
    """Previews of success and failure change exactly what the rules change (per the events)."""
    import attrs

    from wargame import engine as E
    from wargame.bots.evaluate import _act
    from wargame.engine import events as ev

    checked = 0
    for name in NAMES:
        s = scenario(name)
        md = model(s)
        for seed in range(3):
            state = position(s, seed, 5 + 7 * seed)
            for d in E.legal_decisions(s, state):
                if not isinstance(d, E.Act) or s.action(d.action).delay:
                    continue
                a = s.action(d.action)
                t = s.region_index[d.target] if d.target else -1
                o = _act(s, md, state.values, md.scores(state.values), {}, 0, a, t)
                for ruling, preview in (("success", o.ws), ("failure", o.wf)):
                    if ruling == "failure" and a.chance is None:
                        continue
                    _, events = E.apply(s, state, attrs.evolve(d, ruling=ruling))
                    ruled = {e.slot: e.new for e in events if isinstance(e, ev.Changed) and e.cause == f"action:{a.id}"}
                    mine = {
                        s.slot_names[i]: y
                        for i, (x, y) in enumerate(zip(state.values, preview, strict=True))
                        if x != y and s.layout.kind(i) is not SlotKind.USES  # counted, not logged
                    }
                    assert mine == {k: v for k, v in ruled.items() if v != state.values[s.slot_index[k]]}, d
                    checked += 1
    assert checked > 20


def test_a_wide_score_remembered_by_the_slots_a_preview_touched_is_the_score():
    """Scores reading more than MEMO_SLOTS slots are remembered per root by the touched slots only."""
    s = load_text(synth_text(3, regions=80), "<wide>")[0]
    md = model(s)
    assert any(len(d) > MEMO_SLOTS for d in md.deps)
    rnd = random.Random(5)
    for root in range(3):
        v = scrambled(s, s.initial, rnd, 20 * root)
        sc0, near = md.scores(v), {}
        for _ in range(200):
            touched = frozenset(rnd.sample(range(1, len(v)), rnd.randint(1, 3)))
            w = list(v)
            for slot in touched:
                lo, hi = s.slot_bounds[slot]
                w[slot] = rnd.randint(lo, min(hi, lo + 2))
            affected = tuple(j for j, d in enumerate(md.deps) if not d.isdisjoint(touched))
            assert md.rescore(sc0, w, affected, touched, near) == [f.score.fn(w, -1, -1) for f in s.factions]
