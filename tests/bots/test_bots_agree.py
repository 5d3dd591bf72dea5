"""The bots believe what the engine says, by construction: odds, legality and cost of every option.

Seeded random play of both bundled scenarios and tests/engine/sequence.yaml
(where a cost changes the odds and an action is limited per turn); at every
position, every option the bot weighs is compared with the engine's answer.
"""

from __future__ import annotations

import random

import pytest
from bots_helpers import ROOT

from wargame import engine as E
from wargame.bots import evaluate
from wargame.bots.model import model
from wargame.engine.legal import rule
from wargame.scenario import load_scenario
from wargame.scenario.layout import NO_TARGET

SEQUENCE = ROOT / "tests" / "engine" / "sequence.yaml"
FILES = [ROOT / "scenarios" / "libya-2016.yaml", ROOT / "scenarios" / "tutorial.yaml", SEQUENCE]
GAMES = {"libya-2016.yaml": 6, "tutorial.yaml": 40, "sequence.yaml": 120}


def positions(s, games: int):
    rnd = random.Random(7)
    for seed in range(games):
        state = E.new_game(s, seed)
        while state.outcome is not None or state.pending is not None:
            if state.outcome is not None:
                break
            yield state
            options = E.legal_decisions(s, state)
            state, _ = E.apply(s, state, options[rnd.randrange(len(options))])


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_bots_belief_equals_the_engines_odds_legality_and_cost_for_every_option(path):
    s = load_scenario(path)[0]
    md = model(s)
    checked = 0
    for state in positions(s, GAMES[path.name]):
        v, p = state.values, state.pending
        i = md.index[p.faction]
        sc0 = md.scores(v)
        legal = E.legal_decisions(s, state)
        ranked = {c.decision: c for c in evaluate.rank(s, state, potential=False)}
        assert set(ranked) == set(legal), "the bot weighs exactly the legal options"
        for d in legal:
            if not isinstance(d, E.Act):
                continue
            t = s.region_index[d.target] if d.target else NO_TARGET
            o = evaluate._act(s, md, v, sc0, {}, i, s.action(d.action), t)
            odds = E.odds(s, state, d)
            assert o.p == (odds.percent / 100 if odds.rolled else 1.0), d
            assert ranked[d].odds == (odds.percent if odds.rolled else None), d
            # the cost: what the engine's own apply leaves in the cost meters before any outcome
            r = rule(s, d.action)
            for slot, amount, _lo in r.costs:
                assert o.w[slot] == v[slot] - amount, d
            checked += 1
        if p.kind == "action":
            # legality: a move the bot would count on is one the engine allows, and per_turn is honoured
            for r in (md.rules[a.id] for a in s.actions_of(p.faction)):
                for t in range(len(s.regions)) if r.targeted else (NO_TARGET,):
                    m = evaluate._Move(r.action, r, t, 1.0, 1.0, 1.0, r.reads(s, t))
                    act = E.Act(r.id, s.regions[t].id if t >= 0 else None)
                    assert (m.value(v) > 0) == (act in legal), act
                    assert (r.why(s, v, t) == "") == (act in legal), act
    assert checked > 500


def test_the_bot_honours_per_turn():
    """sequence.yaml's 'invest' may be taken once a turn: after taking it, the bot's preview knows."""
    s = load_scenario(SEQUENCE)[0]
    state = E.new_game(s, 1)
    r = rule(s, "invest")
    assert r.open(state.values)
    after = r.paid(state.values)
    assert not r.open(after) and "already taken once" in r.why(s, after)
    m = evaluate._Move(r.action, r, NO_TARGET, 5.0, 5.0, 1.0, r.reads(s, NO_TARGET))
    assert m.value(state.values) > 0 and m.value(after) == 0


def test_odds_are_those_before_the_cost_is_paid():
    """sequence.yaml's attack: chance 50 + 10 * tension - 5 * red.cash, cost 1 cash: the roll uses the
    cash before paying, and so does the bot (it once believed 5 points more)."""
    s = load_scenario(SEQUENCE)[0]
    state, _ = E.apply(s, E.new_game(s, 1), E.Override("red.cash = 10", "odds at 0"))
    d = E.Act("attack", "south")
    assert E.odds(s, state, d).percent == 0
    md = model(s)
    o = evaluate._act(s, md, state.values, md.scores(state.values), {}, 0, s.action("attack"), s.region_index["south"])
    assert o.p == 0.0
