"""The start screen's recent games: newest first, autosaves included, ended games marked."""

from __future__ import annotations

import datetime as dt
import time

from conftest import play_passively

from wargame import engine as E
from wargame.tui import catalog, session


def test_recent_games_say_what_each_game_is_newest_first(tutorial, hot_seat, saves_dir):
    ended = play_passively(session.start(tutorial, 3, {"gna": "human", "isis": "random"}))
    session.save(ended, saves_dir, "[b]monday[/b]")  # a name is text, never markup
    time.sleep(1.1)  # 'saved' has one-second resolution
    both = {"gna": "human", "isis": "human"}
    session.autosave(session.play(session.start(hot_seat, 7, both), E.Pass())[0], saves_dir)
    listed = catalog.find_saves(saves_dir, {s.id: s for s in (tutorial, hot_seat)})
    lines = [str(e.label).splitlines() for e in listed]
    assert [e.path.name.startswith("autosave-hotseat-s7-") for e in listed] == [True, False]
    assert lines[0][1] == "  turn 1 · G.N.A. and ISIS (hot seat)"
    assert lines[0][2].startswith("  autosave · today ")
    winner = tutorial.faction(ended.state.outcome.winner).short if ended.state.outcome.winner else None
    assert lines[1][0] == tutorial.title
    assert lines[1][1].startswith(f"  ENDED turn {ended.state.outcome.turn}, {winner} won" if winner else "  ENDED")
    assert lines[1][2].startswith("  saved as [b]monday[/b] · today ")


def test_times_read_as_a_person_would_say_them():
    now = dt.datetime(2026, 12, 1, 18, 0).astimezone()
    same_day = now.replace(hour=15, minute=32).isoformat()
    assert catalog.when(same_day, now) == "today 15:32"
    assert catalog.when(now.replace(month=11, day=28, hour=9, minute=10).isoformat(), now) == "28 Nov 09:10"
    assert catalog.when(now.replace(year=2025).isoformat(), now) == "01 Dec 2025"
    assert catalog.when("not a time", now) == ""
