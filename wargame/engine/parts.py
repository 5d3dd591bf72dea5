"""The exercise's part of a game state (orders in, deals, proposals) and the decisions that change it.

Kept apart from state.py so the sequential game (every bundled scenario
before issue 13) carries one shared empty `Exercise` and hashes as before.
"""

from __future__ import annotations

import attrs

from wargame.engine.act import Act

FACILITATOR = "@facilitator"  # a viewer that sees everything
PUBLIC = "@public"  # the projector: only what every faction sees


# --- decisions -------------------------------------------------------------------


@attrs.frozen
class SubmitOrders:
    """A faction's orders for a simultaneous turn: its actions in priority order, and a one-line intent."""

    faction: str
    actions: tuple[Act, ...] = ()  # in priority order
    intent: str = ""


@attrs.frozen
class Commitment:
    """A promise in plain words by `by`, due by turn `due`; the facilitator later marks it kept or broken."""

    by: str
    text: str
    due: int
    fate: str = ""  # "", "kept" or "broken"
    reason: str = ""


@attrs.frozen
class Offer:
    """`faction` offers `to` a deal: meters it gives, meters it asks for, and promises from either side."""

    faction: str
    to: str
    give: tuple[tuple[str, int], ...] = ()  # the offerer's tradable meters paid to `to`
    get: tuple[tuple[str, int], ...] = ()  # `to`'s tradable meters paid to the offerer
    promises: tuple[Commitment, ...] = ()
    note: str = ""


@attrs.frozen
class Answer:
    """The faction a deal was offered to accepts or declines it."""

    deal: int
    accept: bool


@attrs.frozen
class MarkDeal:
    """Facilitator: mark commitment `commitment` (0-based) of deal `deal` kept or broken, with a reason."""

    deal: int
    commitment: int
    kept: bool
    reason: str


@attrs.frozen
class Propose:
    """A free-form proposal: the team's words, its intended effects as statements, its arguments."""

    faction: str
    words: str
    effects: tuple[str, ...]
    arguments: str = ""


@attrs.frozen
class Adjudicate:
    """Facilitator: decide proposal `proposal` by the dice with `pro`/`con` arguments counted ("argue"),
    or outright ("success"/"failure", with a reason)."""

    proposal: int
    ruling: str = "argue"
    pro: int = 0
    con: int = 0
    reason: str = ""


@attrs.frozen
class CloseOrders:
    """Facilitator: close this turn's orders now; factions whose orders are not in pass."""

    reason: str


EXERCISE_DECISIONS = (SubmitOrders, Offer, Answer, MarkDeal, Propose, Adjudicate, CloseOrders)


# --- state parts -------------------------------------------------------------------


@attrs.frozen
class Deal:
    """An offer and what became of it: open, accepted, declined, lapsed (unanswered) or refused (unpayable)."""

    id: int
    turn: int
    offer: Offer
    status: str = "open"
    reason: str = ""  # why it was refused
    promises: tuple[Commitment, ...] = ()  # the offer's promises, with their fates once marked


@attrs.frozen
class Proposal:
    """A free-form proposal and its fate: open, success, failure or lapsed."""

    id: int
    turn: int
    faction: str
    words: str
    effects: tuple[str, ...]
    arguments: str
    status: str = "open"
    pro: int = 0
    con: int = 0


@attrs.frozen
class Exercise:
    """Orders submitted this turn (by position in `order`; None: not yet), deals and proposals."""

    orders: tuple[SubmitOrders | None, ...] = ()
    deals: tuple[Deal, ...] = ()
    proposals: tuple[Proposal, ...] = ()  # deals and proposals are numbered from 1, each in its own series

    def hash_parts(self) -> tuple[object, ...]:
        """Plain tuples for state_hash; () when empty, so sequential games hash as they always did."""
        if self == EMPTY:
            return ()
        orders = tuple(
            None if o is None else (o.faction, tuple((a.action, a.target) for a in o.actions), o.intent)
            for o in self.orders
        )
        deals = tuple(
            (
                d.id,
                d.turn,
                d.status,
                d.reason,
                _offer(d.offer),
                tuple((c.by, c.text, c.due, c.fate, c.reason) for c in d.promises),
            )
            for d in self.deals
        )
        props = tuple(
            (p.id, p.turn, p.faction, p.words, p.effects, p.arguments, p.status, p.pro, p.con) for p in self.proposals
        )
        return (orders, deals, props)


def _offer(o: Offer) -> tuple[object, ...]:
    return (o.faction, o.to, o.give, o.get, tuple((c.by, c.text, c.due) for c in o.promises), o.note)


EMPTY = Exercise()
