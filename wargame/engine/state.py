"""The game state, decisions and outcome: frozen values that the rules turn into new ones."""

from __future__ import annotations

import enum
from typing import cast

import attrs

from wargame.engine.act import Act as Act  # defined apart so parts.py can name it without a cycle
from wargame.engine.parts import (
    EMPTY,
    Adjudicate,
    Answer,
    CloseOrders,
    Exercise,
    MarkDeal,
    Offer,
    Propose,
    SubmitOrders,
)
from wargame.scenario.expr.reads import Values as Values  # a state's tuple, or the list a decision changes


class _Word(enum.StrEnum):
    """A closed set of words: compares equal to its text, and shows as its text (in reprs, hashes, JSON)."""

    def __repr__(self) -> str:
        return repr(self.value)


class PendingKind(_Word):
    ACTION = "action"  # the faction picks an action (or passes)
    CHOICE = "choice"  # the faction answers a card's choice
    ORDERS = "orders"  # a simultaneous turn: the faction gives its orders (orders.py)


class EndReason(_Word):
    THRESHOLD = "threshold"  # a faction reached its victory threshold
    FINAL = "final"  # the last turn's upkeep ended


class DecisionError(ValueError):
    """Base of the two ways a decision can be refused."""


class MalformedDecision(DecisionError):
    """The decision does not make sense for this scenario (unknown action, bad statement)."""


class IllegalDecision(DecisionError):
    """The decision is well formed but not allowed now (not your turn, cannot afford, game over)."""


# --- decisions --------------------------------------------------------------


@attrs.frozen
class Pass:
    """End the acting faction's actions for this turn."""


@attrs.frozen
class Choose:
    """Pick option `option` (0-based, in the card's order) of the pending card choice."""

    option: int


@attrs.frozen
class Override:
    """Facilitator: apply one statement (`gna.treasury = 50`, `sirte.control = lna`) with a reason."""

    statement: str
    reason: str


@attrs.frozen
class InjectCard:
    """Facilitator: resolve a card now (turn None), or force it onto the deck on a later turn."""

    card: str
    reason: str
    turn: int | None = None


@attrs.frozen
class Bookmark:
    """Facilitator: mark this moment with a note for the debrief; changes nothing else."""

    note: str


SequentialDecision = Act | Pass | Choose | Override | InjectCard | Bookmark
ExerciseDecision = SubmitOrders | Offer | Answer | MarkDeal | Propose | Adjudicate | CloseOrders
Decision = SequentialDecision | ExerciseDecision  # what `apply` takes: the sequential game's and the exercise's
FACILITATOR = (Override, InjectCard, Bookmark)


# --- state ------------------------------------------------------------------


@attrs.frozen
class Pending:
    """Who must decide what: an action for `faction`, or its pick on `card`'s choice."""

    kind: PendingKind  # "orders": a simultaneous turn, the first faction (in order) whose orders are due
    faction: str
    card: str | None = None


@attrs.frozen
class Delayed:
    """A rolled outcome waiting to land in the upkeep of turn `due`."""

    due: int
    faction: str
    action: str
    target: int
    success: bool


@attrs.frozen
class Scheduled:
    """A card a facilitator forced onto the deck for turn `turn`."""

    turn: int
    card: int


@attrs.frozen
class Outcome:
    """How the game ended. `winner` is None for a draw (the tied factions in `tied`)."""

    winner: str | None
    reason: EndReason
    turn: int
    scores: tuple[tuple[str, int], ...]
    margin: int  # "final": lead over the runner-up; "threshold": points past it; a draw: 0
    tied: tuple[str, ...] = ()


@attrs.frozen(weakref_slot=False)  # no weak references: the layout `StateFields` copies (see `sealed`)
class GameState:
    """One moment of a game. Immutable: `apply` returns a new state sharing what did not change.

    `values` holds every number of the game in one flat tuple (slot 0 is the
    turn; the scenario's `slot_names` says what each slot is), so a decision
    copies one small tuple instead of nested objects.
    """

    values: tuple[int, ...]
    phase: str  # "events", "actions" or "over"
    pending: Pending | None
    actor: int  # index into the scenario's order during the action phase
    actions_taken: int
    deck: tuple[int, ...]  # card indices not yet drawn
    forced: tuple[int, ...]  # cards to draw first (injects, `draw`), in order
    discard: tuple[int, ...]  # cards drawn so far, in order
    draws_left: int
    fired: frozenset[int]  # scenario injects already fired
    scheduled: tuple[Scheduled, ...]
    delayed: tuple[Delayed, ...]
    rng: int
    history: tuple[tuple[int, ...], ...]  # values at the start of each turn
    outcome: Outcome | None
    step: int  # decisions applied so far
    seed: int
    seats: tuple[tuple[str, str], ...] = ()
    ex: Exercise = EMPTY  # orders in, deals, proposals (parts.py); EMPTY in a sequential game without them

    @property
    def turn(self) -> int:
        return self.values[0]

    @property
    def over(self) -> bool:
        return self.outcome is not None


class StateFields:
    """GameState's very layout (the same slots; CPython orders them by name) with a plain __init__: storing into
    slots directly costs a third of the frozen class's per-field `object.__setattr__` calls."""

    __slots__ = (
        "actions_taken",
        "actor",
        "deck",
        "delayed",
        "discard",
        "draws_left",
        "ex",
        "fired",
        "forced",
        "history",
        "outcome",
        "pending",
        "phase",
        "rng",
        "scheduled",
        "seats",
        "seed",
        "step",
        "values",
    )

    def __init__(
        self,
        values: tuple[int, ...],
        phase: str,
        pending: Pending | None,
        actor: int,
        actions_taken: int,
        deck: tuple[int, ...],
        forced: tuple[int, ...],
        discard: tuple[int, ...],
        draws_left: int,
        fired: frozenset[int],
        scheduled: tuple[Scheduled, ...],
        delayed: tuple[Delayed, ...],
        rng: int,
        history: tuple[tuple[int, ...], ...],
        outcome: Outcome | None,
        step: int,
        seed: int,
        seats: tuple[tuple[str, str], ...],
        ex: Exercise,
    ) -> None:
        self.values = values
        self.phase = phase
        self.pending = pending
        self.actor = actor
        self.actions_taken = actions_taken
        self.deck = deck
        self.forced = forced
        self.discard = discard
        self.draws_left = draws_left
        self.fired = fired
        self.scheduled = scheduled
        self.delayed = delayed
        self.rng = rng
        self.history = history
        self.outcome = outcome
        self.step = step
        self.seed = seed
        self.seats = seats
        self.ex = ex


def sealed(raw: StateFields) -> GameState:
    """The state `raw` holds, as the GameState it is laid out as: how the rules build one per decision
    (`Turn.freeze`), since storing into plain slots costs a third of the frozen class's `__init__`.
    CPython checks that the two layouts match, or raises; the result is an ordinary, equal GameState."""
    raw.__class__ = GameState  # type: ignore[assignment]  # the same layout: the object is now a GameState
    return cast(GameState, raw)
