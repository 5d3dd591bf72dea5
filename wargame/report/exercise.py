"""The debrief's exercise section: orders with intents, deals and their fate, free-form acts, and what
each team knew (its own view at the end) against the truth. Pure: from the scenario, replay and events."""

from __future__ import annotations

import attrs

from wargame import engine as E
from wargame.engine import exevents as xe
from wargame.engine.deals import terms
from wargame.engine.observe import observe
from wargame.scenario import Scenario


@attrs.frozen
class OrderLine:
    turn: int
    date: str
    faction: str  # short name
    actions: str  # "Seize a region on Port; Open talks", or "nothing"
    intent: str
    skipped: tuple[str, ...]  # "Open talks: needs 3 $M of Treasury (has 1)"


@attrs.frozen
class DealLine:
    id: int
    date: str
    parties: str  # "North -> South"
    terms: str
    fate: str  # "accepted", "declined", "lapsed", "refused: reason", "open"
    promises: tuple[str, ...]  # "South: 'no raid' by Aug 2016: broken (the raid of 12 July)"


@attrs.frozen
class ProposalLine:
    id: int
    date: str
    faction: str
    words: str
    effects: str
    arguments: str
    fate: str  # "success (2d6 rolled 9 with 2 for and 0 against ...)", "lapsed", "open"


@attrs.frozen
class KnewLine:
    faction: str
    value: str  # label
    seen: str  # "5-7" or "?"
    truth: int


@attrs.frozen
class ExerciseStory:
    orders: tuple[OrderLine, ...]
    deals: tuple[DealLine, ...]
    proposals: tuple[ProposalLine, ...]
    knew: tuple[KnewLine, ...]  # only the values a team did not see exactly, at the end of the game

    @property
    def empty(self) -> bool:
        return not (self.orders or self.deals or self.proposals or self.knew)


def exercise_story(s: Scenario, final: E.GameState, events: list) -> ExerciseStory:
    def short(fid: str) -> str:
        return s.faction(fid).short

    orders: list[OrderLine] = []
    skipped: dict[tuple[int, str], list[str]] = {}
    for e in events:
        if isinstance(e, xe.Skipped):
            name = s.action(e.action).name + (f" on {s.region(e.target).name}" if e.target else "")
            skipped.setdefault((e.turn, e.faction), []).append(f"{name}: {e.reason}")
    for e in events:
        if isinstance(e, xe.OrdersRevealed):
            acts = "; ".join(s.action(a).name + (f" on {s.region(t).name}" if t else "") for a, t in e.actions)
            orders.append(
                OrderLine(
                    e.turn,
                    s.calendar.label(e.turn),
                    short(e.faction),
                    acts or "nothing",
                    e.intent,
                    tuple(skipped.get((e.turn, e.faction), ())),
                )
            )
    deals = []
    for d in final.ex.deals:
        o = d.offer
        fate = f"refused: {d.reason}" if d.status == "refused" else d.status
        promises = tuple(
            f"{short(c.by)}: '{c.text}' by {s.calendar.label(c.due)}: "
            + (f"{c.fate} ({c.reason})" if c.fate else "not marked")
            for c in d.promises
        )
        deals.append(
            DealLine(
                d.id, s.calendar.label(d.turn), f"{short(o.faction)} -> {short(o.to)}", terms(s, o), fate, promises
            )
        )
    how = {e.proposal: e.how for e in events if isinstance(e, xe.ProposalDecided)}
    proposals = [
        ProposalLine(
            p.id,
            s.calendar.label(p.turn),
            short(p.faction),
            p.words,
            "; ".join(p.effects),
            p.arguments,
            f"{p.status} ({how[p.id]})" if p.id in how else p.status,
        )
        for p in final.ex.proposals
    ]
    knew = []
    if s.has_hidden:
        for f in s.factions:
            if not f.playable:
                continue
            view = observe(s, final, f.id)
            for v in view.values:
                if v.kind != "exact":
                    knew.append(KnewLine(f.short, v.label, v.text(), final.values[s.slot_index[v.slot]]))
    return ExerciseStory(tuple(orders), tuple(deals), tuple(proposals), tuple(knew))
