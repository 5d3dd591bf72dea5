"""Who sees which value of a game: exact, a band, or unknown; and what a viewer may believe from that.

Bands. A value with `visible: {estimate: W}` is shown as the cell of a fixed
grid of width W that holds it: lo = off + floor((v - off) / W) * W, hi =
lo + W - 1, clamped to the value's bounds. The offset `off` (0..W-1) is drawn
once per game and value from the game's seed and the slot's name, never from
the game's generator. The band is a function of the value alone, so watching
it over any number of turns tells a viewer only which cell the value is in:
the leak is bounded by the band width (a viewer may notice the value crossing
a cell border, which is still only a cell).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Sequence

import attrs

from wargame.engine import events as ev
from wargame.engine.parts import FACILITATOR, PUBLIC
from wargame.engine.state import GameState
from wargame.scenario.layout import NO_REGION, NO_TARGET
from wargame.scenario.model import Expr, Scenario


@attrs.frozen
class Value:
    """One value as the viewer sees it: exact (value), a band (lo..hi) or unknown (all None)."""

    slot: str
    label: str
    kind: str  # "exact", "band" or "unknown"
    value: int | None = None
    lo: int | None = None
    hi: int | None = None

    def text(self) -> str:
        if self.kind == "exact":
            return str(self.value)
        if self.kind == "band":
            return f"{self.lo}-{self.hi}"
        return "?"


SightRule = str | int  # "exact", "band", "unknown"; or the control slot: exact for the region's controller


@attrs.frozen
class Sights:
    """What a view needs that depends only on the scenario and the viewer, never on the state.

    Built once per scenario (`Scenario.derived`): every view used to make each
    value's label again and walk the visibility rules for each value.
    """

    listed: tuple[int, ...]  # the slots a view lists (see `public_slots`)
    labels: tuple[str, ...]  # every slot's label (ev.slot_label), by slot number
    unknown: tuple[Value, ...]  # every slot as a Value no one may see, by slot number
    rules: dict[str, tuple[SightRule, ...]]  # per viewer (each faction, FACILITATOR, PUBLIC): per slot
    me: dict[str, int]  # a faction viewer's number: the controller value meaning "this viewer"
    score_reads: dict[str, tuple[int, ...]]  # per faction: the slots its score reads


def _rule(scenario: Scenario, slot: int, viewer: str) -> SightRule:
    """How `viewer` sees value slot `slot`, as far as the scenario alone says (see `sight`)."""
    if viewer == FACILITATOR:
        return "exact"
    owner, vis = scenario.slot_visibility[slot]
    kind = vis.kind
    if kind == "all":
        return "exact"
    if kind == "estimate":
        return "band"
    if viewer == PUBLIC:
        if kind == "list" and set(vis.factions) >= set(scenario.faction_index):
            return "exact"
        return "unknown"
    if kind == "list":
        return "exact" if viewer in vis.factions else "unknown"
    # own: the meter's faction, or the faction controlling the region
    if owner in scenario.faction_index:
        return "exact" if owner == viewer else "unknown"
    if viewer not in scenario.faction_index:
        return "unknown"  # no faction: it controls no region
    return scenario.slot_index[f"{owner}.control"]


def sights(scenario: Scenario) -> Sights:
    """The scenario's per-viewer tables, built on first use and kept with the scenario."""
    return scenario.derived(_build_sights)


def _build_sights(scenario: Scenario) -> Sights:
    slots = range(len(scenario.slot_names))
    labels = tuple(ev.slot_label(scenario, i) for i in slots)
    viewers = (*scenario.faction_index, FACILITATOR, PUBLIC)
    return Sights(
        listed=tuple(public_slots(scenario)),
        labels=labels,
        unknown=tuple(Value(scenario.slot_names[i], labels[i], "unknown") for i in slots),
        rules={v: tuple(_rule(scenario, i, v) for i in slots) for v in viewers},
        me=dict(scenario.faction_index),
        score_reads={f.id: tuple(sorted(reads(scenario, f.score))) for f in scenario.factions},
    )


def sight(scenario: Scenario, values: Sequence[int], slot: int, viewer: str) -> str:
    """'exact', 'band' or 'unknown': how `viewer` sees value slot `slot` given the current values."""
    table = sights(scenario)
    rules = table.rules.get(viewer)
    rule = rules[slot] if rules is not None else _rule(scenario, slot, viewer)
    if isinstance(rule, str):
        return rule
    return "exact" if values[rule] == table.me[viewer] else "unknown"


@functools.lru_cache(maxsize=8192)
def _band_offset(seed: int, slot_name: str, width: int) -> int:
    """A value's band offset (0..width-1) in one game: a hash, the same each time it is asked for."""
    digest = hashlib.sha256(f"band:{seed}:{slot_name}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % width


def slot_band(scenario: Scenario, state: GameState, slot: int) -> tuple[int, int]:
    """The band a viewer sees for estimated value `slot` of this game (see the module docstring)."""
    lo, hi = scenario.slot_bounds[slot]
    width = scenario.slot_visibility[slot][1].width
    return band(state.seed, scenario.slot_names[slot], width, state.values[slot], lo, hi)


def band(seed: int, slot_name: str, width: int, value: int, lo: int, hi: int) -> tuple[int, int]:
    """The grid cell of `width` holding `value`, its offset fixed per game and slot, clamped to lo..hi."""
    off = _band_offset(seed, slot_name, width)
    start = off + ((value - off) // width) * width
    return max(start, lo), min(start + width - 1, hi)


def public_slots(scenario: Scenario) -> range:
    """The slots a view lists: all but the turn (slot 0) and the hidden per-turn counters at the end."""
    last = len(scenario.slot_names)
    while last > 1 and scenario.slot_names[last - 1].startswith("uses:"):
        last -= 1
    return range(1, last)


def believed_values(scenario: Scenario, state: GameState, viewer: str) -> tuple[int, ...]:
    """The values as `viewer` may believe them: exact where seen, a band's midpoint, the start value
    where unknown. Bots decide on these, so they know nothing a team would not."""
    if not scenario.has_hidden or viewer == FACILITATOR:
        return state.values
    out = list(state.values)
    for slot in public_slots(scenario):
        how = sight(scenario, state.values, slot, viewer)
        if how == "band":
            b_lo, b_hi = slot_band(scenario, state, slot)
            out[slot] = (b_lo + b_hi) // 2
        elif how == "unknown":
            out[slot] = scenario.initial[slot]
    return tuple(out)


def reads(scenario: Scenario, expr: Expr | None) -> frozenset[int]:
    """Every slot `expr` may read, on any target (the compiler's declared reads)."""
    if expr is None:
        return frozenset()
    return expr.reads.at(scenario.layout, scenario.symbols.adjacency, NO_TARGET)


def sees_all(scenario: Scenario, values: Sequence[int], viewer: str, slots: Iterable[int]) -> bool:
    return all(sight(scenario, values, i, viewer) == "exact" for i in slots)


BAND_POINTS = 4096  # a score reading more band combinations than this is shown as unknown


def score_band(scenario: Scenario, state: GameState, viewer: str, faction: str) -> tuple[int, int] | None:
    """The lowest and highest `faction`'s score can be given what `viewer` sees: every value it reads
    exact or inside its band (each combination tried, as scores need not be monotone). None if
    the score reads a value the viewer cannot see at all, or too many combinations."""
    f = scenario.faction(faction)
    v = state.values
    ranges: list[tuple[int, range]] = []
    for i in sorted(reads(scenario, f.score)):
        how = sight(scenario, v, i, viewer)
        if how == "unknown":
            return None
        if how == "band":
            b_lo, b_hi = slot_band(scenario, state, i)
            ranges.append((i, range(b_lo, b_hi + 1)))
    combos: list[list[int]] = [list(v)]
    for i, r in ranges:  # every combination of the banded values, the rest as they are
        combos = [[*c[:i], x, *c[i + 1 :]] for c in combos for x in r]
        if len(combos) > BAND_POINTS:
            return None
    seen = [f.score.fn(tuple(c), NO_TARGET, NO_REGION) for c in combos]
    return min(seen), max(seen)
