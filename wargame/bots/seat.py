"""A bot in its seat: it answers offers, gives simultaneous orders, and decides on its own faction's view.

Bots see what their team would see (engine.observe.believed_values: exact
where visible, a band's midpoint, the start value where unknown) and think
on that; the decision they return is always legal in the real game.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from wargame import engine as E
from wargame.bots.model import model
from wargame.engine.deals import open_offers
from wargame.engine.observe import believed_values, order_options
from wargame.engine.parts import EMPTY, Answer, Deal, SubmitOrders
from wargame.engine.state import PendingKind
from wargame.scenario import Scenario

Think = Callable[[Scenario, E.GameState, str], tuple[E.Decision, str]]  # a level's chooser on a plain game


def choose_seated(scenario: Scenario, state: E.GameState, level: str, think: Think) -> tuple[E.Decision, str]:
    """The pending faction's decision by `think(scenario, state, level)`, seated: offers first, then
    orders or a move, each decided on the faction's own view."""
    p = state.pending
    if p is None:
        raise E.IllegalDecision("the game is over: nobody is to decide")
    offers = open_offers(state, p.faction) if p.kind is not PendingKind.CHOICE else ()
    if offers:
        return answer(scenario, state, offers[0], p.faction)
    if p.kind is PendingKind.ORDERS:
        if level == "random":
            return think(scenario, state, level)
        return orders(scenario, state, p.faction, level, think)
    if not scenario.has_hidden and not scenario.simultaneous:
        return think(scenario, state, level)
    masked = attrs.evolve(state, values=believed_values(scenario, state, p.faction))
    decision, why = think(_twin(scenario), masked, level)  # a hard bot's rollouts play on sequentially
    if decision in E.legal_decisions(scenario, state):
        return decision, why
    # what looked possible on the team's picture is not: the best of what is, valued on that picture
    from wargame.bots import evaluate

    best = evaluate.rank(scenario, masked, options=E.legal_decisions(scenario, state))[0]
    return best.decision, f"{evaluate.label(scenario, state, best.decision)}: the best of what the rules allow"


def answer(scenario: Scenario, state: E.GameState, deal: Deal, fid: str) -> tuple[Answer, str]:
    """Accept a deal when it raises the faction's standing on its own view (the move evaluation's utility)."""
    md = model(scenario)
    i = md.index[fid]
    v = list(believed_values(scenario, state, fid))
    before = md.utility(tuple(v), i)
    o = deal.offer
    for payer, payee, pairs in ((o.faction, o.to, o.give), (o.to, o.faction, o.get)):
        for meter, amount in pairs:
            for who, sign in ((payer, -1), (payee, 1)):
                slot = scenario.meter_slot(who, meter)
                lo, hi = scenario.slot_bounds[slot]
                v[slot] = min(max(v[slot] + sign * amount, lo), hi)
    gain = md.utility(tuple(v), i) - before
    accept = gain > 0
    verb = "accepts" if accept else "declines"
    return Answer(deal.id, accept), f"{verb} deal #{deal.id}: {gain:+.1f} to its standing"


def _sequential(scenario: Scenario) -> Scenario:
    return attrs.evolve(scenario, orders="sequential")


def _twin(scenario: Scenario) -> Scenario:
    """The scenario played sequentially: bots plan a faction's orders as if it acted alone."""
    return scenario.derived(_sequential)


def orders(scenario: Scenario, state: E.GameState, fid: str, level: str, think: Think) -> tuple[SubmitOrders, str]:
    """The faction's orders: its best action on its own view, then the next as if the first succeeded."""
    twin = _twin(scenario)
    k = scenario.order.index(fid)
    want = E.Pending(PendingKind.ACTION, fid)
    proxy = attrs.evolve(
        state,
        values=believed_values(scenario, state, fid),
        phase="actions",
        pending=want,
        actor=k,
        actions_taken=0,
        ex=EMPTY,
    )
    real = set(order_options(scenario, state, fid))
    acts: list[E.Act] = []
    reasons: list[str] = []
    for _ in range(scenario.faction(fid).actions_per_turn):
        decision, why = think(twin, proxy, level)
        if not isinstance(decision, E.Act):
            break
        act = E.Act(decision.action, decision.target)
        limit = scenario.action(act.action).per_turn
        if act in real and not (limit and sum(a.action == act.action for a in acts) >= limit):
            acts.append(act)
            reasons.append(why)
        proxy, _ = E.apply(twin, proxy, E.Act(act.action, act.target, "success", reason="planned"))
        if proxy.pending != want:
            break
    return SubmitOrders(fid, tuple(acts)), "; then ".join(reasons) or "nothing worth ordering"
