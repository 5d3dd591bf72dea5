"""Bots in their seat: they decide on their own faction's view, give simultaneous orders, answer offers."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from wargame import bots
from wargame import engine as E
from wargame.engine.parts import Answer, Offer, SubmitOrders
from wargame.engine.sessions import apply_session
from wargame.scenario import load_scenario

SCENARIO = load_scenario(Path(__file__).parents[1] / "engine" / "exercise.yaml")[0]


@pytest.mark.parametrize("level", bots.LEVELS)
@pytest.mark.parametrize("session", [None, "seminar", "two-hours"])
def test_every_level_plays_the_exercise_to_the_end_in_both_modes(level, session):
    scenario = apply_session(SCENARIO, session)
    state = E.new_game(scenario, seed=2)
    kinds = set()
    while state.outcome is None:
        decision, why = bots.choose(scenario, state, level)
        assert why
        kinds.add(type(decision))
        state, _ = E.apply(scenario, state, decision)
    assert (SubmitOrders in kinds) == scenario.simultaneous
    assert (E.Act in kinds or E.Pass in kinds) != scenario.simultaneous


def _south_to_move():
    scenario = apply_session(SCENARIO, "seminar")
    state = E.new_game(scenario, seed=3)
    while not (state.pending.kind == "action" and state.pending.faction == "south"):
        state, _ = E.apply(scenario, state, E.legal_decisions(scenario, state)[0])
    return scenario, state


@pytest.mark.parametrize("level", ["easy", "normal", "hard"])
def test_a_bot_does_not_know_what_its_team_cannot_see(level):
    scenario, state = _south_to_move()
    hidden = [scenario.slot_index[x] for x in ("north.loyalty", "hills.mines", "port.mines", "coast.mines")]
    twin_values = list(state.values)
    for slot in hidden:  # values south cannot see, changed: its decision must not move
        lo, hi = scenario.slot_bounds[slot]
        twin_values[slot] = hi if twin_values[slot] != hi else lo
    twin = attrs.evolve(state, values=tuple(twin_values))
    assert bots.choose(scenario, state, level)[0] == bots.choose(scenario, twin, level)[0]


def test_simultaneous_orders_from_a_bot_are_legal_and_respect_the_limits():
    state = E.new_game(SCENARIO, seed=5)
    while state.phase != "orders":
        state, _ = E.apply(SCENARIO, state, E.legal_decisions(SCENARIO, state)[0])
    decision, why = bots.choose(SCENARIO, state, "normal")
    assert isinstance(decision, SubmitOrders) and decision.faction == state.pending.faction
    assert len(decision.actions) <= SCENARIO.faction(decision.faction).actions_per_turn
    E.apply(SCENARIO, state, decision)  # legal


def test_a_bot_accepts_a_gift_and_declines_a_demand():
    state = E.new_game(SCENARIO, seed=5)
    while state.phase != "orders":
        state, _ = E.apply(SCENARIO, state, E.legal_decisions(SCENARIO, state)[0])
    gift, _ = E.apply(SCENARIO, state, Offer("south", "north", give=(("treasury", 10),)))
    decision, why = bots.choose(SCENARIO, gift, "normal")
    assert decision == Answer(1, True) and why.startswith("accepts deal #1: +")
    demand, _ = E.apply(SCENARIO, state, Offer("south", "north", get=(("treasury", 10),)))
    decision, why = bots.choose(SCENARIO, demand, "easy")
    assert decision == Answer(1, False) and why.startswith("declines deal #1: -")
