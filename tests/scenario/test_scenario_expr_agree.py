"""Three ways to evaluate one expression agree: the closure tree, the generated function with counts and sums
written out region by region, and the generated function with them as comprehensions (maps over UNROLL)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_scenario_expressions import SYM

from wargame.scenario.expr import source
from wargame.scenario.expr.compile import Compiler
from wargame.scenario.expr.syntax import parse_expression

# what a number or a condition may be, outside and inside count(...)/sum(...) (where bare attributes
# are the region in hand's); each case is a template whose {} take smaller expressions
_NUMBER = ["morale", "gna.treasury", "isis.fighters", "target.security", "target.isis", "turn", "2", "0"]
_NUMBER_OPS = ["({} + {})", "({} - {})", "({} * {})", "({} // {})", "({} % {})", "min({}, {})", "abs({} - {})"]
_IN_REGION = ["security", "isis", "(security * 2 + isis)", "(isis if control == gna else 1)"]
_CONDITION = [
    "adjacent(target, gna)",
    "adjacent(target, isis)",
    'has_tag(target, "coast")',
    'not has_tag(target, "base")',
    "controls(gna, target)",
    "target.control == isis",
    "target.control == none",
]
_REGION_CONDITION = ["isis > 0", "control == gna", "security < morale", "control == isis and isis > 0"]


def numbers(depth: int) -> st.SearchStrategy[str]:
    leaves = (
        st.sampled_from(_NUMBER)
        | st.sampled_from(_REGION_CONDITION).map(lambda c: f"count({c})")
        | st.sampled_from(_IN_REGION).map(lambda x: f"sum({x})")
    )
    if depth == 0:
        return leaves
    smaller = numbers(depth - 1)
    return leaves | st.builds(lambda op, a, b: op.format(a, b), st.sampled_from(_NUMBER_OPS), smaller, smaller)


def conditions(depth: int) -> st.SearchStrategy[str]:
    n = numbers(depth)
    comparisons = st.builds(lambda a, op, b: f"{a} {op} {b}", n, st.sampled_from(["<", "<=", "==", "!=", ">"]), n)
    leaves = st.sampled_from(_CONDITION) | comparisons
    if depth == 0:
        return leaves
    smaller = conditions(depth - 1)
    joined = st.builds(lambda a, op, b: f"({a} {op} {b})", smaller, st.sampled_from(["and", "or"]), smaller)
    return leaves | joined | smaller.map(lambda c: f"not ({c})")


VALUES = st.tuples(
    st.integers(0, 12),  # turn
    *(st.integers(-3, 60) for _ in range(4)),  # gna.treasury, isis.fighters, morale, zero
    *(
        x
        for _ in range(3)  # sirte, misrata, tripoli: security, isis, control
        for x in (st.integers(0, 5), st.integers(0, 4), st.sampled_from([-1, 0, 1]))
    ),
)


def three_ways(text: str, monkeypatch: pytest.MonkeyPatch):
    """(closure tree, generated with written-out loops, generated with comprehensions) of `text`."""
    out = []
    for unroll in (source.UNROLL, 0):
        monkeypatch.setattr(source, "UNROLL", unroll)
        c = Compiler(SYM, has_target=True)
        result = c.compile(parse_expression(text))
        if unroll:
            out.append(result.fn)
        out.append(c.flat(result))
    return out


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(numbers(2), conditions(2)), values=VALUES, target=st.integers(0, 2))
def test_closures_written_out_loops_and_comprehensions_give_the_same_answer(text, values, target):
    with pytest.MonkeyPatch.context() as monkeypatch:
        closure, written_out, comprehension = three_ways(text, monkeypatch)
    want = closure(values, target, -1)
    assert written_out(values, target, -1) == want, text
    assert comprehension(values, target, -1) == want, text
    assert type(written_out(values, target, -1)) in (int, bool)


def test_a_count_on_a_small_map_is_written_out_and_on_a_big_one_is_a_loop(monkeypatch):
    written_out, comprehension = three_ways("count(security < morale) + sum(security * 2)", monkeypatch)[1:]
    assert "for r in" not in source.source_of(written_out)[0]
    assert "for r in" in source.source_of(comprehension)[0]
