"""Reads YAML into a small located tree, safely: no tags, no aliases, bounded size."""

from __future__ import annotations

from typing import Union

import attrs
import yaml

from wargame.scenario.problems import Problems, ScenarioError, Where

MAX_FILE_BYTES = 2_000_000
MAX_NODES = 200_000

try:  # libyaml's composer is faster and keeps marks as well as the pure one
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

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
    """A scalar as written: `text` is the raw characters, `tag` what YAML 1.1 made of it.

    Fields read the raw text themselves, so `no` stays the word "no" where a
    name is expected and `012` is twelve, not YAML 1.1's octal ten.
    """

    text: str
    tag: str
    where: Where
    style: str | None  # None for plain, "'" or '"' for quoted, "|" or ">" for blocks

    @property
    def is_null(self) -> bool:
        return self.tag.endswith(":null")

    def text_where(self, offset: int) -> Where:
        """Where the character at `offset` of the text sits in the file."""
        if self.style in ("'", '"'):
            return self.where.shifted(offset + 1) if "\n" not in self.text else self.where
        if self.style in ("|", ">"):
            return self.where
        return self.where.shifted(offset)


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


Node = Union[Scalar, Seq, Map]


def _where(file: str, node: yaml.Node) -> Where:
    mark = node.start_mark
    return Where(file, mark.line + 1, mark.column + 1)


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
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Where(file, mark.line + 1, mark.column + 1) if mark else here
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        raise ScenarioError([_err(where, f"YAML syntax: {problem}{context}")]) from None
    except yaml.YAMLError as exc:
        raise ScenarioError([_err(here, f"YAML syntax: {exc}")]) from None
    except RecursionError:
        raise ScenarioError([_err(here, "the YAML is nested too deeply")]) from None
    if not docs or docs[0] is None:
        raise ScenarioError([_err(here, "the file is empty; a scenario starts with 'format: 1'")])
    if len(docs) > 1:
        raise ScenarioError([_err(_where(file, docs[1]), "only one YAML document per file (remove '---')")])
    problems = Problems()
    seen: set[int] = set()
    try:
        node = _convert(docs[0], file, problems, seen, depth=0)
    except RecursionError:
        raise ScenarioError([_err(here, "the YAML is nested too deeply")]) from None
    if problems.errors:
        raise ScenarioError(problems.sorted())
    return node


def _err(where: Where, message: str):
    from wargame.scenario.problems import Problem

    return Problem("error", where, message)


def _convert(node: yaml.Node, file: str, problems: Problems, seen: set[int], depth: int) -> Node:
    where = _where(file, node)
    if id(node) in seen:
        problems.error(where, "anchors and aliases (& and *) are not allowed in scenarios; write the value out")
        return Scalar("", "tag:yaml.org,2002:null", where, None)
    seen.add(id(node))
    if len(seen) > MAX_NODES:
        problems.error(where, f"the file has more than {MAX_NODES:,} YAML nodes")
        raise ScenarioError(problems.sorted())
    if depth > 64:
        problems.error(where, "the YAML is nested more than 64 levels deep")
        raise ScenarioError(problems.sorted())
    if node.tag not in _STANDARD_TAGS:
        problems.error(where, f"the tag '{node.tag}' is not allowed in scenarios; remove it")
        return Scalar("", "tag:yaml.org,2002:null", where, None)
    if isinstance(node, yaml.ScalarNode):
        return Scalar(node.value, node.tag, where, node.style)
    if isinstance(node, yaml.SequenceNode):
        return Seq(tuple(_convert(n, file, problems, seen, depth + 1) for n in node.value), where)
    items: dict[str, Node] = {}
    keys: dict[str, Where] = {}
    for key_node, value_node in node.value:
        key_where = _where(file, key_node)
        if id(key_node) in seen or not isinstance(key_node, yaml.ScalarNode):
            problems.error(key_where, "a key must be a plain name")
            continue
        seen.add(id(key_node))
        key = key_node.value
        if key == "<<":
            problems.error(key_where, "merge keys ('<<') are not allowed in scenarios; write the keys out")
            continue
        if key in items:
            problems.error(key_where, f"'{key}' is given twice in this mapping (first at line {keys[key].line})")
            continue
        keys[key] = key_where
        items[key] = _convert(value_node, file, problems, seen, depth + 1)
    return Map(items, keys, where)
