"""Deals between factions: offer, accept or decline, lapse at the end of the turn, promises marked later.

A deal moves `tradable` meters in either direction and records promises in
plain words with a due turn. It is accepted whole or not at all: when the
faction it was offered to accepts, both sides must still be able to pay
(no meter below its minimum), or nothing changes hands and the deal is
refused with the reason. Only the two parties (and the facilitator) see it.
"""

from __future__ import annotations

import attrs

from wargame.engine import events as ev
from wargame.engine import exevents as xe
from wargame.engine.parts import Answer, Commitment, Deal, MarkDeal, Offer
from wargame.engine.state import GameState, IllegalDecision, MalformedDecision, Values
from wargame.engine.turn import Turn
from wargame.scenario.model import Scenario

MAX_OPEN = 3  # open offers one faction may have out at once: enough to bargain, too few to flood a team
MAX_TEXT = 300
MAX_AMOUNT = 10**6


def _text(value: object, what: str) -> str:
    if type(value) is not str or len(value) > MAX_TEXT or "\n" in value:
        raise MalformedDecision(f"{what} must be one line of at most {MAX_TEXT} characters")
    return value


def _transfers(scenario: Scenario, fid: str, pairs: tuple[tuple[str, int], ...], what: str) -> None:
    if type(pairs) is not tuple:
        raise MalformedDecision(f"{what} is a tuple of (meter, amount) pairs")
    meters = {m.id: m for m in scenario.faction(fid).meters}
    for pair in pairs:
        if type(pair) is not tuple or len(pair) != 2 or type(pair[0]) is not str or type(pair[1]) is not int:
            raise MalformedDecision(f"{what}: {pair!r} is not a (meter, amount) pair")
        meter, amount = pair
        if meter not in meters:
            raise MalformedDecision(f"{what}: {fid} has no meter '{meter}'")
        if not meters[meter].tradable:
            raise MalformedDecision(f"{what}: {fid}'s '{meter}' is not tradable")
        if not 1 <= amount <= MAX_AMOUNT:
            raise MalformedDecision(f"{what}: an amount is 1..{MAX_AMOUNT}, not {amount}")
    if len({p[0] for p in pairs}) != len(pairs):
        raise MalformedDecision(f"{what} names a meter twice")


def check_offer(scenario: Scenario, d: Offer) -> None:
    """Everything about an offer that does not depend on the moment (MalformedDecision)."""
    for who in (d.faction, d.to):
        if type(who) is not str or who not in scenario.faction_index:
            raise MalformedDecision(f"unknown faction {who!r}")
    if d.faction == d.to:
        raise MalformedDecision("a faction cannot make a deal with itself")
    _transfers(scenario, d.faction, d.give, "give")
    _transfers(scenario, d.to, d.get, "get")
    for payee, pairs, what in ((d.to, d.give, "give"), (d.faction, d.get, "get")):
        theirs = {m.id for m in scenario.faction(payee).meters if m.tradable}
        for meter, _amount in pairs:
            if meter not in theirs:
                raise MalformedDecision(f"{what}: {payee} has no tradable '{meter}' to receive it")
    if type(d.promises) is not tuple or not all(type(c) is Commitment for c in d.promises):
        raise MalformedDecision("promises are a tuple of Commitment")
    for c in d.promises:
        if c.by not in (d.faction, d.to):
            raise MalformedDecision(f"a promise is made by one of the two parties, not {c.by!r}")
        if not _text(c.text, "a promise").strip():
            raise MalformedDecision("a promise cannot be empty")
        if type(c.due) is not int or c.fate or c.reason:
            raise MalformedDecision("a promise has a whole-number due turn and no fate yet")
    _text(d.note, "a deal's note")
    if not (d.give or d.get or d.promises):
        raise MalformedDecision("an empty deal: give, ask or promise something")


def terms(scenario: Scenario, d: Offer) -> str:
    """The deal in words: 'North gives 5 $M Treasury; South gives 2 Fuel; South promises ...'."""

    def side(fid: str, pairs: tuple[tuple[str, int], ...]) -> str:
        f = scenario.faction(fid)
        meters = {m.id: m for m in f.meters}
        items = ", ".join(f"{n}{(' ' + meters[m].unit) if meters[m].unit else ''} {meters[m].label}" for m, n in pairs)
        return f"{f.short} gives {items}"

    parts = []
    if d.give:
        parts.append(side(d.faction, d.give))
    if d.get:
        parts.append(side(d.to, d.get))
    for c in d.promises:
        parts.append(f"{scenario.faction(c.by).short} promises '{c.text}' by {scenario.calendar.label(c.due)}")
    if d.note:
        parts.append(f"({d.note})")
    return "; ".join(parts)


def _short(scenario: Scenario, values: Values, fid: str, pairs: tuple[tuple[str, int], ...]) -> str:
    """'' if `fid` can pay `pairs` from `values` without a meter going below its minimum, else why not."""
    for meter, amount in pairs:
        slot = scenario.meter_slot(fid, meter)
        lo = scenario.slot_bounds[slot][0]
        if values[slot] - amount < lo:
            m = next(x for x in scenario.faction(fid).meters if x.id == meter)
            return f"{scenario.faction(fid).short} cannot pay {amount} {m.label} (has {values[slot]}, minimum {lo})"
    return ""


def offer(scenario: Scenario, state: GameState, d: Offer) -> Turn:
    check_offer(scenario, d)
    if state.outcome is not None:
        raise IllegalDecision("the game is over")
    for c in d.promises:
        if not state.turn <= c.due <= scenario.turns:
            raise IllegalDecision(f"a promise is due between turn {state.turn} and {scenario.turns}, not {c.due}")
    short = _short(scenario, state.values, d.faction, d.give)
    if short:
        raise IllegalDecision(short)
    if sum(1 for x in state.ex.deals if x.status == "open" and x.offer.faction == d.faction) >= MAX_OPEN:
        raise IllegalDecision(f"{d.faction} already has {MAX_OPEN} offers waiting for an answer")
    work = Turn(scenario, state)
    ex = work.ex
    deal = Deal(len(ex.deals) + 1, work.turn, d, promises=d.promises)
    work.ex = attrs.evolve(ex, deals=(*ex.deals, deal))
    work.events.append(xe.DealOffered(work.turn, deal.id, d.faction, d.to, terms(scenario, d)))
    return work


def open_offers(state: GameState, fid: str) -> tuple[Deal, ...]:
    """The offers waiting for `fid`'s answer, oldest first: a faction answers them before it moves."""
    if not state.ex.deals:
        return ()
    return tuple(x for x in state.ex.deals if x.status == "open" and x.offer.to == fid)


def _find(state: GameState, deal_id: int) -> Deal:
    if type(deal_id) is not int:
        raise MalformedDecision(f"a deal is named by its number, not {deal_id!r}")
    deal = next((x for x in state.ex.deals if x.id == deal_id), None)
    if deal is None:
        raise IllegalDecision(f"there is no deal #{deal_id}")
    return deal


def _replace(work: Turn, deal: Deal) -> None:
    work.ex = attrs.evolve(work.ex, deals=tuple(deal if x.id == deal.id else x for x in work.ex.deals))


def answer(scenario: Scenario, state: GameState, d: Answer) -> Turn:
    if type(d.accept) is not bool:
        raise MalformedDecision("an answer accepts (true) or declines (false)")
    deal = _find(state, d.deal)
    if state.outcome is not None:
        raise IllegalDecision("the game is over")
    if deal.status != "open":
        raise IllegalDecision(f"deal #{deal.id} is {deal.status}, not open")
    o = deal.offer
    work = Turn(scenario, state)
    work.events.append(xe.DealAnswered(work.turn, deal.id, o.to, o.faction, d.accept))
    if not d.accept:
        _replace(work, attrs.evolve(deal, status="declined"))
        return work
    short = _short(scenario, state.values, o.faction, o.give) or _short(scenario, state.values, o.to, o.get)
    if short:
        _replace(work, attrs.evolve(deal, status="refused", reason=short))
        work.events.append(xe.DealRefused(work.turn, deal.id, o.to, o.faction, short))
        return work
    cause = ev.Cause.of(ev.CauseKind.DEAL, str(deal.id))
    for payer, payee, pairs in ((o.faction, o.to, o.give), (o.to, o.faction, o.get)):
        for meter, amount in pairs:
            _move(scenario, work, scenario.meter_slot(payer, meter), -amount, cause)
            _move(scenario, work, scenario.meter_slot(payee, meter), amount, cause)
    _replace(work, attrs.evolve(deal, status="accepted"))
    work.settle()
    return work


def _move(scenario: Scenario, work: Turn, slot: int, delta: int, cause: ev.Cause) -> None:
    """Change one meter, clamped to its bounds, with its Changed event (a payee may be at its maximum)."""
    v = work.mut()
    lo, hi = scenario.slot_bounds[slot]
    old, wanted = v[slot], v[slot] + delta
    v[slot] = min(max(wanted, lo), hi)
    work.events.append(ev.Changed(work.turn, scenario.slot_names[slot], old, v[slot], wanted, cause))


def mark(scenario: Scenario, state: GameState, d: MarkDeal) -> Turn:
    if type(d.commitment) is not int or type(d.kept) is not bool:
        raise MalformedDecision("a mark names a promise by number and says kept (true) or broken (false)")
    if type(d.reason) is not str or not d.reason.strip() or len(d.reason) > 10_000:
        raise MalformedDecision("marking a promise needs a reason")
    deal = _find(state, d.deal)
    if deal.status != "accepted":
        raise IllegalDecision(f"deal #{deal.id} was not accepted: it holds no promise to keep")
    if not 0 <= d.commitment < len(deal.promises):
        raise IllegalDecision(f"deal #{deal.id} has no promise {d.commitment}")
    c = deal.promises[d.commitment]
    if c.fate:
        raise IllegalDecision(f"that promise of deal #{deal.id} is already marked {c.fate}")
    work = Turn(scenario, state)
    marked = attrs.evolve(c, fate="kept" if d.kept else "broken", reason=d.reason)
    promises = tuple(marked if k == d.commitment else x for k, x in enumerate(deal.promises))
    _replace(work, attrs.evolve(deal, promises=promises))
    other = deal.offer.to if c.by == deal.offer.faction else deal.offer.faction
    work.events.append(xe.CommitmentMarked(work.turn, deal.id, c.by, c.text, d.kept, d.reason, other))
    return work
