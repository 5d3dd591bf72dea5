"""One zero-player game, summarised; and each game's seed, from the master seed and its number.

Each game's seed is derived from the master seed and the game's number only,
so any worker on any machine plays game g alike and the report is the same
whatever the split (see `tasks`). A summary holds only what the report
aggregates (no state).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from wargame import bots
from wargame import engine as E
from wargame.engine import events as ev
from wargame.engine.rng import GOLDEN, MASK, next_u64, seed_state
from wargame.scenario import Scenario

MAX_STEPS = 20_000  # no game needs this many decisions: beyond it the game is stuck (a dead end)


def game_seed(master: int, game: int) -> int:
    """The seed of game number `game` of a run: any worker computes it alike."""
    s = (seed_state(master) + (game + 1) * GOLDEN) & MASK
    return next_u64(s)[1] % 1_000_000_000


Chooser = Callable[[Scenario, E.GameState, str], tuple[E.Decision, str]]
"""Picks a bot's decision and its reason: `bots.choose`, or a strategy probe's stand-in."""


def play(scenario: Scenario, seed: int, seats: dict[str, str], chooser: Chooser | None = None) -> dict[str, Any]:
    """One bot game, summarised: winner, scores, the values each turn, cards, actions, problems.

    `chooser(scenario, state, level)` stands in for `bots.choose` (a strategy probe's bot).
    """
    chooser = chooser or bots.choose
    card_ix, action_ix = scenario.card_index, {a.id: k for k, a in enumerate(scenario.actions)}
    cards: list[list[int]] = []  # [card index, chosen option or -1]
    acts: list[list[int]] = []  # [action index, 1 success / 0 failure / -1 certain]
    out: dict[str, Any] = {"seed": seed, "problem": None}
    state = None

    def note(events: Iterable[ev.Event]) -> None:
        for e in events:
            if type(e) is ev.CardDrawn:
                cards.append([card_ix[e.card], -1])
            elif type(e) is ev.Chose:
                for c in reversed(cards):
                    if c[0] == card_ix[e.card]:
                        c[1] = e.option
                        break
            elif type(e) is ev.ActionTaken:
                acts.append([action_ix[e.action], -1])
            elif (type(e) is ev.Rolled or type(e) is ev.Ruled) and acts:
                acts[-1][1] = 1 if e.success else 0

    try:
        state, events = E.begin(scenario, seed, seats)
        note(events)
        bounds = scenario.slot_bounds
        steps = 0
        while state.outcome is None:
            p = state.pending
            if p is None:
                out["problem"] = (
                    "dead end",
                    f"no decision pending at turn {state.turn}, yet the game is not over",
                )
                break
            if steps >= MAX_STEPS:
                out["problem"] = (
                    "dead end",
                    f"still running after {MAX_STEPS} decisions (turn {state.turn})",
                )
                break
            if not E.legal_decisions(scenario, state):
                out["problem"] = (
                    "dead end",
                    f"{p.faction} has no legal decision at turn {state.turn}",
                )
                break
            decision, _why = chooser(scenario, state, seats[p.faction])
            state, events = E.apply(scenario, state, decision)
            note(events)
            steps += 1
            bad = _out_of_bounds(scenario, state.values, bounds)
            if bad:
                out["problem"] = ("invariant", f"turn {state.turn}: {bad}")
                break
    except Exception as exc:  # a crash is a finding to report with its seed, not a reason to stop the run
        out["problem"] = ("exception", f"{type(exc).__name__}: {exc}")
    if state is not None:
        out["history"] = [list(h) for h in state.history] + [list(state.values)]
        out["scores"] = list(E.scores(scenario, state.values).values())
    o = state.outcome if state is not None else None
    if o is not None and out["problem"] is None:
        out.update(winner=o.winner, tied=list(o.tied), reason=o.reason, turn=o.turn, margin=o.margin)
    out["cards"], out["actions"] = cards, acts
    return out


def _out_of_bounds(scenario: Scenario, values: Sequence[int], bounds: Sequence[tuple[int, int]]) -> str:
    for slot, (x, (lo, hi)) in enumerate(zip(values, bounds, strict=True)):
        if x < lo or x > hi:
            return f"{scenario.slot_names[slot]} = {x}, outside {lo}..{hi}"
    return ""
