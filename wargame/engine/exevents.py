"""Events of the exercise mechanics (orders, deals, proposals), their words, and who may see each."""

from __future__ import annotations

import attrs

from wargame.scenario.model import Scenario


@attrs.frozen
class OrdersSubmitted:
    """A faction's orders are in; what they say stays hidden until every faction's are."""

    turn: int
    faction: str


@attrs.frozen
class OrdersClosed:
    """The facilitator closed the orders phase; these factions' missing orders became passes."""

    turn: int
    factions: tuple[str, ...]
    reason: str


@attrs.frozen
class OrdersRevealed:
    turn: int
    faction: str
    actions: tuple[tuple[str, str | None], ...]  # (action id, target region id or None), in priority order
    intent: str


@attrs.frozen
class Skipped:
    """An ordered action that had become impossible when its moment came."""

    turn: int
    faction: str
    action: str
    target: str | None
    reason: str


@attrs.frozen
class DealOffered:
    turn: int
    deal: int
    faction: str
    to: str
    terms: str  # the terms in words; private to the two parties


@attrs.frozen
class DealAnswered:
    turn: int
    deal: int
    faction: str
    to: str  # the offerer
    accepted: bool


@attrs.frozen
class DealRefused:
    """An accepted deal that a side could no longer pay: nothing changed hands."""

    turn: int
    deal: int
    faction: str
    to: str
    reason: str


@attrs.frozen
class DealLapsed:
    turn: int
    deal: int
    faction: str
    to: str


@attrs.frozen
class CommitmentMarked:
    turn: int
    deal: int
    by: str
    text: str
    kept: bool
    reason: str
    other: str  # the other party of the deal


@attrs.frozen
class Proposed:
    turn: int
    proposal: int
    faction: str
    words: str


@attrs.frozen
class ProposalDecided:
    turn: int
    proposal: int
    faction: str
    words: str
    success: bool
    how: str  # "2d6 + 2 - 1 = 9 vs >= 7 (72%)" or "ruled by the facilitator: REASON"


@attrs.frozen
class ProposalLapsed:
    turn: int
    proposal: int
    faction: str


ExerciseEvent = (
    OrdersSubmitted
    | OrdersClosed
    | OrdersRevealed
    | Skipped
    | DealOffered
    | DealAnswered
    | DealRefused
    | DealLapsed
    | CommitmentMarked
    | Proposed
    | ProposalDecided
    | ProposalLapsed
)


def parties(event: object) -> tuple[str, ...] | None:
    """The factions that may see `event` (None: every faction). The facilitator sees all."""
    match event:
        case DealOffered() | DealAnswered() | DealRefused() | DealLapsed():
            return (event.faction, event.to)
        case CommitmentMarked():
            return (event.by, event.other)
        case Proposed() | ProposalLapsed():
            return (event.faction,)
    return None


def describe_exercise(event: object, s: Scenario) -> str | None:
    """One line of plain words for an exercise event; None for another kind of event."""

    def name(fid: str) -> str:
        return s.faction(fid).short if fid in s.faction_index else fid

    match event:
        case OrdersSubmitted(faction=f):
            return f"{name(f)} has submitted its orders"
        case OrdersClosed(factions=fs, reason=why):
            who = ", ".join(name(f) for f in fs) or "nobody"
            return f"Facilitator closes the orders ({why}); passing for {who}"
        case OrdersRevealed(faction=f, actions=acts, intent=intent):
            listed = "; ".join(s.action(a).name + (f" on {s.region(t).name}" if t else "") for a, t in acts)
            said = f" (intent: {intent})" if intent else ""
            return f"{name(f)} ordered: {listed or 'nothing'}{said}"
        case Skipped(faction=f, action=a, target=t, reason=why):
            on = f" on {s.region(t).name}" if t else ""
            return f"  {name(f)}: {s.action(a).name}{on} is skipped: {why}"
        case DealOffered(deal=d, faction=f, to=to, terms=terms):
            return f"{name(f)} offers {name(to)} deal #{d}: {terms}"
        case DealAnswered(deal=d, faction=f, accepted=ok):
            return f"{name(f)} {'accepts' if ok else 'declines'} deal #{d}"
        case DealRefused(deal=d, reason=why):
            return f"  deal #{d} cannot be carried out: {why}"
        case DealLapsed(deal=d, to=to):
            return f"Deal #{d} lapses: {name(to)} did not answer in time"
        case CommitmentMarked(deal=d, by=by, text=text, kept=kept, reason=why):
            return f"Facilitator: {name(by)} {'kept' if kept else 'broke'} its promise in deal #{d} ('{text}'): {why}"
        case Proposed(proposal=p, faction=f, words=w):
            return f"{name(f)} proposes (#{p}): {w}"
        case ProposalDecided(faction=f, words=w, success=ok, how=how):
            return f"Free-form: {name(f)}'s '{w}' {'succeeds' if ok else 'fails'} ({how})"
        case ProposalLapsed(proposal=p, faction=f):
            return f"{name(f)}'s proposal #{p} lapses: not adjudicated this turn"
    return None
