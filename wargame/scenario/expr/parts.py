"""What the compiler builds from each syntax node: a closure, its type, and what it reads.

Shared by the compiler (compile.py) and its function calls (calls.py).
"""

from __future__ import annotations

import attrs

from wargame.scenario.expr.reads import NOTHING, Fn, Reads

INT, BOOL, FACTION, REGION, STR = "number", "condition", "faction", "region", "text"


@attrs.frozen
class _C:
    """A compiled sub-expression: its closure, its type, what it reads, and its value if constant."""

    fn: Fn
    type: str
    reads: Reads = NOTHING
    const: int | str | None = None
    is_const: bool = False
    slot: int = -1  # a read of one fixed slot
    rbase: int = -1  # a read of the counted region's attribute: v[rbase + r * stride]
    conds: tuple[tuple[str, int, int], ...] = ()  # a conjunction of (op, rbase, const) over the counted region
    tbase: int = -1  # a read of the target region's attribute: v[tbase + t * stride]
    region: int = -2  # a region-valued expression: its index when constant, -1 for `target`, -2 otherwise
    chain: tuple[Fn, ...] = ()  # the operands of an `and` (or `or`) chain, flattened into one closure
    chain_op: str = ""
    table: tuple[bool, ...] = ()  # a fixed fact per region read on the target (has_tag(target, ...)): table[t]
    src: str = ""  # the same computation as Python source over v, t, r (source.py), or "" for none

    @property
    def number(self) -> int:
        """A constant as a plain int (true is 1). The compiler asks it only of constants it has typed
        as numbers, conditions, factions or regions, never of a text."""
        if not isinstance(self.const, int):
            raise TypeError(f"not a numeric constant: {self.const!r}")
        return int(self.const)


def _const(value: int | str, type_: str) -> _C:
    """A constant. A text is only ever read as `const` (has_tag's tag): no rule calls its closure, which gives 0."""
    k = value if isinstance(value, int) else 0
    src = ("True" if value else "False") if type(value) is bool else str(k) if k >= 0 else f"({k})"
    if isinstance(value, str):
        src = ""
    return _C(lambda v, t, r: k, type_, NOTHING, value, True, region=k if type_ == REGION else -2, src=src)
