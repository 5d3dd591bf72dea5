"""Applies the decisions of the exercise mechanics: orders, deals, free-form proposals."""

from __future__ import annotations

from wargame.engine import deals, freeform, orders
from wargame.engine.events import Event
from wargame.engine.parts import Adjudicate, Answer, CloseOrders, MarkDeal, Offer, Propose, SubmitOrders
from wargame.engine.state import ExerciseDecision, GameState
from wargame.engine.turn import Turn
from wargame.scenario.model import Scenario


def apply_exercise(scenario: Scenario, state: GameState, decision: ExerciseDecision) -> tuple[GameState, list[Event]]:
    """Like rules.apply for one of parts.EXERCISE_DECISIONS: malformed checks first, then legality."""
    if isinstance(decision, SubmitOrders):
        k = orders.check(scenario, state, decision)
        work = Turn(scenario, state)
        orders.submit(work, k, decision)
    elif isinstance(decision, CloseOrders):
        freeform.text(decision.reason, "the reason for closing the orders")
        work = Turn(scenario, state)
        orders.close(work, state, decision)
    elif isinstance(decision, Offer):
        work = deals.offer(scenario, state, decision)
    elif isinstance(decision, Answer):
        work = deals.answer(scenario, state, decision)
    elif isinstance(decision, MarkDeal):
        work = deals.mark(scenario, state, decision)
    elif isinstance(decision, Propose):
        work = freeform.propose(scenario, state, decision)
    else:
        assert isinstance(decision, Adjudicate)
        work = freeform.adjudicate(scenario, state, decision)
    work.advance()
    return work.freeze(state.step + 1), work.events
