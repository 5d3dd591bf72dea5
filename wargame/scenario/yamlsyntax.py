"""YAML syntax errors in plain words, pointed at the line that causes them rather than where PyYAML gave up.

PyYAML reports where its parser stopped ("did not find expected key" at the
next key) and, as context, where the construct it was reading began. The
mistake is usually elsewhere: a line indented one space too far, a quote
left open three lines up, a key without its ':'. Each rule below recognises
one such cause from PyYAML's problem, its context and the lines around the
stop, and says what to write instead; what no rule recognises keeps PyYAML's
own words, located.
"""

from __future__ import annotations

import re

import yaml

from wargame.scenario.problems import Where, clip

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str) -> tuple[Where, str]:
    """PyYAML's error as one located line in plain words."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return Where(file, 1, 1), f"YAML syntax: {clip(exc.problem or 'invalid YAML')}"
    lines = text.split("\n")

    def at(m: yaml.Mark) -> Where:
        return Where(file, m.line + 1, m.column + 1)

    def line_start(n: int) -> Where:
        return Where(file, n + 1, _indent(lines[n]) + 1)

    where = at(mark)
    problem = exc.problem or "invalid YAML"
    context = exc.context or ""
    cm = exc.context_mark
    if (0 <= mark.index < len(text) and text[mark.index] == "\t") or "tab" in problem:
        return _tab_where(text, file, mark), "YAML syntax: a tab cannot indent YAML; indent with spaces"
    block = _block_indent_hint(lines, mark.line)
    if block:
        return where, block
    if problem.startswith("mapping values are not allowed"):
        return where, "YAML syntax: a second ': ' on this line; quote text or expressions that contain ': '"
    if "scanning a simple key" in context and cm is not None:
        return at(cm), "YAML syntax: this key has no ':' after it; write 'key: value' (or quote a value)"
    if "scanning a quoted scalar" in context and cm is not None:
        return at(cm), "YAML syntax: the quote opened here is never closed; end the text with the same quote mark"
    flow = re.match(r"did not find expected ',' or '([\]}])'", problem)
    if flow and cm is not None:
        opener = "[" if flow[1] == "]" else "{"
        return at(cm), (
            f"YAML syntax: the '{opener}' opened here is not closed: a '{flow[1]}' is missing, "
            f"or a ',' between two items"
        )
    if "expected key" in problem or "expected <block end>" in problem:
        found = _runaway_quote(text, mark) or _indent_cause(lines, mark.line)
        if found:
            n, column, message = found
            return Where(file, n + 1, column + 1) if column >= 0 else line_start(n), message
    started = f" started at line {cm.line + 1}" if cm is not None and cm.line != mark.line else ""
    context = f" ({context}{started})" if context else ""
    return where, f"YAML syntax: {clip(problem)}{context}"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _tab_where(text: str, file: str, mark: yaml.Mark) -> Where:
    """The tab itself: PyYAML may stop on the line after it."""
    for n in (mark.line, mark.line - 1):
        line = text.split("\n")[n] if 0 <= n < text.count("\n") + 1 else ""
        lead = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in lead:
            return Where(file, n + 1, lead.index("\t") + 1)
    return Where(file, mark.line + 1, mark.column + 1)


def _runaway_quote(text: str, mark: yaml.Mark) -> tuple[int, int, str] | None:
    """A quoted value that ran past its line: the quote that was not closed where it should have been."""
    last = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.index >= mark.index:
                break
            if isinstance(token, yaml.ScalarToken):
                last = token
    except yaml.YAMLError:
        pass
    if last is None or last.style not in ('"', "'") or last.start_mark.line == last.end_mark.line:
        return None
    if last.end_mark.line != mark.line:
        return None
    quote = last.style
    return (
        last.start_mark.line,
        last.start_mark.column,
        f"YAML syntax: the quote {quote} opened here is not closed on its line, so the text runs on to "
        f"line {last.end_mark.line + 1}; end it with {quote}",
    )


def _indent_cause(lines: list[str], stop: int) -> tuple[int, int, str] | None:
    """The line whose indentation breaks the mapping: the stop line, or the odd one just above it."""
    if not 0 <= stop < len(lines) or not _content(lines[stop]):
        return None
    here = _indent(lines[stop])
    above = [k for k in range(stop - 1, -1, -1) if _content(lines[k])]
    if not above:
        return None
    prev = above[0]
    p_indent = _indent(lines[prev])
    if lines[stop].lstrip().startswith("- ") and here <= p_indent:
        return (
            stop,
            here,
            "YAML syntax: a list item ('- ') where a key is expected; the lines above hold "
            "'key: value' pairs, so write 'key: value' here or put the list under a key",
        )
    if here > p_indent:
        if lines[prev].rstrip().endswith(":"):
            return None
        before = next((k for k in above[1:] if _indent(lines[k]) <= here), None)
        if before is not None and _indent(lines[before]) == here:
            return (
                prev,
                -1,
                f"YAML syntax: this line is indented {p_indent} spaces, less than the lines "
                f"around it ({here}); line it up with them",
            )
        return (
            stop,
            -1,
            f"YAML syntax: this line is indented {here} spaces, more than the line above "
            f"({p_indent}); keys of one mapping line up",
        )
    chain = [p_indent]  # the indentation of prev and of each mapping that encloses it
    for k in above[1:]:
        if _indent(lines[k]) < chain[-1]:
            chain.append(_indent(lines[k]))
    if here in chain:
        return None
    step = _usual_step(lines)
    if len(chain) > 1 and p_indent != chain[1] + step and here == chain[1] + step:
        return (
            prev,
            -1,
            f"YAML syntax: this line is indented {p_indent} spaces, but the next key of its "
            f"mapping (line {stop + 1}) is indented {here}; line them up",
        )
    near = ", ".join(str(i) for i in sorted(chain))
    return (
        stop,
        -1,
        f"YAML syntax: this line is indented {here} spaces, which lines up with no key above "
        f"it (those are indented {near}); indent it like the keys of its mapping",
    )


def _usual_step(lines: list[str]) -> int:
    """How far this file usually indents a mapping under its key (2 when it cannot tell)."""
    steps: dict[int, int] = {}
    last = None
    for line in lines:
        if not _content(line):
            continue
        if last is not None and last.rstrip().endswith(":") and _indent(line) > _indent(last):
            step = _indent(line) - _indent(last)
            steps[step] = steps.get(step, 0) + 1
        last = line
    return max(steps, key=lambda k: steps[k]) if steps else 2


def _block_indent_hint(lines: list[str], line: int) -> str | None:
    """Explain the classic block-scalar mistake, or None.

    A `|` block takes its indentation from its first line; map art that starts
    with a more indented line (the sea above the coast) ends the block at the
    next, less indented line, and PyYAML reports a baffling "expected key".
    """
    if line >= len(lines) or not lines[line].strip():
        return None
    here = _indent(lines[line])
    k = line - 1
    while k >= 0 and (not lines[k].strip() or _indent(lines[k]) > here):
        k -= 1
    header = re.search(r":\s+([|>])([-+]?)$", lines[k].rstrip()) if 0 <= k < line - 1 else None
    if header is None:
        return None
    parent = _indent(lines[k])
    if not parent < here < _indent(lines[k + 1 + next(i for i, s in enumerate(lines[k + 1 :]) if s.strip())]):
        return None
    fixed = f"{header[1]}{here - parent}{header[2]}"
    return (
        f"YAML syntax: this line is less indented than the first line of the block at line {k + 1}; "
        f"write '{fixed}' instead of '{header[1]}{header[2]}' there to set the block's indentation"
    )
