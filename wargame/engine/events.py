"""Events: the only record of what happened, and their plain-words descriptions.

The log, the debrief and the TUI all read these; nothing else invents history.
Each event carries the turn it happened in and, for changes, the `Cause`
("action:ID", "card:ID", "choice:ID", "upkeep", "delayed:ID", "override"),
so a debrief can say which decision moved which meter.

Events are built on the rules' hot path (a few per decision), so they are
slotted classes without attrs' frozen-instance cost (~0.25 us instead of
~0.8 us each). Nothing changes an event once made; treat them as values.
"""

from __future__ import annotations

import enum

import attrs

from wargame.engine.exevents import ExerciseEvent, describe_exercise
from wargame.scenario.layout import Slot, SlotKind
from wargame.scenario.model import UNBOUNDED, Meter, Scenario


class CauseKind(enum.StrEnum):
    """What moved a value: an action, a card, a card choice, the upkeep, a delayed result, the facilitator."""

    ACTION = "action"
    CARD = "card"
    CHOICE = "choice"
    UPKEEP = "upkeep"
    DELAYED = "delayed"
    OVERRIDE = "override"
    DEAL = "deal"  # an accepted deal's transfers (deals.py)
    FREEFORM = "freeform"  # a free-form proposal's effects (freeform.py)
    PREVIEW = "preview"  # a screen's "what would happen" (never in a game's events)


class Cause(str):
    """A cause as events carry it ("card:oil_deal"), with its parts named instead of split by hand.

    It stays a string, so logs, reprs and the golden digests keep their text.
    """

    __slots__ = ()

    @classmethod
    def of(cls, kind: CauseKind, ident: str | None = None) -> Cause:
        return cls(f"{kind.value}:{ident}" if ident else kind.value)

    @property
    def kind(self) -> CauseKind | None:
        """The kind, or None for a text that is no cause the engine writes."""
        try:
            return CauseKind(self.partition(":")[0])
        except ValueError:
            return None

    @property
    def ident(self) -> str:
        """The action or card id ('' for upkeep and override)."""
        return self.partition(":")[2]


UPKEEP = Cause.of(CauseKind.UPKEEP)
OVERRIDE = Cause.of(CauseKind.OVERRIDE)
PREVIEW = Cause.of(CauseKind.PREVIEW)


@attrs.define(slots=True, frozen=False, eq=True, unsafe_hash=True, weakref_slot=False)
class TurnBegan:
    turn: int


@attrs.define(slots=True, frozen=False, eq=True, unsafe_hash=True, weakref_slot=False)
class PhaseBegan:
    turn: int
    phase: str  # "actions" or "upkeep"


@attrs.define(slots=True, frozen=False, eq=True, unsafe_hash=True, weakref_slot=False)
class CardDrawn:
    turn: int
    card: str
    forced: bool


@attrs.define(slots=True, frozen=False, eq=True, unsafe_hash=True, weakref_slot=False)
class NoCard:
    turn: int


@attrs.define(slots=True, frozen=False, eq=True, unsafe_hash=True, weakref_slot=False)
class CardQueued:
    turn: int
    card: str
    cause: str


@attrs.define(slots=True, frozen=False, eq=True, unsafe_hash=True, weakref_slot=False)
class Chose:
    turn: int
    faction: str
    card: str
    option: int


@attrs.define(slots=True, frozen=False, eq=True, unsafe_hash=True, weakref_slot=False)
class ChoiceSkipped:
    turn: int
    faction: str
    card: str


@attrs.define(slots=True, frozen=False, eq=True, unsafe_hash=True, weakref_slot=False)
class ActionTaken:
    turn: int
    faction: str
    action: str
    target: str | None


@attrs.define(slots=True, frozen=False, eq=True, unsafe_hash=True, weakref_slot=False)
class Passed:
    turn: int
    faction: str
    forced: bool  # True when the faction had nothing it could do


@attrs.define(slots=True, frozen=False, eq=True, unsafe_hash=True, weakref_slot=False)
class Rolled:
    turn: int
    faction: str
    action: str
    chance: int
    roll: int
    success: bool
    dice: str = "d100"  # "d100", or "2d6" for adjudication by argument


@attrs.define(slots=True, frozen=False, eq=True, unsafe_hash=True, weakref_slot=False)
class Ruled:
    turn: int
    faction: str
    action: str
    success: bool
    reason: str


@attrs.define(slots=True, frozen=False, eq=True, unsafe_hash=True, weakref_slot=False)
class Changed:
    turn: int
    slot: str  # "gna.treasury", "oil_output", "sirte.isis", "sirte.control"
    old: int
    new: int
    wanted: int  # before clamping; differs from `new` when a bound bit
    cause: Cause


@attrs.define(slots=True, frozen=False, eq=True, unsafe_hash=True, weakref_slot=False)
class Logged:
    turn: int
    text: str
    cause: str


@attrs.define(slots=True, frozen=False, eq=True, unsafe_hash=True, weakref_slot=False)
class ResultScheduled:
    turn: int
    action: str
    due: int
    success: bool


@attrs.define(slots=True, frozen=False, eq=True, unsafe_hash=True, weakref_slot=False)
class ResultLanded:
    turn: int
    action: str
    success: bool


@attrs.define(slots=True, frozen=False, eq=True, unsafe_hash=True, weakref_slot=False)
class Overridden:
    turn: int
    statement: str
    reason: str


@attrs.define(slots=True, frozen=False, eq=True, unsafe_hash=True, weakref_slot=False)
class Injected:
    turn: int
    card: str
    reason: str
    for_turn: int | None


@attrs.define(slots=True, frozen=False, eq=True, unsafe_hash=True, weakref_slot=False)
class Bookmarked:
    turn: int
    note: str


@attrs.define(slots=True, frozen=False, eq=True, unsafe_hash=True, weakref_slot=False)
class GameOver:
    turn: int
    winner: str | None  # None: a draw
    reason: str  # "threshold" or "final"
    margin: int  # threshold: points past the threshold; final: lead over the runner-up; draw: 0


RuleEvent = (
    TurnBegan
    | PhaseBegan
    | CardDrawn
    | NoCard
    | CardQueued
    | Chose
    | ChoiceSkipped
    | ActionTaken
    | Passed
    | Rolled
    | Ruled
    | Changed
    | Logged
    | ResultScheduled
    | ResultLanded
    | Overridden
    | Injected
    | Bookmarked
    | GameOver
)
Event = RuleEvent | ExerciseEvent  # what a game's log holds: the rules' events and the exercise's


def slot_label(scenario: Scenario, slot: str | int) -> str:
    """'gna.treasury' -> 'G.N.A. Treasury'; 'sirte.isis' -> 'Sirte ISIS presence' (a slot's name or number)."""
    index = scenario.slot_index.get(slot) if isinstance(slot, str) else slot
    if index is None:
        return str(slot)
    s = scenario.layout.slots[index]
    if s.kind is SlotKind.TRACK:
        return _meter(scenario, s).label
    owner = s.owner
    if owner is None:  # the turn
        return s.key
    if s.kind is SlotKind.METER:
        return f"{scenario.faction(owner).short} {_meter(scenario, s).label}"
    if s.kind is SlotKind.CONTROL:
        return f"{scenario.region(owner).name} control"
    if s.kind is SlotKind.ATTRIBUTE:
        attr = next(a for a in scenario.attributes if a.id == s.name)
        return f"{scenario.region(owner).name} {attr.label}"
    if s.kind is SlotKind.USES:
        return f"uses of '{scenario.action(owner).name}' this turn"
    return s.key


def _meter(scenario: Scenario, s: Slot) -> Meter:
    """The meter (or track) a METER or TRACK slot holds."""
    meters = scenario.tracks if s.kind is SlotKind.TRACK or s.owner is None else scenario.faction(s.owner).meters
    return next(m for m in meters if m.id == s.name)


def is_control(scenario: Scenario, slot: str) -> bool:
    """Whether a slot (by name) holds a region's controller rather than a number."""
    index = scenario.slot_index.get(slot)
    return index is not None and scenario.layout.is_control(index)


def faction_name(scenario: Scenario, index_or_id: int | str) -> str:
    if isinstance(index_or_id, int):
        return "nobody" if index_or_id < 0 else scenario.factions[index_or_id].short
    return scenario.faction(index_or_id).short if index_or_id in scenario.faction_index else str(index_or_id)


def _unit(scenario: Scenario, slot: str) -> str:
    index = scenario.slot_index.get(slot)
    if index is None:
        return ""
    s = scenario.layout.slots[index]
    if s.kind is SlotKind.TRACK or s.kind is SlotKind.METER:
        unit = _meter(scenario, s).unit
        return f" {unit}" if unit else ""
    return ""


def describe(event: Event, scenario: Scenario) -> str:
    """One line of plain words for the log and the debrief."""
    s = scenario
    match event:
        case TurnBegan(turn=t):
            return f"Turn {t} begins: {s.calendar.label(t)}"
        case PhaseBegan(phase=p):
            return {"actions": "Action phase", "orders": "Orders phase", "upkeep": "Upkeep"}.get(p, p)
        case CardDrawn(card=c, forced=f):
            return f"Event{' (scheduled)' if f else ''}: {s.card(c).title}"
        case NoCard():
            return "No event card is eligible this turn"
        case CardQueued(card=c):
            return f"'{s.card(c).title}' goes on top of the deck"
        case Chose(faction=f, card=c, option=o):
            choice = s.card(c).choice
            said = choice.options[o].label if choice is not None else f"option {o}"
            return f"{faction_name(s, f)} chose '{said}'"
        case ChoiceSkipped(faction=f, card=c):
            return f"{faction_name(s, f)} had no option on '{s.card(c).title}'"
        case ActionTaken(faction=f, action=a, target=t):
            on = f" on {s.region(t).name}" if t else ""
            return f"{faction_name(s, f)}: {s.action(a).name}{on}"
        case Passed(faction=f, forced=forced):
            return f"{faction_name(s, f)} {'cannot act and ' if forced else ''}passes"
        case Rolled(chance=c, roll=r, success=ok, dice=d):
            verdict = "success" if ok else "failure"
            if d == "2d6":
                return f"  argued: 2d6 + modifiers = {r} vs 7 ({c}% odds): {verdict}"
            if c < 0:  # the odds would tell a value this reader does not see (engine.observe)
                return f"  rolled: {verdict}"
            return f"  roll {r} vs {c}%: {verdict}"
        case Ruled(success=ok, reason=why):
            return f"  ruled a {'success' if ok else 'failure'} by the facilitator" + (f": {why}" if why else "")
        case Changed(slot=slot, old=old, new=new, wanted=wanted):
            label = slot_label(s, slot)
            if is_control(s, slot):
                return f"  {label}: {faction_name(s, old)} -> {faction_name(s, new)}"
            delta = new - old
            clamp = ""
            if wanted != new:
                clamp = f" (held at its {'maximum' if wanted > new else 'minimum'})"
            unit = _unit(s, slot)
            return f"  {label} {old} -> {new}{unit} ({delta:+d}){clamp}"
        case Logged(text=t):
            return f"  {t}"
        case ResultScheduled(action=a, due=due):
            when = s.calendar.label(due) if due <= s.turns else "after the game ends"
            return f"  the outcome of '{s.action(a).name}' will land in {when}"
        case ResultLanded(action=a, success=ok):
            return f"Delayed outcome: '{s.action(a).name}' {'succeeds' if ok else 'fails'}"
        case Overridden(statement=st, reason=why):
            return f"Facilitator: {st} ({why})"
        case Injected(card=c, reason=why, for_turn=ft):
            when = f" for {s.calendar.label(ft)}" if ft else ""
            return f"Facilitator injects '{s.card(c).title}'{when} ({why})"
        case Bookmarked(note=n):
            return f"Bookmark: {n}"
        case GameOver(winner=w, reason=r, margin=mg):
            if w is None:
                return "The game ends in a draw"
            if r == "threshold":
                winner, past = s.faction(w), f"{mg} past it" if mg else "exactly"
                return f"{winner.name} wins: it reaches its victory threshold of {winner.threshold} ({past})"
            return f"{s.faction(w).name} wins: it has the highest score (margin {mg})"
    text = describe_exercise(event, s)
    return str(event) if text is None else text


def bound_text(hi: int) -> str:
    return "no limit" if hi >= UNBOUNDED else str(hi)
