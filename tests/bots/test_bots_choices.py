"""Bots choose only legal decisions, say why in words naming the choice, and repeat themselves."""

from __future__ import annotations

import pytest
from bots_helpers import BUNDLED, SYNTH, position, scenario
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame import bots
from wargame import engine as E
from wargame.bots import evaluate, model

NAMES = BUNDLED + SYNTH
SETTINGS = {"deadline": None, "derandomize": True, "suppress_health_check": list(HealthCheck)}


def check_choice(s, state, level: str) -> None:
    legal = E.legal_decisions(s, state)
    decision, why = bots.choose(s, state, level)
    assert decision in legal, f"{level} chose {decision} not in {legal}"
    assert why and "\n" not in why
    assert evaluate.label(s, state, decision) in why, why
    # the chosen decision is accepted by the rules
    E.apply(s, state, decision)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=25, **SETTINGS)
@given(
    seed=st.integers(0, 10_000),
    steps=st.integers(0, 400),
    level=st.sampled_from(["easy", "normal"]),
    policy=st.sampled_from(["random", "easy"]),
)
def test_easy_and_normal_choose_legal_decisions(name, seed, steps, level, policy):
    s = scenario(name)
    check_choice(s, position(s, seed, steps, policy), level)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=4, **SETTINGS)
@given(seed=st.integers(0, 10_000), steps=st.integers(0, 300))
def test_hard_chooses_legal_decisions(name, seed, steps):
    s = scenario(name)
    check_choice(s, position(s, seed, steps), "hard")


@pytest.mark.parametrize("name", NAMES)
def test_whole_games_at_every_level_stay_legal(name):
    s = scenario(name)
    for level in ("easy", "normal"):
        state = E.new_game(s, 3)
        while state.outcome is None:
            check_choice(s, state, level)
            state, _ = E.apply(s, state, bots.choose(s, state, level)[0])


@pytest.mark.parametrize("level", ["easy", "normal", "hard"])
def test_same_game_same_choice_even_with_cold_caches(level):
    s = scenario("synth-0")
    state = position(s, 11, 9)
    first = bots.choose(s, state, level)
    model._MODELS.pop(s, None)
    assert bots.choose(s, state, level) == first


def test_bots_never_touch_the_game_dice():
    s = scenario(BUNDLED[0])
    state = position(s, 5, 3)
    before = E.state_hash(state)
    for level in ("easy", "normal", "hard"):
        bots.choose(s, state, level)
    assert E.state_hash(state) == before


def test_unknown_level_is_refused():
    s = scenario(BUNDLED[0])
    with pytest.raises(ValueError, match="unknown bot level"):
        bots.choose(s, E.new_game(s, 1), "grandmaster")


def test_card_choices_are_weighed_and_named():
    s = scenario("synth-0")
    seen = 0
    for seed in range(20):
        state = E.new_game(s, seed)
        while state.outcome is None:
            if state.pending.kind == "choice":
                decision, why = bots.choose(s, state, "normal")
                assert isinstance(decision, E.Choose)
                assert s.card(state.pending.card).choice.options[decision.option].label in why
                seen += 1
            state, _ = E.apply(s, state, bots.choose(s, state, "random")[0])
    assert seen >= 3
