"""Events: the only record of what happened, and their plain-words descriptions.

The log, the debrief and the TUI all read these; nothing else invents history.
Each event carries the turn it happened in and, for changes, the cause
("action:ID", "card:ID", "choice:ID", "upkeep", "delayed:ID", "override"),
so a debrief can say which decision moved which meter.
"""

from __future__ import annotations

import attrs

from wargame.engine.exevents import describe_exercise
from wargame.scenario.model import UNBOUNDED, Scenario


@attrs.frozen
class TurnBegan:
    turn: int


@attrs.frozen
class PhaseBegan:
    turn: int
    phase: str  # "actions" or "upkeep"


@attrs.frozen
class CardDrawn:
    turn: int
    card: str
    forced: bool


@attrs.frozen
class NoCard:
    turn: int


@attrs.frozen
class CardQueued:
    turn: int
    card: str
    cause: str


@attrs.frozen
class Chose:
    turn: int
    faction: str
    card: str
    option: int


@attrs.frozen
class ChoiceSkipped:
    turn: int
    faction: str
    card: str


@attrs.frozen
class ActionTaken:
    turn: int
    faction: str
    action: str
    target: str | None


@attrs.frozen
class Passed:
    turn: int
    faction: str
    forced: bool  # True when the faction had nothing it could do


@attrs.frozen
class Rolled:
    turn: int
    faction: str
    action: str
    chance: int
    roll: int
    success: bool
    dice: str = "d100"  # "d100", or "2d6" for adjudication by argument


@attrs.frozen
class Ruled:
    turn: int
    faction: str
    action: str
    success: bool
    reason: str


@attrs.frozen
class Changed:
    turn: int
    slot: str  # "gna.treasury", "oil_output", "sirte.isis", "sirte.control"
    old: int
    new: int
    wanted: int  # before clamping; differs from `new` when a bound bit
    cause: str


@attrs.frozen
class Logged:
    turn: int
    text: str
    cause: str


@attrs.frozen
class OutcomeScheduled:
    turn: int
    action: str
    due: int
    success: bool


@attrs.frozen
class OutcomeLanded:
    turn: int
    action: str
    success: bool


@attrs.frozen
class Overridden:
    turn: int
    statement: str
    reason: str


@attrs.frozen
class Injected:
    turn: int
    card: str
    reason: str
    for_turn: int | None


@attrs.frozen
class Bookmarked:
    turn: int
    note: str


@attrs.frozen
class GameOver:
    turn: int
    winner: str | None  # None: a draw
    reason: str  # "threshold" or "final"
    margin: int  # threshold: points past the threshold; final: lead over the runner-up; draw: 0


Event = (
    TurnBegan | PhaseBegan | CardDrawn | NoCard | CardQueued | Chose | ChoiceSkipped | ActionTaken | Passed
    | Rolled | Ruled | Changed | Logged | OutcomeScheduled | OutcomeLanded | Overridden | Injected | Bookmarked
    | GameOver
)


def slot_label(scenario: Scenario, slot: str) -> str:
    """'gna.treasury' -> 'G.N.A. Treasury'; 'sirte.isis' -> 'Sirte ISIS presence'."""
    if "." not in slot:
        track = next((t for t in scenario.tracks if t.id == slot), None)
        return track.label if track else slot
    owner, name = slot.split(".", 1)
    if owner in scenario.faction_index:
        faction = scenario.faction(owner)
        meter = next((mm for mm in faction.meters if mm.id == name), None)
        return f"{faction.short} {meter.label if meter else name}"
    region = scenario.region(owner).name if owner in scenario.region_index else owner
    if name == "control":
        return f"{region} control"
    attr = next((a for a in scenario.attributes if a.id == name), None)
    return f"{region} {attr.label if attr else name}"


def faction_name(scenario: Scenario, index_or_id) -> str:
    if isinstance(index_or_id, int):
        return "nobody" if index_or_id < 0 else scenario.factions[index_or_id].short
    return scenario.faction(index_or_id).short if index_or_id in scenario.faction_index else str(index_or_id)


def _unit(scenario: Scenario, slot: str) -> str:
    owner, _, name = slot.partition(".")
    if not name:
        track = next((t for t in scenario.tracks if t.id == slot), None)
        return f" {track.unit}" if track and track.unit else ""
    if owner in scenario.faction_index:
        meter = next((mm for mm in scenario.faction(owner).meters if mm.id == name), None)
        return f" {meter.unit}" if meter and meter.unit else ""
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
            return f"{faction_name(s, f)} chose '{s.card(c).choice.options[o].label}'"
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
            return f"  roll {r} vs {c}%: {verdict}"
        case Ruled(success=ok, reason=why):
            return f"  ruled a {'success' if ok else 'failure'} by the facilitator" + (f": {why}" if why else "")
        case Changed(slot=slot, old=old, new=new, wanted=wanted):
            label = slot_label(s, slot)
            if slot.endswith(".control"):
                return f"  {label}: {faction_name(s, old)} -> {faction_name(s, new)}"
            delta = new - old
            clamp = ""
            if wanted != new:
                clamp = f" (held at its {'maximum' if wanted > new else 'minimum'})"
            unit = _unit(s, slot)
            return f"  {label} {old} -> {new}{unit} ({delta:+d}){clamp}"
        case Logged(text=t):
            return f"  {t}"
        case OutcomeScheduled(action=a, due=due):
            when = s.calendar.label(due) if due <= s.turns else "after the game ends"
            return f"  the outcome of '{s.action(a).name}' will land in {when}"
        case OutcomeLanded(action=a, success=ok):
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
                f, past = s.faction(w), f"{mg} past it" if mg else "exactly"
                return f"{f.name} wins: it reaches its victory threshold of {f.threshold} ({past})"
            return f"{s.faction(w).name} wins: it has the highest score (margin {mg})"
    text = describe_exercise(event, s)
    return str(event) if text is None else text


def bound_text(hi: int) -> str:
    return "no limit" if hi >= UNBOUNDED else str(hi)
