"""Specialised closures for the shapes scenarios use most: a slot against a constant, count over regions.

The general compiler nests one closure per AST node; these fold the common
leaves into one closure (`v[12] > 0`), and turn `count(control == gna)` into a
strided slice of the values, which CPython scans in C. Same results, fewer calls.
"""

from __future__ import annotations

import operator
from collections.abc import Callable

from wargame.scenario.expr.reads import Fn, Values

OPS: dict[str, Callable[[int, int], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def slot_vs_const(op: str, slot: int, k: int) -> Fn:
    """`v[slot] OP k` as one closure (the common `us_air_support > 0`)."""
    if op == "==":
        return lambda v, t, r: v[slot] == k
    if op == "!=":
        return lambda v, t, r: v[slot] != k
    if op == "<":
        return lambda v, t, r: v[slot] < k
    if op == "<=":
        return lambda v, t, r: v[slot] <= k
    if op == ">":
        return lambda v, t, r: v[slot] > k
    return lambda v, t, r: v[slot] >= k


def region_vs_const(op: str, rbase: int, stride: int, k: int) -> Fn:
    """`ATTR OP k` for the region being counted: `v[rbase + r * stride] OP k`."""
    f = OPS[op]
    return lambda v, t, r: f(v[rbase + r * stride], k)


def target_vs_const(op: str, tb: int, stride: int, k: int) -> Fn:
    """`target.ATTR OP k`: the most common shape of `target_if`."""
    if op == "==":
        return lambda v, t, r: v[tb + t * stride] == k
    if op == "!=":
        return lambda v, t, r: v[tb + t * stride] != k
    if op == ">":
        return lambda v, t, r: v[tb + t * stride] > k
    if op == "<":
        return lambda v, t, r: v[tb + t * stride] < k
    f = OPS[op]
    return lambda v, t, r: f(v[tb + t * stride], k)


def arith_slot_const(op: str, slot: int, k: int, const_left: bool) -> Fn:
    if op == "+":
        return lambda v, t, r: v[slot] + k
    if op == "*":
        return lambda v, t, r: v[slot] * k
    if const_left:
        return lambda v, t, r: k - v[slot]
    return lambda v, t, r: v[slot] - k


def count(conds: tuple[tuple[str, int, int], ...], n: int, stride: int) -> Fn | None:
    """count(...) over a conjunction of `ATTR OP const` conditions, by slicing the values.

    `conds` holds (op, rbase, k) triples; every region's attribute sits `stride`
    apart, so `v[rbase : rbase + n * stride : stride]` is that attribute of every region.
    """
    if len(conds) == 1:
        op, b, k = conds[0]
        stop = b + n * stride
        if op == "==":
            return lambda v, t, r: v[b:stop:stride].count(k)
        f = _against(op, k)
        return lambda v, t, r: sum(map(f, v[b:stop:stride]))
    if len(conds) == 2:
        (op1, b1, k1), (op2, b2, k2) = conds
        f1, f2 = _against(op1, k1), _against(op2, k2)
        s1, s2 = b1 + n * stride, b2 + n * stride
        return lambda v, t, r: sum(map(operator.and_, map(f1, v[b1:s1:stride]), map(f2, v[b2:s2:stride])))
    return None


def _against(op: str, k: int) -> Callable[[int], bool]:
    """`x OP k` as a one-argument function CPython calls in C (a method of k, the comparison reflected),
    so `sum(map(...))` counts without a Python-level call per region."""
    reflected = {"==": k.__eq__, "!=": k.__ne__, "<": k.__gt__, "<=": k.__ge__, ">": k.__lt__, ">=": k.__le__}
    return reflected[op]  # int comparisons with an int give a bool


def total(rbase: int, n: int, stride: int) -> Fn:
    """sum(ATTR) over every region, by slicing."""
    stop = rbase + n * stride
    return lambda v, t, r: sum(v[rbase:stop:stride])


def all_of(fs: tuple[Fn, ...]) -> Fn:
    """`a and b and c ...` as one closure (same value as the nested ones: the first falsy, else the last)."""
    if len(fs) == 2:
        f1, f2 = fs
        return lambda v, t, r: f1(v, t, r) and f2(v, t, r)
    if len(fs) == 3:
        f1, f2, f3 = fs
        return lambda v, t, r: f1(v, t, r) and f2(v, t, r) and f3(v, t, r)
    if len(fs) == 4:
        f1, f2, f3, f4 = fs
        return lambda v, t, r: f1(v, t, r) and f2(v, t, r) and f3(v, t, r) and f4(v, t, r)

    def chain(v: Values, t: int, r: int) -> int:
        x: int = True
        for f in fs:
            x = f(v, t, r)
            if not x:
                return x
        return x

    return chain


def any_of(fs: tuple[Fn, ...]) -> Fn:
    """`a or b or c ...` as one closure (the first truthy value, else the last)."""
    if len(fs) == 2:
        f1, f2 = fs
        return lambda v, t, r: f1(v, t, r) or f2(v, t, r)
    if len(fs) == 3:
        f1, f2, f3 = fs
        return lambda v, t, r: f1(v, t, r) or f2(v, t, r) or f3(v, t, r)

    def chain(v: Values, t: int, r: int) -> int:
        x: int = False
        for f in fs:
            x = f(v, t, r)
            if x:
                return x
        return x

    return chain


def slot_key(slots: list[int]) -> Callable[[Values], tuple[int, ...]]:
    """The values of `slots` as a tuple (always a tuple, whatever their number), read in C from two on."""
    if len(slots) >= 2:
        return operator.itemgetter(*slots)  # a tuple for two or more items
    return lambda v: tuple([v[s] for s in slots])


def target_borders(around: list[list[int]], faction: int) -> Fn:
    """`adjacent(target, FACTION)`: whether one of the controller slots around[t] holds the faction."""
    getters = tuple(slot_key(slots) for slots in around)
    return lambda v, t, r: faction in getters[t](v)
