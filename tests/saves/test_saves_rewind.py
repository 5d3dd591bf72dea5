"""Rewind: rebuild any earlier moment, continue from it, and keep what was undone as a replayable branch."""

from __future__ import annotations

import json

import attrs
import pytest
from saves_helpers import GOLDEN, finished_game

from wargame import engine as E
from wargame import saves
from wargame.engine.codec import to_dict


def play_on(scenario, state, r=1):
    """Finish the game with the first legal decision each time (a different road from the random one)."""
    entries = []
    while state.outcome is None:
        options = E.legal_decisions(scenario, state)
        decision = options[r % len(options)]
        state, _ = E.apply(scenario, state, decision)
        entries.append(to_dict(decision, by="human"))
    return state, entries


def test_rewind_rebuilds_the_earlier_moment_and_keeps_the_undone_decisions_as_a_branch(tmp_path):
    scenario, saved, path = finished_game(tmp_path)
    n = len(saved.decisions)
    shorter, state = saves.rewind(saved, 6, scenario=scenario, note="take back the assault")
    assert state == saves.replay(scenario, saved, 6)[0] and state.step == 6
    assert shorter.decisions == saved.decisions[:6] and shorter.state_hash == E.state_hash(state)
    (branch,) = shorter.branches
    assert (branch.from_step, branch.decisions, branch.note) == (6, saved.decisions[6:], "take back the assault")
    assert branch.state_hash == saved.state_hash and len(branch.decisions) == n - 6
    final, more = play_on(scenario, state)
    on = saves.extend(shorter, final, more)
    assert on.name == saved.name and on.created == saved.created
    out = saves.write_save(tmp_path / "saves" / "what-if.json", on)
    scenario2, loaded, end, _ = saves.load_game(out)
    assert loaded == on and E.state_hash(end) == on.state_hash
    saves.verify(scenario2, loaded)
    what_if = saves.branch_line(loaded, 0)
    assert what_if.decisions == saved.decisions and what_if.branches == ()
    assert E.state_hash(saves.replay(scenario2, what_if)[0]) == saved.state_hash


def test_rewinding_twice_re_anchors_the_older_branch_so_every_branch_still_replays(tmp_path):
    scenario, saved, _ = finished_game(tmp_path, seed=8)
    first, state = saves.rewind(saved, 10, scenario=scenario, note="first")
    final, more = play_on(scenario, state, r=0)
    first = saves.extend(first, final, more)
    second, state = saves.rewind(first, 4, scenario=scenario, note="second")
    final, more = play_on(scenario, state, r=2)
    second = saves.extend(second, final, more)
    assert [(b.from_step, b.note) for b in second.branches] == [(4, "first"), (4, "second")]
    assert second.branches[0].decisions == (*saved.decisions[4:10], *saved.decisions[10:])
    lines = [saves.branch_line(second, k) for k in range(2)]
    assert lines[0].decisions == saved.decisions and lines[1].decisions == first.decisions
    saves.verify(scenario, second)


def test_rewind_to_the_end_or_the_start(tmp_path):
    scenario, saved, _ = finished_game(tmp_path)
    same, state = saves.rewind(saved, len(saved.decisions), scenario=scenario)
    assert same.branches == () and same.decisions == saved.decisions and state.outcome is not None
    start, state = saves.rewind(saved, 0, scenario=scenario)
    assert start.decisions == () and state == E.new_game(scenario, saved.seed, saved.seats)
    for bad in (-1, len(saved.decisions) + 1, "3", 2.0):
        with pytest.raises(saves.SaveError, match="cannot rewind"):
            saves.rewind(saved, bad, scenario=scenario)
    with pytest.raises(saves.SaveError, match="no branch 0"):
        saves.branch_line(saved, 0)


def test_rewind_finds_the_scenario_itself(tmp_path, monkeypatch):
    scenario, saved, _ = finished_game(tmp_path)
    monkeypatch.chdir(tmp_path)
    shorter, state = saves.rewind(attrs.evolve(saved, scenario_path="tutorial.yaml"), 3)
    assert state.step == 3


def test_a_tampered_branch_fails_verification(tmp_path):
    scenario, saved, _ = finished_game(tmp_path)
    shorter, _ = saves.rewind(saved, 5, scenario=scenario)
    decisions = list(shorter.branches[0].decisions)
    decisions[-1] = {"bookmark": "slipped in"}
    bad = attrs.evolve(shorter, branches=(attrs.evolve(shorter.branches[0], decisions=tuple(decisions)),))
    with pytest.raises(saves.SaveError, match="branch 0"):
        saves.verify(scenario, bad)


def test_branches_without_a_hash_from_older_saves_are_kept_and_not_checked(tmp_path):
    src = GOLDEN / "v1-tutorial-facilitated.json"  # branch hashes came before version 2
    doc = json.loads(src.read_text())
    for b in doc["branches"]:
        b.pop("state_hash")
        b.pop("turn")
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc))
    (tmp_path / "tutorial.yaml").write_bytes((GOLDEN / "tutorial.yaml").read_bytes())
    scenario, saved, _, _ = saves.load_game(path)
    assert saved.branches[0].state_hash == ""
    saves.verify(scenario, saved)
