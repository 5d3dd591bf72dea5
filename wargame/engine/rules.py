"""The rules: new_game, legal_decisions, odds, apply, outcome. Pure functions over GameState.

`apply` works on a private mutable copy of the parts it changes (`_Work`) and
freezes the result into a new GameState: callers only ever see immutable
states, and unchanged parts (the history, the discard pile) are shared.
"""

from __future__ import annotations

import hashlib

import attrs

from wargame.engine import events as ev
from wargame.engine.rng import below, seed_state
from wargame.engine.state import (
    FACILITATOR,
    Act,
    Bookmark,
    Choose,
    Decision,
    Delayed,
    GameState,
    IllegalDecision,
    InjectCard,
    MalformedDecision,
    Outcome,
    Override,
    Pass,
    Pending,
    Scheduled,
)
from wargame.scenario.expr.compile import DrawStmt, LogStmt, SetStmt, compile_statement
from wargame.scenario.expr.syntax import ExprError
from wargame.scenario.model import Action, Scenario

ARGUE_ODDS = {n: sum(1 for a in range(1, 7) for b in range(1, 7) if a + b + n >= 7) * 100 // 36 for n in range(-12, 13)}


@attrs.frozen
class Odds:
    """The chance of success in percent, with the terms it was computed from."""

    percent: int
    terms: tuple[tuple[str, int], ...]
    rolled: bool  # False when the outcome is certain (no chance, or a facilitator ruling)


# --- public API ----------------------------------------------------------------


def new_game(scenario: Scenario, seed: int | None = None, seats: dict[str, str] | None = None) -> GameState:
    """A new game at its first decision (turn 1's events already resolved)."""
    return begin(scenario, seed, seats)[0]


def begin(scenario: Scenario, seed: int | None = None, seats: dict[str, str] | None = None) -> tuple[GameState, list]:
    """`new_game`, with the events of turn 1 that were resolved before the first decision."""
    seed = scenario.seed if seed is None else seed
    state = GameState(
        values=scenario.initial, phase="events", pending=None, actor=0, actions_taken=0,
        deck=tuple(range(len(scenario.cards))), forced=(), discard=(), draws_left=scenario.cards_per_turn,
        fired=frozenset(), scheduled=(), delayed=(), rng=seed_state(seed), history=(scenario.initial,),
        outcome=None, step=0, seed=seed, seats=tuple(sorted((seats or {}).items())),
    )
    work = _Work(scenario, state)
    work.events.append(ev.TurnBegan(1))
    work.begin_events_phase()
    work.advance()
    return work.freeze(step=0), work.events


def pending(state: GameState) -> Pending | None:
    """Which faction must decide what, or None when the game is over."""
    return state.pending


def legal_decisions(scenario: Scenario, state: GameState) -> list[Decision]:
    """Every decision the pending faction may take now (facilitator acts are always allowed)."""
    p = state.pending
    if p is None:
        return []
    if p.kind == "choice":
        card = scenario.card(p.card)
        return [Choose(i) for i, o in enumerate(card.choice.options) if o.requires is None or o.requires(state.values)]
    out: list[Decision] = []
    for action in scenario.actions_of(p.faction):
        out.extend(_action_decisions(scenario, state.values, action))
    out.append(Pass())
    return out


def available_actions(scenario: Scenario, state: GameState, faction: str) -> list[tuple[Action, str]]:
    """Each action of `faction` with '' if it can be taken now, else the reason it cannot."""
    v = state.values
    out = []
    for action in scenario.actions_of(faction):
        out.append((action, why_not(scenario, v, action)))
    return out


def why_not(scenario: Scenario, values, action: Action) -> str:
    for meter, amount in action.cost:
        slot = scenario.meter_slot(action.faction, meter)
        if values[slot] - amount < scenario.slot_bounds[slot][0]:
            m = next(mm for mm in scenario.faction(action.faction).meters if mm.id == meter)
            return f"needs {amount}{m.unit} {m.label}, has {values[slot]}"
    if action.requires is not None and not action.requires(values):
        return f"requires {action.requires.text}"
    if action.targeted and not targets(scenario, values, action):
        return "no region qualifies as a target"
    return ""


def targets(scenario: Scenario, values, action: Action) -> list[str]:
    """The regions `action` may target now."""
    if not action.targeted:
        return []
    cond = action.target_if
    return [r.id for i, r in enumerate(scenario.regions) if cond is None or cond.fn(values, i, -1)]


def odds(scenario: Scenario, state: GameState, decision: Decision) -> Odds:
    """The chance that `decision` succeeds, computed before it is taken, with its terms."""
    if not isinstance(decision, Act):
        return Odds(100, (), False)
    action = _known_action(scenario, decision)
    t = _target_index(scenario, action, decision)
    return _odds(scenario, state.values, action, t, decision)


def apply(scenario: Scenario, state: GameState, decision: Decision) -> tuple[GameState, list]:
    """Take `decision`; returns the next state (at the next decision) and what happened."""
    if isinstance(decision, FACILITATOR):
        return _apply_facilitator(scenario, state, decision)
    if state.outcome is not None:
        raise IllegalDecision("the game is over")
    p = state.pending
    work = _Work(scenario, state)
    if isinstance(decision, Choose):
        if p.kind != "choice":
            raise IllegalDecision(f"{p.faction} must take an action, not answer a card")
        card = scenario.card(p.card)
        if not 0 <= decision.option < len(card.choice.options):
            raise MalformedDecision(f"card '{card.id}' has no option {decision.option}")
        option = card.choice.options[decision.option]
        if option.requires is not None and not option.requires(state.values):
            raise IllegalDecision(f"option '{option.label}' requires {option.requires.text}")
        work.events.append(ev.Chose(work.turn, p.faction, card.id, decision.option))
        work.run(option.effects, -1, f"choice:{card.id}")
        work.pending = None
    elif isinstance(decision, Pass):
        if p.kind != "action":
            raise IllegalDecision(f"{p.faction} must answer '{scenario.card(p.card).title}' first")
        work.events.append(ev.Passed(work.turn, p.faction, False))
        work.next_actor()
    elif isinstance(decision, Act):
        action = _known_action(scenario, decision)
        if p.kind != "action":
            raise IllegalDecision(f"{p.faction} must answer '{scenario.card(p.card).title}' first")
        if action.faction != p.faction:
            raise IllegalDecision(f"'{action.id}' belongs to {action.faction}, but {p.faction} is to act")
        t = _target_index(scenario, action, decision)
        reason = why_not(scenario, state.values, action)
        if reason:
            raise IllegalDecision(f"'{action.name}' cannot be taken: {reason}")
        if action.targeted and not (action.target_if is None or action.target_if.fn(state.values, t, -1)):
            raise IllegalDecision(f"'{decision.target}' is not a valid target: {action.target_if.text}")
        work.take_action(action, t, decision)
    else:
        raise MalformedDecision(f"not a decision: {decision!r}")
    work.advance()
    return work.freeze(step=state.step + 1), work.events


def outcome(state: GameState) -> Outcome | None:
    return state.outcome


def scores(scenario: Scenario, values) -> dict[str, int]:
    """Every faction's victory score for these values."""
    return {f.id: f.score(values) for f in scenario.factions}


def state_hash(state: GameState) -> str:
    """A digest of everything that decides the rest of the game (not the seats)."""
    parts = (
        state.values, state.phase, state.pending, state.actor, state.actions_taken, state.deck, state.forced,
        state.discard, state.draws_left, tuple(sorted(state.fired)), state.scheduled, state.delayed, state.rng,
        state.history, state.outcome, state.step,
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


# --- internals -----------------------------------------------------------------


def _known_action(scenario: Scenario, decision: Act) -> Action:
    try:
        return scenario.action(decision.action)
    except KeyError:
        raise MalformedDecision(f"unknown action '{decision.action}'") from None


def _target_index(scenario: Scenario, action: Action, decision: Act) -> int:
    if not action.targeted:
        if decision.target is not None:
            raise MalformedDecision(f"'{action.id}' takes no target")
        return -1
    if decision.target is None:
        raise MalformedDecision(f"'{action.id}' needs a target region")
    if decision.target not in scenario.region_index:
        raise MalformedDecision(f"unknown region '{decision.target}'")
    return scenario.region_index[decision.target]


def _action_decisions(scenario: Scenario, v, action: Action) -> list[Decision]:
    for meter, amount in action.cost:
        slot = scenario.meter_slot(action.faction, meter)
        if v[slot] - amount < scenario.slot_bounds[slot][0]:
            return []
    if action.requires is not None and not action.requires.fn(v, -1, -1):
        return []
    if not action.targeted:
        return [Act(action.id)]
    cond = action.target_if
    return [Act(action.id, r.id) for i, r in enumerate(scenario.regions) if cond is None or cond.fn(v, i, -1)]


def _odds(scenario: Scenario, v, action: Action, t: int, decision: Act) -> Odds:
    if decision.ruling in ("success", "failure"):
        return Odds(100 if decision.ruling == "success" else 0, (("facilitator's ruling", 0),), False)
    if decision.ruling == "argue":
        n = max(-12, min(12, decision.pro - decision.con))
        return Odds(ARGUE_ODDS[n], (("2d6 needs 7", 7), ("arguments for", decision.pro),
                                    ("arguments against", -decision.con)), True)
    if action.chance is None:
        return Odds(100, (), False)
    value = action.chance.fn(v, t, -1)
    terms = tuple((text, fn(v, t, -1)) for text, fn in action.chance_terms)
    return Odds(max(0, min(100, value)), terms, True)


def run_statements(scenario: Scenario, v: list, stmts, t: int, cause: str, events: list | None,
                   forced: list | None) -> None:
    """Apply effect statements to the value list `v` in place, clamping every change.

    Shared by the rules and by bots previewing an outcome (events and forced None),
    so a preview can never disagree with what the rules will do.
    """
    s, turn = scenario, v[0]
    bounds, base, stride = s.slot_bounds, s.symbols.region_base, s.symbols.stride
    for st in stmts:
        if type(st) is SetStmt:
            slot = st.slot if st.slot >= 0 else base + t * stride + st.attr
            value = st.value(v, t, -1)
            old = v[slot]
            wanted = value if st.op == "=" else old + value if st.op == "+=" else old - value
            lo, hi = bounds[slot]
            new = lo if wanted < lo else hi if wanted > hi else wanted
            v[slot] = new
            if events is not None and (new != old or (wanted != new and cause != "upkeep")):
                events.append(ev.Changed(turn, s.slot_names[slot], old, new, wanted, cause))
        elif type(st) is DrawStmt:
            if forced is not None:
                forced.insert(0, s.card_index[st.card])
            if events is not None:
                events.append(ev.CardQueued(turn, st.card, cause))
        elif type(st) is LogStmt and events is not None:
            events.append(ev.Logged(turn, st.message, cause))


class _Work:
    """The mutable scratch copy of a state while one decision is resolved."""

    def __init__(self, scenario: Scenario, state: GameState):
        self.s = scenario
        self.state = state
        self.v = list(state.values)
        self.phase = state.phase
        self.pending = state.pending
        self.actor = state.actor
        self.actions_taken = state.actions_taken
        self.deck = state.deck
        self.forced = list(state.forced)
        self.discard = state.discard
        self.draws_left = state.draws_left
        self.fired = state.fired
        self.scheduled = state.scheduled
        self.delayed = state.delayed
        self.rng = state.rng
        self.history = state.history
        self.outcome = state.outcome
        self.events: list = []

    @property
    def turn(self) -> int:
        return self.v[0]

    def freeze(self, step: int) -> GameState:
        return GameState(
            values=tuple(self.v), phase=self.phase, pending=self.pending, actor=self.actor,
            actions_taken=self.actions_taken, deck=self.deck, forced=tuple(self.forced), discard=self.discard,
            draws_left=self.draws_left, fired=self.fired, scheduled=self.scheduled, delayed=self.delayed,
            rng=self.rng, history=self.history, outcome=self.outcome, step=step, seed=self.state.seed,
            seats=self.state.seats,
        )

    def roll(self, n: int) -> int:
        self.rng, x = below(self.rng, n)
        return x

    def run(self, stmts, t: int, cause: str) -> None:
        run_statements(self.s, self.v, stmts, t, cause, self.events, self.forced)

    # phases ----------------------------------------------------------------
    def begin_events_phase(self) -> None:
        """Fire the injects due this turn, then let `advance` draw the turn's cards."""
        self.phase = "events"
        self.draws_left = self.s.cards_per_turn
        turn = self.turn
        due = [sc.card for sc in self.scheduled if sc.turn == turn]
        if due:
            self.scheduled = tuple(sc for sc in self.scheduled if sc.turn != turn)
        fired = set(self.fired)
        for i, inj in enumerate(self.s.injects):
            if i in fired:
                continue
            if inj.turn is not None and (turn < inj.turn or (inj.when is None and turn != inj.turn)):
                continue
            if inj.when is not None and not inj.when.fn(self.v, -1, -1):
                continue
            fired.add(i)
            due.append(self.s.card_index[inj.card])
        self.fired = frozenset(fired)
        self.forced = due + self.forced
        self.draws_left = max(self.draws_left, len(due))

    def draw(self) -> None:
        s = self.s
        if self.forced:
            index = self.forced.pop(0)
            forced = True
        else:
            eligible = [c for c in self.deck if s.cards[c].weight > 0 and
                        (s.cards[c].when is None or s.cards[c].when.fn(self.v, -1, -1))]
            if not eligible:
                self.events.append(ev.NoCard(self.turn))
                return
            total = sum(s.cards[c].weight for c in eligible)
            pick = self.roll(total)
            for index in eligible:
                pick -= s.cards[index].weight
                if pick < 0:
                    break
            forced = False
        if index in self.deck:
            self.deck = tuple(c for c in self.deck if c != index)
        self.discard = (*self.discard, index)
        card = s.cards[index]
        self.events.append(ev.CardDrawn(self.turn, card.id, forced))
        self.run(card.effects, -1, f"card:{card.id}")
        if card.choice is not None:
            offered = [o for o in card.choice.options if o.requires is None or o.requires(self.v)]
            if offered:
                self.pending = Pending("choice", card.choice.faction, card.id)
            else:
                self.events.append(ev.ChoiceSkipped(self.turn, card.choice.faction, card.id))

    def advance(self) -> None:
        """Run the rules forward until someone must decide, or the game ends."""
        s = self.s
        while self.pending is None and self.outcome is None:
            if self.phase == "events":
                if self.draws_left > 0:
                    self.draws_left -= 1
                    self.draw()
                    continue
                self.phase = "actions"
                self.actor, self.actions_taken = 0, 0
                self.events.append(ev.PhaseBegan(self.turn, "actions"))
            if self.phase == "actions":
                if self.actor >= len(s.order):
                    self.upkeep()
                    continue
                fid = s.order[self.actor]
                if self.actions_taken >= s.faction(fid).actions_per_turn:
                    self.actor, self.actions_taken = self.actor + 1, 0
                    continue
                if any(_action_decisions(s, self.v, a) for a in s.actions_of(fid)):
                    self.pending = Pending("action", fid)
                else:
                    if s.actions_of(fid):
                        self.events.append(ev.Passed(self.turn, fid, True))
                    self.actor, self.actions_taken = self.actor + 1, 0

    def next_actor(self) -> None:
        self.actor, self.actions_taken, self.pending = self.actor + 1, 0, None

    def take_action(self, action: Action, t: int, decision: Act) -> None:
        s, turn, fid = self.s, self.turn, action.faction
        target = s.regions[t].id if t >= 0 else None
        self.events.append(ev.ActionTaken(turn, fid, action.id, target))
        cause = f"action:{action.id}"
        for meter, amount in action.cost:
            slot = s.meter_slot(fid, meter)
            old = self.v[slot]
            self.v[slot] = old - amount
            self.events.append(ev.Changed(turn, s.slot_names[slot], old, old - amount, old - amount, cause))
        odds = _odds(s, self.v, action, t, decision)
        if decision.ruling in ("success", "failure"):
            success = decision.ruling == "success"
            self.events.append(ev.Ruled(turn, fid, action.id, success, decision.reason))
        elif decision.ruling == "argue":
            total = self.roll(6) + self.roll(6) + 2 + decision.pro - decision.con
            success = total >= 7
            self.events.append(ev.Rolled(turn, fid, action.id, odds.percent, total, success, "2d6"))
        elif odds.rolled:
            roll = self.roll(100) + 1
            success = roll <= odds.percent
            self.events.append(ev.Rolled(turn, fid, action.id, odds.percent, roll, success))
        else:
            success = True
        if action.delay:
            due = turn + action.delay
            self.delayed = (*self.delayed, Delayed(due, fid, action.id, t, success))
            self.events.append(ev.OutcomeScheduled(turn, action.id, due, success))
        else:
            self.run(action.success if success else action.failure, t, cause)
        self.actions_taken += 1
        self.pending = None

    def upkeep(self) -> None:
        s, turn = self.s, self.turn
        self.events.append(ev.PhaseBegan(turn, "upkeep"))
        self.run(s.upkeep, -1, "upkeep")
        landing = [d for d in self.delayed if d.due == turn]
        if landing:
            self.delayed = tuple(d for d in self.delayed if d.due != turn)
            for d in landing:
                action = s.action(d.action)
                self.events.append(ev.OutcomeLanded(turn, d.action, d.success))
                self.run(action.success if d.success else action.failure, d.target, f"delayed:{d.action}")
        self.check_victory()
        if self.outcome is None:
            self.v[0] = turn + 1
            self.history = (*self.history, tuple(self.v))
            self.events.append(ev.TurnBegan(turn + 1))
            self.begin_events_phase()

    def check_victory(self) -> None:
        s, turn = self.s, self.turn
        sc = [(f.id, f.score(self.v)) for f in s.factions]
        reached = [(fid, x) for (fid, x), f in zip(sc, s.factions) if f.threshold is not None and x >= f.threshold]
        if reached:
            pool, reason = reached, "threshold"
        elif turn >= s.turns:
            pool, reason = sc, "final"
        else:
            return
        best = max(x for _, x in pool)
        top = tuple(fid for fid, x in pool if x == best)
        others = [x for fid, x in sc if fid not in top]
        margin = best - max(others) if others else 0
        winner = top[0] if len(top) == 1 else None
        self.outcome = Outcome(winner, reason, turn, tuple(sc), margin, top if winner is None else ())
        self.phase, self.pending = "over", None
        self.events.append(ev.GameOver(turn, winner, reason, margin))


def _apply_facilitator(scenario: Scenario, state: GameState, decision) -> tuple[GameState, list]:
    work = _Work(scenario, state)
    turn = work.turn
    if isinstance(decision, Bookmark):
        work.events.append(ev.Bookmarked(turn, decision.note))
        return work.freeze(step=state.step + 1), work.events
    if state.outcome is not None:
        raise IllegalDecision("the game is over")
    if not decision.reason.strip():
        raise MalformedDecision("a facilitator act needs a reason")
    if isinstance(decision, Override):
        try:
            stmt = compile_statement(decision.statement, scenario.symbols, False)
        except ExprError as exc:
            raise MalformedDecision(f"'{decision.statement}': {exc.message}") from None
        work.events.append(ev.Overridden(turn, decision.statement, decision.reason))
        work.run((stmt,), -1, "override")
    elif isinstance(decision, InjectCard):
        if decision.card not in scenario.card_index:
            raise MalformedDecision(f"unknown card '{decision.card}'")
        index = scenario.card_index[decision.card]
        work.events.append(ev.Injected(turn, decision.card, decision.reason, decision.turn))
        if decision.turn is not None:
            if not turn < decision.turn <= scenario.turns:
                raise IllegalDecision(f"turn {decision.turn} is not a later turn of this game")
            work.scheduled = (*work.scheduled, Scheduled(decision.turn, index))
        else:
            if state.pending is not None and state.pending.kind == "choice":
                raise IllegalDecision("answer the pending card first")
            saved = work.pending
            work.pending = None
            work.forced.insert(0, index)
            work.draw()
            if work.pending is None:
                work.pending = saved
    return work.freeze(step=state.step + 1), work.events
