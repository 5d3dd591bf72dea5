"""Scenarios and positions shared by the bot tests: every bundled scenario plus generated ones."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from synth import synth

from wargame import bots
from wargame import engine as E
from wargame.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted(p.name for p in (ROOT / "scenarios").glob("*.yaml"))
SYNTH = ["synth-0", "synth-5"]


@cache
def scenario(name: str):
    """A bundled scenario by file name, or a generated one ('synth-N')."""
    if name.startswith("synth-"):
        return synth(int(name.split("-")[1]), factions=3 + int(name.split("-")[1]) % 2, regions=8, turns=8)
    return load_scenario(ROOT / "scenarios" / name)[0]


def position(s, seed: int, steps: int, policy: str = "random"):
    """The state after `steps` decisions of `policy` from seed (or the last one before the end)."""
    state = E.new_game(s, seed)
    for _ in range(steps):
        if state.outcome is not None:
            break
        nxt, _ = E.apply(s, state, bots.choose(s, state, policy)[0])
        if nxt.outcome is not None:
            break
        state = nxt
    return state
