"""Reads located YAML nodes as the format (spec.py) declares them, reporting each mismatch where it is."""

from __future__ import annotations

import re
from typing import Any

import attrs

from wargame.scenario.colors import NAMES as COLOR_NAMES
from wargame.scenario.problems import Problems, Where, clip, did_you_mean
from wargame.scenario.spec import (
    COLOR_PATTERN,
    ID_LIST,
    ID_PATTERN,
    LIMIT,
    MONTH_PATTERN,
    SCENARIO_ID_PATTERN,
    SESSION_ID_PATTERN,
    TAG_PATTERN,
    K,
    i,
    s,
)
from wargame.scenario.yamlnodes import Map, Node, Scalar, Seq

_INT = re.compile(r"^[-+]?\d+$")
_DIGITS = len(str(LIMIT))
_FLOAT = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)$")


class Obj(dict[str, Any]):
    """A read mapping: its values, plus the node so later checks can point at keys."""

    node: Map
    id_where: Where  # where its id was written, when it is an item of an id map

    def where(self, key: str | None = None) -> Where:
        if key is not None and key in self.node.items:
            return self.node.items[key].where
        return self.node.where

    def key_where(self, key: str) -> Where:
        return self.node.keys.get(key, self.node.where)


_TYPE_WORD = {"str": "a text", "int": "a whole number", "float": "a number", "bool": "true or false"}


def _shape(node: Node) -> str:
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    if node.is_null:
        return "empty"
    return f"'{clip(node.text, 40)}'"


def read(node: Node, kind: K, problems: Problems, what: str) -> Any:
    """Read `node` as `kind`, reporting each mismatch where it is; None when unusable."""
    name = kind.name
    if name in ("str", "int", "float", "bool", "expr_bool", "expr_int"):
        if not isinstance(node, Scalar):
            problems.error(node.where, f"{what} must be {_TYPE_WORD.get(name, 'an expression')}, not {_shape(node)}")
            return None
        if node.is_null:
            hint = " ('#' starts a comment in YAML: quote a value that begins with '#')" if node.before_comment else ""
            problems.error(node.where, f"{what} is empty{hint}")
            return None
        if name in ("expr_bool", "expr_int"):
            return node
        text = node.text
        if name in ("int", "float", "bool") and node.style is not None:
            problems.error(
                node.where,
                f"{what} must be {_TYPE_WORD[name]}, not the quoted text '{clip(text, 40)}' (remove the quotes)",
            )
            return None
        if name == "int":
            if not _INT.match(text.strip()):
                problems.error(node.where, f"{what} must be a whole number, not {_shape(node)}")
                return None
            digits = text.strip().lstrip("+-").lstrip("0")
            if len(digits) > _DIGITS:  # before int(): Python refuses to convert past 4,300 digits
                problems.error(
                    node.where,
                    f"{what}: a number of {len(digits):,} digits is out of range; "
                    f"numbers are within -{LIMIT:,}..{LIMIT:,}",
                )
                return None
            number = int(text)
            lo = -LIMIT if kind.minimum is None else kind.minimum
            hi = LIMIT if kind.maximum is None else kind.maximum
            if number < lo:
                problems.error(node.where, f"{what} must be at least {lo:,}, not {number:,}")
                return None
            if number > hi:
                problems.error(node.where, f"{what} must be at most {hi:,}, not {number:,}")
                return None
            return number
        if name == "float":
            if not _FLOAT.match(text.strip()):
                problems.error(node.where, f"{what} must be a number, not {_shape(node)}")
                return None
            return float(text)
        if name == "bool":
            if text not in ("true", "false"):
                problems.error(node.where, f"{what} must be true or false, not {_shape(node)}")
                return None
            return text == "true"
        if kind.enum and text not in kind.enum:
            options = ", ".join(kind.enum)
            problems.error(
                node.where, f"{what} must be one of {options}, not {_shape(node)}{did_you_mean(text, kind.enum)}"
            )
            return None
        if kind.pattern == COLOR_PATTERN and re.fullmatch(r"[a-z_]+", text):
            return text  # an unknown colour word is only a warning (load.py), not worth stopping a session
        if kind.pattern and not re.match(kind.pattern, text):
            hint = ""
            if kind.pattern == COLOR_PATTERN:
                hint = did_you_mean(text.lower(), COLOR_NAMES) or " such as red, navy or teal"
            problems.error(node.where, f"{what}: {_shape(node)} is not valid: {_explain(kind.pattern)}{hint}")
            return None
        return text
    if name == "text_or":  # a plain text, or the mapping of kind.item
        return read(node, s() if isinstance(node, Scalar) else kind.item_kind, problems, what)
    if name == "visible":
        return _visible(node, problems, what)
    if name == "stmts":
        if isinstance(node, Scalar) and not node.is_null:
            return [node]
        if not isinstance(node, Seq):
            problems.error(node.where, f"{what} must be a list of statements, not {_shape(node)}")
            return []
        stmts: list[Scalar] = []
        for n in node.items:
            if not isinstance(n, Scalar) or n.is_null:
                problems.error(
                    n.where,
                    f"each statement of {what} must be one line of text, not {_shape(n)}"
                    + (" (quote it if it contains ': ')" if isinstance(n, Map) else ""),
                )
            else:
                stmts.append(n)
        return stmts
    if name == "list":
        if not isinstance(node, Seq):
            problems.error(node.where, f"{what} must be a list, not {_shape(node)}")
            return []
        values = [read(n, kind.item_kind, problems, f"an item of {what}") for n in node.items]
        return [v for v in values if v is not None]
    if name == "idmap":
        if not isinstance(node, Map):
            if isinstance(node, Scalar) and node.is_null:
                return {}
            problems.unsound += 1
            problems.error(node.where, f"{what} must be a mapping of id: value, not {_shape(node)}")
            return {}
        by_id: dict[str, Any] = {}
        key_pattern = kind.pattern or ID_PATTERN
        for key, value in node.items.items():
            if not re.match(key_pattern, key):
                problems.unsound += 1
                problems.error(node.keys[key], f"'{key}' is not a valid id: {_explain(key_pattern)}")
                continue
            v = read(value, kind.item_kind, problems, f"'{key}'")
            if v is not None:
                if isinstance(v, Obj):
                    v.id_where = node.keys[key]
                by_id[key] = v
        return by_id
    # obj
    if not isinstance(node, Map):
        problems.unsound += 1
        problems.error(node.where, f"{what} must be a mapping of key: value, not {_shape(node)}")
        return None
    out = Obj()
    out.node = node
    fields = {f.key: f for f in kind.fields}
    for key, value in node.items.items():
        field = fields.get(key)
        if field is None:
            if kind.extra_ints:
                if _is_int(value):
                    out[key] = read(value, i(), problems, f"'{key}'")
                    continue
                hint = did_you_mean(key, fields)
                if hint:
                    problems.error(node.keys[key], f"unknown key '{key}' in {what}{hint}")
                else:
                    problems.error(
                        value.where,
                        f"'{key}' must be a whole number (other keys of {what} set "
                        f"region attributes), not {_shape(value)}",
                    )
                continue
            known = ", ".join(fields)
            hint = did_you_mean(key, fields)
            problems.error(node.keys[key], f"unknown key '{key}' in {what}{hint}; known keys: {known}")
            continue
        v = read(value, field.kind, problems, f"'{key}'")
        if v is not None:
            out[key] = v
    for f in kind.fields:
        if f.required and f.key not in node.items:
            problems.unsound += f.kind.name == "idmap"
            problems.error(node.where, f"{what} needs '{f.key}'")
    return out


@attrs.frozen
class Visible:
    """A read `visible` key, before the loader checks faction ids: kind all/own/list/estimate."""

    kind: str
    factions: tuple[str, ...] = ()
    width: int = 0
    node: Node | None = attrs.field(default=None, eq=False)


def _visible(node: Node, problems: Problems, what: str) -> Visible | None:
    words = ("all", "own")
    if isinstance(node, Scalar) and not node.is_null:
        if node.text in words:
            return Visible(node.text, node=node)
        problems.error(
            node.where,
            f"{what} must be all, own, a list of faction ids or {{estimate: WIDTH}}, "
            f"not {_shape(node)}{did_you_mean(node.text, (*words, 'estimate'))}",
        )
        return None
    if isinstance(node, Seq):
        ids = read(node, ID_LIST, problems, what)
        return Visible("list", tuple(ids), node=node)
    if isinstance(node, Map):
        unknown = [key for key in node.items if key != "estimate"]
        for key in unknown:
            problems.error(
                node.keys[key],
                f"unknown key '{key}' in {what}{did_you_mean(key, ('estimate',))}; the only key is estimate: WIDTH",
            )
        if "estimate" not in node.items:
            if unknown:
                return None
            problems.error(node.where, f"{what} needs 'estimate: WIDTH' (how many values the band spans)")
            return None
        width = read(node.items["estimate"], i(minimum=2, maximum=1000), problems, "estimate")
        return Visible("estimate", width=width, node=node) if width is not None else None
    problems.error(
        node.where, f"{what} must be all, own, a list of faction ids or {{estimate: WIDTH}}, not {_shape(node)}"
    )
    return None


def _is_int(node: Node) -> bool:
    return isinstance(node, Scalar) and node.style is None and bool(_INT.match(node.text.strip()))


def _explain(pattern: str) -> str:
    return {
        ID_PATTERN: "ids are lowercase letters, digits and '_', starting with a letter",
        SCENARIO_ID_PATTERN: "scenario ids are lowercase letters, digits and '-'",
        TAG_PATTERN: "objective ids are lowercase letters, digits, '-' and '_', starting with a letter",
        MONTH_PATTERN: "write the year and month as YYYY-MM, e.g. 2016-06",
        SESSION_ID_PATTERN: "session ids are lowercase letters, digits, '-' and '_'",
        COLOR_PATTERN: 'write "#rrggbb" (quoted) or a colour name',
    }.get(pattern, f"it must match {pattern}")
