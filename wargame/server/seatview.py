"""What one seat may see of the game, as JSON: the only thing the server ever sends a client.

Built on the engine's `observe`, which decides what a faction, the
facilitator or the projector may know (hidden values masked, estimates as
bands, another team's orders and private deals left out). This module only
adds what a client needs to show it: a label, odds and a reason beside each
decision it may send, who is at the table, and the values at the start of
each turn when none of them is hidden from the viewer.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import cast

import attrs

from wargame import engine as E
from wargame.engine import events as ev
from wargame.engine import exevents as xe
from wargame.engine.codec import to_dict
from wargame.engine.observe import (
    FACILITATOR,
    PUBLIC,
    Value,
    observe,
    reads,
    sight,
    sights,
    view_to_dict,
    visible_event,
)
from wargame.engine.parts import Answer, SubmitOrders
from wargame.scenario.model import Scenario

__all__ = [
    "FACILITATOR",
    "PUBLIC",
    "event_from_json",
    "event_json",
    "seat_view",
    "sent_entry",
    "sight",
    "visible_event",
]

EVENT_TYPES = {  # the sequential game's events and the exercise's (orders, deals, proposals)
    cls.__name__: cls
    for module in (ev, xe)
    for cls in (getattr(module, name) for name in dir(module))
    if isinstance(cls, type) and attrs.has(cls) and cls.__module__ == module.__name__
}


def hidden_slots(scenario: Scenario) -> frozenset[int]:
    """Value slots no player ever sees: the counters behind per-turn limits (never logged either)."""
    return frozenset(a.uses_slot for a in scenario.actions if a.per_turn and a.uses_slot >= 0)


def sees_all(scenario: Scenario, values, viewer: str, slots) -> bool:
    """Whether `viewer` sees every slot in `slots` exactly (None, an unsure analysis: no)."""
    return slots is not None and all(sight(scenario, values, i, viewer) == "exact" for i in slots)


def event_json(event, scenario: Scenario) -> dict:
    """An event as a plain dict: its type, its fields and the sentence the log shows."""
    d = {"type": type(event).__name__, **attrs.asdict(event, recurse=False)}
    d["text"] = E.describe(event, scenario)
    return d


def event_from_json(d: dict):
    """Rebuild an engine event from `event_json` (clients use it; unknown types are refused)."""
    cls = EVENT_TYPES.get(str(d.get("type"))) if isinstance(d, dict) else None
    if cls is None:
        raise ValueError(f"not an event: {d!r}"[:200])
    return cls(**{a.name: d.get(a.name) for a in attrs.fields(cls)})


def _reason(scenario: Scenario, state: E.GameState, viewer: str, why: str, expr) -> str:
    """Why something cannot be done, unless saying it would quote a value the viewer cannot see."""
    if not why or not scenario.has_hidden or sees_all(scenario, state.values, viewer, reads(scenario, expr)):
        return why
    return "not possible now"


def _odds(scenario: Scenario, state: E.GameState, viewer: str, act: E.Act) -> dict:
    action = scenario.action(act.action)
    if not sees_all(scenario, state.values, viewer, reads(scenario, action.chance)):
        return {"odds": None, "terms": []}  # the odds would tell a hidden value
    odds = E.odds(scenario, state, act)
    return {"odds": odds.percent if odds.rolled else None, "terms": [[t, n] for t, n in odds.terms]}


def _act_label(scenario: Scenario, act: E.Act) -> str:
    action = scenario.action(act.action)
    return action.name if act.target is None else f"{action.name}: {scenario.region(act.target).name}"


def legal_json(scenario: Scenario, state: E.GameState, viewer: str, legal) -> list[dict]:
    """The viewer's decisions, each ready to send back, with its label, odds, and why one cannot be taken."""
    out: list[dict] = []
    p = state.pending
    mine = p is not None and p.faction == viewer and not state.over
    for d in legal:
        out.append(_legal_item(scenario, state, viewer, d))
    if p is None or not mine:
        return out
    if p.kind == "action":  # what cannot be done now, and why
        offered = {d.action for d in legal if isinstance(d, E.Act)}
        for action, why in E.available_actions(scenario, state, p.faction):
            if action.id in offered:
                continue
            out.append(
                {
                    "decision": None if action.targeted else to_dict(E.Act(action.id)),
                    "action": action.id,
                    "label": action.name,
                    "legal": False,
                    "reason": _reason(scenario, state, viewer, why, action.requires) or "no valid target now",
                }
            )
    elif p.kind == "choice" and p.card is not None:
        for i, (option, why) in enumerate(E.available_options(scenario, state, p.card)):
            if why:
                out.append(
                    {
                        "decision": to_dict(E.Choose(i)),
                        "label": getattr(option, "label", ""),
                        "legal": False,
                        "reason": _reason(scenario, state, viewer, why, getattr(option, "requires", None)),
                    }
                )
    return out


def _legal_item(scenario: Scenario, state: E.GameState, viewer: str, d: object) -> dict:
    """One legal decision as the view lists it: the form to send back, and a label a team can read."""
    item: dict = {"decision": to_dict(cast(E.Decision, d)), "legal": True, "reason": ""}
    p = state.pending
    if isinstance(d, E.Act):
        item.update(label=_act_label(scenario, d), **_odds(scenario, state, viewer, d))
    elif isinstance(d, E.Pass):
        item["label"] = "Pass (end this turn's actions)"
    elif isinstance(d, E.Choose) and p is not None and p.card is not None:
        choice = scenario.card(p.card).choice
        item["label"] = choice.options[d.option].label if choice is not None else f"Option {d.option + 1}"
    elif isinstance(d, SubmitOrders):
        item["label"] = "Order: " + (", ".join(_act_label(scenario, a) for a in d.actions) or "nothing this turn")
    elif isinstance(d, Answer):
        item["label"] = f"{'Accept' if d.accept else 'Decline'} deal {d.deal}"
    else:
        item["label"] = type(d).__name__
    return item


OPEN_KINDS = ("act", "pass", "choose")  # a sequential move: its events tell every seat what it was


def sent_entry(scenario: Scenario, state: E.GameState, viewer: str, entry: dict) -> dict:
    """A decision of the log as `viewer` may read it.

    Orders, offers, answers and proposals are a team's own (and a deal's its two
    parties'); the facilitator's acts may quote what a team may not see. Others
    get `{"hidden": true}` in their place, so the log keeps its numbering. A bot's
    reason may quote its own team's hidden values: it goes only to the facilitator
    when the scenario hides anything.
    """
    if viewer == FACILITATOR:
        return dict(entry)
    if any(k in entry for k in OPEN_KINDS):
        return {k: v for k, v in entry.items() if k != "why"} if scenario.has_hidden else dict(entry)
    if "answer" in entry:
        deal = next((d for d in state.ex.deals if d.id == entry["answer"]), None)
        parties: tuple[object, ...] = () if deal is None else (deal.offer.faction, deal.offer.to)
    else:
        parties = tuple(entry.get(k) for k in ("orders", "offer", "to", "propose") if k in entry)
    return dict(entry) if viewer in parties else {"hidden": True}


def value_json(x: Value) -> dict:
    """One of the view's values as view_to_dict writes it (tests/server check the two agree)."""
    return {"slot": x.slot, "label": x.label, "kind": x.kind, "value": x.value, "lo": x.lo, "hi": x.hi}


def _value_texts(scenario: Scenario) -> dict[str, tuple[str, str, str]]:
    """Per value (by slot name): its JSON up to its number when exact, up to its band when banded,
    and whole when unknown. Only the numbers change from view to view."""
    out = {}
    for x in sights(scenario).unknown:
        head = f'{{"slot": {json.dumps(x.slot)}, "label": {json.dumps(x.label)}, "kind": '
        out[x.slot] = (f'{head}"exact", "value": ', f'{head}"band", "value": null, "lo": ', json.dumps(value_json(x)))
    return out


def values_text(scenario: Scenario, values: Sequence[Value]) -> str:
    """json.dumps([value_json(x) for x in values]), from each value's text made once per scenario."""
    texts = scenario.derived(_value_texts)
    parts: list[str] = []
    for x in values:
        exact, banded, unknown = texts[x.slot]
        if x.kind == "exact":
            parts.append(f'{exact}{x.value}, "lo": null, "hi": null}}')
        elif x.kind == "band":
            parts.append(f'{banded}{x.lo}, "hi": {x.hi}}}')
        else:
            parts.append(unknown)
    return f"[{', '.join(parts)}]"


def seat_view_text(scenario: Scenario, state: E.GameState, viewer: str) -> tuple[dict, str]:
    """`seat_view` and its JSON text without the countdown and the closing brace (the server adds
    the events, the log and the countdown). The values, most of the text, are written from their
    texts made once per scenario rather than encoded again for each view."""
    d, values = _seat_view(scenario, state, viewer)
    keys = [k for k in d if k != "timer"]
    at = keys.index("values")
    head = json.dumps({k: d[k] for k in keys[:at]})[1:-1]
    tail = json.dumps({k: d[k] for k in keys[at + 1 :]})[1:-1]
    return d, "{" + ", ".join(p for p in (head, f'"values": {values_text(scenario, values)}', tail) if p)


def seat_view(scenario: Scenario, state: E.GameState, viewer: str, remaining: float | None = None) -> dict:
    """`viewer`'s picture of `state` (a faction id, FACILITATOR or PUBLIC), without its events."""
    return _seat_view(scenario, state, viewer, remaining)[0]


def _seat_view(
    scenario: Scenario, state: E.GameState, viewer: str, remaining: float | None = None
) -> tuple[dict, tuple[Value, ...]]:
    view = observe(scenario, state, viewer, remaining=remaining)
    # the values written directly: attrs.asdict on each of a hundred-odd values was half the cost of a view
    d = view_to_dict(attrs.evolve(view, values=(), events=()), scenario)
    d["values"] = [value_json(x) for x in view.values]
    del d["events"]  # the room adds them, each filtered once for this viewer
    p = state.pending
    d["legal"] = legal_json(scenario, state, viewer, view.legal) if viewer != PUBLIC else []
    d["yours"] = bool(view.pending) or (viewer == FACILITATOR and not state.over)
    d["moment"] = None if p is None else {"kind": p.kind, "faction": p.faction, "card": p.card}
    d["scenario"] = {"id": scenario.id, "title": scenario.title}
    d["turns"], d["step"] = scenario.turns, state.step
    d["actor"], d["actions_taken"] = state.actor, state.actions_taken
    d["seats"] = dict(state.seats)
    everything = viewer == FACILITATOR or not scenario.has_hidden
    hidden = hidden_slots(scenario)
    d["history"] = [[v for i, v in enumerate(h) if i not in hidden] for h in state.history] if everything else []
    return d, view.values
