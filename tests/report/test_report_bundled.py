"""Every bundled scenario gets a debrief: a random game of each, reported and checked against its replay."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_helpers import ROOT, check_html

from wargame import bots, saves
from wargame import engine as E
from wargame.engine.codec import to_dict
from wargame.report import build_report, render
from wargame.scenario import ScenarioError, load_scenario

BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_a_random_game_of_each_bundled_scenario_is_reported(path: Path):
    try:
        scenario, _ = load_scenario(path)
    except ScenarioError:
        pytest.skip(f"{path.name} does not load (its own tests say why)")
    state, _ = E.begin(scenario, 1, {f.id: "random" for f in scenario.factions})
    entries = []
    while state.outcome is None:
        decision, why = bots.choose(scenario, state, "random")
        entries.append(to_dict(decision, by="random", why=why))
        state, _ = E.apply(scenario, state, decision)
    report = build_report(saves.record(scenario, state, entries), scenario=scenario)
    for f in report.factions:
        for m in f.meters:
            assert m.end == state.values[scenario.slot_index[m.series.key]]
            assert sum(d for _, d in m.by_source) == m.end - m.start
    assert {s.faction: s.score for s in report.result.scores} == dict(state.outcome.scores)
    html = render(report, "html")
    check_html(html)
    assert "<script" not in html and " src=" not in html
    md = render(report, "md")
    assert md.count("\n### Turn ") == len(report.timeline) == state.turn
