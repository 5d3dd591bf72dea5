"""The easy, normal and hard bots: a legal decision and a one-line reason a trainee can read."""

from __future__ import annotations

import math

from wargame import engine as E
from wargame.bots import evaluate
from wargame.bots.budget import UNITS, Budget
from wargame.bots.reasons import reason
from wargame.bots.seeds import bot_rng
from wargame.engine.rng import next_u64
from wargame.scenario import Scenario

EASY_TEMPERATURE = 0.35  # softmax temperature, as a share of the spread between the best and worst option
EASY_SALT = 0x6561_7379


def choose(scenario: Scenario, state: E.GameState, level: str) -> tuple[E.Decision, str]:
    """The decision of a bot of `level` for the pending faction, with its reason."""
    if state.pending is None:
        raise E.IllegalDecision("the game is over: nobody is to decide")
    if level == "easy":
        return choose_easy(scenario, state)
    if level == "normal":
        return choose_normal(scenario, state)
    if level == "hard":
        from wargame.bots.lookahead import choose_hard

        return choose_hard(scenario, state)
    raise ValueError(f"unknown bot level '{level}' (random, easy, normal or hard)")


def choose_normal(scenario: Scenario, state: E.GameState) -> tuple[E.Decision, str]:
    """The best one-step expected value: outcomes weighed by odds, positions by what they open."""
    budget = Budget(UNITS)
    ranked = evaluate.rank(scenario, state, budget=budget)
    return ranked[0].decision, reason(scenario, state, ranked[0], ranked[1:]) + budget.note()


def choose_easy(scenario: Scenario, state: E.GameState) -> tuple[E.Decision, str]:
    """A short-sighted, noisy pick: usually a good option, not always the best one."""
    budget = Budget(UNITS)
    ranked = evaluate.rank(scenario, state, potential=False, budget=budget)
    if len(ranked) == 1:
        return ranked[0].decision, reason(scenario, state, ranked[0], []) + budget.note()
    top, low = ranked[0].value, ranked[-1].value
    temp = max(1.0, EASY_TEMPERATURE * (top - low))
    weights = [math.exp((c.value - top) / temp) for c in ranked]
    _, z = next_u64(bot_rng(state, EASY_SALT))
    x = (z / 2.0**64) * sum(weights)
    pick = ranked[-1]
    for c, w in zip(ranked, weights, strict=True):
        x -= w
        if x < 0:
            pick = c
            break
    rest = [c for c in ranked if c is not pick]
    return pick.decision, reason(scenario, state, pick, rest, hunch=pick is not ranked[0]) + budget.note()
