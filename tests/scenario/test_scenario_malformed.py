"""Malformed scenarios: every problem is reported at its exact line and column, in one line."""

from __future__ import annotations

import re
import tracemalloc
from pathlib import Path

import pytest

from wargame.scenario import ScenarioError, load_scenario, load_text
from wargame.scenario.problems import MAX_ERRORS

MALFORMED = Path(__file__).parent / "malformed"
EXPECT = re.compile(r"^# expect: (\d+):(\d+): (error|warning): (.*)$")
BASE = (MALFORMED.parent / "mini.yaml").read_text()


def expected(path: Path) -> list[tuple[int, int, str, str]]:
    """The problems a corpus file declares in its trailing '# expect: LINE:COL: severity: message' lines."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = EXPECT.match(line)
        if m:
            out.append((int(m[1]), int(m[2]), m[3], m[4]))
    return out


def problems_of(data: str | bytes, name: str = "case.yaml"):
    with pytest.raises(ScenarioError) as info:
        load_text(data, name)
    return info.value.problems


def located(problems) -> list[tuple[int, int, str, str]]:
    return [(p.where.line, p.where.column, p.severity, p.message) for p in problems]


CORPUS = sorted(MALFORMED.glob("*.yaml"))


def test_the_corpus_is_large_and_every_file_says_what_it_expects():
    assert len(CORPUS) >= 30
    for path in CORPUS:
        assert expected(path), f"{path.name} has no '# expect:' line"


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_malformed_file_reports_exactly_its_problems(path):
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    problems = info.value.problems
    assert located(problems) == expected(path)
    for p in problems:
        assert p.where.file == str(path)
        assert "\n" not in p.message
        assert str(p).startswith(f"{path}:{p.where.line}:{p.where.column}: {p.severity}: ")


def test_the_base_of_the_corpus_is_valid():
    """Each corpus file is this one with one mistake: it must load, or the corpus tests nothing."""
    scenario, warnings = load_text(BASE, "mini.yaml")
    assert scenario.id == "mini"
    assert warnings == []


# --- cases that cannot be written as a commented text file -----------------------------


def test_binary_file_is_refused():
    assert located(problems_of(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")) == [
        (1, 1, "error", "this is a binary file, not a YAML scenario")
    ]


def test_non_utf8_file_is_refused_with_the_byte():
    data = BASE.replace("Mini scenario", "Caf\u00e9").encode("latin-1")
    offset = data.index(b"\xe9")
    assert located(problems_of(data)) == [(1, 1, "error", f"the file is not UTF-8 text (byte {offset})")]


def test_control_character_is_located():
    text = BASE.replace("title: Mini scenario", "title: Mini\x07scenario")
    assert located(problems_of(text)) == [
        (3, 12, "error", "the character U+0007 is not allowed in YAML (control characters cannot appear, even quoted)")
    ]


def test_nul_in_text_is_refused():
    (problem,) = problems_of("format: 1\nid: a\x00b\n")
    assert (problem.where.line, problem.where.column) == (2, 6)
    assert "U+0000" in problem.message


BILLION_LAUGHS = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
)


def _peak_bytes(data: str) -> tuple[list, int]:
    tracemalloc.start()
    try:
        problems = problems_of(data)
        return problems, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_alias_bomb_is_refused_without_being_expanded():
    assert len(BILLION_LAUGHS.encode()) < 420
    problems, peak = _peak_bytes(BILLION_LAUGHS)
    # 9**9 strings would take gigabytes; refusing it takes a few hundred kilobytes
    assert peak < 8_000_000
    first = problems[0]
    assert (first.where.line, first.where.column) == (2, 8)
    assert first.message == "'*a' is an alias: anchors and aliases are not allowed in scenarios; write the value out"
    assert len(problems) == MAX_ERRORS + 1
    assert problems[-1].message.startswith(f"too many errors: stopped after {MAX_ERRORS}")


def test_alias_bomb_inside_a_field_the_loader_reads():
    """The bomb hidden under `summary`, a field that is read as text, of an otherwise valid file."""
    bomb = "\n".join("  " + line for line in BILLION_LAUGHS.splitlines())
    text = BASE.replace("title: Mini scenario", "title: Mini scenario\nsummary:\n" + bomb + "\n  all: *i")
    problems, peak = _peak_bytes(text)
    assert peak < 8_000_000
    assert (problems[0].where.line, problems[0].where.column) == (6, 10)
    assert all("is an alias" in p.message for p in problems[:-1])


def test_too_many_errors_are_capped_with_a_closing_line():
    text = BASE.replace("title: Mini scenario", "title: Mini scenario\n" + "".join(f"junk{i}: 1\n" for i in range(80)))
    problems = problems_of(text)
    assert len(problems) == MAX_ERRORS + 1
    assert [p.where.line for p in problems[:3]] == [4, 5, 6]
    assert problems[0].message.startswith("unknown key 'junk0' in the scenario;")
    last = problems[-1]
    assert last.message == f"too many errors: stopped after {MAX_ERRORS}; fix these and validate again"
    assert last.where.line == problems[-2].where.line


def test_deep_nesting_is_refused():
    (problem,) = problems_of("a: " + "[" * 100 + "]" * 100 + "\n")
    assert problem.message == "the YAML is nested more than 64 levels deep"
    assert problem.where.line == 1


def test_deeply_nested_expression_is_refused_not_crashed():
    text = BASE.replace('"40 + 5 * morale"', '"' + "(" * 600 + "1" + ")" * 600 + '"')
    (problem,) = problems_of(text)
    assert problem.message == "the expression is nested too deeply"


def test_huge_file_is_refused_before_parsing():
    (problem,) = problems_of(b"#" * 2_000_001)
    assert problem.message == "file is 2,000,001 bytes; the limit is 2,000,000"


def test_missing_file_and_folder(tmp_path):
    for path, message in (
        (tmp_path / "nope.yaml", "no such file"),
        (tmp_path, "this is a folder, not a scenario file"),
    ):
        with pytest.raises(ScenarioError) as info:
            load_scenario(path)
        assert located(info.value.problems) == [(1, 1, "error", message)]


# --- mistakes that load, with a warning -------------------------------------------------


def test_asymmetric_adjacency_is_added_with_a_warning():
    text = BASE.replace("adjacent: [sirte], security: 3", "adjacent: [], security: 3")
    scenario, warnings = load_text(text, "mini.yaml")
    assert located(warnings) == [
        (25, 3, "warning", "'sirte' lists 'misrata' as adjacent but not the reverse; adding 'sirte' to 'misrata'")
    ]
    assert scenario.region("misrata").adjacent == ("sirte",)
    assert scenario.region("sirte").adjacent == ("misrata",)


def test_faction_left_out_of_order_loads_with_a_warning():
    scenario, warnings = load_text(BASE.replace("order: [gna, isis]", "order: [gna]"), "mini.yaml")
    assert scenario.order == ("gna",)
    assert located(warnings) == [(5, 8, "warning", "faction 'isis' is not in order; it will never act")]


def test_region_missing_from_map_art_loads_with_a_warning():
    text = BASE.replace("\nactions:\n", "\nmap:\n  art: |\n    [sirte]\nactions:\n")
    scenario, warnings = load_text(text, "mini.yaml")
    assert scenario.map_art == "[sirte]"
    assert located(warnings) == [
        (27, 8, "warning", "region 'misrata' does not appear in the map art; write [misrata] where it lies")
    ]


def test_a_delay_that_outlasts_the_game_is_a_warning():
    text = BASE.replace('    requires: "isis.fighters < 20"', '    requires: "isis.fighters < 20"\n    delay: 3')
    _scenario, warnings = load_text(text, "mini.yaml")
    assert located(warnings) == [
        (
            40,
            12,
            "warning",
            "action 'recruit': a delay of 3 turns outlasts the game (3 turns); its result can never land",
        )
    ]


def test_a_per_turn_limit_the_faction_cannot_reach_is_a_warning():
    text = BASE.replace('    requires: "isis.fighters < 20"', '    requires: "isis.fighters < 20"\n    per_turn: 1')
    scenario, warnings = load_text(text, "mini.yaml")
    assert located(warnings) == [
        (40, 15, "warning", "action 'recruit': per_turn 1 changes nothing, since 'isis' has 1 action a turn")
    ]
    recruit = scenario.action("recruit")
    assert recruit.per_turn == 1 and scenario.slot_names[recruit.uses_slot] == "uses:recruit"
    assert scenario.slot_bounds[recruit.uses_slot] == (0, 1) and scenario.initial[recruit.uses_slot] == 0


def test_a_colour_name_becomes_its_hex_for_every_screen():
    text = BASE.replace("    name: Islamic State\n", "    name: Islamic State\n    color: navy\n")
    scenario, _warnings = load_text(text, "mini.yaml")
    assert scenario.faction("isis").color == "#000080"


def test_an_unknown_colour_word_falls_back_to_the_palette_with_a_warning():
    """A typo in a colour should not stop a session; Rich would refuse the word at play time."""
    text = BASE.replace("    name: Islamic State\n", "    name: Islamic State\n    color: navi\n")
    scenario, warnings = load_text(text, "mini.yaml")
    assert scenario.faction("isis").color == "#c0392b"
    assert located(warnings) == [
        (
            16,
            12,
            "warning",
            "faction 'isis': unknown colour 'navi' (did you mean 'navy'?); "
            'using #c0392b (write "#rrggbb" or a name such as red, navy or teal)',
        )
    ]
