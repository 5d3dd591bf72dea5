"""`--vary KEY=LO..HI`: a scenario's YAML with one number changed, over a small grid of values.

The file is read with `yaml.safe_load`, the number at the dotted key path is
replaced, and the text is dumped and loaded again through the normal loader,
so a varied scenario is validated exactly like one an author wrote.
"""

from __future__ import annotations

import re

import yaml

from wargame.commands import UserError
from wargame.scenario import ScenarioError, load_text
from wargame.scenario.problems import did_you_mean

POINTS = 5
_RANGE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)\s*$")


class _NoAliases(yaml.SafeDumper):
    """Scenario files refuse YAML aliases, so never write any."""

    def ignore_aliases(self, data) -> bool:
        return True


def parse_vary(spec: str) -> tuple[str, list[int | float]]:
    """'factions.gna.meters.treasury.start=80..160' -> (key, [80, 100, 120, 140, 160])."""
    key, sep, rng = spec.partition("=")
    key = key.strip()
    if not sep or not key:
        raise UserError(
            f"--vary '{spec}': write KEY=LO..HI, e.g. factions.gna.meters.treasury.start=80..160"
        )
    m = _RANGE.match(rng)
    if not m:
        raise UserError(f"--vary '{spec}': the range must be LO..HI with two numbers, e.g. 80..160")
    lo_text, hi_text = m.groups()
    if "." in lo_text or "." in hi_text:
        lo, hi = float(lo_text), float(hi_text)
        grid: list[int | float] = [
            round(lo + (hi - lo) * k / (POINTS - 1), 4) for k in range(POINTS)
        ]
    else:
        lo, hi = int(lo_text), int(hi_text)
        grid = sorted({round(lo + (hi - lo) * k / (POINTS - 1)) for k in range(POINTS)})
    if lo >= hi:
        raise UserError(f"--vary '{spec}': LO must be below HI")
    return key, list(dict.fromkeys(grid))


def _step(node, part: str, done: str, near_end: bool):
    """One step down the key path, or a UserError naming what exists there.

    Near the end of the path a key may be missing when the format gives it a
    default (a card's `weight`, a faction's `bot: {caution: ...}`, a region's
    attribute): the loader then checks it with its own did-you-mean. A key is
    never invented in a mapping of named items (factions, meters, regions),
    nor when it looks like a typo of a key that exists.
    """
    where = f"'{done}'" if done else "the top level"
    if isinstance(node, dict):
        names = [str(k) for k in node]
        hint = did_you_mean(part, names)
        named_items = bool(node) and all(isinstance(x, dict) for x in node.values())
        if part in node or (near_end and not hint and not named_items):
            return node, part
        raise UserError(f"--vary: {where} has no key '{part}'{hint}; it has: {', '.join(names)}")
    if isinstance(node, list):
        if part.isdigit() and int(part) < len(node):
            return node, int(part)
        ids = [str(x.get("id")) for x in node if isinstance(x, dict) and "id" in x]
        for k, item in enumerate(node):
            if isinstance(item, dict) and str(item.get("id")) == part:
                return node, k
        hint = did_you_mean(part, ids)
        have = f"ids: {', '.join(ids)}" if ids else f"indices 0..{len(node) - 1}"
        raise UserError(f"--vary: {where} has no item '{part}'{hint}; it has {have}")
    raise UserError(f"--vary: {where} is a value ({node!r}), it has no '{part}'")


def varied_text(text: str, key: str, value: int | float) -> str:
    """The scenario's YAML with the number at `key` set to `value`."""
    data = yaml.safe_load(text)
    node, done = data, ""
    parts = key.split(".")
    for k, part in enumerate(parts):
        last = k == len(parts) - 1
        parent, index = _step(node, part, done, k >= len(parts) - 2)
        done = f"{done}.{part}" if done else part
        if last:
            old = parent.get(index, 0) if isinstance(parent, dict) else parent[index]
            if isinstance(old, bool) or not isinstance(old, (int, float)):
                raise UserError(f"--vary: '{key}' is {old!r}, not a number")
            parent[index] = value
        else:
            if isinstance(parent, dict) and index not in parent:
                parent[index] = {}
            node = parent[index]
    return yaml.dump(data, Dumper=_NoAliases, sort_keys=False, allow_unicode=True)


def load_varied(text: str, name: str, key: str, value: int | float):
    """The scenario with `key` set to `value`, and its text (for worker processes)."""
    new = varied_text(text, key, value)
    label = f"{name} with {key}={value}"
    try:
        return load_text(new, label)[0], new
    except ScenarioError as exc:
        first = next((p for p in exc.problems if p.severity == "error"), exc.problems[0])
        raise UserError(
            f"--vary {key}={value} makes the scenario invalid: {first.message}"
        ) from None
