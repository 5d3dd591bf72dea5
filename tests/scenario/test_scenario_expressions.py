"""The expression language: precedence, whole numbers, types, functions, and what names mean."""

from __future__ import annotations

import pytest

from wargame.scenario.expr.compile import (
    BOOL,
    INT,
    Symbols,
    compile_expression,
    split_terms,
)
from wargame.scenario.expr.statements import DrawStmt, ForEachStmt, LogStmt, SetStmt, compile_statement
from wargame.scenario.expr.syntax import ExprError
from wargame.scenario.layout import Layout

# Two factions; `isis` is also a region attribute, as in the design draft, so that the
# faction-or-attribute resolution inside count(...) is exercised.
# Slots: 0 turn, 1 gna.treasury, 2 isis.fighters, 3 morale, 4 zero,
# then per region (security, isis, control): sirte 5..7, misrata 8..10, tripoli 11..13.
SYM = Symbols(
    factions=("gna", "isis"),
    layout=Layout.build(
        {"gna": ("treasury",), "isis": ("fighters",)},
        ("morale", "zero"),
        ("sirte", "misrata", "tripoli"),
        ("security", "isis"),
    ),
    adjacency=((1,), (0, 2), (1,)),
    tags=(frozenset({"coast"}), frozenset({"coast", "base"}), frozenset({"capital", "coast"})),
    cards=frozenset({"car_bomb"}),
)
GNA, ISIS, NONE = 0, 1, -1
SIRTE, MISRATA, TRIPOLI = 0, 1, 2
#        turn  tre  fig  mor  zero  sirte(sec, isis, ctl)  misrata        tripoli
VALUES = (4, 60, 12, 5, 0, 0, 3, ISIS, 3, 0, GNA, 2, 1, GNA)


def ev(text: str, want: str = INT, target: int = -1, values=VALUES):
    return compile_expression(text, want, SYM, has_target=target >= 0)(values, target, -1)


def error(text: str, want: str = INT, has_target: bool = False) -> ExprError:
    with pytest.raises(ExprError) as info:
        compile_expression(text, want, SYM, has_target)
    return info.value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("10 - 4 - 3", 3),
        ("2 * 3 % 4", 2),
        ("-2 * 3", -6),
        ("- -2", 2),
        ("+3", 3),
        ("2 * -3", -6),
        ("100 // 7 // 2", 7),
        ("1 + 1 if false else 5", 5),
        ("1 if true else 2 if true else 3", 1),
        ("0 if false else 2 if false else 3", 3),
        ("(1 if false else 2) + 10", 12),
    ],
)
def test_arithmetic_precedence(text, value):
    assert ev(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("not true or true", True),
        ("true or false and false", True),
        ("(true or false) and false", False),
        ("not 1 > 2", True),
        ("1 + 2 > 2 and 3 < 4", True),
        ("morale == 5 and not gna.treasury != 60", True),
        ("1 <= 1 and 1 >= 1 and not 1 < 1", True),
    ],
)
def test_logic_precedence(text, value):
    assert ev(text, BOOL) is value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7 // 2", 3),
        ("-7 // 2", -4),  # floor division, as in Python: rounds down, not toward zero
        ("7 % 3", 1),
        ("-7 % 3", 2),
        ("1 // 0", 0),  # division by zero gives 0: a scenario cannot crash a game
        ("5 % 0", 0),
        ("gna.treasury // zero", 0),
        ("gna.treasury % zero", 0),
        ("gna.treasury // morale", 12),
        ("1000000000 * 1000000000 // 1000000000", 1000000000),
        # a product is held within +-10**18, so a score never grows past what reports and charts draw
        ("1000000000 * 1000000000 * 1000000000 * 1000000000", 10**18),
        ("-1000000000 * 1000000000 * 1000000000", -(10**18)),
    ],
)
def test_whole_number_semantics(text, value):
    result = ev(text)
    assert result == value
    assert isinstance(result, int)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("10 * (morale > 0)", 10),
        ("10 * (morale > 9)", 0),
        ("true + true", 2),
        ("true", 1),
        ("35 + 10 * (zero > 0) + 5 * (morale >= 5)", 40),
        ("max(true, 0)", 1),
    ],
)
def test_booleans_count_as_one_and_zero_in_arithmetic(text, value):
    assert ev(text) == value


def test_a_condition_is_a_real_bool_and_a_number_a_real_int():
    assert ev("morale > 1", BOOL) is True
    assert ev("true", INT) == 1 and type(ev("true", INT)) is int
    assert ev("7", INT) == 7


def test_conditional_expression_picks_by_its_condition():
    assert ev("gna.treasury if morale > 3 else 0") == 60
    assert ev("gna.treasury if morale > 7 else -1") == -1
    assert ev("sirte.control == (gna if morale > 7 else isis)", BOOL) is True


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("turn", 4),
        ("morale", 5),
        ("gna.treasury", 60),
        ("isis.fighters", 12),
        ("sirte.security", 0),
        ("sirte.isis", 3),
        ("misrata.isis", 0),
        ("min(3, 1, 2)", 1),
        ("max(3, 1, 2)", 3),
        ("abs(-4)", 4),
        ("abs(4 - 9)", 5),
        ("clamp(15, 0, 10)", 10),
        ("clamp(-3, 0, 10)", 0),
        ("clamp(morale, 0, 10)", 5),
        ("count(control == gna)", 2),
        ("count(control == isis)", 1),
        ("count(control == none)", 0),
        ("count(security >= 2)", 2),
        ("count(isis > 0)", 2),  # inside count(), `isis` compared with a number is the attribute
        ("count(control == isis and isis > 0)", 1),  # ... and compared with control, the faction
        ("count(control == gna and isis > 0)", 1),
        ("count(adjacent(sirte, gna))", 3),
        ("sum(security)", 5),
        ("sum(isis)", 4),
        ("sum(security * (control == gna))", 5),
        ("sum(1)", 3),
        ('count(has_tag(sirte, "coast"))', 3),
    ],
)
def test_names_and_functions(text, value):
    assert ev(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("sirte.control == isis", True),
        ("sirte.control != gna", True),
        ("misrata.control == gna", True),
        ("tripoli.control == none", False),
        ("controls(gna, misrata)", True),
        ("controls(isis, misrata)", False),
        ("adjacent(sirte, gna)", True),  # sirte borders misrata, held by the G.N.A.
        ("adjacent(tripoli, isis)", False),
        ("adjacent(misrata, isis)", True),
        ('has_tag(tripoli, "capital")', True),
        ('has_tag(sirte, "capital")', False),
        ("turn >= 4 and morale < 6", True),
        ("count(control == gna) == 2", True),
    ],
)
def test_conditions(text, value):
    assert ev(text, BOOL) is value


def test_target_is_the_chosen_region():
    assert ev("target.isis", target=SIRTE) == 3
    assert ev("target.isis", target=MISRATA) == 0
    assert ev("target.control == isis and adjacent(target, gna)", BOOL, target=SIRTE) is True
    assert ev("controls(isis, target)", BOOL, target=TRIPOLI) is False
    assert ev('has_tag(target, "base")', BOOL, target=MISRATA) is True
    assert ev("target == misrata", BOOL, target=MISRATA) is True


def test_outside_count_a_faction_name_is_the_faction():
    assert "must be a number, but this is a faction" in error("isis + 1").message
    assert ev("sirte.control == isis", BOOL) is True


def test_expressions_read_values_at_evaluation_time():
    fn = compile_expression("gna.treasury + count(control == gna)", INT, SYM)
    other = list(VALUES)
    other[1], other[7] = 10, GNA
    assert fn(VALUES, -1, -1) == 62
    assert fn(tuple(other), -1, -1) == 13


@pytest.mark.parametrize(
    ("text", "want", "offset", "message"),
    [
        ("moral + 1", INT, 0, "unknown name 'moral' (did you mean 'morale'?)"),
        ("gna.tresury", INT, 4, "faction 'gna' has no meter 'tresury' (did you mean 'treasury'?)"),
        ("sirte.securty", INT, 6, "regions have no attribute 'securty' (did you mean 'security'?)"),
        (
            "sqrt(4)",
            INT,
            0,
            "unknown function 'sqrt'; the functions are min, max, abs, clamp, count, sum, adjacent, controls, has_tag",
        ),
        (
            "coutn(control == gna)",
            INT,
            0,
            "unknown function 'coutn' (did you mean 'count'?); the functions are "
            "min, max, abs, clamp, count, sum, adjacent, controls, has_tag",
        ),
        (
            'eval("1")',
            INT,
            0,
            "unknown function 'eval'; the functions are min, max, abs, clamp, count, sum, adjacent, controls, has_tag",
        ),
        ("__import__('os')", INT, 0, "'__import__': names starting with '__' are not allowed"),
        ("gna.__class__", INT, 4, "'__class__': names starting with '__' are not allowed"),
        ("gna.treasury.real", INT, 12, "only one '.' is allowed (faction.meter or region.attribute)"),
        ("morale / 2", INT, 7, "use '//' for whole-number division"),
        ("morale ** 2", INT, 8, "unexpected '*'"),
        ("1.5 * morale", INT, 0, "'1.5': numbers are whole numbers (meters are integers)"),
        ("0 < morale < 3", BOOL, 11, "chained comparisons are not supported; join them with 'and'"),
        ("morale = 3", BOOL, 7, "'=' assigns; compare with '=='"),
        ("morale > 1 && true", BOOL, 11, "unexpected character '&' (write 'and', 'or', 'not')"),
        ("[1, 2]", INT, 0, "unexpected character '[' (lists and dictionaries are not part of the language)"),
        ("morale", BOOL, 0, "a condition must be true or false, but this is a number (compare it, e.g. '... > 0')"),
        ("gna", INT, 0, "a number is needed here, but this is a faction"),
        ("gna + 1", INT, 0, "each side of '+' must be a number, but this is a faction"),
        ("not morale", BOOL, 4, "the operand of 'not' must be a condition, but this is a number"),
        ("morale and true", BOOL, 0, "each side of 'and' must be a condition, but this is a number"),
        ("sirte.control == 1", BOOL, 14, "cannot compare a faction with a number"),
        ('"a" == "a"', BOOL, 4, "cannot compare a text with a text"),
        ("count(security)", INT, 6, "count(...) takes a condition, but this is a number"),
        ("min(1)", INT, 0, "min(a, b, ...): the smallest number: takes at least 2 arguments"),
        ("abs(1, 2)", INT, 0, "abs(x): x without its sign: takes 1 argument, got 2"),
        ("clamp(1, 2)", INT, 0, "clamp(x, lo, hi): x kept within lo..hi: takes 3 arguments, got 2"),
        ("adjacent(gna, sirte)", BOOL, 9, "the region argument of adjacent() must be a region, but this is a faction"),
        ('has_tag(sirte, "harbour")', BOOL, 15, "no region has the tag 'harbour'"),
        ("has_tag(sirte, coast)", BOOL, 15, "unknown name 'coast'"),
        (
            "security > 1",
            BOOL,
            0,
            "'security' alone means a region's attribute only inside count(...) or sum(...); "
            "elsewhere write REGION.security",
        ),
        ("target.isis > 0", BOOL, 0, "'target' exists only in an action with 'target: region'"),
        ("1 if morale else 2", INT, 5, "the condition after 'if' must be a condition, but this is a number"),
        ("1 if true", INT, 9, "expected 'else' after 'x if condition', found the end"),
        ("gna if true else 1", INT, 4, "both branches must be of one kind, not a faction and a number"),
        ("(1 + 2", INT, 6, "expected ')', found the end"),
        ("1 +", INT, 3, "the expression ends too early"),
        ("   ", INT, 0, "the expression is empty"),
        ("morale.x", INT, 7, "'morale' is a track (a number); it has no '.x'"),
    ],
)
def test_errors_say_what_and_where(text, want, offset, message):
    exc = error(text, want)
    assert (exc.offset, exc.message) == (offset, message)


# --- statements --------------------------------------------------------------------------


def test_assignment_statements_resolve_their_slot_once():
    st = compile_statement("morale += 2", SYM)
    assert isinstance(st, SetStmt)
    assert (st.slot, st.attr, st.op, st.is_control) == (3, -1, "+=", False)
    assert st.value(VALUES, -1, -1) == 2
    st = compile_statement("gna.treasury -= morale * 2", SYM)
    assert (st.slot, st.op) == (1, "-=") and st.value(VALUES, -1, -1) == 10
    st = compile_statement("misrata.isis = 2", SYM)
    assert (st.slot, st.op) == (9, "=")
    st = compile_statement("target.security -= 1", SYM, has_target=True)
    assert (st.slot, st.attr) == (-1, 0)  # found from the target region when it runs
    st = compile_statement("sirte.control = gna", SYM)
    assert (st.slot, st.is_control) == (7, True) and st.value(VALUES, -1, -1) == GNA
    st = compile_statement("target.control = none", SYM, has_target=True)
    assert (st.slot, st.attr, st.is_control) == (-1, 2, True) and st.value(VALUES, -1, -1) == NONE
    st = compile_statement("target.control = gna if target.isis == 0 else target.control", SYM, True)
    assert st.value(VALUES, MISRATA, -1) == GNA and st.value(VALUES, SIRTE, -1) == ISIS


def test_a_loop_compiles_its_condition_and_assignment_for_the_region_in_hand():
    st = compile_statement('for each region where isis > 0 and has_tag(region, "coast"): security -= isis', SYM)
    assert isinstance(st, ForEachStmt) and st.body.per_region and (st.body.slot, st.body.attr) == (-1, 0)
    assert [st.where(VALUES, -1, r) for r in (SIRTE, MISRATA, TRIPOLI)] == [True, False, True]
    assert st.body.value(VALUES, -1, TRIPOLI) == 1
    st = compile_statement("for each region where control == gna: gna.treasury += 5", SYM)
    assert (st.body.slot, st.body.per_region) == (1, False)
    st = compile_statement("for each region where control == none and isis >= 2: control = isis", SYM)
    assert st.body.is_control and st.body.value(VALUES, -1, SIRTE) == ISIS  # handed to the faction
    st = compile_statement("for each region: isis = 0", SYM)  # inside a loop `isis` is the attribute
    assert st.where is None and st.body.attr == 1 and st.body.per_region
    st = compile_statement("for each region where control == target.control: target.security += 1", SYM, True)
    assert (st.body.slot, st.body.attr, st.body.per_region) == (-1, 0, False)  # the target, once per match


def test_draw_and_log_statements():
    assert compile_statement("draw car_bomb", SYM) == DrawStmt("car_bomb", "draw car_bomb")
    assert compile_statement('log "Talks collapse"', SYM) == LogStmt("Talks collapse", 'log "Talks collapse"')


@pytest.mark.parametrize(
    ("text", "offset", "message"),
    [
        ("turn = 1", 0, "'turn' cannot be assigned; the engine advances it"),
        ("gna = 1", 0, "'gna' is a faction; assign one of its meters or attributes, e.g. gna.X"),
        ("sirte += 1", 0, "'sirte' is a region; assign one of its meters or attributes, e.g. sirte.X"),
        ("moral -= 1", 0, "unknown track 'moral' (did you mean 'morale'?)"),
        ("1 = 2", 0, "only a meter, a track or a region attribute can be assigned"),
        ("morale == 2", 7, "'==' compares; a statement assigns with '=', '+=' or '-='"),
        ("morale *= 2", 7, "only '=', '+=' and '-=' assign"),
        ("morale", 6, "a statement is TARGET = VALUE, TARGET += VALUE or TARGET -= VALUE"),
        ("sirte.control += gna", 14, "control is set with '=', e.g. sirte.control = gna"),
        ("sirte.control = 1", 16, "control takes a faction or 'none', but this is a number"),
        ("morale = gna", 9, "the value assigned must be a number, but this is a faction"),
        ("target.isis -= 1", 0, "'target' exists only in an action with 'target: region'"),
        ("draw car_bombs", 5, "unknown card 'car_bombs' (did you mean 'car_bomb'?)"),
        ("draw", 4, "'draw' takes a card id, e.g. draw us_airstrikes_offer"),
        ("log hello", 4, "'log' takes a quoted text, e.g. log \"Talks collapse\""),
        ("morale += __import__('os')", 10, "'__import__': names starting with '__' are not allowed"),
        ("", 0, "the statement is empty"),
        ("for each region isis += 1", 16, "expected ':' before the statement to repeat, found 'isis'"),
        ("for each town: isis += 1", 9, "a loop goes over regions: 'for each region where CONDITION: STATEMENT'"),
        (
            "for each region where security: isis += 1",
            22,
            "the condition after 'where' must be a condition, but this is a number",
        ),
        ("for each region: securty -= 1", 17, "unknown track or region attribute 'securty' (did you mean 'security'?)"),
        ("for each region: draw car_bomb", 17, "a loop repeats an assignment; 'draw' cannot be repeated"),
        ("for each region: for each region: isis = 0", 17, "loops cannot be nested"),
        ("for each region: control = 1", 27, "control takes a faction or 'none', but this is a number"),
        ("morale: isis += 1", 6, "a loop is written 'for each region where CONDITION: STATEMENT'"),
        ("region.isis = 1", 0, "unknown faction or region 'region'"),  # 'region' names the loop's region only
    ],
)
def test_statement_errors(text, offset, message):
    with pytest.raises(ExprError) as info:
        compile_statement(text, SYM)
    assert (info.value.offset, info.value.message) == (offset, message)


def test_chance_terms_explain_the_odds():
    text = "35 + 10 * (morale > 0) - 5 * target.security"
    terms = split_terms(text, SYM, True)
    assert [label for label, _fn in terms] == ["35", "10 * (morale > 0)", "-5 * target.security"]
    assert [fn(VALUES, MISRATA, -1) for _label, fn in terms] == [35, 10, -15]
    assert sum(fn(VALUES, MISRATA, -1) for _label, fn in terms) == ev(text, target=MISRATA)
    assert [label for label, _ in split_terms("80", SYM, False)] == ["80"]
