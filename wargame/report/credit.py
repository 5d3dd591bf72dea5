"""Which moments moved each meter, and which kind of source (a team's actions, cards, upkeep, the facilitator)."""

from __future__ import annotations

from collections import Counter, defaultdict

from wargame.engine import events as ev
from wargame.report.model import Moment, Mover
from wargame.scenario.model import Scenario

MOVERS = 3  # the biggest single moves named for each meter


def source_label(s: Scenario, cause: str, moment: Moment) -> str:
    """Which kind of thing moved a value: a team's actions or choices, cards, upkeep, the facilitator."""
    c = ev.Cause(cause)
    kind, ident = c.kind, c.ident
    try:
        if kind in (ev.CauseKind.ACTION, ev.CauseKind.DELAYED):
            return f"{s.faction(s.action(ident).faction).short}'s actions"
        if kind is ev.CauseKind.CHOICE:
            choice = s.card(ident).choice
            return f"{s.faction(choice.faction).short}'s card choices" if choice else cause
    except KeyError:
        return cause
    if kind is ev.CauseKind.CARD:
        return "facilitator: injected cards" if moment.facilitator else "event cards"
    return "facilitator: overrides" if kind is ev.CauseKind.OVERRIDE else cause


Deltas = dict[str, Counter[int]]  # slot -> moment index -> its total change to the slot


def attribute(
    s: Scenario, moments: list[Moment], origin: dict[int, int]
) -> tuple[Deltas, dict[str, Counter[str]], dict[str, set[int]]]:
    """Each value change credited to its moment (a delayed result to the decision that rolled it)."""
    deltas: Deltas = defaultdict(Counter)
    sources: dict[str, Counter[str]] = defaultdict(Counter)
    later: dict[str, set[int]] = defaultdict(set)
    for m in moments:
        target = origin.get(m.index, m.index)
        for c in m.changes:
            if ev.is_control(s, c.slot):
                continue
            deltas[c.slot][target] += c.new - c.old
            sources[c.slot][source_label(s, c.cause, m)] += c.new - c.old
            if target != m.index:
                later[c.slot].add(target)
    return deltas, sources, later


def movers(moments: list[Moment], deltas: Counter[int], later: set[int]) -> tuple[Mover, ...]:
    """The moments that moved one meter most (upkeep left out: it is in the meter's sources)."""
    ranked = sorted(
        (i for i, d in deltas.items() if d and moments[i].kind != "upkeep"), key=lambda i: (-abs(deltas[i]), i)
    )
    return tuple(
        Mover(
            moments[i].step,
            moments[i].turn,
            moments[i].date,
            moments[i].text,
            moments[i].who,
            deltas[i],
            moments[i].facilitator,
            i in later,
        )
        for i in ranked[:MOVERS]
    )
