"""Many yes/no answers over the values, each re-evaluated only when a slot it reads has changed.

The targets an action may take (its `target_if` on every region) and the
cards a draw may pick (each card's `when`) are such answers: dozens to
thousands of conditions, of which one decision changes the inputs of a few.
`Watched` keeps the last values it answered for (only the slots the
conditions read), compares them with the new ones, and asks again only the
conditions that read a changed slot. The answers are exactly those of
evaluating every condition: each is a pure function of the slots the
compiler says it reads (tests/engine/test_engine_reads.py checks that set).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from itertools import compress

from wargame.engine.state import Values
from wargame.scenario.expr.fast import slot_key
from wargame.scenario.expr.reads import Fn
from wargame.scenario.layout import NO_REGION


class Watched:
    """`n` answers, answer i being `ask(values, i, NO_REGION)` (true or false), a function of the
    slots `reads(i)` only: a compiled condition on target region i is such a function as it is."""

    __slots__ = ("_ask", "_key", "_last", "_n", "_readers")

    def __init__(self, n: int, reads: Callable[[int], Iterable[int]], ask: Fn):
        per = [frozenset(reads(i)) for i in range(n)]
        slots = sorted(frozenset[int]().union(*per))
        readers: dict[int, list[int]] = {slot: [] for slot in slots}
        for i, read in enumerate(per):
            for slot in read:
                readers[slot].append(i)
        shared: dict[tuple[int, ...], tuple[int, ...]] = {}  # one tuple per distinct set of readers
        self._readers = tuple(shared.setdefault(tuple(readers[s]), tuple(readers[s])) for s in slots)
        self._key = slot_key(slots)
        self._n, self._ask = n, ask
        self._last: tuple[tuple[int, ...], tuple[int, ...]] | None = None

    def key(self, v: Values) -> tuple[int, ...]:
        """The values of every slot the answers read, in slot order."""
        return self._key(v)

    def answers(self, v: Values, k: tuple[int, ...] | None = None) -> tuple[int, ...]:
        """Every answer for values v (whose `key` is k, if the caller has it): the last answers,
        with those that read a changed slot asked again."""
        if k is None:
            k = self._key(v)
        last, ask = self._last, self._ask
        if last is None:
            ok = tuple([ask(v, i, NO_REGION) for i in range(self._n)])
        elif k == last[0]:
            return last[1]
        else:
            ok = last[1]
            stale: set[int] = set().union(*compress(self._readers, map(operator.ne, k, last[0])))  # in C
            if stale:
                new = list(ok)
                for i in stale:
                    new[i] = ask(v, i, NO_REGION)
                ok = tuple(new)
        self._last = (k, ok)
        return ok
