"""The rules engine: pure, deterministic functions over frozen game states."""

from wargame.engine.events import Event, describe
from wargame.engine.rules import (
    Odds,
    apply,
    available_actions,
    available_options,
    begin,
    legal_decisions,
    new_game,
    odds,
    outcome,
    pending,
    scores,
    state_hash,
    targets,
)
from wargame.engine.state import (
    Act,
    Bookmark,
    Choose,
    Decision,
    DecisionError,
    EndReason,
    GameState,
    IllegalDecision,
    InjectCard,
    MalformedDecision,
    Outcome,
    Override,
    Pass,
    Pending,
    PendingKind,
)

__all__ = [
    "Act", "Bookmark", "Choose", "Decision", "DecisionError", "EndReason", "Event", "GameState", "IllegalDecision",
    "InjectCard", "MalformedDecision", "Odds", "Outcome", "Override", "Pass", "Pending", "PendingKind", "apply",
    "available_actions", "available_options", "begin", "describe", "legal_decisions", "new_game", "odds",
    "outcome", "pending", "scores", "state_hash", "targets",
]
