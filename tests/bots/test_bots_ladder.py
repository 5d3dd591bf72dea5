"""The levels are a ladder: in the same seat a stronger bot wins more (docs/bots.md: full run)."""

from __future__ import annotations

import pytest
from bots_helpers import scenario

from wargame import bots
from wargame import engine as E


def play(s, seed: int, seats: dict[str, str]) -> str | None:
    state = E.new_game(s, seed)
    while state.outcome is None:
        state, _ = E.apply(s, state, bots.choose(s, state, seats[state.pending.faction])[0])
    return state.outcome.winner


def seat_wins(s, strong: str, weak: str, seeds) -> tuple[int, int]:
    """Wins of a seat at `strong` against the rest at `weak`, and the reverse, summed."""
    up = down = 0
    for f in s.factions:
        for seed in seeds:
            up += play(s, seed, {g.id: strong if g.id == f.id else weak for g in s.factions}) == f.id
            down += play(s, seed, {g.id: weak if g.id == f.id else strong for g in s.factions}) == f.id
    return up, down


@pytest.mark.parametrize("name", ["tutorial.yaml", "synth-0"])
def test_normal_beats_easy(name):
    s = scenario(name)
    up, down = seat_wins(s, "normal", "easy", range(30))
    games = 30 * len(s.factions)
    assert up - down >= games // 10, (up, down, games)


@pytest.mark.slow
def test_hard_beats_normal():
    s = scenario("tutorial.yaml")
    up, down = seat_wins(s, "hard", "normal", range(12))
    assert up - down >= 3, (up, down)
