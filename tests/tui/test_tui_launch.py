"""`wargame play` checks its arguments before any screen opens: one clear line, exit 1."""

from __future__ import annotations

import argparse

import pytest

from wargame import engine as E
from wargame.errors import UserError
from wargame.tui import launch, session


def args(**kw) -> argparse.Namespace:
    base = dict(scenario=None, seed=None, seat=[], load=None, facilitator=False, saves_dir=None)
    return argparse.Namespace(**{**base, **kw})


def test_no_scenario_opens_the_start_screen():
    assert launch.plan(args(seed=5)) == (None, 5)


def test_a_scenario_opens_a_game_with_default_seats(scenario_dir):
    game, seed = launch.plan(args(scenario=str(scenario_dir / "tutorial.yaml"), seed=3))
    assert seed == 3 and game.seed == 3
    assert game.seats == {"gna": "human", "isis": "normal"}


def test_seats_from_the_command_line(scenario_dir):
    game, _ = launch.plan(args(scenario=str(scenario_dir / "tutorial.yaml"), seat=["gna=hard"]))
    assert game.seats == {"gna": "hard", "isis": "normal"}


@pytest.mark.parametrize(
    ("kw", "says"),
    [
        ({"seat": ["isis=human"]}, "always played by a bot"),
        ({"seat": ["nobody=human"]}, "has no faction 'nobody'"),
        ({"seat": ["gna=expert"]}, "not human, easy, normal or hard"),
        ({"seat": ["gna"]}, "should look like FACTION=human"),
    ],
)
def test_bad_seats_are_refused(scenario_dir, kw, says):
    with pytest.raises(UserError, match=says):
        launch.plan(args(scenario=str(scenario_dir / "tutorial.yaml"), **kw))


def test_seat_without_scenario_is_refused():
    with pytest.raises(UserError, match="needs a scenario"):
        launch.plan(args(seat=["gna=human"]))


def test_load_replays_the_save(tutorial, saves_dir):
    game = session.start(tutorial, 7, {"gna": "human", "isis": "random"})
    game, _ = session.play(game, E.Act("pay_brigades"))
    path = session.save(game, saves_dir, "one")
    loaded, _ = launch.plan(args(load=str(path)))
    assert E.state_hash(loaded.state) == E.state_hash(game.state)
    assert loaded.decisions == game.decisions
    handed, _ = launch.plan(args(load=str(path), seat=["gna=easy"]))
    assert handed.seats["gna"] == "easy" and handed.state.seats == (
        ("gna", "easy"),
        ("isis", "random"),
    )
    with pytest.raises(UserError, match="--seed cannot change"):
        launch.plan(args(load=str(path), seed=1))
    given, _ = launch.plan(args(scenario=str(path)))  # `wargame play saves/one.json` resumes it too
    assert E.state_hash(given.state) == E.state_hash(game.state)


@pytest.mark.parametrize("content", ["", "{", '{"kind": "wargame-save", "version": 1}'])
def test_damaged_saves_are_refused_in_one_line(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError) as info:
        launch.plan(args(load=str(path)))
    assert "\n" not in str(info.value)
