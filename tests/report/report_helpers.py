"""Shared by the report tests: the golden saves, and a strict well-formedness check for the HTML debrief."""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

from wargame import saves
from wargame.report import build_report

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SAVES = HERE / "saves"
GOLDEN = sorted(p.stem for p in SAVES.glob("*.json"))
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@cache
def loaded(name: str):
    """(scenario, saved, final state, report) of a golden save, replayed by saves.load_game, not by the report."""
    path = SAVES / f"{name}.json"
    try:
        scenario, saved, state, _events = saves.load_game(path)
    except saves.SaveError as exc:
        pytest.fail(
            f"{exc}\nIf the rules changed on purpose, regenerate the golden saves: "
            ".venv/bin/python tests/report/make_saves.py"
        )
    return scenario, saved, state, build_report(path)


class _Checker(HTMLParser):
    """Every element closed in order (void elements and `<x/>` excepted), ids unique, no stray end tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._note(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self._note(tag, attrs)

    def _note(self, tag, attrs):
        self.tags.append(tag)
        for k, v in attrs:
            self.attrs.append((tag, k, v))
            if k == "id":
                self.ids.append(v)
            if k == "href":
                self.hrefs.append(v)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'} at {self.getpos()}")
            return
        self.stack.pop()


def check_html(text: str) -> _Checker:
    """Parse `text`; raise AssertionError naming the first problems if it is not well formed."""
    checker = _Checker()
    checker.feed(text)
    checker.close()
    assert not checker.problems, checker.problems[:5]
    assert not checker.stack, f"unclosed: {checker.stack}"
    assert len(checker.ids) == len(set(checker.ids)), "duplicate ids"
    return checker
