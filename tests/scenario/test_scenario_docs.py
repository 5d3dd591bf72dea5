"""docs/scenario-format.md stays true: its examples load; it names every key, function and reserved word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wargame import engine
from wargame.scenario import load_text
from wargame.scenario import spec as S
from wargame.scenario.expr.compile import FUNCTIONS
from wargame.scenario.load import RESERVED

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", DOC, re.S)
COMPLETE = [b for b in BLOCKS if b.startswith("# complete scenario")]


def _objects(kind, seen=None):
    """Every object kind reachable from `kind` in the spec, once each."""
    seen = [] if seen is None else seen
    if kind is None or any(k is kind for k in seen):
        return seen
    if kind.name == "obj":
        seen.append(kind)
        for f in kind.fields:
            _objects(f.kind, seen)
    elif kind.name in ("list", "idmap"):
        _objects(kind.item, seen)
    return seen


def test_there_is_a_complete_example():
    assert COMPLETE


@pytest.mark.parametrize("block", COMPLETE, ids=lambda b: b.split("\n")[2])
def test_complete_examples_load_cleanly_and_play(block):
    scenario, warnings = load_text(block, "example.yaml")
    assert warnings == []
    state = engine.new_game(scenario, 1)
    while state.outcome is None:
        state, _ = engine.apply(scenario, state, engine.legal_decisions(scenario, state)[0])


@pytest.mark.parametrize("kind", _objects(S.SCENARIO), ids=lambda k: ",".join(f.key for f in k.fields)[:40])
def test_every_key_has_a_table_row(kind):
    for f in kind.fields:
        assert f"| `{f.key}` |" in DOC, f"docs/scenario-format.md has no table row for '{f.key}'"


def test_every_function_is_documented():
    for name in FUNCTIONS:
        assert f"| `{name}(" in DOC, name


def test_the_reserved_words_listed_are_the_loaders():
    section = DOC.split("**Reserved words**", 1)[1].split("\n\n", 1)[0]
    assert set(re.findall(r"`([a-z_]+)`", section)) == RESERVED
