"""Rewound branches in the debrief: each is replayed from the save and set beside the played line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import attrs
from report_helpers import loaded

from wargame import engine as E
from wargame import saves
from wargame.report import build_report, render
from wargame.report.branches import compare_branches

WARGAME = str(Path(sys.executable).parent / "wargame")


def test_a_branch_is_replayed_and_compared_at_the_same_decision():
    scenario, saved, _state, report = loaded("tutorial-facilitated")
    (o,) = report.aar.branches
    b = saved.branches[0]
    end, _, _ = saves.replay(scenario, saves.branch_line(saved, 0))
    played, _, _ = saves.replay(scenario, saved, b.from_step + len(b.decisions))
    assert o.from_step == b.from_step and o.steps == len(b.decisions) == 1
    assert o.played_step == b.from_step + 1 and o.note == "the G.N.A. team took back a pass"
    want, got = E.scores(scenario, end.values), E.scores(scenario, played.values)
    assert {(x.team, x.branch, x.played) for x in o.scores} == {
        (f.short, want[f.id], got[f.id]) for f in scenario.factions if f.playable
    }
    differs = {
        E.events.slot_label(scenario, i)
        for i, (x, y) in enumerate(zip(end.values, played.values, strict=True))
        if x != y
    }
    assert o.differences and {label for label, _, _ in o.differences} <= differs
    for label, on_branch, as_played in o.differences:
        assert on_branch != as_played, label
    md = render(report, "md")
    section = md[md.index("### Rewound branches: what was set aside, replayed") :]
    assert "Branch 1, rewound to decision 4 (the G.N.A. team took back a pass): 1 decision set aside" in section
    assert f"| G.N.A. | {want['gna']} | {got['gna']} |" in section
    label, on_branch, as_played = o.differences[0]
    assert f"| {label} | {on_branch} | {as_played} |" in section
    html = render(report, "html")
    assert "<h3>Rewound branches: what was set aside, replayed</h3>" in html


def test_a_branch_that_ran_to_the_end_is_compared_with_where_the_played_line_stopped(tmp_path):
    path = tmp_path / "game.json"
    r = subprocess.run(
        [WARGAME, "autoplay", "tutorial", "--seed", "5", "--bots", "normal", "--save", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    scenario, saved, final, _ = saves.load_game(path)
    shorter, state = saves.rewind(saved, 10, scenario=scenario, note="what if we had stopped here")
    saves.write_save(path, shorter)
    report = build_report(path)
    (o,) = report.aar.branches
    assert o.played_step == 10 and o.steps == len(saved.entries) - 10
    assert o.branch_date == scenario.calendar.label(final.turn)
    assert o.played_date == scenario.calendar.label(state.turn)
    winner = final.outcome.winner
    assert o.outcome.startswith(f"{scenario.faction(winner).short} won" if winner else "a draw")
    assert o.outcome in render(report, "md")


def test_a_branch_that_no_longer_replays_is_said_so_and_the_rest_of_the_review_stands():
    scenario, saved, _state, _report = loaded("tutorial-facilitated")
    states = [saves.replay(scenario, saved, n)[0] for n in range(len(saved.entries) + 1)]
    bad = attrs.evolve(saved.branches[0], decisions=({"act": "no_such_action"},))
    (o,) = compare_branches(scenario, attrs.evolve(saved, branches=(bad,)), states)
    assert not o.replayed and "cannot be replayed" in o.problem and o.scores == ()


def test_the_review_weighs_a_sudden_victory_by_the_lead_over_the_runner_up():
    scenario, _saved, state, report = loaded("tutorial-seed36")
    top = sorted(E.scores(scenario, state.values).values(), reverse=True)
    lead = top[0] - top[1]
    assert state.outcome.margin != lead, "the golden game must tell the two margins apart"
    assert f"({lead} point" in report.aar.margin_note


def test_unnamed_games_of_the_same_seed_get_debriefs_of_their_own(tmp_path):
    from wargame.report import debrief_stem
    from wargame.scenario import load_scenario
    from wargame.tui import session
    from wargame.tui.facilitator_flow import debrief_path

    tutorial = load_scenario(Path(__file__).resolve().parents[2] / "scenarios" / "tutorial.yaml")[0]
    seats = {f.id: "normal" for f in tutorial.factions}
    first = session.start(tutorial, 7, seats, started="2026-12-01T15:32:07+00:00")
    second = session.start(tutorial, 7, seats, started="2026-12-01T15:32:41+00:00")
    assert debrief_path(first, tmp_path) != debrief_path(second, tmp_path)
    assert debrief_path(first, tmp_path).name == "tutorial-seed7-20261201-153207.debrief.html"
    assert debrief_stem("tutorial", 7, first.started, "first-try") == "first-try"
    assert debrief_stem("tutorial", 7, first.started, "autosave-tutorial").startswith("tutorial-seed7-")
