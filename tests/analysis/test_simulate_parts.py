"""The pieces of `simulate`: intervals, seeds, problem capture, flat memory, key paths."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from wargame.analysis import aggregate, runner, stats, vary
from wargame.errors import UserError
from wargame.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def test_wilson_interval_matches_known_values():
    lo, hi = stats.wilson(5, 10)
    assert lo == pytest.approx(0.2366, abs=1e-4) and hi == pytest.approx(0.7634, abs=1e-4)
    lo, hi = stats.wilson(0, 10)
    assert lo == 0 and hi == pytest.approx(0.2775, abs=1e-4)
    assert stats.wilson(0, 0) == (0.0, 1.0)


def test_moments_and_sparkline():
    m = stats.Moments()
    for x in (2, 4, 4, 4, 5, 5, 7, 9):
        m.add(x)
    assert m.mean == 5 and m.sd == pytest.approx(2.138, abs=1e-3) and (m.lo, m.hi) == (2, 9)
    line = stats.sparkline([0, 5, 10, None])
    assert line[0] == "▁" and line[2] == "█" and line[3] == " "


def test_game_seeds_depend_only_on_master_seed_and_number():
    seeds = [runner.game_seed(7, g) for g in range(1000)]
    assert seeds == [runner.game_seed(7, g) for g in range(1000)]
    assert len(set(seeds)) == 1000
    assert seeds[:10] != [runner.game_seed(8, g) for g in range(10)]


def test_a_crashing_game_is_reported_with_its_seed_not_raised():
    s, _ = load_scenario(TUTORIAL)
    result = runner.play(s, 123, {"gna": "normal", "isis": "no-such-level"})
    assert result["seed"] == 123
    kind, detail = result["problem"]
    assert kind == "exception" and "no-such-level" in detail
    agg = aggregate.Aggregate(s, {"gna": "normal", "isis": "normal"})
    agg.add({**result, "game": 0})
    report = agg.report()
    assert report["problems"]["games"] == 1
    assert report["problems"]["examples"][0]["seed"] == 123


def test_memory_stays_flat_as_games_grow():
    s, _ = load_scenario(TUTORIAL)
    seats = {"gna": "easy", "isis": "easy"}
    games = [runner.play(s, runner.game_seed(1, g), seats) for g in range(6)]

    def size(n: int) -> int:
        agg = aggregate.Aggregate(s, seats)
        for g in range(n):
            agg.add({**games[g % 6], "game": g})
            agg.add({"game": g, "seed": g, "problem": ("dead end", "stuck"), "cards": [], "actions": []})
        return sum(
            sys.getsizeof(v) + (sum(sys.getsizeof(x) for x in v) if isinstance(v, list) else 0)
            for v in vars(agg).values()
        )

    assert size(600) == size(60)


def test_vary_grids_and_key_paths():
    assert vary.parse_vary("a.b=80..160") == ("a.b", [80, 100, 120, 140, 160])
    assert vary.parse_vary("a=1..3")[1] == [1, 2, 3]
    assert vary.parse_vary("a=0.1..0.5")[1] == [0.1, 0.2, 0.3, 0.4, 0.5]
    text = TUTORIAL.read_text()
    new = vary.varied_text(text, "cards.oil_revenue.weight", 3)
    s, _ = vary.load_varied(text, "t", "factions.isis.meters.fighters.start", 5)
    assert s.initial[s.slot_index["isis.fighters"]] == 5
    assert "weight: 3" in new
    s, _ = vary.load_varied(text, "t", "factions.gna.bot.caution", 0.9)
    assert s.faction("gna").caution == 0.9
    with pytest.raises(UserError, match="did you mean 'meters'"):
        vary.load_varied(text, "t", "factions.gna.meter.start", 1)
    with pytest.raises(UserError, match="did you mean 'factions'"):
        vary.varied_text(text, "faction.gna.actions_per_turn", 1)
    with pytest.raises(UserError, match="has no item"):
        vary.varied_text(text, "cards.nope.weight", 1)


def test_vary_changes_only_the_number_and_keeps_the_rest_of_the_text():
    text = (
        "format: 1\n"
        "name: No  # YAML 1.1 would read this as false\n"
        "code: 012\n"
        "x:\n"
        "  a: 1   # the number to vary\n"
        "  flow: {b: 2}\n"
    )
    new = vary.varied_text(text, "x.a", 7)
    assert new == text.replace("a: 1 ", "a: 7 ")
    assert vary.varied_text(text, "x.flow.b", 9) == text.replace("{b: 2}", "{b: 9}")
    # a defaulted key is written in, in the mapping's own style
    assert vary.varied_text(text, "x.flow.c", 3) == text.replace("{b: 2}", "{c: 3, b: 2}")
    assert vary.varied_text(text, "x.z", 4) == text.replace("  a: 1", "  z: 4\n  a: 1")
    with pytest.raises(UserError, match="'name' is 'No', not a number"):
        vary.varied_text(text, "name", 3)
    with pytest.raises(UserError, match=r"'x\.flow' is a mapping, not a number"):
        vary.varied_text(text, "x.flow", 3)


def test_vary_of_the_tutorial_keeps_every_comment():
    text = TUTORIAL.read_text()
    new = vary.varied_text(text, "factions.isis.meters.fighters.start", 5)
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert comments and comments == [line for line in new.splitlines() if line.lstrip().startswith("#")]
    assert len(new.splitlines()) == len(text.splitlines())


def _numbers(node, path=()):
    """Every plain numeric scalar of a located tree, with its key path (list items by id or index)."""
    from wargame.scenario.yamlnodes import Map, Scalar, Seq

    if isinstance(node, Map):
        for k, child in node.items.items():
            yield from _numbers(child, (*path, k))
    elif isinstance(node, Seq):
        for i, child in enumerate(node.items):
            ident = child.items.get("id") if isinstance(child, Map) else None
            yield from _numbers(child, (*path, ident.text if isinstance(ident, Scalar) else str(i)))
    elif node.style is None and vary._NUMBER.match(node.text):
        yield ".".join(path), node.text


@pytest.mark.parametrize("scenario", ["tutorial", pytest.param("libya-2016", marks=pytest.mark.slow)])
def test_varying_any_number_changes_that_number_and_nothing_else(scenario):
    from wargame.scenario.yamlnodes import parse_yaml

    text = (ROOT / "scenarios" / f"{scenario}.yaml").read_text()
    before = dict(_numbers(parse_yaml(text, "x")))
    assert len(before) > 20
    for key in list(before)[:: max(1, len(before) // 40)]:
        after = dict(_numbers(parse_yaml(vary.varied_text(text, key, 977), "x")))
        assert after == {**before, key: "977"}, key


def test_findings_name_what_an_author_should_look_at():
    from wargame.analysis.findings import findings

    s = load_scenario(TUTORIAL)[0]
    ids = [f.id for f in s.factions]
    report = {
        "finished": 200,
        "factions": [{"id": ids[0], "wins": 150}, {"id": ids[1], "wins": 0}],
        "draws": {"rate": 0.25},
        "endings": [
            {"how": "sudden victory", "turn": 2, "games": 40},
            {"how": "final scoring", "turn": 6, "games": 160},
        ],
        "cards": [
            {"title": "Quiet", "games_drawn": 0, "choices": []},
            {
                "title": "Offer",
                "games_drawn": 50,
                "choices": [{"label": "Yes", "chosen": 50}, {"label": "No", "chosen": 0}],
            },
        ],
        "actions": [
            {"name": "Dig in", "faction": ids[1], "taken": 0, "rolled": 0, "success_rate": None},
            {"name": "Assault", "faction": ids[0], "taken": 90, "rolled": 90, "success_rate": 0.0},
        ],
        "trajectory": {
            "series": [
                {"name": f"{ids[0]}.treasury", "label": "Treasury", "mean": [60, 0, 0, 0]},
                {"name": "morale", "label": "Morale", "mean": [5, 6, 7, 8]},
            ]
        },
    }
    notes = findings(s, report)
    assert notes[0].startswith(f"{s.factions[1].short} never won in 200 games")
    assert any(n.startswith("25% of games end in a draw") for n in notes)
    assert any(n.startswith("20% of games end by sudden victory in the first third (by turn 2)") for n in notes)
    assert any(n.startswith("Never drawn: Quiet") for n in notes)
    assert "'Offer': the bots never chose 'No' in 50 games." in notes
    assert any(n.startswith("Never taken by the bots: Dig in") for n in notes)
    assert "Assault never succeeded in 90 rolls: check its chance." in notes
    assert "Treasury sits at its minimum (0) in every game from turn 2 on." in notes
    assert not any("Morale" in n for n in notes)
    assert findings(s, {**report, "finished": 50}) == []  # too few games for 'never' to mean much


def test_a_long_run_is_announced_after_its_first_game():
    from wargame.analysis.cli import pace_warning

    assert pace_warning(0.05, 2000, 2) is None  # 50 s: just run
    assert pace_warning(16.0, 2000, 2) == (
        "At 16.0 s a game, 2,000 games take about 4.4 hours on 2 processes; Ctrl+C stops the run."
    )
    assert pace_warning(2.0, 600, 1) == (
        "At 2.0 s a game, 600 games take about 20 minutes on 1 process; Ctrl+C stops the run."
    )
