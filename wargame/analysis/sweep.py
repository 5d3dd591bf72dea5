"""A run's groups (the base and every `--vary` point), played on a backend, and its report document.

`simulate` and `merge` both build the sweep from the same settings, so a
merge rebuilds exactly the groups the shards played, and both write the
report through `document`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from wargame.analysis.aggregate import Aggregate
from wargame.analysis.aggregate_io import from_dict
from wargame.analysis.findings import findings
from wargame.analysis.tasks import Batch, Group, batch_size, plan, play_batch, remember
from wargame.analysis.vary import load_varied, parse_vary
from wargame.engine.sessions import apply_session
from wargame.scenario import Scenario

if TYPE_CHECKING:
    from wargame.analysis.backends import Backend


@dataclass
class Sweep:
    """Everything one run plays: groups with their loaded scenarios, and what each point varies."""

    name: str  # the scenario as the user named it (for the commands that replay a problem game)
    groups: list[Group] = field(default_factory=list)
    scenarios: list[Scenario] = field(default_factory=list)
    # a --vary point: (which --vary, key, value); None for the base; (-1, "session", id) for a preset
    points: list[tuple[int, str, int | float | str] | None] = field(default_factory=list)

    def add(self, group: Group, scenario: Scenario, point: tuple[int, str, int | float | str] | None = None) -> None:
        self.groups.append(group)
        self.scenarios.append(scenario)
        self.points.append(point)
        remember(group, scenario)

    def empty(self) -> list[Aggregate]:
        return [Aggregate(s, g.seats) for g, s in zip(self.groups, self.scenarios, strict=True)]


def prepare(
    name: str,
    path: str,
    scenario: Scenario,
    text: str,
    seats: dict[str, str],
    vary: list[str],
    presets: tuple[Scenario, ...] = (),
) -> Sweep:
    """The base group, one group per value of each `--vary`, then one per further session preset
    (all checked before a game is played). `scenario` may carry a preset (--session): every group
    but the other presets' plays with it."""
    sweep = Sweep(name)
    base = scenario.session.id if scenario.session is not None else ""
    sweep.add(Group("", text, path, seats, session=base), scenario)
    for n, spec in enumerate(vary):
        key, values = parse_vary(spec)
        for value in values:
            varied, vtext = load_varied(text, path, key, value)
            sweep.add(
                Group(f"{key}={value}", vtext, path, seats, session=base), apply_session(varied, base), (n, key, value)
            )
    for other in presets:
        sid = other.session.id if other.session is not None else ""
        sweep.add(Group(f"session={sid}", text, path, seats, session=sid), other, (-1, "session", sid))
    return sweep


def run(
    sweep: Sweep,
    first: int,
    end: int,
    master: int,
    backend: Backend,
    batch: int,
    tick: Callable[[int], None] | None = None,
    first_game: Callable[[float], None] | None = None,
) -> list[Aggregate]:
    """Games first..end-1 of every group, as one set of batches on one backend: the totals per group.

    The caller has entered the backend (`with backend:`), so one pool or
    cluster can serve several runs.
    The first game is played here while the workers start on the rest: its
    time (given to `first_game`) tells the pace of the whole run at once.
    """
    aggs = sweep.empty()

    def fold(b: Batch, totals: dict) -> None:
        group = sweep.groups[b.group]
        aggs[b.group].merge(from_dict(sweep.scenarios[b.group], group.seats, totals))
        if tick:
            tick(b.games)

    size = batch_size(batch, len(sweep.groups) * (end - first), backend.workers)
    batches = plan(len(sweep.groups), first, end, size)
    head, rest = Batch(0, first, first + 1), batches[1:]
    if batches[0].games > 1:
        rest.insert(0, Batch(0, first + 1, batches[0].end))
    pending = backend.start(sweep.groups, rest, master)
    started = time.monotonic()
    fold(head, play_batch(sweep.groups[0], head.first, head.end, master))
    if first_game:
        first_game(time.monotonic() - started)
    for b, totals in pending:
        fold(b, totals)
    return aggs


def reproduce(name: str, seed: int, seats: dict[str, str], vary: str = "") -> str:
    """The command that replays one game, for a problem report."""
    levels = sorted(sorted(set(seats.values())), key=list(seats.values()).count, reverse=True)
    common = levels[0]  # the level most seats have; the others are named with --seat
    cmd = f"wargame autoplay {name} --seed {seed} --bots {common}"
    cmd += "".join(f" --seat {f}={lv}" for f, lv in seats.items() if lv != common)
    return cmd + (f" (with {vary})" if vary else "")


def group_report(sweep: Sweep, k: int, agg: Aggregate) -> dict:
    report = agg.report()
    group = sweep.groups[k]
    for ex in report["problems"]["examples"]:
        ex["reproduce"] = reproduce(sweep.name, ex["seed"], group.seats, group.label)
    report["findings"] = findings(sweep.scenarios[k], report)
    return report


def _per_session(scenario: Scenario, report: dict) -> dict:
    """One preset's line of the 'win rates per session preset' table."""
    p = scenario.session
    return {
        "session": p.id if p else None,
        "title": p.title if p else "as written",
        "orders": scenario.orders,
        "turns": scenario.turns - scenario.initial[0] + 1,
        "win_rate": {f["id"]: f["win_rate"] for f in report["factions"]},
        "ci95": {f["id"]: f["ci95"] for f in report["factions"]},
        "draw_rate": report["draws"]["rate"],
        "problems": report["problems"]["games"],
    }


def document(sweep: Sweep, settings: dict, aggs: list[Aggregate]) -> dict:
    """The report of a whole run, as `--json` writes it: the base report, then the sensitivity points."""
    base = sweep.scenarios[0]
    doc: dict[str, Any] = {
        "scenario": {"id": base.id, "title": base.title, "digest": base.digest},
        "settings": settings,
        "report": group_report(sweep, 0, aggs[0]),
    }
    sensitivity: list[dict] = []
    last = None
    sessions = [
        _per_session(sweep.scenarios[k], group_report(sweep, k, aggs[k]))
        for k, point in enumerate(sweep.points)
        if point is not None and point[0] == -1
    ]
    if sessions:
        doc["sessions"] = [_per_session(base, doc["report"]), *sessions]
    for k, point in enumerate(sweep.points):
        if point is None or point[0] == -1:
            continue
        n, key, value = point
        if n != last:
            sensitivity.append({"key": key, "points": []})
            last = n
        r = group_report(sweep, k, aggs[k])
        sensitivity[-1]["points"].append(
            {
                "value": value,
                "win_rate": {f["id"]: f["win_rate"] for f in r["factions"]},
                "ci95": {f["id"]: f["ci95"] for f in r["factions"]},
                "draw_rate": r["draws"]["rate"],
                "problems": r["problems"]["games"],
            }
        )
    if sensitivity:
        doc["sensitivity"] = sensitivity
    return doc
