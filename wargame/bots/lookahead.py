"""The hard bot: Monte Carlo lookahead over the next turns, with a fixed rollout budget.

Each of the normal bot's best few candidates is played forward several times
with every faction following the quick greedy policy, on dice drawn from a
generator derived from the game (never the game's own), until the horizon;
the end positions are valued like the normal bot values a position, a
finished game by who won. A rolled action's rollouts are split between its
success and its failure (forced with a ruling) and weighed by the real odds,
so luck in the rollouts does not decide. The budget is counted in rollouts,
not seconds, so the same game always gives the same choice.
"""

from __future__ import annotations

import math

import attrs

from wargame import engine as E
from wargame.bots import evaluate
from wargame.bots.evaluate import Candidate
from wargame.bots.policy import bot_rng
from wargame.scenario import Scenario

CANDIDATES = 4  # how many of the normal bot's best options get rollouts
ROLLOUTS = 8  # rollouts per candidate (split between success and failure for rolled actions)
TURNS_AHEAD = 2  # play to the start of turn + TURNS_AHEAD (the end of the game if sooner)
MAX_STEPS = 200  # a safety net: no rollout runs longer than this many decisions
SALT = 0x6861_7264


@attrs.define
class _Score:
    candidate: Candidate
    value: float = 0.0  # expected utility at the horizon, weighed by the real odds
    won: float | None = None  # expected share of rollouts won, when every rollout reached the end


def choose_hard(scenario: Scenario, state: E.GameState) -> tuple[E.Decision, str]:
    """The candidate whose rollouts end best for the pending faction, with the numbers behind it."""
    ranked = evaluate.rank(scenario, state)
    if len(ranked) == 1:
        c = ranked[0]
        return c.decision, f"{evaluate.label(scenario, state, c.decision)}: the only option"
    md = evaluate.model(scenario)
    i = md.index[state.pending.faction]
    horizon = min(state.turn + TURNS_AHEAD, scenario.turns + 1)
    caution = md.caution[i] * evaluate.RISK
    scored = []
    for c in ranked[:CANDIDATES]:
        p = (c.odds / 100) if c.odds is not None else 1.0
        if isinstance(c.decision, E.Act) and 0 < p < 1:
            half = ROLLOUTS // 2
            us, ws = _mean(
                scenario, state, attrs.evolve(c.decision, ruling="success"), i, horizon, half, 0
            )
            uf, wf = _mean(
                scenario, state, attrs.evolve(c.decision, ruling="failure"), i, horizon, half, half
            )
            value = p * us + (1 - p) * uf - caution * math.sqrt(p * (1 - p)) * abs(us - uf)
            won = None if ws is None or wf is None else p * ws + (1 - p) * wf
            scored.append(_Score(c, value, won))
        else:
            scored.append(_Score(c, *_mean(scenario, state, c.decision, i, horizon, ROLLOUTS, 0)))
    now = md.utility(state.values, i)
    scored.sort(key=lambda s: -s.value)
    return scored[0].candidate.decision, _reason(
        scenario, state, scored[0], scored[1:], now, horizon
    )


def _mean(
    scenario: Scenario,
    state: E.GameState,
    decision: E.Decision,
    i: int,
    horizon: int,
    n: int,
    first: int,
) -> tuple[float, float | None]:
    """Mean utility of n rollouts, and the share won (None unless every rollout ended the game)."""
    total, wins, finished = 0.0, 0.0, 0
    for r in range(first, first + n):
        u, won = rollout(scenario, state, decision, i, horizon, bot_rng(state, SALT + r))
        total += u
        if won is not None:
            wins += won
            finished += 1
    return total / n, (wins / n if finished == n else None)


def rollout(
    scenario: Scenario, state: E.GameState, decision: E.Decision, i: int, horizon: int, rng: int
) -> tuple[float, float | None]:
    """Faction i's utility after `decision` and greedy play to the horizon on dice `rng`.

    Also 1, 0.5 or 0 when the game ended in a win, a shared first place or a loss.
    """
    md = evaluate.model(scenario)
    st, _ = E.apply(scenario, attrs.evolve(state, rng=rng), decision)
    steps = 0
    while st.outcome is None and st.turn < horizon and steps < MAX_STEPS:
        st, _ = E.apply(scenario, st, greedy(scenario, st))
        steps += 1
    o = st.outcome
    if o is None:
        return md.utility(st.values, i), None
    fid = scenario.factions[i].id
    won = 1.0 if o.winner == fid else 0.5 if o.winner is None and fid in o.tied else 0.0
    return md.terminal(o, st.values, i), won


def greedy(scenario: Scenario, state: E.GameState) -> E.Decision:
    """The rollout policy: the best myopic expected value, without the potential (cheap)."""
    return evaluate.rank(scenario, state, potential=False)[0].decision


def _reason(
    scenario: Scenario,
    state: E.GameState,
    best: _Score,
    rest: list[_Score],
    now: float,
    horizon: int,
) -> str:
    """'Pay the brigades: +12.0 expected score by Aug 2016, beats Assault -3.5 (32 rollouts)'."""
    c = best.candidate
    name = evaluate.label(scenario, state, c.decision)
    runner = rest[0] if rest else None
    if best.won is not None and (runner is None or runner.won is not None):
        parts = [f"{name}: wins {best.won:.0%} of rollouts to the end of the game"]
        beats = f"{runner.won:.0%}" if runner else ""
    else:
        until = (
            scenario.calendar.label(horizon) if horizon <= scenario.turns else "the end of the game"
        )
        parts = [f"{name}: {best.value - now:+.1f} expected score by {until}"]
        beats = f"{runner.value - now:+.1f}" if runner else ""
    if c.odds is not None:
        parts.append(f"{c.odds}% odds")
    if runner is not None:
        parts.append(f"beats {evaluate.label(scenario, state, runner.candidate.decision)} {beats}")
    return ", ".join(parts) + f" ({ROLLOUTS * (1 + len(rest))} rollouts)"
