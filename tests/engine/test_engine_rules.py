"""The turn sequence, step by step, on a small scenario built to exercise each rule (sequence.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_helpers import check_step

from wargame import engine as E
from wargame.engine import events as ev
from wargame.scenario import load_scenario

S = load_scenario(Path(__file__).with_name("sequence.yaml"))[0]


def v(state, slot):
    return state.values[S.slot_index[slot]]


def go(state, *decisions):
    """Apply decisions, checking the invariants on each; returns the state and all events."""
    events = []
    for d in decisions:
        after, evs = E.apply(S, state, d)
        check_step(S, state, d, after, evs)
        state = after
        events += evs
    return state, events


def kinds(events, kind):
    return [e for e in events if isinstance(e, kind)]


def to_turn(turn, state=None):
    """Pass everyone until `turn` begins, answering any card choice with its first open option."""
    state = state or E.new_game(S, 1)
    while state.turn < turn and state.outcome is None:
        legal = E.legal_decisions(S, state)
        state, _ = go(state, legal[0] if state.pending.kind == "choice" else E.Pass())
    return state


# --- events phase ------------------------------------------------------------------


def test_a_turn_opens_with_one_weighted_draw_among_eligible_cards():
    state, events = E.begin(S, 1)
    assert isinstance(events[0], ev.TurnBegan) and events[0].turn == 1
    drawn = kinds(events, ev.CardDrawn)
    assert len(drawn) == 1 and not drawn[0].forced
    assert isinstance(events[-1], ev.PhaseBegan) and events[-1].phase == "actions"
    assert state.pending == E.Pending("action", "red")
    counts = {c.id: 0 for c in S.cards}
    for seed in range(600):
        _, evs = E.begin(S, seed)
        counts[kinds(evs, ev.CardDrawn)[0].card] += 1
    assert counts["never"] == 0, "a card whose 'when' fails is never drawn"
    assert counts["offer"] == 0, "a weight-0 card is only ever forced"
    assert 0.65 < counts["crisis"] / 600 < 0.85, "weight 3 against 1 is drawn about three times in four"


def test_an_inject_comes_first_and_its_choice_waits_for_the_named_faction():
    state, events = go(to_turn(1), E.Pass(), E.Pass())
    assert state.turn == 2 and state.pending == E.Pending("choice", "blue", "offer")
    assert [e.card for e in kinds(events, ev.CardDrawn)] == ["offer"] and kinds(events, ev.CardDrawn)[0].forced
    assert E.legal_decisions(S, state) == [E.Choose(0), E.Choose(2)]  # 'Refuse' requires tension >= 9
    reasons = [why for _, why in E.available_options(S, state, "offer")]
    assert reasons[0] == reasons[2] == "" and reasons[1] == "requires Tension at least 9 (now 1)"
    with pytest.raises(E.IllegalDecision, match="requires"):
        E.apply(S, state, E.Choose(1))
    with pytest.raises(E.MalformedDecision):
        E.apply(S, state, E.Choose(3))
    with pytest.raises(E.IllegalDecision, match="answer 'Offer' first"):
        E.apply(S, state, E.Pass())
    after, events = go(state, E.Choose(2))
    assert v(after, "blue.cash") == v(state, "blue.cash") + 2
    assert kinds(events, ev.Chose)[0].option == 2
    assert not kinds(events, ev.CardDrawn), "the inject took the turn's one draw"
    assert after.pending == E.Pending("action", "red")


# --- actions phase -----------------------------------------------------------------


def test_factions_act_in_order_up_to_their_actions_per_turn():
    state = E.new_game(S, 1)
    state, _ = go(state, E.Act("spend"))
    assert state.pending.faction == "red" and state.actions_taken == 1
    state, _ = go(state, E.Act("invest"))
    assert state.pending.faction == "blue", "red's two actions are used up"
    with pytest.raises(E.IllegalDecision, match="belongs to red"):
        E.apply(S, state, E.Act("spend"))
    state, events = go(state, E.Act("save"))
    assert state.turn == 2 and kinds(events, ev.PhaseBegan)[0].phase == "upkeep"


def test_a_cost_is_paid_and_an_unaffordable_action_is_neither_offered_nor_allowed():
    state, events = go(E.new_game(S, 1), E.Act("spend"), E.Act("spend"))
    assert v(state, "red.cash") == 10 - 8  # blue is now pending
    state = to_turn(2, state)
    state, _ = go(state, E.Choose(0))
    assert E.Act("spend") not in E.legal_decisions(S, state)
    with pytest.raises(E.IllegalDecision, match="needs 4"):
        E.apply(S, state, E.Act("spend"))
    reasons = dict((a.id, why) for a, why in E.available_actions(S, state, "red"))
    assert reasons["spend"].startswith("needs 4") and reasons["invest"] == ""


def test_requires_and_target_if_decide_what_is_offered():
    state = E.new_game(S, 1)
    legal = E.legal_decisions(S, state)
    assert E.Act("gated") not in legal and E.Act("attack", "south") in legal
    assert [d for d in legal if isinstance(d, E.Act) and d.action == "attack"] == [E.Act("attack", "south")]
    with pytest.raises(E.IllegalDecision, match=r"requires Tension at least 5 \(now 0\)"):
        E.apply(S, state, E.Act("gated"))
    why = dict((a.id, why) for a, why in E.available_actions(S, state, "red"))["gated"]
    assert why == "requires Tension at least 5 (now 0)", "only the failing part, in labels, with its value now"
    with pytest.raises(E.IllegalDecision, match="not a valid target"):
        E.apply(S, state, E.Act("attack", "north"))
    state, _ = go(state, E.Override("tension = 5", "test"))
    assert E.Act("gated") in E.legal_decisions(S, state)


def test_the_odds_shown_are_the_odds_rolled_even_when_the_chance_reads_the_cost():
    state, _ = go(E.new_game(S, 1), E.Override("tension = 6", "test"))
    shown = E.odds(S, state, E.Act("attack", "south"))
    assert shown.rolled and shown.percent == 50 + 60 - 5 * 10  # before paying 1 cash
    assert [t for _, t in shown.terms] == [50, 60, -50]
    after, events = go(state, E.Act("attack", "south"))
    (rolled,) = kinds(events, ev.Rolled)
    assert rolled.chance == shown.percent and rolled.success == (rolled.roll <= shown.percent)
    assert v(after, "red.cash") == 9


def test_per_turn_limits_an_action_and_starts_afresh_each_turn():
    state, _ = go(E.new_game(S, 1), E.Act("invest"))  # invest: per_turn 1, and red has two actions
    assert state.pending.faction == "red" and E.Act("invest") not in E.legal_decisions(S, state)
    why = dict((a.id, why) for a, why in E.available_actions(S, state, "red"))["invest"]
    assert why == "already taken once this turn, the most it may be"
    with pytest.raises(E.IllegalDecision, match="already taken once"):
        E.apply(S, state, E.Act("invest"))
    state, _ = go(state, E.Pass(), E.Pass())  # checked step by step: the count is reset as turn 2 begins
    state = to_turn(2, state)
    if state.pending.kind == "choice":
        state, _ = go(state, E.Choose(0))
    assert state.pending == E.Pending("action", "red") and E.Act("invest") in E.legal_decisions(S, state)


def test_a_delayed_outcome_lands_in_a_later_upkeep_after_the_upkeep_statements():
    state, events = go(E.new_game(S, 1), E.Act("invest"), E.Pass(), E.Pass())
    (scheduled,) = kinds(events, ev.ResultScheduled)
    assert scheduled.due == 2 and not kinds(events, ev.ResultLanded)
    assert v(state, "red.cash") == 10 and state.delayed
    state = to_turn(3, state)
    assert v(state, "red.cash") == 30 and not state.delayed


def test_upkeep_order_is_statements_then_delayed_outcomes():
    state, _ = go(E.new_game(S, 1), E.Act("invest"), E.Pass(), E.Pass())
    state = to_turn(2, state)
    state, _ = go(state, *([E.Choose(0)] if state.pending.kind == "choice" else []))
    _, events = go(state, E.Pass(), E.Pass())
    names = [type(e).__name__ for e in events]
    upkeep = names.index("PhaseBegan", names.index("Passed"))
    tension = next(i for i, e in enumerate(events) if isinstance(e, ev.Changed) and e.slot == "tension")
    landed = names.index("ResultLanded")
    assert upkeep < tension < landed < names.index("TurnBegan")


# --- victory -------------------------------------------------------------------------


def test_reaching_a_threshold_wins_at_the_end_of_the_turn_with_the_points_past_it():
    state, events = go(E.new_game(S, 1), E.Override("red.points = 70", "test"))
    assert state.outcome is None, "victory is checked in upkeep, not mid-turn"
    state, events = go(state, E.Pass(), E.Pass())
    o = state.outcome
    assert (o.winner, o.reason, o.turn, o.margin, o.tied) == ("red", "threshold", 1, 10, ())
    assert state.pending is None and state.phase == "over" and state.turn == 1
    assert "past it" in E.describe(kinds(events, ev.GameOver)[0], S)


def test_two_factions_at_their_thresholds_with_equal_scores_is_a_draw():
    state, _ = go(
        E.new_game(S, 1), E.Override("red.points = 65", "t"), E.Override("blue.points = 65", "t"), E.Pass(), E.Pass()
    )
    o = state.outcome
    assert (o.winner, o.reason, o.margin, o.tied) == (None, "threshold", 0, ("red", "blue"))


def test_after_the_last_turn_the_highest_score_wins_by_its_lead():
    state, _ = go(to_turn(3), E.Override("red.points = 20", "t"), E.Override("blue.points = 32", "t"))
    state, events = go(state, E.Pass(), E.Pass())
    o = state.outcome
    assert (o.winner, o.reason, o.turn, o.margin) == ("blue", "final", 3, 12)
    assert dict(o.scores) == {"red": 20, "blue": 32} and state.turn == S.turns


def test_equal_top_scores_after_the_last_turn_are_a_draw():
    state, _ = go(to_turn(3), E.Override("red.points = 20", "t"), E.Override("blue.points = 20", "t"))
    state, events = go(state, E.Pass(), E.Pass())
    o = state.outcome
    assert (o.winner, o.margin, o.tied) == (None, 0, ("red", "blue"))
    assert E.describe(kinds(events, ev.GameOver)[0], S) == "The game ends in a draw"
