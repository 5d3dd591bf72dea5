"""Which value slots an expression can read: lets the rules reuse a result while those slots stand still.

The analysis is deliberately coarse and errs on the side of reading more: a
bare attribute name stands for that attribute in every region, `target.x`
for `x` in every region (or in the one target asked about), `adjacent` for
the control of every neighbour of its region (of every region when the
region is not known before evaluation). Anything it does not recognise makes
it answer None ("could read anything"), and the caller then keys its cache
on all the values. A superset of the slots read is always safe; a subset
never is, and a test checks it on random games of every bundled scenario.
"""

from __future__ import annotations

from wargame.scenario.expr import syntax as x
from wargame.scenario.model import Expr, Scenario


def reads(scenario: Scenario, expr: Expr | None, target: int | None = None) -> frozenset[int] | None:
    """The slots `expr` may read (empty for None or a constant), or None when unsure.

    With `target`, the slots it may read when evaluated for that target region.
    """
    if expr is None:
        return frozenset()
    try:
        node = x.parse_expression(str(expr.text))
    except (x.ExprError, RecursionError):
        return None
    out: set[int] = set()
    return frozenset(out) if _Walk(scenario, target).walk(node, out) else None


class _Walk:
    def __init__(self, scenario: Scenario, target: int | None):
        self.sym = scenario.symbols
        self.target = target

    def slot(self, region: int, attr: str) -> int:
        sym = self.sym
        offset = len(sym.attributes) if attr == "control" else sym.attributes.index(attr)
        return sym.region_base + region * sym.stride + offset

    def every_region(self, attr: str) -> list[int] | None:
        if attr != "control" and attr not in self.sym.attributes:
            return None
        return [self.slot(i, attr) for i in range(len(self.sym.regions))]

    def region_of(self, node) -> int | None:
        """The region a region-valued argument names, when known before evaluation."""
        if type(node) is x.Name:
            if node.id == "target":
                return self.target
            if node.id in self.sym.regions:
                return self.sym.regions.index(node.id)
        return None

    def walk(self, node, out: set[int]) -> bool:
        """Add what `node` may read to `out`; False when unsure."""
        sym, kind = self.sym, type(node)
        if kind in (x.Num, x.Bool, x.Str):
            return True
        if kind is x.Name:
            n = node.id
            if n == "turn":
                out.add(0)
            if n in sym.tracks:
                out.add(sym.tracks[n])
            slots = self.every_region(n)  # a bare attribute inside count(...)/sum(...)
            if slots:
                out.update(slots)
            return True  # faction, region, none, target: constants or the target's index
        if kind is x.Attr:
            obj, a = node.obj.id, node.attr
            if obj in sym.meters and a in sym.meters[obj]:
                out.add(sym.meters[obj][a])
                return True
            slots = self.every_region(a)
            if slots is None or (obj != "target" and obj not in sym.regions):
                return False
            region = self.region_of(node.obj)
            out.update(slots if region is None else [slots[region]])
            return True
        if kind is x.Unary:
            return self.walk(node.operand, out)
        if kind is x.Binary:
            return self.walk(node.left, out) and self.walk(node.right, out)
        if kind is x.IfExp:
            return all(self.walk(n, out) for n in (node.body, node.test, node.orelse))
        if kind is x.Call:
            args = node.args
            if node.func in ("adjacent", "controls") and len(args) == 2:
                region = self.region_of(args[0] if node.func == "adjacent" else args[1])
                if region is None:
                    out.update(self.every_region("control") or ())
                elif node.func == "adjacent":
                    out.update(self.slot(n, "control") for n in sym.adjacency[region])
                else:
                    out.add(self.slot(region, "control"))
            return all(self.walk(a, out) for a in args)
        return False
