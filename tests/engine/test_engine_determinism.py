"""Same scenario + seed + decisions = the same game, bit for bit, in any process; decisions share, not copy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from engine_helpers import ROOT, SCENARIO_FILES, load, play_random, random_policy, scenario_ids

from wargame import engine as E
from wargame.engine.codec import from_dict

SEEDS = {"small": range(12), "large": range(3)}


def fingerprint_games(scenario, seeds) -> list:
    """Per seed: the final hash and a digest of every event, as plain JSON."""
    import hashlib

    out = []
    for seed in seeds:
        state, _entries, events = play_random(scenario, seed)
        digest = hashlib.sha256(repr(events).encode()).hexdigest()[:16]
        out.append([seed, E.state_hash(state), digest, state.step])
    return out


def seeds_for(scenario):
    return SEEDS["small" if len(scenario.actions) < 20 else "large"]


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=scenario_ids())
def test_replaying_the_decisions_gives_the_same_states_and_events(path):
    scenario = load(path)
    for seed in seeds_for(scenario):
        final, entries, events = play_random(scenario, seed)
        state, replayed = E.begin(scenario, seed)
        hashes = [E.state_hash(state)]
        for entry in entries:
            state, evs = E.apply(scenario, state, from_dict(entry))
            replayed += evs
            hashes.append(E.state_hash(state))
        assert state == final and E.state_hash(state) == E.state_hash(final)
        assert replayed == events
        assert len(set(hashes)) == len(hashes), "every decision moves the game to a new state"


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=scenario_ids())
def test_different_seeds_give_different_games(path):
    scenario = load(path)
    finals = {E.state_hash(play_random(scenario, seed)[0]) for seed in range(6)}
    assert len(finals) == 6


def test_same_game_in_other_processes_with_other_hash_seeds():
    scenarios = [p for p in SCENARIO_FILES if not isinstance(_try(p), Exception)]
    here = {p.name: fingerprint_games(load(p), seeds_for(load(p))) for p in scenarios}
    script = textwrap.dedent(f"""
        import json, sys
        sys.path.insert(0, {str(ROOT / "tests" / "engine")!r})
        from pathlib import Path
        from test_engine_determinism import fingerprint_games, seeds_for
        from wargame.scenario import load_scenario
        out = {{}}
        for name in {[p.name for p in scenarios]!r}:
            s = load_scenario(Path({str(ROOT / "scenarios")!r}) / name)[0]
            out[name] = fingerprint_games(s, seeds_for(s))
        print(json.dumps(out))
    """)
    for hash_seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == json.loads(json.dumps(here)), f"PYTHONHASHSEED={hash_seed} differs"


def _try(path):
    from wargame.scenario import ScenarioError, load_scenario

    try:
        return load_scenario(path)[0]
    except ScenarioError as exc:
        return exc


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=scenario_ids())
def test_seats_and_seed_types(path):
    scenario = load(path)
    a = E.new_game(scenario, 5)
    b = E.new_game(scenario, 5, {f.id: "human" for f in scenario.factions})
    assert E.state_hash(a) == E.state_hash(b), "who sits where does not change the game"
    for seed in (-1, 0, 2**70, -(2**70)):
        assert E.new_game(scenario, seed).seed == seed
    with pytest.raises(TypeError):
        E.new_game(scenario, 1.5)  # type: ignore[arg-type]
    assert E.new_game(scenario).seed == scenario.seed


# --- a decision shares what it does not change -------------------------------------------


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=scenario_ids())
def test_a_decision_copies_only_what_it_changes(path):
    scenario = load(path)
    state = E.new_game(scenario, 3)
    bookmarked, _ = E.apply(scenario, state, E.Bookmark("note"))
    for part in ("values", "deck", "discard", "history", "forced", "scheduled", "delayed", "fired"):
        assert getattr(bookmarked, part) is getattr(state, part), part
    turns_seen = 0
    r = 99
    while state.outcome is None:
        decision, r = random_policy(scenario, state, r)
        after, events = E.apply(scenario, state, decision)
        upkeep = any(getattr(e, "phase", None) == "upkeep" for e in events)
        drew = any(type(e).__name__ == "CardDrawn" for e in events)  # a turn with several draws
        if not upkeep:
            assert after.history is state.history
            if not drew:
                assert after.deck is state.deck and after.discard is state.discard
            if isinstance(decision, E.Pass):
                assert after.values is state.values, "a pass within a turn shares the values"
        elif after.outcome is None:
            turns_seen += 1
            assert all(x is y for x, y in zip(after.history, state.history, strict=False)), (
                "a new turn adds to the history without copying the earlier turns"
            )
        state = after
    assert turns_seen >= 1


def test_the_engine_imports_nothing_that_reads_the_world():
    """No clock, no global random, no files, no environment: only these imports are allowed in the engine."""
    import ast

    allowed = {
        "__future__",
        "hashlib",
        "bisect",  # a sorted search: reads nothing but its arguments
        "operator",
        "itertools",
        "attrs",
        "typing",
        "collections.abc",
        "enum",
        "functools",
    }
    for module in sorted((ROOT / "wargame" / "engine").glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name in allowed or name.startswith(("wargame.engine", "wargame.scenario")), (
                    f"{module.name} imports {name}"
                )


def test_below_is_next_u64_modulo_n():
    """`below` writes SplitMix64's step out for speed: it must stay the same stream as next_u64."""
    from wargame.engine.rng import below, next_u64, seed_state

    state = seed_state(7)
    for n in (1, 2, 6, 100, 1 << 40):
        want_state, z = next_u64(state)
        assert below(state, n) == (want_state, z % n)
        state = want_state


def test_sealed_state_fields_make_the_same_frozen_game_state():
    """The rules build states through `sealed(StateFields(...))` (a faster path): a real, equal, frozen GameState."""
    import attrs
    import pytest

    from wargame.engine.state import GameState, StateFields, sealed

    fields = {a.name: i for i, a in enumerate(attrs.fields(GameState))}
    fields.update(values=(1, 2), fired=frozenset({3}), pending=None, outcome=None, seats=(), phase="events")
    fields["ex"] = GameState.__attrs_attrs__.ex.default
    built, plain = sealed(StateFields(**fields)), GameState(**fields)
    assert type(built) is GameState
    assert built == plain and hash(built) == hash(plain) and repr(built) == repr(plain)
    assert attrs.evolve(built, step=99).step == 99
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        built.step = 5  # type: ignore[misc]
