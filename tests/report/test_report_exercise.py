"""The debrief of an exercise: orders with intents, deals and their fate, free-form acts, what each team knew."""

from __future__ import annotations

from pathlib import Path

import attrs

from wargame import engine as E
from wargame import saves
from wargame.engine.codec import to_dict
from wargame.engine.parts import Adjudicate, Answer, Commitment, MarkDeal, Offer, Propose, SubmitOrders
from wargame.engine.sessions import apply_session
from wargame.report import build_report, render
from wargame.scenario import load_scenario

EXERCISE = Path(__file__).resolve().parents[1] / "engine" / "exercise.yaml"


def played():
    scenario = apply_session(load_scenario(EXERCISE)[0], "two-hours")
    state, _ = E.begin(scenario, 9)
    entries = []

    def do(d, by="human"):
        nonlocal state
        state, _ = E.apply(scenario, state, d)
        entries.append(to_dict(d, by=by))

    while state.phase != "orders":
        do(E.legal_decisions(scenario, state)[0])
    do(Offer("north", "south", give=(("treasury", 2),), promises=(Commitment("south", "no seizure", 4),)))
    do(Answer(1, True))
    do(Propose("south", "Reopen the port", ("aid += 2",), "trade helps all"))
    do(Adjudicate(1, "success", reason="the port authority agrees"))
    do(SubmitOrders("north", (E.Act("pay_loyalty"),), "keep the militias paid"))
    do(MarkDeal(1, 0, False, "the south seized the port"))
    while state.outcome is None:
        do(E.legal_decisions(scenario, state)[0], by="random")
    return scenario, saves.record(scenario, state, entries), state


def test_the_debrief_shows_orders_deals_proposals_and_what_each_team_knew():
    scenario, saved, final = played()
    report = build_report(saved, scenario)
    x = report.exercise
    first = next(o for o in x.orders if o.faction == "North")
    assert first.actions == "Pay the militias' salaries" and first.intent == "keep the militias paid"
    (deal,) = x.deals
    assert deal.parties == "North -> South" and deal.fate == "accepted"
    assert deal.promises == ("South: 'no seizure' by Sep 2016: broken (the south seized the port)",)
    (prop,) = x.proposals
    assert prop.words == "Reopen the port" and prop.fate.startswith("success (ruled by the facilitator")
    tension = next(k for k in x.knew if k.faction == "North" and k.value == "Tension")
    assert tension.truth == final.values[scenario.slot_index["tension"]] and "-" in tension.seen
    assert not any(k.faction == "North" and k.value == "North Loyalty" for k in x.knew)  # its own: exact
    md = render(report, "md")
    assert "## Orders, deals, proposals and what each team knew" in md
    assert "| North | Pay the militias' salaries | keep the militias paid |" in md
    html = render(report, "html")
    assert "<h3>Deals</h3>" in html and "the south seized the port" in html


def test_a_plain_game_has_no_exercise_tables():
    scenario = attrs.evolve(load_scenario(Path(__file__).resolve().parents[2] / "scenarios" / "tutorial.yaml")[0])
    state, _ = E.begin(scenario, 3)
    entries = []
    while state.outcome is None:
        d = E.legal_decisions(scenario, state)[0]
        state, _ = E.apply(scenario, state, d)
        entries.append(to_dict(d, by="random"))
    report = build_report(saves.record(scenario, state, entries), scenario)
    assert report.exercise.empty
    assert "Orders, deals, proposals" not in render(report, "md")
