"""Mutated tutorials either load (and play) or fail with located problems; never anything else."""

from __future__ import annotations

import copy
import random
import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame import engine
from wargame.scenario import ScenarioError, load_text

ROOT = Path(__file__).resolve().parents[2]
TEXT = (ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
DATA = yaml.safe_load(TEXT)
NAME = "mutant.yaml"


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for k, value in enumerate(node):
            yield from _paths(value, (*path, k))


PATHS = [p for p in _paths(DATA) if p]
IDS = sorted(
    {
        *DATA["factions"],
        *DATA["tracks"],
        *DATA["region_attributes"],
        *DATA["regions"],
        *DATA["actions"],
        *(c["id"] for c in DATA["cards"]),
        *DATA["objectives"],
    }
)
TRICKY = [
    "",
    " ",
    "none",
    "gna",
    "isis",
    "target",
    "turn",
    "control",
    "count(",
    "1 +",
    "x if",
    "__class__",
    "gna.__dict__",
    "a.b.c",
    "sirte_centre.control",
    "draw car_bombs",
    'log "hi"',
    "2016-13",
    "yes",
    "no",
    "true",
    "~",
    "[x]",
    "{a: 1}",
    "'",
    '"',
    "max(1)",
    "count(1)",
    'has_tag(target, "base")',
    "adjacent(gna, misrata)",
    "1 // 0",
    "-5",
    "99999999999999999999",
    "0x10",
    "1e3",
    "é",
    "#2e86de",
    "eval('1')",
    "__import__('os')",
    "a = 1",
    "1 < 2 < 3",
    "4 / 2",
    "gna.treasury += 1",
]
VALUES = st.one_of(
    st.sampled_from(TRICKY),
    st.text(max_size=12),
    st.integers(-(10**12), 10**12),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([[], {}, ["gna"], {"start": 1}, [{"label": "x"}]]),
)
MUTATION = st.tuples(
    st.sampled_from(
        ["delete", "replace", "rename_key", "rename_key_to", "wrap", "rename_reference", "rename_everywhere"]
    ),
    st.sampled_from(PATHS),
    VALUES,
    st.sampled_from(IDS),
    st.sampled_from(
        [
            *IDS,
            "x",
            "zz_top",
            "Bad-Id",
            "turn",
            "none",
            "sum",
            "name",
            "text",
            "tags",
            "control",
            "target",
            "adjacent",
            "start",
            "max",
            "id",
            "card",
        ]
    ),
)


def _mutate(data, text_renames, mutation) -> None:
    op, path, value, ref, new = mutation
    parent = data
    for key in path[:-1]:
        try:
            parent = parent[key]
        except (KeyError, IndexError, TypeError):
            return
    last = path[-1]
    if (
        not isinstance(parent, (dict, list))
        or (isinstance(parent, dict) and last not in parent)
        or (isinstance(parent, list) and not (isinstance(last, int) and last < len(parent)))
    ):
        return
    if op == "delete":
        del parent[last]
    elif op == "replace":
        parent[last] = value
    elif op == "rename_key" and isinstance(parent, dict):
        parent[f"{last}{new}"] = parent.pop(last)
    elif op == "rename_key_to" and isinstance(parent, dict):
        parent[new] = parent.pop(last)
    elif op == "wrap":
        parent[last] = [parent[last]]
    elif op in ("rename_reference", "rename_everywhere"):
        text_renames.append((ref, new, 1 if op == "rename_reference" else 0))


def check(text: str) -> None:
    """The property: a clean load that plays, or a ScenarioError whose every problem is located."""
    try:
        scenario, warnings = load_text(text, NAME)
    except ScenarioError as exc:
        assert exc.problems
        assert any(p.severity == "error" for p in exc.problems)
        for p in exc.problems:
            assert p.where.file == NAME
            assert p.where.line >= 1 and p.where.column >= 1, p
            assert p.message and "\n" not in p.message, p
            assert "Traceback" not in p.message
        return
    for w in warnings:
        assert w.where.line >= 1 and w.where.column >= 1, w
    rng = random.Random(0)
    state = engine.new_game(scenario, 1)
    for _ in range(150):
        if state.outcome is not None:
            break
        state, _events = engine.apply(scenario, state, rng.choice(engine.legal_decisions(scenario, state)))
    for value, (lo, hi) in zip(state.values, scenario.slot_bounds, strict=True):
        assert lo <= value <= hi


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MUTATION, min_size=1, max_size=3))
def test_mutated_tutorial_loads_or_reports_located_problems(mutations):
    data = copy.deepcopy(DATA)
    renames: list[tuple[str, str, int]] = []
    for mutation in mutations:
        _mutate(data, renames, mutation)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    for old, new, count in renames:
        text = re.sub(rf"\b{re.escape(old)}\b", new, text, count=count)
    check(text)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_garbage_spliced_into_the_tutorial_text_is_reported_in_place(data):
    start = data.draw(st.integers(0, len(TEXT)))
    cut = data.draw(st.integers(0, 12))
    garbage = data.draw(
        st.one_of(st.sampled_from([*TRICKY, "\t", ": ", "- ", "&a ", "*a", "!!str ", "\x00"]), st.text(max_size=8))
    )
    check(TEXT[:start] + garbage + TEXT[start + cut :])


def test_renaming_an_id_everywhere_still_loads():
    """A consistent rename is not a mistake: the loader must not depend on the tutorial's names."""
    text = re.sub(r"\bsirte_centre\b", "city_centre", TEXT)
    text = re.sub(r"\bmorale\b", "spirit", text)
    scenario, _warnings = load_text(text, NAME)
    assert "city_centre" in scenario.region_index
    assert "spirit" in scenario.slot_index
