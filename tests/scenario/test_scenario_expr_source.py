"""Generated expression source: the same answers as the closures, and nothing but our own names and ints in it."""

from __future__ import annotations

import pytest
from test_scenario_expressions import SYM, VALUES

from wargame.scenario.expr.compile import BOOL, INT, compile_expression
from wargame.scenario.expr.source import build_function, constant, rebound, source_of
from wargame.scenario.expr.statements import compile_statement


@pytest.mark.parametrize(
    ("text", "want", "value"),
    [
        ("gna.treasury * 2 + morale", INT, 125),
        ("gna.treasury // 0 + morale % 0", INT, 0),  # dividing by zero gives 0, as the closures do
        ("isis.fighters * isis.fighters * isis.fighters", INT, 1728),
        ("clamp(morale * 100, 0, 50) + abs(0 - morale) + min(1, 2, 3) + max(morale, 9)", INT, 50 + 5 + 1 + 9),
        ("sum(security if isis > 0 else 1) + count(isis > 0 and security < 3)", INT, (0 + 1 + 2) + 2),
        ("count(control == isis) + count(isis >= 1)", INT, 1 + 2),
        ("morale > 3 and (zero > 0 or gna.treasury == 60)", BOOL, True),
        ("not (morale < 3) and -morale == -5", BOOL, True),
        ("sirte.control == isis and controls(gna, misrata) and adjacent(sirte, gna)", BOOL, True),
    ],
)
def test_generated_functions_compute_what_the_expression_says(text, want, value):
    compiled = compile_expression(text, want, SYM)
    assert compiled(VALUES) == value
    assert source_of(compiled.fn) is not None  # it is the generated function, not the closure tree


def test_the_source_holds_slot_numbers_and_our_names_only():
    compiled = compile_expression("sirte.security + misrata.isis * 3 > morale", BOOL, SYM)
    src, env = source_of(compiled.fn)
    assert src == "((v[5] + (v[9] * 3)) > v[3])"
    stmt = compile_statement("target.security -= count(isis > 0) + 1", SYM, has_target=True)
    src, env = source_of(stmt.value)
    assert all(name.startswith("_") for name in env)
    assert "isis" not in src and "security" not in src


def test_generated_code_with_a_foreign_name_a_text_or_an_attribute_is_refused():
    ok = build_function("f", ("v",), ["return v[0] + 1"], {})
    assert ok((41,)) == 42
    for body in (
        ["return open(v)"],  # a name nobody bound
        ["return 'text'"],  # constants are whole numbers only
        ["return v.__class__"],  # no attributes but the few the engine's listings use
        ["import os", "return 0"],
        ["x = v", "return x"],  # a local the caller did not declare
    ):
        with pytest.raises(AssertionError):
            build_function("f", ("v",), body, {})
    with pytest.raises(TypeError):
        constant("1; import os")  # type: ignore[arg-type]


def test_rebinding_renames_only_the_bound_closures():
    src, env = rebound(("_f0(v, t, r) + _mul(v[1], _f12(v, t, r))", {"_f0": len, "_f12": abs, "_mul": max}), "_q3")
    assert src == "_q3_f0(v, t, r) + _mul(v[1], _q3_f12(v, t, r))"
    assert set(env) == {"_q3_f0", "_q3_f12", "_mul"}


def test_an_expression_nested_deeper_than_pythons_parser_allows_still_compiles_and_agrees():
    deep = compile_expression("not " * 300 + "morale > 3", BOOL, SYM)
    assert deep(VALUES) is True
    long = compile_expression(" + ".join(["morale"] * 400), INT, SYM)
    assert long(VALUES) == 5 * 400
    src, _ = source_of(long.fn)
    assert src.count("(") < 100  # the deep part is called, not written out
