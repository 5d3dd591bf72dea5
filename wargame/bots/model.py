"""What a faction wants, read from the scenario: its standing for some values, with fast caches.

Nothing here is faction-specific: the standing is the faction's own victory
score against its best rivals' (the winner is the highest raw score), plus a
bonus for reaching its threshold (a sudden victory) and a malus when a rival
reaches its own.
"""

from __future__ import annotations

import operator
import weakref

from wargame import engine as E
from wargame.bots.deps import expr_deps, score_deps, statement_slots
from wargame.scenario import Scenario

POTENTIAL = 0.6  # weight of "the best thing I could do next from here" (values money, morale, odds)
MEMO_SIZE = 50_000  # remembered scores per faction (cleared when full: memory stays bounded)
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
        self.deps = score_deps(s)
        # A score is a pure function of the slots it reads: memoise it on those slots' values.
        self._keys = [None if d is None else _getter(sorted(d)) for d in self.deps]
        self._memo: list[dict] = [{} for _ in self.fns]
        start = self.scores(s.initial)
        gaps = sorted(abs(t - x) for t, x in zip(self.thr, start, strict=True) if t is not None)
        spread = max(start) - min(start) if self.n > 1 else 0
        # Reaching a threshold ends the game: worth about the distance factions travel to get there.
        self.win_bonus = float(max(10, gaps[len(gaps) // 2] if gaps else spread, spread))
        self.costs = {
            a.id: tuple(
                (s.meter_slot(a.faction, m), k, s.slot_bounds[s.meter_slot(a.faction, m)][0]) for m, k in a.cost
            )
            for a in s.actions
        }
        self.cost_slots = {aid: tuple(c[0] for c in cs) for aid, cs in self.costs.items()}
        self._effects: dict = {}
        self._move_deps: dict = {}

    # --- scores ------------------------------------------------------------------
    def score(self, j: int, v) -> int:
        """Faction j's victory score for values v, memoised on the slots the score reads."""
        key = self._keys[j]
        if key is None:
            return self.fns[j](v, -1, -1)
        k = key(v)
        memo = self._memo[j]
        x = memo.get(k)
        if x is None:
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            x = memo[k] = self.fns[j](v, -1, -1)
        return x

    def scores(self, v) -> list[int]:
        return [self.score(j, v) for j in range(self.n)]

    def effect(self, key, stmts, t: int, extra: tuple = ()) -> tuple[frozenset | None, tuple[int, ...]]:
        """(slots written, factions whose score may change) for statements on t, plus `extra`."""
        hit = self._effects.get(key)
        if hit is None:
            slots = statement_slots(self.s, stmts, t)
            if slots is None:
                hit = (None, tuple(range(self.n)))
            else:
                slots = slots | frozenset(extra)
                hit = (
                    slots,
                    tuple(j for j, d in enumerate(self.deps) if d is None or not d.isdisjoint(slots)),
                )
            self._effects[key] = hit
        return hit

    def rescore(self, sc0: list[int], w, affected: tuple[int, ...]) -> list[int]:
        """The scores of values w, recomputing only the factions an effect may have touched."""
        if not affected:
            return sc0
        sc = list(sc0)
        for j in affected:
            sc[j] = self.score(j, w)
        return sc

    def move_deps(self, action, t: int) -> frozenset | None:
        """The slots that decide whether `action` on t is open and its odds (None: any)."""
        key = (action.id, t)
        if key not in self._move_deps:
            parts = [
                frozenset(self.cost_slots[action.id]),
                expr_deps(self.s, _text(action.requires)),
                expr_deps(self.s, _text(action.target_if), t),
                expr_deps(self.s, _text(action.chance), t),
            ]
            self._move_deps[key] = None if any(p is None for p in parts) else frozenset().union(*parts)
        return self._move_deps[key]

    # --- standing ----------------------------------------------------------------
    def standing(self, sc: list[int], i: int) -> float:
        """Faction i's standing: its score against its rivals', plus or minus a sudden victory."""
        own = sc[i]
        u = float(own)
        others = self.others[i]
        if others:
            best, total = None, 0
            for j in others:
                x = sc[j]
                total += x
                if best is None or x > best:
                    best = x
            u -= RIVAL_MAX * best + (1 - RIVAL_MAX) * total / len(others)
        thr = self.thr
        mine = thr[i] is not None and own >= thr[i]
        if mine:
            u += self.win_bonus
        for j in others:
            if thr[j] is not None and sc[j] >= thr[j] and not (mine and own > sc[j]):
                u -= self.win_bonus
                break
        return u

    def utility(self, v, i: int) -> float:
        return self.standing(self.scores(v), i)

    def terminal(self, outcome: E.Outcome, v, i: int) -> float:
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


def _text(expr) -> str | None:
    return None if expr is None else expr.text


def _getter(slots: list[int]):
    """A fast key function: the values of `slots` (a tuple, or one value)."""
    if not slots:
        return lambda v: ()
    if len(slots) == 1:
        (only,) = slots
        return lambda v: v[only]
    return operator.itemgetter(*slots)


_MODELS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def model(scenario: Scenario) -> Model:
    """The scenario's model, built once per scenario object."""
    m = _MODELS.get(scenario)
    if m is None:
        m = _MODELS[scenario] = Model(scenario)
    return m
