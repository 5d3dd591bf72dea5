"""Writes the golden saves of the report tests: run it again when the rules change (the saves hold hashes).

    .venv/bin/python tests/report/make_saves.py

Every game is deterministic (seeded engine, seeded random bot), so the same
rules give the same files apart from their 'saved' time.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from wargame import bots, saves
from wargame import engine as E
from wargame.engine.codec import to_dict
from wargame.scenario import load_scenario

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CREATED = "2026-01-15T09:00:00+00:00"


def play(scenario, seed, seats, rules=(), stop=None):
    """Play with random bots; each rule (when, act) fires once, the first time `when(state)` holds.

    `act(state)` returns the decisions to apply then, as (decision, by, why).
    """
    state, _ = E.begin(scenario, seed, seats)
    entries, fired = [], set()
    while state.outcome is None and (stop is None or len(entries) < stop):
        batch = None
        for k, (when, act) in enumerate(rules):
            if k not in fired and when(state):
                fired.add(k)
                batch = act(state)
                break
        if batch is None:
            decision, why = bots.choose(scenario, state, "random")
            who = seats.get(state.pending.faction, "random")
            batch = [(decision, who, None if who == "human" else why)]
        for decision, by, why in batch:
            state, _ = E.apply(scenario, state, decision)
            entries.append(to_dict(decision, by=by, why=why))
    return state, entries


def _assault(state, scenario, **ruling):
    """A ruled assault on the most fortified district (so that even a success takes no district)."""
    options = [d for d in E.legal_decisions(scenario, state) if isinstance(d, E.Act) and d.action == "assault"]
    if not options:
        return [(E.Pass(), "human", None)]
    isis = scenario.slot_index
    d = max(options, key=lambda d: state.values[isis[f"{d.target}.isis"]])
    return [(E.Act(d.action, d.target, **ruling), "human", None)]


def facilitated(scenario):
    """A hot-seat game with every kind of facilitator act: bookmarks, an override, rulings, injects, a rewind."""
    fac = "facilitator"

    def gna_acts(state):
        return state.pending is not None and state.pending.kind == "action" and state.pending.faction == "gna"

    rules = [
        (lambda st: True, lambda st: [(E.Bookmark("Opening: ask each team for its plan"), fac, None)]),
        (
            gna_acts,
            lambda st: [
                (E.Override("gna.treasury = 90", "the donors' conference paid out early"), fac, None),
                *_assault(st, scenario, ruling="failure", reason="no plan for the mines on the coastal road"),
            ],
        ),
        (
            lambda st: gna_acts(st) and st.turn >= 2,
            lambda st: _assault(
                st, scenario, ruling="argue", pro=2, con=1, reason="air cover argued for, mines against"
            ),
        ),
        (
            lambda st: st.turn >= 3 and st.pending is not None and st.pending.kind == "action",
            lambda st: [
                (E.InjectCard("oil_revenue", "a tanker leaves early: test the budget"), fac, None),
                (E.InjectCard("salaries_late", "the central bank stalls", turn=5), fac, None),
            ],
        ),
        (
            lambda st: st.turn >= 5,
            lambda st: [(E.Bookmark("Discuss: was the air offer worth the legitimacy?"), fac, None)],
        ),
    ]
    state, entries = play(scenario, 4, {"gna": "human", "isis": "random"}, rules)
    rewind = saves.Branch(4, ({"pass": True, "by": "human"},), "the G.N.A. team took back a pass")
    return saves.record(scenario, state, entries, created=CREATED, name="facilitated", branches=(rewind,))


def main() -> None:
    scenario, _ = load_scenario(ROOT / "scenarios" / "tutorial.yaml")
    scenario_path = "scenarios/tutorial.yaml"
    games = {}
    for seed in (3, 11, 36):
        state, entries = play(scenario, seed, {"gna": "random", "isis": "random"})
        games[f"tutorial-seed{seed}"] = saves.record(scenario, state, entries, created=CREATED)
    state, entries = play(scenario, 7, {"gna": "human", "isis": "random"}, stop=9)
    games["tutorial-unfinished"] = saves.record(scenario, state, entries, created=CREATED, name="half-time")
    games["tutorial-facilitated"] = facilitated(scenario)
    for name, saved in games.items():
        saves.write_save(HERE / "saves" / f"{name}.json", attrs.evolve(saved, scenario_path=scenario_path))
        print(name, len(saved.decisions), "decisions")


if __name__ == "__main__":
    main()
