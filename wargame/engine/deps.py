"""Which value slots an expression can read: lets the rules reuse a result while those slots stand still.

The analysis is deliberately coarse and errs on the side of reading more: a
bare attribute name stands for that attribute in every region, `target.x`
for `x` in every region, `adjacent`/`controls` for every region's control.
Anything it does not recognise makes it answer None ("could read anything"),
and the caller then keys its cache on all the values. A superset of the
slots read is always safe; a subset never is, and a test checks it on
random games of every bundled scenario.
"""

from __future__ import annotations

from wargame.scenario.expr import syntax as x
from wargame.scenario.model import Expr, Scenario


def reads(scenario: Scenario, expr: Expr | None) -> frozenset[int] | None:
    """The slots `expr` may read (empty for None or a constant), or None when unsure."""
    if expr is None:
        return frozenset()
    try:
        node = x.parse_expression(str(expr.text))
    except (x.ExprError, RecursionError):
        return None
    out: set[int] = set()
    return frozenset(out) if _walk(scenario, node, out) else None


def _every_region(scenario: Scenario, attr: str) -> list[int] | None:
    sym = scenario.symbols
    if attr == "control":
        offset = len(sym.attributes)
    elif attr in sym.attributes:
        offset = sym.attributes.index(attr)
    else:
        return None
    return [sym.region_base + i * sym.stride + offset for i in range(len(sym.regions))]


def _walk(scenario: Scenario, node, out: set[int]) -> bool:
    """Add what `node` may read to `out`; False when unsure."""
    sym = scenario.symbols
    kind = type(node)
    if kind in (x.Num, x.Bool, x.Str):
        return True
    if kind is x.Name:
        n = node.id
        if n == "turn":
            out.add(0)
        if n in sym.tracks:
            out.add(sym.tracks[n])
        slots = _every_region(scenario, n)  # a bare attribute inside count(...)/sum(...)
        if slots:
            out.update(slots)
        return True  # faction, region, none, target: constants or the target's index
    if kind is x.Attr:
        obj, a = node.obj.id, node.attr
        if obj in sym.meters and a in sym.meters[obj]:
            out.add(sym.meters[obj][a])
            return True
        slots = _every_region(scenario, a)
        if slots is None:
            return False
        if obj == "target":
            out.update(slots)
        elif obj in sym.regions:
            out.add(slots[sym.regions.index(obj)])
        else:
            return False
        return True
    if kind is x.Unary:
        return _walk(scenario, node.operand, out)
    if kind is x.Binary:
        return _walk(scenario, node.left, out) and _walk(scenario, node.right, out)
    if kind is x.IfExp:
        return all(_walk(scenario, n, out) for n in (node.body, node.test, node.orelse))
    if kind is x.Call:
        if node.func in ("adjacent", "controls"):
            out.update(_every_region(scenario, "control") or ())
        return all(_walk(scenario, a, out) for a in node.args)
    return False
