"""What the pending faction may do now: per-scenario tables and caches of legal decisions.

Legality is the engine's hot path: the rules ask "can this faction act?" to
decide who is pending, a bot asks for the list, and `apply` checks the one it
got. So everything that depends only on the scenario (cost slots and bounds,
the `Act` objects themselves, who acts in which order) is computed once per
scenario, and the list for a given (pending, values) is computed once and
remembered. Every cache is keyed by everything its answer depends on, so it
can never return a stale answer; it only saves time.
"""

from __future__ import annotations

import operator

from wargame.engine.deps import reads
from wargame.engine.events import faction_name, slot_label
from wargame.engine.state import Act, Choose, IllegalDecision, MalformedDecision, Pass, Pending
from wargame.scenario.model import Action, Expr, Scenario

PASS = Pass()
CACHE_SIZE = 4096  # target lists kept per action before its cache starts afresh (a few MB at most)
_KEY = "_wargame_engine_tables"


class ActionInfo:
    """One action, ready for fast checks: cost slots with their floors, its Act objects.

    `open_now(v)` answers "which Acts of this action are legal with values v".
    The cost and `requires` are checked each time (a few lookups); the list
    of targets is remembered per projection of v onto the slots `target_if`
    can read (deps.py): most decisions change none of them, so most answers
    are a dictionary lookup instead of an evaluation per region. (Caching
    each region's answer too was tried: the gain was lost in the noise.)
    """

    __slots__ = ("act", "action", "acts", "cache", "cause", "costs", "key", "requires", "target_if", "targeted",
                 "uses")

    def __init__(self, scenario: Scenario, action: Action):
        self.action = action
        self.costs = tuple((scenario.meter_slot(action.faction, meter), amount,
                            scenario.slot_bounds[scenario.meter_slot(action.faction, meter)][0])
                           for meter, amount in action.cost)
        self.requires = action.requires.fn if action.requires is not None else None
        self.uses = (action.uses_slot, action.per_turn) if action.per_turn else None  # (slot, limit) per turn
        self.target_if = action.target_if.fn if action.target_if is not None else None
        self.targeted = action.targeted
        self.act = Act(action.id)
        self.acts = tuple(Act(action.id, r.id) for r in scenario.regions) if action.targeted else ()
        self.cause = f"action:{action.id}"
        self.cache: dict = {}
        self.key = _getter(reads(scenario, action.target_if))

    def open_now(self, v) -> tuple:
        if self.costs and not self.affordable(v):
            return ()
        if self.requires is not None and not self.requires(v, -1, -1):
            return ()
        if self.uses is not None and v[self.uses[0]] >= self.uses[1]:
            return ()
        if not self.targeted:
            return (self.act,)
        tif = self.target_if
        if tif is None:
            return self.acts
        k = v if self.key is None else self.key(v)
        out = self.cache.get(k)
        if out is None:
            out = tuple([act for i, act in enumerate(self.acts) if tif(v, i, -1)])
            if len(self.cache) >= CACHE_SIZE:
                self.cache.clear()
            self.cache[k] = out
        return out

    def affordable(self, v) -> bool:  # a loop, not all(...): this runs on every decision
        for slot, amount, lo in self.costs:  # noqa: SIM110
            if v[slot] - amount < lo:
                return False
        return True


class Tables:
    """Everything about a scenario that the rules look up on every decision."""

    __slots__ = ("actions", "apt", "by_faction", "card_cause", "card_when", "choice_pending", "choose", "last",
                 "order", "pending_action", "uses_slots")

    def __init__(self, scenario: Scenario):
        self.actions = {a.id: ActionInfo(scenario, a) for a in scenario.actions}
        self.by_faction = {f.id: tuple(self.actions[a.id] for a in scenario.actions_of(f.id))
                           for f in scenario.factions}
        self.order = scenario.order
        self.uses_slots = tuple(a.uses_slot for a in scenario.actions if a.per_turn)
        self.apt = tuple(scenario.faction(fid).actions_per_turn for fid in scenario.order)
        self.pending_action = {f.id: Pending("action", f.id) for f in scenario.factions}
        self.choice_pending = {c.id: Pending("choice", c.choice.faction, c.id)
                               for c in scenario.cards if c.choice is not None}
        most = max((len(c.choice.options) for c in scenario.cards if c.choice is not None), default=0)
        self.choose = tuple(Choose(i) for i in range(most))
        self.card_cause = tuple(f"card:{c.id}" for c in scenario.cards)
        # for random draws: a card's weight and its `when` (None: always eligible); weight 0 is never drawn
        self.card_when = tuple((c.weight, c.when.fn if c.when is not None else None) for c in scenario.cards)
        self.last: tuple = (None, None, ())  # (values, pending, legal decisions): see legal_for


def tables(scenario: Scenario) -> Tables:
    """The scenario's tables, built on first use and kept on the scenario (like a cached property)."""
    d = scenario.__dict__
    t = d.get(_KEY)
    if t is None:
        t = d[_KEY] = Tables(scenario)
    return t


def legal_for(scenario: Scenario, t: Tables, pending: Pending, values: tuple) -> tuple:
    """The legal decisions for `pending` given `values` (a tuple).

    The last answer is kept with the very tuple it was computed for: the rules
    compute it while deciding who is pending, and `legal_decisions` on the
    state they hand out asks again for the same tuple object, which is then
    recognised by identity without hashing a hundred values.
    """
    last = t.last
    if last[0] is values and last[1] == pending:
        return last[2]
    if pending.card is not None:
        out = _choices(scenario, pending, values)
    else:
        out = _actions(t.by_faction[pending.faction], values)
    t.last = (values, pending, out)
    return out


def _actions(infos, v) -> tuple:
    """`open_now` of each action, inlined: this loop runs for every decision of every game."""
    out: list = []
    for a in infos:
        costs = a.costs
        if costs and not a.affordable(v):
            continue
        requires = a.requires
        if requires is not None and not requires(v, -1, -1):
            continue
        uses = a.uses
        if uses is not None and v[uses[0]] >= uses[1]:
            continue
        if not a.targeted:
            out.append(a.act)
        elif a.target_if is None:
            out.extend(a.acts)
        else:
            key = a.key
            got = a.cache.get(v if key is None else key(v))
            out.extend(a.open_now(v) if got is None else got)
    out.append(PASS)
    return tuple(out)


def _getter(slots: frozenset[int] | None):
    """A function of the values that changes whenever those slots do; None: key on all the values."""
    if slots is None:
        return None
    if not slots:
        return _nothing
    if len(slots) == 1:
        (only,) = slots
        return operator.itemgetter(only)
    return operator.itemgetter(*sorted(slots))


def _nothing(v) -> int:
    return 0


def _choices(scenario: Scenario, pending: Pending, v) -> tuple:
    choose = tables(scenario).choose
    options = scenario.card(pending.card).choice.options
    return tuple(choose[i] for i, o in enumerate(options) if o.requires is None or o.requires.fn(v, -1, -1))


def offered_options(scenario: Scenario, card_id: str, v) -> int:
    """How many options of a card's choice are open now (0: the choice is skipped)."""
    return sum(1 for o in scenario.card(card_id).choice.options if o.requires is None or o.requires.fn(v, -1, -1))


# --- checking one decision, with reasons -----------------------------------------


def why_not(scenario: Scenario, values, action: Action) -> str:
    """'' if `action` can be taken with these values, else the reason in plain words."""
    for meter, amount in action.cost:
        slot = scenario.meter_slot(action.faction, meter)
        if values[slot] - amount < scenario.slot_bounds[slot][0]:
            m = next(mm for mm in scenario.faction(action.faction).meters if mm.id == meter)
            return f"needs {amount}{m.unit} {m.label}, has {values[slot]}"
    if action.requires is not None and not action.requires.fn(values, -1, -1):
        return unmet(scenario, values, action.requires)
    if action.per_turn and values[action.uses_slot] >= action.per_turn:
        times = "once" if action.per_turn == 1 else f"{action.per_turn} times"
        return f"already taken {times} this turn, the most it may be"
    if action.targeted and not targets(scenario, values, action):
        return "no region qualifies as a target"
    return ""


def unmet(scenario: Scenario, values, expr: Expr) -> str:
    """'requires us_air_support == 0 (now US air support 3)': the condition, and the values it reads.

    A trainee reads the condition as the author wrote it; the current values
    say how far off it is without opening the meters (when it reads a few).
    """
    text = f"requires {expr.text}"
    slots = reads(scenario, expr)
    if slots and len(slots) <= 3:
        names = scenario.slot_names
        now = ", ".join(
            f"{slot_label(scenario, names[i])} "
            + (faction_name(scenario, values[i]) if names[i].endswith(".control") else str(values[i]))
            for i in sorted(slots)
        )
        text += f" (now {now})"
    return text


def targets(scenario: Scenario, values, action: Action) -> list[str]:
    """The regions `action` may target now."""
    if not action.targeted:
        return []
    cond = action.target_if
    return [r.id for i, r in enumerate(scenario.regions) if cond is None or cond.fn(values, i, -1)]


def known_action(scenario: Scenario, decision: Act) -> ActionInfo:
    """The action an Act names, or MalformedDecision; also checks the Act's own fields."""
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


def target_index(scenario: Scenario, info: ActionInfo, decision: Act) -> int:
    """The target region's index (-1 for untargeted actions), or MalformedDecision."""
    action = info.action
    if not action.targeted:
        if decision.target is not None:
            raise MalformedDecision(f"'{action.id}' takes no target")
        return -1
    if decision.target is None:
        raise MalformedDecision(f"'{action.id}' needs a target region")
    index = scenario.region_index.get(decision.target) if type(decision.target) is str else None
    if index is None:
        raise MalformedDecision(f"unknown region '{decision.target}'")
    return index


def check_act(scenario: Scenario, values, info: ActionInfo, t: int, decision: Act) -> None:
    """IllegalDecision, with the reason, unless the acting faction may take this action now."""
    v = values
    if (
        (info.costs and not info.affordable(v))
        or (info.requires is not None and not info.requires(v, -1, -1))
        or (info.uses is not None and v[info.uses[0]] >= info.uses[1])
    ):
        raise IllegalDecision(f"'{info.action.name}' cannot be taken: {why_not(scenario, v, info.action)}")
    if info.target_if is not None and not info.target_if(v, t, -1):
        raise IllegalDecision(f"'{decision.target}' is not a valid target: {info.action.target_if.text}")
