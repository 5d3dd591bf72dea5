"""What one viewer may know of a game: hidden values masked, estimates as bands, private things left out.

`observe(scenario, state, viewer)` is the one place that decides it, for the
hot-seat TUI, the classroom server, the bots and the debrief alike. A viewer
is a faction id, FACILITATOR (everything) or PUBLIC (the projector: only
what every faction sees). A view never holds the dice or the generator, the
deck order, another faction's pending orders, or the terms of a deal the
viewer is not party to.

Bands. A value with `visible: {estimate: W}` is shown as the cell of a fixed
grid of width W that holds it: lo = off + floor((v - off) / W) * W, hi =
lo + W - 1, clamped to the value's bounds. The offset `off` (0..W-1) is drawn
once per game and value from the game's seed and the slot's name, never from
the game's generator. The band is a function of the value alone, so watching
it over any number of turns tells a viewer only which cell the value is in:
the leak is bounded by the band width (a viewer may notice the value crossing
a cell border, which is still only a cell).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from wargame.engine import events as ev
from wargame.engine import exevents as xe
from wargame.engine.legal import legal_for, tables
from wargame.engine.parts import FACILITATOR, PUBLIC, Answer, Deal, Proposal, SubmitOrders
from wargame.engine.state import Act, Decision, GameState, Outcome, Pending
from wargame.scenario.layout import NO_TARGET
from wargame.scenario.model import Expr, Scenario

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
    "score_band",
    "sight",
    "sights",
    "view_to_dict",
]


@attrs.frozen
class Value:
    """One value as the viewer sees it: exact (value), a band (lo..hi) or unknown (all None)."""

    slot: str
    label: str
    kind: str  # "exact", "band" or "unknown"
    value: int | None = None
    lo: int | None = None
    hi: int | None = None

    def text(self) -> str:
        if self.kind == "exact":
            return str(self.value)
        if self.kind == "band":
            return f"{self.lo}-{self.hi}"
        return "?"


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


# --- who sees what -------------------------------------------------------------------


SightRule = str | int  # "exact", "band", "unknown"; or the control slot: exact for the region's controller


@attrs.frozen
class Sights:
    """What a view needs that depends only on the scenario and the viewer, never on the state.

    Built once per scenario (`Scenario.derived`): every view used to make each
    value's label again and walk the visibility rules for each value.
    """

    listed: tuple[int, ...]  # the slots a view lists (see `_public_slots`)
    labels: tuple[str, ...]  # every slot's label (ev.slot_label), by slot number
    unknown: tuple[Value, ...]  # every slot as a Value no one may see, by slot number
    rules: dict[str, tuple[SightRule, ...]]  # per viewer (each faction, FACILITATOR, PUBLIC): per slot
    me: dict[str, int]  # a faction viewer's number: the controller value meaning "this viewer"
    score_reads: dict[str, tuple[int, ...]]  # per faction: the slots its score reads


def _rule(scenario: Scenario, slot: int, viewer: str) -> SightRule:
    """How `viewer` sees value slot `slot`, as far as the scenario alone says (see `sight`)."""
    if viewer == FACILITATOR:
        return "exact"
    owner, vis = scenario.slot_visibility[slot]
    kind = vis.kind
    if kind == "all":
        return "exact"
    if kind == "estimate":
        return "band"
    if viewer == PUBLIC:
        if kind == "list" and set(vis.factions) >= set(scenario.faction_index):
            return "exact"
        return "unknown"
    if kind == "list":
        return "exact" if viewer in vis.factions else "unknown"
    # own: the meter's faction, or the faction controlling the region
    if owner in scenario.faction_index:
        return "exact" if owner == viewer else "unknown"
    if viewer not in scenario.faction_index:
        return "unknown"  # no faction: it controls no region
    return scenario.slot_index[f"{owner}.control"]


def sights(scenario: Scenario) -> Sights:
    """The scenario's per-viewer tables, built on first use and kept with the scenario."""
    return scenario.derived(_build_sights)


def _build_sights(scenario: Scenario) -> Sights:
    slots = range(len(scenario.slot_names))
    labels = tuple(ev.slot_label(scenario, i) for i in slots)
    viewers = (*scenario.faction_index, FACILITATOR, PUBLIC)
    return Sights(
        listed=tuple(_public_slots(scenario)),
        labels=labels,
        unknown=tuple(Value(scenario.slot_names[i], labels[i], "unknown") for i in slots),
        rules={v: tuple(_rule(scenario, i, v) for i in slots) for v in viewers},
        me=dict(scenario.faction_index),
        score_reads={f.id: tuple(sorted(reads(scenario, f.score))) for f in scenario.factions},
    )


def sight(scenario: Scenario, values: Sequence[int], slot: int, viewer: str) -> str:
    """'exact', 'band' or 'unknown': how `viewer` sees value slot `slot` given the current values."""
    table = sights(scenario)
    rules = table.rules.get(viewer)
    rule = rules[slot] if rules is not None else _rule(scenario, slot, viewer)
    if isinstance(rule, str):
        return rule
    return "exact" if values[rule] == table.me[viewer] else "unknown"


@functools.lru_cache(maxsize=8192)
def _band_offset(seed: int, slot_name: str, width: int) -> int:
    """A value's band offset (0..width-1) in one game: a hash, the same each time it is asked for."""
    digest = hashlib.sha256(f"band:{seed}:{slot_name}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % width


def band(seed: int, slot_name: str, width: int, value: int, lo: int, hi: int) -> tuple[int, int]:
    """The grid cell of `width` holding `value`, its offset fixed per game and slot, clamped to lo..hi."""
    off = _band_offset(seed, slot_name, width)
    start = off + ((value - off) // width) * width
    return max(start, lo), min(start + width - 1, hi)


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
            lo, hi = scenario.slot_bounds[i]
            b_lo, b_hi = band(state.seed, names[i], scenario.slot_visibility[i][1].width, v[i], lo, hi)
            out.append(Value(names[i], table.labels[i], "band", None, b_lo, b_hi))
        else:
            out.append(table.unknown[i])
    return tuple(out)


def _public_slots(scenario: Scenario) -> range:
    """The slots a view lists: all but the turn (slot 0) and the hidden per-turn counters at the end."""
    last = len(scenario.slot_names)
    while last > 1 and scenario.slot_names[last - 1].startswith("uses:"):
        last -= 1
    return range(1, last)


def believed_values(scenario: Scenario, state: GameState, viewer: str) -> tuple[int, ...]:
    """The values as `viewer` may believe them: exact where seen, a band's midpoint, the start value
    where unknown. Bots decide on these, so they know nothing a team would not."""
    if not scenario.has_hidden or viewer == FACILITATOR:
        return state.values
    out = list(state.values)
    for slot in _public_slots(scenario):
        how = sight(scenario, state.values, slot, viewer)
        if how == "band":
            lo, hi = scenario.slot_bounds[slot]
            b_lo, b_hi = band(
                state.seed,
                scenario.slot_names[slot],
                scenario.slot_visibility[slot][1].width,
                state.values[slot],
                lo,
                hi,
            )
            out[slot] = (b_lo + b_hi) // 2
        elif how == "unknown":
            out[slot] = scenario.initial[slot]
    return tuple(out)


def reads(scenario: Scenario, expr: Expr | None) -> frozenset[int]:
    """Every slot `expr` may read, on any target (the compiler's declared reads)."""
    if expr is None:
        return frozenset()
    return expr.reads.at(scenario.layout, scenario.symbols.adjacency, NO_TARGET)


def _sees_all(scenario: Scenario, values: Sequence[int], viewer: str, slots: Iterable[int]) -> bool:
    return all(sight(scenario, values, i, viewer) == "exact" for i in slots)


BAND_POINTS = 4096  # a score reading more band combinations than this is shown as unknown


def score_band(scenario: Scenario, state: GameState, viewer: str, faction: str) -> tuple[int, int] | None:
    """The lowest and highest `faction`'s score can be given what `viewer` sees: every value it reads
    exact or inside its band (each combination tried, as scores need not be monotone). None if
    the score reads a value the viewer cannot see at all, or too many combinations."""
    f = scenario.faction(faction)
    v = state.values
    ranges: list[tuple[int, range]] = []
    for i in sorted(reads(scenario, f.score)):
        how = sight(scenario, v, i, viewer)
        if how == "unknown":
            return None
        if how == "band":
            lo, hi = scenario.slot_bounds[i]
            b = band(state.seed, scenario.slot_names[i], scenario.slot_visibility[i][1].width, v[i], lo, hi)
            ranges.append((i, range(b[0], b[1] + 1)))
    combos: list[list[int]] = [list(v)]
    for i, r in ranges:  # every combination of the banded values, the rest as they are
        combos = [[*c[:i], x, *c[i + 1 :]] for c in combos for x in r]
        if len(combos) > BAND_POINTS:
            return None
    seen = [f.score.fn(tuple(c), -1, -1) for c in combos]
    return min(seen), max(seen)


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
        if not _sees_all(scenario, state.values, viewer, reads(scenario, action.chance)):
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
        (f.id, f.score.fn(v, -1, -1) if _sees_all(scenario, v, viewer, score_reads[f.id]) else None)
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
