"""The generated functions (legal lists, effect runners) give exactly what the loops they replace give."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from engine_helpers import SCENARIO_FILES, load, play_random, scenario_ids

from wargame.engine import events as ev
from wargame.engine import listing as listing_module
from wargame.engine.effects import run_statements, run_statements_loop
from wargame.engine.legal import PASS, tables
from wargame.engine.listing import UNROLL, UNROLL_CHARS
from wargame.engine.runner import HOT, runner

HERE_FILES = [*SCENARIO_FILES, *sorted(Path(__file__).parent.glob("*.yaml"))]


def positions(scenario, games: int = 3):
    """Values met in random games: every turn's start and the final values."""
    out = []
    for seed in range(games):
        final, _, _ = play_random(scenario, seed)
        out += [*final.history, final.values]
    return out


@pytest.mark.parametrize("path", HERE_FILES, ids=[p.stem for p in HERE_FILES])
@pytest.mark.parametrize(("regions", "chars"), [(UNROLL, UNROLL_CHARS), (UNROLL, 1500), (0, 0)])
def test_each_factions_generated_list_is_its_rules_legal_acts_then_pass(path, regions, chars, monkeypatch):
    """Targets written out region by region, some of them (a budget of 1,500 characters), or none (every
    targeted action on its cache, as on a map of more than UNROLL regions): the same list."""
    scenario = load(path)
    monkeypatch.setattr(listing_module, "UNROLL", regions)
    monkeypatch.setattr(listing_module, "UNROLL_CHARS", chars)
    t = tables(scenario)
    listings = {fid: listing_module.listing(rules, PASS) for fid, rules in t.by_faction.items()}
    for v in positions(scenario):
        for fid, rules in t.by_faction.items():
            want = (*itertools.chain.from_iterable(a.legal(v) for a in rules), PASS)
            assert listings[fid](v) == want


def statement_lists(scenario):
    """Every statement list of the scenario with the targets it may run on."""
    regions = range(len(scenario.regions))
    for a in scenario.actions:
        for stmts in (a.success, a.failure):
            for t in regions if a.targeted else (-1,):
                yield stmts, t
    for c in scenario.cards:
        yield c.effects, -1
        for o in c.choice.options if c.choice else ():
            yield o.effects, -1
    yield scenario.upkeep, -1


@pytest.mark.parametrize("path", HERE_FILES, ids=[p.stem for p in HERE_FILES])
@pytest.mark.parametrize("cause", [ev.UPKEEP, ev.Cause.of(ev.CauseKind.CARD, "x")], ids=["upkeep", "card"])
def test_generated_statement_runners_change_and_report_what_the_loop_does(path, cause):
    scenario = load(path)
    for v in positions(scenario, 2):
        for stmts, t in statement_lists(scenario):
            got_v, got_events, got_forced = list(v), [], [7]
            want_v, want_events, want_forced = list(v), [], [7]
            generated = runner(scenario, stmts)
            while stmts and generated is None:  # the function, not the loop it starts with
                generated = runner(scenario, stmts)
            run_statements(scenario, got_v, stmts, t, cause, got_events, got_forced)
            run_statements_loop(scenario, want_v, stmts, t, cause, want_events, want_forced)
            assert (got_v, got_events, got_forced) == (want_v, want_events, want_forced)
            quiet = list(v)  # a bot's preview: no events, no forced cards
            run_statements(scenario, quiet, stmts, t, cause, None, None)
            assert quiet == want_v


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=scenario_ids())
def test_a_statement_list_gets_its_function_once_it_runs_often_and_keeps_it(path):
    scenario = load(path)
    stmts = tuple(list(scenario.upkeep))  # a list never run before (the loaded scenario is shared)

    got = [runner(scenario, stmts) for _ in range(HOT + 2)]
    assert got[: HOT - 1] == [None] * (HOT - 1)
    assert got[HOT - 1] is not None and got[HOT - 1] is got[HOT] is got[HOT + 1]
    other = list(stmts)  # another list with the same statements starts counting afresh
    assert runner(scenario, other) is None


def test_loops_over_regions_on_a_fixed_slot_or_the_target_run_as_the_loop_does():
    from wargame.scenario.expr.statements import compile_statement

    scenario = load(SCENARIO_FILES[0])
    texts = (
        "for each region where security > 0 and isis == 0: intel += 1",
        "for each region where isis > 0: target.security -= 1",
        "for each region: security += 1",
        "intel += count(isis > 0)",  # after a loop: outside any region again
    )
    stmts = tuple(compile_statement(text, scenario.symbols, has_target=True) for text in texts)
    while runner(scenario, stmts) is None:
        pass
    for v in positions(scenario, 1):
        for t in range(len(scenario.regions)):
            got_v, got_events, want_v, want_events = list(v), [], list(v), []
            run_statements(scenario, got_v, stmts, t, ev.UPKEEP, got_events, None)
            run_statements_loop(scenario, want_v, stmts, t, ev.UPKEEP, want_events, None)
            assert (got_v, got_events) == (want_v, want_events)
            assert got_v != list(v)
