"""Dispatches a bot level to its chooser; every chooser is deterministic given the game."""

from __future__ import annotations

from wargame import engine as E
from wargame.bots.seeds import bot_rng
from wargame.engine.rng import below
from wargame.scenario import Scenario

LEVELS = ("random", "easy", "normal", "hard")
__all__ = ["LEVELS", "bot_rng", "choose", "choose_random"]


def choose_random(scenario: Scenario, state: E.GameState) -> tuple[E.Decision, str]:
    options = E.legal_decisions(scenario, state)
    _, i = below(bot_rng(state), len(options))
    return options[i], "picked at random"


def choose(scenario: Scenario, state: E.GameState, level: str = "normal") -> tuple[E.Decision, str]:
    """The bot's decision for the pending faction, and why, in one line (seat.py: offers, orders, views)."""
    if level not in LEVELS:
        raise ValueError(f"unknown bot level '{level}' (random, easy, normal or hard)")
    from wargame.bots.seat import choose_seated

    return choose_seated(scenario, state, level, _think)


def _think(scenario: Scenario, state: E.GameState, level: str) -> tuple[E.Decision, str]:
    if level == "random":
        return choose_random(scenario, state)
    from wargame.bots import levels

    return levels.choose(scenario, state, level)
