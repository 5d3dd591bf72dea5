"""Writes the golden replays: saves whose hashes and event digests must not change unless the rules do.

    .venv/bin/python tests/golden/regen.py

Run it only after changing the rules ON PURPOSE, read the diff of expected.json
(which games changed, and why), and commit the saves with a message that says
why the rules changed. The games are played on frozen copies of the scenarios
(tutorial.yaml, libya-2016.yaml here), by the engine's own seeded random player
and a script of facilitator acts, so bots and scenario edits cannot move them.
Save files of an older save version are never rewritten: their hashes are
updated in place (see docs/engine.md), so the migration chain stays tested.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import attrs

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "engine"))

from engine_helpers import random_policy  # noqa: E402

from wargame import engine as E  # noqa: E402
from wargame import saves  # noqa: E402
from wargame.engine.codec import to_dict  # noqa: E402
from wargame.scenario import load_scenario  # noqa: E402

CREATED = "2026-11-26T00:00:00+00:00"


def events_digest(events) -> str:
    """A digest of every event of a game, in order (attrs reprs of plain values)."""
    return hashlib.sha256(repr(list(events)).encode()).hexdigest()[:16]


def random_game(scenario, seed: int, name: str):
    state, _ = E.begin(scenario, seed)
    entries, r = [], seed
    while state.outcome is None:
        decision, r = random_policy(scenario, state, r)
        state, _ = E.apply(scenario, state, decision)
        entries.append(to_dict(decision, by="random"))
    return saves.record(
        scenario, state, entries, created=CREATED, name=name, game_id=f"golden-{scenario.id}-s{seed}"
    )  # fixed: a regen changes only what changed


def facilitated_game(scenario):
    """The tutorial with every facilitator act, then a rewind that leaves a branch, then play to the end."""
    fac = "facilitator"
    script = {
        0: [(E.Bookmark("Opening: each team states its plan"), fac)],
        1: [(E.Override("gna.treasury += 25", "donor money arrives early"), fac)],
        2: [(E.Act("assault", "sirte_centre", "failure", reason="no plan for the mines"), "human")],
        3: [
            (E.InjectCard("civilians_flee", "test the ISIS team now"), fac),
            (E.InjectCard("salaries_late", "the central bank stalls", turn=4), fac),
        ],
        5: [(E.Act("pay_brigades", ruling="success", reason="paid in cash, in person"), "human")],
        7: [(E.Act("assault", "district_3", "argue", pro=3, con=1, reason="air cover vs. mines"), "human")],
    }
    state, _ = E.begin(scenario, 11, {"gna": "human", "isis": "random"})
    entries, r, used = [], 5, set()
    while state.outcome is None:
        batch = None
        for at, acts in script.items():
            if (
                at not in used
                and len(entries) >= at
                and state.pending.kind == "action"
                and (state.pending.faction == "gna" or all(by == fac for _, by in acts))
            ):
                legal = E.legal_decisions(scenario, state)
                ok = all(
                    by == fac
                    or any(d.action == x.action and d.target == x.target for x in legal if isinstance(x, E.Act))
                    for d, by in acts
                )
                if ok:
                    used.add(at)
                    batch = acts
                    break
        if batch is None:
            decision, r = random_policy(scenario, state, r)
            batch = [(decision, "random")]
        for decision, by in batch:
            state, _ = E.apply(scenario, state, decision)
            entries.append(to_dict(decision, by=by, why=None))
    assert len(used) == len(script), f"the script did not run in full: {sorted(set(script) - used)}"
    full = saves.record(
        scenario, state, entries, created=CREATED, name="facilitated", game_id="golden-tutorial-facilitated"
    )
    rewound, state = saves.rewind(full, len(entries) // 2, scenario=scenario, note="the G.N.A. team asked for a redo")
    more = []
    r = 77
    while state.outcome is None:
        decision, r = random_policy(scenario, state, r)
        state, _ = E.apply(scenario, state, decision)
        more.append(to_dict(decision, by="random"))
    return saves.extend(rewound, state, more)


def main() -> None:
    tutorial, _ = load_scenario(HERE / "tutorial.yaml")
    libya, _ = load_scenario(HERE / "libya-2016.yaml")
    version = saves.SAVE_VERSION
    games = {
        f"v{version}-tutorial-seed1": random_game(tutorial, 1, "seed 1"),
        f"v{version}-tutorial-seed2016": random_game(tutorial, 2016, "seed 2016"),
        f"v{version}-tutorial-facilitated": facilitated_game(tutorial),
        f"v{version}-libya-2016-seed7": random_game(libya, 7, "seed 7"),
    }
    expected = json.loads((HERE / "expected.json").read_text()) if (HERE / "expected.json").exists() else {}
    for name, saved in games.items():
        saved = attrs.evolve(saved, scenario_path=Path(saved.scenario_path).name)  # found beside the save
        path = saves.write_save(HERE / f"{name}.json", saved)
        scenario, _, state, events = saves.load_game(path)
        saves.verify(scenario, saved)
        expected[path.name] = {
            "state_hash": saved.state_hash,
            "events": events_digest(events),
            "decisions": len(saved.decisions),
            "branches": len(saved.branches),
            "outcome": [state.outcome.winner, state.outcome.reason, state.outcome.margin],
        }
        print(f"{path.name}: {len(saved.decisions)} decisions, hash {saved.state_hash}")
    (HERE / "expected.json").write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
