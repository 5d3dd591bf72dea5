"""The scenario file as one seat may read it: the start of every value hidden from it masked, comments gone.

A client needs the scenario to draw its screen, but the file holds every
starting value, and with a value's `visible:` setting a client could work out
what its view hides (a band's offset, say, from a known start). So each seat
is sent the file rebuilt from its parsed YAML, with the start of each value it
cannot see exactly at the start replaced by the value's lowest bound (the same
whatever the truth), and without comments, which may talk about them.
"""

from __future__ import annotations

import hashlib
import json
import re

from wargame.engine.observe import sight
from wargame.scenario.model import Scenario
from wargame.scenario.yamlnodes import Map, Node, Scalar, Seq, parse_yaml

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))


class Unmaskable(Exception):
    """The file does not say where a hidden value starts (a scenario the loader took could not be masked)."""


def masked_slots(scenario: Scenario, viewer: str) -> list[int]:
    """The value slots whose start `viewer` may not know: not seen exactly in the starting state."""
    values = scenario.initial
    names = scenario.slot_names
    return [i for i in range(1, len(names)) if sight(scenario, values, i, viewer) != "exact"]


def start_node(root: Map, scenario: Scenario, slot: int) -> tuple[Map, str] | Scalar | None:
    """Where the file sets a slot's start: its scalar, or (the region, the attribute) when the region
    takes the attribute's default; None for a counter behind a per-turn limit (not in the file)."""
    name = scenario.slot_names[slot]
    owner, _, item = name.partition(".")
    if not item:
        return _scalar(_get(root, "tracks", name, "start"), name)
    if owner in scenario.faction_index:
        return _scalar(_get(root, "factions", owner, "meters", item, "start"), name)
    if owner in scenario.region_index:
        region = _get(root, "regions", owner)
        if not isinstance(region, Map):
            raise Unmaskable(f"cannot find region '{owner}' in the scenario file")
        own = region.items.get(item)
        return (region, item) if own is None else _scalar(own, name)
    return None


def _get(node: Node | None, *keys: str) -> Node | None:
    for key in keys:
        if not isinstance(node, Map):
            return None
        node = node.items.get(key)
    return node


def _scalar(node: Node | None, name: str) -> Scalar:
    if not isinstance(node, Scalar):
        raise Unmaskable(f"cannot find where '{name}' starts in the scenario file")
    return node


def masked_text(scenario: Scenario, text: str, viewer: str) -> str:
    """The scenario file for `viewer`: the same rules, its hidden starting values at their lowest bound."""
    root = parse_yaml(text, scenario.path)
    if not isinstance(root, Map):
        raise Unmaskable("the scenario file is not a mapping")
    swap: dict[int, str] = {}  # a scalar's id: what to write instead
    added: dict[int, dict[str, str]] = {}  # a region's id: the attributes it now sets itself
    for slot in masked_slots(scenario, viewer):
        where, lowest = start_node(root, scenario, slot), str(scenario.slot_bounds[slot][0])
        if isinstance(where, Scalar):
            swap[id(where)] = lowest
        elif where is not None:  # the default stays: the regions that see theirs keep it
            added.setdefault(id(where[0]), {})[where[1]] = lowest
    return "".join(_emit(root, 0, swap, added))


def sent_scenario(scenario: Scenario, text: str, viewer: str) -> dict:
    """What GET /api/scenario answers a seat: its masked file, that file's digest, and the session preset."""
    masked = masked_text(scenario, text, viewer)
    return {
        "id": scenario.id,
        "name": scenario.path.rsplit("/", 1)[-1],
        "digest": hashlib.sha256(masked.encode("utf-8")).hexdigest(),
        "session": scenario.session.id if scenario.session is not None else None,
        "text": masked,
    }


# --- writing the parsed tree back as YAML ------------------------------------------------


Added = dict[int, dict[str, str]]


def _emit(node: Node, indent: int, swap: dict[int, str], added: Added) -> list[str]:
    """Block YAML lines for a map or sequence, each scalar written so it reads back to the same text and style."""
    pad = " " * indent
    out: list[str] = []
    if isinstance(node, Map):
        for key, value in node.items.items():
            out += _entry(f"{pad}{_key(key)}:", value, indent, swap, added)
        out += [f"{pad}{_key(key)}: {text}\n" for key, text in added.get(id(node), {}).items()]
    elif isinstance(node, Seq):
        for value in node.items:
            out += _entry(f"{pad}-", value, indent, swap, added)
    return out


def _entry(head: str, value: Node, indent: int, swap: dict[int, str], added: Added) -> list[str]:
    if isinstance(value, Scalar):
        text = _scalar_text(value, swap)
        return [f"{head} {text}\n" if text else f"{head}\n"]
    if not value.items and id(value) not in added:
        return [f"{head} {'{}' if isinstance(value, Map) else '[]'}\n"]
    return [f"{head}\n", *_emit(value, indent + 2, swap, added)]


def _key(key: str) -> str:
    return key if _PLAIN_KEY.fullmatch(key) and key not in _NULL_WORDS else _quoted(key)


def _scalar_text(node: Scalar, swap: dict[int, str]) -> str:
    if id(node) in swap:
        return swap[id(node)]
    if node.style is None and "\n" not in node.text and node.text == node.text.strip():
        return node.text  # plain where it was plain: numbers stay numbers, nulls stay null
    return _quoted(node.text)


def _quoted(text: str) -> str:
    """A double-quoted YAML scalar (JSON's escapes, and YAML's line breaks escaped too)."""
    out = json.dumps(text, ensure_ascii=False)
    return "".join(c if c.isprintable() or c in "\t" else _escape(c) for c in out)


def _escape(c: str) -> str:
    n = ord(c)
    return f"\\u{n:04x}" if n <= 0xFFFF else f"\\U{n:08x}"
