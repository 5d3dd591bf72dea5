"""Deals, free-form proposals and session presets: atomic, private to the parties, saved and replayed."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_engine_observe import EXERCISE

from wargame import engine as E
from wargame import saves
from wargame.engine import events as ev
from wargame.engine import exevents as xe
from wargame.engine.codec import from_dict, to_dict
from wargame.engine.observe import FACILITATOR, awaiting, observe
from wargame.engine.parts import Adjudicate, Answer, Commitment, MarkDeal, Offer, Propose, SubmitOrders
from wargame.engine.sessions import UnknownSession, apply_session
from wargame.scenario import load_scenario

SCENARIO = load_scenario(EXERCISE)[0]


def at_orders(scenario=SCENARIO, seed: int = 4):
    state = E.new_game(scenario, seed=seed)
    while state.phase != "orders":
        state, _ = E.apply(scenario, state, E.legal_decisions(scenario, state)[0])
    return state


def value(state, slot: str) -> int:
    return state.values[SCENARIO.slot_index[slot]]


def test_an_accepted_deal_moves_the_meters_at_once_and_only_the_parties_see_it():
    state = at_orders()
    nt, st_, sf = value(state, "north.treasury"), value(state, "south.treasury"), value(state, "south.fuel")
    offer = Offer(
        "north",
        "south",
        give=(("treasury", 5),),
        get=(("fuel", 2),),
        promises=(Commitment("south", "no raid on the hills", state.turn + 1),),
    )
    state, events = E.apply(SCENARIO, state, offer)
    assert isinstance(events[0], xe.DealOffered) and "North gives 5 $M Treasury" in events[0].terms
    assert observe(SCENARIO, state, "south").offers[0].id == 1
    assert observe(SCENARIO, state, "militia").deals == ()
    assert observe(SCENARIO, state, "militia", events).events == ()
    assert (
        E.legal_decisions(SCENARIO, state) == [Answer(1, True), Answer(1, False)] or E.pending(state).faction != "south"
    )
    with pytest.raises(E.IllegalDecision, match="must answer deal #1"):
        E.apply(SCENARIO, state, SubmitOrders("south", ()))
    state, events = E.apply(SCENARIO, state, Answer(1, True))
    assert value(state, "north.treasury") == nt - 5 and value(state, "south.treasury") == st_ + 5
    assert value(state, "south.fuel") == sf - 2 and value(state, "north.treasury") >= 0
    assert {e.cause for e in events if isinstance(e, ev.Changed)} == {"deal:1"}
    assert state.ex.deals[0].status == "accepted"
    state, events = E.apply(SCENARIO, state, MarkDeal(1, 0, False, "the militia raided the hills"))
    assert state.ex.deals[0].promises[0].fate == "broken"
    assert "broke its promise" in E.describe(events[0], SCENARIO)
    with pytest.raises(E.IllegalDecision, match="already marked"):
        E.apply(SCENARIO, state, MarkDeal(1, 0, True, "changed my mind"))


def test_a_deal_a_side_can_no_longer_pay_is_refused_whole():
    state = at_orders()
    state, _ = E.apply(SCENARIO, state, Offer("north", "south", give=(("treasury", 5),), get=(("fuel", 2),)))
    state, _ = E.apply(SCENARIO, state, E.Override("south.fuel = 1", "the depot burned"))
    before = state.values
    state, events = E.apply(SCENARIO, state, Answer(1, True))
    assert state.values == before
    refused = [e for e in events if isinstance(e, xe.DealRefused)]
    assert refused and "South cannot pay 2 Fuel (has 1, minimum 0)" in refused[0].reason
    assert state.ex.deals[0].status == "refused"


def test_an_unanswered_offer_lapses_at_the_end_of_the_turn():
    state = at_orders()
    turn = state.turn
    state, _ = E.apply(SCENARIO, state, SubmitOrders("north", ()))
    state, _ = E.apply(SCENARIO, state, Offer("south", "north", give=(("treasury", 1),)))  # north's orders are in
    log = []
    for fid in awaiting(SCENARIO, state):
        state, events = E.apply(SCENARIO, state, SubmitOrders(fid, ()))
        log.extend(events)
    assert state.turn == turn + 1 and state.ex.deals[0].status == "lapsed"
    lapsed = [e for e in log if isinstance(e, xe.DealLapsed)]
    assert lapsed and "did not answer in time" in E.describe(lapsed[0], SCENARIO)
    with pytest.raises(E.IllegalDecision, match="lapsed, not open"):
        E.apply(SCENARIO, state, Answer(1, True))


@pytest.mark.parametrize(
    ("offer", "message"),
    [
        (Offer("north", "north", give=(("treasury", 1),)), "itself"),
        (Offer("north", "south", give=(("loyalty", 1),)), "not tradable"),
        (Offer("north", "south", give=(("gold", 1),)), "no meter 'gold'"),
        (Offer("north", "south"), "empty deal"),
        (Offer("north", "south", give=(("treasury", 0),)), "an amount is 1.."),
        (Offer("north", "south", promises=(Commitment("militia", "x", 2),)), "one of the two parties"),
    ],
)
def test_malformed_offers(offer, message):
    with pytest.raises(E.MalformedDecision, match=message):
        E.apply(SCENARIO, at_orders(), offer)


def test_an_offer_the_offerer_cannot_pay_is_illegal():
    with pytest.raises(E.IllegalDecision, match="North cannot pay 500"):
        E.apply(SCENARIO, at_orders(), Offer("north", "south", give=(("treasury", 500),)))


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["north", "south"]),
            st.integers(1, 40),
            st.integers(1, 25),
            st.booleans(),
            st.integers(-30, 30),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_deals_never_push_a_meter_below_its_minimum(deals):
    state = at_orders()
    for offerer, give, get, accept, shock in deals:
        other = "south" if offerer == "north" else "north"
        state, _ = E.apply(SCENARIO, state, E.Override(f"{offerer}.treasury += {shock}", "market"))
        try:
            state, _ = E.apply(
                SCENARIO, state, Offer(offerer, other, give=(("treasury", give),), get=(("treasury", get),))
            )
        except E.IllegalDecision:
            continue
        deal = state.ex.deals[-1].id
        state, _ = E.apply(SCENARIO, state, E.Override(f"{other}.treasury -= {abs(shock)}", "market"))
        state, events = E.apply(SCENARIO, state, Answer(deal, accept))
        for e in events:
            if isinstance(e, ev.Changed):
                assert e.new >= SCENARIO.slot_bounds[SCENARIO.slot_index[e.slot]][0]
                assert e.new == e.wanted or e.wanted > e.new  # clamped only at a maximum, never at a minimum
        for fid in ("north", "south"):
            assert value(state, f"{fid}.treasury") >= 0


def test_a_free_form_proposal_is_compiled_with_located_errors_and_adjudicated():
    state = at_orders()
    with pytest.raises(E.MalformedDecision, match=r"effect 2, column 1: in 'tensoin -= 2': unknown"):
        E.apply(SCENARIO, state, Propose("south", "Call a truce", ("aid += 1", "tensoin -= 2")))
    proposal = Propose("south", "Call a truce", ("tension -= 3", "aid += 1"), "both sides are exhausted")
    state, events = E.apply(SCENARIO, state, proposal)
    assert isinstance(events[0], xe.Proposed)
    assert observe(SCENARIO, state, FACILITATOR).pending[-1] == "adjudicate"
    with pytest.raises(E.IllegalDecision, match="made its 1 proposal"):
        E.apply(SCENARIO, state, proposal)
    aid = value(state, "aid")
    state, events = E.apply(SCENARIO, state, Adjudicate(1, "success", reason="the mediators agree"))
    decided = [e for e in events if isinstance(e, xe.ProposalDecided)]
    assert decided[0].success and value(state, "aid") == aid + 1
    assert {e.cause for e in events if isinstance(e, ev.Changed)} == {"freeform:1"}
    assert observe(SCENARIO, state, "north").proposals[0].status == "success"  # decided ones are public
    with pytest.raises(E.IllegalDecision, match="already success"):
        E.apply(SCENARIO, state, Adjudicate(1))


def test_arguing_a_proposal_rolls_the_scenarios_dice():
    state = at_orders()
    state, _ = E.apply(SCENARIO, state, Propose("north", "Bribe the militia", ("militia.fighters -= 2",)))
    state, events = E.apply(SCENARIO, state, Adjudicate(1, "argue", pro=3, con=1))
    decided = next(e for e in events if isinstance(e, xe.ProposalDecided))
    assert "2d6 rolled" in decided.how and "(83%)" in decided.how


def test_without_freeform_a_proposal_is_refused():
    plain = attrs.evolve(SCENARIO, freeform=None)
    with pytest.raises(E.MalformedDecision, match="no free-form"):
        E.apply(plain, at_orders(plain), Propose("north", "x", ("aid += 1",)))


def test_every_exercise_decision_round_trips_through_the_codec():
    decisions = [
        SubmitOrders("north", (E.Act("patrol", "port"), E.Act("pay_loyalty")), "hold the port"),
        Offer("north", "south", (("treasury", 3),), (("fuel", 1),), (Commitment("south", "no raid", 4),), "n"),
        Answer(2, False),
        MarkDeal(1, 0, True, "kept"),
        Propose("south", "w", ("aid += 1",), "a"),
        Adjudicate(3, "argue", 2, 1, ""),
        E.Act("talks"),
    ]
    for d in decisions:
        assert from_dict(to_dict(d)) == d


def test_a_session_preset_is_a_pure_adjustment():
    two = apply_session(SCENARIO, "two-hours")
    assert two is not SCENARIO and SCENARIO.session is None
    assert (two.turns, two.initial[0], two.orders) == (5, 3, "simultaneous")
    assert all(f.actions_per_turn == 1 for f in two.factions)
    state, events = E.begin(two, seed=1)
    assert state.turn == 3 and two.calendar.label(state.turn) == "Aug 2016"
    assert E.describe(events[0], two) == "Turn 3 begins: Aug 2016"  # not the file's first month
    seminar = apply_session(SCENARIO, "seminar")
    assert seminar.orders == "sequential" and seminar.turns == SCENARIO.turns
    assert apply_session(SCENARIO, None) is SCENARIO
    with pytest.raises(UnknownSession, match="its sessions: two-hours, seminar"):
        apply_session(SCENARIO, "three-hours")


def test_a_game_with_a_session_deals_and_proposals_saves_and_replays(tmp_path):
    scenario = apply_session(SCENARIO, "two-hours")
    state, _ = E.begin(scenario, 9)
    entries = []

    def do(d, by="human"):
        nonlocal state
        state, _ = E.apply(scenario, state, d)
        entries.append(to_dict(d, by=by))

    while state.phase != "orders":
        do(E.legal_decisions(scenario, state)[0])
    do(Offer("north", "south", give=(("treasury", 2),), promises=(Commitment("north", "no patrol", 4),)))
    do(Propose("south", "Reopen the port", ("aid += 2",), "trade helps all"))
    do(Adjudicate(1, "argue", 2, 0))
    while state.outcome is None:
        do(E.legal_decisions(scenario, state)[0], by="random")
    saved = saves.record(scenario, state, entries)
    assert saved.session == "two-hours"
    path = saves.write_save(tmp_path / "game.json", attrs.evolve(saved, scenario_path=str(EXERCISE)))
    loaded_scenario, loaded, end, events = saves.load_game(path)
    assert loaded_scenario.session.id == "two-hours" and E.state_hash(end) == saved.state_hash
    assert any(isinstance(e, xe.DealOffered) for e in events) and any(isinstance(e, xe.ProposalDecided) for e in events)
    saves.verify(loaded_scenario, loaded)


def test_an_act_from_the_list_handed_out_before_an_offer_still_waits_for_the_answer():
    """`apply` trusts an Act that is the very object of the state's legal list, but an offer made since
    (which changes no value) must be answered first all the same."""
    scenario = attrs.evolve(SCENARIO, orders="sequential")
    state = E.new_game(scenario, seed=4)
    while E.pending(state).kind != "action" or not any(
        isinstance(d, E.Act) for d in E.legal_decisions(scenario, state)
    ):
        state, _ = E.apply(scenario, state, E.legal_decisions(scenario, state)[0])
    me = E.pending(state).faction
    listed = next(d for d in E.legal_decisions(scenario, state) if isinstance(d, E.Act))
    other = next(f.id for f in scenario.factions if f.id != me and f.playable)
    state, _ = E.apply(
        scenario, state, Offer(other, me, give=(), get=(), promises=(Commitment(other, "talk", state.turn),))
    )
    with pytest.raises(E.IllegalDecision, match="must answer deal #1"):
        E.apply(scenario, state, listed)
    state, _ = E.apply(scenario, state, Answer(1, False))
    assert any(d is listed for d in E.legal_decisions(scenario, state)) or E.pending(state).faction != me
