"""The debrief's numbers agree with the replayed game: meters, scores, who decided, what moved what."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from report_helpers import GOLDEN, loaded

from wargame import engine as E
from wargame import saves
from wargame.engine.codec import from_dict
from wargame.report.build import replay_states
from wargame.report.history import date_key
from wargame.report.timeline import cut_moments, who_label

DECISION_KINDS = {
    E.Act: "action",
    E.Pass: "pass",
    E.Choose: "choice",
    E.Override: "override",
    E.InjectCard: "inject",
    E.Bookmark: "bookmark",
}


def test_the_golden_saves_are_there():
    assert {"tutorial-facilitated", "tutorial-unfinished", "tutorial-seed3"} <= set(GOLDEN)


@pytest.mark.parametrize("name", GOLDEN)
def test_final_meters_and_tracks_equal_the_replayed_state(name):
    scenario, _saved, state, report = loaded(name)
    seen = 0
    for f in report.factions:
        for m in f.meters:
            slot = scenario.slot_index[m.series.key]
            assert m.end == m.series.points[-1] == state.values[slot], m.series.key
            assert m.start == scenario.initial[slot]
            seen += 1
    for t in report.tracks:
        assert t.points[-1] == state.values[scenario.slot_index[t.key]]
    assert seen == sum(len(f.meters) for f in scenario.factions)


@pytest.mark.parametrize("name", GOLDEN)
def test_every_series_has_a_point_per_turn_start_then_the_end(name):
    scenario, _saved, state, report = loaded(name)
    assert len(report.point_labels) == len(state.history) + 1
    assert report.point_labels[0] == scenario.calendar.label(1)
    assert report.point_labels[-1] == ("end" if state.over else "now")
    for f in report.factions:
        for m in f.meters:
            i = scenario.slot_index[m.series.key]
            assert list(m.series.points[:-1]) == [h[i] for h in state.history]
    for line in report.scores:
        faction = scenario.faction(line.key)
        assert line.points[-1] == faction.score(state.values)


@pytest.mark.parametrize("name", GOLDEN)
def test_scores_and_margins_match_the_outcome(name):
    scenario, _saved, state, report = loaded(name)
    res = report.result
    expected = dict(state.outcome.scores) if state.outcome else E.scores(scenario, state.values)
    assert {s.faction: s.score for s in res.scores} == expected
    assert [s.score for s in res.scores] == sorted(expected.values(), reverse=True)
    best = max(expected.values())
    for s in res.scores:
        assert s.behind == best - s.score
        threshold = scenario.faction(s.faction).threshold
        assert s.to_threshold == (None if threshold is None else max(0, threshold - s.score))
    assert res.finished == state.over
    if state.outcome:
        assert (res.winner, res.reason, res.margin, res.turn) == (
            state.outcome.winner,
            state.outcome.reason,
            state.outcome.margin,
            state.outcome.turn,
        )


@pytest.mark.parametrize("name", GOLDEN)
def test_what_moved_each_meter_adds_up_to_its_change(name):
    _scenario, _saved, _state, report = loaded(name)
    for f in report.factions:
        for m in f.meters:
            assert sum(d for _, d in m.by_source) == m.end - m.start, (f.faction, m.series.key, m.by_source)
            sizes = [abs(mv.delta) for mv in m.movers]
            assert sizes == sorted(sizes, reverse=True) and all(sizes)
            assert all(mv.text != "Upkeep" for mv in m.movers)


@pytest.mark.parametrize("name", GOLDEN)
def test_changes_recorded_in_the_timeline_explain_every_meter(name):
    _scenario, _saved, _state, report = loaded(name)
    net = Counter()
    for turn in report.timeline:
        for m in turn.moments:
            for c in m.changes:
                net[c.slot] += c.new - c.old
    for f in report.factions:
        for m in f.meters:
            assert net[m.series.key] == m.end - m.start


@pytest.mark.parametrize("name", GOLDEN)
def test_each_decision_opens_one_moment_with_who_and_why(name):
    _scenario, saved, _state, report = loaded(name)
    moments = [m for t in report.timeline for m in t.moments]
    assert [m.index for m in moments] == sorted(m.index for m in moments)
    for n, entry in enumerate(saved.decisions, 1):
        first = next(m for m in moments if m.step == n)
        decision = from_dict(entry)
        assert first.kind == DECISION_KINDS[type(decision)], (n, entry, first)
        if first.facilitator:
            assert first.who == "facilitator"
        else:
            assert first.who == who_label(entry.get("by"))
            assert first.why == (entry.get("why") or "")
    assert [t.number for t in report.timeline] == sorted({t.number for t in report.timeline})


@pytest.mark.parametrize("name", GOLDEN)
def test_rolls_carry_their_odds(name):
    _scenario, _saved, _state, report = loaded(name)
    rolled = [m for t in report.timeline for m in t.moments if m.roll.startswith("roll ")]
    assert rolled or name == "tutorial-seed36"
    for m in rolled:
        assert m.kind == "action" and m.odds, m
        chance = int(m.roll.split(" vs ")[1].split("%")[0])
        terms = re.sub(r"\[[^\]]*\]", "", m.odds)
        if "held at" in terms:
            assert terms.endswith(f"held at {chance}%")
        else:
            assert sum(int(x) for x in terms.split()) == chance, m.odds


@pytest.mark.parametrize("name", GOLDEN)
def test_seats_say_who_played_what(name):
    scenario, saved, _state, report = loaded(name)
    assert [s.faction for s in report.seats] == [f.id for f in scenario.factions]
    for seat in report.seats:
        assert seat.seat == who_label(saved.seats[seat.faction])
    played = sum(n for s in report.seats for _, n in s.decided_by)
    facilitator = sum(1 for e in saved.decisions if isinstance(from_dict(e), (E.Override, E.InjectCard, E.Bookmark)))
    assert played + facilitator == len(saved.decisions)


@pytest.mark.parametrize("name", GOLDEN)
def test_objectives_come_from_what_each_team_did(name):
    scenario, _saved, _state, report = loaded(name)
    teams = {t.faction: {u.objective: u for u in t.uses} for t in report.objectives}
    for t in report.timeline:
        for m in t.moments:
            if m.kind == "action":
                for tag in scenario.action(m.ref).objectives:
                    assert any(scenario.action(m.ref).name in s for s in teams[m.faction][tag].sources)
    for team in teams.values():
        for tag, use in team.items():
            assert use.text == scenario.objectives[tag] and use.sources
    used = {tag for team in teams.values() for tag in team}
    assert {k for k, _ in report.unused_objectives} == set(scenario.objectives) - used


@pytest.mark.parametrize("name", GOLDEN)
def test_history_notes_are_the_cards_drawn_in_date_order(name):
    scenario, _saved, _state, report = loaded(name)
    drawn = {m.ref for t in report.timeline for m in t.moments if m.kind == "card"}
    assert {h.card for h in report.history} == {c for c in drawn if scenario.card(c).history.strip()}
    keys = [date_key(h.note) or date_key(h.drawn[0]) for h in report.history]
    assert keys == sorted(keys)


def test_facilitator_acts_are_listed_and_never_taken_for_play():
    scenario, saved, _state, report = loaded("tutorial-facilitated")
    kinds = Counter(a.kind for a in report.facilitator)
    assert kinds == {"bookmark": 2, "override": 1, "inject": 2, "ruling": 2, "rewind": 1}
    moments = [m for t in report.timeline for m in t.moments]
    for m in moments:
        if m.kind in ("override", "inject", "bookmark"):
            assert m.facilitator and m.who == "facilitator"
    injected = [m for m in moments if m.kind == "card" and m.facilitator]
    assert [m.note.split(":")[0] for m in injected] == ["injected by the facilitator", "scheduled by the facilitator"]
    ruled = [m for m in moments if m.ruling]
    assert len(ruled) == 2 and all(m.who == "human" for m in ruled)
    treasury = next(m for m in report.factions[0].meters if m.series.key == "gna.treasury")
    sources = dict(treasury.by_source)
    assert sources["facilitator: overrides"] == 30
    assert sources["facilitator: injected cards"] == 20 - 10
    gna = next(s for s in report.seats if s.faction == "gna")
    assert dict(gna.decided_by) == {"human": sum(1 for e in saved.decisions if e.get("by") == "human")}
    rewind = next(a for a in report.facilitator if a.kind == "rewind")
    assert rewind.reason == "the G.N.A. team took back a pass"
    # what the rewind set aside is named, from the branch replayed: the one decision there was a pass
    _, _, branch_steps = saves.replay(scenario, saves.branch_line(saved, 0))
    undone = [e for e in branch_steps[saved.branches[0].from_step + 1] if isinstance(e, E.events.Passed)]
    assert undone and rewind.text.endswith("(kept in the save as a branch): " + E.describe(undone[0], scenario))


def test_a_delayed_outcome_is_credited_to_the_decision_that_rolled_it():
    scenario, saved, _state, report = loaded("tutorial-facilitated")
    states, by_step = replay_states(scenario, saved)
    moments, origin = cut_moments(scenario, saved.decisions, states, by_step)
    landed = [m for m in moments if m.kind == "delayed"]
    assert landed and set(origin) == {m.index for m in landed}
    for m in landed:
        rolled = moments[origin[m.index]]
        assert (rolled.kind, rolled.ref, rolled.turn) == ("action", m.ref, m.turn - scenario.action(m.ref).delay)
    legitimacy = next(m for m in report.factions[0].meters if m.series.key == "gna.legitimacy")
    assert dict(legitimacy.by_source)["G.N.A.'s actions"] == sum(
        c.new - c.old
        for m in moments
        for c in m.changes
        if c.slot == "gna.legitimacy" and c.cause.split(":")[0] in ("action", "delayed")
    )


def test_an_unfinished_game_says_so():
    _scenario, saved, state, report = loaded("tutorial-unfinished")
    assert not report.result.finished and report.result.winner is None
    assert report.result.headline.startswith("Not finished")
    assert report.point_labels[-1] == "now"
    assert report.save_name == saved.name == "half-time"
    assert state.outcome is None


def test_a_sudden_victory_is_reported_as_one():
    _scenario, _saved, state, report = loaded("tutorial-seed36")
    assert state.outcome.reason == "threshold" and report.result.reason == "threshold"
    assert "threshold" in report.result.headline


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("The first tanker since 2014 left Ras Lanuf around 21 September 2016.", (2016, 9, 21)),
        ("Operation Odyssey Lightning ran from 1 August to 19 December 2016", (2016, 8, 1)),
        ("Feb. 19, 2016: a strike on Sabratha", (2016, 2, 19)),
        ("Most of Sirte's population had fled by mid-2016.", (2016, 6, 0)),
        ("car bombs in Sirte, summer 2016", (2016, 7, 0)),
        ("strained units throughout 2016", (2016, 0, 0)),
        ("separately, in 2017", (2017, 0, 0)),
        ("no date at all", None),
    ],
)
def test_history_dates_are_read_best_effort(text, key):
    assert date_key(text) == key
