"""Provides the facilitator panel's view data (pickers, previews, odds, rewind points)."""

from __future__ import annotations

import attrs

from wargame import engine as E
from wargame.engine import events as ev
from wargame.scenario import Scenario
from wargame.tui import session
from wargame.tui.session import FACILITATOR, HUMAN, Decision, Game


@attrs.frozen
class Preview:
    """What an act would do, in the log's words, or the engine's reason for refusing it."""

    lines: tuple[str, ...]
    error: str = ""
    events: tuple = ()  # every event, for a caller that wants the roll


@attrs.frozen
class RewindPoint:
    """A moment the game can go back to: just after `to` decisions (0: the very start)."""

    to: int
    turn: int
    label: str
    turn_start: bool


# --- correct: a value of the game --------------------------------------------------


def slot_choices(scenario: Scenario) -> list[tuple[str, str]]:
    """Every value a facilitator may correct, as (label, slot), in the meters panel's order."""
    out = [(ev.slot_label(scenario, n), n) for n in scenario.slot_names if n != "turn"]
    controls = [c for c in out if ev.is_control(scenario, c[1])]
    return [c for c in out if not ev.is_control(scenario, c[1])] + controls


def is_control(scenario: Scenario, slot: str) -> bool:
    return ev.is_control(scenario, slot)


def value_text(scenario: Scenario, values, slot: str) -> str:
    """The slot's value now, as the log would write it ('60 $M', 'ISIS')."""
    v = values[scenario.slot_index[slot]]
    if is_control(scenario, slot):
        return ev.faction_name(scenario, v)
    return f"{v}{ev._unit(scenario, slot)}"


def value_hint(scenario: Scenario, slot: str) -> str:
    if is_control(scenario, slot):
        return "a faction (" + ", ".join(f.id for f in scenario.factions) + ") or none"
    return "a number, or +N / -N to change it by N"


def statement(scenario: Scenario, slot: str, text: str) -> str:
    """The Override statement for 'set `slot` to `text`': '12' sets, '+3'/'-3' adjust; for control,
    a faction's id, short name or name (any case) or 'none'. Anything else is passed on as
    typed, so the engine's own message says what is wrong."""
    text = text.strip()
    if is_control(scenario, slot):
        low = text.lower()
        for f in scenario.factions:
            if low in (f.id.lower(), f.short.lower(), f.name.lower()):
                return f"{slot} = {f.id}"
        return f"{slot} = {'none' if low in ('none', 'nobody', '') else text}"
    compact = text.replace(" ", "")
    if compact[:1] in "+-" and compact[1:].isdigit():
        return f"{slot} {compact[0]}= {compact[1:]}"
    return f"{slot} = {text}"


def try_act(scenario: Scenario, state: E.GameState, decision: Decision) -> Preview:
    """Apply `decision` to a copy (the engine is pure) and describe what changed, or why not."""
    try:
        _state, events = session.apply(scenario, state, decision)
    except E.DecisionError as exc:
        return Preview((), str(exc))
    lines = tuple(
        E.describe(e, scenario).strip()
        for e in events
        if isinstance(e, (ev.Changed, ev.Passed, ev.ChoiceSkipped, ev.GameOver))
    )
    return Preview(lines or ("no change",), "", tuple(events))


# --- inject: a card now or later ------------------------------------------------------


def card_choices(scenario: Scenario) -> list[tuple[str, str]]:
    return [(c.title, c.id) for c in scenario.cards]


def card_text(scenario: Scenario, card_id: str) -> str:
    """The card's story and, if it asks a team to choose, which team: never the options, which
    are that team's to see when the card comes up."""
    card = scenario.card(card_id)
    parts = [card.text] if card.text else []
    if card.choice is not None:
        parts.append(f"The {scenario.faction(card.choice.faction).short} team will answer it.")
    return "\n".join(parts)


def card_effects(scenario: Scenario, values: tuple[int, ...], card_id: str) -> str:
    """What the card's own effects would change from these values (the engine runs them on a
    copy), so a facilitator sees an inject's weight before committing it; a choice comes after."""
    from wargame.tui.choices import preview

    card = scenario.card(card_id)
    lines = preview(scenario, values, card.effects) if card.effects else ("no change of its own",)
    return "; ".join(lines)


def inject_turns(scenario: Scenario, state: E.GameState) -> list[tuple[str, int]]:
    """'now' (0) and every later turn of the game, as (label, turn)."""
    cal = scenario.calendar
    later = [(f"Turn {t} · {cal.label(t)}", t) for t in range(state.turn + 1, scenario.turns + 1)]
    return [("Now", 0), *later]


# --- rule: the pending action, by argument or outright --------------------------------


def can_rule(game: Game, at_keyboard: str | None) -> str:
    """'' when the facilitator may rule on the pending action now, else why not.

    Only a human team's action, and in hot-seat play only once that team has
    the keyboard: the panel shows no team options the game screen does not.
    """
    s, state, p = game.scenario, game.state, game.state.pending
    if state.over or p is None:
        return "The game is over."
    team = s.faction(p.faction).short
    if game.seats.get(p.faction, HUMAN) != HUMAN:
        return f"{team} is played by a bot: there is no team to argue with."
    if p.kind != "action":
        return f"{team} must answer the event card first."
    humans = [f for f, who in game.seats.items() if who == HUMAN]
    if len(humans) > 1 and at_keyboard != p.faction:
        return f"Hand the keyboard to the {team} team first."
    return ""


def rule_actions(scenario: Scenario, state: E.GameState) -> dict[str, list[str | None]]:
    """The pending team's legal actions, each with its legal targets ([None] if untargeted)."""
    out: dict[str, list[str | None]] = {}
    for d in E.legal_decisions(scenario, state):
        if isinstance(d, E.Act):
            out.setdefault(d.action, []).append(d.target)
    return out


def argue_text(scenario: Scenario, state: E.GameState, act: E.Act, pro: int, con: int) -> str:
    """The odds of 2d6 + for - against >= 7, from the engine, and the rules' odds beside them."""
    argued = E.odds(scenario, state, attrs.evolve(act, ruling="argue", pro=pro, con=con))
    rules = E.odds(scenario, state, act)
    usual = f"{rules.percent}%" if rules.rolled else "certain, no roll"
    return f"2d6 + {pro} for - {con} against >= 7: {argued.percent}% (by the rules: {usual})"


def argue_percent(scenario: Scenario, state: E.GameState, act: E.Act, pro: int, con: int) -> int:
    return E.odds(scenario, state, attrs.evolve(act, ruling="argue", pro=pro, con=con)).percent


# --- rewind: points in the decision log ------------------------------------------------


def entry_text(scenario: Scenario, events, entry: dict) -> str:
    """One decision as a line: what was decided, and by whom."""
    what = next(
        (
            E.describe(e, scenario)
            for e in events
            if isinstance(
                e,
                (ev.ActionTaken, ev.Chose, ev.Passed, ev.Overridden, ev.Injected, ev.Bookmarked),
            )
        ),
        "",
    )
    by = entry.get("by", HUMAN)
    who = {HUMAN: "", FACILITATOR: " [F]"}.get(by, f" ({by} bot)")
    return f"{what or 'decision'}{who}"


def rewind_points(game: Game) -> list[RewindPoint]:
    """Each earlier moment, oldest first: just before each decision; a turn's first decision is
    also the start of that turn (the label says both, so no moment is listed twice)."""
    s = game.scenario
    points: list[RewindPoint] = []
    starts = {0: 1}
    for k, events in enumerate(game.by_step):
        for e in events:
            if isinstance(e, ev.TurnBegan) and k > 0:
                starts[k] = e.turn
    turn = 1
    for k in range(len(game.entries)):  # k decisions kept: entries[k] and later are set aside
        what = f"before #{k + 1}: " + entry_text(s, game.by_step[k + 1], game.entries[k])
        if k in starts:
            turn = starts[k]
            label = f"Start of turn {turn} · {s.calendar.label(turn)}\n  {what}"
        else:
            label = f"  {what}"
        points.append(RewindPoint(k, turn, label, k in starts))
    return points
