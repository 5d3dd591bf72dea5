"""What a compiled expression reads, declared by the compiler as it resolves names, and the expression itself.

The rules cache answers (the targets of an action, a score) keyed by the
values of exactly the slots an expression reads, so the read set must be
complete: every name and function the compiler knows says what it reads (see
`functions.py`), and a test evaluates every expression of the bundled
scenarios on values that record each read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from wargame.scenario.layout import Layout

Values = Sequence[int]
"""A game's flat values (GameState.values, or a bot's believed copy): slot 0 is the turn."""
Fn = Callable[[Values, int, int], int]
"""A compiled expression: `fn(values, target, region)`; a condition gives a bool (an int too)."""


@attrs.frozen
class Reads:
    """The slots an expression may read, some of them relative to its target region.

    `slots` are fixed slots; `target` the offsets (attribute or control) read
    on the target region; `neighbours` the controller of every region
    bordering the target.
    """

    slots: frozenset[int] = frozenset()
    target: frozenset[int] = frozenset()
    neighbours: bool = False

    def __or__(self, other: Reads) -> Reads:
        if not (other.slots or other.target or other.neighbours):
            return self
        if not (self.slots or self.target or self.neighbours):
            return other
        return Reads(self.slots | other.slots, self.target | other.target, self.neighbours or other.neighbours)

    @property
    def targeted(self) -> bool:
        """Whether what it reads depends on the target region."""
        return bool(self.target) or self.neighbours

    def at(self, layout: Layout, adjacency: Sequence[Sequence[int]], t: int) -> frozenset[int]:
        """The slots read when evaluated on target region `t`; with t < 0, on any target."""
        if not self.targeted:
            return self.slots
        out = set(self.slots)
        if t >= 0:  # the common case, on the bots' path: one region
            base, stride = layout.region_base, layout.stride
            out.update([base + t * stride + k for k in self.target])
            if self.neighbours:
                c = base + layout.control_offset
                out.update([c + n * stride for n in adjacency[t]])
            return frozenset(out)
        for region in range(len(layout.regions)):
            out.update(layout.region_slot(region, k) for k in self.target)
            if self.neighbours:
                out.update(layout.control(n) for n in adjacency[region])
        return frozenset(out)


NOTHING = Reads()


@attrs.frozen
class Compiled:
    """A compiled expression: its closure `fn(values, target, region)`, its kind, and what it reads."""

    fn: Fn
    kind: str  # number, condition, faction, region, text
    reads: Reads

    def __call__(self, values: Values, target: int = -1, region: int = -1) -> int:
        return self.fn(values, target, region)
