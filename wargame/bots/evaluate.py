"""What each legal decision is worth to the faction taking it: expected value and potential.

Each action is previewed on a copy of the values list with the rules' own
`run_statements` (success and failure, weighed by the odds the rules would
use); a card option likewise. The "potential" of the position a decision
leaves (the best expected gain among the faction's most promising moves from
there) is what makes money, morale, odds modifiers and delayed results
worth something before they move a score. Only what an effect touches is
recomputed: scores through the model's slot dependencies, the potential
through each move's.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence

import attrs

from wargame import engine as E
from wargame.bots.budget import UNITS, Budget, affordable, option_units
from wargame.bots.model import Model, Near, model
from wargame.engine.events import PREVIEW
from wargame.engine.rule import ActionRule
from wargame.engine.rules import run_statements
from wargame.engine.state import PendingKind, Values
from wargame.scenario import Scenario
from wargame.scenario.expr.statements import Stmt
from wargame.scenario.layout import NO_TARGET
from wargame.scenario.model import Action, Choice

DELAY_DISCOUNT = 0.85  # an outcome that lands d turns later is worth 0.85**d of one that lands now
RISK = 0.5  # how hard a faction's `caution` penalises the spread between success and failure
TOP_MOVES = 5  # how many of the faction's moves the potential looks at
CHOICE_POTENTIAL = True  # whether card options are valued by the moves they open up too
BLOCKED = True  # whether the potential also counts moves that only money keeps out of reach now

__all__ = ["Candidate", "label", "model", "rank"]


@attrs.define
class Candidate:
    """One legal decision with what the bot expects from it."""

    decision: E.Decision
    value: float  # expected utility, risk-adjusted, with the potential of the position it leaves
    gain: float = 0.0  # value minus the value of standing still (passing), for the reason text
    odds: int | None = None  # percent, when the outcome is rolled


class _Outcome:
    """A previewed decision: values after the cost, after success, after failure, and standings."""

    __slots__ = ("action", "hit_f", "hit_s", "p", "t", "uf", "us", "w", "wf", "ws")

    def __init__(
        self,
        action: Action | None,
        t: int,
        p: float,
        w: Values,
        ws: Values,
        us: float,
        hit_s: frozenset[int],
        wf: Values,
        uf: float,
        hit_f: frozenset[int],
    ):
        self.action, self.t, self.p, self.w = action, t, p, w
        self.ws, self.us, self.hit_s, self.wf, self.uf, self.hit_f = ws, us, hit_s, wf, uf, hit_f


class _Move:
    """A move the potential considers: its root gains, what it depends on, its value at the root."""

    __slots__ = ("action", "deps", "gf", "gs", "key", "memo", "rule", "t", "value0", "weight")

    def __init__(
        self, action: Action, rule: ActionRule, t: int, gs: float, gf: float, weight: float, deps: frozenset[int]
    ):
        self.action, self.rule, self.t, self.gs, self.gf = action, rule, t, gs, gf
        self.weight, self.deps, self.value0 = weight, deps, 0.0
        # its value is a function of the slots it reads: previews of one decision share a few projections
        self.key = operator.itemgetter(*sorted(deps)) if deps else None
        self.memo: dict[object, float] = {}

    def value(self, v: Values) -> float:
        """Its expected gain from values v, or 0 when the engine's rule says it is not open there."""
        if self.key is None:
            return self._value(v)
        k = self.key(v)
        x = self.memo.get(k)
        if x is None:
            x = self.memo[k] = self._value(v)
        return x

    def _value(self, v: Values) -> float:
        rule = self.rule
        if not rule.open(v) or (self.t >= 0 and not rule.target_ok(v, self.t)):
            return 0.0
        p = rule.probability(v, self.t)
        return max(0.0, (p * self.gs + (1 - p) * self.gf) * self.weight)


def _choice(scenario: Scenario, state: E.GameState) -> Choice:
    """The choice the pending faction is answering (only called while one is pending)."""
    p = state.pending
    assert p is not None and p.card is not None
    choice = scenario.card(p.card).choice
    assert choice is not None
    return choice


def pending_of(state: E.GameState) -> E.Pending:
    """Who is to decide: the bots are only asked while the game goes on."""
    assert state.pending is not None
    return state.pending


Move = _Move  # what the hard bot's leaves are valued by (lookahead.py)


def label(scenario: Scenario, state: E.GameState, d: E.Decision) -> str:
    """The decision in a trainee's words: 'Assault a district on Sirte centre'."""
    if isinstance(d, E.Act):
        name = scenario.action(d.action).name
        return f"{name} on {scenario.region(d.target).name}" if d.target else name
    if isinstance(d, E.Choose):
        return _choice(scenario, state).options[d.option].label
    return "Pass"


def remaining_actions(scenario: Scenario, state: E.GameState, i: int, after_this: bool) -> int:
    """Own action slots left in the game after the pending decision (or after passing)."""
    apt = scenario.factions[i].actions_per_turn
    later = apt * (scenario.turns - state.turn)
    if pending_of(state).kind is PendingKind.CHOICE:
        return later + apt
    return later + (apt - state.actions_taken - 1 if after_this else 0)


def rank(
    scenario: Scenario,
    state: E.GameState,
    potential: bool = True,
    options: list[E.Decision] | None = None,
    budget: Budget | None = None,
) -> list[Candidate]:
    """The legal decisions of the pending faction with their values, best first (ties: in order).

    Every one of them, unless weighing them all would cost more than the
    budget (see budget.py): then as many as it covers.
    """
    return rank_with_moves(scenario, state, potential, options, budget)[0]


def rank_with_moves(
    scenario: Scenario,
    state: E.GameState,
    potential: bool = True,
    options: list[E.Decision] | None = None,
    budget: Budget | None = None,
) -> tuple[list[Candidate], list[_Move]]:
    """`rank`, and the moves its potential looked at (the hard bot values its end positions by them)."""
    md = model(scenario)
    p = pending_of(state)
    i = md.index[p.faction]
    v = state.values
    options = E.legal_decisions(scenario, state) if options is None else options
    budget = Budget(UNITS) if budget is None else budget
    options = affordable(scenario, options, p, budget, TOP_MOVES if potential else 0, md.units)
    sc0 = md.scores(v)
    near: Near = {}  # this decision's previews' wide scores (Model.rescore)
    u0 = md.standing(sc0, i)
    outs = [_preview(scenario, md, v, sc0, near, i, d, p) for d in options]
    moves: list[_Move] = []
    if potential:
        # on a card choice no action is legal: every action the faction could take later counts
        blocked = (
            _blocked(scenario, md, v, sc0, near, i, options, budget)
            if BLOCKED and (p.kind is PendingKind.ACTION or CHOICE_POTENTIAL) and not budget.out
            else []
        )
        moves = _moves(scenario, md, v, u0, [*outs, *blocked])
    caution = md.caution[i] * RISK
    turn, turns = v[0], scenario.turns
    if moves:
        pot0 = max(m.value0 for m in moves)
        g_act = md.weight_for(remaining_actions(scenario, state, i, True), i)
        g_pass = md.weight_for(remaining_actions(scenario, state, i, False), i)
    else:
        pot0 = g_act = g_pass = 0.0
    base = u0 + g_pass * pot0
    out: list[Candidate] = []
    for d, o in zip(options, outs, strict=True):
        if o is None:  # Pass
            out.append(Candidate(d, base))
            continue
        a = o.action
        g = g_pass if a is None else g_act
        ts, tf = o.us, o.uf
        if moves:
            ts += g * _potential(moves, o.ws, o.hit_s)
            tf = ts if o.wf is o.ws else tf + g * _potential(moves, o.wf, o.hit_f)
        if a is not None and a.delay:
            touched, affected = md.effect((a.id, "cost"), (), -1, md.cost_slots[a.id])
            uc = md.standing(md.rescore(sc0, o.w, affected, touched, near), i)
            if moves:
                uc += g * _potential(moves, o.w, touched)
            k = DELAY_DISCOUNT**a.delay if turn + a.delay <= turns else 0.0
            ts, tf = uc + k * (ts - uc), uc + k * (tf - uc)
        pr = o.p
        value = pr * ts + (1 - pr) * tf
        if 0 < pr < 1 and caution:
            value -= caution * math.sqrt(pr * (1 - pr)) * abs(ts - tf)
        odds = round(pr * 100) if a is not None and a.chance is not None else None
        out.append(Candidate(d, value, value - base, odds))
    out.sort(key=lambda c: -c.value)
    return out, moves


def potential(moves: list[_Move], v: Values) -> float:
    """The best of these moves' expected gains from values v (0 when none is open)."""
    return max((m.value(v) for m in moves), default=0.0)


def _potential(moves: list[_Move], w: Values, touched: frozenset[int]) -> float:
    """The best move's value from w, re-evaluating only moves whose inputs the effect touched."""
    best = 0.0
    for m in moves:
        stale = not m.deps.isdisjoint(touched)
        x = m.value(w) if stale else m.value0
        if x > best:
            best = x
    return best


def _preview(
    scenario: Scenario, md: Model, v: Values, sc0: list[int], near: Near, i: int, d: E.Decision, p: E.Pending
) -> _Outcome | None:
    if isinstance(d, E.Pass):
        return None
    if isinstance(d, E.Choose):
        assert p.card is not None
        choice = scenario.card(p.card).choice
        assert choice is not None
        effects = choice.options[d.option].effects
        w, u, touched = _run(scenario, md, v, sc0, near, i, effects, NO_TARGET, (p.card, d.option), ())
        return _Outcome(None, NO_TARGET, 1.0, w, w, u, touched, w, u, touched)
    if not isinstance(d, E.Act):
        return None  # an answer or an order is weighed by seat.py, not previewed here
    a = scenario.action(d.action)
    return _act(scenario, md, v, sc0, near, i, a, md.regions[d.target] if d.target is not None else NO_TARGET)


def _act(scenario: Scenario, md: Model, v: Values, sc0: list[int], near: Near, i: int, a: Action, t: int) -> _Outcome:
    """The engine's rule pays for it and gives its odds (on the values before the cost, as the roll uses)."""
    rule = md.rules[a.id]
    w = rule.paid(v)
    pr = rule.probability(v, t)
    ws, us, hit_s = _run(scenario, md, w, sc0, near, i, a.success, t, (a.id, t, True), md.cost_slots[a.id])
    if pr < 1:
        wf, uf, hit_f = _run(scenario, md, w, sc0, near, i, a.failure, t, (a.id, t, False), md.cost_slots[a.id])
    else:
        wf, uf, hit_f = ws, us, hit_s
    return _Outcome(a, t, pr, w, ws, us, hit_s, wf, uf, hit_f)


def _run(
    scenario: Scenario,
    md: Model,
    w: Values,
    sc0: list[int],
    near: Near,
    i: int,
    stmts: Sequence[Stmt],
    t: int,
    key: object,
    extra: tuple[int, ...],
) -> tuple[Values, float, frozenset[int]]:
    """(values after `stmts`, faction i's standing there, slots touched including `extra`)."""
    touched, affected = md.effect(key, stmts, t, extra)
    if stmts:
        changed = list(w)
        run_statements(scenario, changed, stmts, t, PREVIEW, None, None)
        w = changed
    return w, md.standing(md.rescore(sc0, w, affected, touched, near), i), touched


def _blocked(
    scenario: Scenario,
    md: Model,
    v: Values,
    sc0: list[int],
    near: Near,
    i: int,
    options: list[E.Decision],
    budget: Budget,
) -> list[_Outcome]:
    """Previews of the faction's actions that only money (or another meter) keeps out of reach."""
    legal = {d.action for d in options if isinstance(d, E.Act)}
    out: list[_Outcome] = []
    for a in scenario.actions_of(scenario.factions[i].id):
        rule = md.rules[a.id]
        if a.id in legal or (rule.requires is not None and not rule.requires(v, NO_TARGET, -1)):
            continue
        units = option_units(scenario, rule.act, None, 0, md.units)
        for t in rule.targets_now(v)[0] if a.targeted else (NO_TARGET,):
            if budget.out:
                return out
            budget.spend(units)
            out.append(_act(scenario, md, v, sc0, near, i, a, t))
    return out


def _moves(scenario: Scenario, md: Model, v: Values, u0: float, outs: list[_Outcome | None]) -> list[_Move]:
    """The faction's most promising moves at the root, affordable or not yet, with their gains."""
    turn, turns = v[0], scenario.turns
    ranked: list[tuple[float, _Outcome, Action, float, float]] = []
    for o in outs:
        if o is None or o.action is None:
            continue
        a = o.action
        if a.delay and turn + a.delay > turns:
            continue
        gs, gf = o.us - u0, o.uf - u0
        g = o.p * gs + (1 - o.p) * gf
        if g > 0:
            ranked.append((g, o, a, gs, gf))
    ranked.sort(key=lambda x: -x[0])  # stable: equal gains keep the order of the options
    moves = [
        _Move(a, md.rules[a.id], o.t, gs, gf, DELAY_DISCOUNT**a.delay, md.move_deps(a, o.t))
        for _g, o, a, gs, gf in ranked[:TOP_MOVES]
    ]
    for m in moves:
        m.value0 = m.value(v)
    return moves
