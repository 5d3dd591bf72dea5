"""A bot's thinking budget: work units per decision, so no valid scenario makes a bot think for minutes.

The budget counts work, not time, so a bot stays deterministic: the same game
gives the same choices on any machine, however busy. A unit is about one
statement applied or one move re-valued in a preview (a microsecond or a
few); a `for each region` statement costs one unit per region. A scenario
the size of the bundled ones never reaches the budget, so their play does
not depend on it. When the options cost more than the budget, the bot
weighs as many as it can afford, taking each action's targets in turn
(the first target of every action, then the second...), picks the best of
those, and says so in its reason.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Sequence

from wargame import engine as E
from wargame.scenario import Scenario
from wargame.scenario.expr.statements import ForEachStmt, Stmt

UNITS = 4_000  # per decision of the easy and normal bots: ten times what libya-2016 ever needs (docs/bots.md)
HARD_UNITS = 40 * UNITS  # the hard bot's whole lookahead, its rollouts' decisions included
MOVE_UNITS = 2  # re-valuing one move of the potential (open? odds?) on one previewed outcome


class Budget:
    """Units left for one decision; `short` once some options had to be left unweighed."""

    __slots__ = ("left", "offered", "short", "weighed")

    def __init__(self, units: int):
        self.left = units
        self.short = False
        self.weighed = 0
        self.offered = 0

    def spend(self, units: int) -> None:
        self.left -= units

    @property
    def out(self) -> bool:
        return self.left <= 0

    def note(self) -> str:
        """The reason's admission when options went unweighed: '' otherwise."""
        if not self.short:
            return ""
        return f" (out of thinking time: weighed {self.weighed:,} of {self.offered:,} options)"


def statement_units(stmts: Sequence[Stmt], regions: int) -> int:
    return sum(regions if type(st) is ForEachStmt else 1 for st in stmts)


def option_units(
    scenario: Scenario, d: E.Decision, pending: E.Pending | None, moves: int, cache: dict[object, int]
) -> int:
    """What previewing one option costs: its statements (success and failure) and re-valuing the moves."""
    if isinstance(d, E.Pass):
        return 1
    if isinstance(d, E.Act):
        got = cache.get(d.action)
        if got is None:
            a, n = scenario.action(d.action), len(scenario.regions)
            got = 2 + statement_units(a.success, n) + statement_units(a.failure, n) + 2 * moves * MOVE_UNITS
            cache[d.action] = got
        return got
    if not isinstance(d, E.Choose) or pending is None or pending.card is None:
        return 1  # an answer to an offer or an order: no statements previewed
    key = (pending.card, d.option)
    got = cache.get(key)
    if got is None:
        choice = scenario.card(pending.card).choice
        assert choice is not None  # a Choose is pending only on a card with a choice
        got = 1 + statement_units(choice.options[d.option].effects, len(scenario.regions)) + moves * MOVE_UNITS
        cache[key] = got
    return got


def affordable(
    scenario: Scenario,
    options: list[E.Decision],
    pending: E.Pending | None,
    budget: Budget,
    moves: int,
    cache: dict[object, int],
) -> list[E.Decision]:
    """The options to weigh: all of them when the budget covers them (in their order), else as many as
    it covers, taken target by target across actions so that every action is looked at first."""
    lanes = _lanes(options)  # (start, stop) in options: an action's targets share a lane
    units = [option_units(scenario, options[a], pending, moves, cache) for a, _ in lanes]
    total = sum(u * (b - a) for u, (a, b) in zip(units, lanes, strict=True))
    budget.offered = len(options)
    if total <= budget.left:
        budget.spend(total)
        budget.weighed = len(options)
        return options
    picked = []
    k, longest = 0, max(b - a for a, b in lanes)
    while budget.left > 0 and k < longest:
        for u, (a, b) in zip(units, lanes, strict=True):
            if a + k < b:
                picked.append(options[a + k])
                budget.spend(u)
                if budget.left <= 0:
                    break
        k += 1
    budget.short = True
    budget.weighed = len(picked)
    return picked


_ACTION = operator.attrgetter("action")


def _lanes(options: list[E.Decision]) -> list[tuple[int, int]]:
    """The runs of consecutive options of one action (any other decision is a run of its own if it differs).

    A big scenario offers tens of thousands of Acts, so the common case (Acts,
    then Pass) reads their action ids and groups them in C.
    """
    end = len(options) - 1 if options and type(options[-1]) is E.Pass else len(options)
    try:
        keys: list[object] = list(map(_ACTION, options[:end]))  # only an Act has an `action`
    except AttributeError:
        keys, end = [d.action if type(d) is E.Act else d for d in options], len(options)
    lanes, a = [], 0
    for _key, run in itertools.groupby(keys):
        b = a + len(list(run))
        lanes.append((a, b))
        a = b
    if end < len(options):
        lanes.append((end, len(options)))
    return lanes
