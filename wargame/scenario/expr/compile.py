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
from wargame.scenario.expr.arith import HELPERS, binary_source, capped_mul, safe_floordiv, safe_mod
from wargame.scenario.expr.calls import Calls
from wargame.scenario.expr.functions import FUNCTIONS, check_table
from wargame.scenario.expr.parts import _C, BOOL, FACTION, INT, REGION, STR, _const
from wargame.scenario.expr.reads import NOTHING, Compiled, Fn, Reads
from wargame.scenario.expr.source import Source, constant, remember
from wargame.scenario.expr.symbols import Symbols
from wargame.scenario.expr.syntax import (
    Assign,
    Attr,
    Binary,
    Bool,
    ExprError,
    IfExp,
    Name,
    Node,
    Num,
    Str,
    Unary,
    parse_expression,
)
from wargame.scenario.layout import NO_REGION, NO_TARGET, NOBODY, TURN_SLOT
from wargame.scenario.problems import did_you_mean

__all__ = [
    "BOOL",
    "FACTION",
    "FUNCTIONS",
    "INT",
    "NO_REGION",
    "NO_TARGET",
    "REGION",
    "STR",
    "TURN_SLOT",
    "Compiled",
    "Compiler",
    "Fn",
    "Reads",
    "Symbols",
    "compile_expression",
    "split_terms",
]

NONE_FACTION = NOBODY


@functools.lru_cache(maxsize=16)
def _indexes(symbols: Symbols) -> tuple[dict[str, int], dict[str, int], dict[str, int], frozenset[str]]:
    """Name -> index maps of one scenario, built once rather than for each of its expressions."""
    return (
        {name: i for i, name in enumerate(symbols.regions)},
        {name: i for i, name in enumerate(symbols.factions)},
        {name: i for i, name in enumerate(symbols.attributes)},
        frozenset[str]().union(*symbols.tags) if symbols.tags else frozenset(),
    )


class Compiler(Calls):
    def __init__(self, symbols: Symbols, has_target: bool):
        self.s = symbols
        self.has_target = has_target
        self.in_region_loop = 0
        self.region_index, self.faction_index, self.attr_index, self.all_tags = _indexes(symbols)
        self.source = Source(HELPERS)

    def flat(self, c: _C) -> Fn:
        """The compiled expression as one generated function (source.py); its closure if it has no source."""
        return self.source.function(c)

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
            return _C(lambda v, t, r: v[0], INT, Reads(frozenset({TURN_SLOT})), slot=TURN_SLOT, src="v[0]")
        if n == "none":
            return _const(NONE_FACTION, FACTION)
        if n in s.tracks:
            slot = s.tracks[n]
            return _C(lambda v, t, r: v[slot], INT, Reads(frozenset({slot})), slot=slot, src=f"v[{slot}]")
        if n in self.faction_index and not (self.in_region_loop and n in self.attr_index):
            return _const(self.faction_index[n], FACTION)
        if n in self.region_index:
            return _const(self.region_index[n], REGION)
        if n == "region" and self.in_region_loop:
            return _C(lambda v, t, r: r, REGION, src="r")  # the region in hand: its number, no value read
        if n == "target":
            if not self.has_target:
                raise ExprError(node.pos, "'target' exists only in an action with 'target: region'")
            return _C(lambda v, t, r: t, REGION, region=NO_TARGET, src="t")
        if self.in_region_loop and (n in self.attr_index or n == "control"):
            lay = s.layout
            a = lay.offset(n)
            base, stride = lay.region_slot(0, a), lay.stride
            return _C(
                lambda v, t, r: v[base + r * stride],
                FACTION if n == "control" else INT,
                Reads(frozenset(lay.column(a))),
                rbase=base,
                src=f"v[{base} + r * {stride}]",
            )
        if n in self.attr_index or n == "control":
            raise ExprError(
                node.pos,
                f"'{n}' alone means a region's attribute only inside count(...) or sum(...); "
                f"elsewhere write REGION.{n}",
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
            return _C(lambda v, t, r: v[slot], INT, Reads(frozenset({slot})), slot=slot, src=f"v[{slot}]")
        if obj in self.region_index or obj == "target":
            if a != "control" and a not in self.attr_index:
                choices = [*s.attributes, "control"]
                raise ExprError(node.attr_pos, f"regions have no attribute '{a}'{did_you_mean(a, choices)}")
            lay = s.layout
            offset = lay.offset(a)
            type_ = FACTION if a == "control" else INT
            if obj == "target":
                if not self.has_target:
                    raise ExprError(node.pos, "'target' exists only in an action with 'target: region'")
                tb, stride = lay.region_slot(0, offset), lay.stride
                tsrc = f"v[{tb} + t * {stride}]"
                return _C(
                    lambda v, t, r: v[tb + t * stride], type_, Reads(target=frozenset({offset})), tbase=tb, src=tsrc
                )
            slot = lay.region_slot(self.region_index[obj], offset)
            return _C(lambda v, t, r: v[slot], type_, Reads(frozenset({slot})), slot=slot, src=f"v[{slot}]")
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

    def compile(self, node: Node) -> _C:
        method: Callable[[Node], _C] = getattr(self, "c_" + type(node).__name__)
        return method(node)

    def compile_faction(self, node: Node) -> _C:
        """Compile where a faction is expected: inside count(), a name that is both a
        faction and a region attribute (the draft's `isis`) means the faction here."""
        if isinstance(node, Name) and node.id in self.faction_index:
            return _const(self.faction_index[node.id], FACTION)
        return self.compile(node)

    def compile_pair(self, left: Node, right: Node) -> tuple[_C, _C]:
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
        k, stride = b.number, self.s.layout.stride
        if a.slot >= 0:
            return _C(fast.slot_vs_const(op, a.slot, k), BOOL, a.reads)
        if a.rbase >= 0:
            return _C(fast.region_vs_const(op, a.rbase, stride, k), BOOL, a.reads, conds=((op, a.rbase, k),))
        if a.tbase >= 0:
            return _C(fast.target_vs_const(op, a.tbase, stride, k), BOOL, a.reads)
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
            if x.table:  # `not has_tag(target, "sea")`: one lookup
                table = tuple(not y for y in x.table)
                src = f"{self.source.bind(table)}[t]"
                return _C(lambda v, t, r: table[t], BOOL, x.reads, table=table, src=src)
            return _C(lambda v, t, r: not f(v, t, r), BOOL, x.reads, src=f"(not {self.source.of(x)})")
        self.need(x, INT, node.operand.pos, "the operand of '-'")
        return _C(lambda v, t, r: -f(v, t, r), INT, x.reads, src=f"(-{self.source.of(x)})")

    def c_Binary(self, node: Binary) -> _C:
        if node.op in ("==", "!="):
            a, b = self.compile_pair(node.left, node.right)
        else:
            a, b = self.compile(node.left), self.compile(node.right)
        fa, fb, op = a.fn, b.fn, node.op
        reads = a.reads | b.reads
        src = binary_source(self.source, op, a, b)
        if op in ("and", "or"):
            self.need(a, BOOL, node.left.pos, f"each side of '{op}'")
            self.need(b, BOOL, node.right.pos, f"each side of '{op}'")
            fs = (a.chain if a.chain_op == op else (fa,)) + (b.chain if b.chain_op == op else (fb,))
            conds = a.conds + b.conds if op == "and" and a.conds and b.conds else ()
            fn = fast.all_of(fs) if op == "and" else fast.any_of(fs)
            return _C(fn, BOOL, reads, conds=conds, chain=fs, chain_op=op, src=src)
        if op in ("==", "!="):
            kinds = {a.type if a.type != BOOL else INT, b.type if b.type != BOOL else INT}
            if len(kinds) != 1 or STR in kinds:
                raise ExprError(node.pos, f"cannot compare a {a.type} with a {b.type}")
            fast_cmp = self.fast_compare(op, a, b)
            if fast_cmp is not None:
                return attrs.evolve(fast_cmp, src=src)
            if op == "==":
                return _C(lambda v, t, r: fa(v, t, r) == fb(v, t, r), BOOL, reads, src=src)
            return _C(lambda v, t, r: fa(v, t, r) != fb(v, t, r), BOOL, reads, src=src)
        self.need(a, INT, node.left.pos, f"each side of '{op}'")
        self.need(b, INT, node.right.pos, f"each side of '{op}'")
        if op in ("<", "<=", ">", ">="):
            fast_cmp = self.fast_compare(op, a, b)
            if fast_cmp is not None:
                return attrs.evolve(fast_cmp, src=src)
            table: dict[str, Fn] = {
                "<": lambda v, t, r: fa(v, t, r) < fb(v, t, r),
                "<=": lambda v, t, r: fa(v, t, r) <= fb(v, t, r),
                ">": lambda v, t, r: fa(v, t, r) > fb(v, t, r),
                ">=": lambda v, t, r: fa(v, t, r) >= fb(v, t, r),
            }
            return _C(table[op], BOOL, reads, src=src)
        if b.is_const and a.slot >= 0 and op in ("+", "-", "*"):
            return _C(fast.arith_slot_const(op, a.slot, b.number, False), INT, reads, src=src)
        if a.is_const and b.slot >= 0 and op in ("+", "-", "*"):
            return _C(fast.arith_slot_const(op, b.slot, a.number, True), INT, reads, src=src)
        if b.is_const and op in ("+", "-", "*"):
            k = b.number
            table = {
                "+": lambda v, t, r: fa(v, t, r) + k,
                "-": lambda v, t, r: fa(v, t, r) - k,
                "*": lambda v, t, r: capped_mul(fa(v, t, r), k),
            }
            return _C(table[op], INT, reads, src=src)
        if a.is_const and op == "*":
            k = a.number
            return _C(lambda v, t, r: capped_mul(k, fb(v, t, r)), INT, reads, src=src)
        table = {
            "+": lambda v, t, r: fa(v, t, r) + fb(v, t, r),
            "-": lambda v, t, r: fa(v, t, r) - fb(v, t, r),
            "*": lambda v, t, r: capped_mul(fa(v, t, r), fb(v, t, r)),
            "//": lambda v, t, r: safe_floordiv(fa(v, t, r), fb(v, t, r)),
            "%": lambda v, t, r: safe_mod(fa(v, t, r), fb(v, t, r)),
        }
        return _C(table[op], INT, reads, src=src)

    def c_IfExp(self, node: IfExp) -> _C:
        body, test, orelse = self.compile(node.body), self.compile(node.test), self.compile(node.orelse)
        self.need(test, BOOL, node.test.pos, "the condition after 'if'")
        tb = {body.type if body.type != BOOL else INT, orelse.type if orelse.type != BOOL else INT}
        if len(tb) != 1:
            raise ExprError(node.pos, f"both branches must be of one kind, not a {body.type} and a {orelse.type}")
        type_ = body.type if body.type == orelse.type else INT
        fb, ft, fo = body.fn, test.fn, orelse.fn
        reads = body.reads | test.reads | orelse.reads
        src = f"({self.source.of(body)} if {self.source.of(test)} else {self.source.of(orelse)})"
        return _C(lambda v, t, r: fb(v, t, r) if ft(v, t, r) else fo(v, t, r), type_, reads, src=src)

    def c_Assign(self, node: Assign) -> _C:  # pragma: no cover - statements go through compile_statement()
        raise ExprError(node.pos, "an assignment is not an expression")


def compile_expression(text: str, want: str, symbols: Symbols, has_target: bool = False) -> Compiled:
    """Compile `text` to a closure returning a value of kind `want` (INT or BOOL), with what it reads."""
    return compile_node(parse_expression(text), want, symbols, has_target)


def compile_node(node: Node, want: str, symbols: Symbols, has_target: bool = False) -> Compiled:
    """`compile_expression` of an already parsed expression (the engine explains conditions part by part)."""
    c = Compiler(symbols, has_target)
    result = c.compile(node)
    if want == BOOL and result.type != BOOL:
        hint = " (compare it, e.g. '... > 0')" if result.type == INT else ""
        raise ExprError(0, f"a condition must be true or false, but this is a {result.type}{hint}")
    if want == INT and result.type not in (INT, BOOL):
        raise ExprError(0, f"a number is needed here, but this is a {result.type}")
    if result.is_const:
        value = result.number if want == INT else bool(result.const)
        return Compiled(remember(lambda v, t, r: value, constant(value), {}), want, NOTHING)
    return Compiled(c.flat(result), want if want == BOOL else INT, result.reads)


def split_terms(text: str, symbols: Symbols, has_target: bool) -> tuple[tuple[str, Fn], ...]:
    """The top-level `+`/`-` terms of a valid number expression, each compiled on its own.

    They let the TUI show how odds were computed: "35 base, +10 air support, -10 ISIS".
    """
    from wargame.scenario.expr.syntax import Binary as B

    node = parse_expression(text)
    ops: list[tuple[int, str]] = []
    while isinstance(node, B) and node.op in ("+", "-"):
        ops.append((node.pos, node.op))
        node = node.left
    ops.reverse()
    if not ops:
        return ((text.strip(), compile_expression(text, INT, symbols, has_target).fn),)
    pieces = [("+", text[: ops[0][0]])]
    for k, (pos, op) in enumerate(ops):
        end = ops[k + 1][0] if k + 1 < len(ops) else len(text)
        pieces.append((op, text[pos + 1 : end]))
    out: list[tuple[str, Fn]] = []
    for op, piece in pieces:
        piece = piece.strip()
        source = piece if op == "+" else f"0 - ({piece})"
        label = piece if op == "+" else f"-{piece}" if piece[:1].isdigit() else f"- {piece}"
        out.append((label, compile_expression(source, INT, symbols, has_target).fn))
    return tuple(out)


check_table(Compiler)
