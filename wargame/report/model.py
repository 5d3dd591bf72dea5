"""The debrief as plain frozen data: what the renderers show, computed once from a replayed save.

Renderers (markdown, html) only format these values; every number and every
sentence about the game is decided here or in the engine's `describe`, so the
Markdown and the HTML debriefs can never disagree with each other or the rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from wargame.report.exercise import ExerciseStory


@attrs.frozen
class Seat:
    """Who played a faction: the seat as saved, and who actually took its decisions."""

    faction: str
    name: str
    short: str
    color: str
    playable: bool
    seat: str  # "human", "normal bot", "not recorded"
    decided_by: tuple[tuple[str, int], ...]  # ("human", 12), ("easy bot", 3)


@attrs.frozen
class Score:
    faction: str
    name: str
    short: str
    color: str
    score: int
    threshold: int | None
    behind: int  # points behind the best score (0 for the leader)
    to_threshold: int | None  # points still missing to the threshold (None: no threshold)


@attrs.frozen
class Result:
    finished: bool
    headline: str  # the engine's own sentence for the end, or "not finished" text
    winner: str | None
    reason: str  # "threshold", "final" or "" when not finished
    turn: int
    date: str
    margin: int
    tied: tuple[str, ...]
    scores: tuple[Score, ...]  # best first


@attrs.frozen
class Change:
    """One value moved inside a moment, with the engine's cause string."""

    slot: str
    old: int
    new: int
    cause: str


@attrs.frozen
class Moment:
    """One thing that happened: a card, a decision, an upkeep, a facilitator act.

    `step` is the decision number in the save (0 for what the rules resolved
    before the first decision); `facilitator` marks acts of the facilitator
    (and cards they injected), which the renderers set apart from play.
    """

    index: int
    step: int
    turn: int
    date: str
    kind: str  # card, action, choice, pass, upkeep, delayed, override, inject, bookmark, end, note
    faction: str | None
    ref: str  # the card or action the moment is about ("" for others)
    text: str
    who: str  # "human", "normal bot", "facilitator", "" when the rules did it
    why: str  # a bot's one-line reason
    facilitator: bool
    roll: str  # "roll 23 vs 40%: success"
    odds: str  # how the odds were built: "30 +15 [5 * morale] -20 [-10 * target.isis]"
    ruling: str  # the facilitator's ruling on this action, if any
    note: str  # where a card came from (scenario inject, facilitator, a draw statement)
    details: tuple[str, ...]  # the engine's lines for the changes, logs and queued cards
    changes: tuple[Change, ...]
    objectives: tuple[str, ...]


@attrs.frozen
class Turn:
    number: int
    date: str
    moments: tuple[Moment, ...]


@attrs.frozen
class Series:
    """A value over time: one point per turn start (state.history) plus the final value."""

    key: str  # slot name or faction id (for scores)
    label: str
    unit: str
    color: str
    points: tuple[int, ...]


@attrs.frozen
class Mover:
    """A moment that moved one meter, with its total effect on it."""

    step: int
    turn: int
    date: str
    text: str
    who: str
    delta: int
    facilitator: bool
    later: bool  # a delayed result that landed in a later turn


@attrs.frozen
class MeterStory:
    series: Series
    start: int
    end: int
    by_source: tuple[tuple[str, int], ...]  # ("G.N.A.'s actions", -37), ("upkeep", +48): sums to end - start
    movers: tuple[Mover, ...]  # biggest single moves, upkeep excluded (it is in by_source)


@attrs.frozen
class FactionStory:
    faction: str
    name: str
    short: str
    color: str
    text: str
    victory: str
    actions: int  # actions taken
    passes: int
    rolls: int
    successes: int  # of the rolls (and rulings)
    mean_odds: int | None  # average odds of its rolls, in percent
    meters: tuple[MeterStory, ...]


@attrs.frozen
class ObjectiveUse:
    objective: str
    text: str
    sources: tuple[str, ...]  # "took 'Assault a district' (x3)", "faced 'Car bombs' (Jun 2016)"


@attrs.frozen
class TeamObjectives:
    faction: str
    name: str
    uses: tuple[ObjectiveUse, ...]


@attrs.frozen
class HistoryNote:
    card: str
    title: str
    note: str
    drawn: tuple[str, ...]  # the game dates the card was drawn
    facilitator: bool  # at least one draw was a facilitator's inject


@attrs.frozen
class FacilitatorAct:
    step: int
    turn: int
    date: str
    kind: str  # bookmark, override, inject, ruling, rewind
    text: str
    reason: str


@attrs.frozen
class RegionRow:
    region: str
    name: str
    control: tuple[str, str]  # start, end (faction short names or "nobody")
    values: tuple[tuple[str, int, int], ...]  # (attribute label, start, end)


# the after-action review (built by report.aar)


@attrs.frozen
class MilestoneRow:
    label: str
    game: str  # the game date it was reached, or "not reached"
    turn: int | None
    real: str
    note: str


@attrs.frozen
class TradeOff:
    objective: str
    text: str
    teams: tuple[tuple[str, int, str], ...]  # (team short name, real trade-offs made, an example)
    faced_only: tuple[str, ...]  # teams that met it only in decisions without an alternative, or in cards


@attrs.frozen
class Swing:
    team: str  # short name of the team whose position moved
    delta: int  # change in its position (score minus best rival's)
    date: str
    step: int
    text: str  # the decision or card behind it
    own: bool  # the team's own decision


@attrs.frozen
class BranchScore:
    team: str  # short name
    branch: int  # the team's score where the branch ended
    played: int  # its score on the played line at the same point
    branch_position: int  # score minus the best rival's, on the branch
    played_position: int


@attrs.frozen
class BranchOutcome:
    """One rewound branch, replayed, against the played line at the same point."""

    index: int
    from_step: int  # the decision it was rewound to
    steps: int  # decisions in the branch after the rewind
    note: str  # the facilitator's reason for the rewind
    branch_date: str  # where the branch ended
    played_date: str  # where the played line stood at the same point
    played_step: int  # the played line's decision number compared with
    outcome: str  # "" unless the branch's game ended: the engine's words for it
    scores: tuple[BranchScore, ...]
    differences: tuple[tuple[str, str, str], ...]  # (label, on the branch, as played): largest first, then control
    replayed: bool = True  # False: the branch no longer replays (its text says why)
    problem: str = ""


@attrs.frozen
class AAR:
    lead_with_winner: bool
    margin_note: str
    milestones: tuple[MilestoneRow, ...]
    tradeoffs: tuple[TradeOff, ...]
    turning_points: tuple[Swing, ...]
    questions: tuple[tuple[str, tuple[str, ...]], ...]  # (objective, questions) for the objectives played
    sustain: tuple[Swing, ...]
    improve: tuple[Swing, ...]
    branches: tuple[BranchOutcome, ...] = ()  # rewound branches replayed, beside the played line (report.branches)


@attrs.frozen
class Report:
    scenario: str
    title: str
    summary: str
    author: str
    save_name: str
    created: str
    seed: int
    decisions: int
    turns_planned: int
    turns_played: int
    first_date: str
    last_date: str
    seats: tuple[Seat, ...]
    result: Result
    point_labels: tuple[str, ...]  # x axis of every Series: turn dates, then "end" (or "now")
    scores: tuple[Series, ...]
    factions: tuple[FactionStory, ...]
    tracks: tuple[Series, ...]
    regions: tuple[RegionRow, ...]
    objectives: tuple[TeamObjectives, ...]
    unused_objectives: tuple[tuple[str, str], ...]
    history: tuple[HistoryNote, ...]
    facilitator: tuple[FacilitatorAct, ...]
    timeline: tuple[Turn, ...]
    aar: AAR | None = None  # milestones, trade-offs, turning points, questions, hot wash
    exercise: ExerciseStory | None = None  # orders, deals, proposals, what each team knew
