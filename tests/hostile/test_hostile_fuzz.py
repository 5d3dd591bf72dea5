"""The mutation fuzzer over both bundled scenarios: a few hundred mutants in every run, 5,000 each when asked."""

from __future__ import annotations

import random

import pytest
from hostile_fuzz import Mutator, check, run

# (scenario, first mutant, how many): chunks, so parallel workers share the work
CHUNKS = [("tutorial", k * 60, 60) for k in range(4)] + [("libya-2016", k * 20, 20) for k in range(4)]


@pytest.mark.parametrize(("scenario", "start", "count"), CHUNKS, ids=lambda x: str(x))
def test_mutants_load_and_play_or_are_refused_in_located_lines(scenario, start, count):
    failures = run(scenario, count, seed=1, skip=start, report=lambda _line: None)
    assert not failures, failures[0][1]


def test_the_fuzzer_is_deterministic_and_mutants_do_get_played():
    """The same seed makes the same mutants; and not every mutant is refused, or play is never fuzzed."""
    from hostile_fuzz import ROOT

    text = (ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    first = [Mutator(text).mutant(random.Random("tutorial:1"))[0] for _ in range(2)]
    assert first[0] == first[1]
    rng = random.Random("tutorial:1")
    mutator = Mutator(text)
    outcomes = {check(mutator.mutant(rng)[0]) for _ in range(60)}
    assert outcomes == {"refused", "played"}


SLOW_CHUNKS = [(scenario, k * 1000) for scenario in ("tutorial", "libya-2016") for k in range(5)]


@pytest.mark.slow  # about 4 minutes of one core for the tutorial's 5,000, 40 for Libya's
@pytest.mark.parametrize(("scenario", "start"), SLOW_CHUNKS, ids=lambda x: str(x))
def test_five_thousand_mutants_of_each_bundled_scenario(scenario, start):
    failures = run(scenario, 1000, seed=1, skip=start, report=lambda _line: None)
    assert not failures, f"{len(failures)} failures; the first:\n{failures[0][1]}"
