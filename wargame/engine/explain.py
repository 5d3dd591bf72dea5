"""Conditions in the players' words: 'requires U.S. air strikes at 0 (now 3)', never ids or raw expressions.

Only the parts of a condition that fail are named: a `requires` of three
conditions joined by `and` says which one stands in the way, with the values
it reads now. Runs only when a reason is shown, never on the rules' hot path.
"""

from __future__ import annotations

from functools import lru_cache

from wargame.engine.events import slot_label
from wargame.engine.state import Values
from wargame.scenario.expr import syntax as x
from wargame.scenario.expr.compile import BOOL, Compiled, compile_node
from wargame.scenario.layout import NO_REGION, TURN_SLOT, SlotKind
from wargame.scenario.model import Expr, Scenario

COMPARE = {"==": "at", "!=": "not at", "<": "below", "<=": "at most", ">": "above", ">=": "at least"}
FACTION_COMPARE = {"==": "is", "!=": "is not"}
MAX_NOW = 3  # "(now ...)" lists the values read when there are at most this many


def unmet(scenario: Scenario, expr: Expr, values: Values, t: int = -1) -> str:
    """'requires X at 0 (now 3)': the failing parts of a condition in words, with what they read now."""
    parts = _conjuncts(scenario, expr.text, t >= 0)
    if parts is None:  # cannot happen for a loaded scenario; the author's text is still the truth
        return f"requires {expr.text}"
    failing = [(node, c) for node, c in parts if not c.fn(values, t, NO_REGION)] or parts
    return "requires " + " and ".join(_with_now(scenario, node, c, values, t) for node, c in failing)


def words(scenario: Scenario, text: str) -> str:
    """A whole expression in words (labels for names, words for comparisons)."""
    try:
        return _Words(scenario).say(x.parse_expression(text))
    except (x.ExprError, RecursionError):
        return text


def slot_value(scenario: Scenario, slot: int, value: int) -> str:
    """A slot's value as players read it: a number, or the short name of a controlling faction."""
    if scenario.layout.kind(slot) is SlotKind.CONTROL:
        return "nobody" if value < 0 else scenario.factions[value].short
    return str(value)


def slot_words(scenario: Scenario, slot: int) -> str:
    """'G.N.A. Treasury', 'U.S. air strikes', 'Sirte ISIS presence', 'Sirte control', 'the turn'."""
    return "the turn" if slot == TURN_SLOT else slot_label(scenario, slot)


def _with_now(scenario: Scenario, node: x.Node, c: Compiled, values: Values, t: int) -> str:
    said = _Words(scenario).say(node)
    slots = sorted(c.reads.at(scenario.layout, scenario.symbols.adjacency, t))
    if not slots or len(slots) > MAX_NOW:
        return said
    if len(slots) == 1:
        return f"{said} (now {slot_value(scenario, slots[0], values[slots[0]])})"
    now = ", ".join(f"{slot_words(scenario, i)} {slot_value(scenario, i, values[i])}" for i in slots)
    return f"{said} (now {now})"


def _conjuncts(scenario: Scenario, text: str, has_target: bool) -> list[tuple[x.Node, Compiled]] | None:
    return _split(scenario, text, has_target)


@lru_cache(maxsize=4096)
def _split(scenario: Scenario, text: str, has_target: bool) -> list[tuple[x.Node, Compiled]] | None:
    """The top-level `and` parts of a condition, each compiled on its own; None if it does not compile."""
    try:
        node = x.parse_expression(text)
        nodes: list[x.Node] = []
        while isinstance(node, x.Binary) and node.op == "and":
            nodes.append(node.right)
            node = node.left
        nodes.append(node)
        return [(n, compile_node(n, BOOL, scenario.symbols, has_target)) for n in reversed(nodes)]
    except (x.ExprError, RecursionError):
        return None


class _Words:
    """Renders an expression's syntax tree with the scenario's labels."""

    def __init__(self, scenario: Scenario):
        self.s = scenario

    def say(self, node: x.Node) -> str:
        said: str = getattr(self, "w_" + type(node).__name__)(node)
        return said

    def is_faction(self, node: x.Node) -> bool:
        s = self.s
        if isinstance(node, x.Name):
            return node.id in s.faction_index or node.id in ("none", "control")
        return isinstance(node, x.Attr) and node.attr == "control"

    def w_Num(self, node: x.Num) -> str:
        return str(node.value)

    def w_Bool(self, node: x.Bool) -> str:
        return "true" if node.value else "false"

    def w_Str(self, node: x.Str) -> str:
        return f'"{node.value}"'

    def w_Name(self, node: x.Name) -> str:
        s, n = self.s, node.id
        if n == "turn":
            return "the turn"
        if n == "none":
            return "nobody"
        if n == "target":
            return "the target"
        if n == "region":
            return "the region"
        if n in s.layout.tracks:
            return slot_words(s, s.layout.tracks[n])
        if n in s.faction_index:
            return s.faction(n).short
        if n in s.region_index:
            return s.region(n).name
        if n == "control":
            return "its controller"
        attr = next((a for a in s.attributes if a.id == n), None)
        return attr.label if attr else n

    def w_Attr(self, node: x.Attr) -> str:
        s, obj, a = self.s, node.obj.id, node.attr
        if obj in s.layout.meters and a in s.layout.meters[obj]:
            return slot_words(s, s.layout.meters[obj][a])
        owner = "the target" if obj == "target" else s.region(obj).name if obj in s.region_index else obj
        if a == "control":
            return f"{owner} control"
        attr = next((at for at in s.attributes if at.id == a), None)
        return f"{owner} {attr.label if attr else a}"

    def w_Unary(self, node: x.Unary) -> str:
        inner = self.say(node.operand)
        return f"not ({inner})" if node.op == "not" else f"-{inner}"

    def w_Binary(self, node: x.Binary) -> str:
        left, right = self.say(node.left), self.say(node.right)
        op = node.op
        if op in ("and", "or"):
            return f"{left} {op} {right}"
        if op in FACTION_COMPARE and (self.is_faction(node.left) or self.is_faction(node.right)):
            return f"{left} {FACTION_COMPARE[op]} {right}"
        if op in COMPARE:
            return f"{left} {COMPARE[op]} {right}"
        return f"{left} {op} {right}"

    def w_IfExp(self, node: x.IfExp) -> str:
        return f"{self.say(node.body)} if {self.say(node.test)} else {self.say(node.orelse)}"

    def w_Call(self, node: x.Call) -> str:
        args = [self.say(a) for a in node.args]
        f = node.func
        if f == "count" and len(args) == 1:
            return f"the number of regions where {args[0]}"
        if f == "sum" and len(args) == 1:
            return f"the total {args[0]} of every region"
        if f == "adjacent" and len(args) == 2:
            return f"{args[0]} borders a region {args[1]} controls"
        if f == "controls" and len(args) == 2:
            return f"{args[0]} controls {args[1]}"
        if f == "has_tag" and len(args) == 2:
            return f"{args[0]} is tagged {args[1]}"
        return f"{f}({', '.join(args)})"
