"""The facilitator's decisions: Override, InjectCard and Bookmark, applied like any other decision.

They go through `apply`, land in the decision log and the event stream, and
replay exactly, so a debrief can show what the facilitator changed and why.
"""

from __future__ import annotations

from wargame.engine import events as ev
from wargame.engine.state import (
    Bookmark,
    GameState,
    IllegalDecision,
    InjectCard,
    MalformedDecision,
    Override,
    PendingKind,
    Scheduled,
)
from wargame.engine.turn import Turn
from wargame.scenario.expr.statements import Stmt, compile_statement
from wargame.scenario.expr.syntax import ExprError
from wargame.scenario.layout import NO_TARGET
from wargame.scenario.model import Scenario

MAX_TEXT = 10_000  # a statement, reason or note longer than this is not something a person typed


def _text(value: object, what: str, required: bool = True) -> str:
    if type(value) is not str or len(value) > MAX_TEXT:
        raise MalformedDecision(f"{what} must be text of at most {MAX_TEXT} characters")
    if required and not value.strip():
        raise MalformedDecision(f"{what} cannot be empty")
    return value


def check(scenario: Scenario, decision: Override | InjectCard | Bookmark) -> Stmt | None:
    """Everything about a facilitator decision that does not depend on the game's moment.

    Returns the compiled statement for an Override (None otherwise).
    """
    if isinstance(decision, Bookmark):
        _text(decision.note, "a bookmark's note")
        return None
    _text(decision.reason, "a facilitator act's reason")
    if isinstance(decision, Override):
        _text(decision.statement, "an override's statement")
        try:
            return compile_statement(decision.statement, scenario.symbols, False)
        except ExprError as exc:
            raise MalformedDecision(f"'{decision.statement}': {exc.message}") from None
        except RecursionError:
            raise MalformedDecision(f"'{decision.statement[:40]}...' is nested too deeply") from None
    if type(decision.card) is not str or decision.card not in scenario.card_index:
        raise MalformedDecision(f"unknown card '{decision.card}'")
    if decision.turn is not None and type(decision.turn) is not int:
        raise MalformedDecision(f"an inject's turn is a whole number, not {decision.turn!r}")
    return None


def apply_facilitator(
    scenario: Scenario, state: GameState, decision: Override | InjectCard | Bookmark
) -> tuple[GameState, list[ev.Event]]:
    stmt = check(scenario, decision)
    work = Turn(scenario, state)
    turn = work.turn
    if isinstance(decision, Bookmark):  # allowed after the end too: notes for the debrief
        work.events.append(ev.Bookmarked(turn, decision.note))
        return work.freeze(state.step + 1), work.events
    if state.outcome is not None:
        raise IllegalDecision("the game is over")
    if isinstance(decision, Override):
        work.events.append(ev.Overridden(turn, decision.statement, decision.reason))
        assert stmt is not None  # check() compiled it
        work.run((stmt,), NO_TARGET, ev.OVERRIDE)
    else:  # InjectCard
        index = scenario.card_index[decision.card]
        if decision.turn is not None:
            if not turn < decision.turn <= scenario.turns:
                raise IllegalDecision(
                    f"turn {decision.turn} is not a later turn of this game (now {turn}, last {scenario.turns})"
                )
            work.events.append(ev.Injected(turn, decision.card, decision.reason, decision.turn))
            work.scheduled = (*work.scheduled, Scheduled(decision.turn, index))
            return work.freeze(state.step + 1), work.events
        if state.pending is not None and state.pending.kind is PendingKind.CHOICE and state.pending.card:
            raise IllegalDecision(f"answer '{scenario.card(state.pending.card).title}' first")
        work.events.append(ev.Injected(turn, decision.card, decision.reason, None))
        work.pending = None
        work.forced_list().insert(0, index)
        work.draw()
    work.settle()
    return work.freeze(state.step + 1), work.events
