"""The bots' own random numbers, derived from the game so that a bot thinking never moves the dice."""

from __future__ import annotations

from wargame import engine as E
from wargame.engine.rng import next_u64


def bot_rng(state: E.GameState, salt: int = 0) -> int:
    """A generator state derived from the game (seed, step, rng): same game, same bot choices.

    Bots never draw from the game's own generator, so a bot thinking does not
    change the dice a human would see.
    """
    s = (state.rng ^ (state.step * 0x9E3779B97F4A7C15) ^ salt) & ((1 << 64) - 1)
    return next_u64(s)[0]
