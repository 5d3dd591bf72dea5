"""Aggregate.merge: any split of the games into batches, merged in any order, gives the one-run report."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.analysis import aggregate, aggregate_io, runner, tasks
from wargame.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
SCENARIO = load_scenario(TUTORIAL)[0]
SEATS = {"gna": "easy", "isis": "random"}
GAMES = 40


def _summaries() -> list[dict]:
    out = []
    for g in range(GAMES):
        summary = runner.play(SCENARIO, runner.game_seed(11, g), SEATS)
        if g % 7 == 3:  # some problem games, so the kept examples are merged too
            summary = {**summary, "problem": ("dead end", f"stuck in game {g}")}
        out.append({**summary, "game": g})
    return out


SUMMARIES = _summaries()


def one_run() -> dict:
    agg = aggregate.Aggregate(SCENARIO, SEATS)
    for s in SUMMARIES:
        agg.add(s)
    return agg.report()


ONE_RUN = one_run()


@settings(max_examples=40, deadline=None)
@given(cuts=st.sets(st.integers(1, GAMES - 1), max_size=8), order=st.randoms(use_true_random=False))
def test_any_batches_in_any_order_give_the_one_run_report(cuts, order):
    edges = [0, *sorted(cuts), GAMES]
    parts = []
    for lo, hi in itertools.pairwise(edges):
        agg = aggregate.Aggregate(SCENARIO, SEATS)
        for s in SUMMARIES[lo:hi]:
            agg.add(s)
        # every batch travels as JSON, as it does from a worker or in a shard file
        parts.append(json.loads(json.dumps(aggregate_io.to_dict(agg))))
    order.shuffle(parts)
    merged = aggregate.Aggregate(SCENARIO, SEATS)
    for totals in parts:
        merged.merge(aggregate_io.from_dict(SCENARIO, SEATS, totals))
    assert merged.report() == ONE_RUN


def test_the_kept_examples_are_the_first_problem_games_whatever_the_order():
    many = [{**SUMMARIES[0], "game": g, "problem": ("exception", "boom")} for g in range(60)]
    late, early = aggregate.Aggregate(SCENARIO, SEATS), aggregate.Aggregate(SCENARIO, SEATS)
    for s in many[30:]:
        late.add(s)
    for s in many[:30]:
        early.add(s)
    examples = late.merge(early).report()["problems"]["examples"]
    assert [e["game"] for e in examples] == list(range(aggregate.MAX_EXAMPLES))


def test_a_worker_batch_is_the_same_totals_as_adding_its_games():
    group = tasks.Group("", TUTORIAL.read_text(encoding="utf-8"), str(TUTORIAL), SEATS)
    totals = tasks.play_batch(group, 5, 12, 11)
    agg = aggregate.Aggregate(SCENARIO, SEATS)
    for g in range(5, 12):
        agg.add({**runner.play(SCENARIO, runner.game_seed(11, g), SEATS), "game": g})
    assert totals == aggregate_io.to_dict(agg)


def test_merging_totals_of_other_seats_is_refused():
    other = aggregate.Aggregate(SCENARIO, {"gna": "hard", "isis": "random"})
    with pytest.raises(ValueError):
        aggregate.Aggregate(SCENARIO, SEATS).merge(other)


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda d: d.pop("wins"), "miss ['wins']"),
        (lambda d: d.update(wins=[1]), "wins: expected 2 entries"),
        (lambda d: d.update(wins=[1, -3]), "not a count"),
        (lambda d: d.update(wins=[True, 0]), "not a count"),
        (lambda d: d.update(games=1, finished=5), "do not add up"),
        (lambda d: d.update(win_margin=[0, 5, 0, None, None]), "empty spread"),
        (lambda d: d.update(endings=[["final", 6, "nobody", 3]]), "not a faction"),
        (lambda d: d.update(examples=[{"game": 1}]), "examples"),
        (lambda d: d.update(problems=[["x" * 5000, 1]]), "short text"),
        (lambda d: d.update(traj="lots"), "traj: expected a list"),
    ],
)
def test_totals_of_the_wrong_shape_are_refused_by_field(change, words):
    agg = aggregate.Aggregate(SCENARIO, SEATS)
    for s in SUMMARIES[:10]:
        agg.add(s)
    data = json.loads(json.dumps(aggregate_io.to_dict(agg)))
    change(data)
    with pytest.raises(aggregate_io.ShapeError) as exc:
        aggregate_io.from_dict(SCENARIO, SEATS, data)
    assert words in str(exc.value)


def test_batches_cover_every_game_of_every_group_once():
    batches = tasks.plan(3, 10, 257, 50)
    covered = sorted((b.group, g) for b in batches for g in range(b.first, b.end))
    assert covered == [(k, g) for k in range(3) for g in range(10, 257)]
    assert max(b.games for b in batches) == 50
    assert tasks.batch_size(100, 20_000, 2) == 100
    assert tasks.batch_size(100, 24, 3) == 2  # a short run still gives every worker several batches


def test_a_worker_loads_each_scenario_once_whatever_the_number_of_batches(monkeypatch):
    loads = []
    real = tasks.load_text
    monkeypatch.setattr(tasks, "load_text", lambda text, name: loads.append(name) or real(text, name))
    monkeypatch.setattr(tasks, "_SCENARIOS", type(tasks._SCENARIOS)())
    text = TUTORIAL.read_text(encoding="utf-8")
    base = tasks.Group("", text, str(TUTORIAL), SEATS)
    varied = tasks.Group("x", text.replace("Sirte", "Sirt", 1), str(TUTORIAL), SEATS)
    for first in range(0, 6, 2):
        tasks.play_batch(base, first, first + 2, 3)
        tasks.play_batch(varied, first, first + 2, 3)
    assert len(loads) == 2  # one per digest, not one per batch


def test_the_winning_margin_is_the_lead_over_the_runner_up_even_after_a_sudden_victory():
    sudden = [s for s in SUMMARIES if s["problem"] is None and s["winner"] and s["reason"] == "threshold"]
    assert sudden, "the tutorial's games must include a sudden victory"
    agg = aggregate.Aggregate(SCENARIO, SEATS)
    for s in sudden:
        agg.add(s)
    leads = []
    for s in sudden:
        w = SCENARIO.faction_index[s["winner"]]
        leads.append(s["scores"][w] - max(x for i, x in enumerate(s["scores"]) if i != w))
    assert agg.report()["winning_margin"]["mean"] == pytest.approx(sum(leads) / len(leads))
    assert leads != [s["margin"] for s in sudden], "the engine's margin (points past the threshold) differs"
