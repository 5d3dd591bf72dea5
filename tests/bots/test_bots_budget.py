"""Bots stay bounded on any valid scenario: a work budget per decision, the best so far, and they say so."""

from __future__ import annotations

import pytest

from wargame import bots
from wargame import engine as E
from wargame.bots import budget as B
from wargame.engine import effects
from wargame.scenario import load_text


def hostile(regions: int) -> str:
    """Many regions, every action targeted and looping over every region: thousands of costly options."""
    out = [
        "format: 1",
        "id: wide",
        "title: Wide",
        "calendar: {start: 2016-01, step: month, turns: 4}",
        "order: [red, blue]",
        "region_attributes:",
        "  heat: {max: 9}",
        "factions:",
    ]
    for f in ("red", "blue"):
        out += [
            f"  {f}:",
            f"    name: {f.title()}",
            "    meters: {cash: {start: 50, max: 100}}",
            f'    victory: {{score: "{f}.cash + count(control == {f})"}}',
        ]
    out.append("regions:")
    out += [f"  r{i}: {{name: R{i}, control: {('red', 'blue')[i % 2]}, heat: {i % 9}}}" for i in range(regions)]
    out.append("actions:")
    for k in range(6):
        f = ("red", "blue")[k % 2]
        out += [
            f"  a{k}:",
            f"    faction: {f}",
            f"    name: Act {k}",
            "    target: region",
            f'    target_if: "target.control != {f}"',
            '    chance: "40 + target.heat"',
            f"    success: [target.control = {f}, 'for each region where heat > 4: heat -= 1']",
            "    failure: ['for each region: heat += 1']",
        ]
    return "\n".join(out) + "\n"


@pytest.fixture(scope="module")
def wide():
    return load_text(hostile(400), "wide.yaml")[0]


def test_a_bot_out_of_budget_picks_its_best_so_far_and_says_so(wide, monkeypatch):
    statements = []
    real = effects.run_statements
    monkeypatch.setattr(
        "wargame.bots.evaluate.run_statements",
        lambda s, w, st, t, c, e, f: (statements.append(len(st)), real(s, w, st, t, c, e, f)),
    )
    state = E.new_game(wide, 3)
    for level in ("easy", "normal"):
        statements.clear()
        decision, why = bots.choose(wide, state, level)
        assert decision in E.legal_decisions(wide, state)
        assert "out of thinking time: weighed" in why and "of 601 options" in why, why
        # a loop over 400 regions costs 400 units: the previews stay within the budget's few thousand
        assert sum(statements) * len(wide.regions) <= 2 * B.UNITS, level
    assert bots.choose(wide, state, "normal") == bots.choose(wide, state, "normal"), "a budget of work, not time"


def test_the_hard_bot_is_bounded_too(wide):
    state = E.new_game(wide, 4)
    decision, why = bots.choose(wide, state, "hard")
    assert decision in E.legal_decisions(wide, state)
    assert "out of thinking time" in why


def test_the_bundled_scenarios_never_reach_the_budget():
    """Their play does not depend on the budget: every option is weighed at every decision."""
    from bots_helpers import BUNDLED, scenario

    for name in BUNDLED:
        s = scenario(name)
        for seed in range(2):
            state = E.new_game(s, seed)
            while state.outcome is None:
                decision, why = bots.choose(s, state, "normal")
                assert "out of thinking" not in why, (name, why)
                state, _ = E.apply(s, state, decision)
