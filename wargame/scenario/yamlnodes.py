"""Reads YAML into a small located tree, safely: no tags, no aliases, bounded size."""

from __future__ import annotations

import re

import attrs
import yaml

from wargame.scenario.problems import Problem, Problems, ScenarioError, TooManyProblems, Where, clip
from wargame.scenario.yamlsyntax import syntax_problem

MAX_FILE_BYTES = 2_000_000
MAX_NODES = 200_000

try:  # libyaml's composer is faster and keeps marks as well as the pure one
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader

NULL_TAG = "tag:yaml.org,2002:null"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


class _Loader(_Base):  # type: ignore[misc]  # a base picked at import time (libyaml's or PyYAML's)
    """A safe loader that only tells empty values from text.

    Fields read the raw characters themselves, so YAML 1.1's guesses (int,
    float, bool, timestamp) are never used; PyYAML's regular expressions for
    them were a fifth of the loading time. Explicit tags are not resolved
    here and are still checked (and refused) one by one.
    """

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return NULL_TAG if implicit[0] and value in _NULLS else "tag:yaml.org,2002:str"
        return str(super().resolve(kind, value, implicit))


_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@attrs.frozen
class Scalar:
    """A scalar as written: `text` is the raw characters, `tag` null or str (or a refused explicit tag).

    Fields read the raw text themselves, so `no` stays the word "no" where a
    name is expected and `012` is twelve, not YAML 1.1's octal ten.
    """

    text: str
    tag: str
    where: Where
    style: str | None  # None for plain, "'" or '"' for quoted, "|" or ">" for blocks
    raw: str = ""  # the characters of the file the scalar was read from
    before_comment: bool = False  # empty, and a '#' comment follows on its line

    @property
    def is_null(self) -> bool:
        return self.tag.endswith(":null")

    def text_where(self, offset: int) -> Where:
        """Where the character at `offset` of the text sits in the file.

        The text is matched against the raw characters, so a mistake inside a
        quoted, folded or block expression is pointed at exactly; when escapes
        make the two differ, the scalar's own start is the honest answer.
        """
        j = _raw_offset(self.raw, self.text, offset)
        if j is None:
            return self.where
        newlines = self.raw.count("\n", 0, j)
        if not newlines:
            return self.where.shifted(j)
        return Where(self.where.file, self.where.line + newlines, j - self.raw.rfind("\n", 0, j))


def _raw_offset(raw: str, text: str, offset: int) -> int | None:
    """The index in `raw` of character `offset` of `text`, or None when they cannot be aligned.

    Walks both strings: indicators and quotes before the first character,
    indentation and folded line breaks, are the only raw characters allowed
    to have no counterpart in the text.
    """
    i = j = 0
    started = False
    while j < len(raw):
        if i == offset and (i == len(text) or raw[j] == text[i]):
            return j
        if i < len(text) and raw[j] == text[i]:
            i, j, started = i + 1, j + 1, True
        elif i < len(text) and text[i] == " " and raw[j] == "\n":
            i, j = i + 1, j + 1
        elif raw[j] in " \t\n" or (not started and raw[j] in "|>+-0123456789'\""):
            j += 1
        else:
            return None
    return j if i == offset else None


@attrs.frozen
class Seq:
    items: tuple[Node, ...]
    where: Where


@attrs.frozen
class Map:
    """A mapping with string keys, in file order; `keys` keeps where each key was written."""

    items: dict[str, Node]
    keys: dict[str, Where]
    where: Where


Node = Scalar | Seq | Map


def _where(file: str, node: yaml.Node) -> Where:
    mark = node.start_mark
    return Where(file, mark.line + 1, mark.column + 1)


def _tag_name(tag: str) -> str:
    """A tag as an author wrote it: `!!python/object` rather than its long form."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - text.rfind("\n", 0, index)


def parse_yaml(text: str | bytes, file: str) -> Node:
    """Parse one YAML document into located nodes, or raise ScenarioError.

    Aliases are refused before anything is expanded: PyYAML composes an alias as
    a second reference to the same node, so one visit per node object bounds the
    walk and a "billion laughs" file is refused in linear time.
    """
    here = Where(file, 1, 1)
    if isinstance(text, bytes):
        if len(text) > MAX_FILE_BYTES:
            raise ScenarioError([_err(here, f"file is {len(text):,} bytes; the limit is {MAX_FILE_BYTES:,}")])
        if b"\x00" in text:
            raise ScenarioError([_err(here, "this is a binary file, not a YAML scenario")])
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ScenarioError([_err(here, f"the file is not UTF-8 text (byte {exc.start})")]) from None
    if len(text) > MAX_FILE_BYTES:
        raise ScenarioError([_err(here, f"file is {len(text):,} characters; the limit is {MAX_FILE_BYTES:,}")])
    try:
        docs = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.reader.ReaderError as exc:
        line, column = _line_col(text, exc.position)
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        message = f"the character {char} is not allowed in YAML (control characters cannot appear, even quoted)"
        raise ScenarioError([_err(Where(file, line, column), message)]) from None
    except yaml.MarkedYAMLError as exc:
        raise ScenarioError([_err(*syntax_problem(exc, text, file))]) from None
    except yaml.YAMLError as exc:
        raise ScenarioError([_err(here, f"YAML syntax: {clip(str(exc))}")]) from None
    except RecursionError:
        raise ScenarioError([_err(here, "the YAML is nested too deeply")]) from None
    if not docs or docs[0] is None:
        raise ScenarioError([_err(here, "the file is empty; a scenario starts with 'format: 1'")])
    if len(docs) > 1:
        second = _where(file, docs[1]) if docs[1] is not None else here
        marker = text.rfind("---", 0, docs[1].start_mark.index if docs[1] is not None else len(text))
        if marker >= 0:
            second = Where(file, *_line_col(text, marker))
        raise ScenarioError([_err(second, "only one YAML document per file (remove '---' and what follows)")])
    problems = Problems()
    seen: set[int] = set()
    try:
        try:
            node = _convert(docs[0], _Source(file, text), problems, seen, depth=0)
        except _AliasFound:
            _alias_problems(text, file, problems)
    except RecursionError:
        raise ScenarioError([_err(here, "the YAML is nested too deeply")]) from None
    except TooManyProblems:
        raise ScenarioError(problems.capped()) from None
    if problems.errors:
        raise ScenarioError(problems.sorted())
    return node


# what YAML's reader lets through only as an escape (or, for bidi controls, at all):
# C0 and C1 controls but tab and newline, DEL, bidirectional embeddings, overrides and isolates
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _control_message(ch: str) -> str:
    """Why the control character `ch` is refused."""
    code = f"U+{ord(ch):04X}"
    if ord(ch) >= 0x202A:
        kind = "a bidirectional control, which makes text display in another order than it is stored"
    else:
        kind = "a control character (it would drive the terminal rather than show)"
    return f"the character {code} is not allowed in a scenario, even written as an escape: {kind}"


def _refuse_controls(scalar: Scalar, problems: Problems) -> None:
    """One error per scalar whose value holds a control character (from a double-quoted escape such as \\e)."""
    found = _CONTROLS.search(scalar.text)
    if found:
        problems.error(scalar.text_where(found.start()), _control_message(found[0]))


def _err(where: Where, message: str) -> Problem:
    return Problem("error", where, message)


class _AliasFound(Exception):
    """A node was reached twice: the file uses an alias; its events say where."""


def _alias_problems(text: str, file: str, problems: Problems) -> None:
    """One error at each `*alias` of the file.

    The composed graph only knows the anchored node, not where it is repeated,
    so the aliases are found again in the event stream, which never expands them.
    """
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            problems.error(
                Where(file, mark.line + 1, mark.column + 1) if mark else Where(file, 1, 1),
                f"'*{event.anchor}' is an alias: anchors and aliases are not allowed in scenarios; write the value out",
            )


@attrs.frozen
class _Source:
    file: str
    text: str

    def scalar(self, node: yaml.ScalarNode, where: Where) -> Scalar:
        start, end = node.start_mark.index, node.end_mark.index
        raw = self.text[start:end]
        style = node.style or None  # libyaml says '' for plain, the pure parser None
        before_comment = False
        if node.value == "" and style is None:
            eol = self.text.find("\n", start)
            before_comment = self.text[start : eol if eol >= 0 else len(self.text)].lstrip().startswith("#")
        return Scalar(node.value, node.tag, where, style, raw, before_comment)


def _convert(node: yaml.Node, source: _Source, problems: Problems, seen: set[int], depth: int) -> Node:
    file = source.file
    where = _where(file, node)
    if id(node) in seen:
        raise _AliasFound
    seen.add(id(node))
    if len(seen) > MAX_NODES:
        problems.error(where, f"the file has more than {MAX_NODES:,} YAML nodes")
        raise ScenarioError(problems.sorted())
    if depth > 64:
        problems.error(where, "the YAML is nested more than 64 levels deep")
        raise ScenarioError(problems.sorted())
    if node.tag not in _STANDARD_TAGS:
        problems.error(where, f"the tag '{_tag_name(node.tag)}' is not allowed in scenarios; remove it")
        return Scalar("", "tag:yaml.org,2002:null", where, None)
    if isinstance(node, yaml.ScalarNode):
        scalar = source.scalar(node, where)
        _refuse_controls(scalar, problems)
        return scalar
    if isinstance(node, yaml.SequenceNode):
        return Seq(tuple(_convert(n, source, problems, seen, depth + 1) for n in node.value), where)
    items: dict[str, Node] = {}
    keys: dict[str, Where] = {}
    for key_node, value_node in node.value:
        key_where = _where(file, key_node)
        if id(key_node) in seen:
            raise _AliasFound
        if not isinstance(key_node, yaml.ScalarNode):
            problems.error(key_where, "a key must be a plain name")
            continue
        seen.add(id(key_node))
        key = key_node.value
        if control := _CONTROLS.search(key):
            problems.error(key_where, _control_message(control[0]))
            continue
        if key == "<<":
            problems.error(key_where, "merge keys ('<<') are not allowed in scenarios; write the keys out")
            continue
        if key in items:
            problems.error(key_where, f"'{key}' is given twice in this mapping (first at line {keys[key].line})")
            continue
        keys[key] = key_where
        items[key] = _convert(value_node, source, problems, seen, depth + 1)
    return Map(items, keys, where)
