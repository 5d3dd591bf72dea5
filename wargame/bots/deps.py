"""Which value slots each score can read, so a preview rescores only the factions an effect touches.

The set is read from the expression's syntax tree and over-approximates: a
bare attribute inside count() counts every region's slot of it, adjacency
counts every controller slot, and anything not understood means "every
slot". Over-approximating only costs speed; it can never skip a real change.
"""

from __future__ import annotations

import attrs

from wargame.scenario import Scenario
from wargame.scenario.expr.syntax import Attr, Call, Name, parse_expression


class _All(Exception):
    """The expression reads something this walk does not model: depend on every slot."""


def score_deps(scenario: Scenario) -> list[frozenset[int] | None]:
    """For each faction, the slots its score may read (None: possibly any)."""
    return [expr_deps(scenario, f.score.text) for f in scenario.factions]


def expr_deps(scenario: Scenario, text: str | None, t: int = -1) -> frozenset[int] | None:
    """The slots an expression may read when evaluated on target region t (None: possibly any)."""
    if text is None:
        return frozenset()
    try:
        return frozenset(_walk(scenario, parse_expression(text), t))
    except _All:
        return None
    except Exception:  # a text the compiler accepted but this walk cannot parse: stay safe
        return None


def statement_slots(scenario: Scenario, stmts, t: int) -> frozenset[int] | None:
    """The slots effect statements may write when applied to target region t (None: unknown)."""
    sym = scenario.symbols
    slots = set()
    for st in stmts:
        body = getattr(st, "body", None)
        if body is not None:  # a loop: its assignment may write that slot of every region
            if body.slot >= 0:
                slots.add(body.slot)
            elif body.per_region:
                slots |= _region_slots(scenario, body.attr)
            elif t >= 0:
                slots.add(sym.region_base + t * sym.stride + body.attr)
            else:
                return None
            continue
        slot = getattr(st, "slot", None)
        if slot is None:
            continue  # draw and log statements change no value
        if slot >= 0:
            slots.add(slot)
        elif t >= 0:
            slots.add(sym.region_base + t * sym.stride + st.attr)
        else:
            return None
    return frozenset(slots)


def _region_slots(scenario: Scenario, offset: int) -> set[int]:
    sym = scenario.symbols
    return {sym.region_base + r * sym.stride + offset for r in range(len(sym.regions))}


def _walk(scenario: Scenario, node, t: int) -> set[int]:
    sym = scenario.symbols
    attrs_ = {a: k for k, a in enumerate(sym.attributes)}
    control = len(sym.attributes)
    if isinstance(node, Name):
        n = node.id
        out: set[int] = set()
        if n == "turn":
            out.add(0)
        elif n in sym.tracks:
            out.add(sym.tracks[n])
        elif n == "target" and t < 0:
            raise _All
        if n in attrs_:
            out |= _region_slots(scenario, attrs_[n])
        if n == "control":
            out |= _region_slots(scenario, control)
        if not out and n not in sym.factions and n not in sym.regions and n not in ("none", "target", "region"):
            raise _All
        return out
    if isinstance(node, Attr):
        obj, a = node.obj.id, node.attr
        if obj in sym.meters and a in sym.meters[obj]:
            return {sym.meters[obj][a]}
        offset = control if a == "control" else attrs_.get(a)
        if obj in sym.regions and offset is not None:
            return {sym.region_base + sym.regions.index(obj) * sym.stride + offset}
        if obj == "target" and t >= 0 and offset is not None:
            return {sym.region_base + t * sym.stride + offset}
        raise _All
    out = set()
    if isinstance(node, Call) and node.func in ("adjacent", "controls"):
        out |= _region_slots(scenario, control)
    if attrs.has(type(node)):
        for field in attrs.fields(type(node)):
            value = getattr(node, field.name)
            for child in value if isinstance(value, tuple) else (value,):
                if attrs.has(type(child)):
                    out |= _walk(scenario, child, t)
    return out
