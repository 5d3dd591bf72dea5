"""One rule object per action and per card option: what blocks it and why, its odds, its cost, what it reads.

Every question about an action is answered here and nowhere else: the rules
(legal.py, turn.py, rules.py), the bots and the screens' previews all call
these objects, so "may it be taken", "with what odds", "what does paying for
it leave" can never get two answers. The objects are built once per scenario
(`legal.tables(scenario).actions`) and hold only plain tuples and closures.
"""

from __future__ import annotations

from itertools import compress
from typing import TypeVar

import attrs

from wargame.engine import events as ev
from wargame.engine.explain import unmet
from wargame.engine.state import Act, Choose, Values
from wargame.engine.watch import Watched
from wargame.scenario.expr.fast import slot_key
from wargame.scenario.expr.statements import writes
from wargame.scenario.layout import NO_REGION, NO_TARGET
from wargame.scenario.model import Action, Option, Scenario

_V = TypeVar("_V", bound=Values)
Targets = tuple[tuple[int, ...], tuple[Act, ...]]  # (region numbers, their Acts)

CACHE_SIZE = 4096  # target lists kept per action before its cache starts afresh
CACHE_VALUES = 500_000  # slot values in the keys of all actions' target caches together (~10 MB at most)
ARGUE_ODDS = {n: sum(1 for a in range(1, 7) for b in range(1, 7) if a + b + n >= 7) * 100 // 36 for n in range(-24, 25)}


@attrs.frozen
class Odds:
    """The chance of success in percent, with the terms it was computed from."""

    percent: int
    terms: tuple[tuple[str, int], ...]
    rolled: bool  # False when the outcome is certain (no chance, or a facilitator ruling)


SURE = Odds(100, (), False)


class ActionRule:
    """One action: whether it is open, its targets, its odds, its cost, and the slots all that reads.

    `open(v)` checks cost, `requires` and `per_turn` (a few lookups); the
    list of targets is remembered per projection of v onto the slots
    `target_if` reads, so most answers are a dictionary lookup.
    """

    __slots__ = (
        "_fixed",
        "_scenario",
        "_targeted_reads",
        "_watch",
        "act",
        "action",
        "acts",
        "cache",
        "cause",
        "chance",
        "costs",
        "faction",
        "id",
        "key",
        "names",
        "requires",
        "size",
        "target_if",
        "targeted",
        "terms",
        "uses",
    )

    def __init__(self, scenario: Scenario, action: Action):
        lay, bounds = scenario.layout, scenario.slot_bounds
        self.action, self.id, self.faction = action, action.id, action.faction
        self.names = scenario.slot_names  # for the payment's events
        self.costs = tuple(
            (lay.meter(action.faction, m), amount, bounds[lay.meter(action.faction, m)][0]) for m, amount in action.cost
        )
        self.requires = action.requires.fn if action.requires is not None else None
        self.uses = (action.uses_slot, action.per_turn) if action.per_turn else None  # (slot, limit) per turn
        self.target_if = action.target_if.fn if action.target_if is not None else None
        self.targeted = action.targeted
        self.chance = action.chance.fn if action.chance is not None else None
        self.terms = action.chance_terms
        self.act = Act(action.id)
        self.acts = tuple(Act(action.id, r.id) for r in scenario.regions) if action.targeted else ()
        self.cause = ev.Cause.of(ev.CauseKind.ACTION, action.id)
        self.cache: dict[tuple[int, ...], Targets] = {}
        tif = action.target_if.reads.at(lay, scenario.symbols.adjacency, NO_TARGET) if action.target_if else ()
        self.key = slot_key(sorted(tif))  # the same key as the Watched's, so a miss hands it over
        self._scenario = scenario
        self._watch: Watched | None = None  # built on the first miss: big scenarios have many actions
        # bounded in bytes: a key is as long as what target_if reads, and big scenarios have many actions
        self.size = max(16, min(CACHE_SIZE, CACHE_VALUES // (max(1, len(tif)) * max(1, len(scenario.actions)))))
        fixed = {slot for slot, _, _ in self.costs}
        if self.uses:
            fixed.add(self.uses[0])
        parts = [e.reads for e in (action.requires, action.target_if, action.chance) if e is not None]
        for r in parts:
            fixed |= r.slots
        self._fixed = frozenset(fixed)
        self._targeted_reads = tuple(r for r in parts if r.targeted)

    # --- may it be taken -------------------------------------------------------
    def open(self, v: Values) -> bool:
        """Affordable, `requires` holds and `per_turn` not used up (targets aside)."""
        for slot, amount, lo in self.costs:
            if v[slot] - amount < lo:
                return False
        if self.requires is not None and not self.requires(v, NO_TARGET, NO_REGION):
            return False
        uses = self.uses
        return uses is None or v[uses[0]] < uses[1]

    def affordable(self, v: Values) -> bool:
        for slot, amount, lo in self.costs:  # noqa: SIM110 - a loop: this runs on every decision
            if v[slot] - amount < lo:
                return False
        return True

    def target_ok(self, v: Values, t: int) -> bool:
        """Whether region t is a valid target now (True for an untargeted action and t < 0)."""
        if not self.targeted:
            return t < 0
        return self.target_if is None or bool(self.target_if(v, t, NO_REGION))

    def legal(self, v: Values) -> tuple[Act, ...]:
        """The Acts of this action that are legal with values v (targets in region order)."""
        if not self.open(v):
            return ()
        if not self.targeted:
            return (self.act,)
        return self.targets_now(v)[1]

    def targets_now(self, v: Values) -> Targets:
        """(region numbers, their Acts) that `target_if` allows with values v, whatever the cost says."""
        tif = self.target_if
        if tif is None:
            return tuple(range(len(self.acts))), self.acts
        k = self.key(v)
        out = self.cache.get(k)
        return self.missed(v, k) if out is None else out

    def missed(self, v: Values, k: tuple[int, ...]) -> Targets:
        """`targets_now` when the cache has no answer for key k: `target_if` on every region, re-asked
        only where a slot that region's answer reads has changed since the last miss."""
        w = self._watch
        if w is None:
            tif = self.action.target_if
            assert tif is not None
            lay, adj = self._scenario.layout, self._scenario.symbols.adjacency
            w = self._watch = Watched(len(self.acts), lambda t: tif.reads.at(lay, adj, t), tif.fn)
        ok = w.answers(v, k)
        out = (tuple(compress(range(len(ok)), ok)), tuple(compress(self.acts, ok)))
        if len(self.cache) >= self.size:
            self.cache.clear()
        self.cache[k] = out
        return out

    def why(self, scenario: Scenario, v: Values, t: int = NO_TARGET) -> str:
        """'' if it can be taken now (on target t, when given), else what stands in the way, in players' words."""
        for slot, amount, lo in self.costs:
            if v[slot] - amount < lo:
                return _needs(scenario, self.action, slot, amount, lo, v[slot])
        requires, target_if = self.action.requires, self.action.target_if
        if requires is not None and not requires.fn(v, NO_TARGET, NO_REGION):
            return unmet(scenario, requires, v)
        if self.uses is not None and v[self.uses[0]] >= self.uses[1]:
            limit = self.uses[1]
            times = "once" if limit == 1 else f"{limit} times"
            return f"already taken {times} this turn, the most it may be"
        if self.targeted:
            if t >= 0:
                return "" if target_if is None or target_if.fn(v, t, NO_REGION) else unmet(scenario, target_if, v, t)
            if not self.targets_now(v)[0]:
                return "no region qualifies as a target"
        return ""

    # --- odds ------------------------------------------------------------------
    def percent(self, v: Values, t: int) -> int:
        """The odds the roll uses, 0..100, from the values before the cost is paid; -1 when nothing is rolled."""
        if self.chance is None:
            return -1
        x = self.chance(v, t, NO_REGION)
        return 0 if x < 0 else 100 if x > 100 else x

    def probability(self, v: Values, t: int) -> float:
        """`percent` as a probability (1.0 when nothing is rolled): what the bots weigh outcomes by."""
        p = self.percent(v, t)
        return 1.0 if p < 0 else p / 100

    def odds(self, v: Values, t: int, ruling: str | None = None, pro: int = 0, con: int = 0) -> Odds:
        """The odds with their terms, as the TUI explains them; a facilitator's ruling overrides the dice."""
        if ruling in ("success", "failure"):
            return Odds(100 if ruling == "success" else 0, (("facilitator's ruling", 0),), False)
        if ruling == "argue":
            return Odds(
                ARGUE_ODDS[pro - con], (("2d6 needs 7", 7), ("arguments for", pro), ("arguments against", -con)), True
            )
        if self.chance is None:
            return SURE
        terms = tuple((text, fn(v, t, NO_REGION)) for text, fn in self.terms)
        return Odds(self.percent(v, t), terms, True)

    # --- cost ------------------------------------------------------------------
    def pay(self, v: list[int], events: list[ev.Event] | None) -> None:
        """Count the use (per_turn, not logged) and pay the cost in place, logging each payment."""
        if self.uses is not None:
            v[self.uses[0]] += 1
        if self.costs:
            turn = v[0]
            for slot, amount, _lo in self.costs:
                old = v[slot]
                v[slot] = old - amount
                if events is not None:
                    events.append(ev.Changed(turn, self.names[slot], old, old - amount, old - amount, self.cause))

    def paid(self, v: _V) -> _V | list[int]:
        """The values once the action is taken and paid for, before its outcome (a copy; v itself if free)."""
        if not self.costs and self.uses is None:
            return v
        w = list(v)
        self.pay(w, None)
        return w

    # --- what it reads -----------------------------------------------------------
    def reads(self, scenario: Scenario, t: int) -> frozenset[int]:
        """The slots that decide whether it is open on target t and its odds there (t < 0: any target)."""
        lay, adj = scenario.layout, scenario.symbols.adjacency
        return self._fixed.union(*(r.at(lay, adj, t) for r in self._targeted_reads))

    def writes(self, scenario: Scenario, t: int, success: bool) -> frozenset[int]:
        """The slots taking it on t may change: its cost and use counter, and the outcome's statements."""
        stmts = self.action.success if success else self.action.failure
        out = writes(scenario.symbols, stmts, t) | {slot for slot, _, _ in self.costs}
        return out | {self.uses[0]} if self.uses else out


class OptionRule:
    """One option of a card's choice: whether it may be picked now and why not."""

    __slots__ = ("card", "choose", "effects", "index", "option", "reads", "requires")

    def __init__(self, scenario: Scenario, card: str, index: int, option: Option):
        self.card, self.index, self.option = card, index, option
        self.requires = option.requires.fn if option.requires is not None else None
        self.effects = option.effects
        self.choose = Choose(index)
        self.reads = option.requires.reads.slots if option.requires is not None else frozenset()

    def open(self, v: Values) -> bool:
        return self.requires is None or bool(self.requires(v, NO_TARGET, NO_REGION))

    def why(self, scenario: Scenario, v: Values) -> str:
        """'' if it may be picked now, else the failing part of its `requires` in words."""
        requires = self.option.requires
        return "" if requires is None or requires.fn(v, NO_TARGET, NO_REGION) else unmet(scenario, requires, v)


def _needs(scenario: Scenario, action: Action, slot: int, amount: int, lo: int, has: int) -> str:
    """'needs 25 $M of Treasury (has 10)'."""
    meter = next(
        m for m in scenario.faction(action.faction).meters if scenario.layout.meter(action.faction, m.id) == slot
    )
    what = f"{amount} {meter.unit} of {meter.label}" if meter.unit else f"{amount} {meter.label}"
    floor = f"; it cannot go below {lo}" if lo else ""
    return f"needs {what} (has {has}{floor})"
