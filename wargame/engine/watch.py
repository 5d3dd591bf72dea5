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
from collections.abc import Callable, Iterable, Sequence
from itertools import compress

Values = Sequence[int]


class Watched:
    """`n` answers, answer i being `ask(values, i)`, a function of the slots `reads(i)` only."""

    __slots__ = ("_ask", "_key", "_last", "_n", "_readers")

    def __init__(self, n: int, reads: Callable[[int], Iterable[int]], ask: Callable[[Values, int], bool]):
        per = [frozenset(reads(i)) for i in range(n)]
        slots = sorted(frozenset().union(*per))
        readers: dict[int, list[int]] = {slot: [] for slot in slots}
        for i, read in enumerate(per):
            for slot in read:
                readers[slot].append(i)
        shared: dict[tuple[int, ...], tuple[int, ...]] = {}  # one tuple per distinct set of readers
        self._readers = tuple(shared.setdefault(tuple(readers[s]), tuple(readers[s])) for s in slots)
        self._key = _key(slots)
        self._n, self._ask = n, ask
        self._last: tuple[tuple[int, ...], tuple[bool, ...]] | None = None

    def answers(self, v: Values) -> tuple[bool, ...]:
        """Every answer for values v: the last ones, with those whose slots changed asked again."""
        k, last, ask = self._key(v), self._last, self._ask
        if last is None:
            ok = tuple([ask(v, i) for i in range(self._n)])
        elif k == last[0]:
            return last[1]
        else:
            stale: set[int] = set()
            readers = self._readers
            for i in compress(range(len(k)), map(operator.ne, k, last[0])):  # the changed slots, found in C
                stale.update(readers[i])
            ok = last[1]
            if stale:
                new = list(ok)
                for i in stale:
                    new[i] = ask(v, i)
                ok = tuple(new)
        self._last = (k, ok)
        return ok


def _key(slots: list[int]) -> Callable[[Values], tuple[int, ...]]:
    """The values of `slots` as a tuple (always a tuple, whatever their number)."""
    if len(slots) >= 2:
        return operator.itemgetter(*slots)  # a tuple for two or more items
    return lambda v: tuple([v[s] for s in slots])
