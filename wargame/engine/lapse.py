"""The end of a turn for deals and proposals: offers left unanswered and proposals left undecided lapse."""

from __future__ import annotations

import attrs

from wargame.engine import exevents as xe
from wargame.engine.events import Event
from wargame.engine.parts import Deal, Exercise, Proposal


def lapse(ex: Exercise, turn: int, events: list[Event]) -> Exercise:
    """The exercise part once the turn ends, each lapse logged in `events` (called by the upkeep, turn.py)."""
    if not has_open(ex):
        return ex
    deals: list[Deal] = []
    for deal in ex.deals:
        if deal.status == "open":
            deal = attrs.evolve(deal, status="lapsed")
            events.append(xe.DealLapsed(turn, deal.id, deal.offer.faction, deal.offer.to))
        deals.append(deal)
    proposals: list[Proposal] = []
    for p in ex.proposals:
        if p.status == "open":
            p = attrs.evolve(p, status="lapsed")
            events.append(xe.ProposalLapsed(turn, p.id, p.faction))
        proposals.append(p)
    return attrs.evolve(ex, deals=tuple(deals), proposals=tuple(proposals))


def has_open(ex: Exercise) -> bool:
    return any(d.status == "open" for d in ex.deals) or any(p.status == "open" for p in ex.proposals)
