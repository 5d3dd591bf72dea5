"""The compiler's function calls: each function of functions.py compiled by its `fn_NAME` method.

A mixin of `Compiler`: `c_Call` looks the function up in the table, compiles
the call, and adds to its arguments' reads what the table declares.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from wargame.scenario.expr import fast
from wargame.scenario.expr.functions import FUNCTIONS, Extra
from wargame.scenario.expr.parts import _C, BOOL, FACTION, INT, REGION
from wargame.scenario.expr.reads import Fn, Reads, Values
from wargame.scenario.expr.source import Source, unrolled_sum
from wargame.scenario.expr.symbols import Symbols
from wargame.scenario.expr.syntax import Call, ExprError, Node, Str
from wargame.scenario.layout import NO_TARGET
from wargame.scenario.problems import did_you_mean
from wargame.words import plural

Args = Sequence[Node]


class Calls:
    """Compiles calls (mixed into Compiler, which provides compile, compile_faction, need and the indexes)."""

    if TYPE_CHECKING:  # provided by Compiler
        s: Symbols
        in_region_loop: int
        all_tags: frozenset[str]

        def compile(self, node: Node) -> _C: ...

        def compile_faction(self, node: Node) -> _C: ...

        def flat(self, c: _C) -> Fn: ...

        source: Source

        @staticmethod
        def need(c: _C, want: str, pos: int, what: str) -> None: ...

    def c_Call(self, node: Call) -> _C:
        """A call: the function's own compile method, plus what the table says it reads beyond its arguments."""
        name, args = node.func, node.args
        fn = FUNCTIONS.get(name)
        if fn is None:
            known = ", ".join(FUNCTIONS)
            hint = did_you_mean(name, FUNCTIONS)
            raise ExprError(node.pos, f"unknown function '{name}'{hint}; the functions are {known}")
        compile_call: Callable[[Call, Args], tuple[_C, list[_C]]] = getattr(self, "fn_" + name)
        c, parts = compile_call(node, args)
        reads = c.reads
        for part in parts:
            reads = reads | part.reads
        if fn.reads in (Extra.CONTROL, Extra.NEIGHBOURS_CONTROL):
            reads = reads | self.control_reads(parts[fn.region_arg].region, fn.reads is Extra.NEIGHBOURS_CONTROL)
        return attrs.evolve(c, reads=reads)

    def control_reads(self, region: int, neighbours: bool) -> Reads:
        """The controller slots a call reads for a region argument: known, the target, or any region."""
        lay, adj = self.s.layout, self.s.adjacency
        if region == NO_TARGET:
            return Reads(neighbours=True) if neighbours else Reads(target=frozenset({lay.control_offset}))
        if region >= 0:
            return Reads(
                frozenset(lay.control(n) for n in adj[region]) if neighbours else frozenset({lay.control(region)})
            )
        return Reads(frozenset(lay.column(lay.control_offset)))

    def arity(self, node: Call, n: int) -> None:
        if len(node.args) != n:
            usage = FUNCTIONS[node.func]
            raise ExprError(node.pos, f"{usage}: takes {plural(n, 'argument')}, got {len(node.args)}")

    def over_regions(self, node: Call, args: Args) -> _C:
        """The one argument of count(...) or sum(...), compiled with bare attributes meaning the region in hand."""
        self.arity(node, 1)
        self.in_region_loop += 1
        try:
            return self.compile(args[0])
        finally:
            self.in_region_loop -= 1

    # each function: (its compiled call, the compiled arguments whose reads it adds) ------------------
    def fn_count(self, node: Call, args: Args) -> tuple[_C, list[_C]]:
        inner = self.over_regions(node, args)
        if inner.type != BOOL:
            raise ExprError(args[0].pos, f"count(...) takes a condition, but this is a {inner.type}")
        f, n = self.flat(inner), len(self.s.regions)
        unrolled = unrolled_sum(self.source.of(inner), n)
        if inner.conds:
            sliced = fast.count(inner.conds, n, self.s.layout.stride)
            if sliced is not None:
                return _C(sliced, INT, src=unrolled), [inner]
        span = range(n)
        src = unrolled or f"_len([1 for r in {self.source.bind(span)} if {self.source.of(inner)}])"  # r: in hand
        return _C(lambda v, t, r: sum(1 for i in span if f(v, t, i)), INT, src=src), [inner]

    def fn_sum(self, node: Call, args: Args) -> tuple[_C, list[_C]]:
        inner = self.over_regions(node, args)
        self.need(inner, INT, args[0].pos, "the argument of sum(...)")
        f, n = self.flat(inner), len(self.s.regions)
        unrolled = unrolled_sum(self.source.of(inner), n)
        if inner.rbase >= 0:
            return _C(fast.total(inner.rbase, n, self.s.layout.stride), INT, src=unrolled), [inner]
        span = range(n)
        src = unrolled or f"_sum([{self.source.of(inner)} for r in {self.source.bind(span)}])"  # r: in hand
        return _C(lambda v, t, r: sum(f(v, t, i) for i in span), INT, src=src), [inner]

    def numbers(self, node: Call, args: Args, what: str) -> list[_C]:
        cs = [self.compile(a) for a in args]
        for c, a in zip(cs, args, strict=True):
            self.need(c, INT, a.pos, what)
        return cs

    def fn_min(self, node: Call, args: Args) -> tuple[_C, list[_C]]:
        return self.min_max(node, args, min)

    def fn_max(self, node: Call, args: Args) -> tuple[_C, list[_C]]:
        return self.min_max(node, args, max)

    def min_max(self, node: Call, args: Args, pick: Callable[[Iterable[int]], int]) -> tuple[_C, list[_C]]:
        cs = [self.compile(a) for a in args]
        if len(cs) < 2:
            raise ExprError(node.pos, f"{FUNCTIONS[node.func]}: takes at least 2 arguments")
        for c, a in zip(cs, args, strict=True):
            self.need(c, INT, a.pos, f"each argument of {node.func}()")
        fs = tuple(self.flat(c) for c in cs)
        src = f"_{node.func}({', '.join(self.source.of(c) for c in cs)})"
        return _C(lambda v, t, r: pick(f(v, t, r) for f in fs), INT, src=src), cs

    def fn_abs(self, node: Call, args: Args) -> tuple[_C, list[_C]]:
        self.arity(node, 1)
        cs = self.numbers(node, args, "the argument of abs()")
        f = self.flat(cs[0])
        return _C(lambda v, t, r: abs(f(v, t, r)), INT, src=f"_abs({self.source.of(cs[0])})"), cs

    def fn_clamp(self, node: Call, args: Args) -> tuple[_C, list[_C]]:
        self.arity(node, 3)
        cs = self.numbers(node, args, "each argument of clamp()")
        fx, flo, fhi = (self.flat(c) for c in cs)
        x, lo, hi = (self.source.of(c) for c in cs)
        src = f"_max({lo}, _min({hi}, {x}))"
        return _C(lambda v, t, r: max(flo(v, t, r), min(fhi(v, t, r), fx(v, t, r))), INT, src=src), cs

    def region_and_faction(self, node: Call, args: Args) -> tuple[_C, _C]:
        """The (region, faction) arguments of adjacent() and controls(), type-checked."""
        self.arity(node, 2)
        ri, fi = (0, 1) if node.func == "adjacent" else (1, 0)
        region, faction = self.compile(args[ri]), self.compile_faction(args[fi])
        self.need(region, REGION, args[ri].pos, f"the region argument of {node.func}()")
        self.need(faction, FACTION, args[fi].pos, f"the faction argument of {node.func}()")
        return region, faction

    def fn_controls(self, node: Call, args: Args) -> tuple[_C, list[_C]]:
        region, faction = self.region_and_faction(node, args)
        fr, ff = region.fn, faction.fn
        lay = self.s.layout
        base, stride = lay.control(0), lay.stride
        return _C(lambda v, t, r: v[base + fr(v, t, r) * stride] == ff(v, t, r), BOOL), [faction, region]

    def fn_adjacent(self, node: Call, args: Args) -> tuple[_C, list[_C]]:
        region, faction = self.region_and_faction(node, args)
        fr, ff = region.fn, faction.fn
        lay = self.s.layout
        base, stride, adj = lay.control(0), lay.stride, self.s.adjacency
        if region.region == NO_TARGET and faction.is_const:  # `adjacent(target, gna)`: the usual target test
            around = [[base + n * stride for n in adj[i]] for i in range(len(adj))]
            return _C(fast.target_borders(around, faction.number), BOOL), [region, faction]

        def adjacent(v: Values, t: int, r: int) -> bool:
            fac = ff(v, t, r)
            return any(v[base + n * stride] == fac for n in adj[fr(v, t, r)])

        return _C(adjacent, BOOL), [region, faction]

    def fn_has_tag(self, node: Call, args: Args) -> tuple[_C, list[_C]]:
        self.arity(node, 2)
        region = self.compile(args[0])
        self.need(region, REGION, args[0].pos, "the first argument of has_tag()")
        if not (isinstance(args[1], Str)):
            self.compile(args[1])  # an unknown name says so first
            raise ExprError(args[1].pos, 'has_tag() takes a quoted tag, e.g. has_tag(target, "capital")')
        tag = args[1].value
        if tag not in self.all_tags:
            raise ExprError(args[1].pos, f"no region has the tag '{tag}'{did_you_mean(tag, self.all_tags)}")
        tags, fr = self.s.tags, region.fn
        if region.region == NO_TARGET:  # tags never change: a table of the regions that carry it
            table = tuple(tag in ts for ts in tags)
            src = f"{self.source.bind(table)}[t]"
            return _C(lambda v, t, r: table[t], BOOL, table=table, src=src), [region]
        return _C(lambda v, t, r: tag in tags[fr(v, t, r)], BOOL), [region]
