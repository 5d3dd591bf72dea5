"""Random legal play of every bundled scenario (OpenSpiel's random_sim_test), invariants after every decision."""

from __future__ import annotations

import pytest
from engine_helpers import (
    SCENARIO_FILES,
    check_state,
    check_step,
    decision_bound,
    load,
    play_random,
    scenario_ids,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame import engine as E
from wargame.engine import events as ev

FAST = {
    "max_examples": 40,
    "deadline": None,
    "derandomize": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.large_base_example, HealthCheck.data_too_large],
}


def facilitator_decision(scenario, state, data):
    """Any facilitator act a person could make at this moment (some are refused: that is tested too)."""
    kind = data.draw(st.sampled_from(["override", "control", "inject", "inject_later", "bookmark", "ruling"]))
    # hidden per_turn counters ("uses:ACTION") are not nameable
    names = [n for n in scenario.slot_names[1:] if not n.endswith(".control") and not n.startswith("uses:")]
    if kind == "override" and names:
        slot = data.draw(st.sampled_from(names))
        op = data.draw(st.sampled_from(["=", "+=", "-="]))
        return E.Override(f"{slot} {op} {data.draw(st.integers(-50, 500))}", "test")
    if kind == "control" and scenario.regions:
        region = data.draw(st.sampled_from(scenario.regions)).id
        who = data.draw(st.sampled_from([*(f.id for f in scenario.factions), "none"]))
        return E.Override(f"{region}.control = {who}", "test")
    if kind in ("inject", "inject_later") and scenario.cards:
        card = data.draw(st.sampled_from(scenario.cards)).id
        turn = None if kind == "inject" else data.draw(st.integers(state.turn + 1, scenario.turns + 1))
        return E.InjectCard(card, "test", turn)
    if kind == "ruling":
        acts = [d for d in E.legal_decisions(scenario, state) if isinstance(d, E.Act)]
        if acts:
            act = data.draw(st.sampled_from(acts))
            ruling = data.draw(st.sampled_from(["success", "failure", "argue"]))
            pro, con = (data.draw(st.integers(0, 6)), data.draw(st.integers(0, 6))) if ruling == "argue" else (0, 0)
            return E.Act(act.action, act.target, ruling, pro, con, "ruled in a test")
    return E.Bookmark("a note")


def random_game_with_facilitator(scenario, seed, data):
    state, _ = E.begin(scenario, seed)
    check_state(scenario, state)
    plain = facilitated = 0
    while state.outcome is None:
        if data.draw(st.integers(0, 9)) == 9:  # zero (hypothesis's simplest) is a plain move
            decision = facilitator_decision(scenario, state, data)
            facilitated += 1
        else:
            options = E.legal_decisions(scenario, state)
            decision = options[data.draw(st.integers(0, len(options) - 1))]
            plain += 1
        try:
            after, events = E.apply(scenario, state, decision)
        except E.IllegalDecision:
            assert isinstance(decision, E.InjectCard), "only an inject can be refused here"
            continue
        check_step(scenario, state, decision, after, events)
        state = after
        assert plain <= decision_bound(scenario) + 2 * facilitated, "the game does not end"
    return state


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=scenario_ids())
def test_random_legal_play_with_facilitator_acts_keeps_every_invariant(path):
    scenario = load(path)
    examples = 40 if len(scenario.actions) < 20 else 10

    finished = []

    @settings(**{**FAST, "max_examples": examples})
    @given(seed=st.integers(-(2**63), 2**64), data=st.data())
    def run(seed, data):
        finished.append(random_game_with_facilitator(scenario, seed, data).outcome)

    run()
    assert len(finished) >= examples // 2, "most generated games must be played to their end"
    print(len(finished), "games", sum(1 for o in finished if o.winner is None), "draws")


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=scenario_ids())
def test_many_random_games_end_with_exactly_one_outcome(path):
    scenario = load(path)
    games = 150 if len(scenario.actions) < 20 else 12
    winners = set()
    for seed in range(games):
        state, entries, events = play_random(scenario, seed, check=seed < games // 3)
        overs = [e for e in events if isinstance(e, ev.GameOver)]
        assert len(overs) == 1 and state.outcome is not None and state.pending is None
        assert overs[0].turn == state.turn <= scenario.turns
        winners.add(state.outcome.winner)
        with pytest.raises(E.IllegalDecision):
            E.apply(scenario, state, E.Pass())
    assert len(winners) > 1, "random play should not always end the same way"


@pytest.mark.slow
@pytest.mark.parametrize("path", SCENARIO_FILES, ids=scenario_ids())
def test_random_legal_play_many_more_seeds(path):
    scenario = load(path)
    examples = 300 if len(scenario.actions) < 20 else 40

    @settings(**{**FAST, "max_examples": examples, "derandomize": False})
    @given(seed=st.integers(-(2**63), 2**64), data=st.data())
    def run(seed, data):
        random_game_with_facilitator(scenario, seed, data)

    run()
