"""The hard bot: Monte Carlo lookahead over the next turns, with a fixed rollout budget.

Each of the normal bot's best few candidates is played forward several times,
the deciding faction then playing as the normal bot and the others by the
quick greedy policy, on dice drawn from a generator derived from the game
(never the game's own), for four turns or to the end of the game. End
positions are valued like the normal bot values a position (standing and
potential), a finished game by who won. A rolled action's rollouts are split between its success and its
failure (forced with a ruling) and weighed by the real odds, so luck in the
rollouts does not decide. Rollout k of every candidate uses the same dice,
and the hard bot leaves the normal bot's choice only for a candidate whose
paired advantage is larger than its noise: more lookahead, never less sense.
The budget is counted in rollouts, not seconds: the same game, the same choice.
"""

from __future__ import annotations

import math

import attrs

from wargame import engine as E
from wargame.bots import evaluate
from wargame.bots.budget import HARD_UNITS, UNITS, Budget
from wargame.bots.evaluate import Candidate, Move
from wargame.bots.model import Model
from wargame.bots.reasons import reason
from wargame.bots.seeds import bot_rng
from wargame.scenario import Scenario

CANDIDATES = 4  # how many of the normal bot's best options get rollouts
ROLLOUTS = 8  # rollouts per candidate (split between success and failure for rolled actions)
TURNS_AHEAD = 4  # play to the start of turn + TURNS_AHEAD, or to the end of the game
SWITCH_Z = 1.0  # leave the normal bot's choice only for a paired gain above this many standard errors
MAX_STEPS = 400  # a safety net: no rollout runs longer than this many decisions
SALT = 0x6861_7264


@attrs.define
class _Score:
    candidate: Candidate
    samples: list[float]  # one value per dice number, paired across candidates by their dice
    value: float = 0.0  # mean of the samples, less the faction's caution for rolled actions
    won: float | None = None  # expected share of rollouts won, when every rollout reached the end


def choose_hard(scenario: Scenario, state: E.GameState) -> tuple[E.Decision, str]:
    """The normal bot's choice, unless rollouts show another candidate is clearly better."""
    first = Budget(UNITS)
    ranked, moves = evaluate.rank_with_moves(scenario, state, budget=first)
    if len(ranked) == 1:
        c = ranked[0]
        return c.decision, f"{evaluate.label(scenario, state, c.decision)}: the only option" + first.note()
    md = evaluate.model(scenario)
    i = md.index[evaluate.pending_of(state).faction]
    horizon = min(state.turn + TURNS_AHEAD, scenario.turns + 1)
    leaf = _Leaf(scenario, md, i, moves, Budget(HARD_UNITS))
    scored = [_score(scenario, state, c, md.caution[i], horizon, leaf) for c in ranked[:CANDIDATES]]
    if leaf.budget.out:  # rollouts cut short are no evidence: keep the normal bot's choice, and say so
        note = first.note() or " (out of thinking time: rollouts cut short)"
        return ranked[0].decision, reason(scenario, state, ranked[0], ranked[1:]) + note
    best = scored[0]
    for s in scored[1:]:
        diffs = [a - b for a, b in zip(s.samples, scored[0].samples, strict=False)]  # common dice
        gain = s.value - scored[0].value
        if gain > SWITCH_Z * _stderr(diffs) and s.value > best.value:
            best = s
    rest = sorted((s for s in scored if s is not best), key=lambda s: -s.value)
    now = leaf.value(state)
    return best.candidate.decision, _reason(scenario, state, best, rest, now, horizon)


class _Leaf:
    """Values the position at the end of a rollout for faction i."""

    def __init__(self, scenario: Scenario, md: Model, i: int, moves: list[Move], budget: Budget):
        self.s, self.md, self.i, self.moves, self.budget = scenario, md, i, moves, budget
        self.fid = scenario.factions[i].id

    def value(self, st: E.GameState) -> float:
        o = st.outcome
        if o is not None:
            return self.md.terminal(o, st.values, self.i)
        u = self.md.utility(st.values, self.i)
        if self.moves:
            left = self.s.factions[self.i].actions_per_turn * (self.s.turns - st.turn + 1)
            u += self.md.weight_for(left, self.i) * evaluate.potential(self.moves, st.values)
        return u

    def won(self, st: E.GameState) -> float | None:
        o = st.outcome
        if o is None:
            return None
        return 1.0 if o.winner == self.fid else 0.5 if o.winner is None and self.fid in o.tied else 0.0


def _score(scenario: Scenario, state: E.GameState, c: Candidate, caution: float, horizon: int, leaf: _Leaf) -> _Score:
    """Rollouts of one candidate: a rolled action's success and failure on the same dice, weighed by odds."""
    p = (c.odds / 100) if c.odds is not None else 1.0
    d = c.decision
    if isinstance(d, E.Act) and 0 < p < 1:
        ok, ko = attrs.evolve(d, ruling="success"), attrs.evolve(d, ruling="failure")
        succ = [rollout(scenario, state, ok, horizon, leaf, r) for r in range(ROLLOUTS // 2)]
        fail = [rollout(scenario, state, ko, horizon, leaf, r) for r in range(ROLLOUTS // 2)]
        samples = [p * a[0] + (1 - p) * b[0] for a, b in zip(succ, fail, strict=True)]
        spread = abs(_mean([a[0] for a in succ]) - _mean([b[0] for b in fail]))
        value = _mean(samples) - caution * evaluate.RISK * math.sqrt(p * (1 - p)) * spread
        wins = [a[1] for a in succ] + [b[1] for b in fail]
        known = [w for w in wins if w is not None]
        won = None if len(known) < len(wins) else p * _mean(known[: len(succ)]) + (1 - p) * _mean(known[len(succ) :])
    else:
        runs = [rollout(scenario, state, d, horizon, leaf, r) for r in range(ROLLOUTS)]
        samples = [r[0] for r in runs]
        value = _mean(samples)
        wins = [r[1] for r in runs]
        known = [w for w in wins if w is not None]
        won = None if len(known) < len(wins) else _mean(known)
    return _Score(c, samples, value, won)


def rollout(
    scenario: Scenario, state: E.GameState, decision: E.Decision, horizon: int, leaf: _Leaf, r: int
) -> tuple[float, float | None]:
    """The leaf value after `decision` and greedy play to the horizon on dice number r, and 1/0.5/0 if it ended."""
    st, _ = E.apply(scenario, attrs.evolve(state, rng=bot_rng(state, SALT + r)), decision)
    steps = 0
    me = leaf.fid
    shared = leaf.budget
    while st.outcome is None and st.turn < horizon and steps < MAX_STEPS and not shared.out:
        own = evaluate.pending_of(st).faction == me
        b = Budget(min(UNITS, shared.left))
        ranked = evaluate.rank(scenario, st, potential=own, budget=b)
        shared.spend(max(1, min(UNITS, shared.left) - b.left))
        st, _ = E.apply(scenario, st, ranked[0].decision)
        steps += 1
    return leaf.value(st), leaf.won(st)


def greedy(scenario: Scenario, state: E.GameState) -> E.Decision:
    """The rollout policy of the other factions: the best myopic expected value (cheap)."""
    return evaluate.rank(scenario, state, potential=False)[0].decision


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def _stderr(xs: list[float]) -> float:
    n = len(xs)
    if n < 2:
        return float("inf")
    m = sum(xs) / n
    return math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1) / n)


def _reason(scenario: Scenario, state: E.GameState, best: _Score, rest: list[_Score], now: float, horizon: int) -> str:
    """'Pay the brigades: +12.0 expected score by Aug 2016, beats Assault -3.5 (32 rollouts)'."""
    c = best.candidate
    name = evaluate.label(scenario, state, c.decision)
    runner = rest[0] if rest else None
    if best.won is not None and (runner is None or runner.won is not None):
        parts = [f"{name}: wins {best.won:.0%} of rollouts to the end of the game"]
        beats = f"{runner.won:.0%}" if runner else ""
    else:
        until = scenario.calendar.label(horizon) if horizon <= scenario.turns else "the end of the game"
        parts = [f"{name}: {best.value - now:+.1f} expected score by {until}"]
        beats = f"{runner.value - now:+.1f}" if runner else ""
    if c.odds is not None:
        parts.append(f"{c.odds}% odds")
    if runner is not None:
        other = evaluate.label(scenario, state, runner.candidate.decision)
        parts.append(f"beats {other} {beats}" if best.value >= runner.value else f"{other} {beats} is within noise")
    return ", ".join(parts) + f" ({ROLLOUTS * (1 + len(rest))} rollouts)"
