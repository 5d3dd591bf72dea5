"""Rewound branches replayed and compared with what was played: the what-if the facilitator set aside.

A rewind keeps the undone decisions as a branch of the save. The review
replays each branch from the start with the engine and sets its end beside
the played line at the same point (the same number of decisions, or the
played line's end if it stopped sooner): every playable team's score and
position, and the meters, tracks and region control that came out
differently. So the debrief can say what the moves set aside would have led
to, not only name them.
"""

from __future__ import annotations

from wargame import engine as E
from wargame.engine.events import faction_name, slot_label
from wargame.report.model import BranchOutcome, BranchScore
from wargame.saves import SavedGame, SaveError, branch_line, replay
from wargame.scenario.layout import SlotKind
from wargame.scenario.model import Scenario
from wargame.words import plural

DIFFERENCES_SHOWN = 8  # the largest differences in meters and tracks named per branch


def compare_branches(s: Scenario, saved: SavedGame, states: list[E.GameState]) -> tuple[BranchOutcome, ...]:
    """Each branch of the save replayed and set beside the played line (`states[n]` after decision n)."""
    return tuple(_compare(s, saved, k, states) for k in range(len(saved.branches)))


def _compare(s: Scenario, saved: SavedGame, k: int, states: list[E.GameState]) -> BranchOutcome:
    b = saved.branches[k]
    steps = len(b.decisions)
    try:
        end, _, _ = replay(s, branch_line(saved, k))
    except SaveError as exc:
        return BranchOutcome(k, b.from_step, steps, b.note, "", "", 0, "", (), (), False, str(exc))
    at = min(b.from_step + steps, len(states) - 1)
    played = states[at]
    scores = _scores(s, end, played)
    return BranchOutcome(
        k,
        b.from_step,
        steps,
        b.note,
        s.calendar.label(end.turn),
        s.calendar.label(played.turn),
        at,
        _ended(s, end),
        scores,
        _differences(s, end, played),
    )


def _positions(s: Scenario, values) -> tuple[dict[str, int], dict[str, int]]:
    sc = E.scores(s, values)
    return sc, {f: x - max([y for g, y in sc.items() if g != f] or [x]) for f, x in sc.items()}


def _scores(s: Scenario, end: E.GameState, played: E.GameState) -> tuple[BranchScore, ...]:
    b_sc, b_pos = _positions(s, end.values)
    p_sc, p_pos = _positions(s, played.values)
    return tuple(
        BranchScore(f.short, b_sc[f.id], p_sc[f.id], b_pos[f.id], p_pos[f.id]) for f in s.factions if f.playable
    )


def _differences(s: Scenario, end: E.GameState, played: E.GameState) -> tuple[tuple[str, str, str], ...]:
    """Meters, tracks and region attributes that differ, largest difference first; then who holds what."""
    diffs: list[tuple[int, str, int, int]] = []
    controls = []
    for i, slot in enumerate(s.layout.slots):
        old, new = played.values[i], end.values[i]
        if old == new or slot.kind is SlotKind.USES:
            continue
        if slot.kind is SlotKind.CONTROL:
            controls.append((slot_label(s, i), faction_name(s, new), faction_name(s, old)))
        else:
            diffs.append((-abs(new - old), slot_label(s, i), new, old))
    diffs.sort(key=lambda d: d[0])
    shown = tuple((label, str(new), str(old)) for _, label, new, old in diffs[:DIFFERENCES_SHOWN])
    return shown + tuple(controls)


REASONS = {"threshold": "by sudden victory", "final": "at final scoring"}


def _ended(s: Scenario, end: E.GameState) -> str:
    """'' while the branch's game runs on, else who won it and how."""
    if end.outcome is None:
        return ""
    how = REASONS.get(str(end.outcome.reason), str(end.outcome.reason))
    if end.outcome.winner is None:
        return f"a draw {how}"
    return f"{s.faction(end.outcome.winner).short} won {how}"


def headline(o: BranchOutcome) -> str:
    """One sentence: which branch, from where, how far it went, and what it is compared with."""
    where = f"decision {o.from_step}" if o.from_step else "the start"
    why = f" ({o.note})" if o.note else ""
    if not o.replayed:
        return f"Branch {o.index + 1}, rewound to {where}{why}, no longer replays: {o.problem}"
    ended = f"; its game ended: {o.outcome}" if o.outcome else ""
    return (
        f"Branch {o.index + 1}, rewound to {where}{why}: {plural(o.steps, 'decision')} set aside, replayed to "
        f"{o.branch_date}{ended}. Compared with the played line after decision {o.played_step} ({o.played_date})."
    )


SCORE_HEAD = ("Team", "Score on the branch", "As played", "Position on the branch", "As played (position)")
DIFF_HEAD = ("What", "On the branch", "As played")


def score_rows(o: BranchOutcome) -> list[list[str]]:
    """Rows of SCORE_HEAD: a position is the team's score minus its best rival's."""
    return [
        [x.team, str(x.branch), str(x.played), f"{x.branch_position:+d}", f"{x.played_position:+d}"] for x in o.scores
    ]
