"""What one viewer may know of a game: hidden values masked, estimates as bands, private things left out.

`observe(scenario, state, viewer)` is the one place that decides it, for the
hot-seat TUI, the classroom server, the bots and the debrief alike. A viewer
is a faction id, FACILITATOR (everything) or PUBLIC (the projector: only
what every faction sees). A view never holds the dice or the generator, the
deck order, another faction's pending orders, or the terms of a deal the
viewer is not party to.

Who sees which value, and the bands of estimates, are sights.py's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from wargame.engine import events as ev
from wargame.engine import exevents as xe
from wargame.engine.legal import legal_for, tables
from wargame.engine.parts import FACILITATOR, PUBLIC, Answer, Deal, Proposal, SubmitOrders
from wargame.engine.sights import (
    Sights,
    Value,
    band,
    believed_values,
    reads,
    score_band,
    sees_all,
    sight,
    sights,
    slot_band,
)
from wargame.engine.state import Act, Decision, GameState, Outcome, Pending
from wargame.scenario.layout import NO_REGION, NO_TARGET
from wargame.scenario.model import Scenario

__all__ = [
    "FACILITATOR",
    "PUBLIC",
    "Sights",
    "Timer",
    "Value",
    "View",
    "awaiting",
    "band",
    "believed_values",
    "observe",
    "order_options",
    "reads",
    "score_band",
    "sight",
    "sights",
    "view_to_dict",
]


@attrs.frozen
class Timer:
    """The orders phase's countdown: the preset's seconds, whether it is strict, and what is left
    (`remaining` comes from the shell that owns the clock; None when it keeps none)."""

    seconds: int
    strict: bool
    remaining: float | None = None


@attrs.frozen
class View:
    viewer: str
    turn: int
    date: str
    phase: str
    pending: tuple[str, ...]  # what this viewer must do now: "action", "choice", "orders", "answer", "adjudicate"
    values: tuple[Value, ...]
    scores: tuple[tuple[str, int | None], ...]  # None: the score reads a value the viewer cannot see
    legal: tuple[Decision, ...]  # the decisions this viewer may take now that can be listed
    submitted: tuple[str, ...]  # factions whose orders are in this turn (public)
    awaiting: tuple[str, ...]  # factions whose orders are still due (public)
    my_orders: SubmitOrders | None
    deals: tuple[Deal, ...]  # deals the viewer is party to (the facilitator: all)
    offers: tuple[Deal, ...]  # open deals waiting for the viewer's answer
    proposals: tuple[Proposal, ...]  # its own, and every decided one (the facilitator: all)
    events: tuple[tuple[int, ev.Event], ...]  # (sequence number, event) since the `since` asked for
    timer: Timer | None
    outcome: Outcome | None

    def value(self, slot: str) -> Value:
        return next(v for v in self.values if v.slot == slot)


def _values(scenario: Scenario, state: GameState, viewer: str) -> tuple[Value, ...]:
    """Every listed value as `viewer` sees it (the labels and the unknowns from `sights`)."""
    table = sights(scenario)
    rules, v, names = table.rules[viewer], state.values, scenario.slot_names
    me = table.me.get(viewer, -1)
    out: list[Value] = []
    for i in table.listed:
        rule = rules[i]
        if rule == "exact" or (type(rule) is int and v[rule] == me):
            out.append(Value(names[i], table.labels[i], "exact", v[i]))
        elif rule == "band":
            out.append(Value(names[i], table.labels[i], "band", None, *slot_band(scenario, state, i)))
        else:
            out.append(table.unknown[i])
    return tuple(out)


# --- orders and decisions -------------------------------------------------------------


def awaiting(scenario: Scenario, state: GameState) -> tuple[str, ...]:
    """The factions whose orders are still due in this simultaneous turn, in `order`."""
    if state.phase != "orders":
        return ()
    return tuple(scenario.order[i] for i, o in enumerate(state.ex.orders) if o is None)


def order_options(scenario: Scenario, state: GameState, faction: str) -> tuple[Act, ...]:
    """The Acts `faction` may order now (checked again when its orders are resolved)."""
    t = tables(scenario)
    return tuple(d for d in legal_for(scenario, t, t.pending_action[faction], state.values) if isinstance(d, Act))


def _legal(scenario: Scenario, state: GameState, viewer: str, waiting: tuple[str, ...]) -> tuple[Decision, ...]:
    out: list[Decision] = []
    p = state.pending
    if p is not None and p.kind in ("action", "choice") and p.faction == viewer:
        out.extend(legal_for(scenario, tables(scenario), p, state.values))
    elif viewer in waiting and not any(d.status == "open" and d.offer.to == viewer for d in state.ex.deals):
        out.extend(SubmitOrders(viewer, (a,)) for a in order_options(scenario, state, viewer))
        out.append(SubmitOrders(viewer, ()))
    for d in state.ex.deals:
        if d.status == "open" and d.offer.to == viewer:
            out.extend((Answer(d.id, True), Answer(d.id, False)))
    return tuple(out)


def _pending(state: GameState, viewer: str, waiting: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    p: Pending | None = state.pending
    if p is not None and p.kind in ("action", "choice") and p.faction == viewer:
        out.append(p.kind)
    if viewer in waiting:
        out.append("orders")
    if any(d.status == "open" and d.offer.to == viewer for d in state.ex.deals):
        out.append("answer")
    if viewer == FACILITATOR and any(x.status == "open" for x in state.ex.proposals):
        out.append("adjudicate")
    return tuple(out)


# --- events --------------------------------------------------------------------------


def visible_event(scenario: Scenario, state: GameState, viewer: str, event: ev.Event) -> ev.Event | None:
    """The event as `viewer` may see it: itself, a copy without what it must not know, or None."""
    if viewer == FACILITATOR:
        return event
    who = xe.parties(event)
    if who is not None:
        return event if viewer in who else None
    if isinstance(event, ev.Changed):
        slot = scenario.slot_index.get(event.slot)
        if slot is None or sight(scenario, state.values, slot, viewer) != "exact":
            return None
        return event
    if isinstance(event, ev.Rolled) and event.dice == "d100":
        action = scenario.action(event.action)
        if not sees_all(scenario, state.values, viewer, reads(scenario, action.chance)):
            return attrs.evolve(event, chance=-1, roll=-1)  # the odds would tell a hidden value
    return event


# --- the view ------------------------------------------------------------------------


def observe(
    scenario: Scenario,
    state: GameState,
    viewer: str,
    events: Sequence[ev.Event] = (),
    since: int = 0,
    remaining: float | None = None,
) -> View:
    """What `viewer` may know now. `events` is the game's whole event log (their index is their
    sequence number); the view holds those from `since` on that the viewer may see. `remaining` is
    the orders timer's seconds left, from the shell that keeps the clock."""
    if viewer not in (FACILITATOR, PUBLIC) and viewer not in scenario.faction_index:
        raise ValueError(f"unknown viewer '{viewer}'")
    waiting = awaiting(scenario, state)
    v = state.values
    values = _values(scenario, state, viewer)
    score_reads = sights(scenario).score_reads
    scores = tuple(
        (f.id, f.score.fn(v, NO_TARGET, NO_REGION) if sees_all(scenario, v, viewer, score_reads[f.id]) else None)
        for f in scenario.factions
    )
    ex = state.ex
    everything = viewer == FACILITATOR
    mine = None
    if state.phase == "orders" and viewer in scenario.order:
        mine = ex.orders[scenario.order.index(viewer)]
    deals = tuple(d for d in ex.deals if everything or viewer in (d.offer.faction, d.offer.to))
    offers = tuple(d for d in deals if d.status == "open" and d.offer.to == viewer)
    proposals = tuple(
        p for p in ex.proposals if everything or p.faction == viewer or p.status in ("success", "failure")
    )
    shown: list[tuple[int, ev.Event]] = []
    for seq in range(max(since, 0), len(events)):
        e = visible_event(scenario, state, viewer, events[seq])
        if e is not None:
            shown.append((seq, e))
    session = scenario.session
    timer = Timer(session.timer, session.timer_strict, remaining) if session and session.timer else None
    submitted = (
        tuple(scenario.order[i] for i, o in enumerate(ex.orders) if o is not None)
        if waiting or (state.phase == "orders")
        else ()
    )
    return View(
        viewer=viewer,
        turn=state.turn,
        date=scenario.calendar.label(state.turn),
        phase=state.phase,
        pending=_pending(state, viewer, waiting),
        values=values,
        scores=scores,
        legal=_legal(scenario, state, viewer, waiting) if viewer != PUBLIC else (),
        submitted=submitted,
        awaiting=waiting,
        my_orders=mine,
        deals=deals,
        offers=offers,
        proposals=proposals,
        events=tuple(shown),
        timer=timer,
        outcome=state.outcome,
    )


def view_to_dict(view: View, scenario: Scenario) -> dict[str, Any]:
    """The view as plain JSON-able data (decisions through the codec, events with their words)."""
    from wargame.engine.codec import to_dict

    def plain(x: Any) -> dict[str, Any]:  # any attrs instance
        return attrs.asdict(
            x, recurse=True, value_serializer=lambda _i, _a, val: list(val) if isinstance(val, tuple) else val
        )

    return {
        "viewer": view.viewer,
        "turn": view.turn,
        "date": view.date,
        "phase": view.phase,
        "pending": list(view.pending),
        "values": [plain(x) for x in view.values],
        "scores": {fid: s for fid, s in view.scores},
        "legal": [to_dict(d) for d in view.legal],
        "submitted": list(view.submitted),
        "awaiting": list(view.awaiting),
        "my_orders": to_dict(view.my_orders) if view.my_orders is not None else None,
        "deals": [plain(d) for d in view.deals],
        "offers": [d.id for d in view.offers],
        "proposals": [plain(p) for p in view.proposals],
        "events": [
            {"seq": seq, "kind": type(e).__name__, "text": ev.describe(e, scenario), **plain(e)}
            for seq, e in view.events
        ],
        "timer": plain(view.timer) if view.timer else None,
        "outcome": plain(view.outcome) if view.outcome else None,
    }
