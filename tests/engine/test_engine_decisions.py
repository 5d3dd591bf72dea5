"""Decisions as data: malformed vs illegal, the facilitator's acts and rulings, the codec round trip."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from engine_helpers import check_step
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame import engine as E
from wargame.engine import events as ev
from wargame.engine.codec import from_dict, to_dict
from wargame.engine.rng import below
from wargame.scenario import load_scenario

S = load_scenario(Path(__file__).with_name("sequence.yaml"))[0]


def go(state, *decisions):
    events = []
    for d in decisions:
        after, evs = E.apply(S, state, d)
        check_step(S, state, d, after, evs)
        state, events = after, events + evs
    return state, events


def over_state():
    state, _ = go(E.new_game(S, 1), E.Override("red.points = 99", "end it"), E.Pass(), E.Pass())
    assert state.outcome is not None
    return state


# --- malformed vs illegal ------------------------------------------------------------

MALFORMED = [
    E.Act("no_such_action"),
    E.Act("attack"),  # needs a target
    E.Act("attack", "atlantis"),
    E.Act("spend", "north"),  # takes no target
    E.Act(5),  # type: ignore[arg-type]
    E.Act("spend", ruling="maybe"),
    E.Act("spend", ruling="argue", pro=-1),
    E.Act("spend", ruling="argue", con=13),
    E.Act("spend", ruling="success", pro=2),
    E.Act("spend", pro=1),
    E.Choose("0"),  # type: ignore[arg-type]
    E.Choose(True),  # type: ignore[arg-type]
    E.Override("tension = ", "why"),
    E.Override("turn = 3", "why"),
    E.Override("nonsense.meter = 1", "why"),
    E.Override("tension = 1", "  "),
    E.Override("(" * 5000 + "1" + ")" * 5000, "deep"),
    E.InjectCard("no_such_card", "why"),
    E.InjectCard("calm", ""),
    E.InjectCard("calm", "why", turn="2"),  # type: ignore[arg-type]
    E.Bookmark(""),
    "pass",
    None,
    {"pass": True},
]


@pytest.mark.parametrize("decision", MALFORMED, ids=repr)
def test_malformed_decisions_are_refused_as_malformed_at_any_moment(decision):
    for state in (E.new_game(S, 1), over_state()):
        with pytest.raises(E.MalformedDecision):
            E.apply(S, state, decision)


def test_a_card_option_that_does_not_exist_is_malformed():
    state, _ = go(E.new_game(S, 1), E.Pass(), E.Pass())
    for option in (-1, 3, 10**9):
        with pytest.raises(E.MalformedDecision):
            E.apply(S, state, E.Choose(option))


@pytest.mark.parametrize(
    "decision, why",
    [
        (E.Act("save"), "belongs to blue"),  # not your turn
        (E.Act("gated"), "requires"),
        (E.Act("attack", "east"), "not a valid target"),
        (E.Choose(0), "no card choice is open"),
        (E.InjectCard("calm", "why", turn=1), "not a later turn"),
        (E.InjectCard("calm", "why", turn=4), "not a later turn"),
    ],
)
def test_well_formed_decisions_not_allowed_now_are_illegal(decision, why):
    with pytest.raises(E.IllegalDecision, match=why):
        E.apply(S, E.new_game(S, 1), decision)


def test_cannot_afford_is_illegal_and_names_what_is_missing():
    state, _ = go(E.new_game(S, 1), E.Override("red.cash = 3", "broke"))
    with pytest.raises(E.IllegalDecision, match=r"needs 4 Cash \(has 3\)"):
        E.apply(S, state, E.Act("spend"))


@pytest.mark.parametrize(
    "decision",
    [
        E.Pass(),
        E.Act("spend"),
        E.Choose(0),
        E.Override("tension = 1", "x"),
        E.InjectCard("calm", "x"),
        E.InjectCard("calm", "x", turn=3),
    ],
)
def test_nothing_but_a_bookmark_is_allowed_once_the_game_is_over(decision):
    state = over_state()
    with pytest.raises(E.IllegalDecision, match="over"):
        E.apply(S, state, decision)
    after, events = E.apply(S, state, E.Bookmark("debrief: why did red win?"))
    assert isinstance(events[0], ev.Bookmarked) and after.step == state.step + 1


def test_a_refused_decision_leaves_the_state_as_it_was():
    state = E.new_game(S, 1)
    before = E.state_hash(state)
    for d in [*MALFORMED, E.Act("save")]:
        with pytest.raises(E.DecisionError):
            E.apply(S, state, d)
    assert E.state_hash(state) == before


# --- the facilitator -----------------------------------------------------------------


def test_override_changes_a_value_with_an_event_and_a_reason():
    state = E.new_game(S, 1)
    after, events = go(state, E.Override("south.control = none", "ceasefire"))
    assert isinstance(events[0], ev.Overridden) and events[0].reason == "ceasefire"
    change = events[1]
    assert (change.slot, change.old, change.new, change.cause) == ("south.control", 1, -1, "override")
    assert E.Act("attack", "south") not in E.legal_decisions(S, after)
    after, events = go(state, E.Override("red.cash -= 100", "seized"))
    assert after.values[S.slot_index["red.cash"]] == 0 and events[1].wanted == -90, "clamped, and the clamp shown"


def test_override_that_leaves_the_faction_nothing_to_do_passes_it():
    state, _ = go(E.new_game(S, 1), E.Override("red.cash = 0", "broke"), E.Override("south.control = red", "x"))
    assert state.pending.faction == "red", "invest needs no cash: red can still act"
    state, events = go(state, E.Override("tension = 9", "war"))
    assert state.pending.faction == "blue"
    assert [(e.faction, e.forced) for e in events if isinstance(e, ev.Passed)] == [("red", True)]


def test_inject_now_resolves_the_card_and_its_choice_before_play_goes_on():
    state = E.new_game(S, 1)
    after, events = go(state, E.InjectCard("offer", "test the blue team"))
    assert isinstance(events[0], ev.Injected) and events[0].for_turn is None
    assert isinstance(events[1], ev.CardDrawn) and events[1].forced
    assert after.pending == E.Pending("choice", "blue", "offer")
    with pytest.raises(E.IllegalDecision, match="answer 'Offer' first"):
        E.apply(S, after, E.InjectCard("calm", "again"))
    after, _ = go(after, E.Choose(0))
    assert after.pending == E.Pending("action", "red") and after.actions_taken == 0
    after, events = go(state, E.InjectCard("crisis", "escalate"))
    assert after.values[S.slot_index["tension"]] == state.values[S.slot_index["tension"]] + 2
    assert after.pending == state.pending


def test_inject_for_a_later_turn_is_drawn_first_that_turn():
    state, events = go(E.new_game(S, 1), E.InjectCard("calm", "a quiet month", turn=3))
    assert events[0].for_turn == 3 and state.scheduled == (E.state.Scheduled(3, S.card_index["calm"]),)
    while state.turn < 3:
        legal = E.legal_decisions(S, state)
        state, events = go(state, legal[0] if state.pending.kind == "choice" else E.Pass())
    drawn = [e for e in events if isinstance(e, ev.CardDrawn)]
    assert [(e.card, e.forced) for e in drawn] == [("calm", True)] and not state.scheduled


def test_bookmark_changes_nothing_but_the_step():
    state = E.new_game(S, 1)
    after, events = go(state, E.Bookmark("ask red for its plan"))
    assert [type(e) for e in events] == [ev.Bookmarked]
    assert after.values is state.values and after.rng == state.rng and after.pending == state.pending
    assert after.step == state.step + 1 and E.state_hash(after) != E.state_hash(state)


@pytest.mark.parametrize("ruling, effect", [("success", 10), ("failure", -1)])
def test_a_ruled_action_skips_the_dice(ruling, effect):
    state, _ = go(E.new_game(S, 1), E.Override("red.points = 5", "t"))
    d = E.Act("attack", "south", ruling, reason="the plan was sound" if ruling == "success" else "no plan")
    assert E.odds(S, state, d) == E.Odds(100 if ruling == "success" else 0, (("facilitator's ruling", 0),), False)
    after, events = go(state, d)
    assert after.rng == state.rng, "no dice were rolled"
    (ruled,) = [e for e in events if isinstance(e, ev.Ruled)]
    assert ruled.success == (ruling == "success") and ruled.reason == d.reason
    assert after.values[S.slot_index["red.points"]] == 5 + effect
    assert after.values[S.slot_index["red.cash"]] == 9, "the cost is paid all the same"


@pytest.mark.parametrize("pro, con", [(0, 0), (2, 1), (1, 4), (12, 0), (0, 12), (3, 3)])
def test_an_argued_action_rolls_2d6_plus_pro_minus_con_against_7(pro, con):
    state = E.new_game(S, 1)
    d = E.Act("spend", ruling="argue", pro=pro, con=con, reason="argued")
    odds = E.odds(S, state, d)
    n = pro - con
    assert odds.percent == sum(1 for a in range(1, 7) for b in range(1, 7) if a + b + n >= 7) * 100 // 36
    r, a = below(state.rng, 6)
    r, b = below(r, 6)
    after, events = go(state, d)
    (rolled,) = [e for e in events if isinstance(e, ev.Rolled)]
    assert rolled.dice == "2d6" and rolled.roll == a + b + 2 + n and rolled.success == (a + b + 2 + n >= 7)
    assert rolled.chance == odds.percent and after.rng == r
    assert (after.values[S.slot_index["red.points"]] == 5) == rolled.success


# --- the codec -------------------------------------------------------------------------

DECISIONS = st.one_of(
    st.builds(E.Act, st.text(max_size=8), st.none() | st.text(max_size=8)),
    st.builds(
        E.Act,
        st.text(max_size=8),
        st.none() | st.text(max_size=8),
        st.none(),
        st.just(0),
        st.just(0),
        st.text(max_size=20),
    ),
    st.builds(
        E.Act,
        st.text(max_size=8),
        st.none() | st.text(max_size=8),
        st.sampled_from(["success", "failure"]),
        st.just(0),
        st.just(0),
        st.text(max_size=20),
    ),
    st.builds(
        E.Act,
        st.text(max_size=8),
        st.none(),
        st.just("argue"),
        st.integers(0, 12),
        st.integers(0, 12),
        st.text(max_size=20),
    ),
    st.just(E.Pass()),
    st.builds(E.Choose, st.integers(0, 20)),
    st.builds(E.Override, st.text(max_size=30), st.text(max_size=30)),
    st.builds(E.InjectCard, st.text(max_size=8), st.text(max_size=20), st.none() | st.integers(1, 99)),
    st.builds(E.Bookmark, st.text(max_size=30)),
)


@settings(max_examples=200, deadline=None)
@given(decision=DECISIONS, by=st.none() | st.sampled_from(["human", "random", "facilitator"]))
def test_every_decision_survives_the_codec_and_json(decision, by):
    import json

    d = json.loads(json.dumps(to_dict(decision, by=by, why="because" if by else None)))
    assert from_dict(d) == decision
    assert d.get("by") == by


def test_a_null_optional_field_reads_as_absent():
    assert from_dict({"inject": "calm", "reason": "r", "turn": None}) == E.InjectCard("calm", "r")
    assert from_dict({"act": "attack", "target": None}) == E.Act("attack")


@settings(max_examples=300, deadline=None)
@given(
    doc=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "act",
                        "pass",
                        "choose",
                        "override",
                        "inject",
                        "bookmark",
                        "target",
                        "ruling",
                        "pro",
                        "con",
                        "reason",
                        "turn",
                        "x",
                    ]
                ),
                inner,
                max_size=4,
            )
        ),
        max_leaves=8,
    )
)
def test_any_json_either_decodes_to_a_decision_or_is_refused_as_malformed(doc):
    try:
        decision = from_dict(doc)
    except E.MalformedDecision:
        return
    with contextlib.suppress(E.DecisionError):
        E.apply(S, E.new_game(S, 1), decision)
