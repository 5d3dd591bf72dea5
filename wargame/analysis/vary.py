"""`--vary KEY=LO..HI`: a scenario's YAML with one number changed, over a small grid of values.

The file is read into located nodes (the loader's own reader), and the new
number is written into the original text at the place the old one stood, so
comments, quoting and every other value stay exactly as the author wrote
them (no YAML 1.1 round trip turning `name: No` into false). The text is then
loaded through the normal loader, so a varied scenario is validated exactly
like one an author wrote.
"""

from __future__ import annotations

import re

from wargame.errors import UserError
from wargame.scenario import Scenario, ScenarioError, load_text
from wargame.scenario.problems import clip, did_you_mean
from wargame.scenario.spec import LIMIT
from wargame.scenario.yamlnodes import Map, Node, Scalar, Seq, parse_yaml

POINTS = 5
_RANGE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)\s*$")
_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)$")


def parse_vary(spec: str) -> tuple[str, list[int | float]]:
    """'factions.gna.meters.treasury.start=80..160' -> (key, [80, 100, 120, 140, 160])."""
    key, sep, rng = spec.partition("=")
    key = key.strip()
    if not sep or not key:
        raise UserError(f"--vary '{clip(spec)}': write KEY=LO..HI, e.g. factions.gna.meters.treasury.start=80..160")
    m = _RANGE.match(rng)
    if not m:
        raise UserError(f"--vary '{clip(spec)}': the range must be LO..HI with two numbers, e.g. 80..160")
    lo_text, hi_text = m.groups()
    if any(len(t.lstrip("-").split(".")[0]) > 10 or abs(float(t)) > LIMIT for t in (lo_text, hi_text)):
        raise UserError(
            f"--vary '{clip(spec)}': LO and HI must be within -{LIMIT:,}..{LIMIT:,}, like every number of a scenario"
        )
    if "." in lo_text or "." in hi_text:
        lo, hi = float(lo_text), float(hi_text)
        grid: list[int | float] = [round(lo + (hi - lo) * k / (POINTS - 1), 4) for k in range(POINTS)]
    else:
        lo, hi = int(lo_text), int(hi_text)
        grid = sorted({round(lo + (hi - lo) * k / (POINTS - 1)) for k in range(POINTS)})
    if lo >= hi:
        raise UserError(f"--vary '{clip(spec)}': LO must be below HI")
    return key, list(dict.fromkeys(grid))


def _offset(text: str, line: int, column: int) -> int:
    """The index in `text` of a 1-based line and column."""
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return start + column - 1


def _step(node: Node, part: str, done: str, near_end: bool) -> Node | None:
    """One step down the key path: the child node, or None for a key the format lets default.

    Near the end of the path a key may be missing when the format gives it a
    default (a card's `weight`, a faction's `bot: {caution: ...}`, a region's
    attribute): the loader then checks it with its own did-you-mean. A key is
    never invented in a mapping of named items (factions, meters, regions),
    nor when it looks like a typo of a key that exists.
    """
    where = f"'{done}'" if done else "the top level"
    if isinstance(node, Map):
        names = list(node.items)
        hint = did_you_mean(part, names)
        named_items = bool(names) and all(isinstance(x, Map) for x in node.items.values())
        if part in node.items:
            return node.items[part]
        if near_end and not hint and not named_items:
            return None
        raise UserError(f"--vary: {where} has no key '{part}'{hint}; it has: {', '.join(names)}")
    if isinstance(node, Seq):
        if part.isdigit() and len(part) < 10 and int(part) < len(node.items):
            return node.items[int(part)]
        ids = [i.text for x in node.items if isinstance(x, Map) and isinstance(i := x.items.get("id"), Scalar)]
        for item in node.items:
            if isinstance(item, Map) and isinstance(i := item.items.get("id"), Scalar) and i.text == part:
                return item
        hint = did_you_mean(part, ids)
        have = f"ids: {', '.join(ids)}" if ids else f"indices 0..{len(node.items) - 1}"
        raise UserError(f"--vary: {where} has no item '{part}'{hint}; it has {have}")
    raise UserError(f"--vary: {where} is a value ({node.text!r}), it has no '{part}'")


def _insert(text: str, mapping: Map, parts: list[str], value: int | float, key: str) -> str:
    """`text` with `a: {b: value}` (for parts a, b) added as the first key of `mapping`."""
    entry = str(value)
    for part in reversed(parts[1:]):
        entry = f"{{{part}: {entry}}}"
    entry = f"{parts[0]}: {entry}"
    at = _offset(text, mapping.where.line, mapping.where.column)
    if text.startswith("{", at):  # a flow mapping: {a: 1}
        rest = text[at + 1 :].lstrip()
        sep = "" if rest.startswith("}") else ", "
        return f"{text[: at + 1]}{entry}{sep}{text[at + 1 :]}"
    if not mapping.keys:
        raise UserError(f"--vary: cannot add '{key}' to an empty mapping; write the key in the file first")
    first = next(iter(mapping.keys.values()))
    at = _offset(text, first.line, first.column)
    return f"{text[:at]}{entry}\n{' ' * (first.column - 1)}{text[at:]}"


def varied_text(text: str, key: str, value: int | float) -> str:
    """The scenario's YAML with the number at `key` set to `value`, the rest of the text untouched."""
    try:
        node = parse_yaml(text, "<scenario>")
    except ScenarioError as exc:
        raise UserError(f"--vary: the scenario does not parse: {exc.problems[0].message}") from None
    parts = key.split(".")
    done = ""
    for k, part in enumerate(parts):
        child = _step(node, part, done, k >= len(parts) - 2)
        if child is None and isinstance(node, Map):  # a defaulted key (only ever a mapping's): write it in
            return _insert(text, node, parts[k:], value, key)
        if child is None:
            raise UserError(f"--vary: '{key}' is not in the scenario")
        node = child
        done = f"{done}.{part}" if done else part
    if not isinstance(node, Scalar) or node.style is not None or not _NUMBER.match(node.text):
        shown = repr(node.text) if isinstance(node, Scalar) else "a " + ("mapping" if isinstance(node, Map) else "list")
        raise UserError(f"--vary: '{key}' is {shown}, not a number")
    at = _offset(text, node.where.line, node.where.column)
    return f"{text[:at]}{value}{text[at + len(node.raw) :]}"


def load_varied(text: str, name: str, key: str, value: int | float) -> tuple[Scenario, str]:
    """The scenario with `key` set to `value`, and its text (for worker processes)."""
    new = varied_text(text, key, value)
    label = f"{name} with {key}={value}"
    try:
        return load_text(new, label)[0], new
    except ScenarioError as exc:
        first = next((p for p in exc.problems if p.severity == "error"), exc.problems[0])
        raise UserError(f"--vary {key}={value} makes the scenario invalid: {first.message}") from None
