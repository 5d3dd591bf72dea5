"""wargame.text: file text is shown as the characters it is, in a terminal, in Rich/Textual markup, in Markdown."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.markup import render

from wargame.text import markdown, markup, one_line, plain


def test_plain_shows_controls_as_symbols_and_keeps_text():
    assert plain("\x1b]0;pwned\x07\x1b[2J") == "\u241b]0;pwned\u2407\u241b[2J"
    assert plain("a\tb\nc") == "a\tb\nc"
    assert plain("\x7f\x9b\u202edcba\ud800") == "\u2421\ufffd\ufffddcba\ufffd"
    assert plain("Caf\u00e9 \u0644\u064a\u0628\u064a\u0627") == "Caf\u00e9 \u0644\u064a\u0628\u064a\u0627"


@given(st.text())
def test_plain_never_lets_a_control_through(text):
    out = plain(text)
    assert not any((ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) < 0xA0 for c in out)
    assert not any(c in out for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    out.encode("utf-8")  # no lone surrogate left to crash a print


@given(st.text(alphabet=st.sampled_from("[]/@=ab $#"), max_size=30))
def test_markup_is_shown_literally_by_rich(text):
    assert render(f"[bold]{markup(text)}[/bold]").plain == plain(text)


@given(st.text(alphabet=st.sampled_from("[]/@=ab \\"), max_size=30))
def test_backslashes_never_make_markup_apply_or_fail(text):
    """Rich unescapes '\\[' in plain runs too, so a backslash right before '[' may show differently; never as a tag."""
    rendered = render(f"[bold]{markup(text)}[/bold]")
    assert all(span.style == "bold" for span in rendered.spans)


def test_the_attacks_of_the_issue_are_shown_literally():
    for text in ("x [/][/] y", "[@click=app.quit]", "[/]", "[bold red]loud"):
        assert render(f"[dim]{markup(text)}[/]").plain == text


def test_markdown_neutralises_links_images_and_html():
    md = markdown("[x](javascript:alert(1)) ![i](https://e.com/t.png) <script> *b* a|b")
    assert md == "\\[x\\](javascript:alert(1)) !\\[i\\](https://e.com/t.png) \\<script> \\*b\\* a\\|b"
    assert markdown("# title") == "\\# title" and markdown("1. one") == "\\1. one"
    assert markdown("# title", line_start=False) == "# title"


def test_one_line_folds_and_cuts():
    assert one_line("a\n\n b\x1b") == "a b\u241b"
    assert one_line("x" * 500, 200) == "x" * 197 + "..."
