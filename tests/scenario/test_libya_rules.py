"""Libya's rules as issue 16 fixed them, checked by playing the bundled file through the engine."""

from __future__ import annotations

from pathlib import Path

from wargame import engine as E
from wargame.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
LIBYA = load_scenario(ROOT / "scenarios" / "libya-2016.yaml")[0]


def value(state: E.GameState, name: str) -> int:
    return state.values[LIBYA.slot_index[name]]


def until_turn(state: E.GameState, turn: int, pick=None) -> E.GameState:
    """Pass every action and take the first offered option of every card until `turn` begins."""
    while state.turn < turn and state.outcome is None:
        p = state.pending
        legal = E.legal_decisions(LIBYA, state)
        decision = (pick and pick(state, legal)) or (
            next(d for d in legal if isinstance(d, E.Choose)) if p.kind == "choice" else E.Pass()
        )
        state, _ = E.apply(LIBYA, state, decision)
    return state


def test_the_capital_at_security_0_slips_out_of_the_gna_hands():
    state, _ = E.begin(LIBYA, 3)
    gna = value(state, "tripoli.control")
    state, _ = E.apply(LIBYA, state, E.Override("tripoli.security = 0", "the clashes of December 2016"))
    state = until_turn(state, 2)
    assert value(state, "tripoli.control") != gna


def test_june_and_july_2016_are_played_in_their_months_and_random_draws_follow():
    state, events = E.begin(LIBYA, 5)
    drawn = [e.card for e in events if type(e).__name__ == "CardDrawn"]
    cards = list(drawn)
    while state.turn < 5:
        legal = E.legal_decisions(LIBYA, state)
        d = next(x for x in legal if isinstance(x, E.Choose)) if state.pending.kind == "choice" else E.Pass()
        state, evs = E.apply(LIBYA, state, d)
        cards += [e.card for e in evs if type(e).__name__ == "CardDrawn"]
    for june_or_july in ("unsmil_mandate", "res_2292", "sophia_mandate", "french_helicopter", "pfg_deal"):
        assert june_or_july in cards
    assert len(cards) >= 7, "turns 3 and 4 draw too (the strike offer, then a random card)"


def test_asking_for_strikes_by_action_keeps_the_offer_open():
    def ask_first(state, legal):
        ask = E.Act("request_us_airstrikes")
        return ask if ask in legal else None

    state, _ = E.begin(LIBYA, 11)
    state = until_turn(state, 3, ask_first)  # the G.N.A. asks in June; the offer is injected in August
    assert value(state, "strike_request") == 1
    assert state.pending.kind == "choice" and state.pending.card == "us_airstrike_offer"
    assert [why for _o, why in E.available_options(LIBYA, state, "us_airstrike_offer")] == ["", ""]


def test_the_gna_sees_its_own_score_as_a_range_holding_the_true_score():
    from wargame.engine.observe import observe, score_band
    from wargame.tui.view import meter_groups

    state, _ = E.begin(LIBYA, 9)
    assert dict(observe(LIBYA, state, "gna").scores)["gna"] is None, "the score reads ISIS strength, an estimate"
    lo, hi = score_band(LIBYA, state, "gna", "gna")
    truth = E.scores(LIBYA, state.values)["gna"]
    assert lo <= truth <= hi and lo < hi
    assert hi - lo <= 2 * 2, "ISIS strength's band holds 3 values, 2 score points apart"
    groups = {g.title: g for g in meter_groups(LIBYA, state, scores=True, viewer="gna")}
    assert groups["G.N.A."].score == f"score {lo}-{hi}"


def gna_takes(state: E.GameState, act: E.Act) -> E.GameState:
    """Pass everything until the G.N.A. is to act, then take `act` (ruled by the facilitator)."""
    while not (state.pending.faction == "gna" and state.pending.kind == "action"):
        p = state.pending
        legal = E.legal_decisions(LIBYA, state)
        state, _ = E.apply(
            LIBYA, state, next(d for d in legal if isinstance(d, E.Choose)) if p.kind == "choice" else E.Pass()
        )
    state, _ = E.apply(LIBYA, state, act)
    return state


def test_with_us_strikes_overhead_a_successful_offensive_takes_two_steps_of_sirte():
    taken = E.Act("gna_offensive", "sirte", "success", reason="test")
    for air, left in ((0, 2), (3, 1)):
        state, _ = E.begin(LIBYA, 4)
        state, _ = E.apply(LIBYA, state, E.Override(f"us_air_support = {air}", "test"))
        assert value(gna_takes(state, taken), "sirte.isis") == left


def test_advisers_teach_only_the_basics_of_a_unified_force():
    for cohesion, after in ((1, 2), (3, 3)):
        state, _ = E.begin(LIBYA, 4)
        state, _ = E.apply(LIBYA, state, E.Override(f"gna.cohesion = {cohesion}", "test"))
        while not (state.pending.faction == "us" and state.pending.kind == "action"):
            p = state.pending
            legal = E.legal_decisions(LIBYA, state)
            state, _ = E.apply(
                LIBYA, state, next(d for d in legal if isinstance(d, E.Choose)) if p.kind == "choice" else E.Pass()
            )
        state, _ = E.apply(LIBYA, state, E.Act("sof_advise", None, "success", reason="test"))
        assert value(state, "gna.cohesion") == after


def test_hifter_comes_to_moscow_in_november_2016():
    state, _ = E.begin(LIBYA, 5)
    state = until_turn(state, 6)
    while state.pending.kind != "choice" or state.pending.card != "hifter_moscow":
        assert state.turn == 6, "the visit must come in its month"
        state, _ = E.apply(LIBYA, state, E.Pass())
    assert LIBYA.calendar.label(state.turn) == "Nov 2016" and state.pending.faction == "russia"
