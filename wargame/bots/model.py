"""What a faction wants, read from the scenario: its standing for some values, with fast caches.

Nothing here is faction-specific: the standing is the faction's own victory
score against its best rivals' (the winner is the highest raw score), plus a
bonus for reaching its threshold (a sudden victory) and a malus when a rival
reaches its own.
"""

from __future__ import annotations

import itertools
import operator
import weakref
from collections.abc import Callable, Sequence

from wargame import engine as E
from wargame.engine.legal import tables
from wargame.engine.state import Values
from wargame.scenario import Scenario
from wargame.scenario.expr.statements import Stmt, writes
from wargame.scenario.layout import NO_REGION, NO_TARGET
from wargame.scenario.model import Action

POTENTIAL = 0.6  # weight of "the best thing I could do next from here" (values money, morale, odds)
MEMO_VALUES = 60_000  # slot values kept in a faction's score memo keys (~1 MB; cleared when full)
MEMO_SIZE = 50_000  # and never more entries than this
MEMO_SLOTS = 64  # a score reading more slots is computed afresh: hashing its key costs more than the score
EFFECTS_SIZE = 50_000  # remembered write sets of previewed effects (cleared when full)
Near = dict[tuple[int, object], int]  # (label of a faction's narrowed slots, their values) -> score
_LABELS = itertools.count()  # never reused, so a memo entry can never be read for other slots
RIVAL_MAX = 0.75  # the rival standard: 3/4 the best rival's score, 1/4 the rivals' mean


class Model:
    """Per-scenario constants and caches the bots reuse on every decision."""

    def __init__(self, scenario: Scenario):
        s = self.s = scenario
        self.n = len(s.factions)
        self.fns = [f.score.fn for f in s.factions]
        self.thr = [f.threshold for f in s.factions]
        self.caution = [f.caution for f in s.factions]
        self.apt = [f.actions_per_turn for f in s.factions]
        self.index = s.faction_index
        self.regions = s.region_index
        self.others = [tuple(j for j in range(self.n) if j != i) for i in range(self.n)]
        self.deps = [f.score.reads.slots for f in s.factions]  # a score has no target: fixed slots only
        # A score is a pure function of the slots it reads: memoise it on those slots' values.
        self._keys = [_getter(sorted(d)) for d in self.deps]
        self._memo: list[dict[object, int]] = [{} for _ in self.fns]
        # bounded in bytes, not entries: a score reading 1,000 regions has keys 1,000 values long
        self._caps = [
            0 if len(d) > MEMO_SLOTS else max(64, min(MEMO_SIZE, MEMO_VALUES // max(1, len(d)))) for d in self.deps
        ]
        start = self.scores(s.initial)
        gaps = sorted(abs(t - x) for t, x in zip(self.thr, start, strict=True) if t is not None)
        spread = max(start) - min(start) if self.n > 1 else 0
        # Reaching a threshold ends the game: worth about the distance factions travel to get there.
        self.win_bonus = float(max(10, gaps[len(gaps) // 2] if gaps else spread, spread))
        self.rules = tables(s).actions  # the engine's rule of each action: legality, odds, cost
        # what paying for an action writes: its cost meters and its per-turn counter
        self.cost_slots = {
            aid: tuple(c[0] for c in r.costs) + ((r.uses[0],) if r.uses else ()) for aid, r in self.rules.items()
        }
        self._effects: dict[object, tuple[frozenset[int], tuple[int, ...]]] = {}
        # the slots of each wide score an effect touches (see rescore)
        self._narrowed: dict[tuple[int, frozenset[int]], tuple[int, Callable[[Values], object]]] = {}
        self._reading: dict[tuple[int, tuple[int, ...]], tuple[int, Callable[[Values], object]]] = {}
        self.units: dict[object, int] = {}  # what previewing each action or card option costs (budget.py)

    # --- scores ------------------------------------------------------------------
    def score(self, j: int, v: Values) -> int:
        """Faction j's victory score for values v, memoised on the slots the score reads."""
        if self._caps[j] == 0:
            return self.fns[j](v, NO_TARGET, NO_REGION)
        k = self._keys[j](v)
        memo = self._memo[j]
        x = memo.get(k)
        if x is None:
            if len(memo) >= self._caps[j]:
                memo.clear()
            x = memo[k] = self.fns[j](v, NO_TARGET, NO_REGION)
        return x

    def scores(self, v: Values) -> list[int]:
        return [self.score(j, v) for j in range(self.n)]

    def effect(
        self, key: object, stmts: Sequence[Stmt], t: int, extra: tuple[int, ...] = ()
    ) -> tuple[frozenset[int], tuple[int, ...]]:
        """(slots written, factions whose score may change) for statements on t, plus `extra`."""
        hit = self._effects.get(key)
        if hit is None:
            slots = writes(self.s.symbols, stmts, t) | frozenset(extra)
            hit = (slots, tuple(j for j, d in enumerate(self.deps) if not d.isdisjoint(slots)))
            if len(self._effects) >= EFFECTS_SIZE:
                self._effects.clear()
            self._effects[key] = hit
        return hit

    def rescore(
        self,
        sc0: list[int],
        w: Values,
        affected: tuple[int, ...],
        touched: frozenset[int] | None = None,
        near: Near | None = None,
    ) -> list[int]:
        """The scores of values w, recomputing only the factions an effect may have touched.

        With `touched` (the slots in which w may differ from the values sc0 was scored on) and `near`
        (a memo the caller keeps for those values only), a score too wide for the memo is remembered
        by the few slots of it the effect touched: the options of one decision that pay the same cost
        or move the same meter share it. The caller owns `near`, so threads never share one.
        """
        if not affected:
            return sc0
        sc = list(sc0)
        for j in affected:
            if touched is None or near is None or self._caps[j]:
                sc[j] = self.score(j, w)
            else:
                sc[j] = self._narrow_score(near, j, w, touched)
        return sc

    def _narrow_score(self, near: Near, j: int, w: Values, touched: frozenset[int]) -> int:
        narrowed = self._narrowed.get((j, touched))
        if narrowed is None:
            if len(self._narrowed) >= EFFECTS_SIZE:
                self._narrowed.clear()
                self._reading.clear()
            slots = tuple(sorted(self.deps[j] & touched))
            narrowed = self._reading.get((j, slots))
            if narrowed is None:  # a label for (faction, slots): hashed as one int, not as the slots
                narrowed = self._reading[(j, slots)] = (next(_LABELS), _getter(list(slots)))
            self._narrowed[(j, touched)] = narrowed
        k = (narrowed[0], narrowed[1](w))  # the values read in C (one value for one slot)
        x = near.get(k)
        if x is None:
            x = near[k] = self.fns[j](w, NO_TARGET, NO_REGION)
        return x

    def move_deps(self, action: Action, t: int) -> frozenset[int]:
        """The slots that decide whether `action` on t is open and its odds: the engine rule's reads."""
        return self.rules[action.id].reads(self.s, t)

    # --- standing ----------------------------------------------------------------
    def standing(self, sc: list[int], i: int) -> float:
        """Faction i's standing: its score against its rivals', plus or minus a sudden victory."""
        own = sc[i]
        u = float(own)
        others = self.others[i]
        if others:
            best, total = sc[others[0]], 0
            for j in others:
                x = sc[j]
                total += x
                if x > best:
                    best = x
            u -= RIVAL_MAX * best + (1 - RIVAL_MAX) * total / len(others)
        thr = self.thr
        t = thr[i]
        mine = t is not None and own >= t
        if mine:
            u += self.win_bonus
        for j in others:
            t = thr[j]
            if t is not None and sc[j] >= t and not (mine and own > sc[j]):
                u -= self.win_bonus
                break
        return u

    def utility(self, v: Values, i: int) -> float:
        return self.standing(self.scores(v), i)

    def terminal(self, outcome: E.Outcome, v: Values, i: int) -> float:
        """The utility of a finished game: the standing, plus a win's full worth."""
        u = self.utility(v, i)
        fid = self.s.factions[i].id
        if outcome.winner == fid:
            return u + 2 * self.win_bonus
        if outcome.winner is None and fid in outcome.tied:
            return u
        return u - 2 * self.win_bonus

    def weight_for(self, remaining: int, i: int) -> float:
        """How much the potential counts: nothing once the faction has no action left."""
        return POTENTIAL * min(1.0, remaining / max(1, self.apt[i]))


def _getter(slots: list[int]) -> Callable[[Values], object]:
    """A fast key function: the values of `slots` (a tuple, or one value)."""
    if not slots:
        return lambda v: ()
    if len(slots) == 1:
        (only,) = slots
        return lambda v: v[only]
    return operator.itemgetter(*slots)


_MODELS: weakref.WeakKeyDictionary[Scenario, Model] = weakref.WeakKeyDictionary()


def model(scenario: Scenario) -> Model:
    """The scenario's model, built once per scenario object."""
    m = _MODELS.get(scenario)
    if m is None:
        m = _MODELS[scenario] = Model(scenario)
    return m
