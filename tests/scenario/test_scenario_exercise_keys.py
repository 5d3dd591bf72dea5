"""The exercise keys (orders, brief, tradable, visible, sessions, freeform): read, checked, located."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.scenario import ScenarioError, load_scenario, load_text
from wargame.scenario.dice import DiceError, parse_odds
from wargame.scenario.schema import json_schema

BASE = (Path(__file__).parent / "mini.yaml").read_text()
EXERCISE = Path(__file__).parent.parent / "engine" / "exercise.yaml"


def problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        load_text(text, "case.yaml")
    return [str(p) for p in info.value.problems]


def test_the_exercise_scenario_reads_every_key():
    s, warnings = load_scenario(EXERCISE)
    assert not warnings
    assert s.orders == "simultaneous" and s.simultaneous
    north = s.faction("north")
    assert "Your aim" in north.brief
    assert [m.tradable for m in north.meters] == [True, False, True]
    assert north.meters[1].visible.kind == "own"
    track = {t.id: t for t in s.tracks}
    assert track["tension"].visible.kind == "estimate" and track["tension"].visible.width == 3
    assert s.attributes[0].visible.factions == ("north", "militia")
    two = s.session_named("two-hours")
    assert (two.turns, two.first_turn, two.actions_per_turn, two.orders, two.timer, two.timer_strict) == (
        3,
        3,
        1,
        "simultaneous",
        600,
        True,
    )
    assert s.freeform.per_turn == 1 and s.freeform.odds.percent(0, 0) == 58
    assert s.has_hidden


def test_defaults_change_nothing():
    s, _ = load_text(BASE, "mini.yaml")
    assert s.orders == "sequential" and s.sessions == () and s.freeform is None and not s.has_hidden


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "order: [gna, isis]",
            "order: [gna, isis]\norders: simultanous",
            "case.yaml:6:9: error: 'orders' must be one of sequential, simultaneous, not 'simultanous' "
            "(did you mean 'simultaneous'?)",
        ),
        (
            "treasury: {start: 10, max: 100}",
            "treasury: {start: 10, max: 100, visible: owm}",
            "case.yaml:12:48: error: 'visible' must be all, own, a list of faction ids or {estimate: WIDTH}, "
            "not 'owm' (did you mean 'own'?)",
        ),
        (
            "treasury: {start: 10, max: 100}",
            "treasury: {start: 10, max: 100, visible: [gna, isiss]}",
            "case.yaml:12:54: error: meter 'treasury': visible names unknown faction 'isiss' (did you mean 'isis'?)",
        ),
        (
            "treasury: {start: 10, max: 100}",
            "treasury: {start: 10, max: 100, visible: {estimat: 3}}",
            "case.yaml:12:49: error: unknown key 'estimat' in 'visible' (did you mean 'estimate'?); "
            "the only key is estimate: WIDTH",
        ),
        (
            "treasury: {start: 10, max: 100}",
            "treasury: {start: 10, max: 100, visible: {estimate: 1}}",
            "case.yaml:12:59: error: estimate must be at least 2, not 1",
        ),
        (
            "morale: {start: 5, max: 10}",
            "morale: {start: 5, max: 10, visible: own}",
            "case.yaml:20:40: error: track 'morale': 'own' means the meter's faction, and a track belongs to no "
            "faction; write a list of faction ids instead",
        ),
        (
            "morale: {start: 5, max: 10}",
            "morale: {start: 5, max: 10, tradable: true}",
            "case.yaml:20:31: error: track 'morale': only a faction's meters are tradable (a deal moves them "
            "between factions)",
        ),
        (
            "security: {max: 5, default: 1}",
            "security: {max: 5, default: 1, visible: [gan]}",
            "case.yaml:22:44: error: region attribute 'security': visible names unknown faction 'gan' "
            "(did you mean 'gna'?)",
        ),
        (
            "  - gna.treasury += 1",
            '  - gna.treasury += 1\nfreeform: {odds: "2d6 + pro - con >> 7"}',
            "case.yaml:53:35: error: freeform odds '2d6 + pro - con >> 7': expected + or - pro, con or a number, "
            "then a test such as '>= 7'",
        ),
        (
            "  - gna.treasury += 1",
            "  - gna.treasury += 1\nsessions:\n  short: {title: Short, start: 2016-09}",
            "case.yaml:54:32: error: session 'short': 2016-09 is not a turn of the calendar (Jun 2016 to Aug 2016, "
            "by month)",
        ),
        (
            "  - gna.treasury += 1",
            "  - gna.treasury += 1\nsessions:\n  short: {title: Short, start: 2016-07, turns: 3}",
            "case.yaml:54:48: error: session 'short': 3 turns from turn 2 runs past the calendar's last turn (3); "
            "at most 2",
        ),
        (
            "  - gna.treasury += 1",
            "  - gna.treasury += 1\nsessions:\n  short: {title: Short, timr: 60}",
            "case.yaml:54:25: error: unknown key 'timr' in 'short' (did you mean 'timer'?); known keys: title, turns, "
            "start, actions_per_turn, orders, timer, timer_strict",
        ),
        (
            "    name: Islamic State",
            "    name: Islamic State\n    breif: hi",
            "case.yaml:16:5: error: unknown key 'breif' in 'isis' (did you mean 'brief'?); known keys: name, short, "
            "color, text, brief, playable, actions_per_turn, meters, victory, bot",
        ),
    ],
)
def test_a_mistake_in_an_exercise_key_is_located_with_a_suggestion(old, new, message):
    assert old in BASE
    assert problems(BASE.replace(old, new, 1)) == [message]


def test_the_schema_knows_the_exercise_keys():
    schema = json_schema()
    props = schema["properties"]
    assert props["orders"]["enum"] == ["sequential", "simultaneous"]
    assert set(props["sessions"]["additionalProperties"]["properties"]) == {
        "title",
        "turns",
        "start",
        "actions_per_turn",
        "orders",
        "timer",
        "timer_strict",
    }
    assert set(props["freeform"]["properties"]) == {"per_turn", "odds"}
    meter = props["tracks"]["additionalProperties"]["properties"]
    assert "tradable" in meter and len(meter["visible"]["oneOf"]) == 3
    assert "brief" in props["factions"]["additionalProperties"]["properties"]


def test_the_committed_schema_is_the_generated_one():
    import json

    committed = json.loads((Path(__file__).parents[2] / "docs" / "scenario.schema.json").read_text())
    assert committed == json_schema()


@pytest.mark.parametrize(
    ("text", "pro", "con", "percent"),
    [
        ("2d6 + pro - con >= 7", 0, 0, 58),
        ("2d6 + pro - con >= 7", 2, 0, 83),
        ("1d6 >= 7", 0, 0, 0),
        ("1d20 + 2 > 10", 0, 0, 60),
        ("3d6 - con + pro < 10", 0, 0, 37),
    ],
)
def test_free_form_odds_are_counted_exactly(text, pro, con, percent):
    assert parse_odds(text).percent(pro, con) == percent


@pytest.mark.parametrize(("text", "offset"), [("d6 >= 7", 0), ("2d6 + foo >= 7", 4), ("9d6 >= 7", 0)])
def test_a_bad_dice_formula_says_where(text, offset):
    with pytest.raises(DiceError) as info:
        parse_odds(text)
    assert info.value.offset == offset
