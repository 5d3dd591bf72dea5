"""What one seat may see of the game, as JSON: the only thing the server ever sends a client.

This is the server's own minimal per-seat view, written while the engine had no
`observe` of its own. It masks what the rules keep from players (the random
generator, the deck and its order, the hidden counters of per-turn limits) and
gives everything else, because today's scenarios have no other hidden values.
When the engine gains `observe(scenario, state, viewer)`, `seat_view` builds on
it: everything the server sends comes through this one function.
"""

from __future__ import annotations

import attrs

from wargame import engine as E
from wargame.engine import events as ev
from wargame.engine.codec import to_dict
from wargame.scenario.model import Scenario

FACILITATOR = "facilitator"
PUBLIC = "public"  # the projector: what everyone in the room may see

EVENT_TYPES = {
    cls.__name__: cls
    for cls in (
        ev.TurnBegan,
        ev.PhaseBegan,
        ev.CardDrawn,
        ev.NoCard,
        ev.CardQueued,
        ev.Chose,
        ev.ChoiceSkipped,
        ev.ActionTaken,
        ev.Passed,
        ev.Rolled,
        ev.Ruled,
        ev.Changed,
        ev.Logged,
        ev.OutcomeScheduled,
        ev.OutcomeLanded,
        ev.Overridden,
        ev.Injected,
        ev.Bookmarked,
        ev.GameOver,
    )
}


def hidden_slots(scenario: Scenario) -> frozenset[int]:
    """Value slots no player sees: the counters behind per-turn limits (never logged either)."""
    return frozenset(a.uses_slot for a in scenario.actions if a.per_turn and a.uses_slot >= 0)


def visible_values(scenario: Scenario, values: tuple[int, ...]) -> dict[str, int]:
    hidden = hidden_slots(scenario)
    return {name: v for i, (name, v) in enumerate(zip(scenario.slot_names, values, strict=True)) if i not in hidden}


def event_json(event, scenario: Scenario) -> dict:
    """An event as a plain dict: its type, its fields and the sentence the log shows."""
    d = {"type": type(event).__name__, **attrs.asdict(event, recurse=False)}
    d["text"] = E.describe(event, scenario)
    return d


def event_from_json(d: dict):
    """Rebuild an engine event from `event_json` (clients use it; unknown types are refused)."""
    cls = EVENT_TYPES.get(d.get("type")) if isinstance(d, dict) else None
    if cls is None:
        raise ValueError(f"not an event: {d!r}"[:200])
    names = [a.name for a in attrs.fields(cls)]
    return cls(**{n: d.get(n) for n in names})


def _moment(scenario: Scenario, state: E.GameState, viewer: str) -> bool:
    """Whether `viewer` is the one to decide now (the facilitator may act at any moment)."""
    p = state.pending
    if viewer == FACILITATOR:
        return not state.over
    return p is not None and p.faction == viewer


def legal_json(scenario: Scenario, state: E.GameState) -> list[dict]:
    """The pending seat's decisions, each ready to send back, with its label, odds and why not."""
    p = state.pending
    if p is None:
        return []
    out = []
    if p.kind == "choice":
        card = scenario.card(p.card)
        for i, (option, why) in enumerate(E.available_options(scenario, state, p.card)):
            out.append(
                {
                    "decision": to_dict(E.Choose(i)),
                    "label": option.label,
                    "card": card.id,
                    "legal": not why,
                    "reason": why,
                }
            )
        return out
    legal = E.legal_decisions(scenario, state)
    by_action: dict[str, list[E.Act]] = {}
    for d in legal:
        if isinstance(d, E.Act):
            by_action.setdefault(d.action, []).append(d)
    for action, why in E.available_actions(scenario, state, p.faction):
        acts = by_action.get(action.id, [])
        if not acts:  # a targeted action with no target now has no decision to send back
            out.append(
                {
                    "decision": None if action.targeted else to_dict(E.Act(action.id)),
                    "action": action.id,
                    "label": action.name,
                    "legal": False,
                    "reason": why or "no valid target now",
                }
            )
            continue
        for act in acts:
            odds = E.odds(scenario, state, act)
            label = action.name if act.target is None else f"{action.name}: {scenario.region(act.target).name}"
            out.append(
                {
                    "decision": to_dict(act),
                    "label": label,
                    "legal": True,
                    "reason": "",
                    "odds": odds.percent if odds.rolled else None,
                    "terms": [[t, n] for t, n in odds.terms],
                }
            )
    out.append({"decision": to_dict(E.Pass()), "label": "Pass (end this turn's actions)", "legal": True, "reason": ""})
    return out


def seat_view(scenario: Scenario, state: E.GameState, viewer: str) -> dict:
    """`viewer`'s picture of `state` (a faction id, FACILITATOR or PUBLIC), without its events."""
    p = state.pending
    hidden = hidden_slots(scenario)
    yours = _moment(scenario, state, viewer)
    out = state.outcome
    return {
        "viewer": viewer,
        "scenario": {"id": scenario.id, "title": scenario.title},
        "turn": state.turn,
        "turns": scenario.turns,
        "turn_label": scenario.calendar.label(state.turn),
        "phase": state.phase,
        "step": state.step,
        "pending": None if p is None else {"kind": p.kind, "faction": p.faction, "card": p.card},
        "yours": yours,
        "legal": legal_json(scenario, state) if yours and p is not None and viewer != PUBLIC else [],
        "actions_taken": state.actions_taken,
        "actor": state.actor,
        "values": visible_values(scenario, state.values),
        "history": [[v for i, v in enumerate(h) if i not in hidden] for h in state.history],
        "scores": E.scores(scenario, state.values),
        "outcome": None
        if out is None
        else {
            "winner": out.winner,
            "reason": out.reason,
            "turn": out.turn,
            "scores": dict(out.scores),
            "margin": out.margin,
            "tied": list(out.tied),
        },
        "seats": dict(state.seats),
        "timer": None,  # no countdown in the rules yet; the field is kept so clients need not change
    }
