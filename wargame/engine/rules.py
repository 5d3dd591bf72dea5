"""The rules' public face: begin/new_game, legal_decisions, odds, apply, outcome, state_hash.

Pure functions over frozen GameStates: no I/O, no clock, no global random.
The turn sequence itself lives in turn.py, legality in legal.py, the
facilitator's decisions in facilitator.py.
"""

from __future__ import annotations

import hashlib
import operator
from itertools import repeat

from wargame.engine import events as ev
from wargame.engine import orders
from wargame.engine.deals import open_offers
from wargame.engine.effects import run_statements
from wargame.engine.facilitator import apply_facilitator
from wargame.engine.legal import (
    Tables,
    check_act,
    known_action,
    legal_for,
    tables,
    target_index,
    targets,
    why_not,
)
from wargame.engine.parts import EXERCISE_DECISIONS, Answer
from wargame.engine.rng import seed_state
from wargame.engine.rule import ARGUE_ODDS, Odds
from wargame.engine.state import (
    FACILITATOR,
    Act,
    Bookmark,
    Choose,
    Decision,
    GameState,
    IllegalDecision,
    InjectCard,
    MalformedDecision,
    Outcome,
    Override,
    Pass,
    Pending,
    PendingKind,
    Values,
)
from wargame.engine.turn import Turn
from wargame.scenario.layout import NO_REGION, NO_TARGET
from wargame.scenario.model import Action, Scenario

__all__ = [
    "ARGUE_ODDS",
    "Odds",
    "apply",
    "available_actions",
    "available_options",
    "begin",
    "legal_decisions",
    "new_game",
    "odds",
    "outcome",
    "pending",
    "run_statements",
    "scores",
    "state_hash",
    "targets",
    "why_not",
]

HASH_VERSION = "wargame-state-1"  # change it (and regenerate tests/golden) when the hash's input changes


# --- starting ------------------------------------------------------------------


def new_game(scenario: Scenario, seed: int | None = None, seats: dict[str, str] | None = None) -> GameState:
    """A new game at its first decision (turn 1's events already resolved)."""
    return begin(scenario, seed, seats)[0]


def begin(
    scenario: Scenario, seed: int | None = None, seats: dict[str, str] | None = None
) -> tuple[GameState, list[ev.Event]]:
    """`new_game`, with the events of turn 1 that were resolved before the first decision."""
    seed = scenario.seed if seed is None else operator.index(seed)
    state = GameState(
        values=scenario.initial,
        phase="events",
        pending=None,
        actor=0,
        actions_taken=0,
        deck=tuple(range(len(scenario.cards))),
        forced=(),
        discard=(),
        draws_left=scenario.cards_per_turn,
        fired=frozenset(),
        scheduled=(),
        delayed=(),
        rng=seed_state(seed),
        history=(scenario.initial,),
        outcome=None,
        step=0,
        seed=seed,
        seats=tuple(sorted((seats or {}).items())),
    )
    work = Turn(scenario, state)
    work.events.append(ev.TurnBegan(state.turn))  # a session preset may start later in the calendar
    work.begin_events_phase()
    work.advance()
    return work.freeze(0), work.events


# --- asking --------------------------------------------------------------------


def pending(state: GameState) -> Pending | None:
    """Which faction must decide what, or None when the game is over."""
    return state.pending


def outcome(state: GameState) -> Outcome | None:
    """How the game ended, or None while it goes on."""
    return state.outcome


def legal_decisions(scenario: Scenario, state: GameState) -> list[Decision]:
    """Every decision the pending faction may take now: Acts then Pass, or the open Choose options.

    Facilitator decisions are not listed: they are always open until the end.
    The list is a fresh copy; the Act objects in it are shared and immutable.
    """
    p = state.pending
    if p is None:
        return []
    if p.kind is PendingKind.ORDERS:
        return list(orders.legal(scenario, state))
    if state.ex.deals and p.kind is PendingKind.ACTION and open_offers(state, p.faction):  # answered before a move
        return [Answer(d.id, ok) for d in open_offers(state, p.faction) for ok in (True, False)]
    return list(legal_for(scenario, tables(scenario), p, state.values))


def available_actions(scenario: Scenario, state: GameState, faction: str) -> list[tuple[Action, str]]:
    """Each action of `faction` with '' if it can be taken now, else the reason it cannot (its rule's `why`)."""
    v = state.values
    return [(r.action, r.why(scenario, v)) for r in tables(scenario).by_faction[faction]]


def available_options(scenario: Scenario, state: GameState, card: str) -> list[tuple[object, str]]:
    """Each option of `card`'s choice with '' if it can be picked now, else the reason it cannot."""
    v = state.values
    return [(o.option, o.why(scenario, v)) for o in tables(scenario).options[card]]


def odds(scenario: Scenario, state: GameState, decision: Decision) -> Odds:
    """The chance that `decision` succeeds, computed before it is taken, with its terms.

    These are exactly the odds the roll will use: they are computed from the
    values before the action's cost is paid.
    """
    if not isinstance(decision, Act):
        return Odds(100, (), False)
    rule = known_action(scenario, decision)
    t = target_index(scenario, rule, decision)
    return rule.odds(state.values, t, decision.ruling, decision.pro, decision.con)


def scores(scenario: Scenario, values: Values) -> dict[str, int]:
    """Every faction's victory score for these values."""
    return {f.id: f.score.fn(values, NO_TARGET, NO_REGION) for f in scenario.factions}


# --- deciding ------------------------------------------------------------------


def apply(scenario: Scenario, state: GameState, decision: Decision) -> tuple[GameState, list[ev.Event]]:
    """Take `decision`; returns the next state (at the next decision) and the events on the way.

    Raises MalformedDecision when the decision makes no sense for this scenario
    (checked first, whatever the moment), IllegalDecision when it is well formed
    but not allowed now. The given state is never changed.
    """
    kind = type(decision)
    if type(decision) is Act:
        tab = tables(scenario)
        if _listed(tab, state, decision):  # the very object the legal list for this state holds: checked then
            _open(scenario, state, PendingKind.ACTION)  # (unless a deal now waits for an answer)
            info, t = tab.act_of[id(decision)]
        else:
            info = known_action(scenario, decision)
            t = target_index(scenario, info, decision)
            p = _open(scenario, state, PendingKind.ACTION)
            if info.action.faction != p.faction:
                raise IllegalDecision(f"'{info.action.id}' belongs to {info.action.faction}, but {p.faction} is to act")
            check_act(scenario, state.values, info, t, decision)
        work = Turn(scenario, state, tab)
        work.take_action(info, t, decision)
    elif type(decision) is Pass:
        p = _open(scenario, state, PendingKind.ACTION)
        work = Turn(scenario, state)
        work.events.append(ev.Passed(work.turn, p.faction, False))
        work.next_actor()
    elif type(decision) is Choose:
        if type(decision.option) is not int:
            raise MalformedDecision(f"an option is a whole number, not {decision.option!r}")
        p = _open(scenario, state, PendingKind.CHOICE)
        assert p.card is not None  # a choice is always on a card
        card = scenario.card(p.card)
        assert card.choice is not None
        if not 0 <= decision.option < len(card.choice.options):
            raise MalformedDecision(f"card '{card.id}' has no option {decision.option}")
        option = tables(scenario).options[card.id][decision.option]
        if not option.open(state.values):
            raise IllegalDecision(f"option '{option.option.label}' {option.why(scenario, state.values)}")
        work = Turn(scenario, state)
        work.events.append(ev.Chose(work.turn, p.faction, card.id, decision.option))
        work.run(option.effects, NO_TARGET, ev.Cause.of(ev.CauseKind.CHOICE, card.id))
        work.pending = None
    elif isinstance(decision, (Override, InjectCard, Bookmark)) and kind in FACILITATOR:
        return apply_facilitator(scenario, state, decision)
    elif isinstance(decision, EXERCISE_DECISIONS) and kind in EXERCISE_DECISIONS:  # orders, deals...: exapply.py
        from wargame.engine.exapply import apply_exercise

        return apply_exercise(scenario, state, decision)
    else:
        raise MalformedDecision(f"not a decision: {decision!r}")
    work.advance()
    return work.freeze(state.step + 1), work.events


def _listed(t: Tables, state: GameState, decision: Act) -> bool:
    """Whether `decision` is the very object the last legal list for this state's values and pending holds
    (the list `legal_decisions` handed out): it is well formed, its faction's, and it passed every check
    of `check_act` then, on these values."""
    last = t.last
    return (
        last[0] is state.values
        and last[1] is state.pending
        and state.pending is not None
        and state.pending.kind is PendingKind.ACTION
        and any(map(operator.is_, last[2], repeat(decision)))
    )


def _open(scenario: Scenario, state: GameState, kind: PendingKind) -> Pending:
    """The pending decision if it is of `kind`, else IllegalDecision saying what is awaited."""
    p = state.pending
    if p is None:
        raise IllegalDecision("the game is over")
    if state.ex.deals and kind is PendingKind.ACTION and open_offers(state, p.faction):
        raise IllegalDecision(f"{p.faction} must answer deal #{open_offers(state, p.faction)[0].id} first")
    if p.kind is not kind:
        if p.kind is PendingKind.CHOICE and p.card is not None:
            raise IllegalDecision(f"{p.faction} must answer '{scenario.card(p.card).title}' first")
        if p.kind is PendingKind.ORDERS:
            raise IllegalDecision("this turn's actions are given as orders (SubmitOrders)")
        raise IllegalDecision(f"no card choice is open: {p.faction} is to act")
    return p


# --- checking ------------------------------------------------------------------


def state_hash(state: GameState) -> str:
    """A digest of everything that decides the rest of the game (not the seats).

    Built from plain ints, strings, None and tuples, whose repr Python keeps
    stable, so the digest does not depend on the process, PYTHONHASHSEED or
    the attrs version.
    """
    p, o = state.pending, state.outcome
    parts = (
        HASH_VERSION,
        state.values,
        state.phase,
        p and (p.kind.value, p.faction, p.card),
        state.actor,
        state.actions_taken,
        state.deck,
        state.forced,
        state.discard,
        state.draws_left,
        tuple(sorted(state.fired)),
        tuple((x.turn, x.card) for x in state.scheduled),
        tuple((d.due, d.faction, d.action, d.target, d.success) for d in state.delayed),
        state.rng,
        state.history,
        o and (o.winner, o.reason.value, o.turn, o.scores, o.margin, o.tied),
        state.step,
        *state.ex.hash_parts(),
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]
