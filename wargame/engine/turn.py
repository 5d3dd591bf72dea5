"""The turn sequence: events, actions, upkeep, victory, run on a scratch copy of one state.

`Turn` holds the parts of a state that one decision may change. It copies
nothing up front: the values tuple becomes a list only on the first change,
and the deck, discard pile, history and the rest are shared with the old
state until a phase replaces them. `freeze` turns it back into a GameState.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from wargame.engine import events as ev
from wargame.engine import orders
from wargame.engine.effects import run_statements
from wargame.engine.lapse import lapse
from wargame.engine.legal import Tables, legal_for, offered_options, tables
from wargame.engine.rng import below
from wargame.engine.rule import ARGUE_ODDS, ActionRule
from wargame.engine.state import Act, Delayed, EndReason, GameState, Outcome, PendingKind, StateFields, sealed
from wargame.scenario.expr.statements import Stmt
from wargame.scenario.layout import NO_REGION, NO_TARGET
from wargame.scenario.model import Scenario

__all__ = ["ARGUE_ODDS", "Turn"]


class Turn:
    """The mutable scratch copy of a state while one decision is resolved."""

    __slots__ = (
        "actions_taken",
        "actor",
        "deck",
        "delayed",
        "discard",
        "draws_left",
        "events",
        "ex",
        "fired",
        "forced",
        "history",
        "outcome",
        "pending",
        "phase",
        "rng",
        "s",
        "scheduled",
        "state",
        "t",
        "v",
    )

    def __init__(self, scenario: Scenario, state: GameState, t: Tables | None = None):
        self.s = scenario
        self.t: Tables = tables(scenario) if t is None else t  # (apply has them at hand)
        self.state = state
        self.v: tuple[int, ...] | list[int] = state.values  # a tuple until the first change
        self.phase = state.phase
        self.pending = state.pending
        self.actor = state.actor
        self.actions_taken = state.actions_taken
        self.deck = state.deck
        self.forced: tuple[int, ...] | list[int] = state.forced
        self.discard = state.discard
        self.draws_left = state.draws_left
        self.fired = state.fired
        self.scheduled = state.scheduled
        self.delayed = state.delayed
        self.rng = state.rng
        self.history = state.history
        self.outcome = state.outcome
        self.ex = state.ex
        self.events: list[ev.Event] = []

    @property
    def turn(self) -> int:
        return self.v[0]

    def mut(self) -> list[int]:
        """The values as a list to change in place (copied from the tuple once per decision)."""
        v = self.v
        if isinstance(v, list):
            return v
        w = self.v = list(v)
        return w

    def frozen_values(self) -> tuple[int, ...]:
        v = self.v
        if isinstance(v, tuple):
            return v
        w = self.v = tuple(v)
        return w

    def forced_list(self) -> list[int]:
        f = self.forced
        if isinstance(f, list):
            return f
        g = self.forced = list(f)
        return g

    def freeze(self, step: int) -> GameState:
        st = self.state
        forced = self.forced
        fields = StateFields(
            self.frozen_values(),
            self.phase,
            self.pending,
            self.actor,
            self.actions_taken,
            self.deck,
            forced if isinstance(forced, tuple) else tuple(forced),
            self.discard,
            self.draws_left,
            self.fired,
            self.scheduled,
            self.delayed,
            self.rng,
            self.history,
            self.outcome,
            step,
            st.seed,
            st.seats,
            self.ex,
        )
        return sealed(fields)

    def roll(self, n: int) -> int:
        self.rng, x = below(self.rng, n)
        return x

    def run(self, stmts: Sequence[Stmt], t: int, cause: ev.Cause) -> None:
        if stmts:
            run_statements(self.s, self.mut(), stmts, t, cause, self.events, self.forced_list())

    # events phase ---------------------------------------------------------------
    def begin_events_phase(self) -> None:
        """Put this turn's injects (scheduled by the facilitator, then the scenario's) on top of the deck."""
        self.phase = "events"
        turn = self.turn
        due = [sc.card for sc in self.scheduled if sc.turn == turn]
        if due:
            self.scheduled = tuple(sc for sc in self.scheduled if sc.turn != turn)
        fired = None
        for i, inj in enumerate(self.s.injects):
            if i in self.fired:
                continue
            if inj.turn is not None and (turn < inj.turn or (inj.when is None and turn != inj.turn)):
                continue
            if inj.when is not None and not inj.when.fn(self.v, NO_TARGET, NO_REGION):
                continue
            fired = fired or set(self.fired)
            fired.add(i)
            due.append(self.s.card_index[inj.card])
        if fired is not None:
            self.fired = frozenset(fired)
        if due:
            self.forced = due + list(self.forced)
        self.draws_left = max(self.s.cards_per_turn, len(due))

    def draw(self) -> None:
        """Draw one card: the top forced card, else a weighted pick among the eligible ones."""
        s = self.s
        if self.forced:
            index = self.forced_list().pop(0)
            forced = True
        else:
            ok = self.t.drawable(self.v)
            cards = [c for c in self.deck if ok[c]]
            if not cards:
                self.events.append(ev.NoCard(self.turn))
                return
            # the card where the running total of weights first passes the roll (legal.eligible, in C)
            running = list(accumulate(map(self.t.weights.__getitem__, cards)))
            index = cards[bisect_right(running, self.roll(running[-1]))]
            forced = False
        deck = self.deck
        if index in deck:  # a card is in the deck once (a forced card may be out of it already)
            at = deck.index(index)
            self.deck = deck[:at] + deck[at + 1 :]
        self.discard = (*self.discard, index)
        card = s.cards[index]
        self.events.append(ev.CardDrawn(self.turn, card.id, forced))
        self.run(card.effects, NO_TARGET, self.t.card_cause[index])
        if card.choice is not None:
            if offered_options(s, card.id, self.v):
                self.pending = self.t.choice_pending[card.id]
            else:
                self.events.append(ev.ChoiceSkipped(self.turn, card.choice.faction, card.id))

    # the loop -------------------------------------------------------------------
    def advance(self) -> None:
        """Run the rules forward until someone must decide, or the game ends."""
        s, t = self.s, self.t
        order, apt = t.order, t.apt
        while self.pending is None and self.outcome is None:
            if self.phase == "events":
                if self.draws_left > 0:
                    self.draws_left -= 1
                    self.draw()
                    continue
                if s.simultaneous:  # orders.py: collected from every faction, then resolved together
                    orders.begin(self)
            if self.phase == "orders":
                orders.advance(self)
                continue
            if self.phase == "events":
                self.phase, self.actor, self.actions_taken = "actions", 0, 0
                self.events.append(ev.PhaseBegan(self.turn, "actions"))
            actor = self.actor
            if actor >= len(order):
                self.upkeep()
                continue
            if self.actions_taken >= apt[actor]:
                self.actor, self.actions_taken = actor + 1, 0
                continue
            fid = order[actor]
            p = t.pending_action[fid]
            if len(legal_for(s, t, p, self.frozen_values())) > 1:  # more than Pass
                self.pending = p
            else:
                if t.by_faction[fid]:
                    self.events.append(ev.Passed(self.turn, fid, True))
                self.actor, self.actions_taken = actor + 1, 0

    def next_actor(self) -> None:
        self.actor, self.actions_taken, self.pending = self.actor + 1, 0, None

    def settle(self) -> None:
        """After a facilitator changed the game: re-decide who is pending under the new values."""
        p = self.pending
        if p is not None and p.kind is PendingKind.CHOICE and p.card is not None:
            if offered_options(self.s, p.card, self.v):
                return
            self.events.append(ev.ChoiceSkipped(self.turn, p.faction, p.card))
        self.pending = None
        self.advance()

    # actions phase --------------------------------------------------------------
    def take_action(self, rule: ActionRule, t: int, decision: Act) -> None:
        """Roll on the odds before the cost (as shown), pay, then apply or schedule the outcome."""
        s, turn, action = self.s, self.turn, rule.action
        fid, ruling, events = action.faction, decision.ruling, self.events
        events.append(ev.ActionTaken(turn, fid, action.id, s.regions[t].id if t >= 0 else None))
        percent = rule.percent(self.v, t) if ruling is None else -1
        if rule.costs or rule.uses is not None:
            rule.pay(self.mut(), events)
        if ruling is None:
            if percent < 0:
                success = True
            else:
                roll = self.roll(100) + 1
                success = roll <= percent
                events.append(ev.Rolled(turn, fid, action.id, percent, roll, success))
        elif ruling == "argue":
            total = self.roll(6) + self.roll(6) + 2 + decision.pro - decision.con
            success = total >= 7
            events.append(
                ev.Rolled(turn, fid, action.id, ARGUE_ODDS[decision.pro - decision.con], total, success, "2d6")
            )
        else:
            success = ruling == "success"
            events.append(ev.Ruled(turn, fid, action.id, success, decision.reason))
        if action.delay:
            due = turn + action.delay
            self.delayed = (*self.delayed, Delayed(due, fid, action.id, t, success))
            events.append(ev.ResultScheduled(turn, action.id, due, success))
        else:
            self.run(action.success if success else action.failure, t, rule.cause)
        self.actions_taken += 1
        self.pending = None

    # upkeep and victory ---------------------------------------------------------
    def upkeep(self) -> None:
        s, turn = self.s, self.turn
        self.events.append(ev.PhaseBegan(turn, "upkeep"))
        if self.ex.deals or self.ex.proposals:  # unanswered offers, undecided proposals: lapse.py
            self.ex = lapse(self.ex, turn, self.events)
        self.run(s.upkeep, NO_TARGET, ev.UPKEEP)
        landing = [d for d in self.delayed if d.due == turn]
        if landing:
            self.delayed = tuple(d for d in self.delayed if d.due != turn)
            for d in landing:
                action = s.action(d.action)
                self.events.append(ev.ResultLanded(turn, d.action, d.success))
                self.run(
                    action.success if d.success else action.failure,
                    d.target,
                    self.t.delayed_cause[d.action],
                )
        self.check_victory()
        if self.outcome is None:
            v = self.mut()
            v[0] = turn + 1
            for slot in self.t.uses_slots:  # per-turn limits start afresh
                v[slot] = 0
            start = self.frozen_values()  # shared by the history and the next state
            self.history = (*self.history, start)
            self.events.append(ev.TurnBegan(turn + 1))
            self.begin_events_phase()

    def check_victory(self) -> None:
        """Sudden victory at a threshold, else final scoring after the last turn; a tie is a draw."""
        s, turn, v = self.s, self.turn, self.v
        sc = tuple([(fid, score(v, NO_TARGET, NO_REGION)) for fid, score, _ in self.t.scorers])
        reached = [
            (fid, x, threshold)
            for (fid, x), (_, _, threshold) in zip(sc, self.t.scorers, strict=True)
            if threshold is not None and x >= threshold
        ]
        if reached:
            best = max(x for _, x, _ in reached)
            top = [(fid, x - th) for fid, x, th in reached if x == best]
            reason = EndReason.THRESHOLD
            margin = top[0][1] if len(top) == 1 else 0  # how far past its threshold
        elif turn >= s.turns:
            best = max(x for _, x in sc)
            top = [(fid, 0) for fid, x in sc if x == best]
            reason = EndReason.FINAL
            others = [x for _, x in sc if x != best]
            margin = best - max(others) if len(top) == 1 and others else 0  # lead over the runner-up
        else:
            return
        winner = top[0][0] if len(top) == 1 else None
        tied = () if winner is not None else tuple(fid for fid, _ in top)
        self.outcome = Outcome(winner, reason, turn, sc, margin, tied)
        self.phase, self.pending = "over", None
        self.events.append(ev.GameOver(turn, winner, reason, margin))
