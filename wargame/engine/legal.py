"""What the pending faction may do now: per-scenario tables of rule objects, and checks with reasons.

Legality is the engine's hot path: the rules ask "can this faction act?" to
decide who is pending, a bot asks for the list, and `apply` checks the one it
got. So everything that depends only on the scenario (the rule objects of
rule.py, who acts in which order, pending markers) is built once per
scenario, and the list for a given (pending, values) is computed once and
remembered. Every cache is keyed by everything its answer depends on, so it
can never return a stale answer; it only saves time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from wargame.engine import events as ev
from wargame.engine.listing import all_conditions, listing
from wargame.engine.rule import ActionRule, OptionRule
from wargame.engine.state import (
    Act,
    Choose,
    Decision,
    IllegalDecision,
    MalformedDecision,
    Pass,
    Pending,
    PendingKind,
    Values,
)
from wargame.engine.watch import Watched
from wargame.scenario.layout import NO_REGION, NO_TARGET
from wargame.scenario.model import Action, Scenario

PASS = Pass()


class Tables:
    """Everything about a scenario that the rules look up on every decision."""

    __slots__ = (
        "act_of",
        "actions",
        "apt",
        "by_faction",
        "card_cause",
        "choice_pending",
        "choose",
        "delayed_cause",
        "drawable",
        "last",
        "listings",
        "options",
        "order",
        "pending_action",
        "scorers",
        "uses_slots",
        "weights",
    )

    def __init__(self, scenario: Scenario):
        self.actions = {a.id: ActionRule(scenario, a) for a in scenario.actions}
        self.by_faction = {
            f.id: tuple(self.actions[a.id] for a in scenario.actions_of(f.id)) for f in scenario.factions
        }
        self.options = {
            c.id: tuple(OptionRule(scenario, c.id, i, o) for i, o in enumerate(c.choice.options))
            for c in scenario.cards
            if c.choice is not None
        }
        self.listings = {fid: listing(rules, PASS) for fid, rules in self.by_faction.items()}
        # the rule and target of each Act object the lists hand out, by identity (they live as long as this)
        self.act_of: dict[int, tuple[ActionRule, int]] = {id(r.act): (r, NO_TARGET) for r in self.actions.values()}
        self.act_of.update((id(act), (r, i)) for r in self.actions.values() for i, act in enumerate(r.acts))
        self.order = scenario.order
        self.uses_slots = tuple(scenario.layout.uses.values())
        self.delayed_cause = {a.id: ev.Cause.of(ev.CauseKind.DELAYED, a.id) for a in scenario.actions}
        self.scorers = tuple((f.id, f.score.fn, f.threshold) for f in scenario.factions)  # victory, in file order
        self.apt = tuple(scenario.faction(fid).actions_per_turn for fid in scenario.order)
        self.pending_action = {f.id: Pending(PendingKind.ACTION, f.id) for f in scenario.factions}
        self.choice_pending = {
            c.id: Pending(PendingKind.CHOICE, c.choice.faction, c.id) for c in scenario.cards if c.choice is not None
        }
        most = max((len(c.choice.options) for c in scenario.cards if c.choice is not None), default=0)
        self.choose = tuple(Choose(i) for i in range(most))
        self.card_cause = tuple(ev.Cause.of(ev.CauseKind.CARD, c.id) for c in scenario.cards)
        # for random draws: each card's weight, and whether it may be drawn now (weight above 0 and its
        # `when` holds), re-asked only for the cards whose `when` reads a slot that changed
        self.weights = tuple(c.weight for c in scenario.cards)
        self.drawable = _drawable(scenario)
        # (values, pending, legal decisions): see legal_for
        self.last: tuple[Values | None, Pending | None, tuple[Decision, ...]] = (None, None, ())


def _drawable(scenario: Scenario) -> Callable[[Values], tuple[int, ...]]:
    """Whether each card may be picked by a random draw: a weight above 0 and its `when` holds (if it has one).

    Asked on every random draw. On a deck of at most `listing.CONDITIONS` cards every `when` is written
    out in one generated tuple; on a bigger one a `Watched` re-asks only the cards whose slots changed."""
    lay, adj = scenario.layout, scenario.symbols.adjacency
    whens = tuple(c.when if c.weight > 0 else None for c in scenario.cards)
    never = tuple(c.weight <= 0 for c in scenario.cards)
    generated = all_conditions(tuple(w.fn if w is not None else None for w in whens), never)
    if generated is not None:
        return generated

    def reads(c: int) -> frozenset[int]:
        when = whens[c]
        return frozenset() if when is None else when.reads.at(lay, adj, NO_TARGET)

    def ask(v: Values, c: int, _r: int) -> int:
        when = whens[c]
        return not never[c] and (when is None or bool(when.fn(v, NO_TARGET, NO_REGION)))

    return Watched(len(whens), reads, ask).answers


def eligible(t: Tables, deck: Iterable[int], v: Values) -> list[tuple[int, int]]:
    """The cards of `deck` a random draw may pick with values v, with their weights (weight 0: never)."""
    ok, weights = t.drawable(v), t.weights
    return [(c, weights[c]) for c in deck if ok[c]]


def tables(scenario: Scenario) -> Tables:
    """The scenario's tables, built on first use and kept with it (`Scenario.derived`)."""
    return scenario.derived(Tables)


def rule(scenario: Scenario, action_id: str) -> ActionRule:
    """The rule object of an action: the one owner of its legality, odds and cost."""
    return tables(scenario).actions[action_id]


def option_rules(scenario: Scenario, card_id: str) -> tuple[OptionRule, ...]:
    """The rule objects of a card's options, in order."""
    return tables(scenario).options[card_id]


def legal_for(scenario: Scenario, t: Tables, pending: Pending, values: Values) -> tuple[Decision, ...]:
    """The legal decisions for `pending` given `values` (a tuple).

    The last answer is kept with the very tuple it was computed for: the rules
    compute it while deciding who is pending, and `legal_decisions` on the
    state they hand out asks again for the same tuple object, which is then
    recognised by identity without hashing a hundred values.
    """
    last = t.last
    if last[0] is values and (last[1] is pending or last[1] == pending):  # the rules' Pendings are shared
        return last[2]
    out: tuple[Decision, ...]
    if pending.card is not None:
        out = tuple(o.choose for o in t.options[pending.card] if o.open(values))
    else:
        out = t.listings[pending.faction](values)
    t.last = (values, pending, out)
    return out


def offered_options(scenario: Scenario, card_id: str, v: Values) -> int:
    """How many options of a card's choice are open now (0: the choice is skipped)."""
    return sum(1 for o in tables(scenario).options[card_id] if o.open(v))


# --- checking one decision -----------------------------------------------------


def known_action(scenario: Scenario, decision: Act) -> ActionRule:
    """The rule of the action an Act names, or MalformedDecision; also checks the Act's own fields."""
    if type(decision.action) is not str:
        raise MalformedDecision(f"an action id is text, not {decision.action!r}")
    info = tables(scenario).actions.get(decision.action)
    if info is None:
        raise MalformedDecision(f"unknown action '{decision.action}'")
    ruling = decision.ruling
    if ruling is None:
        if decision.pro or decision.con:
            raise MalformedDecision("arguments for and against count only with the ruling 'argue'")
    else:
        if ruling not in ("success", "failure", "argue"):
            raise MalformedDecision(f"unknown ruling '{ruling}' (success, failure or argue)")
        for name in ("pro", "con"):
            n = getattr(decision, name)
            if type(n) is not int or not 0 <= n <= 12:
                raise MalformedDecision(f"'{name}' counts arguments: a whole number 0..12, not {n!r}")
        if ruling != "argue" and (decision.pro or decision.con):
            raise MalformedDecision("arguments for and against count only with the ruling 'argue'")
        if type(decision.reason) is not str:
            raise MalformedDecision("a ruling's reason is text")
    return info


def target_index(scenario: Scenario, info: ActionRule, decision: Act) -> int:
    """The target region's index (NO_TARGET for untargeted actions), or MalformedDecision."""
    action = info.action
    if not action.targeted:
        if decision.target is not None:
            raise MalformedDecision(f"'{action.id}' takes no target")
        return NO_TARGET
    if decision.target is None:
        raise MalformedDecision(f"'{action.id}' needs a target region")
    index = scenario.region_index.get(decision.target) if type(decision.target) is str else None
    if index is None:
        raise MalformedDecision(f"unknown region '{decision.target}'")
    return index


def check_act(scenario: Scenario, values: Values, info: ActionRule, t: int, decision: Act) -> None:
    """IllegalDecision, with the reason, unless the acting faction may take this action on t now."""
    if not info.open(values):
        raise IllegalDecision(f"'{info.action.name}' cannot be taken: {info.why(scenario, values)}")
    if not info.target_ok(values, t):
        raise IllegalDecision(f"'{decision.target}' is not a valid target: {info.why(scenario, values, t)}")


def why_not(scenario: Scenario, values: Values, action: Action) -> str:
    """'' if `action` can be taken with these values, else the reason in plain words (the rule's `why`)."""
    return tables(scenario).actions[action.id].why(scenario, values)


def targets(scenario: Scenario, values: Values, action: Action) -> list[str]:
    """The regions `action` may target now (whether or not it is affordable)."""
    if not action.targeted:
        return []
    return [scenario.regions[i].id for i in tables(scenario).actions[action.id].targets_now(values)[0]]
