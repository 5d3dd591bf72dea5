"""Resolves names, checks types and compiles expressions to plain Python closures.

Every compiled expression is a function `f(v, t, r)`: `v` is the game's flat
tuple of integer values (slot 0 is the turn), `t` the target region's index
(or -1), `r` the region in hand inside `count(...)`, `sum(...)` or a loop. Names are
turned into slot numbers here, once, so evaluation is only indexing and
arithmetic: no dictionaries, no strings, nothing the scenario text can steer.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import attrs

from wargame.scenario.expr import fast
from wargame.scenario.expr.syntax import (
    Assign,
    Attr,
    Binary,
    Bool,
    Call,
    ExprError,
    IfExp,
    Name,
    Num,
    Str,
    Unary,
    parse_expression,
)
from wargame.scenario.problems import did_you_mean
from wargame.words import plural

INT, BOOL, FACTION, REGION, STR = "number", "condition", "faction", "region", "text"
NONE_FACTION = -1
NO_TARGET = -1
TURN_SLOT = 0

Fn = Callable[[tuple, int, int], int]

FUNCTIONS = {
    "min": "min(a, b, ...): the smallest number",
    "max": "max(a, b, ...): the largest number",
    "abs": "abs(x): x without its sign",
    "clamp": "clamp(x, lo, hi): x kept within lo..hi",
    "count": "count(condition): how many regions satisfy the condition",
    "sum": "sum(number): the number added up over every region",
    "adjacent": "adjacent(region, faction): the region borders one the faction controls",
    "controls": "controls(faction, region): the faction controls the region",
    "has_tag": 'has_tag(region, "tag"): the region carries the tag',
}


@attrs.frozen(eq=False)
class Symbols:
    """What names mean in one scenario: the slot of every meter, track and attribute."""

    factions: tuple[str, ...]
    meters: dict[str, dict[str, int]]
    tracks: dict[str, int]
    regions: tuple[str, ...]
    attributes: tuple[str, ...]
    region_base: int
    adjacency: tuple[tuple[int, ...], ...]
    tags: tuple[frozenset[str], ...]
    cards: frozenset[str]

    @property
    def stride(self) -> int:
        return len(self.attributes) + 1

    def attr_slot(self, region: int, attr: int) -> int:
        return self.region_base + region * self.stride + attr

    def control_slot(self, region: int) -> int:
        return self.region_base + region * self.stride + len(self.attributes)


@attrs.frozen
class _C:
    """A compiled sub-expression: its closure, its type, and its value if constant."""

    fn: Fn
    type: str
    const: object = None
    is_const: bool = False
    slot: int = -1  # a read of one fixed slot
    rbase: int = -1  # a read of the counted region's attribute: v[rbase + r * stride]
    conds: tuple = ()  # a conjunction of (op, rbase, const) over the counted region
    tbase: int = -1  # a read of the target region's attribute: v[tbase + t * stride]


def _const(value, type_: str) -> _C:
    return _C(lambda v, t, r: value, type_, value, True)


@functools.lru_cache(maxsize=16)
def _indexes(symbols: Symbols) -> tuple[dict[str, int], dict[str, int], dict[str, int], frozenset[str]]:
    """Name -> index maps of one scenario, built once rather than for each of its expressions."""
    return (
        {name: i for i, name in enumerate(symbols.regions)},
        {name: i for i, name in enumerate(symbols.factions)},
        {name: i for i, name in enumerate(symbols.attributes)},
        frozenset().union(*symbols.tags) if symbols.tags else frozenset(),
    )


class Compiler:
    def __init__(self, symbols: Symbols, has_target: bool):
        self.s = symbols
        self.has_target = has_target
        self.in_region_loop = 0
        self.region_index, self.faction_index, self.attr_index, self.all_tags = _indexes(symbols)

    # names ----------------------------------------------------------------
    def bare_names(self) -> list[str]:
        names = ["turn", "none", *self.s.tracks, *self.s.factions, *self.s.regions]
        if self.has_target:
            names.append("target")
        if self.in_region_loop:
            names += [*self.s.attributes, "control", "region"]
        return names

    def name(self, node: Name) -> _C:
        s, n = self.s, node.id
        if n == "turn":
            return _C(lambda v, t, r: v[0], INT, slot=0)
        if n == "none":
            return _const(NONE_FACTION, FACTION)
        if n in s.tracks:
            slot = s.tracks[n]
            return _C(lambda v, t, r: v[slot], INT, slot=slot)
        if n in self.faction_index and not (self.in_region_loop and n in self.attr_index):
            return _const(self.faction_index[n], FACTION)
        if n in self.region_index:
            return _const(self.region_index[n], REGION)
        if n == "region" and self.in_region_loop:
            return _C(lambda v, t, r: r, REGION)
        if n == "target":
            if not self.has_target:
                raise ExprError(node.pos, "'target' exists only in an action with 'target: region'")
            return _C(lambda v, t, r: t, REGION)
        if self.in_region_loop and n in self.attr_index:
            base, stride, a = s.region_base, s.stride, self.attr_index[n]
            return _C(lambda v, t, r: v[base + r * stride + a], INT, rbase=base + a)
        if self.in_region_loop and n == "control":
            base, stride, a = s.region_base, s.stride, len(s.attributes)
            return _C(lambda v, t, r: v[base + r * stride + a], FACTION, rbase=base + a)
        if n in self.attr_index or n == "control":
            raise ExprError(
                node.pos, f"'{n}' alone means a region's attribute only inside count(...) or sum(...); "
                f"elsewhere write REGION.{n}"
            )
        if n in FUNCTIONS:
            raise ExprError(node.pos, f"'{n}' is a function: {FUNCTIONS[n]}")
        raise ExprError(node.pos, f"unknown name '{n}'{did_you_mean(n, self.bare_names())}")

    def attr(self, node: Attr) -> _C:
        s, obj, a = self.s, node.obj.id, node.attr
        if obj in self.faction_index:
            meters = s.meters.get(obj, {})
            if a not in meters:
                raise ExprError(node.attr_pos, f"faction '{obj}' has no meter '{a}'{did_you_mean(a, meters)}")
            slot = meters[a]
            return _C(lambda v, t, r: v[slot], INT, slot=slot)
        if obj in self.region_index or obj == "target":
            if a != "control" and a not in self.attr_index:
                choices = [*s.attributes, "control"]
                raise ExprError(node.attr_pos, f"regions have no attribute '{a}'{did_you_mean(a, choices)}")
            offset = len(s.attributes) if a == "control" else self.attr_index[a]
            type_ = FACTION if a == "control" else INT
            if obj == "target":
                if not self.has_target:
                    raise ExprError(node.pos, "'target' exists only in an action with 'target: region'")
                tb, stride = s.region_base + offset, s.stride
                return _C(lambda v, t, r: v[tb + t * stride], type_, tbase=tb)
            slot = s.region_base + self.region_index[obj] * s.stride + offset
            return _C(lambda v, t, r: v[slot], type_, slot=slot)
        if obj in s.tracks:
            raise ExprError(node.attr_pos, f"'{obj}' is a track (a number); it has no '.{a}'")
        if obj == "turn":
            raise ExprError(node.attr_pos, "'turn' is a number; it has no attributes")
        names = [*s.factions, *s.regions] + (["target"] if self.has_target else [])
        raise ExprError(node.pos, f"unknown faction or region '{obj}'{did_you_mean(obj, names)}")

    # typing helpers -------------------------------------------------------
    @staticmethod
    def need(c: _C, want: str, pos: int, what: str) -> None:
        ok = c.type == want or (want == INT and c.type == BOOL)
        if not ok:
            raise ExprError(pos, f"{what} must be a {want}, but this is a {c.type}")

    def compile(self, node) -> _C:
        method = getattr(self, "c_" + type(node).__name__)
        return method(node)

    def compile_faction(self, node) -> _C:
        """Compile where a faction is expected: inside count(), a name that is both a
        faction and a region attribute (the draft's `isis`) means the faction here."""
        if isinstance(node, Name) and node.id in self.faction_index:
            return _const(self.faction_index[node.id], FACTION)
        return self.compile(node)

    def compile_pair(self, left, right) -> tuple[_C, _C]:
        """Compile both sides of a comparison, resolving a faction/attribute name by the other side."""
        a, b = self.compile(left), self.compile(right)
        if a.type == FACTION and b.type != FACTION:
            b = self.compile_faction(right)
        elif b.type == FACTION and a.type != FACTION:
            a = self.compile_faction(left)
        return a, b

    def fast_compare(self, op: str, a: _C, b: _C) -> _C | None:
        """One closure for `slot OP const` and `ATTR OP const` (inside count), else None."""
        if a.is_const and not b.is_const:
            a, b, op = b, a, {"<": ">", "<=": ">=", ">": "<", ">=": "<="}.get(op, op)
        if not b.is_const:
            return None
        k = int(b.const)
        if a.slot >= 0:
            return _C(fast.slot_vs_const(op, a.slot, k), BOOL)
        if a.rbase >= 0:
            return _C(fast.region_vs_const(op, a.rbase, self.s.stride, k), BOOL, conds=((op, a.rbase, k),))
        if a.tbase >= 0:
            return _C(fast.target_vs_const(op, a.tbase, self.s.stride, k), BOOL)
        return None

    def c_Num(self, node: Num) -> _C:
        return _const(node.value, INT)

    def c_Bool(self, node: Bool) -> _C:
        return _const(node.value, BOOL)

    def c_Str(self, node: Str) -> _C:
        return _const(node.value, STR)

    def c_Name(self, node: Name) -> _C:
        return self.name(node)

    def c_Attr(self, node: Attr) -> _C:
        return self.attr(node)

    def c_Unary(self, node: Unary) -> _C:
        x = self.compile(node.operand)
        f = x.fn
        if node.op == "not":
            self.need(x, BOOL, node.operand.pos, "the operand of 'not'")
            return _C(lambda v, t, r: not f(v, t, r), BOOL)
        self.need(x, INT, node.operand.pos, "the operand of '-'")
        return _C(lambda v, t, r: -f(v, t, r), INT)

    def c_Binary(self, node: Binary) -> _C:
        if node.op in ("==", "!="):
            a, b = self.compile_pair(node.left, node.right)
        else:
            a, b = self.compile(node.left), self.compile(node.right)
        fa, fb, op = a.fn, b.fn, node.op
        if op in ("and", "or"):
            self.need(a, BOOL, node.left.pos, f"each side of '{op}'")
            self.need(b, BOOL, node.right.pos, f"each side of '{op}'")
            if op == "and":
                conds = a.conds + b.conds if a.conds and b.conds else ()
                return _C(lambda v, t, r: fa(v, t, r) and fb(v, t, r), BOOL, conds=conds)
            return _C(lambda v, t, r: fa(v, t, r) or fb(v, t, r), BOOL)
        if op in ("==", "!="):
            kinds = {a.type if a.type != BOOL else INT, b.type if b.type != BOOL else INT}
            if len(kinds) != 1 or STR in kinds:
                raise ExprError(node.pos, f"cannot compare a {a.type} with a {b.type}")
            fast_cmp = self.fast_compare(op, a, b)
            if fast_cmp is not None:
                return fast_cmp
            if op == "==":
                return _C(lambda v, t, r: fa(v, t, r) == fb(v, t, r), BOOL)
            return _C(lambda v, t, r: fa(v, t, r) != fb(v, t, r), BOOL)
        self.need(a, INT, node.left.pos, f"each side of '{op}'")
        self.need(b, INT, node.right.pos, f"each side of '{op}'")
        if op in ("<", "<=", ">", ">="):
            fast_cmp = self.fast_compare(op, a, b)
            if fast_cmp is not None:
                return fast_cmp
            table = {
                "<": lambda v, t, r: fa(v, t, r) < fb(v, t, r),
                "<=": lambda v, t, r: fa(v, t, r) <= fb(v, t, r),
                ">": lambda v, t, r: fa(v, t, r) > fb(v, t, r),
                ">=": lambda v, t, r: fa(v, t, r) >= fb(v, t, r),
            }
            return _C(table[op], BOOL)
        if b.is_const and a.slot >= 0 and op in ("+", "-", "*"):
            return _C(fast.arith_slot_const(op, a.slot, int(b.const), False), INT)
        if a.is_const and b.slot >= 0 and op in ("+", "-", "*"):
            return _C(fast.arith_slot_const(op, b.slot, int(a.const), True), INT)
        if b.is_const and op in ("+", "-", "*"):
            k = int(b.const)
            table = {
                "+": lambda v, t, r: fa(v, t, r) + k,
                "-": lambda v, t, r: fa(v, t, r) - k,
                "*": lambda v, t, r: _mul(fa(v, t, r), k),
            }
            return _C(table[op], INT)
        if a.is_const and op == "*":
            k = int(a.const)
            return _C(lambda v, t, r: _mul(k, fb(v, t, r)), INT)
        table = {
            "+": lambda v, t, r: fa(v, t, r) + fb(v, t, r),
            "-": lambda v, t, r: fa(v, t, r) - fb(v, t, r),
            "*": lambda v, t, r: _mul(fa(v, t, r), fb(v, t, r)),
            "//": lambda v, t, r: _floordiv(fa(v, t, r), fb(v, t, r)),
            "%": lambda v, t, r: _mod(fa(v, t, r), fb(v, t, r)),
        }
        return _C(table[op], INT)

    def c_IfExp(self, node: IfExp) -> _C:
        body, test, orelse = self.compile(node.body), self.compile(node.test), self.compile(node.orelse)
        self.need(test, BOOL, node.test.pos, "the condition after 'if'")
        tb = {body.type if body.type != BOOL else INT, orelse.type if orelse.type != BOOL else INT}
        if len(tb) != 1:
            raise ExprError(node.pos, f"both branches must be of one kind, not a {body.type} and a {orelse.type}")
        type_ = body.type if body.type == orelse.type else INT
        fb, ft, fo = body.fn, test.fn, orelse.fn
        return _C(lambda v, t, r: fb(v, t, r) if ft(v, t, r) else fo(v, t, r), type_)

    def c_Call(self, node: Call) -> _C:
        name, args = node.func, node.args
        if name not in FUNCTIONS:
            known = ", ".join(FUNCTIONS)
            hint = did_you_mean(name, FUNCTIONS)
            raise ExprError(node.pos, f"unknown function '{name}'{hint}; the functions are {known}")

        def arity(n: int) -> None:
            if len(args) != n:
                raise ExprError(node.pos, f"{FUNCTIONS[name]}: takes {plural(n, 'argument')}, got {len(args)}")

        if name in ("count", "sum"):
            arity(1)
            self.in_region_loop += 1
            try:
                inner = self.compile(args[0])
            finally:
                self.in_region_loop -= 1
            want = BOOL if name == "count" else INT
            if name == "count" and inner.type != BOOL:
                raise ExprError(args[0].pos, f"count(...) takes a condition, but this is a {inner.type}")
            self.need(inner, want, args[0].pos, f"the argument of {name}(...)")
            f, n = inner.fn, len(self.s.regions)
            span = range(n)
            if name == "count" and inner.conds:
                sliced = fast.count(inner.conds, n, self.s.stride)
                if sliced is not None:
                    return _C(sliced, INT)
            if name == "sum" and inner.rbase >= 0:
                return _C(fast.total(inner.rbase, n, self.s.stride), INT)
            if name == "count":
                return _C(lambda v, t, r: sum(1 for i in span if f(v, t, i)), INT)
            return _C(lambda v, t, r: sum(f(v, t, i) for i in span), INT)
        if name == "adjacent" and len(args) == 2:
            cs = [self.compile(args[0]), self.compile_faction(args[1])]
        elif name == "controls" and len(args) == 2:
            cs = [self.compile_faction(args[0]), self.compile(args[1])]
        else:
            cs = [self.compile(a) for a in args]
        if name in ("min", "max"):
            if len(cs) < 2:
                raise ExprError(node.pos, f"{FUNCTIONS[name]}: takes at least 2 arguments")
            for c, a in zip(cs, args, strict=True):
                self.need(c, INT, a.pos, f"each argument of {name}()")
            fs = tuple(c.fn for c in cs)
            pick = min if name == "min" else max
            return _C(lambda v, t, r: pick(f(v, t, r) for f in fs), INT)
        if name == "abs":
            arity(1)
            self.need(cs[0], INT, args[0].pos, "the argument of abs()")
            f = cs[0].fn
            return _C(lambda v, t, r: abs(f(v, t, r)), INT)
        if name == "clamp":
            arity(3)
            for c, a in zip(cs, args, strict=True):
                self.need(c, INT, a.pos, "each argument of clamp()")
            fx, flo, fhi = (c.fn for c in cs)
            return _C(lambda v, t, r: max(flo(v, t, r), min(fhi(v, t, r), fx(v, t, r))), INT)
        if name in ("adjacent", "controls"):
            arity(2)
            region_arg, faction_arg = (0, 1) if name == "adjacent" else (1, 0)
            self.need(cs[region_arg], REGION, args[region_arg].pos, f"the region argument of {name}()")
            self.need(cs[faction_arg], FACTION, args[faction_arg].pos, f"the faction argument of {name}()")
            fr, ff = cs[region_arg].fn, cs[faction_arg].fn
            base, stride, off = self.s.region_base, self.s.stride, len(self.s.attributes)
            if name == "controls":
                return _C(lambda v, t, r: v[base + fr(v, t, r) * stride + off] == ff(v, t, r), BOOL)
            adj = self.s.adjacency

            def adjacent(v, t, r):
                fac = ff(v, t, r)
                return any(v[base + n * stride + off] == fac for n in adj[fr(v, t, r)])

            return _C(adjacent, BOOL)
        # has_tag
        arity(2)
        self.need(cs[0], REGION, args[0].pos, "the first argument of has_tag()")
        if not (isinstance(args[1], Str)):
            raise ExprError(args[1].pos, 'has_tag() takes a quoted tag, e.g. has_tag(target, "capital")')
        tag = args[1].value
        if tag not in self.all_tags:
            raise ExprError(args[1].pos, f"no region has the tag '{tag}'{did_you_mean(tag, self.all_tags)}")
        tags, fr = self.s.tags, cs[0].fn
        return _C(lambda v, t, r: tag in tags[fr(v, t, r)], BOOL)

    def c_Assign(self, node: Assign):  # pragma: no cover - statements go through compile_statement()
        raise ExprError(node.pos, "an assignment is not an expression")


def _floordiv(a: int, b: int) -> int:
    """Whole-number division; dividing by zero gives 0 so a scenario cannot crash a game."""
    return a // b if b else 0


PRODUCT_LIMIT = 10**18


def _mul(a: int, b: int) -> int:
    """a * b held within +-10**18.

    Values and literals are within +-10**9, so one product of two of them always
    fits; only products of products are held. A score or an odd formula can then
    never grow into a number that reports, charts and str() cannot handle.
    """
    p = a * b
    return p if -PRODUCT_LIMIT <= p <= PRODUCT_LIMIT else (PRODUCT_LIMIT if p > 0 else -PRODUCT_LIMIT)


def _mod(a: int, b: int) -> int:
    return a % b if b else 0


def compile_expression(text: str, want: str, symbols: Symbols, has_target: bool = False) -> Fn:
    """Compile `text` to a closure returning a value of kind `want` (INT or BOOL)."""
    node = parse_expression(text)
    c = Compiler(symbols, has_target)
    result = c.compile(node)
    if want == BOOL and result.type != BOOL:
        hint = " (compare it, e.g. '... > 0')" if result.type == INT else ""
        raise ExprError(0, f"a condition must be true or false, but this is a {result.type}{hint}")
    if want == INT and result.type not in (INT, BOOL):
        raise ExprError(0, f"a number is needed here, but this is a {result.type}")
    if result.is_const:
        value = int(result.const) if want == INT else bool(result.const)
        return lambda v, t, r: value
    return result.fn


def split_terms(text: str, symbols: Symbols, has_target: bool) -> tuple[tuple[str, Fn], ...]:
    """The top-level `+`/`-` terms of a valid number expression, each compiled on its own.

    They let the TUI show how odds were computed: "35 base, +10 air support, -10 ISIS".
    """
    from wargame.scenario.expr.syntax import Binary as B

    node = parse_expression(text)
    ops = []
    while isinstance(node, B) and node.op in ("+", "-"):
        ops.append((node.pos, node.op))
        node = node.left
    ops.reverse()
    if not ops:
        return ((text.strip(), compile_expression(text, INT, symbols, has_target)),)
    pieces = [("+", text[: ops[0][0]])]
    for k, (pos, op) in enumerate(ops):
        end = ops[k + 1][0] if k + 1 < len(ops) else len(text)
        pieces.append((op, text[pos + 1 : end]))
    out = []
    for op, piece in pieces:
        piece = piece.strip()
        source = piece if op == "+" else f"0 - ({piece})"
        label = piece if op == "+" else f"-{piece}" if piece[:1].isdigit() else f"- {piece}"
        out.append((label, compile_expression(source, INT, symbols, has_target)))
    return tuple(out)
