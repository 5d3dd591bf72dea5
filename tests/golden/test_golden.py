"""Golden replays: recorded games whose hashes and events must not change unless the rules change on purpose.

If one fails after a change to wargame/engine: either the change was a
mistake, or it changes the rules on purpose, and then `python
tests/golden/regen.py` rewrites the goldens (see docs/engine.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wargame import saves
from wargame.engine import state_hash

HERE = Path(__file__).resolve().parent
EXPECTED = json.loads((HERE / "expected.json").read_text())
GOLDEN = sorted(HERE.glob("v*.json"))


def test_every_golden_save_has_expectations_and_there_is_one_of_the_current_version():
    assert {p.name for p in GOLDEN} == set(EXPECTED)
    assert any(p.name.startswith(f"v{saves.SAVE_VERSION}-") for p in GOLDEN)


@pytest.mark.parametrize("path", GOLDEN, ids=[p.name for p in GOLDEN])
def test_golden_replay_reaches_the_same_state_through_the_same_events(path):
    import hashlib

    want = EXPECTED[path.name]
    scenario, saved, state, events = saves.load_game(path)
    assert scenario.path.startswith(str(HERE)), "goldens replay on their frozen scenario copies"
    assert state_hash(state) == saved.state_hash == want["state_hash"]
    assert hashlib.sha256(repr(list(events)).encode()).hexdigest()[:16] == want["events"], (
        "same final state but different events: something now happens differently on the way"
    )
    assert len(saved.decisions) == want["decisions"] and len(saved.branches) == want["branches"]
    o = state.outcome
    assert [o.winner, o.reason, o.margin] == want["outcome"]
    saves.verify(scenario, saved)  # and every branch


def test_the_frozen_copies_still_match_what_the_goldens_were_played_on():
    for path in GOLDEN:
        saved = saves.read_save(path)
        scenario = saves.find_scenario(saved, path)
        saves.check_scenario(saved, scenario, str(path))
        assert saved.digest == scenario.digest, f"{scenario.path} was edited; it is a frozen copy"


def test_the_facilitated_golden_holds_every_kind_of_facilitator_decision():
    saved = saves.read_save(HERE / f"v{saves.SAVE_VERSION}-tutorial-facilitated.json")
    entries = list(saved.decisions)
    kinds = {k for e in entries for k in ("override", "inject", "bookmark") if k in e}
    rulings = {e.get("ruling") for e in entries} - {None}
    assert kinds == {"override", "inject", "bookmark"} and rulings == {"success", "failure", "argue"}
    assert any("inject" in e and "turn" in e for e in entries) and any(
        "inject" in e and "turn" not in e for e in entries
    )
    assert saved.branches and saved.branches[0].state_hash
