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
    const: object = None
    is_const: bool = False
    slot: int = -1  # a read of one fixed slot
    rbase: int = -1  # a read of the counted region's attribute: v[rbase + r * stride]
    conds: tuple = ()  # a conjunction of (op, rbase, const) over the counted region
    tbase: int = -1  # a read of the target region's attribute: v[tbase + t * stride]
    region: int = -2  # a region-valued expression: its index when constant, -1 for `target`, -2 otherwise
    chain: tuple = ()  # the operands of an `and` (or `or`) chain, flattened into one closure
    chain_op: str = ""
    table: tuple = ()  # a fixed fact per region read on the target (has_tag(target, ...)): table[t]


def _const(value, type_: str) -> _C:
    return _C(lambda v, t, r: value, type_, NOTHING, value, True, region=value if type_ == REGION else -2)
