"""The rendered debriefs: every section there, HTML self-contained and well formed, untrusted text escaped."""

from __future__ import annotations

import itertools
import re

import pytest
from report_helpers import GOLDEN, ROOT, check_html, loaded

from wargame import bots, saves
from wargame import engine as E
from wargame.engine.codec import to_dict
from wargame.report import build_report, render
from wargame.report.html import SECTIONS
from wargame.report.svg import line_chart, nice_ticks
from wargame.scenario.load import load_text

MD_SECTIONS = [
    "## Seats",
    "## Outcome",
    "## Facilitator's notes",
    "## Factions",
    "## Tracks",
    "## The board",
    "## Learning objectives",
    "## What really happened",
    "## Timeline",
]
OUTSIDE = (
    "http://",
    "https://",
    "//",
    "<script",
    "<link",
    "<iframe",
    "<img",
    "<object",
    "<embed",
    "url(",
    "@import",
    "javascript:",
)


@pytest.mark.parametrize("name", GOLDEN)
def test_markdown_has_every_section_and_the_final_numbers(name):
    _scenario, _saved, _state, report = loaded(name)
    md = render(report, "md")
    positions = [md.index(h) for h in MD_SECTIONS]
    assert positions == sorted(positions)
    assert md.startswith(f"# Debrief: {report.title}\n")
    for s in report.result.scores:
        assert re.search(rf"^\| {re.escape(s.name)} \| {s.score} \|", md, re.M), s
    for f in report.factions:
        for m in f.meters:
            assert f"| {m.start} | {m.end} | {m.end - m.start:+d} |" in md
    for turn in report.timeline:
        assert f"### Turn {turn.number}: {turn.date}" in md
    assert ("[FACILITATOR]" in md) == bool(report.facilitator and name == "tutorial-facilitated")


@pytest.mark.parametrize("name", GOLDEN)
def test_html_is_one_well_formed_self_contained_file(name):
    _scenario, _saved, _state, report = loaded(name)
    html = render(report, "html")
    assert html.startswith("<!DOCTYPE html>")
    lowered = html.lower()
    for bad in OUTSIDE:
        assert bad not in lowered, bad
    checker = check_html(html)
    assert "src" not in {k for _, k, _ in checker.attrs}
    assert all(h.startswith("#") and h[1:] in checker.ids for h in checker.hrefs)
    assert not {t for t in checker.tags if t in ("script", "link", "img", "iframe")}
    assert [t for t in checker.tags if t in ("html", "head", "body", "style")] == ["html", "head", "style", "body"]
    for key, _title in SECTIONS:
        assert key in checker.ids
    meters = sum(len(f.meters) for f in report.factions)
    assert checker.tags.count("svg") == 1 + meters + len(report.tracks)
    assert f"<title>Debrief: {report.title}" in html


def test_facilitator_acts_are_marked_in_html():
    html = render(loaded("tutorial-facilitated")[3], "html")
    assert html.count('<span class="tag">FACILITATOR') >= 8
    assert '<tr class="fac">' in html
    plain = render(loaded("tutorial-seed3")[3], "html")
    assert '<span class="tag">' not in plain


HOSTILE_TITLE = 'Sirte <script>alert("x")</script> & co'
HOSTILE_NAME = "G.N.A. | <b>bold</b>"
HOSTILE_HISTORY = "<img src=https://example.invalid/x.png onerror=alert(1)> 1 August 2016"


@pytest.fixture(scope="module")
def hostile():
    """The tutorial with markup in its texts and a colour that is not CSS, played by random bots."""
    text = (ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    text = text.replace('title: "Tutorial: The battle for Sirte"', f"title: '{HOSTILE_TITLE}'")
    text = text.replace("    name: Government of National Accord", f'    name: "{HOSTILE_NAME}"')
    text = text.replace('color: "#2e86de"', "color: not_a_css_colour")
    text = text.replace(
        "history: Unpaid salaries strained Misratan units throughout 2016.", f"history: '{HOSTILE_HISTORY}'"
    )
    scenario, _ = load_text(text, "hostile.yaml")
    assert scenario.title == HOSTILE_TITLE
    state, _ = E.begin(scenario, 5, {"gna": "random", "isis": "random"})
    entries = [to_dict(E.InjectCard("salaries_late", "show the hostile history"), by="facilitator")]
    state, _ = E.apply(scenario, state, E.InjectCard("salaries_late", "show the hostile history"))
    while state.outcome is None:
        decision, why = bots.choose(scenario, state, "random")
        entries.append(to_dict(decision, by="random", why=why))
        state, _ = E.apply(scenario, state, decision)
    return build_report(saves.record(scenario, state, entries), scenario=scenario)


def test_hostile_text_is_escaped_in_html(hostile):
    html = render(hostile, "html")
    check_html(html)
    assert "<script" not in html and "<img" not in html and "<b>bold" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=" in html
    assert "not_a_css_colour" not in html
    colours = re.findall(r'(?:--c:|stroke="|fill=")([^;"]*)', html)
    assert colours and all(re.fullmatch(r"#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-z]+", c) for c in colours), colours


def test_hostile_text_cannot_break_the_markdown(hostile):
    md = render(hostile, "md")
    assert "<script" not in md.replace("\\<script", "") and "<img" not in md.replace("\\<img", "")
    row = next(line for line in md.splitlines() if line.startswith("| G.N.A. ("))
    assert len(re.split(r"(?<!\\)\|", row)) == 5, row  # '', faction, seat, decisions, ''


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown report format"):
        render(loaded("tutorial-seed3")[3], "pdf")


@pytest.mark.parametrize(("lo", "hi"), [(0, 0), (0, 1), (37, 40), (-5, 12), (0, 457), (110, 1_000_000), (3, 3)])
def test_axis_ticks_cover_the_values_in_round_steps(lo, hi):
    ticks = nice_ticks(lo, hi)
    assert ticks[0] <= lo and ticks[-1] >= hi and len(ticks) >= 2
    steps = {b - a for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1
    step = steps.pop()
    assert int(str(step).rstrip("0") or "0") in (1, 2, 5)


@pytest.mark.parametrize("values", [[5], [3, 3, 3], [0, 100, 50, 75], []])
def test_charts_are_well_formed_for_any_shape_of_data(values):
    labels = [f"T{i}" for i in range(len(values))]
    svg = line_chart(
        [("A <b>", "#123456", values), ("B", "red", values)],
        labels,
        title="t & <t>",
        unit="$M",
        marks=[("limit", "#000000", 10)],
    )
    check_html(svg)
    assert svg.startswith("<svg") and "<b>" not in svg and "<t>" not in svg
    assert ("&lt;b&gt;" in svg) == bool(values)
