"""The language's whole-number arithmetic, shared by the closures and the generated source: no crash, no bignum.

Dividing or taking a remainder by zero gives 0, and a product of products is
held within +-10**18, so no scenario formula can crash a game or grow a number
that reports and charts cannot print. `binary_source` writes `a OP b` with the
same helpers (or plain Python where the helper could not change the answer).
"""

from __future__ import annotations

from collections.abc import Callable

from wargame.scenario.expr.parts import _C
from wargame.scenario.expr.source import Source


def safe_floordiv(a: int, b: int) -> int:
    """Whole-number division; dividing by zero gives 0 so a scenario cannot crash a game."""
    return a // b if b else 0


PRODUCT_LIMIT = 10**18


def capped_mul(a: int, b: int) -> int:
    """a * b held within +-10**18.

    Values and literals are within +-10**9, so one product of two of them always
    fits; only products of products are held. A score or an odd formula can then
    never grow into a number that reports, charts and str() cannot handle.
    """
    p = a * b
    return p if -PRODUCT_LIMIT <= p <= PRODUCT_LIMIT else (PRODUCT_LIMIT if p > 0 else -PRODUCT_LIMIT)


def safe_mod(a: int, b: int) -> int:
    """The remainder; by zero it is 0, as division by zero is."""
    return a % b if b else 0


HELPERS: dict[str, Callable[..., int]] = {
    "_mul": capped_mul,
    "_floordiv": safe_floordiv,
    "_mod": safe_mod,
    "_min": min,
    "_max": max,
    "_abs": abs,
    "_sum": sum,
    "_len": len,
}
_PLAIN = {"+": "+", "-": "-", "==": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


def binary_source(source: Source, op: str, a: _C, b: _C) -> str:
    """`a OP b` as source, with the same helpers the closures use (so the same clamping and zero rules)."""
    sa, sb = source.of(a), source.of(b)
    if op in ("and", "or"):
        return f"({sa} {op} {sb})"
    if op in _PLAIN:
        return f"({sa} {_PLAIN[op]} {sb})"
    if op == "*" and ((b.is_const and a.slot >= 0) or (a.is_const and b.slot >= 0)):
        return f"({sa} * {sb})"  # one value times one literal always fits, as in fast.arith_slot_const
    if op in ("//", "%") and b.is_const and b.number != 0:
        return f"({sa} {op} {sb})"  # a nonzero literal divisor: the helpers would divide as is
    helper = {"*": "_mul", "//": "_floordiv", "%": "_mod"}[op]
    return f"{helper}({sa}, {sb})"
