"""Compiles effect statements (assignments, `draw`, `log`, loops over regions) to small frozen records.

The engine's `run_statements` applies them with clamping and events; the
values they assign are expressions compiled by `compile.py`, so a statement
reads names exactly as a condition or a score does.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from wargame.scenario.expr.compile import BOOL, FACTION, INT, Compiler, Fn, Symbols
from wargame.scenario.expr.reads import NOTHING, Reads
from wargame.scenario.expr.source import constant, remember
from wargame.scenario.expr.syntax import Assign, Draw, ExprError, ForEach, Log, Name, parse_statement
from wargame.scenario.problems import did_you_mean


@attrs.frozen
class SetStmt:
    """`TARGET op VALUE`: the slot is fixed, or found from the target region at run time."""

    slot: int  # -1 when it depends on the target region
    attr: int  # attribute offset within a region (for target.X), else -1
    op: str
    value: Fn
    text: str
    is_control: bool
    per_region: bool = False  # inside a loop: slot -1 means the loop's region, not the target
    reads: Reads = NOTHING  # what the value reads (a += or -= reads the slot it changes too)


@attrs.frozen
class DrawStmt:
    card: str
    text: str


@attrs.frozen
class LogStmt:
    message: str
    text: str


@attrs.frozen
class ForEachStmt:
    """`for each region where COND: BODY`: BODY once per region (in file order) where COND holds now.

    The condition is checked for each region just before that region's turn,
    so a body that changes what the condition reads affects later regions.
    """

    where: Fn | None
    body: SetStmt
    text: str
    reads: Reads = NOTHING  # what the condition and the body read, in every region


Stmt = SetStmt | DrawStmt | LogStmt | ForEachStmt


def compile_statement(text: str, symbols: Symbols, has_target: bool = False) -> Stmt:
    """Compile one effect statement; the engine applies it with clamping and events."""
    node = parse_statement(text)
    if isinstance(node, Draw):
        if node.card not in symbols.cards:
            raise ExprError(node.card_pos, f"unknown card '{node.card}'{did_you_mean(node.card, symbols.cards)}")
        return DrawStmt(node.card, text)
    if isinstance(node, Log):
        return LogStmt(node.text, text)
    c = Compiler(symbols, has_target)
    if isinstance(node, ForEach):
        c.in_region_loop += 1
        where, reads = None, NOTHING
        if node.where is not None:
            cond = c.compile(node.where)
            c.need(cond, BOOL, node.where.pos, "the condition after 'where'")
            where, reads = c.flat(cond), cond.reads
        body = _assignment(c, node.body, text)
        return ForEachStmt(where, body, text, reads | body.reads | _written(symbols, body))
    return _assignment(c, node, text)


def _assignment(c: Compiler, node: Assign, text: str) -> SetStmt:
    """One `TARGET op VALUE`; inside a loop a bare attribute (`security -= 1`) is the loop's region's."""
    symbols = c.s
    target = node.target
    value = c.compile(node.value)
    per_region = False
    if isinstance(target, Name) and c.in_region_loop and (target.id in c.attr_index or target.id == "control"):
        n = target.id
        is_control = n == "control"
        slot, attr_off, per_region = -1, len(symbols.attributes) if is_control else c.attr_index[n], True
    elif isinstance(target, Name):
        n = target.id
        if n not in symbols.tracks:
            if n == "turn":
                raise ExprError(target.pos, "'turn' cannot be assigned; the engine advances it")
            names = list(symbols.tracks)
            what = "a faction" if n in c.faction_index else "a region" if n in c.region_index else None
            if what:
                raise ExprError(target.pos, f"'{n}' is {what}; assign one of its meters or attributes, e.g. {n}.X")
            if c.in_region_loop:
                names += [*symbols.attributes, "control"]
                raise ExprError(target.pos, f"unknown track or region attribute '{n}'{did_you_mean(n, names)}")
            raise ExprError(target.pos, f"unknown track '{n}'{did_you_mean(n, names)}")
        slot, attr_off, is_control = symbols.tracks[n], -1, False
    else:
        c.attr(target)  # resolves the name or raises with a located message
        obj, a = target.obj.id, target.attr
        is_control = a == "control"
        if obj in c.faction_index:
            slot, attr_off = symbols.meters[obj][a], -1
        else:
            offset = len(symbols.attributes) if is_control else c.attr_index[a]
            if obj == "target":
                slot, attr_off = -1, offset
            else:
                slot, attr_off = symbols.layout.region_slot(c.region_index[obj], offset), -1
    if is_control and value.type != FACTION:  # `control = isis` in a loop: the faction, not the attribute
        value = c.compile_faction(node.value)
    if is_control:
        if node.op != "=":
            raise ExprError(node.pos, "control is set with '=', e.g. sirte.control = gna")
        if value.type != FACTION:
            raise ExprError(node.value.pos, f"control takes a faction or 'none', but this is a {value.type}")
    else:
        c.need(value, INT, node.value.pos, "the value assigned")
    fn = c.flat(value)
    if value.is_const:
        k = value.number
        fn = remember(lambda v, t, r: k, constant(k), {})
    st = SetStmt(slot, attr_off, node.op, fn, text, is_control, per_region, value.reads)
    if node.op != "=" and not per_region:  # += and -= read the old value
        st = attrs.evolve(st, reads=st.reads | _written(symbols, st))
    return st


def _written(symbols: Symbols, st: SetStmt) -> Reads:
    """The slot an assignment writes, as a read set (a loop's body: that attribute in every region)."""
    if st.slot >= 0:
        return Reads(frozenset({st.slot}))
    if st.per_region:
        return Reads(frozenset(symbols.layout.column(st.attr)))
    return Reads(target=frozenset({st.attr}))


def writes(symbols: Symbols, stmts: Iterable[Stmt], t: int) -> frozenset[int]:
    """Every slot these statements may write when applied on target region t (any target when t < 0)."""
    lay = symbols.layout
    out: set[int] = set()
    for st in stmts:
        body = st.body if type(st) is ForEachStmt else st
        if type(body) is not SetStmt:
            continue
        if body.slot >= 0:
            out.add(body.slot)
        elif body.per_region or t < 0:
            out.update(lay.column(body.attr))
        else:
            out.add(lay.region_slot(t, body.attr))
    return frozenset(out)
