"""Shared by the engine, saves and golden tests: the scenarios to cover, random play, the invariants."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame import engine as E
from wargame.engine import events as ev
from wargame.engine.legal import why_not
from wargame.engine.observe import awaiting
from wargame.engine.parts import Answer, SubmitOrders
from wargame.engine.rng import below
from wargame.scenario import ScenarioError, load_scenario, load_text

ROOT = Path(__file__).resolve().parents[2]
SCENARIO_FILES = sorted((ROOT / "scenarios").glob("*.y*ml"))
_cache: dict = {}


def scenario_ids() -> list[str]:
    return [p.name for p in SCENARIO_FILES]


def load(path: Path | str):
    """A bundled scenario, loaded once per test process; skipped (with the loader's words) if it does not load.

    Another person may be halfway through writing a scenario; the scenario
    tests say what is wrong with it, these only need it to run.
    """
    path = Path(path)
    if path not in _cache:
        try:
            _cache[path] = load_scenario(path)[0]
        except ScenarioError as exc:
            _cache[path] = exc
    got = _cache[path]
    if isinstance(got, ScenarioError):
        pytest.skip(f"{path.name} does not load yet: {got.problems[0] if got.problems else got}")
    return got


def text_scenario(text: str):
    return load_text(text, "<test>")[0]


def random_policy(scenario, state, r: int):
    """The benchmark's and the tests' random player: a uniform pick among the legal decisions."""
    options = E.legal_decisions(scenario, state)
    r, i = below(r, len(options))
    return options[i], r


def play_random(scenario, seed: int, check: bool = False, limit: int | None = None):
    """Play one game with the random policy: (final state, decision dicts, every event)."""
    from wargame.engine.codec import to_dict

    state, events = E.begin(scenario, seed)
    entries, r = [], seed ^ 0x5DEECE66D
    bound = decision_bound(scenario)
    while state.outcome is None and (limit is None or len(entries) < limit):
        decision, r = random_policy(scenario, state, r)
        after, evs = E.apply(scenario, state, decision)
        if check:
            check_step(scenario, state, decision, after, evs)
        state = after
        entries.append(to_dict(decision))
        events.extend(evs)
        assert len(entries) <= bound, "the game does not end"
    return state, entries, events


def decision_bound(scenario) -> int:
    """More decisions than any game without facilitator acts can take: each turn, every faction acts
    or passes, and each card drawn may ask one choice."""
    factions = scenario.order
    per_turn = sum(scenario.faction(f).actions_per_turn + 1 for f in factions)
    return scenario.turns * (per_turn + scenario.cards_per_turn + len(scenario.injects) + 1) + 1


def reference_legal(scenario, state) -> set:
    """The legal decisions computed the slow, obvious way (no tables, no memo) to check the fast path."""
    p = state.pending
    if p is None:
        return set()
    v = state.values
    if p.kind == "choice":
        options = scenario.card(p.card).choice.options
        return {E.Choose(i) for i, o in enumerate(options) if o.requires is None or o.requires(v)}
    out: set = {E.Pass()}
    for a in scenario.actions_of(p.faction):
        if why_not(scenario, v, a):
            continue
        if a.targeted:  # target_if on every region, without the rule's caches
            ok = [r.id for i, r in enumerate(scenario.regions) if a.target_if is None or a.target_if(v, i)]
            out.update(E.Act(a.id, t) for t in ok)
        else:
            out.add(E.Act(a.id))
    if p.kind == "orders":
        offers = [d.id for d in state.ex.deals if d.status == "open" and d.offer.to == p.faction]
        if offers:
            return {Answer(i, ok) for i in offers for ok in (True, False)}
        return {SubmitOrders(p.faction, (a,)) if a != E.Pass() else SubmitOrders(p.faction, ()) for a in out}
    return out


def check_state(scenario, state) -> None:
    """What must hold in every state the engine hands out."""
    v = state.values
    assert len(v) == len(scenario.slot_names)
    for i, (x, (lo, hi)) in enumerate(zip(v, scenario.slot_bounds, strict=True)):
        assert type(x) is int, scenario.slot_names[i]
        assert lo <= x <= hi, f"{scenario.slot_names[i]} = {x} outside {lo}..{hi}"
        if scenario.slot_names[i].endswith(".control"):
            assert -1 <= x < len(scenario.factions)
    assert 1 <= state.turn <= scenario.turns
    assert len(state.history) == state.turn and state.history[-1][0] == state.turn
    assert (state.pending is None) == (state.outcome is not None)
    if state.outcome is not None:
        assert state.phase == "over" and state.outcome.turn == state.turn
        assert E.legal_decisions(scenario, state) == []
        o = state.outcome
        assert (o.winner is None) == bool(o.tied) and o.margin >= 0
        assert o.reason == "threshold" or state.turn == scenario.turns
    else:
        p = state.pending
        legal = E.legal_decisions(scenario, state)
        assert set(legal) == reference_legal(scenario, state), "the fast legality disagrees with the rules"
        assert len(legal) == len(set(legal))
        if p.kind == "action":
            assert state.phase == "actions" and scenario.order[state.actor] == p.faction
            assert isinstance(legal[-1], E.Pass) and len(legal) > 1
            assert state.actions_taken < scenario.faction(p.faction).actions_per_turn
        elif p.kind == "orders":
            assert state.phase == "orders" and p.faction in awaiting(scenario, state)
            assert awaiting(scenario, state)[0] == p.faction
        else:
            assert legal and all(isinstance(d, E.Choose) for d in legal)


def check_step(scenario, before, decision, after, events) -> None:
    """What must hold across one decision: every change is an event, the old state is untouched."""
    frozen = E.state_hash(before)
    check_state(scenario, after)
    assert E.state_hash(before) == frozen
    assert after.step == before.step + 1 and after.seed == before.seed
    v = list(before.values)
    drawn = []
    for e in events:
        if isinstance(e, ev.Changed):
            i = scenario.slot_index[e.slot]
            assert v[i] == e.old, f"{e} but the value was {v[i]}"
            v[i] = e.new
            if e.cause.startswith("action:") and e.new == e.wanted and e.new < e.old:
                lo = scenario.slot_bounds[i][0]
                assert e.new >= lo, "a cost pushed a meter below its minimum"
        elif isinstance(e, ev.TurnBegan):
            assert e.turn == v[0] + 1
            v[0] = e.turn
            for a in scenario.actions:  # per-turn limits start afresh
                if a.per_turn:
                    v[a.uses_slot] = 0
        elif isinstance(e, ev.ActionTaken) and scenario.action(e.action).per_turn:
            v[scenario.action(e.action).uses_slot] += 1  # the hidden count of this turn's uses
        elif isinstance(e, ev.CardDrawn):
            drawn.append(scenario.card_index[e.card])
    assert tuple(v) == after.values, "a value changed without a Changed event"
    assert after.discard == (*before.discard, *drawn)
    overs = [e for e in events if isinstance(e, ev.GameOver)]
    assert len(overs) == (1 if before.outcome is None and after.outcome is not None else 0)
    if overs:
        o = after.outcome
        assert (overs[0].winner, overs[0].reason, overs[0].margin) == (o.winner, o.reason, o.margin)
    for e in events:
        assert E.describe(e, scenario)  # every event reads as plain words
