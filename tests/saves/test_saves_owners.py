"""Whose file is it: one autosave per game, and no save replacing another game's without a yes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playing import play_passively
from saves_helpers import GOLDEN, finished_game

from wargame import engine as E
from wargame import saves
from wargame.tui import session

SOLO = {"gna": "human", "isis": "random"}
MINUTE = "2026-12-01T15:32:07+00:00"


@pytest.fixture
def tutorial(tmp_path):
    from saves_helpers import scenario_copy

    return scenario_copy(tmp_path)[1]


def test_two_games_of_one_scenario_and_seed_never_share_an_autosave(tutorial, tmp_path):
    one = play_passively(session.start(tutorial, 7, SOLO, started=MINUTE), steps=2)
    two = play_passively(session.start(tutorial, 7, SOLO, started=MINUTE), steps=3)  # same seed, same second
    later = play_passively(session.start(tutorial, 7, SOLO, started="2026-12-01T16:00:00+00:00"), 1)
    assert len({one.game_id, two.game_id, later.game_id}) == 3
    paths = [session.autosave(g, tmp_path) for g in (one, two, later)]
    assert paths[0].name == "autosave-tutorial-s7-20261201-1532.json"
    assert paths[1].name == "autosave-tutorial-s7-20261201-1532-2.json"
    assert paths[2].name == "autosave-tutorial-s7-20261201-1600.json"
    # each game keeps writing its own file, whichever order they are written in
    one, two = play_passively(one, 1), play_passively(two, 1)
    for game in (two, one):
        path = session.autosave(game, tmp_path)
        assert saves.read_save(path).game_id == game.game_id
        assert saves.read_save(path).decisions == game.decisions
    assert [saves.read_save(p).game_id for p in paths] == [one.game_id, two.game_id, later.game_id]


def test_resuming_a_save_writes_that_games_autosave_and_no_other(tutorial, tmp_path):
    a = play_passively(session.start(tutorial, 7, SOLO, started=MINUTE), steps=2)
    b = play_passively(session.start(tutorial, 7, SOLO, started=MINUTE), 4)
    a_auto = session.autosave(a, tmp_path)
    b_named = session.save(b, tmp_path, "b-game")
    a_bytes = a_auto.read_bytes()
    scenario, saved, _, _ = saves.load_game(b_named)
    resumed = play_passively(session.resume(scenario, saved), 1)
    assert resumed.game_id == b.game_id
    path = session.autosave(resumed, tmp_path)
    assert path != a_auto and a_auto.read_bytes() == a_bytes
    assert saves.read_save(path).decisions == resumed.decisions


def test_resuming_an_earlier_save_of_a_game_never_wipes_its_later_autosave(tutorial, tmp_path):
    game = play_passively(session.start(tutorial, 7, SOLO, started=MINUTE), steps=2)
    early = session.save(game, tmp_path, "early")
    game = play_passively(game, 6)  # the G.N.A. team passes at each of its turns
    auto = session.autosave(game, tmp_path)
    later_bytes = auto.read_bytes()
    scenario, saved, _, _ = saves.load_game(early)
    branch = acts_at_once(session.resume(scenario, saved))  # ... but this time it acts
    assert branch.decisions != game.decisions[: len(branch.decisions)]
    path = session.autosave(branch, tmp_path)
    assert path.name == auto.stem + "-2.json" and auto.read_bytes() == later_bytes
    assert saves.read_save(path).game_id == saves.read_save(auto).game_id  # one game, two lines


def acts_at_once(game):
    """Play on until the human team decides, and have it act where `passes` would pass."""
    while game.seats[game.state.pending.faction] != "human" or game.state.pending.kind != "action":
        game = play_passively(game, 1)
    act = next(d for d in E.legal_decisions(game.scenario, game.state) if isinstance(d, E.Act))
    return session.play(game, act)[0]


def test_an_autosave_goes_on_in_the_file_it_took(tutorial, tmp_path):
    game = play_passively(session.start(tutorial, 7, SOLO, started=MINUTE), 1)
    path = session.autosave(game, tmp_path)
    undone = session.undo(game)[0]  # shorter: only this session's writer may shorten its own file
    assert session.autosave(undone, tmp_path, claimed=path) == path
    assert saves.read_save(path).decisions == ()


# --- names that collide -----------------------------------------------------------------------


def test_two_names_for_one_file_are_a_collision_not_a_silent_replace(tutorial, tmp_path):
    a = play_passively(session.start(tutorial, 7, SOLO), steps=2)
    b = play_passively(session.start(tutorial, 8, SOLO), 3)
    first = session.save(a, tmp_path, "Team A")
    assert first.name == "Team-A.json" == session.save_path(tmp_path, "Team/A").name
    before = first.read_bytes()
    with pytest.raises(
        saves.SaveError,
        match=r"Team-A.json holds another game \(Team A, tutorial, turn \d+, "
        r"2 decisions, saved .*\); choose another name",
    ):
        session.save(b, tmp_path, "Team/A")
    assert first.read_bytes() == before
    assert saves.same_file_note("Team/A", first) == "'Team/A' is saved as Team-A.json"
    assert saves.same_file_note("Team-A", first) == ""
    session.save(b, tmp_path, "Team/A", force=True)  # on purpose
    assert saves.read_save(first).game_id == b.game_id


def test_saving_a_game_again_under_its_name_needs_no_question(tutorial, tmp_path):
    game = play_passively(session.start(tutorial, 7, SOLO), steps=2)
    path = session.save(game, tmp_path, "monday")
    game = play_passively(game, steps=2)
    assert saves.conflict(path, session.record(game)) == ""
    session.save(game, tmp_path, "monday")
    assert len(saves.read_save(path).decisions) == 4
    earlier = session.undo(session.undo(game)[0])[0]  # the same game, but less of it: ask
    assert "holds this game at a point this save does not contain" in saves.conflict(path, session.record(earlier))


def test_a_file_that_is_not_a_save_is_never_replaced_without_asking(tutorial, tmp_path):
    game = play_passively(session.start(tutorial, 7, SOLO), 1)
    notes = tmp_path / "notes.json"
    notes.write_text('{"my": "notes"}')
    assert saves.conflict(notes, session.record(game)) == "is not a readable wargame save"
    with pytest.raises(saves.SaveError):
        session.save(game, tmp_path, "notes")
    assert json.loads(notes.read_text()) == {"my": "notes"}


def test_covers_keeps_every_line_of_a_rewound_save(tmp_path):
    scenario, saved, _ = finished_game(tmp_path)
    shorter, _ = saves.rewind(saved, 5, scenario=scenario)
    assert saves.covers(shorter, saved)  # the undone stretch is a branch: nothing lost
    import attrs

    assert not saves.covers(attrs.evolve(shorter, branches=()), saved)  # the undone stretch would be lost
    assert not saves.covers(attrs.evolve(saved, game_id="another"), saved)


# --- old saves --------------------------------------------------------------------------------


def test_a_version_1_save_loads_with_a_stable_identity_and_says_what_verify_cannot_cover():
    path = GOLDEN / "v1-tutorial-facilitated.json"
    assert json.loads(path.read_text())["version"] == 1
    scenario, saved, state, _ = saves.load_game(path)
    again = saves.read_save(path)
    assert saved.game_id == again.game_id and saved.game_id.startswith("tutorial-s11-20261126-000000-")
    assert saved.started == saved.created and saved.audit == ""
    saves.verify(scenario, saved)
    assert "save version 1" in saves.audit_note(saved)
    game = session.resume(scenario, saved)
    assert game.game_id == saved.game_id and saves.autosave_stem(session.record(game)) == (
        "autosave-tutorial-s11-20261126-0000"
    )


def test_a_version_2_save_without_its_audit_digest_is_refused(tmp_path):
    _, _, path = finished_game(tmp_path)
    doc = json.loads(path.read_text())
    doc["audit"] = ""
    path.write_text(json.dumps(doc))
    with pytest.raises(saves.SaveError, match="bad or missing 'audit'"):
        saves.read_save(path)


def test_an_autosave_name_keeps_its_number_when_the_scenario_id_is_long(tutorial, tmp_path):
    import attrs

    saved = attrs.evolve(
        session.record(session.start(tutorial, 123456789, SOLO, started=MINUTE)),
        scenario_id="a-very-long-scenario-identifier-that-goes-on-and-on-and-on",
    )
    stem = saves.autosave_stem(saved)
    assert len(stem) <= 56 and stem.startswith("autosave-a-very-long")
    assert Path(f"{stem}-2.json").name.endswith("-2.json")
