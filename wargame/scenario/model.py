"""The frozen model of a loaded scenario, with its expressions already compiled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cached_property
from typing import Any, TypeVar

import attrs

from wargame.scenario.dice import DiceOdds
from wargame.scenario.expr.compile import Symbols
from wargame.scenario.expr.reads import NOTHING, Fn, Reads, Values
from wargame.scenario.expr.statements import Stmt
from wargame.scenario.layout import NO_REGION, NO_TARGET, Layout
from wargame.scenario.problems import Where

UNBOUNDED = 10**9
T = TypeVar("T")


@attrs.frozen
class Expr:
    """A compiled expression with its source, so messages and help can quote it."""

    text: str
    fn: Fn
    where: Where
    reads: Reads = NOTHING  # what it reads (see scenario/expr/reads.py): keys the engine's caches

    def __call__(self, values: Values, target: int = NO_TARGET) -> int:
        return self.fn(values, target, NO_REGION)


@attrs.frozen
class Visibility:
    """Who sees a value: "all", "own" (its faction; a region's controller), "list" (`factions`) or
    "estimate" (everyone sees a band `width` values wide, never the value)."""

    kind: str = "all"
    factions: tuple[str, ...] = ()
    width: int = 0


ALL = Visibility()


@attrs.frozen
class Meter:
    """A faction meter or a track: an integer clamped to lo..hi."""

    id: str
    label: str
    start: int
    lo: int
    hi: int
    unit: str = ""
    text: str = ""
    tradable: bool = False
    visible: Visibility = ALL


@attrs.frozen
class Faction:
    id: str
    name: str
    short: str
    color: str
    text: str
    playable: bool
    actions_per_turn: int
    meters: tuple[Meter, ...]
    score: Expr
    threshold: int | None
    victory_text: str
    caution: float
    brief: str = ""


@attrs.frozen
class Attribute:
    id: str
    label: str
    lo: int
    hi: int
    default: int
    marker: str
    text: str
    visible: Visibility = ALL


@attrs.frozen
class Region:
    id: str
    name: str
    control: str | None
    adjacent: tuple[str, ...]
    tags: tuple[str, ...]
    values: tuple[int, ...]  # in the order of Scenario.attributes
    text: str


@attrs.frozen
class Action:
    id: str
    faction: str
    name: str
    text: str
    cost: tuple[tuple[str, int], ...]
    targeted: bool
    target_if: Expr | None
    requires: Expr | None
    chance: Expr | None  # None: always succeeds, no roll
    chance_terms: tuple[tuple[str, Fn], ...]  # the chance's top-level terms (text, fn), to explain the odds
    success: tuple[Stmt, ...]
    failure: tuple[Stmt, ...]
    delay: int
    objectives: tuple[str, ...]
    where: Where
    per_turn: int = 0  # at most this many times a turn; 0: no limit of its own
    uses_slot: int = -1  # the hidden value slot counting this turn's uses (with per_turn)


@attrs.frozen
class Option:
    label: str
    text: str
    requires: Expr | None
    effects: tuple[Stmt, ...]


@attrs.frozen
class Choice:
    faction: str
    prompt: str
    options: tuple[Option, ...]


@attrs.frozen
class Card:
    id: str
    title: str
    text: str
    history: str
    when: Expr | None
    weight: int
    effects: tuple[Stmt, ...]
    choice: Choice | None
    objectives: tuple[str, ...]
    where: Where


@attrs.frozen
class Inject:
    card: str
    turn: int | None
    when: Expr | None
    note: str


COACH_EVENTS = ("explain", "target", "card", "action", "pass", "help", "meters", "region", "save")
"""What a player can do on screen that a coach step may wait for (`after:`)."""


@attrs.frozen
class CoachStep:
    """One step of an on-screen coach: what to say, and what moves it on (a screen event or a
    condition on the game). Scenario data, so any scenario can teach its own screen."""

    say: str
    after: str | None  # one of COACH_EVENTS
    when: Expr | None


@attrs.frozen
class Milestone:
    """A moment of real history: reached in a game once `when` holds (the debrief's game-vs-history table)."""

    when: Expr
    label: str
    date: str
    note: str


@attrs.frozen
class Calendar:
    year: int
    month: int
    step: str
    turns: int

    def label(self, turn: int) -> str:
        """The date of a turn as players read it: 'Jun 2016', 'Q3 2016', '8 Jun 2016'."""
        n = max(turn, 1) - 1
        if self.step == "week":
            day = dt.date(self.year, self.month, 1) + dt.timedelta(weeks=n)
            return f"{day.day} {day.strftime('%b %Y')}"
        months = n * (3 if self.step == "quarter" else 1)
        y, m = divmod(self.month - 1 + months, 12)
        return dt.date(self.year + y, m + 1, 1).strftime("%b %Y")


@attrs.frozen
class Session:
    """A named preset: the settings a facilitator picks with --session (None: the scenario's own)."""

    id: str
    title: str
    turns: int | None = None
    start: str | None = None  # YYYY-MM
    first_turn: int = 1  # the calendar turn `start` falls on
    actions_per_turn: int | None = None
    orders: str | None = None
    timer: int = 0
    timer_strict: bool = False


@attrs.frozen
class Freeform:
    """Free-form proposals: how many a faction may make a turn, and the dice formula that decides them."""

    per_turn: int
    odds: DiceOdds


@attrs.frozen(slots=False, eq=False)
class Scenario:
    """Everything the engine knows about one crisis, read from one YAML file."""

    id: str
    title: str
    summary: str
    author: str
    calendar: Calendar
    seed: int
    cards_per_turn: int
    order: tuple[str, ...]
    objectives: dict[str, str]
    factions: tuple[Faction, ...]
    tracks: tuple[Meter, ...]
    attributes: tuple[Attribute, ...]
    regions: tuple[Region, ...]
    map_art: str
    actions: tuple[Action, ...]
    cards: tuple[Card, ...]
    injects: tuple[Inject, ...]
    upkeep: tuple[Stmt, ...]
    symbols: Symbols
    layout: Layout  # where every value lives in GameState.values
    slot_names: tuple[str, ...]  # "turn", "gna.treasury", "oil_output", "sirte.isis", "sirte.control"
    slot_bounds: tuple[tuple[int, int], ...]
    initial: tuple[int, ...]
    path: str
    digest: str  # sha256 of the file's bytes, for saves
    coach: tuple[CoachStep, ...] = ()
    orders: str = "sequential"  # or "simultaneous"
    sessions: tuple[Session, ...] = ()
    freeform: Freeform | None = None
    session: Session | None = None  # the preset applied (sessions.apply), None: as written
    questions: dict[str, tuple[str, ...]] = attrs.field(factory=dict)  # objective id -> discussion questions
    milestones: tuple[Milestone, ...] = ()
    # what the layers above build from the scenario (see `derived`); a copy by attrs.evolve starts empty
    _derived: dict[Callable[[Scenario], Any], Any] = attrs.field(factory=dict, init=False, repr=False)

    def derived(self, build: Callable[[Scenario], T]) -> T:
        """What `build` makes of this scenario (the rules' tables, a bot's sequential twin), built once.

        The scenario is frozen, so the layers above it keep their per-scenario tables here, in a
        declared field keyed by the function that builds them, rather than in its `__dict__`.
        """
        made: T | None = self._derived.get(build)  # keyed by `build`, so the value is what it returns
        if made is None:  # (no cast(): the rules ask for their tables a few times a decision)
            made = self._derived[build] = build(self)
        return made

    @property
    def simultaneous(self) -> bool:
        return self.orders == "simultaneous"

    @property
    def turns(self) -> int:
        return self.calendar.turns

    def faction(self, fid: str) -> Faction:
        return self._faction_map[fid]

    def action(self, aid: str) -> Action:
        return self._action_map[aid]

    def card(self, cid: str) -> Card:
        return self._card_map[cid]

    def region(self, rid: str) -> Region:
        return self.regions[self.region_index[rid]]

    @cached_property
    def faction_index(self) -> dict[str, int]:
        return {f.id: i for i, f in enumerate(self.factions)}

    @cached_property
    def region_index(self) -> dict[str, int]:
        return {r.id: i for i, r in enumerate(self.regions)}

    @cached_property
    def slot_index(self) -> dict[str, int]:
        return {n: i for i, n in enumerate(self.slot_names)}

    @cached_property
    def card_index(self) -> dict[str, int]:
        return {c.id: i for i, c in enumerate(self.cards)}

    @cached_property
    def _faction_map(self) -> dict[str, Faction]:
        return {f.id: f for f in self.factions}

    @cached_property
    def _action_map(self) -> dict[str, Action]:
        return {a.id: a for a in self.actions}

    @cached_property
    def _card_map(self) -> dict[str, Card]:
        return {c.id: c for c in self.cards}

    @cached_property
    def _actions_by_faction(self) -> dict[str, tuple[Action, ...]]:
        return {f.id: tuple(a for a in self.actions if a.faction == f.id) for f in self.factions}

    def actions_of(self, fid: str) -> tuple[Action, ...]:
        return self._actions_by_faction[fid]

    def session_named(self, sid: str) -> Session | None:
        return next((x for x in self.sessions if x.id == sid), None)

    @cached_property
    def slot_visibility(self) -> tuple[tuple[str, Visibility], ...]:
        """Per value slot: (owner, visibility). The owner is the faction of a faction meter, the
        region of a region attribute, '' otherwise; the turn, control and hidden counters are 'all'."""
        out: list[tuple[str, Visibility]] = [("", ALL)] * len(self.slot_names)
        for f in self.factions:
            for meter in f.meters:
                out[self.meter_slot(f.id, meter.id)] = (f.id, meter.visible)
        for t in self.tracks:
            out[self.slot_index[t.id]] = ("", t.visible)
        for r in self.regions:
            for a in self.attributes:
                out[self.slot_index[f"{r.id}.{a.id}"]] = (r.id, a.visible)
        return tuple(out)

    @cached_property
    def has_hidden(self) -> bool:
        """Whether any value is not visible to everyone exactly (views and bots then mask)."""
        return any(vis.kind != "all" for _, vis in self.slot_visibility)

    def meter_slot(self, faction: str, meter: str) -> int:
        return self.layout.meter(faction, meter)
