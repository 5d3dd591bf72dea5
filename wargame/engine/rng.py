"""A tiny seeded generator (SplitMix64) whose whole state is one integer in the game state.

`random.Random` would work, but its state is 625 words: storing, hashing and
comparing it on every decision costs more than the rules themselves.
"""

from __future__ import annotations

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def seed_state(seed: int) -> int:
    """The generator state for a game seed (any integer, negative included)."""
    return (seed * 0x2545F4914F6CDD1D + 0x1234567) & MASK


def next_u64(state: int) -> tuple[int, int]:
    """Advance the generator: returns (new state, a 64-bit random number)."""
    state = (state + GOLDEN) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def below(state: int, n: int) -> tuple[int, int]:
    """A number in 0..n-1 (n is small, so the modulo bias is below 1e-17)."""
    state = (state + GOLDEN) & MASK  # next_u64, written out: this runs on every roll
    z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, (z ^ (z >> 31)) % n
