"""Simultaneous orders: collected in any order, hidden until all are in, then resolved in `order`.

With `orders: simultaneous` the actions phase becomes an orders phase. Every
faction in `order` that can act is awaited (the others pass at once, as in a
sequential turn); each submits `SubmitOrders` once: up to its
`actions_per_turn` actions in priority order, each legal when submitted. When
the last one is in, the orders are revealed together and resolved faction by
faction in `order`, each action checked again when its moment comes: one
that has become impossible is skipped with the reason. The submitted orders
are stored by position in `order`, never by arrival, and no die is rolled
before the resolution, so the result does not depend on who submitted first.
"""

from __future__ import annotations

from typing import Protocol

import attrs

from wargame.engine import events as ev
from wargame.engine import exevents as xe
from wargame.engine.legal import Tables, known_action, legal_for, tables, target_index, why_not
from wargame.engine.parts import Answer, CloseOrders, Exercise, SubmitOrders
from wargame.engine.rule import ActionRule
from wargame.engine.state import Act, GameState, IllegalDecision, MalformedDecision, Pending, PendingKind, Values
from wargame.scenario.model import Scenario


class Work(Protocol):
    """What the orders phase reads and changes of the decision being resolved: a turn.Turn
    (named by its shape, since turn.py imports this module)."""

    s: Scenario
    t: Tables
    phase: str
    events: list[ev.Event]
    ex: Exercise
    pending: Pending | None
    actor: int
    actions_taken: int

    @property
    def turn(self) -> int: ...

    def frozen_values(self) -> tuple[int, ...]: ...

    def take_action(self, rule: ActionRule, t: int, decision: Act) -> None: ...


NOTHING = SubmitOrders("", ())  # the orders of a faction with nothing it may do this turn: not awaited
MAX_INTENT = 300


def begin(work: Work) -> None:
    """Open the orders phase: a faction with nothing it can do passes now, the others are awaited."""
    s, t = work.s, work.t
    work.phase = "orders"
    work.events.append(ev.PhaseBegan(work.turn, "orders"))
    slots: list[SubmitOrders | None] = []
    for k, fid in enumerate(t.order):
        if t.apt[k] and len(legal_for(s, t, t.pending_action[fid], work.frozen_values())) > 1:
            slots.append(None)
        else:
            if t.by_faction[fid]:
                work.events.append(ev.Passed(work.turn, fid, True))
            slots.append(NOTHING)
    work.ex = _with_orders(work.ex, tuple(slots))


def advance(work: Work) -> None:
    """Await the first faction (in `order`) whose orders are not in, or resolve them all."""
    orders = work.ex.orders
    for k, o in enumerate(orders):
        if o is None:
            work.pending = Pending(PendingKind.ORDERS, work.t.order[k])
            return
    resolve(work)


def legal(scenario: Scenario, state: GameState) -> list[SubmitOrders | Answer]:
    """The listable orders of the pending faction: each one-action order, then the empty one (a pass).

    Orders of several actions are legal too (any sequence of listed actions up
    to `actions_per_turn`); there are too many to list.
    """
    assert state.pending is not None  # called while orders are awaited
    fid = state.pending.faction
    offers = [x.id for x in state.ex.deals if x.status == "open" and x.offer.to == fid]
    if offers:  # an offer is answered before the orders
        return [Answer(i, accept) for i in offers for accept in (True, False)]
    t = tables(scenario)
    acts = [d for d in legal_for(scenario, t, t.pending_action[fid], state.values) if isinstance(d, Act)]
    return [*(SubmitOrders(fid, (a,)) for a in acts), SubmitOrders(fid, ())]


def check(scenario: Scenario, state: GameState, d: SubmitOrders) -> int:
    """The position of the faction in `order`, or the reason the orders are refused."""
    if type(d.faction) is not str or d.faction not in scenario.faction_index:
        raise MalformedDecision(f"unknown faction {d.faction!r}")
    if type(d.actions) is not tuple or not all(type(a) is Act for a in d.actions):
        raise MalformedDecision("orders are a tuple of Act")
    if type(d.intent) is not str or len(d.intent) > MAX_INTENT or "\n" in d.intent:
        raise MalformedDecision(f"an intent is one line of at most {MAX_INTENT} characters")
    for a in d.actions:
        info = known_action(scenario, a)
        target_index(scenario, info, a)
        if a.ruling is not None or a.reason:
            raise MalformedDecision("ordered actions carry no ruling: the facilitator rules when they resolve")
        if info.action.faction != d.faction:
            raise MalformedDecision(f"'{a.action}' belongs to {info.action.faction}, not {d.faction}")
    if state.outcome is not None:
        raise IllegalDecision("the game is over")
    if state.phase != "orders":
        raise IllegalDecision("orders are not being collected now")
    if d.faction not in scenario.order:
        raise IllegalDecision(f"{d.faction} gives no orders (it is not in 'order')")
    k = scenario.order.index(d.faction)
    if state.ex.orders[k] is not None:
        raise IllegalDecision(
            f"{d.faction} has no orders due this turn"
            if state.ex.orders[k] is NOTHING
            else f"{d.faction} has already submitted its orders"
        )
    open_offer = next((x for x in state.ex.deals if x.status == "open" and x.offer.to == d.faction), None)
    if open_offer is not None:
        raise IllegalDecision(f"{d.faction} must answer deal #{open_offer.id} before its orders")
    most = scenario.faction(d.faction).actions_per_turn
    if len(d.actions) > most:
        raise IllegalDecision(f"{d.faction} may order at most {most} action(s) a turn, not {len(d.actions)}")
    t = tables(scenario)
    now = set(legal_for(scenario, t, t.pending_action[d.faction], state.values))
    for a in d.actions:
        if a not in now:
            action = scenario.action(a.action)
            why = why_not(scenario, state.values, action) or f"'{a.target}' is not a valid target"
            raise IllegalDecision(f"'{action.name}' cannot be ordered now: {why}")
        limit = scenario.action(a.action).per_turn
        if limit and sum(1 for b in d.actions if b.action == a.action) > limit:
            raise IllegalDecision(f"'{scenario.action(a.action).name}' may be ordered at most {limit} time(s)")
    return k


def submit(work: Work, k: int, d: SubmitOrders) -> None:
    slots = list(work.ex.orders)
    slots[k] = d
    work.ex = _with_orders(work.ex, tuple(slots))
    work.events.append(xe.OrdersSubmitted(work.turn, d.faction))
    work.pending = None


def close(work: Work, state: GameState, d: CloseOrders) -> None:
    """Facilitator: the factions still awaited pass (a strict timer ran out, or the room moved on)."""
    if state.phase != "orders":
        raise IllegalDecision("orders are not being collected now")
    late = tuple(work.t.order[k] for k, o in enumerate(work.ex.orders) if o is None)
    work.ex = _with_orders(
        work.ex, tuple(SubmitOrders(work.t.order[k], ()) if o is None else o for k, o in enumerate(work.ex.orders))
    )
    work.events.append(xe.OrdersClosed(work.turn, late, d.reason))
    work.pending = None


def resolve(work: Work) -> None:
    """Reveal every faction's orders, then take them in `order`, skipping what has become impossible."""
    s, turn, orders = work.s, work.turn, work.ex.orders
    for o in orders:
        if o is not None and o is not NOTHING:
            work.events.append(
                xe.OrdersRevealed(turn, o.faction, tuple((a.action, a.target) for a in o.actions), o.intent)
            )
    for o in orders:
        if o is None or o is NOTHING:
            continue
        for a in o.actions:
            info = work.t.actions[a.action]
            t = target_index(s, info, a)
            reason = _impossible(s, work.frozen_values(), info, t)
            if reason:
                work.events.append(xe.Skipped(turn, o.faction, a.action, a.target, reason))
            else:
                work.take_action(info, t, a)
        if not o.actions:
            work.events.append(ev.Passed(turn, o.faction, False))
    work.ex = _with_orders(work.ex, ())
    work.pending = None
    work.phase, work.actor, work.actions_taken = "actions", len(work.t.order), 0  # on to the upkeep


def _impossible(s: Scenario, v: Values, rule: ActionRule, t: int) -> str:
    """'' if the action may be taken now on target t, else why not (its rule's own words)."""
    if not rule.open(v):
        return rule.why(s, v)
    if not rule.target_ok(v, t):
        condition = rule.action.target_if.text if rule.action.target_if is not None else "its target condition"
        return f"{s.regions[t].name} no longer qualifies ({condition})"
    return ""


def _with_orders(ex: Exercise, orders: tuple[SubmitOrders | None, ...]) -> Exercise:
    return attrs.evolve(ex, orders=orders)
