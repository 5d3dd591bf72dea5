"""Effect statements applied to a value list: the one place where a meter, track or region changes."""

from __future__ import annotations

from collections.abc import Sequence

from wargame.engine import events as ev
from wargame.engine.runner import runner
from wargame.scenario.expr.statements import DrawStmt, ForEachStmt, LogStmt, SetStmt, Stmt
from wargame.scenario.layout import NO_REGION
from wargame.scenario.model import Scenario


def run_statements(
    scenario: Scenario,
    v: list[int],
    stmts: Sequence[Stmt],
    t: int,
    cause: ev.Cause,
    events: list[ev.Event] | None,
    forced: list[int] | None,
) -> None:
    """Apply effect statements to the value list `v` in place, clamping every change.

    Shared by the rules and by bots previewing an outcome (events and forced None),
    so a preview can never disagree with what the rules will do. Every change
    that the rules make is reported as a `Changed` event (with the value wanted
    before clamping); a clamp that bites is reported even when nothing moved,
    except in upkeep, where "already at its minimum" every turn is noise.
    """
    if stmts:
        fn = runner(scenario, stmts)
        if fn is None:
            run_statements_loop(scenario, v, stmts, t, cause, events, forced)
        else:
            fn(v, t, cause, events, forced)


def run_statements_loop(
    scenario: Scenario,
    v: list[int],
    stmts: Sequence[Stmt],
    t: int,
    cause: ev.Cause,
    events: list[ev.Event] | None,
    forced: list[int] | None,
) -> None:
    """`run_statements` as a loop over the statements: what runner.py generates straight code for, used
    until a list has run often enough to earn it, and the reference the tests compare the functions with."""
    s, turn = scenario, v[0]
    bounds, base, stride = s.slot_bounds, s.layout.region_base, s.layout.stride
    for st in stmts:
        if type(st) is SetStmt:
            slot = st.slot if st.slot >= 0 else base + t * stride + st.attr
            value = st.value(v, t, NO_REGION)
            old = v[slot]
            op = st.op
            wanted = value if op == "=" else old + value if op == "+=" else old - value
            lo, hi = bounds[slot]
            new = lo if wanted < lo else hi if wanted > hi else wanted
            v[slot] = new
            if events is not None and (new != old or (wanted != new and cause != "upkeep")):
                events.append(ev.Changed(turn, s.slot_names[slot], old, new, wanted, cause))
        elif type(st) is DrawStmt:
            if forced is not None:
                forced.insert(0, s.card_index[st.card])
            if events is not None:
                events.append(ev.CardQueued(turn, st.card, cause))
        elif type(st) is LogStmt and events is not None:
            events.append(ev.Logged(turn, st.message, cause))
        elif type(st) is ForEachStmt:
            _for_each(s, v, st, t, cause, events)


def _for_each(
    s: Scenario, v: list[int], st: ForEachStmt, t: int, cause: ev.Cause, events: list[ev.Event] | None
) -> None:
    """The loop's assignment for each region, in file order, where its condition holds at that moment."""
    turn, bounds, base, stride = v[0], s.slot_bounds, s.layout.region_base, s.layout.stride
    where, body = st.where, st.body
    op, names = body.op, s.slot_names
    for r in range(len(s.regions)):
        if where is not None and not where(v, t, r):
            continue
        slot = body.slot if body.slot >= 0 else base + (r if body.per_region else t) * stride + body.attr
        value = body.value(v, t, r)
        old = v[slot]
        wanted = value if op == "=" else old + value if op == "+=" else old - value
        lo, hi = bounds[slot]
        new = lo if wanted < lo else hi if wanted > hi else wanted
        v[slot] = new
        if events is not None and (new != old or (wanted != new and cause != "upkeep")):
            events.append(ev.Changed(turn, names[slot], old, new, wanted, cause))
