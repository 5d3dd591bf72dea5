"""Provides view data for decisions (actions, targets, card options, log lines), without Textual."""

from __future__ import annotations

from typing import cast

import attrs

from wargame import engine as E
from wargame.engine import events as ev
from wargame.engine.legal import rule
from wargame.engine.rules import run_statements
from wargame.scenario import Scenario
from wargame.scenario.model import Option
from wargame.tui.view import money


@attrs.frozen
class ActionRow:
    """One action as the deciding team sees it: price, odds, and why it is greyed out."""

    id: str
    name: str
    text: str
    cost: str
    odds: str  # "55%", "15-25%" (depends on the target), "sure"
    reason: str  # '' when it can be taken now
    targeted: bool
    delay: int
    success: tuple[str, ...]  # previews of the outcome (statements' text for targeted actions)
    failure: tuple[str, ...]
    terms: tuple[tuple[str, int], ...]
    percent: int | None
    targets: int = 0  # how many regions it may target now (targeted actions)
    by_target: tuple[tuple[str, int], ...] = ()  # (region name, odds %) for each target, for `e`


@attrs.frozen
class TargetRow:
    """One possible target of an action, with the odds and outcomes on that target."""

    region: str
    name: str
    controller: str
    percent: int
    terms: tuple[tuple[str, int], ...]
    rolled: bool
    success: tuple[str, ...]
    failure: tuple[str, ...]


@attrs.frozen
class OptionView:
    label: str
    text: str
    preview: tuple[str, ...]
    enabled: bool
    reason: str = ""  # why it cannot be picked now, in the engine's words


@attrs.frozen
class CardView:
    """A card drawn this turn; `awaiting` when its choice is the pending decision."""

    id: str
    title: str
    text: str
    awaiting: bool
    faction: str  # the short name of the faction that chooses ('' when no choice)
    prompt: str
    options: tuple[OptionView, ...]
    outcome: tuple[str, ...]  # what it did (effects, the option chosen), once resolved


def cost_text(scenario: Scenario, faction: str, cost) -> str:
    meters = {m.id: m for m in scenario.faction(faction).meters}
    parts = []
    for meter, n in cost:
        m = meters[meter]
        parts.append(money(n, m.unit) if m.unit else f"{n} {m.label}")
    return ", ".join(parts)


def preview(scenario: Scenario, values, stmts, target: int = -1, before=None) -> tuple[str, ...]:
    """What these statements would change from `values`, in the log's words (nothing is applied).

    The last line says how the victory scores would move from `before` (the
    values before the cost was paid, when there is one): the number each team
    is playing for, so it is what a trainee most wants to know about a choice.
    """
    v = list(values)
    events: list = []
    run_statements(scenario, v, stmts, target, ev.PREVIEW, events, None)
    lines = [E.describe(e, scenario).strip() for e in events] or ["no change"]
    was, now = E.scores(scenario, values if before is None else before), E.scores(scenario, v)
    moved = [
        f"{f.short} {was[f.id]} -> {now[f.id]} ({now[f.id] - was[f.id]:+d})"
        for f in scenario.factions
        if now[f.id] != was[f.id]
    ]
    if moved:
        lines.append("scores: " + ", ".join(moved))
    return tuple(lines)


def after_cost(scenario: Scenario, values, action) -> list[int] | tuple:
    """The values once `action` is taken and paid for (the engine's rule pays, as the rules will)."""
    return rule(scenario, action.id).paid(values)


def action_rows(scenario: Scenario, state: E.GameState, faction: str) -> tuple[ActionRow, ...]:
    out = []
    for action, reason in E.available_actions(scenario, state, faction):
        terms: tuple = ()
        percent = None
        spots: list = []
        each: list[tuple[str, int]] = []
        if action.targeted:
            spots = E.targets(scenario, state.values, action)
            each = [(scenario.region(t).name, E.odds(scenario, state, E.Act(action.id, t)).percent) for t in spots]
            ps = sorted(p for _, p in each)
            odds = "—" if not ps else (f"{ps[0]}%" if ps[0] == ps[-1] else f"{ps[0]}-{ps[-1]}%")
            if action.chance is None and ps:
                odds = "sure"
            success: tuple[str, ...] = ()  # they depend on the target: the target picker shows them
            failure: tuple[str, ...] = ()
        else:
            o = E.odds(scenario, state, E.Act(action.id))
            percent, terms = o.percent, o.terms
            odds = f"{o.percent}%" if o.rolled else "sure"
            paid = after_cost(scenario, state.values, action)
            success = preview(scenario, paid, action.success, before=state.values)
            failure = preview(scenario, paid, action.failure, before=state.values) if o.rolled else ()
        out.append(
            ActionRow(
                action.id,
                action.name,
                action.text,
                cost_text(scenario, faction, action.cost),
                odds,
                reason,
                action.targeted,
                action.delay,
                success,
                failure,
                terms,
                percent,
                len(spots),
                tuple(each) if action.chance is not None else (),
            )
        )
    return tuple(out)


def target_rows(scenario: Scenario, state: E.GameState, action_id: str) -> tuple[TargetRow, ...]:
    action = scenario.action(action_id)
    paid = after_cost(scenario, state.values, action)
    out = []
    for rid in E.targets(scenario, state.values, action):
        o = E.odds(scenario, state, E.Act(action_id, rid))
        t = scenario.region_index[rid]
        c = state.values[scenario.layout.control(t)]
        out.append(
            TargetRow(
                rid,
                scenario.region(rid).name,
                ev.faction_name(scenario, c),
                o.percent,
                o.terms,
                o.rolled,
                preview(scenario, paid, action.success, t, state.values),
                preview(scenario, paid, action.failure, t, state.values) if o.rolled else (),
            )
        )
    return tuple(out)


def odds_sentence(terms: tuple[tuple[str, int], ...], percent: int) -> str:
    """The odds as a sum a trainee can check: '30 + 15 (5 * morale) - 20 (...) = 25%'."""
    if not terms:
        return f"{percent}%: certain, no roll"
    if len(terms) == 1 and terms[0][0].strip() == str(terms[0][1]) and terms[0][1] == percent:
        return f"a fixed {percent}%, whatever the situation"
    parts = []
    for i, (text, value) in enumerate(terms):
        sign = ("- " if value < 0 else "+ ") if i else ("-" if value < 0 else "")
        formula = text.strip()
        label = "" if formula.lstrip("+-").strip() == str(abs(value)) else f" ({formula})"
        parts.append(f"{sign}{abs(value)}{label}")
    total = sum(value for _, value in terms)
    clamp = f" (held within 0-100 from {total})" if total != percent else ""
    return " ".join(parts) + f" = {percent}%{clamp}"


def cards_this_turn(scenario: Scenario, state: E.GameState, events: list) -> tuple[CardView, ...]:
    """The cards drawn in the current turn, read from the events (so a reload shows the same)."""
    turn = state.turn
    drawn = [e.card for e in events if isinstance(e, ev.CardDrawn) and e.turn == turn]
    p = state.pending
    out = []
    for cid in dict.fromkeys(drawn):
        card = scenario.card(cid)
        awaiting = p is not None and p.kind == "choice" and p.card == cid
        options: tuple[OptionView, ...] = ()
        faction = prompt = ""
        if card.choice is not None and awaiting:  # previews only while a choice waits (they move)
            faction, prompt = scenario.faction(card.choice.faction).short, card.choice.prompt
            offered = [(cast(Option, o), why) for o, why in E.available_options(scenario, state, cid)]
            options = tuple(
                OptionView(o.label, o.text, preview(scenario, state.values, o.effects), not why, why)
                for o, why in offered
            )
        outcome = tuple(
            E.describe(e, scenario).strip()
            for e in events
            if e.turn == turn
            and (_from_card(getattr(e, "cause", ""), cid) or (isinstance(e, ev.Chose) and e.card == cid))
        )
        out.append(CardView(cid, card.title, card.text, awaiting, faction, prompt, options, outcome))
    return tuple(out)


def _from_card(cause: str, cid: str) -> bool:
    """Whether a change was caused by card `cid` or the choice on it."""
    c = ev.Cause(cause)
    return c.kind in (ev.CauseKind.CARD, ev.CauseKind.CHOICE) and c.ident == cid


def moves_since(scenario: Scenario, events: list, faction: str) -> tuple[str, ...]:
    """What happened since `faction` last sat at the keyboard: one line per faction, in turn order.

    A team coming back (after bots or other teams) sees the moves it missed
    without scrolling the log, and the results of its own last sitting first
    ('You: ✓ Train and organise a unified army'), because a roll that ended
    its turn was resolved after it left. Marks come first so a narrow panel
    keeps them; a move made twice reads '✗ ✓ Build a regular army (twice)'.
    """
    moves: dict[str, list[list]] = {}  # faction -> [what, marks, times], newest first
    outcome = ""  # the roll that follows an action, read first since we walk backwards
    others_seen = False  # another faction decided after this one's last move
    in_own = False  # walking through this faction's previous sitting

    def note(who: str, what: str, mark: str = "") -> None:
        seen = moves.setdefault(who, [])
        if seen and seen[-1][0] == what:
            seen[-1][1] = mark + seen[-1][1]
            seen[-1][2] += 1
        else:
            seen.append([what, mark, 1])

    for e in reversed(events):
        kind = type(e)
        mine = getattr(e, "faction", None) == faction
        if kind in (ev.ActionTaken, ev.Passed) and mine:
            if not others_seen:
                break  # mid-sitting: its own results are on the panel already (last_result)
            in_own = True
        elif kind in (ev.ActionTaken, ev.Passed, ev.Chose) and not mine:
            if in_own:
                break  # before its previous sitting: old news
            others_seen = True
        if kind is ev.Chose and mine:
            continue  # its answers to cards: the card panel showed them
        if kind is ev.Rolled or kind is ev.Ruled:
            outcome = "✓" if e.success else "✗"
        elif kind is ev.ActionTaken:
            where = f" on {scenario.region(e.target).name}" if e.target else ""
            note(e.faction, f"{scenario.action(e.action).name}{where}", outcome)
            outcome = ""
        elif kind is ev.Passed:
            note(e.faction, "nothing it could do" if e.forced else "passed")
        elif kind is ev.Chose:
            card = scenario.card(e.card)
            if card.choice is not None:
                note(e.faction, f"'{card.choice.options[e.option].label}' ({card.title})")

    def say(what: str, marks: str, count: int) -> str:
        times = {1: "", 2: " (twice)"}.get(count, f" ({count} times)")
        return f"{' '.join(marks)} {what}{times}".lstrip()

    own = moves.pop(faction, None)
    lines = [f"{ev.faction_name(scenario, f)}: " + ", ".join(say(*m) for m in reversed(ms)) for f, ms in moves.items()]
    lines.reverse()
    if own:
        lines.insert(0, "You: " + ", ".join(say(*m) for m in reversed(own)))
    return tuple(lines)


def last_result(
    scenario: Scenario, state: E.GameState, events: list, own_only: bool = False
) -> tuple[str, bool] | None:
    """This turn's latest action that rolled dice, and whether it worked: (line, success).

    With `own_only`, only the deciding faction's own (the others' are in `moves_since`).
    """
    taken = None
    me = state.pending.faction if state.pending else None
    for e in reversed(events):
        if e.turn != state.turn:
            break
        if isinstance(e, (ev.Rolled, ev.Ruled)) and taken is None and (not own_only or e.faction == me):
            taken = e
        elif isinstance(e, ev.ActionTaken) and taken is not None and e.faction == taken.faction:
            who = "" if e.faction == me else ev.faction_name(scenario, e.faction) + ": "
            where = f" on {scenario.region(e.target).name}" if e.target else ""
            mark, verdict = ("✓", "worked") if taken.success else ("✗", "failed")
            if isinstance(taken, ev.Ruled):
                how = "the facilitator's ruling"
            elif taken.dice == "2d6":  # argued before the facilitator: 2d6 + for - against >= 7
                how = f"argued, 2d6 + modifiers = {taken.roll}, needed 7 or more"
            else:
                how = f"rolled {taken.roll}, needed {taken.chance} or less"
            return (
                f"{mark} {who}{scenario.action(e.action).name}{where} {verdict}: {how}",
                taken.success,
            )
    return None


LOG_KINDS = {
    ev.TurnBegan: "turn",
    ev.ActionTaken: "decision",
    ev.Chose: "decision",
    ev.Passed: "decision",
    ev.CardDrawn: "card",
    ev.GameOver: "over",
    ev.Overridden: "facilitator",
    ev.Injected: "facilitator",
    ev.Bookmarked: "facilitator",
}


def log_lines(scenario: Scenario, events: list, entry: dict | None = None) -> list[tuple[str, str]]:
    """The lines for one decision's events, as (text, kind); bots' reasons follow their moves."""
    out = []
    for e in events:
        kind = LOG_KINDS.get(type(e), "detail")
        if isinstance(e, (ev.Rolled, ev.Ruled, ev.ResultLanded)):
            kind = "success" if e.success else "failure"
        out.append((E.describe(e, scenario), kind))
        if isinstance(e, ev.CardDrawn) and scenario.card(e.card).text:
            out.append(("  " + scenario.card(e.card).text, "story"))
        if (
            kind == "decision"
            and entry
            and entry.get("why")
            and entry.get("orders", getattr(e, "faction", None)) == getattr(e, "faction", None)
        ):
            out.append((f"  ({entry.get('by', 'bot')} bot: {entry['why']})", "reason"))
            entry = None
    return out
