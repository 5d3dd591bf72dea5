"""Provides view data (board, meters, header) from a scenario and a state, without Textual."""

from __future__ import annotations

import re

import attrs

from wargame import engine as E
from wargame.engine.events import faction_name
from wargame.engine.observe import observe, score_band
from wargame.engine.state import GameState
from wargame.scenario import Scenario
from wargame.scenario.model import UNBOUNDED

TOKEN = re.compile(r"\[([A-Za-z0-9_\-]+)\]")
BLOCKS = " ▏▎▍▌▋▊▉█"
SPARKS = "▁▂▃▄▅▆▇█"


@attrs.frozen
class Chip:
    """One region drawn on the board: where, how wide, and what it says."""

    region: str
    x: int
    y: int
    width: int


@attrs.frozen
class BoardLayout:
    """The board as lines of plain text with the region chips placed on them.

    Chips keep the width of their `[id]` token so the art's lines stay aligned.
    """

    lines: tuple[str, ...]
    chips: tuple[Chip, ...]
    from_art: bool


@attrs.frozen
class RegionLook:
    """How one region reads right now: its label, its controller's colour, its markers."""

    region: str
    name: str
    markers: str
    controller: str  # faction short name, or "nobody"
    color: str | None  # the controller's colour, None when uncontrolled
    index: int = -1  # the controller's faction index, -1 when uncontrolled


@attrs.frozen
class MeterRow:
    """One number on the meters panel, with the values at the start of each turn for trends."""

    slot: str
    label: str
    value: int
    unit: str
    lo: int
    hi: int
    delta: int  # change since the start of this turn
    series: tuple[int, ...]
    shown: str = ""  # what the team sees instead of the value: a band ("5-7") or "?" (engine.observe)


@attrs.frozen
class MeterGroup:
    title: str
    color: str | None
    rows: tuple[MeterRow, ...]
    score: str = ""  # "score 85/140 ▲3": the faction's victory score, on its title line


def art_layout(scenario: Scenario) -> BoardLayout:
    """Lay the regions out on the scenario's map art (the chips replace the `[id]` tokens)."""
    lines, chips = [], []
    known = scenario.region_index
    for y, raw in enumerate(scenario.map_art.rstrip("\n").split("\n")):
        line = raw.rstrip()
        for m in TOKEN.finditer(line):
            if m.group(1) in known:
                chips.append(Chip(m.group(1), m.start(), y, m.end() - m.start()))
        lines.append(line)
    placed = {c.region for c in chips}
    missing = [r for r in scenario.regions if r.id not in placed]
    if missing:  # regions the art forgot still need to be reachable
        lines.append("")
        y = len(lines)
        line, x = "", 0
        for r in missing:
            w = max(len(r.id) + 2, 8)
            chips.append(Chip(r.id, x, y, w))
            line += " " * w + " "
            x += w + 1
        lines.append(line)
    return BoardLayout(tuple(lines), tuple(chips), True)


def grid_layout(scenario: Scenario, width: int) -> BoardLayout:
    """Without art: regions in a grid of equal cells, as many columns as the width allows."""
    cell = max(len(r.name) for r in scenario.regions) + 5
    cols = max(1, (width - 1) // (cell + 1))  # a cell of slack: no needless horizontal scrollbar
    chips = [Chip(r.id, (i % cols) * (cell + 1), i // cols, cell) for i, r in enumerate(scenario.regions)]
    rows = (len(chips) + cols - 1) // cols
    return BoardLayout(tuple("" for _ in range(rows)), tuple(chips), False)


def ink_for(color: str) -> str:
    """Black or white, whichever reads better on `color` (a '#rrggbb' faction colour)."""
    try:
        r, g, b = (int(color.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return "white"
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "white"


def layout(scenario: Scenario, width: int) -> BoardLayout:
    if scenario.map_art.strip():
        return art_layout(scenario)
    return grid_layout(scenario, width)


def markers(scenario: Scenario, values: tuple[int, ...], region: str, hidden: frozenset[int] = frozenset()) -> str:
    """Attribute markers for values above their minimum: the marker, with the value if small."""
    out = []
    for a in scenario.attributes:
        if not a.marker:
            continue
        slot = scenario.slot_index[f"{region}.{a.id}"]
        if slot in hidden:  # not seen exactly by the team at the keyboard: no marker at all
            continue
        v = values[slot]
        if v > a.lo:  # a count when it is small; a big number would crowd out the region's name
            out.append(a.marker if v - a.lo == 1 or a.hi - a.lo > 9 else f"{a.marker}{v}")
    return "".join(out)


def controller(scenario: Scenario, values: tuple[int, ...], region: str) -> int:
    return values[scenario.layout.control(scenario.region_index[region])]


def unseen(scenario: Scenario, values: tuple[int, ...], viewer: str | None) -> frozenset[int]:
    """The value slots `viewer` does not see exactly (engine.observe's sight): the board, the region
    panel and the log leave them out, so a team at the keyboard learns nothing its view hides."""
    if viewer is None or not scenario.has_hidden:
        return frozenset()
    from wargame.engine.observe import sight

    return frozenset(i for i in range(1, len(values)) if sight(scenario, values, i, viewer) != "exact")


def visible_events(scenario: Scenario, state: GameState, viewer: str | None, events) -> list:
    """The events as `viewer` may see them (engine.observe.visible_event): a hidden value's change
    is left out, a roll whose odds would tell one loses its numbers."""
    if viewer is None or not scenario.has_hidden:
        return list(events)
    from wargame.engine.observe import visible_event

    shown = (visible_event(scenario, state, viewer, e) for e in events)
    return [e for e in shown if e is not None]


def region_look(
    scenario: Scenario, values: tuple[int, ...], region: str, hidden: frozenset[int] = frozenset()
) -> RegionLook:
    c = controller(scenario, values, region)
    color = scenario.factions[c].color if c >= 0 else None
    return RegionLook(
        region,
        scenario.region(region).name,
        markers(scenario, values, region, hidden),
        faction_name(scenario, c),
        color,
        c,
    )


def control_marks(scenario: Scenario) -> dict[int, str]:
    """One letter per faction (index -> letter), distinct, from its short name where possible:
    the cue for who holds a region when the terminal shows no colour."""
    marks: dict[int, str] = {}
    for i, f in enumerate(scenario.factions):
        letters = [c.upper() for c in f.short + f.name + f.id if c.isalpha()]
        free = [c for c in letters if c not in marks.values()]
        marks[i] = free[0] if free else str(i % 10)
    return marks


def chip_text(look: RegionLook, width: int, mark: str = "") -> str:
    """The region's name cut to fit beside its markers (and the controller's letter when colour
    is off), padded to exactly `width` cells."""
    if mark:
        look = attrs.evolve(look, name=f"{mark}:{look.name}")
    room = width - len(look.markers)
    name = look.name
    while len(name) > room and " " in name:  # drop whole words first: "Western approaches" -> "Western"
        name = name.rsplit(" ", 1)[0]
    if len(name) > room:
        name = name[: max(room - 1, 0)] + "…"
    return (name + look.markers).ljust(width)[:width]


def region_lines(
    scenario: Scenario, values: tuple[int, ...], region: str, hidden: frozenset[int] = frozenset()
) -> list[str]:
    """The region panel: controller, attributes with their ranges ('?' where the team at the
    keyboard does not see one), neighbours, tags."""
    r = scenario.region(region)
    look = region_look(scenario, values, region, hidden)
    lines = [f"{r.name}: held by {look.controller}"]
    attrs_ = []
    for a in scenario.attributes:
        slot = scenario.slot_index[f"{region}.{a.id}"]
        v = "?" if slot in hidden else values[slot]
        attrs_.append(f"{a.marker + ' ' if a.marker else ''}{a.label} {v}/{a.hi}")
    if attrs_:
        lines.append(" · ".join(attrs_))
    if r.adjacent:
        lines.append("Next to: " + ", ".join(scenario.region(n).name for n in r.adjacent))
    if r.tags:
        lines.append("Tags: " + ", ".join(r.tags))
    if r.text:
        lines.append(r.text)
    return lines


def meter_groups(
    scenario: Scenario, state: GameState, scores: bool = False, viewer: str | None = None
) -> list[MeterGroup]:
    """Every faction's meters, then the tracks, with the change since this turn began.

    With `scores`, every faction gets a group (even one without meters) whose
    title line carries its victory score against its threshold: the score is
    what the game is won on, and a team should not need the help to see it.
    With `viewer` (a faction, or engine.observe's PUBLIC), a value that viewer
    may not see exactly shows as its band or "?", with no change and no trend,
    and a score that reads such a value as the range it can be in ("score 88-92"),
    or "score ?" when it reads a value the viewer cannot see at all (engine.observe decides).
    """
    v, start = state.values, state.history[-1]
    now, then = (E.scores(scenario, v), E.scores(scenario, start)) if scores else ({}, {})
    looked = observe(scenario, state, viewer) if viewer is not None and scenario.has_hidden else None
    seen = {x.slot: x for x in looked.values} if looked is not None else {}
    hidden_scores = {fid for fid, sc in looked.scores if sc is None} if looked is not None else set()

    def row(slot_name: str, m) -> MeterRow:
        i = scenario.slot_index[slot_name]
        x = seen.get(slot_name)
        if x is not None and x.kind != "exact":
            middle = (x.lo + x.hi) // 2 if x.kind == "band" and x.lo is not None and x.hi is not None else m.lo
            return MeterRow(slot_name, m.label, middle, m.unit, m.lo, m.hi, 0, (middle,), x.text())
        series = (*(h[i] for h in state.history), v[i])
        return MeterRow(slot_name, m.label, v[i], m.unit, m.lo, m.hi, v[i] - start[i], series)

    def score(f) -> str:
        if not scores:
            return ""
        if f.id in hidden_scores and viewer is not None:
            b = score_band(scenario, state, viewer, f.id)
            return "score ?" if b is None else f"score {b[0]}-{b[1]}"
        return score_text(now[f.id], then[f.id], f.threshold)

    groups = [
        MeterGroup(
            f.short,
            f.color,
            tuple(row(f"{f.id}.{m.id}", m) for m in f.meters),
            score(f),
        )
        for f in scenario.factions
        if f.meters or scores
    ]
    if scenario.tracks:
        groups.append(MeterGroup("Tracks", None, tuple(row(t.id, t) for t in scenario.tracks)))
    return groups


def score_text(now: int, then: int, threshold: int | None) -> str:
    """'score 85/140 ▲3': the victory score, its sudden-victory threshold, and the change since `then`."""
    goal = f"/{threshold}" if threshold is not None else ""
    change = delta_text(now - then)
    return f"score {now}{goal}" + (f" {change}" if change else "")


def bar(row: MeterRow, width: int) -> str:
    """A bar in eighths of a cell; unbounded meters scale to the largest value seen so far."""
    hi = row.hi if row.hi < UNBOUNDED else max(max(row.series), 1) * 5 // 4
    span = max(hi - row.lo, 1)
    eighths = round((row.value - row.lo) * width * 8 / span)
    eighths = max(0, min(width * 8, eighths))
    full, part = divmod(eighths, 8)
    return ("█" * full + (BLOCKS[part] if part else "")).ljust(width)


def spark(series: tuple[int, ...], lo: int, hi: int, width: int) -> str:
    """A text sparkline of the last `width` values, scaled to the range (or to the data)."""
    data = series[-width:]
    if hi >= UNBOUNDED or lo <= -UNBOUNDED:
        lo, hi = min(data), max(data)
    span = hi - lo
    if span <= 0:
        return SPARKS[0] * len(data)
    return "".join(SPARKS[max(0, min(7, (x - lo) * 7 // span))] for x in data)


def amount(value: int, unit: str) -> str:
    return f"{value}{unit}" if unit.startswith("$") or not unit else f"{value} {unit}"


def money(value: int, unit: str) -> str:
    """'$10M' for a '$M' unit, else '10 kbpd'."""
    if unit.startswith("$") and len(unit) > 1:
        return f"{'-' if value < 0 else ''}${abs(value)}{unit[1:]}"
    return amount(value, unit)


def delta_text(delta: int) -> str:
    return "" if delta == 0 else (f"▲{delta}" if delta > 0 else f"▼{-delta}")


def phase_text(scenario: Scenario, state: GameState, seats: dict[str, str]) -> str:
    """Who must decide what now, as the header says it."""
    if state.outcome is not None:
        o = state.outcome
        return "Game over: " + (f"{scenario.faction(o.winner).short} wins" if o.winner else "a draw")
    p = state.pending
    if p is None:
        return state.phase
    f = scenario.faction(p.faction)
    who = f.short if seats.get(p.faction, "human") == "human" else f"{f.short} ({seats[p.faction]} bot)"
    if p.kind == "choice":
        return f"Event: {who} must choose"
    left = f.actions_per_turn - state.actions_taken
    return f"Actions: {who} to act ({left} of {f.actions_per_turn} left)"


def status_text(scenario: Scenario, state: GameState, seats: dict[str, str]) -> str:
    """'Turn 2/6 · Jul 2016 · Actions: G.N.A. to act (2 of 2 left)': the header after the title."""
    turn = min(state.turn, scenario.turns)
    date = scenario.calendar.label(turn)
    return f"Turn {turn}/{scenario.turns} · {date} · {phase_text(scenario, state, seats)}"


def wrapped_height(lines: list[str], width: int) -> int:
    """About how many rows these lines take when wrapped to `width`: to skip needless re-layouts."""
    width = max(width, 1)
    return sum(max(1, -(-len(line) // width)) for line in lines)
