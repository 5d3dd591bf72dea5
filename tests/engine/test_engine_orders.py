"""Simultaneous orders: hidden until all are in, resolved in `order`, the same whoever submits first."""

from __future__ import annotations

import attrs
import pytest
from engine_helpers import SCENARIO_FILES, check_step, load, play_random, scenario_ids
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_engine_observe import EXERCISE

from wargame import engine as E
from wargame.engine import exevents as xe
from wargame.engine.observe import awaiting, observe, order_options, view_to_dict
from wargame.engine.parts import CloseOrders, SubmitOrders
from wargame.engine.rng import below
from wargame.scenario import load_scenario

SCENARIO = load_scenario(EXERCISE)[0]
SETTINGS = {
    "max_examples": 25,
    "deadline": None,
    "derandomize": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}


def simultaneous(scenario):
    return attrs.evolve(scenario, orders="simultaneous")


def orders_for(scenario, state, fid: str, r: int) -> tuple[SubmitOrders, int]:
    """Random legal orders of up to actions_per_turn actions (each legal now, per_turn respected)."""
    most = scenario.faction(fid).actions_per_turn
    r, n = below(r, most + 1)
    options = list(order_options(scenario, state, fid))
    acts: list = []
    for _ in range(n):
        usable = [
            a
            for a in options
            if not scenario.action(a.action).per_turn
            or sum(b.action == a.action for b in acts) < scenario.action(a.action).per_turn
        ]
        if not usable:
            break
        r, i = below(r, len(usable))
        acts.append(usable[i])
    return SubmitOrders(fid, tuple(acts), f"intent of {fid}"), r


def play(scenario, seed: int, permute) -> tuple[E.GameState, list]:
    """A random game; at each orders phase every awaited faction's orders are drawn first, then
    submitted in the order `permute(factions)` gives."""
    state, events = E.begin(scenario, seed)
    r = seed ^ 0x9E3779B9
    while state.outcome is None:
        if state.phase == "orders":
            due = awaiting(scenario, state)
            orders = {}
            for fid in due:
                orders[fid], r = orders_for(scenario, state, fid, r)
            for fid in permute(list(due)):
                after, evs = E.apply(scenario, state, orders[fid])
                check_step(scenario, state, orders[fid], after, evs)
                state = after
                events.extend(evs)
        else:
            options = E.legal_decisions(scenario, state)
            r, i = below(r, len(options))
            state, evs = E.apply(scenario, state, options[i])
            events.extend(evs)
    return state, events


@settings(**SETTINGS)
@given(st.integers(0, 10**6), st.data())
def test_the_result_does_not_depend_on_who_submits_first(seed, data):
    canonical, _ = play(SCENARIO, seed, lambda xs: xs)
    shuffled, _ = play(SCENARIO, seed, lambda xs: data.draw(st.permutations(xs)))
    assert E.state_hash(shuffled) == E.state_hash(canonical)


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=scenario_ids())
def test_every_bundled_scenario_plays_simultaneously_the_same_in_any_submission_order(path):
    scenario = simultaneous(load(path))
    for seed in range(3):
        forward, _ = play(scenario, seed, lambda xs: xs)
        backward, events = play(scenario, seed, lambda xs: xs[::-1])
        assert E.state_hash(forward) == E.state_hash(backward)
        assert forward.outcome is not None
        assert any(isinstance(e, xe.OrdersRevealed) for e in events)


def test_orders_stay_hidden_until_all_are_in():
    state = E.new_game(SCENARIO, seed=4)
    while state.phase != "orders":
        state, _ = E.apply(SCENARIO, state, E.legal_decisions(SCENARIO, state)[0])
    due = awaiting(SCENARIO, state)
    first = SubmitOrders(due[0], (order_options(SCENARIO, state, due[0])[0],), "take the port")
    state, events = E.apply(SCENARIO, state, first)
    assert [type(e) for e in events] == [xe.OrdersSubmitted]
    other = observe(SCENARIO, state, due[1])
    assert other.submitted == (due[0],) and other.my_orders is None
    assert "take the port" not in str(view_to_dict(other, SCENARIO))
    assert observe(SCENARIO, state, due[0]).my_orders == first
    with pytest.raises(E.IllegalDecision, match="already submitted"):
        E.apply(SCENARIO, state, SubmitOrders(due[0], ()))
    with pytest.raises(E.IllegalDecision, match="given as orders"):
        E.apply(SCENARIO, state, E.Pass())


def test_an_action_that_became_impossible_is_skipped_with_the_reason():
    state = E.new_game(SCENARIO, seed=4)
    while state.phase != "orders":
        state, _ = E.apply(SCENARIO, state, E.legal_decisions(SCENARIO, state)[0])
    patrol = next(a for a in order_options(SCENARIO, state, "north") if a.action == "patrol")
    state, _ = E.apply(SCENARIO, state, SubmitOrders("north", (patrol, E.Act("pay_loyalty"))))
    state, _ = E.apply(SCENARIO, state, E.Override("north.treasury = 5", "the bank froze the accounts"))
    log = []
    for fid in awaiting(SCENARIO, state):
        state, evs = E.apply(SCENARIO, state, SubmitOrders(fid, ()))
        log.extend(evs)
    skipped = [e for e in log if isinstance(e, xe.Skipped)]
    assert [e.action for e in skipped] == ["pay_loyalty"]
    assert "needs 3 $M of Treasury (has 1)" in skipped[0].reason
    assert "is skipped: needs 3 $M of Treasury (has 1)" in E.describe(skipped[0], SCENARIO)


def test_malformed_and_illegal_orders():
    state = E.new_game(SCENARIO, seed=4)
    while state.phase != "orders":
        state, _ = E.apply(SCENARIO, state, E.legal_decisions(SCENARIO, state)[0])
    with pytest.raises(E.MalformedDecision, match="belongs to south"):
        E.apply(SCENARIO, state, SubmitOrders("north", (E.Act("talks"),)))
    with pytest.raises(E.MalformedDecision, match="unknown faction"):
        E.apply(SCENARIO, state, SubmitOrders("nobody", ()))
    with pytest.raises(E.MalformedDecision, match="one line"):
        E.apply(SCENARIO, state, SubmitOrders("north", (), "two\nlines"))
    with pytest.raises(E.IllegalDecision, match="at most 2"):
        E.apply(SCENARIO, state, SubmitOrders("north", (E.Act("pay_loyalty"),) * 3))
    with pytest.raises(E.IllegalDecision, match="at most 1 time"):
        E.apply(SCENARIO, state, SubmitOrders("north", (E.Act("pay_loyalty"),) * 2))


def test_closing_the_orders_makes_the_missing_ones_passes():
    state = E.new_game(SCENARIO, seed=4)
    while state.phase != "orders":
        state, _ = E.apply(SCENARIO, state, E.legal_decisions(SCENARIO, state)[0])
    turn = state.turn
    late = awaiting(SCENARIO, state)
    state, events = E.apply(SCENARIO, state, CloseOrders("the timer ran out"))
    closed = [e for e in events if isinstance(e, xe.OrdersClosed)]
    assert closed and closed[0].factions == late
    assert state.turn == turn + 1 or state.outcome is not None
    begun = E.new_game(SCENARIO, seed=4)
    assert begun.phase == "events"  # a card choice is waiting: no orders are being collected
    with pytest.raises(E.IllegalDecision, match="not being collected"):
        E.apply(SCENARIO, begun, CloseOrders("too early"))


def test_random_play_keeps_every_invariant_in_both_modes():
    for scenario in (SCENARIO, attrs.evolve(SCENARIO, orders="sequential")):
        for seed in range(15):
            state, _entries, _events = play_random(scenario, seed, check=True)
            assert state.outcome is not None
