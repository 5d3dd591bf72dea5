"""Text that came from a file (scenario, save) is data: made safe for terminals, markup and Markdown here.

Three contexts, three functions, one rule: whatever an author or a save wrote
is shown as the characters it is, never obeyed.

- `plain(s)`: safe to write to a terminal. C0 control characters (ESC, BEL,
  backspace, carriage return...) and DEL become their visible Unicode
  "control pictures" (ESC shows as U+241B, BEL as U+2407); C1 controls,
  bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) and
  lone surrogates become U+FFFD. So `ESC ] 0 ; pwned BEL` can neither set a
  terminal title nor clear the screen nor reorder what a reader sees; newline
  and tab are kept (callers that need one line fold them).
- `markup(s)`: `plain(s)` with Rich markup escaped, for any string put into
  a Rich markup context (`[/]` and `[@click=app.quit]` show literally). The
  TUI gives Textual `rich.text.Text` objects instead, which are never parsed.
- `markdown(s)`: `plain(s)` with Markdown's syntax characters escaped, so no
  link, image, HTML tag or emphasis can be smuggled into a report.

Leaf module: no UI imports, so the scenario loader and the reports use it too.
"""

from __future__ import annotations

import re

__all__ = ["markdown", "markup", "one_line", "plain"]

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _table() -> dict[int, str]:
    table = {c: chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A)}
    table[0x7F] = "\u2421"
    table.update({c: "\ufffd" for c in range(0x80, 0xA0)})
    table.update({ord(c): "\ufffd" for c in _BIDI})
    return table


_PLAIN = _table()
_SURROGATE = re.compile("[\ud800-\udfff]")
_NEEDS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def plain(text: object) -> str:
    """`text` as a string a terminal shows as characters, never obeys (see the module docstring)."""
    s = text if isinstance(text, str) else str(text)
    if not _NEEDS.search(s):
        return s
    return _SURROGATE.sub("\ufffd", s.translate(_PLAIN))


def one_line(text: object, limit: int = 200) -> str:
    """`plain(text)` on one line (whitespace runs folded), cut with '...' past `limit` characters."""
    flat = " ".join(plain(text).split())
    return flat if len(flat) <= limit else flat[: limit - 3].rstrip() + "..."


_TAG = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")  # what Rich reads as a tag (rich.markup.RE_TAGS)


def markup(text: object) -> str:
    """`plain(text)` escaped for Rich console markup: a tag-like `[...]` is shown, never applied.

    Rich's own rule (rich.markup.escape), kept here so this module imports no UI:
    a backslash before each tag-like `[`, the backslashes already there doubled,
    and a trailing backslash doubled so it cannot escape the caller's closing tag.
    The TUI does not use this: it hands Textual `Text` objects, never markup
    strings (Textual's markup reads more as tags, e.g. `[$accent]`).
    """
    s = _TAG.sub(lambda m: f"{m[1]}{m[1]}\\{m[2]}", plain(text))
    return s + "\\" if s.endswith("\\") and not s.endswith("\\\\") else s


_MD = re.compile(r"([\\`*_\[\]<|~])")
_MD_LINE_START = re.compile(r"^(\s*)(\d+[.)]|[#+=>-])", re.MULTILINE)


def markdown(text: object, line_start: bool = True) -> str:
    """`plain(text)` with Markdown syntax escaped: no links, images, HTML, emphasis or block markers from data.

    Brackets and angle brackets are escaped, so `[x](javascript:...)`,
    `![](https://...)`, `<https://...>` and `<script>` come out as the
    characters written; so are emphasis, code and table characters, and (unless
    `line_start` is false: the caller puts it mid-line) a heading, list or quote
    marker at the start of a line. Parentheses, '>' and full stops stay as they
    are, so the plain text still reads well.
    """
    s = _MD.sub(r"\\\1", plain(text))
    return _MD_LINE_START.sub(lambda m: m[1] + "\\" + m[2], s) if line_start else s
