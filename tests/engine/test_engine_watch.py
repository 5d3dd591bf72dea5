"""Watched conditions (engine/watch.py) give exactly the answers of asking every condition afresh."""

from __future__ import annotations

import pytest
from engine_helpers import SCENARIO_FILES, load, random_policy
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame import engine as E
from wargame.engine import listing
from wargame.engine.legal import Tables, eligible
from wargame.engine.watch import Watched
from wargame.scenario.expr.compile import BOOL, compile_expression
from wargame.scenario.expr.symbols import Symbols
from wargame.scenario.layout import NO_REGION, NO_TARGET, Layout

SLOTS = 8


def _conditions(draw_reads: list[tuple[int, ...]]):
    """Condition i: the sum of the slots it reads is odd (a function of exactly those slots)."""

    def ask(v, i: int, _r: int) -> int:
        return sum(v[s] for s in draw_reads[i]) % 2

    return ask


@settings(max_examples=200, deadline=None)
@given(
    reads=st.lists(st.lists(st.integers(0, SLOTS - 1), max_size=3).map(tuple), min_size=1, max_size=6),
    start=st.lists(st.integers(-3, 3), min_size=SLOTS, max_size=SLOTS),
    changes=st.lists(st.lists(st.tuples(st.integers(0, SLOTS - 1), st.integers(-3, 3)), max_size=3), max_size=12),
)
def test_a_watched_answer_is_the_condition_asked_afresh(reads, start, changes):
    ask = _conditions(reads)
    w = Watched(len(reads), lambda i: reads[i], ask)
    v = list(start)
    for step in [[], *changes]:
        for slot, value in step:
            v[slot] = value
        assert list(w.answers(tuple(v))) == [ask(v, i, NO_REGION) for i in range(len(reads))]


def test_a_changed_slot_asks_again_only_the_conditions_that_read_it():
    asked: list[int] = []

    def ask(v, i: int, _r: int) -> int:
        asked.append(i)
        return v[i] > 0

    w = Watched(3, lambda i: (i,), ask)
    w.answers((1, 1, 1))
    asked.clear()
    assert w.answers((1, 0, 1)) == (True, False, True)
    assert asked == [1]
    asked.clear()
    assert w.answers((1, 0, 1)) == (True, False, True)
    assert asked == []


@pytest.mark.parametrize("written_out", [listing.CONDITIONS, 0], ids=["generated", "watched"])
def test_the_draw_sees_the_cards_whose_when_holds_at_every_moment_of_random_games(written_out, monkeypatch):
    """Every `when` written out in one generated tuple (a small deck) or re-asked by a Watched (a big one)."""
    monkeypatch.setattr(listing, "CONDITIONS", written_out)
    for path in SCENARIO_FILES:
        scenario = load(path)
        t = Tables(scenario)
        for seed in range(3):
            state, r = E.new_game(scenario, seed), seed + 1
            while state.outcome is None:
                v = state.values
                expected = [
                    (c, scenario.cards[c].weight)
                    for c in state.deck
                    if scenario.cards[c].weight > 0
                    and (scenario.cards[c].when is None or scenario.cards[c].when.fn(v, NO_TARGET, NO_REGION))
                ]
                assert eligible(t, state.deck, v) == expected
                decision, r = random_policy(scenario, state, r)
                state, _ = E.apply(scenario, state, decision)


def test_written_out_conditions_hold_for_none_fail_for_never_and_cover_an_empty_deck():
    sym = Symbols(
        factions=("a",),
        layout=Layout.build({"a": ("cash",)}, (), ("x",), ("hold",)),
        adjacency=((),),
        tags=(frozenset(),),
        cards=frozenset(),
    )
    rich = compile_expression("a.cash > 3", BOOL, sym).fn
    answers = listing.all_conditions((None, rich, rich, None), (False, False, True, True))
    assert answers is not None
    assert answers((0, 5, 0, 0)) == (True, True, False, False)
    assert answers((0, 1, 0, 0)) == (True, False, False, False)
    empty = listing.all_conditions((), ())
    assert empty is not None and empty((0,)) == ()
    assert listing.all_conditions((None,) * (listing.CONDITIONS + 1), (False,) * (listing.CONDITIONS + 1)) is None
